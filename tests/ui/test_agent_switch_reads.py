"""Agent to agent: one header read per switch, and the KPI menu's choices read when the menu opens (or once the agent
stays shown), not for every agent passed."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QScrollArea

from coachdesk.ui import tasks
from coachdesk.ui.actions import people as people_actions


def test_opening_an_agent_reads_their_header_once(qtbot, window, sample, monkeypatch) -> None:  # noqa: ANN001
    reads: list[str] = []
    real = people_actions.agent_header

    def counted(view, ctx, uuid, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        reads.append(uuid)
        return real(view, ctx, uuid, *args, **kwargs)

    monkeypatch.setattr(people_actions, "agent_header", counted)
    page = window.show_page("agent")
    tasks.set_synchronous(False)  # the list's selection changes while the header is still being read
    try:
        for name in ("Amelia Brown", "Chloé Martin"):
            uuid = sample.agent_uuids[name]
            assert page.open_agent(uuid)
            qtbot.waitUntil(lambda uuid=uuid: page.current_uuid() == uuid, timeout=10_000)
            assert page.table.currentIndex().data() == name  # chosen in the list too
            assert tasks.wait_for_all()
            qtbot.wait(20)
    finally:
        tasks.set_synchronous(True)
    assert reads == [sample.agent_uuids["Amelia Brown"], sample.agent_uuids["Chloé Martin"]]
    # choosing another agent in the list still reads theirs
    page.table.setCurrentIndex(page.model.index(page.model.row_of_uuid(sample.agent_uuids["Farah Khan"]), 0))
    assert reads[-1] == sample.agent_uuids["Farah Khan"] and page.shown_name() == "Farah Khan"


def _kpi_actions(view) -> list:  # noqa: ANN001
    return [action for action in view.kpi_menu.actions() if action.isCheckable()]


def test_kpi_choices_are_read_when_the_menu_opens_or_the_agent_stays(qtbot, window, sample) -> None:  # noqa: ANN001
    window.resize(1280, 720)
    page = window.show_page("agent")
    view = page.trend_view
    page.open_agent(sample.agent_uuids["Amelia Brown"])
    assert view.data is not None and view.data.agent_name == "Amelia Brown"
    assert view.kpi_menu.actions() == []  # the chart is drawn; the menu's choices are not read yet
    view.kpi_menu.aboutToShow.emit()  # the menu opens: read now
    assert _kpi_actions(view), "the menu lists the agent's KPIs once it opens"
    view.kpi_menu.aboutToShow.emit()  # opened again: nothing read again (the same actions stay)
    first = _kpi_actions(view)
    view.kpi_menu.aboutToShow.emit()
    assert _kpi_actions(view) == first
    scroll = page.findChild(QScrollArea, "agentDetailScroll")
    scroll.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    assert not view.effects_in_view()  # the laptop: the effect table is below the fold
    page.open_agent(sample.agent_uuids["Chloé Martin"])
    assert _kpi_actions(view) == first  # still the last read: switching did not read
    assert view.effects_pause.isActive()
    qtbot.waitUntil(lambda: _kpi_actions(view) != first, timeout=3000)  # the agent stayed shown: read with the table
    assert not view.effects_pause.isActive()


def test_the_history_is_read_once_the_chart_is_drawn_and_only_for_the_agent_shown(qtbot, window, sample,  # noqa: ANN001
                                                                                  monkeypatch) -> None:
    from coachdesk.services import trends as trends_api
    from coachdesk.ui.actions import observation as observation_actions

    order: list[tuple[str, str]] = []
    real_history, real_trend = observation_actions.agent_history, trends_api.agent_trend_data
    monkeypatch.setattr(observation_actions, "agent_history", lambda view, ctx, uuid, *a, **kw: (
        order.append(("history", uuid)), real_history(view, ctx, uuid, *a, **kw))[1])
    page = window.show_page("agent")
    page.trend_view.drawn.connect(lambda uuid: order.append(("drawn", uuid)))
    amelia, chloe = sample.agent_uuids["Amelia Brown"], sample.agent_uuids["Chloé Martin"]
    assert page.open_agent(amelia)
    # the chart first (the reads would otherwise share Python's lock with it), the history after it
    assert order == [("drawn", amelia), ("history", amelia)]
    assert page.history_view.agent_uuid == amelia and page.trend_view.data.agent_name == "Amelia Brown"

    def broken(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError("disk error")

    monkeypatch.setattr(trends_api, "agent_trend_data", broken)
    order.clear()
    assert page.open_agent(chloe)
    assert order == [("history", chloe)]  # a chart that could not be read does not hold the history back
    assert page.history_view.agent_uuid == chloe

    order.clear()
    tasks.set_synchronous(False)  # a second agent chosen while the first one's chart is still being read
    try:
        monkeypatch.setattr(trends_api, "agent_trend_data", lambda *a, **kw: (time.sleep(0.3), real_trend(*a, **kw))[1])
        page.open_agent(amelia)
        qtbot.waitUntil(lambda: page.current_uuid() == amelia, timeout=10_000)
        page.open_agent(chloe)
        qtbot.waitUntil(lambda: ("history", chloe) in order, timeout=10_000)
        assert tasks.wait_for_all()
        qtbot.wait(50)
    finally:
        tasks.set_synchronous(True)
    assert ("history", amelia) not in order  # Amelia's chart was dropped for Chloé's: her history never read
    assert order[-1] == ("history", chloe)
