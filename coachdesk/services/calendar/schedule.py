"""Scheduling one-to-ones: propose the next weeks from each agent's rhythm, accept (all or nothing), move or cancel
a session. Every write checks past times, lengths, clashes and leavers first, so a refusal saves nothing."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coachdesk.domain.calendar_rules import (
    Busy,
    RhythmAgent,
    WorkingHours,
    check_length,
    check_not_past,
    first_clash,
    overlaps,
    propose,
)
from coachdesk.domain.enums import AuditAction, MembershipRole, OneToOneStatus, OneToOneType, Role
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services import common
from coachdesk.services.calendar.settings import calendar_settings
from coachdesk.services.one_to_ones import due_list
from coachdesk.storage.database import Database
from coachdesk.storage.models import OneToOne, Person, PersonRole, PlannedObservation, Team, TeamMembership

RECORD_TYPE = "one_to_one"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProposedSession:
    agent_uuid: str
    agent_name: str
    leader_uuid: str | None
    leader_name: str
    start: datetime
    minutes: int
    #: a draft prepared ahead without a time, which accepting this proposal schedules
    draft_uuid: str | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class ScheduleProposal:
    team_names: tuple[str, ...]
    weeks: int
    zone_name: str
    hours: WorkingHours
    sessions: tuple[ProposedSession, ...]
    #: (agent name, due day) of agents for whom no free slot was found near their due day
    no_room: tuple[tuple[str, date], ...]


def _changed(db: Database, leader_uuids: Sequence[str] | None = None) -> None:
    """Rewrite the leaders' calendar files after a committed change (only these leaders' when given); a full disk
    must not undo the change."""
    from coachdesk.services.calendar.files import rewrite_feeds

    try:
        rewrite_feeds(db, leader_uuids=leader_uuids)
    except OSError as exc:
        log.warning("could not rewrite the leaders' calendar files: %s", exc)


def agent_leaders(session: Session, agent_id: int, on: date) -> list[str]:
    """UUIDs of whoever leads or coaches the agent's current teams (whose calendar files show the agent)."""
    teams = select(TeamMembership.team_id).where(
        TeamMembership.person_id == agent_id, or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
        or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))
    return list(session.scalars(
        select(Person.uuid).join(TeamMembership, TeamMembership.person_id == Person.id)
        .where(TeamMembership.team_id.in_(teams),
               TeamMembership.role.in_([MembershipRole.LEADER, MembershipRole.COACH]),
               or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
               or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on)).distinct()))


def now_utc() -> datetime:
    return datetime.now(UTC)


def find_team(session: Session, text: str) -> Team:
    text = text.strip()
    team = session.scalar(select(Team).where(or_(Team.uuid == text, func.lower(Team.name) == text.lower())))
    if team is None:
        raise NotFound(f"No team is called {text!r}; 'coachdesk people list' shows the teams.")
    return team


def team_uuids_for(db: Database, team: str | None) -> list[str] | None:
    if team is None:
        return None
    with db.session() as session:
        return [find_team(session, team).uuid]


def _leaders(session: Session, on: date) -> dict[int, tuple[str, str]]:
    """team id -> (leader uuid, name) of its current leader (the first by name when it has several)."""
    out: dict[int, tuple[str, str]] = {}
    for team_id, uuid, name in session.execute(
            select(TeamMembership.team_id, Person.uuid, Person.display_name)
            .join(Person, Person.id == TeamMembership.person_id)
            .where(TeamMembership.role == MembershipRole.LEADER,
                   or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
                   or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))
            .order_by(Person.name_key)):
        out.setdefault(team_id, (uuid, name))
    return out


