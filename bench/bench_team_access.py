"""Cost of the team server's access rules: the same reads as a team leader on their own login (row-level security,
revision 0003) and as the schema owner (not restricted), on the demo copied to a PostgreSQL server, in one run.

Figures (median, p95, max of each, measured alternately so both meet the same machine load) and the ratio
leader / owner -- goal <= 1.3x:
  * agent switch: ``trends.agent_trend_data`` for each agent of the leader's team (365 days, weekly);
  * team dashboard: ``trends.load_team_view`` for the leader's team (last 90 days);
  * Today: ``one_to_one_lists.today`` as the leader (signed in by their login: their teams), and as the owner the
    same look-ups (who is signed in, which teams) and the same three lists for the same teams.

The demo (500 agents; ``--days``, 1095 like the other benchmarks by default) is built once into an SQLite file
(``bench/out/demo500.sqlite3`` when it has 1095 days), then ``db copy`` puts it into a new database on the server,
which is dropped at the end. The server is an admin URL (superuser, or CREATEDB + CREATEROLE):

    python bench/bench_team_access.py --server postgresql+psycopg://admin:pw@127.0.0.1:54329/postgres
    COACHDESK_TEST_PG_URL=… python bench/bench_team_access.py --days 180 --runs 10
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_observe import DEFAULT_DB, line  # noqa: E402

GOAL = 1.3


def build_demo(days: int, folder: Path) -> Path:
    if days == 1095 and DEFAULT_DB.is_file():
        return DEFAULT_DB
    target = DEFAULT_DB if days == 1095 else folder / f"demo500-{days}.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"building the demo: 500 agents x {days} days into {target} …", flush=True)
    subprocess.run([sys.executable, "-m", "coachdesk", "--db", str(target), "demo", "--agents", "500", "--days",
                    str(days)], check=True, stdout=subprocess.DEVNULL)
    return target


def admin(server: str):  # noqa: ANN201
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    return psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                           dbname=url.database or "postgres", autocommit=True)


def psycopg_connect(url):  # noqa: ANN001, ANN201
    import psycopg

    return psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                           dbname=url.database, autocommit=True)


def run(server: str, demo: Path | None, runs: int, keep: str | None = None) -> int:
    from sqlalchemy import func, select
    from sqlalchemy.engine import make_url

    from coachdesk.domain.enums import MembershipRole
    from coachdesk.services import common, trends
    from coachdesk.services import one_to_ones as one_to_one_lists
    from coachdesk.services.maintenance import copy_database, grant_login
    from coachdesk.storage.database import Database
    from coachdesk.storage.models import KpiFigure, Person, Team, TeamMembership

    name = keep or f"coachdesk_bench_access_{secrets.token_hex(3)}"
    login, password = f"bench_leader_{secrets.token_hex(3)}", secrets.token_urlsafe(12)
    url = make_url(server).set(database=name)
    owner = leader = None
    with admin(server) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        if not exists:
            start = time.perf_counter()
            report = copy_database(Database(f"sqlite+pysqlite:///{demo}"), url.render_as_string(hide_password=False))
            print(f"copied {demo.name} to the server: {report.total:,} rows in {time.perf_counter() - start:.0f} s")
        owner = Database(url)
        with owner.session() as session:
            today = session.scalar(select(func.max(KpiFigure.period_end)))
            sizes = session.execute(
                select(Team.uuid, Team.name, func.count())
                .join(TeamMembership, TeamMembership.team_id == Team.id)
                .where(TeamMembership.role == MembershipRole.MEMBER).group_by(Team.uuid, Team.name)).all()
            team_uuid, team_name, size = min(sizes, key=lambda r: abs(r[2] - 25))
            boss = session.execute(
                select(Person.uuid, Person.display_name).join(TeamMembership, TeamMembership.person_id == Person.id)
                .join(Team, Team.id == TeamMembership.team_id)
                .where(Team.uuid == team_uuid, TeamMembership.role == MembershipRole.LEADER)).first()
            agents = list(session.scalars(  # current members: the ones their leader sees
                select(Person.uuid).join(TeamMembership, TeamMembership.person_id == Person.id)
                .join(Team, Team.id == TeamMembership.team_id)
                .where(Team.uuid == team_uuid, TeamMembership.role == MembershipRole.MEMBER,
                       TeamMembership.end_date.is_(None) | (TeamMembership.end_date >= today))))
        grant_login(owner, login, boss.uuid, password)
        leader = Database(url.set(username=login, password=password))
        teams = one_to_one_lists.led_team_uuids(owner, boss.uuid, today)
        print(f"leader {boss.display_name!r} of {team_name!r} ({size} agents; leads {len(teams)} team(s)), "
              f"figures up to {today}; {runs} rounds, owner and leader alternating")

        def switch(db: Database) -> None:
            for agent in agents:
                trends.clear_team_cache()  # every switch as cold as the first
                trends.agent_trend_data(db, agent, today - timedelta(days=364), today, "week")

        def dashboard(db: Database) -> None:
            trends.load_team_view(db, team_uuid, today - timedelta(days=89), today)

        def today_leader(db: Database) -> None:
            result = one_to_one_lists.today(db, today)
            assert result.leader == boss.display_name, result.leader

        def today_owner(db: Database) -> None:  # the same look-ups and lists for the same teams, unrestricted
            common.signed_in_person(db)
            one_to_one_lists.led_team_uuids(db, boss.uuid, today)
            one_to_one_lists.due_list(db, today, teams)
            one_to_one_lists.overdue_items(db, today, teams)
            one_to_one_lists.follow_ups_due(db, today, teams)

        cases = {"agent switch (per agent)": (switch, switch, len(agents)),
                 "team dashboard": (dashboard, dashboard, 1),
                 "Today": (today_owner, today_leader, 1)}
        timings: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in cases}
        for as_owner, as_leader, _ in cases.values():  # warm both pools and plan caches
            as_owner(owner)
            as_leader(leader)
        for _ in range(runs):
            for case, (as_owner, as_leader, per) in cases.items():
                for db, fn, into in ((owner, as_owner, timings[case][0]), (leader, as_leader, timings[case][1])):
                    begin = time.perf_counter()
                    fn(db)
                    into.append((time.perf_counter() - begin) * 1000 / per)
        print("\nTeam server access rules: leader (row-level security) against owner (unrestricted)")
        worst = 0.0
        for case, (own, lead) in timings.items():
            ratio = statistics.median(lead) / statistics.median(own)
            worst = max(worst, ratio)
            print(line(f"{case}, owner", own))
            print(line(f"{case}, leader", lead))
            print(f"  {'':<44} leader / owner = {ratio:.2f}x (goal <= {GOAL}x): "
                  f"{'meets' if ratio <= GOAL else 'MISSES'}")
        print(f"  machine load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        return 0 if worst <= GOAL else 1
    finally:
        for db in (owner, leader):
            if db is not None:
                db.dispose()
        with admin(server) as conn:
            if keep:  # the copy stays for the next run; the leader's login goes (its grant is replaced next time)
                with psycopg_connect(url) as db_conn:
                    db_conn.execute("UPDATE person SET login_name = NULL WHERE login_name = %s", [login])
            else:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=os.environ.get("COACHDESK_TEST_PG_URL"),
                        help="admin URL of a PostgreSQL server (default: $COACHDESK_TEST_PG_URL)")
    parser.add_argument("--days", type=int, default=1095, help="days of demo figures (default 1095)")
    parser.add_argument("--runs", type=int, default=10, help="rounds timed (default 10)")
    parser.add_argument("--keep", metavar="NAME", help="server database to copy the demo into once and keep for the "
                        "next runs (the copy takes minutes); without it a new one is made and dropped")
    options = parser.parse_args(argv)
    if not options.server:
        parser.error("give --server (an admin URL) or set COACHDESK_TEST_PG_URL")
    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-access-") as folder:
        if options.keep:
            with admin(options.server) as conn:
                if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [options.keep]).fetchone():
                    return run(options.server, None, options.runs, options.keep)
        return run(options.server, build_demo(options.days, Path(folder)), options.runs, options.keep)


if __name__ == "__main__":
    raise SystemExit(main())
