"""Behaviour scores: per behaviour, per category and overall, with the number of observations behind each.

The rule (also in ARCHITECTURE.md, "Behaviour scores"):

1. A rating's score is its scale point's 0-1 score, copied onto the rating when it was given. "Not applicable"
   has no score: it is counted apart and never pulls a mean down.
2. One *observation* is one behaviour on one interaction. When several observers rated the same interaction
   (same reference: calibration), their scores are averaged into that one observation, so a call rated by four
   people does not weigh four times. A rating given outside any interaction is an observation of its own.
3. A behaviour's score is 100 x the mean of its observations; ``n`` is their number.
4. A category's score and the overall score pool the observations of their behaviours: every observation weighs
   the same, so ``n`` stays the honest count of what was seen.
5. With fewer than ``MIN_OBSERVATIONS`` observations a score is flagged "too few to compare".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: below this many observations a score is shown, but flagged as too few to compare with another
MIN_OBSERVATIONS = 5


@dataclass(frozen=True)
class ScoredRating:
    """One rating as the score rule sees it."""

    behaviour: str  # the behaviour's code: stable across framework revisions
    category: str
    score: float | None  # 0-1; None = not applicable
    #: what was rated: an interaction reference (or an interaction's own key); ratings with the same observation
    #: and behaviour are one observation
    observation: str


@dataclass(frozen=True)
class Score:
    key: str
    #: 0-100, None when nothing scored
    value: float | None
    n: int
    not_applicable: int = 0

    @property
    def too_few(self) -> bool:
        return self.n < MIN_OBSERVATIONS


def _observations(ratings: Iterable[ScoredRating]) -> tuple[dict[tuple[str, str], list[float]], dict[str, int],
                                                              dict[str, str]]:
    scored: dict[tuple[str, str], list[float]] = {}
    not_applicable: dict[str, int] = {}
    category: dict[str, str] = {}
    for r in ratings:
        category.setdefault(r.behaviour, r.category)
        if r.score is None:
            not_applicable[r.behaviour] = not_applicable.get(r.behaviour, 0) + 1
        else:
            scored.setdefault((r.behaviour, r.observation), []).append(r.score)
    return scored, not_applicable, category


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _score(key: str, values: list[float], not_applicable: int) -> Score:
    mean = _mean(values)
    return Score(key, None if mean is None else 100.0 * mean, len(values), not_applicable)


def behaviour_scores(ratings: Iterable[ScoredRating]) -> dict[str, Score]:
    """Score per behaviour code, in first-seen order."""
    scored, not_applicable, category = _observations(ratings)
    values: dict[str, list[float]] = {code: [] for code in category}
    for (code, _observation), scores in scored.items():
        values[code].append(sum(scores) / len(scores))
    return {code: _score(code, values[code], not_applicable.get(code, 0)) for code in category}


def category_scores(ratings: Iterable[ScoredRating]) -> dict[str, Score]:
    """Score per category name, pooling the observations of its behaviours, in first-seen order."""
    scored, not_applicable, category = _observations(ratings)
    values: dict[str, list[float]] = {}
    skipped: dict[str, int] = {}
    for code, name in category.items():
        values.setdefault(name, [])
        skipped[name] = skipped.get(name, 0) + not_applicable.get(code, 0)
    for (code, _observation), scores in scored.items():
        values[category[code]].append(sum(scores) / len(scores))
    return {name: _score(name, values[name], skipped[name]) for name in values}


def overall_score(ratings: Iterable[ScoredRating], key: str = "") -> Score:
    scored, not_applicable, _category = _observations(ratings)
    values = [sum(scores) / len(scores) for scores in scored.values()]
    return _score(key, values, sum(not_applicable.values()))
