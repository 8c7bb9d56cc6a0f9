"""Show KPI values the way people read them: durations as m:ss or h:mm:ss, fractions as percentages."""

from __future__ import annotations

import math

from coachdesk.domain.enums import Unit


def format_duration(seconds: float, with_hours: bool = False) -> str:
    total = round(abs(seconds))
    sign = "-" if seconds < 0 and total else ""  # -0.4 s rounds to 0:00, not "-0:00"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if with_hours or hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def _decimals(pattern: str) -> int:
    return len(pattern.split(".", 1)[1].rstrip("%")) if "." in pattern else 0


def format_value(value: float | None, unit: Unit | str, display_format: str = "") -> str:
    """``value`` in its base unit (seconds; a 0-1 fraction for percentages) as text, or an en dash when missing.

    ``display_format`` is the KPI definition's: ``m:ss``, ``h:mm:ss``, ``0.0%``, ``0``, ``0.00``...
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    unit = Unit(unit)
    fmt = display_format.strip()
    if unit is Unit.SECONDS or fmt in ("m:ss", "h:mm:ss"):
        return format_duration(value, with_hours=fmt == "h:mm:ss")
    if unit is Unit.PERCENT or fmt.endswith("%"):
        return f"{value * 100:.{_decimals(fmt) if fmt else 1}f}%"
    decimals = _decimals(fmt) if fmt else (0 if float(value).is_integer() else 2)
    return f"{value:,.{decimals}f}"
