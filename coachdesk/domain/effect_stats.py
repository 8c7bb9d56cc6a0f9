"""Coaching effect: a KPI (or a score) before and after a coaching event, with a seeded bootstrap interval.

The rule (also in ARCHITECTURE.md, "Trends and coaching effect"):

* **Windows**: ``before_days`` days before the event day and ``after_days`` days after it (default 14 each); the
  event day itself is left out (it is half before, half after).
* **Same weekdays**: only weekdays that have figures on *both* sides count, so a side is never better just because
  it holds the quiet Saturdays the other lacks. With 14-day windows each side holds every weekday twice.
* **Each side's value** is the KPI's aggregate (``kpi_math.aggregate``: mean, sum, or mean weighted by volume)
  over its days; ``days`` and ``volume`` (contacts) say what it rests on.
* **Change** = after - before, in the KPI's base unit; ``gain`` is the same read in the KPI's direction
  (positive = better).
* **Interval**: a percentile bootstrap (``resamples`` times, days drawn with replacement within each side, the
  aggregate recomputed, seeded so the same data always gives the same interval), 95% by default. An interval
  wholly on the better side reads "better", wholly on the worse side "worse", otherwise "no clear change".
* **Not enough data** when a side has fewer than ``MIN_SIDE_DAYS`` days: no change and no interval are given.

Roll-ups (per coach, behaviour, team) pool the events' gains: their mean with a bootstrap interval over events
(each event one unit), the number of events and the share that went the right way.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coachdesk.domain.enums import Aggregation, Direction
from coachdesk.domain.kpi_math import DayFigure, aggregate, percentile

DEFAULT_WINDOW_DAYS = 14
#: fewest days with figures on each side before a change is worth stating
MIN_SIDE_DAYS = 5
#: fewest events before a roll-up states a mean change
MIN_EVENTS = 3
RESAMPLES = 1000
CONFIDENCE = 0.95

BETTER, WORSE, UNCLEAR, NOT_ENOUGH = "better", "worse", "no clear change", "not enough data"


@dataclass(frozen=True)
class Side:
    start: date
    end: date
    value: float | None
    days: int
    #: contacts behind a weighted mean (0 when the KPI is not weighted)
    volume: float = 0.0


@dataclass(frozen=True)
class Effect:
    before: Side
    after: Side
    direction: Direction
    change: float | None = None
    low: float | None = None
    high: float | None = None
    confidence: float = CONFIDENCE

    @property
    def enough(self) -> bool:
        return self.change is not None

    @property
    def gain(self) -> float | None:
        """The change read in the KPI's direction: positive = better."""
        return None if self.change is None else _signed(self.change, self.direction)

    @property
    def verdict(self) -> str:
        if self.change is None or self.low is None or self.high is None:
            return NOT_ENOUGH
        low, high = sorted((_signed(self.low, self.direction), _signed(self.high, self.direction)))
        if low > 0:
            return BETTER
        if high < 0:
            return WORSE
        return UNCLEAR


@dataclass(frozen=True)
class Pooled:
    """Events pooled: the mean gain (positive = better) with its interval, and how many went each way."""

    n: int
    mean: float | None
    low: float | None
    high: float | None
    better: int
    worse: int

    @property
    def enough(self) -> bool:
        return self.mean is not None

    @property
    def verdict(self) -> str:
        if self.mean is None or self.low is None or self.high is None:
            return NOT_ENOUGH
        return BETTER if self.low > 0 else WORSE if self.high < 0 else UNCLEAR


def _signed(value: float, direction: Direction) -> float:
    return value if Direction(direction) is Direction.HIGHER_IS_BETTER else -value


def windows(event: date, before_days: int = DEFAULT_WINDOW_DAYS,
            after_days: int = DEFAULT_WINDOW_DAYS) -> tuple[tuple[date, date], tuple[date, date]]:
    """((first, last) day before, (first, last) day after) ``event``, both inclusive; the event day is in neither."""
    if before_days < 1 or after_days < 1:
        raise ValueError("windows must hold at least one day")
    return ((event - timedelta(days=before_days), event - timedelta(days=1)),
            (event + timedelta(days=1), event + timedelta(days=after_days)))


def same_weekdays(before: Sequence[DayFigure], after: Sequence[DayFigure]) -> tuple[list[DayFigure],
                                                                                   list[DayFigure]]:
    """Keep only figures on weekdays that have figures on both sides."""
    common = {f.day.weekday() for f in before} & {f.day.weekday() for f in after}
    return [f for f in before if f.day.weekday() in common], [f for f in after if f.day.weekday() in common]


def _side(figures: Sequence[DayFigure], rule: Aggregation, span: tuple[date, date]) -> Side:
    result = aggregate(figures, rule)
    return Side(span[0], span[1], result.value, result.days, result.volume)


def terms(figures: Sequence[DayFigure], rule: Aggregation) -> tuple[list[float], list[float], bool]:
    """Each day's numerator and denominator of its side's aggregate, so a resample is two sums; True = a sum."""
    if rule is Aggregation.WEIGHTED_MEAN and not aggregate(figures, rule).unweighted:
        kept = [f for f in figures if f.weight is not None and f.weight > 0]
        return [f.value * f.weight for f in kept], [f.weight for f in kept], False
    return [f.value for f in figures], [1.0] * len(figures), rule is Aggregation.SUM


