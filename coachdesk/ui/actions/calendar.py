"""The calendar: planned observations due today and overdue; a team's observation coverage, its target, and
planning an observation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services import calendar as calendar_api
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
