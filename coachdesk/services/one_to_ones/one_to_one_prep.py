"""The prep sheet of an agent's next one-to-one: objectives with progress and a trend, KPI deltas since the last
one-to-one, observations and feedback since then, open actions and commitments, recognitions and the suggested
talking points with their reasons. Read-only; it feeds the Prepare view and the printed prep sheet."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from coachdesk.domain.enums import (
    Direction,
    ItemKind,
    ItemStatus,
    MembershipRole,
    NoteKind,
    OneToOneStatus,
    SessionStatus,
    Unit,
)
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.kpi_math import DayFigure, aggregate
from coachdesk.domain.objectives import OPEN_STATUSES, Levels, band
from coachdesk.domain.one_to_one_rules import (
    CARRIED_KINDS,
    FOLLOW_UP_STALE_DAYS,
    behaviour_low,
    cadence_days,
    commitment_not_met,
    due_state,
    follow_up_outcome,
    follow_up_passed,
    kpi_out_of_band,
    next_due,
    objective_due_soon,
    ordered,
)
from coachdesk.services.goals import progress_row, series_for, stored_measure, teams_at
from coachdesk.services.observation import session_sheets
from coachdesk.services.one_to_ones.one_to_one_types import (
    KpiDelta,
    PrepAgreed,
    PrepFeedback,
    PrepItem,
    PrepNote,
    PrepObjective,
    PrepObservation,
    PrepRecognition,
    PrepSheet,
    TrendPoint,
)
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    Feedback,
    KpiDefinition,
    Objective,
    ObservationNote,
    ObservationSession,
    OneToOne,
    OneToOneItem,
    Person,
    Recognition,
    Team,
    TeamMembership,
)

__all__ = ["PrepSheet", "prep_sheet"]

#: weeks in an objective's trend line
TREND_WEEKS = 8
#: without a previous one-to-one, "since" reaches this far back
DEFAULT_SINCE_DAYS = 30
#: the shortest window compared before/after the last one-to-one
MIN_WINDOW_DAYS = 7
#: observed sessions read for the "rated low" rule
LOW_RULE_DAYS = 120


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def prep_sheet(db: Database, agent_uuid: str, on: date | None = None) -> PrepSheet:
    """Everything a leader needs on one screen (or one page) before the agent's next one-to-one."""
    on = on or date.today()
    with db.session() as session:
        agent = by_uuid(session, Person, agent_uuid, "person", message=f"Prepare: no person has the id {agent_uuid!r}.")
        team_id = teams_at(session, {agent.id}, on).get(agent.id)
        team = session.get(Team, team_id) if team_id else None
        leader = _leader(session, team_id, on)
        last = session.execute(
            select(OneToOne.uuid, OneToOne.held_at).where(OneToOne.agent_id == agent.id,
                                                          OneToOne.held_at.is_not(None),
                                                          OneToOne.held_at < _start(on + timedelta(days=1)))
            .order_by(OneToOne.held_at.desc()).limit(1)).first()
        last_day = last[1].date() if last else None
        since = last_day or on - timedelta(days=DEFAULT_SINCE_DAYS)
        draft = session.execute(
            select(OneToOne.uuid, OneToOne.scheduled_for).where(OneToOne.agent_id == agent.id,
                                                                OneToOne.held_at.is_(None),
                                                                OneToOne.status == OneToOneStatus.DRAFT)
            .order_by(OneToOne.scheduled_for.desc()).limit(1)).first()
        last_next = session.scalar(select(OneToOne.next_date).where(OneToOne.uuid == last[0])) if last else None
        cadence = cadence_days(agent.one_to_one_cadence_days, team.one_to_one_cadence_days if team else None)
        planned = draft[1].date() if draft and draft[1] else last_next
        due = next_due(last_day, planned, cadence)

        objectives, deltas, points = _objectives(session, agent.id, agent_uuid, agent.display_name, on, since)
        observations, low_points = _observations(session, agent.id, on, since)
        strengths, opportunities, verbatims = _notes(session, agent.id, on, since)
        feedback, fb_points = _feedback(session, agent.id, on, since)
        items, item_points = _items(session, agent.id, on, last[0] if last else None)
        recognitions = _recognitions(session, agent.id, on, since)
        agreed_on, agreed = _agreed(session, agent.id, on)
        return PrepSheet(
            agent_uuid=agent_uuid, agent_name=agent.display_name, team=team.name if team else None, leader=leader,
            on=on, last_session_date=last_day, last_session_uuid=last[0] if last else None, since=since,
            next_session_uuid=draft[0] if draft else None,
            next_session_date=draft[1].date() if draft and draft[1] else None, cadence_days=cadence, due_date=due,
            due_state=due_state(due, on), objectives=objectives, kpi_deltas=deltas, observations=observations,
            feedback=feedback, strengths=strengths, opportunities=opportunities, verbatims=verbatims,
            open_items=items, recognitions=recognitions,
            talking_points=ordered([*item_points, *points, *low_points, *fb_points]), agreed=agreed,
            agreed_on=agreed_on)


