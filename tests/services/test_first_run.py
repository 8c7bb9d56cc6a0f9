"""The first run's "who is using CoachDesk?": asked once on a SQLite file with nobody signed in, offering the person
whose login, e-mail or name fits the computer's login; never on the team server (its login is who you are)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coachdesk.services import common
from tests.services.objective_helpers import seed_centre


def _set(db, name: str, **fields) -> None:  # noqa: ANN001, ANN003
    from coachdesk.storage.models import Person

    with db.unit_of_work() as s:
        person = s.scalar(select(Person).where(Person.display_name == name))
        for key, value in fields.items():
            setattr(person, key, value)


@pytest.mark.parametrize(("login", "offered"), [
    ("lbennett", "Laura Bennett"), ("LAURA.BENNETT", "Laura Bennett"), ("laura_bennett", "Laura Bennett"),
    ("lb-desk", "Laura Bennett"),  # her e-mail's local part
    ("abrown", None),  # an agent: agents are coached, they do not sign in
    ("mbennett", None), ("", None)])
def test_the_person_offered_fits_the_computers_login(db, login: str, offered: str | None) -> None:  # noqa: ANN001
    seed_centre(db)
    _set(db, "Laura Bennett", email="lb-desk@example.com")
    found = common.suggested_person(db, login=login)
    assert (found.display_name if found else None) == offered


def test_asked_once_and_only_with_nobody_signed_in(db) -> None:  # noqa: ANN001
    centre = seed_centre(db)
    if not db.is_sqlite:  # the team server knows who you are from your login
        assert not common.should_ask_who(db)
        return
    _set(db, "Laura Bennett", login_name=None)
    assert common.should_ask_who(db)
    common.sign_in_as(db, centre.leader)
    assert not common.should_ask_who(db)  # someone is signed in
    common.sign_in_as(db, None)
    assert common.should_ask_who(db)
    common.mark_asked(db)
    assert not common.should_ask_who(db)  # asked already: File › Signed in as… from now on