def leader_busy(session: Session, leader_ids: Sequence[int], start: datetime, end: datetime,
                ) -> dict[int, list[Busy]]:
    """Each leader's timed, not yet held one-to-ones and planned observations between ``start`` and ``end``."""
    out: dict[int, list[Busy]] = {lid: [] for lid in leader_ids}
    if not leader_ids:
        return out
    agent = Person
    for lid, uuid, at, minutes, name in session.execute(
            select(OneToOne.leader_id, OneToOne.uuid, OneToOne.scheduled_for, OneToOne.duration_minutes,
                   agent.display_name).join(agent, agent.id == OneToOne.agent_id)
            .where(OneToOne.leader_id.in_(list(leader_ids)), OneToOne.held_at.is_(None),
                   OneToOne.duration_minutes.is_not(None), OneToOne.scheduled_for < end,
                   OneToOne.scheduled_for >= start - timedelta(hours=8))):
        out[lid].append(Busy(at, at + timedelta(minutes=minutes), f"one-to-one with {name}", uuid))
    for lid, uuid, at, minutes, name in session.execute(
            select(PlannedObservation.coach_id, PlannedObservation.uuid, PlannedObservation.planned_for,
                   PlannedObservation.duration_minutes, agent.display_name)
            .join(agent, agent.id == PlannedObservation.agent_id)
            .where(PlannedObservation.coach_id.in_(list(leader_ids)), PlannedObservation.session_id.is_(None),
                   PlannedObservation.planned_for < end,
                   PlannedObservation.planned_for >= start - timedelta(hours=8))):
        out[lid].append(Busy(at, at + timedelta(minutes=minutes), f"observation of {name}", uuid))
    return out


def propose_next(db: Database, team: str | None, weeks: int, now: datetime | None = None,
                 minutes: int | None = None, team_uuids: list[str] | None = None) -> ScheduleProposal:
    """The next ``weeks`` of one-to-ones for a team's current agents (or ``team_uuids``' agents; every team when
    both are None)."""
    now = now or now_utc()
    settings = calendar_settings(db)
    zone = settings.zone
    minutes = check_length(minutes if minutes is not None else settings.minutes)
    today = now.astimezone(zone).date()
    if team is not None:
        team_uuids = team_uuids_for(db, team)
    rows = due_list(db, on=today, team_uuids=team_uuids)
    horizon = now + timedelta(weeks=weeks, days=1)
    with db.session() as session:
        leaders = _leaders(session, today)
        team_ids = dict(session.execute(select(Team.name, Team.id)).all())
        ids = dict(session.execute(select(Person.uuid, Person.id).where(
            Person.uuid.in_([r.agent_uuid for r in rows] + [u for u, _ in leaders.values()]))).all())
        booked: dict[int, list[datetime]] = {}
        untimed: dict[int, str] = {}
        agent_ids = [ids[r.agent_uuid] for r in rows]
        for aid, uuid, at, length in session.execute(
                select(OneToOne.agent_id, OneToOne.uuid, OneToOne.scheduled_for, OneToOne.duration_minutes)
                .where(OneToOne.agent_id.in_(agent_ids), OneToOne.held_at.is_(None),
                       OneToOne.status == OneToOneStatus.DRAFT).order_by(OneToOne.scheduled_for)):
            if length is not None and at is not None:
                booked.setdefault(aid, []).append(at)
            else:
                untimed.setdefault(aid, uuid)
        leaving = dict(session.execute(select(Person.id, Person.active_to).where(
            Person.id.in_(agent_ids), Person.active_to.is_not(None))).all())
        leader_ids = sorted({ids[u] for u, _ in leaders.values() if u in ids})
        busy = leader_busy(session, leader_ids, now, horizon)
    id_to_uuid = {v: k for k, v in ids.items()}
    agents = []
    names: dict[str, str] = {}
    for r in rows:
        leader = leaders.get(team_ids.get(r.team)) if r.team else None
        leader_key = leader[0] if leader else f"team:{r.team or ''}"
        if leader:
            names[leader[0]] = leader[1]
        aid = ids[r.agent_uuid]
        agents.append(RhythmAgent(r.agent_uuid, r.agent_name, leader_key, r.cadence_days, r.due_date,
                                  tuple(booked.get(aid, ())), untimed.get(aid), leaving.get(aid)))
    result = propose(agents, {id_to_uuid[lid]: b for lid, b in busy.items()}, settings.hours, zone, now, weeks,
                     minutes)
    sessions = tuple(ProposedSession(p.agent_key, p.agent_name, None if p.leader_key.startswith("team:")
                                     else p.leader_key, names.get(p.leader_key, ""), p.start, p.minutes,
                                     p.draft_key) for p in result.proposals)
    teams = tuple(sorted({r.team for r in rows if r.team}))
    return ScheduleProposal(teams, weeks, settings.zone_name, settings.hours, sessions, result.no_room)


# -- checks shared by every write --------------------------------------------------------------------------------------

