"""Goals and objectives: progress for an agent, a team's matrix, what needs attention, and objective edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.domain.enums import Role
from coachdesk.services import goals as goals_api
from coachdesk.services import people as people_api
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


def _tree_changed(uuid: str) -> Any:
    """A goal and what hangs under it (archiving, restoring)."""
    return change([Kind.GOAL, Kind.OBJECTIVE], [uuid])


def archive_goal(view: QWidget, ctx: Any, uuid: str, title: str, done: Done, **kw: Any) -> ops.Operation:
    """Archive a goal and its sub-goals, then offer to undo it (the notice bar)."""
    def archived(count: int) -> None:
        text = {1: _tr("Archived “{title}”"), 2: _tr("Archived “{title}” and its sub-goal")}.get(
            count, _tr("Archived “{title}” and {n} sub-goals"))
        undo.offer(text.format(title=title, n=count - 1), lambda: restore_goal(view, ctx, uuid))
        done(count)
    return ops.write(view, ctx, goals_api.archive_goal, uuid, changed=_tree_changed(uuid), done=archived, **kw)


def restore_goal(view: QWidget | None, ctx: Any, uuid: str, done: Done | None = None, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, goals_api.restore_goal, uuid, changed=_tree_changed(uuid), done=done, **kw)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalActions", text)


# -- the objective dialog ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ObjectivePeople:
    """Who can have an objective (agents and team leaders, the goal's team first), who can decide one, and the
    goal the objective is for."""

    people: list
    team_members: frozenset[str]
    deciders: list
    goal: Any


def _objective_people(db: Any, goal_uuid: str | None) -> ObjectivePeople:
    goal = goals_api.goal_detail(db, goal_uuid) if goal_uuid else None
    team = goal.team_uuid if goal is not None else None
    members = {p.uuid for p in people_api.list_people(db, team_uuid=team)} if team else set()
    rows = [p for p in people_api.list_people(db) if Role.AGENT in p.roles or Role.TEAM_LEADER in p.roles]
    rows.sort(key=lambda p: p.uuid not in members)  # stable: the goal's team first, each part by name
    deciders: dict[str, Any] = {}
    for role in (Role.TEAM_LEADER, Role.COACH, Role.OPERATIONS_MANAGER):
        for p in people_api.list_people(db, role=role):
            deciders.setdefault(p.uuid, p)
    return ObjectivePeople(rows, frozenset(members), list(deciders.values()), goal)


def objective_people(view: QWidget, ctx: Any, goal_uuid: str | None, done: Done, **kw: Any) -> ops.Operation:
    """The people for the objective dialog's choices (a list of the whole roster: off the GUI thread)."""
    return ops.read(view, ctx, _objective_people, goal_uuid, done=done, key="people", **kw)


def objective_detail_now(view: QWidget | None, ctx: Any, uuid: str) -> Any:
    """An objective for its dialog to open with (one short read)."""
    return ops.read_now(view, ctx, goals_api.objective_detail, uuid)


def measure_choices_now(view: QWidget | None, ctx: Any) -> list:
    """The KPIs and behaviours an objective can be measured by (a short list)."""
    return ops.read_now(view, ctx, goals_api.measure_choices, default=[])


def team_goal_choices(view: QWidget, ctx: Any, team_uuid: str | None, done: Done, **kw: Any) -> ops.Operation:
    """The goals a template of ``team_uuid`` can serve."""
    return ops.read(view, ctx, goals_api.goal_choices, team_uuid=team_uuid, done=done, key="goals", **kw)


def smart_context(view: QWidget, ctx: Any, person_uuid: str, kind: Any, kpi_code: str | None,
                  behaviour_uuid: str | None, start: Any, goal_uuid: str | None, done: Done,
                  **kw: Any) -> ops.Operation:
    """The baseline and team history behind the live SMART check (read again for each choice made; only the
    answer for the latest choice is shown)."""
    return ops.read(view, ctx, goals_api.smart_context, person_uuid, kind, kpi_code, behaviour_uuid, start,
                    goal_uuid, done=done, key="smart", **kw)


@dataclass(frozen=True)
class PersonChoices:
    """For one person: the goals their objective can serve and their team leader's name."""

    goals: list
    leader: str | None


def _person_choices(db: Any, person_uuid: str) -> PersonChoices:
    return PersonChoices(goals_api.goal_choices(db, person_uuid), people_api.agent_header(db, person_uuid).leader)


def person_choices(view: QWidget, ctx: Any, person_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _person_choices, person_uuid, done=done, key="person", **kw)


def create_objective_as(view: QWidget, ctx: Any, data: Any, actor_uuid: str | None, done: Done,
                        **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, goals_api.create_objective, data, actor_uuid=actor_uuid, changed=objective_changed,
                     done=done, **kw)


def update_objective_as(view: QWidget, ctx: Any, uuid: str, data: Any, version: int, actor_uuid: str | None,
                        done: Done, reload: Callable[[], object], **kw: Any) -> ops.Operation:
    """Save an edited objective decided by ``actor_uuid``, resolving an edit conflict with the user."""
    return ops.save(view, ctx, lambda db, expected, overwriting: goals_api.update_objective(
        db, uuid, data, expected, actor_uuid=actor_uuid, overwriting=overwriting), version,
        changed=objective_changed, done=done, reload=reload, **kw)


def set_status(view: QWidget, ctx: Any, uuid: str, status: Any, done: Done, failed: Any = None,
               **options: Any) -> ops.Operation:
    """Agree, close or reopen an objective (``options``: actor_uuid, reason, override_reason, expected_version)."""
    return ops.write(view, ctx, goals_api.set_status, uuid, status, changed=objective_changed, done=done,
                     failed=failed, **options)


# -- goals ---------------------------------------------------------------------------------------------------------
def goal_detail_now(view: QWidget | None, ctx: Any, uuid: str) -> Any:
    return ops.read_now(view, ctx, goals_api.goal_detail, uuid)


def goals(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    """The active goals, for a choice of parent."""
    return ops.read(view, ctx, goals_api.list_goals, done=done, key="goals", **kw)


def _goal_changed(row: Any) -> Any:
    return change([Kind.GOAL], [getattr(row, "uuid", None)])


def create_goal(view: QWidget, ctx: Any, data: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, goals_api.create_goal, data, changed=_goal_changed, done=done, **kw)


def update_goal(view: QWidget, ctx: Any, uuid: str, data: Any, version: int | None, done: Done,
                **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, goals_api.update_goal, uuid, data, version, changed=_goal_changed, done=done, **kw)


def move(view: QWidget, ctx: Any, kind: str, uuid: str, goal_uuid: str | None, done: Done,
         **kw: Any) -> ops.Operation:
    """Put a goal (``kind`` "goal") or an objective under another goal, or at the top."""
    fn = goals_api.move_goal if kind == "goal" else goals_api.move_objective
    return ops.write(view, ctx, fn, uuid, goal_uuid, changed=change([Kind.GOAL, Kind.OBJECTIVE], [uuid]),
                     done=done, **kw)


# -- team templates ------------------------------------------------------------------------------------------------
def templates(view: QWidget, ctx: Any, team_uuid: str | None, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, goals_api.list_templates, team_uuid, done=done, key="templates", **kw)


def _applied(result: Any) -> Any:
    created = getattr(result, "created", None)
    return change([Kind.TEMPLATE, Kind.OBJECTIVE] if created else [Kind.TEMPLATE])


def _create_template(db: Any, data: Any, apply_now: bool) -> tuple[Any, Any]:
    row = goals_api.create_template(db, data)
    return row, goals_api.apply_template(db, row.uuid) if apply_now else None


def create_template(view: QWidget, ctx: Any, data: Any, apply_now: bool, done: Done, **kw: Any) -> ops.Operation:
    """A new team template, given at once to every agent of the team if asked; ``done((row, applied or None))``."""
    return ops.write(view, ctx, _create_template, data, apply_now, changed=lambda saved: _applied(saved[1]),
                     done=done, **kw)


def apply_template(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, goals_api.apply_template, uuid, changed=_applied, done=done, **kw)


def agree_template(view: QWidget, ctx: Any, uuid: str, override_reason: str, done: Done,
                   **kw: Any) -> ops.Operation:
    """Agree every draft made from the template; ``done(names)``."""
    return ops.write(view, ctx, goals_api.agree_template_objectives, uuid, override_reason=override_reason,
                     changed=change([Kind.OBJECTIVE, Kind.TEMPLATE], [uuid]), done=done, **kw)
