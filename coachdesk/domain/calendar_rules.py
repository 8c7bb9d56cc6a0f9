"""Calendar rules, pure: working hours, slot checks (past, length, clash), the next one-to-ones proposed from each
agent's rhythm within working hours and without clashes, and observation coverage against a team's target."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from coachdesk.domain.date_words import when_words
from coachdesk.domain.errors import ValidationError

#: the longest one-to-one or observation the calendar accepts, in minutes
MAX_MINUTES = 8 * 60
DEFAULT_MINUTES = 30
#: proposals start on a multiple of this many minutes
STEP_MINUTES = 15
#: a session due on a full day moves at most this many days later (then the proposal says it found no room)
SEARCH_DAYS = 7
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class WorkingHours:
    """The leader's working week: weekdays (0 = Monday) and the hours of a day, in ``time_zone``."""

    days: frozenset[int] = frozenset(range(5))
    start: time = time(9)
    end: time = time(17)

    def check(self) -> None:
        if not self.days or any(d not in range(7) for d in self.days):
            raise ValidationError("Working hours: choose at least one working day, Monday to Sunday.")
        if self.start >= self.end:
            raise ValidationError(f"Working hours: the day must end after it starts ({self.start:%H:%M} to "
                                  f"{self.end:%H:%M}).")

    def contains(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end) lies within one working day (both in the working hours' own time zone)."""
        return (end > start and start.date() == end.date() and start.weekday() in self.days
                and self.start <= start.time() and end.time() <= self.end)

    def text(self) -> str:
        days = ", ".join(WEEKDAYS[d] for d in sorted(self.days))
        return f"{days} {self.start:%H:%M}–{self.end:%H:%M}"


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals: a session ending at 10:00 does not clash with one starting at 10:00."""
    return a_start < b_end and b_start < a_end


def check_length(minutes: int | None) -> int:
    if minutes is None or minutes <= 0:
        raise ValidationError("Length: a session needs a length of at least 1 minute.")
    if minutes > MAX_MINUTES:
        raise ValidationError(f"Length: {minutes} minutes is longer than a working day; at most {MAX_MINUTES}.")
    return minutes


def check_not_past(start: datetime, now: datetime, what: str = "The session") -> None:
    if start < now:
        raise ValidationError(f"{what} would start at {when_words(start, zone=start.tzinfo)}, which is in the past; choose a later "
                              "time.")


@dataclass(frozen=True)
class Busy:
    """A time the leader is taken (a session or a planned observation), with what it is."""

    start: datetime
    end: datetime
    label: str
    key: str = ""


def first_clash(start: datetime, end: datetime, busy: Iterable[Busy], ignore: str = "") -> Busy | None:
    """The first busy time overlapping [start, end), leaving out the one keyed ``ignore`` (the session being moved);
    a busy time without a key always counts."""
    for b in busy:
        if not (ignore and b.key == ignore) and overlaps(start, end, b.start, b.end):
            return b
    return None


class Diary:
    """A leader's busy times per local day, sorted, for quick free-slot searches."""

    def __init__(self, zone: tzinfo, busy: Iterable[Busy] = ()) -> None:
        self.zone = zone
        self._days: dict[date, list[tuple[datetime, datetime]]] = {}
        for b in busy:
            self.add(b.start, b.end)

    def add(self, start: datetime, end: datetime) -> None:
        bisect.insort(self._days.setdefault(start.astimezone(self.zone).date(), []), (start, end))

    def free(self, start: datetime, end: datetime) -> bool:
        for s, e in self._days.get(start.astimezone(self.zone).date(), ()):
            if s >= end:
                return True
            if overlaps(start, end, s, e):
                return False
        return True

    def first_free(self, day: date, hours: WorkingHours, minutes: int, not_before: datetime) -> datetime | None:
        """The earliest start on ``day`` within working hours, on a step, not before ``not_before``, with room."""
        if day.weekday() not in hours.days:
            return None
        length = timedelta(minutes=minutes)
        at = datetime.combine(day, hours.start, tzinfo=self.zone)
        close = datetime.combine(day, hours.end, tzinfo=self.zone)
        step = timedelta(minutes=STEP_MINUTES)
        while at + length <= close:
            if at >= not_before and self.free(at, at + length):
                return at
            at += step
        return None


@dataclass(frozen=True)
class RhythmAgent:
    """What the proposal needs of an agent: their rhythm, when the next one is due, what is already booked."""

    key: str
    name: str
    leader_key: str
    cadence_days: int
    due: date | None
    #: starts of sessions already scheduled with a time (these are kept, not proposed again)
    booked: tuple[datetime, ...] = ()
    #: a draft prepared ahead without a time, which the first proposal will schedule
    draft_key: str | None = None
    #: the agent's last day (they are leaving): nothing is proposed after it
    until: date | None = None


@dataclass(frozen=True)
class Proposal:
    agent_key: str
    agent_name: str
    leader_key: str
    start: datetime
    minutes: int
    draft_key: str | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class ProposalResult:
    proposals: tuple[Proposal, ...]
    #: agents (name, due day) for whom no free slot was found within SEARCH_DAYS of a due day
    no_room: tuple[tuple[str, date], ...] = field(default_factory=tuple)


def propose(agents: Sequence[RhythmAgent], busy: dict[str, Sequence[Busy]], hours: WorkingHours, zone: tzinfo,
            now: datetime, weeks: int, minutes: int = DEFAULT_MINUTES) -> ProposalResult:
    """The next ``weeks`` of one-to-ones: each agent from their due day (today when overdue or never held), then
    every cadence, at the earliest free step within working hours of their leader's diary. Agents are placed most
    overdue first, so they get the earliest slots. Sessions already booked count as held on their day."""
    if weeks <= 0 or weeks > 26:
        raise ValidationError(f"Weeks: propose between 1 and 26 weeks ahead, not {weeks}.")
    check_length(minutes)
    hours.check()
    today = now.astimezone(zone).date()
    horizon = today + timedelta(weeks=weeks)
    diaries: dict[str, Diary] = {}
    out: list[Proposal] = []
    no_room: list[tuple[str, date]] = []
    for agent in sorted(agents, key=lambda a: (a.due or date.min, a.name, a.key)):
        diary = diaries.get(agent.leader_key)
        if diary is None:
            diary = diaries[agent.leader_key] = Diary(zone, busy.get(agent.leader_key, ()))
        cadence = timedelta(days=max(1, agent.cadence_days))
        booked = sorted(b.astimezone(zone).date() for b in agent.booked)
        target = max(agent.due or today, today)
        draft = agent.draft_key
        last = min(horizon, agent.until + timedelta(days=1)) if agent.until else horizon
        while target < last:
            near = [d for d in booked if abs((d - target).days) * 2 < cadence.days]
            if near:
                target = near[-1] + cadence
                continue
            slot = None
            for offset in range(SEARCH_DAYS + 1):
                day = target + timedelta(days=offset)
                if day >= last:
                    break
                slot = diary.first_free(day, hours, minutes, now)
                if slot is not None:
                    break
            if slot is None:
                no_room.append((agent.name, target))
                break
            diary.add(slot, slot + timedelta(minutes=minutes))
            out.append(Proposal(agent.key, agent.name, agent.leader_key, slot, minutes, draft))
            draft = None
            target = slot.astimezone(zone).date() + cadence
    out.sort(key=lambda p: (p.start, p.agent_name))
    return ProposalResult(tuple(out), tuple(no_room))


# -- observation coverage ----------------------------------------------------------------------------------------------

class CoverageState(StrEnum):
    MET = "met"
    PLANNED = "planned"
    DUE = "due"
    BEHIND = "behind"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        return {"met": "Target met", "planned": "Planned", "due": "Due", "behind": "Behind",
                "no_target": "No target"}[self.value]


@dataclass(frozen=True)
class CoverageTarget:
    per_month: int | None = None
    unannounced_per_month: int | None = None

    def check(self) -> None:
        for label, value in (("Observations a month", self.per_month),
                             ("Unannounced a month", self.unannounced_per_month)):
            if value is not None and not 0 <= value <= 31:
                raise ValidationError(f"{label}: a whole number from 0 to 31, not {value}.")
        if self.per_month is not None and self.unannounced_per_month is not None \
                and self.unannounced_per_month > self.per_month:
            raise ValidationError("Unannounced a month cannot be more than observations a month.")


def coverage_state(target: CoverageTarget, done: int, done_unannounced: int, planned: int,
                   planned_unannounced: int, day: date) -> CoverageState:
    """An agent's standing this month: met when both targets are reached; planned when what is planned closes the
    gap; behind when fewer are done than the target pro rata to ``day`` (rounded down); otherwise due."""
    want, want_un = target.per_month, target.unannounced_per_month
    if not want and not want_un:
        return CoverageState.NO_TARGET
    want, want_un = want or 0, want_un or 0
    if done >= want and done_unannounced >= want_un:
        return CoverageState.MET
    if done + planned >= want and done_unannounced + planned_unannounced >= want_un:
        return CoverageState.PLANNED
    days = _days_in_month(day)
    if done < want * day.day // days or done_unannounced < want_un * day.day // days:
        return CoverageState.BEHIND
    return CoverageState.DUE


def _days_in_month(day: date) -> int:
    nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def month_bounds(day: date) -> tuple[date, date]:
    """The first day of ``day``'s month and the first day of the next."""
    return day.replace(day=1), date(day.year + day.month // 12, day.month % 12 + 1, 1)


def add_working_days(start: date, days: int, workdays: frozenset[int]) -> date:
    """The day ``days`` working days after ``start`` (a day not counted when it is not in ``workdays``)."""
    if not workdays:
        raise ValidationError("Working hours: choose at least one working day, Monday to Sunday.")
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() in workdays:
            left -= 1
    return day
