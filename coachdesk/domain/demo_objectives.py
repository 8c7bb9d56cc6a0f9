"""Pure demo-data generation of objectives: calendar quarters, commit/target/stretch levels fitted to how an agent
really does, and KPI and behaviour objectives with their outcomes."""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from coachdesk.domain.demo_model import AgentProfile, clamp, window_mean
from coachdesk.domain.demo_names import HOW, OBJECTIVE_KPIS


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(day: date) -> date:
    q = quarter_start(day)
    return date(q.year + (q.month == 10), 1 if q.month == 10 else q.month + 3, 1)


def quarters(start: date, first: int, last: int, today: date) -> list[tuple[int, int]]:
    """The calendar quarters begun by ``today`` that overlap days ``first``-``last``, as (first day, last day)
    offsets from ``start``."""
    out, q = [], quarter_start(start + timedelta(days=first))
    while q <= today:
        lo, hi = (q - start).days, (next_quarter(q) - start).days - 1
        if hi >= first and lo <= last:
            out.append((lo, hi))
        q = next_quarter(q)
    return out


def format_level(code: str, value: float) -> str:
    """A KPI level as a person writes it: 6:12 for seconds, 82.5% for fractions."""
    if code == "AHT":
        secs = round(value)
        return f"{secs // 60}:{secs % 60:02d}"
    return f"{value * 100:.1f}%"


def objective_levels(code: str, baseline: float) -> tuple[float, float, float]:
    """Commit, target and stretch for a quarter from a baseline (rounded like a leader would)."""
    step = OBJECTIVE_KPIS[code][1]
    if code == "AHT":
        return (5 * round((baseline + step / 2) / 5), 5 * round((baseline + step) / 5),
                5 * round((baseline + 1.7 * step) / 5))
    return tuple(round(min(0.99, baseline + k * step) * 200) / 200 for k in (0.5, 1.0, 1.7))  # type: ignore


#: the share of objectives whose figures land at or beyond stretch, on target, and below target (the rest: below
#: the commit level); levels are set around how the agent really does, so a demo centre looks like a real one
BAND_SHARES = (0.22, 0.46, 0.27)
#: the gaps between the levels as a share of the KPI's usual step, and the lowest commit level (baseline + this
#: share of the step: about the baseline, "hold what you have at least")
LEVEL_GAP, COMMIT_FLOOR = 0.4, -0.3
#: the target is always a step up from the baseline (this share of the KPI's usual step)
TARGET_FLOOR = 0.1
#: an agreed objective is worked on: the agent closes this share of the gap to their potential on that KPI
OBJECTIVE_EFFORT = (0.5, 0.8)
#: the usual step of a behaviour objective (share of ratings at Good or better)
BEHAVIOUR_STEP = 0.3


def fitted_levels(baseline: float | None, actual: float, rng: random.Random, step: float,
                  lower_is_better: bool = False) -> tuple[float, float, float]:
    """Commit, target and stretch (unrounded) set around the period's ``actual`` value so that it lands in a band
    drawn with ``BAND_SHARES``, the levels ``LEVEL_GAP`` x ``step`` or so apart. A leader sets them from the
    baseline, so the commit level is about the baseline at least (``COMMIT_FLOOR``) and the target a step better
    (``TARGET_FLOOR``): an agent whose figures slipped below the baseline is far below whatever was drawn."""
    sign = -1.0 if lower_is_better else 1.0
    r, u = sign * actual, rng.random()

    def gap(lo: float, hi: float) -> float:
        return LEVEL_GAP * step * rng.uniform(lo, hi)

    if u < BAND_SHARES[0]:  # at or beyond stretch
        stretch = r - gap(0.08, 0.35)
        target = stretch - gap(0.3, 0.6)
        commit = target - gap(0.4, 0.7)
    elif u < sum(BAND_SHARES[:2]):  # on target
        target, stretch = r - gap(0.08, 0.5), r + gap(0.15, 0.6)
        commit = target - gap(0.4, 0.7)
    elif u < sum(BAND_SHARES):  # below: in the lower half between commit and target, whatever the tolerance
        commit = r - gap(0.08, 0.35)
        target = commit + 2 * (r - commit) + gap(0.1, 0.4)
        stretch = target + gap(0.5, 0.8)
    else:  # short of the commit level
        commit = r + gap(0.08, 0.4)
        target = commit + gap(0.4, 0.7)
        stretch = target + gap(0.5, 0.8)
    if baseline is not None:
        commit = max(commit, sign * baseline + COMMIT_FLOOR * step)
        target = max(target, sign * baseline + TARGET_FLOOR * step)
    target = max(target, commit + 0.2 * LEVEL_GAP * step)
    stretch = max(stretch, target + 0.3 * LEVEL_GAP * step)
    return sign * commit, sign * target, sign * stretch


