"""Objective rules on hand-computed cases: bands, levels, dates, weights, cycles, lifecycle and level reading."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.domain.enums import Direction, ObjectiveStatus, Unit
from coachdesk.domain.level_parse import parse_level
from coachdesk.domain.objectives import (
    Band,
    FieldError,
    Levels,
    band,
    check_dates,
    check_levels,
    check_no_cycle,
    check_transition,
    distance_to_target,
    on_track,
    parse_weight,
    weight_fraction,
)

LOWER, HIGHER = Direction.LOWER_IS_BETTER, Direction.HIGHER_IS_BETTER


@pytest.mark.parametrize(("value", "expected"), [
    (300, Band.EXCEEDED), (305, Band.EXCEEDED), (310, Band.ON_TARGET), (325, Band.ON_TARGET),
    (326, Band.BELOW), (330, Band.BELOW), (331, Band.FAR_BELOW),
])
def test_aht_bands_with_a_tolerance_capped_by_the_commit_level(value: float, expected: Band) -> None:
    # commit 330, target 320, stretch 305; the KPI's 15 s tolerance is capped at (330 - 320) / 2 = 5 s
    assert band(value, Levels(330, 320, 305), LOWER, tolerance=15) is expected


@pytest.mark.parametrize(("value", "expected"), [
    (0.81, Band.EXCEEDED), (0.80, Band.ON_TARGET), (0.765, Band.ON_TARGET), (0.755, Band.BELOW),
    (0.75, Band.BELOW), (0.74, Band.FAR_BELOW),
])
def test_percent_bands_fall_back_on_baseline_and_target_plus_tolerance(value: float, expected: Band) -> None:
    # no commit, no stretch: on target from 0.78 - 0.02 = 0.76; exceeded above 0.80; floor is the baseline 0.75
    assert band(value, Levels(None, 0.78, None), HIGHER, tolerance=0.02, baseline=0.75) is expected


def test_band_without_floor_or_target() -> None:
    assert band(0.1, Levels(None, 0.78, None), HIGHER) is Band.BELOW
    assert band(0.9, Levels(None, None, None), HIGHER) is None
    assert band(None, Levels(None, 0.78, None), HIGHER) is None
    assert Band.FAR_BELOW.label == "Far below" and Band.EXCEEDED.rank == 3


def test_distance_and_on_track() -> None:
    assert distance_to_target(339, 320, LOWER) == 19  # 19 s still to go
    assert distance_to_target(0.80, 0.78, HIGHER) == pytest.approx(-0.02)  # 2 points beyond
    assert on_track(Band.ON_TARGET) and not on_track(Band.BELOW) and on_track(None) is None


def test_levels_must_be_in_order_for_the_direction() -> None:
    check_levels(Levels(330, 320, 305), LOWER)
    with pytest.raises(FieldError, match="Commit level: 310 is better than the target 320") as error:
        check_levels(Levels(310, 320, 305), LOWER)
    assert error.value.field == "commit"
    with pytest.raises(FieldError, match="Stretch level") as error:
        check_levels(Levels(0.7, 0.8, 0.75), HIGHER)
    assert error.value.field == "stretch"
    with pytest.raises(FieldError, match="give a target"):
        check_levels(Levels(0.7, None, None), HIGHER)


def test_dates_and_weights() -> None:
    check_dates(date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(FieldError, match="30 Sep 2026 is not after the start date 1 Oct 2026") as error:
        check_dates(date(2026, 10, 1), date(2026, 9, 30))
    assert error.value.field == "due_date"
    assert weight_fraction(25) == 0.25 and weight_fraction(None) is None
    with pytest.raises(FieldError, match="120% is outside 0-100%"):
        weight_fraction(120)
    assert parse_weight("40 %") == 40 and parse_weight("") is None
    with pytest.raises(FieldError, match="not a percentage"):
        parse_weight("lots")
    with pytest.raises(FieldError, match="-5% is outside"):
        parse_weight("-5")


def test_goal_cycles_are_refused() -> None:
    parents = {1: None, 2: 1, 3: 2, 4: None}
    check_no_cycle(4, 3, parents)  # 4 under 3: fine
    with pytest.raises(FieldError, match="cycle"):
        check_no_cycle(1, 3, parents)  # 1 under its own grandchild
    with pytest.raises(FieldError, match="cycle"):
        check_no_cycle(2, 2, parents)


def test_lifecycle() -> None:
    check_transition(ObjectiveStatus.DRAFT, ObjectiveStatus.AGREED, None)
    check_transition(ObjectiveStatus.AGREED, ObjectiveStatus.ACHIEVED, None)
    with pytest.raises(FieldError, match="a draft objective cannot become achieved"):
        check_transition(ObjectiveStatus.DRAFT, ObjectiveStatus.ACHIEVED, None)
    with pytest.raises(FieldError, match="Reason"):
        check_transition(ObjectiveStatus.MISSED, ObjectiveStatus.AGREED, " ")
    check_transition(ObjectiveStatus.MISSED, ObjectiveStatus.AGREED, "Figures were corrected")


@pytest.mark.parametrize(("text", "unit", "value", "note"), [
    ("95", Unit.PERCENT, 0.95, "95 read as 95% (stored as 0.95)."),
    ("92.5%", Unit.PERCENT, 0.925, ""),
    ("92,5 %", Unit.PERCENT, 0.925, ""),
    ("0.9", Unit.PERCENT, 0.9, "0.9 read as the fraction 90%; write 0.9% if you meant 0.9 percent."),
    ("2 out of 3", Unit.PERCENT, 2 / 3, "2 out of 3 read as 66.67%."),
    ("3/4", Unit.PERCENT, 0.75, "3/4 read as 75%."),
    ("5:30", Unit.SECONDS, 330, "5:30 read as 330 seconds."),
    ("1:02:05", Unit.SECONDS, 3725, "1:02:05 read as 3725 seconds."),
    ("330", Unit.SECONDS, 330, "330 read as 330 seconds (5:30)."),
    ("5m30s", Unit.SECONDS, 330, "5m30s read as 330 seconds (5:30)."),
    ("2 min", Unit.SECONDS, 120, "2 min read as 120 seconds (2:00)."),
    ("1,200", Unit.COUNT, 1200, ""),
    ("-12", Unit.SCORE, -12, ""),
    ("£1,500", Unit.CURRENCY, 1500, ""),
])
def test_levels_are_read_in_the_measures_unit(text: str, unit: Unit, value: float, note: str) -> None:
    parsed = parse_level(text, unit)
    assert parsed.value == pytest.approx(value)
    assert parsed.note == note


@pytest.mark.parametrize(("text", "unit", "message"), [
    ("abc", Unit.PERCENT, "Target: 'abc' is not a percentage: write it like 92.5%"),
    ("150", Unit.PERCENT, "Target: '150' is not a percentage: it must lie from 0% to 100%."),
    ("4 of 3", Unit.PERCENT, "is not a share"),
    ("5:75", Unit.SECONDS, "Target: '5:75' is not a duration: seconds go up to 59"),
    ("fast", Unit.SECONDS, "Target: 'fast' is not a duration: write m:ss (5:30)"),
    ("-5:00", Unit.SECONDS, "negative"),
    ("-3", Unit.COUNT, "negative"),
    ("many", Unit.COUNT, "'many' is not a count"),
])
def test_nonsense_levels_are_refused_saying_what_was_expected(text: str, unit: Unit, message: str) -> None:
    with pytest.raises(FieldError, match=message.replace("(", r"\(").replace(")", r"\)")) as error:
        parse_level(text, unit)
    assert error.value.field == "target"


def test_blank_level_is_none() -> None:
    assert parse_level("  ", Unit.PERCENT) is None
