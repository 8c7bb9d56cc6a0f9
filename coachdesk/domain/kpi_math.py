"""KPI arithmetic: a period's value by the KPI's aggregation rule, percentiles, least-squares trends and forecasts.

Figures are ``DayFigure(day, value, weight)``: one person's value of one KPI on one day (or one export period,
dated by its last day) in the KPI's base unit, with the volume that weights it (answered contacts for AHT) when
the KPI is a weighted mean. Everything here is plain arithmetic on those tuples; the services fetch them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from coachdesk.domain.enums import Aggregation, Direction, Unit

#: fewest days with figures before a trend is fitted and a forecast given
MIN_TREND_DAYS = 5


@dataclass(frozen=True)
class DayFigure:
    day: date
    value: float
    #: the volume behind the value (weighted means only); None when no volume figure exists for that day
    weight: float | None = None


@dataclass(frozen=True)
class Aggregate:
    """A period's value and what it rests on."""

    value: float | None
    #: figures used
    days: int
    #: total volume behind a weighted mean (0 for other rules)
    volume: float = 0.0
    #: a weighted mean fell back to the plain mean because no figure had a volume beside it
    unweighted: bool = False


def aggregate(figures: Iterable[DayFigure], rule: Aggregation) -> Aggregate:
    """The value of a period under ``rule``.

    * ``mean``: the mean of the figures.
    * ``sum``: their total.
    * ``weighted_mean``: sum(value x volume) / sum(volume) over the figures that have a volume; a day with no
      contacts (volume 0) counts for nothing. A mean of daily AHTs is *not* this: a 40-call day weighs four times
      a 10-call day. When no figure has a volume, the plain mean is given and ``unweighted`` says so.
    """
    items = [f for f in figures if f.value is not None and math.isfinite(f.value)]
    if not items:
        return Aggregate(None, 0)
    rule = Aggregation(rule)
    if rule is Aggregation.SUM:
        return Aggregate(math.fsum(f.value for f in items), len(items))
    if rule is Aggregation.WEIGHTED_MEAN:
        weighted = [f for f in items if f.weight is not None and f.weight > 0]
        volume = math.fsum(f.weight for f in weighted)  # type: ignore[misc]
        if volume > 0:
            return Aggregate(math.fsum(f.value * f.weight for f in weighted) / volume,  # type: ignore[operator]
                             len(weighted), volume)
        if any(f.weight is not None for f in items):  # every volume is 0: no contacts, no value
            return Aggregate(None, 0)
        return Aggregate(math.fsum(f.value for f in items) / len(items), len(items), unweighted=True)
    return Aggregate(math.fsum(f.value for f in items) / len(items), len(items))


def percentile(values: Sequence[float], share: float) -> float | None:
    """The ``share`` (0-1) percentile by linear interpolation between closest ranks (NumPy's default, type 7).

    >>> percentile([1, 2, 3, 4], 0.9)
    3.7
    """
    if not 0 <= share <= 1:
        raise ValueError("share must be between 0 and 1")
    ordered = sorted(v for v in values if v is not None and math.isfinite(v))
    if not ordered:
        return None
    position = (len(ordered) - 1) * share
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def best_share_level(values: Sequence[float], share: float, direction: Direction) -> float | None:
    """The level the best ``share`` of ``values`` reached: for share 0.1 and higher-is-better, the 90th percentile;
    for lower-is-better, the 10th."""
    return percentile(values, 1 - share if Direction(direction) is Direction.HIGHER_IS_BETTER else share)


def share_at_or_better(values: Sequence[float], level: float, direction: Direction) -> float | None:
    """Which share (0-1) of ``values`` is at ``level`` or better."""
    items = [v for v in values if v is not None and math.isfinite(v)]
    if not items:
        return None
    better = sum(1 for v in items if is_at_or_better(v, level, direction))
    return better / len(items)


def is_at_or_better(value: float, level: float, direction: Direction) -> bool:
    return value >= level if Direction(direction) is Direction.HIGHER_IS_BETTER else value <= level


def is_better(value: float, level: float, direction: Direction) -> bool:
    return value > level if Direction(direction) is Direction.HIGHER_IS_BETTER else value < level


@dataclass(frozen=True)
class Trend:
    """A least-squares line ``value = intercept + slope * (day - origin)``, in base units per day."""

    origin: date
    intercept: float
    slope: float

    def at(self, day: date) -> float:
        return self.intercept + self.slope * (day - self.origin).days


