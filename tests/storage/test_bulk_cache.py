"""The wider SQLite page cache of a bulk write: taken for the block only, never narrowed, set back after an error."""

from __future__ import annotations

import pytest

from coachdesk.storage import bulk


def _cache_size(conn) -> int:  # noqa: ANN001
    return int(conn.exec_driver_sql("PRAGMA cache_size").scalar())


@pytest.mark.sqlite_only
def test_the_block_gets_the_wide_cache_and_the_connection_its_own_back(db) -> None:  # noqa: ANN001
    with db.unit_of_work() as session:
        conn = session.connection()
        before = _cache_size(conn)
        assert before == -2000  # SQLite's default: 2,000 KiB
        with bulk.wide_cache(conn):
            assert _cache_size(conn) == -bulk.BULK_CACHE_KIB == -65536
        assert _cache_size(conn) == before


@pytest.mark.sqlite_only
def test_an_error_in_the_block_still_sets_the_cache_back(db) -> None:  # noqa: ANN001
    with db.unit_of_work() as session:
        conn = session.connection()
        with pytest.raises(ZeroDivisionError), bulk.wide_cache(conn):
            assert _cache_size(conn) == -65536
            _ = 1 / 0
        assert _cache_size(conn) == -2000


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("setting", "kept"), [
    ("-65536", True),    # exactly the bulk size, in KiB
    ("-65535", False),   # one KiB short
    ("-131072", True),   # larger
    ("16384", True),     # 16,384 pages of 4 KiB: exactly the bulk size, given in pages
    ("16383", False),    # one page short
])
def test_a_cache_as_large_already_is_left_alone(db, setting: str, kept: bool) -> None:  # noqa: ANN001
    with db.unit_of_work() as session:
        conn = session.connection()
        assert int(conn.exec_driver_sql("PRAGMA page_size").scalar()) == 4096
        conn.exec_driver_sql(f"PRAGMA cache_size = {setting}")
        with bulk.wide_cache(conn):
            assert _cache_size(conn) == (int(setting) if kept else -65536)
        assert _cache_size(conn) == int(setting)


@pytest.mark.postgresql_only
def test_postgresql_is_left_as_it_is(db) -> None:  # noqa: ANN001
    # a PRAGMA would be a syntax error there, and abort the transaction
    with db.unit_of_work() as session:
        conn = session.connection()
        with bulk.wide_cache(conn):
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
        assert conn.exec_driver_sql("SELECT 2").scalar() == 2
