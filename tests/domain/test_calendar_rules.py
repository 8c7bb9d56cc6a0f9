"""Calendar rules: working hours, clashes at their edges, the rhythm proposal, coverage states at their boundaries."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from coachdesk.domain.calendar_rules import (
    Busy,
    CoverageState,
    CoverageTarget,
    RhythmAgent,
    WorkingHours,
    check_length,
    check_not_past,
    coverage_state,
    first_clash,
    overlaps,
    propose,
)
from coachdesk.domain.errors import ValidationError

LONDON = ZoneInfo("Europe/London")
HOURS = WorkingHours(frozenset(range(5)), time(9), time(17))
# Monday 7 December 2026, 08:00 in London
NOW = datetime(2026, 12, 7, 8, 0, tzinfo=LONDON)


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def test_overlap_is_half_open() -> None:
    assert not overlaps(at(7, 9), at(7, 10), at(7, 10), at(7, 11))
    assert overlaps(at(7, 9), at(7, 10, 1), at(7, 10), at(7, 11))
    busy = [Busy(at(7, 10), at(7, 11), "Ann", "a")]
    assert first_clash(at(7, 10, 30), at(7, 11), busy).label == "Ann"
    assert first_clash(at(7, 10, 30), at(7, 11), busy, ignore="a") is None


def test_working_hours_edges() -> None:
    assert HOURS.contains(at(7, 9), at(7, 17))
    assert not HOURS.contains(at(7, 8, 59), at(7, 9, 30))
    assert not HOURS.contains(at(7, 16, 45), at(7, 17, 15))
    assert not HOURS.contains(at(12, 10), at(12, 11))  # a Saturday
    with pytest.raises(ValidationError, match="end after it starts"):
        WorkingHours(frozenset({0}), time(17), time(9)).check()
    with pytest.raises(ValidationError, match="at least one working day"):
        WorkingHours(frozenset(), time(9), time(17)).check()


def test_length_and_past_are_refused_in_one_sentence() -> None:
    assert check_length(1) == 1 and check_length(480) == 480
    for bad in (0, -5, None, 481):
        with pytest.raises(ValidationError):
            check_length(bad)
    check_not_past(NOW, NOW)
    with pytest.raises(ValidationError, match="in the past"):
        check_not_past(NOW - timedelta(minutes=1), NOW)


def test_proposal_follows_the_rhythm_within_hours_without_clashes() -> None:
    agents = [RhythmAgent(f"a{i}", f"Agent {i}", "lead", 14, date(2026, 12, 7)) for i in range(20)]
    busy = {"lead": [Busy(at(7, 9), at(7, 12), "Team meeting")]}
    result = propose(agents, busy, HOURS, LONDON, NOW, weeks=4, minutes=30)
    starts = sorted(p.start for p in result.proposals)
    # each agent twice in four weeks, fortnightly
    assert len(result.proposals) == 40 and not result.no_room
    for key in {p.agent_key for p in result.proposals}:
        mine = sorted(p.start for p in result.proposals if p.agent_key == key)
        assert len(mine) == 2 and (mine[1].date() - mine[0].date()).days >= 14
    for p in result.proposals:
        assert HOURS.contains(p.start.astimezone(LONDON), p.end.astimezone(LONDON))
        assert not overlaps(p.start, p.end, at(7, 9), at(7, 12))
    for a, b in zip(starts, starts[1:], strict=False):
        assert a + timedelta(minutes=30) <= b
    assert starts[0] == at(7, 12)  # the first free slot after the meeting


def test_proposal_keeps_booked_sessions_and_never_proposes_in_the_past() -> None:
    booked = (at(9, 10),)
    agents = [RhythmAgent("a", "Ann", "lead", 14, date(2026, 12, 1), booked=booked),
              RhythmAgent("b", "Bob", "lead", 7, None, draft_key="d1")]
    now = at(7, 16, 40)
    result = propose(agents, {}, HOURS, LONDON, now, weeks=2, minutes=20)
    ann = [p for p in result.proposals if p.agent_key == "a"]
    bob = [p for p in result.proposals if p.agent_key == "b"]
    assert ann == []  # Ann's session on the 9th covers her due day; the next falls on the 23rd, past two weeks
    assert bob[0].start == at(8, 9) and bob[0].draft_key == "d1" and bob[1].draft_key is None
    assert all(p.start >= now for p in result.proposals)


def test_proposal_says_who_found_no_room() -> None:
    tight = WorkingHours(frozenset({0}), time(9), time(10))
    agents = [RhythmAgent(f"a{i}", f"Agent {i}", "lead", 28, None) for i in range(3)]
    result = propose(agents, {}, tight, LONDON, NOW, weeks=1, minutes=30)
    assert len(result.proposals) == 2 and len(result.no_room) == 1
    with pytest.raises(ValidationError, match="between 1 and 26"):
        propose(agents, {}, tight, LONDON, NOW, weeks=0)


@pytest.mark.parametrize(("done", "un", "planned", "pun", "day", "state"), [
    (2, 1, 0, 0, 1, CoverageState.MET),
    (2, 0, 0, 1, 1, CoverageState.PLANNED),
    (1, 1, 1, 0, 1, CoverageState.PLANNED),
    (0, 0, 0, 0, 14, CoverageState.DUE),      # 2 * 14 // 30 = 0 expected by the 14th
    (0, 0, 0, 0, 15, CoverageState.BEHIND),   # 2 * 15 // 30 = 1 expected by the 15th
    (1, 0, 0, 0, 29, CoverageState.DUE),      # unannounced 1 * 29 // 30 = 0
    (1, 0, 0, 0, 30, CoverageState.BEHIND),
])
def test_coverage_state_boundaries(done: int, un: int, planned: int, pun: int, day: int,
                                   state: CoverageState) -> None:
    target = CoverageTarget(2, 1)
    assert coverage_state(target, done, un, planned, pun, date(2026, 11, day)) is state


def test_no_target_and_bad_targets() -> None:
    assert coverage_state(CoverageTarget(), 0, 0, 0, 0, date(2026, 11, 30)) is CoverageState.NO_TARGET
    with pytest.raises(ValidationError, match="cannot be more"):
        CoverageTarget(1, 2).check()
    with pytest.raises(ValidationError, match="0 to 31"):
        CoverageTarget(-1, None).check()


def test_utc_and_local_days_agree_in_the_diary() -> None:
    # 23:30 UTC on the 7th is the 7th in London in winter: the diary keys by local day
    agents = [RhythmAgent("a", "Ann", "lead", 14, None)]
    busy = {"lead": [Busy(datetime(2026, 12, 8, 9, 0, tzinfo=UTC), datetime(2026, 12, 8, 17, 0, tzinfo=UTC), "x")]}
    result = propose(agents, busy, HOURS, LONDON, at(7, 17), weeks=1)
    assert result.proposals[0].start == at(9, 9)


def test_nothing_is_proposed_after_an_agent_leaves() -> None:
    agents = [RhythmAgent("a", "Ann", "lead", 7, None, until=date(2026, 12, 14)),
              RhythmAgent("b", "Bob", "lead", 7, None, until=date(2026, 12, 13))]
    result = propose(agents, {}, HOURS, LONDON, NOW, weeks=4)
    assert [p.start.date() for p in result.proposals if p.agent_key == "a"] == [date(2026, 12, 7), date(2026, 12, 14)]
    assert [p.start.date() for p in result.proposals if p.agent_key == "b"] == [date(2026, 12, 7)]


def test_working_days_skip_the_weekend() -> None:
    from coachdesk.domain.calendar_rules import add_working_days

    friday = date(2026, 12, 11)
    assert add_working_days(friday, 1, HOURS.days) == date(2026, 12, 14)
    assert add_working_days(friday, 5, HOURS.days) == date(2026, 12, 18)
    assert add_working_days(friday, 0, HOURS.days) == friday
