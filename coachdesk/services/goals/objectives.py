"""SMART objectives: create and edit with a baseline from the person's own history, the SMART check with its
history context, and the lifecycle draft -> agreed -> achieved / missed / withdrawn with who and when.

Every change of statement, measure, levels, dates, weight, goal or status is an ``objective_change`` row. Agreeing
an objective whose SMART check has a failing letter needs a written override reason, kept in
``smart_override_reason``. Every write is one unit of work: all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction, GoalStatus, MeasureKind, ObjectiveStatus
from coachdesk.domain.errors import CoachDeskError, ConflictError
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.level_parse import parse_level
from coachdesk.domain.objectives import (
    HISTORY_DAYS,
    OPEN_STATUSES,
    FieldError,
    Levels,
    check_dates,
    check_levels,
    check_transition,
    parse_weight,
    weight_fraction,
)
from coachdesk.domain.smart import SmartInput, SmartResult, check
from coachdesk.services import common as common_api
from coachdesk.services.goals.goals import chain
from coachdesk.services.goals.objective_measures import history, resolve_measure, role_set_fit, stored_measure
from coachdesk.services.goals.objective_types import ChangeRow, LevelIn, Measure, ObjectiveDetail, ObjectiveInput
from coachdesk.services.people import check_version, saving
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    Goal,
    KpiDefinition,
    Objective,
    ObjectiveChange,
    ObjectiveTemplate,
    Person,
)
from coachdesk.storage.types import utcnow

STATEMENT_LIMIT = 2000
LEVEL_FIELDS = ("baseline", "commit_level", "target_level", "stretch_level")
#: the fields whose every change is kept in ``objective_change``
TRACKED = ("statement", "measure", *LEVEL_FIELDS, "start_date", "due_date", "weight", "goal")


@dataclass(frozen=True)
class SmartContext:
    """What the SMART check needs besides the form: the measure, the baseline and the history around it."""

    measure: Measure
    baseline: float | None
    own_values: tuple[float, ...]
    team_values: tuple[float, ...]
    in_role_set: bool | None
    role_label: str
    goal_title: str | None
    history_days: int = HISTORY_DAYS

    def smart_input(self, statement: str, levels: Levels, start: date | None, due: date | None,
                    baseline: float | None = None, today: date | None = None) -> SmartInput:
        m = self.measure
        return SmartInput(
            statement=statement, measure_name=m.name, measure_code=m.code, unit=m.unit, direction=m.direction,
            display_format=m.display_format, baseline=self.baseline if baseline is None else baseline,
            commit=levels.commit, target=levels.target, stretch=levels.stretch, start=start, due=due,
            goal_title=self.goal_title, in_role_set=self.in_role_set, role_label=self.role_label,
            own_values=self.own_values, team_values=self.team_values, history_days=self.history_days, today=today)


# -- helpers ----------------------------------------------------------------------------------------------------------

def _person(session: Session, uuid: str | None, field_name: str = "person") -> Person:
    person = session.scalar(select(Person).where(Person.uuid == uuid)) if uuid else None
    if person is None:
        raise FieldError(field_name, f"{field_name.capitalize()}: that person is no longer in the database.")
    return person


def _actor_id(session: Session, uuid: str | None) -> int | None:
    return _person(session, uuid, "actor").id if uuid else None


def _objective(session: Session, uuid: str) -> Objective:
    objective = by_uuid(session, Objective, uuid, "objective")
    return objective


def _goal(session: Session, uuid: str | None) -> Goal | None:
    if not uuid:
        return None
    goal = session.scalar(select(Goal).where(Goal.uuid == uuid))
    if goal is None:
        raise FieldError("goal", "Goal: that goal is no longer in the database.")
    if goal.status is GoalStatus.ARCHIVED:
        raise FieldError("goal", f"Goal: “{goal.title}” is archived; choose an active goal.")
    return goal


def read_level(value: LevelIn, measure: Measure, label: str, field_name: str) -> float | None:
    """A level from the form: numbers are already in base units, text is read in the measure's unit."""
    if isinstance(value, str):
        parsed = parse_level(value, measure.unit, label, field_name)
        return parsed.value if parsed else None
    return None if value is None else float(value)


