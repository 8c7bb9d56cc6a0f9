"""The goal cascade: organisation goals -> team goals -> individual objectives; add, edit, re-parent, archive.

Rules: an organisation goal belongs to no team and sits at the top or under another organisation goal; a team goal
belongs to a team and sits under an organisation goal, another team goal, or nowhere (then it is flagged, not
refused). No goal may sit under itself or its own sub-goals. Archiving a goal archives its sub-goals with it;
objectives keep their link (their line of sight shows the archived goal). Every write is one unit of work with an
audit entry; errors are ``FieldError`` naming the field, ``EditConflict`` or ``NotFound``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Bundle, Session

from coachdesk.domain.enums import AuditAction, GoalLevel, GoalStatus
from coachdesk.domain.errors import NotFound
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.level_parse import parse_level
from coachdesk.domain.objectives import OPEN_STATUSES, FieldError, check_no_cycle
from coachdesk.services import common as common_api
from coachdesk.services.goals.objective_measures import find_kpi, team_at, teams_at
from coachdesk.services.goals.objective_types import GoalInput, GoalLink, GoalRow, GoalTree, ObjectiveNode
from coachdesk.services.people import check_version, saving
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    Goal,
    KpiDefinition,
    Objective,
    ObjectiveChange,
    Person,
    Team,
)
from coachdesk.storage.types import utcnow

TITLE_LIMIT = 300


# -- reading ----------------------------------------------------------------------------------------------------------

def _goal_rows(session: Session, goals: list[Goal]) -> list[GoalRow]:
    uuids = dict(session.execute(select(Goal.id, Goal.uuid)).all())
    teams = {t.id: t for t in session.scalars(select(Team))}
    kpis = {k.id: k for k in session.scalars(select(KpiDefinition))}
    owners = dict(session.execute(select(Person.id, Person.display_name)
                                  .where(Person.id.in_({g.owner_id for g in goals if g.owner_id}))).all())
    owner_uuids = dict(session.execute(select(Person.id, Person.uuid)
                                       .where(Person.id.in_({g.owner_id for g in goals if g.owner_id}))).all())
    rows = []
    for g in goals:
        kpi = kpis.get(g.kpi_id) if g.kpi_id else None
        team = teams.get(g.team_id) if g.team_id else None
        rows.append(GoalRow(
            uuid=g.uuid, version=g.version, level=g.level, title=g.title, description=g.description,
            customer_outcome=g.customer_outcome, parent_uuid=uuids.get(g.parent_id) if g.parent_id else None,
            team_uuid=team.uuid if team else None, team_name=team.name if team else None,
            kpi_code=kpi.code if kpi else None, target_value=g.target_value,
            target_text=format_value(g.target_value, kpi.unit, kpi.display_format) if kpi and g.target_value
            is not None else "", start_date=g.start_date, due_date=g.due_date, status=g.status,
            owner_uuid=owner_uuids.get(g.owner_id), owner_name=owners.get(g.owner_id), sort_order=g.sort_order))
    return rows


def list_goals(db: Database, include_archived: bool = False) -> list[GoalRow]:
    with db.session() as session:
        query = select(Goal).order_by(Goal.sort_order, Goal.id)
        if not include_archived:
            query = query.where(Goal.status == GoalStatus.ACTIVE)
        return _goal_rows(session, list(session.scalars(query)))


def goal_detail(db: Database, goal_uuid: str) -> GoalRow:
    with db.session() as session:
        return _goal_rows(session, [_get_goal(session, goal_uuid)])[0]


def goal_tree(db: Database, include_archived: bool = False, include_closed: bool = False,
              on: date | None = None) -> GoalTree:
    """Every goal (active ones unless ``include_archived``) and every objective (draft and agreed unless
    ``include_closed``) with the person's current team; objectives without a goal have ``goal_uuid`` None."""
    on = on or date.today()
    with db.session() as session:
        query = select(Goal).order_by(Goal.sort_order, Goal.id)
        if not include_archived:
            query = query.where(Goal.status == GoalStatus.ACTIVE)
        goals = _goal_rows(session, list(session.scalars(query)))
        visible = {g.uuid for g in goals}
        oquery = (select(_NODE_COLUMNS, Person.uuid, Person.display_name, Goal.uuid)
                  .join(Person, Person.id == Objective.person_id)
                  .outerjoin(Goal, Goal.id == Objective.goal_id)
                  .order_by(Person.name_key, Objective.due_date, Objective.id))
        if not include_closed:
            oquery = oquery.where(Objective.status.in_(OPEN_STATUSES))
        rows = session.execute(oquery).all()
        codes = _measure_codes(session, [o for o, *_ in rows])
        kpis = {k.id: k for k in session.scalars(select(KpiDefinition))}
        teams = dict(session.execute(select(Team.id, Team.name)).all())
        templates = _template_uuids(session, {o.template_id for o, *_ in rows if o.template_id})
        team_of = teams_at(session, {o.person_id for o, *_ in rows}, on) if rows else {}
        nodes = []
        for o, person_uuid, person_name, goal_uuid in rows:
            team_id = team_of.get(o.person_id)
            nodes.append(ObjectiveNode(
                uuid=o.uuid, goal_uuid=goal_uuid if goal_uuid in visible else None, person_uuid=person_uuid,
                person_name=person_name, team_name=teams.get(team_id) if team_id else None, statement=o.statement,
                measure_code=codes.get(o.id, ""), status=o.status, due_date=o.due_date,
                template_uuid=templates.get(o.template_id) if o.template_id else None,
                target_text=_target_text(o, kpis)))
        return GoalTree(tuple(goals), tuple(nodes))


