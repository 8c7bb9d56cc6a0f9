"""Periods longer than a day: week and month columns, and the period a file without dates names in its preamble
or its file name.

A "Week starting" column gives figures for seven days from that date, "Week ending" for the seven days up to it, a
"Month" column for the whole month ("2025-11", "Nov 2025", or any date in it). A file with no date column may say
its period in a title row ("Date: 11/17/2025", "Week of 2025-11-17", "1 Nov 2025 - 30 Nov 2025") or in its name
("agents_2025-11-17.csv"); that period is offered for the user to confirm, never used silently.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from coachdesk.importers.dates import MDY, Numeric, classify, parse_stamp
from coachdesk.importers.synonyms import compact

WEEK, WEEK_END, MONTH = "week", "week_end", "month"
PERIOD_UNITS = (WEEK, WEEK_END, MONTH)

#: Headers of period columns: compact header -> (field, period unit or None for a single day).
PERIOD_HEADERS: dict[str, tuple[str, str | None]] = {}
for _names, _field, _unit in (
    (("week starting", "week start", "week beginning", "week commencing", "week of", "week start date",
      "week", "start of week", "wk starting", "week beginning date"), "interval_start", WEEK),
    (("week ending", "week end", "week end date", "week ending date", "end of week", "wk ending", "w e"),
     "date", WEEK_END),
    (("month", "reporting month", "report month", "month of", "calendar month", "period month", "month year",
      "billing month"), "date", MONTH),
    (("report date", "business date", "reporting date", "interval", "period", "reporting period", "day of",
      "stat date", "summary date", "date range start"), "date", None),
):
    for _name in _names:
        PERIOD_HEADERS[compact(_name)] = (_field, _unit)

_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_NAMED_MONTH = re.compile(r"^([a-z]{3,9})\.?[\s,'-]*(\d{4}|\d{2})$")


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_month(raw: object, order: str | None = None) -> tuple[date, date]:
    """The month ``raw`` names ("2025-11", "11/2025", "Nov 2025", "November 2025", or a date in it) as its first
    and last day; ValueError when it names none."""
    if isinstance(raw, date):
        return month_span(raw.year, raw.month)
    text = str(raw).strip().casefold()
    if match := _YEAR_MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _MONTH_YEAR.match(text):
        month, year = int(match.group(1)), int(match.group(2))
    elif (match := _NAMED_MONTH.match(text)) and match.group(1) in _MONTHS:
        month, year = _MONTHS[match.group(1)], int(match.group(2))
        year += 2000 if year < 100 else 0
    else:
        try:
            day = parse_stamp(raw, order)[0]
        except ValueError:
            raise ValueError(f"{str(raw).strip()!r} is not a month (write it as YYYY-MM, such as 2025-11)") from None
        return month_span(day.year, day.month)
    if not 1 <= month <= 12:
        raise ValueError(f"{str(raw).strip()!r} is not a month: there is no month {month}")
    return month_span(year, month)


def span(day: date, unit: str | None) -> tuple[date, date]:
    """The period a date in a column of this unit stands for."""
    if unit == WEEK:
        return day, day + timedelta(days=6)
    if unit == WEEK_END:
        return day - timedelta(days=6), day
    if unit == MONTH:
        return month_span(day.year, day.month)
    return day, day


_DATE_TEXT = (r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|"
              r"[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}")
_RANGE = re.compile(rf"({_DATE_TEXT})\s*(?:-|–|—|to|through|thru|until)\s*({_DATE_TEXT})", re.I)
_ONE = re.compile(rf"({_DATE_TEXT})", re.I)
_COMPACT_DAY = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_WORDED_MONTH = re.compile(r"\b(?:month(?: of)?|for)\s*:?\s*([a-z]{3,9}\.?\s+\d{4}|\d{4}-\d{2})\b", re.I)
_WEEK = re.compile(r"\bweek\s+(of|starting|beginning|commencing|ending)\b", re.I)


def _day(text: str, order: str | None) -> date | None:
    try:
        parsed = classify(text)
    except ValueError:
        return None
    if isinstance(parsed, Numeric) and order is None:
        if parsed.first != parsed.second and parsed.first <= 12 and parsed.second <= 12:
            return None  # 11/12/2025: which is the month? only a confirmed order may say
        order = MDY if parsed.valid(MDY) else None
    try:
        return parse_stamp(text, order)[0]
    except ValueError:
        return None


def period_in_text(text: str, order: str | None = None) -> tuple[date, date] | None:
    """The period a title line or file name names: a range of two dates, a week ("Week of ..."), a month, or a
    single day; None when it names none (or only an ambiguous day/month date)."""
    cleaned = text.replace("_", " ")
    if match := _RANGE.search(cleaned):
        first, last = _day(match.group(1), order), _day(match.group(2), order)
        if first and last and first <= last:
            return first, last
    if match := _WORDED_MONTH.search(cleaned):
        try:
            return parse_month(match.group(1), order)
        except ValueError:
            pass
    match = _ONE.search(cleaned)
    day = _day(match.group(1), order) if match else None
    if day is None and (compact_day := _COMPACT_DAY.search(text)):
        try:
            day = date(int(compact_day.group(1)), int(compact_day.group(2)), int(compact_day.group(3)))
        except ValueError:
            day = None
    if day is None:
        return None
    week = _WEEK.search(cleaned)
    if week:
        return span(day, WEEK_END if week.group(1).casefold() == "ending" else WEEK)
    return day, day


def suggest_period(preamble: tuple[str, ...], file_name: str,
                   order: str | None = None) -> tuple[tuple[date, date], str] | None:
    """(period, where it was read) from the preamble lines first, then the file name."""
    for line in preamble:
        found = period_in_text(line, order)
        if found is not None:
            return found, f"the title row {line.strip()[:80]!r}"
    found = period_in_text(file_name.rsplit(".", 1)[0], order)
    if found is not None:
        return found, f"the file name {file_name!r}"
    return None
