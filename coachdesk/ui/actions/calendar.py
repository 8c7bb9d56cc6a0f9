"""The calendar: planned observations due today and overdue; a team's observation coverage, its target, and
planning an observation; the week or month shown, moving and scheduling one-to-ones, the calendar settings,
feedback follow-ups open, marking them done (and reopening), and reminders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services import calendar as calendar_api
from coachdesk.services import common as common_api
from coachdesk.services import people as people_api
from coachdesk.services.calendar import CalendarEntry, CalendarSettings, ProposedSession, Reminder
from coachdesk.ui.kit import ops, undo
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]


def planned_today(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    """Planned observations due today and overdue (the list on Today)."""
    return ops.read(view, ctx, calendar_api.today_observations, done=done, key="planned", **kw)


# -- observation coverage of a team (the coverage dialog) ------------------------------------------------------------
def _coverage(db: Any, team_uuid: str) -> tuple[list, str]:
    return calendar_api.coverage(db, [team_uuid]), calendar_api.calendar_settings(db).zone_name


def coverage(view: QWidget, ctx: Any, team_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """Who in the team is behind, due, planned or done this month, and the calendar's time zone."""
    return ops.read(view, ctx, _coverage, team_uuid, done=done, key="coverage", **kw)


def set_coverage_target(view: QWidget, ctx: Any, team_uuid: str, target: Any, done: Done,
                        **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, calendar_api.set_target, team_uuid, target,
                     changed=change([Kind.SETTING, Kind.TEAM], [team_uuid]), done=done, **kw)


def _plan(db: Any, agent_uuid: str, start: Any, minutes: int, announced: bool) -> str:
    from coachdesk.services.common import signed_in_person

    who = signed_in_person(db)
    return calendar_api.plan_observation(db, agent_uuid, start, minutes, announced, who.uuid if who else None)


def plan_observation(view: QWidget, ctx: Any, agent_uuid: str, start: Any, minutes: int, announced: bool,
                     done: Done, **kw: Any) -> ops.Operation:
    """Put an observation of the agent on the calendar, observed by whoever is signed in."""
    return ops.write(view, ctx, _plan, agent_uuid, start, minutes, announced,
                     changed=change(Kind.OBSERVATION, [agent_uuid]), done=done, **kw)


def reopen_follow_up(view: QWidget | None, ctx: Any, feedback_uuid: str, done: Done | None = None,
                     **kw: Any) -> ops.Operation:
    """Undo closing a feedback follow-up: due again on Today, the calendar and the talking points."""
    return ops.write(view, ctx, calendar_api.reopen_follow_up, feedback_uuid,
                     changed=change(Kind.FEEDBACK, [feedback_uuid]), done=done, **kw)


def offer_reopen(view: QWidget | None, ctx: Any, feedback_uuid: str, title: str) -> None:
    """After a follow-up was closed: the notice bar offers to reopen it."""
    text = QCoreApplication.translate("CalendarActions", "Closed the follow-up “{title}”").format(title=title)
    undo.offer(text, lambda: reopen_follow_up(view, ctx, feedback_uuid))


# -- the Calendar page, scheduling, settings, follow-ups and reminders -----------------------------------------------
MINE, ALL = "mine", "all"
#: what the calendar shows: a write to any of these changes it
SHOWN = (Kind.ONE_TO_ONE, Kind.OBSERVATION, Kind.FEEDBACK, Kind.OBJECTIVE, Kind.PERSON, Kind.TEAM, Kind.SETTING)
#: what reminders are made of
REMINDED = (Kind.ONE_TO_ONE, Kind.FEEDBACK, Kind.PERSON, Kind.TEAM, Kind.SETTING, Kind.REMINDER)


@dataclass(frozen=True)
class CalendarData:
    entries: list[CalendarEntry]
    settings: CalendarSettings
    scope: str
    teams: list[tuple[str, str]]


def period(mode: str, anchor: date) -> tuple[date, date]:
    """First and (exclusive) last day shown: a Monday-to-Sunday week, or the six weeks around a month."""
    if mode == "week":
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=7)
    start = anchor.replace(day=1)
    first = start - timedelta(days=start.weekday())
    return first, first + timedelta(days=42)


def _signed_in_uuid(db: Any) -> str | None:
    who = common_api.signed_in_person(db)
    return who.uuid if who else None


def _led_team_uuids(db: Any, on: date) -> list[str]:
    who = _signed_in_uuid(db)
    return [u for u, _ in calendar_api.led_teams(db, who, on)] if who else []


def load_calendar(db: Any, mode: str, anchor: date, choice: str) -> CalendarData:
    """The entries of the period for the signed-in leader's teams (``MINE``), every team (``ALL``) or one team."""
    settings = calendar_api.calendar_settings(db)
    teams = [(t.uuid, t.name) for t in people_api.list_teams(db)]
    first, last = period(mode, anchor)
    if choice == MINE:
        who = _signed_in_uuid(db)
        led = calendar_api.led_teams(db, who, anchor) if who else []
        uuids = [u for u, _ in led] or None
        scope = ", ".join(n for _, n in led) if led else "every team (nobody signed in leads one)"
    elif choice == ALL:
        uuids, scope = None, "every team"
    else:
        uuids, scope = [choice], next((n for u, n in teams if u == choice), "")
    return CalendarData(calendar_api.entries(db, first, last, uuids, settings), settings, scope, teams)


