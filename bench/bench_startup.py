"""Start-up benchmark: a bare PySide6 window against CoachDesk on a demo database, side by side, offscreen.

Each run is a fresh process. Two figures per run:
  * shown: from just before the parent launches the process to the moment the child's window has been shown and
    the event loop has run once (the child writes ``shown_after_ms=`` to stderr);
  * wall: the whole subprocess, interpreter start and shutdown included.
Target: CoachDesk's median time to shown is at most twice the bare window's.

    python bench/bench_startup.py                     # 500 agents x 1095 days demo database (built once, cached)
    python bench/bench_startup.py --agents 60 --days 365
    python bench/bench_startup.py --db path/to/coachdesk.sqlite3 --repeat 9
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 2.0
OUT_DIR = Path(__file__).resolve().parent / "out"

BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1240, 800)
window.show()

def shown():
    launched = float(os.environ["COACHDESK_LAUNCH_TIME"])
    sys.stderr.write(f"shown_after_ms={(time.time() - launched) * 1000:.1f}\\n")
    app.quit()

QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""

COACHDESK = """
import os, sys
from coachdesk.cli import main

# as a user starts it from the desktop: no arguments; the data folder and database come from the environment
os.environ["COACHDESK_DATA_DIR"], os.environ["COACHDESK_DB"] = sys.argv[1], sys.argv[2]
sys.exit(main([]))
"""

BREAKDOWN = """
import sys, time
start = time.perf_counter()
marks = []
def mark(what):
    marks.append((what, (time.perf_counter() - start) * 1000))
import coachdesk; mark("import coachdesk (package metadata)")
import sqlalchemy.orm; mark("import SQLAlchemy + ORM")
import coachdesk.storage.models; mark("import storage models")
from coachdesk.services import common as store; store.open_store; mark("import store (Alembic)")  # noqa: B018
from coachdesk.paths import app_paths
paths = app_paths(sys.argv[1]).ensure()
location = store.resolve_location(paths, db=sys.argv[2])
opened = store.open_store(location); mark("open_store (check, migrate, seed)")
from coachdesk.app import create_application
app = create_application(); mark("PySide6 + QApplication + theme")
from coachdesk.services.common import AppContext
from coachdesk.ui.main_window import MainWindow
window = MainWindow(AppContext(opened.db, paths, location), remember=False); mark("MainWindow()")
window.show(); app.processEvents(); mark("show + first events")
previous = 0.0
for what, at in marks:
    print(f"  {what:<36} {at - previous:7.1f} ms   (at {at:7.1f} ms)")
    previous = at
"""


def build_demo_db(agents: int, days: int, seed: int) -> Path:
    """Create (once) and cache a demo database under bench/out/."""
    target = OUT_DIR / f"demo-{agents}a-{days}d-seed{seed}" / "coachdesk.sqlite3"
    done = target.parent / "complete"
    if target.exists() and done.exists():
        print(f"using cached demo database {target}")
        return target
    shutil.rmtree(target.parent, ignore_errors=True)  # an unfinished earlier attempt
    try:
        from coachdesk.services.demo import generate_demo
    except ImportError:
        sys.exit("coachdesk.services.demo.demo is not available: pass --db with an existing database.")
    from coachdesk.paths import app_paths
    from coachdesk.services.common import open_store, resolve_location

    paths = app_paths(target.parent).ensure()
    opened = open_store(resolve_location(paths, db=str(target)))
    print(f"building a demo database: {agents} agents x {days} days (seed {seed}) in {target} …", flush=True)
    start = time.perf_counter()
    last = [-10]

    def progress(percent: int, message: str = "") -> None:
        if percent >= last[0] + 10:
            last[0] = percent
            print(f"  {percent:3d}% {message}", flush=True)

    try:
        summary = generate_demo(opened.db, agents=agents, days=days, seed=seed, progress=progress)
    finally:
        opened.db.dispose()
    done.write_text(f"{summary}\n", encoding="utf-8")
    print(f"built in {time.perf_counter() - start:.1f} s: {summary}")
    return target


def run_once(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Return (shown ms, wall ms, start page ready ms) of one child process (a bare window has no page: = shown)."""
    env = dict(env, COACHDESK_LAUNCH_TIME=repr(time.time()))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                            timeout=300, check=False)
    wall = (time.perf_counter() - start) * 1000
    shown = [line for line in result.stderr.splitlines() if line.startswith("shown_after_ms=")]
    if result.returncode != 0 or not shown:
        sys.exit(f"child failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    page = [line for line in result.stderr.splitlines() if line.startswith("page_after_ms=")]
    shown_ms = float(shown[-1].split("=", 1)[1])
    return shown_ms, wall, float(page[-1].split("=", 1)[1]) if page else shown_ms


def describe(values: list[float]) -> str:
    return f"median {statistics.median(values):7.1f} ms   min {min(values):7.1f}   max {max(values):7.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="an existing CoachDesk database (default: a cached demo database)")
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each (after one warm-up run each)")
    parser.add_argument("--breakdown", action="store_true", help="also print where CoachDesk's start-up time goes")
    options = parser.parse_args(argv)

    db = options.db.resolve() if options.db else build_demo_db(options.agents, options.days, options.seed)
    if not db.is_file():
        sys.exit(f"{db} does not exist.")
    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-") as data_dir:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COACHDESK_QUIT_AFTER_SHOW="1",
                   COACHDESK_DATA_DIR=data_dir)
        env.pop("COACHDESK_DB", None)
        env.pop("COACHDESK_DB_URL", None)
        contenders = {"bare PySide6": (BARE_WINDOW, []), "CoachDesk": (COACHDESK, [data_dir, str(db)])}
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in contenders}
        for code, args in contenders.values():  # warm-up: file cache, .pyc files, migrations check
            run_once(code, args, env)
        for _ in range(options.repeat):  # interleaved, so drifts in machine load hit both alike
            for name, (code, args) in contenders.items():
                results[name].append(run_once(code, args, env))

    print(f"\nstart-up to window shown, offscreen, {options.repeat} runs each, database {db}")
    for name, runs in results.items():
        print(f"  {name:<13} shown: {describe([r[0] for r in runs])}")
        print(f"  {'':<13} page:  {describe([r[2] for r in runs])}   (start page built and filled)")
        print(f"  {'':<13} wall:  {describe([r[1] for r in runs])}")
    if options.breakdown:
        with tempfile.TemporaryDirectory(prefix="coachdesk-bench-") as data_dir:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COACHDESK_DATA_DIR=data_dir)
            result = subprocess.run([sys.executable, "-c", BREAKDOWN, data_dir, str(db)], env=env,
                                    capture_output=True, text=True, timeout=300, check=False)
        print("\nwhere CoachDesk's start-up goes (one run, in-process clock, interpreter start not included):")
        print(result.stdout.rstrip() or result.stderr[-2000:])
    bare_shown = statistics.median(r[0] for r in results["bare PySide6"])
    app_shown = statistics.median(r[0] for r in results["CoachDesk"])
    bare_wall = statistics.median(r[1] for r in results["bare PySide6"])
    app_wall = statistics.median(r[1] for r in results["CoachDesk"])
    ratio = app_shown / bare_shown
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"\nratio CoachDesk / bare (shown): {ratio:.2f}x   target <= {TARGET_RATIO:.0f}x: {verdict}")
    app_page = statistics.median(r[2] for r in results["CoachDesk"])
    print(f"ratio CoachDesk start page ready / bare shown: {app_page / bare_shown:.2f}x (informative)")
    print(f"ratio CoachDesk / bare (wall):  {app_wall / bare_wall:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
