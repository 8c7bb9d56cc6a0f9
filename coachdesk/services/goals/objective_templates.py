"""Team templates: one objective applied to every agent of a team, each person's copy keeping ``template_id`` so
it can be adjusted to their pace and skills and still be traced back. Applying is all or nothing; people who
already have an objective from the template are skipped and named."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from coachdesk.domain.enums import AuditAction, GoalStatus, ObjectiveStatus, Role
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.objectives import FieldError, Levels, check_dates, check_levels
from coachdesk.services import common as common_api
from coachdesk.services.goals.objective_measures import resolve_measure, roles_at, stored_measure, team_members
from coachdesk.services.goals.objective_types import ApplyResult, ObjectiveInput, TemplateInput, TemplateRow
from coachdesk.services.goals.objectives import create_objective_in, read_level, read_weight, set_status_in
from coachdesk.services.people import saving
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    Goal,
    KpiDefinition,
    Objective,
    ObjectiveTemplate,
    Person,
    Team,
)


def _rows(session, templates: list[ObjectiveTemplate]) -> list[TemplateRow]:  # noqa: ANN001
    teams = {t.id: t for t in session.scalars(select(Team))}
    goals = dict(session.execute(select(Goal.id, Goal.uuid)).all())
    counts = dict(session.execute(select(Objective.template_id, func.count()).where(Objective.template_id.is_not(None))
                                  .group_by(Objective.template_id)).all())
    out = []
    for t in templates:
        measure = stored_measure(session, t.kpi_id, t.behaviour_id)
        team = teams.get(t.team_id) if t.team_id else None
        out.append(TemplateRow(
            t.uuid, team.uuid if team else None, team.name if team else None, t.statement,
            measure.code if measure else "",
            format_value(t.target_level, measure.unit, measure.display_format) if measure else "",
            t.start_date, t.due_date, goals.get(t.goal_id) if t.goal_id else None, counts.get(t.id, 0)))
    return out


def list_templates(db: Database, team_uuid: str | None = None) -> list[TemplateRow]:
    with db.session() as session:
        query = select(ObjectiveTemplate).order_by(ObjectiveTemplate.id.desc())
        if team_uuid:
            query = query.join(Team, Team.id == ObjectiveTemplate.team_id).where(Team.uuid == team_uuid)
        return _rows(session, list(session.scalars(query)))


def create_template(db: Database, data: TemplateInput) -> TemplateRow:
    with saving(), db.unit_of_work() as session:
        team = session.scalar(select(Team).where(Team.uuid == data.team_uuid)) if data.team_uuid else None
        if team is None:
            raise FieldError("team", "Team: choose the team the template is for.")
        statement = " ".join((data.statement or "").split())
        if not statement:
            raise FieldError("statement", "Statement: say what will change; it cannot be empty.")
        check_dates(data.start_date, data.due_date)
        measure, source = resolve_measure(session, data.measure_kind, data.kpi_code, data.behaviour_uuid)
        levels = Levels(read_level(data.commit, measure, "Commit level", "commit"),
                        read_level(data.target, measure, "Target", "target"),
                        read_level(data.stretch, measure, "Stretch level", "stretch"))
        check_levels(levels, measure.direction, lambda v: format_value(v, measure.unit, measure.display_format))
        goal = session.scalar(select(Goal).where(Goal.uuid == data.goal_uuid)) if data.goal_uuid else None
        if data.goal_uuid and (goal is None or goal.status is GoalStatus.ARCHIVED):
            raise FieldError("goal", "Goal: choose an active goal.")
        template = ObjectiveTemplate(
            team_id=team.id, goal_id=goal.id if goal else None, statement=statement, measure_kind=measure.kind,
            kpi_id=source.id if isinstance(source, KpiDefinition) else None,
            behaviour_id=source.id if isinstance(source, Behaviour) else None, commit_level=levels.commit,
            target_level=levels.target, stretch_level=levels.stretch, start_date=data.start_date,
            due_date=data.due_date, weight=read_weight(data.weight_percent))
        session.add(template)
        session.flush()
        common_api.record(session, AuditAction.CREATE, "objective_template", template.uuid,
                     f"Template for {team.name}: {statement[:80]}")
        return _rows(session, [template])[0]


def apply_template(db: Database, template_uuid: str, on: date | None = None, actor_uuid: str | None = None,
                   agents_only: bool = True) -> ApplyResult:
    """Give every current member of the template's team (agents only, by default) a draft objective from it, with
    a baseline from their own history. One transaction: everyone or no one."""
    on = on or date.today()
    with saving(), db.unit_of_work() as session:
        template = by_uuid(session, ObjectiveTemplate, template_uuid, "template")
        if template.team_id is None:
            raise FieldError("team", "Team: the template's team is no longer in the database.")
        kpi_code = session.get(KpiDefinition, template.kpi_id).code if template.kpi_id else None
        behaviour = session.get(Behaviour, template.behaviour_id) if template.behaviour_id else None
        goal_uuid = session.scalar(select(Goal.uuid).where(Goal.id == template.goal_id)) if template.goal_id else None
        already = set(session.scalars(select(Objective.person_id).where(Objective.template_id == template.id)))
        people = sorted((session.get(Person, pid) for pid in team_members(session, template.team_id, on)),
                        key=lambda p: p.name_key)
        created, skipped, uuids = [], [], []
        for person in people:
            if agents_only and Role.AGENT not in roles_at(session, person.id, on):
                continue
            if person.id in already:
                skipped.append(person.display_name)
                continue
            data = ObjectiveInput(
                person_uuid=person.uuid, statement=template.statement, measure_kind=template.measure_kind,
                kpi_code=kpi_code, behaviour_uuid=behaviour.uuid if behaviour else None,
                commit=template.commit_level, target=template.target_level, stretch=template.stretch_level,
                start_date=template.start_date, due_date=template.due_date,
                weight_percent=None if template.weight is None else template.weight * 100, goal_uuid=goal_uuid)
            objective = create_objective_in(session, data, actor_uuid, template_id=template.id)
            created.append(person.display_name)
            uuids.append(objective.uuid)
        if not created and not skipped:
            raise FieldError("team", "Team: the team has no agents today; nothing was created.")
        team_name = session.get(Team, template.team_id).name
        common_api.record(session, AuditAction.CREATE, "objective_template", template.uuid,
                     f"Template applied to {team_name}: {len(created)} objectives created, {len(skipped)} skipped")
        return ApplyResult(template.uuid, tuple(created), tuple(skipped), tuple(uuids))


def agree_template_objectives(db: Database, template_uuid: str, actor_uuid: str | None = None,
                              override_reason: str | None = None, on: date | None = None) -> list[str]:
    """Agree every draft objective made from the template, in one transaction (a failing SMART check on any of them
    needs ``override_reason``, or nothing is agreed). Returns the people whose objectives were agreed."""
    with saving(), db.unit_of_work() as session:
        template = by_uuid(session, ObjectiveTemplate, template_uuid, "template")
        drafts = list(session.scalars(select(Objective).where(Objective.template_id == template.id,
                                                              Objective.status == ObjectiveStatus.DRAFT)))
        names = []
        for objective in drafts:
            person = session.get(Person, objective.person_id)
            try:
                set_status_in(session, objective, ObjectiveStatus.AGREED, actor_uuid, None, override_reason, None, on)
            except FieldError as exc:
                raise FieldError(exc.field, f"{person.display_name}: {exc}") from None
            names.append(person.display_name)
        return names
