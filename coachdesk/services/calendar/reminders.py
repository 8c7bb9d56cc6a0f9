"""Reminders while CoachDesk runs: a one-to-one starting soon, follow-ups and actions overdue, records not
acknowledged within N working days. Each is keyed by what it is about and when it fell due; what became of it
(shown, snoozed, dismissed) is kept in the database, so nothing reminds twice, also across restarts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from coachdesk.domain import date_words
from coachdesk.domain.calendar_rules import add_working_days
from coachdesk.domain.enums import ItemStatus, OneToOneStatus, ReminderState
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.one_to_one_rules import CARRIED_KINDS
from coachdesk.services.calendar.entry_list import scope_people
from coachdesk.services.calendar.settings import CalendarSettings, calendar_settings
from coachdesk.storage.database import Database
from coachdesk.storage.models import Feedback, OneToOne, OneToOneItem, Person, ReminderRecord

KINDS = ("one_to_one", "follow_up", "action", "acknowledgement")
#: overdue items older than this are history, not reminders
STALE_DAYS = 60


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str
    title: str
    detail: str
    agent_uuid: str
    record_uuid: str
    due_at: datetime
    #: None = not shown yet; else what became of it
    state: ReminderState | None = None
    snoozed_until: datetime | None = None


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def candidates(db: Database, now: datetime, team_uuids: Iterable[str] | None = None,
               settings: CalendarSettings | None = None) -> list[Reminder]:
    """Everything that deserves a reminder at ``now``, with the state it has in the database."""
    settings = settings or calendar_settings(db)
    zone = settings.zone
    today = now.astimezone(zone).date()
    people = scope_people(db, team_uuids, today)
    ids = list(people)
    lead = timedelta(minutes=settings.remind_minutes)
    out: list[Reminder] = []
    if not ids:
        return out
    with db.session() as session:
        for uuid, aid, at, minutes in session.execute(
                select(OneToOne.uuid, OneToOne.agent_id, OneToOne.scheduled_for, OneToOne.duration_minutes)
                .where(OneToOne.agent_id.in_(ids), OneToOne.held_at.is_(None),
                       OneToOne.status == OneToOneStatus.DRAFT, OneToOne.duration_minutes.is_not(None),
                       OneToOne.scheduled_for <= now + lead, OneToOne.scheduled_for > now - timedelta(hours=8))):
            start = _aware(at)
            if now >= start + timedelta(minutes=minutes):
                continue
            name = people[aid][1]
            out.append(Reminder(f"one_to_one:{uuid}:{start.isoformat()}", "one_to_one",
                                f"One-to-one with {name} at {start.astimezone(zone):%H:%M}",
                                "Prepare it now: the talking points and open actions are ready.", people[aid][0],
                                uuid, start - lead))
        for uuid, aid, day, topic in session.execute(
                select(Feedback.uuid, Feedback.agent_id, Feedback.follow_up_date, Feedback.to_improve)
                .where(Feedback.agent_id.in_(ids), Feedback.delivered_at.is_not(None),
                       Feedback.follow_up_done_at.is_(None), Feedback.follow_up_date < today,
                       Feedback.follow_up_date >= today - timedelta(days=STALE_DAYS))):
            name = people[aid][1]
            out.append(Reminder(f"follow_up:{uuid}:{day.isoformat()}", "follow_up",
                                f"Follow-up with {name} overdue since {date_words.date_words(day)}",
                                (topic or "").strip()[:120] or "Close it with its outcome.", people[aid][0], uuid,
                                datetime.combine(day, time(9), tzinfo=zone)))
        for uuid, aid, text, day in session.execute(
                select(OneToOneItem.uuid, OneToOne.agent_id, OneToOneItem.text, OneToOneItem.due_date)
                .join(OneToOne, OneToOne.id == OneToOneItem.one_to_one_id)
                .where(OneToOne.agent_id.in_(ids), OneToOneItem.status == ItemStatus.OPEN,
                       OneToOneItem.kind.in_(list(CARRIED_KINDS)), OneToOneItem.due_date < today,
                       OneToOneItem.due_date >= today - timedelta(days=STALE_DAYS))):
            name = people[aid][1]
            out.append(Reminder(f"action:{uuid}:{day.isoformat()}", "action",
                                f"Action overdue since {date_words.date_words(day)} ({name})", text.strip()[:120],
                                people[aid][0],
                                uuid, datetime.combine(day, time(9), tzinfo=zone)))
        for uuid, aid, held in session.execute(
                select(OneToOne.uuid, OneToOne.agent_id, OneToOne.held_at)
                .where(OneToOne.agent_id.in_(ids), OneToOne.status == OneToOneStatus.HELD,
                       OneToOne.held_at.is_not(None), OneToOne.held_at >= now - timedelta(days=STALE_DAYS))):
            held_day = _aware(held).astimezone(zone).date()
            # not acknowledged within N working days: reminded on the working day after the Nth
            due = add_working_days(held_day, settings.ack_working_days + 1, settings.hours.days)
            if today < due:
                continue
            name = people[aid][1]
            out.append(Reminder(f"acknowledgement:{uuid}", "acknowledgement",
                                f"{name} has not acknowledged the one-to-one of {date_words.date_words(held_day)}",
                                f"It is more than {settings.ack_working_days} working days old.", people[aid][0],
                                uuid, datetime.combine(due, time(9), tzinfo=zone)))
        states = {key: (state, until) for key, state, until in session.execute(
            select(ReminderRecord.key, ReminderRecord.state, ReminderRecord.snoozed_until)
            .where(ReminderRecord.key.in_([r.key for r in out])))} if out else {}
    result = []
    for r in out:
        state, until = states.get(r.key, (None, None))
        result.append(Reminder(r.key, r.kind, r.title, r.detail, r.agent_uuid, r.record_uuid, r.due_at, state,
                               _aware(until) if until else None))
    return sorted(result, key=lambda r: (r.kind != "one_to_one", r.due_at, r.title))


def due_now(db: Database, now: datetime, team_uuids: Iterable[str] | None = None) -> list[Reminder]:
    """The reminders to show at ``now``: never shown, or snoozed until now or earlier; never a dismissed one or
    one already shown."""
    return [r for r in candidates(db, now, team_uuids)
            if r.state is None or (r.state is ReminderState.SNOOZED and r.snoozed_until and r.snoozed_until <= now)]


def reminder_list(db: Database, now: datetime, team_uuids: Iterable[str] | None = None) -> list[Reminder]:
    """The list of reminders: everything current except what was dismissed."""
    return [r for r in candidates(db, now, team_uuids) if r.state is not ReminderState.DISMISSED]


def _set(db: Database, keys: Iterable[str], state: ReminderState, now: datetime, until: datetime | None = None,
         person_uuid: str | None = None) -> None:
    keys = list(keys)
    with db.unit_of_work() as session:
        pid = session.scalar(select(Person.id).where(Person.uuid == person_uuid)) if person_uuid else None
        rows = {r.key: r for r in session.scalars(select(ReminderRecord).where(ReminderRecord.key.in_(keys)))}
        for key in keys:
            row = rows.get(key)
            if row is None:
                row = ReminderRecord(key=key, person_id=pid, state=state)
                session.add(row)
            row.state = state
            row.snoozed_until = until
            if state is ReminderState.SHOWN:
                row.shown_at = now


def mark_shown(db: Database, keys: Iterable[str], now: datetime, person_uuid: str | None = None) -> None:
    _set(db, keys, ReminderState.SHOWN, now, person_uuid=person_uuid)


def snooze(db: Database, key: str, now: datetime, minutes: int) -> datetime:
    if not 1 <= minutes <= 7 * 24 * 60:
        raise ValidationError("Snooze for 1 minute to 7 days.")
    until = now + timedelta(minutes=minutes)
    _set(db, [key], ReminderState.SNOOZED, now, until)
    return until


def dismiss(db: Database, key: str, now: datetime) -> None:
    _set(db, [key], ReminderState.DISMISSED, now)
