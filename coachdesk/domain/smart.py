"""The SMART check of an objective, letter by letter: what is missing (fails) or doubtful, in plain sentences.

* **S**pecific: a statement of what will change, of at least four words; doubtful when it names neither the
  measure nor any figure.
* **M**easurable: a KPI or behaviour measure and a target level (fails without); doubtful without a baseline.
* **A**chievable: the target against the team and the person's own history over the ``HISTORY_DAYS`` before the
  start. Fails when the target is beyond what the best 10% of the team reached (the team's 90th percentile in the
  measure's direction, over teammates' period values); doubtful when it is beyond the person's own best 10% of days,
  or when fewer than ``MIN_TEAM`` teammates have figures to judge by.
* **R**elevant: doubtful when the objective serves no goal (no line of sight), when its KPI is not in the person's
  role KPI set, or when the target asks for no improvement on the baseline.
* **T**ime-bound: a start and a due date after it (fails without); doubtful under 14 days or over a year, or when
  the due date has already passed.

An objective whose check has a failing letter cannot be agreed without a written override reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from coachdesk.domain.date_words import date_words
from coachdesk.domain.enums import Direction, Unit
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.kpi_math import best_share_level, is_at_or_better, is_better, share_at_or_better
from coachdesk.domain.objectives import HISTORY_DAYS

#: fewest teammates with figures before the team's distribution is used
MIN_TEAM = 5
#: fewest days of the person's own figures before their best days are used
MIN_OWN_DAYS = 10
MIN_WORDS = 4
SHORTEST_DAYS = 14
LONGEST_DAYS = 366
#: "the best 10% of the team"
BEST_SHARE = 0.10


class Verdict(StrEnum):
    OK = "ok"
    DOUBTFUL = "doubtful"
    FAILS = "fails"


@dataclass(frozen=True)
class LetterCheck:
    letter: str
    name: str
    verdict: Verdict
    message: str


@dataclass(frozen=True)
class SmartResult:
    letters: tuple[LetterCheck, ...]

    @property
    def failing(self) -> tuple[LetterCheck, ...]:
        return tuple(c for c in self.letters if c.verdict is Verdict.FAILS)

    @property
    def passes(self) -> bool:
        return not self.failing

    def letter(self, letter: str) -> LetterCheck:
        return next(c for c in self.letters if c.letter == letter)

    def summary(self) -> str:
        """"S ok · M ok · A fails · R doubtful · T ok"."""
        return " · ".join(f"{c.letter} {c.verdict.value}" for c in self.letters)


@dataclass(frozen=True)
class SmartInput:
    """Everything the check looks at, as plain values (the service gathers the history)."""

    statement: str
    #: the KPI's or behaviour's name (None when no measure is chosen yet) and the KPI code
    measure_name: str | None = None
    measure_code: str | None = None
    unit: Unit = Unit.PERCENT
    direction: Direction = Direction.HIGHER_IS_BETTER
    display_format: str = ""
    baseline: float | None = None
    commit: float | None = None
    target: float | None = None
    stretch: float | None = None
    start: date | None = None
    due: date | None = None
    #: the title of the goal the objective serves (None: no line of sight)
    goal_title: str | None = None
    #: whether the KPI is in the person's role KPI set (None when it does not apply, e.g. behaviours)
    in_role_set: bool | None = None
    role_label: str = ""
    #: the person's own daily values over the history window
    own_values: Sequence[float] = field(default_factory=tuple)
    #: each teammate's value of the measure over the history window (one per teammate)
    team_values: Sequence[float] = field(default_factory=tuple)
    history_days: int = HISTORY_DAYS
    today: date | None = None


def _show(data: SmartInput, value: float | None) -> str:
    return format_value(value, data.unit, data.display_format)


def check(data: SmartInput) -> SmartResult:
    return SmartResult((_specific(data), _measurable(data), _achievable(data), _relevant(data), _time_bound(data)))


def _specific(data: SmartInput) -> LetterCheck:
    text = " ".join(data.statement.split())
    words = len(text.split())
    if not text:
        return LetterCheck("S", "Specific", Verdict.FAILS, "Write what will change: the statement is empty.")
    if words < MIN_WORDS:
        return LetterCheck("S", "Specific", Verdict.FAILS, f"The statement is {words} word{'s' if words != 1 else ''}"
                           f": too short to say what will change ({MIN_WORDS} words at least).")
    names = [n for n in (data.measure_name, data.measure_code) if n]
    mentions = any(n.casefold() in text.casefold() for n in names) or re.search(r"\d", text)
    if not mentions:
        return LetterCheck("S", "Specific", Verdict.DOUBTFUL, "The statement names neither the measure nor a "
                           "figure: say what will change and by how much.")
    return LetterCheck("S", "Specific", Verdict.OK, "The statement says what will change.")


def _measurable(data: SmartInput) -> LetterCheck:
    if not data.measure_name:
        return LetterCheck("M", "Measurable", Verdict.FAILS, "Choose the KPI or behaviour that measures it.")
    if data.target is None:
        return LetterCheck("M", "Measurable", Verdict.FAILS, f"Give a target level of {data.measure_name}.")
    if data.baseline is None:
        return LetterCheck("M", "Measurable", Verdict.DOUBTFUL, f"No baseline: there are no figures of "
                           f"{data.measure_name} in the {data.history_days} days before the start, so progress "
                           "has no starting point.")
    return LetterCheck("M", "Measurable", Verdict.OK, f"Measured by {data.measure_name}: from "
                       f"{_show(data, data.baseline)} to {_show(data, data.target)}.")


def _achievable(data: SmartInput) -> LetterCheck:
    if data.target is None:
        return LetterCheck("A", "Achievable", Verdict.DOUBTFUL, "Without a target, realism cannot be judged.")
    window = f"the last {data.history_days} days"
    team = [v for v in data.team_values if v is not None]
    if len(team) >= MIN_TEAM:
        best = best_share_level(team, BEST_SHARE, data.direction)
        if best is not None and is_better(data.target, best, data.direction):
            return LetterCheck("A", "Achievable", Verdict.FAILS, f"The target {_show(data, data.target)} is beyond "
                               f"what the best 10% of the team reached in {window} ({_show(data, best)}).")
    own = [v for v in data.own_values if v is not None]
    if len(own) >= MIN_OWN_DAYS:
        own_best = best_share_level(own, BEST_SHARE, data.direction)
        if own_best is not None and is_better(data.target, own_best, data.direction):
            return LetterCheck("A", "Achievable", Verdict.DOUBTFUL, f"The target {_show(data, data.target)} is "
                               f"beyond even the person's best 10% of days in {window} ({_show(data, own_best)}).")
    if len(team) < MIN_TEAM:
        return LetterCheck("A", "Achievable", Verdict.DOUBTFUL, f"Only {len(team)} teammate"
                           f"{'s' if len(team) != 1 else ''} had figures in {window}: too few to judge the target "
                           f"against the team ({MIN_TEAM} needed).")
    reached = share_at_or_better(team, data.target, data.direction) or 0.0
    return LetterCheck("A", "Achievable", Verdict.OK, f"{reached:.0%} of the team reached "
                       f"{_show(data, data.target)} or better in {window}.")


def _relevant(data: SmartInput) -> LetterCheck:
    doubts = []
    if not data.goal_title:
        doubts.append("It serves no team or organisation goal: link it to one for line of sight.")
    if data.in_role_set is False:
        doubts.append(f"{data.measure_code or data.measure_name} is not in the {data.role_label or 'role'}'s KPI set.")
    if data.target is not None and data.baseline is not None and is_at_or_better(
            data.baseline, data.target, data.direction):
        doubts.append(f"The target {_show(data, data.target)} asks for no improvement on the baseline "
                      f"{_show(data, data.baseline)}.")
    if doubts:
        return LetterCheck("R", "Relevant", Verdict.DOUBTFUL, " ".join(doubts))
    return LetterCheck("R", "Relevant", Verdict.OK, f"Serves the goal “{data.goal_title}”.")


def _time_bound(data: SmartInput) -> LetterCheck:
    if data.start is None or data.due is None:
        return LetterCheck("T", "Time-bound", Verdict.FAILS, "Give a start and a due date.")
    days = (data.due - data.start).days
    if days <= 0:
        return LetterCheck("T", "Time-bound", Verdict.FAILS, f"The due date {date_words(data.due)} is not after the "
                           f"start date {date_words(data.start)}.")
    if data.today is not None and data.due < data.today:
        return LetterCheck("T", "Time-bound", Verdict.DOUBTFUL, f"The due date {date_words(data.due)} has passed.")
    if days < SHORTEST_DAYS:
        return LetterCheck("T", "Time-bound", Verdict.DOUBTFUL, f"{days} days is too short for the figures to show "
                           f"a change ({SHORTEST_DAYS} days at least).")
    if days > LONGEST_DAYS:
        return LetterCheck("T", "Time-bound", Verdict.DOUBTFUL, f"{days} days is more than a year: set a nearer "
                           "due date.")
    return LetterCheck("T", "Time-bound", Verdict.OK, f"{days + 1} days, from {date_words(data.start)} to "
                       f"{date_words(data.due)}.")
