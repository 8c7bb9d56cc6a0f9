"""Cell value parsers for KPI exports: durations, percentages, numbers, counts, flags and 'no value' markers.

Every parser takes the raw cell (text from a CSV, or a native value from a spreadsheet reader) and returns a float
in the KPI's base unit (seconds, a 0-1 fraction, a plain number), ``None`` for a cell that holds no value (empty,
``-``, ``NaN%``, ``Infinity%``, ``#DIV/0!``...), or raises ``ValueError`` whose text says why the cell is unreadable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta

#: Cells that mean "no value here" (compared case-folded, after trimming).
MISSING_MARKERS = frozenset({
    "", "-", "--", "---", "\u2013", "\u2014", "n/a", "na", "n.a.", "#n/a", "null", "none", "nil", "nan", "nan%",
    "infinity", "infinity%", "-infinity", "-infinity%", "inf", "-inf", "inf%", "-inf%", "\u221e", "#div/0!",
    "#value!", "#num!", "#ref!", "#null!", "#name?", "(blank)", "blank", "undefined", "not available", "?",
})

#: Why a missing marker holds no value, for the warnings of an import report.
_MISSING_WHY = {"nan": "not a number (0 / 0 in the source)", "nan%": "not a number (0 / 0 in the source)",
                "infinity%": "infinite (a division by zero in the source)",
                "infinity": "infinite (a division by zero in the source)", "#div/0!": "a division by zero"}

#: Duration units a plain number may be written in, and their length in seconds.
DURATION_UNITS = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0, "days": 86400.0, "milliseconds": 0.001}

#: How a percentage column without ``%`` signs is scaled: 0-1 fractions, or 0-100 percent points.
FRACTION, PERCENT_POINTS = "fraction", "percent"

_SPACES = "\u00a0\u202f\u2009 \t'\u2019"
_CURRENCY = re.compile(r"^(?:[$\u20ac\u00a3\u00a5\u20b9]|usd|eur|gbp|chf|aud|cad|nzd|zar|inr|jpy)\s*|"
                       r"\s*(?:[$\u20ac\u00a3\u00a5\u20b9]|usd|eur|gbp|chf|aud|cad|nzd|zar|inr|jpy|kr)$")
_THOUSANDS_COMMA = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_THOUSANDS_DOT = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$")
_CLOCK = re.compile(r"^(?:(\d+)(?:\s*days?,?\s*|\.(?=\d{1,2}:\d{2}:\d{2})))?(\d+):(\d{1,2})(?::(\d{1,2}))?(?:[.,](\d+))?$")
_WORDS = re.compile(r"^(?:(\d+(?:[.,]\d+)?)\s*d(?:ays?)?)?\s*(?:(\d+(?:[.,]\d+)?)\s*h(?:(?:ou)?rs?)?)?\s*"
                    r"(?:(\d+(?:[.,]\d+)?)\s*m(?:in(?:ute)?s?)?)?\s*(?:(\d+(?:[.,]\d+)?)\s*s(?:ec(?:ond)?s?)?)?$")
_TRUE = frozenset({"y", "yes", "true", "t", "1", "x", "\u2713", "answered", "resolved", "handled", "oui", "ja", "si"})
_FALSE = frozenset({"n", "no", "false", "f", "0", "not answered", "unresolved", "non", "nein", "abandoned"})


def is_missing(raw: object) -> bool:
    """True for a cell that holds no value: None, NaN, or one of ``MISSING_MARKERS``."""
    if raw is None:
        return True
    if isinstance(raw, float):
        return math.isnan(raw) or math.isinf(raw)
    if isinstance(raw, str):
        return raw.strip(_SPACES).casefold() in MISSING_MARKERS
    return False


def missing_reason(raw: object) -> str:
    """A few words on why ``raw`` holds no value, for a warning."""
    text = "" if raw is None else str(raw).strip().casefold()
    if not text:
        return "empty"
    return _MISSING_WHY.get(text, f"{str(raw).strip()!r} means no value")


def _unquote(text: str) -> str:
    text = text.strip(_SPACES)
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):  # Excel's ="0123" trick; ="" is empty
        text = text[2:-1].strip(_SPACES)
    return text


def parse_number(raw: object, decimal: str = ".") -> float | None:
    """A number with optional thousands separators, decimal comma, currency sign or accounting brackets."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, int | float):
        return None if isinstance(raw, float) and (math.isnan(raw) or math.isinf(raw)) else float(raw)
    if not isinstance(raw, str):
        raise ValueError(f"{raw!r} is not a number")
    text = _unquote(raw)
    folded = text.casefold()
    if folded in MISSING_MARKERS:
        return None
    if decimal == "." and "," not in text:
        try:
            value = float(text)
        except ValueError:
            pass
        else:
            if math.isnan(value) or math.isinf(value) or "_" in text:
                raise ValueError(f"{raw!r} is not a number")
            return value
    return _parse_number_slow(raw, folded, decimal)


