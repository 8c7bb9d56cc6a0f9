"""Deterministic demo data: a realistic contact centre written in one transaction with bulk inserts."""

from __future__ import annotations

import json
import queue
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, Date, DateTime, func, insert, select

from coachdesk.domain import demo_model as dm
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.text import name_key
from coachdesk.services.catalogue import ensure_defaults
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Base,
    Behaviour,
    BehaviourFramework,
    BehaviourKpiLink,
    KpiDefinition,
    Person,
    RatingScale,
    RatingScalePoint,
)

MAX_AGENTS, MAX_DAYS = 5000, 3660
FLUSH_ROWS = 50_000
#: columns filled per table, in insertion order (parents first); records also get uuid, created/updated, version
COLUMNS: dict[str, tuple[str, ...]] = {name: tuple(cols.split()) for name, cols in {
    "team": "id name description parent_team_id is_active one_to_one_cadence_days",
    "person": "id display_name given_name family_name name_key email active_from active_to one_to_one_cadence_days",
    "person_external_id": "id person_id system value",
    "person_alias": "id person_id alias alias_key",
    "person_role": "id person_id role start_date end_date",
    "team_membership": "id person_id team_id role start_date end_date",
    "import_batch": "id file_name source report_json started_at rows_read rows_skipped figures_stored status",
    "goal": "id level parent_id team_id title description customer_outcome kpi_id target_value start_date due_date"
        " status owner_id sort_order",
    "objective": "id person_id goal_id statement measure_kind kpi_id behaviour_id baseline commit_level target_level"
        " stretch_level start_date due_date weight status status_changed_at status_changed_by_id created_by_id",
    "objective_change": "id objective_id changed_at changed_by_id field old_value new_value reason",
    "observation_session": "id coach_id agent_id framework_id mode announced started_at ended_at status summary",
    "observed_interaction": "id session_id reference channel started_at ended_at",
    "behaviour_rating": "id session_id interaction_id behaviour_id observer_id value label score scale_name rated_at",
    "observation_note": "id session_id interaction_id kind text noted_at behaviour_id objective_id",
    "feedback": "id session_id agent_id coach_id went_well to_improve agent_commitment follow_up_date delivered_at"
        " target_behaviour_id target_kpi_id follow_up_done_at",
    "one_to_one": "id agent_id leader_id type status held_at agent_comments summary next_date previous_id"
        " acknowledged_at acknowledged_name acknowledgement_comment",
    "one_to_one_participant": "id one_to_one_id person_id role",
    "one_to_one_item": "id one_to_one_id kind text owner_id due_date status visibility reward_scope carried_from_id"
        " sort_order",
    "one_to_one_objective": "id one_to_one_id objective_id action note",
    "recognition": "id agent_id given_by_id given_by_name team_id title what_they_did words behaviour_id objective_id"
        " source_note_id recognised_on",
}.items()}
RECORD_TAIL = ("uuid", "created_at", "updated_at", "version")
#: one person's figures of every KPI in one statement: {"kpi id": {"day": value, ...}, ...}
FIGURE_SQL = ("INSERT INTO kpi_figure (person_id, kpi_id, period_start, period_end, value, batch_id) "
              "SELECT ?1, k.key, d.key, d.key, d.value, ?2 FROM json_each(?3) AS k, json_each(k.value) AS d")
#: the index that is dropped during the load and rebuilt at the end (cheaper than maintaining it row by row)
REBUILT_INDEX = "ix_kpi_figure_kpi_period"
_UUID_KEEP = ((1 << 80) - 1) & ~((0xF << 76) | (0x3 << 62))
_UUID_SET = (0x4 << 76) | (0x2 << 62)


@dataclass(frozen=True)
class DemoSummary:
    teams: int
    people: int
    agents: int
    kpi_figures: int
    observations: int
    feedback: int
    one_to_ones: int
    recognitions: int
    goals: int
    objectives: int
    seconds: float


