"""Dates and times in KPI exports: ISO, D/M/Y and M/D/Y with 2- or 4-digit years, month names, 12/24-hour clocks.

Whether ``01/02/2021`` is 1 February or 2 January is decided for a whole column, never cell by cell: a single
``13/02/2021`` settles day-first for every row, a single ``2/13/2021`` month-first. A column where every date reads
both ways is ambiguous, and then the caller must be told the order (``dmy``, ``mdy`` or ``ymd`` for ``21/03/15``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

DMY, MDY, YMD = "dmy", "mdy", "ymd"
ORDERS = (DMY, MDY, YMD)
ORDER_WORDS = {DMY: "day/month/year", MDY: "month/day/year", YMD: "year/month/day"}

#: A parsed cell: the calendar day, and the seconds since midnight when the cell had a time (else None).
Stamp = tuple[date, int | None]

_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([ap])\.?m?\.?)?"
_ZONE = r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?"
_ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:(?:t|\s+){_TIME})?{_ZONE}$")
_YMD = re.compile(rf"^(\d{{4}})[/.](\d{{1,2}})[/.](\d{{1,2}})(?:(?:t|\s+|,\s*){_TIME})?{_ZONE}$")
_NUMERIC = re.compile(rf"^(\d{{1,2}})([/.-])(\d{{1,2}})\2(\d{{2}}|\d{{4}})(?:(?:t|\s+|,\s*){_TIME})?{_ZONE}$")
_NAMED_DAY_FIRST = re.compile(rf"^(\d{{1,2}})[ -]([a-z]{{3,9}})\.?[ ,-]+(\d{{2}}|\d{{4}})(?:(?:\s+|,\s*){_TIME})?$")
_NAMED_MONTH_FIRST = re.compile(
    rf"^([a-z]{{3,9}})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})(?:(?:\s+|,\s*){_TIME})?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january", "janv"), ("feb", "february", "fev", "feb."), ("mar", "march", "mars"),
     ("apr", "april", "avr"), ("may", "mai"), ("jun", "june", "juin"), ("jul", "july", "juil"),
     ("aug", "august", "aou"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_EXCEL_EPOCH = date(1899, 12, 30)


def full_year(text: str) -> int:
    """``'25'`` → 2025, ``'98'`` → 1998 (the POSIX ``%y`` pivot); four digits are kept."""
    year = int(text)
    if len(text) <= 2:
        return year + (2000 if year < 69 else 1900)
    return year


def _seconds(groups: tuple[str | None, ...]) -> int | None:
    hour, minute, second, half = groups
    if hour is None:
        return None
    h, m, s = int(hour), int(minute), int(second or 0)
    if half:
        if not 1 <= h <= 12:
            raise ValueError(f"{h} is not an hour on a 12-hour clock")
        h = (h % 12) + (12 if half == "p" else 0)
    if h > 24 or m > 59 or s > 59 or (h == 24 and (m or s)):
        raise ValueError("is not a time of day")
    return h * 3600 + m * 60 + s


@dataclass(frozen=True)
class Numeric:
    """An order-dependent date such as ``01/02/21``: its two leading numbers, the year and the time."""

    first: int
    second: int
    year: int
    seconds: int | None
    two_digit_year: bool

    def valid(self, order: str) -> bool:
        try:
            self.resolve(order)
        except ValueError:
            return False
        return True

    def resolve(self, order: str) -> date:
        if order == DMY:
            return date(self.year, self.second, self.first)
        if order == MDY:
            return date(self.year, self.first, self.second)
        if not self.two_digit_year:
            raise ValueError("a four-digit year comes last")
        return date(full_year(f"{self.first:02d}"), self.second, self.year % 100)


def classify(raw: object) -> Stamp | Numeric:
    """Read ``raw`` as far as it can be read without a day/month order; raise ValueError when it is no date."""
    if isinstance(raw, datetime):
        return raw.date(), raw.hour * 3600 + raw.minute * 60 + raw.second
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _from_serial(raw, raw)
    text = str(raw).strip().casefold()
    if match := _ISO.match(text) or _YMD.match(text):
        return date(int(match[1]), int(match[2]), int(match[3])), _seconds(match.groups()[3:7])
    if match := _NUMERIC.match(text):
        year = match[4]
        return Numeric(int(match[1]), int(match[3]), full_year(year), _seconds(match.groups()[4:8]), len(year) == 2)
    if (match := _NAMED_DAY_FIRST.match(text)) and match[2] in _MONTHS:
        return date(full_year(match[3]), _MONTHS[match[2]], int(match[1])), _seconds(match.groups()[3:7])
    if (match := _NAMED_MONTH_FIRST.match(text)) and match[1] in _MONTHS:
        return date(int(match[3]), _MONTHS[match[1]], int(match[2])), _seconds(match.groups()[3:7])
    if match := _COMPACT.match(text):
        return date(int(match[1]), int(match[2]), int(match[3])), None
    if _SERIAL.match(text):
        return _from_serial(float(text), raw)
    raise ValueError(f"{raw!r} is not a date (write it as YYYY-MM-DD, D/M/YYYY or M/D/YYYY)")


def _from_serial(number: float, raw: object) -> Stamp:
    """An Excel day number (44197 = 2021-01-01), as a spreadsheet stores dates."""
    if not 20000 <= number <= 80000:
        raise ValueError(f"{raw!r} is not a date")
    day = _EXCEL_EPOCH + timedelta(days=int(number))
    seconds = round((number - int(number)) * 86400)
    return day, (seconds if seconds else None)


def parse_stamp(raw: object, order: str | None) -> Stamp:
    """The day (and time) of ``raw``; ``order`` settles D/M against M/D and must be given for such dates."""
    parsed = classify(raw)
    if not isinstance(parsed, Numeric):
        return parsed
    if order is None:
        if parsed.first == parsed.second or parsed.first > 12 or parsed.second > 12:
            order = MDY if parsed.second > 12 else DMY
        else:
            raise ValueError(f"{raw!r} could be read day-first or month-first; choose the date order")
    try:
        return parsed.resolve(order), parsed.seconds
    except ValueError:
        raise ValueError(f"{raw!r} is not a real date when read as {ORDER_WORDS[order]}") from None


@dataclass
class OrderInference:
    """Day/month order evidence gathered over a column: each date rules out the orders it cannot be read in."""

    candidates: set[str] = field(default_factory=lambda: {DMY, MDY})
    #: order ruled out -> (raw text, row) of the first date that ruled it out
    witnesses: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: (raw text, row) of the first order-dependent date seen, for the "ambiguous" message
    first_numeric: tuple[str, int] | None = None
    #: order-dependent dates seen, and among them those that read differently in each order (01/02, not 05/05)
    numeric_seen: int = 0
    ambiguous_seen: int = 0
    _seen: dict = field(default_factory=dict, repr=False)

    def feed(self, raw: object, row: int) -> None:
        if raw in self._seen:  # a repeated cell adds no evidence (a column holds few distinct dates)
            return
        try:
            parsed = classify(raw)
        except ValueError:
            return
        if len(self._seen) < 100_000:
            self._seen[raw] = True
        if not isinstance(parsed, Numeric):
            return
        self.numeric_seen += 1
        if parsed.first != parsed.second and parsed.first <= 12 and parsed.second <= 12:
            self.ambiguous_seen += 1
            if self.first_numeric is None:
                self.first_numeric = (str(raw).strip(), row)
        valid = {order: parsed.valid(order) for order in (DMY, MDY)}
        if not any(valid.values()):
            return  # not a date in any order: reported when the cell is read
        for order, ok in valid.items():
            if not ok and order in self.candidates:
                self.candidates.discard(order)
                self.witnesses[order] = (str(raw).strip(), row)

    @property
    def decided(self) -> bool:
        """True once no more evidence can change the outcome (one order left, or a contradiction)."""
        return len(self.candidates) <= 1

    @property
    def order(self) -> str | None:
        return next(iter(self.candidates)) if len(self.candidates) == 1 and self.numeric_seen else None

    @property
    def conflicting(self) -> bool:
        return not self.candidates

    @property
    def ambiguous(self) -> bool:
        """Some date reads differently day-first and month-first, and nothing in the column settles which."""
        return self.ambiguous_seen > 0 and len(self.candidates) > 1


def describe_ambiguity(raw: str) -> str:
    """``'01/02/2021' could be 1 February 2021 or 2 January 2021``."""
    parsed = classify(raw)
    if not isinstance(parsed, Numeric):
        return f"{raw!r} is not ambiguous"
    return (f"{raw!r} could be {parsed.first} {_MONTH_NAMES[parsed.second - 1]} {parsed.year} or "
            f"{parsed.second} {_MONTH_NAMES[parsed.first - 1]} {parsed.year}")


def month_name(number: int) -> str:
    return _MONTH_NAMES[number - 1] if 1 <= number <= 12 else str(number)
