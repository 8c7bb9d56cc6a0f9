"""People and team rules inside a caller's session: validation and the ``*_in`` building blocks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from coachdesk.domain import date_words
from coachdesk.domain.enums import AuditAction, MembershipRole, Role
from coachdesk.domain.text import is_email_address, name_key
from coachdesk.services import common as common_api
from coachdesk.services.people.people_types import (
    MAX_CADENCE_DAYS,
    EditConflict,
    InvalidField,
    MembershipLine,
    PersonInput,
    RoleLine,
    TeamInput,
)
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import Person, PersonAlias, PersonExternalId, PersonRole, Team, TeamMembership
from coachdesk.storage.types import utcnow

# -- session-level building blocks ----------------------------------------------------------------------------------

def create_person_in(session: Session, data: PersonInput) -> Person:
    person = Person()
    _apply_person(session, person, data, creating=True)
    session.flush()
    common_api.record(session, AuditAction.CREATE, "person", person.uuid, f"Person {person.display_name!r} added",
                 details=_person_details(person))
    return person


def update_person_in(session: Session, person: Person, data: PersonInput) -> Person:
    before = _person_details(person)
    _apply_person(session, person, data, creating=False)
    touch(person)
    session.flush()
    after = _person_details(person)
    changed = {key: after[key] for key in after if before.get(key) != after[key]}
    common_api.record(session, AuditAction.UPDATE, "person", person.uuid, f"Person {person.display_name!r} edited",
                 details={"changed": changed} if changed else None)
    return person


def deactivate_person_in(session: Session, person: Person, on: date) -> None:
    check_period("active to", person.active_from, on)
    person.active_to = on
    for row in list(person.roles) + list(person.memberships):
        if row.start_date is not None and row.start_date > on:
            session.delete(row)
        elif row.end_date is None or row.end_date > on:
            row.end_date = on
    touch(person)
    session.flush()
    common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                 f"Person {person.display_name!r} deactivated from {day_text(on + timedelta(days=1))}")


def move_to_team_in(session: Session, person: Person, team: Team, on: date,
                    role: MembershipRole = MembershipRole.MEMBER) -> TeamMembership:
    """End ``person``'s current ``role`` memberships the day before ``on``, then start one in ``team``."""
    if not team.is_active:
        raise InvalidField("team", f"The team {team.name!r} is inactive; reactivate it first.")
    for membership in person.memberships:
        if membership.role != role or not _covers(membership.start_date, membership.end_date, on):
            continue
        if membership.team_id == team.id:
            raise InvalidField("team", f"{person.display_name} is already in {team.name} on {date_words.date_words(on)}.")
        if membership.start_date is not None and membership.start_date >= on:
            session.delete(membership)  # started today: a correction, not a move
        else:
            membership.end_date = on - timedelta(days=1)
    session.flush()
    session.expire(person, ["memberships"])
    line = MembershipLine(team.uuid, role, on, None, team_name=team.name)
    check_memberships([*membership_lines(session, person), line])
    row = TeamMembership(team_id=team.id, role=role, start_date=on)
    person.memberships.append(row)
    touch(person)
    session.flush()
    common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                 f"{person.display_name} moved to {team.name} from {day_text(on)}")
    return row


def replace_role_in(session: Session, person: Person, role: Role, on: date) -> PersonRole:
    """Make ``role`` the person's role from ``on``: other current roles end the day before (or are dropped when
    they only started on ``on`` or later). Used where a roster states one role per person."""
    for row in list(person.roles):
        if row.end_date is not None and row.end_date < on:
            continue
        if row.start_date is not None and row.start_date >= on:
            person.roles.remove(row)
        else:
            row.end_date = on - timedelta(days=1)
    new = PersonRole(role=Role(role), start_date=on)
    person.roles.append(new)
    touch(person)
    session.flush()
    common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                 f"{person.display_name}: role {Role(role).label} from {day_text(on)}")
    return new


