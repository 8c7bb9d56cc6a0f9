"""One-to-one lists: an agent's sessions, who is due or overdue a one-to-one (by their cadence), action items past
their due date and feedback follow-ups due, optionally for the teams a leader leads (the Today page, the team page
and ``coachdesk one-to-ones list``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from coachdesk.domain.enums import ItemStatus, MembershipRole, OneToOneStatus, Role
from coachdesk.domain.one_to_one_rules import (
    CARRIED_KINDS,
    DueState,
    cadence_days,
    due_state,
    next_due,
)
from coachdesk.services.one_to_ones.one_to_one_types import (
    DueRow,
    FollowUpDue,
    OverdueItem,
    SessionLine,
    TodayOneToOnes,
)
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Feedback,
    OneToOne,
    OneToOneItem,
    Person,
    PersonRole,
    Team,
    TeamMembership,
)

if TYPE_CHECKING:
    from coachdesk.services.common import PersonRef


def _current(start_col, end_col, on: date):  # noqa: ANN001, ANN202
    return (or_(start_col.is_(None), start_col <= on), or_(end_col.is_(None), end_col >= on))


def led_team_uuids(db: Database, leader_uuid: str, on: date | None = None) -> list[str]:
    """The teams ``leader_uuid`` leads (or coaches) on ``on``."""
    on = on or date.today()
    with db.session() as session:
        return list(session.scalars(
            select(Team.uuid).join(TeamMembership, TeamMembership.team_id == Team.id)
            .join(Person, Person.id == TeamMembership.person_id)
            .where(Person.uuid == leader_uuid,
                   TeamMembership.role.in_([MembershipRole.LEADER, MembershipRole.COACH]),
                   *_current(TeamMembership.start_date, TeamMembership.end_date, on))
            .order_by(Team.name)))


def _agents(session: Session, on: date, team_uuids: Iterable[str] | None) -> dict[int, tuple[str, str, int | None]]:
    """Active agents (person id -> uuid, name, team id) of the given teams (all teams when None)."""
    query = (select(Person.id, Person.uuid, Person.display_name, TeamMembership.team_id)
             .join(PersonRole, PersonRole.person_id == Person.id)
             .outerjoin(TeamMembership, (TeamMembership.person_id == Person.id)
                        & (TeamMembership.role == MembershipRole.MEMBER)
                        & _current(TeamMembership.start_date, TeamMembership.end_date, on)[0]
                        & _current(TeamMembership.start_date, TeamMembership.end_date, on)[1])
             .where(PersonRole.role == Role.AGENT, *_current(PersonRole.start_date, PersonRole.end_date, on),
                    *_current(Person.active_from, Person.active_to, on))
             .order_by(Person.name_key, Person.id))
    if team_uuids is not None:
        team_ids = list(session.scalars(select(Team.id).where(Team.uuid.in_(list(team_uuids)))))
        query = query.where(TeamMembership.team_id.in_(team_ids))
    out: dict[int, tuple[str, str, int | None]] = {}
    for pid, uuid, name, team_id in session.execute(query):
        out.setdefault(pid, (uuid, name, team_id))
    return out


def due_list(db: Database, on: date | None = None, team_uuids: Iterable[str] | None = None,
             agent_uuid: str | None = None) -> list[DueRow]:
    """Every active agent's rhythm: last one-to-one held, cadence, when the next is due; most overdue first."""
    on = on or date.today()
    with db.session() as session:
        agents = _agents(session, on, team_uuids)
        if agent_uuid is not None:
            agents = {pid: a for pid, a in agents.items() if a[0] == agent_uuid}
        ids = list(agents)
        teams = {tid: (name, days) for tid, name, days in session.execute(
            select(Team.id, Team.name, Team.one_to_one_cadence_days))}
        cadences = dict(session.execute(select(Person.id, Person.one_to_one_cadence_days)
                                        .where(Person.id.in_(ids))).all()) if ids else {}
        end = datetime.combine(on + timedelta(days=1), time.min, tzinfo=UTC)
        last: dict[int, datetime] = {}
        next_dates: dict[int, date | None] = {}
        drafts: dict[int, tuple[str, datetime | None]] = {}
        if ids:
            latest = (select(OneToOne.agent_id.label("agent_id"), func.max(OneToOne.held_at).label("held_at"))
                      .where(OneToOne.agent_id.in_(ids), OneToOne.held_at.is_not(None), OneToOne.held_at < end)
                      .group_by(OneToOne.agent_id).subquery())
            for agent_id, held_at, next_date in session.execute(
                    select(OneToOne.agent_id, OneToOne.held_at, OneToOne.next_date)
                    .join(latest, (latest.c.agent_id == OneToOne.agent_id) & (latest.c.held_at == OneToOne.held_at))):
                last[agent_id], next_dates[agent_id] = held_at, next_date
            for agent_id, uuid, scheduled in session.execute(
                    select(OneToOne.agent_id, OneToOne.uuid, OneToOne.scheduled_for)
                    .where(OneToOne.agent_id.in_(ids), OneToOne.held_at.is_(None),
                           OneToOne.status == OneToOneStatus.DRAFT).order_by(OneToOne.scheduled_for)):
                drafts.setdefault(agent_id, (uuid, scheduled))
    rows = []
    for pid, (uuid, name, team_id) in agents.items():
        team_name, team_days = teams.get(team_id, (None, None))
        cadence = cadence_days(cadences.get(pid), team_days)
        held = last.get(pid)
        held_day = _aware(held).date() if held else None
        draft = drafts.get(pid)
        planned = _aware(draft[1]).date() if draft and draft[1] else next_dates.get(pid)
        due = next_due(held_day, planned, cadence)
        rows.append(DueRow(uuid, name, team_name, held_day, cadence, due, due_state(due, on),
                           (on - held_day).days if held_day else None, draft[0] if draft else None))
    order = {DueState.OVERDUE: 0, DueState.NEVER: 1, DueState.DUE: 2, DueState.UPCOMING: 3}
    return sorted(rows, key=lambda r: (order[r.state], r.due_date or date.min, r.agent_name))


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def overdue_items(db: Database, on: date | None = None, team_uuids: Iterable[str] | None = None
                  ) -> list[OverdueItem]:
    """Open actions and commitments whose due date has passed, oldest first."""
    on = on or date.today()
    with db.session() as session:
        agents = _agents(session, on, team_uuids)
        owner = aliased(Person)
        rows = session.execute(
            select(OneToOneItem.uuid, OneToOne.agent_id, OneToOneItem.kind, OneToOneItem.text, owner.display_name,
                   OneToOneItem.due_date)
            .join(OneToOne, OneToOne.id == OneToOneItem.one_to_one_id)
            .outerjoin(owner, owner.id == OneToOneItem.owner_id)
            .where(OneToOneItem.status == ItemStatus.OPEN, OneToOneItem.kind.in_(list(CARRIED_KINDS)),
                   OneToOneItem.due_date < on, OneToOne.agent_id.in_(list(agents)))
            .order_by(OneToOneItem.due_date)).all()
    return [OverdueItem(uuid, agents[aid][0], agents[aid][1], kind, text, owner_name, due, (on - due).days)
            for uuid, aid, kind, text, owner_name, due in rows if aid in agents]


