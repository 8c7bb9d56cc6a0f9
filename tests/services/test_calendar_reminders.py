"""Reminders on a clock the test controls: a set time before a one-to-one, overdue follow-ups and actions, records
not acknowledged within N working days; shown once, snoozed, dismissed, and still so after a restart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from coachdesk.domain.enums import ItemKind, OneToOneType, ReminderState
from coachdesk.services import calendar
from coachdesk.services import one_to_ones as oto
from coachdesk.services.one_to_ones import ItemInput
from coachdesk.storage.database import Database
from tests.services.calendar_helpers import LONDON, NOW, seed_crew


def _one_session(db, crew) -> tuple[str, datetime]:  # noqa: ANN001
    proposal = calendar.propose_next(db, crew.team, weeks=1, now=NOW)
    start = datetime(2030, 3, 5, 10, 0, tzinfo=LONDON)
    (uuid,) = calendar.accept(db, [replace(proposal.sessions[0], start=start)], now=NOW)
    return uuid, start


def _keys(reminders) -> list[str]:  # noqa: ANN001
    return [r.key for r in reminders]


def test_a_set_time_before_once_then_snooze_dismiss_and_restart(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=1)
    uuid, start = _one_session(db, crew)  # reminders 15 minutes before (the default)
    assert calendar.due_now(db, start - timedelta(minutes=15, seconds=1)) == []
    (first,) = calendar.due_now(db, start - timedelta(minutes=15))
    assert first.kind == "one_to_one" and first.record_uuid == uuid and "10:00" in first.title
    calendar.mark_shown(db, [first.key], start - timedelta(minutes=15), crew.leader)
    assert calendar.due_now(db, start - timedelta(minutes=10)) == []  # never twice
    reopened = Database(db.url)  # a restart: a new engine on the same database
    assert calendar.due_now(reopened, start - timedelta(minutes=5)) == []
    assert [r.state for r in calendar.reminder_list(reopened, start - timedelta(minutes=5))] == [ReminderState.SHOWN]
    reopened.dispose()
    until = calendar.snooze(db, first.key, start - timedelta(minutes=10), 5)
    assert calendar.due_now(db, until - timedelta(seconds=1)) == []
    assert _keys(calendar.due_now(db, until)) == [first.key]
    calendar.dismiss(db, first.key, until)
    assert calendar.due_now(db, until + timedelta(minutes=1)) == []
    assert calendar.reminder_list(db, until + timedelta(minutes=1)) == []
    # after the session ended there is nothing to remind of
    assert calendar.reminder_list(db, start + timedelta(minutes=30)) == []
    # moving it makes a new reminder (a new time, a new thing to be told)
    calendar.reschedule(db, uuid, start + timedelta(days=1), 30, now=NOW)
    assert len(calendar.due_now(db, start + timedelta(days=1, minutes=-10))) == 1


def test_overdue_actions_and_unacknowledged_records(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=1)
    agent = crew.agents[0]
    held = date(2025, 3, 7)  # a Friday (a held session must be in the past)
    rec = oto.open_next(db, agent, coach_uuid=crew.leader, on=held)
    oto.save_session(db, rec.uuid, kind=OneToOneType.REVIEW, day=held, held=True, summary="Talked.",
                     items=[ItemInput(ItemKind.ACTION, "Listen to three calls.", owner_uuid=agent,
                                      due_date=date(2025, 3, 12))])
    at = lambda d, h=9: datetime(2025, 3, d, h, tzinfo=LONDON)  # noqa: E731
    assert [r.kind for r in calendar.due_now(db, at(12))] == []
    assert [r.kind for r in calendar.due_now(db, at(13))] == ["action"]
    # five working days after Friday 7 March is Friday 14 March: reminded from Monday 17th (the weekend skipped)
    assert "acknowledgement" not in [r.kind for r in calendar.due_now(db, at(16, 12))]
    assert "acknowledgement" in [r.kind for r in calendar.due_now(db, at(17))]
    oto.acknowledge(db, rec.uuid, "Agent00 Smith", at=at(17, 10).astimezone(UTC))
    assert "acknowledgement" not in [r.kind for r in calendar.due_now(db, at(17, 11))]
