"""Correlation of per-agent behaviour scores with KPI values: Pearson's r, its Fisher z interval and sample size.

With fewer than ``MIN_PAIRS`` agents (each with a score of at least ``scores.MIN_OBSERVATIONS`` observations and a
KPI value) no r is stated: "not enough data". ``goes_with_better`` reads r in the KPI's direction (a listening
score that rises as AHT falls goes with a *better* AHT).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from coachdesk.domain.enums import Direction

MIN_PAIRS = 5
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Correlation:
    n: int
    r: float | None
    low: float | None
    high: float | None

    @property
    def enough(self) -> bool:
        return self.r is not None

    def in_direction(self, direction: Direction) -> Correlation:
        """The same correlation with its sign read as 'goes with a better KPI' (positive = better)."""
        if Direction(direction) is Direction.HIGHER_IS_BETTER or self.r is None:
            return self
        return Correlation(self.n, -self.r, None if self.high is None else -self.high,
                           None if self.low is None else -self.low)

    @property
    def clear(self) -> bool:
        """The interval excludes zero."""
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None with fewer than 2 pairs or when either side does not vary."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys must have the same length")
    n = len(xs)
    if n < 2:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def fisher_interval(r: float, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Interval of r from Fisher's z = atanh(r), standard error 1/sqrt(n - 3); needs n > 3."""
    if n <= 3:
        raise ValueError("Fisher's interval needs more than 3 pairs")
    z = math.atanh(max(-0.999999, min(0.999999, r)))
    half = NormalDist().inv_cdf(0.5 + confidence / 2) / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


def correlate(xs: Sequence[float], ys: Sequence[float], min_pairs: int = MIN_PAIRS,
              confidence: float = CONFIDENCE) -> Correlation:
    n = len(xs)
    r = pearson(xs, ys) if n >= max(min_pairs, 4) else None
    if r is None:
        return Correlation(n, None, None, None)
    low, high = fisher_interval(r, n, confidence)
    return Correlation(n, r, low, high)
