"""Rules of observation sessions and feedback: rating keys on a scale, follow-up dates, feedback timeliness."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coachdesk.domain.date_words import date_words
from coachdesk.domain.errors import ValidationError

#: the most characters a rating key may have (the ``rating_scale_point.key`` column)
MAX_KEY_LENGTH = 5


@dataclass(frozen=True)
class ScalePoint:
    """One point of a rating scale: the key typed to give it, its label and its 0-1 score (None = N/A)."""

    value: int
    label: str
    key: str
    score: float | None

    @property
    def not_applicable(self) -> bool:
        return self.score is None


def keys_text(points: Sequence[ScalePoint]) -> str:
    keys = [p.key for p in points]
    return ", ".join(keys[:-1]) + f" or {keys[-1]}" if len(keys) > 1 else "".join(keys)


def point_for_key(points: Sequence[ScalePoint], key: str, scale_name: str = "", behaviour: str = "") -> ScalePoint:
    """The point typed with ``key`` (case-insensitive); a key that is not on the scale is refused."""
    wanted = key.casefold()
    for point in points:
        if point.key.casefold() == wanted:
            return point
    where = f" for {behaviour}" if behaviour else ""
    scale = f"the {scale_name} scale" if scale_name else "this scale"
    raise ValidationError(f"{key!r} is not on {scale}{where}: use {keys_text(points)}.")


def check_scale(name: str, points: Sequence[ScalePoint]) -> None:
    """A usable scale: a name, at least two points, distinct single-key keys and values, scores within 0-1."""
    if not name.strip():
        raise ValidationError("A rating scale needs a name.")
    if len(points) < 2:
        raise ValidationError(f"The scale {name!r} needs at least two points.")
    keys, values = set(), set()
    for p in points:
        if not p.label.strip():
            raise ValidationError(f"Every point of the scale {name!r} needs a label.")
        if len(p.key) != 1 or not p.key.isprintable() or p.key.isspace():
            raise ValidationError(f"The key of {p.label!r} on {name!r} must be one character (a digit or a letter).")
        if p.key.casefold() in keys:
            raise ValidationError(f"Two points of the scale {name!r} use the key {p.key!r}.")
        if p.value in values:
            raise ValidationError(f"Two points of the scale {name!r} have the value {p.value}.")
        if p.score is not None and not 0.0 <= p.score <= 1.0:
            raise ValidationError(f"The score of {p.label!r} on {name!r} must be between 0 and 1.")
        keys.add(p.key.casefold())
        values.add(p.value)
    if all(p.score is None for p in points):
        raise ValidationError(f"The scale {name!r} needs at least one point with a score.")


def check_follow_up(follow_up: date | None, today: date) -> None:
    if follow_up is not None and follow_up < today:
        raise ValidationError(f"The follow-up date {date_words(follow_up)} is in the past: choose today or a later "
                              "day.")


def timeliness(observed_until: datetime | None, delivered_at: datetime | None) -> timedelta | None:
    """Time from the end of the observation to the feedback; None until both are known (never negative)."""
    if observed_until is None or delivered_at is None:
        return None
    return max(delivered_at - observed_until, timedelta(0))


def check_delivery(observed_from: datetime, delivered_at: datetime | None, now: datetime) -> None:
    if delivered_at is None:
        return
    if delivered_at < observed_from.replace(second=0, microsecond=0):  # times are entered to the minute
        raise ValidationError("Feedback cannot be delivered before the observation started.")
    if delivered_at > now + timedelta(minutes=5):
        raise ValidationError("The delivery time is in the future: record feedback when it has been given.")


def is_blank(text: str) -> bool:
    return not text.strip()
