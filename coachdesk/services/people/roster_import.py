"""Roster import: preview what a roster CSV would change, then apply it all-or-nothing in one transaction.

People are matched by external id first, then e-mail, then name or alias. A roster states one team and one role
per person, so a changed team or role ends the old one the day before the import date and starts the new one.
Blank cells never erase anything (but someone who had left is reactivated when the roster lists them without an
end date). A file with any problem imports nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain import date_words
from coachdesk.domain.enums import AuditAction, MembershipRole, Role
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.text import name_key
from coachdesk.importers.roster import RosterParse, RosterProblem, RosterRow, read_roster
from coachdesk.services import common as common_api
from coachdesk.services.people.people_rules import (
    create_person_in,
    create_team_in,
    deactivate_person_in,
    find_team_in,
    place_in_team_in,
    replace_role_in,
    update_person_in,
)
from coachdesk.services.people.people_types import MembershipLine, PersonInput, RoleLine, TeamInput
from coachdesk.storage.database import Database
from coachdesk.storage.models import Person, PersonAlias, PersonExternalId, Team

__all__ = ["PlannedRow", "RosterPreview", "RosterProblem", "RosterRejected", "RosterResult", "RosterRow", "apply",
           "preview_roster"]

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
#: How many problems a refusal message lists before "and N more".
MESSAGE_PROBLEMS = 20


@dataclass(frozen=True)
class PlannedRow:
    """What importing one roster row would do: ``action`` is create, update or unchanged."""

    row: RosterRow
    action: str
    person_uuid: str | None = None
    current_name: str | None = None
    matched_by: str | None = None
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RosterPreview:
    file: str
    path: str
    fingerprint: str
    rows: tuple[PlannedRow, ...] = ()
    problems: tuple[RosterProblem, ...] = ()
    new_teams: tuple[str, ...] = ()
    reactivated_teams: tuple[str, ...] = ()
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: tuple[str, ...] = ()
    date_order: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, action: str) -> int:
        return sum(1 for planned in self.rows if planned.action == action)


@dataclass(frozen=True)
class RosterResult:
    file: str
    created: int
    updated: int
    unchanged: int
    teams_created: int
    teams_reactivated: int


class RosterRejected(ValidationError):
    """The roster has problems; nothing was written. ``problems`` lists them all."""

    def __init__(self, file: str, problems: tuple[RosterProblem, ...]) -> None:
        lines = [str(p) for p in problems[:MESSAGE_PROBLEMS]]
        if len(problems) > MESSAGE_PROBLEMS:
            lines.append(f"... and {len(problems) - MESSAGE_PROBLEMS} more")
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{file} has {len(problems)} {noun}; nothing was imported.\n" + "\n".join(lines))
        self.file = file
        self.problems = problems


def preview_roster(db: Database, path: str | Path, date_order: str | None = None, on: date | None = None) -> RosterPreview:
    """Read ``path`` and say, row by row, what ``apply`` would do; writes nothing."""
    path = Path(path)
    parsed = read_roster(path, date_order)
    with db.session() as session:
        return _plan(session, parsed, path, _fingerprint(path), on or date.today())


def apply(db: Database, path: str | Path, date_order: str | None = None, on: date | None = None,
          expected_fingerprint: str | None = None) -> RosterResult:
    """Import the roster in one transaction, or raise ``RosterRejected`` (a ``ValidationError``) and write nothing.

    ``on`` is the day team and role changes take effect (default today). Give ``expected_fingerprint`` (from the
    preview) to refuse a file that changed after it was previewed.
    """
    path = Path(path)
    on = on or date.today()
    fingerprint = _fingerprint(path)
    if expected_fingerprint is not None and fingerprint != expected_fingerprint:
        raise ValidationError(f"{path.name} changed after it was previewed; preview it again before importing.")
    parsed = read_roster(path, date_order)
    with db.unit_of_work() as session:
        plan = _plan(session, parsed, path, fingerprint, on)
        if plan.problems:
            raise RosterRejected(plan.file, plan.problems)
        if not plan.rows:
            raise ValidationError(f"{plan.file} has no people to import.")
        teams: dict[str, Team] = {}
        for name in plan.new_teams:
            teams[_team_key(name)] = create_team_in(session, TeamInput(name))
        for name in plan.reactivated_teams:
            team = find_team_in(session, name)
            team.is_active = True
            common_api.record(session, AuditAction.UPDATE, "team", team.uuid, f"Team {team.name!r} reactivated by roster")
        for planned in plan.rows:
            try:
                if planned.action == CREATE:
                    _create(session, planned.row, teams)
                elif planned.action == UPDATE:
                    _update(session, planned, teams, on)
            except ValidationError as exc:  # a rule only the database can check: report it against the row
                field_name = getattr(exc, "field", "row").replace("_", " ")
                raise RosterRejected(plan.file, (RosterProblem(plan.file, planned.row.line, field_name,
                                                               str(exc)),)) from exc
        result = RosterResult(plan.file, plan.count(CREATE), plan.count(UPDATE), plan.count(UNCHANGED),
                              len(plan.new_teams), len(plan.reactivated_teams))
        common_api.record(session, AuditAction.IMPORT, "roster", None,
                     f"Roster {plan.file}: {result.created} added, {result.updated} updated, "
                     f"{result.teams_created} teams added",
                     details={"file": str(path), "fingerprint": fingerprint, "created": result.created,
                              "updated": result.updated, "unchanged": result.unchanged})
    return result


# -- planning -----------------------------------------------------------------------------------------------------

@dataclass
class _Index:
    """Every person's keys, loaded once per plan."""

    people: dict[int, Person]
    by_id: dict[tuple[str, str], int]
    by_email: dict[str, set[int]]
    by_name: dict[str, set[int]]

    @classmethod
    def load(cls, session: Session) -> _Index:
        people = {p.id: p for p in session.scalars(select(Person))}
        by_id = {(e.system, e.value): e.person_id for e in session.scalars(select(PersonExternalId))}
        by_email: dict[str, set[int]] = {}
        by_name: dict[str, set[int]] = {}
        for person in people.values():
            if person.email:
                by_email.setdefault(person.email.casefold(), set()).add(person.id)
            by_name.setdefault(person.name_key, set()).add(person.id)
        for alias in session.scalars(select(PersonAlias)):
            by_name.setdefault(alias.alias_key, set()).add(alias.person_id)
        return cls(people, by_id, by_email, by_name)


