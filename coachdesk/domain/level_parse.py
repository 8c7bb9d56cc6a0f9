"""Read a level typed by a person in the measure's unit: "95" for a percent stored as 0.95, "5:30" for an AHT of
330 seconds, "2 of 3" for a share. Each reading states the conversion it made; nonsense is refused with a message
saying what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachdesk.domain.enums import Unit
from coachdesk.domain.kpi_format import format_duration
from coachdesk.domain.objectives import FieldError

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_SHARE = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:/|of|out\s+of|in)\s*(\d+(?:\.\d+)?)$", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}))?(\.\d+)?$")
_WORDS = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+(?:\.\d+)?)\s*m(?:in(?:ute)?s?)?)?\s*"
    r"(?:(?P<s>\d+(?:\.\d+)?)\s*s(?:ec(?:ond)?s?)?)?$", re.IGNORECASE)
_CURRENCY = "£$€¥"


@dataclass(frozen=True)
class ParsedLevel:
    """The value in the measure's base unit and, when the text was not already in it, the conversion made."""

    value: float
    note: str = ""


def _number(text: str) -> float | None:
    raw = text.strip().replace(" ", "").replace("\u00a0", "")
    if _THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    elif _DECIMAL_COMMA.match(raw):
        raw = raw.replace(",", ".")
    return float(raw) if _NUMBER.match(raw) else None


def _pct(value: float) -> str:
    return f"{value * 100:.4g}%"


def parse_level(text: str, unit: Unit | str, label: str = "Target", field: str = "target") -> ParsedLevel | None:
    """``text`` as a level of a measure in ``unit``; None when blank; ``FieldError`` when it cannot be read.

    Percent (stored 0-1): "92.5%" is 0.925; "2 of 3" or "2/3" is 0.667; a bare number from 0 to 1 is a fraction
    ("0.95" is 95%); a bare number above 1 and up to 100 is a percentage ("95" is 95%, stored as 0.95).
    Seconds: "5:30", "1:02:05", "5m30s", "90 s", "5 min", or a bare number of seconds. Counts must not be negative.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    unit = Unit(unit)
    if unit is Unit.PERCENT:
        return _percent(raw, label, field)
    if unit is Unit.SECONDS:
        return _seconds(raw, label, field)
    if unit is Unit.CURRENCY:
        raw = raw.strip(_CURRENCY).strip()
    value = _number(raw)
    if value is None:
        kind = {Unit.COUNT: "a count", Unit.CURRENCY: "an amount"}.get(unit, "a number")
        raise FieldError(field, f"{label}: {text.strip()!r} is not {kind}.")
    if unit in (Unit.COUNT, Unit.CURRENCY) and value < 0:
        raise FieldError(field, f"{label}: {text.strip()!r} is negative; a {unit.value} cannot be.")
    return ParsedLevel(value)


def _percent(raw: str, label: str, field: str) -> ParsedLevel:
    share = _SHARE.match(raw)
    if share:
        part, whole = float(share.group(1)), float(share.group(2))
        if whole <= 0 or part > whole:
            raise FieldError(field, f"{label}: {raw!r} is not a share: the first number must be from 0 to the "
                                    "second, and the second above 0.")
        value = part / whole
        return ParsedLevel(value, f"{raw} read as {_pct(value)}.")
    explicit = raw.endswith("%")
    value = _number(raw.rstrip("%").strip())
    if value is None:
        raise FieldError(field, f"{label}: {raw!r} is not a percentage: write it like 92.5% (or 0.925, or 3 of 4).")
    if explicit or value > 1:
        if not 0 <= value <= 100:
            raise FieldError(field, f"{label}: {raw!r} is not a percentage: it must lie from 0% to 100%.")
        fraction = value / 100
        note = "" if explicit else f"{raw} read as {_pct(fraction)} (stored as {fraction:.6g})."
        return ParsedLevel(fraction, note)
    if value < 0:
        raise FieldError(field, f"{label}: {raw!r} is not a percentage: it must lie from 0% to 100%.")
    return ParsedLevel(value, f"{raw} read as the fraction {_pct(value)}; write {raw}% if you meant {raw} percent.")


def _seconds(raw: str, label: str, field: str) -> ParsedLevel:
    hint = "write m:ss (5:30), h:mm:ss, 5m30s or a number of seconds"
    if raw.startswith("-"):
        raise FieldError(field, f"{label}: {raw!r} is negative; a duration cannot be.")
    clock = _CLOCK.match(raw)
    if clock:
        first, second, third, fraction = clock.groups()
        if third is None:
            hours, minutes, seconds = 0, int(first), int(second)
        else:
            hours, minutes, seconds = int(first), int(second), int(third)
            if minutes >= 60:
                raise FieldError(field, f"{label}: {raw!r} is not a duration: minutes go up to 59 ({hint}).")
        if seconds >= 60:
            raise FieldError(field, f"{label}: {raw!r} is not a duration: seconds go up to 59 ({hint}).")
        value = hours * 3600 + minutes * 60 + seconds + (float(fraction) if fraction else 0.0)
        return ParsedLevel(value, f"{raw} read as {value:g} seconds.")
    value = _number(raw)
    if value is not None:
        return ParsedLevel(value, f"{raw} read as {value:g} seconds ({format_duration(value)}).")
    words = _WORDS.match(raw)
    if words and any(words.group(g) for g in "hms"):
        value = sum(float(words.group(g) or 0) * k for g, k in (("h", 3600), ("m", 60), ("s", 1)))
        return ParsedLevel(value, f"{raw} read as {value:g} seconds ({format_duration(value)}).")
    raise FieldError(field, f"{label}: {raw!r} is not a duration: {hint}.")
