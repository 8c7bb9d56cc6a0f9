"""Behaviours <-> KPIs: Pearson's r, Fisher's interval, the sign read in the KPI's direction, and series helpers."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from coachdesk.domain.correlation import correlate, fisher_interval, pearson
from coachdesk.domain.enums import Direction
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.stats_series import bucket_middle, bucket_start, check_granularity, rolling_mean


def test_pearson_hand_computed() -> None:
    # x = 1..5, y = 2, 4, 5, 4, 5: sxy = 6, sxx = 10, syy = 6 -> r = 6 / sqrt(60)
    assert pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]) == pytest.approx(6 / math.sqrt(60))
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None
    with pytest.raises(ValueError):
        pearson([1, 2], [1])


def test_fisher_interval_hand_computed() -> None:
    # r = 0.5, n = 28: z = atanh(0.5) = 0.5493, se = 1/5 = 0.2, z +- 1.96 se -> tanh(0.1573), tanh(0.9413)
    low, high = fisher_interval(0.5, 28)
    assert low == pytest.approx(math.tanh(0.549306 - 1.959964 * 0.2), abs=1e-5)
    assert high == pytest.approx(math.tanh(0.549306 + 1.959964 * 0.2), abs=1e-5)
    with pytest.raises(ValueError):
        fisher_interval(0.5, 3)


def test_too_few_agents_is_not_enough_data() -> None:
    result = correlate([1, 2, 3, 4], [2, 3, 4, 6])
    assert result.r is None and not result.enough and result.n == 4


def test_direction_flips_the_reading_for_lower_is_better() -> None:
    result = correlate([50, 60, 70, 80, 90, 95], [400, 380, 350, 330, 300, 290])  # higher score, lower AHT
    assert result.r < -0.9
    read = result.in_direction(Direction.LOWER_IS_BETTER)
    assert read.r == pytest.approx(-result.r)
    assert read.low == pytest.approx(-result.high) and read.high == pytest.approx(-result.low)
    assert read.clear


def test_simulated_link_is_found_and_no_link_straddles_zero() -> None:
    rng = random.Random(1)
    scores = [rng.uniform(40, 95) for _ in range(40)]
    linked = correlate(scores, [0.6 + 0.004 * s + rng.gauss(0, 0.03) for s in scores])
    assert linked.clear and linked.low > 0
    straddles = 0
    for _ in range(30):
        noise = correlate(scores, [rng.gauss(0.8, 0.05) for _ in scores])
        straddles += noise.low <= 0 <= noise.high
    assert straddles >= 26


def test_buckets_and_rolling_mean() -> None:
    day = date(2026, 3, 5)  # a Thursday
    assert bucket_start(day, "week") == date(2026, 3, 2)
    assert bucket_start(day, "month") == date(2026, 3, 1)
    assert bucket_start(day, "day") == day
    assert bucket_middle(date(2026, 3, 2), "week") == day
    assert bucket_middle(date(2026, 3, 1), "month") == date(2026, 3, 15)
    points = [(date(2026, 1, d), v) for d, v in ((1, 1.0), (2, 2.0), (3, 3.0), (4, 10.0))]
    assert [v for _d, v in rolling_mean(points, 3)] == pytest.approx([1.0, 1.5, 2.0, 5.0])
    assert check_granularity("week") == "week"
    with pytest.raises(ValidationError, match="Granularity"):
        check_granularity("hour")
