"""Benchmark KPI import against its floor, for a long-format CSV and an interaction log (aggregated per agent/day).

The floor is the least work that stores the same figures: the file parsed with the fastest reader available (the
C ``csv`` module), values converted by code written for that one file, and the same rows inserted into the same
database with raw ``sqlite3`` ``executemany`` in one transaction, with the page cache the import writes with. The
import is ``kpi_import.import_file`` with ``auto``: sniffing, mapping, date-order inference, people matching,
duplicate checks, chunked inserts, the batch row and the audit entry. Each run is a subprocess on a fresh copy of one prepared database, so peak RSS
(``VmHWM``, else ``resource.getrusage``) is that run's own; its CPU time is printed too.
Targets: import >= 0.5 x floor throughput, peak RSS < 500 MB.

    python bench/bench_import.py [--rows 1000000] [--case long|calls|both] [--repeat N] [--workdir DIR]
                                 [--compare OTHER_CHECKOUT]

``--compare`` times a second import with the code of another checkout (for instance ``git worktree add
/tmp/before main``) in the same run, taking turns with the floor and this checkout's import.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGENTS_LONG, KPIS_LONG = 1000, ("AHT", "TALK", "HOLD", "ACW", "ASA", "ANSWERED", "CSAT", "FCR", "ADHERENCE", "QA")
AGENTS_CALLS, CALLS_PER_DAY = 200, 50
START = date(2024, 1, 13)  # day 13 first: a short run still settles the date order
INSERT = ("INSERT INTO kpi_figure (person_id, kpi_id, period_start, period_end, value, batch_id) "
          "VALUES (?, ?, ?, ?, ?, ?)")


def agent_name(i: int) -> str:
    return f"Agent {i:04d}"


# -- files --------------------------------------------------------------------------------------------------------

def write_long(path: Path, rows: int) -> None:
    rng = random.Random(6)
    percent = {"CSAT", "FCR", "ADHERENCE", "QA"}
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Agent", "Date", "KPI", "Value"])
        written = 0
        day = 0
        while written < rows:
            iso = (START + timedelta(days=day)).isoformat()
            for a in range(AGENTS_LONG):
                for kpi in KPIS_LONG:
                    if kpi in percent:
                        value = f"{rng.uniform(50, 100):.1f}%"
                    elif kpi == "ANSWERED":
                        value = str(rng.randint(10, 80))
                    else:
                        value = f"{rng.uniform(5, 600):.1f}"
                    out.writerow([agent_name(a), iso, kpi, value])
                    written += 1
                    if written >= rows:
                        return
            day += 1


def write_calls(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Call id", "Agent", "Date", "Time", "Answered (Y/N)", "Resolved", "Speed of answer in seconds",
                      "Talk Duration", "Hold", "ACW", "Satisfaction rating"])
        n = 0
        day = 0
        while n < rows:
            d = START + timedelta(days=day)
            stamp = f"{d.month}/{d.day}/{d.year}"
            for a in range(AGENTS_CALLS):
                for c in range(CALLS_PER_DAY):
                    n += 1
                    answered = rng.random() < 0.9
                    clock = f"{8 + c // 6}:{(c * 7) % 60:02d}:{(c * 13) % 60:02d}"
                    if answered:
                        out.writerow([f"ID{n:07d}", agent_name(a), stamp, clock, "Y", "Y" if rng.random() < 0.7 else "N",
                                      rng.randint(5, 120), rng.randint(30, 900), rng.randint(0, 60), rng.randint(0, 90),
                                      rng.choice(("1", "2", "3", "4", "5", ""))])
                    else:
                        out.writerow([f"ID{n:07d}", agent_name(a), stamp, clock, "N", "N", "", "0", "", "", ""])
                    if n >= rows:
                        return
            day += 1


# -- the prepared database ----------------------------------------------------------------------------------------

def prepare_database(folder: Path, agents: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from coachdesk.domain.enums import Role
    from coachdesk.domain.text import name_key
    from coachdesk.paths import app_paths
    from coachdesk.services.common import open_store, resolve_location
    from coachdesk.storage.models import Person, PersonRole

    shutil.rmtree(folder, ignore_errors=True)
    paths = app_paths(folder / "data").ensure()
    store = open_store(resolve_location(paths))
    with store.db.unit_of_work() as session:
        for i in range(agents):
            person = Person(display_name=agent_name(i), name_key=name_key(agent_name(i)))
            session.add(person)
            session.flush()
            session.add(PersonRole(person_id=person.id, role=Role.AGENT))
    path = store.db.sqlite_path
    store.db.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


# -- the runs (each in its own process) -------------------------------------------------------------------------------

def _connect(db: Path) -> sqlite3.Connection:
    """The app's pragmas, and the page cache its import writes with (``storage.bulk.BULK_CACHE_KIB``): the floor's
    inserts cost what the import's do, so the ratio measures the import's own work, not a pragma."""
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in ("busy_timeout = 10000", "foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL",
                   "cache_size = -65536"):
        con.execute(f"PRAGMA {pragma}")
    return con


def floor_long(csv_path: Path, db: Path) -> int:
    con = _connect(db)
    people = {name: pid for pid, name in con.execute("SELECT id, display_name FROM person")}
    kpis = {code: kid for kid, code in con.execute("SELECT id, code FROM kpi_definition")}
    con.execute("BEGIN")
    rows = 0
    batch = []
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for agent, day, kpi, value in reader:
            rows += 1
            number = float(value[:-1]) / 100 if value.endswith("%") else float(value)
            batch.append((people[agent], kpis[kpi], day, day, number, None))
            if len(batch) >= 5000:
                con.executemany(INSERT, batch)
                batch = []
    con.executemany(INSERT, batch)
    con.execute("COMMIT")
    return rows


def floor_calls(csv_path: Path, db: Path) -> int:
    con = _connect(db)
    people = {name: pid for pid, name in con.execute("SELECT id, display_name FROM person")}
    kpis = {code: kid for kid, code in con.execute("SELECT id, code FROM kpi_definition")}
    groups: dict[tuple[str, str], list] = {}
    rows = 0
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for _cid, agent, day, _time, answered, resolved, speed, talk, hold, acw, rating in reader:
            rows += 1
            g = groups.get((agent, day))
            if g is None:
                g = groups[(agent, day)] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
            if rating:
                r = int(rating)
                g[7] += 1
                g[8] += r >= 4
                g[9] += r <= 2
            if answered != "Y":
                continue
            t, h, w = int(talk), int(hold or 0), int(acw or 0)
            g[0] += 1
            g[1] += t + h + w
            g[2] += t
            g[3] += h
            g[4] += w
            g[5] += int(speed)
            g[6] += resolved == "Y"
    figures = []
    for (agent, day), g in groups.items():
        m, d, y = day.split("/")
        iso = f"{y}-{int(m):02d}-{int(d):02d}"
        pid, n = people[agent], g[0]
        values = [("ANSWERED", n)]
        if n:
            values += [("AHT", g[1] / n), ("TALK", g[2] / n), ("HOLD", g[3] / n), ("ACW", g[4] / n),
                       ("ASA", g[5] / n), ("FCR", g[6] / n)]
        if g[7]:
            values += [("CSAT", g[8] / g[7]), ("DSAT", g[9] / g[7])]
        figures += [(pid, kpis[code], iso, iso, float(v), None) for code, v in values]
    con.execute("BEGIN")
    for start in range(0, len(figures), 5000):
        con.executemany(INSERT, figures[start:start + 5000])
    con.execute("COMMIT")
    return rows


def load_import(root: Path):  # noqa: ANN201
    """Load the app's modules (from the checkout at ``root``) before the clock starts (the floor needs none)."""
    sys.path.insert(0, str(root))
    from sqlalchemy.orm import configure_mappers

    from coachdesk.services.kpis import ImportOptions, import_file
    from coachdesk.storage.database import Database, sqlite_url

    configure_mappers()  # SQLAlchemy's one-off set-up of a new process, not import work
    return ImportOptions, import_file, Database, sqlite_url


