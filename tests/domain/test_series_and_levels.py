"""Trend-chart series (buckets, their middles, trailing means) and levels typed in a measure's unit, on their edges:
a Sunday and a Monday, the window's size exactly, 100 % and one past it, 59 and 60 minutes, each refusal's sentence."""

from __future__ import annotations

import math
from datetime import date

import pytest

from coachdesk.domain.enums import Unit
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.level_parse import ParsedLevel, parse_level
from coachdesk.domain.objectives import FieldError
from coachdesk.domain.stats_series import (
    GRANULARITIES,
    ROLLING_POINTS,
    bucket_middle,
    bucket_start,
    check_granularity,
    rolling_mean,
)


def test_granularities() -> None:
    assert GRANULARITIES == ("day", "week", "month") and ROLLING_POINTS == {"day": 7, "week": 4, "month": 3}
    assert check_granularity("week") == "week"
    with pytest.raises(ValidationError) as error:
        check_granularity("year")
    assert str(error.value) == "Granularity: 'year' is not one of day, week or month."


@pytest.mark.parametrize(("day", "granularity", "start", "middle"), [
    (date(2026, 12, 6), "week", date(2026, 11, 30), date(2026, 12, 3)),  # a Sunday belongs to the week before
    (date(2026, 12, 7), "week", date(2026, 12, 7), date(2026, 12, 10)),  # a Monday starts its week
    (date(2026, 2, 28), "month", date(2026, 2, 1), date(2026, 2, 15)),
    (date(2026, 12, 6), "day", date(2026, 12, 6), date(2026, 12, 6)),
])
def test_buckets_and_their_middles(day: date, granularity: str, start: date, middle: date) -> None:
    assert bucket_start(day, granularity) == start
    assert bucket_middle(start, granularity) == middle


def test_a_trailing_mean_holds_exactly_its_size_and_skips_gaps() -> None:
    days = [date(2026, 12, n) for n in range(1, 7)]
    points = list(zip(days, [1.0, 2.0, math.nan, 3.0, None, 7.0], strict=True))
    # three usable points in a window of two: 1; (1+2)/2; (2+3)/2; (3+7)/2
    assert rolling_mean(points, 2) == [(days[0], 1.0), (days[1], 1.5), (days[3], 2.5), (days[5], 5.0)]
    assert rolling_mean(points, 3) == [(days[0], 1.0), (days[1], 1.5), (days[3], 2.0), (days[5], 4.0)]
    assert rolling_mean([], 3) == []


def refused(text: str, unit: Unit, label: str = "Target", field: str = "target") -> str:
    with pytest.raises(FieldError) as error:
        parse_level(text, unit, label, field)
    assert error.value.field == field
    return str(error.value)


