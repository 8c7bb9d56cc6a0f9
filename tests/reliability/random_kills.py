"""Material for the kill -9 at random points test: the writers (real CLI commands in their own process on a real
SQLite file), a seeded random delay before SIGKILL, and the all-or-nothing check of what the database holds after."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANTED = Path(__file__).with_name("planted_split_writer.py")
AGENTS, DAYS = 20, 200  # the KPI file: 20 new agents x 200 days x 3 KPIs = 12,000 figures (3 chunks of 5,000)


def cli_here(data: Path, db: Path, *args: str) -> tuple[int, str]:
    """Run ``coachdesk --db db ARGS`` in this process (no start-up cost); (exit code, what it printed)."""
    from coachdesk.cli import main

    out = io.StringIO()
    code = main(["--db", str(db), "--data-dir", str(data), *args], out=out)
    return code, out.getvalue()


def kpi_file(path: Path) -> Path:
    lines = ["Agent,Date,KPI,Value"]
    for a in range(AGENTS):
        for d in range(DAYS):
            day = (date(2024, 1, 1) + timedelta(days=d)).isoformat()
            lines += [f"Kill Agent {a:03d},{day},AHT,{300 + (a * d) % 90}", f"Kill Agent {a:03d},{day},CSAT,{80 + d % 20}%",
                      f"Kill Agent {a:03d},{day},FCR,{70 + a % 25}%"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def state(db: Path) -> tuple:
    """What the database holds, to compare: the row count of every table, and a digest of every person's name and
    e-mail (an erasure changes them in place)."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite_%' ORDER BY name")]
        counts = tuple((t, con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables)
        # not the UUIDs: two whole runs of a writer that creates people give them different ones
        people = con.execute("SELECT display_name, coalesce(email, '') FROM person ORDER BY 1, 2").fetchall()
        return counts, hashlib.sha256(repr(people).encode()).hexdigest()[:16]
    finally:
        con.close()


def difference(a: tuple, b: tuple) -> str:
    """The tables whose counts differ between two states (for messages)."""
    changed = [f"{t}: {n} -> {dict(b[0]).get(t)}" for t, n in a[0] if dict(b[0]).get(t) != n]
    if a[1] != b[1]:
        changed.append("people's names or e-mails")
    return ", ".join(changed) or "nothing"


@dataclass
class Writer:
    """One write: the CLI arguments, and how to put its target database in the state before it."""

    name: str
    args: tuple[str, ...]
    prepare: object  # Callable[[Path], None]: fills the target file
    planted: bool = False
    seconds: float = 0.0  # how long a run that is let finish takes (measured)
    full: tuple | None = None  # the state after a run that is let finish
    notes: list[str] = field(default_factory=list)


def run_writer(writer: Writer, db: Path, data: Path, delay: float | None, timeout: float = 120) -> tuple[bool, float]:
    """Run the writer on ``db`` in its own process; SIGKILL it ``delay`` seconds after its start unless it has ended
    (None: let it finish). Returns (killed, seconds it ran)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    entry = [str(PLANTED)] if writer.planted else ["-m", "coachdesk"]
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, *entry, "--db", str(db), "--data-dir", str(data), *writer.args],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=timeout if delay is None else delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
        return True, time.monotonic() - started
    if process.returncode != 0:
        raise AssertionError(f"{writer.name} failed on its own (exit {process.returncode}): {err[-2000:]}")
    return False, time.monotonic() - started


def fresh(source: Path, target: Path) -> None:
    """``target`` becomes a copy of ``source`` with what its WAL holds (SQLite's backup API), and no WAL of its own."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