def fit_trend(figures: Sequence[DayFigure], weighted: bool = False) -> Trend | None:
    """Least squares over the figures' days; with ``weighted``, each day counts by its volume (a quiet day's AHT
    is noisier). None with fewer than ``MIN_TREND_DAYS`` days, or when they all fall on one day."""
    points = [(f.day, f.value, (f.weight if weighted else 1.0)) for f in figures
              if f.value is not None and math.isfinite(f.value)]
    points = [(d, v, w) for d, v, w in points if w is not None and w > 0]
    if len({d for d, _, _ in points}) < MIN_TREND_DAYS:
        return None
    origin = min(d for d, _, _ in points)
    total = math.fsum(w for _, _, w in points)
    mean_x = math.fsum((d - origin).days * w for d, _, w in points) / total
    mean_y = math.fsum(v * w for _, v, w in points) / total
    sxx = math.fsum(w * ((d - origin).days - mean_x) ** 2 for d, _, w in points)
    if sxx == 0:
        return None
    sxy = math.fsum(w * ((d - origin).days - mean_x) * (v - mean_y) for d, v, w in points)
    slope = sxy / sxx
    return Trend(origin, mean_y - slope * mean_x, slope)


def clamp_to_unit(value: float, unit: Unit) -> float:
    """Keep a projection inside what the unit allows: 0-1 for percentages, not below 0 for durations and counts."""
    unit = Unit(unit)
    if unit is Unit.PERCENT:
        return min(1.0, max(0.0, value))
    if unit in (Unit.SECONDS, Unit.COUNT):
        return max(0.0, value)
    return value


@dataclass(frozen=True)
class Forecast:
    """The period's value expected on the due date if the trend so far goes on."""

    value: float
    #: the trend, in base units per day (None when the period is over and the value is final)
    slope_per_day: float | None
    final: bool = False


def forecast(figures: Sequence[DayFigure], rule: Aggregation, start: date, due: date, today: date,
             unit: Unit = Unit.SCORE, so_far: tuple[list[DayFigure], Aggregate] | None = None) -> Forecast | None:
    """Project the period's aggregate to ``due``.

    The figures so far stay as they are. The days still to come get the least-squares line fitted to the daily
    values so far (weighted by volume for a weighted mean); there are as many of them as the days so far suggest
    (figures per elapsed calendar day x days left), each with the mean volume so far. Their mean value is the
    line's value at the middle of the remaining days (the mean of a line over evenly spread days), clamped to what
    the unit allows. The result is aggregated with the figures so far by the KPI's rule:

    * mean / weighted mean: (sum w·v so far + W_future · v_future) / (sum w so far + W_future)
    * sum: total so far + future days x v_future

    Once ``today`` is past ``due`` the forecast is the final value. None without enough days for a trend.
    ``so_far``: the figures from ``start`` to the earlier of ``today`` and ``due`` with their ``aggregate``, when
    the caller has them already (the objective's current value): the same lists and values, not computed twice.
    """
    rule = Aggregation(rule)
    if so_far is None:
        inside = [f for f in figures if start <= f.day <= due]
        until = [f for f in inside if f.day <= today]  # all of them once today is past due
        so_far = (until, aggregate(until, rule))
    figures_so_far, current = so_far
    if today >= due:
        return Forecast(current.value, None, final=True) if current.value is not None else None
    if current.value is None:
        return None
    weighted = rule is Aggregation.WEIGHTED_MEAN and not current.unweighted
    trend = fit_trend(figures_so_far, weighted=weighted)
    if trend is None:
        return None
    elapsed = (today - start).days + 1
    remaining = (due - today).days
    figure_days = len({f.day for f in figures_so_far})
    future_days = remaining * figure_days / elapsed
    middle = today.toordinal() + (remaining + 1) / 2
    future_value = clamp_to_unit(trend.intercept + trend.slope * (middle - trend.origin.toordinal()), unit)
    if rule is Aggregation.SUM:
        return Forecast(current.value + future_days * future_value, trend.slope)
    if weighted:
        mean_volume = current.volume / current.days
        so_far_weight, so_far_total = current.volume, current.value * current.volume
    else:
        mean_volume = 1.0
        so_far_weight, so_far_total = float(current.days), current.value * current.days
    future_weight = future_days * mean_volume
    value = (so_far_total + future_weight * future_value) / (so_far_weight + future_weight)
    return Forecast(value, trend.slope)


def share_good(scores: Iterable[float | None], good: float) -> tuple[float | None, int]:
    """The share (0-1) of applicable ratings (score not None) at ``good`` or above, and how many were applicable."""
    applicable = [s for s in scores if s is not None]
    if not applicable:
        return None, 0
    return sum(1 for s in applicable if s >= good - 1e-9) / len(applicable), len(applicable)
