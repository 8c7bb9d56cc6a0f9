"""The team dashboard: tabs with the agents x behaviours heat map, agents x KPIs against target, behaviours <-> KPIs
correlations and the coaching-effect roll-up (table and chart); sortable; Enter or a double click opens the agent."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.scores import MIN_OBSERVATIONS
from coachdesk.reports.charts.team_heatmap import draw_effect_rollup
from coachdesk.reports.charts.trend_data import ChartStyle
from coachdesk.services import trends as trends_api
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import trends
from coachdesk.ui.kit import changes, forms, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.tables import UUID_ROLE, fit_now, table_view
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.models.team_heatmap_models import (
    BehaviourHeatModel,
    CorrelationModel,
    KpiTargetModel,
    RollupModel,
)
from coachdesk.ui.theme import is_dark, muted_label, title_label

PERIODS = ((30, "Last 30 days"), (90, "Last 90 days"), (365, "Last 365 days"))


def _table(name: str, accessible: str, model: Any, parent: QWidget, sort_column: int = 0) -> QTableView:
    """A sortable table; ``sort_column`` -1 keeps the model's own order until a header is clicked. Its columns are
    sized to their contents once each time its rows come (``fit_now``)."""
    table = table_view(parent, name, accessible, model, sort_column=sort_column, stretch=None, fit=False)
    table.setAlternatingRowColors(False)  # the cells carry their band colours
    table.setMinimumHeight(300)
    return table


class TeamDashboard(QFrame):
    """One team over a period; ``agent_requested(uuid)`` when a row of the heat map or KPI table is opened."""

    agent_requested = Signal(str)
    #: emitted once the team's view is shown (benchmarks and tests wait for it)
    shown = Signal(str)
    #: (report kind, team UUID, first day, last day): the page previews the team summary or the team's batch
    print_requested = Signal(str, str, object, object)


    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        # its tables scroll their own rows: its height does not follow its width. Otherwise a box layout gives it
        # its preferred height for the width (as if its wrapped legend were a label) and, on a page that scrolls,
        # squeezes the fixed-height teams table above so that the lines below it are drawn over it
        return False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamDashboard")
        self.ctx = ctx
        self.view: trends_api.TeamView | None = None
        self._generation = 0
        self.last_timing: dict[str, float] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(title_label(self.tr("Team dashboard"), self, factor=1.3, name="teamDashboardTitle"))
        row = QHBoxLayout()
        self.team = QComboBox(self)
        self.team.setObjectName("teamDashboardTeam")
        self.team.setAccessibleName(self.tr("Team shown on the dashboard"))
        self.team.currentIndexChanged.connect(self.reload)
        team_label = QLabel(self.tr("T&eam:"), self)
        team_label.setBuddy(self.team)
        self.period = QComboBox(self)
        self.period.setObjectName("teamDashboardPeriod")
        self.period.setAccessibleName(self.tr("Dashboard period"))
        for days, text in PERIODS:
            self.period.addItem(self.tr(text), days)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(self.reload)
        period_label = QLabel(self.tr("Pe&riod:"), self)
        period_label.setBuddy(self.period)
        for widget in (team_label, self.team, period_label, self.period):
            if widget is period_label:
                row.addSpacing(12)
            row.addWidget(widget)
        row.addStretch(1)
        for kind, name, text, tip in (
                ("team", "teamPrintSummary", self.tr("Team summary (PDF)…"),
                 self.tr("Preview and print the team summary for the period shown")),
                ("team-feedback", "teamPrintBatch", self.tr("Feedback summaries (PDF)…"),
                 self.tr("Preview and print every member's feedback summary for the period shown"))):
            button = QPushButton(text, self)
            button.setObjectName(name)
            forms.spoken(button, tip)
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, kind=kind: self._ask_print(kind))
            row.addWidget(button)
        layout.addLayout(row)
        self.status = muted_label("", self, name="teamDashboardStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("teamDashboardTabs")
        self.heat_model, self.kpi_model = BehaviourHeatModel(self), KpiTargetModel(self)
        self.correlation_model, self.rollup_model = CorrelationModel(parent=self), RollupModel(parent=self)
        self.heat = _table("teamBehaviourHeatmap", self.tr("Agents by behaviours"), self.heat_model, self)
        self.kpis = _table("teamKpiTargets", self.tr("Agents by KPIs against target"), self.kpi_model, self)
        self.correlations = _table("teamCorrelations", self.tr("Behaviours and KPIs"), self.correlation_model, self,
                                   -1)
        self.rollup = _table("teamEffectRollup", self.tr("Coaching effect roll-up"), self.rollup_model, self, -1)
        for table in (self.heat, self.kpis):
            table.activated.connect(self._open_agent)
        self.tabs.addTab(self.heat, self.tr("&Behaviours"))
        self.tabs.addTab(self.kpis, self.tr("&KPIs vs target"))
        self.tabs.addTab(self.correlations, self.tr("Behaviours ↔ KP&Is"))
        self.tabs.addTab(self._build_effects(), self.tr("&Coaching effect"))
        self._unfitted: set[QTableView] = set()  # tables whose rows came while their tab was hidden
        self.tabs.currentChanged.connect(self._fit_shown)
        self.tabs.currentChanged.connect(self._load_effects)
        self.tabs.currentChanged.connect(self._draw_rollup)
        layout.addWidget(self.tabs, 1)
        changes.watch(self, [Kind.OBSERVATION, Kind.FEEDBACK, Kind.KPI_FIGURE, Kind.OBJECTIVE, Kind.PERSON],
                      self.reload)

    def _build_effects(self) -> QWidget:
        """The roll-up table beside its chart (side by side: the page gives the dashboard little height). The chart's
        canvas (and matplotlib) is made the first time the tab is shown, and drawn only while it is shown."""
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("teamEffectSplitter")
        self.rollup.setMinimumHeight(160)
        splitter.addWidget(self.rollup)
        self.rollup_figure: Any = None
        self.rollup_canvas: QWidget = QWidget(splitter)  # the canvas replaces it when first shown
        self.rollup_canvas.setMinimumWidth(320)
        splitter.addWidget(self.rollup_canvas)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.effects_page = splitter
        self._rollup_stale = False  # the chart does not show the roll-up's rows yet
        self._effects_wanted: tuple | None = None  # (generation, team, start, end) to read when the tab is shown
        self._effects_of: tuple | None = None  # (team, start, end) of the roll-up's rows
        return splitter

    def _chart(self) -> Any:
        """The roll-up chart's canvas, made on first use."""
        if self.rollup_figure is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.rollup_figure = Figure(figsize=(5, 3), dpi=100)
            canvas = FigureCanvasQTAgg(self.rollup_figure)
            canvas.setObjectName("teamEffectChart")
            canvas.setAccessibleName(self.tr("Coaching effect per coach chart"))
            canvas.setMinimumWidth(320)
            placeholder, self.rollup_canvas = self.rollup_canvas, canvas
            canvas.resize(placeholder.size())  # the figure has the size it is shown at when first drawn
            self.effects_page.replaceWidget(self.effects_page.indexOf(placeholder), canvas)
            placeholder.deleteLater()
        return self.rollup_canvas

    # -- data ---------------------------------------------------------------------------------------------------------
    def set_teams(self, teams: list) -> None:
        """Teams with members, as the team page lists them (rows with ``uuid``, ``name`` and ``members``)."""
        current = self.team.currentData()
        self.team.blockSignals(True)
        self.team.clear()
        for team in teams:
            if getattr(team, "members", 1):
                self.team.addItem(team.name, team.uuid)
        self.team.setCurrentIndex(max(0, self.team.findData(current)))
        self.team.blockSignals(False)
        self.reload()

    def show_team(self, uuid: str) -> None:
        index = self.team.findData(uuid)
        if index >= 0:
            self.team.setCurrentIndex(index)

    def _ask_print(self, kind: str) -> None:
        uuid = self.team.currentData()
        if uuid:
            self.print_requested.emit(kind, uuid, *self.bounds())

    def bounds(self, today: date | None = None) -> tuple[date, date]:
        end = today or date.today()
        return end - timedelta(days=self.period.currentData() - 1), end

    def reload(self, *_args: Any) -> None:
        uuid = self.team.currentData()
        if not uuid:
            self.heat_model.set_view(None)
            self.kpi_model.set_view(None)
            return
        self._generation += 1
        generation, started = self._generation, time.perf_counter()
        start, end = self.bounds()
        self.status.setText(self.tr("Loading…"))
        trends.team_view(self, self.ctx, uuid, start, end, lambda view: self._on_view(generation, view, started),
                         failed=lambda exc: self._on_error(generation, exc))

    def _load_effects(self, *_args: Any) -> None:
        """The coaching-effect roll-up of the team shown, once its tab is shown (its bootstrap is the heaviest read
        of the dashboard; a team leader looking at the heat map does not wait for it)."""
        if self.tabs.currentWidget() is not self.effects_page or self._effects_wanted is None:
            return
        (generation, uuid, start, end), self._effects_wanted = self._effects_wanted, None
        if generation != self._generation:
            return
        trends.team_effects(self, self.ctx, uuid, start, end, lambda effects: self._on_effects(generation, effects),
                            failed=lambda exc: self._on_error(generation, exc))

    def _on_view(self, generation: int, view: trends_api.TeamView, started: float) -> None:
        if generation != self._generation:
            return
        loaded = time.perf_counter()
        self.view = view
        for model in (self.heat_model, self.kpi_model):
            model.set_view(view)
        self.correlation_model.set_rows(view.correlations)
        self._unfitted.update((self.heat, self.kpis, self.correlations))
        self._fit_shown()
        few = sum(1 for a in view.agents for s in a.scores if s is not None and s.too_few)
        self.status.setText(self.tr(
            "{team}: {agents} agents, {start} to {end}. Scores 0-100 with n = observations; ⚠ and italics: fewer "
            "than {m}, too few to compare ({few} cells). Click a column to sort; Enter or double-click opens the "
            "agent.").format(team=view.team_name, agents=len(view.agents), start=date_text(view.start),
                             end=date_text(view.end),
                             m=MIN_OBSERVATIONS, few=few))
        self.repaint()
        self.last_timing = {"query_ms": (loaded - started) * 1000,
                            "total_ms": (time.perf_counter() - started) * 1000}
        self.shown.emit(view.team_uuid)
        if self._effects_of != (view.team_uuid, view.start, view.end):  # another team or period: not its rows
            self.rollup_model.set_rows([])
            if self.rollup_figure is not None:  # an empty chart until this team's roll-up is read
                self.rollup_figure.clear()
                self.rollup_canvas.draw_idle()
        self._effects_of = (view.team_uuid, view.start, view.end)
        self._effects_wanted = (generation, view.team_uuid, view.start, view.end)
        self._load_effects()

    def _fit_shown(self, *_args: Any) -> None:
        """Size the shown tab's table to its rows (a hidden tab's waits until it is shown)."""
        shown = self.tabs.currentWidget()
        table = self.rollup if shown is self.effects_page else shown
        if table in self._unfitted:
            self._unfitted.discard(table)
            fit_now(table)

    def _on_effects(self, generation: int, effects: trends_api.TeamEffects) -> None:
        if generation != self._generation:
            return
        self.rollup_model.set_rows(effects.rollup)
        self._unfitted.add(self.rollup)
        self._fit_shown()
        self._rollup_stale = True
        self._draw_rollup()

    def _draw_rollup(self, *_args: Any) -> None:
        """Draw the roll-up chart when its tab is shown and the chart is not already showing these rows."""
        if self.tabs.currentWidget() is not self.effects_page or not self._rollup_stale:
            return
        canvas = self._chart()
        self._rollup_stale = False
        coaches = [r for r in self.rollup_model.rows() if r.group_kind in ("team", "coach")]
        style = ChartStyle.dark() if is_dark(self.palette()) else ChartStyle()
        draw_effect_rollup(self.rollup_figure, [f"{r.group} · {r.kpi_code}" for r in coaches],
                           [_scaled(r, r.pooled.mean) for r in coaches], [_scaled(r, r.pooled.low) for r in coaches],
                           [_scaled(r, r.pooled.high) for r in coaches],
                           title=self.tr("Mean gain after feedback (+ = better; % in points, times in s)"),
                           compact=True, style=style)
        canvas.draw_idle()

    def _on_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.status.setText(ops.error_text(exc))

    def _open_agent(self, index) -> None:  # noqa: ANN001
        uuid = index.data(UUID_ROLE)
        if uuid:
            self.agent_requested.emit(uuid)


def _scaled(row: trends_api.RollupRow, value: float | None) -> float | None:
    """Percentages as points, so KPIs of different units share one axis sensibly."""
    if value is None:
        return None
    return value * 100 if row.unit.value == "percent" else value



