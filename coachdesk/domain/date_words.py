"""One way to write a day and an instant for people, shared by screens, service sentences and PDFs: Qt-style
patterns ("dd/MM/yyyy", "HH:mm") given by the UI from its locale (or by the CLI from the environment), in local time;
without one, "31 Dec 2026" and "14:05" (unambiguous in every country)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Patterns:
    """A date pattern with a four-digit year, a time pattern, and the month and weekday names (long, short)."""

    date: str = "d MMM yyyy"
    time: str = "HH:mm"
    months: tuple[str, ...] = MONTHS
    short_months: tuple[str, ...] = tuple(m[:3] for m in MONTHS)
    days: tuple[str, ...] = DAYS
    short_days: tuple[str, ...] = tuple(d[:3] for d in DAYS)
    am: str = "AM"
    pm: str = "PM"


DEFAULT = Patterns()
_source: Callable[[], Patterns] = lambda: DEFAULT  # noqa: E731 - replaced by use()

# As Qt reads them: '' outside quotes is one quote; quoted text ('' in it is one quote) runs to its closing quote, or
# to the end when there is none.
_TOKENS = re.compile(r"''|'(?P<quoted>(?:[^']|'')*)(?:'|$)|yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|AP|Ap|ap|aP|A|a|t")


def use(source: Callable[[], Patterns] | Patterns | None) -> None:
    """Where the patterns come from from now on: a function asked at each call (the UI's locale), fixed patterns, or
    None for the default."""
    global _source
    if source is None:
        _source = lambda: DEFAULT  # noqa: E731
    elif isinstance(source, Patterns):
        _source = lambda: source  # noqa: E731
    else:
        _source = source


def patterns() -> Patterns:
    return _source()


@lru_cache(maxsize=64)
def _parse(pattern: str) -> tuple[tuple[bool, str], ...]:
    """A pattern as (is_token, text) pieces, parsed once per pattern."""
    pieces: list[tuple[bool, str]] = []
    at = 0
    for match in _TOKENS.finditer(pattern):
        if match.start() > at:
            pieces.append((False, pattern[at:match.start()]))
        token, quoted = match.group(0), match.group("quoted")
        if token == "''":
            pieces.append((False, "'"))
        elif quoted is not None:
            pieces.append((False, quoted.replace("''", "'")))
        else:
            pieces.append((True, token))
        at = match.end()
    if at < len(pattern):
        pieces.append((False, pattern[at:]))
    return tuple(pieces)


def _field(token: str, value: date | datetime, names: Patterns, twelve: bool) -> str:
    hour = getattr(value, "hour", 0)
    first = token[0]
    if first == "y":
        return f"{value.year:04d}" if token == "yyyy" else f"{value.year % 100:02d}"
    size = len(token)
    if first == "M":
        if size > 2:
            return (names.months if size == 4 else names.short_months)[value.month - 1]
        return f"{value.month:02d}" if size == 2 else str(value.month)
    if first == "d":
        if size > 2:
            return (names.days if size == 4 else names.short_days)[value.weekday()]
        return f"{value.day:02d}" if size == 2 else str(value.day)
    if first == "H" or (first == "h" and not twelve):
        return f"{hour:02d}" if len(token) == 2 else str(hour)
    if first == "h":
        return f"{(hour % 12) or 12:02d}" if len(token) == 2 else str((hour % 12) or 12)
    if first in "ms":
        number = getattr(value, "minute" if first == "m" else "second", 0)
        return f"{number:02d}" if len(token) == 2 else str(number)
    if token == "t":
        return ""
    after_noon = hour >= 12
    if token in ("Ap", "aP"):
        return names.pm if after_noon else names.am
    text = "PM" if after_noon else "AM"
    return text if token[0] == "A" else text.lower()


def render(pattern: str, value: date | datetime, names: Patterns | None = None) -> str:
    """`value` written by a Qt-style pattern (quoted text kept; h is 12-hour only beside AP, as in Qt)."""
    names = names or patterns()
    if type(value) is date:  # the same days come back row after row in a table
        return _render_day(pattern, value, names)
    return _render(pattern, value, names)


@lru_cache(maxsize=4096)
def _render_day(pattern: str, value: date, names: Patterns) -> str:
    return _render(pattern, value, names)


def _render(pattern: str, value: date | datetime, names: Patterns) -> str:
    pieces = _parse(pattern)
    twelve = any(token and text.lower() in ("ap", "a") for token, text in pieces)
    return "".join(_field(text, value, names, twelve) if token else text for token, text in pieces).strip()


def local(value: datetime, zone: tzinfo | None = None) -> datetime:
    """An aware instant in `zone` (default: this computer's time zone); a naive one is taken as local already."""
    return value.astimezone(zone) if value.tzinfo is not None else value


def date_words(value: date | datetime | None, empty: str = "") -> str:
    """A calendar day ("31/12/2026" in en_GB, "31 Dec 2026" by default); an instant gives its local day."""
    if value is None:
        return empty
    day = local(value).date() if isinstance(value, datetime) else value
    return render(patterns().date, day)


def day_month_words(value: date) -> str:
    """A day without its year, in the same order ("31/12", "12/31", "31.12.", "31 Dec"): for a week's columns."""
    return render(re.sub(r"^y+[^dM']*|[^dM.']*y+", "", patterns().date), value)


def weekday_words(value: date, long: bool = False) -> str:
    names = patterns()
    return (names.days if long else names.short_days)[value.weekday()]


def month_words(value: date) -> str:
    """ "December 2026"."""
    return f"{patterns().months[value.month - 1]} {value.year}"


def time_words(value: datetime | None, seconds: bool = False, zone: tzinfo | None = None) -> str:
    """An instant's local time of day ("14:05", "2:05 PM"); in `zone` when one is given (a calendar's)."""
    if value is None:
        return ""
    pattern = patterns().time
    if seconds and "s" not in re.sub(r"'[^']*'", "", pattern):
        pattern = pattern.replace("mm", "mm:ss", 1)
    elif not seconds:
        pattern = re.sub(r"[:.]ss?", "", pattern)
    return render(pattern, local(value, zone))


def when_words(value: datetime | None, seconds: bool = False, empty: str = "", zone: tzinfo | None = None) -> str:
    """An instant as local day and time ("31/12/2026 14:05"), in `zone` when one is given."""
    if value is None:
        return empty
    at = local(value, zone)
    return f"{date_words(at.date())} {time_words(at, seconds, zone)}"


def period_words(start: date, end: date) -> str:
    """ "31/12/2026" for one day, "01/12/2026 – 31/12/2026" for a period."""
    return date_words(start) if start == end else f"{date_words(start)} – {date_words(end)}"


_STRFTIME = {"%d": "dd", "%e": "d", "%-d": "d", "%m": "MM", "%-m": "M", "%Y": "yyyy", "%y": "yyyy", "%b": "MMM",
             "%h": "MMM", "%B": "MMMM", "%a": "ddd", "%A": "dddd", "%H": "HH", "%k": "H", "%I": "hh", "%l": "h",
             "%M": "mm", "%S": "ss", "%p": "AP", "%%": "%"}


def from_strftime(pattern: str) -> str:
    """A C-library pattern ("%d/%m/%y", "%H:%M:%S") as a Qt-style one, the year with four digits."""
    out = []
    for piece in re.split(r"(%-?.)", pattern):
        if piece.startswith("%"):
            out.append(_STRFTIME.get(piece, ""))
        elif re.search(r"[A-Za-z]", piece):  # letters are quoted (a quote in them doubled), so none reads as a field
            out.append("'" + piece.replace("'", "''") + "'")
        else:
            out.append(piece.replace("'", "''"))
    return "".join(out).strip()
