"""Bulk writes of KPI figures in chunks: executemany inserts, in-place replacements, and look-ups of stored figures.

On SQLite the insert goes straight to the driver's ``executemany`` with dates as ISO text (exactly what
SQLAlchemy's ``Date`` stores there), which skips per-value bind processing; other databases get the same rows
through a Core ``insert``. Every statement runs on the caller's connection, inside the caller's transaction.
``wide_cache`` gives SQLite a larger page cache for the length of a bulk write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import DBAPIError

from coachdesk.storage.models import KpiFigure

#: (person id, KPI id, first day, last day, value, batch id)
FigureValues = tuple[int, int, date, date, float, int | None]
#: (figure id, person id, KPI id, first day, last day, value, batch id)
StoredFigure = tuple[int, int, int, date, date, float, int | None]

_TABLE = KpiFigure.__table__
_SQLITE_INSERT = ("INSERT INTO kpi_figure (person_id, kpi_id, period_start, period_end, value, batch_id) "
                  "VALUES (?, ?, ?, ?, ?, ?)")
#: SQLite's page cache during a bulk write, in KiB. The default 2 MB is far smaller than the (person, KPI, ...) indexes
#: a big import adds to all over: their pages go out to the WAL and are read back again and again (a third of the
#: CPU time of a million-row import, most of it in system calls). Pages are only taken as they are needed.
BULK_CACHE_KIB = 64 * 1024
#: SQLite's default limit on bound variables in one statement is 32,766; stay well below it.
MAX_IN = 5000


class _IsoDays(dict):
    """Days as ISO text, each converted once (``date.isoformat`` costs several times a dict look-up)."""

    __slots__ = ()

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


def insert_figures(conn: Connection, rows: Sequence[FigureValues]) -> int:
    """Insert ``rows`` with one executemany (multi-row inserts on PostgreSQL); returns how many."""
    if not rows:
        return 0
    if conn.dialect.name == "sqlite":
        iso = _IsoDays().__getitem__  # a chunk holds few days: each is written out once, then looked up
        conn.exec_driver_sql(_SQLITE_INSERT, [(p, k, iso(s), iso(e), v, b) for p, k, s, e, v, b in rows])
    else:
        insert_rows(conn, _TABLE, _FIGURE_COLUMNS, rows)
    return len(rows)


_FIGURE_COLUMNS = ("person_id", "kpi_id", "period_start", "period_end", "value", "batch_id")
_PG_CHUNK = 10_000


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Insert many rows of ``columns`` values: on PostgreSQL as ``INSERT … SELECT FROM unnest(<one array per
    column>)`` of up to 10,000 rows, with each column type's bind processing applied (psycopg's executemany sends a
    statement per row, and a multi-row VALUES costs more in query parsing than it saves); elsewhere one executemany.
    """
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), [dict(zip(columns, r, strict=True)) for r in rows])
        return
    dialect = conn.dialect
    procs = [table.c[c].type.bind_processor(dialect) for c in columns]
    casts = ", ".join(f"%s::{table.c[c].type.compile(dialect=dialect)}[]" for c in columns)
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT * FROM unnest({casts})"
    for start in range(0, len(rows), _PG_CHUNK):
        part = rows[start:start + _PG_CHUNK]
        arrays = [[r[i] for r in part] if f is None else [f(r[i]) for r in part] for i, f in enumerate(procs)]
        conn.exec_driver_sql(sql, tuple(arrays))


def replace_values(conn: Connection, rows: Sequence[tuple[int, float, int | None]]) -> int:
    """Set ``(figure id, value, batch id)`` on stored figures."""
    if not rows:
        return 0
    statement = update(_TABLE).where(_TABLE.c.id == bindparam("fid")).values(value=bindparam("val"),
                                                                             batch_id=bindparam("bid"))
    conn.execute(statement, [{"fid": f, "val": v, "bid": b} for f, v, b in rows])
    return len(rows)


def stored_figures(conn: Connection, person_ids: Iterable[int], kpi_ids: Iterable[int], first: date,
                   last: date) -> list[StoredFigure]:
    """Figures of these people and KPIs whose period starts between ``first`` and ``last`` (inclusive)."""
    people = sorted(set(person_ids))
    kpis = sorted(set(kpi_ids))
    out: list[StoredFigure] = []
    if not people or not kpis:
        return out
    c = _TABLE.c
    for start in range(0, len(people), MAX_IN):
        query = (select(c.id, c.person_id, c.kpi_id, c.period_start, c.period_end, c.value, c.batch_id)
                 .where(c.person_id.in_(people[start:start + MAX_IN]), c.kpi_id.in_(kpis),
                        c.period_start >= first, c.period_start <= last))
        out.extend(tuple(row) for row in conn.execute(query))
    return out


def delete_batch(conn: Connection, batch_id: int) -> int:
    """Delete every figure of one import batch; returns how many."""
    return conn.execute(delete(_TABLE).where(_TABLE.c.batch_id == batch_id)).rowcount or 0




@contextlib.contextmanager
def wide_cache(conn: Connection) -> Iterator[None]:
    """Within the block, a SQLite connection's page cache holds at least ``BULK_CACHE_KIB``; it is set back after
    (the pooled connection serves other work). Other databases are left as they are."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or 0)
    page = int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 4096)
    held_kib = -before if before < 0 else before * page // 1024
    if held_kib >= BULK_CACHE_KIB:
        yield
        return
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        # a connection that failed mid-write may refuse even this; only memory is at stake, so the first error stands
        with contextlib.suppress(DBAPIError):
            conn.exec_driver_sql(f"PRAGMA cache_size = {before}")
