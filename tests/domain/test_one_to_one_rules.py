"""Talking-point rules and cadence on constructed histories: each fires with its reason, or stays silent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coachdesk.domain.enums import ItemKind, ItemStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.objectives import Band
from coachdesk.domain.one_to_one_rules import (
    DueState,
    PointRule,
    behaviour_low,
    cadence_days,
    check_can_acknowledge,
    check_item,
    check_next_date,
    commitment_not_met,
    due_state,
    follow_up_passed,
    kpi_out_of_band,
    next_due,
    objective_due_soon,
    ordered,
)

ON = date(2026, 3, 16)


def test_kpi_out_of_band_fires_only_when_it_slips_below_target() -> None:
    point = kpi_out_of_band("AHT", Band.ON_TARGET, Band.BELOW, "5:40", "5:00")
    assert point is not None and point.rule is PointRule.KPI_OUT_OF_BAND
    assert "5:40" in point.reason and "below" in point.reason and "on target" in point.reason
    assert kpi_out_of_band("AHT", Band.EXCEEDED, Band.ON_TARGET, "5:00", "5:00") is None  # still on target
    assert kpi_out_of_band("AHT", Band.BELOW, Band.BELOW, "5:40", "5:00") is None  # no move
    assert kpi_out_of_band("AHT", Band.BELOW, Band.ON_TARGET, "5:00", "5:00") is None  # improved
    assert kpi_out_of_band("AHT", None, Band.FAR_BELOW, "7:00", "5:00") is None  # nothing to compare
    assert kpi_out_of_band("AHT", Band.BELOW, Band.FAR_BELOW, "7:00", "5:00").priority == 1


def test_behaviour_low_needs_several_low_sessions_among_the_recent_ones() -> None:
    d = [ON - timedelta(days=7 * n) for n in range(6)]
    assert behaviour_low("Empathy", [(d[0], 40.0), (d[1], 80.0), (d[2], 90.0)]) is None  # once is not a pattern
    point = behaviour_low("Empathy", [(d[0], 40.0), (d[1], 80.0), (d[2], 33.0)])
    assert point is not None and "2 of the last 3" in point.reason and "40" in point.reason
    # only the last four sessions count: two old low ones do not fire
    old = [(d[4], 10.0), (d[5], 10.0)] + [(d[n], 90.0) for n in range(4)]
    assert behaviour_low("Empathy", old) is None


def test_follow_up_passed_when_due_and_not_done_but_not_stale() -> None:
    given = ON - timedelta(days=20)
    point = follow_up_passed(ON - timedelta(days=3), False, given, ON, "Courtesy")
    assert point is not None and "3 days ago" in point.reason and "Courtesy" in point.reason
    assert follow_up_passed(ON - timedelta(days=3), True, given, ON) is None
    assert follow_up_passed(ON, False, given, ON) is None  # due today: not passed yet
    assert follow_up_passed(ON - timedelta(days=200), False, given, ON) is None
    assert follow_up_passed(None, False, given, ON) is None


def test_objective_due_soon_within_the_window_and_open() -> None:
    point = objective_due_soon("Cut AHT to 5:00", ON + timedelta(days=9), ON, Band.BELOW)
    assert point is not None and "in 9 days" in point.reason and "below" in point.reason
    assert point.priority < objective_due_soon("x", ON + timedelta(days=9), ON, Band.ON_TARGET).priority
    assert objective_due_soon("x", ON + timedelta(days=40), ON, None) is None
    assert objective_due_soon("x", ON - timedelta(days=1), ON, None) is None
    assert objective_due_soon("x", ON + timedelta(days=2), ON, None, open_=False) is None


def test_commitment_not_met_and_overdue_actions() -> None:
    point = commitment_not_met(ItemKind.COMMITMENT, "Use the name", ItemStatus.NOT_MET, None, ON)
    assert point is not None and "not met" in point.reason
    overdue = commitment_not_met(ItemKind.ACTION, "Book a listen", ItemStatus.OPEN, ON - timedelta(days=1), ON)
    assert overdue is not None and "1 day ago" in overdue.reason
    assert commitment_not_met(ItemKind.ACTION, "x", ItemStatus.OPEN, ON, ON) is None
    assert commitment_not_met(ItemKind.ACTION, "x", ItemStatus.DONE, ON - timedelta(days=5), ON) is None
    assert commitment_not_met(ItemKind.NOTE, "x", ItemStatus.NOT_MET, None, ON) is None


def test_ordered_drops_silent_rules_and_puts_pressing_first() -> None:
    points = ordered([None, objective_due_soon("x", ON + timedelta(days=3), ON, Band.ON_TARGET),
                      commitment_not_met(ItemKind.COMMITMENT, "y", ItemStatus.NOT_MET, None, ON)])
    assert [p.rule for p in points] == [PointRule.COMMITMENT_NOT_MET, PointRule.OBJECTIVE_DUE_SOON]


def test_cadence_and_due_states() -> None:
    assert cadence_days(7, 21) == 7 and cadence_days(None, 21) == 21 and cadence_days(None, None) == 14
    assert next_due(ON, None, 14) == ON + timedelta(days=14)
    assert next_due(ON, ON + timedelta(days=3), 14) == ON + timedelta(days=3)
    assert next_due(None, None, 14) is None
    assert due_state(ON - timedelta(days=1), ON) is DueState.OVERDUE
    assert due_state(ON + timedelta(days=3), ON) is DueState.DUE
    assert due_state(ON + timedelta(days=4), ON) is DueState.UPCOMING
    assert due_state(None, ON) is DueState.NEVER


def test_record_checks_name_the_field() -> None:
    with pytest.raises(ValidationError, match="needs an owner"):
        check_item(ItemKind.ACTION, "Listen to three calls", False, 2)
    with pytest.raises(ValidationError, match="Item 1: the text is empty"):
        check_item(ItemKind.NOTE, "  ", True, 1)
    check_item(ItemKind.COMMITMENT, "I will", False)  # a commitment is the agent's own
    with pytest.raises(ValidationError, match="before the session date"):
        check_next_date(ON - timedelta(days=1), ON)
    check_next_date(ON, ON)
    with pytest.raises(ValidationError, match="empty"):
        check_can_acknowledge(0, "", None, "Amelia", True)
    with pytest.raises(ValidationError, match="typed name"):
        check_can_acknowledge(1, "", None, " ", True)
    with pytest.raises(ValidationError, match="not been held"):
        check_can_acknowledge(1, "x", None, "Amelia", False)
