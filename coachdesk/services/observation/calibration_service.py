"""Calibration: interactions (same reference) rated by several observers, and their agreement report.

References are matched ignoring case and spacing (``domain.calibration.reference_key``); references that differ
only in separators ("CAL-0042", "CAL0042") are near matches, kept apart but named, so nobody is left out silently.

Observers rate independently: a report stays hidden while any observer's session on that reference is still in
progress, and the Observe page never shows another observer's ratings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select

from coachdesk.domain import date_words
from coachdesk.domain.calibration import CalibrationRating, CalibrationReport, calibrate, near_key, reference_key
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
    #: the other ways observers typed it, matched as the same (case, spacing)
    spellings: tuple[str, ...] = ()
    #: near matches left out of it (other separators): each may be the same interaction mistyped
    near: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeftOut:
    """References that look alike (differ only in separators) and are kept apart, none of them reaching enough
    observers on its own: together they would be a calibration."""

    references: tuple[str, ...]
    agent_name: str
    observers: int  # distinct observers over all of them


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
    spellings: tuple[str, ...] = ()  # every way the reference was typed, matched as one
    near: tuple[str, ...] = field(default=())  # near matches left out (other separators)

    @property
    def hidden(self) -> bool:
        return self.report is None


def _observer_key(coach_id: int | None, session_uuid: str) -> str:
    return f"p:{coach_id}" if coach_id else f"s:{session_uuid}"


@dataclass
class _Group:
    """One interaction's reference as matched (``reference_key``): its spellings, observers and sessions."""

    spellings: Counter
    observers: set
    busy: set
    first: datetime
    last: datetime
    agent_id: int

    @property
    def reference(self) -> str:
        """The spelling most observers typed (the first of equals in alphabetical order)."""
        return sorted(self.spellings.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _groups(db: Database) -> dict[str, _Group]:
    """Every reference typed in a session not abandoned, grouped by ``reference_key``."""
    with db.session() as session:
        observer = func.coalesce(ObservationSession.coach_id, -ObservationSession.id)
        busy = case((ObservationSession.status == SessionStatus.IN_PROGRESS, ObservationSession.id), else_=None)
        rows = session.execute(
            select(ObservedInteraction.reference, observer, func.min(ObservedInteraction.started_at),
                   func.max(ObservedInteraction.started_at), func.min(ObservationSession.agent_id), func.max(busy))
            .join(ObservationSession, ObservationSession.id == ObservedInteraction.session_id)
            .where(ObservedInteraction.reference.is_not(None), ObservationSession.status != SessionStatus.ABANDONED)
            .group_by(ObservedInteraction.reference, observer)).all()
    groups: dict[str, _Group] = {}
    for reference, who, first, last, agent, session_id in rows:
        group = groups.setdefault(reference_key(reference), _Group(Counter(), set(), set(), first, last, agent))
        group.spellings[reference] += 1
        group.observers.add(who)
        if session_id is not None:
            group.busy.add(session_id)
        group.first, group.last = min(group.first, first), max(group.last, last)
        group.agent_id = min(group.agent_id, agent)
    return groups


def _near(groups: dict[str, _Group]) -> dict[str, list[str]]:
    """near key -> the reference keys that share it."""
    near: dict[str, list[str]] = {}
    for key in groups:
        near.setdefault(near_key(key), []).append(key)
    return near


def _names(db: Database, ids: set[int]) -> dict[int, str]:
    with db.session() as session:
        return dict(session.execute(select(Person.id, Person.display_name).where(Person.id.in_(ids))).all())


def calibration_references(db: Database, min_observers: int = 2, limit: int = 200) -> list[CalibrationRef]:
    """References rated in sessions of at least ``min_observers`` different observers, newest first."""
    groups = _groups(db)
    near = _near(groups)
    chosen = sorted((k for k, g in groups.items() if len(g.observers) >= min_observers),
                    key=lambda k: groups[k].last, reverse=True)[:limit]
    names = _names(db, {groups[k].agent_id for k in chosen})
    refs = []
    for key in chosen:
        group = groups[key]
        shown = group.reference
        others = tuple(groups[k].reference for k in near[near_key(key)] if k != key)
        refs.append(CalibrationRef(shown, names.get(group.agent_id, ""), len(group.observers), len(group.busy),
                                   group.first, tuple(sorted(s for s in group.spellings if s != shown)),
                                   tuple(sorted(others))))
    return refs


def calibration_left_out(db: Database, min_observers: int = 2) -> list[LeftOut]:
    """Near matches none of which is a calibration on its own while together they have ``min_observers``."""
    groups = _groups(db)
    found = []
    for keys in _near(groups).values():
        members = [groups[k] for k in keys]
        if len(keys) < 2 or any(len(g.observers) >= min_observers for g in members):
            continue
        observers = set().union(*(g.observers for g in members))
        if len(observers) >= min_observers:
            found.append((max(g.last for g in members), members, len(observers)))
    found.sort(key=lambda item: item[0], reverse=True)
    names = _names(db, {g.agent_id for _last, members, _n in found for g in members})
    return [LeftOut(tuple(sorted(g.reference for g in members)), names.get(min(g.agent_id for g in members), ""),
                    count) for _last, members, count in found]


def _spellings(db: Database, reference: str) -> tuple[list[str], list[str]]:
    """Every typed reference matching ``reference`` (case, spacing), and its near matches (other separators)."""
    key, loose = reference_key(reference), near_key(reference)
    with db.session() as session:
        typed = session.scalars(select(ObservedInteraction.reference).distinct()
                                .where(ObservedInteraction.reference.is_not(None))).all()
    same = sorted(t for t in typed if reference_key(t) == key)
    near = sorted({t for t in typed if near_key(t) == loose and reference_key(t) != key})
    return same, near


def calibration_view(db: Database, reference: str) -> CalibrationView:
    """Every observer's ratings of ``reference`` (however its case and spacing were typed) and the agreement report
    (hidden until all have finished)."""
    spellings, near = _spellings(db, reference)
    with db.session() as session:
        rows = session.execute(
            select(BehaviourRating.value, BehaviourRating.label, BehaviourRating.score, BehaviourRating.rated_at,
                   Behaviour.code, Behaviour.name, Behaviour.sort_order, ObservationSession.coach_id,
                   ObservationSession.uuid, ObservationSession.status, ObservationSession.agent_id,
                   ObservationSession.started_at)
            .join(ObservedInteraction, ObservedInteraction.id == BehaviourRating.interaction_id)
            .join(ObservationSession, ObservationSession.id == BehaviourRating.session_id)
            .join(Behaviour, Behaviour.id == BehaviourRating.behaviour_id)
            .where(ObservedInteraction.reference.in_(spellings), ObservationSession.status != SessionStatus.ABANDONED)
            .order_by(BehaviourRating.rated_at, BehaviourRating.id)).all()
        busy = session.scalar(
            select(func.count(func.distinct(ObservationSession.id)))
            .join(ObservedInteraction, ObservedInteraction.session_id == ObservationSession.id)
            .where(ObservedInteraction.reference.in_(spellings),
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
                             f"Unnamed observer ({date_words.when_words(r.started_at)})")
        behaviours.setdefault(r.code, (r.sort_order, r.name))
        labels[(r.code, key)] = r.label
        ratings.append(CalibrationRating(key, r.code, r.value, r.score))
    order = sorted(behaviours, key=lambda code: behaviours[code][0])
    agent = people.get(rows[0].agent_id, "") if rows else ""
    report = calibrate(ratings, order) if not busy else None
    return CalibrationView(reference, agent, observers, {c: behaviours[c][1] for c in order}, labels, busy, report,
                           tuple(spellings), tuple(near))
