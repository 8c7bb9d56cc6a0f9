"""Plain data the one-to-one services hand out: the prep sheet (also rendered as a PDF by the printing issue), the
session record with its items, the due list; frozen dataclasses only, never ORM objects.

Field names here are a contract with the PDF builder and the CLI: add fields, do not rename them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from coachdesk.domain.enums import (
    Direction,
    ItemKind,
    ItemStatus,
    ObjectiveStatus,
    OneToOneStatus,
    OneToOneType,
    RewardScope,
    Unit,
    Visibility,
)
from coachdesk.domain.objectives import Band
from coachdesk.domain.one_to_one_rules import DEFAULT_CADENCE_DAYS, DueState, TalkingPoint

# -- prep sheet --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    #: last day of the week the value covers
    day: date
    value: float


@dataclass(frozen=True)
class PrepObjective:
    uuid: str
    statement: str
    measure_name: str
    status: ObjectiveStatus
    due_date: date
    unit: Unit
    direction: Direction
    display_format: str
    current: float | None
    current_text: str
    target: float | None
    target_text: str
    band: Band | None
    forecast_text: str
    on_track: bool | None
    #: weekly values (the measure's aggregation rule) over the last weeks of the objective, oldest first
    trend: tuple[TrendPoint, ...]
    note: str = ""


@dataclass(frozen=True)
class KpiDelta:
    """A measure of the agent's objectives since the last one-to-one against the same length of time before."""

    measure_name: str
    objective_uuid: str
    unit: Unit
    direction: Direction
    before: float | None
    since: float | None
    target: float | None
    before_text: str
    since_text: str
    target_text: str
    #: "0:20 better", "2.0 pts worse", "no change", "–"
    change_text: str
    band_before: Band | None
    band_since: Band | None
    #: True when it moved the better way, False the worse way, None when unknown or unchanged
    improved: bool | None


@dataclass(frozen=True)
class PrepObservation:
    session_uuid: str
    day: date
    observer: str | None
    #: overall behaviour score 0-100 and its number of observations
    score: float | None
    n: int


@dataclass(frozen=True)
class PrepNote:
    day: date
    behaviour: str
    text: str


@dataclass(frozen=True)
class PrepFeedback:
    uuid: str
    day: date
    went_well: str
    to_improve: str
    agent_commitment: str
    follow_up_date: date | None
    follow_up_done: bool
    #: how the follow-up turned out (improved, partly, not_yet; "" while open) and the coach's note
    follow_up_outcome: str = ""
    follow_up_note: str = ""


@dataclass(frozen=True)
class PrepAgreed:
    """An expectation, motivator or reward agreed at the last one-to-one that recorded any: what the next reviews."""

    kind: ItemKind
    text: str
    #: a reward's scope ("individual" or "team"); "" otherwise
    reward_scope: str = ""


@dataclass(frozen=True)
class PrepItem:
    """An open action or commitment (carried forward until closed)."""

    uuid: str
    kind: ItemKind
    text: str
    owner: str | None
    due_date: date | None
    #: the date of the one-to-one where it was first agreed
    agreed_on: date | None
    #: how many one-to-ones it has already been carried through
    times_carried: int
    overdue: bool


@dataclass(frozen=True)
class PrepRecognition:
    day: date
    title: str
    given_by: str | None


@dataclass(frozen=True)
class PrepSheet:
    agent_uuid: str
    agent_name: str
    team: str | None
    leader: str | None
    on: date
    last_session_date: date | None
    last_session_uuid: str | None
    #: observations, feedback and recognitions are counted from this day (the last one-to-one, else 30 days back)
    since: date
    next_session_uuid: str | None
    next_session_date: date | None
    cadence_days: int
    due_date: date | None
    due_state: DueState
    objectives: tuple[PrepObjective, ...]
    kpi_deltas: tuple[KpiDelta, ...]
    observations: tuple[PrepObservation, ...]
    feedback: tuple[PrepFeedback, ...]
    strengths: tuple[PrepNote, ...]
    opportunities: tuple[PrepNote, ...]
    verbatims: tuple[PrepNote, ...]
    open_items: tuple[PrepItem, ...]
    recognitions: tuple[PrepRecognition, ...]
    talking_points: tuple[TalkingPoint, ...]
    #: the expectations, motivators and rewards agreed last time, and the day of that one-to-one
    agreed: tuple[PrepAgreed, ...] = ()
    agreed_on: date | None = None


