"""Gathering the team summary (KPIs against target per agent, coaching activity, recognitions) for one period."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from statistics import median

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import MeasureKind, MembershipRole, Role, SessionStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.kpi_math import aggregate
from coachdesk.domain.kpi_scales import far_gap
from coachdesk.domain.objectives import Band, Levels, band
from coachdesk.domain.observation_rules import timeliness
from coachdesk.reports.model import TeamAgentRow, TeamKpiCell, TeamSummaryDoc
from coachdesk.services.goals import kpi_series
from coachdesk.services.reports.report_data import agent_recognitions, check_period, local_start
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Feedback,
    KpiDefinition,
    Objective,
    ObservationSession,
    OneToOne,
    Person,
    RoleKpi,
    Team,
    TeamMembership,
)

#: KPI columns of the team table
KPI_COLUMNS = 5
_BAND_CLASS = {Band.EXCEEDED: "good", Band.ON_TARGET: "good", Band.BELOW: "warn", Band.FAR_BELOW: "bad"}


def month_bounds(text: str) -> tuple[date, date]:
    """``YYYY-MM`` -> the first and last day of that month."""
    try:
        first = date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        raise ValidationError(f"Month: {text!r} is not a month: write it as YYYY-MM.") from None
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def _overlapping(start: date, end: date):  # noqa: ANN202
    return and_(or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= end),
                or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= start))


def members(session: Session, team_id: int, start: date, end: date) -> list[tuple[int, str, str]]:
    """(id, uuid, name) of the team's members at any time in the period, by name."""
    return [tuple(r) for r in session.execute(
        select(Person.id, Person.uuid, Person.display_name)
        .join(TeamMembership, TeamMembership.person_id == Person.id)
        .where(TeamMembership.team_id == team_id, TeamMembership.role == MembershipRole.MEMBER,
               _overlapping(start, end))
        .distinct().order_by(Person.display_name, Person.id)).all()]


def _kpis(session: Session) -> list[KpiDefinition]:
    by_id = {k.id: k for k in session.scalars(select(KpiDefinition).where(KpiDefinition.is_active.is_(True)))}
    chosen = []
    for kpi_id in session.scalars(select(RoleKpi.kpi_id).where(RoleKpi.role == Role.AGENT).order_by(
            RoleKpi.sort_order)):
        kpi = by_id.get(kpi_id)
        if kpi is not None and kpi not in chosen and kpi.unit.value != "count":
            chosen.append(kpi)
    return chosen[:KPI_COLUMNS]


def _kpi_cells(session: Session, ids: list[int], kpis: list[KpiDefinition], start: date, end: date
               ) -> dict[int, list[TeamKpiCell]]:
    objectives: dict[tuple[int, int], Objective] = {}
    for o in session.scalars(select(Objective).where(
            Objective.person_id.in_(ids), Objective.measure_kind == MeasureKind.KPI, Objective.start_date <= end,
            Objective.due_date >= start).order_by(Objective.due_date)):
        objectives[(o.person_id, o.kpi_id)] = o
    cells: dict[int, list[TeamKpiCell]] = {i: [] for i in ids}
    for kpi in kpis:
        series = kpi_series(session, set(ids), kpi, start, end)
        for person_id in ids:
            value = aggregate(series.get(person_id, []), kpi.aggregation).value
            objective = objectives.get((person_id, kpi.id))
            text = format_value(value, kpi.unit, kpi.display_format) if value is not None else "–"
            if objective is None or objective.target_level is None or value is None:
                cells[person_id].append(TeamKpiCell(text, ""))
                continue
            levels = Levels(objective.commit_level, objective.target_level, objective.stretch_level)
            got = band(value, levels, kpi.direction, kpi.band_tolerance, objective.baseline,
                       far_gap(kpi.scale, kpi.unit, kpi.code, objective.target_level))
            target = format_value(objective.target_level, kpi.unit, kpi.display_format)
            cells[person_id].append(TeamKpiCell(text, _BAND_CLASS.get(got, ""), target))
    return cells


def team_summary(db: Database, team: str, start: date, end: date, heatmap_png: bytes | None = None
                 ) -> TeamSummaryDoc:
    """The team summary; ``team`` is a team's name or UUID."""
    from coachdesk.services import observation as observation_api
    from coachdesk.services.goals import find_team

    check_period(start, end)
    team_uuid, team_name = find_team(db, team)
    since, until = local_start(start), local_start(end + timedelta(days=1))
    with db.session() as session:
        team_id = session.scalar(select(Team.id).where(Team.uuid == team_uuid))
        people = members(session, team_id, start, end)
        ids = [p[0] for p in people]
        leader = session.scalar(select(Person.display_name).join(TeamMembership, TeamMembership.person_id == Person.id)
                                .where(TeamMembership.team_id == team_id, TeamMembership.role == MembershipRole.LEADER,
                                       _overlapping(start, end)).order_by(TeamMembership.start_date.desc()))
        kpis = _kpis(session)
        cells = _kpi_cells(session, ids, kpis, start, end)
        observed: dict[int, int] = defaultdict(int)
        for agent_id in session.scalars(select(ObservationSession.agent_id).where(
                ObservationSession.agent_id.in_(ids), ObservationSession.started_at >= since,
                ObservationSession.started_at < until, ObservationSession.status != SessionStatus.ABANDONED)):
            observed[agent_id] += 1
        delays: dict[int, list[float]] = defaultdict(list)
        given: dict[int, int] = defaultdict(int)
        for agent_id, delivered, ended in session.execute(
                select(Feedback.agent_id, Feedback.delivered_at, ObservationSession.ended_at)
                .outerjoin(ObservationSession, ObservationSession.id == Feedback.session_id)
                .where(Feedback.agent_id.in_(ids), Feedback.delivered_at >= since, Feedback.delivered_at < until)):
            given[agent_id] += 1
            delay = timeliness(ended, delivered)
            if delay is not None:
                delays[agent_id].append(delay.total_seconds() / 3600)
        held: dict[int, int] = defaultdict(int)
        for agent_id in session.scalars(select(OneToOne.agent_id).where(
                OneToOne.agent_id.in_(ids), OneToOne.held_at >= since, OneToOne.held_at < until)):
            held[agent_id] += 1
        recognised = {person_id: agent_recognitions(session, person_id, start, end) for person_id in ids}
    rows = []
    for person_id, uuid, name in people:
        score = observation_api.period_scores(db, uuid, start, end).overall
        rows.append(TeamAgentRow(name, tuple(cells[person_id]), observed[person_id], given[person_id],
                                 median(delays[person_id]) if delays[person_id] else None, held[person_id],
                                 len(recognised[person_id]), score.value))
    headers = tuple(k.code for k in kpis)
    return TeamSummaryDoc(team_name, leader or "", start, end, headers, tuple(rows),
                          tuple(sorted((r for rs in recognised.values() for r in rs), key=lambda r: r.recognised_on)),
                          heatmap_png)
