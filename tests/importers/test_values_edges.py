"""Cell parsers on their edges, with the whole message of each refusal: a changed bound, default or word is noticed."""

from __future__ import annotations

import math
import re
from datetime import datetime, time, timedelta

import pytest

from coachdesk.importers.values import (
    DURATION_UNITS,
    FRACTION,
    PERCENT_POINTS,
    cached,
    duration_unit_from_header,
    is_missing,
    missing_reason,
    parse_count,
    parse_duration,
    parse_flag,
    parse_number,
    parse_percent,
)


def refused(call, message: str) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        call()


@pytest.mark.parametrize(("raw", "missing"), [
    (None, True), (math.nan, True), (math.inf, True), (-math.inf, True), (0.0, False), (3, False), ("", True),
    ("  N/A \u00a0", True), ("#DIV/0!", True), ("NaN%", True), ("0", False), ("x", False), (b"", False),
])
def test_is_missing(raw: object, missing: bool) -> None:
    assert is_missing(raw) is missing


@pytest.mark.parametrize(("raw", "why"), [
    (None, "empty"), ("", "empty"), ("   ", "empty"), (" NaN ", "not a number (0 / 0 in the source)"),
    ("NaN%", "not a number (0 / 0 in the source)"), ("Infinity", "infinite (a division by zero in the source)"),
    ("infinity%", "infinite (a division by zero in the source)"), ("#DIV/0!", "a division by zero"),
    (" n/a ", "'n/a' means no value"),
])
def test_missing_reason(raw: object, why: str) -> None:
    assert missing_reason(raw) == why


@pytest.mark.parametrize(("raw", "value"), [
    (True, 1.0), (False, 0.0), (7, 7.0), (2.5, 2.5), (math.nan, None), (math.inf, None), (None, None),
    ("12", 12.0), (" 12.5 ", 12.5), ("-", None), ('="0123"', 123.0), ('="1"', 1.0),
    ("1,234", 1234.0), ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("(12)", -12.0), ("(-12)", 12.0),
    ("\u221212", -12.0), ("+12", 12.0), ("$1,200", 1200.0), ("1 200 EUR", 1200.0), ("- $5", -5.0),
    ("12,5", 12.5), ("1.234.567", 1234567.0), (".5", 0.5), ("1'234", 1234.0),
])
def test_parse_number(raw: object, value: float | None) -> None:
    assert parse_number(raw) == value


def test_parse_number_with_a_decimal_comma() -> None:
    assert parse_number("1.234", ",") == 1234.0 and parse_number("12,5", ",") == 12.5
    assert parse_number("1,234", ",") == 1.234  # the comma is the decimal mark: not thousands
    assert parse_number("1.5", ",") == 1.5  # not thousands-shaped: left as it is


@pytest.mark.parametrize("raw", ["abc", "1_000", "inf5", "nan5", "--5", "1e999", "()", "1,2,3.4.5", "e5"])
def test_parse_number_refuses(raw: str) -> None:
    refused(lambda: parse_number(raw), f"{raw!r} is not a number")


def test_parse_number_refuses_other_types_and_huge_text() -> None:
    refused(lambda: parse_number([1]), "[1] is not a number")
    refused(lambda: parse_number("1" * 400 + ",5"), f"{'1' * 400 + ',5'!r} is not a number")


def test_parse_count() -> None:
    assert parse_count("0") == 0.0 and parse_count("1,234") == 1234.0 and parse_count("") is None
    refused(lambda: parse_count("-1"), "'-1' is negative; a count cannot be")
    refused(lambda: parse_count(-0.5), "-0.5 is negative; a count cannot be")


@pytest.mark.parametrize(("raw", "scale", "value"), [
    ("87%", FRACTION, 0.87), ("8,285.64%", FRACTION, 82.8564), ("87", PERCENT_POINTS, 0.87), ("0.87", FRACTION, 0.87),
    ("NaN%", FRACTION, None), ("", FRACTION, None), ("n/a", FRACTION, None),
    (87, PERCENT_POINTS, 0.87), (0.5, FRACTION, 0.5), (None, FRACTION, None), ('="45%"', FRACTION, 0.45),
    ("45 %", FRACTION, 0.45),
])
def test_parse_percent(raw: object, scale: str, value: float | None) -> None:
    result = parse_percent(raw, ".", scale)
    assert result == (pytest.approx(value) if value is not None else None)


def test_parse_percent_defaults_to_fractions_and_refuses_words() -> None:
    assert parse_percent("0.87") == 0.87 and parse_percent("87") == 87.0
    refused(lambda: parse_percent("abc%"), "'abc' is not a number")  # the number's own refusal
    refused(lambda: parse_percent("-%"), "'-%' is not a percentage")  # no number, and not a missing marker
    refused(lambda: parse_percent("abc"), "'abc' is not a percentage")


@pytest.mark.parametrize(("raw", "seconds"), [
    ("143", 143.0), ("2:23", 143.0), ("0:02:23", 143.0), ("75:10", 4510.0), ("1:00:59", 3659.0),
    ("135:40:34.625", 135 * 3600 + 40 * 60 + 34.625), ("1.02:03:04", 86400 + 7384.0), ("2 days 01:00:00", 2 * 86400 + 3600.0),
    ("1h 2m 3s", 3723.0), ("1d", 86400.0), ("2,5 min", 150.0), ("-0:00", 0.0), ("0:59", 59.0), ("0:00:59,5", 59.5),
    (timedelta(minutes=2), 120.0), (time(1, 2, 3, 500000), 3723.5), (90, 90.0), (math.nan, None), (None, None),
    ("", None), ("-", None),
])
def test_parse_duration(raw: object, seconds: float | None) -> None:
    assert parse_duration(raw) == seconds


