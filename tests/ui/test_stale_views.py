"""Views never go stale: a write made on one screen shows on every screen that shows those records, at once when
visible and on the next show when hidden, without F5 (the change channel, ``ui.kit.changes``)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from coachdesk.domain.enums import MeasureKind, ObjectiveStatus
from coachdesk.services import goals as goals_api
from coachdesk.services import kpis as kpis_api
from coachdesk.ui.actions import kpis as kpi_actions

ACTION = "Listen to three calls with Quinn."


def _labels(widget, qtbot) -> str:  # noqa: ANN001
    """Every label text shown inside ``widget``, once the event loop has shown new cards and deleted old ones."""
    qtbot.wait(20)
    return " | ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def _combo_texts(combo) -> list[str]:  # noqa: ANN001
    return [combo.itemText(i) for i in range(combo.count())]


def _record_held(page, agent_uuid: str, text: str = ACTION) -> None:  # noqa: ANN001
    """On the One-to-ones page: start the agent's session, add an open action they own, record it as held."""
    assert page.open_agent(agent_uuid)
    assert page.start_session()
    page.editor.items.set_lines([{"kind": "action", "text": text, "owner_uuid": agent_uuid, "status": "open",
                                  "visibility": "shared", "due_date": None, "uuid": None}])
    assert page.editor.save(held=True)


def _objective(ctx, agent_uuid: str, target: str = "300") -> goals_api.ObjectiveDetail:  # noqa: ANN001
    data = goals_api.ObjectiveInput(person_uuid=agent_uuid, statement="Bring handle time under five minutes",
                                    measure_kind=MeasureKind.KPI, kpi_code="AHT", commit="330", target=target,
                                    stretch="280", start_date=date.today() - timedelta(days=20),
                                    due_date=date.today() + timedelta(days=10))
    created = goals_api.create_objective(ctx.db, data)
    return goals_api.set_status(ctx.db, created.uuid, ObjectiveStatus.AGREED, override_reason="test")


def _figures_file(tmp_path: Path, name: str, values: list[float]) -> Path:
    days = [date.today() - timedelta(days=n) for n in range(len(values), 0, -1)]
    path = tmp_path / "aht.csv"
    rows = "".join(f"{name},{d.isoformat()},{v}\n" for d, v in zip(days, values, strict=True))
    path.write_text("Agent,Date,AHT\n" + rows, encoding="utf-8")
    return path


def _import(window, tmp_path: Path, name: str, values: list[float]):  # noqa: ANN001, ANN202
    """Import figures the way the KPIs page finishes an import (its dialog's ``imported`` signal)."""
    result = kpis_api.import_file(window.ctx.db, _figures_file(tmp_path, name, values),
                                  kpis_api.ImportOptions(auto=True))
    kpi_actions.figures_imported(result.batch_uuid)  # as the import dialog's operation announces it
    window.page("kpis")._imported(result)  # noqa: SLF001 - the page's own ending of an import
    return result


def test_record_and_acknowledge_then_prepare_shows_the_new_due_date_and_carried_items(window, sample) -> None:
    amelia = sample.agent_uuids["Amelia Brown"]
    page = window.show_page("one_to_ones")
    assert page.open_agent(amelia)
    before = page.prep.sheet
    assert before.last_session_date is None and ACTION not in [i.text for i in before.open_items]
    _record_held(page, amelia)
    dialog = page.editor.acknowledge()
    dialog.name.setText("Amelia Brown")
    dialog.accept()
    assert page.editor.record.locked
    page.tabs.setCurrentIndex(0)  # back to Prepare: no F5, no choosing the agent again
    sheet = page.prep.sheet
    assert sheet.last_session_date == date.today()
    assert sheet.due_date == date.today() + timedelta(days=sheet.cadence_days)
    assert ACTION in [i.text for i in sheet.open_items]
    header = page.prep.findChild(QLabel, "oneToOnePrepHeader").text()
    assert "last one-to-one none yet" not in header and "next " in header


def test_recording_a_one_to_one_updates_the_agent_choice_on_the_same_page(window, sample) -> None:
    amelia = sample.agent_uuids["Amelia Brown"]
    page = window.show_page("one_to_ones")
    before = page.agent.itemText(page.agent.findData(amelia))
    assert "none yet" in before
    _record_held(page, amelia)
    after = page.agent.itemText(page.agent.findData(amelia))
    assert "none yet" not in after and "upcoming" in after


