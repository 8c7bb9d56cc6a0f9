"""Calibration maths: how far observers who rated the same interaction agree, per behaviour and per observer.

For each behaviour rated by the observers of one interaction:

* **exact agreement**: the share of observer pairs who chose the same scale point ("not applicable" included:
  two observers who both found a behaviour not applicable agree). Undefined with fewer than two observers.
* **group mean**: 100 x the mean score of the observers who gave a scored rating (not "not applicable").
* **deviation** of an observer: their score minus the group mean, in score points (0-100); positive = more
  lenient than the group, negative = harsher. None when they gave "not applicable" or did not rate it.
* **mean absolute deviation** (MAD): the mean of the observers' absolute deviations.

Per observer, the mean signed deviation (bias) and the mean absolute deviation over the behaviours they scored.
Overall agreement pools every pair of every behaviour; overall MAD pools every absolute deviation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class CalibrationRating:
    observer: str
    behaviour: str
    value: int  # the scale point chosen
    score: float | None  # 0-1; None = not applicable


@dataclass(frozen=True)
class BehaviourAgreement:
    behaviour: str
    observers: int
    agreeing_pairs: int
    pairs: int
    group_mean: float | None
    mean_abs_deviation: float | None
    #: observer -> signed deviation from the group mean (None: not applicable or not rated)
    deviations: dict[str, float | None]

    @property
    def exact_agreement(self) -> float | None:
        return self.agreeing_pairs / self.pairs if self.pairs else None


@dataclass(frozen=True)
class ObserverDeviation:
    observer: str
    scored: int
    mean_deviation: float | None
    mean_abs_deviation: float | None


@dataclass(frozen=True)
class CalibrationReport:
    behaviours: tuple[BehaviourAgreement, ...]
    observers: tuple[ObserverDeviation, ...]
    agreeing_pairs: int
    pairs: int
    mean_abs_deviation: float | None

    @property
    def exact_agreement(self) -> float | None:
        return self.agreeing_pairs / self.pairs if self.pairs else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def behaviour_agreement(behaviour: str, ratings: dict[str, CalibrationRating]) -> BehaviourAgreement:
    """Agreement on one behaviour; ``ratings`` maps each observer to their rating of it."""
    values = [r.value for r in ratings.values()]
    pairs = list(combinations(values, 2))
    agreeing = sum(1 for a, b in pairs if a == b)
    scores = {obs: 100.0 * r.score for obs, r in ratings.items() if r.score is not None}
    mean = _mean(list(scores.values()))
    deviations: dict[str, float | None] = {obs: None for obs in ratings}
    if mean is not None:
        for obs, score in scores.items():
            deviations[obs] = score - mean
    absolute = [abs(d) for d in deviations.values() if d is not None]
    return BehaviourAgreement(behaviour, len(ratings), agreeing, len(pairs), mean, _mean(absolute), deviations)


def calibrate(ratings: Iterable[CalibrationRating], behaviour_order: Iterable[str] = ()) -> CalibrationReport:
    """The calibration report of the ratings of one interaction by several observers.

    An observer's later rating of the same behaviour replaces the earlier one. Behaviours come in
    ``behaviour_order`` first, then in first-seen order; observers in first-seen order.
    """
    by_behaviour: dict[str, dict[str, CalibrationRating]] = {code: {} for code in behaviour_order}
    observers: list[str] = []
    for r in ratings:
        by_behaviour.setdefault(r.behaviour, {})[r.observer] = r
        if r.observer not in observers:
            observers.append(r.observer)
    rows = tuple(behaviour_agreement(code, rated) for code, rated in by_behaviour.items() if rated)
    per_observer = []
    for obs in observers:
        deviations = [row.deviations[obs] for row in rows if row.deviations.get(obs) is not None]
        per_observer.append(ObserverDeviation(obs, len(deviations), _mean(deviations),  # type: ignore[arg-type]
                                              _mean([abs(d) for d in deviations])))  # type: ignore[arg-type]
    absolute = [abs(d) for row in rows for d in row.deviations.values() if d is not None]
    return CalibrationReport(rows, tuple(per_observer), sum(r.agreeing_pairs for r in rows),
                             sum(r.pairs for r in rows), _mean(absolute))


def reference_key(reference: str) -> str:
    """How observers' references of one interaction are matched: ignoring case and spacing, so "cal-0042",
    "CAL-0042" and "CAL - 0042" are one interaction (the same characters otherwise)."""
    return "".join(reference.split()).casefold()


def near_key(reference: str) -> str:
    """Looser than ``reference_key``: letters and digits only. References equal here but not under
    ``reference_key`` ("CAL-0042" and "CAL0042", "CAL_0042") are near matches: kept apart (a separator may
    matter), but shown, so an observer's typing slip is not silently left out."""
    return "".join(char for char in reference.casefold() if char.isalnum())