def test_parse_duration_in_other_units() -> None:
    assert DURATION_UNITS == {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0, "days": 86400.0, "milliseconds": 0.001}
    assert parse_duration("2.5", "minutes") == 150.0 and parse_duration(2, "hours") == 7200.0
    assert parse_duration("2,5", "minutes", ",") == 150.0 and parse_duration(1500, "milliseconds") == 1.5


@pytest.mark.parametrize(("raw", "message"), [
    ("1:60", "'1:60' is not a duration: 60 seconds"),
    ("1:60:00", "'1:60:00' is not a duration: 60 minutes in H:MM:SS"),
    ("1:59:60", "'1:59:60' is not a duration: 60 seconds"),
    ("-0:01", "'-0:01' is a negative duration"),
    ("-5", "'-5' is a negative duration"),
    (-5, "-5 is a negative duration"),
    (timedelta(seconds=-1), "datetime.timedelta(days=-1, seconds=86399) is a negative duration"),
    ("a:b", "'a:b' is not a duration (write seconds, H:MM:SS or M:SS)"),
    ("soon", "'soon' is not a duration (write seconds, H:MM:SS or M:SS)"),
    (datetime(2025, 1, 1, 10, 0), "datetime.datetime(2025, 1, 1, 10, 0) is a date and time, not a duration"),
    ([1], "[1] is not a duration"),
])
def test_parse_duration_refuses(raw: object, message: str) -> None:
    refused(lambda: parse_duration(raw), message)


@pytest.mark.parametrize(("raw", "flag"), [
    (None, None), (True, True), (False, False), (1, True), (0, False), (2.0, True), ("Y", True), (" yes ", True),
    ("1", True), ("\u2713", True), ("Answered", True), ("N", False), ("0", False), ("Abandoned", False),
    ("not answered", False), ("", None), ("n/a", None),
])
def test_parse_flag(raw: object, flag: bool | None) -> None:
    assert parse_flag(raw) is flag


def test_parse_flag_refuses() -> None:
    refused(lambda: parse_flag("maybe"), "'maybe' is not yes or no")


@pytest.mark.parametrize(("header", "unit"), [
    ("Talk (ms)", "milliseconds"), ("Talk msec", "milliseconds"), ("Hold (min)", "minutes"), ("ACW mn", "minutes"),
    ("Login (hrs)", "hours"), ("Login h", "hours"), ("AHT (s)", "seconds"), ("AHT secs", "seconds"),
    ("AHT", None), ("Minutes and seconds", "minutes"), ("Handle", None),
])
def test_duration_unit_from_header(header: str, unit: str | None) -> None:
    assert duration_unit_from_header(header) == unit


def test_cached_keeps_at_most_its_limit_and_no_errors() -> None:
    calls: list[object] = []

    def convert(raw: object) -> object:
        calls.append(raw)
        if raw == "bad":
            raise ValueError("bad")
        return raw

    get = cached(convert, 2)
    assert [get("a"), get("a"), get("b"), get("c"), get("c")] == ["a", "a", "b", "c", "c"]
    assert calls == ["a", "b", "c", "c"]  # the third distinct value is past the limit: converted each time
    for _ in range(2):
        with pytest.raises(ValueError):
            get("bad")
    assert calls.count("bad") == 2
    big = cached(convert)
    for i in range(3):
        big(i)
        big(i)
    assert calls[-3:] == [0, 1, 2]


def test_a_count_and_a_flag_use_the_files_decimal_mark_and_quotes() -> None:
    assert parse_count("1.234", ",") == 1234.0 and parse_count("1.234") == 1.234
    assert parse_flag("'yes'") is True and parse_flag("\u2019no\u2019") is False


def test_the_median_is_the_middle_value() -> None:
    from coachdesk.importers.values import percent_scale_from_sample

    assert percent_scale_from_sample([0.5, 0.5, 2.0, 2.0, 2.0]) == PERCENT_POINTS
    assert percent_scale_from_sample([0.5, 0.5, 0.5, 2.0, 2.0]) == FRACTION


@pytest.mark.parametrize(("word", "unit"), [
    ("millis", "milliseconds"), ("milliseconds", "milliseconds"), ("mins", "minutes"), ("minute", "minutes"),
    ("minutes", "minutes"), ("hr", "hours"), ("hrs", "hours"), ("hour", "hours"), ("hours", "hours"),
    ("sec", "seconds"), ("second", "seconds"), ("seconds", "seconds"),
])
def test_every_unit_word_of_a_header(word: str, unit: str) -> None:
    assert duration_unit_from_header(f"Talk time ({word})") == unit


def test_percent_and_duration_cells_use_the_files_decimal_mark() -> None:
    assert parse_percent("1,234%", ",") == pytest.approx(0.01234)
    assert parse_percent("1,234", ",") == pytest.approx(1.234) and parse_percent(1, ",", PERCENT_POINTS) == 0.01
    assert parse_duration("1,234", "seconds", ",") == pytest.approx(1.234)