def test_recording_a_one_to_one_updates_today_and_the_team_gaps(window, sample) -> None:
    amelia = sample.agent_uuids["Amelia Brown"]
    today = window.show_page("today")
    assert any("Amelia Brown" in t for t in [today.one_to_ones.due.item(i).text()
                                             for i in range(today.one_to_ones.due.count())])
    team = window.show_page("team")
    team.objectives.show_team(team.model.rows()[0].uuid)
    team._load_gaps(team.model.rows()[0].uuid)  # noqa: SLF001 - Billing, Amelia's team
    assert "Amelia Brown (never)" in team.one_to_one_gaps.text()
    _record_held(window.show_page("one_to_ones"), amelia)
    today = window.show_page("today", refresh=False)  # shown again: it reloads because it was told, not asked
    due = [today.one_to_ones.due.item(i).text() for i in range(today.one_to_ones.due.count())]
    assert not any("Amelia Brown" in t for t in due)
    team = window.show_page("team", refresh=False)
    assert "Amelia Brown" not in team.one_to_one_gaps.text()


def _edit_objective(window, qtbot, uuid: str, parent, **levels: str) -> None:  # noqa: ANN001
    """Edit an objective in the objective dialog (statement and/or levels) and save it."""
    from coachdesk.ui.dialogs.objective_dialog import ObjectiveDialog

    dialog = ObjectiveDialog(window.ctx, objective_uuid=uuid, parent=parent)
    qtbot.addWidget(dialog)
    if "statement" in levels:
        dialog.fields.statement.setPlainText(levels.pop("statement"))
    for level, text in levels.items():
        dialog.fields.level_edits[level].setText(text)
    dialog.accept()
    assert not dialog.isVisible() and not dialog.banner.text()


def test_editing_an_objective_from_the_session_record_refreshes_prepare(window, sample, qtbot) -> None:
    farah = sample.agent_uuids["Farah Khan"]
    objective = _objective(window.ctx, farah)
    page = window.show_page("one_to_ones")
    assert page.open_agent(farah)
    assert [o.statement for o in page.prep.sheet.objectives] == ["Bring handle time under five minutes"]
    _edit_objective(window, qtbot, objective.uuid, page.editor, statement="Bring handle time under four minutes")
    assert [o.statement for o in page.prep.sheet.objectives] == ["Bring handle time under four minutes"]


def test_editing_an_objective_changes_the_team_matrix_and_the_agent_cards(window, sample, qtbot) -> None:
    from tests.ui.test_goals_page import add_aht

    amelia = sample.agent_uuids["Amelia Brown"]
    objective = _objective(window.ctx, amelia)
    add_aht(window.ctx, amelia, date.today() - timedelta(days=6), [400, 395, 390, 385, 380], [20] * 5)
    team = window.show_page("team")
    team.objectives.show_team(next(t.uuid for t in team.model.rows() if t.name == "Billing"))
    amelia_row = next(r for r in team.objectives.matrix_text() if r[0] == "Amelia Brown")
    assert any("▼▼" in cell for cell in amelia_row)  # 390 s against a 300 s target
    agent = window.show_page("agent")
    assert agent.open_agent(amelia)
    assert "Far below" in _labels(agent.header_view, qtbot)
    _edit_objective(window, qtbot, objective.uuid, agent, commit="420", target="400", stretch="380")
    assert "Far below" not in _labels(agent.header_view, qtbot)  # visible: at once
    team = window.show_page("team", refresh=False)  # hidden: on the next show
    amelia_row = next(r for r in team.objectives.matrix_text() if r[0] == "Amelia Brown")
    assert not any("▼" in cell for cell in amelia_row)


def test_importing_kpi_figures_changes_the_open_agents_trend_and_today(window, sample, tmp_path) -> None:
    amelia = sample.agent_uuids["Amelia Brown"]
    _objective(window.ctx, amelia)
    agent = window.show_page("agent")
    assert agent.open_agent(amelia)
    aht = [p for p in agent.trend_view.data.kpis if p.code == "AHT"]
    assert not aht or not aht[0].points
    today = window.show_page("today")
    row = next(r for r in today.objectives_due.model.rows() if r.person_name == "Amelia Brown")
    assert row.current is None
    _import(window, tmp_path, "Amelia Brown", [290.0, 280.0, 270.0])
    today = window.show_page("today", refresh=False)
    row = next(r for r in today.objectives_due.model.rows() if r.person_name == "Amelia Brown")
    assert row.current == pytest.approx(280.0)
    agent = window.show_page("agent", refresh=False)
    aht = next(p for p in agent.trend_view.data.kpis if p.code == "AHT")
    assert [v for _d, v in aht.points] and max(v for _d, v in aht.points) <= 290.0


