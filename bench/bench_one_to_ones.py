"""One-to-ones benchmark on the big demo database (500 agents x 1095 days), offscreen, in one process.

Figures (median, p95, max over the agents) and their ratio to the target:
  * opening Prepare for an agent on the One-to-ones page: ``open_agent`` (prep sheet read, view built, history
    listed) and the page painted -- target < 300 ms;
  * the raw query alone: ``one_to_one_prep.prep_sheet`` -- for comparison;
  * starting the session (the draft opened, open items carried in, the editor filled), for information;
  * the Today lists (``one_to_ones_api.today``, every team) and the due list, for information.

The database is copied first with SQLite's backup API, so the cached demo database is never written to.

    python bench/bench_one_to_ones.py                         # bench/out/demo500.sqlite3
    python bench/bench_one_to_ones.py --db path/to.sqlite3 --agents 40
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OUT_DIR = Path(__file__).resolve().parent / "out"
DEFAULT_DB = OUT_DIR / "demo500.sqlite3"
PREPARE_TARGET_MS = 300.0


def copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def stats(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[-1]


def line(label: str, values: list[float], target: float | None = None) -> None:
    median, p95, worst = stats(values)
    ratio = f"  median/target {median / target:.2f}" if target else ""
    print(f"{label:<44} median {median:7.1f} ms   p95 {p95:7.1f}   max {worst:7.1f}   n={len(values)}{ratio}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--agents", type=int, default=30)
    args = parser.parse_args()
    if not args.db.is_file():
        print(f"no database at {args.db}: build it with bench/bench_observe.py or `coachdesk demo --agents 500 "
              "--days 1095`", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from coachdesk.paths import app_paths
    from coachdesk.services import one_to_ones as one_to_ones_api
    from coachdesk.services.common import AppContext, open_store, resolve_location
    from coachdesk.services.one_to_ones import prep_sheet
    from coachdesk.ui import tasks
    from coachdesk.ui.pages.one_to_ones_page import OneToOnesPage

    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-") as tmp:
        db_path = Path(tmp) / "bench.sqlite3"
        copy_database(args.db, db_path)
        paths = app_paths(Path(tmp) / "data").ensure()
        location = resolve_location(paths, db=str(db_path))
        ctx = AppContext(open_store(location).db, paths, location)
        app = QApplication.instance() or QApplication([])
        tasks.set_synchronous(True)
        t0 = time.perf_counter()
        page = OneToOnesPage(ctx)
        page.resize(1400, 950)
        page.show()
        app.processEvents()
        build_ms = (time.perf_counter() - t0) * 1000
        due = one_to_ones_api.due_list(ctx.db)
        rng = random.Random(7)
        agents = [r.agent_uuid for r in rng.sample(due, min(args.agents, len(due)))]
        print(f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB), {len(due)} active agents; "
              f"page built with its agent list in {build_ms:.0f} ms; load {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        raw, opened, started = [], [], []
        for uuid in agents:
            t = time.perf_counter()
            prep_sheet(ctx.db, uuid)
            raw.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            page.open_agent(uuid)
            page.repaint()
            app.processEvents()
            opened.append((time.perf_counter() - t) * 1000)
        for uuid in agents[:10]:
            page.open_agent(uuid)
            t = time.perf_counter()
            page.start_session()
            page.repaint()
            app.processEvents()
            started.append((time.perf_counter() - t) * 1000)
        today, due_ms = [], []
        for _ in range(5):
            t = time.perf_counter()
            one_to_ones_api.today(ctx.db)
            today.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            one_to_ones_api.due_list(ctx.db)
            due_ms.append((time.perf_counter() - t) * 1000)
        line("Prepare opened and painted (open_agent)", opened, PREPARE_TARGET_MS)
        line("  raw query: prep_sheet", raw, PREPARE_TARGET_MS)
        line("Start the session (draft, carry, editor)", started)
        line("Today lists, every team", today)
        line("Due list, every agent", due_ms)
        ctx.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
