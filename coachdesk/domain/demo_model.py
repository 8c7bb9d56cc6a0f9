"""Pure demo-data generation: agent profiles, schedules, the daily KPI simulation and one-to-ones (objectives are
in ``demo_objectives``)."""

from __future__ import annotations

import math
import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat

from coachdesk.domain.demo_names import (
    ACTIONS,
    AGENDA_POINTS,
    COACH_NOTES,
    COMMITMENTS,
    DRAFT_AGENDA,
    EXPECTATIONS,
    MOTIVATORS,
    REWARDS,
    SITES,
)

WEEKDAY_VOLUME = (1.10, 1.02, 1.0, 0.98, 0.93, 1.0, 1.0)  # Monday busiest; Saturday is a shorter shift (hours)
WEEKDAY_HANDLE = (1.04, 1.01, 1.0, 0.99, 0.99, 0.97, 1.0)
WEEKDAY_CSAT = (-0.012, 0.0, 0.0, 0.003, 0.006, 0.01, 0.0)
RAMP_DAYS, FADE_DAYS = 12.0, 150.0  # coaching gains build up over ~2 weeks and fade over months
NORMS = {"CSAT": (0.84, 0.035), "FCR": (0.74, 0.03), "QA": (0.86, 0.03), "ADHERENCE": (0.91, 0.025)}
KPI_CODES = ("ANSWERED", "AHT", "TALK", "HOLD", "ACW", "FCR", "CSAT", "QA", "ADHERENCE")
COACHABLE = ("CSAT", "FCR", "QA", "AHT", "ADHERENCE")


def clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


@cache
def normals() -> tuple[float, ...]:
    """A fixed pool of standard normal draws: a slice at a random offset is far cheaper than ``Random.gauss``."""
    rng = random.Random(20240601)
    return tuple(rng.gauss(0.0, 1.0) for _ in range(1 << 17))


def noise(rng: random.Random, n: int) -> tuple[float, ...]:
    pool = normals()
    start = rng.randrange(len(pool) - n)
    return pool[start:start + n]


_DECAY: dict[float, tuple[float, ...]] = {}


def _decay(days: int, rate: float) -> tuple[float, ...]:
    """``exp(-day * rate)`` for day 0 to at least ``days - 1``: one table per rate, grown when needed."""
    table = _DECAY.get(rate, ())
    if len(table) < days:
        table = _DECAY[rate] = tuple(math.exp(-day * rate) for day in range(max(days, 4096)))
    return table


def staffing(agents: int) -> tuple[int, int, list[tuple[int, str]]]:
    """Teams of 12-15 agents, a site per 250 agents, and the (site, role) of every manager, coach, quality
    specialist and instructor."""
    n_teams = max(1, round(agents / 13.5))
    n_sites = min(len(SITES), max(1, math.ceil(agents / 250)), n_teams)
    staff: list[tuple[int, str]] = []
    for s in range(n_sites):
        size = len(range(s, n_teams, n_sites))
        staff += ([(s, "operations_manager")] * (1 + (size > 8)) + [(s, "coach")] * max(2, math.ceil(size / 4))
                  + [(s, "quality_specialist")] * max(1, math.ceil(size / 6)) + [(s, "instructor")])
    return n_teams, n_sites, staff


def agent_timeline(rng: random.Random, days: int, team: int, sites: list[int]) -> tuple:
    """An agent's hire and leave offsets (about 10% join and 7% leave during the period), a team move
    (offset, new team) for about 6%, and a one-to-one cadence for some."""
    joiner = days >= 90 and rng.random() < 0.10
    hire = rng.randint(0, days - 45) if joiner else -rng.randint(60, 2500)
    leave = rng.randint(max(hire, 0) + 30, days - 1) if days >= 90 and rng.random() < 0.07 else None
    span = (days - 1 if leave is None else leave) - max(hire, 0)
    move = None
    if len(sites) > 1 and span > 90 and rng.random() < 0.06:
        near = [t for t in range(len(sites)) if t != team and sites[t] == sites[team]]
        move = (rng.randint(max(hire, 0) + 30, max(hire, 0) + span - 30),
                rng.choice(near or [t for t in range(len(sites)) if t != team]))
    cadence = 7 if joiner and rng.random() < 0.3 else 28 if rng.random() < 0.08 else None
    return hire, leave, move, cadence


