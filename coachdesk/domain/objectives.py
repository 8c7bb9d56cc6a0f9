"""Objective rules: progress bands, level order, dates, weights, goal-tree cycles and the status lifecycle.

The band rule (also in ARCHITECTURE.md, "Objective progress"), with "better" read in the KPI's direction and the
tolerance ``t`` taken from the KPI definition (0 for behaviour measures):

* the tolerance is capped at half the distance between commit and target, so that a loose KPI tolerance never
  swallows the objective's own levels;
* **exceeded**: at or better than the stretch level; without a stretch level, better than target by more than t;
* **on target**: at or better than (target - t);
* **below**: short of that, but at or better than the floor: the commit level, or the baseline when there is no
  commit level (and the baseline is worse than the target);
* **far below**: worse than the floor and, when the KPI's scale gives one (``kpi_scales.far_gap``), short of target by
  more than that gap. Without commit or baseline there is no floor and nothing is "far below".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coachdesk.domain.date_words import date_words
from coachdesk.domain.enums import Direction, ObjectiveStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.kpi_math import is_at_or_better, is_better

#: a behaviour objective counts ratings scored at this or above ("Good" on the four-point scale, "Met")
GOOD_SCORE = 0.66
#: the history before an objective's start used for its baseline and the realism check
HISTORY_DAYS = 90
#: objectives due within this many days are "due soon"
DUE_SOON_DAYS = 14


_EPSILON = 1e-9


class FieldError(ValidationError):
    """A ``ValidationError`` naming the input field at fault, so a form can put the cursor there."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


class Band(StrEnum):
    FAR_BELOW = "far_below"
    BELOW = "below"
    ON_TARGET = "on_target"
    EXCEEDED = "exceeded"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def rank(self) -> int:
        """0 (far below) to 3 (exceeded), for sorting and colour."""
        return list(Band).index(self)


@dataclass(frozen=True)
class Levels:
    commit: float | None = None
    target: float | None = None
    stretch: float | None = None


def _toward_better(value: float, amount: float, direction: Direction) -> float:
    return value + amount if Direction(direction) is Direction.HIGHER_IS_BETTER else value - amount


def band(value: float | None, levels: Levels, direction: Direction, tolerance: float | None = None,
         baseline: float | None = None, far_gap: float | None = None) -> Band | None:
    """The band of ``value`` (see the module docstring); None without a value or a target. ``far_gap``: the least
    shortfall from target that is "far below" on the KPI's scale (closer than that it is "below")."""
    if value is None or levels.target is None:
        return None
    direction = Direction(direction)
    target = levels.target
    t = abs(tolerance or 0.0)
    if levels.commit is not None:
        t = min(t, abs(target - levels.commit) / 2)
    if levels.stretch is None:
        if is_better(value, _toward_better(target, t, direction), direction):
            return Band.EXCEEDED
    value = _toward_better(value, _EPSILON * max(1.0, abs(value)), direction)  # a value on a boundary meets it
    if levels.stretch is not None and is_at_or_better(value, levels.stretch, direction):
        return Band.EXCEEDED
    if is_at_or_better(value, _toward_better(target, -t, direction), direction):
        return Band.ON_TARGET
    floor = levels.commit
    if floor is None and baseline is not None and is_better(target, baseline, direction):
        floor = baseline
    if floor is None or is_at_or_better(value, floor, direction):
        return Band.BELOW
    if far_gap is not None and (distance_to_target(value, target, direction) or 0.0) <= abs(far_gap):
        return Band.BELOW  # worse than the floor, but not far on this KPI's scale
    return Band.FAR_BELOW


def distance_to_target(value: float | None, target: float | None, direction: Direction) -> float | None:
    """How far ``value`` still is from ``target`` in the better direction: positive = still to go, negative = beyond
    the target by that much, in the measure's base unit."""
    if value is None or target is None:
        return None
    gap = target - value
    return gap if Direction(direction) is Direction.HIGHER_IS_BETTER else -gap


def on_track(forecast_band: Band | None) -> bool | None:
    """An objective is on track when its forecast reaches the target band (None when there is no forecast)."""
    if forecast_band is None:
        return None
    return forecast_band in (Band.ON_TARGET, Band.EXCEEDED)


# -- input rules ------------------------------------------------------------------------------------------------------