@pytest.mark.parametrize(("text", "unit", "level"), [
    ("100", Unit.PERCENT, ParsedLevel(1.0, "100 read as 100% (stored as 1).")),
    ("100%", Unit.PERCENT, ParsedLevel(1.0)), ("0%", Unit.PERCENT, ParsedLevel(0.0)),
    ("1", Unit.PERCENT, ParsedLevel(1.0, "1 read as the fraction 100%; write 1% if you meant 1 percent.")),
    ("0", Unit.PERCENT, ParsedLevel(0.0, "0 read as the fraction 0%; write 0% if you meant 0 percent.")),
    ("1.5", Unit.PERCENT, ParsedLevel(0.015, "1.5 read as 1.5% (stored as 0.015).")),
    ("3 of 3", Unit.PERCENT, ParsedLevel(1.0, "3 of 3 read as 100%.")),
    ("0 in 4", Unit.PERCENT, ParsedLevel(0.0, "0 in 4 read as 0%.")),
    ("1 Out Of 8", Unit.PERCENT, ParsedLevel(0.125, "1 Out Of 8 read as 12.5%.")),
    ("59:59", Unit.SECONDS, ParsedLevel(3599, "59:59 read as 3599 seconds.")),
    ("0:05:30.5", Unit.SECONDS, ParsedLevel(330.5, "0:05:30.5 read as 330.5 seconds.")),
    ("1:59:00", Unit.SECONDS, ParsedLevel(7140, "1:59:00 read as 7140 seconds.")),
    ("1h 30m", Unit.SECONDS, ParsedLevel(5400, "1h 30m read as 5400 seconds (1:30:00).")),
    ("90 secs", Unit.SECONDS, ParsedLevel(90, "90 secs read as 90 seconds (1:30).")),
    ("1 hour", Unit.SECONDS, ParsedLevel(3600, "1 hour read as 3600 seconds (1:00:00).")),
    ("1 000", Unit.COUNT, ParsedLevel(1000)), ("1\u00a0000", Unit.COUNT, ParsedLevel(1000)),
    ("1 of 1", Unit.PERCENT, ParsedLevel(1.0, "1 of 1 read as 100%.")), ("0", Unit.COUNT, ParsedLevel(0)),
    ("2,5", Unit.SCORE, ParsedLevel(2.5)), ("+3", Unit.SCORE, ParsedLevel(3)), (".5", Unit.SCORE, ParsedLevel(0.5)),
    ("€ 12.50", Unit.CURRENCY, ParsedLevel(12.5)), ("0", Unit.CURRENCY, ParsedLevel(0)),
    ("1,234,567.5", Unit.SCORE, ParsedLevel(1234567.5)),
])
def test_levels_at_their_edges(text: str, unit: Unit, level: ParsedLevel) -> None:
    assert parse_level(text, unit) == level


@pytest.mark.parametrize(("text", "unit", "message"), [
    ("100.5", Unit.PERCENT, "Target: '100.5' is not a percentage: it must lie from 0% to 100%."),
    ("-0.5", Unit.PERCENT, "Target: '-0.5' is not a percentage: it must lie from 0% to 100%."),
    ("-5%", Unit.PERCENT, "Target: '-5%' is not a percentage: it must lie from 0% to 100%."),
    ("0 of 0", Unit.PERCENT, "Target: '0 of 0' is not a share: the first number must be from 0 to the second, and "
                             "the second above 0."),
    ("5X", Unit.PERCENT, "Target: '5X' is not a percentage: write it like 92.5% (or 0.925, or 3 of 4)."),
    ("lots", Unit.PERCENT, "Target: 'lots' is not a percentage: write it like 92.5% (or 0.925, or 3 of 4)."),
    ("2 of 0", Unit.PERCENT, "Target: '2 of 0' is not a share: the first number must be from 0 to the second, and "
                             "the second above 0."),
    ("1:60:00", Unit.SECONDS, "Target: '1:60:00' is not a duration: minutes go up to 59 (write m:ss (5:30), "
                              "h:mm:ss, 5m30s or a number of seconds)."),
    ("5:60", Unit.SECONDS, "Target: '5:60' is not a duration: seconds go up to 59 (write m:ss (5:30), h:mm:ss, "
                           "5m30s or a number of seconds)."),
    ("-90", Unit.SECONDS, "Target: '-90' is negative; a duration cannot be."),
    ("soon", Unit.SECONDS, "Target: 'soon' is not a duration: write m:ss (5:30), h:mm:ss, 5m30s or a number of "
                           "seconds."),
    (" x ", Unit.SCORE, "Target: 'x' is not a number."), ("£x", Unit.CURRENCY, "Target: '£x' is not an amount."),
    ("-1", Unit.COUNT, "Target: '-1' is negative; a count cannot be."),
    ("£-5", Unit.CURRENCY, "Target: '£-5' is negative; a currency cannot be."),
])
def test_level_refusals_word_for_word(text: str, unit: Unit, message: str) -> None:
    assert refused(text, unit) == message


def test_the_label_and_field_are_the_callers() -> None:
    assert refused("x", Unit.COUNT, "Commit level", "commit") == "Commit level: 'x' is not a count."
    assert parse_level(None, Unit.COUNT) is None  # type: ignore[arg-type]
