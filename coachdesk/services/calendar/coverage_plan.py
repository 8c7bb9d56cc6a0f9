"""Observation coverage: a target per team (observations a month, how many unannounced), each agent's standing this
month (done, planned, behind), and observations planned on the calendar (plan, move, drop)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from coachdesk.domain.calendar_rules import (
    CoverageState,
    CoverageTarget,
    check_length,
    check_not_past,
    coverage_state,
    month_bounds,
)
from coachdesk.domain.enums import AuditAction, ObservationMode, SessionStatus
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services import common
from coachdesk.services.calendar.entry_list import scope_people
from coachdesk.services.calendar.schedule import (
    _changed,
    _check_agent_current,
    _check_free_coach,
    agent_leaders,
    now_utc,
)
from coachdesk.services.calendar.settings import calendar_settings
from coachdesk.storage.database import Database
from coachdesk.storage.models import ObservationSession, Person, PlannedObservation, Team


@dataclass(frozen=True)
class CoverageRow:
    agent_uuid: str
    agent_name: str
    team_name: str | None
    target: CoverageTarget
    done: int
    done_unannounced: int
    planned: int
    planned_unannounced: int
    last_observed: date | None
    state: CoverageState

    @property
    def short(self) -> int:
        """Observations still missing this month (beyond what is planned)."""
        want = self.target.per_month or 0
        return max(0, want - self.done - self.planned)


def set_target(db: Database, team_uuid: str, target: CoverageTarget) -> None:
    target.check()
    with db.unit_of_work(immediate=True) as session:
        team = session.scalar(select(Team).where(Team.uuid == team_uuid))
        if team is None:
            raise NotFound(f"No team has the id {team_uuid!r}.")
        team.observations_per_month, team.unannounced_per_month = target.per_month, target.unannounced_per_month
        common.record(session, AuditAction.UPDATE, "team", team.uuid,
                     f"Observation target of {team.name}: {target.per_month} a month, "
                     f"{target.unannounced_per_month} unannounced")


def coverage(db: Database, team_uuids: Iterable[str] | None = None, now: datetime | None = None
             ) -> list[CoverageRow]:
    """Every current agent of the teams against their team's target this month; behind first, then due."""
    now = now or now_utc()
    zone = calendar_settings(db).zone
    today = now.astimezone(zone).date()
    first, nxt = month_bounds(today)
    lo = datetime.combine(first, time.min, tzinfo=zone).astimezone(UTC)
    hi = datetime.combine(nxt, time.min, tzinfo=zone).astimezone(UTC)
    people = scope_people(db, team_uuids, today)
    ids = list(people)
    with db.session() as session:
        targets = {name: CoverageTarget(per, un) for name, per, un in session.execute(
            select(Team.name, Team.observations_per_month, Team.unannounced_per_month))}
        done: dict[int, list[int]] = {}
        last: dict[int, datetime] = {}
        if ids:
            for aid, announced, n in session.execute(
                    select(ObservationSession.agent_id, ObservationSession.announced, func.count())
                    .where(ObservationSession.agent_id.in_(ids), ObservationSession.started_at >= lo,
                           ObservationSession.started_at < hi,
                           ObservationSession.status != SessionStatus.ABANDONED)
                    .group_by(ObservationSession.agent_id, ObservationSession.announced)):
                d = done.setdefault(aid, [0, 0])
                d[0] += n
                d[1] += 0 if announced else n
            last = dict(session.execute(
                select(ObservationSession.agent_id, func.max(ObservationSession.started_at))
                .where(ObservationSession.agent_id.in_(ids), ObservationSession.status != SessionStatus.ABANDONED)
                .group_by(ObservationSession.agent_id)).all())
        planned: dict[int, list[int]] = {}
        if ids:
            for aid, announced, n in session.execute(
                    select(PlannedObservation.agent_id, PlannedObservation.announced, func.count())
                    .where(PlannedObservation.agent_id.in_(ids), PlannedObservation.session_id.is_(None),
                           PlannedObservation.planned_for >= now, PlannedObservation.planned_for < hi)
                    .group_by(PlannedObservation.agent_id, PlannedObservation.announced)):
                p = planned.setdefault(aid, [0, 0])
                p[0] += n
                p[1] += 0 if announced else n
    rows = []
    for pid, (uuid, name, team) in people.items():
        target = targets.get(team, CoverageTarget())
        d, p = done.get(pid, [0, 0]), planned.get(pid, [0, 0])
        seen = last.get(pid)
        seen_day = (seen if seen.tzinfo else seen.replace(tzinfo=UTC)).astimezone(zone).date() if seen else None
        rows.append(CoverageRow(uuid, name, team, target, d[0], d[1], p[0], p[1], seen_day,
                                coverage_state(target, d[0], d[1], p[0], p[1], today)))
    order = {CoverageState.BEHIND: 0, CoverageState.DUE: 1, CoverageState.PLANNED: 2, CoverageState.MET: 3,
             CoverageState.NO_TARGET: 4}
    return sorted(rows, key=lambda r: (order[r.state], r.last_observed or date.min, r.agent_name))


def due_observations(db: Database, team_uuids: Iterable[str] | None = None, now: datetime | None = None
                     ) -> list[CoverageRow]:
    """Who is due an observation (behind or due, nothing planned to close the gap): the Today page's line."""
    return [r for r in coverage(db, team_uuids, now) if r.state in (CoverageState.BEHIND, CoverageState.DUE)]


