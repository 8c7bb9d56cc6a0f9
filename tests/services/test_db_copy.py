"""``db copy``: every row of every table arrives with its ids and UUIDs, a non-empty target is refused and left
alone, a failed copy leaves nothing behind; to a PostgreSQL server and back when COACHDESK_TEST_PG_URL names one."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from coachdesk.services.maintenance.db_copy import CopyError, copy_database, target_url
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.migrate import current_revision, head_revision
from coachdesk.storage.models import Person
from tests import pg
from tests.services.exchange_helpers import build, snapshot


def test_copy_to_a_new_file_holds_every_row(db, tmp_path: Path) -> None:
    build(db)
    target = tmp_path / "copy.sqlite3"
    report = copy_database(db, str(target))
    assert report.counts["person"] == 3 and report.counts["kpi_figure"] == 12
    copy = Database(sqlite_url(target))
    try:
        assert snapshot(copy) == snapshot(db)
        assert current_revision(copy) == head_revision()
        with copy.unit_of_work() as s:  # new rows get fresh ids after the copied ones
            s.execute(insert(Person.__table__).values(uuid="n", display_name="New", name_key="new", version=1))
            assert s.scalar(select(Person.id).where(Person.uuid == "n")) > max(s.scalars(
                select(Person.id).where(Person.uuid != "n")))
    finally:
        copy.dispose()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial file left


def test_a_target_that_is_not_empty_is_refused_and_untouched(db, tmp_path: Path) -> None:
    build(db)
    target = tmp_path / "copy.sqlite3"
    copy_database(db, str(target))
    before = target.read_bytes()
    with pytest.raises(CopyError, match="not empty"):
        copy_database(db, str(target))
    assert target.read_bytes() == before


@pytest.mark.sqlite_only
def test_copying_a_file_onto_itself_is_refused_and_untouched(db) -> None:  # noqa: ANN001
    build(db)
    path = db.sqlite_path
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with pytest.raises(CopyError, match="being copied"):
        copy_database(db, str(path))
    assert path.read_bytes() == before


def test_a_failing_copy_leaves_no_file(db, tmp_path: Path, monkeypatch) -> None:
    import coachdesk.services.maintenance.db_copy as dc

    build(db)
    real = dc._copy_table

    def failing(source, target, table, progress):  # noqa: ANN001, ANN202
        if table.name == "observation_session":
            raise RuntimeError("disk full")
        return real(source, target, table, progress)

    monkeypatch.setattr(dc, "_copy_table", failing)
    folder = tmp_path / "copies"
    with pytest.raises(RuntimeError):
        copy_database(db, str(folder / "copy.sqlite3"))
    assert list(folder.iterdir()) == []


def test_plain_paths_become_sqlite_urls(tmp_path: Path) -> None:
    assert target_url(str(tmp_path / "x.sqlite3")).startswith("sqlite+pysqlite:///")
    assert target_url("postgresql+psycopg://u@localhost/db") == "postgresql+psycopg://u@localhost/db"


@pytest.mark.sqlite_only
def test_copy_to_postgresql_and_back(db, tmp_path: Path) -> None:
    if not pg.admin_url():
        pytest.skip(f"no PostgreSQL server to copy to: {pg.SKIP_REASON}")
    build(db)
    name = f"coachdesk_copy_{secrets.token_hex(4)}"
    with pg.admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = pg.url_for(name)
        report = copy_database(db, url)
        assert report.counts["kpi_figure"] == 12
        server = Database(url)
        try:
            assert snapshot(server) == snapshot(db)
            with pytest.raises(CopyError, match="not empty"):
                copy_database(db, url)
            with server.unit_of_work() as s:  # the sequences were reset past the copied ids
                s.add(Person(display_name="New", name_key="new"))
            back = tmp_path / "back.sqlite3"
            copy_database(server, str(back))
            local = Database(sqlite_url(back))
            try:
                assert snapshot(local) == snapshot(server)
            finally:
                local.dispose()
        finally:
            server.dispose()
    finally:
        with pg.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.sqlite_only
def test_copy_into_a_server_prepared_with_db_upgrade(db, tmp_path: Path) -> None:
    """docs/team-server.md: step 2 (`db upgrade`) then step 3 (`db copy`) on a fresh server database."""
    from coachdesk.services import maintenance
    from coachdesk.services.common import Location

    if not pg.admin_url():
        pytest.skip(f"no PostgreSQL server to copy to: {pg.SKIP_REASON}")
    build(db)
    name = f"coachdesk_copy_{secrets.token_hex(4)}"
    with pg.admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = pg.url_for(name)
        maintenance.upgrade(Location(url=url, path=None))
        report = copy_database(db, url)
        assert report.counts["kpi_figure"] == 12
        server = Database(url)
        try:
            assert snapshot(server) == snapshot(db)
        finally:
            server.dispose()
        with pytest.raises(CopyError, match="not empty"):  # once it holds data, never again
            copy_database(db, url)
    finally:
        with pg.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
