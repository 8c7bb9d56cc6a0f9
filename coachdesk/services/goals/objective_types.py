"""Rows and inputs of goals, objectives, templates and the KPI catalogue: frozen rows out, plain inputs in.

Levels in inputs may be numbers (already in the measure's base unit: seconds, 0-1 fractions) or text as a person
types it ("95", "5:30", "3 of 4"), which is read in the measure's unit by ``domain.level_parse``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from coachdesk.domain.enums import Aggregation, Direction, GoalLevel, GoalStatus, MeasureKind, ObjectiveStatus, Unit
from coachdesk.domain.kpi_scales import far_gap
from coachdesk.domain.objectives import Band

LevelIn = float | str | None


# -- measures and the KPI catalogue ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    """A KPI or a behaviour, with what the objective forms and the maths need to know of it."""

    kind: MeasureKind
    #: KPI code, or behaviour uuid
    key: str
    code: str
    name: str
    unit: Unit
    direction: Direction
    display_format: str
    aggregation: Aggregation
    tolerance: float = 0.0
    #: the KPI's scale (``domain.kpi_scales``); "" for the unit's default (a behaviour's share)
    scale: str = ""

    def far_gap(self, target: float | None) -> float | None:
        """The least shortfall from ``target`` that is "far below" on this measure's scale."""
        return far_gap(self.scale or None, self.unit, self.code, target)

    @property
    def label(self) -> str:
        return f"{self.code} – {self.name}" if self.kind is MeasureKind.KPI else self.name


@dataclass(frozen=True)
class KpiRow:
    uuid: str
    version: int
    code: str
    name: str
    description: str | None
    unit: Unit
    direction: Direction
    display_format: str
    aggregation: Aggregation
    weight_kpi_code: str | None
    band_tolerance: float | None
    band_tolerance_text: str
    is_active: bool
    sort_order: int
    figures: int = 0


@dataclass
class KpiInput:
    code: str
    name: str
    unit: Unit
    direction: Direction
    display_format: str
    aggregation: Aggregation
    weight_kpi_code: str | None = None
    band_tolerance: LevelIn = None
    description: str | None = None
    is_active: bool = True


# -- goals ----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoalRow:
    uuid: str
    version: int
    level: GoalLevel
    title: str
    description: str | None
    customer_outcome: str | None
    parent_uuid: str | None
    team_uuid: str | None
    team_name: str | None
    kpi_code: str | None
    target_value: float | None
    target_text: str
    start_date: date | None
    due_date: date | None
    status: GoalStatus
    owner_uuid: str | None
    owner_name: str | None
    sort_order: int

    @property
    def archived(self) -> bool:
        return self.status is GoalStatus.ARCHIVED


@dataclass
class GoalInput:
    level: GoalLevel
    title: str
    parent_uuid: str | None = None
    team_uuid: str | None = None
    description: str | None = None
    customer_outcome: str | None = None
    kpi_code: str | None = None
    target: LevelIn = None
    start_date: date | None = None
    due_date: date | None = None
    owner_uuid: str | None = None


@dataclass(frozen=True)
class GoalLink:
    """One goal above an objective, for its line of sight."""

    uuid: str
    title: str
    level: GoalLevel
    archived: bool = False


@dataclass(frozen=True)
class ObjectiveNode:
    """An objective as a leaf of the goal tree."""

    uuid: str
    goal_uuid: str | None
    person_uuid: str
    person_name: str
    team_name: str | None
    statement: str
    measure_code: str
    status: ObjectiveStatus
    due_date: date
    template_uuid: str | None
    target_text: str = ""


@dataclass(frozen=True)
class GoalTree:
    goals: tuple[GoalRow, ...]
    objectives: tuple[ObjectiveNode, ...]

    def children(self, parent_uuid: str | None) -> tuple[GoalRow, ...]:
        return tuple(g for g in self.goals if g.parent_uuid == parent_uuid)

    def objectives_under(self, goal_uuid: str | None) -> tuple[ObjectiveNode, ...]:
        return tuple(o for o in self.objectives if o.goal_uuid == goal_uuid)


# -- objectives -------------------------------------------------------------------------------------------------------

