"""Read side of people and teams: instant search, agent lists, the agent header, and resolving ``--agent A``."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import MembershipRole, ObjectiveStatus, Role
from coachdesk.domain.errors import Ambiguous, NotFound
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.text import name_key
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    KpiDefinition,
    Objective,
    Person,
    PersonAlias,
    PersonExternalId,
    PersonRole,
    Team,
    TeamMembership,
)


@dataclass(frozen=True)
class PersonRow:
    """A light row for lists and the quick switcher."""

    uuid: str
    display_name: str
    team: str | None
    roles: tuple[Role, ...]
    is_active: bool
    email: str | None


@dataclass(frozen=True)
class TeamRow:
    uuid: str
    name: str
    members: int
    leaders: tuple[str, ...]
    is_active: bool


@dataclass(frozen=True)
class ObjectiveLine:
    uuid: str
    statement: str
    kpi_code: str | None
    target_level: float | None
    due_date: date
    status: ObjectiveStatus
    #: the target in the KPI's display format ("7:45", "90.5%"); empty for behaviour objectives
    target_text: str = ""


@dataclass(frozen=True)
class AgentHeader:
    uuid: str
    display_name: str
    team: str | None
    leader: str | None
    roles: tuple[Role, ...]
    email: str | None
    external_ids: tuple[tuple[str, str], ...]
    is_active: bool
    objectives: tuple[ObjectiveLine, ...]


def current(start_col, end_col, on: date):  # noqa: ANN001, ANN202
    """A period (either end open when None) that holds ``on``."""
    return and_(or_(start_col.is_(None), start_col <= on), or_(end_col.is_(None), end_col >= on))


def _is_active(person: Person, on: date) -> bool:
    return (person.active_from is None or person.active_from <= on) and (
        person.active_to is None or person.active_to >= on
    )


def _roles_by_person(session: Session, ids: list[int], on: date) -> dict[int, tuple[Role, ...]]:
    rows = session.execute(
        select(PersonRole.person_id, PersonRole.role)
        .where(PersonRole.person_id.in_(ids), current(PersonRole.start_date, PersonRole.end_date, on))
    ).all()
    out: dict[int, list[Role]] = {}
    for pid, role in rows:
        out.setdefault(pid, []).append(role)
    return {pid: tuple(sorted(set(r), key=list(Role).index)) for pid, r in out.items()}


def _teams_by_person(session: Session, ids: list[int], on: date) -> dict[int, str]:
    rows = session.execute(
        select(TeamMembership.person_id, Team.name)
        .join(Team, Team.id == TeamMembership.team_id)
        .where(TeamMembership.person_id.in_(ids), current(TeamMembership.start_date, TeamMembership.end_date, on))
        .order_by(TeamMembership.role, Team.name)
    ).all()
    out: dict[int, str] = {}
    for pid, team in rows:
        out.setdefault(pid, team)
    return out


def list_people(db: Database, search: str = "", role: Role | None = None, include_inactive: bool = False,
                team_uuid: str | None = None, on: date | None = None, limit: int | None = None) -> list[PersonRow]:
    """People sorted by name; ``search`` matches name (accent- and case-insensitive), alias, e-mail or external id."""
    on = on or date.today()
    with db.session() as session:
        query = filtered(select(*ROW_COLUMNS).order_by(Person.name_key, Person.id), on, search, None if role is None else {role},
                         include_inactive, team_uuid)
        if limit is not None:
            query = query.limit(limit)
        return person_rows(session, list(session.execute(query)), on)


def filtered(query: Select, on: date, search: str = "", roles: Collection[Role] | None = None,
             include_inactive: bool = False, team_uuid: str | None = None) -> Select:
    """``query`` over ``Person`` kept to the people a list shows: ``search`` in name (accent- and case-insensitive),
    alias, e-mail or external id; holding one of ``roles`` (None: any) on ``on``; active on ``on`` unless
    ``include_inactive``; in team ``team_uuid`` (None: any)."""
    if search.strip():
        key = f"%{name_key(search)}%"
        raw = f"%{search.strip().lower()}%"
        query = query.where(or_(
            Person.name_key.like(key),
            Person.email.ilike(raw),
            Person.id.in_(select(PersonAlias.person_id).where(PersonAlias.alias_key.like(key))),
            Person.id.in_(select(PersonExternalId.person_id).where(PersonExternalId.value.ilike(raw))),
        ))
    if not include_inactive:
        query = query.where(current(Person.active_from, Person.active_to, on))
    if roles is not None:
        query = query.where(Person.id.in_(
            select(PersonRole.person_id).where(PersonRole.role.in_(sorted(roles)),
                                               current(PersonRole.start_date, PersonRole.end_date, on))))
    if team_uuid is not None:
        query = query.where(Person.id.in_(
            select(TeamMembership.person_id).join(Team, Team.id == TeamMembership.team_id)
            .where(Team.uuid == team_uuid, current(TeamMembership.start_date, TeamMembership.end_date, on))))
    return query


#: what a list row needs of a person: a list reads these columns, not whole records (560 to 2,000 of them)
ROW_COLUMNS = (Person.id, Person.uuid, Person.display_name, Person.email, Person.active_from, Person.active_to)


def head_counts(db: Database, on: date | None = None) -> tuple[int, int, int, int]:
    """(agents, team leaders, active teams, people) active on ``on``: the numbers of ``list_people`` with the role
    and of ``list_teams``, counted by the database instead of read person by person."""
    on = on or date.today()
    with db.session() as session:
        active = select(Person.id).where(current(Person.active_from, Person.active_to, on))
        people = session.scalar(select(func.count()).select_from(active.subquery())) or 0

        def with_role(role: Role) -> int:
            holders = select(PersonRole.person_id).where(
                PersonRole.role == role, current(PersonRole.start_date, PersonRole.end_date, on))
            return session.scalar(select(func.count()).select_from(
                active.where(Person.id.in_(holders)).subquery())) or 0

        teams = session.scalar(select(func.count(Team.id)).where(Team.is_active.is_(True))) or 0
        return with_role(Role.AGENT), with_role(Role.TEAM_LEADER), teams, people


def person_rows(session: Session, people: list, on: date) -> list[PersonRow]:
    """``people``: records or rows with the ``ROW_COLUMNS`` attributes."""
    ids = [p.id for p in people]
    roles = _roles_by_person(session, ids, on)
    teams = _teams_by_person(session, ids, on)
    return [PersonRow(p.uuid, p.display_name, teams.get(p.id), roles.get(p.id, ()), _is_active(p, on), p.email)
            for p in people]


def person_row(db: Database, person_uuid: str, on: date | None = None) -> PersonRow:
    """One person's row by UUID (``NotFound`` when they are gone): for callers that know the id, where
    ``resolve_person`` would try it as free text first."""
    with db.session() as session:
        return person_rows(session, [by_uuid(session, Person, person_uuid, "person")], on or date.today())[0]


def list_teams(db: Database, include_inactive: bool = False, on: date | None = None) -> list[TeamRow]:
    on = on or date.today()
    with db.session() as session:
        query = select(Team).order_by(Team.name)
        if not include_inactive:
            query = query.where(Team.is_active.is_(True))
        teams = list(session.scalars(query))
        rows = session.execute(
            select(TeamMembership.team_id, TeamMembership.role, Person.display_name)
            .join(Person, Person.id == TeamMembership.person_id)
            .where(current(TeamMembership.start_date, TeamMembership.end_date, on))
        ).all()
        members: dict[int, int] = {}
        leaders: dict[int, list[str]] = {}
        for team_id, role, name in rows:
            if role == MembershipRole.MEMBER:
                members[team_id] = members.get(team_id, 0) + 1
            else:
                leaders.setdefault(team_id, []).append(name)
        return [TeamRow(t.uuid, t.name, members.get(t.id, 0), tuple(sorted(leaders.get(t.id, []))), t.is_active)
                for t in teams]


def agent_header(db: Database, person_uuid: str, on: date | None = None) -> AgentHeader:
    on = on or date.today()
    with db.session() as session:
        person = by_uuid(session, Person, person_uuid, "person")
        membership = session.execute(
            select(TeamMembership.team_id, Team.name).join(Team, Team.id == TeamMembership.team_id)
            .where(TeamMembership.person_id == person.id, TeamMembership.role == MembershipRole.MEMBER,
                   current(TeamMembership.start_date, TeamMembership.end_date, on))
        ).first()
        team_name = leader = None
        if membership is not None:
            team_name = membership.name
            leader = session.scalar(
                select(Person.display_name).join(TeamMembership, TeamMembership.person_id == Person.id)
                .where(TeamMembership.team_id == membership.team_id, TeamMembership.role == MembershipRole.LEADER,
                       current(TeamMembership.start_date, TeamMembership.end_date, on)).limit(1))
        else:
            team_name = _teams_by_person(session, [person.id], on).get(person.id)
        objectives = session.execute(
            select(Objective, KpiDefinition.code, KpiDefinition.unit, KpiDefinition.display_format).outerjoin(KpiDefinition, KpiDefinition.id == Objective.kpi_id)
            .where(Objective.person_id == person.id,
                   Objective.status.in_([ObjectiveStatus.DRAFT, ObjectiveStatus.AGREED]))
            .order_by(Objective.due_date)
        ).all()
        return AgentHeader(
            uuid=person.uuid, display_name=person.display_name, team=team_name, leader=leader,
            roles=_roles_by_person(session, [person.id], on).get(person.id, ()), email=person.email,
            external_ids=tuple(sorted((e.system, e.value) for e in person.external_ids)),
            is_active=_is_active(person, on),
            objectives=tuple(
                ObjectiveLine(o.uuid, o.statement, code, o.target_level, o.due_date, o.status,
                              format_value(o.target_level, unit, fmt) if code and o.target_level is not None else "")
                for o, code, unit, fmt in objectives),
        )


def resolve_person(db: Database, text: str) -> PersonRow:
    """Find one person by UUID, external id, e-mail, name or alias; refuse an unknown or ambiguous one."""
    text = text.strip()
    if not text:
        raise NotFound("No person given.")
    with db.session() as session:
        ids: list[int] = []
        try:
            uuid_module.UUID(text)
            ids = list(session.scalars(select(Person.id).where(Person.uuid == text.lower())))
        except ValueError:
            pass
        if not ids:
            ids = list(session.scalars(select(PersonExternalId.person_id).where(PersonExternalId.value == text)))
        if not ids:
            ids = list(session.scalars(select(Person.id).where(Person.email.ilike(text))))
        if not ids:
            key = name_key(text)
            ids = list(session.scalars(select(Person.id).where(Person.name_key == key)))
            ids += list(session.scalars(select(PersonAlias.person_id).where(PersonAlias.alias_key == key)))
        ids = sorted(set(ids))
        if not ids:
            raise NotFound(f"No person matches {text!r} (tried UUID, external id, e-mail, name and aliases).")
        rows = person_rows(session, list(session.execute(select(*ROW_COLUMNS).where(Person.id.in_(ids))
                                                   .order_by(Person.name_key))), date.today())
    if len(rows) > 1:
        listing = "; ".join(f"{r.display_name} ({r.team or 'no team'}, {r.uuid})" for r in rows[:10])
        raise Ambiguous(f"{text!r} matches {len(rows)} people: {listing}. Give an external id or UUID instead.")
    return rows[0]
