"""Benchmark of the demo-data generator against its target and against a raw SQLite insert floor.

    python bench/bench_demo.py [--agents 500 --days 1095 --seed 1 --keep]

Creates a temporary database, migrates it, runs ``generate_demo`` and prints: seconds, KPI figures,
figures/second, the 45 s target and time/target, and the peak memory (RSS) of the process after the demo; then, in
the same run, the floor: plain ``sqlite3`` ``executemany`` of the same number of 5-tuples into a table with
kpi_figure's unique index (same pragmas, one transaction), and demo/floor. The demo writes much more than figures
(about 0.7 million records with UUIDs, an index on every foreign key, a reference check), so demo/floor above 1 is
expected; the ratio makes runs on busy or slow machines comparable.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TARGET_SECONDS = 45.0
CHUNK = 200_000


def run_demo(folder: Path, agents: int, days: int, seed: int) -> tuple[float, object, int, int]:
    from coachdesk.services.demo import COLUMNS, generate_demo
    from coachdesk.storage.database import Database, sqlite_url
    from coachdesk.storage.migrate import upgrade_database

    path = folder / "demo.sqlite3"
    db = Database(sqlite_url(path))
    upgrade_database(db, backup=False)
    shown = [-10]

    def progress(percent: int, message: str) -> None:
        if percent - shown[0] >= 10 or percent == 100:
            print(f"    {percent:3d}%  {message}", file=sys.stderr)
            shown[0] = percent

    started = time.perf_counter()
    summary = generate_demo(db, agents=agents, days=days, seed=seed, progress=progress, today=date(2025, 6, 30))
    seconds = time.perf_counter() - started
    with db.engine.connect() as conn:  # every row written except the figures
        records = sum(conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() for name in COLUMNS)
    db.dispose()
    return seconds, summary, path.stat().st_size, records


def run_floor(folder: Path, figures: int) -> float:
    """Raw executemany of ``figures`` (person, KPI, start, end, value) tuples, sorted by the unique key, in one
    transaction on a WAL file with the app's pragmas; tuple building is not timed."""
    con = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("CREATE TABLE kpi_figure (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, kpi_id INTEGER NOT NULL,"
                " period_start DATE NOT NULL, period_end DATE NOT NULL, value FLOAT NOT NULL, batch_id INTEGER,"
                " UNIQUE (person_id, kpi_id, period_start, period_end))")
    days = [(date(2022, 1, 1) + timedelta(days=i)).isoformat() for i in range(1095)]
    per_person = 9 * len(days)

    def rows(first: int, count: int):
        for n in range(first, first + count):
            person, rest = divmod(n, per_person)
            kpi, day = divmod(rest, len(days))
            yield person + 1, kpi + 1, days[day], days[day], 0.5 + (n % 97) / 200

    spent = 0.0
    con.execute("BEGIN")
    for first in range(0, figures, CHUNK):
        chunk = list(rows(first, min(CHUNK, figures - first)))
        started = time.perf_counter()
        con.executemany("INSERT INTO kpi_figure (person_id, kpi_id, period_start, period_end, value) "
                        "VALUES (?, ?, ?, ?, ?)", chunk)
        spent += time.perf_counter() - started
    started = time.perf_counter()
    con.execute("COMMIT")
    spent += time.perf_counter() - started
    con.close()
    return spent


def peak_rss_mib() -> float | None:
    """The process's peak resident memory so far, in MiB (None without the ``resource`` module, as on Windows)."""
    try:
        import resource
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print where it is")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-bench-demo-"))
    try:
        print(f"demo: {args.agents} agents x {args.days} days, seed {args.seed}, {os.cpu_count()} CPUs", flush=True)
        seconds, summary, size, records = run_demo(folder, args.agents, args.days, args.seed)
        peak = peak_rss_mib()
        figures = summary.kpi_figures
        print("floor: raw sqlite3 executemany of the same number of 5-tuples ...", flush=True)
        floor = run_floor(folder, figures)
        print()
        print(f"  demo seconds            {seconds:10.2f} s")
        print(f"  KPI figures             {figures:10,d}")
        print(f"  figures / second        {figures / seconds:10,.0f}")
        print(f"  other rows              {records:10,d}   (people, ratings, notes, one-to-one items...)")
        print(f"  database size           {size / 2**20:10.0f} MiB")
        if peak is not None:
            print(f"  peak memory (RSS)       {peak:10.0f} MiB")
        print(f"  target                  {TARGET_SECONDS:10.2f} s")
        print(f"  time / target           {seconds / TARGET_SECONDS:10.2f}   "
              f"({'within' if seconds <= TARGET_SECONDS else 'OVER'} the target)")
        print(f"  floor seconds           {floor:10.2f} s   ({figures / floor:,.0f} rows/s)")
        print(f"  demo / floor            {seconds / floor:10.2f}")
        if args.keep:
            print(f"  kept in                 {folder}")
    finally:
        if not args.keep:
            for item in folder.iterdir():
                item.unlink()
            folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
