"""Boundary cases the mutation run showed untested: each assertion sits on the edge a ``>=`` -> ``>`` (or a bound
off by one) would move."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from coachdesk.domain.enums import Direction
from coachdesk.domain.kpi_math import is_at_or_better, is_better
from coachdesk.domain.smart import LONGEST_DAYS, MIN_OWN_DAYS, MIN_TEAM, SHORTEST_DAYS, Verdict, check
from coachdesk.importers.values import FRACTION, PERCENT_POINTS, percent_scale_from_sample
from tests.domain.test_smart import GOOD

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


@pytest.mark.parametrize("value, level, direction, at_or_better, better", [
    (5, 5, HIGHER, True, False), (5, 5, LOWER, True, False),
    (5.0001, 5, HIGHER, True, True), (4.9999, 5, HIGHER, False, False),
    (4.9999, 5, LOWER, True, True), (5.0001, 5, LOWER, False, False),
])
def test_at_or_better_and_better_on_the_level(value, level, direction, at_or_better, better):
    assert is_at_or_better(value, level, direction) is at_or_better
    assert is_better(value, level, direction) is better


@pytest.mark.parametrize("sample, scale", [
    ([1.0, 1.0, 1.0], FRACTION),  # a fraction column whose median is 100 % stays fractions
    ([0.5, 1.0, 1.0001], FRACTION), ([0.9, 1.0001, 87], PERCENT_POINTS), ([1.0001], PERCENT_POINTS),
    ([], FRACTION), ([87, 0.5, 91], PERCENT_POINTS), ([0.87, 1.2, 0.9], FRACTION),
])
def test_percent_scale_is_decided_by_the_median_against_one(sample, scale):
    assert percent_scale_from_sample(sample) == scale


def _days(days: int, today: date | None = None):
    start = date(2026, 1, 1)
    return check(replace(GOOD, start=start, due=start + timedelta(days=days), today=today or start)).letter("T")


@pytest.mark.parametrize("days, verdict, words", [
    (0, Verdict.FAILS, "is not after the start date"), (1, Verdict.DOUBTFUL, "1 days is too short"),
    (SHORTEST_DAYS - 1, Verdict.DOUBTFUL, "too short"), (SHORTEST_DAYS, Verdict.OK, f"{SHORTEST_DAYS + 1} days"),
    (LONGEST_DAYS, Verdict.OK, f"{LONGEST_DAYS + 1} days"),
    (LONGEST_DAYS + 1, Verdict.DOUBTFUL, f"{LONGEST_DAYS + 1} days is more than a year"),
])
def test_time_bound_edges(days, verdict, words):
    letter = _days(days)
    assert letter.verdict is verdict and words in letter.message, letter.message


def test_time_bound_due_today_is_not_passed_but_yesterday_is():
    start = date(2026, 1, 1)
    due = start + timedelta(days=30)
    on_the_day = check(replace(GOOD, start=start, due=due, today=due)).letter("T")
    after = check(replace(GOOD, start=start, due=due, today=due + timedelta(days=1))).letter("T")
    assert on_the_day.verdict is Verdict.OK
    assert after.verdict is Verdict.DOUBTFUL and "has passed" in after.message


def test_time_bound_without_dates_fails():
    assert check(replace(GOOD, start=None)).letter("T").verdict is Verdict.FAILS
    assert check(replace(GOOD, due=None)).letter("T").verdict is Verdict.FAILS


def test_achievable_needs_enough_teammates_exactly_at_the_minimum():
    enough = check(replace(GOOD, team_values=GOOD.team_values[:MIN_TEAM])).letter("A")
    too_few = check(replace(GOOD, team_values=GOOD.team_values[:MIN_TEAM - 1])).letter("A")
    assert enough.verdict is Verdict.OK
    assert too_few.verdict is Verdict.DOUBTFUL and f"Only {MIN_TEAM - 1} teammates" in too_few.message
    one = check(replace(GOOD, team_values=(300,))).letter("A")
    assert "Only 1 teammate had" in one.message


def test_achievable_target_equal_to_the_teams_best_is_fine_beyond_it_fails():
    best = check(replace(GOOD, target=320, stretch=310, own_values=())).letter("A")  # the team's best 10 %: 320 s
    beyond = check(replace(GOOD, target=319.9, stretch=310, own_values=())).letter("A")
    assert best.verdict is Verdict.OK
    assert beyond.verdict is Verdict.FAILS


def test_achievable_against_own_days_counts_from_the_minimum():
    team = (100,) * MIN_TEAM  # the team is far better: the team check passes any target
    own = tuple(range(330, 330 + 5 * MIN_OWN_DAYS, 5))
    at_min = check(replace(GOOD, team_values=team, own_values=own, target=320, stretch=310)).letter("A")
    below = check(replace(GOOD, team_values=team, own_values=own[:-1], target=320, stretch=310)).letter("A")
    assert at_min.verdict is Verdict.DOUBTFUL and "beyond even the person's best 10% of days" in at_min.message
    assert below.verdict is Verdict.OK
    no_target = check(replace(GOOD, target=None)).letter("A")
    assert no_target.verdict is Verdict.DOUBTFUL and "Without a target" in no_target.message


def test_relevant_target_equal_to_baseline_asks_for_no_improvement():
    same = check(replace(GOOD, target=GOOD.baseline, commit=GOOD.baseline + 1)).letter("R")
    better = check(replace(GOOD, target=GOOD.baseline - 0.5)).letter("R")
    assert same.verdict is Verdict.DOUBTFUL and "asks for no improvement" in same.message
    assert better.verdict is Verdict.OK and better.message == f"Serves the goal “{GOOD.goal_title}”."


def test_relevant_names_each_doubt():
    letter = check(replace(GOOD, goal_title=None, in_role_set=False)).letter("R")
    assert letter.verdict is Verdict.DOUBTFUL
    assert "serves no team or organisation goal" in letter.message and "is not in the Agent's KPI set" in letter.message
    unknown = check(replace(GOOD, in_role_set=None)).letter("R")
    assert unknown.verdict is Verdict.OK


# -- kpi_math edges the mutation run found untested ----------------------------------------------------------------
from coachdesk.domain.enums import Aggregation, Unit  # noqa: E402
from coachdesk.domain.kpi_math import (  # noqa: E402
    DayFigure,
    aggregate,
    clamp_to_unit,
    forecast,
    percentile,
    share_at_or_better,
    share_good,
)

D = date(2026, 3, 2)


def test_aggregate_leaves_out_missing_and_non_finite_values():
    figures = [DayFigure(D, 2.0, 10), DayFigure(D, float("nan"), 10), DayFigure(D, float("inf"), 10),
               DayFigure(D, None, 10), DayFigure(D, 4.0, 30)]  # type: ignore[arg-type]
    assert aggregate(figures, Aggregation.MEAN).value == 3.0 and aggregate(figures, Aggregation.MEAN).days == 2
    weighted = aggregate(figures, Aggregation.WEIGHTED_MEAN)
    assert weighted.value == 3.5 and weighted.volume == 40 and weighted.days == 2
    assert aggregate(figures, Aggregation.SUM).value == 6.0


def test_a_day_without_contacts_counts_for_nothing_in_a_weighted_mean():
    zero = aggregate([DayFigure(D, 100.0, 0), DayFigure(D, 10.0, 1)], Aggregation.WEIGHTED_MEAN)
    assert zero.value == 10.0 and zero.days == 1 and zero.volume == 1
    none = aggregate([DayFigure(D, 100.0, 0)], Aggregation.WEIGHTED_MEAN)
    assert none.value is None and none.days == 0
    plain = aggregate([DayFigure(D, 100.0), DayFigure(D, 50.0)], Aggregation.WEIGHTED_MEAN)
    assert plain.value == 75.0 and plain.unweighted and plain.days == 2
    assert aggregate([], Aggregation.MEAN) == aggregate([DayFigure(D, float("nan"))], Aggregation.SUM)


@pytest.mark.parametrize("share, expected", [(0.0, 1), (1.0, 4), (0.5, 2.5), (0.9, 3.7), (1 / 3, 2.0)])
def test_percentile_edges(share, expected):
    assert percentile([4, None, 2, float("nan"), 1, 3], share) == pytest.approx(expected)  # type: ignore[list-item]


@pytest.mark.parametrize("share", [-0.0001, 1.0001])
def test_percentile_refuses_a_share_outside_zero_to_one(share):
    with pytest.raises(ValueError, match="^share must be between 0 and 1$"):
        percentile([1, 2], share)


def test_percentile_and_shares_of_nothing():
    assert percentile([], 0.5) is None and percentile([7], 0.9) == 7
    assert share_at_or_better([None, float("nan")], 1, HIGHER) is None  # type: ignore[list-item]
    assert share_at_or_better([1, 2, None, 3, 4], 3, HIGHER) == 0.5  # type: ignore[list-item]
    assert share_good([None, None], 4) == (None, 0)
    assert share_good([4, 3.9999999999, 3.99, 5, None], 4) == (0.75, 4)


def test_clamp_to_unit():
    assert clamp_to_unit(1.2, Unit.PERCENT) == 1.0 and clamp_to_unit(-0.2, Unit.PERCENT) == 0.0
    assert clamp_to_unit(0.4, Unit.PERCENT) == 0.4
    assert clamp_to_unit(-5, Unit.SECONDS) == 0.0 and clamp_to_unit(-5, Unit.COUNT) == 0.0
    assert clamp_to_unit(5, Unit.SECONDS) == 5 and clamp_to_unit(-5, Unit.SCORE) == -5


def test_forecast_on_the_due_day_is_final():
    figures = [DayFigure(D + timedelta(days=i), 10.0 + i) for i in range(10)]
    due = D + timedelta(days=9)
    final = forecast(figures, Aggregation.MEAN, D, due, today=due)
    assert final is not None and final.final and final.value == pytest.approx(14.5) and final.slope_per_day is None
    before = forecast(figures[:9], Aggregation.MEAN, D, due, today=due - timedelta(days=1))
    assert before is not None and not before.final and before.slope_per_day == pytest.approx(1.0)
    assert before.value == pytest.approx(14.5)
    total = forecast(figures[:9], Aggregation.SUM, D, due, today=due - timedelta(days=1))
    assert total is not None and total.value == pytest.approx(145.0)
