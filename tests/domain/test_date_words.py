"""domain.date_words: one way to write days and instants, from patterns the UI (or the CLI) gives; the default is
unambiguous ("31 Dec 2026"); instants are written in local time (or a given zone), never raw UTC."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from coachdesk.domain import date_words as dw

GB = dw.Patterns(date="dd/MM/yyyy", time="HH:mm")
US = dw.Patterns(date="M/d/yyyy", time="h:mm AP")
DE = dw.Patterns(date="dd.MM.yyyy", time="HH:mm", short_months=("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli",
                                                               "Aug.", "Sep.", "Okt.", "Nov.", "Dez."))
KOLKATA = timezone(timedelta(hours=5, minutes=30))


@pytest.fixture(autouse=True)
def _default() -> Iterator[None]:
    dw.use(None)
    yield
    dw.use(None)


def test_the_default_is_unambiguous_and_iso_never_shows() -> None:
    assert dw.date_words(date(2026, 12, 31)) == "31 Dec 2026"
    assert dw.date_words(date(2026, 1, 5)) == "5 Jan 2026"
    assert dw.date_words(None) == "" and dw.date_words(None, empty="–") == "–"
    assert dw.period_words(date(2026, 12, 1), date(2026, 12, 1)) == "1 Dec 2026"
    assert dw.period_words(date(2026, 12, 1), date(2026, 12, 31)) == "1 Dec 2026 – 31 Dec 2026"
    assert dw.month_words(date(2026, 12, 7)) == "December 2026" and dw.weekday_words(date(2026, 12, 7)) == "Mon"
    assert dw.weekday_words(date(2026, 12, 13), long=True) == "Sunday"


@pytest.mark.parametrize(("patterns", "day", "short"), [
    (GB, "07/12/2026", "07/12"), (US, "12/7/2026", "12/7"), (DE, "07.12.2026", "07.12."),
    (dw.Patterns(date="yyyy. M. d."), "2026. 12. 7.", "12. 7."), (dw.Patterns(date="MMM d, yyyy"), "Dec 7, 2026",
                                                                   "Dec 7"),
    (dw.DEFAULT, "7 Dec 2026", "7 Dec")])
def test_patterns_given_are_used_for_days_and_week_heads(patterns: dw.Patterns, day: str, short: str) -> None:
    dw.use(patterns)
    assert dw.date_words(date(2026, 12, 7)) == day
    assert dw.day_month_words(date(2026, 12, 7)) == short


def test_a_source_is_asked_at_each_call() -> None:
    current = [GB]
    dw.use(lambda: current[0])
    assert dw.date_words(date(2026, 3, 4)) == "04/03/2026"
    current[0] = DE
    assert dw.date_words(date(2026, 3, 4)) == "04.03.2026"
    assert dw.render("d MMM", date(2026, 3, 4)) == "4 März"  # the source's month names
    assert dw.render("'on' d 'of' MMMM", date(2026, 3, 4)) == "on 4 of March"  # quoted text kept


@pytest.mark.parametrize(("hour", "twelve", "twenty_four"), [
    (0, "12:05 AM", "00:05"), (11, "11:05 AM", "11:05"), (12, "12:05 PM", "12:05"), (13, "1:05 PM", "13:05"),
    (23, "11:05 PM", "23:05")])
def test_clock_boundaries(hour: int, twelve: str, twenty_four: str) -> None:
    at = datetime(2026, 12, 7, hour, 5, 9)  # naive: taken as local already
    dw.use(US)
    assert dw.time_words(at) == twelve
    dw.use(GB)
    assert dw.time_words(at) == twenty_four
    assert dw.time_words(at, seconds=True) == f"{twenty_four}:09"
    assert dw.render("h:mm", at) == f"{hour}:05"  # h without AP is the 24-hour clock, as in Qt


def test_instants_are_written_in_local_time_or_the_zone_given() -> None:
    dw.use(GB)
    instant = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)
    local = instant.astimezone()
    assert dw.when_words(instant) == f"{local:%d/%m/%Y %H:%M}"
    assert dw.date_words(instant) == f"{local:%d/%m/%Y}"
    assert dw.when_words(instant, zone=KOLKATA) == "01/01/2027 01:30"  # the day turns too
    assert dw.time_words(instant, zone=KOLKATA) == "01:30"
    assert dw.when_words(None, empty="earlier") == "earlier" and dw.time_words(None) == ""


@pytest.mark.parametrize(("c", "qt"), [
    ("%d/%m/%y", "dd/MM/yyyy"), ("%m/%d/%Y", "MM/dd/yyyy"), ("%d.%m.%Y", "dd.MM.yyyy"), ("%H:%M:%S", "HH:mm:ss"),
    ("%I:%M:%S %p", "hh:mm:ss AP"), ("%e %b %Y", "d MMM yyyy"), ("%Y-%m-%d", "yyyy-MM-dd"),
    ("le %d", "'le '" + "dd")])
def test_c_library_patterns_become_qt_style_ones(c: str, qt: str) -> None:
    assert dw.from_strftime(c) == qt