def _check_agent_current(session: Session, agent_id: int, name: str, day: date) -> None:
    left = session.scalar(select(Person.active_to).where(Person.id == agent_id))
    if left is not None and left < day:
        raise ValidationError(f"{name} left on {left:%d %b %Y}; a one-to-one on {day:%d %b %Y} cannot be "
                              "scheduled with someone who has left.")
    role = session.scalar(select(func.count()).select_from(PersonRole).where(
        PersonRole.person_id == agent_id, PersonRole.role == Role.AGENT,
        or_(PersonRole.start_date.is_(None), PersonRole.start_date <= day),
        or_(PersonRole.end_date.is_(None), PersonRole.end_date >= day)))
    if not role:
        raise ValidationError(f"{name} is not an agent on {day:%d %b %Y}; only current agents get one-to-ones.")


def _check_free_coach(session: Session, leader_id: int | None, start: datetime, end: datetime, ignore: str,
                      pending: Sequence[Busy] = ()) -> None:
    """Refuse a time that overlaps the leader's (or coach's) one-to-ones or planned observations."""
    if leader_id is None:
        return
    busy = leader_busy(session, [leader_id], start - timedelta(hours=8), end)[leader_id]
    clash = first_clash(start, end, [*busy, *pending], ignore=ignore)
    if clash is not None:
        raise ValidationError(f"{start:%a %d %b %H:%M} clashes with the {clash.label} at "
                              f"{clash.start.astimezone(start.tzinfo):%H:%M}; choose another time.")


def _check_free(session: Session, leader_id: int | None, agent_id: int, start: datetime, end: datetime,
                ignore: str, pending: Sequence[Busy] = ()) -> None:
    _check_free_coach(session, leader_id, start, end, ignore, pending)
    own = session.execute(select(OneToOne.uuid, OneToOne.scheduled_for, OneToOne.duration_minutes).where(
        OneToOne.agent_id == agent_id, OneToOne.held_at.is_(None), OneToOne.duration_minutes.is_not(None),
        OneToOne.uuid != ignore, OneToOne.scheduled_for < end,
        OneToOne.scheduled_for >= start - timedelta(hours=8))).all()
    for _uuid, at, length in own:
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        if at + timedelta(minutes=length) > start:
            raise ValidationError(f"{start:%a %d %b %H:%M} clashes with another one-to-one of the same agent at "
                                  f"{at.astimezone(start.tzinfo):%H:%M}; choose another time.")


def _leader_of(session: Session, agent_id: int, on: date, cache: dict | None = None
               ) -> tuple[int | None, int | None]:
    from coachdesk.services.goals import team_at

    team_id = team_at(session, agent_id, on)
    if cache is not None:
        leaders = cache.get(on)
        if leaders is None:
            leaders = cache[on] = _leaders(session, on)
    else:
        leaders = _leaders(session, on)
    leader = leaders.get(team_id) if team_id else None
    leader_id = session.scalar(select(Person.id).where(Person.uuid == leader[0])) if leader else None
    return team_id, leader_id


# -- writes ------------------------------------------------------------------------------------------------------------

