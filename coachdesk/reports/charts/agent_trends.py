"""The agent trend chart: stacked KPI panels and a behaviour panel on one time axis, with coaching markers.

``draw_agent_trends(fig, data)`` draws an ``AgentTrendData`` on a given matplotlib ``Figure`` (a Qt canvas's or a
PDF page's). Drawing the next agent on the same figure reuses its axes and artists (only the data changes), which
is what keeps switching agents quick; a different set of panels rebuilds the layout. ``marker_at`` finds the
coaching marker under a mouse position, so a GUI can show its tooltip and open its record. No Qt here.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta

from matplotlib import dates as mdates
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator, NullLocator

from coachdesk.domain.kpi_format import format_value
from coachdesk.reports.charts.glyph_cache import cached_layout
from coachdesk.reports.charts.trend_data import MARKER_KINDS, AgentTrendData, ChartStyle, Marker

_KIND_LABELS = {"observation": "Observation", "feedback": "Feedback", "one_to_one": "One-to-one",
                "recognition": "Recognition"}
_KIND_SHAPES = {"observation": "o", "feedback": "D", "one_to_one": "s", "recognition": "*"}
_EPOCH = date(1970, 1, 1).toordinal()
#: tick labels kept per KPI panel (the locator asks for at most 4 intervals)
TICK_POOL = 7
#: legend labels wrap at this many characters (the legend sits in the right fifth of the figure)
LEGEND_CHARS = 19


def day_number(d: date) -> float:
    """matplotlib's date number of a day (days since 1970-01-01), without numpy or unit conversion."""
    return float(d.toordinal() - _EPOCH)


def _xs(points) -> list[float]:  # noqa: ANN001
    return [day_number(p[0]) for p in points]


@dataclass
class _KpiArtists:
    ax: object
    title: object
    value: Line2D
    rolling: Line2D
    team: Line2D
    target: Line2D
    band: object
    events: LineCollection
    empty: object
    #: the value axis drawn by hand: grid lines and a pool of tick labels (``Axis.draw`` lays out every label and
    #: its siblings again on each draw, most of a panel's cost)
    grid: LineCollection
    labels: list
    locator: MaxNLocator


@dataclass
class _State:
    key: tuple
    kpis: list[_KpiArtists] = field(default_factory=list)
    behaviour_ax: object = None
    behaviour_title: object = None
    behaviour_lines: list[tuple[Line2D, Line2D, Line2D]] = field(default_factory=list)
    behaviour_events: LineCollection | None = None
    behaviour_empty: object = None
    behaviour_legend: object = None
    strip_ax: object = None
    strip_lines: dict[str, Line2D] = field(default_factory=dict)
    markers: tuple[Marker, ...] = ()

    def axes(self) -> list:
        return [a.ax for a in self.kpis] + ([self.behaviour_ax] if self.behaviour_ax is not None else []) + \
            [self.strip_ax]


def _font(compact: bool) -> dict[str, float]:
    return {"title": 7.5 if compact else 9.5, "tick": 6.5 if compact else 8.5, "legend": 6.5 if compact else 8}


def _style_axes(ax, style: ChartStyle, compact: bool) -> None:  # noqa: ANN001
    ax.set_facecolor(style.background)
    for spine in ax.spines.values():
        spine.set_color(style.grid)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(colors=style.muted, labelcolor=style.foreground, labelsize=_font(compact)["tick"], length=3)
    ax.grid(True, axis="y", color=style.grid, linewidth=0.6)
    ax.set_axisbelow(True)