@dataclass(frozen=True, slots=True)
class AgentPlan:
    """One agent over the demo period: hire and leave day offsets (hire < 0: before the period), a team move
    (day, new team index), a one-to-one cadence in days, and the first and last day worked in the period."""

    pid: int
    name: str
    team: int
    hire: int
    leave: int | None
    move: tuple[int, int] | None
    cadence: int | None
    first: int
    last: int

    def team_at(self, day: int) -> int:
        """The index of the agent's team on ``day``."""
        return self.move[1] if self.move and day >= self.move[0] else self.team


@dataclass
class AgentProfile:
    """An agent's own levels: behaviour skills (0-1) and the KPI levels they lead to, plus drift and shift pattern."""

    skills: dict[str, float]
    csat: float
    fcr: float
    qa: float
    adherence: float
    talk: float
    hold: float
    acw: float
    drift: float  # change of the fraction KPIs per day (tiny)
    saturday: bool
    hire: int  # day offset of the hire date (negative: before the demo period)
    handle: float  # the team's handle-time factor
    lifts: dict[str, Lift] = field(default_factory=dict)

    def base(self, code: str) -> float:
        return self.talk if code == "AHT" else getattr(self, code.lower())

    def potential(self, code: str) -> float:
        if code == "AHT":
            return self.talk * 0.82
        return min(0.985, self.base(code) + {"CSAT": 0.08, "FCR": 0.09, "QA": 0.08}.get(code, 0.04))

    def lift(self, code: str) -> Lift:
        return self.lifts.setdefault(code, Lift())

    def level(self, code: str, day: int) -> float:
        """The noise-free level of a coachable KPI on a day (AHT: talk seconds, lower is better)."""
        base, lifted = self.base(code), self.lift(code).at(day)
        return base - lifted if code == "AHT" else base + lifted

    def coach(self, code: str, day: int, rng: random.Random, share: tuple[float, float] = (0.3, 0.6)) -> float:
        """Feedback targeting ``code`` on ``day``: add a gain of ``share`` (default 30-60%) of the remaining gap;
        return it."""
        gap = abs(self.potential(code) - self.level(code, day))
        gain = gap * rng.uniform(*share)
        self.lift(code).add(day, gain)
        return gain


def make_profile(rng: random.Random, behaviours: list[str], handle: float, hire: int) -> AgentProfile:
    ability = rng.gauss(0.0, 1.0)
    skills = {code: clamp(0.55 + 0.12 * ability + rng.gauss(0.0, 0.12), 0.08, 0.95) for code in behaviours}

    def z(*codes: str) -> float:
        vals = [skills[c] for c in codes if c in skills]
        return (sum(vals) / len(vals) - 0.55) / 0.15 if vals else ability

    return AgentProfile(
        skills=skills,
        csat=clamp(0.84 + 0.035 * z("LISTEN", "EMPATHY", "TONE", "COURTESY") + rng.gauss(0, 0.015), 0.6, 0.96),
        fcr=clamp(0.74 + 0.03 * z("RESOLVE", "OWNERSHIP", "LISTEN") + rng.gauss(0, 0.015), 0.5, 0.92),
        qa=clamp(0.86 + 0.03 * z("COMPLIANCE", "COURTESY") + rng.gauss(0, 0.015), 0.62, 0.97),
        adherence=clamp(0.91 + rng.gauss(0, 0.025), 0.8, 0.98),
        talk=300 * handle * clamp(1 - 0.05 * z("RESOLVE") + rng.gauss(0, 0.06), 0.7, 1.4),
        hold=max(6.0, 28 * handle * (1 - 0.08 * z("OWNERSHIP", "RESOLVE") + rng.gauss(0, 0.2))),
        acw=max(10.0, 42 * handle * (1 - 0.05 * z("COMPLIANCE") + rng.gauss(0, 0.15))),
        drift=rng.gauss(0.0, 0.012) / 365, saturday=rng.random() < 0.25, hire=hire, handle=handle)


