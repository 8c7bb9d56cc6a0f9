"""The SMART check, letter by letter, on hand-computed cases (realism against the team's best 10%)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from coachdesk.domain.enums import Direction, Unit
from coachdesk.domain.smart import SmartInput, Verdict, check

# 11 teammates' AHT over the last 90 days: the best 10% (lower is better) reached 320 s (rank 1 of 0..10)
TEAM_AHT = (300, 320, 340, 360, 380, 400, 420, 440, 460, 480, 500)
OWN_AHT = tuple(range(330, 430, 5))  # 20 days, 330..425: the best 10% of days is 339.5 s (335 + 0.9 x 5: rank 1.9 of 0..19)

GOOD = SmartInput(
    statement="Bring down my AHT from 6:40 to 5:50 by using the knowledge base during the call.",
    measure_name="Average handle time", measure_code="AHT", unit=Unit.SECONDS, direction=Direction.LOWER_IS_BETTER,
    display_format="m:ss", baseline=400, commit=360, target=350, stretch=340, start=date(2026, 10, 1),
    due=date(2026, 12, 31), goal_title="Customers get it sorted first time", in_role_set=True, role_label="Agent",
    own_values=OWN_AHT, team_values=TEAM_AHT, today=date(2026, 10, 1),
)


def test_a_good_objective_passes_every_letter() -> None:
    result = check(GOOD)
    assert result.passes
    assert result.summary() == "S ok · M ok · A ok · R ok · T ok"
    assert result.letter("A").message == "27% of the team reached 5:50 or better in the last 90 days."  # 3 of 11
    assert result.letter("M").message == "Measured by Average handle time: from 6:40 to 5:50."
    assert result.letter("T").message == "92 days, from 1 Oct 2026 to 31 Dec 2026."


def test_target_beyond_the_teams_best_ten_percent_fails_achievable() -> None:
    result = check(replace(GOOD, target=310, stretch=300))
    assert not result.passes
    a = result.letter("A")
    assert a.verdict is Verdict.FAILS
    assert a.message == ("The target 5:10 is beyond what the best 10% of the team reached in the last 90 days "
                         "(5:20).")


def test_target_beyond_own_best_days_is_doubtful() -> None:
    result = check(replace(GOOD, target=325, stretch=320, commit=340))
    a = result.letter("A")
    assert a.verdict is Verdict.DOUBTFUL and "best 10% of days" in a.message and "(5:40)" in a.message  # 339.5 s
    assert result.passes  # doubtful does not block agreement


def test_too_few_teammates_is_doubtful() -> None:
    a = check(replace(GOOD, team_values=(300, 320))).letter("A")
    assert a.verdict is Verdict.DOUBTFUL and a.message.startswith("Only 2 teammates had figures")


def test_specific_and_measurable_and_time_bound_failures() -> None:
    result = check(SmartInput(statement="Be better", start=date(2026, 10, 1), due=date(2026, 9, 1)))
    assert [c.verdict for c in result.letters] == [Verdict.FAILS, Verdict.FAILS, Verdict.DOUBTFUL,
                                                   Verdict.DOUBTFUL, Verdict.FAILS]
    assert result.letter("S").message.startswith("The statement is 2 words")
    assert result.letter("M").message == "Choose the KPI or behaviour that measures it."
    assert "1 Sep 2026 is not after the start date" in result.letter("T").message
    assert check(replace(GOOD, statement="")).letter("S").message == "Write what will change: the statement is empty."
    assert check(replace(GOOD, target=None)).letter("M").verdict is Verdict.FAILS
    assert check(replace(GOOD, start=None)).letter("T").message == "Give a start and a due date."


def test_doubts() -> None:
    vague = check(replace(GOOD, statement="Work on handling customers more quickly"))
    assert vague.letter("S").verdict is Verdict.DOUBTFUL
    no_baseline = check(replace(GOOD, baseline=None)).letter("M")
    assert no_baseline.verdict is Verdict.DOUBTFUL and "no figures of Average handle time in the 90 days" in \
        no_baseline.message
    relevant = check(replace(GOOD, goal_title=None, in_role_set=False, baseline=345)).letter("R")
    assert relevant.verdict is Verdict.DOUBTFUL
    assert "serves no team or organisation goal" in relevant.message
    assert "AHT is not in the Agent's KPI set" in relevant.message
    assert "asks for no improvement on the baseline 5:45" in relevant.message
    short = check(replace(GOOD, due=date(2026, 10, 8))).letter("T")
    assert short.verdict is Verdict.DOUBTFUL and "7 days is too short" in short.message
    past = check(replace(GOOD, today=date(2027, 1, 5))).letter("T")
    assert past.verdict is Verdict.DOUBTFUL and "has passed" in past.message
