"""An agent's trends for the trend chart: KPI panels (own figures, team average, rolling mean, target band),
behaviour scores per category or behaviour with their counts, and coaching markers, as ``AgentTrendData``."""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from coachdesk.domain.enums import Aggregation, Direction, MeasureKind, Role, SessionStatus
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.domain.kpi_math import DayFigure, aggregate
from coachdesk.domain.objectives import OPEN_STATUSES
from coachdesk.domain.scores import MIN_OBSERVATIONS, ScoredRating, behaviour_scores, category_scores
from coachdesk.domain.stats_series import (
    ROLLING_POINTS,
    bucket_middle,
    bucket_start,
    check_granularity,
    rolling_mean,
)
from coachdesk.reports.charts.trend_data import (
    AgentTrendData,
    BehaviourPanel,
    BehaviourSeries,
    KpiPanel,
    Marker,
)
from coachdesk.services.goals import kpi_series, team_at, team_members
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Behaviour,
    BehaviourCategory,
    BehaviourFramework,
    BehaviourRating,
    Feedback,
    ImportBatch,
    KpiDefinition,
    KpiFigure,
    Objective,
    ObservationSession,
    ObservedInteraction,
    OneToOne,
    Person,
    Recognition,
    RoleKpi,
)

#: KPI panels shown when the leader picked none: the agent's objectives first, then their role's KPI set
DEFAULT_PANELS = 4
BY_CATEGORY, BY_BEHAVIOUR = "category", "behaviour"


def local_start(day: date) -> datetime:
    """The first instant of a local calendar day, as an aware datetime."""
    return datetime.combine(day, time.min).astimezone()


def local_day(instant: datetime) -> date:
    return instant.astimezone().date()


def agent_id(session: Session, agent_uuid: str) -> tuple[int, str]:
    row = session.execute(select(Person.id, Person.display_name).where(Person.uuid == agent_uuid)).first()
    if row is None:
        raise NotFound("That agent is no longer in the database.")
    return row[0], row[1]


# -- KPIs -------------------------------------------------------------------------------------------------------------
def pick_kpis(session: Session, person_id: int, kpi_codes: list[str] | None, start: date, end: date,
              limit: int = DEFAULT_PANELS) -> tuple[list[KpiDefinition], dict[int, Objective]]:
    """The KPIs to draw (the codes given, else the agent's objectives, then their role's KPI set) and the
    objective behind each KPI that has one (the open objective overlapping the period, latest first)."""
    objectives: dict[int, Objective] = {}
    for objective in session.scalars(
            select(Objective).where(Objective.person_id == person_id, Objective.measure_kind == MeasureKind.KPI,
                                    Objective.start_date <= end, Objective.due_date >= start,
                                    Objective.kpi_id.is_not(None))
            .order_by(Objective.status.in_(OPEN_STATUSES).desc(), Objective.due_date.desc())):
        objectives.setdefault(objective.kpi_id, objective)
    by_id = {k.id: k for k in session.scalars(select(KpiDefinition))}
    if kpi_codes:
        by_code = {k.code.upper(): k for k in by_id.values()}
        missing = [c for c in kpi_codes if c.strip().upper() not in by_code]
        if missing:
            raise NotFound(f"KPIs: no KPI has the code {missing[0]!r}.")
        return [by_code[c.strip().upper()] for c in kpi_codes], objectives
    chosen = [by_id[k] for k in objectives if by_id[k].is_active][:limit]
    if len(chosen) < limit:
        for kpi_id in session.scalars(select(RoleKpi.kpi_id).where(RoleKpi.role == Role.AGENT)
                                      .order_by(RoleKpi.sort_order)):
            if len(chosen) >= limit:
                break
            kpi = by_id.get(kpi_id)
            if kpi is not None and kpi not in chosen and kpi.is_active and kpi.unit.value != "count":
                chosen.append(kpi)
    return chosen, objectives


def bucket_values(figures: list[DayFigure], rule: Aggregation, granularity: str) -> list[tuple[date, float]]:
    grouped: dict[date, list[DayFigure]] = defaultdict(list)
    for f in figures:
        grouped[bucket_start(f.day, granularity)].append(f)
    out = []
    for first in sorted(grouped):
        value = aggregate(grouped[first], rule).value
        if value is not None:
            out.append((bucket_middle(first, granularity), value))
    return out


#: team averages by (database, members, KPI, period, figures stamp): agents of one team share them
_TEAM_CACHE: dict[tuple, list[tuple[date, float, float, int]]] = {}
_TEAM_CACHE_SIZE = 256
_TEAM_CACHE_LOCK = threading.Lock()


