"""Benchmark the import dialog's first look at a big file: the preview of its first rows (sniffing, the whole-file
UTF-8 check and SHA-256, mapping, date order, people) that the dialog shows before it reads the file whole.
Target: a 100 MB file within 2 s. The whole-file preview that follows is timed too, for scale.

    python bench/bench_preview.py [--mb 100] [--whole]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_LOOK_ROWS = 2_000  # coachdesk/ui/dialogs/kpi_import_dialog.py's FIRST_LOOK_ROWS


def write(path: Path, megabytes: int) -> int:
    rows = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Agent,Date,AHT,CSAT %,Answered\n")
        day = date(2024, 1, 13)
        while handle.tell() < megabytes * 1024 * 1024:
            iso = day.isoformat()
            handle.write("".join(f"Agent {a:04d},{iso},{200 + a % 300},{60 + a % 40}%,{10 + a % 50}\n"
                                 for a in range(1000)))
            rows += 1000
            day += timedelta(days=1)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--whole", action="store_true", help="also time the whole-file preview")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from coachdesk.paths import app_paths
    from coachdesk.services.common import open_store, resolve_location
    from coachdesk.services.kpis import kpi_import as ki
    from coachdesk.services.kpis.kpi_import import ImportOptions

    with tempfile.TemporaryDirectory(prefix="coachdesk-preview-") as folder:
        path = Path(folder) / "big.csv"
        rows = write(path, args.mb)
        store = open_store(resolve_location(app_paths(Path(folder) / "data").ensure()))
        options = ImportOptions(preview_rows=FIRST_LOOK_ROWS, create_agents=True)
        started = time.perf_counter()
        plan = ki.preview_file(store.db, path, options)
        first = time.perf_counter() - started
        verdict = "ok" if first < 2.0 and plan.partial else "MISSED"
        print(f"{path.stat().st_size / 1e6:.0f} MB, {rows:,} rows: first look ({plan.rows_read:,} rows, "
              f"{plan.figures:,} figures) in {first:.2f} s (target < 2 s): {verdict}")
        if args.whole:
            started = time.perf_counter()
            whole = ki.preview_file(store.db, path, ImportOptions(create_agents=True))
            print(f"whole-file preview: {whole.rows_read:,} rows in {time.perf_counter() - started:.1f} s")
        store.db.dispose()
    raise SystemExit(0 if verdict == "ok" else 1)


if __name__ == "__main__":
    main()
