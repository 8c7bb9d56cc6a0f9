"""A database's change token: the same while nothing is committed, different after any commit (by this program's
pooled connections, or by another program, even one whose transaction was already open when the token was taken);
None where it cannot tell, so nothing is ever reused there."""

from __future__ import annotations

from sqlalchemy import select

from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.models import Team


def _add_team(db: Database, name: str) -> None:
    with db.unit_of_work() as s:
        s.add(Team(name=name))


def test_the_token_moves_with_every_commit_and_only_then(db, quiet_server) -> None:  # noqa: ANN001
    first = db.change_token()
    assert first is not None
    with db.session() as s:  # reading commits nothing
        s.execute(select(Team.id)).all()
    assert db.change_token() == first
    _add_team(db, "Night shift")
    second = db.change_token()
    assert second != first
    assert db.change_token() == second
    other = Database(db.url)  # another program on the same database
    try:
        _add_team(other, "Weekend")
    finally:
        other.dispose()
    assert db.change_token() != second


def test_a_write_open_when_the_token_was_taken_changes_it_once_committed(db, quiet_server) -> None:  # noqa: ANN001
    other = Database(db.url)
    try:
        with other.session() as s:
            s.add(Team(name="Open"))
            s.flush()  # written, not committed yet
            before = db.change_token()
            assert db.change_token() == before  # still the same: nothing committed
            s.commit()
        assert db.change_token() != before
    finally:
        other.dispose()


def test_a_disposed_database_starts_a_new_watch_that_still_sees_commits(db) -> None:  # noqa: ANN001
    before = db.change_token()
    db.dispose()  # closes the watch (a restore replaces the file under it)
    _add_team(db, "Late shift")
    after = db.change_token()
    assert after is not None and after != before


def test_nothing_to_watch_gives_no_token(tmp_path) -> None:  # noqa: ANN001
    assert Database("sqlite://").change_token() is None  # in memory
    missing = tmp_path / "gone.sqlite3"
    assert Database(sqlite_url(missing)).change_token() is None
    assert not missing.exists()  # asking never creates the file