def clear_team_cache() -> None:
    """Forget the cached team averages (a benchmark starts cold with it)."""
    with _TEAM_CACHE_LOCK:
        _TEAM_CACHE.clear()


def figures_stamp(session: Session) -> tuple:
    """Changes whenever figures are imported or an import is undone (new rows, new or fewer batches)."""
    return (session.scalar(select(func.max(KpiFigure.id))), session.scalar(select(func.max(ImportBatch.id))),
            session.scalar(select(func.count()).select_from(ImportBatch)))


def team_daily(session: Session, members: list[int], kpi: KpiDefinition, start: date, end: date,
               stamp: tuple | None = None) -> list[tuple[date, float, float, int]]:
    """Per day over the team: (day, sum of values or of value x volume, sum of volumes, figures), summed in SQL;
    kept in a small cache keyed by the figures' ``stamp`` (pass ``figures_stamp(session)``), so the next agent of
    the same team reads it from memory."""
    if not members:
        return []
    key = None
    if stamp is not None:
        key = (str(session.get_bind().url), tuple(sorted(members)), kpi.id, kpi.aggregation, kpi.weight_kpi_id,
               start, end, stamp)
        with _TEAM_CACHE_LOCK:
            if key in _TEAM_CACHE:
                return _TEAM_CACHE[key]
    daily = _team_daily(session, members, kpi, start, end)
    if key is not None:
        with _TEAM_CACHE_LOCK:
            if len(_TEAM_CACHE) >= _TEAM_CACHE_SIZE:
                _TEAM_CACHE.pop(next(iter(_TEAM_CACHE)))
            _TEAM_CACHE[key] = daily
    return daily


def _team_daily(session: Session, members: list[int], kpi: KpiDefinition, start: date, end: date
                ) -> list[tuple[date, float, float, int]]:
    if kpi.aggregation is Aggregation.WEIGHTED_MEAN and kpi.weight_kpi_id is not None:
        weight = aliased(KpiFigure)
        query = (select(KpiFigure.period_end, func.sum(KpiFigure.value * weight.value), func.sum(weight.value),
                        func.count())
                 .join(weight, and_(weight.person_id == KpiFigure.person_id, weight.kpi_id == kpi.weight_kpi_id,
                                    weight.period_start == KpiFigure.period_start,
                                    weight.period_end == KpiFigure.period_end)))
    else:
        query = select(KpiFigure.period_end, func.sum(KpiFigure.value), func.count(), func.count())
    rows = session.execute(query.where(KpiFigure.kpi_id == kpi.id, KpiFigure.person_id.in_(members),
                                       KpiFigure.period_end >= start, KpiFigure.period_end <= end)
                           .group_by(KpiFigure.period_end)).all()
    return [(day, float(total or 0.0), float(weight or 0.0), count) for day, total, weight, count in rows]


def team_average(daily: list[tuple[date, float, float, int]], rule: Aggregation, granularity: str
                 ) -> list[tuple[date, float]]:
    """The team's value per bucket: Σ value x volume / Σ volume for weighted means, the mean figure for means, and
    the mean agent's total (Σ of each day's mean) for sums."""
    buckets: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for day, total, weight, count in daily:
        cell = buckets[bucket_start(day, granularity)]
        if rule is Aggregation.SUM:
            cell[0] += total / count if count else 0.0
            cell[1] = 1.0
        else:
            cell[0] += total
            cell[1] += weight
    return [(bucket_middle(first, granularity), num / den) for first, (num, den) in sorted(buckets.items()) if den > 0]


def band_of(kpi: KpiDefinition, objective: Objective | None) -> tuple[float | None, float | None, float | None]:
    """(target, band low, band high): the on-target band runs from target - tolerance on the worse side to the
    stretch level (or target + tolerance) on the better side; the tolerance is capped as in ``domain.objectives``."""
    if objective is None or objective.target_level is None:
        return None, None, None
    target = objective.target_level
    t = abs(kpi.band_tolerance or 0.0)
    if objective.commit_level is not None:
        t = min(t, abs(target - objective.commit_level) / 2)
    better = 1.0 if kpi.direction is Direction.HIGHER_IS_BETTER else -1.0
    far = objective.stretch_level if objective.stretch_level is not None else target + better * t
    return target, target - better * t, far