class Lift:
    """A coaching effect on one measure: each event's gain builds up over ~2 weeks, then fades over months."""

    __slots__ = ("events",)

    def __init__(self) -> None:
        self.events: list[tuple[int, float]] = []

    def add(self, day: int, gain: float) -> None:
        self.events.append((day, gain))

    def at(self, day: int) -> float:
        return sum(g * (1 - math.exp(-(day - d) / RAMP_DAYS)) * math.exp(-(day - d) / FADE_DAYS)
                   for d, g in self.events if day > d)

    def series(self, offsets: list[int]) -> list[float]:
        """``at`` for each of the ascending, non-negative ``offsets``: between two events the lift is
        ``a * exp(-t/FADE) - b * exp(-t/FAST)`` with running sums ``a`` and ``b``, so it costs one pass."""
        size = offsets[-1] + 1 if offsets else 1
        fade, fast = _decay(size, 1 / FADE_DAYS), _decay(size, 1 / RAMP_DAYS + 1 / FADE_DAYS)
        out: list[float] = []
        a = b = 0.0
        events = sorted(self.events)
        bounds = [bisect_right(offsets, d) for d, _g in events] + [len(offsets)]
        out.extend(0.0 for _ in range(bounds[0]))
        for k, (d, g) in enumerate(events):
            if d < size:
                a += g / fade[max(d, 0)]
                b += g / fast[max(d, 0)]
            out.extend([fade[o] * a - fast[o] * b for o in offsets[bounds[k]:bounds[k + 1]]])
        return out


