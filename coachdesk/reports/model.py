"""The plain data each printed document is built from (frozen dataclasses that services fill in)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Branding:
    """What every page carries: the organisation's name and logo (optional), the paper, and the print date."""

    organisation: str = ""
    logo: bytes | None = None  # PNG or JPEG bytes
    paper: str = "A4"  # "A4" or "Letter"
    printed_on: date = field(default_factory=date.today)


@dataclass(frozen=True)
class RecognitionDoc:
    """``given_by`` is the person who gives the recognition and signs it (the giver recorded, else the team's
    leader on that day); ``source`` is who the praise came from when that is not a person in the database (a
    customer, another department): ``words`` are then the source's, quoted as theirs."""

    uuid: str
    agent_name: str
    team_name: str
    title: str
    what_they_did: str
    words: str
    given_by: str
    behaviour: str
    objective: str
    recognised_on: date
    source: str = ""


@dataclass(frozen=True)
class ObjectiveLine:
    statement: str
    measure: str
    status: str
    due: date | None
    baseline: str
    target: str
    current: str
    band: str
    forecast: str
    on_track: bool | None


@dataclass(frozen=True)
class ScoreLine:
    name: str
    score: float | None  # 0-100
    n: int


@dataclass(frozen=True)
class QuoteLine:
    kind: str  # strength, opportunity, verbatim
    text: str
    behaviour: str
    noted_at: datetime


@dataclass(frozen=True)
class FeedbackLine:
    observed_at: datetime | None
    delivered_at: datetime | None
    timeliness: str
    coach: str
    went_well: str
    to_improve: str
    commitment: str
    follow_up: date | None
    #: how the follow-up turned out (Improved, Partly, Not yet; "" while open) and the coach's note
    follow_up_outcome: str = ""
    follow_up_note: str = ""


@dataclass(frozen=True)
class ActionLine:
    kind: str  # action, commitment
    text: str
    owner: str
    due: date | None
    status: str


@dataclass(frozen=True)
class FeedbackSummaryDoc:
    agent_uuid: str
    agent_name: str
    team_name: str
    start: date
    end: date
    objectives: tuple[ObjectiveLine, ...]
    overall: ScoreLine
    behaviours: tuple[ScoreLine, ...]
    strengths: tuple[QuoteLine, ...]
    opportunities: tuple[QuoteLine, ...]
    quotes: tuple[QuoteLine, ...]
    feedback: tuple[FeedbackLine, ...]
    actions: tuple[ActionLine, ...]
    recognitions: tuple[RecognitionDoc, ...]
    #: the trend chart as image bytes, or a callable giving them when the page is drawn (a chart still rendering
    #: in a worker process); ``chart_height`` (points) is then its height at the page's body width
    chart_png: bytes | Callable[[], bytes] | None = None
    chart_height: float = 0.0


@dataclass(frozen=True)
class ItemLine:
    kind: str
    text: str
    owner: str
    due: date | None
    status: str
    reward_scope: str = ""
    carried: bool = False


@dataclass(frozen=True)
class OneToOneDoc:
    uuid: str
    agent_name: str
    leader_name: str
    team_name: str
    type: str
    status: str
    held_at: datetime | None
    scheduled_for: datetime | None
    participants: tuple[str, ...]
    items: tuple[ItemLine, ...]
    objectives: tuple[tuple[ObjectiveLine, str, str], ...]  # (objective, action taken, note)
    summary: str
    agent_comments: str
    next_date: date | None
    acknowledged_at: datetime | None
    acknowledged_name: str
    acknowledgement_comment: str


@dataclass(frozen=True)
class PrepSection:
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PrepDoc:
    agent_name: str
    team_name: str
    prepared_on: date
    sections: tuple[PrepSection, ...]


@dataclass(frozen=True)
class TeamKpiCell:
    text: str
    band: str  # "good", "warn", "bad" or ""
    target: str = ""  # the agent's target, when they have an objective on this KPI


@dataclass(frozen=True)
class TeamAgentRow:
    agent_name: str
    kpis: tuple[TeamKpiCell, ...]
    observations: int
    feedback_given: int
    feedback_median_hours: float | None
    one_to_ones: int
    recognitions: int
    overall_score: float | None


@dataclass(frozen=True)
class TeamSummaryDoc:
    team_name: str
    leader_name: str
    start: date
    end: date
    kpi_headers: tuple[str, ...]  # "AHT (target 5:00)"
    rows: tuple[TeamAgentRow, ...]
    recognitions: tuple[RecognitionDoc, ...]
    heatmap_png: bytes | None = None


@dataclass(frozen=True)
class FeedbackRecordDoc:
    """One feedback conversation as the agent keeps it: what went well, what to improve, their commitment, when it
    was given, and the notes of the observation it came from."""

    uuid: str
    agent_name: str
    team_name: str
    coach_name: str
    observed_at: datetime | None
    delivered_at: datetime | None
    timeliness: str
    went_well: str
    to_improve: str
    commitment: str
    follow_up: date | None
    target: str  # the behaviour or objective the feedback aims at ("" when none)
    strengths: tuple[QuoteLine, ...] = ()
    opportunities: tuple[QuoteLine, ...] = ()


@dataclass(frozen=True)
class ObservationDoc:
    """One observation session: who, how and when, the behaviours scored (with n), the notes taken, the feedback
    given on it (if any) and every amendment made after it was closed."""

    uuid: str
    agent_name: str
    team_name: str
    observer_name: str
    mode: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    interactions: int
    overall: ScoreLine
    behaviours: tuple[ScoreLine, ...]
    notes: tuple[QuoteLine, ...]  # kind: strength, opportunity, verbatim, general
    feedback: FeedbackRecordDoc | None
    amendments: tuple[str, ...] = ()
