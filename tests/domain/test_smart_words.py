"""The SMART check's every branch with its whole sentence and verdict, and each count on its edge (teammates, own
days, words): a changed word, bound or default is noticed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from coachdesk.domain.enums import Direction, Unit
from coachdesk.domain.smart import (
    BEST_SHARE,
    LONGEST_DAYS,
    MIN_OWN_DAYS,
    MIN_TEAM,
    MIN_WORDS,
    SHORTEST_DAYS,
    LetterCheck,
    SmartInput,
    Verdict,
    check,
)
from tests.domain.test_smart import GOOD

NAMES = {"S": "Specific", "M": "Measurable", "A": "Achievable", "R": "Relevant", "T": "Time-bound"}


def letter(data: SmartInput, which: str) -> LetterCheck:
    """The letter's check, whose name must be right in every branch."""
    found = check(data).letter(which)
    assert found.name == NAMES[which], found
    return found


def test_the_constants() -> None:
    assert (MIN_TEAM, MIN_OWN_DAYS, MIN_WORDS, SHORTEST_DAYS, LONGEST_DAYS, BEST_SHARE) == (5, 10, 4, 14, 366, 0.10)


def test_smart_input_defaults() -> None:
    data = SmartInput("x")
    assert data.measure_name is None and data.measure_code is None and data.unit is Unit.PERCENT
    assert data.direction is Direction.HIGHER_IS_BETTER and data.display_format == "" and data.role_label == ""
    assert data.baseline is data.commit is data.target is data.stretch is data.start is data.due is None
    assert data.goal_title is None and data.in_role_set is None and data.today is None
    assert tuple(data.own_values) == () and tuple(data.team_values) == () and data.history_days == 90


def test_result_helpers() -> None:
    result = check(replace(GOOD, statement=""))
    assert [c.letter for c in result.letters] == ["S", "M", "A", "R", "T"]
    assert [c.name for c in result.letters] == ["Specific", "Measurable", "Achievable", "Relevant", "Time-bound"]
    assert result.failing == (result.letter("S"),) and result.passes is False
    assert check(GOOD).failing == () and check(GOOD).passes is True


@pytest.mark.parametrize(("statement", "verdict", "message"), [
    ("", Verdict.FAILS, "Write what will change: the statement is empty."),
    ("   \n ", Verdict.FAILS, "Write what will change: the statement is empty."),
    ("AHT", Verdict.FAILS, "The statement is 1 word: too short to say what will change (4 words at least)."),
    ("Lower  my   AHT", Verdict.FAILS,
     "The statement is 3 words: too short to say what will change (4 words at least)."),
    ("Lower my AHT now", Verdict.OK, "The statement says what will change."),
    ("Lower my aht now", Verdict.OK, "The statement says what will change."),  # the code, in any case
    ("Improve the average HANDLE time", Verdict.OK, "The statement says what will change."),  # the name
    ("Get to 5 minutes please", Verdict.OK, "The statement says what will change."),  # a figure
    ("Do better at calls", Verdict.DOUBTFUL,
     "The statement names neither the measure nor a figure: say what will change and by how much."),
])
def test_specific(statement: str, verdict: Verdict, message: str) -> None:
    s = letter(replace(GOOD, statement=statement), "S")
    assert (s.verdict, s.message) == (verdict, message)


def test_specific_without_a_measure_needs_a_figure() -> None:
    s = letter(replace(GOOD, statement="Do better at calls", measure_name=None, measure_code=None), "S")
    assert s.verdict is Verdict.DOUBTFUL


@pytest.mark.parametrize(("changes", "verdict", "message"), [
    ({"measure_name": None}, Verdict.FAILS, "Choose the KPI or behaviour that measures it."),
    ({"measure_name": ""}, Verdict.FAILS, "Choose the KPI or behaviour that measures it."),
    ({"target": None}, Verdict.FAILS, "Give a target level of Average handle time."),
    ({"baseline": None, "history_days": 60}, Verdict.DOUBTFUL,
     "No baseline: there are no figures of Average handle time in the 60 days before the start, so progress has "
     "no starting point."),
])
def test_measurable(changes: dict, verdict: Verdict, message: str) -> None:
    m = letter(replace(GOOD, **changes), "M")
    assert (m.verdict, m.message) == (verdict, message)


def test_achievable_without_a_target() -> None:
    a = letter(replace(GOOD, target=None), "A")
    assert (a.verdict, a.message) == (Verdict.DOUBTFUL, "Without a target, realism cannot be judged.")


@pytest.mark.parametrize(("team", "verdict", "start"), [
    ((), Verdict.DOUBTFUL, "Only 0 teammates had figures in the last 90 days"),
    ((400,), Verdict.DOUBTFUL, "Only 1 teammate had figures in the last 90 days"),
    ((300, 350, 400, 450), Verdict.DOUBTFUL, "Only 4 teammates had figures in the last 90 days"),
    ((300, 350, 400, 450, 500), Verdict.OK, "40% of the team reached 5:50 or better in the last 90 days."),
])
def test_achievable_needs_five_teammates(team: tuple, verdict: Verdict, start: str) -> None:
    a = letter(replace(GOOD, team_values=team, own_values=()), "A")
    assert a.verdict is verdict and a.message.startswith(start), a.message
    if verdict is Verdict.DOUBTFUL:
        assert a.message.endswith(": too few to judge the target against the team (5 needed).")


