"""The agent trend view and the team dashboard: switching agents redraws the canvas, a marker's tooltip and click
open its record, the coaching-effect table fills, export writes files, and the team heat map drills into agents."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QToolTip

from coachdesk.domain.enums import NoteKind
from coachdesk.reports.charts.agent_trends import marker_position
from coachdesk.services import feedback as fb
from coachdesk.services import observation as obs
from coachdesk.ui.kit.tables import SORT_ROLE
from tests.ui.naming import unnamed_widgets

TODAY = date.today()


@pytest.fixture
def coached(ctx, sample):  # noqa: ANN001, ANN201
    """Amelia: six weeks of AHT and contacts, an observation with delivered feedback targeting AHT, a recognition."""
    from sqlalchemy import select

    from coachdesk.storage.models import Feedback, KpiDefinition, KpiFigure, Person, Recognition

    agent = sample.agent_uuids["Amelia Brown"]
    event = datetime.now(UTC) - timedelta(days=20)
    session = obs.start_session(ctx.db, agent, observer_uuid=sample.leader_uuids["Laura Bennett"], at=event)
    ids = {b.code: b.id for b in session.framework.behaviours}
    call, _ = obs.start_interaction(ctx.db, session.uuid, "CALL-7", at=event)
    obs.rate(ctx.db, session.uuid, ids["LISTEN"], "3", call.uuid)
    obs.add_note(ctx.db, session.uuid, "Summarised well", NoteKind.STRENGTH, call.uuid, ids["LISTEN"])
    obs.end_session(ctx.db, session.uuid, at=event + timedelta(minutes=15))
    fb.save_feedback(ctx.db, session.uuid, "Summaries", "Shorter holds", delivered_at=event + timedelta(hours=1),
                     target_behaviour_id=ids["RESOLVE"])
    with ctx.db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == agent))
        kpis = dict(s.execute(select(KpiDefinition.code, KpiDefinition.id)).all())
        fb_row = s.scalar(select(Feedback).where(Feedback.agent_id == pid))
        fb_row.target_kpi_id = kpis["AHT"]
        for n in range(42):
            day = TODAY - timedelta(days=n + 1)
            if day.weekday() < 5:
                s.add(KpiFigure(person_id=pid, kpi_id=kpis["AHT"], period_start=day, period_end=day,
                                value=330.0 - (30.0 if n < 20 else 0.0) + (n % 3)))
                s.add(KpiFigure(person_id=pid, kpi_id=kpis["ANSWERED"], period_start=day, period_end=day, value=25.0))
        s.add(Recognition(agent_id=pid, title="Calm with an angry caller", what_they_did="Kept calm",
                          recognised_on=TODAY - timedelta(days=5)))
    return agent


def _click(qtbot, view, marker, button=Qt.MouseButton.LeftButton) -> None:  # noqa: ANN001
    x, y = marker_position(view.figure, marker)
    ratio = view.canvas.device_pixel_ratio or 1
    point = QPoint(round(x / ratio), round(view.canvas.height() - y / ratio))
    QTest.mouseClick(view.canvas, button, Qt.KeyboardModifier.NoModifier, point)


def agent_line_on_canvas(view, ax) -> bool:  # noqa: ANN001
    """Whether the agent's line colour shows inside ``ax`` on the canvas as painted."""
    pixels = np.asarray(view.canvas.buffer_rgba())[:, :, :3].astype(int)
    x0, x1 = (int(v) for v in ax.bbox.intervalx)
    y0, y1 = (pixels.shape[0] - int(v) for v in ax.bbox.intervaly[::-1])
    agent_blue = np.array([round(c * 255) for c in to_rgb(view.chart_style().line)])
    return bool((np.abs(pixels[y0:y1, x0:x1] - agent_blue).sum(axis=-1) < 40).any())


