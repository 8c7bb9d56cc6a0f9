"""Material for the exchange, copy and KPI-import kill tests: a database and an exchange document with ~50,000 KPI
figures, and a helper that runs ``kill_driver.py`` in a real process and SIGKILLs it after a given progress line."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("kill_driver.py")
DAYS = 800


def add_figures(db, days: int = DAYS) -> int:  # noqa: ANN001
    """Daily figures for every person and KPI over ``days`` days (3 people x 23 KPIs x 800 days = 55,200 with the seeded catalogue)."""
    from sqlalchemy import insert, select

    from coachdesk.storage.models import KpiDefinition, KpiFigure, Person

    with db.unit_of_work() as s:
        people = list(s.scalars(select(Person.id)))
        kpis = list(s.scalars(select(KpiDefinition.id)))
        s.execute(KpiFigure.__table__.delete())
        start = date(2020, 1, 1)
        rows = [{"person_id": p, "kpi_id": k, "period_start": start + timedelta(days=d),
                 "period_end": start + timedelta(days=d), "value": float(d % 97) + p / 10, "batch_id": None}
                for p in people for k in kpis for d in range(days)]
        s.execute(insert(KpiFigure.__table__), rows)
    return len(rows)


def make_big(tmp_path_factory) -> tuple[Path, Path]:  # noqa: ANN001
    """(an SQLite file, its whole export) with the helper's records and 55,200 figures."""
    from coachdesk.services.common import open_store, sqlite_location
    from coachdesk.services.exchange import export_document
    from tests.services.exchange_helpers import build

    folder = tmp_path_factory.mktemp("big")
    store = open_store(sqlite_location(folder / "big.sqlite3"))
    build(store.db)
    add_figures(store.db)
    doc = export_document(store.db, folder / "big.json").path
    store.db.dispose()
    return folder / "big.sqlite3", doc


def run_and_kill(action: str, first: Path, second: Path, after_progress: int | None, timeout: float = 120,
                 ) -> tuple[bool, list[str]]:
    """Run the driver; SIGKILL it when it has printed ``after_progress`` progress lines (None: let it finish).
    Returns (killed, lines seen)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, str(DRIVER), action, str(first), str(second)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    progress = 0
    deadline = time.time() + timeout
    try:
        while time.time() < deadline:
            try:
                line = lines.get(timeout=0.05)
            except queue.Empty:
                continue
            if line is None:
                break
            seen.append(line)
            if line.startswith("progress"):
                progress += 1
                if after_progress is not None and progress >= after_progress:
                    os.kill(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
                    return True, seen
        process.wait(timeout=30)
        if process.returncode != 0:
            raise AssertionError(f"the driver failed: {process.stderr.read()[-2000:]}")
        return False, seen
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
