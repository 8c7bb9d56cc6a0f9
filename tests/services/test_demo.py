"""The demo-data generator: what it creates, integrity, determinism, refusals, plausible values, coaching effect."""

from __future__ import annotations

import hashlib
import random
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coachdesk.domain import demo_model as dm
from coachdesk.domain import demo_objectives as dobj
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.text import name_key
from coachdesk.services.demo import demo
from coachdesk.services.demo.demo import COLUMNS, DemoSummary, generate_demo
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.migrate import upgrade_database
from coachdesk.storage.models import Base, Person

TODAY = date(2025, 6, 30)
#: wall-clock columns (when the demo was generated), the only content not fixed by seed, size and ``today``
WALL_CLOCK = {("import_batch", c) for c in ("started_at", "finished_at", "created_at", "updated_at")}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """An empty database at the head revision, copied (with SQLite's backup API) for each test that needs one."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    db = Database(sqlite_url(path))
    upgrade_database(db, backup=False)
    db.dispose()
    return path


@pytest.fixture
def new_db(template, tmp_path) -> Callable[[str], Database]:
    made: list[Database] = []

    def make(name: str = "x.sqlite3") -> Database:
        with sqlite3.connect(template) as src, sqlite3.connect(tmp_path / name) as dst:
            src.backup(dst)
        made.append(Database(sqlite_url(tmp_path / name)))
        return made[-1]

    yield make
    for db in made:
        db.dispose()


def digest(db: Database, typed: bool = False) -> str:
    """A hash of everything the generator wrote; ``typed`` reads it back through SQLAlchemy's column types (dates,
    aware datetimes), so rows written by either path compare, otherwise the stored values are hashed as they are."""
    h = hashlib.sha256()
    with db.engine.connect() as conn:
        for name in [*COLUMNS, "kpi_figure"]:
            table = Base.metadata.tables[name]
            cols = [c for c in table.c if (name, c.name) not in WALL_CLOCK]
            query = select(*cols).order_by(table.c.id)
            result = conn.execute(query) if typed else conn.exec_driver_sql(
                str(query.compile(conn, compile_kwargs={"literal_binds": True})))
            for row in result:
                h.update(repr(tuple(round(v, 9) if isinstance(v, float) else v for v in row)).encode())
    return h.hexdigest()


def fingerprint(db: Database) -> list:
    """Row count and id total of every table: enough to see that nothing was added or removed."""
    with db.engine.connect() as conn:
        return [conn.exec_driver_sql(f"SELECT count(*), total(rowid) FROM {name}").one()
                for name in sorted(Base.metadata.tables)]


def count(db: Database, name: str) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Base.metadata.tables[name]))


def rows(db: Database, sql: str, *params: object) -> list:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(sql, params).all()


@pytest.fixture(scope="module")
def small(template, tmp_path_factory) -> tuple[Database, DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "small.sqlite3"
    with sqlite3.connect(template) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    db = Database(sqlite_url(path))
    summary = generate_demo(db, agents=30, days=240, seed=7, today=TODAY)
    yield db, summary
    db.dispose()


INDEXES = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"


def test_creates_every_kind_of_record_with_intact_references(small, template) -> None:
    db, summary = small
    for name in [*COLUMNS, "kpi_figure"]:
        assert count(db, name) > 0, name
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert summary.agents == 30 and summary.people == count(db, "person") > 30
    assert (summary.teams, summary.kpi_figures, summary.observations) == (
        count(db, "team"), count(db, "kpi_figure"), count(db, "observation_session"))
    assert (summary.feedback, summary.one_to_ones, summary.recognitions, summary.goals, summary.objectives) == (
        count(db, "feedback"), count(db, "one_to_one"), count(db, "recognition"), count(db, "goal"),
        count(db, "objective"))
    assert summary.seconds > 0
    with sqlite3.connect(template) as empty:  # the indexes dropped for the load are all back, as they were
        assert rows(db, INDEXES) == empty.execute(INDEXES).fetchall()


def test_people_teams_and_roles_look_like_a_contact_centre(small) -> None:
    db, _ = small
    for display, key in rows(db, "SELECT display_name, name_key FROM person"):
        assert key == name_key(display)
    for alias, key in rows(db, "SELECT alias, alias_key FROM person_alias"):
        assert key == name_key(alias)
    assert rows(db, "SELECT count(*) FROM person_role r WHERE r.role = 'agent' AND NOT EXISTS (SELECT 1 FROM "
                    "person_external_id x WHERE x.person_id = r.person_id AND x.system = 'acd')") == [(0,)]
    roles = dict(rows(db, "SELECT role, count(DISTINCT person_id) FROM person_role GROUP BY role"))
    assert roles["agent"] >= 30 and roles["team_leader"] >= 2 and roles["coach"] >= 2
    assert {"quality_specialist", "instructor", "operations_manager"} <= set(roles)
    leaders = rows(db, "SELECT t.id, count(m.id) FROM team t JOIN team_membership m ON m.team_id = t.id "
                       "AND m.role = 'leader' GROUP BY t.id")
    assert len(leaders) == count(db, "team") and all(n == 1 for _, n in leaders)
    assert {c for (c,) in rows(db, "SELECT one_to_one_cadence_days FROM team")} == {14}
    assert rows(db, "SELECT count(*) FROM person WHERE one_to_one_cadence_days IS NOT NULL")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM person WHERE active_to IS NOT NULL")[0][0] > 0  # leavers
    assert rows(db, "SELECT count(*) FROM team_membership WHERE role = 'member' AND end_date IS NOT NULL")[0][0] > 0
    uuids = [u for (u,) in rows(db, "SELECT uuid FROM behaviour_rating UNION ALL SELECT uuid FROM person")]
    assert len(set(uuids)) == len(uuids)
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", u) for u in uuids)


def test_records_are_spread_over_their_vocabularies(small) -> None:
    db, _ = small
    statuses = {s for (s,) in rows(db, "SELECT DISTINCT status FROM objective")}
    assert {"draft", "agreed", "achieved", "missed"} <= statuses
    assert {k for (k,) in rows(db, "SELECT DISTINCT measure_kind FROM objective")} == {"kpi", "behaviour"}
    assert rows(db, "SELECT count(*) FROM objective WHERE goal_id IS NULL")[0][0] > 0
    assert {lv for (lv,) in rows(db, "SELECT DISTINCT level FROM goal")} == {"organisation", "team"}
    assert rows(db, "SELECT count(*) FROM observation_session WHERE announced = 0")[0][0] > 0
    assert {k for (k,) in rows(db, "SELECT DISTINCT kind FROM observation_note")} == {
        "strength", "opportunity", "verbatim", "general"}
    assert rows(db, "SELECT count(*) FROM behaviour_rating WHERE value = 0 AND score IS NULL")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM behaviour_rating r JOIN rating_scale_point p ON p.value = r.value "
                    "AND p.label = r.label JOIN rating_scale s ON s.id = p.scale_id AND s.name = r.scale_name "
                    "WHERE p.score IS r.score")[0][0] == count(db, "behaviour_rating")
    firsts = rows(db, "SELECT type FROM one_to_one o WHERE previous_id IS NULL")
    assert firsts and all(t == "expectation_setting" for (t,) in firsts)
    assert rows(db, "SELECT count(*) FROM one_to_one WHERE acknowledged_at IS NOT NULL AND acknowledged_name "
                    "IS NOT NULL")[0][0] > count(db, "one_to_one") / 2
    kinds = {k for (k,) in rows(db, "SELECT DISTINCT kind FROM one_to_one_item")}
    assert {"expectation", "motivator", "reward", "action", "commitment", "note"} <= kinds
    assert rows(db, "SELECT count(*) FROM one_to_one_item WHERE carried_from_id IS NOT NULL")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM one_to_one_item WHERE kind = 'reward' AND reward_scope IS NULL")[0][0] == 0
    assert rows(db, "SELECT count(*) FROM one_to_one_item WHERE visibility = 'coach_only'")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM feedback WHERE target_kpi_id IS NOT NULL")[0][0] > 0
    delays = rows(db, "SELECT julianday(f.delivered_at) - julianday(s.started_at) FROM feedback f "
                      "JOIN observation_session s ON s.id = f.session_id WHERE f.delivered_at IS NOT NULL")
    assert all(0 <= d < 6 for (d,) in delays)
    assert rows(db, "SELECT count(*) FROM recognition WHERE behaviour_id IS NOT NULL OR objective_id IS NOT NULL")[0][0]


#: the team membership of an agent covering day ``{day}`` (a SQL expression), as a condition on ``{team}``
COVERING = ("EXISTS (SELECT 1 FROM team_membership m WHERE m.person_id = {agent} AND m.role = 'member' AND "
            "m.team_id = {team} AND m.start_date <= {day} AND (m.end_date IS NULL OR m.end_date >= {day}))")


def test_sessions_feedback_and_one_to_ones_carry_the_team_at_the_time(small) -> None:
    db, _ = small
    checks = {
        "observation_session s": ("s.agent_id", "s.team_id", "date(s.started_at)"),
        "feedback f JOIN observation_session s ON s.id = f.session_id": (
            "f.agent_id", "f.team_id", "date(coalesce(f.delivered_at, s.started_at))"),
        "one_to_one o": ("o.agent_id", "o.team_id", "date(coalesce(o.held_at, o.scheduled_for))"),
    }
    for source, (agent, team, day) in checks.items():
        total, covered = rows(db, f"SELECT count(*), total({COVERING.format(agent=agent, team=team, day=day)}) "
                                  f"FROM {source}")[0]
        assert total > 0 and covered == total, source


def test_feedback_points_at_the_objective_on_its_kpi_some_of_the_time(small) -> None:
    db, _ = small
    linked, matching = rows(db, """
        SELECT count(*), total(b.kpi_id = f.target_kpi_id AND b.person_id = f.agent_id AND b.status <> 'draft'
                               AND date(coalesce(f.delivered_at, s.started_at)) BETWEEN b.start_date AND b.due_date)
        FROM feedback f JOIN objective b ON b.id = f.target_objective_id
        JOIN observation_session s ON s.id = f.session_id""")[0]
    could = rows(db, """
        SELECT count(*) FROM feedback f JOIN observation_session s ON s.id = f.session_id WHERE EXISTS (
            SELECT 1 FROM objective b WHERE b.person_id = f.agent_id AND b.kpi_id = f.target_kpi_id
            AND b.status <> 'draft' AND date(coalesce(f.delivered_at, s.started_at)) BETWEEN b.start_date
            AND b.due_date)""")[0][0]
    assert 0 < linked == matching < could


def test_one_to_ones_are_planned_then_held_and_every_active_agent_has_the_next_one_drafted(small) -> None:
    db, _ = small
    assert rows(db, "SELECT count(*) FROM one_to_one WHERE scheduled_for IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM one_to_one WHERE held_at IS NOT NULL AND (held_at < scheduled_for OR "
                    "date(held_at) <> date(scheduled_for))") == [(0,)]
    assert rows(db, "SELECT count(*) FROM one_to_one WHERE held_at > scheduled_for")[0][0] > 0  # some start late
    upcoming = dict(rows(db, "SELECT agent_id, count(*) FROM one_to_one WHERE held_at IS NULL GROUP BY agent_id"))
    active = {pid for (pid,) in rows(db, "SELECT DISTINCT r.person_id FROM person_role r JOIN person p ON "
                                         "p.id = r.person_id WHERE r.role = 'agent' AND r.end_date IS NULL AND "
                                         "p.active_to IS NULL")}
    assert active and upcoming == dict.fromkeys(active, 1)
    last_day = (TODAY + timedelta(days=14)).isoformat()
    assert rows(db, "SELECT count(*) FROM one_to_one WHERE held_at IS NULL AND (status <> 'draft' OR "
                    "date(scheduled_for) <= ? OR date(scheduled_for) > ? OR summary IS NOT NULL OR "
                    "acknowledged_at IS NOT NULL OR strftime('%w', scheduled_for) IN ('0', '6'))",
                    TODAY.isoformat(), last_day) == [(0,)]
    assert rows(db, "SELECT count(*) FROM one_to_one WHERE held_at IS NOT NULL AND date(held_at) > ?",
                TODAY.isoformat()) == [(0,)]
    # each draft follows the agent's last held one-to-one and has an agenda
    assert rows(db, "SELECT count(*) FROM one_to_one d WHERE d.held_at IS NULL AND (d.previous_id IS NOT (SELECT "
                    "o.id FROM one_to_one o WHERE o.agent_id = d.agent_id AND o.held_at IS NOT NULL ORDER BY "
                    "o.held_at DESC LIMIT 1) OR NOT EXISTS (SELECT 1 FROM one_to_one_item i WHERE "
                    "i.one_to_one_id = d.id AND i.kind = 'agenda'))") == [(0,)]


def test_carried_items_and_closed_items(small) -> None:
    db, _ = small
    copies = rows(db, "SELECT c.id, o.status, o.kind, c.kind, o.text = c.text, oc.previous_id = o.one_to_one_id, "
                      "c.status FROM one_to_one_item c JOIN one_to_one_item o ON o.id = c.carried_from_id "
                      "JOIN one_to_one oc ON oc.id = c.one_to_one_id")
    assert copies and all(r[1] == "carried" and r[2] == r[3] and r[4] and r[5] for r in copies)
    assert {r[6] for r in copies} >= {"open", "done", "carried"}
    carried = rows(db, "SELECT count(*), sum((SELECT count(*) FROM one_to_one_item c WHERE c.carried_from_id = "
                       "o.id)) FROM one_to_one_item o WHERE o.status = 'carried'")[0]
    assert carried[0] == carried[1] == len(copies)  # every carried item has exactly one copy
    # into a draft, every open action of the last session is carried
    assert rows(db, "SELECT count(*) FROM one_to_one_item i JOIN one_to_one d ON d.previous_id = i.one_to_one_id "
                    "AND d.held_at IS NULL WHERE i.status = 'open'") == [(0,)]
    statuses = dict(rows(db, "SELECT status, count(*) FROM one_to_one_item GROUP BY status"))
    assert {"open", "done", "not_met", "dropped", "carried"} <= set(statuses)
    assert rows(db, "SELECT count(*) FROM one_to_one_item WHERE (closed_at IS NOT NULL) <> "
                    "(coalesce(status, '') IN ('done', 'not_met', 'dropped'))") == [(0,)]
    closed = rows(db, "SELECT i.closed_at >= o.held_at, n.held_at IS NULL OR i.closed_at <= datetime(n.held_at, "
                      "'+1 hour'), strftime('%H', i.closed_at) BETWEEN '08' AND '18' FROM one_to_one_item i "
                      "JOIN one_to_one o ON o.id = i.one_to_one_id LEFT JOIN one_to_one n ON n.previous_id = o.id "
                      "WHERE i.closed_at IS NOT NULL")
    assert closed and all(after and before_next and office_hours for after, before_next, office_hours in closed)


def test_one_to_one_timing_rules() -> None:
    """The pure rules behind the dates and times above, over many draws and every weekday."""
    rng = random.Random(5)
    for _ in range(3000):
        today, weekday0 = rng.randint(0, 900), rng.randint(0, 6)
        planned = today + rng.randint(-40, 40)
        day = dm.next_meeting(rng, planned, today, weekday0)
        assert today < day <= today + 14 and (weekday0 + day) % 7 < 5
        assert day == planned or not today < planned <= today + 14 or (weekday0 + planned) % 7 >= 5
        scheduled, started = dm.meeting_minutes(rng)
        assert 600 <= scheduled <= started <= scheduled + 40 and scheduled % 15 == 0
        since = day - rng.randint(5, 35)
        outcome = rng.choice(("done", "not_met", "dropped"))
        closed = dm.closing_time(rng, outcome, since, day, started, weekday0)
        assert (since, 24 * 60) < closed <= (day, started + 45) and 480 <= closed[1] <= 18 * 60
        assert outcome == "done" or closed[0] == day
        assert dm.one_to_one_status(rng, -rng.randint(1, 14), False) == "upcoming"
        assert dm.one_to_one_status(rng, rng.randint(10, 99), True) in ("held", "acknowledged")
        assert since <= dm.delivery_day(rng, since, weekday0) <= since + 5


def test_kpi_figures_are_daily_current_and_plausible(small) -> None:
    db, _ = small
    start = (TODAY - timedelta(days=239)).isoformat()
    assert rows(db, "SELECT count(*) FROM kpi_figure WHERE period_start <> period_end OR period_start < ? "
                    "OR period_end > ?", start, TODAY.isoformat()) == [(0,)]
    assert rows(db, "SELECT max(period_end) FROM kpi_figure")[0][0] >= (TODAY - timedelta(days=3)).isoformat()
    batch = rows(db, "SELECT id, source, file_name, figures_stored FROM import_batch")
    assert batch == [(batch[0][0], "demo", "demo data (seed 7)", count(db, "kpi_figure"))]
    assert rows(db, "SELECT count(*) FROM kpi_figure WHERE batch_id IS NOT ?", batch[0][0]) == [(0,)]
    stats = {code: (lo, hi) for code, lo, hi in rows(
        db, "SELECT k.code, min(f.value), max(f.value) FROM kpi_figure f JOIN kpi_definition k ON k.id = f.kpi_id "
            "GROUP BY k.code")}
    assert set(stats) == {"ANSWERED", "AHT", "TALK", "HOLD", "ACW", "FCR", "CSAT", "QA", "ADHERENCE"}
    for code in ("FCR", "CSAT", "QA", "ADHERENCE"):
        assert 0 <= stats[code][0] <= stats[code][1] <= 1, code
    assert 120 < stats["AHT"][0] and stats["AHT"][1] < 1800 and stats["ANSWERED"][0] > 0
    sums = rows(db, "SELECT max(abs(a.value - (t.value + h.value + w.value))) FROM kpi_figure a "
                    "JOIN kpi_figure t USING (person_id, period_start) "
                    "JOIN kpi_figure h USING (person_id, period_start) "
                    "JOIN kpi_figure w USING (person_id, period_start) WHERE a.kpi_id = (SELECT id FROM kpi_definition "
                    "WHERE code = 'AHT') AND t.kpi_id = (SELECT id FROM kpi_definition WHERE code = 'TALK') AND "
                    "h.kpi_id = (SELECT id FROM kpi_definition WHERE code = 'HOLD') AND w.kpi_id = "
                    "(SELECT id FROM kpi_definition WHERE code = 'ACW')")
    assert sums[0][0] < 0.11  # AHT = talk + hold + after-call work (each rounded to 0.1 s)
    weekday = dict(rows(db, "SELECT strftime('%w', period_start), avg(value) FROM kpi_figure WHERE kpi_id = "
                            "(SELECT id FROM kpi_definition WHERE code = 'ANSWERED') GROUP BY 1"))
    assert "0" not in weekday and weekday["1"] > weekday["5"] > weekday.get("6", 0)  # busy Mondays, light weekends


def test_coaching_shows_in_the_targeted_kpi(small) -> None:
    """For each delivered feedback that targets a KPI: mean over the 28 days after minus the 28 days before,
    in the KPI's good direction and relative to its level; on average it must be clearly positive."""
    db, _ = small
    lower = {k for (k,) in rows(db, "SELECT id FROM kpi_definition WHERE direction = 'lower'")}
    series: dict = defaultdict(dict)
    for pid, kid, day, value in rows(db, "SELECT person_id, kpi_id, period_start, value FROM kpi_figure"):
        series[(pid, kid)][day] = value
    gains = []
    for agent, kid, delivered in rows(db, "SELECT agent_id, target_kpi_id, date(delivered_at) FROM feedback "
                                          "WHERE target_kpi_id IS NOT NULL AND delivered_at IS NOT NULL"):
        values, day = series[(agent, kid)], date.fromisoformat(delivered)
        before = [values[d] for d in ((day - timedelta(i)).isoformat() for i in range(1, 29)) if d in values]
        after = [values[d] for d in ((day + timedelta(i)).isoformat() for i in range(1, 29)) if d in values]
        if len(before) >= 5 and len(after) >= 5:
            b, a = sum(before) / len(before), sum(after) / len(after)
            gains.append((b - a if kid in lower else a - b) / b)
    assert len(gains) >= 50
    assert sum(gains) / len(gains) > 0.005
    assert sum(g > 0 for g in gains) / len(gains) > 0.6