def place_in_team_in(session: Session, person: Person, team: Team, role: MembershipRole, on: date) -> TeamMembership:
    """Make ``team`` (as ``role``) the person's one team from ``on``: every other membership open on ``on`` ends
    the day before. Used where a roster states one team per person."""
    if not team.is_active:
        raise InvalidField("team", f"The team {team.name!r} is inactive; reactivate it first.")
    for row in list(person.memberships):
        if row.end_date is not None and row.end_date < on:
            continue
        if row.start_date is not None and row.start_date >= on:
            person.memberships.remove(row)
        else:
            row.end_date = on - timedelta(days=1)
    session.flush()
    new = TeamMembership(team_id=team.id, role=MembershipRole(role), start_date=on)
    person.memberships.append(new)
    touch(person)
    session.flush()
    common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                 f"{person.display_name}: in {team.name} as {MembershipRole(role).value} from {day_text(on)}")
    return new


def create_team_in(session: Session, data: TeamInput) -> Team:
    team = Team(is_active=True)
    apply_team(session, team, data)
    session.add(team)
    session.flush()
    common_api.record(session, AuditAction.CREATE, "team", team.uuid, f"Team {team.name!r} added")
    return team


def find_team_in(session: Session, name: str) -> Team | None:
    """The team called ``name``, ignoring case and spacing."""
    key = " ".join(name.split()).casefold()
    return session.scalar(select(Team).where(func.lower(Team.name) == key)) or next(
        (t for t in session.scalars(select(Team)) if " ".join(t.name.split()).casefold() == key), None)


# -- validation and writing -------------------------------------------------------------------------------------------

def _apply_person(session: Session, person: Person, data: PersonInput, creating: bool) -> None:
    display = _text("display name", data.display_name, 200, required=True)
    given = _text("given name", data.given_name, 100)
    family = _text("family name", data.family_name, 100)
    email = _text("e-mail", data.email, 254)
    if email and not is_email_address(email):
        raise InvalidField("email", f"E-mail: {email!r} is not an e-mail address.")
    if email:
        other = session.scalar(select(Person).where(func.lower(Person.email) == email.casefold(),
                                                    Person.id != (person.id or -1)))
        if other is not None:
            raise InvalidField("email", f"E-mail: {email} is already used by {other.display_name}.")
    check_period("active to", data.active_from, data.active_to)
    cadence = data.one_to_one_cadence_days
    if cadence is not None and not 1 <= cadence <= MAX_CADENCE_DAYS:
        raise InvalidField("cadence", f"One-to-one cadence: give a number of days from 1 to {MAX_CADENCE_DAYS}.")
    if data.roles is not None:
        check_roles(data.roles)
    if data.memberships is not None:
        check_memberships(data.memberships)
    person.display_name, person.name_key = display, name_key(display)
    person.given_name, person.family_name, person.email = given, family, email
    person.active_from, person.active_to = data.active_from, data.active_to
    person.one_to_one_cadence_days = cadence
    person.notes = (data.notes or "").strip() or None
    if creating:
        session.add(person)
        session.flush()
    set_external_ids(session, person, data.external_ids)
    set_aliases(session, person, data.aliases)
    if data.roles is not None:
        _sync_roles(session, person, data.roles)
    if data.memberships is not None:
        _sync_memberships(session, person, data.memberships)


def set_external_ids(session: Session, person: Person, pairs: Iterable[tuple[str, str]]) -> None:
    wanted: dict[tuple[str, str], None] = {}
    for system, value in pairs:
        system = normalise_system(system)
        value = _text(f"{system} id", value, 200, required=True, field_name="external_ids")
        if (system, value) in wanted:
            raise InvalidField("external_ids", f"External ids: {system} id {value!r} is listed twice.")
        wanted[(system, value)] = None
        other = session.execute(
            select(Person.display_name, Person.id).join(PersonExternalId, PersonExternalId.person_id == Person.id)
            .where(PersonExternalId.system == system, PersonExternalId.value == value)
        ).first()
        if other is not None and other.id != person.id:
            raise InvalidField("external_ids",
                               f"External ids: {system} id {value!r} already belongs to {other.display_name}.")
    current = {(e.system, e.value): e for e in person.external_ids}
    for pair, row in current.items():
        if pair not in wanted:
            person.external_ids.remove(row)
    session.flush()
    for system, value in wanted:
        if (system, value) not in current:
            person.external_ids.append(PersonExternalId(system=system, value=value))


