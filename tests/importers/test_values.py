"""Value parsers: durations, percentages, numbers, flags and missing markers, with property tests that a value
written in every format an export uses reads back equal."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachdesk.importers.values import (
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
    percent_scale_from_sample,
)


@pytest.mark.parametrize("text, seconds", [
    ("143", 143), (" 00:14:33.768", 873.768), (" 135:40:34.625", 488434.625), ("0:02:23", 143),
    ("2:23", 143), ("75:10", 4510), ("1.02:03:04", 93784), ("2 days 01:00:00", 176400), ("1h 2m 3s", 3723),
    ("45s", 45), ("00:00:25,490", 25.49), ("12.5", 12.5), ('="143"', 143), ("1,234", 1234),
])
def test_durations_in_the_formats_exports_use(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


def test_plain_numbers_take_the_unit_the_header_names():
    assert parse_duration("2.5", unit="minutes") == 150
    assert parse_duration("1,5", unit="hours", decimal=",") == 5400
    assert parse_duration("1500", unit="milliseconds") == 1.5
    assert duration_unit_from_header("Exceptions Duration Minutes") == "minutes"
    assert duration_unit_from_header("Speed of answer in seconds") == "seconds"
    assert duration_unit_from_header("Talk (hrs)") == "hours"
    assert duration_unit_from_header("Avg Talk") is None


def test_native_spreadsheet_durations():
    assert parse_duration(timedelta(hours=30, minutes=5)) == 108300
    assert parse_duration(time(0, 4, 50)) == 290
    assert parse_duration(90.0) == 90


@pytest.mark.parametrize("text", ["abc", "1:2:3:4:5", "12:75:00", "-0:01:00", "-5"])
def test_unreadable_durations_say_why(text):
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize("text, fraction", [
    ("87%", 0.87), ('8,285.64%', 82.8564), ("0.87", 0.87), ("87,5 %", 0.875), ("100.00%", 1.0), ("5%", 0.05),
])
def test_percentages(text, fraction):
    assert parse_percent(text) == pytest.approx(fraction)


def test_bare_percent_points_need_the_column_scale():
    assert parse_percent("87", scale=PERCENT_POINTS) == pytest.approx(0.87)
    assert parse_percent("0.87", scale=FRACTION) == pytest.approx(0.87)
    assert percent_scale_from_sample([85, 90, 0.5, 77]) == PERCENT_POINTS
    assert percent_scale_from_sample([0.85, 0.9, 1.2, 0.77]) == FRACTION


@pytest.mark.parametrize("text", ["", "  ", "-", "NaN%", "Infinity%", "-Infinity%", "#DIV/0!", "N/A", "null", "\u2014"])
def test_missing_markers_are_no_value(text):
    assert is_missing(text)
    assert parse_percent(text) is None
    assert parse_duration(text) is None
    assert parse_number(text) is None


def test_missing_reasons_are_worded_for_warnings():
    assert missing_reason("") == "empty"
    assert "division by zero" in missing_reason("Infinity%")
    assert "0 / 0" in missing_reason("NaN%")


@pytest.mark.parametrize("text, number", [
    ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1 234,5", 1234.5), ("$1,520.00", 1520), ("(1,234.00)", -1234),
    ("-$5", -5), ("\u20ac 12,50", 12.5), ("12.345.678", 12345678), ("1'234.5", 1234.5), ("USD 7", 7),
])
def test_numbers_with_separators_and_currency(text, number):
    assert parse_number(text) == pytest.approx(number)


def test_decimal_comma_files():
    assert parse_number("1,234", decimal=",") == pytest.approx(1.234)
    assert parse_number("1.234", decimal=",") == 1234
    assert parse_number("1,234") == 1234


@pytest.mark.parametrize("text", ["abc", "1_000", "12a", "nan1"])
def test_unreadable_numbers(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


def test_counts_refuse_negatives_and_flags_read_yes_no():
    assert parse_count("1,024") == 1024
    with pytest.raises(ValueError, match="negative"):
        parse_count("-3")
    assert [parse_flag(x) for x in ("Y", "n", "TRUE", "0", "", "Yes")] == [True, False, True, False, None, True]
    with pytest.raises(ValueError, match="yes or no"):
        parse_flag("maybe")


def test_cached_parsers_do_not_keep_errors():
    calls = []

    def parse(raw):
        calls.append(raw)
        if raw == "bad":
            raise ValueError("bad")
        return 1

    lookup = cached(parse)
    assert lookup("a") == 1 and lookup("a") == 1
    for _ in range(2):
        with pytest.raises(ValueError):
            lookup("bad")
    assert calls == ["a", "bad", "bad"]


# -- properties: a value written in every format reads back equal ------------------------------------------------

def duration_texts(ms: int) -> list[tuple[str, dict]]:
    seconds, millis = divmod(ms, 1000)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    total_minutes = seconds // 60
    texts = [
        (f"{h}:{m:02d}:{s:02d}.{millis:03d}", {}),
        (f" {h:02d}:{m:02d}:{s:02d}.{millis:03d}", {}),
        (f"{total_minutes}:{s:02d}.{millis:03d}", {}),
        (f"{ms / 1000:.3f}", {}),
        (f"{ms / 60000:.12f}", {"unit": "minutes"}),
        (f"{ms}", {"unit": "milliseconds"}),
        (f"{h}h {m}m {s}.{millis:03d}s", {}),
    ]
    if millis == 0:
        texts += [(str(seconds), {}), (f"{h}:{m:02d}:{s:02d}", {}), (f"{total_minutes}:{s:02d}", {})]
    if seconds >= 86400:
        d, hh = divmod(h, 24)
        texts.append((f"{d}.{hh:02d}:{m:02d}:{s:02d}.{millis:03d}", {}))
    if ms >= 1_000_000:
        texts.append((f"{ms / 1000:,.3f}", {}))
    return texts


@given(st.integers(min_value=0, max_value=400 * 3600 * 1000))
def test_durations_round_trip_in_every_format(ms):
    for text, kwargs in duration_texts(ms):
        assert parse_duration(text, **kwargs) == pytest.approx(ms / 1000, abs=1e-6), text


@given(st.integers(min_value=0, max_value=10_000_000))
def test_percentages_round_trip_in_every_format(hundredths_of_a_point):
    points = hundredths_of_a_point / 100  # 0.00 to 100,000.00 percent points
    fraction = points / 100
    texts = [
        (f"{points:.2f}%", {}), (f"{points:,.2f}%", {}), (f"{points:.2f} %", {}),
        (f"{points:.2f}".replace(".", ",") + "%", {"decimal": ","}),
        (f"{fraction:.6f}", {"scale": FRACTION}), (f"{points:.2f}", {"scale": PERCENT_POINTS}),
    ]
    for text, kwargs in texts:
        assert parse_percent(text, **kwargs) == pytest.approx(fraction, abs=1e-9), text
