"""Optimistic concurrency: a write based on a stale version is refused instead of silently overwriting."""

from __future__ import annotations

import pytest
from sqlalchemy.orm.exc import StaleDataError

from coachdesk.storage.models import Team


def test_stale_update_is_refused(db) -> None:  # noqa: ANN001
    with db.unit_of_work() as s:
        s.add(Team(name="Billing"))
    first, second = db.session(), db.session()
    try:
        a = first.query(Team).one()
        b = second.query(Team).one()
        a.name = "Billing North"
        first.commit()
        assert a.version == 2
        b.name = "Billing South"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with db.session() as s:
        assert s.query(Team).one().name == "Billing North"
