"""The behaviour score rule on hand-computed cases: N/A apart, calibration counted once, n and the too-few flag."""

from __future__ import annotations

import pytest

from coachdesk.domain.scores import MIN_OBSERVATIONS, ScoredRating, behaviour_scores, category_scores, overall_score


def r(code: str, score: float | None, obs: str, category: str = "Connect") -> ScoredRating:
    return ScoredRating(code, category, score, obs)


def test_behaviour_score_is_the_mean_of_observations_on_a_0_100_line() -> None:
    ratings = [r("LISTEN", 1.0, "a"), r("LISTEN", 0.5, "b"), r("LISTEN", 0.0, "c"), r("TONE", 2 / 3, "a")]
    scores = behaviour_scores(ratings)
    assert list(scores) == ["LISTEN", "TONE"]
    assert scores["LISTEN"].value == pytest.approx(50.0)
    assert scores["LISTEN"].n == 3
    assert scores["TONE"].value == pytest.approx(66.6667, abs=1e-3)
    assert scores["TONE"].n == 1


def test_not_applicable_is_counted_apart_and_never_lowers_the_score() -> None:
    scores = behaviour_scores([r("SALE", None, "a"), r("SALE", None, "b"), r("SALE", 1.0, "c")])
    assert scores["SALE"].value == 100.0
    assert scores["SALE"].n == 1
    assert scores["SALE"].not_applicable == 2
    only_na = behaviour_scores([r("SALE", None, "a")])["SALE"]
    assert only_na.value is None and only_na.n == 0 and only_na.too_few


def test_several_observers_of_one_interaction_make_one_observation_at_their_mean() -> None:
    # calibration: three observers rated call X (1, 0.5, 0); another call Y scored 1 by one observer
    ratings = [r("LISTEN", 1.0, "ref:X"), r("LISTEN", 0.5, "ref:X"), r("LISTEN", 0.0, "ref:X"),
               r("LISTEN", 1.0, "ref:Y")]
    score = behaviour_scores(ratings)["LISTEN"]
    assert score.n == 2
    assert score.value == pytest.approx((0.5 + 1.0) / 2 * 100)


def test_category_and_overall_pool_observations_equally() -> None:
    ratings = [r("LISTEN", 1.0, "a"), r("LISTEN", 1.0, "b"), r("LISTEN", 1.0, "c"), r("TONE", 0.0, "a"),
               r("RESOLVE", 0.5, "a", "Done"), r("SALE", None, "a", "Done")]
    cats = category_scores(ratings)
    assert list(cats) == ["Connect", "Done"]
    assert cats["Connect"].value == pytest.approx(75.0)  # (1 + 1 + 1 + 0) / 4, not the mean of 100 and 0
    assert cats["Connect"].n == 4
    assert cats["Done"].value == pytest.approx(50.0)
    assert cats["Done"].n == 1 and cats["Done"].not_applicable == 1
    overall = overall_score(ratings)
    assert overall.value == pytest.approx((3 + 0 + 0.5) / 5 * 100)
    assert overall.n == 5 and overall.not_applicable == 1


def test_too_few_below_the_threshold() -> None:
    few = [r("LISTEN", 1.0, str(i)) for i in range(MIN_OBSERVATIONS - 1)]
    assert behaviour_scores(few)["LISTEN"].too_few
    enough = few + [r("LISTEN", 0.0, "last")]
    assert not behaviour_scores(enough)["LISTEN"].too_few
    assert behaviour_scores(enough)["LISTEN"].value == pytest.approx(80.0)


def test_nothing_rated() -> None:
    assert behaviour_scores([]) == {}
    empty = overall_score([])
    assert empty.value is None and empty.n == 0