def _parse_number_slow(raw: str, text: str, decimal: str) -> float:
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    text = _CURRENCY.sub("", text).strip()
    if text.startswith("-") or text.startswith("\u2212"):
        negative, text = not negative, text[1:].strip()
        text = _CURRENCY.sub("", text).strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    for space in _SPACES:
        text = text.replace(space, "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        if decimal != "," and _THOUSANDS_COMMA.match(text):
            text = text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
    elif "." in text and (decimal == "," or text.count(".") > 1) and _THOUSANDS_DOT.match(text):
        text = text.replace(".", "")
    if not text or not (text[0].isdigit() or text[0] == "."):
        raise ValueError(f"{raw!r} is not a number")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number") from None
    if math.isinf(value) or math.isnan(value):
        raise ValueError(f"{raw!r} is not a number")
    return -value if negative else value


def parse_count(raw: object, decimal: str = ".") -> float | None:
    """A count of contacts: a non-negative number (``1,234`` and ``12.0`` are fine)."""
    value = parse_number(raw, decimal)
    if value is not None and value < 0:
        raise ValueError(f"{raw!r} is negative; a count cannot be")
    return value


def parse_percent(raw: object, decimal: str = ".", scale: str = FRACTION) -> float | None:
    """A share as a 0-1 fraction: ``87%``, ``"8,285.64%"`` and ``87`` (on a percent-point scale) or ``0.87``."""
    if isinstance(raw, str):
        text = _unquote(raw)
        if text.endswith("%"):
            number = parse_number(text[:-1], decimal)
            if number is None:
                if text.casefold() in MISSING_MARKERS:
                    return None
                raise ValueError(f"{raw!r} is not a percentage")
            return number / 100.0
        if text.casefold() in MISSING_MARKERS:
            return None
        try:
            number = parse_number(text, decimal)
        except ValueError:
            raise ValueError(f"{raw!r} is not a percentage") from None
    else:
        number = parse_number(raw, decimal)
    if number is None:
        return None
    return number / 100.0 if scale == PERCENT_POINTS else number


def parse_duration(raw: object, unit: str = "seconds", decimal: str = ".") -> float | None:
    """A duration in seconds from ``143``, ``2:23``, ``0:02:23``, `` 135:40:34.625``, ``75:10`` (m:ss past an
    hour), ``1.02:03:04``, ``2 days 01:00:00``, ``1h 2m 3s``, or a plain number in ``unit`` (``2.5`` minutes)."""
    if raw is None:
        return None
    if isinstance(raw, timedelta):
        return _non_negative(raw.total_seconds(), raw)
    if isinstance(raw, time):
        return raw.hour * 3600.0 + raw.minute * 60.0 + raw.second + raw.microsecond / 1e6
    if isinstance(raw, datetime):
        raise ValueError(f"{raw!r} is a date and time, not a duration")
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if isinstance(raw, float) and (math.isnan(raw) or math.isinf(raw)):
            return None
        return _non_negative(float(raw) * DURATION_UNITS[unit], raw)
    if not isinstance(raw, str):
        raise ValueError(f"{raw!r} is not a duration")
    text = _unquote(raw)
    if ":" in text:
        return _parse_clock(raw, text)
    folded = text.casefold()
    if folded in MISSING_MARKERS:
        return None
    try:
        number = parse_number(text, decimal)
    except ValueError:
        words = _WORDS.match(folded)
        if not words or not any(words.groups()):
            raise ValueError(f"{raw!r} is not a duration (write seconds, H:MM:SS or M:SS)") from None
        days, hours, minutes, seconds = (float(g.replace(",", ".")) if g else 0.0 for g in words.groups())
        return days * 86400 + hours * 3600 + minutes * 60 + seconds
    if number is None:
        return None
    return _non_negative(number * DURATION_UNITS[unit], raw)


def _parse_clock(raw: str, text: str) -> float:
    negative = text.startswith("-")
    match = _CLOCK.match(text[1:].strip() if negative else text)
    if not match:
        raise ValueError(f"{raw!r} is not a duration (write seconds, H:MM:SS or M:SS)")
    days, first, second, third, fraction = match.groups()
    if third is None:  # m:ss, where the minutes may pass 59
        hours, minutes, seconds = 0, int(first), int(second)
    else:
        hours, minutes, seconds = int(first), int(second), int(third)
        if minutes > 59:
            raise ValueError(f"{raw!r} is not a duration: {minutes} minutes in H:MM:SS")
    if seconds > 59:
        raise ValueError(f"{raw!r} is not a duration: {seconds} seconds")
    total = (int(days) * 86400 if days else 0) + hours * 3600 + minutes * 60 + seconds
    if fraction:
        total += int(fraction) / 10 ** len(fraction)
    if negative and total:
        raise ValueError(f"{raw!r} is a negative duration")
    return float(total)


def _non_negative(value: float, raw: object) -> float:
    if value < 0:
        raise ValueError(f"{raw!r} is a negative duration")
    return value


def parse_flag(raw: object) -> bool | None:
    """Yes/no cells: ``Y``/``N``, ``Yes``/``No``, ``TRUE``/``FALSE``, ``1``/``0``; None when empty."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return bool(raw)
    text = str(raw).strip(_SPACES).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in MISSING_MARKERS:
        return None
    raise ValueError(f"{raw!r} is not yes or no")


def duration_unit_from_header(header: str) -> str | None:
    """The unit a header names for plain numbers (``"Talk (min)"`` → minutes), or None when it names none."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    if words & {"ms", "msec", "millis", "milliseconds"}:
        return "milliseconds"
    if words & {"min", "mins", "minute", "minutes", "mn"}:
        return "minutes"
    if words & {"hr", "hrs", "hour", "hours", "h"}:
        return "hours"
    if words & {"s", "sec", "secs", "second", "seconds"}:
        return "seconds"
    return None


def percent_scale_from_sample(values: list[float]) -> str:
    """Decide whether bare numbers in a percentage column are fractions (0.87) or percent points (87).

    The median decides, so one odd value cannot flip a whole column: a fraction column with a single 1.2 (120%)
    stays fractions, and a percent-point column with one 0.5 stays percent points.
    """
    if not values:
        return FRACTION
    ordered = sorted(values)
    return PERCENT_POINTS if ordered[len(ordered) // 2] > 1.0 else FRACTION


class _Memo(dict):
    """A dict that fills itself: a hit is one C-level lookup, a miss calls ``convert`` (errors are not kept)."""

    __slots__ = ("convert", "limit")

    def __init__(self, convert: Callable[[object], object], limit: int) -> None:
        super().__init__()
        self.convert = convert
        self.limit = limit

    def __missing__(self, raw: object) -> object:
        value = self.convert(raw)
        if len(self) < self.limit:
            self[raw] = value
        return value


def cached(convert: Callable[[object], object], limit: int = 100_000) -> Callable[[object], object]:
    """Memoise ``convert`` for repeated cells (dates, names, small integers); the result is a C-level lookup for
    a cell seen before, which matters on files of millions of rows."""
    return _Memo(convert, limit).__getitem__


def parse_share(values: list[object], parse: Callable[[object], object], *, empty: float) -> float:
    """The share (0..1) of the filled values that `parse` reads without a ValueError; `empty` when none is filled
    (a detector that needs evidence passes 0.0, a check that only refuses on contrary evidence passes 1.0)."""
    filled = [v for v in values if not is_missing(v)]
    if not filled:
        return empty
    ok = 0
    for value in filled:
        try:
            parse(value)
        except ValueError:
            continue
        ok += 1
    return ok / len(filled)