def read_weight(value: float | str | None) -> float | None:
    if isinstance(value, str):
        value = parse_weight(value)
    return weight_fraction(value)


def _context(session: Session, person: Person, kind: MeasureKind, kpi_code: str | None,
             behaviour_uuid: str | None, start: date, goal: Goal | None) -> tuple[SmartContext, object]:
    measure, source = resolve_measure(session, kind, kpi_code, behaviour_uuid)
    past = history(session, person.id, source, measure, start)
    fit, role = role_set_fit(session, person.id, source.id if isinstance(source, KpiDefinition) else None, start)
    return SmartContext(measure, past.baseline, past.own_values, past.team_values, fit, role,
                        goal.title if goal else None), source


def smart_context(db: Database, person_uuid: str, kind: MeasureKind, kpi_code: str | None = None,
                  behaviour_uuid: str | None = None, start: date | None = None,
                  goal_uuid: str | None = None) -> SmartContext:
    """The baseline and history for a form's live SMART check (measure, start and goal as chosen so far)."""
    with db.session() as session:
        person = _person(session, person_uuid)
        goal = session.scalar(select(Goal).where(Goal.uuid == goal_uuid)) if goal_uuid else None
        return _context(session, person, kind, kpi_code, behaviour_uuid, start or date.today(), goal)[0]


def check_objective(db: Database, data: ObjectiveInput, on: date | None = None) -> SmartResult:
    """The SMART check of a form's content, as the save and agree steps will see it."""
    with db.session() as session:
        person = _person(session, data.person_uuid)
        goal = session.scalar(select(Goal).where(Goal.uuid == data.goal_uuid)) if data.goal_uuid else None
        context, _ = _context(session, person, data.measure_kind, data.kpi_code, data.behaviour_uuid,
                              data.start_date or on or date.today(), goal)
        m = context.measure
        levels = Levels(read_level(data.commit, m, "Commit level", "commit"),
                        read_level(data.target, m, "Target", "target"),
                        read_level(data.stretch, m, "Stretch level", "stretch"))
        baseline = read_level(data.baseline, m, "Baseline", "baseline")
        return check(context.smart_input(data.statement, levels, data.start_date, data.due_date, baseline,
                                         on or date.today()))


def _stored_check(session: Session, objective: Objective, on: date) -> SmartResult:
    person = session.get(Person, objective.person_id)
    goal = session.get(Goal, objective.goal_id) if objective.goal_id else None
    kpi_code = session.get(KpiDefinition, objective.kpi_id).code if objective.kpi_id else None
    behaviour = session.get(Behaviour, objective.behaviour_id) if objective.behaviour_id else None
    context, _ = _context(session, person, objective.measure_kind, kpi_code, behaviour.uuid if behaviour else None,
                          objective.start_date, goal)
    levels = Levels(objective.commit_level, objective.target_level, objective.stretch_level)
    return check(context.smart_input(objective.statement, levels, objective.start_date, objective.due_date,
                                     objective.baseline, on))


def _explain_failures(result: SmartResult) -> str:
    return " ".join(f"{c.letter} ({c.name}): {c.message}" for c in result.failing)


# -- writing ----------------------------------------------------------------------------------------------------------

