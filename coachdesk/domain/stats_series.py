"""Time series for trend charts: days grouped into day, week or month buckets, and trailing (rolling) means."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

GRANULARITIES = ("day", "week", "month")
#: points in the trailing mean of each granularity: a week of days, four weeks, a quarter of months
ROLLING_POINTS = {"day": 7, "week": 4, "month": 3}


def check_granularity(granularity: str) -> str:
    from coachdesk.domain.errors import ValidationError

    if granularity not in GRANULARITIES:
        raise ValidationError(f"Granularity: {granularity!r} is not one of day, week or month.")
    return granularity


def bucket_start(day: date, granularity: str) -> date:
    """The first day of ``day``'s bucket: the day itself, its week's Monday, or the first of its month."""
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def bucket_middle(start: date, granularity: str) -> date:
    """Where a bucket's point is drawn: the middle of its days (Thursday of a week, the 15th of a month)."""
    if granularity == "week":
        return start + timedelta(days=3)
    if granularity == "month":
        return start.replace(day=15)
    return start


def rolling_mean(points: Sequence[tuple[date, float]], size: int) -> list[tuple[date, float]]:
    """Trailing mean over the last ``size`` points (fewer at the start), one per point."""
    out, window, total = [], [], 0.0
    for day, value in points:
        if value is None or not math.isfinite(value):
            continue
        window.append(value)
        total += value
        if len(window) > size:
            total -= window.pop(0)
        out.append((day, total / len(window)))
    return out