def _plan(session: Session, parsed: RosterParse, path: Path, fingerprint: str, on: date) -> RosterPreview:
    problems = list(parsed.problems)
    index = _Index.load(session)
    teams = {_team_key(t.name): t for t in session.scalars(select(Team))}
    new_teams: dict[str, str] = {}
    reactivated: dict[str, str] = {}
    planned: list[PlannedRow] = []
    claimed: dict[int, int] = {}
    new_names: dict[str, RosterRow] = {}
    for row in parsed.rows:
        person, matched_by, reason = _match(row, index)
        if reason:
            problems.append(RosterProblem(parsed.file, row.line, matched_by or "name", reason))
            continue
        if row.team:
            team = teams.get(_team_key(row.team))
            if team is None:
                new_teams.setdefault(_team_key(row.team), row.team)
            elif not team.is_active:
                reactivated.setdefault(_team_key(row.team), team.name)
        if person is None:
            key = name_key(row.display_name)
            twin = new_names.get(key)
            if twin is not None and not (row.external_ids or row.email) and not (twin.external_ids or twin.email):
                problems.append(RosterProblem(parsed.file, row.line, "name", (
                    f"{row.display_name!r} is also on row {twin.line}; add an id or e-mail column to tell them "
                    "apart, or remove the duplicate")))
            new_names.setdefault(key, row)
            planned.append(PlannedRow(row, CREATE, changes=_describe_new(row)))
            continue
        if person.id in claimed:
            problems.append(RosterProblem(parsed.file, row.line, matched_by, (
                f"this row and row {claimed[person.id]} both match {person.display_name}")))
            continue
        claimed[person.id] = row.line
        changes = _changes(session, person, row, teams, on)
        planned.append(PlannedRow(row, UPDATE if changes else UNCHANGED, person.uuid, person.display_name,
                                  matched_by, tuple(changes)))
    problems.sort(key=lambda p: (p.row, p.field))
    return RosterPreview(parsed.file, str(path), fingerprint, tuple(planned), tuple(problems),
                         tuple(new_teams.values()), tuple(reactivated.values()), parsed.columns,
                         parsed.ignored_columns, parsed.date_order)