#: what a one-to-one agrees that the next one reviews, in the order the sheet shows them
AGREED_KINDS = (ItemKind.EXPECTATION, ItemKind.MOTIVATOR, ItemKind.REWARD)


def _agreed(session: Session, person_id: int, on: date) -> tuple[date | None, tuple[PrepAgreed, ...]]:
    """The expectations, motivators and rewards of the latest one-to-one held by ``on`` that recorded any."""
    held = session.execute(
        select(OneToOne.id, OneToOne.held_at)
        .join(OneToOneItem, OneToOneItem.one_to_one_id == OneToOne.id)
        .where(OneToOne.agent_id == person_id, OneToOne.held_at.is_not(None),
               OneToOne.held_at < _start(on + timedelta(days=1)), OneToOneItem.kind.in_(list(AGREED_KINDS)))
        .order_by(OneToOne.held_at.desc(), OneToOne.id.desc()).limit(1)).first()
    if held is None:
        return None, ()
    items = session.scalars(select(OneToOneItem).where(OneToOneItem.one_to_one_id == held[0],
                                                       OneToOneItem.kind.in_(list(AGREED_KINDS)))
                            .order_by(OneToOneItem.id)).all()
    order = {kind: n for n, kind in enumerate(AGREED_KINDS)}
    rows = sorted(items, key=lambda i: order[ItemKind(i.kind)])
    return held[1].date(), tuple(PrepAgreed(ItemKind(i.kind), i.text, i.reward_scope.value if i.reward_scope else "")
                                 for i in rows)


def _leader(session: Session, team_id: int | None, on: date) -> str | None:
    if team_id is None:
        return None
    return session.scalar(
        select(Person.display_name).join(TeamMembership, TeamMembership.person_id == Person.id)
        .where(TeamMembership.team_id == team_id, TeamMembership.role == MembershipRole.LEADER,
               or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
               or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))
        .order_by(TeamMembership.id).limit(1))


def _change_text(before: float | None, since: float | None, unit: Unit, fmt: str, direction: Direction
                 ) -> tuple[str, bool | None]:
    if before is None or since is None:
        return "–", None
    diff = since - before
    if abs(diff) < 1e-9:
        return "no change", None
    better = (diff > 0) == (Direction(direction) is Direction.HIGHER_IS_BETTER)
    size = f"{abs(diff) * 100:.1f} pts" if Unit(unit) is Unit.PERCENT else format_value(abs(diff), unit, fmt)
    return f"{size} {'better' if better else 'worse'}", better


def _trend(figures: list[DayFigure], rule, on: date, start: date) -> tuple[TrendPoint, ...]:  # noqa: ANN001
    out = []
    for week in range(TREND_WEEKS - 1, -1, -1):
        last = on - timedelta(days=7 * week)
        first = last - timedelta(days=6)
        if last < start:
            continue
        value = aggregate([f for f in figures if first <= f.day <= last], rule).value
        if value is not None:
            out.append(TrendPoint(last, value))
    return tuple(out)