def accept(db: Database, sessions: Sequence[ProposedSession], now: datetime | None = None,
           actor_uuid: str | None = None) -> list[str]:
    """Schedule every proposed (or edited) session in one unit of work: all of them, or none with the first
    problem said in one sentence. Returns the one-to-ones' uuids in the order given.

    Everything the checks need (agents, roles, teams, leaders' diaries, drafts) is read once up front, so a
    proposal for hundreds of agents is checked in memory."""
    from coachdesk.services.goals import teams_at

    now = now or now_utc()
    zone = calendar_settings(db).zone
    out: list[str] = []
    if not sessions:
        return out
    for s in sessions:
        check_length(s.minutes)
        check_not_past(s.start.astimezone(zone), now, f"The one-to-one with {s.agent_name}")
    lo = min(s.start for s in sessions) - timedelta(hours=8)
    hi = max(s.end for s in sessions)
    today = now.astimezone(zone).date()
    with db.unit_of_work(immediate=True) as session:
        people = {u: (pid, left) for u, pid, left in session.execute(
            select(Person.uuid, Person.id, Person.active_to).where(
                Person.uuid.in_({s.agent_uuid for s in sessions} | {s.leader_uuid for s in sessions if s.leader_uuid})))}
        agent_ids = {people[s.agent_uuid][0] for s in sessions if s.agent_uuid in people}
        roles: dict[int, list[tuple[date | None, date | None]]] = {}
        for pid, a, b in session.execute(select(PersonRole.person_id, PersonRole.start_date, PersonRole.end_date)
                                         .where(PersonRole.person_id.in_(agent_ids), PersonRole.role == Role.AGENT)):
            roles.setdefault(pid, []).append((a, b))
        teams = teams_at(session, agent_ids, today)
        leaders = _leaders(session, today)
        leader_ids = dict(session.execute(select(Person.uuid, Person.id).where(
            Person.uuid.in_([u for u, _ in leaders.values()]))).all())
        all_leaders = set(leader_ids.values()) | {people[s.leader_uuid][0] for s in sessions
                                                  if s.leader_uuid and s.leader_uuid in people}
        diaries = leader_busy(session, sorted(all_leaders), lo, hi)
        own: dict[int, list[tuple[str, datetime, datetime]]] = {}
        for aid, uuid, at, length in session.execute(
                select(OneToOne.agent_id, OneToOne.uuid, OneToOne.scheduled_for, OneToOne.duration_minutes)
                .where(OneToOne.agent_id.in_(agent_ids), OneToOne.held_at.is_(None),
                       OneToOne.duration_minutes.is_not(None), OneToOne.scheduled_for < hi,
                       OneToOne.scheduled_for >= lo)):
            at = at if at.tzinfo else at.replace(tzinfo=UTC)
            own.setdefault(aid, []).append((uuid, at, at + timedelta(minutes=length)))
        drafts = {r.uuid: r for r in session.scalars(select(OneToOne).where(
            OneToOne.uuid.in_([s.draft_uuid for s in sessions if s.draft_uuid])))}
        latest = (select(OneToOne.agent_id.label("agent_id"), func.max(OneToOne.held_at).label("held_at"))
                  .where(OneToOne.agent_id.in_(agent_ids), OneToOne.held_at.is_not(None))
                  .group_by(OneToOne.agent_id).subquery())
        previous = dict(session.execute(select(OneToOne.agent_id, OneToOne.id).join(
            latest, (latest.c.agent_id == OneToOne.agent_id) & (latest.c.held_at == OneToOne.held_at))).all())
        touched: set[int] = set()
        rows: list[OneToOne] = []
        for s in sessions:
            start = s.start.astimezone(zone)
            end = start + timedelta(minutes=s.minutes)
            if s.agent_uuid not in people:
                raise NotFound(f"No person has the id {s.agent_uuid!r}.")
            agent_id, left = people[s.agent_uuid]
            day = start.date()
            if left is not None and left < day:
                raise ValidationError(f"{s.agent_name} left on {left:%d %b %Y}; a one-to-one on {day:%d %b %Y} "
                                      "cannot be scheduled with someone who has left.")
            if not any((a is None or a <= day) and (b is None or b >= day) for a, b in roles.get(agent_id, ())):
                raise ValidationError(f"{s.agent_name} is not an agent on {day:%d %b %Y}; only current agents get "
                                      "one-to-ones.")
            team_id = teams.get(agent_id)
            leader = leaders.get(team_id) if team_id else None
            leader_id = people[s.leader_uuid][0] if s.leader_uuid in people else (
                leader_ids.get(leader[0]) if leader else None)
            ignore = s.draft_uuid or "-"  # the draft being given this time (no key of a new session matches "-")
            if leader_id is not None:
                clash = first_clash(start, end, diaries.setdefault(leader_id, []), ignore=ignore)
                if clash is not None:
                    raise ValidationError(f"{start:%a %d %b %H:%M} clashes with the {clash.label} at "
                                          f"{clash.start.astimezone(zone):%H:%M}; choose another time.")
            for uuid, a, b in own.get(agent_id, ()):
                if uuid != ignore and overlaps(start, end, a, b):
                    raise ValidationError(f"{start:%a %d %b %H:%M} clashes with another one-to-one of "
                                          f"{s.agent_name} at {a.astimezone(zone):%H:%M}; choose another time.")
            row = drafts.get(s.draft_uuid) if s.draft_uuid else None
            if row is None:
                row = OneToOne(agent_id=agent_id, leader_id=leader_id, type=OneToOneType.REVIEW,
                               status=OneToOneStatus.DRAFT, team_id=team_id, previous_id=previous.get(agent_id),
                               calendar_sequence=0)
                session.add(row)
            else:
                row.calendar_sequence = (row.calendar_sequence or 0) + (1 if row.duration_minutes else 0)
                row.leader_id = row.leader_id or leader_id
            row.scheduled_for, row.duration_minutes = start.astimezone(UTC), s.minutes
            rows.append(row)
            key = s.draft_uuid or f"new:{len(rows)}"
            busy = Busy(start, end, f"one-to-one with {s.agent_name}", key)
            if leader_id is not None:
                diaries[leader_id].append(busy)
                touched.add(leader_id)
            own.setdefault(agent_id, []).append((key, start, end))
        session.flush()
        out = [r.uuid for r in rows]
        actor = session.scalar(select(Person.id).where(Person.uuid == actor_uuid)) if actor_uuid else None
        common.record(session, AuditAction.CREATE, RECORD_TYPE, None, f"{len(out)} one-to-one(s) scheduled",
                     actor_id=actor, details={"sessions": out})
        leader_uuids = list(session.scalars(select(Person.uuid).where(Person.id.in_(touched)))) if touched else []
    _changed(db, leader_uuids)
    return out


