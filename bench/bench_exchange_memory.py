"""Benchmark the memory of ``import-data`` on a big exchange document (#18: under 300 MB for any document up to
500 MB): a demo database is exported, the export is grown to the size asked (more daily KPI figures per person and
KPI, going back in time) and written to a temporary folder, then the real CLI imports it into a new SQLite file in
its own process; the peak resident memory of that process (VmHWM, read while it runs) is printed with the small
document's for comparison.

    .venv/bin/python bench/bench_exchange_memory.py [--size-mb 500] [--agents 300] [--work DIR] [--keep]

Needs about 4 x the document's size free on the work folder's disk (document, database and its WAL).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 300


def cli(data: Path, db: Path, *args: str) -> tuple[float, float, str]:
    """Run ``coachdesk --db db ARGS``; return (seconds, peak resident MB of that process, output). The peak is
    the child's own VmHWM, polled while it runs (``ru_maxrss`` of a child carries the parent's high-water mark)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACHDESK_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    out_path = db.with_suffix(".out")
    started = time.perf_counter()
    with out_path.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "coachdesk", "--db", str(db), *args], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
        peak_kb = 0
        while True:
            peak_kb = max(peak_kb, _high_water_kb(process.pid))
            pid, status, _ = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    text = out_path.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"coachdesk {' '.join(args)} failed:\n{text[-3000:]}")
    return seconds, peak_kb / 1024, text


def _high_water_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def grow(template: Path, target: Path, size_bytes: int) -> tuple[int, int]:
    """Write ``template`` to ``target`` with each KPI figure group given extra daily figures before its earliest
    one, so that the document is about ``size_bytes``; one record a line, as the export writes. Returns
    (records, figures)."""
    doc = json.loads(template.read_text(encoding="utf-8"))
    records = doc.pop("records")
    groups = records["kpi_figure"]
    base = template.stat().st_size
    per_figure = len(json.dumps(["2020-01-01", "2020-01-01", 266.6, 0])) + 2
    extra = max(0, (size_bytes - base) // per_figure // max(1, len(groups)))
    total_records = total_figures = 0
    with target.open("w", encoding="utf-8") as out:
        out.write("{\n")
        for key, value in doc.items():
            out.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
        out.write('  "records": {\n')
        kinds = list(records)
        for k, kind in enumerate(kinds):
            out.write(f"  {json.dumps(kind)}: [\n")
            items = records[kind]
            for i, record in enumerate(items):
                if kind == "kpi_figure":
                    first = min(date.fromisoformat(f[0]) for f in record["figures"])
                    batch = len(record["batches"])
                    if batch == 0:
                        record["batches"].append(None)
                    added = [[(first - timedelta(days=d)).isoformat()] * 2 + [round(50 + (d * 7919) % 4000 / 10, 1),
                                                                             0]
                             for d in range(extra, 0, -1)]
                    record["figures"] = added + record["figures"]
                    total_figures += len(record["figures"])
                out.write("    " + json.dumps(record, ensure_ascii=False) + (",\n" if i < len(items) - 1 else "\n"))
                total_records += 1
                items[i] = None  # written: let it go (the grown groups would not fit in memory together)
            out.write("  ]" + (",\n" if k < len(kinds) - 1 else "\n"))
        out.write("  }\n}\n")
    return total_records, total_figures


def figures_in(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM kpi_figure").fetchone()[0]
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=500, help="the document's size (default 500 MB)")
    parser.add_argument("--agents", type=int, default=300, help="agents in the demo database grown (default 300)")
    parser.add_argument("--work", help="folder for the files (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the files afterwards")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-exchange-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(work).free
    if free < 4 * args.size_mb * 1e6:
        raise SystemExit(f"{work}: {free / 1e9:.1f} GB free, about {4 * args.size_mb / 1e3:.1f} GB needed.")
    data = work / "data"
    try:
        cli(data, work / "demo.sqlite3", "demo", "--agents", str(args.agents), "--days", "60")
        small = work / "small.json"
        cli(data, work / "demo.sqlite3", "export", "-o", str(small))
        big = work / "big.json"
        t0 = time.perf_counter()
        records, figures = grow(small, big, int(args.size_mb * 1e6))
        size_mb = big.stat().st_size / 1e6
        print(f"document {size_mb:,.0f} MB ({records:,} record lines, {figures:,} KPI figures) written in "
              f"{time.perf_counter() - t0:.0f} s to {big}")
        s_small, peak_small, _ = cli(data, work / "small.sqlite3", "import-data", str(small))
        s_big, peak_big, out = cli(data, work / "big.sqlite3", "import-data", str(big))
        stored = figures_in(work / "big.sqlite3")
        small_mb = small.stat().st_size / 1e6
        print(f"  import-data {small_mb:7.1f} MB document: {s_small:7.1f} s  peak {peak_small:5.0f} MB")
        print(f"  import-data {size_mb:7.1f} MB document: {s_big:7.1f} s  peak {peak_big:5.0f} MB  "
              f"({figures / s_big:,.0f} figures/s)")
        print(f"  peak / limit ({LIMIT_MB} MB): {peak_big / LIMIT_MB:.2f}; peak / document: {peak_big / size_mb:.2f}; "
              f"peak big / peak small: {peak_big / peak_small:.2f}")
        print(f"  figures stored: {stored:,} of {figures:,}; {out.strip().splitlines()[0]}")
        ok = peak_big < LIMIT_MB and stored == figures
        print(f"  under {LIMIT_MB} MB with every figure stored: {ok}")
        return 0 if ok else 1
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