def test_same_inputs_give_the_same_content(new_db) -> None:
    first, again, other = new_db("first.sqlite3"), new_db("again.sqlite3"), new_db("other.sqlite3")
    for db, seed in ((first, 4), (again, 4), (other, 5)):
        generate_demo(db, agents=10, days=100, seed=seed, today=TODAY)
    assert digest(again) == digest(first)
    assert digest(other) != digest(first)


def test_both_write_paths_store_the_same_content(new_db) -> None:
    fast, core = new_db("fast.sqlite3"), new_db("core.sqlite3")
    generate_demo(fast, agents=8, days=100, seed=2, today=TODAY)
    generate_demo(core, agents=8, days=100, seed=2, today=TODAY, fast=False)  # the path other databases take
    assert digest(fast, typed=True) == digest(core, typed=True)
    assert digest(fast) == digest(core)  # and the same stored text, e.g. '2025-06-30 10:15:00.000000'
    assert rows(core, "PRAGMA foreign_key_check") == []


def test_refuses_a_database_that_holds_people_and_leaves_it_unchanged(small) -> None:
    db, _ = small
    before = fingerprint(db)
    with pytest.raises(ValidationError, match="empty database"):
        generate_demo(db, agents=5, days=30, seed=1, today=TODAY)
    assert fingerprint(db) == before


