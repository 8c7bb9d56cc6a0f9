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
    # Each test starts from empty caches, so a day rendered by an earlier test (or an earlier process state) cannot
    # hide what the code does now.
    dw._parse.cache_clear()
    dw._render_day.cache_clear()
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


# 4 March 2009 was a Wednesday; single-digit day, month, hour, minute and second tell d from dd, M from MM, and so on.
MORNING = datetime(2009, 3, 4, 5, 6, 7)
EVENING = datetime(2009, 3, 4, 17, 6, 7)
GERMAN_NOON = dw.Patterns(am="vorm.", pm="nachm.")


@pytest.mark.parametrize(("token", "expected"), [
    ("yyyy", "2009"), ("yy", "09"), ("MMMM", "March"), ("MMM", "Mar"), ("MM", "03"), ("M", "3"),
    ("dddd", "Wednesday"), ("ddd", "Wed"), ("dd", "04"), ("d", "4"), ("HH", "05"), ("H", "5"), ("hh", "05"),
    ("h", "5"), ("mm", "06"), ("m", "6"), ("ss", "07"), ("s", "7")])
def test_every_token_alone_for_an_instant(token: str, expected: str) -> None:
    assert dw.render(token, MORNING) == expected
    assert dw.render(f"[{token}]", MORNING) == f"[{expected}]"  # text around a token is kept as it is


@pytest.mark.parametrize(("token", "expected"), [
    ("yyyy", "2009"), ("yy", "09"), ("MMMM", "March"), ("MMM", "Mar"), ("MM", "03"), ("M", "3"),
    ("dddd", "Wednesday"), ("ddd", "Wed"), ("dd", "04"), ("d", "4"),
    ("HH", "00"), ("H", "0"), ("mm", "00"), ("m", "0"), ("ss", "00"), ("s", "0"), ("h AP", "12 AM")])
def test_every_token_for_a_day_which_is_at_midnight(token: str, expected: str) -> None:
    assert dw.render(token, MORNING.date()) == expected


def test_two_digit_values_and_other_years() -> None:
    day = date(2026, 11, 25)
    assert dw.render("d M yy", day) == f"{day.day} {day.month} {day:%y}" == "25 11 26"
    assert dw.render("yyyy yy", date(1999, 12, 31)) == "1999 99"
    assert dw.render("yyyy yy", date(2000, 1, 1)) == "2000 00"
    assert dw.render("MMMM MMM ddd dddd", date(2026, 12, 31)) == "December Dec Thu Thursday"
    assert dw.render("MMMM MMM ddd dddd", date(2026, 1, 4)) == "January Jan Sun Sunday"
    assert dw.render("HH:mm:ss", datetime(2026, 1, 4, 23, 59, 58)) == "23:59:58"


def test_hours_without_a_day_period_are_the_24_hour_clock() -> None:
    assert dw.render("hh:mm", EVENING) == f"{EVENING:%H:%M}" == "17:06"
    assert dw.render("h:m:s", EVENING) == "17:6:7"


@pytest.mark.parametrize("hour", [0, 1, 11, 12, 13, 23])
def test_twelve_hour_clock_at_its_boundaries(hour: int) -> None:
    at = datetime(2026, 12, 7, hour, 5, 9)
    twelve, period = f"{at:%I}", f"{at:%p}"  # the C library's 12-hour clock: "12" at midnight and noon, "AM"/"PM"
    assert dw.render("hh:mm AP", at) == f"{twelve}:05 {period}"
    assert dw.render("h:mm ap", at) == f"{twelve.lstrip('0')}:05 {period.lower()}"
    assert dw.render("h:mm A", at) == f"{twelve.lstrip('0')}:05 {period}"
    assert dw.render("hh a", at) == f"{twelve} {period.lower()}"  # "a" alone makes h the 12-hour clock too
    assert dw.render("h:mm Ap", at, GERMAN_NOON) == f"{twelve.lstrip('0')}:05 " + ("nachm." if hour >= 12 else "vorm.")
    assert dw.render("h:mm aP", at, GERMAN_NOON) == f"{twelve.lstrip('0')}:05 " + ("nachm." if hour >= 12 else "vorm.")


