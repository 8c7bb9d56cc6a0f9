"""Goals and objectives: progress for an agent, a team's matrix, what needs attention, and objective edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services import goals as goals_api
from coachdesk.ui.kit import ops, undo
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]


def progress(view: QWidget, ctx: Any, agent_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, goals_api.list_progress, done=done, key="progress", agent_uuid=agent_uuid, **kw)


def team_matrix(view: QWidget, ctx: Any, team_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, goals_api.team_matrix, team_uuid, done=done, key="matrix", **kw)


def needing_attention(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, goals_api.needing_attention, done=done, key="attention", **kw)


def objective_changed(detail: Any) -> Any:
    """An objective was written: its own id and its person's."""
    return change([Kind.OBJECTIVE], [getattr(detail, "uuid", None), getattr(detail, "person_uuid", None)])


def create_objective(view: QWidget, ctx: Any, data: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, goals_api.create_objective, data, changed=objective_changed, done=done, **kw)


def update_objective(view: QWidget, ctx: Any, uuid: str, data: Any, version: int, done: Done,
                     reload: Callable[[], object], **kw: Any) -> ops.Operation:
    """Save an edited objective, resolving an edit conflict with the user."""
    return ops.save(view, ctx, lambda db, expected, overwriting: goals_api.update_objective(
        db, uuid, data, expected, overwriting=overwriting), version, changed=objective_changed, done=done,
        reload=reload, **kw)


def tree(view: QWidget, ctx: Any, done: Done, include_archived: bool, include_closed: bool,
         **kw: Any) -> ops.Operation:
    """The goal cascade with each person's objectives."""
    return ops.read(view, ctx, goals_api.goal_tree, done=done, key="tree", include_archived=include_archived,
                    include_closed=include_closed, **kw)


def _objective_view(db: Any, uuid: str) -> tuple[list, Any]:
    return goals_api.list_progress(db, statuses=None, objective_uuids=[uuid]), goals_api.smart_result(db, uuid)


def objective_view(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """One objective's progress row and its SMART check."""
    return ops.read(view, ctx, _objective_view, uuid, done=done, key="objective", **kw)


def _goal_changed(uuid: str) -> Any:
    return change([Kind.GOAL, Kind.OBJECTIVE], [uuid])


def archive_goal(view: QWidget, ctx: Any, uuid: str, title: str, done: Done, **kw: Any) -> ops.Operation:
    """Archive a goal and its sub-goals, then offer to undo it (the notice bar)."""
    def archived(count: int) -> None:
        text = {1: _tr("Archived “{title}”"), 2: _tr("Archived “{title}” and its sub-goal")}.get(
            count, _tr("Archived “{title}” and {n} sub-goals"))
        undo.offer(text.format(title=title, n=count - 1), lambda: restore_goal(view, ctx, uuid))
        done(count)
    return ops.write(view, ctx, goals_api.archive_goal, uuid, changed=_goal_changed(uuid), done=archived, **kw)


def restore_goal(view: QWidget | None, ctx: Any, uuid: str, done: Done | None = None, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, goals_api.restore_goal, uuid, changed=_goal_changed(uuid), done=done, **kw)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalActions", text)