def _match(row: RosterRow, index: _Index) -> tuple[Person | None, str | None, str | None]:
    """``(person, matched by, problem)``: the existing person a row describes, or None for a new one."""
    by_ids = {(system, value): index.by_id[(system, value)] for system, value in row.external_ids
              if (system, value) in index.by_id}
    owners = set(by_ids.values())
    if len(owners) > 1:
        names = "; ".join(f"{s} id {v!r} is {index.people[pid].display_name}'s" for (s, v), pid in by_ids.items())
        return None, "external ids", f"the ids point at different people: {names}"
    email_owners = index.by_email.get(row.email.casefold(), set()) if row.email else set()
    if owners:
        pid = owners.pop()
        other = email_owners - {pid}
        if other:
            who = index.people[other.pop()].display_name
            return None, "email", (f"{row.email} belongs to {who}, but the row's id belongs to "
                                   f"{index.people[pid].display_name}")
        system, value = next(iter(by_ids))
        return index.people[pid], f"{system} id", None
    if len(email_owners) > 1:
        return None, "email", f"{row.email} is used by {len(email_owners)} people; add an id column"
    if email_owners:
        return index.people[email_owners.pop()], "email", None
    candidates = sorted(index.by_name.get(name_key(row.display_name), ()))
    candidates = [pid for pid in candidates if not _contradicts(index.people[pid], row)]
    if len(candidates) > 1:
        names = ", ".join(index.people[pid].display_name for pid in candidates[:5])
        return None, "name", (f"{row.display_name!r} matches {len(candidates)} people ({names}); add an id or "
                              "e-mail column to tell them apart")
    if candidates:
        return index.people[candidates[0]], "name", None
    return None, None, None


def _renames(person: Person, row: RosterRow) -> bool:
    """The roster spells the name in a way CoachDesk does not know yet (neither the name nor an alias)."""
    return name_key(row.display_name) not in {person.name_key, *(a.alias_key for a in person.aliases)}


def _contradicts(person: Person, row: RosterRow) -> bool:
    """A same-name person whose e-mail or id in the same system differs is someone else."""
    if row.email and person.email and row.email.casefold() != person.email.casefold():
        return True
    theirs = {e.system: e.value for e in person.external_ids}
    return any(system in theirs and theirs[system] != value for system, value in row.external_ids)


def _membership_role(role: Role | None) -> MembershipRole:
    return {Role.TEAM_LEADER: MembershipRole.LEADER, Role.COACH: MembershipRole.COACH}.get(role,
                                                                                          MembershipRole.MEMBER)


def _current_team(person: Person, on: date) -> tuple[str | None, MembershipRole | None]:
    for m in sorted(person.memberships, key=lambda m: m.start_date or date.min, reverse=True):
        if (m.start_date is None or m.start_date <= on) and (m.end_date is None or m.end_date >= on):
            return m.team.name, m.role
    return None, None


def _current_roles(person: Person, on: date) -> list[Role]:
    return [r.role for r in person.roles
            if (r.start_date is None or r.start_date <= on) and (r.end_date is None or r.end_date >= on)]


def _describe_new(row: RosterRow) -> tuple[str, ...]:
    out = []
    if row.team:
        out.append(f"team {row.team}")
    if row.role:
        out.append(f"role {row.role.label}")
    if row.email:
        out.append(row.email)
    return tuple(out)


