"""Deterministic demo data, the entry point: checks, the catalogue it builds on, and one all-or-nothing load."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from coachdesk.domain.errors import ValidationError
from coachdesk.services.common import ensure_defaults
from coachdesk.services.demo.demo_build import Builder
from coachdesk.services.demo.demo_catalogue import load_catalogue
from coachdesk.services.demo.demo_insert import COLUMNS, Writer
from coachdesk.storage.database import Database
from coachdesk.storage.models import Person

__all__ = ["COLUMNS", "MAX_AGENTS", "MAX_DAYS", "DemoSummary", "generate_demo"]

MAX_AGENTS, MAX_DAYS = 5000, 3660


@dataclass(frozen=True)
class DemoSummary:
    """What ``generate_demo`` wrote, and how long it took."""

    teams: int
    people: int
    agents: int
    kpi_figures: int
    observations: int
    feedback: int
    one_to_ones: int
    recognitions: int
    goals: int
    objectives: int
    seconds: float


def _check_empty(conn: Connection) -> None:
    if conn.scalar(select(func.count()).select_from(Person)):
        raise ValidationError("Demo data can only be loaded into an empty database, and this one already holds "
                              "people; create a new database file for the demo.")


def generate_demo(db: Database, agents: int = 60, days: int = 365, seed: int = 1,
                  progress: Callable[[int, str], None] | None = None, today: date | None = None,
                  *, fast: bool | None = None) -> DemoSummary:
    """Fill an empty database with a demo contact centre whose history ends on ``today``; all or nothing.

    The same ``agents``, ``days``, ``seed`` and ``today`` always give the same content. ``fast`` (default: on
    SQLite) writes through the SQLite driver directly; False goes through SQLAlchemy Core, as on other databases.
    """
    if not 1 <= agents <= MAX_AGENTS:
        raise ValidationError(f"The number of agents must be between 1 and {MAX_AGENTS}; {agents} was given.")
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(f"The days of history must be between 1 and {MAX_DAYS}; {days} was given.")
    started = time.perf_counter()
    report = progress or (lambda _percent, _message: None)
    report(0, "Checking the database")
    with db.engine.connect() as conn:
        _check_empty(conn)
    ensure_defaults(db)
    fast = db.is_sqlite if fast is None else fast and db.is_sqlite
    with db.engine.connect() as conn:
        cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar() if fast else None
        if fast:  # connection settings can only change outside a transaction; restored below
            conn.exec_driver_sql("PRAGMA cache_size = -131072")  # 128 MiB while loading
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # checked all at once before the commit instead
            conn.commit()
        try:
            with conn.begin():
                if fast:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # no other writer between the check and the load
                _check_empty(conn)
                writer = Writer(conn, seed, fast)
                try:
                    counts = Builder(conn, writer, load_catalogue(conn), agents, days, seed, today or date.today(),
                                      report).run()
                finally:
                    writer.close()
                if conn.dialect.name == "postgresql":  # rows went in with explicit ids
                    from coachdesk.storage.postgres import sync_sequences

                    sync_sequences(conn)
                if fast:
                    report(96, "Checking references")
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:  # a bug, not a user error: nothing is kept
                        raise RuntimeError(f"demo data would break {len(broken)} references, e.g. {broken[0]}")
        finally:
            if fast:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()
    report(100, "Demo data ready")
    return DemoSummary(**counts, seconds=round(time.perf_counter() - started, 3))