def set_aliases(session: Session, person: Person, aliases: Iterable[str]) -> None:
    wanted: dict[str, str] = {}
    for alias in aliases:
        alias = _text("alias", alias, 200, required=True, field_name="aliases")
        wanted.setdefault(name_key(alias), alias)
    wanted.pop(person.name_key, None)
    current = {a.alias_key: a for a in person.aliases}
    for key, row in current.items():
        if key not in wanted:
            person.aliases.remove(row)
        elif row.alias != wanted[key]:
            row.alias = wanted[key]
    session.flush()
    for key, alias in wanted.items():
        if key not in current:
            person.aliases.append(PersonAlias(alias=alias, alias_key=key))


def _sync_roles(session: Session, person: Person, lines: Sequence[RoleLine]) -> None:
    existing = {r.uuid: r for r in person.roles}
    keep = {line.uuid for line in lines if line.uuid}
    for uuid, row in existing.items():
        if uuid not in keep:
            person.roles.remove(row)
    for line in lines:
        row = existing.get(line.uuid) if line.uuid else None
        if line.uuid and row is None:
            raise EditConflict("A role on this record was removed by someone else meanwhile; reopen the record.")
        if row is None:
            person.roles.append(PersonRole(role=Role(line.role), start_date=line.start_date, end_date=line.end_date))
        elif (row.role, row.start_date, row.end_date) != (line.role, line.start_date, line.end_date):
            row.role, row.start_date, row.end_date = Role(line.role), line.start_date, line.end_date
    session.flush()


def _sync_memberships(session: Session, person: Person, lines: Sequence[MembershipLine]) -> None:
    teams = {t.uuid: t for t in session.scalars(select(Team).where(Team.uuid.in_({m.team_uuid for m in lines})))}
    existing = {m.uuid: m for m in person.memberships}
    keep = {line.uuid for line in lines if line.uuid}
    for uuid, row in existing.items():
        if uuid not in keep:
            person.memberships.remove(row)
    for line in lines:
        team = teams.get(line.team_uuid)
        if team is None:
            raise InvalidField("memberships", f"Teams: {line.team_name or 'a team'} is no longer in the database.")
        row = existing.get(line.uuid) if line.uuid else None
        if line.uuid and row is None:
            raise EditConflict("A team membership on this record was removed by someone else meanwhile; "
                               "reopen the record.")
        if row is None:
            if not team.is_active:
                raise InvalidField("memberships", f"Teams: {team.name!r} is inactive; reactivate it first.")
            person.memberships.append(TeamMembership(team_id=team.id, role=MembershipRole(line.role),
                                                     start_date=line.start_date, end_date=line.end_date))
        elif (row.team_id, row.role, row.start_date, row.end_date) != (
                team.id, line.role, line.start_date, line.end_date):
            row.team_id, row.role = team.id, MembershipRole(line.role)
            row.start_date, row.end_date = line.start_date, line.end_date
    session.flush()


def check_roles(lines: Sequence[RoleLine]) -> None:
    for index, line in enumerate(lines):
        check_period("roles", line.start_date, line.end_date, f"Roles: {Role(line.role).label}")
        for other in lines[index + 1:]:
            if other.role == line.role and _overlap(line, other):
                raise InvalidField("roles", f"Roles: {Role(line.role).label} is listed twice for overlapping "
                                            f"periods ({_span(line)} and {_span(other)}).")


def check_memberships(lines: Sequence[MembershipLine]) -> None:
    for index, line in enumerate(lines):
        check_period("memberships", line.start_date, line.end_date, f"Teams: {line.team_name or 'membership'}")
        for other in lines[index + 1:]:
            if not _overlap(line, other):
                continue
            if other.team_uuid == line.team_uuid:
                raise InvalidField("memberships", f"Teams: {line.team_name or 'the team'} is listed twice for "
                                                  f"overlapping periods ({_span(line)} and {_span(other)}).")
            if line.role == other.role == MembershipRole.MEMBER:
                raise InvalidField("memberships", f"Teams: a person is a member of one team at a time, but "
                                                  f"{line.team_name} ({_span(line)}) overlaps {other.team_name} "
                                                  f"({_span(other)}); end one first or use Move to team.")