def test_day_period_tokens_and_their_names() -> None:
    # AP / A: upper case; ap / a: lower case; Ap / aP: the locale's own words (given by the patterns).
    assert [dw.render(t, MORNING, GERMAN_NOON) for t in ("AP", "A", "ap", "a", "Ap", "aP")] == \
        ["AM", "AM", "am", "am", "vorm.", "vorm."]
    assert [dw.render(t, EVENING, GERMAN_NOON) for t in ("AP", "A", "ap", "a", "Ap", "aP")] == \
        ["PM", "PM", "pm", "pm", "nachm.", "nachm."]
    dw.use(GERMAN_NOON)  # without names given, the source's names
    assert dw.render("h Ap", EVENING) == "5 nachm."


def test_the_time_zone_token_writes_nothing() -> None:
    assert dw.render("HH:mm t", MORNING) == "05:06"
    assert dw.render("t HH:mm", EVENING) == "17:06"
    assert dw.render("HH t mm", MORNING) == "05  06"


def test_quoted_text_is_kept_verbatim_and_two_quotes_write_one() -> None:
    assert dw.render("HH'h'mm", MORNING) == "05h06"
    assert dw.render("d 'de' MMMM 'de' yyyy", MORNING) == "4 de March de 2009"
    assert dw.render("'dd MM yyyy' d", MORNING) == "dd MM yyyy 4"  # tokens inside quotes are text
    assert dw.render("dd''MM", MORNING) == "04'03"
    assert dw.render("  d MMM  ", MORNING) == "4 Mar"  # the result carries no outer spaces


def test_names_come_from_the_patterns_given_or_the_source() -> None:
    french = dw.Patterns(months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                                 "octobre", "novembre", "décembre"),
                         short_months=("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                                       "oct.", "nov.", "déc."),
                         days=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
                         short_days=("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."))
    assert dw.render("dddd d MMMM yyyy", MORNING, french) == "mercredi 4 mars 2009"
    assert dw.render("ddd d MMM", EVENING.replace(month=2), french) == "mer. 4 févr."  # 4 Feb 2009: a Wednesday
    assert dw.render("dddd d MMMM", date(2026, 12, 7), french) == "lundi 7 décembre"
    dw.use(french)
    assert dw.month_words(date(2026, 8, 1)) == "août 2026"
    assert dw.weekday_words(date(2026, 12, 13)) == "dim." and dw.weekday_words(date(2026, 12, 13), long=True) == \
        "dimanche"
    assert dw.render("MMMM", MORNING) == "mars"
    assert dw.patterns() is french
    dw.use(None)
    assert dw.patterns() is dw.DEFAULT and dw.render("MMMM", MORNING) == "March"


def test_day_month_words_drop_the_year_wherever_it_stands() -> None:
    for pattern, expected in [("yyyy-MM-dd", "12-07"), ("dd/MM/yyyy", "07/12"), ("d MMMM yyyy", "7 December"),
                              ("dd.MM.yy", "07.12."), ("yy/M/d", "12/7")]:
        dw.use(dw.Patterns(date=pattern))
        assert dw.day_month_words(date(2026, 12, 7)) == expected, pattern


def test_time_words_add_or_drop_seconds() -> None:
    dw.use(dw.Patterns(time="HH:mm:ss"))
    assert dw.time_words(MORNING) == "05:06"
    assert dw.time_words(MORNING, seconds=True) == "05:06:07"  # not "05:06:07:07"
    dw.use(dw.Patterns(time="HH.mm.ss"))
    assert dw.time_words(EVENING) == "17.06"
    dw.use(dw.Patterns(time="H:mm:s"))
    assert dw.time_words(EVENING) == "17:06"
    dw.use(dw.Patterns(time="HH:mm 'hrs'"))  # an "s" in quoted text is not a seconds field
    assert dw.time_words(EVENING, seconds=True) == "17:06:07 hrs"
    assert dw.time_words(EVENING) == "17:06 hrs"
    dw.use(dw.Patterns(time="HH:mm 'comm.'"))  # seconds go after the minutes field only, not into quoted text
    assert dw.time_words(EVENING, seconds=True) == "17:06:07 comm."
    dw.use(US)
    assert dw.time_words(EVENING, seconds=True) == "5:06:07 PM"
    assert dw.when_words(EVENING, seconds=True) == "3/4/2009 5:06:07 PM"
    assert dw.when_words(EVENING) == "3/4/2009 5:06 PM"
    assert dw.when_words(None) == "" and dw.date_words(None) == ""


