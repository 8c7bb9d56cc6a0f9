"""The agent trend view: KPI and behaviour trends on one time axis with coaching markers (hover: what it was;
click: open it), period, granularity and KPI choice, PNG/SVG export, and the coaching-effect table beside it."""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.errors import CoachDeskError
from coachdesk.reports.charts.agent_trends import draw_agent_trends, dynamic_artists, layout_key, marker_at
from coachdesk.reports.charts.glyph_cache import CachingRendererMixin
from coachdesk.reports.charts.trend_data import AgentTrendData, ChartStyle, Marker
from coachdesk.services import trends
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import trends as trend_actions
from coachdesk.ui.kit import a11y, forms, ops
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.words import date_format, date_text
from coachdesk.ui.theme import is_dark, muted_label, title_label
from coachdesk.ui.widgets.effect_table import EffectTable
from coachdesk.ui.widgets.trend_table import TrendTable

log = logging.getLogger(__name__)

CANVAS_HEIGHT = 700
#: the coaching-effect table (below the fold) loads once the agent stays shown this long, or when scrolled to:
#: going down the agents list by arrow keys does not compute the bootstrap of every agent passed
EFFECTS_PAUSE_MS = 250
PERIODS = ((30, "Last 30 days"), (90, "Last 90 days"), (365, "Last 365 days"), (0, "Custom…"))


class _Canvas(CachingRendererMixin, FigureCanvasQTAgg):
    """The Qt canvas with a glyph-caching renderer: titles and tick labels repeat from agent to agent."""



