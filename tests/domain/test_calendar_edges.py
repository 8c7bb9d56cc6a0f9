"""Calendar rules on their edges: a zero-length slot, a busy time without a key, a diary in a zone far from UTC,
a later busy time that leaves the morning free, coverage targets at 0 and 31 and with one of the two targets, the
months at the turn of the year, and each refusal's sentence."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from coachdesk.domain.calendar_rules import (
    Busy,
    CoverageState,
    CoverageTarget,
    Diary,
    RhythmAgent,
    WorkingHours,
    add_working_days,
    check_length,
    check_not_past,
    coverage_state,
    first_clash,
    month_bounds,
    propose,
)
from coachdesk.domain.errors import ValidationError

LONDON, LOS_ANGELES = ZoneInfo("Europe/London"), ZoneInfo("America/Los_Angeles")
HOURS = WorkingHours(frozenset(range(5)), time(9), time(17))


def at(day: int, hour: int, minute: int = 0, zone: ZoneInfo = LONDON) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=zone)


@contextmanager
def finishes_within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, when a search never ends (each search here takes milliseconds)."""
    def late(_signum, _frame) -> None:
        raise AssertionError(f"the search did not finish within {seconds} s")
    previous = signal.signal(signal.SIGALRM, late)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        call(*args, **kwargs)
    return str(error.value)


def test_a_slot_of_no_length_is_not_within_working_hours() -> None:
    assert not HOURS.contains(at(7, 10), at(7, 10))
    assert HOURS.contains(at(7, 10), at(7, 10, 1))


def test_working_hours_in_words() -> None:
    assert HOURS.text() == "Mon, Tue, Wed, Thu, Fri 09:00–17:00"
    assert WorkingHours(frozenset({6, 0}), time(8, 30), time(12)).text() == "Mon, Sun 08:30–12:00"
    assert refusal(WorkingHours(frozenset({7}), time(9), time(17)).check) == (
        "Working hours: choose at least one working day, Monday to Sunday.")
    assert refusal(WorkingHours(frozenset({0}), time(9), time(9)).check) == (
        "Working hours: the day must end after it starts (09:00 to 09:00).")


def test_length_and_past_refusals_word_for_word() -> None:
    assert refusal(check_length, 0) == "Length: a session needs a length of at least 1 minute."
    assert refusal(check_length, 481) == "Length: 481 minutes is longer than a working day; at most 480."
    assert refusal(check_not_past, at(7, 7, 59), at(7, 8)) == (
        "The session would start at 7 Dec 2026 07:59, which is in the past; choose a later time.")
    assert refusal(check_not_past, at(7, 7, 59), at(7, 8), "The observation").startswith("The observation would")


def test_a_busy_time_without_a_key_always_clashes() -> None:
    meeting = Busy(at(7, 10), at(7, 11), "Team meeting")
    assert first_clash(at(7, 10, 30), at(7, 11), [meeting]) is meeting
    assert first_clash(at(7, 10, 30), at(7, 11), [meeting], ignore="s1") is meeting


def test_the_diary_keys_busy_times_by_the_leaders_own_day() -> None:
    # 16:00-17:30 in Los Angeles is past midnight in UTC: the busy time must still block that afternoon there
    diary = Diary(LOS_ANGELES, [Busy(at(7, 16, 0, LOS_ANGELES), at(7, 17, 30, LOS_ANGELES), "Training")])
    late = WorkingHours(frozenset(range(5)), time(16), time(18))
    assert diary.first_free(date(2026, 12, 7), late, 30, at(1, 0, 0, LOS_ANGELES)) == at(7, 17, 30, LOS_ANGELES)