def test_undoing_an_import_takes_the_figures_off_the_open_agent(window, sample, tmp_path) -> None:
    amelia = sample.agent_uuids["Amelia Brown"]
    result = _import(window, tmp_path, "Amelia Brown", [250.0, 260.0])
    agent = window.show_page("agent")
    assert agent.open_agent(amelia)
    assert next(p for p in agent.trend_view.data.kpis if p.code == "AHT").points
    kpis = window.show_page("kpis")
    kpis.tabs.select_batch(result.batch_uuid)
    assert kpis.undo_selected(confirm=False)
    agent = window.show_page("agent", refresh=False)
    assert not [p for p in agent.trend_view.data.kpis if p.code == "AHT" and p.points]


def test_erasing_a_person_leaves_them_on_no_page(window, sample, qtbot) -> None:
    george = sample.agent_uuids["George Ellis"]
    for key in ("today", "team", "agent", "one_to_ones", "people"):
        window.show_page(key)
    one_to_ones = window.page("one_to_ones")
    assert any("George Ellis" in t for t in _combo_texts(one_to_ones.agent))
    people = window.show_page("people")
    assert people.select_person(george)
    dialog = people.erase_person_data()
    dialog.name_edit.setText("George Ellis")
    dialog.erase()
    agent = window.show_page("agent", refresh=False)
    assert "George Ellis" not in [agent.model.row_at(r).display_name for r in range(agent.model.rowCount())]
    one_to_ones = window.show_page("one_to_ones", refresh=False)
    assert not any("George Ellis" in t for t in _combo_texts(one_to_ones.agent))
    today = window.show_page("today", refresh=False)
    assert today.cards["agents"].value_text() == "7"
    team = window.show_page("team", refresh=False)
    assert sum(row.members for row in team.model.rows()) == 7
    assert "George Ellis" not in " ".join(" ".join(r) for r in team.objectives.matrix_text())


def test_deactivating_a_person_drops_them_from_the_one_to_ones_choice(window, sample) -> None:
    one_to_ones = window.show_page("one_to_ones")
    assert any("Hannah Schmidt" in t for t in _combo_texts(one_to_ones.agent))
    people = window.show_page("people")
    assert people.select_person(sample.agent_uuids["Hannah Schmidt"])
    people.deactivate_person(confirm=False)
    one_to_ones = window.show_page("one_to_ones", refresh=False)
    assert not any("Hannah Schmidt" in t for t in _combo_texts(one_to_ones.agent))


def test_renaming_a_team_shows_on_the_team_page_the_agent_header_and_one_to_ones(window, sample, qtbot) -> None:
    from coachdesk.ui.dialogs.team_dialog import TeamDialog

    amelia = sample.agent_uuids["Amelia Brown"]
    agent = window.show_page("agent")
    assert agent.open_agent(amelia)
    one_to_ones = window.show_page("one_to_ones")
    team = window.show_page("team")
    billing = next(r for r in team.model.rows() if r.name == "Billing")
    people = window.show_page("people")
    dialog = TeamDialog(window.ctx, billing.uuid, people)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Billing & Payments")
    dialog.accept()
    team = window.show_page("team", refresh=False)
    assert "Billing & Payments" in [r.name for r in team.model.rows()]
    agent = window.show_page("agent", refresh=False)
    assert agent.header_view.fields["team"].text() == "Billing & Payments"
    one_to_ones = window.show_page("one_to_ones", refresh=False)
    assert any("(Billing & Payments)" in t for t in _combo_texts(one_to_ones.agent))


def test_a_new_person_appears_in_the_agent_list_and_on_today(window, sample, qtbot) -> None:
    from coachdesk.ui.dialogs.person_dialog import PersonDialog

    agent = window.show_page("agent")
    assert agent.model.everyone == 10 and "of 10 people" in agent.count_label.text()
    people = window.show_page("people")
    dialog = PersonDialog(window.ctx, None, people)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Idris Lane")
    dialog.accept()
    assert dialog.saved_row is not None and dialog.saved_row.display_name == "Idris Lane"
    today = window.show_page("today", refresh=False)
    assert today.cards["people"].value_text() == "11"
    agent = window.show_page("agent", refresh=False)
    assert agent.model.everyone == 11 and "of 11 people" in agent.count_label.text()
    agent.everyone.setChecked(True)  # Idris holds no role yet: listed with everyone
    assert "Idris Lane" in [agent.model.row_at(r).display_name for r in range(agent.model.rowCount())]
