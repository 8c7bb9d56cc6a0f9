"""Write side of people and teams: create, edit, deactivate; roles, memberships, aliases and external ids over time.

Every public function is one unit of work: it validates everything first, writes all or nothing, and leaves an
audit entry. Errors are ``ValidationError`` (a rule was broken; the message names the field and the reason),
``EditConflict`` (someone else saved the record since it was loaded) or ``NotFound``.

The ``*_in(session, ...)`` functions are the same operations inside a caller's session, for services (such as the
roster import) that compose several of them into one transaction. The read side lives in ``services.directory``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction, MembershipRole, Role
from coachdesk.domain.errors import ConflictError, NotFound
from coachdesk.domain.text import name_key
from coachdesk.services import common as common_api
from coachdesk.services.people.directory import PersonRow, TeamRow, list_teams, person_row
from coachdesk.services.people.people_rules import (
    apply_team,
    check_memberships,
    check_period,
    check_roles,
    check_version,
    create_person_in,
    create_team_in,
    day_text,
    deactivate_person_in,
    get_person,
    get_team,
    membership_lines,
    move_to_team_in,
    normalise_system,
    role_lines,
    saving,
    set_aliases,
    set_external_ids,
    touch,
    update_person_in,
)
from coachdesk.services.people.people_types import (
    InvalidField,
    MembershipLine,
    PersonDetail,
    PersonInput,
    RoleLine,
    TeamDetail,
    TeamInput,
)
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import Person, PersonRole, Team, TeamMembership

# -- reading for editing ------------------------------------------------------------------------------------------

def person_detail(db: Database, person_uuid: str) -> PersonDetail:
    with db.session() as session:
        return _person_detail_in(session, get_person(session, person_uuid))


def _person_detail_in(session: Session, person: Person) -> PersonDetail:
    teams = dict(session.execute(select(Team.id, Team.uuid)).all())
    names = dict(session.execute(select(Team.id, Team.name)).all())
    return PersonDetail(
        uuid=person.uuid, version=person.version, display_name=person.display_name,
        given_name=person.given_name, family_name=person.family_name, email=person.email,
        active_from=person.active_from, active_to=person.active_to,
        one_to_one_cadence_days=person.one_to_one_cadence_days, notes=person.notes,
        external_ids=tuple(sorted((e.system, e.value) for e in person.external_ids)),
        aliases=tuple(sorted((a.alias for a in person.aliases), key=name_key)),
        roles=tuple(sorted((RoleLine(r.role, r.start_date, r.end_date, r.uuid) for r in person.roles),
                           key=_line_order)),
        memberships=tuple(sorted((MembershipLine(teams[m.team_id], m.role, m.start_date, m.end_date, m.uuid,
                                                 names[m.team_id]) for m in person.memberships),
                                 key=_line_order)),
    )


def team_detail(db: Database, team_uuid: str) -> TeamDetail:
    with db.session() as session:
        team = get_team(session, team_uuid)
        return TeamDetail(team.uuid, team.version, team.name, team.description, team.one_to_one_cadence_days,
                          team.is_active)


def _line_order(line: RoleLine | MembershipLine) -> tuple:
    return (line.start_date or date.min, line.end_date or date.max)


# -- people ---------------------------------------------------------------------------------------------------------

def create_person(db: Database, data: PersonInput) -> PersonRow:
    with saving(), db.unit_of_work() as session:
        person = create_person_in(session, data)
        uuid = person.uuid
    return person_row(db, uuid)


def update_person(db: Database, person_uuid: str, data: PersonInput, expected_version: int,
                  overwriting: ConflictError | None = None) -> PersonRow:
    """Save the whole form; refuse with ``EditConflict`` (a ``ConflictError`` holding both versions) when the stored
    version is not ``expected_version``. ``overwriting``: that error, after the user chose to keep their version."""
    with saving(), db.unit_of_work(immediate=True) as session:
        person = common_api.locked(session, Person, person_uuid, "person")
        if person.version != expected_version:
            names = dict(session.execute(select(Team.uuid, Team.name)).all())
            theirs = _person_detail_in(session, person)
            common_api.check(person.version, expected_version, "person", f"{person.display_name}'s record",
                            lambda: common_api.person_values(theirs, names),
                            lambda: common_api.person_values(data, names))
        common_api.record_overwrite(session, "person", person.uuid, overwriting)
        update_person_in(session, person, data)
    return person_row(db, person_uuid)


def deactivate_person(db: Database, person_uuid: str, on: date | None = None,
                      expected_version: int | None = None) -> PersonRow:
    """Mark the person inactive from the day after ``on`` (default today): ``active_to``, open roles and
    memberships all end on ``on``; roles and memberships that would only start later are removed."""
    on = on or date.today()
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        if expected_version is not None:
            check_version(person.version, expected_version, f"{person.display_name}'s record")
        deactivate_person_in(session, person, on)
    return person_row(db, person_uuid)


def add_role(db: Database, person_uuid: str, role: Role, start_date: date | None = None,
             end_date: date | None = None) -> str:
    """Give the person ``role`` over a period; returns the new role line's uuid."""
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        line = RoleLine(Role(role), start_date, end_date)
        check_roles([*role_lines(person), line])
        row = PersonRole(role=line.role, start_date=start_date, end_date=end_date)
        person.roles.append(row)
        touch(person)
        session.flush()
        common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                     f"{person.display_name}: role {line.role.label} from {day_text(start_date)}",
                     details={"role": line.role, "start_date": start_date, "end_date": end_date})
        return row.uuid