class _Writer:
    """Buffers rows per table and writes them with executemany: on SQLite straight to the driver with values already
    in the dialect's storage format, elsewhere through SQLAlchemy Core."""

    def __init__(self, conn: Connection, seed: int, fast: bool) -> None:
        self.conn, self.fast = conn, fast
        self.rng = random.Random(f"{seed}:uuid")
        self.prefix = {name: self.rng.getrandbits(46) for name in COLUMNS}
        self.buffers: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
        self.pending = self.figures = 0
        self.records = {name for name in COLUMNS if "uuid" in Base.metadata.tables[name].c}
        self.jobs: queue.Queue | None = None
        if fast:
            self.cursor = conn.connection.driver_connection.cursor()  # same connection, same transaction
            to_dt = DateTime().dialect_impl(conn.dialect).bind_processor(conn.dialect)
            to_date = Date().dialect_impl(conn.dialect).bind_processor(conn.dialect)
            probe_dt, probe_date = datetime(2024, 2, 29, 7, 5, 3, 120), date(2024, 2, 29)
            # isoformat is the same text as SQLAlchemy's SQLite storage format, several times faster
            self.ts = _iso_dt if to_dt(probe_dt) == _iso_dt(probe_dt) else to_dt
            self.day = date.isoformat if to_date(probe_date) == probe_date.isoformat() else to_date
        else:
            self.ts, self.day = _aware, _same

    def uuid(self, table: str) -> str:
        """A version-4-format UUID from the seeded stream; each table's UUIDs ascend (a 48-bit prefix rising by up to
        2**24, then 74 random bits), so its unique index is appended to instead of being written all over."""
        bits = self.rng.getrandbits(104)
        prefix = self.prefix[table] = self.prefix[table] + (bits >> 80) + 1
        h = ((prefix << 80) | (bits & _UUID_KEEP) | _UUID_SET).to_bytes(16, "big").hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def add(self, table: str, values: tuple, at: object = None) -> None:
        """One row, ``values`` in ``COLUMNS`` order and storage form; ``at`` is a record's creation instant."""
        self.buffers[table].append(values if at is None else (*values, self.uuid(table), at, at, 1))
        self.pending += 1

    def flush(self) -> None:
        self.wait()
        for name, rows in self.buffers.items():
            if not rows:
                continue
            cols = COLUMNS[name] + (RECORD_TAIL if name in self.records else ())
            if self.fast:
                self.cursor.executemany(f"INSERT INTO {name} ({', '.join(cols)}) VALUES "
                                        f"({', '.join('?' * len(cols))})", rows)
            else:
                self.conn.execute(insert(Base.metadata.tables[name]), [dict(zip(cols, r, strict=True)) for r in rows])
            rows.clear()
        self.pending = 0

    def figures_of(self, person_id: int, batch_id: int, days: list, series: list[tuple[int, list]]) -> None:
        """One person's daily figures: (KPI id, values aligned with ``days``; None = no figure that day)."""
        by_kpi = {}
        for kpi_id, values in series:
            by_kpi[kpi_id] = {d: v for d, v in zip(days, values, strict=True) if v is not None} if None in values \
                else dict(zip(days, values, strict=True))
            self.figures += len(by_kpi[kpi_id])
        if not self.fast:
            self.conn.execute(insert(Base.metadata.tables["kpi_figure"]), [
                {"person_id": person_id, "kpi_id": kpi_id, "period_start": d, "period_end": d, "value": v,
                 "batch_id": batch_id} for kpi_id, pairs in by_kpi.items() for d, v in pairs.items()])
            return
        if self.jobs is None:  # SQLite runs the statement without the GIL: the next agent is generated meanwhile
            self.jobs, self.error = queue.Queue(maxsize=2), None
            self.thread = threading.Thread(target=self._work, name="demo-figures", daemon=True)
            self.thread.start()
        if self.error is not None:
            raise self.error
        self.jobs.put((person_id, batch_id, json.dumps(by_kpi)))

    def _work(self) -> None:
        while (job := self.jobs.get()) is not None:
            try:
                if self.error is None:
                    self.cursor.execute(FIGURE_SQL, job)
            except BaseException as error:  # noqa: BLE001 - handed to the generating thread
                self.error = error
            finally:
                self.jobs.task_done()
        self.jobs.task_done()

    def wait(self) -> None:
        """Let queued figure statements finish (the connection is then free for this thread)."""
        if self.jobs is not None:
            self.jobs.join()
            if self.error is not None:
                raise self.error

    def close(self) -> None:
        if self.jobs is not None:
            self.jobs.put(None)
            self.thread.join()
            self.jobs = None


