"""The coaching-effect bootstrap in NumPy: the very draws and sums of ``domain.effect_stats.bootstrap_difference``.

The domain's loop draws ``rng.random()`` once per picked day in Python (the effect table's hot loop, about half of
an agent's effect table). Here the same Mersenne Twister state (``random.Random(seed).getstate()``) is handed to
NumPy's ``RandomState``, whose ``random_sample`` makes the same doubles as ``random.random`` (53 bits from two
32-bit words); picks are ``floor(r * n)`` as there, and each resample's sums run left to right from 0.0 (a
cumulative sum, not NumPy's pairwise sum), so every interval is bit for bit the domain's
(``tests/services/test_effect_bootstrap.py`` compares them).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import numpy as np

from coachdesk.domain.effect_stats import CONFIDENCE, RESAMPLES, bootstrap_sides, percentile_interval
from coachdesk.domain.enums import Aggregation
from coachdesk.domain.kpi_math import DayFigure


def _generator(seed: int) -> np.random.RandomState:
    _version, state, _gauss = random.Random(seed).getstate()
    generator = np.random.RandomState()
    generator.set_state(("MT19937", np.array(state[:-1], dtype=np.uint32), state[-1], 0, 0.0))
    return generator


def _sums(values: np.ndarray, picks: np.ndarray) -> np.ndarray:
    """Each row's picked values summed in order from 0.0, as ``sum(map(values.__getitem__, row))`` does."""
    chosen = values[picks]
    return np.cumsum(np.hstack([np.zeros((len(picks), 1)), chosen]), axis=1)[:, -1]


def bootstrap_difference(before: Sequence[DayFigure], after: Sequence[DayFigure], rule: Aggregation,
                         resamples: int = RESAMPLES, seed: int = 0,
                         confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """``domain.effect_stats.bootstrap_difference``, same arguments and same result, vectorised."""
    sides = bootstrap_sides(before, after, rule, resamples)
    if sides is None:
        return None
    b_num, b_den, a_num, a_den, total = sides
    nb, na = len(b_num), len(a_num)
    # one resample draws the before side's days, then the after side's: row r holds resample r's draws
    draws = _generator(seed).random_sample(resamples * (nb + na)).reshape(resamples, nb + na)
    b_picks = np.floor(draws[:, :nb] * nb).astype(np.intp)
    a_picks = np.floor(draws[:, nb:] * na).astype(np.intp)
    b_top, a_top = _sums(np.asarray(b_num, dtype=float), b_picks), _sums(np.asarray(a_num, dtype=float), a_picks)
    if total:
        differences = a_top - b_top
    else:
        b_bottom = _sums(np.asarray(b_den, dtype=float), b_picks)
        a_bottom = _sums(np.asarray(a_den, dtype=float), a_picks)
        kept = (b_bottom > 0) & (a_bottom > 0)
        differences = a_top[kept] / a_bottom[kept] - b_top[kept] / b_bottom[kept]
    return percentile_interval(differences.tolist(), resamples, confidence)


def resampled_means(values: Sequence[float], resamples: int, seed: int) -> list[float]:
    """``domain.effect_stats.resampled_means`` (a roll-up's pooled interval), same arguments and same result: the
    picks ``floor(r * n)`` of ``random.choices`` from the same doubles, each resample summed exactly (``fsum``)."""
    n = len(values)
    draws = _generator(seed).random_sample(resamples * n).reshape(resamples, n)
    chosen = np.asarray(values, dtype=float)[np.floor(draws * n).astype(np.intp)]
    return [math.fsum(row) / n for row in chosen.tolist()]
