"""The services' vectorised effect bootstrap gives the domain's interval bit for bit (same draws, same sums)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from coachdesk.domain import effect_stats
from coachdesk.domain.enums import Aggregation, Direction
from coachdesk.domain.kpi_math import DayFigure
from coachdesk.services.trends.effect_bootstrap import bootstrap_difference

DAY = date(2026, 3, 4)


def side(rng: random.Random, days: int, start: date, weights: bool = True) -> list[DayFigure]:
    out = []
    for i in range(days):
        value = rng.uniform(-5, 100) if rng.random() > 0.1 else float(rng.randint(0, 9))
        weight = (rng.choice([None, 0.0, rng.uniform(0, 50)]) if rng.random() < 0.3 else rng.uniform(1, 80)) \
            if weights else None
        out.append(DayFigure(start + timedelta(days=i), value, weight))
    return out


@pytest.mark.parametrize("rule", list(Aggregation))
def test_every_rule_gives_the_domains_interval_exactly(rule: Aggregation) -> None:
    rng = random.Random(str(rule))
    compared = 0
    for _ in range(60):
        before, after = side(rng, rng.randint(0, 16), DAY - timedelta(days=14)), side(rng, rng.randint(0, 16), DAY)
        resamples, seed = rng.choice([0, 1, 3, 200, 1000]), rng.randint(0, 2**40)
        expected = effect_stats.bootstrap_difference(before, after, rule, resamples, seed)
        assert bootstrap_difference(before, after, rule, resamples, seed) == expected
        compared += expected is not None
    assert compared >= 20  # most cases have an interval: the equality is not all None == None


def test_days_without_volume_are_left_out_as_in_the_domain() -> None:
    """A weighted day with no volume (0 or none) is not drawn; small resample counts keep the same draws."""
    before = [DayFigure(DAY - timedelta(days=1), 0.8, 10.0), DayFigure(DAY - timedelta(days=2), 0.5, 0.0),
              DayFigure(DAY - timedelta(days=3), 0.6, 5.0)]
    after = [DayFigure(DAY + timedelta(days=1), 0.9, 20.0), DayFigure(DAY + timedelta(days=2), 0.1, 1.0)]
    for resamples in range(1, 14):
        for seed in range(8):
            expected = effect_stats.bootstrap_difference(before, after, Aggregation.WEIGHTED_MEAN, resamples, seed)
            assert expected is not None
            assert bootstrap_difference(before, after, Aggregation.WEIGHTED_MEAN, resamples, seed) == expected
    low, high = bootstrap_difference(before, after, Aggregation.WEIGHTED_MEAN, 1000, 1)
    # resampled means of 0.8/0.6 (weights 10/5) before and 0.9/0.1 (20/1) after: the 0.5 day never counts
    assert 0.1 - 0.8 <= low < high <= 0.9 - 0.6


def test_a_sum_keeps_its_totals_and_confidence_is_passed_on() -> None:
    before = [DayFigure(DAY - timedelta(days=d), float(d)) for d in range(1, 8)]
    after = [DayFigure(DAY + timedelta(days=d), float(2 * d)) for d in range(1, 8)]
    for confidence in (0.5, 0.95):
        expected = effect_stats.bootstrap_difference(before, after, Aggregation.SUM, 500, 7, confidence)
        assert bootstrap_difference(before, after, Aggregation.SUM, 500, 7, confidence) == expected
    wide = bootstrap_difference(before, after, Aggregation.SUM, 500, 7, 0.95)
    narrow = bootstrap_difference(before, after, Aggregation.SUM, 500, 7, 0.5)
    assert wide[0] < narrow[0] < narrow[1] < wide[1]


def test_before_after_with_the_fast_interval_is_the_same_effect() -> None:
    rng = random.Random(11)
    figures = side(rng, 40, DAY - timedelta(days=20))
    for rule in Aggregation:
        seed = effect_stats.seed_for(f"event-{rule}")
        plain = effect_stats.before_after(figures, DAY, rule, Direction.HIGHER_IS_BETTER, seed=seed)
        fast = effect_stats.before_after(figures, DAY, rule, Direction.HIGHER_IS_BETTER, seed=seed,
                                         interval_of=bootstrap_difference)
        assert fast == plain
        assert fast.low is not None and fast.low < fast.high


def test_the_roll_ups_resampled_means_and_pooled_intervals_are_the_domains_exactly() -> None:
    from coachdesk.services.trends.effect_bootstrap import resampled_means

    rng = random.Random("pool")
    compared = 0
    for _ in range(80):
        gains = [rng.uniform(-40, 40) if rng.random() > 0.2 else float(rng.randint(-3, 3))
                 for _ in range(rng.randint(0, 30))]
        gains += [None, float("nan")] if rng.random() < 0.2 else []  # left out, as the domain leaves them out
        resamples, seed = rng.choice([0, 1, 7, 1000]), rng.randint(0, 2**40)
        values = [g for g in gains if g is not None and g == g]
        if values:
            assert resampled_means(values, resamples, seed) == effect_stats.resampled_means(values, resamples, seed)
        expected = effect_stats.pool(gains, resamples, seed)
        assert effect_stats.pool(gains, resamples, seed, means_of=resampled_means) == expected
        compared += expected.low is not None
    assert compared >= 40  # most pools have an interval: the equality is not all None == None