def _iso_dt(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


def _same(value: date) -> date:
    return value


@dataclass
class _Catalogue:
    kpis: dict[str, int]
    framework_id: int | None
    #: behaviour id, code, name, scale name, nearest-point table, N/A point
    behaviours: list[tuple[int, str, str, str | None, list, tuple | None]]
    links: dict[str, list[str]]  # behaviour code -> coachable KPI codes it should move


def _load_catalogue(conn: Connection) -> _Catalogue:
    kpis = {code: kid for code, kid in conn.execute(select(KpiDefinition.code, KpiDefinition.id))}
    framework_id = conn.scalar(select(BehaviourFramework.id).where(BehaviourFramework.is_active.is_(True))
                               .order_by(BehaviourFramework.id).limit(1))
    points: dict[int, list] = {}
    for scale_id, *point in conn.execute(select(RatingScalePoint.scale_id, RatingScalePoint.value,
                                                RatingScalePoint.label, RatingScalePoint.score)
                                         .order_by(RatingScalePoint.sort_order, RatingScalePoint.id)):
        points.setdefault(scale_id, []).append(tuple(point))
    names = dict(conn.execute(select(RatingScale.id, RatingScale.name)).all())
    behaviours = []
    for bid, code, name, scale in conn.execute(select(Behaviour.id, Behaviour.code, Behaviour.name, Behaviour.scale_id)
                                               .where(Behaviour.framework_id == framework_id)
                                               .order_by(Behaviour.sort_order, Behaviour.id)):
        scale = scale if scale in points else min(points, default=None)
        if scale is not None:
            behaviours.append((bid, code, name, names.get(scale), *dm.rating_lookup(points[scale])))
    codes, by_id = {kid: code for code, kid in kpis.items()}, {b[0]: b[1] for b in behaviours}
    links: dict[str, list[str]] = {}
    for bid, kid in conn.execute(select(BehaviourKpiLink.behaviour_id, BehaviourKpiLink.kpi_id)
                                 .order_by(BehaviourKpiLink.id)):
        if bid in by_id and codes.get(kid) in dm.COACHABLE:
            links.setdefault(by_id[bid], []).append(codes[kid])
    return _Catalogue(kpis, framework_id, [b for b in behaviours if b[4]], links)


def _check_empty(conn: Connection) -> None:
    if conn.scalar(select(func.count()).select_from(Person)):
        raise ValidationError("Demo data can only be loaded into an empty database, and this one already holds "
                              "people; create a new database file for the demo.")


def generate_demo(db: Database, agents: int = 60, days: int = 365, seed: int = 1,
                  progress: Callable[[int, str], None] | None = None, today: date | None = None,
                  *, fast: bool | None = None) -> DemoSummary:
    """Fill an empty database with a demo contact centre whose history ends on ``today``; all or nothing.

    The same ``agents``, ``days``, ``seed`` and ``today`` always give the same content. ``fast`` (default: on
    SQLite) writes through the SQLite driver directly; False goes through SQLAlchemy Core, as on other databases.
    """
    if not 1 <= agents <= MAX_AGENTS:
        raise ValidationError(f"The number of agents must be between 1 and {MAX_AGENTS}; {agents} was given.")
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(f"The days of history must be between 1 and {MAX_DAYS}; {days} was given.")
    started = time.perf_counter()
    report = progress or (lambda _percent, _message: None)
    report(0, "Checking the database")
    with db.engine.connect() as conn:
        _check_empty(conn)
    ensure_defaults(db)
    fast = db.is_sqlite if fast is None else fast and db.is_sqlite
    with db.engine.connect() as conn:
        cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar() if fast else None
        if fast:  # connection settings can only change outside a transaction; restored below
            conn.exec_driver_sql("PRAGMA cache_size = -131072")  # 128 MiB while loading
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # checked all at once before the commit instead
            conn.commit()
        try:
            with conn.begin():
                if fast:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # no other writer between the check and the load
                _check_empty(conn)
                writer = _Writer(conn, seed, fast)
                try:
                    counts = _Builder(conn, writer, _load_catalogue(conn), agents, days, seed, today or date.today(),
                                      report).run()
                finally:
                    writer.close()
                if fast:
                    report(96, "Checking references")
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:  # a bug, not a user error: nothing is kept
                        raise RuntimeError(f"demo data would break {len(broken)} references, e.g. {broken[0]}")
        finally:
            if fast:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()
    report(100, "Demo data ready")
    return DemoSummary(**counts, seconds=round(time.perf_counter() - started, 3))


class _Builder:
    """Plans the organisation, then streams agent by agent: objectives, observations, figures, one-to-ones."""

    def __init__(self, conn: Connection, writer: _Writer, cat: _Catalogue, agents: int, days: int, seed: int,
                 today: date, report: Callable[[int, str], None]) -> None:
        self.conn, self.w, self.cat, self.agents, self.days, self.seed = conn, writer, cat, agents, days, seed
        self.today, self.report, self.ts = today, report, writer.ts
        self.start = today - timedelta(days=days - 1)
        self.w0 = self.start.weekday()
        self.base = datetime(self.start.year, self.start.month, self.start.day)
        self.next_id = {name: (conn.scalar(select(func.max(Base.metadata.tables[name].c.id))) or 0) + 1
                        for name in COLUMNS}
        self.n = dict.fromkeys(("teams", "people", "agents", "kpi_figures", "observations", "feedback",
                                "one_to_ones", "recognitions", "goals", "objectives"), 0)
        self.emails: set[str] = set()
        self.days_cache: dict[int, object] = {}

    def id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def date(self, o: int) -> date:
        return self.start + timedelta(days=o)

    def day(self, o: int | None) -> object:
        """Day offset ``o`` in storage form (None stays None)."""
        if o is None:
            return None
        value = self.days_cache.get(o)
        if value is None:
            value = self.days_cache[o] = self.w.day(self.start + timedelta(days=o))
        return value

    def at(self, o: int, minutes: int) -> datetime:
        return self.base + timedelta(days=o, minutes=minutes)

    def off(self, d: date) -> int:
        return (d - self.start).days

    def run(self) -> dict[str, int]:
        self.report(2, "Teams, people and goals")
        self._organisation()
        self._goals()
        self.batch = self.id("import_batch")
        wall = self.ts(datetime.now(UTC).replace(tzinfo=None))
        info = {"agents": self.agents, "days": self.days, "seed": self.seed, "today": self.today.isoformat()}
        self.w.add("import_batch", (self.batch, f"demo data (seed {self.seed})", "demo", json.dumps(info), wall,
                                    0, 0, 0, "committed"), wall)
        self.w.flush()
        self.kpi_order = sorted((kid, code) for code, kid in self.cat.kpis.items() if code in dm.KPI_CODES)
        rebuild = []
        if self.w.fast:
            rebuild = self.conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                                (REBUILT_INDEX,)).scalars().all()
            if rebuild:
                self.conn.exec_driver_sql(f"DROP INDEX {REBUILT_INDEX}")
        shown = -1
        for index, plan in enumerate(self.plans):
            self._agent(index, plan)
            if self.w.pending > FLUSH_ROWS:
                self.w.flush()
            percent = 5 + 85 * (index + 1) // len(self.plans)
            if percent != shown:
                self.report(percent, f"Agent {index + 1} of {len(self.plans)}")
                shown = percent
        self.w.flush()
        self.report(92, "Indexing KPI figures")
        for sql in rebuild:
            self.conn.exec_driver_sql(sql)
        table = Base.metadata.tables["import_batch"]
        self.conn.execute(table.update().where(table.c.id == self.batch).values(
            rows_read=self.w.figures, figures_stored=self.w.figures, finished_at=datetime.now(UTC)))
        self.n["kpi_figures"] = self.w.figures
        return self.n

    # -- organisation ---------------------------------------------------------------------------------------------
    def _person(self, rng: random.Random, name: tuple[str, str], hire: int, leave: int | None = None,
                cadence: int | None = None, acd: bool = True) -> int:
        given, family = name
        pid, display = self.id("person"), f"{given} {family}"
        email = f"{dm.ascii_fold(given)}.{dm.ascii_fold(family)}"
        while email in self.emails:
            email += str(rng.randint(0, 9))
        self.emails.add(email)
        at = self.ts(self.at(hire, 480))
        self.w.add("person", (pid, display, given, family, name_key(display), f"{email}@example.com",
                              self.day(hire), self.day(leave), cadence), at)
        self.w.add("person_external_id", (self.id("person_external_id"), pid, "payroll", f"P{next(self.payroll)}"), at)
        if acd:
            self.w.add("person_external_id", (self.id("person_external_id"), pid, "acd", str(next(self.acd))), at)
        seen = {name_key(display)}
        for alias in dm.aliases(rng, given, family):
            if name_key(alias) not in seen:
                seen.add(name_key(alias))
                self.w.add("person_alias", (self.id("person_alias"), pid, alias, name_key(alias)), at)
        self.n["people"] += 1
        return pid

    def _role(self, pid: int, role: str, start: int, end: int | None = None) -> None:
        self.w.add("person_role", (self.id("person_role"), pid, role, self.day(start), self.day(end)),
                   self.ts(self.at(start, 480)))

    def _member(self, pid: int, team: int, role: str, start: int, end: int | None = None) -> None:
        self.w.add("team_membership", (self.id("team_membership"), pid, team, role, self.day(start), self.day(end)),
                   self.ts(self.at(start, 480)))

    def _organisation(self) -> None:
        rng = random.Random(f"{self.seed}:org")
        n_teams, n_sites, staff = dm.staffing(self.agents)
        names = dm.person_names(rng, self.agents + n_teams + len(staff))
        self.acd = iter(rng.sample(range(10000, 100000), len(names)))
        self.payroll = iter(rng.sample(range(100000, 1000000), len(names)))
        sites, self.teams = [], []  # teams: (team id, name, function, site index)
        created = self.ts(self.at(-400, 480))
        for s in range(n_sites):
            sites.append(self.id("team"))
            self.w.add("team", (sites[-1], f"{dm.SITES[s]} contact centre", f"All teams at the {dm.SITES[s]} site.",
                                None, True, 14), created)
        for i, (name, function) in enumerate(dm.team_names(rng, n_teams)):
            self.teams.append((self.id("team"), name, function, i % n_sites))
            self.w.add("team", (self.teams[-1][0], name, f"{function} queue.", sites[i % n_sites], True, 14), created)
        self.n["teams"] = n_sites + n_teams
        people = iter(names)
        self.leader: dict[int, int] = {}
        self.coach: dict[int, int] = {}
        self.by_site: dict[tuple[int, str], list[int]] = {}
        for s, role in staff:
            pid = self._person(rng, next(people), -rng.randint(200, 3000), acd=role == "coach")
            self._role(pid, role, -rng.randint(30, 190))
            self._member(pid, sites[s], "leader" if role == "operations_manager" else "coach", -rng.randint(30, 190))
            self.by_site.setdefault((s, role), []).append(pid)
        for t, (tid, _name, _function, s) in enumerate(self.teams):
            hire = -rng.randint(400, 3000)
            pid = self._person(rng, next(people), hire)
            promoted = rng.randint(hire + 200, -30)
            if rng.random() < 0.4:  # came up from the phones
                self._role(pid, "agent", hire, promoted - 1)
            self._role(pid, "team_leader", promoted)
            self._member(pid, tid, "leader", promoted)
            coaches = self.by_site[(s, "coach")]
            self.leader[t], self.coach[t] = pid, coaches[t // n_sites % len(coaches)]
            self._member(self.coach[t], tid, "coach", -rng.randint(20, 180))
        order = list(range(self.agents))
        rng.shuffle(order)
        self.plans = []
        for i in range(self.agents):
            team = order[i] % n_teams
            hire, leave, move, cadence = dm.agent_timeline(rng, self.days, team, [t[3] for t in self.teams])
            name = next(people)
            pid = self._person(rng, name, hire, leave, cadence)
            self._role(pid, "agent", hire, leave)
            if move:
                self._member(pid, self.teams[team][0], "member", hire, move[0] - 1)
                self._member(pid, self.teams[move[1]][0], "member", move[0], leave)
            else:
                self._member(pid, self.teams[team][0], "member", hire, leave)
            self.plans.append((pid, f"{name[0]} {name[1]}", team, hire, leave, move, cadence))
        self.n["agents"] = self.agents

    def _goals(self) -> None:
        rng = random.Random(f"{self.seed}:goals")
        start, due = dm.quarter_start(self.start), date(self.today.year, 12, 31)
        owner, at = self.by_site[(0, "operations_manager")][0], self.ts(self.at(self.off(start), 540))
        goals = [g for g in dm.ORG_GOALS if g[0] in self.cat.kpis][:3 if self.agents >= 30 else 2]
        self.org_goal: dict[str, int] = {}
        self.team_goal: dict[tuple[int, str], int] = {}
        for order, (code, title, outcome, target) in enumerate(goals):
            self.org_goal[code] = gid = self.id("goal")
            self.w.add("goal", (gid, "organisation", None, None, title, f"Measured by {dm.OBJECTIVE_KPIS[code][0]}, "
                                f"target {dm.format_level(code, target)}.", outcome, self.cat.kpis[code], target,
                                self.w.day(start), self.w.day(due), "active", owner, order), at)
        for t, (tid, name, _function, _site) in enumerate(self.teams):
            for order, (code, _title, outcome, target) in enumerate(rng.sample(goals, min(len(goals),
                                                                                          rng.randint(1, 2)))):
                self.team_goal[(t, code)] = gid = self.id("goal")
                level = round(target - rng.choice((0.0, 0.01, 0.02)), 2)
                self.w.add("goal", (gid, "team", self.org_goal[code], tid, f"{name}: {dm.OBJECTIVE_KPIS[code][0]} at "
                                    f"{dm.format_level(code, level)} or better", None, outcome, self.cat.kpis[code],
                                    level, self.w.day(start), self.w.day(due), "active", self.leader[t], order), at)
        self.n["goals"] = len(self.org_goal) + len(self.team_goal)

    # -- one agent ------------------------------------------------------------------------------------------------
    def _agent(self, index: int, plan: tuple) -> None:
        pid, name, team0, hire, leave, move, cadence = plan
        rng = random.Random(f"{self.seed}:agent:{index}")
        first, last = max(0, hire), self.days - 1 if leave is None else leave

        def team_at(o: int) -> int:
            return move[1] if move and o >= move[0] else team0

        handle, channels, sells = dm.FUNCTIONS[self.teams[team0][2]]
        profile = dm.make_profile(rng, [b[1] for b in self.cat.behaviours], handle, hire)
        worked = dm.work_days(rng, first, last, self.w0, profile.saturday)
        slots = self._plan_objectives(rng, profile, first, last, team_at)
        ratings, strengths = self._observe(rng, pid, profile, first, last, team_at, channels, sells, slots)
        series = dm.kpi_series(profile, worked, self.w0, rng)
        self.w.figures_of(pid, self.batch, [self.day(o) for o in worked],
                          [(kid, series[code]) for kid, code in self.kpi_order])
        self._objectives(rng, pid, slots, worked, series, ratings, profile, leave)
        self._one_to_ones(rng, pid, name, first, last, hire, cadence, team_at, slots)
        self._recognitions(rng, pid, worked, team_at, slots, strengths, profile)

    def _plan_objectives(self, rng: random.Random, p: dm.AgentProfile, first: int, last: int,
                         team_at: Callable[[int], int]) -> list[dict]:
        """Two or three objectives a quarter over the agent's last four quarters (levels come later, from the
        figures; the ids are fixed now so observation notes can point at them)."""
        cycles, q = [], dm.quarter_start(self.date(first))
        while q <= self.today:
            end = self.off(dm.next_quarter(q)) - 1
            if end >= first and self.off(q) <= last:
                cycles.append((self.off(q), end))
            q = dm.next_quarter(q)
        codes = [c for c in dm.COACHABLE if c in self.cat.kpis]
        slots = []
        for start, end in cycles[-4:]:
            count = rng.choice((2, 3))
            picks: list = dm.weakest_kpis(rng, p, codes)[:count]
            if count == 3 and self.cat.behaviours and rng.random() < 0.5:
                picks[-1] = min(self.cat.behaviours, key=lambda b: p.skills[b[1]] + rng.uniform(0, 0.1))
            team = team_at(min(max(start, first), last))
            for pick, weight in zip(picks, ((0.6, 0.4), (0.4, 0.35, 0.25))[len(picks) - 2], strict=True):
                goal, r, agreed = None, rng.random(), start + rng.randint(1, 8)
                draft = agreed >= self.days or rng.random() < (0.6 if self.days - start < 10 else 0.12)
                if isinstance(pick, str):  # most KPI objectives sit under the team goal on the same KPI
                    goal = self.team_goal.get((team, pick)) if r < 0.85 else self.org_goal.get(pick) if r < 0.93 \
                        else None
                    if not draft and first <= agreed <= last:
                        p.coach(pick, agreed, rng)  # an agreed objective gets worked on
                slots.append({"id": self.id("objective"), "start": start, "end": end, "pick": pick, "goal": goal,
                              "weight": weight, "leader": self.leader[team], "agreed": agreed, "draft": draft})
        return slots

    def _observe(self, rng: random.Random, pid: int, p: dm.AgentProfile, first: int, last: int,
                 team_at: Callable[[int], int], channels: tuple, sells: bool, slots: list[dict]) -> tuple:
        """Observation sessions every 2-4 weeks with ratings, notes and feedback; delivered feedback lifts the
        targeted behaviour and KPI over the following weeks (the coaching effect analytics should find)."""
        cat, add, ts, days, rnd = self.cat, self.w.add, self.ts, self.days, rng.random
        pool = dm.normals()
        ratings: dict[str, list[tuple[int, float]]] = {}
        strengths: list[tuple[int, int, int]] = []  # (day, note id, behaviour id)
        blift = {b[1]: dm.Lift() for b in cat.behaviours}
        for o in dm.schedule(rng, first + rng.randint(3, 20), last, 14, 28, self.w0):
            team, r = team_at(o), rnd()
            observer = self.leader[team] if r < 0.6 else self.coach[team] if r < 0.9 else rng.choice(
                self.by_site[(self.teams[team][3], "quality_specialist")])
            mode = "recording_review" if r >= 0.9 else rng.choice(dm.MODES)
            status = "abandoned" if rnd() < 0.02 else "in_progress" if o == days - 1 else "completed"
            sid, t0 = self.id("observation_session"), self.at(o, rng.randint(510, 930))
            skill = {code: p.skills[code] + blift[code].at(o) for code in p.skills}
            clock, inters, given = t0 + timedelta(minutes=rng.randint(2, 8)), [], []
            for _ in range(1 if status == "abandoned" else rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
                channel = rng.choice(channels)
                iid, end = self.id("observed_interaction"), clock + timedelta(seconds=rng.randint(180, 900))
                stamp = ts(end)
                add("observed_interaction", (iid, sid, f"{dm.CHANNEL_PREFIX[channel]}-{rng.randint(100000, 999999)}",
                                             channel, ts(clock), stamp), stamp)
                inters.append(iid)
                for bid, code, _name, scale, table, na in cat.behaviours if status != "abandoned" else ():
                    if rnd() < 0.1:
                        continue  # not every behaviour comes up on every contact
                    if na and rnd() < (0.7 if code == "SALE" and not sells else 0.04):
                        value, label, score = na
                    else:
                        x = skill[code] + 0.16 * pool[rng.getrandbits(17)]
                        value, label, score = table[0 if x <= 0 else 100 if x >= 1 else int(x * 100 + 0.5)]
                        ratings.setdefault(code, []).append((o, score))
                        given.append((score, code, bid))
                    add("behaviour_rating", (self.id("behaviour_rating"), sid, iid, bid, observer, value, label,
                                             score, scale, stamp), stamp)
                clock = end + timedelta(minutes=rng.randint(1, 6))
            ended = None if status == "in_progress" else clock
            add("observation_session", (sid, observer, pid, cat.framework_id, mode, mode == "side_by_side" or
                                        rnd() > 0.12, ts(t0), ended and ts(ended), status,
                                        rng.choice(dm.SESSION_SUMMARIES) if ended else None), ts(t0))
            self.n["observations"] += 1
            if not given:
                continue
            given.sort()
            best = given[-1]
            targetable = [g for g in given if g[1] in cat.links or g[1] == "SALE" and sells] or given
            worst = targetable[0] if rnd() < 0.9 else rng.choice(targetable[:3])
            slot = next((s for s in slots if s["start"] <= o <= s["end"] and s["pick"] in cat.links.get(worst[1], ())),
                        None)
            notes = [("strength", dm.STRENGTHS.get(best[1], dm.GOOD), best[2], None),
                     ("opportunity", dm.OPPORTUNITIES.get(worst[1], dm.BETTER), worst[2], slot and slot["id"])]
            if rnd() < 0.6:
                notes.append(("verbatim", dm.VERBATIMS, None, None))
            if rnd() < 0.3:
                notes.append(("general", dm.GENERAL_NOTES, None, None))
            for k, (kind, texts, bid, oid) in enumerate(notes):
                nid, noted = self.id("observation_note"), ts(t0 + timedelta(minutes=3 + 4 * k + rng.randint(0, 3)))
                add("observation_note", (nid, sid, rng.choice(inters), kind, rng.choice(texts), noted, bid, oid), noted)
                if kind == "strength":
                    strengths.append((o, nid, bid))
            if status != "completed" or rnd() < 0.1:
                continue
            self._feedback(rng, pid, p, sid, o, clock, observer, best, worst, skill, blift)
        return ratings, strengths

    def _feedback(self, rng: random.Random, pid: int, p: dm.AgentProfile, sid: int, o: int, clock: datetime,
                  observer: int, best: tuple, worst: tuple, skill: dict, blift: dict) -> None:
        delay = 0 if rng.random() < 0.6 else rng.choice((1, 1, 1, 2, 3))
        d = o + delay
        while (self.w0 + d) % 7 >= 5:
            d += 1
        delivered = clock + timedelta(minutes=rng.randint(10, 120)) if delay == 0 else self.at(d, rng.randint(540, 960))
        if d >= self.days:
            delivered, d = None, None  # not delivered yet
        if rng.random() < 0.08 and "ADHERENCE" in self.cat.kpis:
            kpi, bid, code = "ADHERENCE", None, "ADHERENCE"
            improve = "Logged in late on three shifts this week; the queue suffers."
        else:
            bid, code, options = worst[2], worst[1], self.cat.links.get(worst[1], [])
            kpi = rng.choice(options) if options else None
            improve = rng.choice(dm.OPPORTUNITIES.get(code, dm.BETTER))
        follow = None if d is None else d + rng.randint(7, 14)
        done = self.ts(self.at(follow, rng.randint(540, 960))) if follow is not None and follow < self.days and \
            rng.random() < 0.8 else None
        self.w.add("feedback", (self.id("feedback"), sid, pid, observer, rng.choice(dm.STRENGTHS.get(best[1], dm.GOOD)),
                                improve, dm.COMMITMENTS[dm.COMMITMENT_FOR.get(code, 0)], self.day(follow),
                                delivered and self.ts(delivered), bid, self.cat.kpis.get(kpi) if kpi else None, done),
                   self.ts(delivered or clock))
        self.n["feedback"] += 1
        if d is not None:  # the coaching effect: the behaviour and its KPI improve over the next weeks
            if kpi:
                p.coach(kpi, d, rng)
            if bid is not None:
                gap = min(0.97, p.skills[code] + 0.3) - skill[code]
                blift[code].add(d, max(0.0, gap) * rng.uniform(0.3, 0.6))

    def _objectives(self, rng: random.Random, pid: int, slots: list[dict], worked: list[int], series: dict,
                    ratings: dict, p: dm.AgentProfile, leave: int | None) -> None:
        """Baselines from the four weeks before each quarter, the status from its last four weeks, and history."""
        today, ts = self.days - 1, self.ts
        for s in slots:
            start, end, pick = s["start"], s["end"], s["pick"]
            if isinstance(pick, str):
                statement, baseline, (commit, target, stretch), met = dm.kpi_objective(
                    pick, p, start, end, today, worked, series[pick], self.date(end))
                measure = ("kpi", self.cat.kpis[pick], None)
            else:
                statement, baseline, (commit, target, stretch), met = dm.behaviour_objective(
                    pick[2], ratings.get(pick[1], []), start, end, self.date(end))
                measure = ("behaviour", None, pick[0])
            agreed, leader = s["agreed"], s["leader"]
            if leave is not None and leave <= end:
                status, closed = "withdrawn", leave
            elif end + 3 <= today:
                status, closed = ("achieved" if met else "missed"), end + 3
            else:
                status, closed = ("draft" if s["draft"] else "agreed"), None
            changed = None if status == "draft" else ts(self.at(agreed if closed is None else closed, 660))
            self.w.add("objective", (s["id"], pid, s["goal"], statement, *measure, baseline, commit, target, stretch,
                                     self.day(start), self.day(end), s["weight"], status, changed,
                                     None if status == "draft" else leader, leader),
                       ts(self.at(start - 2, 600)))
            self.n["objectives"] += 1
            if status != "draft" and agreed < (closed or today + 1):
                at = ts(self.at(agreed, 660))
                self.w.add("objective_change", (self.id("objective_change"), s["id"], at, leader, "status", "draft",
                                                "agreed", None), at)
            if closed is not None:
                at = ts(self.at(closed, 660))
                self.w.add("objective_change", (self.id("objective_change"), s["id"], at, leader, "status", "agreed",
                                                status, dm.CLOSING_REASONS[status]), at)
            s["status"] = status

    def _one_to_ones(self, rng: random.Random, pid: int, name: str, first: int, last: int, hire: int,
                     cadence: int | None, team_at: Callable[[int], int], slots: list[dict]) -> None:
        """One-to-ones every 2-4 weeks (or at the person's cadence), chained by ``previous_id``; open actions and
        commitments are reviewed at the next one, and about a third are carried into it."""
        lo, hi = (max(5, cadence - 2), cadence + 7) if cadence else (14, 28)
        dates = dm.schedule(rng, first + rng.randint(0, 4), last, lo, hi, self.w0)
        today, add, ts = self.days - 1, self.w.add, self.ts
        prev = prev_team = None
        open_items: list[list] = []
        items: list[list] = []
        quarters: set[date] = set()
        linked: set[int] = set()
        for i, o in enumerate(dates):
            team = team_at(o)
            leader, oid, quarter = self.leader[team], self.id("one_to_one"), dm.quarter_start(self.date(o))
            if i == 0 or team != prev_team or (quarter not in quarters and rng.random() < 0.5):
                kind = "expectation_setting"
            else:
                kind = "review" if rng.random() < 0.65 else "development"
            quarters.add(quarter)
            held = self.at(o, rng.randint(600, 990))
            latest, age, ack = i == len(dates) - 1, today - o, None
            if latest and age < 10 and rng.random() < 0.15:
                status = "draft"
            elif age < 7 or rng.random() < 0.1:
                status = "held"
            else:
                status = "acknowledged"
                ack = held + timedelta(days=rng.randint(0, min(5, age - 1)), minutes=rng.randint(30, 300))
            stamp = ts(held)
            add("one_to_one", (oid, pid, leader, kind, status, stamp, rng.choice(dm.AGENT_COMMENTS)
                               if rng.random() < 0.3 else None, rng.choice(dm.ONE_TO_ONE_SUMMARIES),
                               self.day(dates[i + 1] if not latest else o + (cadence or 14)), prev, ack and ts(ack),
                               name if ack else None, rng.choice(dm.ACK_COMMENTS) if ack and rng.random() < 0.3
                               else None), stamp)
            self.n["one_to_ones"] += 1
            now_open: list[list] = []
            order = 0
            for old in open_items:  # last time's actions and commitments are reviewed
                r = rng.random()
                if r < 0.3:
                    order += 1
                    row = [self.id("one_to_one_item"), oid, old[2], old[3], old[4],
                           old[5] and self.day(o + rng.randint(7, 14)), "open", "shared", None, old[0], order, stamp]
                    items.append(row)
                    now_open.append(row)
                else:
                    old[6] = "done" if r < 0.85 else "not_met" if r < 0.93 else "dropped"
            for kind_, text, owner, due, state, visibility, scope in dm.one_to_one_items(rng, kind):
                order += 1
                row = [self.id("one_to_one_item"), oid, kind_, text, pid if owner == "agent" else
                       leader if owner == "leader" else None, due and self.day(o + due), state, visibility, scope,
                       None, order, stamp]
                items.append(row)
                if state == "open":
                    now_open.append(row)
            current = [s for s in slots if s["start"] <= o <= s["end"]]
            for s in current if kind == "expectation_setting" else rng.sample(current, min(2, len(current))):
                add("one_to_one_objective", (self.id("one_to_one_objective"), oid, s["id"],
                                             "discussed" if s["id"] in linked else "created", None), stamp)
                linked.add(s["id"])
            if rng.random() < 0.1 and self.coach[team] != leader:
                add("one_to_one_participant", (self.id("one_to_one_participant"), oid, self.coach[team], "coach"),
                    stamp)
            if i == 0 and hire >= 0:  # a new joiner's first one-to-one, with the site's instructor
                add("one_to_one_participant", (self.id("one_to_one_participant"), oid,
                                               self.by_site[(self.teams[team][3], "instructor")][0], "instructor"),
                    stamp)
            prev, prev_team, open_items = oid, team, now_open
        for row in items:
            add("one_to_one_item", tuple(row[:-1]), row[-1])

    def _recognitions(self, rng: random.Random, pid: int, worked: list[int], team_at: Callable[[int], int],
                      slots: list[dict], strengths: list, p: dm.AgentProfile) -> None:
        """About three a year: from the leader, a coach, the site manager or a customer; some tied to an observed
        strength or an achieved objective."""
        if not worked:
            return
        count = round((worked[-1] - worked[0] + 1) / 365 * 3 * rng.uniform(0.3, 1.7))
        achieved = [s["id"] for s in slots if s.get("status") == "achieved"]
        for o in sorted(rng.sample(worked, min(count, len(worked)))):
            team, r = team_at(o), rng.random()
            title, what = rng.choice(dm.RECOGNITIONS if achieved else dm.RECOGNITIONS[:-1])
            giver = self.leader[team] if r < 0.55 else self.coach[team] if r < 0.7 else \
                self.by_site[(self.teams[team][3], "operations_manager")][0] if r < 0.8 else None
            note = next((s for s in reversed(strengths) if o - 14 <= s[0] <= o), None)
            behaviour = note[2] if note else None
            if behaviour is None and self.cat.behaviours and rng.random() < 0.5:
                behaviour = max(self.cat.behaviours, key=lambda b: p.skills[b[1]])[0]
            self.w.add("recognition", (self.id("recognition"), pid, giver, None if giver else
                                       rng.choice(dm.CUSTOMER_NAMES), self.teams[team][0], title, what,
                                       rng.choice(dm.RECOGNITION_WORDS), behaviour,
                                       rng.choice(achieved) if title == dm.RECOGNITIONS[-1][0] else None,
                                       note[1] if note and rng.random() < 0.5 else None, self.day(o)),
                       self.ts(self.at(o, rng.randint(600, 1000))))
            self.n["recognitions"] += 1
