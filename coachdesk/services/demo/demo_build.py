"""The demo contact centre's rows: the organisation and goals, then agent by agent their whole history."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from coachdesk.domain import demo_model as dm
from coachdesk.domain import demo_names as dn
from coachdesk.domain import demo_objectives as dobj
from coachdesk.domain.text import name_key
from coachdesk.services.demo.demo_insert import COLUMNS, FLUSH_ROWS, Writer
from coachdesk.storage.models import Base

if TYPE_CHECKING:
    from coachdesk.services.demo.demo_catalogue import Catalogue


_STATUS, _CLOSED = 6, 10  # positions in a one-to-one item row
#: coachable KPIs the catalogue aggregates as a mean weighted by answered contacts
WEIGHTED_BY_ANSWERED = frozenset({"AHT", "FCR"})


class Builder:
    """Plans the organisation, then streams agent by agent: objectives, observations, figures, one-to-ones."""

    def __init__(self, conn: Connection, writer: Writer, cat: Catalogue, agents: int, days: int, seed: int,
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
        self.w.drop_indexes()
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
        self.report(92, "Rebuilding indexes")
        self.w.rebuild_indexes()
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
        email = f"{dn.ascii_fold(given)}.{dn.ascii_fold(family)}"
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
        for alias in dn.aliases(rng, given, family):
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
        names = dn.person_names(rng, self.agents + n_teams + len(staff))
        self.acd = iter(rng.sample(range(10000, 100000), len(names)))
        self.payroll = iter(rng.sample(range(100000, 1000000), len(names)))
        sites, self.teams = [], []  # teams: (team id, name, function, site index)
        created = self.ts(self.at(-400, 480))
        for s in range(n_sites):
            sites.append(self.id("team"))
            self.w.add("team", (sites[-1], f"{dn.SITES[s]} contact centre", f"All teams at the {dn.SITES[s]} site.",
                                None, True, 14), created)
        for i, (name, function) in enumerate(dn.team_names(rng, n_teams)):
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
            self.plans.append(dm.AgentPlan(pid, f"{name[0]} {name[1]}", team, hire, leave, move, cadence, max(0, hire),
                                     self.days - 1 if leave is None else leave))
        self.n["agents"] = self.agents

    def _goals(self) -> None:
        rng = random.Random(f"{self.seed}:goals")
        start, due = dobj.quarter_start(self.start), date(self.today.year, 12, 31)
        owner, at = self.by_site[(0, "operations_manager")][0], self.ts(self.at(self.off(start), 540))
        goals = [g for g in dn.ORG_GOALS if g[0] in self.cat.kpis][:3 if self.agents >= 30 else 2]
        self.org_goal: dict[str, int] = {}
        self.team_goal: dict[tuple[int, str], int] = {}
        for order, (code, title, outcome, target) in enumerate(goals):
            self.org_goal[code] = gid = self.id("goal")
            self.w.add("goal", (gid, "organisation", None, None, title, f"Measured by {dn.OBJECTIVE_KPIS[code][0]}, "
                                f"target {dobj.format_level(code, target)}.", outcome, self.cat.kpis[code], target,
                                self.w.day(start), self.w.day(due), "active", owner, order), at)
        for t, (tid, name, _function, _site) in enumerate(self.teams):
            for order, (code, _title, outcome, target) in enumerate(rng.sample(goals, min(len(goals),
                                                                                          rng.randint(1, 2)))):
                self.team_goal[(t, code)] = gid = self.id("goal")
                level = round(target - rng.choice((0.0, 0.01, 0.02)), 2)
                self.w.add("goal", (gid, "team", self.org_goal[code], tid, f"{name}: {dn.OBJECTIVE_KPIS[code][0]} at "
                                    f"{dobj.format_level(code, level)} or better", None, outcome, self.cat.kpis[code],
                                    level, self.w.day(start), self.w.day(due), "active", self.leader[t], order), at)
        self.n["goals"] = len(self.org_goal) + len(self.team_goal)

    # -- one agent ------------------------------------------------------------------------------------------------
    def _agent(self, index: int, a: dm.AgentPlan) -> None:
        rng = random.Random(f"{self.seed}:agent:{index}")
        handle, channels, sells = dn.FUNCTIONS[self.teams[a.team][2]]
        profile = dm.make_profile(rng, [b[1] for b in self.cat.behaviours], handle, a.hire)
        worked = dm.work_days(rng, a.first, a.last, self.w0, profile.saturday)
        slots = self._plan_objectives(rng, profile, a)
        ratings, strengths = self._observe(rng, a, profile, channels, sells, slots)
        series = dm.kpi_series(profile, worked, self.w0, rng)
        self.w.figures_of(a.pid, self.batch, [self.day(o) for o in worked],
                          [(kid, series[code]) for kid, code in self.kpi_order])
        self._objectives(rng, a, slots, worked, series, ratings, profile)
        self._one_to_ones(rng, a, slots)
        self._recognitions(rng, a, worked, slots, strengths, profile)

    def _plan_objectives(self, rng: random.Random, p: dm.AgentProfile, a: dm.AgentPlan) -> list[dict]:
        """Two or three objectives a quarter over the agent's last four quarters (levels come later, from the
        figures; the ids are fixed now so observation notes can point at them)."""
        first, last = a.first, a.last
        cycles = dobj.quarters(self.start, first, last, self.today)
        codes = [c for c in dm.COACHABLE if c in self.cat.kpis]
        slots = []
        for start, end in cycles[-4:]:
            count = rng.choice((2, 3))
            picks: list = dm.weakest_kpis(rng, p, codes)[:count]
            if count == 3 and self.cat.behaviours and rng.random() < 0.5:
                picks[-1] = min(self.cat.behaviours, key=lambda b: p.skills[b[1]] + rng.uniform(0, 0.1))
            team = a.team_at(min(max(start, first), last))
            for pick, weight in zip(picks, ((0.6, 0.4), (0.4, 0.35, 0.25))[len(picks) - 2], strict=True):
                goal, r, agreed = None, rng.random(), start + rng.randint(1, 8)
                draft = agreed >= self.days or rng.random() < (0.6 if self.days - start < 10 else 0.12)
                if isinstance(pick, str):  # most KPI objectives sit under the team goal on the same KPI
                    goal = self.team_goal.get((team, pick)) if r < 0.85 else self.org_goal.get(pick) if r < 0.93 \
                        else None
                    if not draft and first <= agreed <= last:
                        p.coach(pick, agreed, rng, dobj.OBJECTIVE_EFFORT)  # an agreed objective gets worked on
                slots.append({"id": self.id("objective"), "start": start, "end": end, "pick": pick, "goal": goal,
                              "weight": weight, "leader": self.leader[team], "agreed": agreed, "draft": draft})
        return slots

    def _observe(self, rng: random.Random, a: dm.AgentPlan, p: dm.AgentProfile, channels: tuple, sells: bool,
                 slots: list[dict]) -> tuple:
        """Observation sessions every 2-4 weeks with ratings, notes and feedback; delivered feedback lifts the
        targeted behaviour and KPI over the following weeks (the coaching effect analytics should find)."""
        cat, add, ts, days, rnd = self.cat, self.w.add, self.ts, self.days, rng.random
        pool = dm.normals()
        ratings: dict[str, list[tuple[int, float]]] = {}
        strengths: list[tuple[int, int, int]] = []  # (day, note id, behaviour id)
        blift = {b[1]: dm.Lift() for b in cat.behaviours}
        for o in dm.schedule(rng, a.first + rng.randint(3, 20), a.last, 14, 28, self.w0):
            team, r = a.team_at(o), rnd()
            observer = self.leader[team] if r < 0.6 else self.coach[team] if r < 0.9 else rng.choice(
                self.by_site[(self.teams[team][3], "quality_specialist")])
            mode = "recording_review" if r >= 0.9 else rng.choice(dn.MODES)
            status = "abandoned" if rnd() < 0.02 else "in_progress" if o == days - 1 else "completed"
            sid, t0 = self.id("observation_session"), self.at(o, rng.randint(510, 930))
            skill = {code: p.skills[code] + blift[code].at(o) for code in p.skills}
            clock, inters, given = t0 + timedelta(minutes=rng.randint(2, 8)), [], []
            for _ in range(1 if status == "abandoned" else rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
                channel = rng.choice(channels)
                iid, end = self.id("observed_interaction"), clock + timedelta(seconds=rng.randint(180, 900))
                stamp = ts(end)
                add("observed_interaction", (iid, sid, f"{dn.CHANNEL_PREFIX[channel]}-{rng.randint(100000, 999999)}",
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
            add("observation_session", (sid, observer, a.pid, self.teams[team][0], cat.framework_id, mode,
                                        mode == "side_by_side" or rnd() > 0.12, ts(t0), ended and ts(ended), status,
                                        rng.choice(dn.SESSION_SUMMARIES) if ended else None), ts(t0))
            self.n["observations"] += 1
            if not given:
                continue
            given.sort()
            best = given[-1]
            targetable = [g for g in given if g[1] in cat.links or g[1] == "SALE" and sells] or given
            worst = targetable[0] if rnd() < 0.9 else rng.choice(targetable[:3])
            slot = next((s for s in slots if s["start"] <= o <= s["end"] and s["pick"] in cat.links.get(worst[1], ())),
                        None)
            notes = [("strength", dn.STRENGTHS.get(best[1], dn.GOOD), best[2], None),
                     ("opportunity", dn.OPPORTUNITIES.get(worst[1], dn.BETTER), worst[2], slot and slot["id"])]
            if rnd() < 0.6:
                notes.append(("verbatim", dn.VERBATIMS, None, None))
            if rnd() < 0.3:
                notes.append(("general", dn.GENERAL_NOTES, None, None))
            for k, (kind, texts, bid, oid) in enumerate(notes):
                nid, noted = self.id("observation_note"), ts(t0 + timedelta(minutes=3 + 4 * k + rng.randint(0, 3)))
                add("observation_note", (nid, sid, rng.choice(inters), kind, rng.choice(texts), noted, bid, oid), noted)
                if kind == "strength":
                    strengths.append((o, nid, bid))
            if status != "completed" or rnd() < 0.1:
                continue
            self._feedback(rng, a, p, slots, sid, o, clock, observer, best, worst, skill, blift)
        return ratings, strengths

    def _feedback(self, rng: random.Random, a: dm.AgentPlan, p: dm.AgentProfile, slots: list[dict], sid: int, o: int,
                  clock: datetime, observer: int, best: tuple, worst: tuple, skill: dict, blift: dict) -> None:
        """Feedback after a session, mostly the same day; it targets the weakest behaviour and a KPI it moves, and
        the agent's objective on that KPI when there is one."""
        d = dm.delivery_day(rng, o, self.w0)
        delivered = clock + timedelta(minutes=rng.randint(10, 120)) if d == o else self.at(d, rng.randint(540, 960))
        if d > a.last:
            delivered, d = None, None  # not delivered yet (or the agent left first)
        if rng.random() < 0.08 and "ADHERENCE" in self.cat.kpis:
            kpi, bid, code = "ADHERENCE", None, "ADHERENCE"
            improve = "Logged in late on three shifts this week; the queue suffers."
        else:
            bid, code, options = worst[2], worst[1], self.cat.links.get(worst[1], [])
            kpi = rng.choice(options) if options else None
            improve = rng.choice(dn.OPPORTUNITIES.get(code, dn.BETTER))
        when = o if d is None else d
        objective = next((s["id"] for s in slots if s["pick"] == kpi and s["start"] <= when <= s["end"]
                          and not s["draft"] and s["agreed"] <= when), None) if kpi else None
        if objective and rng.random() < 0.25:
            objective = None  # not every leader links it
        follow = None if d is None else d + rng.randint(7, 14)
        done = self.ts(self.at(follow, rng.randint(540, 960))) if follow is not None and follow < self.days and \
            rng.random() < 0.8 else None
        self.w.add("feedback", (self.id("feedback"), sid, a.pid, observer, self.teams[a.team_at(when)][0],
                                rng.choice(dn.STRENGTHS.get(best[1], dn.GOOD)), improve,
                                dn.COMMITMENTS[dn.COMMITMENT_FOR.get(code, 0)], self.day(follow),
                                delivered and self.ts(delivered), bid, self.cat.kpis.get(kpi) if kpi else None,
                                objective, done),
                   self.ts(delivered or clock))
        self.n["feedback"] += 1
        if d is not None:  # the coaching effect: the behaviour and its KPI improve over the next weeks
            if kpi:
                p.coach(kpi, d, rng)
            if bid is not None:
                gap = min(0.97, p.skills[code] + 0.3) - skill[code]
                blift[code].add(d, max(0.0, gap) * rng.uniform(0.3, 0.6))

    def _objectives(self, rng: random.Random, a: dm.AgentPlan, slots: list[dict], worked: list[int], series: dict,
                    ratings: dict, p: dm.AgentProfile) -> None:
        """Baselines from the weeks before each quarter, levels set so the quarter's bands spread like a real
        centre's (``dobj.fitted_levels``), the status from the quarter's figures, and history."""
        today, ts = self.days - 1, self.ts
        for s in slots:
            start, end, pick = s["start"], s["end"], s["pick"]
            levels_rng = random.Random(f"{self.seed}:levels:{s['id']}")  # apart, so the rest of the agent stays put
            if isinstance(pick, str):
                volume = series["ANSWERED"] if pick in WEIGHTED_BY_ANSWERED else None
                statement, baseline, (commit, target, stretch), met = dobj.kpi_objective(
                    pick, p, start, end, today, worked, series[pick], self.date(end), levels_rng, volume)
                measure = ("kpi", self.cat.kpis[pick], None)
            else:
                statement, baseline, (commit, target, stretch), met = dobj.behaviour_objective(
                    pick[2], ratings.get(pick[1], []), start, end, self.date(end), levels_rng, today)
                measure = ("behaviour", None, pick[0])
            agreed, leader = s["agreed"], s["leader"]
            if a.leave is not None and a.leave <= end:
                status, closed = "withdrawn", a.leave
            elif end + 3 <= today:
                status, closed = ("achieved" if met else "missed"), end + 3
            else:
                status, closed = ("draft" if s["draft"] else "agreed"), None
            changed = None if status == "draft" else ts(self.at(agreed if closed is None else closed, 660))
            self.w.add("objective", (s["id"], a.pid, s["goal"], statement, *measure, baseline, commit, target, stretch,
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
                                                status, dn.CLOSING_REASONS[status]), at)
            s["status"] = status

    def _one_to_ones(self, rng: random.Random, a: dm.AgentPlan, slots: list[dict]) -> None:
        """One-to-ones every 2-4 weeks (or at the person's cadence), chained by ``previous_id``; the open actions and
        commitments of one are reviewed at the next (about a third carried into it), and every active agent has
        the next one prepared as a draft."""
        cadence, today, add, ts = a.cadence, self.days - 1, self.w.add, self.ts
        lo, hi = (max(5, cadence - 2), cadence + 7) if cadence else (14, 28)
        dates = dm.schedule(rng, a.first + rng.randint(0, 4), a.last, lo, hi, self.w0)
        upcoming = None if a.leave is not None else dm.next_meeting(
            rng, dates[-1] + (cadence or 14) if dates else today + 1, today, self.w0)
        prev = prev_team = prev_o = prev_held = None
        open_items: list[list] = []
        items: list[list] = []
        quarters: set[date] = set()
        linked: set[int] = set()
        for i, o in enumerate([*dates, upcoming] if upcoming is not None else dates):
            team, oid, latest = a.team_at(o), self.id("one_to_one"), i == len(dates) - 1
            leader, quarter = self.leader[team], dobj.quarter_start(self.date(o))
            if i == 0 or team != prev_team or (quarter not in quarters and rng.random() < 0.5):
                kind = "expectation_setting"
            else:
                kind = "review" if rng.random() < 0.65 else "development"
            quarters.add(quarter)
            planned, started = dm.meeting_minutes(rng)
            scheduled, held, ack = self.at(o, planned), self.at(o, started), None
            status = dm.one_to_one_status(rng, today - o, latest)
            if status == "acknowledged":
                ack = held + timedelta(days=rng.randint(0, min(5, today - o - 1)), minutes=rng.randint(30, 300))
            elif status == "upcoming":  # prepared ahead: planned, nothing held or written up yet
                status, held = "draft", None
            stamp = ts(held or max(self.at(today - rng.randint(0, 3), rng.randint(480, 1000)),
                                   prev_held + timedelta(minutes=rng.randint(30, 120)) if prev_held else self.base))
            add("one_to_one", (oid, a.pid, leader, kind, status, self.teams[team][0], ts(scheduled), held and stamp,
                               rng.choice(dn.AGENT_COMMENTS) if held and rng.random() < 0.3 else None,
                               rng.choice(dn.ONE_TO_ONE_SUMMARIES) if held else None,
                               held and self.day(dates[i + 1] if not latest else upcoming or o + (cadence or 14)),
                               prev, ack and ts(ack), a.name if ack else None,
                               rng.choice(dn.ACK_COMMENTS) if ack and rng.random() < 0.3 else None), stamp)
            self.n["one_to_ones"] += 1
            now_open: list[list] = []
            order = 0
            for old in open_items:  # last time's actions and commitments are reviewed, or carried when preparing
                outcome = "carried" if held is None else dm.review_outcome(rng)
                old[_STATUS] = outcome
                if outcome != "carried":
                    old[_CLOSED] = ts(self.at(*dm.closing_time(rng, outcome, prev_o, o, started, self.w0)))
                    continue
                order += 1
                row = [self.id("one_to_one_item"), oid, old[2], old[3], old[4],
                       old[5] and self.day(o + rng.randint(7, 14)), "open", "shared", None, old[0], None, order, stamp]
                items.append(row)
                now_open.append(row)
            new_items = dm.one_to_one_items(rng, kind) if held else dm.draft_agenda(rng, kind, bool(open_items))
            for kind_, text, owner, due, state, visibility, scope in new_items:
                order += 1
                row = [self.id("one_to_one_item"), oid, kind_, text, a.pid if owner == "agent" else
                       leader if owner == "leader" else None, due and self.day(o + due), state, visibility, scope,
                       None, None, order, stamp]
                items.append(row)
                if state == "open":
                    now_open.append(row)
            current = [s for s in slots if s["start"] <= o <= s["end"]]
            for s in current if kind == "expectation_setting" else rng.sample(current, min(2, len(current))):
                add("one_to_one_objective", (self.id("one_to_one_objective"), oid, s["id"],
                                             "discussed" if s["id"] in linked or not held else "created", None), stamp)
                linked.add(s["id"])
            if rng.random() < 0.1 and self.coach[team] != leader:
                add("one_to_one_participant", (self.id("one_to_one_participant"), oid, self.coach[team], "coach"),
                    stamp)
            if i == 0 and a.hire >= 0:  # a new joiner's first one-to-one, with the site's instructor
                add("one_to_one_participant", (self.id("one_to_one_participant"), oid,
                                               self.by_site[(self.teams[team][3], "instructor")][0], "instructor"),
                    stamp)
            prev, prev_team, prev_o, prev_held, open_items = oid, team, o, held, now_open
        for old in open_items if a.leave is not None else ():  # a leaver's open actions are dropped on leaving
            old[_STATUS], old[_CLOSED] = "dropped", ts(self.at(a.leave, rng.randint(1050, 1110)))
        for row in items:
            add("one_to_one_item", tuple(row[:-1]), row[-1])

    def _recognitions(self, rng: random.Random, a: dm.AgentPlan, worked: list[int], slots: list[dict], strengths: list,
                      p: dm.AgentProfile) -> None:
        """About three a year: from the leader, a coach, the site manager or a customer; some tied to an observed
        strength or an achieved objective."""
        if not worked:
            return
        count = round((worked[-1] - worked[0] + 1) / 365 * 3 * rng.uniform(0.3, 1.7))
        achieved = [s["id"] for s in slots if s.get("status") == "achieved"]
        for o in sorted(rng.sample(worked, min(count, len(worked)))):
            team, r = a.team_at(o), rng.random()
            title, what = rng.choice(dn.RECOGNITIONS if achieved else dn.RECOGNITIONS[:-1])
            giver = self.leader[team] if r < 0.55 else self.coach[team] if r < 0.7 else \
                self.by_site[(self.teams[team][3], "operations_manager")][0] if r < 0.8 else None
            note = next((s for s in reversed(strengths) if o - 14 <= s[0] <= o), None)
            behaviour = note[2] if note else None
            if behaviour is None and self.cat.behaviours and rng.random() < 0.5:
                behaviour = max(self.cat.behaviours, key=lambda b: p.skills[b[1]])[0]
            self.w.add("recognition", (self.id("recognition"), a.pid, giver, None if giver else
                                       rng.choice(dn.CUSTOMER_NAMES), self.teams[team][0], title, what,
                                       rng.choice(dn.RECOGNITION_WORDS), behaviour,
                                       rng.choice(achieved) if title == dn.RECOGNITIONS[-1][0] else None,
                                       note[1] if note and rng.random() < 0.5 else None, self.day(o)),
                       self.ts(self.at(o, rng.randint(600, 1000))))
            self.n["recognitions"] += 1