def end_role(db: Database, role_uuid: str, end_date: date) -> None:
    with saving(), db.unit_of_work() as session:
        row = by_uuid(session, PersonRole, role_uuid, "role")
        check_period("end date", row.start_date, end_date)
        row.end_date = end_date
        touch(row.person)
        common_api.record(session, AuditAction.UPDATE, "person", row.person.uuid,
                     f"{row.person.display_name}: role {row.role.label} ends {day_text(end_date)}")


def add_membership(db: Database, person_uuid: str, team_uuid: str,
                   role: MembershipRole = MembershipRole.MEMBER, start_date: date | None = None,
                   end_date: date | None = None) -> str:
    """Put the person in a team over a period; returns the membership's uuid."""
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        team = get_team(session, team_uuid)
        if not team.is_active:
            raise InvalidField("team", f"The team {team.name!r} is inactive; reactivate it first.")
        line = MembershipLine(team.uuid, MembershipRole(role), start_date, end_date, team_name=team.name)
        check_memberships([*membership_lines(session, person), line])
        row = TeamMembership(team_id=team.id, role=line.role, start_date=start_date, end_date=end_date)
        person.memberships.append(row)
        touch(person)
        session.flush()
        common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                     f"{person.display_name}: joins {team.name} as {line.role.value} from {day_text(start_date)}")
        return row.uuid


def end_membership(db: Database, membership_uuid: str, end_date: date) -> None:
    with saving(), db.unit_of_work() as session:
        row = by_uuid(session, TeamMembership, membership_uuid, "team membership")
        check_period("end date", row.start_date, end_date)
        row.end_date = end_date
        touch(row.person)
        common_api.record(session, AuditAction.UPDATE, "person", row.person.uuid,
                     f"{row.person.display_name}: leaves {row.team.name} on {day_text(end_date)}")


def move_to_team(db: Database, person_uuid: str, team_uuid: str, on: date | None = None) -> str:
    """End the current member membership the day before ``on`` (default today) and start one in the new team."""
    on = on or date.today()
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        team = get_team(session, team_uuid)
        return move_to_team_in(session, person, team, on).uuid


def add_alias(db: Database, person_uuid: str, alias: str) -> None:
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        aliases = [a.alias for a in person.aliases]
        if not alias.strip():
            raise InvalidField("aliases", "Alias: this cannot be empty.")
        if name_key(alias) == person.name_key:
            raise InvalidField("aliases", f"Alias: {alias.strip()!r} is already {person.display_name}'s name.")
        if name_key(alias) in {name_key(a) for a in aliases}:
            raise InvalidField("aliases", f"Alias: {person.display_name} already has the alias {alias.strip()!r}.")
        set_aliases(session, person, [*aliases, alias])
        touch(person)
        common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                     f"{person.display_name}: alias {alias.strip()!r} added")


