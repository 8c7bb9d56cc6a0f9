"""The light, frozen rows observation services hand to the GUI: framework, session, interactions, ratings, notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from coachdesk.domain.enums import Channel, NoteKind, ObservationMode, SessionStatus
from coachdesk.domain.observation_rules import ScalePoint

__all__ = ["BehaviourItem", "DraftNote", "FrameworkView", "InteractionRow", "NoteRow", "ObjectiveChoice",
           "PersonChoice", "RatingRow", "Scale", "ScalePoint", "SessionState", "SessionSummary"]


@dataclass(frozen=True)
class Scale:
    id: int
    name: str
    points: tuple[ScalePoint, ...]

    def keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.points)


@dataclass(frozen=True)
class BehaviourItem:
    id: int
    code: str
    name: str
    category: str
    description: str
    good: str
    scale: Scale
    #: 1-based position in the checklist (Alt+number jumps to it)
    number: int


@dataclass(frozen=True)
class FrameworkView:
    uuid: str
    name: str
    revision: int
    behaviours: tuple[BehaviourItem, ...]

    def behaviour(self, behaviour_id: int) -> BehaviourItem | None:
        return next((b for b in self.behaviours if b.id == behaviour_id), None)


@dataclass(frozen=True)
class InteractionRow:
    uuid: str
    number: int
    reference: str
    channel: Channel
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class RatingRow:
    uuid: str
    interaction_uuid: str | None
    behaviour_id: int
    value: int
    label: str
    score: float | None
    rated_at: datetime


@dataclass(frozen=True)
class NoteRow:
    uuid: str
    interaction_uuid: str | None
    kind: NoteKind
    text: str
    noted_at: datetime
    behaviour_id: int | None
    objective_uuid: str | None


@dataclass(frozen=True)
class DraftNote:
    """The note being typed, autosaved as it is typed so a crash loses at most the last moment of typing."""

    text: str
    kind: NoteKind = NoteKind.GENERAL
    behaviour_id: int | None = None
    objective_uuid: str | None = None
    interaction_uuid: str | None = None


@dataclass(frozen=True)
class ObjectiveChoice:
    uuid: str
    statement: str


@dataclass(frozen=True)
class PersonChoice:
    uuid: str
    name: str
    detail: str = ""


@dataclass(frozen=True)
class SessionState:
    """Everything the Observe page shows of one session, as it is in the database."""

    uuid: str
    agent_uuid: str
    agent_name: str
    team: str | None
    observer_uuid: str | None
    observer_name: str | None
    mode: ObservationMode
    announced: bool
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    framework: FrameworkView
    interactions: tuple[InteractionRow, ...] = ()
    ratings: tuple[RatingRow, ...] = ()
    notes: tuple[NoteRow, ...] = ()
    draft: DraftNote | None = None
    objectives: tuple[ObjectiveChoice, ...] = field(default=())

    @property
    def open_interaction(self) -> InteractionRow | None:
        last = self.interactions[-1] if self.interactions else None
        return last if last is not None and last.ended_at is None else None

    @property
    def is_empty(self) -> bool:
        """Nothing logged: no rating, no note, no draft text, no interaction with a reference."""
        return not (self.ratings or self.notes or (self.draft and self.draft.text.strip())
                    or any(i.reference for i in self.interactions))


@dataclass(frozen=True)
class SessionSummary:
    """A session in a list: unfinished sessions to resume, an agent's history."""

    uuid: str
    agent_uuid: str
    agent_name: str
    observer_name: str | None
    mode: ObservationMode
    announced: bool
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    interactions: int = 0
    ratings: int = 0
    notes: int = 0
    has_draft: bool = False