def _apply(session: Session, objective: Objective, data: ObjectiveInput) -> Measure:
    statement = " ".join((data.statement or "").split())
    if not statement:
        raise FieldError("statement", "Statement: say what will change; it cannot be empty.")
    if len(statement) > STATEMENT_LIMIT:
        raise FieldError("statement", f"Statement: {len(statement)} characters is too long "
                                      f"({STATEMENT_LIMIT} at most).")
    check_dates(data.start_date, data.due_date)
    assert data.start_date is not None and data.due_date is not None
    measure, source = resolve_measure(session, data.measure_kind, data.kpi_code, data.behaviour_uuid)
    levels = Levels(read_level(data.commit, measure, "Commit level", "commit"),
                    read_level(data.target, measure, "Target", "target"),
                    read_level(data.stretch, measure, "Stretch level", "stretch"))
    check_levels(levels, measure.direction, lambda v: format_value(v, measure.unit, measure.display_format))
    weight = read_weight(data.weight_percent)
    goal = _goal(session, data.goal_uuid)
    baseline = read_level(data.baseline, measure, "Baseline", "baseline")
    if baseline is None:
        baseline = history(session, objective.person_id, source, measure, data.start_date).baseline
    objective.statement = statement
    objective.measure_kind = measure.kind
    objective.kpi_id = source.id if isinstance(source, KpiDefinition) else None
    objective.behaviour_id = source.id if isinstance(source, Behaviour) else None
    objective.baseline = baseline
    objective.commit_level, objective.target_level, objective.stretch_level = levels.commit, levels.target, \
        levels.stretch
    objective.start_date, objective.due_date = data.start_date, data.due_date
    objective.weight = weight
    objective.goal_id = goal.id if goal else None
    return measure


def _snapshot(session: Session, o: Objective) -> dict[str, str | None]:
    def num(value: float | None) -> str | None:
        return None if value is None else repr(float(value))

    measure = stored_measure(session, o.kpi_id, o.behaviour_id)
    goal_uuid = session.scalar(select(Goal.uuid).where(Goal.id == o.goal_id)) if o.goal_id else None
    return {"statement": o.statement, "measure": f"{o.measure_kind.value}:{measure.key}" if measure else None,
            "baseline": num(o.baseline), "commit_level": num(o.commit_level), "target_level": num(o.target_level),
            "stretch_level": num(o.stretch_level), "start_date": o.start_date.isoformat() if o.start_date else None,
            "due_date": o.due_date.isoformat() if o.due_date else None, "weight": num(o.weight), "goal": goal_uuid}


def _record_changes(session: Session, objective: Objective, before: dict, after: dict, actor: int | None,
                    reason: str | None) -> list[str]:
    changed = [f for f in TRACKED if before.get(f) != after.get(f)]
    now = utcnow()
    for name in changed:
        session.add(ObjectiveChange(objective_id=objective.id, changed_at=now, changed_by_id=actor, field=name,
                                    old_value=before.get(name), new_value=after.get(name),
                                    reason=(reason or "").strip() or None))
    return changed


def create_objective(db: Database, data: ObjectiveInput, actor_uuid: str | None = None,
                     template_id: int | None = None) -> ObjectiveDetail:
    """A draft objective; its baseline comes from the person's own history unless one is given."""
    with saving(), db.unit_of_work() as session:
        objective = create_objective_in(session, data, actor_uuid, template_id)
        uuid = objective.uuid
    return objective_detail(db, uuid)


def create_objective_in(session: Session, data: ObjectiveInput, actor_uuid: str | None = None,
                        template_id: int | None = None) -> Objective:
    person = _person(session, data.person_uuid)
    actor = _actor_id(session, actor_uuid)
    objective = Objective(person_id=person.id, status=ObjectiveStatus.DRAFT, created_by_id=actor,
                          template_id=template_id)
    _apply(session, objective, data)
    session.add(objective)
    session.flush()
    session.add(ObjectiveChange(objective_id=objective.id, changed_at=utcnow(), changed_by_id=actor, field="status",
                                old_value=None, new_value=ObjectiveStatus.DRAFT.value, reason="created"))
    common_api.record(session, AuditAction.CREATE, "objective", objective.uuid,
                 f"Objective for {person.display_name} added: {objective.statement[:80]}", actor_id=actor)
    return objective


