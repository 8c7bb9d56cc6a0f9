"""Printed reports benchmark: feedback summaries (one or two pages each, with the trend chart) for 50 agents in one
PDF, the month's recognition certificates and a team summary, on the big demo database.

Target: the 50 summaries in under 6 s on this machine's 2 cores; the time per page is printed too. The demo's
teams have at most ~17 agents, so the 50 agents are the members of the largest teams, printed as one batch through
the same function a team batch uses (``services.reports.summaries_pdf``). The database is copied first with
SQLite's backup API (unless --db-is-copy), so the cached demo database is never written to.

    python bench/bench_reports.py                       # bench/out/demo500.sqlite3, last full month
    python bench/bench_reports.py --db copy.sqlite3 --db-is-copy --agents 50 --runs 3
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent / "out"
DEFAULT_DB = OUT_DIR / "demo500.sqlite3"
TARGET_S = 6.0


def copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--db-is-copy", action="store_true", help="open --db itself (it may be written to)")
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain-text", action="store_true",
                        help="charts drawn with matplotlib's own Agg renderer, not the glyph cache (for comparison)")
    args = parser.parse_args()
    if args.plain_text:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from coachdesk.reports.pdf import charts

        charts.CachingCanvasAgg = FigureCanvasAgg
        print("charts drawn by matplotlib's own FigureCanvasAgg (--plain-text)")
    if not args.db.is_file():
        print(f"no database at {args.db}: run bench/bench_demo.py (or coachdesk demo --agents 500) first")
        return 2
    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-reports-") as tmp:
        path = args.db if args.db_is_copy else Path(tmp) / "bench.sqlite3"
        if not args.db_is_copy:
            print(f"copying {args.db} …", flush=True)
            copy_database(args.db, path)
        return run(path, Path(tmp), args)


def run(path: Path, tmp: Path, args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from coachdesk.paths import app_paths
    from coachdesk.services import reports
    from coachdesk.services.common import open_store, resolve_location
    from coachdesk.storage.models import Person, Recognition, Team, TeamMembership

    os.environ["COACHDESK_DATA_DIR"] = str(tmp / "data")
    db = open_store(resolve_location(app_paths(str(tmp / "data")).ensure(), db=str(path), db_url=None)).db
    first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    with db.session() as session:
        sizes = session.execute(
            select(Team.id, Team.name, func.count()).join(TeamMembership, TeamMembership.team_id == Team.id)
            .where(TeamMembership.role == "member", TeamMembership.end_date.is_(None))
            .group_by(Team.id).order_by(func.count().desc())).all()
        agents: list[str] = []
        for team_id, _name, _n in sizes:
            agents += session.scalars(select(Person.uuid).join(TeamMembership, TeamMembership.person_id == Person.id)
                                      .where(TeamMembership.team_id == team_id, TeamMembership.role == "member",
                                             TeamMembership.end_date.is_(None)).order_by(Person.id))
            if len(agents) >= args.agents:
                break
        agents = agents[:args.agents]
        month_has = session.scalar(select(func.count()).select_from(Recognition).where(
            Recognition.recognised_on >= first, Recognition.recognised_on <= last))
    print(f"{len(agents)} agents, {first} – {last}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    reports.summaries_pdf(db, agents[:2], first, last)  # warm up: fonts, matplotlib, first queries
    times, cpu_main, cpu_workers = [], [], []
    for _ in range(args.runs):
        started, main0, kids0 = time.perf_counter(), time.process_time(), _children_cpu()
        pdf = reports.summaries_pdf(db, agents, first, last)
        times.append(time.perf_counter() - started)
        cpu_main.append(time.process_time() - main0)
        cpu_workers.append(_children_cpu() - kids0)
    n = pages(pdf)
    best, median = min(times), statistics.median(times)
    print(f"feedback summaries: {len(agents)} agents, {n} pages ({n / len(agents):.1f} per agent), "
          f"{len(pdf) / 1e6:.1f} MB")
    print(f"  median {median:.2f} s, best {best:.2f} s over {args.runs} runs; {1000 * median / n:.0f} ms per page, "
          f"{1000 * median / len(agents):.0f} ms per agent; target {TARGET_S:.0f} s, ratio {median / TARGET_S:.2f}")
    started = time.perf_counter()
    text = reports.summaries_pdf(db, agents, first, last, chart=False)
    plain = time.perf_counter() - started
    main_cpu, kids_cpu = statistics.median(cpu_main), statistics.median(cpu_workers)
    idle = max(main_cpu, (main_cpu + kids_cpu) / 2)
    print(f"  CPU: {main_cpu:.2f} s in this process + {kids_cpu:.2f} s in chart workers; on 2 idle cores that is "
          f"about {idle:.2f} s of wall time (ratio {idle / TARGET_S:.2f}) -- the wall time above is inflated by "
          f"the machine's load")
    print(f"  the same without charts: {plain:.2f} s ({pages(text)} pages): charts take {median - plain:.2f} s")
    if month_has:
        started = time.perf_counter()
        pdf = reports.recognition_pdf(db, month=first.strftime("%Y-%m"))
        elapsed = time.perf_counter() - started
        print(f"recognition certificates of {first:%Y-%m}: {pages(pdf)} pages in {elapsed:.2f} s")
    started = time.perf_counter()
    pdf = reports.team_pdf(db, sizes[0][1], first, last)
    print(f"team summary of {sizes[0][1]}: {pages(pdf)} pages in {time.perf_counter() - started:.2f} s")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