def remove_alias(db: Database, person_uuid: str, alias: str) -> None:
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        keep = [a.alias for a in person.aliases if a.alias_key != name_key(alias)]
        if len(keep) == len(person.aliases):
            raise NotFound(f"{person.display_name} has no alias {alias.strip()!r}.")
        set_aliases(session, person, keep)
        touch(person)
        common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                     f"{person.display_name}: alias {alias.strip()!r} removed")


def add_external_id(db: Database, person_uuid: str, system: str, value: str) -> None:
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        pairs = [(e.system, e.value) for e in person.external_ids]
        set_external_ids(session, person, [*pairs, (system, value)])
        touch(person)
        common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                     f"{person.display_name}: {system.strip()} id {value.strip()!r} added")


def remove_external_id(db: Database, person_uuid: str, system: str, value: str) -> None:
    with saving(), db.unit_of_work() as session:
        person = get_person(session, person_uuid)
        system, value = normalise_system(system), value.strip()
        keep = [(e.system, e.value) for e in person.external_ids if (e.system, e.value) != (system, value)]
        if len(keep) == len(person.external_ids):
            raise NotFound(f"{person.display_name} has no {system} id {value!r}.")
        set_external_ids(session, person, keep)
        touch(person)
        common_api.record(session, AuditAction.UPDATE, "person", person.uuid,
                     f"{person.display_name}: {system} id {value!r} removed")


# -- teams ----------------------------------------------------------------------------------------------------------

def create_team(db: Database, data: TeamInput) -> TeamRow:
    with saving(), db.unit_of_work() as session:
        team = create_team_in(session, data)
        uuid = team.uuid
    return _team_row(db, uuid)


def update_team(db: Database, team_uuid: str, data: TeamInput, expected_version: int | None = None) -> TeamRow:
    with saving(), db.unit_of_work() as session:
        team = get_team(session, team_uuid)
        if expected_version is not None:
            check_version(team.version, expected_version, f"The team {team.name!r}")
        old = team.name
        apply_team(session, team, data)
        summary = f"Team {old!r} renamed to {team.name!r}" if old != team.name else f"Team {team.name!r} edited"
        common_api.record(session, AuditAction.UPDATE, "team", team.uuid, summary)
    return _team_row(db, team_uuid)


def rename_team(db: Database, team_uuid: str, new_name: str) -> TeamRow:
    detail = team_detail(db, team_uuid)
    return update_team(db, team_uuid, TeamInput(new_name, detail.description, detail.one_to_one_cadence_days),
                       detail.version)


def deactivate_team(db: Database, team_uuid: str, on: date | None = None) -> TeamRow:
    """Hide the team from lists; its open memberships end on ``on`` (default today)."""
    on = on or date.today()
    with saving(), db.unit_of_work() as session:
        team = get_team(session, team_uuid)
        team.is_active = False
        ended = 0
        for membership in team.memberships:
            if membership.start_date is not None and membership.start_date > on:
                session.delete(membership)
            elif membership.end_date is None or membership.end_date > on:
                membership.end_date = on
                ended += 1
        common_api.record(session, AuditAction.UPDATE, "team", team.uuid,
                     f"Team {team.name!r} deactivated; {ended} memberships ended on {day_text(on)}")
    return _team_row(db, team_uuid)


def reactivate_team(db: Database, team_uuid: str) -> TeamRow:
    with saving(), db.unit_of_work() as session:
        team = get_team(session, team_uuid)
        team.is_active = True
        common_api.record(session, AuditAction.UPDATE, "team", team.uuid, f"Team {team.name!r} reactivated")
    return _team_row(db, team_uuid)


def _team_row(db: Database, team_uuid: str) -> TeamRow:
    return next(row for row in list_teams(db, include_inactive=True) if row.uuid == team_uuid)
