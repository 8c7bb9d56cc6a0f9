"""Today's "needing attention" before and after, side by side: ``goals.needing_attention`` on copies of one demo, run by
an older checkout and then by this one, with the CPU and wall time of each call and the ratio after/before.

    python bench/bench_attention.py --before /tmp/main-checkout [--after .] [--db bench/out/demo500.sqlite3]

The demo database is copied twice (SQLite's backup API; the cached demo is never written): the older checkout
reads its copy as it is; this checkout's copy is migrated first as the app does (``open_store``, in a process of
its own that leaves the file checkpointed, as a closed app does). Each round runs both sides, one after the other;
each side makes one call to warm the page cache, then ``--repeat`` timed calls. Both must return the same rows
(compared by objective, flags and figures), so a faster answer is never a different one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_observe import DEFAULT_DB, copy_database  # noqa: E402

#: run by each side with its checkout first on PYTHONPATH; prints one JSON line
SIDE = r"""
import json, sys, time
from pathlib import Path
copy, migrate, repeat = Path(sys.argv[1]), sys.argv[2] == "1", int(sys.argv[3])
try:
    from coachdesk.services.common import open_store, sqlite_location
except ImportError:
    from coachdesk.services.location import sqlite_location
    from coachdesk.services.store import open_store
from coachdesk.services import goals
db = open_store(sqlite_location(copy), migrate=migrate, seed=False).db
if repeat == 0:  # only migrate, and fold the write-ahead log back into the file, as a closed app leaves it
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print("{}")
    raise SystemExit(0)
try:  # newer code gives the last rows again while nothing is committed: time the read itself
    from coachdesk.services.common import forget_reused
except ImportError:
    def forget_reused():
        pass
rows = goals.needing_attention(db)
cpu, wall = [], []
for _ in range(repeat):
    forget_reused()
    w, c = time.perf_counter(), time.process_time()
    rows = goals.needing_attention(db)
    cpu.append((time.process_time() - c) * 1000)
    wall.append((time.perf_counter() - w) * 1000)
print(json.dumps({"cpu": cpu, "wall": wall, "rows": [
    [r.uuid, r.due_soon, r.off_track, r.current_text, r.forecast_text, str(r.band), str(r.forecast_band)]
    for r in rows]}))
"""


def run_side(checkout: Path, copy: Path, migrate: bool, repeat: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(checkout.resolve()))
    done = subprocess.run([sys.executable, "-c", SIDE, str(copy), "1" if migrate else "0", str(repeat)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"needing_attention with {checkout} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the older code")
    parser.add_argument("--after", type=Path, default=HERE.parent, help="checkout of the newer code (this one)")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="demo database (copied first)")
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per side and round (default 3)")
    parser.add_argument("--rounds", type=int, default=2, help="before/after pairs; each side's best median is kept")
    options = parser.parse_args(argv)
    best: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-attention-") as folder:
        copies = {"before": Path(folder) / "before.sqlite3", "after": Path(folder) / "after.sqlite3"}
        for copy in copies.values():
            copy_database(options.db, copy)
        run_side(options.after, copies["after"], True, 0)  # this checkout's migrations, in a process of their own
        for _ in range(options.rounds):  # before, after, before, after...: a busy machine favours neither side
            for side, checkout in (("before", options.before), ("after", options.after)):
                result = run_side(checkout, copies[side], side == "after", options.repeat)
                kept = best.setdefault(side, result)
                for what in ("cpu", "wall"):
                    kept[what] = min(kept[what], result[what], key=statistics.median)
    before, after = best["before"], best["after"]
    same = before["rows"] == after["rows"]
    print(f"\nneeding_attention on {options.db.name}: {len(after['rows'])} rows, "
          f"{'the same' if same else 'NOT the same'} before and after; best of {options.rounds} rounds' medians of "
          f"{options.repeat} calls; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'':<6} {'before':>10} {'after':>10} {'after/before':>13}")
    for what in ("cpu", "wall"):
        b, a = statistics.median(before[what]), statistics.median(after[what])
        print(f"  {what:<6} {b:8.1f}ms {a:8.1f}ms {a / b:12.2f}x")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