def reschedule(db: Database, uuid: str, start: datetime, minutes: int, now: datetime | None = None,
               expected_version: int | None = None) -> int:
    """Move a scheduled one-to-one (or give a planned day a time); raises its invitation's SEQUENCE. Returns it."""
    now = now or now_utc()
    zone = calendar_settings(db).zone
    check_length(minutes)
    if start.tzinfo is None:
        start = start.replace(tzinfo=zone)
    check_not_past(start, now)
    with db.unit_of_work(immediate=True) as session:
        row = session.scalar(select(OneToOne).where(OneToOne.uuid == uuid))
        if row is None:
            raise NotFound(f"No one-to-one has the id {uuid!r}.")
        if expected_version is not None and row.version != expected_version:
            raise ValidationError("This one-to-one was changed elsewhere since it was shown; look again and retry.")
        if row.held_at is not None or row.status is not OneToOneStatus.DRAFT:
            raise ValidationError("This one-to-one has already taken place; only planned ones can be moved.")
        name = session.scalar(select(Person.display_name).where(Person.id == row.agent_id)) or "The agent"
        _check_agent_current(session, row.agent_id, name, start.astimezone(zone).date())
        end = start + timedelta(minutes=minutes)
        _check_free(session, row.leader_id, row.agent_id, start, end, row.uuid)
        old = (row.scheduled_for, row.duration_minutes)
        row.scheduled_for, row.duration_minutes = start.astimezone(UTC), minutes
        row.calendar_sequence = (row.calendar_sequence or 0) + 1
        common.record(session, AuditAction.UPDATE, RECORD_TYPE, row.uuid, f"One-to-one moved to {start:%d %b %H:%M}",
                     details={"from": str(old[0]), "minutes_from": old[1], "to": str(start), "minutes": minutes})
        sequence = row.calendar_sequence
        leader = session.scalar(select(Person.uuid).where(Person.id == row.leader_id)) if row.leader_id else None
    _changed(db, [leader] if leader else [])
    return sequence


def cancel(db: Database, uuid: str, now: datetime | None = None) -> int:
    """Take a planned one-to-one out of the calendar: the prepared draft and its carried items stay (nothing typed
    is lost), its time goes, and its SEQUENCE is raised for the CANCEL invitation. Returns the new SEQUENCE."""
    with db.unit_of_work(immediate=True) as session:
        row = session.scalar(select(OneToOne).where(OneToOne.uuid == uuid))
        if row is None:
            raise NotFound(f"No one-to-one has the id {uuid!r}.")
        if row.held_at is not None or row.status is not OneToOneStatus.DRAFT:
            raise ValidationError("This one-to-one has already taken place; it cannot be cancelled.")
        if row.duration_minutes is None:
            raise ValidationError("This one-to-one has no time in the calendar; there is nothing to cancel.")
        row.duration_minutes = None
        row.calendar_sequence = (row.calendar_sequence or 0) + 1
        common.record(session, AuditAction.UPDATE, RECORD_TYPE, row.uuid, "One-to-one taken out of the calendar")
        sequence = row.calendar_sequence
        leader = session.scalar(select(Person.uuid).where(Person.id == row.leader_id)) if row.leader_id else None
    _changed(db, [leader] if leader else [])
    return sequence


def with_start(proposal: ProposedSession, start: datetime, minutes: int | None = None) -> ProposedSession:
    """An edited proposal (the dialog's time and length fields)."""
    return replace(proposal, start=start, minutes=proposal.minutes if minutes is None else minutes)