def update_objective(db: Database, objective_uuid: str, data: ObjectiveInput, expected_version: int | None = None,
                     actor_uuid: str | None = None, reason: str | None = None,
                     on: date | None = None, overwriting: ConflictError | None = None) -> ObjectiveDetail:
    """Save the objective form. A closed objective must be reopened first; an agreed one stays agreed only if it
    still passes the SMART check, or with an override reason. A stale ``expected_version`` raises a
    ``ConflictError`` with both versions; ``overwriting`` (that error, after the user chose to keep theirs) is
    recorded in the audit log."""
    with saving(), db.unit_of_work(immediate=True) as session:
        objective = common_api.locked(session, Objective, objective_uuid, "objective")
        if expected_version is not None and objective.version != expected_version:
            _raise_conflict(session, objective, data, expected_version)
        common_api.record_overwrite(session, "objective", objective.uuid, overwriting)
        if objective.status not in OPEN_STATUSES:
            raise FieldError("status", f"Status: the objective is {objective.status.value}; reopen it before "
                                       "editing it.")
        person = session.get(Person, objective.person_id)
        if data.person_uuid and data.person_uuid != person.uuid:
            raise FieldError("person", "Person: an objective stays with its person; create a new one instead.")
        before = _snapshot(session, objective)
        _apply(session, objective, data)
        session.flush()
        actor = _actor_id(session, actor_uuid)
        changed = _record_changes(session, objective, before, _snapshot(session, objective), actor, reason)
        override = (data.override_reason or "").strip() or None
        if objective.status is ObjectiveStatus.AGREED:
            result = _stored_check(session, objective, on or date.today())
            if not result.passes and not (override or objective.smart_override_reason):
                raise FieldError("override_reason", "Override reason: the agreed objective would now fail its "
                                 f"SMART check. {_explain_failures(result)} Write why it stays agreed anyway.")
        if override != objective.smart_override_reason and override is not None:
            objective.smart_override_reason = override
        if changed:
            common_api.record(session, AuditAction.UPDATE, "objective", objective.uuid,
                         f"Objective of {person.display_name} edited: {', '.join(changed)}", actor_id=actor)
    return objective_detail(db, objective_uuid)


def _raise_conflict(session: Session, objective: Objective, data: ObjectiveInput, expected_version: int) -> None:
    person = session.get(Person, objective.person_id)
    label = f"The objective of {person.display_name}"
    theirs, stored_version = common_api.objective_values(session, objective), objective.version
    try:  # mine, read exactly as a save would read it (the whole unit of work is rolled back by the conflict)
        _apply(session, objective, data)
        mine = common_api.objective_values(session, objective)
    except CoachDeskError:
        mine = common_api.objective_input_values(data)
    common_api.check(stored_version, expected_version, "objective", label, lambda: theirs, lambda: mine)


def set_status(db: Database, objective_uuid: str, status: ObjectiveStatus, actor_uuid: str | None = None,
               reason: str | None = None, override_reason: str | None = None, expected_version: int | None = None,
               on: date | None = None) -> ObjectiveDetail:
    """Move an objective along its lifecycle, recording who and when. Agreeing runs the SMART check: a failing
    letter needs ``override_reason``, which is kept on the objective."""
    with saving(), db.unit_of_work() as session:
        set_status_in(session, _objective(session, objective_uuid), status, actor_uuid, reason, override_reason,
                      expected_version, on)
    return objective_detail(db, objective_uuid)


def set_status_in(session: Session, objective: Objective, status: ObjectiveStatus, actor_uuid: str | None = None,
                  reason: str | None = None, override_reason: str | None = None,
                  expected_version: int | None = None, on: date | None = None) -> None:
    status = ObjectiveStatus(status)
    if expected_version is not None:
        check_version(objective.version, expected_version, "The objective")
    old = objective.status
    check_transition(old, status, reason)
    override = (override_reason or "").strip() or None
    overridden = False
    if status is ObjectiveStatus.AGREED:
        result = _stored_check(session, objective, on or date.today())
        if not result.passes:
            overridden = True
            if not override:
                raise FieldError("override_reason", f"Override reason: the SMART check fails. "
                                 f"{_explain_failures(result)} Fix it, or write why you agree it anyway.")
            objective.smart_override_reason = override
    actor = _actor_id(session, actor_uuid)
    now = utcnow()
    objective.status, objective.status_changed_at, objective.status_changed_by_id = status, now, actor
    note = (reason or "").strip() or None
    if overridden:
        note = f"SMART override: {override}" + (f" — {note}" if note else "")
    session.add(ObjectiveChange(objective_id=objective.id, changed_at=now, changed_by_id=actor, field="status",
                                old_value=old.value, new_value=status.value, reason=note))
    person = session.get(Person, objective.person_id)
    common_api.record(session, AuditAction.UPDATE, "objective", objective.uuid,
                 f"Objective of {person.display_name}: {old.value} -> {status.value}", actor_id=actor)


