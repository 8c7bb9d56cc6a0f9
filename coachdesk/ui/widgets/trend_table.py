""""Show as table": the trend chart's plotted values and coaching markers as text rows (a kit table), for keyboard
and screen-reader users and anyone who wants the figures; a toggle swaps it with the chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from coachdesk.domain.kpi_format import format_value
from coachdesk.reports.charts.trend_data import MARKER_KINDS, AgentTrendData
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.tables import Column, RowTableModel, table_view
from coachdesk.ui.kit.words import date_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrendTable", text)


@dataclass(frozen=True)
class TrendRow:
    """One plotted point or one marker: its day, the series (a KPI, a behaviour, or a coaching event), the value as
    the chart shows it, and what else the chart says about it."""

    day: date
    series: str
    value: str
    notes: str = ""
    order: int = 0  # KPIs, then behaviours, then markers, within a day


_MARKER_NAMES = {"observation": "Observation", "feedback": "Feedback", "one_to_one": "One-to-one",
                 "recognition": "Recognition"}


def trend_rows(data: AgentTrendData) -> list[TrendRow]:
    """Every value the chart plots (KPI points with their trailing mean, the team's average and the target;
    behaviour scores with the observations behind them) and every coaching marker, by day."""
    rows: list[TrendRow] = []
    for number, panel in enumerate(data.kpis):
        rolling, team = dict(panel.rolling), dict(panel.team_average)

        def text(value: float | None, panel: Any = panel) -> str:
            return format_value(value, panel.unit, panel.display_format)

        for day, value in panel.points:
            notes = []
            if day in rolling:
                notes.append(_tr("trailing mean {value}").format(value=text(rolling[day])))
            if day in team:
                notes.append(_tr("team average {value}").format(value=text(team[day])))
            if panel.target is not None:
                notes.append(_tr("target {value}").format(value=text(panel.target)))
            rows.append(TrendRow(day, panel.label, text(value), "; ".join(notes), number))
    if data.behaviours is not None:
        low = data.behaviours.min_observations
        for series in data.behaviours.series:
            for day, score, count in series.points:
                notes = _tr("{n} observations").format(n=count) if count != 1 else _tr("1 observation")
                if count < low:
                    notes += "; " + _tr("too few to compare (fewer than {n})").format(n=low)
                rows.append(TrendRow(day, series.label, f"{score:.0f} / 100", notes, 100))
    for marker in data.markers:
        kind = _tr(_MARKER_NAMES.get(marker.kind, marker.kind))
        notes = " · ".join(part for part in (marker.label, marker.detail) if part)
        rows.append(TrendRow(marker.day, _tr("Coaching: {kind}").format(kind=kind), "", notes,
                             200 + MARKER_KINDS.index(marker.kind) if marker.kind in MARKER_KINDS else 299))
    return sorted(rows, key=lambda r: (r.day, r.order, r.series))


class TrendTableModel(RowTableModel):
    TR_CONTEXT = "TrendTableModel"
    DAY, SERIES, VALUE, NOTES = range(4)
    COLUMNS = (Column("Date", lambda r: date_text(r.day), sort_key=lambda r: r.day),
               Column("Series", lambda r: r.series), Column("Value", lambda r: r.value, align_right=True),
               Column("Notes", lambda r: r.notes))


class TrendTable(QWidget):
    """The table, hidden until its ``toggle`` ("Show as table", a checkable button in the chart's controls) is
    on; then the chart it is paired with hides and the table takes the keyboard focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendTablePanel")
        self.chart: QWidget | None = None
        #: data given while the table was hidden, put in rows when it is shown (most agents are never seen as text)
        self._pending: AgentTrendData | None = None
        self._stale = False
        self.model = TrendTableModel(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = table_view(self, "trendTable", self.tr("Trend values and coaching events"), self.model,
                                sort_column=TrendTableModel.DAY, stretch=TrendTableModel.NOTES)
        layout.addWidget(self.table)
        self.toggle = named(QToolButton(parent), "trendShowTable", self.tr("Show as table"))
        self.toggle.setText(self.tr("&Table"))
        self.toggle.setCheckable(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.setToolTip(self.tr("The chart's values and coaching events as a table"))
        self.toggle.toggled.connect(self.show_table)
        self.hide()

    def pair_with(self, chart: QWidget, height: int) -> None:
        """Swap with ``chart`` (the table takes the chart's height, so the page below does not move)."""
        self.chart = chart
        self.table.setMinimumHeight(min(height, 360))
        self.setFixedHeight(height)

    def set_data(self, data: AgentTrendData | None) -> None:
        """The chart's data; made into rows now when the table is shown, else when it is next shown."""
        self._pending, self._stale = data, True
        if self.toggle.isChecked():
            self._fill()

    def _fill(self) -> None:
        if self._stale:
            self.model.set_rows(trend_rows(self._pending) if self._pending is not None else [])
            self._pending, self._stale = None, False

    def show_table(self, on: bool) -> None:
        if on:
            self._fill()
        self.setVisible(on)
        if self.chart is not None:
            self.chart.setVisible(not on)
        self.toggle.setText(self.tr("C&hart") if on else self.tr("&Table"))  # short: the chart's control row is full
        self.toggle.setAccessibleName(self.tr("Show as chart") if on else self.tr("Show as table"))
        if on:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.model.rowCount() and not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.table.model().index(0, 0))
