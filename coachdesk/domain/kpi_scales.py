"""What a KPI's numbers mean: its scale (a share, a rating on 1-5 or 1-10, NPS, seconds, a count) and, for
satisfaction, whether it is the share of satisfied answers or the mean score; the range each scale allows.

Stored values are in the unit's base form: a share as a 0-1 fraction, a duration in seconds, a rating or NPS as
written. The importer checks a column's values against the mapped KPI's scale before it stores any of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FRACTION, RATING_5, RATING_10, NPS, SECONDS, COUNT, NUMBER = (
    "fraction", "rating_1_5", "rating_1_10", "nps", "seconds", "count", "number")
SHARE, MEAN = "share", "mean"
BASES = (SHARE, MEAN)


@dataclass(frozen=True)
class Scale:
    name: str
    label: str
    unit: str
    low: float
    high: float


SCALES = {s.name: s for s in (
    Scale(FRACTION, "a share (0-100 %)", "percent", 0.0, 1.0),
    Scale(RATING_5, "a mean score on a 1-5 scale", "score", 1.0, 5.0),
    Scale(RATING_10, "a mean score on a 0-10 scale", "score", 0.0, 10.0),
    Scale(NPS, "a net promoter score (-100 to 100)", "score", -100.0, 100.0),
    Scale(SECONDS, "a duration in seconds", "seconds", 0.0, math.inf),
    Scale(COUNT, "a count", "count", 0.0, math.inf),
    Scale(NUMBER, "a number", "score", -math.inf, math.inf),
)}
_BY_UNIT = {"percent": FRACTION, "seconds": SECONDS, "count": COUNT, "score": NUMBER, "currency": NUMBER}


def default_scale(unit: str, code: str = "") -> str:
    """The scale a KPI of ``unit`` has when its definition names none (NPS for the code NPS)."""
    if code.upper() == "NPS":
        return NPS
    return _BY_UNIT.get(unit, NUMBER)


def scale_of(name: str | None, unit: str, code: str = "") -> Scale:
    return SCALES.get(name or "", SCALES[default_scale(unit, code)])


#: the least shortfall from target that counts as "far below", by scale: a whole point on a 1-5 rating, two on 0-10,
#: five percentage points of a share, 20 NPS points; on open scales (seconds, counts, numbers) a tenth of the target
FAR_GAPS = {FRACTION: 0.05, RATING_5: 1.0, RATING_10: 2.0, NPS: 20.0}
FAR_SHARE_OF_TARGET = 0.10


def far_gap(scale_name: str | None, unit: str, code: str, target: float | None) -> float | None:
    """How far short of ``target`` a value must be, on this KPI's scale, before it can be "far below" (None without a
    target): a 0.7-point gap on a 1-5 rating is below target, not far below it."""
    if target is None:
        return None
    scale = scale_of(scale_name, str(unit), code)
    return FAR_GAPS.get(scale.name, FAR_SHARE_OF_TARGET * abs(target))


def in_range(value: float, scale: Scale, slack: float = 0.0) -> bool:
    """True when ``value`` lies on ``scale`` (inclusive), allowing ``slack`` times its width beyond the top (a
    share such as adherence may pass 100 %)."""
    width = scale.high - scale.low if math.isfinite(scale.high - scale.low) else 0.0
    return scale.low <= value <= scale.high + slack * width


def looks_like_rating(values: list[float]) -> str | None:
    """RATING_5 or RATING_10 when bare numbers look like mean scores on that scale rather than percent points:
    every value within it, and some value with a fraction (3.6), or all of them at most 5; None otherwise."""
    if not values:
        return None
    low, high = min(values), max(values)
    fractional = any(not float(v).is_integer() for v in values)
    if low >= 1.0 and high <= 5.0 and (fractional or len(values) >= 3):
        return RATING_5
    if low >= 0.0 and high <= 10.0 and fractional and sorted(values)[len(values) // 2] > 1.0:
        return RATING_10
    return None