def _build(fig: Figure, data: AgentTrendData, style: ChartStyle, compact: bool, key: tuple) -> _State:
    fig.clear()
    fig.set_facecolor(style.background)
    fonts = _font(compact)
    n_kpi = len(data.kpis)
    behaviour = data.behaviours is not None
    ratios = [1.0] * n_kpi + ([1.25] if behaviour else []) + [0.62]
    # the legend's column keeps room for LEGEND_CHARS characters however narrow the figure (a laptop's panel)
    legend = (LEGEND_CHARS * fonts["legend"] * 0.62 + 8) / (fig.get_figwidth() * 72) + 0.042
    grid = fig.add_gridspec(len(ratios), 1, height_ratios=ratios, hspace=0.22 if compact else 0.28,
                            left=0.11, right=max(0.55, min(0.79, 1 - legend)), top=0.97, bottom=0.06 if compact else 0.07)
    state = _State(key)
    for row in range(n_kpi):
        ax = fig.add_subplot(grid[row, 0])
        _style_axes(ax, style, compact)
        band = ax.axhspan(0, 0, color=style.band, alpha=0.13, linewidth=0, label="On-target band")
        target, = ax.plot([], [], color=style.target, linewidth=1.0, linestyle=(0, (5, 3)), label="Target")
        team, = ax.plot([], [], color=style.team, linewidth=1.1, alpha=0.75, label="Team average")
        value, = ax.plot([], [], color=style.line, linewidth=1.3, marker="o", markersize=2.4 if compact else 3,
                         label="Agent")
        rolling, = ax.plot([], [], color=style.rolling, linewidth=1.6, alpha=0.9, label="Rolling average")
        events = LineCollection([], colors=style.muted, linewidths=0.6, alpha=0.35,
                                transform=ax.get_xaxis_transform())
        ax.add_collection(events, autolim=False)
        title = cached_layout(ax.text(0.0, 1.02, "", transform=ax.transAxes, fontsize=fonts["title"],
                                      color=style.foreground, fontweight="bold", va="bottom", ha="left"))
        empty = cached_layout(ax.text(0.5, 0.5, "No figures in this period", transform=ax.transAxes, ha="center",
                                      va="center", fontsize=fonts["tick"], color=style.muted, visible=False))
        ax.yaxis.set_major_locator(NullLocator())
        ax.grid(False)
        grid_lines = LineCollection([], colors=style.grid, linewidths=0.6, transform=ax.get_yaxis_transform(),
                                    zorder=0.5)
        ax.add_collection(grid_lines, autolim=False)
        labels = [cached_layout(ax.text(-0.012, 0.0, "", transform=ax.get_yaxis_transform(), ha="right",
                                        va="center", fontsize=fonts["tick"], color=style.foreground, visible=False))
                  for _ in range(TICK_POOL)]
        ax.xaxis.set_major_locator(NullLocator())
        state.kpis.append(_KpiArtists(ax, title, value, rolling, team, target, band, events, empty, grid_lines,
                                      labels, MaxNLocator(nbins=3 if compact else 4)))
        if row == 0:
            _legend(fig, ax, [value, rolling, team, target, band], style, compact)
    if behaviour:
        ax = fig.add_subplot(grid[n_kpi, 0])
        _style_axes(ax, style, compact)
        ax.set_ylim(0, 105)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        ax.xaxis.set_major_locator(NullLocator())
        state.behaviour_ax = ax
        state.behaviour_title = cached_layout(ax.text(0.0, 1.02, "", transform=ax.transAxes,
                                                      fontsize=fonts["title"], color=style.foreground,
                                                      fontweight="bold", va="bottom", ha="left"))
        state.behaviour_empty = cached_layout(ax.text(0.5, 0.5, "No observations in this period",
                                                      transform=ax.transAxes, ha="center", va="center",
                                                      fontsize=fonts["tick"], color=style.muted, visible=False))
        handles = []
        for i, series in enumerate(data.behaviours.series):
            color = style.series[i % len(style.series)]
            line, = ax.plot([], [], color=color, linewidth=1.2, label=series.label)
            full, = ax.plot([], [], color=color, linestyle="none", marker="o", markersize=3.5)
            hollow, = ax.plot([], [], color=color, linestyle="none", marker="o", markersize=3.5,
                              markerfacecolor=style.background)
            state.behaviour_lines.append((line, full, hollow))
            handles.append(line)
        hollow_key = Line2D([], [], color=style.muted, linestyle="none", marker="o", markersize=3.5,
                            markerfacecolor=style.background,
                            label=f"fewer than {data.behaviours.min_observations} obs.")
        state.behaviour_legend = _legend(fig, ax, [*handles, hollow_key], style, compact, counted=len(handles))
        state.behaviour_events = LineCollection([], colors=style.muted, linewidths=0.6, alpha=0.35,
                                                transform=ax.get_xaxis_transform())
        ax.add_collection(state.behaviour_events, autolim=False)
    strip = fig.add_subplot(grid[-1, 0])
    _style_axes(strip, style, compact)
    strip.grid(False)
    strip.spines["left"].set_visible(False)
    strip.set_ylim(-0.7, len(MARKER_KINDS) - 0.3)
    strip.set_yticks(range(len(MARKER_KINDS)), [_KIND_LABELS[k] for k in reversed(MARKER_KINDS)])
    strip.tick_params(axis="y", length=0, labelsize=fonts["tick"] - 0.5)
    for i, kind in enumerate(reversed(MARKER_KINDS)):
        strip.axhline(i, color=style.grid, linewidth=0.5, zorder=0)
        line, = strip.plot([], [], linestyle="none", marker=_KIND_SHAPES[kind], color=style.markers[kind],
                           markersize=6 if kind == "recognition" else 4.5, markeredgewidth=0.6,
                           markeredgecolor=style.background)
        state.strip_lines[kind] = line
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    strip.xaxis.set_major_locator(locator)
    strip.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    state.strip_ax = strip
    fig._coachdesk_trends = state  # noqa: SLF001 - the figure carries its artists between agents
    return state


