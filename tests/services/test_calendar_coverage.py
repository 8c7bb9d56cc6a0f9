"""Observation coverage: targets per team, who is behind or due this month, planned observations on the calendar
(clashes with the coach's one-to-ones refused, nothing saved), and what counts as done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coachdesk.domain.enums import ObservationMode, SessionStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.services import calendar
from tests.services.calendar_helpers import LONDON, NOW, seed_crew, snapshot

# 16 March 2030: past the middle of the month, so a target of 2 expects 1 done by now
MID = datetime(2030, 3, 16, 8, 0, tzinfo=LONDON)


def _observed(db, agent_uuid: str, at: datetime, announced: bool = True,  # noqa: ANN001
              status: SessionStatus = SessionStatus.COMPLETED) -> None:
    from sqlalchemy import select

    from coachdesk.storage.models import ObservationSession, Person

    with db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == agent_uuid))
        s.add(ObservationSession(agent_id=pid, mode=ObservationMode.SIDE_BY_SIDE, announced=announced,
                                 started_at=at.astimezone(UTC), status=status))


def test_who_is_behind_due_planned_or_met(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=4)
    a, b, c, d = crew.agents
    assert {r.state for r in calendar.coverage(db, [crew.team], MID)} == {calendar.CoverageState.NO_TARGET}
    calendar.set_target(db, crew.team, calendar.CoverageTarget(2, 1))
    _observed(db, a, datetime(2030, 3, 2, 10, tzinfo=LONDON))
    _observed(db, a, datetime(2030, 3, 9, 10, tzinfo=LONDON), announced=False)      # a: met
    _observed(db, b, datetime(2030, 3, 3, 10, tzinfo=LONDON))                        # b: 1 done, unannounced due
    _observed(db, c, datetime(2030, 2, 27, 10, tzinfo=LONDON))                       # c: last month only: behind
    _observed(db, c, datetime(2030, 3, 5, 10, tzinfo=LONDON), status=SessionStatus.ABANDONED)
    calendar.plan_observation(db, d, datetime(2030, 3, 20, 11, tzinfo=LONDON), 45, announced=False, now=MID)
    calendar.plan_observation(db, d, datetime(2030, 3, 27, 11, tzinfo=LONDON), 45, now=MID)  # d: planned
    rows = {r.agent_uuid: r for r in calendar.coverage(db, [crew.team], MID)}
    assert rows[a].state is calendar.CoverageState.MET and rows[a].done == 2 and rows[a].done_unannounced == 1
    # b: 1 done >= 2 * 16 // 31 = 1 expected by the 16th, unannounced 0 >= 1 * 16 // 31 = 0: due, not behind
    assert rows[b].state is calendar.CoverageState.DUE
    assert rows[c].state is calendar.CoverageState.BEHIND and rows[c].done == 0
    assert rows[c].last_observed == datetime(2030, 2, 27).date()  # an abandoned session is no observation
    assert rows[d].state is calendar.CoverageState.PLANNED and rows[d].planned == 2
    due = [r.agent_uuid for r in calendar.due_observations(db, [crew.team], MID)]
    assert set(due) == {b, c, crew.leaver}
    assert due == [crew.leaver, c, b]  # behind first, never observed before observed long ago; then due
    # planned observations show on the calendar
    shown = calendar.entries(db, MID.date(), MID.date() + timedelta(days=14), [crew.team])
    obs = [e for e in shown if e.kind is calendar.EntryKind.OBSERVATION]
    assert [e.title for e in obs] == ["Unannounced observation: Agent03 Smith", "Observation: Agent03 Smith"]


def test_planning_refuses_clashes_past_and_leavers(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=2)
    (first,) = calendar.accept(db, calendar.propose_next(db, crew.team, weeks=1, now=NOW).sessions[:1], now=NOW)
    before = snapshot(db)
    start = datetime(2030, 3, 4, 9, 15, tzinfo=LONDON)  # the one-to-one runs 09:00-09:30
    with pytest.raises(ValidationError, match="clashes with the one-to-one"):
        calendar.plan_observation(db, crew.agents[1], start, 30, coach_uuid=crew.leader, now=NOW)
    with pytest.raises(ValidationError, match="in the past"):
        calendar.plan_observation(db, crew.agents[1], NOW - timedelta(days=1), 30, now=NOW)
    with pytest.raises(ValidationError, match="Lenny Gone left"):
        calendar.plan_observation(db, crew.leaver, datetime(2030, 3, 11, 10, tzinfo=LONDON), 30, now=NOW)
    with pytest.raises(ValidationError, match="0 to 31"):
        calendar.set_target(db, crew.team, calendar.CoverageTarget(40, None))
    assert snapshot(db) == before
    ok = calendar.plan_observation(db, crew.agents[1], start + timedelta(minutes=15), 30, coach_uuid=crew.leader,
                                   now=NOW)
    assert calendar.move_observation(db, ok, start + timedelta(hours=2), 30, now=NOW) == 1
    calendar.drop_observation(db, ok)
    assert first


def test_starting_an_observation_carries_out_the_plan(db) -> None:  # noqa: ANN001
    from coachdesk.services import observation

    crew = seed_crew(db, agents=1)
    planned_at = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    plan = calendar.plan_observation(db, crew.agents[0], planned_at, 30)
    later = calendar.plan_observation(db, crew.agents[0], planned_at + timedelta(days=2), 30)
    observation.start_session(db, crew.agents[0], at=planned_at - timedelta(minutes=20))
    left = {e.uuid for e in calendar.entries(db, planned_at.date() - timedelta(days=1),
                                             planned_at.date() + timedelta(days=4))
            if e.kind is calendar.EntryKind.OBSERVATION}
    assert left == {later} and plan not in left