#: what a tree node needs of an objective: the tree reads these columns, not whole records (thousands of them)
_NODE_COLUMNS = Bundle("objective", Objective.id, Objective.uuid, Objective.person_id, Objective.statement,
                       Objective.status, Objective.due_date, Objective.kpi_id, Objective.behaviour_id,
                       Objective.template_id, Objective.target_level)


def _measure_codes(session: Session, objectives: list) -> dict[int, str]:
    kpis = dict(session.execute(select(KpiDefinition.id, KpiDefinition.code)).all())
    behaviours = dict(session.execute(select(Behaviour.id, Behaviour.name)
                                      .where(Behaviour.id.in_({o.behaviour_id for o in objectives
                                                               if o.behaviour_id}))).all())
    return {o.id: kpis.get(o.kpi_id, "") if o.kpi_id else behaviours.get(o.behaviour_id, "") for o in objectives}


def _target_text(o: Any, kpis: dict[int, KpiDefinition]) -> str:
    if o.target_level is None:
        return ""
    kpi = kpis.get(o.kpi_id) if o.kpi_id else None
    if kpi is not None:
        return format_value(o.target_level, kpi.unit, kpi.display_format)
    return format_value(o.target_level, "percent", "0%") if o.behaviour_id else ""


def _template_uuids(session: Session, ids: set[int]) -> dict[int, str]:
    from coachdesk.storage.models import ObjectiveTemplate

    if not ids:
        return {}
    return dict(session.execute(select(ObjectiveTemplate.id, ObjectiveTemplate.uuid)
                                .where(ObjectiveTemplate.id.in_(ids))).all())


def chain(session: Session, goal_id: int | None) -> tuple[GoalLink, ...]:
    """The goal and every goal above it, nearest first: an objective's line of sight."""
    links: list[GoalLink] = []
    seen: set[int] = set()
    while goal_id is not None and goal_id not in seen:
        seen.add(goal_id)
        goal = session.get(Goal, goal_id)
        if goal is None:
            break
        links.append(GoalLink(goal.uuid, goal.title, goal.level, goal.status is GoalStatus.ARCHIVED))
        goal_id = goal.parent_id
    return tuple(links)


def goal_choices(db: Database, person_uuid: str | None = None, on: date | None = None,
                 team_uuid: str | None = None) -> list[GoalRow]:
    """Active goals an objective can serve: the person's (or ``team_uuid``'s) team's goals first, then organisation
    goals, then the other teams' goals."""
    on = on or date.today()
    with db.session() as session:
        team_id = session.scalar(select(Team.id).where(Team.uuid == team_uuid)) if team_uuid else None
        if person_uuid and team_id is None:
            person = session.scalar(select(Person).where(Person.uuid == person_uuid))
            team_id = team_at(session, person.id, on) if person else None
        goals = list(session.scalars(select(Goal).where(Goal.status == GoalStatus.ACTIVE)
                                     .order_by(Goal.sort_order, Goal.id)))
        goals.sort(key=lambda g: (0 if team_id and g.team_id == team_id else 1 if g.level is GoalLevel.ORGANISATION
                                  else 2, g.sort_order, g.id))
        return _goal_rows(session, goals)


# -- writing ----------------------------------------------------------------------------------------------------------

def _get_goal(session: Session, goal_uuid: str | None, field_name: str = "goal") -> Goal:
    goal = session.scalar(select(Goal).where(Goal.uuid == goal_uuid)) if goal_uuid else None
    if goal is None:
        raise NotFound("That goal is no longer in the database.") if field_name == "goal" else FieldError(
            field_name, "Parent goal: that goal is no longer in the database.")
    return goal


