"""Correlation on its edges: one pair, a perfect line (r clamped to 1 and its interval still finite), the fewest
pairs that give an r, an interval touching zero, and the reading for higher-is-better or without an r."""

from __future__ import annotations

import math

import pytest

from coachdesk.domain.correlation import MIN_PAIRS, Correlation, correlate, fisher_interval, pearson
from coachdesk.domain.enums import Direction


def test_one_pair_or_a_flat_side_has_no_r() -> None:
    assert pearson([1.0], [2.0]) is None and pearson([], []) is None
    assert pearson([1, 2, 3], [5, 5, 5]) is None
    assert pearson([1, 2], [3, 5]) == pytest.approx(1.0)


def test_a_perfect_line_gives_exactly_one_and_a_finite_interval() -> None:
    xs = [0.1 * n for n in range(7)]
    r = pearson(xs, [3 * x + 0.7 for x in xs])
    assert r is not None and r <= 1.0 and r == pytest.approx(1.0)
    assert pearson(xs, [-3 * x for x in xs]) >= -1.0
    low, high = fisher_interval(1.0, 7)
    # z is capped at atanh(0.999999) = 7.2543; half-width 1.95996 / sqrt(4) = 0.97998
    assert low == pytest.approx(math.tanh(math.atanh(0.999999) - 0.979982), abs=1e-6) and high < 1.0
    low, high = fisher_interval(-1.0, 7)
    assert high == pytest.approx(math.tanh(-math.atanh(0.999999) + 0.979982), abs=1e-6) and low > -1.0


def test_four_pairs_are_enough_for_fishers_interval() -> None:
    low, high = fisher_interval(0.0, 4)  # se = 1: z +- 1.96
    assert low == pytest.approx(math.tanh(-1.959964), abs=1e-6) and high == pytest.approx(math.tanh(1.959964),
                                                                                            abs=1e-6)
    low, high = fisher_interval(0.0, 4, confidence=0.5)  # the middle half: z +- 0.6745
    assert high == pytest.approx(math.tanh(0.674490), abs=1e-6)


def test_the_fewest_pairs_that_give_an_r() -> None:
    xs, ys = [1, 2, 3, 4, 5], [2, 4, 5, 4, 5]
    assert MIN_PAIRS == 5
    result = correlate(xs, ys)
    assert result.n == 5 and result.r == pytest.approx(6 / math.sqrt(60)) and result.enough
    assert (result.low, result.high) == pytest.approx(fisher_interval(6 / math.sqrt(60), 5))
    assert correlate(xs[:4], ys[:4], min_pairs=4).enough  # four pairs when the caller allows it
    assert not correlate(xs[:3], ys[:3], min_pairs=3).enough  # never fewer than four: no interval without them
    wide = correlate(xs, ys, confidence=0.5)
    assert wide.high - wide.low < result.high - result.low


def test_the_reading_in_the_kpis_direction() -> None:
    found = Correlation(10, 0.4, 0.1, 0.6)
    assert found.in_direction(Direction.HIGHER_IS_BETTER) is found
    assert found.in_direction(Direction.LOWER_IS_BETTER) == Correlation(10, -0.4, -0.6, -0.1)
    assert Correlation(5, 0.4, None, None).in_direction(Direction.LOWER_IS_BETTER) == Correlation(5, -0.4, None, None)
    none = Correlation(3, None, None, None)
    assert none.in_direction(Direction.LOWER_IS_BETTER) is none and not none.clear and not none.enough


@pytest.mark.parametrize(("low", "high", "clear"), [
    (0.0, 0.5, False), (1e-9, 0.5, True), (-0.5, 0.0, False), (-0.5, -1e-9, True), (-0.2, 0.3, False),
    (None, 0.5, False), (0.1, None, False),
])
def test_an_interval_is_clear_only_when_it_excludes_zero(low: float | None, high: float | None, clear: bool) -> None:
    assert Correlation(10, 0.3, low, high).clear is clear


def test_rounding_never_pushes_r_past_one() -> None:
    xs = [0.1 * 24 * n for n in range(11)]  # unclamped, these give 1.0000000000000002 and its negative
    assert pearson(xs, xs) == 1.0
    assert pearson(xs, [-x for x in xs]) == -1.0


def test_misuse_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="^xs and ys must have the same length$"):
        pearson([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="^Fisher's interval needs more than 3 pairs$"):
        fisher_interval(0.5, 3)
