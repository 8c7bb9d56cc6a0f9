"""One-to-one rules word for word and on their edges: each talking point's title, reason and priority, the last day a
rule still fires and the first it does not, and each refusal's sentence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coachdesk.domain.enums import ItemKind, ItemStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.objectives import Band
from coachdesk.domain.one_to_one_rules import (
    FOLLOW_UP_STALE_DAYS,
    DueState,
    PointRule,
    TalkingPoint,
    behaviour_low,
    cadence_days,
    check_can_acknowledge,
    check_item,
    check_next_date,
    commitment_not_met,
    due_state,
    follow_up_outcome,
    follow_up_passed,
    kpi_out_of_band,
    objective_due_soon,
)

ON = date(2026, 3, 16)  # a Monday


def days(n: int) -> date:
    return ON + timedelta(days=n)


def test_kpi_slipping_word_for_word() -> None:
    assert kpi_out_of_band("AHT", Band.ON_TARGET, Band.BELOW, "5:40", "5:00") == TalkingPoint(
        PointRule.KPI_OUT_OF_BAND, "AHT has slipped",
        "AHT since the last one-to-one is 5:40, below (target 5:00); before it was on target.", 2)
    assert kpi_out_of_band("AHT", Band.EXCEEDED, None, "", "5:00") is None


def test_a_low_behaviour_lists_its_low_sessions_oldest_first() -> None:
    point = behaviour_low("Empathy", [(days(0), 40.0), (days(-7), 80.0), (days(-14), 33.4)])
    assert point == TalkingPoint(PointRule.BEHAVIOUR_LOW, "Empathy rated low",
                                 "Empathy was rated below 50 in 2 of the last 3 observed sessions (33 on 2 Mar 2026, "
                                 "40 on 16 Mar 2026).", 2)


def test_a_score_of_exactly_fifty_is_not_low_and_the_fourth_last_session_still_counts() -> None:
    assert behaviour_low("Empathy", [(days(0), 50.0), (days(-7), 49.0)]) is None
    four = [(days(-21), 10.0), (days(-14), 20.0), (days(-7), 90.0), (days(0), 90.0)]
    assert "2 of the last 4" in behaviour_low("Empathy", four).reason
    assert behaviour_low("Empathy", four + [(days(7), 90.0)]) is None  # the oldest low one is now fifth


def test_follow_up_outcomes_word_for_word() -> None:
    assert follow_up_outcome("partly", " still rushed ", days(-14), "Courtesy") == TalkingPoint(
        PointRule.FOLLOW_UP_OUTCOME, "Follow-up on Courtesy: partly improved",
        "The follow-up closed on 2 Mar 2026 found it partly improved: still rushed", 4)
    assert follow_up_outcome("not_yet", "  ", days(-14)) == TalkingPoint(
        PointRule.FOLLOW_UP_OUTCOME, "Follow-up: not yet improved",
        "The follow-up closed on 2 Mar 2026 found it not yet improved.", 2)
    assert follow_up_outcome("improved", "better", days(-14)) is None
    assert follow_up_outcome(None, "", days(-14)) is None


def test_a_passed_follow_up_word_for_word_until_it_is_stale() -> None:
    assert follow_up_passed(days(-3), False, days(-20), ON, "Courtesy") == TalkingPoint(
        PointRule.FOLLOW_UP_PASSED, "Follow up feedback on Courtesy",
        "Feedback given on 24 Feb 2026 on Courtesy had a follow-up due 13 Mar 2026 (3 days ago), not marked done.", 3)
    point = follow_up_passed(days(-1), False, days(-20), ON)
    assert point.title == "Follow up feedback" and "(1 day ago)" in point.reason
    assert follow_up_passed(days(-FOLLOW_UP_STALE_DAYS), False, days(-90), ON) is not None
    assert follow_up_passed(days(-FOLLOW_UP_STALE_DAYS - 1), False, days(-90), ON) is None


@pytest.mark.parametrize(("left", "title", "priority"), [
    (0, "Objective due today", 2), (1, "Objective due in 1 day", 2), (14, "Objective due in 14 days", 2)])
def test_objective_due_soon_from_today_to_the_last_day_of_the_window(left: int, title: str, priority: int) -> None:
    point = objective_due_soon("Cut AHT to 5:00", days(left), ON, Band.FAR_BELOW)
    assert point.rule is PointRule.OBJECTIVE_DUE_SOON and point.title == title and point.priority == priority


def test_objective_due_soon_word_for_word_and_past_the_window() -> None:
    assert objective_due_soon("Cut AHT to 5:00", days(9), ON, None) == TalkingPoint(
        PointRule.OBJECTIVE_DUE_SOON, "Objective due in 9 days",
        "“Cut AHT to 5:00” is due in 9 days (25 Mar 2026); it is no band now.", 4)
    assert objective_due_soon("x", days(15), ON, Band.BELOW) is None
    assert objective_due_soon("x", days(3), ON, Band.EXCEEDED).priority == 4


def test_commitments_not_met_or_overdue_word_for_word() -> None:
    assert commitment_not_met(ItemKind.COMMITMENT, "Use the name", ItemStatus.NOT_MET, None, ON) == TalkingPoint(
        PointRule.COMMITMENT_NOT_MET, "Commitment not met", "Commitment “Use the name” was marked not met.", 1)
    assert commitment_not_met(ItemKind.ACTION, "Book a listen", None, days(-2), ON) == TalkingPoint(
        PointRule.COMMITMENT_NOT_MET, "Action overdue",
        "Action “Book a listen” was due 14 Mar 2026 (2 days ago) and is still open.", 1)
    assert commitment_not_met(ItemKind.ACTION, "x", ItemStatus.OPEN, None, ON) is None


def test_labels() -> None:
    assert [r.label for r in PointRule] == ["KPI out of band", "Behaviour rated low", "Follow-up passed",
                                            "Objective due soon", "Commitment not met", "Follow-up not yet improved"]
    assert [s.label for s in DueState] == ["Overdue", "Due", "Upcoming", "None yet"]


def test_a_rhythm_of_zero_days_is_no_rhythm() -> None:
    assert cadence_days(0, 21) == 21 and cadence_days(-7, 0) == 14 and cadence_days(1, 21) == 1


def test_due_on_the_day_is_due_not_overdue() -> None:
    assert due_state(ON, ON) is DueState.DUE


def refusal(call, *args) -> str:
    with pytest.raises(ValidationError) as error:
        call(*args)
    return str(error.value)


def test_record_refusals_word_for_word() -> None:
    assert refusal(check_item, ItemKind.NOTE, " ", True) == (
        "The item: the text is empty; write what was agreed or remove the line.")
    long = "Listen to three calls a week with the team leader and write down what went well " * 2
    assert refusal(check_item, ItemKind.ACTION, f"  {long}", False, 3) == (
        f"Item 3 (action “{long[:60]}”): an action item needs an owner.")
    check_item(ItemKind.ACTION, "Book a listen", True)
    assert refusal(check_next_date, days(-1), ON) == (
        "Next one-to-one date: 15 Mar 2026 is before the session date 16 Mar 2026.")
    check_next_date(None, ON)
    check_next_date(days(-1), None)
    assert refusal(check_can_acknowledge, 1, "x", None, "Amelia", False) == (
        "Acknowledgement: the one-to-one has not been held yet; record it first.")
    assert refusal(check_can_acknowledge, 0, " ", " ", "Amelia", True) == (
        "Acknowledgement: the record is empty (no items, summary or comments); there is nothing to acknowledge.")
    assert refusal(check_can_acknowledge, 1, None, None, "  ", True) == (
        "Acknowledgement: the agent's typed name is required.")
    check_can_acknowledge(0, "Talked it through", None, "Amelia", True)
    check_can_acknowledge(0, None, "Thanks", "Amelia", True)


def test_the_lookback_keeps_the_latest_sessions_by_date_not_the_highest_scores() -> None:
    sessions = [(days(0), 90.0), (days(-28), 90.0), (days(-21), 10.0), (days(-14), 20.0), (days(-7), 90.0)]
    point = behaviour_low("Empathy", sessions)  # the oldest (90) drops out: 10 and 20 are two of the last four
    assert point is not None and "2 of the last 4" in point.reason


def test_of_two_sessions_on_one_day_the_later_given_is_the_more_recent() -> None:
    # the services pass sessions in the order they started; on the oldest day the 95 came first, then the 30:
    # the lookback drops the 95, keeping 30, 90, 90, 40 (two low)
    sessions = [(days(-21), 95.0), (days(-21), 30.0), (days(-14), 90.0), (days(-7), 90.0), (days(0), 40.0)]
    point = behaviour_low("Empathy", sessions)
    assert point is not None and "2 of the last 4" in point.reason and "30 on 23 Feb 2026" in point.reason
