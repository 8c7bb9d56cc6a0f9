"""Calibration: interactions (same reference) rated by several observers, and their agreement report.

Observers rate independently: a report stays hidden while any observer's session on that reference is still in
progress, and the Observe page never shows another observer's ratings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from coachdesk.domain.calibration import CalibrationRating, CalibrationReport, calibrate
from coachdesk.domain.enums import SessionStatus
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Behaviour,
    BehaviourRating,
    ObservationSession,
    ObservedInteraction,
    Person,
)


@dataclass(frozen=True)
class CalibrationRef:
    reference: str
    agent_name: str
    observers: int
    in_progress: int
    first_at: datetime


@dataclass(frozen=True)
class CalibrationView:
    reference: str
    agent_name: str
    #: observer key -> name, in the report's order
    observers: dict[str, str]
    #: behaviour code -> name, in framework order
    behaviours: dict[str, str]
    #: (behaviour code, observer key) -> the label they gave
    labels: dict[tuple[str, str], str]
    in_progress: int
    report: CalibrationReport | None  # None while any observer is still rating

    @property
    def hidden(self) -> bool:
        return self.report is None


def _observer_key(coach_id: int | None, session_uuid: str) -> str:
    return f"p:{coach_id}" if coach_id else f"s:{session_uuid}"


def calibration_references(db: Database, min_observers: int = 2, limit: int = 200) -> list[CalibrationRef]:
    """References rated in sessions of at least ``min_observers`` different observers, newest first."""
    with db.session() as session:
        observer = func.coalesce(ObservationSession.coach_id, -ObservationSession.id)
        rows = session.execute(
            select(ObservedInteraction.reference, func.count(func.distinct(observer)),
                   func.min(ObservedInteraction.started_at), func.max(ObservedInteraction.started_at),
                   func.min(ObservationSession.agent_id),
                   func.sum(case((ObservationSession.status == SessionStatus.IN_PROGRESS, 1), else_=0)))
            .join(ObservationSession, ObservationSession.id == ObservedInteraction.session_id)
            .where(ObservedInteraction.reference.is_not(None), ObservationSession.status != SessionStatus.ABANDONED)
            .group_by(ObservedInteraction.reference)
            .having(func.count(func.distinct(observer)) >= min_observers)
            .order_by(func.max(ObservedInteraction.started_at).desc()).limit(limit)).all()
        names = dict(session.execute(select(Person.id, Person.display_name)
                                     .where(Person.id.in_({r[4] for r in rows}))).all())
        return [CalibrationRef(ref, names.get(agent, ""), count, int(busy or 0), first)
                for ref, count, first, _last, agent, busy in rows]


def calibration_view(db: Database, reference: str) -> CalibrationView:
    """Every observer's ratings of ``reference`` and the agreement report (hidden until all have finished)."""
    with db.session() as session:
        rows = session.execute(
            select(BehaviourRating.value, BehaviourRating.label, BehaviourRating.score, BehaviourRating.rated_at,
                   Behaviour.code, Behaviour.name, Behaviour.sort_order, ObservationSession.coach_id,
                   ObservationSession.uuid, ObservationSession.status, ObservationSession.agent_id,
                   ObservationSession.started_at)
            .join(ObservedInteraction, ObservedInteraction.id == BehaviourRating.interaction_id)
            .join(ObservationSession, ObservationSession.id == BehaviourRating.session_id)
            .join(Behaviour, Behaviour.id == BehaviourRating.behaviour_id)
            .where(ObservedInteraction.reference == reference, ObservationSession.status != SessionStatus.ABANDONED)
            .order_by(BehaviourRating.rated_at, BehaviourRating.id)).all()
        busy = session.scalar(
            select(func.count(func.distinct(ObservationSession.id)))
            .join(ObservedInteraction, ObservedInteraction.session_id == ObservationSession.id)
            .where(ObservedInteraction.reference == reference,
                   ObservationSession.status == SessionStatus.IN_PROGRESS)) or 0
        people = dict(session.execute(select(Person.id, Person.display_name).where(
            Person.id.in_({r.coach_id for r in rows if r.coach_id} | {r.agent_id for r in rows}))).all())
    observers: dict[str, str] = {}
    behaviours: dict[str, tuple[int, str]] = {}
    labels: dict[tuple[str, str], str] = {}
    ratings: list[CalibrationRating] = []
    for r in sorted(rows, key=lambda r: (r.started_at, r.rated_at)):
        key = _observer_key(r.coach_id, r.uuid)
        observers.setdefault(key, people.get(r.coach_id, "") if r.coach_id else
                             f"Unnamed observer ({r.started_at:%d %b %H:%M})")
        behaviours.setdefault(r.code, (r.sort_order, r.name))
        labels[(r.code, key)] = r.label
        ratings.append(CalibrationRating(key, r.code, r.value, r.score))
    order = sorted(behaviours, key=lambda code: behaviours[code][0])
    agent = people.get(rows[0].agent_id, "") if rows else ""
    report = calibrate(ratings, order) if not busy else None
    return CalibrationView(reference, agent, observers, {c: behaviours[c][1] for c in order}, labels, busy, report)