def test_a_naive_instant_is_taken_as_local_and_left_as_it_is() -> None:
    naive = datetime(2026, 12, 31, 23, 30)
    assert dw.local(naive, KOLKATA) is naive and dw.local(naive) is naive
    assert dw.time_words(naive, zone=KOLKATA) == "23:30" and dw.when_words(naive, zone=KOLKATA) == "31 Dec 2026 23:30"
    aware = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)
    assert dw.local(aware, KOLKATA) == aware and dw.local(aware, KOLKATA).utcoffset() == timedelta(hours=5, minutes=30)


def test_an_instant_gives_the_day_it_is_here() -> None:
    # Two instants from zones 26 hours apart: in this computer's zone, at least one of them falls on another day
    # than its own wall clock says.
    for instant in (datetime(2026, 7, 1, 1, 0, tzinfo=timezone(timedelta(hours=14))),
                    datetime(2026, 7, 1, 23, 0, tzinfo=timezone(timedelta(hours=-12)))):
        here = instant.astimezone()
        assert dw.date_words(instant) == f"{here.day} {here:%b %Y}"
        assert dw.when_words(instant) == f"{here.day} {here:%b %Y %H:%M}"


def test_days_are_rendered_once_per_pattern_and_names() -> None:
    day = date(2026, 12, 7)
    assert dw.render("d MMM", day) == "7 Dec" and dw.render("d MMM", day) == "7 Dec"
    info = dw._render_day.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    assert dw.render("dd/MM", day) == "07/12" and dw.render("d MMM", day, GERMAN_NOON) == "7 Dec"
    assert dw._render_day.cache_info().currsize == 3  # another pattern, other names: other entries
    dw.render("d MMM", datetime(2026, 12, 7, 9, 0))  # instants are not kept (each is a new key)
    assert dw._render_day.cache_info().currsize == 3
    parsed = dw._parse.cache_info()
    assert parsed.misses == 2 and parsed.currsize == 2  # "d MMM" and "dd/MM", each parsed once


@pytest.mark.parametrize(("c", "qt"), [
    ("%-d/%-m/%Y", "d/M/yyyy"), ("%A %d %B %Y", "dddd dd MMMM yyyy"), ("%a %h %e", "ddd MMM d"),
    ("%k:%M", "H:mm"), ("%l:%M %p", "h:mm AP"), ("%H:%M %Z", "HH:mm"), ("%d %z%m", "dd MM"), ("100%%", "100%"),
    ("%HH%M", "HH'H'mm"), ("%Hh%M", "HH'h'mm"), ("%d. %m.", "dd. MM.")])
def test_more_c_library_patterns(c: str, qt: str) -> None:
    assert dw.from_strftime(c) == qt


def test_a_converted_c_pattern_writes_what_the_c_library_writes() -> None:
    for c in ("%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%A %d %B %Y", "%a %b %d", "%I:%M %p", "%Hh%M", "%d.%m.%Y"):
        assert dw.render(dw.from_strftime(c), EVENING) == EVENING.strftime(c), c


def test_quotes_inside_quoted_text_and_an_unclosed_quote_as_qt_reads_them() -> None:
    # Qt: "''" is one quote, in quoted text too ("'o''clock'" writes o'clock); an unclosed quote runs to the end.
    assert dw.render("h 'o''clock' ap", EVENING) == "5 o'clock pm"
    assert dw.render("'''s' HH", EVENING) == "'s 17"
    assert dw.render("HH 'h and ap", EVENING) == "17 h and ap"
    assert dw.render("'''' d", EVENING) == "'' 4"  # two quote pairs: two quotes


@pytest.mark.parametrize("c", ["%d'%m", "%H o'clock", "'%Y'", "%d %m ''", "%Hh'%M"])
def test_quotes_in_a_c_pattern_come_out_as_the_c_library_writes_them(c: str) -> None:
    assert dw.render(dw.from_strftime(c), EVENING) == EVENING.strftime(c).strip(), c
