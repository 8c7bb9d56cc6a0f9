"""Dates in exports: formats, clocks, and the day/month order decided from a whole column."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coachdesk.importers.dates import (
    DMY,
    MDY,
    YMD,
    Numeric,
    OrderInference,
    classify,
    describe_ambiguity,
    full_year,
    parse_stamp,
)


@pytest.mark.parametrize("text, day, seconds", [
    ("2021-01-02", date(2021, 1, 2), None),
    ("2021-01-02T09:30:00Z", date(2021, 1, 2), 34200),
    ("2021-01-02 09:30:15.250+01:00", date(2021, 1, 2), 34215),
    ("2021/1/2", date(2021, 1, 2), None),
    ("2-Jan-2021", date(2021, 1, 2), None),
    ("02 January 21", date(2021, 1, 2), None),
    ("Jan 2, 2021 3:04 PM", date(2021, 1, 2), 54240),
    ("20210102", date(2021, 1, 2), None),
    ("44198", date(2021, 1, 2), None),
])
def test_dates_that_need_no_order(text, day, seconds):
    assert parse_stamp(text, None) == (day, seconds)


@pytest.mark.parametrize("text, order, day, seconds", [
    ("1/2/2021", MDY, date(2021, 1, 2), None),
    ("02/01/2021", DMY, date(2021, 1, 2), None),
    ("7/25/25 00:00", MDY, date(2025, 7, 25), 0),
    ("7/25/25 12:00 AM", MDY, date(2025, 7, 25), 0),
    ("7/25/25 12:30 pm", MDY, date(2025, 7, 25), 45000),
    ("25.07.2025 23:59:59", DMY, date(2025, 7, 25), 86399),
    ("21/03/15", YMD, date(2021, 3, 15), None),
])
def test_order_dependent_dates(text, order, day, seconds):
    assert parse_stamp(text, order) == (day, seconds)


def test_two_digit_years_pivot_like_strptime():
    assert full_year("25") == 2025 and full_year("68") == 2068 and full_year("69") == 1969 and full_year("2025") == 2025


def test_unambiguous_cells_read_without_an_order_and_ambiguous_ones_do_not():
    assert parse_stamp("13/01/2021", None) == (date(2021, 1, 13), None)
    assert parse_stamp("1/13/2021", None) == (date(2021, 1, 13), None)
    assert parse_stamp("5/5/2021", None) == (date(2021, 5, 5), None)
    with pytest.raises(ValueError, match="day-first or month-first"):
        parse_stamp("01/02/2021", None)
    with pytest.raises(ValueError, match="not a real date when read as day/month/year"):
        parse_stamp("2/13/2021", DMY)


@pytest.mark.parametrize("text", ["yesterday", "32/13/2021", "2021-02-30", "13:00", "1/2/3/4"])
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_stamp(text, DMY)


def test_native_values_from_spreadsheets():
    assert classify(datetime(2024, 3, 13, 14, 30)) == (date(2024, 3, 13), 52200)
    assert classify(date(2024, 3, 13)) == (date(2024, 3, 13), None)
    assert classify(45364.5) == (date(2024, 3, 13), 43200)


def feed(values):
    inference = OrderInference()
    for row, value in enumerate(values, start=2):
        inference.feed(value, row)
    return inference


def test_the_whole_column_decides_the_order():
    column = ["01/02/2021", "05/02/2021", "12/03/2021", "13/03/2021", "02/04/2021"]
    inference = feed(column)
    assert inference.order == DMY and inference.decided
    assert inference.witnesses[MDY] == ("13/03/2021", 5)
    assert feed(["1/2/2021", "1/13/2021"]).order == MDY


def test_a_wholly_ambiguous_column_is_ambiguous_and_a_mixed_one_conflicts():
    ambiguous = feed(["01/02/2021", "03/04/2021", "12/12/2021"])
    assert ambiguous.ambiguous and ambiguous.order is None and ambiguous.first_numeric == ("01/02/2021", 2)
    mixed = feed(["13/01/2021", "01/13/2021"])
    assert mixed.conflicting and mixed.order is None
    iso = feed(["2021-01-02", "2021-01-03"])
    assert iso.numeric_seen == 0 and not iso.ambiguous


def test_dates_that_read_the_same_either_way_are_not_ambiguous():
    inference = feed(["05/05/2021", "12/12/2021", "05/05/2021"])
    assert not inference.ambiguous and inference.order is None and inference.numeric_seen == 2


def test_cells_valid_in_no_order_are_not_evidence():
    inference = feed(["31/31/2021", "01/02/2021"])
    assert inference.ambiguous


def test_ambiguity_is_described_in_words():
    assert describe_ambiguity("01/02/2021") == "'01/02/2021' could be 1 February 2021 or 2 January 2021"
    assert isinstance(classify("01/02/21"), Numeric)