def test_a_busy_time_later_in_the_day_leaves_the_morning_free() -> None:
    diary = Diary(LONDON, [Busy(at(7, 12), at(7, 13), "Lunch"), Busy(at(7, 9, 30), at(7, 10), "Stand-up")])
    assert diary.first_free(date(2026, 12, 7), HOURS, 30, at(1, 0)) == at(7, 9)
    assert diary.first_free(date(2026, 12, 7), HOURS, 60, at(1, 0)) == at(7, 10)
    assert diary.first_free(date(2026, 12, 12), HOURS, 30, at(1, 0)) is None  # a Saturday


def test_proposal_weeks_refusal_word_for_word() -> None:
    assert refusal(propose, [], {}, HOURS, LONDON, at(7, 8), weeks=27) == (
        "Weeks: propose between 1 and 26 weeks ahead, not 27.")
    assert propose([], {}, HOURS, LONDON, at(7, 8), weeks=26).proposals == ()


@pytest.mark.parametrize("target", [CoverageTarget(0, 0), CoverageTarget(31, 31), CoverageTarget(2, None),
                                    CoverageTarget(None, 2), CoverageTarget(2, 2)])
def test_coverage_targets_from_zero_to_thirty_one_and_unannounced_up_to_all(target: CoverageTarget) -> None:
    target.check()


@pytest.mark.parametrize(("target", "message"), [
    (CoverageTarget(32, None), "Observations a month: a whole number from 0 to 31, not 32."),
    (CoverageTarget(None, -1), "Unannounced a month: a whole number from 0 to 31, not -1."),
    (CoverageTarget(2, 3), "Unannounced a month cannot be more than observations a month."),
])
def test_coverage_target_refusals_word_for_word(target: CoverageTarget, message: str) -> None:
    assert refusal(target.check) == message


@pytest.mark.parametrize(("target", "done", "un", "day", "state"), [
    (CoverageTarget(2, None), 2, 0, date(2026, 11, 5), CoverageState.MET),  # no unannounced target
    (CoverageTarget(None, 1), 0, 1, date(2026, 11, 5), CoverageState.MET),  # only an unannounced target
    (CoverageTarget(2, 1), 2, 0, date(2026, 11, 5), CoverageState.DUE),  # enough done, the unannounced one not yet
    (CoverageTarget(2, 1), 2, 0, date(2026, 11, 30), CoverageState.BEHIND),  # ... and the month is over
    (CoverageTarget(31, 0), 30, 0, date(2026, 12, 31), CoverageState.BEHIND),  # December has 31 days
    (CoverageTarget(31, 0), 30, 0, date(2026, 12, 30), CoverageState.DUE),
    (CoverageTarget(31, 0), 30, 0, date(2027, 1, 30), CoverageState.DUE),
    (CoverageTarget(28, 0), 27, 0, date(2027, 2, 28), CoverageState.BEHIND),  # February has 28
])
def test_coverage_state_with_one_target_and_at_the_ends_of_months(target: CoverageTarget, done: int, un: int,
                                                                  day: date, state: CoverageState) -> None:
    assert coverage_state(target, done, un, 0, 0, day) is state


def test_planned_must_close_both_gaps() -> None:
    assert coverage_state(CoverageTarget(2, 1), 1, 0, 1, 0, date(2026, 11, 5)) is CoverageState.DUE
    assert coverage_state(CoverageTarget(2, 1), 1, 0, 1, 1, date(2026, 11, 5)) is CoverageState.PLANNED


@pytest.mark.parametrize(("day", "bounds"), [
    (date(2026, 11, 15), (date(2026, 11, 1), date(2026, 12, 1))),
    (date(2026, 12, 31), (date(2026, 12, 1), date(2027, 1, 1))),
    (date(2027, 1, 1), (date(2027, 1, 1), date(2027, 2, 1))),
])
def test_month_bounds_across_the_turn_of_the_year(day: date, bounds: tuple[date, date]) -> None:
    assert month_bounds(day) == bounds