@dataclass
class ObjectiveInput:
    """The objective form. ``baseline`` None means "compute it from the person's own history"."""

    person_uuid: str
    statement: str
    measure_kind: MeasureKind = MeasureKind.KPI
    kpi_code: str | None = None
    behaviour_uuid: str | None = None
    commit: LevelIn = None
    target: LevelIn = None
    stretch: LevelIn = None
    baseline: LevelIn = None
    start_date: date | None = None
    due_date: date | None = None
    #: percent, 0-100 (stored as a 0-1 share)
    weight_percent: float | str | None = None
    goal_uuid: str | None = None
    #: why a leader agrees (or keeps agreed) an objective whose SMART check fails
    override_reason: str | None = None


@dataclass(frozen=True)
class ChangeRow:
    changed_at: datetime
    changed_by: str | None
    field: str
    old_value: str | None
    new_value: str | None
    reason: str | None


@dataclass(frozen=True)
class ObjectiveDetail:
    """Everything the objective dialog edits, with the ``version`` to hand back on save, and its history."""

    uuid: str
    version: int
    person_uuid: str
    person_name: str
    statement: str
    measure: Measure | None
    baseline: float | None
    commit: float | None
    target: float | None
    stretch: float | None
    start_date: date
    due_date: date
    weight_percent: float | None
    goal_uuid: str | None
    template_uuid: str | None
    status: ObjectiveStatus
    status_changed_at: datetime | None
    status_changed_by: str | None
    smart_override_reason: str | None
    changes: tuple[ChangeRow, ...] = ()

    def to_input(self) -> ObjectiveInput:
        measure = self.measure
        return ObjectiveInput(
            person_uuid=self.person_uuid, statement=self.statement,
            measure_kind=measure.kind if measure else MeasureKind.KPI,
            kpi_code=measure.code if measure and measure.kind is MeasureKind.KPI else None,
            behaviour_uuid=measure.key if measure and measure.kind is MeasureKind.BEHAVIOUR else None,
            commit=self.commit, target=self.target, stretch=self.stretch, baseline=self.baseline,
            start_date=self.start_date, due_date=self.due_date, weight_percent=self.weight_percent,
            goal_uuid=self.goal_uuid, override_reason=self.smart_override_reason)


@dataclass(frozen=True)
class ProgressRow:
    """One objective with its line of sight, levels and progress: what the agent, team and Today pages and
    ``coachdesk objectives list`` all show. Values are in the measure's base unit; ``*_text`` in its display format."""

    uuid: str
    person_uuid: str
    person_name: str
    team_name: str | None
    statement: str
    measure_kind: MeasureKind
    measure_code: str
    measure_name: str
    unit: Unit
    direction: Direction
    display_format: str
    status: ObjectiveStatus
    start_date: date
    due_date: date
    weight: float | None
    template_uuid: str | None
    #: goals above the objective, nearest first (team goal, then organisation goal)
    line_of_sight: tuple[GoalLink, ...]
    baseline: float | None
    commit: float | None
    target: float | None
    stretch: float | None
    current: float | None
    distance: float | None
    band: Band | None
    forecast: float | None
    forecast_band: Band | None
    on_track: bool | None
    days_with_data: int
    baseline_text: str = "–"
    commit_text: str = "–"
    target_text: str = "–"
    stretch_text: str = "–"
    current_text: str = "–"
    distance_text: str = "–"
    forecast_text: str = "–"
    note: str = ""
    off_track: bool = False
    due_soon: bool = False

    @property
    def goal_title(self) -> str | None:
        return self.line_of_sight[0].title if self.line_of_sight else None

    @property
    def organisation_goal_title(self) -> str | None:
        top = [g for g in self.line_of_sight if g.level is GoalLevel.ORGANISATION]
        return top[-1].title if top else None


# -- templates --------------------------------------------------------------------------------------------------------

@dataclass
class TemplateInput:
    team_uuid: str
    statement: str
    measure_kind: MeasureKind = MeasureKind.KPI
    kpi_code: str | None = None
    behaviour_uuid: str | None = None
    commit: LevelIn = None
    target: LevelIn = None
    stretch: LevelIn = None
    start_date: date | None = None
    due_date: date | None = None
    weight_percent: float | str | None = None
    goal_uuid: str | None = None


@dataclass(frozen=True)
class TemplateRow:
    uuid: str
    team_uuid: str | None
    team_name: str | None
    statement: str
    measure_code: str
    target_text: str
    start_date: date | None
    due_date: date | None
    goal_uuid: str | None
    objectives: int


@dataclass(frozen=True)
class ApplyResult:
    template_uuid: str
    created: tuple[str, ...] = ()
    #: people who already had an objective from this template
    skipped: tuple[str, ...] = field(default_factory=tuple)
    objective_uuids: tuple[str, ...] = ()
