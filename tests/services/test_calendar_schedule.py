"""Scheduling one-to-ones from the rhythm: the proposal, accepting it all or nothing, moving and cancelling, and
every bad input (past, clash, leaver, zero length, unknown time zone) refused in one sentence with nothing saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from coachdesk.domain.errors import ValidationError
from coachdesk.services import calendar
from tests.services.calendar_helpers import LONDON, NOW, seed_crew, snapshot


def test_four_weeks_for_a_team_in_one_step(db) -> None:  # noqa: ANN001
    crew = seed_crew(db)
    proposal = calendar.propose_next(db, "billing", weeks=4, now=NOW)
    # six agents and the leaver (still here this week), fortnightly, never held: twice each in four weeks
    by_agent: dict[str, list] = {}
    for s in proposal.sessions:
        by_agent.setdefault(s.agent_uuid, []).append(s)
    assert set(by_agent) == {*crew.agents, crew.leaver}
    assert all(len(v) == 2 for k, v in by_agent.items() if k != crew.leaver)
    assert all(s.leader_uuid == crew.leader for s in proposal.sessions)
    hours = proposal.hours
    for s in proposal.sessions:
        assert hours.contains(s.start.astimezone(LONDON), s.end.astimezone(LONDON)) and s.start >= NOW
    starts = sorted(s.start for s in proposal.sessions)
    assert all(a + timedelta(minutes=30) <= b for a, b in zip(starts, starts[1:], strict=False))

    keep = [s for s in proposal.sessions if s.agent_uuid != crew.leaver or s.start < datetime(2030, 3, 8,
                                                                                            tzinfo=LONDON)]
    uuids = calendar.accept(db, keep, now=NOW, actor_uuid=crew.leader)
    assert len(uuids) == len(keep)
    shown = calendar.entries(db, NOW.date(), NOW.date() + timedelta(weeks=4), [crew.team])
    timed = [e for e in shown if e.kind is calendar.EntryKind.ONE_TO_ONE]
    assert len(timed) == len(keep) and not any(e.clash or e.out_of_hours for e in timed)
    # proposing again adds nothing for what is now booked
    again = calendar.propose_next(db, "Billing", weeks=4, now=NOW)
    assert again.sessions == ()


def test_a_bad_session_refuses_the_whole_acceptance(db) -> None:  # noqa: ANN001
    crew = seed_crew(db)
    proposal = calendar.propose_next(db, crew.team, weeks=2, now=NOW)
    before = snapshot(db)
    first = proposal.sessions[0]
    cases = {
        "in the past": replace(first, start=NOW - timedelta(hours=1)),
        "at least 1 minute": replace(first, minutes=0),
        "clashes": replace(proposal.sessions[1], start=first.start + timedelta(minutes=10)),
    }
    for words, bad in cases.items():
        with pytest.raises(ValidationError, match=words):
            calendar.accept(db, [*proposal.sessions[:1], bad] if words == "clashes" else [*proposal.sessions, bad],
                            now=NOW)
        assert snapshot(db) == before, words
    late = replace(first, agent_uuid=crew.leaver, agent_name="Lenny Gone", start=datetime(2030, 3, 11, 10,
                                                                                           tzinfo=LONDON))
    with pytest.raises(ValidationError, match="Lenny Gone left on 08 Mar 2030"):
        calendar.accept(db, [late], now=NOW)
    assert snapshot(db) == before


def test_move_and_cancel_raise_the_sequence_and_refuse_clashes(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=2)
    proposal = calendar.propose_next(db, crew.team, weeks=1, now=NOW)
    a, b = calendar.accept(db, proposal.sessions[:2], now=NOW)
    new_start = datetime(2030, 3, 5, 14, 0, tzinfo=LONDON)
    assert calendar.reschedule(db, a, new_start, 45, now=NOW) == 1
    assert calendar.reschedule(db, a, new_start + timedelta(hours=1), 45, now=NOW) == 2
    before = snapshot(db)
    with pytest.raises(ValidationError, match="clashes with the one-to-one with Agent"):
        calendar.reschedule(db, b, new_start + timedelta(hours=1, minutes=44), 30, now=NOW)
    with pytest.raises(ValidationError, match="in the past"):
        calendar.reschedule(db, b, NOW - timedelta(minutes=1), 30, now=NOW)
    with pytest.raises(ValidationError, match="at least 1 minute"):
        calendar.reschedule(db, b, new_start, 0, now=NOW)
    assert snapshot(db) == before
    # ending exactly when the other starts is no clash
    assert calendar.reschedule(db, b, new_start + timedelta(minutes=30), 30, now=NOW) == 1
    assert calendar.cancel(db, a, now=NOW) == 3
    with pytest.raises(ValidationError, match="nothing to cancel"):
        calendar.cancel(db, a, now=NOW)


def test_unknown_time_zone_is_one_sentence_and_not_saved(db) -> None:  # noqa: ANN001
    seed_crew(db)
    before = calendar.calendar_settings(db)
    with pytest.raises(ValidationError, match="Time zone 'Mars/Olympus' is unknown"):
        calendar.save_calendar_settings(db, replace(before, time_zone="Mars/Olympus"))
    assert calendar.calendar_settings(db) == before
    assert calendar.zone("America/New_York").key == "America/New_York"


def test_preparing_opens_the_earliest_scheduled_session(db) -> None:  # noqa: ANN001
    from coachdesk.services import one_to_ones as one_to_one

    crew = seed_crew(db, agents=1)
    proposal = calendar.propose_next(db, crew.team, weeks=4, now=NOW)
    mine = [s for s in proposal.sessions if s.agent_uuid == crew.agents[0]]
    first, second = calendar.accept(db, mine, now=NOW)
    assert one_to_one.open_next(db, crew.agents[0], on=NOW.date()).uuid == first
    assert mine[0].start < mine[1].start and second != first
