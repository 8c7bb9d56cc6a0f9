"""Plain data the trend and team charts draw: KPI panels, behaviour panels, coaching markers, heat-map cells, style.

Services build these frozen dataclasses; the drawing functions (``agent_trends``, ``team_heatmap``) take them with a
matplotlib ``Figure``, so the Qt canvas and the PDF report draw the same picture. Values are in the KPI's base unit
(seconds, a 0-1 fraction for percentages); behaviour scores are 0-100 with the number of observations behind them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: marker kinds, in drawing order
MARKER_KINDS = ("observation", "feedback", "one_to_one", "recognition")
GRANULARITIES = ("day", "week", "month")


@dataclass(frozen=True)
class KpiPanel:
    """One KPI over the period, bucketed by the chosen granularity (a point per day, week or month)."""

    code: str
    label: str
    unit: str  # a ``domain.enums.Unit`` value
    display_format: str
    direction: str  # a ``domain.enums.Direction`` value
    points: tuple[tuple[date, float], ...]
    #: trailing mean of the points (7 days, 4 weeks or 3 months)
    rolling: tuple[tuple[date, float], ...] = ()
    team_average: tuple[tuple[date, float], ...] = ()
    target: float | None = None
    #: the "on target" band: from target - tolerance (worse side) to stretch or target + tolerance
    band_low: float | None = None
    band_high: float | None = None
    #: what the figures rest on over the whole period (days with figures)
    days: int = 0


@dataclass(frozen=True)
class BehaviourSeries:
    """Scores of one behaviour or category: (bucket date, 0-100 score, observations behind it)."""

    key: str
    label: str
    points: tuple[tuple[date, float, int], ...]


@dataclass(frozen=True)
class BehaviourPanel:
    label: str
    series: tuple[BehaviourSeries, ...]
    #: fewer observations than this in a bucket: drawn hollow ("too few to compare")
    min_observations: int = 5


@dataclass(frozen=True)
class Marker:
    """A coaching event on the time axis; ``uuid`` names the record a click opens."""

    day: date
    kind: str  # one of MARKER_KINDS
    label: str
    uuid: str
    #: e.g. the coaching effect on the targeted KPI, shown with the hover text
    detail: str = ""


@dataclass(frozen=True)
class AgentTrendData:
    agent_uuid: str
    agent_name: str
    start: date
    end: date
    granularity: str
    kpis: tuple[KpiPanel, ...]
    behaviours: BehaviourPanel | None
    markers: tuple[Marker, ...] = ()


@dataclass(frozen=True)
class HeatCell:
    """One cell of a heat map: a 0-100 ``value`` (None = nothing), its text and the count behind it."""

    value: float | None
    text: str = ""
    n: int = 0
    too_few: bool = False


@dataclass(frozen=True)
class HeatmapData:
    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    #: cells[row][column]
    cells: tuple[tuple[HeatCell, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class ChartStyle:
    """Colours for one palette; ``ChartStyle.dark()`` for a dark window, the default for light windows and paper."""

    background: str = "#ffffff"
    foreground: str = "#202124"
    muted: str = "#6b6f76"
    grid: str = "#e3e5e8"
    line: str = "#1f5fa8"
    rolling: str = "#d9822b"
    team: str = "#8a8f98"
    band: str = "#2e9d5b"
    target: str = "#2e7d4f"
    series: tuple[str, ...] = ("#1f5fa8", "#c2410c", "#2e7d4f", "#7c3aed", "#b91c1c", "#0e7490", "#a16207")
    markers: dict[str, str] = field(default_factory=lambda: {
        "observation": "#1f5fa8", "feedback": "#c2410c", "one_to_one": "#7c3aed", "recognition": "#2e7d4f"})
    #: heat map: low and high ends (a diverging map would suggest a midpoint that means nothing here)
    heat_low: str = "#f4d3c4"
    heat_high: str = "#2f7d5b"
    heat_empty: str = "#f1f2f4"

    @staticmethod
    def dark() -> ChartStyle:
        return ChartStyle(
            background="#202022", foreground="#e8e8e8", muted="#a0a4ab", grid="#3a3b3f", line="#6aa8f0",
            rolling="#f0a04b", team="#8d9199", band="#4cc27f", target="#5fd394",
            series=("#6aa8f0", "#f08a5d", "#5fd394", "#b79cff", "#ff7b7b", "#4fd1e6", "#e8c15a"),
            markers={"observation": "#6aa8f0", "feedback": "#f08a5d", "one_to_one": "#b79cff",
                     "recognition": "#5fd394"},
            heat_low="#5c3226", heat_high="#2f8a62", heat_empty="#2c2d30")
