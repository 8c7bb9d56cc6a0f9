""""Show as table" on the agent's trend chart: every plotted value and coaching marker as a text row, reached and
left by keyboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachdesk.reports.charts.trend_data import AgentTrendData, BehaviourPanel, BehaviourSeries, KpiPanel, Marker
from coachdesk.ui.widgets.trend_table import TrendTableModel, trend_rows
from tests.ui.a11y_checks import problems
from tests.ui.test_trend_view import coached  # noqa: F401 - Amelia's six weeks of figures and coaching

D1, D2 = date(2026, 11, 2), date(2026, 11, 9)


def _data() -> AgentTrendData:
    aht = KpiPanel("AHT", "Average handle time", "seconds", "m:ss", "lower_better", ((D1, 330.0), (D2, 301.0)),
                   rolling=((D2, 315.5),), team_average=((D1, 340.0),), target=300.0)
    csat = KpiPanel("CSAT", "Satisfied customers", "percent", "0.0%", "higher_better", ((D2, 0.884),))
    listening = BehaviourSeries("LISTEN", "Listening", ((D1, 62.5, 4), (D2, 80.0, 5)))
    return AgentTrendData("a", "Amelia Brown", D1, D2, "week", (aht, csat), BehaviourPanel("By category", (listening,)),
                          (Marker(D2, "feedback", "Feedback from Laura Bennett", "f", "AHT: 5:30 → 5:01"),
                           Marker(D1, "observation", "Observed by Laura Bennett", "o")))


def test_every_plotted_value_and_marker_is_a_row() -> None:
    rows = trend_rows(_data())
    assert [(r.day, r.series, r.value) for r in rows] == [
        (D1, "Average handle time", "5:30"), (D1, "Listening", "62 / 100"), (D1, "Coaching: Observation", ""),
        (D2, "Average handle time", "5:01"), (D2, "Satisfied customers", "88.4%"), (D2, "Listening", "80 / 100"),
        (D2, "Coaching: Feedback", "")]
    first, second = rows[0], rows[3]
    assert first.notes == "team average 5:40; target 5:00"
    assert second.notes == "trailing mean 5:16; target 5:00"  # 315.5 s in the chart's m:ss
    assert "too few to compare (fewer than 5)" in rows[1].notes and "4 observations" in rows[1].notes
    assert rows[5].notes == "5 observations"  # five is enough: drawn solid, no warning
    assert rows[6].notes == "Feedback from Laura Bennett · AHT: 5:30 → 5:01"


def test_show_as_table_by_keyboard(qtbot, window, coached) -> None:  # noqa: ANN001, F811
    assert window.open_agent(coached)
    view = window.pages["agent"].trend_view
    qtbot.waitUntil(lambda: view.data is not None and view.data.agent_uuid == coached)
    panel, toggle = view.table, view.table.toggle
    assert not panel.isVisible() and view.canvas.isVisible()
    toggle.setFocus()
    qtbot.waitUntil(toggle.hasFocus)
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert panel.isVisible() and not view.canvas.isVisible()
    assert QApplication.focusWidget() is panel.table and panel.table.currentIndex().row() == 0
    model = panel.model
    texts = [(model.row_at(r).series, model.row_at(r).value) for r in range(model.rowCount())]
    first = view.data.kpis[0]
    assert sum(1 for series, _ in texts if series == first.label) == len(first.points) > 0
    kinds = {series for series, _ in texts if series.startswith("Coaching:")}
    assert kinds == {"Coaching: Observation", "Coaching: Feedback", "Coaching: Recognition"}
    assert model.rowCount() == sum(len(p.points) for p in view.data.kpis) + len(view.data.markers) + sum(
        len(s.points) for s in (view.data.behaviours.series if view.data.behaviours else ()))
    assert toggle.text() == "C&hart" and toggle.accessibleName() == "Show as chart" and not problems(view)
    toggle.setFocus()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert not panel.isVisible() and view.canvas.isVisible() and toggle.text() == "&Table" and toggle.accessibleName() == "Show as table"
    assert TrendTableModel.NOTES == 3
