"""The team view: agents x behaviours (score and count, flagged when too few), agents x KPIs against their targets,
and which behaviours go with which KPIs in the team (per-agent correlation with n and a Fisher interval)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from coachdesk.domain.correlation import Correlation, correlate
from coachdesk.domain.enums import Aggregation, MeasureKind, Role, SessionStatus, Unit
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.kpi_scales import far_gap
from coachdesk.domain.objectives import Band, Levels, band
from coachdesk.domain.scores import MIN_OBSERVATIONS, Score, ScoredRating, behaviour_scores
from coachdesk.reports.charts.trend_data import HeatCell, HeatmapData
from coachdesk.services.goals import team_members
from coachdesk.services.trends.trends import local_start
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    BehaviourCategory,
    BehaviourKpiLink,
    BehaviourRating,
    KpiDefinition,
    KpiFigure,
    Objective,
    ObservationSession,
    ObservedInteraction,
    Person,
    RoleKpi,
    Team,
)

#: KPI columns of the team view: the agent role's KPI set, volumes left out
TEAM_KPIS = 6


@dataclass(frozen=True)
class KpiColumn:
    code: str
    name: str
    unit: Unit
    display_format: str
    direction: str


@dataclass(frozen=True)
class KpiCell:
    value: float | None
    text: str
    target: float | None
    target_text: str
    band: Band | None
    days: int


@dataclass(frozen=True)
class AgentRow:
    uuid: str
    name: str
    #: one per behaviour column (None when never scored)
    scores: tuple[Score | None, ...]
    kpis: tuple[KpiCell, ...]


@dataclass(frozen=True)
class CorrelationRow:
    behaviour: str
    kpi_code: str
    kpi_name: str
    #: r read in the KPI's direction: positive = a higher score goes with a better KPI
    correlation: Correlation
    expected: bool
    text: str


@dataclass(frozen=True)
class TeamView:
    team_uuid: str
    team_name: str
    start: date
    end: date
    behaviours: tuple[tuple[str, str], ...]  # (code, name)
    kpis: tuple[KpiColumn, ...]
    agents: tuple[AgentRow, ...]
    correlations: tuple[CorrelationRow, ...]

    def behaviour_heatmap(self) -> HeatmapData:
        """The agents x behaviours heat map for ``reports.charts.team_heatmap.draw_heatmap``."""
        cells = tuple(tuple(HeatCell(s.value, f"{s.value:.0f}\nn={s.n}", s.n, s.too_few) if s and s.value is not None
                            else HeatCell(None, "–") for s in a.scores) for a in self.agents)
        return HeatmapData(f"{self.team_name}: behaviour scores {self.start} to {self.end}", tuple(
            a.name for a in self.agents), tuple(name for _code, name in self.behaviours), cells,
            f"Scores 0-100 with the observations behind them; hatched: fewer than {MIN_OBSERVATIONS}, too few to "
            "compare.")


def _team(session: Session, team_uuid: str) -> Team:
    team = by_uuid(session, Team, team_uuid, "team")
    return team


def _kpi_columns(session: Session) -> list[KpiDefinition]:
    chosen = []
    for kpi in session.scalars(select(KpiDefinition).join(RoleKpi, RoleKpi.kpi_id == KpiDefinition.id)
                               .where(RoleKpi.role == Role.AGENT, KpiDefinition.is_active.is_(True))
                               .order_by(RoleKpi.sort_order)):
        if kpi.unit is not Unit.COUNT and kpi not in chosen:
            chosen.append(kpi)
    return chosen[:TEAM_KPIS]


def _scores(session: Session, members: list[int], start: date, end: date
            ) -> tuple[dict[int, dict[str, Score]], list[tuple[str, str]]]:
    rows = session.execute(
        select(ObservationSession.agent_id, BehaviourRating.session_id, BehaviourRating.interaction_id,
               BehaviourRating.score, Behaviour.code, Behaviour.name, BehaviourCategory.name,
               ObservedInteraction.reference)
        .join(ObservationSession, ObservationSession.id == BehaviourRating.session_id)
        .join(Behaviour, Behaviour.id == BehaviourRating.behaviour_id)
        .outerjoin(BehaviourCategory, BehaviourCategory.id == Behaviour.category_id)
        .outerjoin(ObservedInteraction, ObservedInteraction.id == BehaviourRating.interaction_id)
        .where(ObservationSession.agent_id.in_(members), ObservationSession.status != SessionStatus.ABANDONED,
               ObservationSession.started_at >= local_start(start),
               ObservationSession.started_at < local_start(end + timedelta(days=1)))
        .order_by(BehaviourCategory.sort_order, Behaviour.sort_order)).all()
    ratings: dict[int, list[ScoredRating]] = defaultdict(list)
    names: dict[str, str] = {}
    for agent, session_id, interaction_id, score, code, name, category, reference in rows:
        observation = f"ref:{reference}" if reference else f"i:{interaction_id}" if interaction_id else \
            f"s:{session_id}"
        ratings[agent].append(ScoredRating(code, category or "", score, observation))
        names.setdefault(code, name)
    return {agent: behaviour_scores(r) for agent, r in ratings.items()}, list(names.items())


def person_aggregates(session: Session, members: list[int], kpi: KpiDefinition, start: date, end: date
                      ) -> dict[int, tuple[float | None, int]]:
    """Each member's (value, days) of ``kpi`` over figures ending from ``start`` to ``end``, by the KPI's rule as
    ``kpi_math.aggregate`` has it, summed in SQL (a row per person instead of one per day): a weighted mean counts
    the days with a volume above 0; without any volume figure it is the plain mean; with only zero volumes, none."""
    if not members:
        return {}
    where = (KpiFigure.kpi_id == kpi.id, KpiFigure.person_id.in_(members), KpiFigure.period_end >= start,
             KpiFigure.period_end <= end)
    plain = {pid: (total, count) for pid, total, count in session.execute(
        select(KpiFigure.person_id, func.sum(KpiFigure.value), func.count()).where(*where)
        .group_by(KpiFigure.person_id))}
    if kpi.aggregation is Aggregation.SUM:
        return {pid: (float(total), count) for pid, (total, count) in plain.items()}
    out = {pid: (float(total) / count, count) for pid, (total, count) in plain.items() if count}
    if kpi.aggregation is Aggregation.WEIGHTED_MEAN and kpi.weight_kpi_id is not None:
        weight = aliased(KpiFigure)
        joined = and_(weight.person_id == KpiFigure.person_id, weight.kpi_id == kpi.weight_kpi_id,
                      weight.period_start == KpiFigure.period_start, weight.period_end == KpiFigure.period_end)
        for pid, numerator, volume, days in session.execute(
                select(KpiFigure.person_id, func.sum(case((weight.value > 0, KpiFigure.value * weight.value),
                                                          else_=0.0)),
                       func.sum(case((weight.value > 0, weight.value), else_=0.0)),
                       func.sum(case((weight.value > 0, 1), else_=0)))
                .join(weight, joined).where(*where).group_by(KpiFigure.person_id)):
            out[pid] = (float(numerator) / float(volume), int(days)) if volume and volume > 0 else (None, 0)
    return out


def _targets(session: Session, members: list[int], start: date, end: date) -> dict[tuple[int, int], Objective]:
    out: dict[tuple[int, int], Objective] = {}
    for objective in session.scalars(
            select(Objective).where(Objective.person_id.in_(members), Objective.measure_kind == MeasureKind.KPI,
                                    Objective.start_date <= end, Objective.due_date >= start)
            .order_by(Objective.due_date.desc())):
        out.setdefault((objective.person_id, objective.kpi_id), objective)
    return out


def load_team_view(db: Database, team_uuid: str, start: date, end: date) -> TeamView:
    """The team's members on ``end`` with their behaviour scores and KPI values over ``start``..``end``."""
    if end < start:
        raise ValidationError(f"Period: it ends ({end}) before it starts ({start}).")
    with db.session() as session:
        team = _team(session, team_uuid)
        members = team_members(session, team.id, end)
        people = dict(session.execute(select(Person.id, Person.display_name).where(Person.id.in_(members))).all())
        uuids = dict(session.execute(select(Person.id, Person.uuid).where(Person.id.in_(members))).all())
        scores, behaviours = _scores(session, members, start, end)
        kpis = _kpi_columns(session)
        targets = _targets(session, members, start, end)
        values: dict[tuple[int, int], tuple[float | None, int]] = {}
        for kpi in kpis:
            for person_id, result in person_aggregates(session, members, kpi, start, end).items():
                values[(person_id, kpi.id)] = result
        agents = []
        for person_id in sorted(members, key=lambda p: people.get(p, "").casefold()):
            cells = []
            for kpi in kpis:
                value, days = values.get((person_id, kpi.id), (None, 0))
                objective = targets.get((person_id, kpi.id))
                target = objective.target_level if objective else None
                levels = Levels(objective.commit_level, target, objective.stretch_level) if objective else Levels()
                cells.append(KpiCell(value, format_value(value, kpi.unit, kpi.display_format), target,
                                     format_value(target, kpi.unit, kpi.display_format),
                                     band(value, levels, kpi.direction, kpi.band_tolerance,
                                          objective.baseline if objective else None,
                                          far_gap(kpi.scale, kpi.unit, kpi.code, target)), days))
            own = scores.get(person_id, {})
            agents.append(AgentRow(uuids[person_id], people[person_id], tuple(own.get(c) for c, _n in behaviours),
                                   tuple(cells)))
        links = set(session.execute(select(Behaviour.code, KpiDefinition.code)
                                    .join(BehaviourKpiLink, BehaviourKpiLink.behaviour_id == Behaviour.id)
                                    .join(KpiDefinition, KpiDefinition.id == BehaviourKpiLink.kpi_id)).all())
        correlations = _correlations(agents, behaviours, kpis, links)
        return TeamView(team.uuid, team.name, start, end, tuple(behaviours),
                        tuple(KpiColumn(k.code, k.name, k.unit, k.display_format, k.direction.value) for k in kpis),
                        tuple(agents), tuple(correlations))


def _correlations(agents: list[AgentRow], behaviours: list[tuple[str, str]], kpis: list[KpiDefinition],
                  links: set[tuple[str, str]]) -> list[CorrelationRow]:
    """Every behaviour x KPI: agents with at least MIN_OBSERVATIONS observations and a KPI value are the pairs;
    the framework's expected links come first."""
    out = []
    for b, (code, name) in enumerate(behaviours):
        for k, kpi in enumerate(kpis):
            pairs = [(a.scores[b].value, a.kpis[k].value) for a in agents
                     if a.scores[b] is not None and a.scores[b].value is not None and not a.scores[b].too_few
                     and a.kpis[k].value is not None]
            result = correlate([p[0] for p in pairs], [p[1] for p in pairs]).in_direction(kpi.direction)
            if result.r is None:
                text = f"not enough data ({result.n} agents)"
            else:
                text = f"r = {result.r:+.2f} (95%: {result.low:+.2f} to {result.high:+.2f}; {result.n} agents)"
            out.append(CorrelationRow(name, kpi.code, kpi.name, result, (code, kpi.code) in links, text))
    out.sort(key=lambda r: (not r.expected, -(abs(r.correlation.r) if r.correlation.r is not None else -1)))
    return out