def kpi_panel(session: Session, person_id: int, kpi: KpiDefinition, objective: Objective | None,
              members: list[int], start: date, end: date, granularity: str, stamp: tuple | None = None) -> KpiPanel:
    own = kpi_series(session, {person_id}, kpi, start, end).get(person_id, [])
    points = bucket_values(own, kpi.aggregation, granularity)
    team = team_average(team_daily(session, members, kpi, start, end, stamp), kpi.aggregation, granularity)
    target, low, high = band_of(kpi, objective)
    return KpiPanel(kpi.code, kpi.name, kpi.unit.value, kpi.display_format, kpi.direction.value, tuple(points),
                    tuple(rolling_mean(points, ROLLING_POINTS[granularity])), tuple(team), target, low, high,
                    len(own))


# -- behaviours -------------------------------------------------------------------------------------------------------
def framework_series(session: Session, by: str) -> dict[str, str]:
    """{key: label} of the active frameworks' categories (or behaviours, by code), in their order."""
    if by == BY_BEHAVIOUR:
        rows = session.execute(select(Behaviour.code, Behaviour.name)
                               .join(BehaviourFramework, BehaviourFramework.id == Behaviour.framework_id)
                               .where(BehaviourFramework.is_active.is_(True))
                               .order_by(BehaviourFramework.id, Behaviour.sort_order)).all()
    else:
        rows = session.execute(select(BehaviourCategory.name, BehaviourCategory.name)
                               .join(BehaviourFramework, BehaviourFramework.id == BehaviourCategory.framework_id)
                               .where(BehaviourFramework.is_active.is_(True))
                               .order_by(BehaviourFramework.id, BehaviourCategory.sort_order)).all()
    labels: dict[str, str] = {}
    for key, label in rows:
        labels.setdefault(key, label)
    return labels


def behaviour_panel(session: Session, person_id: int, start: date, end: date, granularity: str,
                    by: str = BY_CATEGORY) -> BehaviourPanel:
    """Scores per bucket (sessions started in it, abandoned ones left out) per category or behaviour, each with its
    number of observations (``domain.scores``)."""
    rows = session.execute(
        select(ObservationSession.started_at, BehaviourRating.session_id, BehaviourRating.interaction_id,
               BehaviourRating.score, Behaviour.code, Behaviour.name, BehaviourCategory.name,
               ObservedInteraction.reference)
        .join(ObservationSession, ObservationSession.id == BehaviourRating.session_id)
        .join(Behaviour, Behaviour.id == BehaviourRating.behaviour_id)
        .outerjoin(BehaviourCategory, BehaviourCategory.id == Behaviour.category_id)
        .outerjoin(ObservedInteraction, ObservedInteraction.id == BehaviourRating.interaction_id)
        .where(ObservationSession.agent_id == person_id, ObservationSession.status != SessionStatus.ABANDONED,
               ObservationSession.started_at >= local_start(start),
               ObservationSession.started_at < local_start(end + timedelta(days=1)))
        .order_by(BehaviourCategory.sort_order, Behaviour.sort_order)).all()
    buckets: dict[date, list[ScoredRating]] = defaultdict(list)
    labels = framework_series(session, by)  # every agent gets the same series, so the chart keeps its layout
    for started, session_id, interaction_id, score, code, name, category, reference in rows:
        observation = f"ref:{reference}" if reference else f"i:{interaction_id}" if interaction_id else \
            f"s:{session_id}"
        buckets[bucket_start(local_day(started), granularity)].append(
            ScoredRating(code, category or "", score, observation))
        key = code if by == BY_BEHAVIOUR else category or ""
        labels.setdefault(key, name if by == BY_BEHAVIOUR else category or "Uncategorised")
    series: dict[str, list[tuple[date, float, int]]] = {key: [] for key in labels}
    scorer = behaviour_scores if by == BY_BEHAVIOUR else category_scores
    for first in sorted(buckets):
        for key, score in scorer(buckets[first]).items():
            if score.value is not None:
                series[key].append((bucket_middle(first, granularity), score.value, score.n))
    label = "Behaviour scores by behaviour" if by == BY_BEHAVIOUR else "Behaviour scores by category"
    return BehaviourPanel(label, tuple(BehaviourSeries(k, labels[k], tuple(v)) for k, v in series.items()),
                          MIN_OBSERVATIONS)