def _wrap(text: str) -> str:
    return textwrap.fill(text, LEGEND_CHARS, break_long_words=True)


def _legend(fig: Figure, ax, handles: list, style: ChartStyle, compact: bool,  # noqa: ANN001
            counted: int = 0) -> list:
    """A legend right of ``ax`` made of plain lines and texts in figure coordinates: matplotlib's ``Legend`` lays
    itself out again on every draw, which costs more than the rest of a panel. The first ``counted`` entries get a
    line below their label for an "n=..." count; those count texts are returned (the labels themselves never
    change, so they stay in a blitting GUI's cached background)."""
    size = _font(compact)["legend"]
    box = ax.get_position()
    x0, step = box.x1 + 0.012, (size + 3.5) / 72 / fig.get_figheight()
    counts = []
    y = box.y1 + step * 0.5
    for index, handle in enumerate(handles):
        label = _wrap(handle.get_label())
        lines = label.count("\n") + 1
        y -= step * (lines + 1) / 2
        text_y, y = y, y - step * (lines - 1) / 2
        y_mark = text_y + step * (lines - 1) / 2
        if hasattr(handle, "get_height"):  # the band: a filled swatch
            fig.patches.append(Rectangle((x0, y_mark - step * 0.3), 0.022, step * 0.6, transform=fig.transFigure,
                                         facecolor=handle.get_facecolor(), edgecolor="none"))
        else:
            fig.lines.append(Line2D([x0, x0 + 0.011, x0 + 0.022], [y_mark] * 3, transform=fig.transFigure,
                                    color=handle.get_color(), linestyle=handle.get_linestyle(),
                                    linewidth=handle.get_linewidth(), marker=handle.get_marker(),
                                    markersize=handle.get_markersize(),
                                    markerfacecolor=handle.get_markerfacecolor(), markevery=[1]))
        fig.text(x0 + 0.03, text_y, label, fontsize=size, color=style.foreground, va="center", ha="left",
                 linespacing=1.0)
        if index < counted:
            y -= step
            counts.append(cached_layout(fig.text(x0 + 0.03, y, "", fontsize=size, color=style.muted, va="center",
                                                 ha="left")))
    return counts


def _span(low: float | None, high: float | None) -> tuple[float, float] | None:
    if low is None or high is None:
        return None
    return (min(low, high), max(low, high))