def _draw(numerators: list[float], denominators: list[float], total: bool, rng: random.Random) -> float | None:
    """One resample with replacement: the same draws as ``rng.choices`` (``floor(random() * n)`` per pick), summed
    in the same order, without building the picked tuples (the effect table's hot loop)."""
    n = len(numerators)
    draw = rng.random
    picks = [math.floor(draw() * n) for _ in range(n)]
    numerator = sum(map(numerators.__getitem__, picks))
    if total:
        return numerator
    denominator = sum(map(denominators.__getitem__, picks))
    return numerator / denominator if denominator > 0 else None


def bootstrap_sides(before: Sequence[DayFigure], after: Sequence[DayFigure], rule: Aggregation,
                    resamples: int) -> tuple[list[float], list[float], list[float], list[float], bool] | None:
    """Each side's terms (``terms``: before's, then after's) and whether the rule sums; None when no bootstrap runs."""
    rule = Aggregation(rule)
    b_num, b_den, total = terms(before, rule)
    a_num, a_den, _total = terms(after, rule)
    if not b_num or not a_num or resamples <= 0:
        return None
    return b_num, b_den, a_num, a_den, total


def percentile_interval(differences: list[float], resamples: int,
                        confidence: float) -> tuple[float, float] | None:
    """The percentile interval of the resampled differences; None when fewer than half the resamples gave one."""
    if len(differences) < resamples // 2:
        return None
    tail = (1 - confidence) / 2
    return percentile(differences, tail), percentile(differences, 1 - tail)  # type: ignore[return-value]


def bootstrap_difference(before: Sequence[DayFigure], after: Sequence[DayFigure], rule: Aggregation,
                         resamples: int = RESAMPLES, seed: int = 0,
                         confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """Percentile bootstrap interval of aggregate(after) - aggregate(before), resampling days within each side."""
    sides = bootstrap_sides(before, after, rule, resamples)
    if sides is None:
        return None
    b_num, b_den, a_num, a_den, total = sides
    rng = random.Random(seed)
    differences = []
    for _ in range(resamples):
        b, a = _draw(b_num, b_den, total, rng), _draw(a_num, a_den, total, rng)
        if a is not None and b is not None:
            differences.append(a - b)
    return percentile_interval(differences, resamples, confidence)


def before_after(figures: Sequence[DayFigure], event: date, rule: Aggregation, direction: Direction,
                 before_days: int = DEFAULT_WINDOW_DAYS, after_days: int = DEFAULT_WINDOW_DAYS,
                 resamples: int = RESAMPLES, seed: int = 0, confidence: float = CONFIDENCE,
                 min_days: int = MIN_SIDE_DAYS, match_weekdays: bool = True,
                 interval_of: Callable[..., tuple[float, float] | None] | None = None) -> Effect:
    """The effect around ``event`` from one person's daily ``figures`` of one KPI (any days; only the windows'
    are used). See the module docstring for the rule. ``resamples=0`` gives the change without an interval (a
    roll-up needs only the changes). Observation scores (a few a month) pass ``match_weekdays=False``.
    ``interval_of`` computes the interval in place of ``bootstrap_difference`` (same arguments, same result: the
    services pass a vectorised one)."""
    (b0, b1), (a0, a1) = windows(event, before_days, after_days)
    usable = [f for f in figures if f.value is not None and math.isfinite(f.value)]
    before, after = [f for f in usable if b0 <= f.day <= b1], [f for f in usable if a0 <= f.day <= a1]
    if match_weekdays:
        before, after = same_weekdays(before, after)
    rule, direction = Aggregation(rule), Direction(direction)
    side_b, side_a = _side(before, rule, (b0, b1)), _side(after, rule, (a0, a1))
    if min(side_b.days, side_a.days) < min_days or side_b.value is None or side_a.value is None:
        return Effect(side_b, side_a, direction)
    interval = (interval_of or bootstrap_difference)(before, after, rule, resamples, seed, confidence)
    low, high = interval if interval else (None, None)
    return Effect(side_b, side_a, direction, side_a.value - side_b.value, low, high, confidence)


def resampled_means(values: Sequence[float], resamples: int, seed: int) -> list[float]:
    """The bootstrap's means: ``resamples`` times, ``len(values)`` values drawn with replacement, summed exactly."""
    rng = random.Random(seed)
    n = len(values)
    return [math.fsum(rng.choices(values, k=n)) / n for _ in range(resamples)]


def pool(gains: Sequence[float], resamples: int = RESAMPLES, seed: int = 0, confidence: float = CONFIDENCE,
         min_events: int = MIN_EVENTS, means_of: Callable[..., list[float]] | None = None) -> Pooled:
    """Pool events' gains (positive = better): their mean and a bootstrap interval over events. ``means_of``
    computes the resampled means in place of ``resampled_means`` (same arguments, same result: the services pass
    a vectorised one)."""
    values = [g for g in gains if g is not None and math.isfinite(g)]
    better = sum(1 for g in values if g > 0)
    worse = sum(1 for g in values if g < 0)
    if len(values) < min_events:
        return Pooled(len(values), None, None, None, better, worse)
    n = len(values)
    means = sorted((means_of or resampled_means)(values, resamples, seed))
    tail = (1 - confidence) / 2
    return Pooled(n, math.fsum(values) / n, percentile(means, tail), percentile(means, 1 - tail), better, worse)


def seed_for(text: str) -> int:
    """A stable seed from a record's identity (Python's ``hash`` of a str changes between runs)."""
    value = 0
    for ch in text:
        value = (value * 131 + ord(ch)) % 2_147_483_647
    return value