def run_import(csv_path: Path, db: Path, modules) -> int:  # noqa: ANN001
    ImportOptions, import_file, Database, sqlite_url = modules  # noqa: N806
    database = Database(sqlite_url(db))
    result = import_file(database, csv_path, ImportOptions(auto=True))
    database.dispose()
    if result.figures_stored == 0:
        raise SystemExit(f"the import stored nothing: {result.skipped} {result.warnings}")
    return result.rows_read


def peak_rss_mb(usage: resource.struct_rusage) -> float:
    """This process's peak RSS since it started. Linux's ``ru_maxrss`` keeps the high-water mark of the parent it was
    forked from (this script, with the app loaded to prepare the database); ``VmHWM`` starts afresh at exec."""
    try:
        for text in Path("/proc/self/status").read_text().splitlines():
            if text.startswith("VmHWM:"):
                return int(text.split()[1]) / 1024
    except OSError:
        pass
    return usage.ru_maxrss / 1024  # other systems: an upper bound


def child(kind: str, case: str, csv_path: Path, db: Path, root: Path) -> None:
    modules = load_import(root) if kind != "floor" else None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    if kind == "floor":
        rows = floor_long(csv_path, db) if case == "long" else floor_calls(csv_path, db)
    else:
        rows = run_import(csv_path, db, modules)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    con = sqlite3.connect(db)
    figures = con.execute("SELECT count(*) FROM kpi_figure").fetchone()[0]
    con.close()
    print(json.dumps({"rows": rows, "seconds": elapsed, "cpu": cpu, "figures": figures, "peak_mb": peak_rss_mb(usage)}))