def _person_id(session: Session, person_uuid: str | None, field_name: str = "owner") -> int | None:
    if not person_uuid:
        return None
    pid = session.scalar(select(Person.id).where(Person.uuid == person_uuid))
    if pid is None:
        raise FieldError(field_name, f"{field_name.capitalize()}: that person is no longer in the database.")
    return pid


def _parent_of(session: Session) -> dict[int, int | None]:
    return dict(session.execute(select(Goal.id, Goal.parent_id)).all())


def _check_parent(session: Session, goal: Goal, level: GoalLevel, parent: Goal | None) -> None:
    if parent is None:
        return
    if parent.status is GoalStatus.ARCHIVED:
        raise FieldError("parent", f"Parent goal: “{parent.title}” is archived; restore it first or choose another.")
    if level is GoalLevel.ORGANISATION and parent.level is not GoalLevel.ORGANISATION:
        raise FieldError("parent", f"Parent goal: an organisation goal cannot sit under the team goal "
                                   f"“{parent.title}”.")
    if goal.id is not None:
        check_no_cycle(goal.id, parent.id, _parent_of(session))


def _apply(session: Session, goal: Goal, data: GoalInput) -> None:
    level = GoalLevel(data.level)
    title = " ".join((data.title or "").split())
    if not title:
        raise FieldError("title", "Title: say what the goal is; it cannot be empty.")
    if len(title) > TITLE_LIMIT:
        raise FieldError("title", f"Title: {len(title)} characters is too long ({TITLE_LIMIT} at most).")
    team_id = None
    if data.team_uuid:
        team = session.scalar(select(Team).where(Team.uuid == data.team_uuid))
        if team is None:
            raise FieldError("team", "Team: that team is no longer in the database.")
        team_id = team.id
    if level is GoalLevel.ORGANISATION and team_id is not None:
        raise FieldError("team", "Team: an organisation goal belongs to no team; make it a team goal instead.")
    if level is GoalLevel.TEAM and team_id is None:
        raise FieldError("team", "Team: choose the team this goal belongs to.")
    parent = _get_goal(session, data.parent_uuid, "parent") if data.parent_uuid else None
    _check_parent(session, goal, level, parent)
    kpi = find_kpi(session, data.kpi_code) if data.kpi_code else None
    target = data.target
    if isinstance(target, str):
        if target.strip() and kpi is None:
            raise FieldError("target", "Target: choose the KPI the target is a level of.")
        parsed = parse_level(target, kpi.unit, "Target", "target") if kpi else None
        target = parsed.value if parsed else None
    elif target is not None and kpi is None:
        raise FieldError("target", "Target: choose the KPI the target is a level of.")
    if data.start_date and data.due_date and data.due_date <= data.start_date:
        raise FieldError("due_date", f"Due date: {data.due_date.isoformat()} is not after the start date "
                                     f"{data.start_date.isoformat()}.")
    goal.level, goal.title, goal.team_id = level, title, team_id
    goal.parent_id = parent.id if parent else None
    goal.description = (data.description or "").strip() or None
    goal.customer_outcome = (data.customer_outcome or "").strip() or None
    goal.kpi_id, goal.target_value = (kpi.id if kpi else None), target
    goal.start_date, goal.due_date = data.start_date, data.due_date
    goal.owner_id = _person_id(session, data.owner_uuid)


def create_goal(db: Database, data: GoalInput, actor_uuid: str | None = None) -> GoalRow:
    with saving(), db.unit_of_work() as session:
        goal = Goal(status=GoalStatus.ACTIVE)
        _apply(session, goal, data)
        goal.sort_order = (session.scalar(select(func.max(Goal.sort_order))
                                          .where(Goal.parent_id.is_(None) if goal.parent_id is None
                                                 else Goal.parent_id == goal.parent_id))
                           or 0) + 1
        session.add(goal)
        session.flush()
        common_api.record(session, AuditAction.CREATE, "goal", goal.uuid, f"{goal.level.value.capitalize()} goal "
                     f"“{goal.title}” added", actor_id=_person_id(session, actor_uuid, "actor"))
        uuid = goal.uuid
    return goal_detail(db, uuid)


