"""Objective rules on their edges: the rounding slack of a band boundary, a baseline already past the target, the
field each refusal names (a form puts the cursor there) and its exact sentence, weights at 0 and 100 %, and a goal
tree that already holds a cycle."""

from __future__ import annotations

import re
from datetime import date

import pytest

from coachdesk.domain.enums import Direction, ObjectiveStatus
from coachdesk.domain.objectives import (
    _EPSILON,
    Band,
    FieldError,
    Levels,
    allowed_moves,
    band,
    check_dates,
    check_levels,
    check_no_cycle,
    check_transition,
    distance_to_target,
    parse_weight,
    weight_fraction,
)

LOWER, HIGHER = Direction.LOWER_IS_BETTER, Direction.HIGHER_IS_BETTER
DRAFT, AGREED, ACHIEVED, MISSED, WITHDRAWN = (ObjectiveStatus.DRAFT, ObjectiveStatus.AGREED, ObjectiveStatus.ACHIEVED,
                                              ObjectiveStatus.MISSED, ObjectiveStatus.WITHDRAWN)


def refused(call, *args) -> FieldError:
    with pytest.raises(FieldError) as error:
        call(*args)
    return error.value


def test_a_boundary_met_within_rounding_of_a_small_value_but_not_beyond_it() -> None:
    # the slack is _EPSILON for values up to 1 in size
    assert band(0.78 - 0.5 * _EPSILON, Levels(None, 0.78, None), HIGHER) is Band.ON_TARGET
    assert band(0.78 - 1.5 * _EPSILON, Levels(None, 0.78, None), HIGHER) is Band.BELOW


def test_the_rounding_slack_grows_with_the_value() -> None:
    # 4,000,000 contacts a month: a rounding error of a millionth of a contact still meets the target, while a
    # slack of _EPSILON alone would not cover it
    target = 4_000_000.0
    assert band(target - 1e-6, Levels(None, target, None), HIGHER) is Band.ON_TARGET
    assert band(target + 1e-6, Levels(None, target, None), LOWER) is Band.ON_TARGET
    assert band(target - 1e-2, Levels(None, target, None), HIGHER) is Band.BELOW


def test_a_baseline_already_better_than_the_target_is_no_floor() -> None:
    # the baseline 0.85 was past the target 0.78 before the objective began: nothing can be "far below" it
    assert band(0.5, Levels(None, 0.78, None), HIGHER, baseline=0.85) is Band.BELOW
    assert band(0.5, Levels(None, 0.78, None), HIGHER, baseline=0.70) is Band.FAR_BELOW


def test_distance_without_a_value_or_a_target_is_none() -> None:
    assert distance_to_target(None, 320, LOWER) is None
    assert distance_to_target(300, None, LOWER) is None


def test_level_order_refusals_name_the_field_and_the_direction() -> None:
    check_levels(Levels(), HIGHER)  # no levels at all: nothing to check
    error = refused(check_levels, Levels(None, None, 0.9), HIGHER)
    assert error.field == "target"
    assert str(error) == "Target: give a target level as well as the commit or stretch level."
    error = refused(check_levels, Levels(0.85, 0.8, None), HIGHER)
    assert error.field == "commit"
    assert str(error) == ("Commit level: 0.85 is better than the target 0.8; the commit level is the minimum "
                          "(higher is better).")
    error = refused(check_levels, Levels(None, 320, 330), LOWER, lambda v: f"{v:g} s")
    assert error.field == "stretch"
    assert str(error) == ("Stretch level: 330 s is short of the target 320 s; the stretch level goes beyond it "
                          "(lower is better).")
    error = refused(check_levels, Levels(None, 0.8, 0.75), HIGHER)
    assert str(error).endswith("(higher is better).")


def test_date_refusals_name_the_field() -> None:
    error = refused(check_dates, None, date(2026, 12, 31))
    assert (error.field, str(error)) == ("start_date", "Start date: give the day the objective starts.")
    error = refused(check_dates, date(2026, 10, 1), None)
    assert (error.field, str(error)) == ("due_date", "Due date: give the day the objective is due.")
    error = refused(check_dates, date(2026, 10, 1), date(2026, 10, 1))  # due the day it starts: no time at all
    assert (error.field, str(error)) == ("due_date", "Due date: 1 Oct 2026 is not after the start date 1 Oct 2026.")
    check_dates(date(2026, 10, 1), date(2026, 10, 2))


@pytest.mark.parametrize(("percent", "share"), [(0, 0.0), (0.5, 0.005), (100, 1.0), (33.3333333, 0.333333)])
def test_weights_from_zero_to_a_hundred_percent_are_kept_to_a_millionth(percent: float, share: float) -> None:
    assert weight_fraction(percent) == share


@pytest.mark.parametrize("percent", [-0.5, 100.5, 101])
def test_weights_outside_zero_to_a_hundred_are_refused(percent: float) -> None:
    error = refused(weight_fraction, percent)
    assert (error.field, str(error)) == ("weight", f"Weight: {percent:g}% is outside 0-100%.")


def test_typed_weights() -> None:
    assert parse_weight("12,5 %") == 12.5
    assert parse_weight(" 25% ") == 25
    error = refused(parse_weight, "25X")
    assert (error.field, str(error)) == ("weight", "Weight: '25X' is not a percentage (write 25 or 25%).")


class _Parents(dict):
    """A goal tree that counts how often it is asked, so a walk that never ends fails instead of hanging."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.asked = 0

    def get(self, key, default=None):
        self.asked += 1
        if self.asked > 10 * (len(self) + 1):
            raise AssertionError("the walk up the goal tree does not end")
        return super().get(key, default)


def test_a_cycle_already_in_the_tree_does_not_hang_the_check() -> None:
    parents = _Parents({5: 6, 6: 5, 1: None})
    check_no_cycle(1, 5, parents)  # 5 and 6 point at each other (bad data): 1 is not among them, so it may move
    assert parents.asked <= 3
    error = refused(check_no_cycle, 5, 6, _Parents({5: 6, 6: 5}))
    assert error.field == "parent"
    assert str(error) == ("Parent goal: a goal cannot sit under itself or under one of its own sub-goals (that would "
                          "make a cycle).")


def test_allowed_moves_and_transition_refusals() -> None:
    assert allowed_moves(DRAFT) == {AGREED, WITHDRAWN}
    assert allowed_moves("withdrawn") == {DRAFT}
    error = refused(check_transition, AGREED, AGREED, None)
    assert (error.field, str(error)) == ("status", "Status: the objective is already agreed.")
    error = refused(check_transition, DRAFT, MISSED, None)
    assert (error.field, str(error)) == ("status", "Status: a draft objective cannot become missed (it can become: "
                                                   "agreed, withdrawn).")
    error = refused(check_transition, ACHIEVED, AGREED, None)  # no reason at all
    assert (error.field, str(error)) == ("reason", "Reason: say why the achieved objective goes back to agreed.")
    assert re.search("withdrawn objective goes back to draft", str(refused(check_transition, WITHDRAWN, DRAFT, "")))


def test_a_rating_a_point_short_within_rounding_is_below_not_far_below() -> None:
    # 3.4999999965 is 3.5 (a point short of 4.5) but for a rounding error the slack covers: it meets the gap exactly
    rating = Levels(commit=4.2, target=4.5)
    assert band(3.4999999965, rating, HIGHER, 0.1, far_gap=1.0) is Band.BELOW
    assert band(3.49999, rating, HIGHER, 0.1, far_gap=1.0) is Band.FAR_BELOW