def _update_kpi(art: _KpiArtists, panel, segments: list) -> None:  # noqa: ANN001
    art.title.set_text(panel.label + (f"  ·  target {format_value(panel.target, panel.unit, panel.display_format)}"
                                      if panel.target is not None else ""))
    art.value.set_data(_xs(panel.points), [p[1] for p in panel.points])
    art.rolling.set_data(_xs(panel.rolling), [p[1] for p in panel.rolling])
    art.team.set_data(_xs(panel.team_average), [p[1] for p in panel.team_average])
    if panel.target is not None:
        art.target.set_data([0, 1], [panel.target, panel.target])
        art.target.set_transform(art.ax.get_yaxis_transform())
        art.target.set_visible(True)
    else:
        art.target.set_visible(False)
    span = _span(panel.band_low, panel.band_high)
    art.band.set_visible(span is not None)
    values = [p[1] for p in (*panel.points, *panel.team_average)]
    if panel.target is not None:
        values.append(panel.target)
    if span is not None:
        art.band.set_y(span[0])
        art.band.set_height(span[1] - span[0])
        values.extend(span)
    # with a team line, target or band drawn, the title says it (a note in the middle would lie across them)
    drawn = bool(panel.team_average) or panel.target is not None or span is not None
    art.empty.set_visible(not panel.points and not drawn)
    if not panel.points and drawn:
        art.title.set_text(art.title.get_text() + "  ·  no figures for this agent")
    art.events.set_segments(segments)
    finite = [v for v in values if v is not None and math.isfinite(v)]
    low, high = 0.0, 1.0
    if finite:
        low, high = min(finite), max(finite)
        pad = (high - low) * 0.12 or max(abs(high) * 0.05, 0.01)
        low, high = low - pad, high + pad
        if panel.unit == "percent":
            low, high = max(low, 0.0), min(high, 1.0) if high <= 1.0 + pad else high
    art.ax.set_ylim(low, high)
    ticks = [t for t in art.locator.tick_values(low, high) if low <= t <= high][:TICK_POOL]
    art.grid.set_segments([[(0.0, t), (1.0, t)] for t in ticks])
    for i, label in enumerate(art.labels):
        label.set_visible(i < len(ticks))
        if i < len(ticks):
            label.set_y(ticks[i])
            label.set_text(format_value(ticks[i], panel.unit, panel.display_format))


def _update_behaviours(state: _State, data: AgentTrendData, segments: list) -> None:
    panel = data.behaviours
    total = sum(p[2] for s in panel.series for p in s.points)
    state.behaviour_title.set_text(f"{panel.label}  ·  {total} observations (0-100)")
    texts = state.behaviour_legend
    for i, (series, (line, full, hollow)) in enumerate(zip(panel.series, state.behaviour_lines, strict=False)):
        xs = _xs(series.points)
        line.set_data(xs, [p[1] for p in series.points])
        full.set_data([x for x, p in zip(xs, series.points, strict=True) if p[2] >= panel.min_observations],
                      [p[1] for p in series.points if p[2] >= panel.min_observations])
        hollow.set_data([x for x, p in zip(xs, series.points, strict=True) if p[2] < panel.min_observations],
                        [p[1] for p in series.points if p[2] < panel.min_observations])
        n = sum(p[2] for p in series.points)
        texts[i].set_text(f"n={n}")
    state.behaviour_empty.set_visible(total == 0)
    state.behaviour_events.set_segments(segments)


def draw_agent_trends(fig: Figure, data: AgentTrendData, *, compact: bool = False,
                      style: ChartStyle | None = None) -> None:
    """Draw ``data`` on ``fig``: one panel per KPI (target line and band, team average, rolling average), the
    behaviour scores below them, and a strip of coaching markers on the shared time axis.

    ``compact`` uses smaller type (a PDF page). Call ``fig.canvas.draw_idle()`` (or save the figure) afterwards.
    """
    style = style or ChartStyle()
    behaviour_labels = tuple(s.label for s in data.behaviours.series) if data.behaviours else None
    key = (len(data.kpis), behaviour_labels, compact, style.background, style.line)
    state = getattr(fig, "_coachdesk_trends", None)
    if state is None or state.key != key or state.strip_ax not in fig.axes:
        state = _build(fig, data, style, compact, key)
    segments = [[(day_number(m.day), 0.0), (day_number(m.day), 1.0)] for m in data.markers
                if m.kind in ("feedback", "one_to_one")]
    for art, panel in zip(state.kpis, data.kpis, strict=True):
        _update_kpi(art, panel, segments)
    if data.behaviours is not None:
        _update_behaviours(state, data, segments)
    for i, kind in enumerate(reversed(MARKER_KINDS)):
        xs = [day_number(m.day) for m in data.markers if m.kind == kind]
        state.strip_lines[kind].set_data(xs, [i] * len(xs))
    state.markers = data.markers
    limits = (day_number(data.start) - 0.5, day_number(data.end + timedelta(days=1)) - 0.5)
    for ax in state.axes():
        if tuple(ax.get_xlim()) != limits:  # the same period from agent to agent: no limit callbacks to run
            ax.set_xlim(*limits)