def _objectives(session: Session, person_id: int, person_uuid: str, name: str, on: date, since: date):  # noqa: ANN202
    rows = list(session.scalars(select(Objective).where(Objective.person_id == person_id,
                                                        Objective.status.in_(list(OPEN_STATUSES)))
                                .order_by(Objective.due_date, Objective.id)))
    window = max((on - since).days, MIN_WINDOW_DAYS)
    before_from = since - timedelta(days=window)
    groups: dict[tuple[int | None, int | None], list[Objective]] = defaultdict(list)
    for o in rows:
        groups[(o.kpi_id, o.behaviour_id)].append(o)
    objectives, deltas, points = [], [], []
    for key, items in groups.items():
        kpi_id, behaviour_id = key
        source = session.get(KpiDefinition, kpi_id) if kpi_id else session.get(Behaviour, behaviour_id) \
            if behaviour_id else None
        measure = stored_measure(session, kpi_id, behaviour_id)
        figures: list[DayFigure] = []
        if source is not None:
            first = min([before_from, on - timedelta(days=7 * TREND_WEEKS), *(o.start_date for o in items)])
            figures = series_for(session, {person_id}, source, first, on).get(person_id, [])
        for o in items:
            row = progress_row(o, person_uuid, name, None, measure, figures, (), None, on)
            rule = measure.aggregation if measure else None
            trend = _trend(figures, rule, on, o.start_date) if rule else ()
            objectives.append(PrepObjective(
                uuid=o.uuid, statement=o.statement, measure_name=row.measure_name, status=o.status,
                due_date=o.due_date, unit=row.unit, direction=row.direction, display_format=row.display_format,
                current=row.current, current_text=row.current_text, target=row.target, target_text=row.target_text,
                band=row.band, forecast_text=row.forecast_text, on_track=row.on_track, trend=trend, note=row.note))
            points.append(objective_due_soon(o.statement, o.due_date, on, row.band, o.status in OPEN_STATUSES))
            if measure is None or rule is None:
                continue
            levels = Levels(o.commit_level, o.target_level, o.stretch_level)
            before = aggregate([f for f in figures if before_from <= f.day < since], rule).value
            after = aggregate([f for f in figures if since <= f.day <= on], rule).value
            far = measure.far_gap(o.target_level)
            b_before = band(before, levels, measure.direction, measure.tolerance, o.baseline, far)
            b_since = band(after, levels, measure.direction, measure.tolerance, o.baseline, far)
            change, improved = _change_text(before, after, measure.unit, measure.display_format, measure.direction)
            unit, fmt = measure.unit, measure.display_format
            deltas.append(KpiDelta(measure.name, o.uuid, unit, measure.direction, before, after, o.target_level,
                                   format_value(before, unit, fmt), format_value(after, unit, fmt),
                                   format_value(o.target_level, unit, fmt), change,
                                   b_before, b_since, improved))
            points.append(kpi_out_of_band(measure.name, b_before, b_since, format_value(after, unit, fmt),
                                          format_value(o.target_level, unit, fmt)))
    return tuple(objectives), tuple(deltas), points


def _observations(session: Session, person_id: int, on: date, since: date):  # noqa: ANN202
    rows = session.execute(
        select(ObservationSession.id, ObservationSession.uuid, ObservationSession.started_at, Person.display_name)
        .outerjoin(Person, Person.id == ObservationSession.coach_id)
        .where(ObservationSession.agent_id == person_id, ObservationSession.status != SessionStatus.ABANDONED,
               ObservationSession.started_at >= _start(min(since, on - timedelta(days=LOW_RULE_DAYS))),
               ObservationSession.started_at < _start(on + timedelta(days=1)))
        .order_by(ObservationSession.started_at)).all()
    sheets = session_sheets(session, [r[0] for r in rows]) if rows else {}
    by_behaviour: dict[str, list[tuple[date, float]]] = defaultdict(list)
    names: dict[str, str] = {}
    listed = []
    for sid, uuid, started, observer in rows:
        sheet = sheets.get(sid)
        if sheet is None:
            continue
        for b in sheet.behaviours:
            if b.score.value is not None:
                by_behaviour[b.score.key].append((started.date(), b.score.value))
                names[b.score.key] = b.name
        if started.date() >= since:
            listed.append(PrepObservation(uuid, started.date(), observer, sheet.overall.value, sheet.overall.n))
    points = [behaviour_low(names[code], scores) for code, scores in by_behaviour.items()]
    return tuple(reversed(listed)), points


def _notes(session: Session, person_id: int, on: date, since: date):  # noqa: ANN202
    rows = session.execute(
        select(ObservationNote.kind, ObservationNote.text, ObservationNote.noted_at, Behaviour.name)
        .join(ObservationSession, ObservationSession.id == ObservationNote.session_id)
        .outerjoin(Behaviour, Behaviour.id == ObservationNote.behaviour_id)
        .where(ObservationSession.agent_id == person_id, ObservationSession.status != SessionStatus.ABANDONED,
               ObservationSession.started_at >= _start(since), ObservationSession.started_at < _start(on + timedelta(1)),
               ObservationNote.kind.in_([NoteKind.STRENGTH, NoteKind.OPPORTUNITY, NoteKind.VERBATIM]))
        .order_by(ObservationNote.noted_at.desc())).all()
    out: dict[NoteKind, list[PrepNote]] = defaultdict(list)
    for kind, text, noted_at, behaviour in rows:
        out[NoteKind(kind)].append(PrepNote(noted_at.date(), behaviour or "", text))
    return tuple(out[NoteKind.STRENGTH]), tuple(out[NoteKind.OPPORTUNITY]), tuple(out[NoteKind.VERBATIM])