def test_working_days_need_a_working_day() -> None:
    assert refusal(add_working_days, date(2026, 12, 11), 1, frozenset()) == (
        "Working hours: choose at least one working day, Monday to Sunday.")
    assert add_working_days(date(2026, 12, 11), 1, frozenset({5})) == date(2026, 12, 12)


def test_utc_busy_times_fall_on_the_leaders_day() -> None:
    diary = Diary(LONDON, [Busy(datetime(2026, 12, 7, 9, 0, tzinfo=UTC), datetime(2026, 12, 7, 17, 0, tzinfo=UTC), "x")])
    assert diary.first_free(date(2026, 12, 7), HOURS, 30, at(1, 0)) is None


ALL_WEEK = WorkingHours(frozenset(range(7)), time(9), time(17))


def test_a_slot_may_start_exactly_at_not_before() -> None:
    with finishes_within(2):
        assert Diary(LONDON).first_free(date(2026, 12, 7), HOURS, 30, at(7, 9, 15)) == at(7, 9, 15)


def test_proposals_follow_the_leaders_day_far_from_utc() -> None:
    # 16:30 on Monday 7th in Los Angeles is already Tuesday in UTC: today, the slot's day and the next due day are
    # all read in the leader's zone
    late = WorkingHours(frozenset(range(5)), time(9), time(18))
    agent = RhythmAgent("a", "Ann", "lead", 7, None)
    result = propose([agent], {}, late, LOS_ANGELES, at(7, 16, 30, LOS_ANGELES), weeks=2)
    assert [p.start for p in result.proposals] == [at(7, 16, 30, LOS_ANGELES), at(14, 9, 0, LOS_ANGELES)]
    assert (result.proposals[0].agent_name, result.proposals[0].leader_key) == ("Ann", "lead")
    booked = RhythmAgent("b", "Bob", "lead", 14, date(2026, 12, 7), booked=(at(7, 17, 0, LOS_ANGELES),))
    result = propose([booked], {}, late, LOS_ANGELES, at(7, 8, 0, LOS_ANGELES), weeks=3)
    assert [p.start for p in result.proposals] == [at(21, 9, 0, LOS_ANGELES)]


@pytest.mark.parametrize(("booked_day", "first"), [
    (9, 23),  # two days after the due day: covers it; the next is a fortnight after the booked one
    (13, 27),  # six days after (less than half the rhythm): still covers it
    (14, 7),  # exactly half the rhythm away: does not cover the due day
    (17, 7),  # ten days away: does not
])
def test_a_booked_session_covers_a_due_day_within_half_the_rhythm(booked_day: int, first: int) -> None:
    agent = RhythmAgent("a", "Ann", "lead", 14, date(2026, 12, 7), booked=(at(booked_day, 10),))
    with finishes_within(2):
        result = propose([agent], {}, ALL_WEEK, LONDON, at(7, 8), weeks=4)
    assert result.proposals[0].start.date() == date(2026, 12, first) and result.no_room == ()


def test_a_daily_rhythm_and_a_rhythm_of_zero_propose_every_day() -> None:
    for cadence in (1, 0):
        result = propose([RhythmAgent("a", "Ann", "lead", cadence, None)], {}, ALL_WEEK, LONDON, at(7, 8), weeks=1)
        assert [p.start.date().day for p in result.proposals] == list(range(7, 14))


@pytest.mark.parametrize(("busy_days", "found"), [(7, date(2026, 12, 14)), (8, None)])
def test_a_full_diary_is_searched_seven_days_past_the_due_day(busy_days: int, found: date | None) -> None:
    busy = {"lead": [Busy(at(7 + n, 9), at(7 + n, 17), "Leave") for n in range(busy_days)]}
    agent = RhythmAgent("a", "Ann", "lead", 28, None)
    result = propose([agent], busy, ALL_WEEK, LONDON, at(7, 8), weeks=3)
    assert [p.start.date() for p in result.proposals] == ([found] if found else [])
    assert result.no_room == (() if found else (("Ann", date(2026, 12, 7)),))
