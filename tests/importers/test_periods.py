"""Periods at their edges: a month from a date needs the confirmed order, months out of range, a date range read in
the confirmed order, underscores in file names, and file names with spaces."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.importers.periods import parse_month, period_in_text, suggest_period


def test_a_month_from_a_date_follows_the_given_order() -> None:
    assert parse_month("11/12/2025", "dmy") == (date(2025, 12, 1), date(2025, 12, 31))
    assert parse_month("11/12/2025", "mdy") == (date(2025, 11, 1), date(2025, 11, 30))


@pytest.mark.parametrize("raw, message", [
    ("2025-13", "'2025-13' is not a month: there is no month 13"),
    (" 00/2025 ", "'00/2025' is not a month: there is no month 0"),
    ("Nonember 2025", "'Nonember 2025' is not a month (write it as YYYY-MM, such as 2025-11)"),
])
def test_what_is_not_a_month_is_said_in_full(raw, message) -> None:
    with pytest.raises(ValueError) as caught:
        parse_month(raw)
    assert str(caught.value) == message
    assert parse_month("2025-12") == (date(2025, 12, 1), date(2025, 12, 31))


def test_both_ends_of_a_range_are_read_in_the_confirmed_order() -> None:
    assert period_in_text("01/02/2025 - 03/02/2025", "dmy") == (date(2025, 2, 1), date(2025, 2, 3))
    assert period_in_text("01/02/2025 - 01/04/2025", "mdy") == (date(2025, 1, 2), date(2025, 1, 4))


def test_underscores_separate_words() -> None:
    assert period_in_text("Week_of_2025-11-17") == (date(2025, 11, 17), date(2025, 11, 23))
    assert period_in_text("agents_week_ending_2025-11-23") == (date(2025, 11, 17), date(2025, 11, 23))


def test_a_file_name_with_spaces_gives_its_period() -> None:
    found = suggest_period((), "Agents report 2025-11-17.csv")
    assert found == ((date(2025, 11, 17), date(2025, 11, 17)), "the file name 'Agents report 2025-11-17.csv'")