def measure(kind: str, case: str, csv_path: Path, template: Path, work: Path, root: Path) -> dict:
    db = work / f"{case}-{kind}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, db)
    done = subprocess.run([sys.executable, __file__, "--child", kind, case, str(csv_path), str(db), str(root)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} {case} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_of(repeat: int, kinds: dict[str, Path], case: str, csv_path: Path, template: Path,
            work: Path) -> dict[str, dict]:
    """Per kind, the fastest of ``repeat`` runs (a shared machine's noise only ever slows a run down), with the
    peak RSS of the largest. The kinds take turns, so a burst of load elsewhere falls on all of them alike."""
    runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for _ in range(repeat):
        for kind, root in kinds.items():
            runs[kind].append(measure(kind, case, csv_path, template, work, root))
    out = {}
    for kind, done in runs.items():
        best = dict(min(done, key=lambda run: run["seconds"]))
        best["peak_mb"] = max(run["peak_mb"] for run in done)
        out[kind] = best
    return out


def line(label: str, run: dict) -> str:
    rate = run["rows"] / run["seconds"]
    return (f"  {label:<7}: {run['rows']:>9,} rows in {run['seconds']:6.2f} s = {rate:>9,.0f} rows/s, "
            f"{run['figures']:,} figures, peak RSS {run['peak_mb']:.0f} MB, CPU {run['cpu']:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--case", choices=("long", "calls", "both"), default="both")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, the fastest counts (default 1)")
    parser.add_argument("--compare", type=Path, default=None,
                        help="also time the import of another checkout's code (such as main's) in the same run")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, case, csv_path, db, root = args.child
        child(kind, case, Path(csv_path), Path(db), Path(root))
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="coachdesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cases = ("long", "calls") if args.case == "both" else (args.case,)
    kinds = {"floor": ROOT, "import": ROOT}
    if args.compare is not None:
        if not (args.compare / "coachdesk" / "services").is_dir():
            raise SystemExit(f"{args.compare}: not a CoachDesk checkout (no coachdesk/services in it)")
        kinds["compare"] = args.compare.resolve()
    print(f"KPI import benchmark: {args.rows:,} rows per file, work folder {work}"
          + (f"; compared with the code in {kinds['compare']}" if "compare" in kinds else ""))
    failed = False
    for case in cases:
        csv_path = work / f"{case}.csv"
        started = time.perf_counter()
        (write_long if case == "long" else write_calls)(csv_path, args.rows)
        template = prepare_database(work / f"template-{case}", AGENTS_LONG if case == "long" else AGENTS_CALLS)
        print(f"\n{case}: {csv_path.stat().st_size / 1e6:.1f} MB written in {time.perf_counter() - started:.1f} s")
        runs = best_of(args.repeat, kinds, case, csv_path, template, work)
        floor, imp = runs["floor"], runs["import"]
        floor_rate = floor["rows"] / floor["seconds"]
        for kind, run in runs.items():
            print(line(kind, run))
        ratio = imp["rows"] / imp["seconds"] / floor_rate
        verdict = "ok" if ratio >= 0.5 and imp["peak_mb"] < 500 else "MISSED"
        print(f"  ratio import/floor = {ratio:.2f} (target >= 0.50); peak RSS target < 500 MB: {verdict}")
        if "compare" in runs:
            other = runs["compare"]
            print(f"  ratio compare/floor = {other['rows'] / other['seconds'] / floor_rate:.2f}; "
                  f"import/compare = {other['seconds'] / imp['seconds']:.2f} x")
        print("  CPU-time ratios floor/import = " + f"{floor['cpu'] / imp['cpu']:.2f}"
              + (f", floor/compare = {floor['cpu'] / runs['compare']['cpu']:.2f}" if "compare" in runs else "")
              + " (for reference: wall-clock time on a shared machine also carries the others' load)")
        for kind, run in runs.items():
            if run["figures"] != floor["figures"]:
                print(f"  NOTE: the floor stored {floor['figures']:,} figures, {kind} {run['figures']:,}")
        failed |= verdict != "ok"
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
