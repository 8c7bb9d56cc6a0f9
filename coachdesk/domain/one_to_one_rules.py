"""One-to-one rules, pure: suggested talking points (each with the reason it was made), cadence and due states,
and the checks a session record must pass before it is saved or acknowledged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from coachdesk.domain import date_words
from coachdesk.domain.enums import ItemKind, ItemStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.objectives import DUE_SOON_DAYS, Band

#: the rhythm when neither the person nor their team has one
DEFAULT_CADENCE_DAYS = 14
#: a one-to-one this close (days) counts as due, not upcoming
DUE_WINDOW_DAYS = 3
#: a behaviour's session score (0-100) below this is "low"
LOW_SCORE = 50.0
#: how many of the behaviour's recent sessions are read, and how many of them must be low
LOW_LOOKBACK, LOW_MIN_SESSIONS = 4, 2
#: a follow-up missed longer ago than this is history, not a talking point
FOLLOW_UP_STALE_DAYS = 60
#: items that carry forward while open
CARRIED_KINDS = frozenset({ItemKind.ACTION, ItemKind.COMMITMENT})
#: items that need an owner
OWNED_KINDS = frozenset({ItemKind.ACTION})


class PointRule(StrEnum):
    KPI_OUT_OF_BAND = "kpi_out_of_band"
    BEHAVIOUR_LOW = "behaviour_low"
    FOLLOW_UP_PASSED = "follow_up_passed"
    OBJECTIVE_DUE_SOON = "objective_due_soon"
    COMMITMENT_NOT_MET = "commitment_not_met"
    FOLLOW_UP_OUTCOME = "follow_up_outcome"

    @property
    def label(self) -> str:
        return {"kpi_out_of_band": "KPI out of band", "behaviour_low": "Behaviour rated low",
                "follow_up_passed": "Follow-up passed", "objective_due_soon": "Objective due soon",
                "commitment_not_met": "Commitment not met",
                "follow_up_outcome": "Follow-up not yet improved"}[self.value]


@dataclass(frozen=True)
class TalkingPoint:
    rule: PointRule
    title: str
    reason: str
    #: lower sorts first
    priority: int = 5


def _day(d: date) -> str:
    return date_words.date_words(d)


def _ago(days: int) -> str:
    return "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago"


def _band_text(b: Band | None) -> str:
    return b.label.lower() if b is not None else "no band"


# -- talking-point rules -----------------------------------------------------------------------------------------------

def kpi_out_of_band(measure: str, before: Band | None, since: Band | None, since_text: str,
                    target_text: str) -> TalkingPoint | None:
    """A measure whose band since the last one-to-one is worse than before it and now short of target."""
    if before is None or since is None or since.rank >= before.rank or since.rank >= Band.ON_TARGET.rank:
        return None
    return TalkingPoint(PointRule.KPI_OUT_OF_BAND, f"{measure} has slipped",
                        f"{measure} since the last one-to-one is {since_text}, {_band_text(since)} (target "
                        f"{target_text}); before it was {_band_text(before)}.",
                        1 if since is Band.FAR_BELOW else 2)


def behaviour_low(behaviour: str, scores: Sequence[tuple[date, float]]) -> TalkingPoint | None:
    """A behaviour whose session score was below ``LOW_SCORE`` in at least ``LOW_MIN_SESSIONS`` of its last
    ``LOW_LOOKBACK`` observed sessions (``scores`` = (session day, 0-100 score), any order)."""
    recent = sorted(scores, key=lambda s: s[0])[-LOW_LOOKBACK:]
    low = [s for s in recent if s[1] < LOW_SCORE]
    if len(low) < LOW_MIN_SESSIONS:
        return None
    listing = ", ".join(f"{round(v)} on {_day(d)}" for d, v in low)
    return TalkingPoint(PointRule.BEHAVIOUR_LOW, f"{behaviour} rated low",
                        f"{behaviour} was rated below {LOW_SCORE:.0f} in {len(low)} of the last {len(recent)} "
                        f"observed sessions ({listing}).", 2)


def follow_up_outcome(outcome: str | None, note: str, closed_on: date, topic: str = "") -> TalkingPoint | None:
    """A follow-up closed as "partly" or "not yet" improved: worth coming back to (an improvement is not)."""
    if outcome not in ("partly", "not_yet"):
        return None
    about = f" on {topic}" if topic else ""
    words = "partly improved" if outcome == "partly" else "not yet improved"
    return TalkingPoint(PointRule.FOLLOW_UP_OUTCOME, f"Follow-up{about}: {words}",
                        f"The follow-up closed on {_day(closed_on)} found it {words}"
                        + (f": {note.strip()}" if note.strip() else "."), 2 if outcome == "not_yet" else 4)


def follow_up_passed(follow_up: date | None, done: bool, given_on: date, on: date,
                     topic: str = "") -> TalkingPoint | None:
    """Feedback whose follow-up date has passed (within ``FOLLOW_UP_STALE_DAYS``) without being marked done."""
    if follow_up is None or done or follow_up >= on or (on - follow_up).days > FOLLOW_UP_STALE_DAYS:
        return None
    about = f" on {topic}" if topic else ""
    return TalkingPoint(PointRule.FOLLOW_UP_PASSED, f"Follow up feedback{about}",
                        f"Feedback given on {_day(given_on)}{about} had a follow-up due {_day(follow_up)} "
                        f"({_ago((on - follow_up).days)}), not marked done.", 3)


def objective_due_soon(statement: str, due: date, on: date, band_now: Band | None,
                       open_: bool = True) -> TalkingPoint | None:
    """An open objective due within ``DUE_SOON_DAYS``."""
    left = (due - on).days
    if not open_ or not 0 <= left <= DUE_SOON_DAYS:
        return None
    when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
    return TalkingPoint(PointRule.OBJECTIVE_DUE_SOON, f"Objective due {when}",
                        f"“{statement}” is due {when} ({_day(due)}); it is {_band_text(band_now)} now.",
                        2 if band_now is not None and band_now.rank < Band.ON_TARGET.rank else 4)


def commitment_not_met(kind: ItemKind, text: str, status: ItemStatus | None, due: date | None,
                       on: date) -> TalkingPoint | None:
    """An action or commitment marked not met, or still open past its due date."""
    kind = ItemKind(kind)
    if kind not in CARRIED_KINDS:
        return None
    name = kind.value.capitalize()
    if status is ItemStatus.NOT_MET:
        return TalkingPoint(PointRule.COMMITMENT_NOT_MET, f"{name} not met",
                            f"{name} “{text}” was marked not met.", 1)
    if status in (ItemStatus.OPEN, None) and due is not None and due < on:
        return TalkingPoint(PointRule.COMMITMENT_NOT_MET, f"{name} overdue",
                            f"{name} “{text}” was due {_day(due)} ({_ago((on - due).days)}) and is still open.", 1)
    return None


def ordered(points: Sequence[TalkingPoint | None]) -> tuple[TalkingPoint, ...]:
    """The points that fired, most pressing first (stable within a priority)."""
    return tuple(sorted((p for p in points if p is not None), key=lambda p: p.priority))


# -- cadence -----------------------------------------------------------------------------------------------------------

class DueState(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    NEVER = "never"  # no one-to-one yet and none planned

    @property
    def label(self) -> str:
        return {"overdue": "Overdue", "due": "Due", "upcoming": "Upcoming", "never": "None yet"}[self.value]


def cadence_days(person_days: int | None, team_days: int | None) -> int:
    """The person's rhythm, else their team's, else ``DEFAULT_CADENCE_DAYS``."""
    for days in (person_days, team_days):
        if days is not None and days > 0:
            return days
    return DEFAULT_CADENCE_DAYS


def next_due(last_held: date | None, planned: date | None, cadence: int) -> date | None:
    """When the next one-to-one is due: the date planned (a prepared session or the last record's next date),
    else the last one plus the cadence; None when neither exists."""
    if planned is not None:
        return planned
    return last_held + timedelta(days=cadence) if last_held is not None else None


def due_state(due: date | None, on: date) -> DueState:
    if due is None:
        return DueState.NEVER
    if due < on:
        return DueState.OVERDUE
    return DueState.DUE if (due - on).days <= DUE_WINDOW_DAYS else DueState.UPCOMING


# -- checks on a record --------------------------------------------------------------------------------------------------

def check_item(kind: ItemKind, text: str, has_owner: bool, position: int | None = None) -> None:
    where = f"Item {position}" if position is not None else "The item"
    if not text.strip():
        raise ValidationError(f"{where}: the text is empty; write what was agreed or remove the line.")
    if ItemKind(kind) in OWNED_KINDS and not has_owner:
        raise ValidationError(f"{where} (action “{text.strip()[:60]}”): an action item needs an owner.")


def check_next_date(next_date: date | None, session_day: date | None) -> None:
    if next_date is not None and session_day is not None and next_date < session_day:
        raise ValidationError(f"Next one-to-one date: {_day(next_date)} is before the session date "
                              f"{_day(session_day)}.")


def check_can_acknowledge(item_count: int, summary: str | None, agent_comments: str | None, typed_name: str,
                          held: bool) -> None:
    if not held:
        raise ValidationError("Acknowledgement: the one-to-one has not been held yet; record it first.")
    if item_count == 0 and not (summary or "").strip() and not (agent_comments or "").strip():
        raise ValidationError("Acknowledgement: the record is empty (no items, summary or comments); "
                              "there is nothing to acknowledge.")
    if not typed_name.strip():
        raise ValidationError("Acknowledgement: the agent's typed name is required.")