def calendar(view: QWidget, ctx: Any, mode: str, anchor: date, choice: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, load_calendar, mode, anchor, choice, done=done, key="calendar", **kw)


def _move(db: Any, kind: str, uuid: str, start: datetime, minutes: int) -> int:
    if kind == calendar_api.EntryKind.OBSERVATION.value:
        return calendar_api.move_observation(db, uuid, start, minutes)
    return calendar_api.reschedule(db, uuid, start, minutes)


def move_entry(view: QWidget, ctx: Any, kind: str, uuid: str, start: datetime, minutes: int, done: Done,
               **kw: Any) -> ops.Operation:
    """Move a planned observation or a scheduled one-to-one."""
    moved = Kind.OBSERVATION if kind == calendar_api.EntryKind.OBSERVATION.value else Kind.ONE_TO_ONE
    return ops.write(view, ctx, _move, kind, uuid, start, minutes, changed=change(moved, [uuid]), done=done, **kw)


def settings(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, calendar_api.calendar_settings, done=done, key="settings", **kw)


def save_settings(view: QWidget, ctx: Any, chosen: CalendarSettings, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, calendar_api.save_calendar_settings, chosen, changed=change(Kind.SETTING),
                     done=done, **kw)


def _propose(db: Any, teams: list[str] | None, weeks: int, minutes: int) -> Any:
    """``teams`` None = the signed-in leader's teams (every team when they lead none)."""
    if teams is None:
        teams = _led_team_uuids(db, date.today())
    return calendar_api.propose_next(db, None, weeks, minutes=minutes, team_uuids=teams or None)


def propose(view: QWidget, ctx: Any, teams: list[str] | None, weeks: int, minutes: int, done: Done,
            **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _propose, teams, weeks, minutes, done=done, key="proposal", **kw)


def _accept(db: Any, sessions: list[ProposedSession]) -> list[str]:
    return calendar_api.accept(db, sessions, actor_uuid=_signed_in_uuid(db))


def schedule(view: QWidget, ctx: Any, sessions: list[ProposedSession], done: Done, **kw: Any) -> ops.Operation:
    """Schedule the chosen one-to-ones in one step: the calendar, reminders and due lists change."""
    return ops.write(view, ctx, _accept, sessions, done=done, **kw,
                     changed=lambda uuids: change(Kind.ONE_TO_ONE, [*uuids, *(s.agent_uuid for s in sessions)]))


def open_follow_ups(view: QWidget, ctx: Any, agent_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """The agent's follow-ups not yet marked done (the agent page's list)."""
    return ops.read(view, ctx, calendar_api.open_follow_ups, agent_uuid, done=done, key="follow_ups", **kw)


def _close_follow_up(db: Any, feedback_uuid: str, outcome: str, note: str) -> str:
    from coachdesk.services.common import signed_in_person

    who = signed_in_person(db)
    return calendar_api.close_follow_up(db, feedback_uuid, outcome, note, actor_uuid=who.uuid if who else None)


def close_follow_up(view: QWidget | None, ctx: Any, feedback_uuid: str, outcome: str, note: str,
                    done: Done | None = None, **kw: Any) -> ops.Operation:
    """Mark a feedback follow-up done with its outcome; Today, the agent page and the calendar then stop listing it."""
    return ops.write(view, ctx, _close_follow_up, feedback_uuid, outcome, note, done=done,
                     changed=lambda agent_uuid: change([Kind.FEEDBACK], [feedback_uuid, agent_uuid]), **kw)


def _scope(db: Any) -> list[str] | None:
    return _led_team_uuids(db, date.today()) or None


def _due_and_mark(db: Any, now: datetime) -> list[Reminder]:
    """What to show now, recorded as shown in the same step (so a second window or a restart never repeats it)."""
    due = calendar_api.due_now(db, now, _scope(db))
    if due:
        calendar_api.mark_shown(db, [r.key for r in due], now, _signed_in_uuid(db))
    return due


def due_reminders(view: QWidget | None, ctx: Any, now: datetime, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, _due_and_mark, now, done=done, **kw,
                     changed=lambda due: change(Kind.REMINDER, [r.key for r in due]) if due else None)


def _reminder_list(db: Any, now: datetime) -> list[Reminder]:
    return calendar_api.reminder_list(db, now, _scope(db))


def reminder_list(view: QWidget, ctx: Any, now: datetime, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _reminder_list, now, done=done, key="reminders", **kw)


def snooze(view: QWidget, ctx: Any, key: str, now: datetime, minutes: int, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, calendar_api.snooze, key, now, minutes, changed=change(Kind.REMINDER, [key]),
                     done=done, **kw)


def dismiss(view: QWidget, ctx: Any, key: str, now: datetime, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, calendar_api.dismiss, key, now, changed=change(Kind.REMINDER, [key]), done=done,
                     **kw)


def rewrite_feeds(view: QWidget | None, ctx: Any, **kw: Any) -> ops.Operation:
    """The leaders' calendar files (files, not records: nothing to announce)."""
    return ops.write(view, ctx, calendar_api.rewrite_feeds, changed=None, **kw)
