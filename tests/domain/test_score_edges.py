"""Behaviour scores: each score names what it is of, "not applicable" counts add up across a category's behaviours,
and an interaction rated by several observers is one observation in the category and overall scores too."""

from __future__ import annotations

import pytest

from coachdesk.domain.scores import Score, ScoredRating, behaviour_scores, category_scores, overall_score


def r(code: str, score: float | None, obs: str, category: str = "Connect") -> ScoredRating:
    return ScoredRating(code, category, score, obs)


def test_each_score_names_its_behaviour_category_or_key() -> None:
    ratings = [r("LISTEN", 1.0, "a"), r("TONE", 0.5, "a"), r("RESOLVE", 0.0, "a", "Done")]
    assert [s.key for s in behaviour_scores(ratings).values()] == ["LISTEN", "TONE", "RESOLVE"]
    assert [s.key for s in category_scores(ratings).values()] == ["Connect", "Done"]
    assert overall_score(ratings).key == "" and overall_score(ratings, "Ann Lee").key == "Ann Lee"


def test_a_behaviour_without_not_applicable_counts_none() -> None:
    scores = behaviour_scores([r("LISTEN", 1.0, "a"), r("TONE", None, "a")])
    assert scores["LISTEN"] == Score("LISTEN", 100.0, 1, 0)
    assert scores["TONE"] == Score("TONE", None, 0, 1)


def test_not_applicable_adds_up_over_a_categorys_behaviours() -> None:
    ratings = [r("SALE", None, "a"), r("UPSELL", None, "a"), r("UPSELL", None, "b"), r("TONE", 1.0, "a")]
    assert category_scores(ratings)["Connect"] == Score("Connect", 100.0, 1, 3)


def test_several_observers_are_one_observation_in_categories_and_overall() -> None:
    # call X rated 1, 0.5 and 0 by three observers (one observation at 0.5); call Y rated 1 by one
    ratings = [r("LISTEN", 1.0, "X"), r("LISTEN", 0.5, "X"), r("LISTEN", 0.0, "X"), r("LISTEN", 1.0, "Y")]
    assert category_scores(ratings)["Connect"].value == pytest.approx(75.0)
    assert category_scores(ratings)["Connect"].n == 2
    overall = overall_score(ratings)
    assert overall.value == pytest.approx(75.0) and overall.n == 2
