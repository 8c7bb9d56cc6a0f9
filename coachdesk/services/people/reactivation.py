"""Deactivating a person or a team so that it can be undone exactly: what the deactivation ended or removed is kept
in a ``Deactivation`` (plain data) and ``undo_deactivation`` puts it back, or refuses, changing nothing, when the
record was changed since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction, MembershipRole, Role
from coachdesk.domain.errors import ConflictError
from coachdesk.services import common as common_api
from coachdesk.services.people.people_rules import (
    day_text,
    deactivate_person_in,
    get_person,
    get_team,
    saving,
    touch,
)
from coachdesk.storage.database import Database
from coachdesk.storage.models import Person, PersonRole, TeamMembership

PERSON, TEAM = "person", "team"
ROLE, MEMBERSHIP = "role", "membership"


@dataclass(frozen=True)
class LineBefore:
    """A role or membership line as it was before the deactivation ended (``removed`` False) or removed it."""

    kind: str  # ROLE or MEMBERSHIP
    uuid: str
    end_date: date | None  # before
    ended_on: date | None  # what the deactivation set (None when removed)
    removed: bool
    person_id: int
    team_id: int | None
    role: str
    start_date: date | None


@dataclass(frozen=True)
class Deactivation:
    """What one deactivation changed, to undo it."""

    kind: str  # PERSON or TEAM
    uuid: str
    name: str
    on: date
    active_to_before: date | None
    lines: tuple[LineBefore, ...]


def _snapshot(rows: list[Any]) -> list[tuple[Any, str, date | None]]:
    return [(row, ROLE if isinstance(row, PersonRole) else MEMBERSHIP, row.end_date) for row in rows]


def _changed(session: Session, before: list[tuple[Any, str, date | None]]) -> tuple[LineBefore, ...]:
    session.flush()
    lines = []
    for row, kind, end_before in before:
        removed = inspect(row).deleted or inspect(row).was_deleted
        if removed or row.end_date != end_before:
            lines.append(LineBefore(kind, row.uuid, end_before, None if removed else row.end_date, bool(removed),
                                    row.person_id, getattr(row, "team_id", None), str(row.role.value),
                                    row.start_date))
    return tuple(lines)


def deactivate_person_undoably(db: Database, person_uuid: str, on: date | None = None) -> Deactivation:
    """``deactivate_person``, returning what it changed (for ``undo_deactivation``)."""
    on = on or date.today()
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        before = _snapshot(list(person.roles) + list(person.memberships))
        active_to = person.active_to
        deactivate_person_in(session, person, on)
        return Deactivation(PERSON, person.uuid, person.display_name, on, active_to, _changed(session, before))


def deactivate_team_undoably(db: Database, team_uuid: str, on: date | None = None) -> Deactivation:
    """``deactivate_team``, returning what it changed (for ``undo_deactivation``)."""
    from coachdesk.services.people.people_admin import deactivate_team

    on = on or date.today()
    with db.session() as session:
        team = get_team(session, team_uuid)
        before = [(m.uuid, m.end_date, m.start_date, m.person_id, m.team_id, str(m.role.value))
                  for m in team.memberships]
        name = team.name
    deactivate_team(db, team_uuid, on)
    with db.session() as session:
        now = {m.uuid: m.end_date for m in get_team(session, team_uuid).memberships}
    lines = tuple(LineBefore(MEMBERSHIP, uuid, end, now.get(uuid), uuid not in now, person_id, team_id, role, start)
                  for uuid, end, start, person_id, team_id, role in before if uuid not in now or now[uuid] != end)
    return Deactivation(TEAM, team_uuid, name, on, None, lines)


def _refuse(what: str) -> ConflictError:
    return ConflictError(f"{what} was changed after it was deactivated, so the deactivation was not undone; "
                         "change it from its record instead.")


def undo_deactivation(db: Database, done: Deactivation) -> None:
    """Put back what ``done`` ended or removed (and reactivate the person or team), all or nothing."""
    with saving(), db.unit_of_work() as session:
        if done.kind == PERSON:
            owner: Any = get_person(session, done.uuid)
            what, label = f"{owner.display_name}'s record", f"Person {owner.display_name!r}"
            if owner.active_to != done.on:
                raise _refuse(what)
            owner.active_to = done.active_to_before
        else:
            owner = get_team(session, done.uuid)
            what, label = f"The team {owner.name!r}", f"Team {owner.name!r}"
            if owner.is_active:
                raise _refuse(what)
            owner.is_active = True
        for line in done.lines:
            _put_back(session, line, what)
        if isinstance(owner, Person):
            touch(owner)
        common_api.record(session, AuditAction.UPDATE, done.kind, done.uuid,
                          f"{label}: deactivation on {day_text(done.on)} undone")


def _put_back(session: Session, line: LineBefore, what: str) -> None:
    model = PersonRole if line.kind == ROLE else TeamMembership
    if line.removed:
        fields: dict[str, Any] = {"person_id": line.person_id, "start_date": line.start_date,
                                  "end_date": line.end_date}
        if line.kind == ROLE:
            session.add(PersonRole(role=Role(line.role), **fields))
        else:
            session.add(TeamMembership(team_id=line.team_id, role=MembershipRole(line.role), **fields))
        return
    row = session.scalars(select(model).where(model.uuid == line.uuid)).one_or_none()
    if row is None or row.end_date != line.ended_on:
        raise _refuse(what)
    row.end_date = line.end_date