def fitted_kpi_levels(code: str, baseline: float, actual: float, rng: random.Random) -> tuple[float, float, float]:
    """``fitted_levels`` for a coachable KPI, rounded like a leader writes them (whole seconds, 0.1%)."""
    commit, target, stretch = fitted_levels(baseline, actual, rng, abs(OBJECTIVE_KPIS[code][1]), code == "AHT")
    if code == "AHT":
        return float(round(commit)), float(round(target)), float(round(stretch))
    return round(min(0.995, commit), 3), round(min(0.995, target), 3), round(min(0.995, stretch), 3)


def kpi_objective(code: str, p: AgentProfile, start: int, end: int, today: int, days: list[int], values: list,
                  due: date, rng: random.Random | None = None,
                  weights: list | None = None) -> tuple[str, float, tuple[float, float, float], bool]:
    """Statement, baseline (the four weeks before the start), commit/target/stretch, and whether the period's
    figures (weighted by ``weights`` when given, as AHT by answered contacts) reached the target level (less
    half the way from commit to target, the band rule's largest tolerance). With
    ``rng`` the levels are fitted around the period's figures (``fitted_kpi_levels``), else a fixed step from the
    baseline."""
    baseline = window_mean(days, values, start - 28, start - 1)
    if baseline is None:
        baseline = p.level(code, max(start, 0)) + (p.hold + p.acw if code == "AHT" else 0.0)
    baseline = round(baseline, 1 if code == "AHT" else 4)
    lo, hi = bisect_left(days, start), bisect_right(days, min(end, today))
    pairs = [(v, 1.0 if weights is None else weights[i]) for i, v in enumerate(values[lo:hi], lo) if v is not None]
    volume = sum(w for _v, w in pairs)
    outcome = sum(v * w for v, w in pairs) / volume if volume > 0 else None
    levels = objective_levels(code, baseline) if rng is None or outcome is None else \
        fitted_kpi_levels(code, baseline, outcome, rng)
    # met: on target, where the band rule's tolerance is at most half the way from commit to target
    bar = levels[1] - (levels[1] - levels[0]) / 2
    slack = 1e-9 * max(1.0, abs(bar))  # a value on the boundary meets it, as in the band rule
    met = outcome is not None and (outcome <= bar + slack if code == "AHT" else outcome >= bar - slack)
    verb = "Bring down" if code == "AHT" else "Raise"
    return (f"{verb} my {OBJECTIVE_KPIS[code][0]} from {format_level(code, baseline)} to "
            f"{format_level(code, levels[1])} by {due.day} {due:%b %Y}, {HOW[code]}."), baseline, levels, met


def behaviour_objective(name: str, scores: list[tuple[int, float]], start: int, end: int, due: date,
                        rng: random.Random | None = None,
                        today: int | None = None) -> tuple[str, float | None, tuple[float, float, float], bool]:
    """Measured as the share of ratings at Good or better: baseline over the eight weeks before. Without ``rng``
    the levels are fixed (half, three quarters, all) and the objective met when half or more of the quarter's
    ratings were; with it they are fitted around the share up to ``today`` (``fitted_levels``, the target a
    quarter at least) and met at the target."""
    before = [sc >= 0.66 for o, sc in scores if start - 56 <= o < start]
    last = end if today is None else min(end, today)
    during = [sc >= 0.66 for o, sc in scores if start <= o <= last]
    baseline = round(sum(before) / len(before), 4) if before else None
    share = sum(during) / len(during) if during else None
    if rng is None or share is None:
        met = share is not None and share >= 0.5
        return (f"Be rated Good or better on {name.lower()} in at least three of every four observations by "
                f"{due.day} {due:%b %Y}."), baseline, (0.5, 0.75, 1.0), met
    # a few ratings make a noisy baseline, so it does not bound the levels; a target asks for a quarter at least
    commit, target, stretch = fitted_levels(None, share, rng, BEHAVIOUR_STEP)
    target = max(target, 0.25)
    levels = tuple(round(clamp(x, 0.0, 0.95), 2) for x in (min(commit, target), target, max(stretch, target)))
    return (f"Be rated Good or better on {name.lower()} in at least {levels[1]:.0%} of observations by "
            f"{due.day} {due:%b %Y}."), baseline, levels, share >= levels[1]  # type: ignore[return-value]
