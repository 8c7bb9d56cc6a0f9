"""What the main window does for the quick switcher's found records, the first run's "who is using CoachDesk?" and
the status line after demo data (kept here so ``main_window`` stays small)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def open_found(window: Any, kind: str, uuid: str, agent_uuid: str = "") -> bool:
    """Open what the quick switcher found: a team on the Team page, a goal or objective in the Goals tree, a
    one-to-one on the One-to-ones page (its agent), an observation note on its agent's page."""
    if kind == "team":
        page = window.show_page("team")
        return bool(getattr(page, "open_team", lambda _u: False)(uuid))
    if kind in ("goal", "objective"):
        page = window.show_page("goals")
        page.reload_tree(uuid)
        return True
    if kind == "one_to_one" and agent_uuid:
        return window.prepare_one_to_one(agent_uuid)
    return window.open_agent(agent_uuid) if agent_uuid else False


def show_demo_loaded(window: Any, summary: Any, counts: Any) -> None:
    """The status line after demo data: the head count as the Today tiles count it (active agents, active teams)."""
    def n(value: Any) -> str:
        return QLocale().toString(int(value or 0))

    window.statusBar().showMessage(_tr(
        "Demo data loaded: {agents} active agents in {teams} teams, {figures} KPI figures, {observations} "
        "observations and {one_to_ones} one-to-ones.").format(
        agents=n(counts.agents), teams=n(counts.teams), figures=n(getattr(summary, "kpi_figures", 0)),
        observations=n(getattr(summary, "observations", 0)),
        one_to_ones=n(getattr(summary, "one_to_ones", 0))), 15_000)


def ask_who_is_using(window: Any) -> Any:
    """The first run with nobody signed in: ask who is using CoachDesk, offering the person whose login fits the
    computer's; asked once (File › Signed in as… changes it later). Returns the dialog, or None."""
    from coachdesk.ui.actions import people

    offered = people.who_question_now(window, window.ctx)
    if offered is False:
        return None
    dialog = window.choose_signed_in()
    dialog.setWindowTitle(_tr("Who is using CoachDesk?"))
    if offered is not None:
        dialog.offer(offered.uuid)
    people.mark_who_asked(window, window.ctx)
    return dialog