# -- the session record --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRow:
    uuid: str
    kind: ItemKind
    text: str
    owner_uuid: str | None
    owner: str | None
    due_date: date | None
    status: ItemStatus | None
    visibility: Visibility
    reward_scope: RewardScope | None
    #: set when the item came from an earlier one-to-one
    carried_from_uuid: str | None
    closed_at: datetime | None
    sort_order: int


@dataclass(frozen=True)
class ItemInput:
    """One line as the editor sends it: ``uuid`` None for a new line."""

    kind: ItemKind
    text: str
    uuid: str | None = None
    owner_uuid: str | None = None
    due_date: date | None = None
    status: ItemStatus | None = None
    visibility: Visibility = Visibility.SHARED
    reward_scope: RewardScope | None = None


@dataclass(frozen=True)
class SessionObjective:
    objective_uuid: str
    statement: str
    #: discussed, created or adjusted
    action: str
    note: str | None


@dataclass(frozen=True)
class ParticipantRow:
    person_uuid: str
    name: str
    role: str


@dataclass(frozen=True)
class AmendmentLine:
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    author: str | None
    amended_at: datetime


@dataclass(frozen=True)
class SessionRecord:
    uuid: str
    version: int
    agent_uuid: str
    agent_name: str
    leader_uuid: str | None
    leader: str | None
    type: OneToOneType
    status: OneToOneStatus
    scheduled_for: datetime | None
    held_at: datetime | None
    agent_comments: str
    summary: str
    next_date: date | None
    previous_uuid: str | None
    acknowledged_at: datetime | None
    acknowledged_name: str | None
    acknowledgement_comment: str | None
    items: tuple[ItemRow, ...]
    objectives: tuple[SessionObjective, ...]
    participants: tuple[ParticipantRow, ...]
    amendments: tuple[AmendmentLine, ...]
    #: the agent's one-to-one rhythm in days (their own, else their team's, else the default): the next date's default
    cadence_days: int = DEFAULT_CADENCE_DAYS

    @property
    def locked(self) -> bool:
        return self.status is OneToOneStatus.ACKNOWLEDGED

    @property
    def day(self) -> date | None:
        at = self.held_at or self.scheduled_for
        return at.date() if at else None


@dataclass(frozen=True)
class SessionLine:
    """A one-to-one in a list (history, CLI)."""

    uuid: str
    agent_uuid: str
    agent_name: str
    team: str | None
    leader: str | None
    type: OneToOneType
    status: OneToOneStatus
    day: date | None
    next_date: date | None
    open_items: int


@dataclass(frozen=True)
class DueRow:
    """An agent's one-to-one rhythm: when the last was held and when the next is due."""

    agent_uuid: str
    agent_name: str
    team: str | None
    last_held: date | None
    cadence_days: int
    due_date: date | None
    state: DueState
    #: days since the last one-to-one (None: never)
    days_since: int | None
    draft_uuid: str | None


@dataclass(frozen=True)
class OverdueItem:
    uuid: str
    agent_uuid: str
    agent_name: str
    kind: ItemKind
    text: str
    owner: str | None
    due_date: date
    days_overdue: int


@dataclass(frozen=True)
class FollowUpDue:
    feedback_uuid: str
    agent_uuid: str
    agent_name: str
    follow_up_date: date
    to_improve: str


@dataclass(frozen=True)
class TodayOneToOnes:
    """What the Today page lists: for the signed-in leader's teams, or everyone (``leader`` None)."""

    leader: str | None
    #: the leader leads no team, so everyone is shown
    leads_no_team: bool
    due: tuple[DueRow, ...]
    overdue_items: tuple[OverdueItem, ...]
    follow_ups: tuple[FollowUpDue, ...]
