"""Coaching-effect statistics on their edges: one-day windows, the spans each side reports, each side's terms, a
resample whose volumes are all zero, the fewest resamples, half the resamples exactly, the caller's seed and
confidence passed on, pooled gains of exactly zero, and the stable seed of a record."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from coachdesk.domain.effect_stats import (
    NOT_ENOUGH,
    _draw,
    before_after,
    bootstrap_difference,
    bootstrap_sides,
    percentile_interval,
    pool,
    seed_for,
    terms,
    windows,
)
from coachdesk.domain.enums import Aggregation, Direction
from coachdesk.domain.kpi_math import DayFigure

EVENT = date(2026, 3, 16)  # a Monday
HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def day(n: int) -> date:
    return EVENT + timedelta(days=n)


def daily(first: int, last: int, value=lambda n: 0.80 + 0.001 * n, weight=None) -> list[DayFigure]:
    return [DayFigure(day(n), value(n), weight) for n in range(first, last + 1)]


def test_windows_of_one_day_and_refused_empty_windows() -> None:
    assert windows(EVENT, 1, 1) == ((day(-1), day(-1)), (day(1), day(1)))
    for before, after in ((0, 1), (1, 0)):
        with pytest.raises(ValueError, match="^windows must hold at least one day$"):
            windows(EVENT, before, after)


def test_each_side_reports_its_own_window() -> None:
    effect = before_after(daily(-7, 10), EVENT, Aggregation.MEAN, HIGHER, before_days=7, after_days=10, resamples=0,
                          min_days=1, match_weekdays=False)
    assert (effect.before.start, effect.before.end, effect.after.start, effect.after.end) == (
        day(-7), day(-1), day(1), day(10))


def test_terms_of_each_rule() -> None:
    figures = [DayFigure(day(1), 300.0, 10.0), DayFigure(day(2), 400.0, 1.0), DayFigure(day(3), 500.0, 0.0),
               DayFigure(day(4), 600.0, None)]
    assert terms(figures, Aggregation.WEIGHTED_MEAN) == ([3000.0, 400.0], [10.0, 1.0], False)
    plain = [DayFigure(day(1), 300.0), DayFigure(day(2), 400.0)]
    assert terms(plain, Aggregation.WEIGHTED_MEAN) == ([300.0, 400.0], [1.0, 1.0], False)  # no volumes: plain mean
    assert terms(plain, Aggregation.SUM) == ([300.0, 400.0], [1.0, 1.0], True)
    assert terms(plain, Aggregation.MEAN) == ([300.0, 400.0], [1.0, 1.0], False)


def test_a_resample_with_no_volume_has_no_value() -> None:
    rng = random.Random(0)
    assert _draw([0.0, 0.0], [0.0, 0.0], False, rng) is None
    assert _draw([5.0], [1.0], False, rng) == 5.0
    assert _draw([5.0], [0.5], False, rng) == 10.0
    assert _draw([5.0], [0.0], True, rng) == 5.0  # a sum needs no denominator


def test_bootstrap_sides_need_figures_on_both_sides_and_a_resample() -> None:
    before, after = daily(-3, -1, weight=10.0), daily(1, 3, weight=20.0)
    sides = bootstrap_sides(before, after, Aggregation.WEIGHTED_MEAN, 1)
    assert sides is not None and sides[1] == [10.0] * 3 and sides[3] == [20.0] * 3 and sides[4] is False
    assert bootstrap_sides(before, after, Aggregation.WEIGHTED_MEAN, 0) is None
    assert bootstrap_sides([], after, Aggregation.WEIGHTED_MEAN, 100) is None
    assert bootstrap_sides(before, [], Aggregation.WEIGHTED_MEAN, 100) is None


def test_an_interval_needs_half_the_resamples() -> None:
    assert percentile_interval([1.0, 2.0], 5, 0.9) is not None  # 5 // 2 = 2
    assert percentile_interval([1.0, 2.0, 3.0], 6, 0.9) is not None
    assert percentile_interval([1.0, 2.0], 6, 0.9) is None
    assert percentile_interval([1.0, 2.0], 7, 0.9) is None  # 7 // 2 = 3
    assert percentile_interval([1.0], 4, 0.9) is None
    assert percentile_interval([float(n) for n in range(101)], 101, 0.9) == pytest.approx((5.0, 95.0))


def test_the_seed_defaults_to_zero_everywhere() -> None:
    before = daily(-14, -1, value=lambda n: 0.80 + 0.01 * (n % 3))
    after = daily(1, 14, value=lambda n: 0.82 + 0.01 * (n % 4))
    once = bootstrap_difference(before, after, Aggregation.MEAN, 200)
    assert once == bootstrap_difference(before, after, Aggregation.MEAN, 200, seed=0)
    assert once != bootstrap_difference(before, after, Aggregation.MEAN, 200, seed=1)
    effect = before_after(before + after, EVENT, Aggregation.MEAN, HIGHER, resamples=200)
    assert (effect.low, effect.high) == once
    gains = [0.01, -0.02, 0.03, 0.05, 0.0, 0.02]
    assert pool(gains, 200) == pool(gains, 200, seed=0) != pool(gains, 200, seed=1)


def test_the_interval_function_gets_the_callers_seed_and_confidence() -> None:
    seen = []

    def interval_of(*args):
        seen.append(args[3:])
        return None

    figures = daily(-14, 14)
    effect = before_after(figures, EVENT, Aggregation.MEAN, LOWER, resamples=50, seed=7, confidence=0.8,
                          interval_of=interval_of)
    assert seen == [(50, 7, 0.8)]
    assert effect.change is not None and effect.low is None and effect.high is None and effect.verdict == NOT_ENOUGH
    effect = before_after(figures, EVENT, Aggregation.MEAN, LOWER, resamples=50, confidence=0.8,
                          interval_of=lambda *args: (-1.0, 1.0))
    assert effect.confidence == 0.8 and (effect.low, effect.high) == (-1.0, 1.0)


def test_unusable_figures_and_an_empty_side_give_no_change() -> None:
    figures = daily(-14, 14)
    with_nan = figures + [DayFigure(day(-2), math.nan), DayFigure(day(3), math.inf)]
    assert before_after(with_nan, EVENT, Aggregation.MEAN, HIGHER, resamples=0).change == pytest.approx(
        before_after(figures, EVENT, Aggregation.MEAN, HIGHER, resamples=0).change)
    only_before = before_after(daily(-14, -1), EVENT, Aggregation.MEAN, LOWER, min_days=0, match_weekdays=False)
    assert only_before.change is None and only_before.after.days == 0 and only_before.after.value is None
    assert only_before.direction is LOWER and only_before.verdict == NOT_ENOUGH


def test_pooled_gains_of_zero_go_neither_way() -> None:
    pooled = pool([0.0, 0.5, -1.0, 2.0, math.nan, math.inf], 100)
    assert (pooled.n, pooled.better, pooled.worse) == (4, 2, 1)
    assert pool([0.1, 0.2, 0.3], 100).enough and pool([0.1, 0.2, 0.3], 100, min_events=4).n == 3
    assert not pool([0.1, 0.2, 0.3], 100, min_events=4).enough


def test_a_pooled_interval_of_no_confidence_is_the_median() -> None:
    pooled = pool([0.1, 0.2, 0.3, 0.4, 0.9], 201, confidence=0.0)
    assert pooled.low == pooled.high


def test_the_seed_of_a_record_is_a_stable_base_131_hash() -> None:
    assert seed_for("") == 0 and seed_for("A") == 65 and seed_for("AB") == 65 * 131 + 66
    top = 0x10FFFF
    expected = ((top * 131 + top) * 131 + top) % 2_147_483_647  # 19,266,321,523 reduced modulo 2^31 - 1
    assert seed_for(chr(top) * 3) == expected and isinstance(seed_for(chr(top) * 3), int)


def test_a_weekday_with_only_an_unusable_figure_is_not_a_weekday_seen() -> None:
    # before: weekdays only, plus a NaN on Saturday 14 March; after: every day, weekends at 0.5. Saturday was not
    # really seen before, so the after side's weekends are left out and nothing changed.
    before = [f for f in daily(-14, -1, value=lambda n: 0.8) if f.day.weekday() < 5] + [DayFigure(day(-2), math.nan)]
    after = daily(1, 14, value=lambda n: 0.5 if day(n).weekday() >= 5 else 0.8)
    effect = before_after(before + after, EVENT, Aggregation.MEAN, HIGHER, resamples=0)
    assert effect.change == pytest.approx(0.0) and effect.after.days == 10