def test_achievable_with_four_teammates_does_not_use_their_best() -> None:
    """Four teammates who all reached far better would fail the target if they counted; they do not."""
    a = letter(replace(GOOD, target=200, team_values=(100, 100, 100, 100), own_values=()), "A")
    assert a.verdict is Verdict.DOUBTFUL and a.message.startswith("Only 4 teammates")
    five = letter(replace(GOOD, target=200, team_values=(100, 100, 100, 100, 100), own_values=()), "A")
    assert five.verdict is Verdict.OK
    beyond = letter(replace(GOOD, target=90, team_values=(100, 100, 100, 100, 100), own_values=()), "A")
    assert (beyond.verdict, beyond.message) == (Verdict.FAILS, "The target 1:30 is beyond what the best 10% of the "
                                                "team reached in the last 90 days (1:40).")


def test_achievable_on_the_teams_best_level_is_not_beyond_it() -> None:
    a = letter(replace(GOOD, target=100, team_values=(100, 100, 100, 100, 100), own_values=()), "A")
    assert (a.verdict, a.message) == (Verdict.OK, "100% of the team reached 1:40 or better in the last 90 days.")


def test_achievable_against_the_persons_own_days() -> None:
    own = tuple(range(400, 400 + MIN_OWN_DAYS))  # 10 days, best 10 % at 400.9
    beyond = letter(replace(GOOD, target=350, own_values=own), "A")
    assert (beyond.verdict, beyond.message) == (
        Verdict.DOUBTFUL, "The target 5:50 is beyond even the person's best 10% of days in the last 90 days (6:41).")
    fewer = letter(replace(GOOD, target=350, own_values=own[:-1]), "A")  # 9 days: not enough to judge by
    assert fewer.verdict is Verdict.OK
    on_it = letter(replace(GOOD, target=400, own_values=(400,) * MIN_OWN_DAYS), "A")
    assert on_it.verdict is Verdict.OK


def test_achievable_ignores_missing_values() -> None:
    a = letter(replace(GOOD, team_values=(300, 350, 400, 450, None), own_values=()), "A")
    assert a.message.startswith("Only 4 teammates")


def test_relevant_ok_names_the_goal() -> None:
    r = letter(GOOD, "R")
    assert (r.verdict, r.message) == (Verdict.OK, "Serves the goal “Customers get it sorted first time”.")


@pytest.mark.parametrize(("changes", "message"), [
    ({"goal_title": None}, "It serves no team or organisation goal: link it to one for line of sight."),
    ({"goal_title": ""}, "It serves no team or organisation goal: link it to one for line of sight."),
    ({"in_role_set": False}, "AHT is not in the Agent's KPI set."),
    ({"in_role_set": False, "role_label": "", "measure_code": None}, "Average handle time is not in the role's KPI set."),
    ({"target": 400}, "The target 6:40 asks for no improvement on the baseline 6:40."),  # on the baseline
    ({"target": 410}, "The target 6:50 asks for no improvement on the baseline 6:40."),
    ({"goal_title": None, "in_role_set": False},
     "It serves no team or organisation goal: link it to one for line of sight. AHT is not in the Agent's KPI set."),
])
def test_relevant_doubts(changes: dict, message: str) -> None:
    r = letter(replace(GOOD, **changes), "R")
    assert (r.verdict, r.message) == (Verdict.DOUBTFUL, message)


def test_relevant_without_a_role_set_or_baseline_has_no_doubt() -> None:
    assert letter(replace(GOOD, in_role_set=None), "R").verdict is Verdict.OK
    assert letter(replace(GOOD, baseline=None, target=500), "R").verdict is Verdict.OK
    assert letter(replace(GOOD, target=399), "R").verdict is Verdict.OK  # one second better than the baseline


def _due(days: int, **changes) -> LetterCheck:  # noqa: ANN003
    start = date(2026, 1, 1)
    return letter(replace(GOOD, start=start, due=start + timedelta(days=days), today=start, **changes), "T")


@pytest.mark.parametrize(("days", "verdict", "message"), [
    (-1, Verdict.FAILS, "The due date 31 Dec 2025 is not after the start date 1 Jan 2026."),
    (0, Verdict.FAILS, "The due date 1 Jan 2026 is not after the start date 1 Jan 2026."),
    (13, Verdict.DOUBTFUL, "13 days is too short for the figures to show a change (14 days at least)."),
    (14, Verdict.OK, "15 days, from 1 Jan 2026 to 15 Jan 2026."),
    (366, Verdict.OK, "367 days, from 1 Jan 2026 to 2 Jan 2027."),
    (367, Verdict.DOUBTFUL, "367 days is more than a year: set a nearer due date."),
])
def test_time_bound(days: int, verdict: Verdict, message: str) -> None:
    t = _due(days)
    assert (t.verdict, t.message) == (verdict, message)


def test_time_bound_needs_both_dates_and_a_due_date_not_passed() -> None:
    for changes in ({"start": None}, {"due": None}):
        t = letter(replace(GOOD, **changes), "T")
        assert (t.verdict, t.message) == (Verdict.FAILS, "Give a start and a due date.")
    passed = letter(replace(GOOD, today=GOOD.due + timedelta(days=1)), "T")
    assert (passed.verdict, passed.message) == (Verdict.DOUBTFUL, "The due date 31 Dec 2026 has passed.")
    assert letter(replace(GOOD, today=None), "T").verdict is Verdict.OK


def test_summary_words() -> None:
    result = check(replace(GOOD, statement="", goal_title=None))
    assert result.summary() == "S fails · M ok · A ok · R doubtful · T ok"


def test_values_are_shown_in_the_kpis_display_format() -> None:
    m = letter(replace(GOOD, display_format="h:mm:ss"), "M")
    assert m.message == "Measured by Average handle time: from 0:06:40 to 0:05:50."


def test_a_team_of_unreadable_values_reached_nothing() -> None:
    nan = float("nan")
    a = letter(replace(GOOD, team_values=(nan,) * 5, own_values=()), "A")
    assert (a.verdict, a.message) == (Verdict.OK, "0% of the team reached 5:50 or better in the last 90 days.")