def marker_at(fig: Figure, x: float, y: float, radius: float = 7.0) -> Marker | None:
    """The coaching marker nearest to display position (x, y) (pixels, origin bottom left) within ``radius``
    pixels: on the marker strip the nearest marker; on a panel the nearest feedback or one-to-one line."""
    state: _State | None = getattr(fig, "_coachdesk_trends", None)
    if state is None or not state.markers:
        return None
    strip = state.strip_ax
    kinds = list(reversed(MARKER_KINDS))
    best, best_distance = None, radius
    if strip.bbox.contains(x, y):
        for marker in state.markers:
            px, py = strip.transData.transform((day_number(marker.day), kinds.index(marker.kind)))
            distance = math.hypot(px - x, py - y)
            if distance <= best_distance:
                best, best_distance = marker, distance
        return best
    panels = [a.ax for a in state.kpis] + ([state.behaviour_ax] if state.behaviour_ax is not None else [])
    for ax in panels:
        if ax.bbox.contains(x, y):
            for marker in state.markers:
                if marker.kind not in ("feedback", "one_to_one"):
                    continue
                px = ax.transData.transform((day_number(marker.day), 0.0))[0]
                if abs(px - x) <= best_distance:
                    best, best_distance = marker, abs(px - x)
            return best
    return None


def marker_position(fig: Figure, marker: Marker) -> tuple[float, float] | None:
    """Display position (pixels) of ``marker`` on the strip, for tests and keyboard focus."""
    state: _State | None = getattr(fig, "_coachdesk_trends", None)
    if state is None:
        return None
    kinds = list(reversed(MARKER_KINDS))
    px, py = state.strip_ax.transData.transform((day_number(marker.day), kinds.index(marker.kind)))
    return float(px), float(py)


def dynamic_artists(fig: Figure) -> list:
    """The artists that change from one agent to the next, in drawing order (y axes with their grid, bands, lines,
    titles, legend counts, markers). A GUI may mark them animated and blit them over a cached background of the
    rest (legends, marker-strip labels, the date axis), which stay the same while the layout does."""
    state: _State | None = getattr(fig, "_coachdesk_trends", None)
    if state is None:
        return []
    out: list = []
    for art in state.kpis:
        out += [art.grid, art.band, art.events, art.target, art.team, art.value, art.rolling, art.title,
                art.empty, *art.labels]
    if state.behaviour_ax is not None:
        out += [state.behaviour_events]  # its 0-100 axis never changes: it stays in the background
        for trio in state.behaviour_lines:
            out += list(trio)
        out += [state.behaviour_title, state.behaviour_empty, *state.behaviour_legend]
    out += list(state.strip_lines.values())
    return out


def layout_key(fig: Figure) -> tuple | None:
    """What the static part depends on: the panel layout and the time axis (None before the first drawing)."""
    state: _State | None = getattr(fig, "_coachdesk_trends", None)
    if state is None:
        return None
    return state.key, tuple(state.strip_ax.get_xlim()), tuple(fig.bbox.bounds)


def tick_labels(fig: Figure, panel: int) -> list[str]:
    """The value-axis labels shown on KPI panel ``panel`` (for tests and screen-reader summaries)."""
    state: _State | None = getattr(fig, "_coachdesk_trends", None)
    if state is None:
        return []
    return [label.get_text() for label in state.kpis[panel].labels if label.get_visible()]