def check_levels(levels: Levels, direction: Direction, show: Callable[[float], str] = str) -> None:
    """Commit must not be better than target, nor stretch worse than target (in the measure's direction)."""
    direction = Direction(direction)
    word = "higher" if direction is Direction.HIGHER_IS_BETTER else "lower"
    if levels.target is None:
        if levels.commit is not None or levels.stretch is not None:
            raise FieldError("target", "Target: give a target level as well as the commit or stretch level.")
        return
    if levels.commit is not None and is_better(levels.commit, levels.target, direction):
        raise FieldError("commit", f"Commit level: {show(levels.commit)} is better than the target "
                                   f"{show(levels.target)}; the commit level is the minimum ({word} is better).")
    if levels.stretch is not None and is_better(levels.target, levels.stretch, direction):
        raise FieldError("stretch", f"Stretch level: {show(levels.stretch)} is short of the target "
                                    f"{show(levels.target)}; the stretch level goes beyond it ({word} is better).")


def check_dates(start: date | None, due: date | None) -> None:
    if start is None:
        raise FieldError("start_date", "Start date: give the day the objective starts.")
    if due is None:
        raise FieldError("due_date", "Due date: give the day the objective is due.")
    if due <= start:
        raise FieldError("due_date", f"Due date: {date_words(due)} is not after the start date "
                                     f"{date_words(start)}.")


def weight_fraction(percent: float | None) -> float | None:
    """A weight given in percent (0-100) as the stored 0-1 share; refuses anything outside 0-100%."""
    if percent is None:
        return None
    if not 0 <= percent <= 100:
        raise FieldError("weight", f"Weight: {percent:g}% is outside 0-100%.")
    return round(percent / 100, 6)


def parse_weight(text: str) -> float | None:
    """A weight typed as "25", "25%" or "25 %" (percent); blank is None."""
    raw = text.strip().rstrip("%").strip().replace(",", ".")
    if not raw:
        return None
    try:
        percent = float(raw)
    except ValueError:
        raise FieldError("weight", f"Weight: {text.strip()!r} is not a percentage (write 25 or 25%).") from None
    weight_fraction(percent)
    return percent


def check_no_cycle(goal_id: int, new_parent_id: int | None, parent_of: dict[int, int | None]) -> None:
    """Refuse making ``new_parent_id`` the parent of ``goal_id`` when that parent is the goal or sits under it."""
    seen: set[int] = set()
    node = new_parent_id
    while node is not None and node not in seen:
        if node == goal_id:
            raise FieldError("parent", "Parent goal: a goal cannot sit under itself or under one of its own "
                                       "sub-goals (that would make a cycle).")
        seen.add(node)
        node = parent_of.get(node)


# -- lifecycle --------------------------------------------------------------------------------------------------------

_NEXT: dict[ObjectiveStatus, frozenset[ObjectiveStatus]] = {
    ObjectiveStatus.DRAFT: frozenset({ObjectiveStatus.AGREED, ObjectiveStatus.WITHDRAWN}),
    ObjectiveStatus.AGREED: frozenset({ObjectiveStatus.ACHIEVED, ObjectiveStatus.MISSED, ObjectiveStatus.WITHDRAWN,
                                       ObjectiveStatus.DRAFT}),
    ObjectiveStatus.ACHIEVED: frozenset({ObjectiveStatus.AGREED}),
    ObjectiveStatus.MISSED: frozenset({ObjectiveStatus.AGREED}),
    ObjectiveStatus.WITHDRAWN: frozenset({ObjectiveStatus.DRAFT}),
}
#: moves that undo a decision, and so need a written reason
REOPENING = frozenset({(ObjectiveStatus.AGREED, ObjectiveStatus.DRAFT), (ObjectiveStatus.ACHIEVED,
                       ObjectiveStatus.AGREED), (ObjectiveStatus.MISSED, ObjectiveStatus.AGREED),
                       (ObjectiveStatus.WITHDRAWN, ObjectiveStatus.DRAFT)})
OPEN_STATUSES = frozenset({ObjectiveStatus.DRAFT, ObjectiveStatus.AGREED})


def allowed_moves(status: ObjectiveStatus) -> frozenset[ObjectiveStatus]:
    return _NEXT[ObjectiveStatus(status)]


def check_transition(old: ObjectiveStatus, new: ObjectiveStatus, reason: str | None) -> None:
    """draft -> agreed | withdrawn; agreed -> achieved | missed | withdrawn | draft; achieved/missed -> agreed and
    withdrawn -> draft reopen, with a written reason."""
    old, new = ObjectiveStatus(old), ObjectiveStatus(new)
    if new == old:
        raise FieldError("status", f"Status: the objective is already {old.value}.")
    if new not in _NEXT[old]:
        choices = ", ".join(sorted(s.value for s in _NEXT[old]))
        raise FieldError("status", f"Status: a {old.value} objective cannot become {new.value} "
                                   f"(it can become: {choices}).")
    if (old, new) in REOPENING and not (reason or "").strip():
        raise FieldError("reason", f"Reason: say why the {old.value} objective goes back to {new.value}.")