def _changes(session: Session, person: Person, row: RosterRow, teams: dict[str, Team], on: date) -> list[str]:
    changes: list[str] = []
    if _renames(person, row):
        changes.append(f"name {person.display_name} → {row.display_name} (old name kept as alias)")
    for label, new, old in (("first name", row.given_name, person.given_name),
                            ("last name", row.family_name, person.family_name)):
        if new and new != old:
            changes.append(f"{label} {old or '—'} → {new}")
    if row.email and row.email.casefold() != (person.email or "").casefold():
        changes.append(f"e-mail {person.email or '—'} → {row.email}")
    have = {(e.system, e.value) for e in person.external_ids}
    changes += [f"{system} id {value} added" for system, value in row.external_ids if (system, value) not in have]
    aliases = {person.name_key, *(a.alias_key for a in person.aliases)}
    changes += [f"alias {alias} added" for alias in row.aliases if name_key(alias) not in aliases]
    if row.start_date and row.start_date != person.active_from:
        changes.append(f"start {_day(person.active_from)} → {_day(row.start_date)}")
    if row.end_date and row.end_date != person.active_to:
        changes.append(f"leaves on {_day(row.end_date)}")
    elif not row.end_date and person.active_to is not None and person.active_to < on:
        changes.append(f"reactivated (had left on {_day(person.active_to)})")
    if row.role and row.role not in _current_roles(person, on):
        old = ", ".join(r.label for r in _current_roles(person, on)) or "—"
        changes.append(f"role {old} → {row.role.label} from {_day(on)}")
    if row.team:
        team_name, team_role = _current_team(person, on)
        wanted_role = _membership_role(row.role or (_current_roles(person, on) or [None])[0])
        if team_name is None or _team_key(team_name) != _team_key(row.team) or team_role != wanted_role:
            what = "" if wanted_role == MembershipRole.MEMBER else f" as {wanted_role.value}"
            changes.append(f"team {team_name or '—'} → {row.team}{what} from {_day(on)}")
    return changes


# -- writing ------------------------------------------------------------------------------------------------------

def _team_for(session: Session, name: str, created: dict[str, Team]) -> Team:
    return created.get(_team_key(name)) or find_team_in(session, name)


def _create(session: Session, row: RosterRow, created: dict[str, Team]) -> Person:
    roles = [RoleLine(row.role, row.start_date, row.end_date)] if row.role else []
    memberships = []
    if row.team:
        team = _team_for(session, row.team, created)
        memberships.append(MembershipLine(team.uuid, _membership_role(row.role), row.start_date, row.end_date,
                                          team_name=team.name))
    return create_person_in(session, PersonInput(
        display_name=row.display_name, given_name=row.given_name, family_name=row.family_name, email=row.email,
        active_from=row.start_date, active_to=row.end_date, external_ids=list(row.external_ids),
        aliases=list(row.aliases), roles=roles, memberships=memberships))


def _update(session: Session, planned: PlannedRow, created: dict[str, Team], on: date) -> None:
    row = planned.row
    person = session.scalar(select(Person).where(Person.uuid == planned.person_uuid))
    renames = _renames(person, row)
    aliases = [a.alias for a in person.aliases] + list(row.aliases) + ([person.display_name] if renames else [])
    pairs = [(e.system, e.value) for e in person.external_ids]
    pairs += [pair for pair in row.external_ids if pair not in pairs]
    update_person_in(session, person, PersonInput(
        display_name=row.display_name if renames else person.display_name,
        given_name=row.given_name or person.given_name, family_name=row.family_name or person.family_name,
        email=row.email or person.email, active_from=row.start_date or person.active_from,
        active_to=None if not row.end_date and person.active_to and person.active_to < on else person.active_to,
        one_to_one_cadence_days=person.one_to_one_cadence_days, notes=person.notes, external_ids=pairs,
        aliases=aliases))
    current = _current_roles(person, on)
    if row.role and row.role not in current:
        replace_role_in(session, person, row.role, on)
    if row.team:
        team = _team_for(session, row.team, created)
        team_name, team_role = _current_team(person, on)
        wanted = _membership_role(row.role or (current or [None])[0])
        if team_name is None or _team_key(team_name) != _team_key(team.name) or team_role != wanted:
            place_in_team_in(session, person, team, wanted, on)
    if row.end_date and row.end_date != person.active_to:
        deactivate_person_in(session, person, row.end_date)


def _team_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _day(value: date | None) -> str:
    return date_words.date_words(value, empty="—")


def _fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
