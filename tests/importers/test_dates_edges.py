"""Boundaries of importers.dates that the mutation run (issue 17) showed untested: the Excel serial range at both
ends, fractions of a day, the 12 that is still a month, the cap on remembered cells, and month names."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coachdesk.importers.dates import (
    DMY,
    MDY,
    YMD,
    Numeric,
    OrderInference,
    classify,
    full_year,
    month_name,
    parse_stamp,
)


def test_full_year_pivots_only_two_digits():
    assert full_year("25") == 2025 and full_year("69") == 1969 and full_year("68") == 2068
    assert full_year("125") == 125 and full_year("2025") == 2025


@pytest.mark.parametrize("serial, day", [(20000, date(1954, 10, 3)), (80000, date(2119, 1, 11)),
                                         (44197, date(2021, 1, 1))])
def test_excel_serial_range_includes_both_ends(serial, day):
    assert classify(serial) == (day, None) and classify(str(serial)) == (day, None)


@pytest.mark.parametrize("serial", [19999.99, 80000.5, 19999, 80001, "19999", "80001"])
def test_excel_serial_outside_the_range_is_refused_by_name(serial):
    with pytest.raises(ValueError, match=f"^{serial!r} is not a date$"):
        classify(serial)


def test_excel_serial_fraction_is_the_time_of_day():
    assert classify(44197.75) == (date(2021, 1, 1), 18 * 3600)
    assert classify(44197.5) == (date(2021, 1, 1), 12 * 3600)


def test_a_two_digit_year_first_needs_the_year_last_order():
    with pytest.raises(ValueError, match="^a four-digit year comes last$"):
        Numeric(21, 3, 2015, None, False).resolve(YMD)
    assert Numeric(21, 3, 2015, None, True).resolve(YMD) == date(2021, 3, 15)


@pytest.mark.parametrize("raw, ambiguous", [
    ("12/03/2021", True), ("03/12/2021", True),  # 12 is still a month: either order reads
    ("13/03/2021", False), ("03/13/2021", False),  # 13 is not: the order is settled
])
def test_twelve_is_a_month_and_thirteen_is_not(raw, ambiguous):
    inference = OrderInference()
    inference.feed(raw, 2)
    assert inference.ambiguous is ambiguous and (inference.ambiguous_seen == 1) is ambiguous
    assert inference.first_numeric == ((raw, 2) if ambiguous else None)
    assert inference.numeric_seen == 1


def test_remembers_at_most_100000_cells_then_counts_repeats_again():
    inference = OrderInference()
    start = date(1800, 1, 1)
    for n in range(100_000):
        inference.feed(start + timedelta(days=n), n)
    inference.feed("01/02/2021", 100_001)
    inference.feed("01/02/2021", 100_002)
    assert inference.numeric_seen == 2  # the 100,001st distinct cell is no longer remembered
    small = OrderInference()
    small.feed("01/02/2021", 1)
    small.feed("01/02/2021", 2)
    assert small.numeric_seen == 1 and small.candidates == {DMY, MDY}


@pytest.mark.parametrize("number, name", [(1, "January"), (12, "December"), (0, "0"), (13, "13"), (-1, "-1")])
def test_month_name_and_numbers_that_are_no_month(number, name):
    assert month_name(number) == name


@pytest.mark.parametrize("raw, seconds", [
    ("2021-01-01 1:00 am", 3600), ("2021-01-01 12:30 am", 1800), ("2021-01-01 12:30 pm", 45000),
    ("2021-01-01 24:00", 86400), ("2021-01-01 23:59:59", 86399), ("2021-01-01 0:00", 0),
])
def test_times_of_day_at_their_limits(raw, seconds):
    assert classify(raw) == (date(2021, 1, 1), seconds)


@pytest.mark.parametrize("raw, message", [
    ("2021-01-01 0:30 am", "0 is not an hour on a 12-hour clock"),
    ("2021-01-01 13:00 pm", "13 is not an hour on a 12-hour clock"),
    ("2021-01-01 25:00", "is not a time of day"), ("2021-01-01 10:60", "is not a time of day"),
    ("2021-01-01 10:00:60", "is not a time of day"), ("2021-01-01 24:01", "is not a time of day"),
    ("2021-01-01 24:00:01", "is not a time of day"),
])
def test_times_that_are_no_time_of_day(raw, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        classify(raw)


def test_a_datetime_keeps_its_seconds_and_a_bool_is_no_date():
    assert classify(datetime(2021, 1, 1, 10, 20, 30)) == (date(2021, 1, 1), 37230)
    for raw in (True, "soon"):
        with pytest.raises(ValueError, match=r"is not a date \(write it as YYYY-MM-DD, D/M/YYYY or M/D/YYYY\)$"):
            classify(raw)


@pytest.mark.parametrize("raw, day", [("13/12/2021", date(2021, 12, 13)), ("12/13/2021", date(2021, 12, 13)),
                                      ("12/12/2021", date(2021, 12, 12))])
def test_parse_stamp_settles_the_order_when_one_number_is_over_12(raw, day):
    assert parse_stamp(raw, None) == (day, None)


@pytest.mark.parametrize("raw", ["12/05/2021", "05/12/2021"])
def test_parse_stamp_asks_for_the_order_when_12_could_be_either(raw):
    with pytest.raises(ValueError, match="could be read day-first or month-first"):
        parse_stamp(raw, None)


def test_every_ambiguous_date_is_counted():
    inference = OrderInference()
    for row, raw in enumerate(("01/02/2021", "03/04/2021", "05/05/2021", "01/02/2021")):
        inference.feed(raw, row)
    assert inference.ambiguous_seen == 2 and inference.numeric_seen == 3 and inference.first_numeric == ("01/02/2021", 0)