def apply_team(session: Session, team: Team, data: TeamInput) -> None:
    name = _text("team name", data.name, 200, required=True, field_name="name")
    other = find_team_in(session, name)
    if other is not None and other.id != team.id:
        state = "" if other.is_active else " (inactive)"
        raise InvalidField("name", f"Team name: a team called {other.name!r}{state} already exists.")
    cadence = data.one_to_one_cadence_days
    if cadence is not None and not 1 <= cadence <= MAX_CADENCE_DAYS:
        raise InvalidField("cadence", f"One-to-one cadence: give a number of days from 1 to {MAX_CADENCE_DAYS}.")
    team.name = name
    team.description = (data.description or "").strip() or None
    team.one_to_one_cadence_days = cadence


def _text(label: str, value: str | None, limit: int, required: bool = False,
          field_name: str | None = None) -> str | None:
    field_name = field_name or label.replace(" ", "_").replace("-", "")
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidField(field_name, f"{label.capitalize()}: this cannot be empty.")
    if len(text) > limit:
        raise InvalidField(field_name, f"{label.capitalize()}: {len(text)} characters is too long ({limit} at most).")
    return text or None


def normalise_system(system: str) -> str:
    text = "".join(system.split()).casefold()
    if not text:
        raise InvalidField("external_ids", "External ids: the system (such as acd or payroll) cannot be empty.")
    if len(text) > 50:
        raise InvalidField("external_ids", "External ids: the system name is too long (50 characters at most).")
    return text


def check_period(field_name: str, start: date | None, end: date | None, label: str | None = None) -> None:
    if start is not None and end is not None and end < start:
        what = label or field_name.capitalize()
        raise InvalidField(field_name.replace(" ", "_"),
                           f"{what}: the end date {date_words.date_words(end)} is before the start date "
                           f"{date_words.date_words(start)}.")


def check_version(stored: int, expected: int, what: str) -> None:
    if stored != expected:
        raise EditConflict(f"{what} was changed by someone else after you opened it; nothing was saved. "
                           "Close it and open it again to see their changes.")


@contextmanager
def saving() -> Iterator[None]:
    """Turn SQLAlchemy's stale-row error (a concurrent save between our read and our write) into ``EditConflict``."""
    try:
        yield
    except StaleDataError as exc:
        raise EditConflict("This record was changed by someone else while you were saving; nothing was saved. "
                           "Open it again to see their changes.") from exc


def get_person(session: Session, person_uuid: str) -> Person:
    person = by_uuid(session, Person, person_uuid, "person")
    return person


def get_team(session: Session, team_uuid: str) -> Team:
    team = by_uuid(session, Team, team_uuid, "team")
    return team


def role_lines(person: Person) -> list[RoleLine]:
    return [RoleLine(r.role, r.start_date, r.end_date, r.uuid) for r in person.roles]


def membership_lines(session: Session, person: Person) -> list[MembershipLine]:
    names = dict(session.execute(select(Team.id, Team.name)).all())
    uuids = dict(session.execute(select(Team.id, Team.uuid)).all())
    return [MembershipLine(uuids[m.team_id], m.role, m.start_date, m.end_date, m.uuid, names[m.team_id])
            for m in person.memberships]


def touch(person: Person) -> None:
    """Bump the person's version so a form opened before this change notices it."""
    person.updated_at = utcnow()


def _covers(start: date | None, end: date | None, on: date) -> bool:
    return (start is None or start <= on) and (end is None or end >= on)


def _overlap(a: RoleLine | MembershipLine, b: RoleLine | MembershipLine) -> bool:
    return (a.start_date or date.min) <= (b.end_date or date.max) and (b.start_date or date.min) <= (
        a.end_date or date.max)


def day_text(value: date | None) -> str:
    """A day in the audit log's text: ISO, which reads the same in every country (sentences shown use date_words)."""
    return value.isoformat() if value else "the start"


def _span(line: RoleLine | MembershipLine) -> str:
    return f"{date_words.date_words(line.start_date, 'the start')} to {date_words.date_words(line.end_date, 'now')}"


def _person_details(person: Person) -> dict:
    return {"display_name": person.display_name, "given_name": person.given_name,
            "family_name": person.family_name, "email": person.email, "active_from": person.active_from,
            "active_to": person.active_to, "cadence": person.one_to_one_cadence_days,
            "external_ids": sorted(f"{e.system}:{e.value}" for e in person.external_ids),
            "aliases": sorted(a.alias for a in person.aliases)}
