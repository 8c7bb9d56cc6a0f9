"""The signed-in person: chosen in the app or matched by the computer login on SQLite, the server login on
PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from coachdesk.domain.errors import NotFound
from coachdesk.services.common import identity
from tests.services.observe_helpers import seed_cast


def _set_login(db, person_uuid: str, login: str) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Person

    with db.unit_of_work() as s:
        s.scalar(select(Person).where(Person.uuid == person_uuid)).login_name = login


@pytest.mark.sqlite_only
def test_sqlite_choice_then_computer_login(db, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    cast = seed_cast(db)
    monkeypatch.setattr(identity, "_os_login", lambda: "lbennett")
    assert identity.signed_in_person(db) is None  # nobody has that login yet
    _set_login(db, cast.leader, "lbennett")
    found = identity.signed_in_person(db)
    assert (found.uuid, found.display_name, found.source) == (cast.leader, "Laura Bennett", "computer login")
    chosen = identity.sign_in_as(db, cast.coach)
    assert identity.signed_in_person(db) == chosen and chosen.source == "chosen in the app"
    identity.sign_in_as(db, None)  # signing out falls back to the computer login again
    assert identity.signed_in_person(db).uuid == cast.leader
    with pytest.raises(NotFound, match="Sign in"):
        identity.sign_in_as(db, "not-a-person")
    assert identity.signed_in_person(db).uuid == cast.leader


def test_server_login_on_postgresql_else_the_app_choice(db) -> None:  # noqa: ANN001
    cast = seed_cast(db)
    if db.is_sqlite:
        identity.sign_in_as(db, cast.leader)
        assert identity.signed_in_person(db).uuid == cast.leader
        return
    with db.session() as s:
        login = s.scalar(text("SELECT current_user"))
    assert identity.signed_in_person(db) is None
    _set_login(db, cast.leader, login)
    found = identity.signed_in_person(db)
    assert (found.uuid, found.source) == (cast.leader, "server login")