def test_switching_agents_redraws_the_trends(qtbot, window, sample, coached) -> None:  # noqa: ANN001
    page = window.pages["agent"] if window.open_agent(coached) else None
    view = page.trend_view
    assert view.isVisible() and view.data.agent_uuid == coached
    assert [p.code for p in view.data.kpis] and view.data.kpis[0].points  # AHT figures drawn
    assert {m.kind for m in view.data.markers} == {"observation", "feedback", "recognition"}
    assert "Amelia Brown" in view.status.text()
    assert view.last_timing["draw_ms"] > 0
    aht_axes = view.figure.axes[[p.code for p in view.data.kpis].index("AHT")]
    first_axes = list(view.figure.axes)
    qtbot.waitUntil(lambda: np.asarray(view.canvas.buffer_rgba()).shape[:2] == (view.canvas.height(),
                                                                                view.canvas.width()))
    assert agent_line_on_canvas(view, aht_axes)  # the page laid out: drawn again at the canvas's size
    with qtbot.waitSignal(view.drawn, timeout=5000) as drawn:
        assert window.open_agent(sample.agent_uuids["Bartłomiej Nowak"])
    assert drawn.args == [sample.agent_uuids["Bartłomiej Nowak"]]
    assert view.data.agent_name == "Bartłomiej Nowak" and view.data.markers == ()
    assert list(view.figure.axes) == first_axes  # the same axes, new data
    assert not any(len(line.get_xdata()) for line in aht_axes.lines[2:4])  # nothing left of Amelia's AHT
    # and none of her line left on the canvas either: the per-agent layer was drawn over a clean background
    assert not agent_line_on_canvas(view, aht_axes)
    assert "Bartłomiej Nowak" in view.status.text()
    assert unnamed_widgets(view) == []