def update_goal(db: Database, goal_uuid: str, data: GoalInput, expected_version: int | None = None,
                actor_uuid: str | None = None) -> GoalRow:
    with saving(), db.unit_of_work() as session:
        goal = _get_goal(session, goal_uuid)
        if expected_version is not None:
            check_version(goal.version, expected_version, f"The goal “{goal.title}”")
        _apply(session, goal, data)
        common_api.record(session, AuditAction.UPDATE, "goal", goal.uuid, f"Goal “{goal.title}” edited",
                     actor_id=_person_id(session, actor_uuid, "actor"))
    return goal_detail(db, goal_uuid)


def move_goal(db: Database, goal_uuid: str, parent_uuid: str | None, actor_uuid: str | None = None) -> GoalRow:
    """Re-parent a goal (``parent_uuid`` None: to the top); refuses cycles and organisation goals under team goals."""
    with saving(), db.unit_of_work() as session:
        goal = _get_goal(session, goal_uuid)
        parent = _get_goal(session, parent_uuid, "parent") if parent_uuid else None
        _check_parent(session, goal, goal.level, parent)
        goal.parent_id = parent.id if parent else None
        where = f"under “{parent.title}”" if parent else "to the top level"
        common_api.record(session, AuditAction.UPDATE, "goal", goal.uuid, f"Goal “{goal.title}” moved {where}",
                     actor_id=_person_id(session, actor_uuid, "actor"))
    return goal_detail(db, goal_uuid)


def _descendants(session: Session, goal_id: int) -> list[int]:
    parent_of = _parent_of(session)
    children: dict[int, list[int]] = {}
    for child, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    out, stack = [], [goal_id]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in children.get(node, []) if c not in out)
    return out


def archive_goal(db: Database, goal_uuid: str, actor_uuid: str | None = None) -> int:
    """Archive the goal and every sub-goal; returns how many goals were archived."""
    return _set_goal_status(db, goal_uuid, GoalStatus.ARCHIVED, actor_uuid)


def restore_goal(db: Database, goal_uuid: str, actor_uuid: str | None = None) -> int:
    """Bring an archived goal back, with the sub-goals archived with it (under an archived parent: refused)."""
    return _set_goal_status(db, goal_uuid, GoalStatus.ACTIVE, actor_uuid)


def _set_goal_status(db: Database, goal_uuid: str, status: GoalStatus, actor_uuid: str | None) -> int:
    with saving(), db.unit_of_work() as session:
        goal = _get_goal(session, goal_uuid)
        if status is GoalStatus.ACTIVE and goal.parent_id is not None:
            parent = session.get(Goal, goal.parent_id)
            if parent is not None and parent.status is GoalStatus.ARCHIVED:
                raise FieldError("parent", f"Parent goal: “{parent.title}” is archived; restore it first, or move "
                                           "this goal elsewhere.")
        changed = 0
        for gid in _descendants(session, goal.id):
            row = session.get(Goal, gid)
            if row.status is not status:
                row.status = status
                changed += 1
        verb = "archived" if status is GoalStatus.ARCHIVED else "restored"
        common_api.record(session, AuditAction.UPDATE, "goal", goal.uuid,
                     f"Goal “{goal.title}” {verb} ({changed} goal{'s' if changed != 1 else ''})",
                     actor_id=_person_id(session, actor_uuid, "actor"))
        return changed


def move_objective(db: Database, objective_uuid: str, goal_uuid: str | None, actor_uuid: str | None = None,
                   reason: str | None = None) -> None:
    """Put an objective under a goal (``goal_uuid`` None: under none, which is flagged); kept in its history."""
    with saving(), db.unit_of_work() as session:
        objective = by_uuid(session, Objective, objective_uuid, "objective")
        if objective.status not in OPEN_STATUSES:
            raise FieldError("goal", f"Goal: the objective is {objective.status.value}; reopen it before moving it.")
        goal = _get_goal(session, goal_uuid, "parent") if goal_uuid else None
        if goal is not None and goal.status is GoalStatus.ARCHIVED:
            raise FieldError("goal", f"Goal: “{goal.title}” is archived; choose an active goal.")
        old = session.get(Goal, objective.goal_id) if objective.goal_id else None
        if (old.id if old else None) == (goal.id if goal else None):
            return
        objective.goal_id = goal.id if goal else None
        actor = _person_id(session, actor_uuid, "actor")
        session.add(ObjectiveChange(objective_id=objective.id, changed_at=utcnow(), changed_by_id=actor,
                                    field="goal", old_value=old.uuid if old else None,
                                    new_value=goal.uuid if goal else None, reason=(reason or "").strip() or None))
        common_api.record(session, AuditAction.UPDATE, "objective", objective.uuid,
                     f"Objective moved under {('“' + goal.title + '”') if goal else 'no goal'}", actor_id=actor)
