"""The first run's question "Who is using CoachDesk?": asked once on a SQLite file where nobody is signed in, with
the person whose login, e-mail or name fits the computer's login offered first."""

from __future__ import annotations

import json

from sqlalchemy import select

from coachdesk.domain.enums import Role
from coachdesk.domain.text import name_key
from coachdesk.services.common import personal
from coachdesk.services.common.identity import PersonRef, _os_login, signed_in_person
from coachdesk.storage.database import Database
from coachdesk.storage.models import Person, PersonRole

ASKED_KEY = "asked_who_is_using"
#: the roles of people who use CoachDesk (agents are coached, they do not sign in)
USING_ROLES = (Role.TEAM_LEADER, Role.COACH, Role.QUALITY_SPECIALIST, Role.OPERATIONS_MANAGER, Role.INSTRUCTOR)


def _fits(login: str, person: Person) -> bool:
    """``login`` ("lbennett", "laura.bennett", "Laura_Bennett") names this person: their login name, their
    e-mail's local part, their given and family names joined, or the given name's initial and the family name."""
    wanted = name_key(login).replace(".", "").replace("_", "").replace("-", "").replace(" ", "")
    if not wanted:
        return False
    given, family = (name_key(person.given_name or ""), name_key(person.family_name or ""))
    if not (given and family):
        words = name_key(person.display_name).split()
        given, family = (words[0], words[-1]) if len(words) >= 2 else ("", "")
    candidates = {name_key(person.login_name or ""), name_key((person.email or "").split("@")[0])}
    if given and family:
        candidates |= {given + family, given[0] + family, family + given}
    return wanted in {c.replace(".", "").replace("_", "").replace("-", "").replace(" ", "") for c in candidates if c}


def suggested_person(db: Database, login: str | None = None) -> PersonRef | None:
    """The person who uses CoachDesk whose login, e-mail or name fits ``login`` (the computer's by default)."""
    login = login if login is not None else _os_login()
    if not login:
        return None
    with db.session() as session:
        people = session.scalars(select(Person).join(PersonRole, PersonRole.person_id == Person.id)
                                 .where(PersonRole.role.in_(list(USING_ROLES))).distinct()
                                 .order_by(Person.name_key)).all()
        for person in people:
            if _fits(login, person):
                return PersonRef(person.uuid, person.display_name, "computer login")
    return None


def should_ask_who(db: Database) -> bool:
    """True on a SQLite file where nobody is signed in, someone could be, and the question was not asked yet."""
    if not db.is_sqlite or signed_in_person(db) is not None:
        return False
    with db.session() as session:
        if personal.get_personal(session, ASKED_KEY):
            return False
        return session.scalar(select(PersonRole.id).where(PersonRole.role.in_(list(USING_ROLES))).limit(1)) is not None


def mark_asked(db: Database) -> None:
    """The question was put (answered or not): File › Signed in as… is the way to change it from now on."""
    with db.unit_of_work() as session:
        personal.put_personal(session, ASKED_KEY, json.dumps(True))