def test_refuses_bad_sizes_without_writing(new_db) -> None:
    db = new_db()
    for agents, days in ((0, 30), (5, 0), (-1, 10), (demo.MAX_AGENTS + 1, 10)):
        with pytest.raises(ValidationError):
            generate_demo(db, agents=agents, days=days)
    assert count(db, "person") == 0 and count(db, "kpi_definition") == 0


def test_a_failure_part_way_keeps_nothing(new_db) -> None:
    db = new_db()
    threads = threading.active_count()
    indexes = rows(db, INDEXES)
    assert {"ix_kpi_figure_kpi_period", "ix_behaviour_rating_observer_id"} <= {name for name, *_ in indexes}

    def progress(percent: int, message: str) -> None:
        if percent >= 50:
            raise KeyboardInterrupt("cancelled")

    with pytest.raises(KeyboardInterrupt):
        generate_demo(db, agents=20, days=90, seed=1, today=TODAY, progress=progress)
    assert count(db, "person") == count(db, "kpi_figure") == count(db, "import_batch") == 0
    assert rows(db, INDEXES) == indexes  # the indexes dropped for the load are back
    assert threading.active_count() == threads
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    generate_demo(db, agents=3, days=20, seed=1, today=TODAY)  # and the database is still usable
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_tiny_demo_and_progress_reports(new_db) -> None:
    db = new_db()
    seen: list[tuple[int, str]] = []
    summary = generate_demo(db, agents=1, days=1, seed=3, today=TODAY, progress=lambda p, m: seen.append((p, m)))
    assert summary.agents == 1 and summary.people > 1 and summary.teams == 2
    assert seen[0][0] == 0 and seen[-1][0] == 100 and all(isinstance(m, str) and m for _, m in seen)
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)
    assert rows(db, "PRAGMA foreign_key_check") == []
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == summary.people


