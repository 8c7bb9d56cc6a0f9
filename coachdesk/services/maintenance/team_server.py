"""Team server upkeep: give a person their own PostgreSQL login, so row-level security shows them their teams only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import ValidationError
from coachdesk.services import common as common_api
from coachdesk.services.people import resolve_person
from coachdesk.storage.database import Database
from coachdesk.storage.models import Person
from coachdesk.storage.postgres import check_login_name, ensure_login_role


@dataclass(frozen=True)
class LoginGranted:
    login: str
    person_uuid: str
    display_name: str
    role_created: bool
    previous_login: str | None


def grant_login(db: Database, login: str, person: str, password: str | None = None) -> LoginGranted:
    """Create (or reuse) the server role ``login``, make it a CoachDesk user and map it to ``person``.

    Run it as the server's admin (the schema owner, with CREATEROLE). ``person`` is a name, e-mail, external id or
    UUID. A login already mapped to someone else is refused; the person's previous login, if any, is replaced.
    """
    if db.is_sqlite:
        raise ValidationError("Logins are for a PostgreSQL team server: open it with --db-url postgresql+psycopg://…")
    login = login.strip()
    try:
        check_login_name(login)
    except ValueError as exc:
        raise ValidationError(f"--login: {exc}.") from None
    row = resolve_person(db, person)
    with db.unit_of_work() as session:
        target = session.scalars(select(Person).where(Person.uuid == row.uuid)).one()
        holder = session.scalar(select(Person.display_name).where(Person.login_name == login,
                                                                  Person.id != target.id))
        if holder is not None:
            raise ValidationError(f"--login: {login!r} already belongs to {holder}; choose another login.")
        previous = target.login_name
        created = ensure_login_role(session.connection(), login, password)
        target.login_name = login
        common_api.record(session, AuditAction.UPDATE, "person", target.uuid,
                     f"Server login {login!r} given to {target.display_name}",
                     details={"login": login, "previous_login": previous, "role_created": created})
    return LoginGranted(login, row.uuid, row.display_name, created, previous)
