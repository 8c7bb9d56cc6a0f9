"""The one lookup path by UUID: found, not found (a sentence naming the record), locked for update, extra condition."""

from __future__ import annotations

import pytest

from coachdesk.domain.errors import NotFound
from coachdesk.storage.lookup import by_uuid, id_by_uuid
from coachdesk.storage.models import Team


def _teams(db) -> tuple[str, str, int]:  # noqa: ANN001
    with db.unit_of_work() as s:
        s.add_all([Team(name="Billing"), Team(name="Sales")])
    with db.session() as s:
        billing = s.query(Team).filter_by(name="Billing").one()
        sales = s.query(Team).filter_by(name="Sales").one()
        return billing.uuid, sales.uuid, sales.id


def test_finds_the_record_with_that_uuid(db) -> None:  # noqa: ANN001
    billing, sales, sales_id = _teams(db)
    with db.session() as s:
        assert by_uuid(s, Team, sales, "team").name == "Sales"
        assert by_uuid(s, Team, billing, "team").name == "Billing"
        assert id_by_uuid(s, Team, sales, "team") == sales_id


@pytest.mark.parametrize("uuid", ["0" * 32, "", None])
def test_a_missing_record_is_one_sentence(db, uuid) -> None:  # noqa: ANN001
    _teams(db)
    with db.session() as s:
        with pytest.raises(NotFound, match=r"^That team is no longer in the database\.$"):
            by_uuid(s, Team, uuid, "team")
        with pytest.raises(NotFound, match=r"^That team is no longer in the database\.$"):
            id_by_uuid(s, Team, uuid, "team")
        with pytest.raises(NotFound, match=r"^No team 'x'\.$"):
            by_uuid(s, Team, uuid, "team", message="No team 'x'.")


def test_for_update_locks_and_returns_the_row(db) -> None:  # noqa: ANN001
    _billing, sales, _ = _teams(db)
    with db.unit_of_work() as s:
        team = by_uuid(s, Team, sales, "team", for_update=True)
        team.name = "Sales North"
    with db.session() as s:
        assert by_uuid(s, Team, sales, "team").name == "Sales North"


def test_an_extra_condition_that_fails_is_not_found(db) -> None:  # noqa: ANN001
    _billing, sales, _ = _teams(db)
    with db.session() as s:
        assert by_uuid(s, Team, sales, "team", where=Team.name == "Sales").uuid == sales
        with pytest.raises(NotFound, match="That team"):
            by_uuid(s, Team, sales, "team", where=Team.name == "Billing")