def follow_ups_due(db: Database, on: date | None = None, team_uuids: Iterable[str] | None = None,
                   days_ahead: int = 0) -> list[FollowUpDue]:
    """Delivered feedback whose follow-up is due by ``on`` (+ ``days_ahead``) and not yet done, in the last 60 days."""
    from coachdesk.domain.one_to_one_rules import FOLLOW_UP_STALE_DAYS

    on = on or date.today()
    with db.session() as session:
        agents = _agents(session, on, team_uuids)
        rows = session.execute(
            select(Feedback.uuid, Feedback.agent_id, Feedback.follow_up_date, Feedback.to_improve)
            .where(Feedback.delivered_at.is_not(None), Feedback.follow_up_done_at.is_(None),
                   Feedback.follow_up_date <= on + timedelta(days=days_ahead),
                   Feedback.follow_up_date >= on - timedelta(days=FOLLOW_UP_STALE_DAYS))
            .order_by(Feedback.follow_up_date)).all()
    return [FollowUpDue(uuid, agents[aid][0], agents[aid][1], day, to_improve or "")
            for uuid, aid, day, to_improve in rows if aid in agents]


def list_sessions(db: Database, agent_uuid: str | None = None, team_uuids: Iterable[str] | None = None,
                  limit: int | None = None) -> list[SessionLine]:
    """One-to-ones, newest first (drafts being prepared at the top)."""
    with db.session() as session:
        agent, leader, team = aliased(Person), aliased(Person), aliased(Team)
        query = (select(OneToOne, agent.uuid, agent.display_name, leader.display_name, team.name)
                 .join(agent, agent.id == OneToOne.agent_id)
                 .outerjoin(leader, leader.id == OneToOne.leader_id)
                 .outerjoin(team, team.id == OneToOne.team_id)
                 .order_by(func.coalesce(OneToOne.held_at, OneToOne.scheduled_for).desc(), OneToOne.id.desc()))
        if agent_uuid is not None:
            query = query.where(agent.uuid == agent_uuid)
        if team_uuids is not None:
            query = query.where(team.uuid.in_(list(team_uuids)))
        if limit is not None:
            query = query.limit(limit)
        rows = session.execute(query).all()
        ids = [r[0].id for r in rows]
        counts: dict[int, int] = defaultdict(int)
        if ids:
            for sid, n in session.execute(
                    select(OneToOneItem.one_to_one_id, func.count()).where(
                        OneToOneItem.one_to_one_id.in_(ids), OneToOneItem.status == ItemStatus.OPEN)
                    .group_by(OneToOneItem.one_to_one_id)):
                counts[sid] = n
    out = []
    for o, uuid, name, leader_name, team_name in rows:
        at = o.held_at or o.scheduled_for
        out.append(SessionLine(o.uuid, uuid, name, team_name, leader_name, o.type, o.status,
                               at.date() if at else None, o.next_date, counts[o.id]))
    return out


def today(db: Database, on: date | None = None) -> TodayOneToOnes:
    """One-to-ones due or overdue, overdue actions and follow-ups due, for the signed-in leader's teams (everyone
    when nobody is signed in or they lead no team). While nothing is committed to the database, the last lists for
    the same day and the same person signed in are given again (``common.while_unchanged``)."""
    from coachdesk.services.common import signed_in_person, while_unchanged

    on = on or date.today()
    who = signed_in_person(db)
    return while_unchanged(db, "one_to_ones.today", (on, who), lambda: _today(db, on, who))


def _today(db: Database, on: date, who: PersonRef | None) -> TodayOneToOnes:
    teams = led_team_uuids(db, who.uuid, on) if who else []
    scope = teams or None
    due = tuple(r for r in due_list(db, on, scope) if r.state is not DueState.UPCOMING)
    return TodayOneToOnes(who.display_name if who else None, bool(who) and not teams, due,
                          tuple(overdue_items(db, on, scope)), tuple(follow_ups_due(db, on, scope)))
