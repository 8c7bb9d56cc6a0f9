"""Coaching-effect maths: windows, same weekdays, hand-computed changes, the seeded bootstrap, simulated effects."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from coachdesk.domain.effect_stats import (
    BETTER,
    NOT_ENOUGH,
    UNCLEAR,
    WORSE,
    before_after,
    bootstrap_difference,
    pool,
    same_weekdays,
    seed_for,
    windows,
)
from coachdesk.domain.enums import Aggregation, Direction
from coachdesk.domain.kpi_math import DayFigure

EVENT = date(2026, 3, 4)  # a Wednesday


def days_around(event: date, span: int, weekdays_only: bool = True) -> list[date]:
    out = []
    for offset in range(-span, span + 1):
        day = event + timedelta(days=offset)
        if offset and (not weekdays_only or day.weekday() < 5):
            out.append(day)
    return out


def test_windows_leave_the_event_day_out() -> None:
    (b0, b1), (a0, a1) = windows(EVENT, 14, 14)
    assert (b0, b1) == (date(2026, 2, 18), date(2026, 3, 3))
    assert (a0, a1) == (date(2026, 3, 5), date(2026, 3, 18))
    with pytest.raises(ValueError):
        windows(EVENT, 0, 14)


def test_same_weekdays_drops_weekdays_seen_on_one_side_only() -> None:
    before = [DayFigure(date(2026, 3, 2), 1.0), DayFigure(date(2026, 3, 1), 9.0)]  # Monday, Sunday
    after = [DayFigure(date(2026, 3, 9), 2.0), DayFigure(date(2026, 3, 10), 5.0)]  # Monday, Tuesday
    kept_before, kept_after = same_weekdays(before, after)
    assert [f.value for f in kept_before] == [1.0]
    assert [f.value for f in kept_after] == [2.0]


def test_hand_computed_weighted_change() -> None:
    """Before: two Mondays 300 s on 10 calls and 200 s on 30 -> (3000 + 6000) / 40 = 225 s. After: 180 s on 20
    and 220 s on 20 -> 200 s. Change -25 s: AHT is better lower, so the gain is +25 s. A Sunday figure on one
    side only is left out (same weekdays), and with min_days=2 the effect is stated."""
    figures = [DayFigure(date(2026, 2, 23), 300, 10), DayFigure(date(2026, 3, 2), 200, 30),
               DayFigure(date(2026, 3, 1), 900, 50),  # a Sunday before, none after: dropped
               DayFigure(date(2026, 3, 9), 180, 20), DayFigure(date(2026, 3, 16), 220, 20)]
    effect = before_after(figures, EVENT, Aggregation.WEIGHTED_MEAN, Direction.LOWER_IS_BETTER, min_days=2,
                          resamples=200)
    assert effect.before.value == pytest.approx(225.0)
    assert effect.after.value == pytest.approx(200.0)
    assert effect.before.days == 2 and effect.after.days == 2
    assert effect.before.volume == pytest.approx(40.0)
    assert effect.change == pytest.approx(-25.0)
    assert effect.gain == pytest.approx(25.0)
    assert effect.low <= effect.change <= effect.high


def test_not_enough_data_gives_no_change_and_no_interval() -> None:
    figures = [DayFigure(d, 0.8) for d in days_around(EVENT, 14) if d < EVENT][:4] + \
              [DayFigure(d, 0.9) for d in days_around(EVENT, 14) if d > EVENT]
    effect = before_after(figures, EVENT, Aggregation.MEAN, Direction.HIGHER_IS_BETTER)
    assert effect.before.days < 5
    assert effect.change is None and effect.low is None and effect.high is None
    assert effect.verdict == NOT_ENOUGH
    assert not effect.enough


def test_bootstrap_is_deterministic_for_a_seed_and_varies_with_it() -> None:
    rng = random.Random(3)
    before = [DayFigure(d, rng.gauss(300, 30), rng.randint(10, 50)) for d in days_around(EVENT, 14) if d < EVENT]
    after = [DayFigure(d, rng.gauss(300, 30), rng.randint(10, 50)) for d in days_around(EVENT, 14) if d > EVENT]
    first = bootstrap_difference(before, after, Aggregation.WEIGHTED_MEAN, 500, seed=11)
    again = bootstrap_difference(before, after, Aggregation.WEIGHTED_MEAN, 500, seed=11)
    other = bootstrap_difference(before, after, Aggregation.WEIGHTED_MEAN, 500, seed=12)
    assert first == again
    assert first != other
    assert first[0] < first[1]
    assert seed_for("abc") == seed_for("abc") != seed_for("abd")


def _simulated(rng: random.Random, effect: float, noise: float = 0.04) -> list[DayFigure]:
    """Daily FCR around 75% on working days, ``effect`` added after the event, with day-to-day noise."""
    return [DayFigure(d, 0.75 + (effect if d > EVENT else 0.0) + rng.gauss(0, noise), rng.randint(20, 60))
            for d in days_around(EVENT, 14)]


def test_a_simulated_coaching_effect_is_found() -> None:
    rng = random.Random(42)
    found = 0
    for trial in range(30):
        effect = before_after(_simulated(rng, 0.06), EVENT, Aggregation.WEIGHTED_MEAN, Direction.HIGHER_IS_BETTER,
                              resamples=400, seed=trial)
        assert effect.change == pytest.approx(0.06, abs=0.05)
        found += effect.verdict == BETTER
    assert found >= 25  # a 6-point lift on 4-point noise is seen nearly every time


def test_a_simulated_worsening_reads_worse_for_a_lower_is_better_kpi() -> None:
    rng = random.Random(5)
    figures = [DayFigure(d, 300 + (40 if d > EVENT else 0) + rng.gauss(0, 15), 30) for d in days_around(EVENT, 14)]
    effect = before_after(figures, EVENT, Aggregation.WEIGHTED_MEAN, Direction.LOWER_IS_BETTER)
    assert effect.change > 0 and effect.gain < 0
    assert effect.verdict == WORSE


def test_no_effect_gives_intervals_around_zero() -> None:
    rng = random.Random(7)
    covered, clear = 0, 0
    trials = 40
    for trial in range(trials):
        effect = before_after(_simulated(rng, 0.0), EVENT, Aggregation.WEIGHTED_MEAN, Direction.HIGHER_IS_BETTER,
                              resamples=400, seed=trial)
        covered += effect.low <= 0.0 <= effect.high
        clear += effect.verdict != UNCLEAR
    # a 95% interval should hold 0 about 95% of the time; the percentile bootstrap on 10 days runs a little narrow
    assert covered >= 32
    assert clear <= 8


def test_sum_kpis_compare_totals() -> None:
    figures = [DayFigure(d, 10.0 if d < EVENT else 12.0) for d in days_around(EVENT, 14)]
    effect = before_after(figures, EVENT, Aggregation.SUM, Direction.HIGHER_IS_BETTER, resamples=100)
    assert effect.before.value == pytest.approx(100.0)  # ten working days of 10
    assert effect.after.value == pytest.approx(120.0)
    assert effect.low == pytest.approx(20.0) and effect.high == pytest.approx(20.0)  # no spread: no doubt


def test_pool_hand_computed_and_not_enough() -> None:
    pooled = pool([1.0, 2.0, 3.0, 6.0], resamples=500, seed=1)
    assert pooled.mean == pytest.approx(3.0)
    assert pooled.n == 4 and pooled.better == 4 and pooled.worse == 0
    assert 1.0 <= pooled.low < 3.0 < pooled.high <= 6.0
    assert pooled.verdict == BETTER
    few = pool([1.0, -1.0])
    assert few.mean is None and few.verdict == NOT_ENOUGH and few.better == 1 and few.worse == 1
