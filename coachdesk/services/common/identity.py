"""Who is using the app: the signed-in person (the server login on PostgreSQL; on SQLite the person chosen in the
app, else the operating-system login name matched against ``person.login_name``)."""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass

from sqlalchemy import select, text

from coachdesk.domain.errors import NotFound
from coachdesk.services.common import personal
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import id_by_uuid
from coachdesk.storage.models import Person

SIGNED_IN_KEY = "signed_in_person_uuid"


@dataclass(frozen=True)
class PersonRef:
    uuid: str
    display_name: str
    #: how they were found: "server login", "chosen in the app", "computer login"
    source: str = ""


def _os_login() -> str | None:
    try:
        return getpass.getuser() or None
    except Exception:  # noqa: BLE001 - no login name in this environment
        return None


def _by_login(session, login: str | None, source: str) -> PersonRef | None:  # noqa: ANN001
    if not login:
        return None
    row = session.execute(select(Person.uuid, Person.display_name)
                          .where(Person.login_name == login)).first()
    return PersonRef(row[0], row[1], source) if row else None


def signed_in_person(db: Database) -> PersonRef | None:
    """The person using the app, or None when nobody can be told apart."""
    with db.session() as session:
        if not db.is_sqlite:
            return _by_login(session, session.scalar(text("SELECT current_user")), "server login")
        raw = personal.get_personal(session, SIGNED_IN_KEY)
        if raw:
            row = session.execute(select(Person.uuid, Person.display_name)
                                  .where(Person.uuid == json.loads(raw))).first()
            if row:
                return PersonRef(row[0], row[1], "chosen in the app")
        return _by_login(session, _os_login(), "computer login")


def sign_in_as(db: Database, person_uuid: str | None) -> PersonRef | None:
    """Remember ``person_uuid`` as the person using the app on this database (None signs out)."""
    with db.unit_of_work() as session:
        if person_uuid is None:
            personal.drop_personal(session, SIGNED_IN_KEY)
            return None
        row = session.execute(select(Person.uuid, Person.display_name).where(Person.uuid == person_uuid)).first()
        if row is None:
            raise NotFound(f"Sign in: no person has the id {person_uuid!r}.")
        personal.put_personal(session, SIGNED_IN_KEY, json.dumps(person_uuid))
        return PersonRef(row[0], row[1], "chosen in the app")


def person_id(session, person_uuid: str | None) -> int | None:  # noqa: ANN001
    """The integer key of ``person_uuid`` inside an open session (None passes through)."""
    if person_uuid is None:
        return None
    pid = id_by_uuid(session, Person, person_uuid, "person", message=f"No person has the id {person_uuid!r}.")
    return pid