def plan_observation(db: Database, agent_uuid: str, start: datetime, minutes: int, announced: bool = True,
                     coach_uuid: str | None = None, now: datetime | None = None,
                     mode: ObservationMode = ObservationMode.SIDE_BY_SIDE) -> str:
    """Put an observation of ``agent_uuid`` in the calendar (refused in the past, at zero length, for a leaver or
    on a clash with the coach's diary)."""
    now = now or now_utc()
    zone = calendar_settings(db).zone
    check_length(minutes)
    start = start if start.tzinfo else start.replace(tzinfo=zone)
    check_not_past(start, now, "The observation")
    with db.unit_of_work(immediate=True) as session:
        from coachdesk.services.goals import team_at

        agent = session.execute(select(Person.id, Person.display_name).where(Person.uuid == agent_uuid)).first()
        if agent is None:
            raise NotFound(f"No person has the id {agent_uuid!r}.")
        _check_agent_current(session, agent[0], agent[1], start.astimezone(zone).date())
        coach_id = session.scalar(select(Person.id).where(Person.uuid == coach_uuid)) if coach_uuid else None
        if coach_uuid and coach_id is None:
            raise NotFound(f"No person has the id {coach_uuid!r}.")
        _check_free_coach(session, coach_id, start, start + timedelta(minutes=minutes), "")
        row = PlannedObservation(agent_id=agent[0], coach_id=coach_id, planned_for=start.astimezone(UTC),
                                 duration_minutes=minutes, announced=announced, mode=mode,
                                 team_id=team_at(session, agent[0], start.astimezone(zone).date()))
        session.add(row)
        session.flush()
        common.record(session, AuditAction.CREATE, "planned_observation", row.uuid,
                     f"Observation of {agent[1]} planned", actor_id=coach_id)
        uuid = row.uuid
        affected = agent_leaders(session, agent[0], start.astimezone(zone).date())
    _changed(db, affected)
    return uuid


def move_observation(db: Database, uuid: str, start: datetime, minutes: int, now: datetime | None = None) -> int:
    now = now or now_utc()
    zone = calendar_settings(db).zone
    check_length(minutes)
    start = start if start.tzinfo else start.replace(tzinfo=zone)
    check_not_past(start, now, "The observation")
    with db.unit_of_work(immediate=True) as session:
        row = session.scalar(select(PlannedObservation).where(PlannedObservation.uuid == uuid))
        if row is None:
            raise NotFound(f"No planned observation has the id {uuid!r}.")
        if row.session_id is not None:
            raise ValidationError("This observation has already taken place; it cannot be moved.")
        name = session.scalar(select(Person.display_name).where(Person.id == row.agent_id)) or "The agent"
        _check_agent_current(session, row.agent_id, name, start.astimezone(zone).date())
        _check_free_coach(session, row.coach_id, start, start + timedelta(minutes=minutes), row.uuid)
        row.planned_for, row.duration_minutes = start.astimezone(UTC), minutes
        row.calendar_sequence = (row.calendar_sequence or 0) + 1
        common.record(session, AuditAction.UPDATE, "planned_observation", row.uuid, "Planned observation moved")
        sequence = row.calendar_sequence
        affected = agent_leaders(session, row.agent_id, start.astimezone(zone).date())
    _changed(db, affected)
    return sequence


def drop_observation(db: Database, uuid: str) -> None:
    with db.unit_of_work() as session:
        row = session.scalar(select(PlannedObservation).where(PlannedObservation.uuid == uuid))
        if row is None:
            raise NotFound(f"No planned observation has the id {uuid!r}.")
        affected = agent_leaders(session, row.agent_id, now_utc().date())
        session.delete(row)
        common.record(session, AuditAction.DELETE, "planned_observation", uuid, "Planned observation dropped")
    _changed(db, affected)


def today_observations(db: Database, now: datetime | None = None) -> list[CoverageRow]:
    """``due_observations`` for the signed-in leader's teams (every team when nobody is signed in or they lead
    none): the Today page's line."""
    from coachdesk.services.calendar.files import led_teams
    from coachdesk.services.common import signed_in_person

    now = now or now_utc()
    who = signed_in_person(db)
    teams = [u for u, _ in led_teams(db, who.uuid, now.astimezone(calendar_settings(db).zone).date())] if who else []
    return due_observations(db, teams or None, now)


def link_started(session, agent_id: int, session_id: int, started_at: datetime) -> str | None:  # noqa: ANN001
    """Inside the unit of work that starts an observation: the agent's planned observation nearest in time on the
    same day (within 12 hours) is marked as carried out by it, so it leaves the calendar and the plan counts once.
    Returns its uuid, or None when none was planned."""
    rows = session.execute(
        select(PlannedObservation).where(
            PlannedObservation.agent_id == agent_id, PlannedObservation.session_id.is_(None),
            PlannedObservation.planned_for >= started_at - timedelta(hours=12),
            PlannedObservation.planned_for <= started_at + timedelta(hours=12))).scalars().all()
    if not rows:
        return None
    nearest = min(rows, key=lambda r: abs((r.planned_for if r.planned_for.tzinfo else
                                           r.planned_for.replace(tzinfo=UTC)) - started_at))
    nearest.session_id = session_id
    return nearest.uuid