@pytest.mark.parametrize("today", [date(2025, 5, 21), date(2025, 11, 12)])
def test_open_objectives_spread_over_the_bands(new_db, today) -> None:
    """A leader opening the demo sees a believable centre, not one in crisis: this quarter's agreed KPI objectives
    spread over the four bands (computed by ``list_progress``, as the Today page does), and the past quarters'
    achieved/missed statuses agree with the bands of their figures."""
    from coachdesk.domain.enums import ObjectiveStatus
    from coachdesk.domain.objectives import Band
    from coachdesk.services.goals.objective_progress import list_progress

    db = new_db()
    generate_demo(db, agents=40, days=200, seed=1, today=today)
    quarter = dobj.quarter_start(today)
    rows_ = [r for r in list_progress(db, statuses=[ObjectiveStatus.AGREED], on=today)
             if r.start_date >= quarter and r.measure_code in dobj.OBJECTIVE_KPIS and r.band is not None]
    assert len(rows_) >= 30
    counts = {b: sum(r.band is b for r in rows_) for b in Band}
    shares = {b: n / len(rows_) for b, n in counts.items()}
    assert max(shares.values()) <= 0.6, shares
    assert sum(n > 0 for n in counts.values()) >= 3, shares
    assert shares[Band.ON_TARGET] + shares[Band.EXCEEDED] >= 0.25, shares
    assert shares[Band.FAR_BELOW] <= 0.4, shares
    past = [r for r in list_progress(db, statuses=[ObjectiveStatus.ACHIEVED, ObjectiveStatus.MISSED], on=today)
            if r.measure_code in dobj.OBJECTIVE_KPIS and r.band is not None]
    assert past
    for r in past:
        assert (r.status is ObjectiveStatus.ACHIEVED) == (r.band in (Band.ON_TARGET, Band.EXCEEDED)), r
