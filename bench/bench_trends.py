"""Trend view and team dashboard benchmark on the big demo database (500 agents x 1095 days), offscreen, in the app.

Figures (median, p95, max) and their ratio to the target:
  * trend view, agent to agent: ``TrendView.show_agent`` for the next agent in the list -> the data loaded on a
    worker thread and the canvas drawn (four KPI panels and the behaviour panel, 365 days, weekly) -- target
    < 150 ms; the coaching-effect table loads beside it on another worker, as in the app;
  * the raw query (``trends.agent_trend_data`` alone) and the drawing alone, so the ratio shows where time goes;
  * team dashboard for a team of about 25 agents: ``reload`` -> tables filled -- target < 300 ms; and the raw
    ``trends_api.load_team_view`` query beside it.

The database is copied first with SQLite's backup API, so the cached demo database is never written to
(``--no-copy`` uses the file given as it is: only for a copy of your own).

    python bench/bench_trends.py                       # bench/out/demo500.sqlite3 (built once when missing)
    python bench/bench_trends.py --db /tmp/me/copy.sqlite3 --no-copy --agents 40
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# measure the app as installed, with .pyc files: under PYTHONDONTWRITEBYTECODE every run would compile each module
# again on its first import, inside the timed page opens
sys.dont_write_bytecode = False
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_observe import DEFAULT_DB, copy_database, ensure_demo, line  # noqa: E402

SWITCH_TARGET_MS = 150.0
TEAM_TARGET_MS = 300.0


def wait_for(app, done, timeout: float = 30.0) -> None:  # noqa: ANN001
    deadline = time.perf_counter() + timeout
    while not done():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the view did not finish in time")
        time.sleep(0.0005)


def run(db_file: Path, data_dir: Path, agent_count: int, team_runs: int) -> int:
    from sqlalchemy import func, select

    from coachdesk.app import create_application
    from coachdesk.domain.enums import Role
    from coachdesk.paths import app_paths
    from coachdesk.services import people as people_api
    from coachdesk.services import trends
    from coachdesk.services import trends as trends_api
    from coachdesk.services.common import AppContext, open_store, sqlite_location
    from coachdesk.storage.models import KpiFigure
    from coachdesk.ui import tasks
    from coachdesk.ui.main_window import MainWindow

    paths = app_paths(data_dir).ensure()
    location = sqlite_location(db_file)
    opened = open_store(location)
    ctx = AppContext(opened.db, paths, location)
    app = create_application()
    # as ``coachdesk`` starts: the start page after the window, then the chart layer, then the start-up objects
    # moved out of the collector's sight (``main_window.freeze_start_objects``); without that, its full passes walk
    # some 230,000 more objects (~130 ms each, a few in 30 switches) and the figures are not the app's
    window = MainWindow(ctx, remember=False, defer_first_page=True)
    window.resize(1400, 1000)
    window.show()
    wait_for(app, lambda: gc.get_freeze_count() > 0)
    tasks.wait_for_all()  # the start page's own reads are done before the first switch
    app.processEvents()
    with ctx.db.session() as session:
        today = session.scalar(select(func.max(KpiFigure.period_end))) or date.today()
    agents = people_api.list_people(ctx.db, role=Role.AGENT)[: agent_count + 1]
    print(f"database: demo copy, figures up to {today}; {len(agents) - 1} agent switches, 365 days, weekly")

    page = window.show_page("agent")
    app.processEvents()
    view = page.trend_view
    view.period_bounds = lambda today_=None: (today - timedelta(days=364), today)  # the demo's last year
    drawn: list[str] = []
    view.drawn.connect(drawn.append)
    page.open_agent(agents[0].uuid)  # builds the figure once
    wait_for(app, lambda: drawn)
    view.show()
    switch, query_in_app, draw, draw_cpu = [], [], [], []
    panels = set()

    def switch_to(uuid: str, into: list[float]) -> None:
        drawn.clear()
        start = time.perf_counter()
        view.show_agent(uuid)
        wait_for(app, lambda: drawn)
        into.append((time.perf_counter() - start) * 1000)
        query_in_app.append(view.last_timing["query_ms"])
        draw.append(view.last_timing["draw_ms"])
        draw_cpu.append(view.last_timing["draw_cpu_ms"])
        panels.add((len(view.data.kpis), view.data.behaviours is not None))
        tasks.wait_for_all()  # the effect table finishes before the next agent
        app.processEvents()

    for agent in agents[1:]:
        switch_to(agent.uuid, switch)
    teams = [t for t in people_api.list_teams(ctx.db) if t.members]
    team = min(teams, key=lambda t: abs(t.members - 25))
    members = [a for a in people_api.list_people(ctx.db, role=Role.AGENT) if a.team == team.name]
    in_team: list[float] = []
    for agent in members:  # a leader going through their own team: the team averages come from the cache
        switch_to(agent.uuid, in_team)
    trends.clear_team_cache()  # the raw query below starts as cold as the switches did
    raw, raw_cpu = [], []
    for agent in agents[1:]:
        start, cpu = time.perf_counter(), time.thread_time()
        trends.agent_trend_data(ctx.db, agent.uuid, today - timedelta(days=364), today, "week")
        raw.append((time.perf_counter() - start) * 1000)
        raw_cpu.append((time.thread_time() - cpu) * 1000)

    team_page = window.show_page("team")
    app.processEvents()
    board = team_page.dashboard
    board.bounds = lambda today_=None: (today - timedelta(days=89), today)
    shown: list[str] = []
    board.shown.connect(shown.append)
    board.show_team(team.uuid)
    wait_for(app, lambda: shown)
    team_ms, team_raw, team_cpu = [], [], []
    for _ in range(team_runs):
        shown.clear()
        start = time.perf_counter()
        board.reload()
        wait_for(app, lambda: shown)
        team_ms.append((time.perf_counter() - start) * 1000)
        tasks.wait_for_all()  # the coaching-effect roll-up too
        app.processEvents()
        start, cpu = time.perf_counter(), time.thread_time()
        trends_api.load_team_view(ctx.db, team.uuid, today - timedelta(days=89), today)
        team_raw.append((time.perf_counter() - start) * 1000)
        team_cpu.append((time.thread_time() - cpu) * 1000)

    print(f"\nTrend view benchmark, offscreen, panels (KPIs, behaviour panel) seen: {sorted(panels)}")
    print(line("trend view: agent -> next agent, canvas drawn", switch, SWITCH_TARGET_MS))
    print(line(f"... agents of one team ({len(in_team)}, cached averages)", in_team, SWITCH_TARGET_MS))
    print(line("... of which the worker's query (in the app)", query_in_app))
    print(line("... of which drawing the canvas", draw))
    print(line("raw query (trends.agent_trend_data alone)", raw))
    print(line("CPU time of the drawing (GUI thread)", draw_cpu))
    print(line("CPU time of the raw query", raw_cpu))
    median_switch = statistics.median(switch)
    print(f"  {'':<44} raw query = {100 * statistics.median(raw) / median_switch:.0f}% of the switch median, "
          f"drawing = {100 * statistics.median(draw) / median_switch:.0f}%")
    print(f"\nTeam dashboard, team {team.name!r} ({team.members} members), last 90 days")
    print(line("team view: reload -> tables filled", team_ms, TEAM_TARGET_MS))
    print(line("raw query (trends_api.load_team_view alone)", team_raw))
    print(line("CPU time of the raw query", team_cpu))
    print(f"  {'':<44} raw query = {100 * statistics.median(team_raw) / statistics.median(team_ms):.0f}% of the "
          "team view median")
    print(f"  machine load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    window.close()
    ok = median_switch < SWITCH_TARGET_MS and statistics.median(team_ms) < TEAM_TARGET_MS
    ctx.db.dispose()
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--no-copy", action="store_true", help="use --db as it is (a copy of your own)")
    parser.add_argument("--agents", type=int, default=30, help="agent switches timed (default 30)")
    parser.add_argument("--team-runs", type=int, default=10, help="team dashboard reloads timed (default 10)")
    parser.add_argument("--plain-text", action="store_true",
                        help="draw text with matplotlib's own Agg renderer, not the glyph cache (for comparison)")
    options = parser.parse_args(argv)
    if options.plain_text:
        from matplotlib.backends.backend_agg import RendererAgg

        from coachdesk.reports.charts import glyph_cache

        glyph_cache.caching_renderer = RendererAgg  # what the trend canvas's renderer comes from
        print("text drawn by matplotlib's own RendererAgg (--plain-text)")
    ensure_demo(options.db)
    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-trends-") as folder:
        if options.no_copy:
            return run(options.db, Path(folder) / "data", options.agents, options.team_runs)
        db_file = Path(folder) / "coachdesk.sqlite3"
        start = time.perf_counter()
        copy_database(options.db, db_file)
        print(f"copied {options.db} ({options.db.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f} s")
        return run(db_file, Path(folder) / "data", options.agents, options.team_runs)


if __name__ == "__main__":
    raise SystemExit(main())