# -- markers ----------------------------------------------------------------------------------------------------------
def _short(text: str | None, size: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def markers(session: Session, person_id: int, start: date, end: date) -> list[Marker]:
    """Observations, delivered feedback, held one-to-ones and recognitions of the period, by day."""
    since, until = local_start(start), local_start(end + timedelta(days=1))
    names = {}
    out: list[Marker] = []
    sessions = session.execute(
        select(ObservationSession.uuid, ObservationSession.started_at, ObservationSession.mode,
               ObservationSession.coach_id)
        .where(ObservationSession.agent_id == person_id, ObservationSession.status != SessionStatus.ABANDONED,
               ObservationSession.started_at >= since, ObservationSession.started_at < until)).all()
    feedback = session.execute(
        select(Feedback.uuid, Feedback.delivered_at, Feedback.to_improve, Feedback.coach_id, KpiDefinition.code,
               Behaviour.name)
        .outerjoin(KpiDefinition, KpiDefinition.id == Feedback.target_kpi_id)
        .outerjoin(Behaviour, Behaviour.id == Feedback.target_behaviour_id)
        .where(Feedback.agent_id == person_id, Feedback.delivered_at >= since, Feedback.delivered_at < until)).all()
    meetings = session.execute(
        select(OneToOne.uuid, OneToOne.held_at, OneToOne.type, OneToOne.leader_id)
        .where(OneToOne.agent_id == person_id, OneToOne.held_at >= since, OneToOne.held_at < until)).all()
    people = {r[3] for r in (*sessions, *feedback, *meetings) if r[3] is not None}
    if people:
        names = dict(session.execute(select(Person.id, Person.display_name).where(Person.id.in_(people))).all())
    for uuid, started, mode, coach in sessions:
        who = f" by {names[coach]}" if coach in names else ""
        out.append(Marker(local_day(started), "observation", f"Observation ({mode.value.replace('_', ' ')}){who}",
                          uuid))
    for uuid, delivered, improve, coach, kpi, behaviour in feedback:
        target = " · ".join(t for t in (behaviour, kpi) if t)
        who = f" from {names[coach]}" if coach in names else ""
        out.append(Marker(local_day(delivered), "feedback", f"Feedback{who}" + (f" on {target}" if target else "")
                          + (f": {_short(improve)}" if improve else ""), uuid))
    for uuid, held, kind, leader in meetings:
        who = f" with {names[leader]}" if leader in names else ""
        out.append(Marker(local_day(held), "one_to_one", f"One-to-one ({kind.value.replace('_', ' ')}){who}", uuid))
    for uuid, day, title in session.execute(
            select(Recognition.uuid, Recognition.recognised_on, Recognition.title)
            .where(Recognition.agent_id == person_id, Recognition.recognised_on >= start,
                   Recognition.recognised_on <= end)):
        out.append(Marker(day, "recognition", f"Recognition: {_short(title)}", uuid))
    out.sort(key=lambda m: (m.day, m.kind))
    return out


# -- the service ------------------------------------------------------------------------------------------------------
def agent_trend_data(db: Database, agent_uuid: str, start: date, end: date, granularity: str = "week",
                     kpi_codes: list[str] | None = None, by: str = BY_CATEGORY, *, panels: int = DEFAULT_PANELS,
                     behaviours: bool = True) -> AgentTrendData:
    """Everything the agent trend chart draws for ``start``..``end`` (inclusive local days).

    Without ``kpi_codes``, up to ``panels`` KPIs are picked (the agent's objectives, then their role's set);
    ``behaviours=False`` leaves the behaviour panel out (a printed summary shows the scores as a table)."""
    check_granularity(granularity)
    if end < start:
        raise ValidationError(f"Period: it ends ({end}) before it starts ({start}).")
    if by not in (BY_CATEGORY, BY_BEHAVIOUR):
        raise ValidationError(f"Behaviour panel: {by!r} is neither 'category' nor 'behaviour'.")
    with db.session() as session:
        person_id, name = agent_id(session, agent_uuid)
        kpis, objectives = pick_kpis(session, person_id, kpi_codes, start, end, panels)
        team_id = team_at(session, person_id, end) or team_at(session, person_id, start)
        members = team_members(session, team_id, end) if team_id is not None else [person_id]
        stamp = figures_stamp(session)
        drawn = tuple(kpi_panel(session, person_id, kpi, objectives.get(kpi.id), members, start, end, granularity,
                                stamp) for kpi in kpis)
        return AgentTrendData(agent_uuid, name, start, end, granularity, drawn,
                              behaviour_panel(session, person_id, start, end, granularity, by) if behaviours else None,
                              tuple(markers(session, person_id, start, end)))


def agent_kpi_choices(db: Database, agent_uuid: str, start: date, end: date) -> tuple[list[tuple[str, str]],
                                                                                       list[str]]:
    """Every active KPI as (code, name), and the codes drawn by default for this agent (objectives first)."""
    with db.session() as session:
        person_id, _name = agent_id(session, agent_uuid)
        chosen, _objectives = pick_kpis(session, person_id, None, start, end)
        every = [(k.code, k.name) for k in session.scalars(
            select(KpiDefinition).where(KpiDefinition.is_active.is_(True)).order_by(KpiDefinition.sort_order))]
        return every, [k.code for k in chosen]