class TrendView(QWidget):
    """Shows one agent's trends; ``record_requested(kind, uuid)`` asks the page to open a marker's record."""

    record_requested = Signal(str, str)
    #: emitted after the canvas was drawn for an agent (benchmarks and tests wait for it)
    drawn = Signal(str)
    #: emitted once a load for an agent is over, drawn or not (the page reads the rest of the agent after it)
    finished = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentTrendView")
        self.ctx = ctx
        self.agent_uuid: str | None = None
        self.data: AgentTrendData | None = None
        self.kpi_codes: list[str] | None = None  # None: the agent's objectives (the default)
        self._generation = 0
        self._operations: list[ops.Operation] = []
        self._effects: dict[str, str] = {}
        #: (generation, uuid, start, end) of the effect table still to load (see ``load_effects``)
        self._effects_wanted: tuple[int, str, date, date] | None = None
        #: the same for the KPI menu's choices: read when the menu opens or with the effect table, not per switch
        self._choices_wanted: tuple[int, str, date, date] | None = None
        self.effects_pause = QTimer(self)
        self.effects_pause.setObjectName("trendEffectsPause")
        self.effects_pause.setSingleShot(True)
        self.effects_pause.setInterval(EFFECTS_PAUSE_MS)
        self.effects_pause.timeout.connect(self.load_effects)
        self.effects_pause.timeout.connect(self.load_choices)
        self.last_timing: dict[str, float] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title_label(self.tr("Trends and coaching"), self, factor=1.3, name="agentTrendTitle"))
        self.table = TrendTable(self)  # "Show as table": the plotted values and markers as text
        layout.addLayout(self._build_controls())
        self.status = muted_label("", self, name="agentTrendStatus")
        layout.addWidget(self.status)
        self.figure = Figure(figsize=(8, 7.2), dpi=100)
        self.canvas = _Canvas(self.figure)
        self.canvas.setObjectName("agentTrendCanvas")
        self.canvas.setAccessibleName(self.tr("KPI and behaviour trends chart"))
        # a fixed height: the canvas's size hint follows the figure, which follows the canvas, so a free height
        # swings between two sizes and every swing forces a full redraw
        self.canvas.setFixedHeight(CANVAS_HEIGHT)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("button_press_event", self._on_click)
        self.canvas.mpl_connect("draw_event", self._on_full_draw)
        #: the drawn figure without the per-agent artists, and what it was drawn for (see ``paint``)
        self._background: Any = None
        self._background_key: tuple | None = None
        layout.addWidget(self.canvas)
        self.table.pair_with(self.canvas, CANVAS_HEIGHT)
        self.drawn.connect(lambda _uuid: self.table.set_data(self.data))
        layout.addWidget(self.table)
        self.effects = EffectTable(self)
        self.effects.feedback_requested.connect(lambda uuid: self.record_requested.emit("feedback", uuid))
        layout.addWidget(self.effects)

    # -- building ------------------------------------------------------------------------------------------------
    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.period = named(QComboBox(self), "trendPeriod", self.tr("Period"))
        for days, text in PERIODS:
            self.period.addItem(self.tr(text), days)
        self.period.setCurrentIndex(2)
        self.period.currentIndexChanged.connect(self._on_period_changed)
        period_label = QLabel(self.tr("&Period"), self)
        period_label.setBuddy(self.period)
        self.start_edit = named(QDateEdit(self), "trendStart", self.tr("From"))
        self.end_edit = named(QDateEdit(self), "trendEnd", self.tr("To"))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
            edit.setVisible(False)
            edit.dateChanged.connect(self._reload)
        self.granularity = named(QComboBox(self), "trendGranularity", self.tr("Granularity"))
        for key, text in (("day", "Day"), ("week", "Week"), ("month", "Month")):
            self.granularity.addItem(self.tr(text), key)
        self.granularity.setCurrentIndex(1)
        self.granularity.currentIndexChanged.connect(self._reload)
        granularity_label = QLabel(self.tr("&Every"), self)
        granularity_label.setBuddy(self.granularity)
        self.behaviour_by = named(QComboBox(self), "trendBehaviourBy", self.tr("Behaviour scores by"))
        self.behaviour_by.addItem(self.tr("Category"), trends.BY_CATEGORY)
        self.behaviour_by.addItem(self.tr("Behaviour"), trends.BY_BEHAVIOUR)
        self.behaviour_by.currentIndexChanged.connect(self._reload)
        self.kpi_menu = QMenu(self)
        self.kpi_menu.aboutToShow.connect(self.load_choices)
        self.kpi_button = forms.menu_button(self, self.tr("&KPIs…"), "trendKpis", self.tr("KPIs shown"), self.kpi_menu)
        export_menu = QMenu(self)
        export_menu.addAction(self.tr("As PNG image…"), lambda: self.export("png"))
        export_menu.addAction(self.tr("As SVG drawing…"), lambda: self.export("svg"))
        self.export_button = forms.menu_button(self, self.tr("E&xport…"), "trendExport", self.tr("Export chart"),
                                               export_menu)
        for widget in (period_label, self.period, self.start_edit, self.end_edit, granularity_label,
                       self.granularity, a11y.labelled(QLabel(self.tr("Scores by"), self), self.behaviour_by),
                       self.behaviour_by, self.kpi_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.table.toggle)
        row.addWidget(self.export_button)
        return row

    # -- choices ---------------------------------------------------------------------------------------------------
    def period_bounds(self, today: date | None = None) -> tuple[date, date]:
        days = self.period.currentData()
        if days:
            end = today or date.today()
            return end - timedelta(days=days - 1), end
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()

    def _on_period_changed(self) -> None:
        custom = not self.period.currentData()
        if custom:
            start, end = date.today() - timedelta(days=89), date.today()
            for edit, day in ((self.start_edit, start), (self.end_edit, end)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.start_edit.setVisible(custom)
        self.end_edit.setVisible(custom)
        self._reload()

    def _fill_kpi_menu(self, every: list[tuple[str, str]], shown: list[str]) -> None:
        self.kpi_menu.clear()
        default = self.kpi_menu.addAction(self.tr("The agent's objectives (default)"))
        default.triggered.connect(lambda: self._set_kpis(None))
        self.kpi_menu.addSeparator()
        for code, name in every:
            action = QAction(f"{name} ({code})", self.kpi_menu)
            action.setCheckable(True)
            action.setChecked(code in shown)
            action.setData(code)
            action.toggled.connect(self._on_kpi_toggled)
            self.kpi_menu.addAction(action)

    def _on_kpi_toggled(self) -> None:
        codes = [a.data() for a in self.kpi_menu.actions() if a.isCheckable() and a.isChecked()]
        self._set_kpis(codes or None)

    def _set_kpis(self, codes: list[str] | None) -> None:
        self.kpi_codes = codes
        self._reload()

    # -- loading ---------------------------------------------------------------------------------------------------
    def show_agent(self, uuid: str) -> None:
        """Load ``uuid``'s trends off the GUI thread and draw them (the previous agent stays until then)."""
        if uuid != self.agent_uuid:
            self.kpi_codes = None
        self.agent_uuid = uuid
        self._reload()

    def _reload(self, *_args: Any) -> None:
        if not self.agent_uuid:
            return
        self._generation += 1
        self.effects_pause.stop()
        generation, uuid = self._generation, self.agent_uuid
        start, end = self.period_bounds()
        if end < start:
            self.status.setText(self.tr("The period ends before it starts."))
            self.finished.emit(uuid)
            return
        self.status.setText(self.tr("Loading…"))
        if uuid != (self.data.agent_uuid if self.data else None):
            self.effects.set_rows([])
            self._effects = {}
        started = time.perf_counter()
        self._operations = [trend_actions.agent_trend(
            self, self.ctx, uuid, start, end, self.granularity.currentData(), self.kpi_codes,
            self.behaviour_by.currentData(), lambda data: self._on_data(generation, data, started),
            failed=lambda exc: self._on_error(generation, exc))]

    def _load_side_tables(self, generation: int, uuid: str, start: date, end: date) -> None:
        """After the chart is drawn: the KPI menu's choices and the coaching-effect table (its bootstrap is the
        heavier part, and it is below the fold) after ``EFFECTS_PAUSE_MS`` on this agent; the table at once when it
        is in view, the choices at once when the menu opens. Going down the list reads neither for each agent."""
        self._choices_wanted = self._effects_wanted = (generation, uuid, start, end)
        if self.effects_in_view():
            self.load_effects()
        else:
            self.effects_pause.start()

    def effects_in_view(self) -> bool:
        """Whether any of the effect table shows on screen (the page scrolled to it, or a tall window)."""
        return self.effects.isVisible() and not self.effects.visibleRegion().isEmpty()

    def load_effects(self) -> None:
        """Load the effect table the shown chart is waiting for (nothing when it is loaded or a newer agent came)."""
        self.effects_pause.stop()
        wanted, self._effects_wanted = self._effects_wanted, None
        if wanted is None or wanted[0] != self._generation:
            return
        generation, uuid, start, end = wanted
        self._operations.append(
            trend_actions.agent_effects(self, self.ctx, uuid, start, end,
                                        lambda rows: self._on_effects(generation, rows),
                                        failed=lambda exc: self._on_error(generation, exc)))

    def load_choices(self) -> None:
        """Read the KPI menu's choices for the shown chart (nothing when read already or a newer agent came)."""
        wanted, self._choices_wanted = self._choices_wanted, None
        if wanted is None or wanted[0] != self._generation:
            return
        generation, uuid, start, end = wanted
        self._operations.append(
            trend_actions.agent_kpi_choices(self, self.ctx, uuid, start, end,
                                            lambda result: self._on_choices(generation, result),
                                            failed=lambda exc: self._on_error(generation, exc)))

    def _on_data(self, generation: int, data: AgentTrendData, started: float) -> None:
        if generation != self._generation:
            return
        loaded, cpu = time.perf_counter(), time.thread_time()
        self.data = data
        self.paint()
        done = time.perf_counter()
        self.last_timing = {"query_ms": (loaded - started) * 1000, "draw_ms": (done - loaded) * 1000,
                            "total_ms": (done - started) * 1000, "draw_cpu_ms": (time.thread_time() - cpu) * 1000}
        days = sum(p.days for p in data.kpis)
        self.status.setText(self.tr("{name}: {start} to {end}, {kpis} KPIs, {markers} coaching events. Point at a "
                                    "marker for what it was; click it to open it.").format(
            name=data.agent_name, start=date_text(data.start), end=date_text(data.end), kpis=len(data.kpis),
            markers=len(data.markers)) if days or data.markers else self.tr(
            "{name}: no figures and no coaching from {start} to {end}.").format(
            name=data.agent_name, start=date_text(data.start), end=date_text(data.end)))
        self.drawn.emit(data.agent_uuid)
        self.finished.emit(data.agent_uuid)
        self._load_side_tables(generation, data.agent_uuid, data.start, data.end)

    def _on_choices(self, generation: int, result: tuple) -> None:
        if generation == self._generation:
            every, default = result
            self._fill_kpi_menu(every, self.kpi_codes or default)

    def _on_effects(self, generation: int, rows: list) -> None:
        if generation != self._generation:
            return
        self.effects.set_rows(rows)
        self._effects = {r.feedback_uuid: f"{r.kpi_code}: {r.before_text} → {r.after_text} ({r.change_text}; "
                                          f"{r.interval_text})" for r in rows}

    def _on_error(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.status.setText(str(exc) if isinstance(exc, CoachDeskError) else self.tr("Could not load the trends."))
        if self.agent_uuid:
            self.finished.emit(self.agent_uuid)

    def redraw(self) -> None:
        """Put the data on the figure's artists (the canvas is painted by ``paint``)."""
        if self.data is not None:
            draw_agent_trends(self.figure, self.data, style=self.chart_style())
            for artist in dynamic_artists(self.figure):
                artist.set_animated(True)

    def paint(self) -> None:
        """Draw the shown agent. While the layout and period stay the same, only the per-agent artists are drawn,
        over the cached rest of the figure (blitting); otherwise the whole figure is drawn, which caches it anew."""
        self.redraw()
        if self._background is not None and self._background_key == layout_key(self.figure):
            self.canvas.restore_region(self._background)
            self._draw_dynamic()
            self.canvas.blit(self.figure.bbox)
        else:
            self.canvas.draw()

    def _on_full_draw(self, _event: Any) -> None:
        """Every full draw (first agent, new layout, resize): keep the static figure, then add the agent's artists.
        A figure being saved (export) draws everything itself, on another canvas or renderer: nothing to keep."""
        if self.canvas.is_saving() or _event.canvas is not self.canvas:
            return
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._background_key = layout_key(self.figure)
        self._draw_dynamic()

    def _draw_dynamic(self) -> None:
        for artist in dynamic_artists(self.figure):
            if artist.get_visible():
                self.figure.draw_artist(artist)

    def chart_style(self) -> ChartStyle:
        return ChartStyle.dark() if is_dark(self.palette()) else ChartStyle()

    # -- markers -----------------------------------------------------------------------------------------------------
    def marker_text(self, marker: Marker) -> str:
        text = f"{date_text(marker.day)} · {marker.label}"
        effect = self._effects.get(marker.uuid)
        return f"{text}\n{effect}" if effect else text

    def _on_motion(self, event: Any) -> None:
        marker = marker_at(self.figure, event.x, event.y) if event.x is not None else None
        if marker is None:
            QToolTip.hideText()
            self.canvas.unsetCursor()
            return
        self.load_effects()  # a marker's tip tells its effect
        self.canvas.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), self.marker_text(marker), self.canvas)

    def _on_click(self, event: Any) -> None:
        marker = marker_at(self.figure, event.x, event.y) if event.x is not None else None
        if marker is not None:
            self.record_requested.emit(marker.kind, marker.uuid)

    # -- export ------------------------------------------------------------------------------------------------------
    def export(self, kind: str, path: str | None = None) -> str | None:
        """Save the chart as PNG or SVG (asks where unless ``path`` is given); returns the path written."""
        if self.data is None:
            return None
        if path is None:
            suggested = f"{self.data.agent_name} trends {self.data.start}–{self.data.end}.{kind}"
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export chart"), suggested,
                                                        "PNG (*.png)" if kind == "png" else "SVG (*.svg)")
            if not path:
                return None
        self.figure.savefig(path, format=kind, facecolor=self.figure.get_facecolor())
        return path

    def changeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override: follow a light/dark switch
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and self.data is not None:
            self.redraw()
            self.canvas.draw_idle()  # a new style rebuilds the layout: the next full draw recaches