def test_the_coaching_effect_table_and_marker_tooltip(qtbot, window, coached) -> None:  # noqa: ANN001
    window.resize(1280, 720)
    window.open_agent(coached)
    view = window.pages["agent"].trend_view
    # below the fold: it loads once the agent has stayed shown a moment (or when scrolled to; see the next test)
    assert view.effects.row_count() == 0 and view.effects_pause.isActive()
    qtbot.waitUntil(lambda: view.effects.row_count() == 1, timeout=3000)
    assert isinstance(view.effects.proxy.index(0, 0).data(SORT_ROLE), str)  # a key Qt can compare
    row = view.effects.model.row_at(0)
    assert row.kpi_code == "AHT" and row.effect.change == pytest.approx(-30.0, abs=3.0)
    assert row.verdict == "better"
    feedback = next(m for m in view.data.markers if m.kind == "feedback")
    text = view.marker_text(feedback)
    assert "Feedback from Laura Bennett" in text and "AHT:" in text and "95%" in text
    x, y = marker_position(view.figure, feedback)
    point = QPointF(round(x), round(view.canvas.height() - y))
    QApplication.sendEvent(view.canvas, QMouseEvent(QEvent.Type.MouseMove, point, view.canvas.mapToGlobal(point),
                                                    Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                    Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: "Feedback from Laura Bennett" in QToolTip.text(), timeout=3000)


def test_the_effect_table_loads_when_scrolled_to_and_only_for_the_last_agent(qtbot, window, coached,  # noqa: ANN001
                                                                            sample) -> None:  # noqa: ANN001
    window.resize(1280, 720)  # the laptop: the effect table is below the fold
    window.open_agent(coached)
    page = window.pages["agent"]
    view = page.trend_view
    scroll = page.findChild(QScrollArea, "agentDetailScroll")
    scroll.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    assert not view.effects_in_view()
    window.open_agent(sample.agent_uuids["Bartłomiej Nowak"])
    assert view.data.agent_name == "Bartłomiej Nowak" and view.effects_pause.isActive()
    assert view.effects.row_count() == 0
    window.open_agent(coached)  # before the pause ends: Bartłomiej's effects are never read
    assert view.data.agent_uuid == coached and view.effects.row_count() == 0
    scroll.ensureWidgetVisible(view.effects)  # scrolled to the table: it loads at once, without the pause
    assert view.effects.row_count() == 1 and not view.effects_pause.isActive()
    assert view.effects.model.row_at(0).agent_uuid == coached
    qtbot.wait(400)  # the pause that was running for Bartłomiej has no effect left to load
    assert [view.effects.model.row_at(0).agent_uuid] == [coached] and view.effects.row_count() == 1


def test_clicking_markers_opens_their_records(qtbot, window, coached) -> None:  # noqa: ANN001
    window.open_agent(coached)
    page = window.pages["agent"]
    view = page.trend_view
    markers = {m.kind: m for m in view.data.markers}
    with qtbot.waitSignal(view.record_requested, timeout=3000) as requested:
        _click(qtbot, view, markers["recognition"])
    assert requested.args == ["recognition", markers["recognition"].uuid]
    assert page.record_dialog.isVisible() and page.record_dialog.windowTitle() == "Calm with an angry caller"
    page.record_dialog.reject()
    _click(qtbot, view, markers["observation"])
    session_dialog = page.history_view.dialog
    assert session_dialog is page.record_dialog and session_dialog.isVisible()
    session_dialog.reject()
    _click(qtbot, view, markers["feedback"])
    assert page.record_dialog.windowTitle() == "Feedback from Laura Bennett"
    page.record_dialog.reject()


def test_period_granularity_and_export(qtbot, window, coached, tmp_path) -> None:  # noqa: ANN001
    window.open_agent(coached)
    view = window.pages["agent"].trend_view
    view.period.setCurrentIndex(0)  # last 30 days
    assert view.data.start == TODAY - timedelta(days=29)
    view.granularity.setCurrentIndex(0)  # day
    assert view.data.granularity == "day"
    aht = next(p for p in view.data.kpis if p.code == "AHT")
    assert all(d >= view.data.start for d, _v in aht.points) and len(aht.points) > 10
    png, svg = view.export("png", str(tmp_path / "t.png")), view.export("svg", str(tmp_path / "t.svg"))
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG" and png.endswith(".png")
    assert b"<svg" in (tmp_path / "t.svg").read_bytes()[:400] and svg.endswith(".svg")
    view.period.setCurrentIndex(3)  # custom: date fields appear
    assert view.start_edit.isVisible() and view.end_edit.isVisible()


def test_team_dashboard_heat_map_sorts_and_drills_into_the_agent(qtbot, window, sample, coached) -> None:  # noqa: ANN001
    page = window.show_page("team")
    board = page.dashboard
    board.show_team(board.team.itemData(board.team.findText("Billing")))
    assert board.view is not None and board.view.team_name == "Billing"
    names = [board.heat.model().index(r, 0).data() for r in range(board.heat.model().rowCount())]
    assert "Amelia Brown" in names and names == sorted(names, key=str.casefold)
    listen = 1 + [code for code, _n in board.view.behaviours].index("LISTEN")
    amelia_row = names.index("Amelia Brown")
    cell = board.heat.model().index(amelia_row, listen)
    assert cell.data() == "67  n=1 ⚠"  # one observation rated 3 of 4 (0.67): flagged too few
    assert "too few" in cell.data(Qt.ItemDataRole.AccessibleTextRole)
    board.heat.sortByColumn(listen, Qt.SortOrder.DescendingOrder)
    assert board.heat.model().index(0, 0).data() == "Amelia Brown"
    assert board.rollup_model.rowCount() == 0  # the coaching-effect roll-up is read when its tab is shown
    board.tabs.setCurrentWidget(board.effects_page)
    assert board.rollup_model.rowCount() >= 1 and board.rollup_model.row_at(0).group_kind == "team"
    board.tabs.setCurrentWidget(board.heat)
    assert unnamed_widgets(board) == []
    board.heat.activated.emit(board.heat.model().index(0, 0))
    assert window.current_page_key() == "agent"
    assert window.pages["agent"].current_uuid() == coached





def test_the_effect_chart_is_made_and_drawn_only_while_its_tab_is_shown(qtbot, window, coached,  # noqa: ANN001
                                                                         monkeypatch) -> None:
    from coachdesk.ui.widgets import team_heatmap

    drawn: list[list[str]] = []
    real = team_heatmap.draw_effect_rollup
    monkeypatch.setattr(team_heatmap, "draw_effect_rollup",
                        lambda fig, labels, *a, **kw: (drawn.append(list(labels)), real(fig, labels, *a, **kw)))
    board = window.show_page("team").dashboard
    board.show_team(board.team.itemData(board.team.findText("Billing")))
    assert board.rollup_model.rowCount() == 0  # the roll-up's rows are read when its tab is first shown
    assert board.rollup_figure is None and drawn == []  # its chart (and matplotlib) waits for its tab
    board.tabs.setCurrentWidget(board.effects_page)
    assert board.rollup_model.rowCount() >= 1
    assert drawn == [["Whole team · AHT", "Laura Bennett · AHT"]]
    assert board.effects_page.widget(1) is board.rollup_canvas and board.rollup_canvas.objectName() == "teamEffectChart"
    labels = [t.get_text() for t in board.rollup_figure.axes[0].get_yticklabels()]
    assert labels == ["Whole team · AHT", "Laura Bennett · AHT"]
    board.tabs.setCurrentIndex(0)
    board.tabs.setCurrentWidget(board.effects_page)
    assert len(drawn) == 1  # shown again, same rows: not drawn again
    board.period.setCurrentIndex(0)  # the last 30 days, read while the chart shows: drawn at once
    assert len(drawn) == 2
    board.tabs.setCurrentIndex(0)
    board.period.setCurrentIndex(2)  # read while the heat map shows: drawn when the tab comes back
    assert len(drawn) == 2
    board.tabs.setCurrentWidget(board.effects_page)
    assert len(drawn) == 3 and unnamed_widgets(board) == []


def test_the_effect_roll_up_is_read_when_its_tab_shows_and_never_shows_another_team(qtbot, window, coached,  # noqa: ANN001
                                                                                     monkeypatch) -> None:
    from coachdesk.ui.widgets import team_heatmap

    read: list[str] = []
    real = team_heatmap.trends.team_effects
    monkeypatch.setattr(team_heatmap.trends, "team_effects",
                        lambda view, ctx, uuid, *a, **kw: (read.append(uuid), real(view, ctx, uuid, *a, **kw))[1])
    board = window.show_page("team").dashboard
    billing = board.team.itemData(board.team.findText("Billing"))
    other = next(board.team.itemData(i) for i in range(board.team.count()) if board.team.itemData(i) != billing)
    board.show_team(billing)
    board.reload()  # a change announced while the heat map shows: nothing read for the hidden tab
    assert read == []
    board.tabs.setCurrentWidget(board.effects_page)
    assert read == [billing] and board.rollup_model.rowCount() >= 1
    board.tabs.setCurrentWidget(board.heat)
    board.tabs.setCurrentWidget(board.effects_page)
    assert read == [billing]  # shown again with the same team and period: not read again
    board.tabs.setCurrentWidget(board.heat)
    board.show_team(other)
    assert board.rollup_model.rowCount() == 0 and read == [billing]  # Billing's rows are gone, the other's wait
    board.tabs.setCurrentWidget(board.effects_page)
    assert read == [billing, other]
    board.reload()  # a change while the roll-up shows: read again at once
    assert read == [billing, other, other]


def test_dashboard_tables_fit_their_rows_once_per_load_and_a_hidden_tab_when_shown(qtbot, window, coached,  # noqa: ANN001
                                                                                   monkeypatch) -> None:
    from PySide6.QtWidgets import QHeaderView

    from coachdesk.ui.widgets import team_heatmap

    fitted: list[str] = []
    real = team_heatmap.fit_now
    monkeypatch.setattr(team_heatmap, "fit_now", lambda table: (fitted.append(table.objectName()), real(table)))
    board = window.show_page("team").dashboard
    board.show_team(board.team.itemData(board.team.findText("Billing")))
    fitted.clear()
    board.reload()  # the team read again (F5, a change): its rows come while the heat map is shown
    assert fitted == ["teamBehaviourHeatmap"]  # the KPI, correlation and roll-up tabs are hidden: not measured

    def fits(table) -> bool:  # noqa: ANN001 - each column as wide as its widest cell or its title
        header = table.horizontalHeader()
        return all(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive and table.columnWidth(c) ==
                   max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count()))

    assert board.heat.model().rowCount() > 0 and fits(board.heat)
    board.tabs.setCurrentWidget(board.kpis)
    assert fitted == ["teamBehaviourHeatmap", "teamKpiTargets"] and fits(board.kpis)
    board.tabs.setCurrentWidget(board.heat)
    assert len(fitted) == 2  # shown again with the same rows: not measured again
    board.tabs.setCurrentWidget(board.effects_page)
    assert fitted[-1] == "teamEffectRollup" and board.rollup.model().rowCount() >= 1 and fits(board.rollup)