# -- reading ----------------------------------------------------------------------------------------------------------

def measure_choices(db: Database) -> list[Measure]:
    """What an objective can be measured by: the active KPIs in catalogue order, then the behaviours of the active
    frameworks (latest revision of each)."""
    from coachdesk.services.goals.objective_measures import behaviour_measure, kpi_measure
    from coachdesk.storage.models import BehaviourFramework

    with db.session() as session:
        kpis = [kpi_measure(k) for k in session.scalars(select(KpiDefinition).where(KpiDefinition.is_active.is_(True))
                                                        .order_by(KpiDefinition.sort_order, KpiDefinition.code))]
        latest: dict[str, BehaviourFramework] = {}
        for framework in session.scalars(select(BehaviourFramework).where(BehaviourFramework.is_active.is_(True))):
            if framework.name not in latest or framework.revision > latest[framework.name].revision:
                latest[framework.name] = framework
        behaviours = [behaviour_measure(b) for b in session.scalars(
            select(Behaviour).where(Behaviour.framework_id.in_([f.id for f in latest.values()]))
            .order_by(Behaviour.sort_order, Behaviour.id))]
        return kpis + behaviours


def _show_change(session: Session, name: str, value: str | None, measure: Measure | None) -> str | None:
    if value is None:
        return None
    if name in LEVEL_FIELDS and measure is not None:
        return format_value(float(value), measure.unit, measure.display_format)
    if name == "weight":
        return f"{float(value) * 100:g}%"
    if name == "goal":
        return session.scalar(select(Goal.title).where(Goal.uuid == value)) or value
    return value


def objective_detail(db: Database, objective_uuid: str) -> ObjectiveDetail:
    with db.session() as session:
        o = _objective(session, objective_uuid)
        person = session.get(Person, o.person_id)
        measure = stored_measure(session, o.kpi_id, o.behaviour_id)
        names = dict(session.execute(select(Person.id, Person.display_name)).all())
        changes = tuple(
            ChangeRow(c.changed_at, names.get(c.changed_by_id), c.field,
                      _show_change(session, c.field, c.old_value, measure),
                      _show_change(session, c.field, c.new_value, measure), c.reason)
            for c in session.scalars(select(ObjectiveChange).where(ObjectiveChange.objective_id == o.id)
                                     .order_by(ObjectiveChange.changed_at, ObjectiveChange.id)))
        goal_uuid = chain(session, o.goal_id)[0].uuid if o.goal_id else None
        template_uuid = session.scalar(select(ObjectiveTemplate.uuid).where(ObjectiveTemplate.id == o.template_id)) \
            if o.template_id else None
        return ObjectiveDetail(
            uuid=o.uuid, version=o.version, person_uuid=person.uuid, person_name=person.display_name,
            statement=o.statement, measure=measure, baseline=o.baseline, commit=o.commit_level,
            target=o.target_level, stretch=o.stretch_level, start_date=o.start_date, due_date=o.due_date,
            weight_percent=None if o.weight is None else round(o.weight * 100, 4), goal_uuid=goal_uuid,
            template_uuid=template_uuid, status=o.status, status_changed_at=o.status_changed_at,
            status_changed_by=names.get(o.status_changed_by_id), smart_override_reason=o.smart_override_reason,
            changes=changes)


def smart_result(db: Database, objective_uuid: str, on: date | None = None) -> SmartResult:
    """The SMART check of a stored objective."""
    with db.session() as session:
        return _stored_check(session, _objective(session, objective_uuid), on or date.today())