def _feedback(session: Session, person_id: int, on: date, since: date):  # noqa: ANN202
    rows = session.execute(
        select(Feedback, Behaviour.name).outerjoin(Behaviour, Behaviour.id == Feedback.target_behaviour_id)
        .where(Feedback.agent_id == person_id, Feedback.delivered_at.is_not(None),
               Feedback.delivered_at < _start(on + timedelta(days=1)),
               or_(Feedback.delivered_at >= _start(since),
                   Feedback.follow_up_done_at >= _start(since),
                   and_(Feedback.follow_up_date >= on - timedelta(days=FOLLOW_UP_STALE_DAYS),
                        Feedback.follow_up_done_at.is_(None))))
        .order_by(Feedback.delivered_at.desc())).all()
    listed, points = [], []
    for fb, behaviour in rows:
        day = fb.delivered_at.date()
        done = fb.follow_up_done_at is not None
        if day >= since:
            listed.append(PrepFeedback(fb.uuid, day, fb.went_well or "", fb.to_improve or "",
                                       fb.agent_commitment or "", fb.follow_up_date, done,
                                       fb.follow_up_outcome.value if fb.follow_up_outcome else "",
                                       fb.follow_up_note or ""))
        points.append(follow_up_passed(fb.follow_up_date, done, day, on, behaviour or ""))
        if done and fb.follow_up_done_at >= _start(since):
            points.append(follow_up_outcome(fb.follow_up_outcome.value if fb.follow_up_outcome else None,
                                            fb.follow_up_note or "", fb.follow_up_done_at.date(), behaviour or ""))
    return tuple(listed), points


def _items(session: Session, person_id: int, on: date, last_uuid: str | None):  # noqa: ANN202
    """Open actions and commitments (wherever they now sit), and what the last one-to-one closed as not met."""
    owner = aliased(Person)
    rows = session.execute(
        select(OneToOneItem, owner.display_name, OneToOne.uuid, OneToOne.held_at, OneToOne.scheduled_for)
        .join(OneToOne, OneToOne.id == OneToOneItem.one_to_one_id)
        .outerjoin(owner, owner.id == OneToOneItem.owner_id)
        .where(OneToOne.agent_id == person_id, OneToOneItem.kind.in_(list(CARRIED_KINDS)))).all()
    by_id = {item.id: (item, held or scheduled) for item, _, _, held, scheduled in rows}
    open_items, points = [], []
    for item, owner_name, session_uuid, _held, _sched in rows:
        if item.status is ItemStatus.OPEN:
            times, origin, seen = 0, item, set()
            while origin.carried_from_id in by_id and origin.id not in seen:
                seen.add(origin.id)
                origin, times = by_id[origin.carried_from_id][0], times + 1
            at = by_id[origin.id][1]
            if at is not None and at.date() > on:
                continue  # agreed after the day the sheet is for
            overdue = item.due_date is not None and item.due_date < on
            open_items.append(PrepItem(item.uuid, item.kind, item.text, owner_name, item.due_date,
                                       at.date() if at else None, times, overdue))
            points.append(commitment_not_met(item.kind, item.text, item.status, item.due_date, on))
        elif item.status is ItemStatus.NOT_MET and (session_uuid == last_uuid or (
                item.closed_at is not None and item.closed_at.date() >= on - timedelta(days=31))):
            points.append(commitment_not_met(item.kind, item.text, item.status, item.due_date, on))
    open_items.sort(key=lambda i: (not i.overdue, i.due_date or date.max, i.text))
    return tuple(open_items), points


def _recognitions(session: Session, person_id: int, on: date, since: date) -> tuple[PrepRecognition, ...]:
    giver = aliased(Person)
    rows = session.execute(
        select(Recognition.recognised_on, Recognition.title, Recognition.given_by_name, giver.display_name)
        .outerjoin(giver, giver.id == Recognition.given_by_id)
        .where(Recognition.agent_id == person_id, Recognition.recognised_on >= since,
               Recognition.recognised_on <= on)
        .order_by(Recognition.recognised_on.desc())).all()
    return tuple(PrepRecognition(d, title, by_name or by) for d, title, by_name, by in rows)
