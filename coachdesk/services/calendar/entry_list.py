"""What the calendar shows between two days: scheduled one-to-ones, planned observations, feedback follow-ups,
action due dates and objective due dates, for some teams or a leader, with clashes and out-of-hours marked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from coachdesk.domain.calendar_rules import overlaps
from coachdesk.domain.enums import ItemStatus, MembershipRole, ObjectiveStatus, OneToOneStatus
from coachdesk.domain.one_to_one_rules import CARRIED_KINDS
from coachdesk.services.calendar.settings import CalendarSettings, calendar_settings
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Feedback,
    Objective,
    OneToOne,
    OneToOneItem,
    Person,
    PlannedObservation,
    Team,
    TeamMembership,
)


class EntryKind(StrEnum):
    ONE_TO_ONE = "one_to_one"
    OBSERVATION = "observation"
    FOLLOW_UP = "follow_up"
    ACTION = "action"
    OBJECTIVE = "objective"

    @property
    def label(self) -> str:
        return {"one_to_one": "One-to-one", "observation": "Observation", "follow_up": "Follow-up",
                "action": "Action due", "objective": "Objective due"}[self.value]


@dataclass(frozen=True)
class CalendarEntry:
    kind: EntryKind
    uuid: str
    title: str
    agent_uuid: str
    agent_name: str
    #: local day (the time zone of the calendar settings)
    day: date
    #: timed entries only (aware, UTC)
    start: datetime | None = None
    minutes: int | None = None
    leader_uuid: str | None = None
    team_name: str | None = None
    sequence: int = 0
    updated_at: datetime | None = None
    announced: bool = True
    clash: bool = False
    out_of_hours: bool = False

    @property
    def end(self) -> datetime | None:
        return self.start + timedelta(minutes=self.minutes) if self.start and self.minutes else None

    @property
    def movable(self) -> bool:
        return self.kind in (EntryKind.ONE_TO_ONE, EntryKind.OBSERVATION)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def scope_people(db: Database, team_uuids: Iterable[str] | None, on: date,
                 end: date | None = None) -> dict[int, tuple[str, str, str | None]]:
    """Person id -> (uuid, name, team name) of the members of the given teams at any time from ``on`` to ``end``
    (everyone in any team when None)."""
    end = end or on
    with db.session() as session:
        query = (select(Person.id, Person.uuid, Person.display_name, Team.name)
                 .join(TeamMembership, TeamMembership.person_id == Person.id)
                 .join(Team, Team.id == TeamMembership.team_id)
                 .where(TeamMembership.role == MembershipRole.MEMBER,
                        or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= end),
                        or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on)))
        if team_uuids is not None:
            query = query.where(Team.uuid.in_(list(team_uuids)))
        out: dict[int, tuple[str, str, str | None]] = {}
        for pid, uuid, name, team in session.execute(query):
            out.setdefault(pid, (uuid, name, team))
    return out


def entries(db: Database, start: date, end: date, team_uuids: Iterable[str] | None = None,
            settings: CalendarSettings | None = None, kinds: Iterable[EntryKind] | None = None
            ) -> list[CalendarEntry]:
    """Every entry on the days ``start`` .. ``end`` - 1 (local), sorted by day and time; timed entries of the same
    leader that overlap are marked ``clash``, timed entries outside working hours ``out_of_hours``."""
    settings = settings or calendar_settings(db)
    zone = settings.zone
    wanted = set(kinds) if kinds is not None else set(EntryKind)
    people = scope_people(db, team_uuids, start, end)
    ids = list(people)
    lo = datetime.combine(start, time.min, tzinfo=zone).astimezone(UTC)
    hi = datetime.combine(end, time.min, tzinfo=zone).astimezone(UTC)
    out: list[CalendarEntry] = []
    leader = aliased(Person)
    with db.session() as session:
        if EntryKind.ONE_TO_ONE in wanted and ids:
            for row, leader_uuid in session.execute(
                    select(OneToOne, leader.uuid).outerjoin(leader, leader.id == OneToOne.leader_id)
                    .where(OneToOne.agent_id.in_(ids), OneToOne.held_at.is_(None),
                           OneToOne.status == OneToOneStatus.DRAFT, OneToOne.scheduled_for >= lo,
                           OneToOne.scheduled_for < hi)):
                uuid, name, team = people[row.agent_id]
                at = _aware(row.scheduled_for)
                timed = row.duration_minutes is not None
                out.append(CalendarEntry(EntryKind.ONE_TO_ONE, row.uuid, f"One-to-one: {name}", uuid, name,
                                         at.astimezone(zone).date(), at if timed else None, row.duration_minutes,
                                         leader_uuid, team, row.calendar_sequence, _aware(row.updated_at)))
        if EntryKind.OBSERVATION in wanted and ids:
            for row, leader_uuid in session.execute(
                    select(PlannedObservation, leader.uuid).outerjoin(leader, leader.id == PlannedObservation.coach_id)
                    .where(PlannedObservation.agent_id.in_(ids), PlannedObservation.session_id.is_(None),
                           PlannedObservation.planned_for >= lo, PlannedObservation.planned_for < hi)):
                uuid, name, team = people[row.agent_id]
                at = _aware(row.planned_for)
                kind = "Observation" if row.announced else "Unannounced observation"
                out.append(CalendarEntry(EntryKind.OBSERVATION, row.uuid, f"{kind}: {name}", uuid, name,
                                         at.astimezone(zone).date(), at, row.duration_minutes, leader_uuid, team,
                                         row.calendar_sequence, _aware(row.updated_at), row.announced))
        if EntryKind.FOLLOW_UP in wanted and ids:
            for fid, aid, day, text, updated in session.execute(
                    select(Feedback.uuid, Feedback.agent_id, Feedback.follow_up_date, Feedback.to_improve,
                           Feedback.updated_at)
                    .where(Feedback.agent_id.in_(ids), Feedback.delivered_at.is_not(None),
                           Feedback.follow_up_done_at.is_(None), Feedback.follow_up_date >= start,
                           Feedback.follow_up_date < end)):
                uuid, name, team = people[aid]
                topic = (text or "").strip().splitlines()[0][:60] if (text or "").strip() else "feedback"
                out.append(CalendarEntry(EntryKind.FOLLOW_UP, fid, f"Follow up with {name}: {topic}", uuid, name,
                                         day, team_name=team, updated_at=_aware(updated)))
        if EntryKind.ACTION in wanted and ids:
            for iid, aid, text, day, updated in session.execute(
                    select(OneToOneItem.uuid, OneToOne.agent_id, OneToOneItem.text, OneToOneItem.due_date,
                           OneToOneItem.updated_at).join(OneToOne, OneToOne.id == OneToOneItem.one_to_one_id)
                    .where(OneToOne.agent_id.in_(ids), OneToOneItem.status == ItemStatus.OPEN,
                           OneToOneItem.kind.in_(list(CARRIED_KINDS)), OneToOneItem.due_date >= start,
                           OneToOneItem.due_date < end)):
                uuid, name, team = people[aid]
                out.append(CalendarEntry(EntryKind.ACTION, iid, f"Due ({name}): {text.strip()[:60]}", uuid, name,
                                         day, team_name=team, updated_at=_aware(updated)))
        if EntryKind.OBJECTIVE in wanted and ids:
            for oid, aid, text, day, updated in session.execute(
                    select(Objective.uuid, Objective.person_id, Objective.statement, Objective.due_date,
                           Objective.updated_at)
                    .where(Objective.person_id.in_(ids),
                           Objective.status.in_([ObjectiveStatus.DRAFT, ObjectiveStatus.AGREED]),
                           Objective.due_date >= start, Objective.due_date < end)):
                uuid, name, team = people[aid]
                out.append(CalendarEntry(EntryKind.OBJECTIVE, oid, f"Objective due ({name}): {text.strip()[:60]}",
                                         uuid, name, day, team_name=team, updated_at=_aware(updated)))
    return mark(out, settings)


def mark(items: list[CalendarEntry], settings: CalendarSettings) -> list[CalendarEntry]:
    """Sort, and mark clashes (same leader, overlapping) and times outside working hours."""
    zone = settings.zone
    items.sort(key=lambda e: (e.day, e.start is None, e.start or datetime.min.replace(tzinfo=UTC), e.title))
    timed = [i for i, e in enumerate(items) if e.start is not None and e.minutes]
    clashing: set[int] = set()
    by_leader: dict[str | None, list[int]] = {}
    for i in timed:
        by_leader.setdefault(items[i].leader_uuid, []).append(i)
    for group in by_leader.values():
        group.sort(key=lambda i: items[i].start)
        latest_end, latest_i = None, None
        for i in group:
            e = items[i]
            if latest_end is not None and overlaps(e.start, e.end, items[latest_i].start, latest_end):
                clashing.update({i, latest_i})
            if latest_end is None or e.end > latest_end:
                latest_end, latest_i = e.end, i
    for i in timed:
        e = items[i]
        outside = not settings.hours.contains(e.start.astimezone(zone), e.end.astimezone(zone))
        if outside or i in clashing:
            items[i] = replace(e, clash=i in clashing, out_of_hours=outside)
    return items