def work_days(rng: random.Random, first: int, last: int, weekday0: int, saturday: bool) -> list[int]:
    """Days worked: Monday-Friday, every other Saturday on a Saturday rota, minus holidays (two weeks a year in
    blocks) and about 3% sickness."""
    off: set[int] = set()
    for year_start in range(first, last + 1, 365):
        for _ in range(2):
            begin = year_start + rng.randrange(0, 358)
            off.update(range(begin, begin + 7))
    days, rnd = [], rng.random
    for o in range(first, last + 1):
        w = (weekday0 + o) % 7
        if w == 6 or (w == 5 and not (saturday and (o // 7) % 2 == 0)) or o in off or rnd() < 0.03:
            continue
        days.append(o)
    return days


def schedule(rng: random.Random, first: int, last: int, lo: int, hi: int, weekday0: int) -> list[int]:
    """Weekday offsets from ``first`` to ``last``, each ``lo``-``hi`` days after the one before."""
    out, o = [], first
    while True:
        while (weekday0 + o) % 7 >= 5:
            o += 1
        if o > last:
            return out
        out.append(o)
        o += rng.randint(lo, hi)


def kpi_series(p: AgentProfile, offsets: list[int], weekday0: int, rng: random.Random) -> dict[str, list]:
    """The daily figures of one agent for the days worked: values aligned with ``offsets`` (QA None on days
    without an evaluation). Percentages are 0-1 fractions, times are seconds per contact."""
    n = len(offsets)
    if not n:
        return {code: [] for code in KPI_CODES}
    zs = [noise(rng, n) for _ in range(8)]
    wk = [(weekday0 + o) % 7 for o in offsets]
    zero = list(repeat(0.0, n))
    lift = {code: (p.lifts[code].series(offsets) if code in p.lifts and p.lifts[code].events else zero)
            for code in COACHABLE}
    new = [math.exp(-(o - p.hire) / 45) for o in offsets] if p.hire > -200 else zero
    drift = [p.drift * o for o in offsets]
    hf, vol, wc = WEEKDAY_HANDLE, WEEKDAY_VOLUME, WEEKDAY_CSAT
    talk = [round(max(60.0, (p.talk * (1 + 0.35 * nw) - lf) * hf[w] * (1 + 0.07 * e)), 1)
            for nw, lf, w, e in zip(new, lift["AHT"], wk, zs[0], strict=True)]
    hold = [round(max(3.0, p.hold * (1 + 0.3 * e)), 1) for e in zs[1]]
    acw = [round(max(8.0, p.acw * (1 + 0.25 * nw) * (1 + 0.18 * e)), 1) for nw, e in zip(new, zs[2], strict=True)]
    aht = [round(a + b + c, 1) for a, b, c in zip(talk, hold, acw, strict=True)]
    adh = [round(clamp(p.adherence + lf + 0.022 * e, 0.6, 0.995), 3)
           for lf, e in zip(lift["ADHERENCE"], zs[3], strict=True)]
    ans = [max(5, round((14400 if w == 5 else 25200) * 0.86 * a / h * vol[w] * (1 + 0.05 * e)))
           for w, a, h, e in zip(wk, adh, aht, zs[4], strict=True)]
    fcr = [round(round(n_ * clamp(p.fcr + d - 0.05 * nw + lf + 0.02 * e, 0.3, 0.97)) / n_, 4)
           for n_, d, nw, lf, e in zip(ans, drift, new, lift["FCR"], zs[5], strict=True)]
    csat = []
    for n_, w, d, nw, lf, e in zip(ans, wk, drift, new, lift["CSAT"], zs[6], strict=True):
        surveys = max(2, n_ // 6)
        q = clamp(p.csat + wc[w] + d - 0.04 * nw + lf, 0.3, 0.99)
        csat.append(round(clamp(round(surveys * q + math.sqrt(surveys * q * (1 - q)) * e), 0, surveys) / surveys, 4))
    qa = [round(clamp(p.qa + d - 0.05 * nw + lf + 0.045 * e, 0.4, 1.0), 2) if rng.random() < 0.4 else None
          for d, nw, lf, e in zip(drift, new, lift["QA"], zs[7], strict=True)]
    return {"ANSWERED": ans, "AHT": aht, "TALK": talk, "HOLD": hold, "ACW": acw, "FCR": fcr, "CSAT": csat,
            "QA": qa, "ADHERENCE": adh}


def window_mean(days: list[int], values: list, lo: int, hi: int, least: int = 5) -> float | None:
    """Mean of the values whose day is within ``lo``-``hi`` (``days`` ascending), None with fewer than ``least``."""
    picked = [v for v in values[bisect_left(days, lo):bisect_right(days, hi)] if v is not None]
    return sum(picked) / len(picked) if len(picked) >= least else None


def weakest_kpis(rng: random.Random, p: AgentProfile, codes: list[str]) -> list[str]:
    """``codes`` from the agent's weakest to strongest compared with a typical agent, with some randomness."""
    def weakness(code: str) -> float:
        if code == "AHT":
            return (p.talk / (300 * p.handle) - 1) / 0.06
        mean, spread = NORMS[code]
        return (mean - p.base(code)) / spread
    return sorted(codes, key=lambda code: -rng.gauss(weakness(code), 0.8))


def rating_lookup(points: list[tuple]) -> tuple[list[tuple], tuple | None]:
    """For a scale's (value, label, score) points: the nearest point to each level 0.00-1.00, and the N/A point."""
    scored = [pt for pt in points if pt[2] is not None]
    table = [min(scored, key=lambda pt: abs(pt[2] - i / 100)) for i in range(101)] if scored else []
    return table, next((pt for pt in points if pt[2] is None), None)


def one_to_one_items(rng: random.Random, kind: str) -> list[tuple]:
    """The new lines of a one-to-one of ``kind``: (item kind, text, owner "agent"/"leader"/None, due in days,
    status, visibility, reward scope)."""
    items: list[tuple] = []
    if kind == "expectation_setting":
        items += [("expectation", t, None, None, None, "shared", None)
                  for t in rng.sample(EXPECTATIONS, rng.randint(2, 3))]
        items += [("motivator", t, None, None, None, "shared", None) for t in rng.sample(MOTIVATORS, rng.randint(1, 2))]
    else:
        items.append(("agenda", "Figures and objectives since last time.", None, None, None, "shared", None))
        if kind == "development" and rng.random() < 0.5:
            items.append(("motivator", rng.choice(MOTIVATORS), None, None, None, "shared", None))
    if kind == "expectation_setting" or rng.random() < 0.1:
        text, scope = rng.choice(REWARDS)
        items.append(("reward", text, None, None, None, "shared", scope))
    items += [("action", t, owner, rng.randint(7, 21), "open", "shared", None)
              for t, owner in rng.sample(ACTIONS, rng.randint(1, 2))]
    if kind == "expectation_setting" or rng.random() < 0.5:
        items.append(("commitment", rng.choice(COMMITMENTS), "agent", None, "open", "shared", None))
    if rng.random() < 0.15:
        items.append(("note", rng.choice(COACH_NOTES), "leader", None, None, "coach_only", None))
    return items


def delivery_day(rng: random.Random, day: int, weekday0: int) -> int:
    """The day feedback on a session of ``day`` is given: the same day 60% of the time, else a working day 1-3 days
    later."""
    if rng.random() < 0.6:
        return day
    day += rng.choice((1, 1, 1, 2, 3))
    while (weekday0 + day) % 7 >= 5:
        day += 1
    return day


def meeting_minutes(rng: random.Random) -> tuple[int, int]:
    """A one-to-one's planned start (a quarter hour from 10:00 to 16:15, in minutes after midnight) and when it
    really started: on time, or up to 40 minutes late."""
    planned = 600 + 15 * rng.randint(0, 25)
    return planned, planned if rng.random() < 0.6 else planned + rng.randint(1, 40)


def one_to_one_status(rng: random.Random, age: int, latest: bool) -> str:
    """"upcoming" for a day after today (``age`` < 0), else draft (the latest, not yet written up), held, or
    acknowledged by the agent (most, once a week has passed)."""
    if age < 0:
        return "upcoming"
    if latest and age < 10 and rng.random() < 0.15:
        return "draft"
    return "held" if age < 7 or rng.random() < 0.1 else "acknowledged"


def next_meeting(rng: random.Random, planned: int, today: int, weekday0: int) -> int:
    """The working day of the next one-to-one, 1-14 days after ``today``: ``planned`` when it falls in that window,
    else soon (overdue) or in the second week (planned further out)."""
    day = planned if today < planned <= today + 14 else today + rng.randint(1, 7) if planned <= today \
        else today + rng.randint(8, 14)
    while (weekday0 + day) % 7 >= 5:
        day += 1
    if day > today + 14:
        day = today + 14
        while (weekday0 + day) % 7 >= 5:
            day -= 1
    return day


def review_outcome(rng: random.Random) -> str:
    """What the next one-to-one makes of an open action or commitment."""
    r = rng.random()
    return "carried" if r < 0.3 else "done" if r < 0.85 else "not_met" if r < 0.93 else "dropped"


def closing_time(rng: random.Random, outcome: str, since: int, day: int, started: int,
                 weekday0: int) -> tuple[int, int]:
    """When an item opened at the one-to-one of day ``since`` was closed, as (day, minutes after midnight): half of
    the actions done are ticked off on a working day in between, the rest at the review on ``day``, a few minutes
    after its start (``started``)."""
    if outcome == "done" and rng.random() < 0.5:
        when = rng.randint(since + 1, day)
        if when < day and (weekday0 + when) % 7 < 5:
            return when, rng.randint(480, 1050)
        if when == day and started > 540:
            return day, rng.randint(480, started - 1)
    return day, started + rng.randint(5, 45)


def draft_agenda(rng: random.Random, kind: str, carried: bool) -> list[tuple]:
    """The agenda a leader prepares for the next one-to-one, as ``one_to_one_items`` lines; the open actions carried
    into it are added separately."""
    lines = [DRAFT_AGENDA[kind == "expectation_setting"]]
    if carried:
        lines.append(DRAFT_AGENDA[2])
    lines += rng.sample(AGENDA_POINTS, rng.randint(0, 2))
    return [("agenda", text, None, None, None, "shared", None) for text in lines]
