"""Inputs, detail rows and errors of people and team administration."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.domain.errors import ConflictError, ValidationError

#: External-id systems the app knows by name; others are accepted as typed (lower-cased).
KNOWN_SYSTEMS = ("acd", "employee", "payroll", "wfm", "crm")
MAX_CADENCE_DAYS = 366


class InvalidField(ValidationError):
    """A ``ValidationError`` that knows which input field is wrong, so a form can put the cursor there."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


class EditConflict(ConflictError):
    """The record was changed by someone else after it was loaded; nothing was saved."""


# -- inputs and details ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RoleLine:
    """A role held over a period; ``uuid`` is None for a line not saved yet."""

    role: Role
    start_date: date | None = None
    end_date: date | None = None
    uuid: str | None = None


@dataclass(frozen=True)
class MembershipLine:
    """A team membership over a period; ``team_name`` is for display only (``team_uuid`` is what counts)."""

    team_uuid: str
    role: MembershipRole = MembershipRole.MEMBER
    start_date: date | None = None
    end_date: date | None = None
    uuid: str | None = None
    team_name: str = ""


@dataclass
class PersonInput:
    """The whole person form. On update, external ids and aliases replace the stored ones; ``roles`` and
    ``memberships`` do too when given, and are left alone when None (use ``add_role``, ``move_to_team``...)."""

    display_name: str
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    active_from: date | None = None
    active_to: date | None = None
    one_to_one_cadence_days: int | None = None
    notes: str | None = None
    external_ids: list[tuple[str, str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleLine] | None = None
    memberships: list[MembershipLine] | None = None


@dataclass
class TeamInput:
    name: str
    description: str | None = None
    one_to_one_cadence_days: int | None = None


@dataclass(frozen=True)
class PersonDetail:
    """Everything the person dialog edits, with the ``version`` to hand back to ``update_person``."""

    uuid: str
    version: int
    display_name: str
    given_name: str | None
    family_name: str | None
    email: str | None
    active_from: date | None
    active_to: date | None
    one_to_one_cadence_days: int | None
    notes: str | None
    external_ids: tuple[tuple[str, str], ...]
    aliases: tuple[str, ...]
    roles: tuple[RoleLine, ...]
    memberships: tuple[MembershipLine, ...]

    def to_input(self) -> PersonInput:
        return PersonInput(self.display_name, self.given_name, self.family_name, self.email, self.active_from,
                           self.active_to, self.one_to_one_cadence_days, self.notes, list(self.external_ids),
                           list(self.aliases), list(self.roles), list(self.memberships))


@dataclass(frozen=True)
class TeamDetail:
    uuid: str
    version: int
    name: str
    description: str | None
    one_to_one_cadence_days: int | None
    is_active: bool
