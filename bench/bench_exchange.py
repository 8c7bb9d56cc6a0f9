"""Benchmark the exchange format on a big database: export, import into a new database, export again (same
document?), and a merge of the same document (everything unchanged); each step in its own process, with its
wall time and peak memory (VmHWM), and the ratios to the database size.

    .venv/bin/python bench/bench_exchange.py [bench/out/demo500.sqlite3] [--work DIR]

The source database is copied first (opening may write); nothing is changed in it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STEP = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from coachdesk.services.common import open_store, sqlite_location
from coachdesk.services.exchange import export_document
from coachdesk.services.exchange import import_document
step, db_path, doc = sys.argv[1], sys.argv[2], Path(sys.argv[3])
started = time.perf_counter()
db = open_store(sqlite_location(db_path)).db
if step == "export":
    report = export_document(db, doc)
    result = {{"records": report.total, "figures": report.counts["kpi_figure"], "bytes": report.size_bytes}}
else:
    report = import_document(db, doc)
    result = {{"added": report.total("added"), "updated": report.total("updated"),
              "unchanged": report.total("unchanged")}}
result["seconds"] = time.perf_counter() - started
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        result["peak_mb"] = int(line.split()[1]) / 1024
print(json.dumps(result))
"""


def run(step: str, db: Path, doc: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", STEP.format(root=str(ROOT)), step, str(db), str(doc)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{step} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def same_records(first: Path, second: Path) -> bool:
    """Line by line (one record a line, in the same order), in little memory: the records must be equal, leaving
    out the header and the audit entries the exchange itself writes (see docs/data-format.md)."""
    def lines(path: Path):  # noqa: ANN202
        with open(path, encoding="utf-8") as fh:
            in_records = False
            for line in fh:
                in_records = in_records or line.startswith('  "records"')
                if not in_records or '"entity_type": "exchange"' in line:
                    continue
                if line.startswith("    {"):
                    yield line.rstrip(",\n")
                elif line.startswith('  "'):
                    yield line.split(":")[0]
    return all(a == b for a, b in zip(lines(first), lines(second), strict=False)) and \
        sum(1 for _ in lines(first)) == sum(1 for _ in lines(second))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(ROOT / "bench/out/demo500.sqlite3"))
    parser.add_argument("--work", help="folder for the copies (default: a temporary folder)")
    parser.add_argument("--no-compare", action="store_true", help="skip loading both documents to compare them")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-exchange-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "source.sqlite3"
    shutil.copyfile(args.source, source)
    size_mb = source.stat().st_size / 1e6
    target = work / "target.sqlite3"
    for p in work.glob("target.sqlite3*"):
        p.unlink()
    first, second = work / "export1.json", work / "export2.json"
    t0 = time.perf_counter()
    exp = run("export", source, first)
    imp = run("import", target, first)
    exp2 = run("export", target, second)
    merge = run("import", target, first)
    print(f"database {size_mb:,.0f} MB; document {exp['bytes'] / 1e6:,.0f} MB, {exp['records']:,} records "
          f"({exp['figures']:,} KPI figures)")
    for name, r in (("export", exp), ("import into a new database", imp), ("export again", exp2),
                    ("merge the same document again", merge)):
        rate = exp["records"] / r["seconds"]
        print(f"  {name:<30} {r['seconds']:7.1f} s  peak {r['peak_mb']:6.0f} MB  {rate:>10,.0f} records/s  "
              f"peak/document {r['peak_mb'] / (exp['bytes'] / 1e6):.2f}")
    print(f"  import: {imp['added']:,} added; merge: {merge['unchanged']:,} unchanged, {merge['updated']:,} updated")
    if not args.no_compare:
        same = same_records(first, second)
        print(f"  export -> import -> export gives the same records: {same}")
    print(f"total {time.perf_counter() - t0:.0f} s; files in {work}")


if __name__ == "__main__":
    main()
