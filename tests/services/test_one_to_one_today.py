"""Today's one-to-one lists are read again only when something was committed, the day changed or someone else is
signed in; otherwise the last lists are given back as they are."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from coachdesk.domain.enums import Role
from coachdesk.domain.text import name_key
from coachdesk.services import one_to_ones
from coachdesk.services.common import identity
from tests.services.objective_helpers import seed_centre


def _add_agent(db, name: str) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Person, PersonRole

    with db.unit_of_work() as s:
        person = Person(display_name=name, name_key=name_key(name))
        person.roles.append(PersonRole(role=Role.AGENT))
        s.add(person)


def test_the_same_lists_until_a_commit_or_another_day(db, quiet_server) -> None:  # noqa: ANN001
    seed_centre(db)
    on = date(2026, 3, 2)
    first = one_to_ones.today(db, on)
    assert first.due and one_to_ones.today(db, on) is first  # nothing committed: the same lists, not read again
    assert one_to_ones.today(db, date(2026, 3, 3)) is not first
    _add_agent(db, "Zoë Newcomer")  # never had a one-to-one: due at once
    after = one_to_ones.today(db, on)
    assert len(after.due) == len(first.due) + 1 and "Zoë Newcomer" in {r.agent_name for r in after.due}


@pytest.mark.sqlite_only
def test_someone_else_signed_in_is_read_again(db, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Person

    centre = seed_centre(db)
    with db.unit_of_work() as s:
        s.scalar(select(Person).where(Person.uuid == centre.leader)).login_name = "lbennett"
    on = date(2026, 3, 2)
    monkeypatch.setattr(identity, "_os_login", lambda: "someone")
    assert one_to_ones.today(db, on).leader is None
    monkeypatch.setattr(identity, "_os_login", lambda: "lbennett")  # no commit between: only the login changed
    assert one_to_ones.today(db, on).leader == "Laura Bennett"
