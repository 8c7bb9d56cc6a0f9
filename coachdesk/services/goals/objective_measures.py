"""What objectives are measured by, and the history behind them: KPI figures (with their weighting volumes) and
behaviour ratings as day series, baselines, and the team's distribution for the SMART realism check.

A KPI figure belongs to the day its period ends. A behaviour's day value is the share of that day's applicable
ratings scored Good or better (``GOOD_SCORE``), weighted by how many there were, so a period's value is the share
of all its ratings at Good or better. Ratings of the same behaviour code in any revision of the same framework
count (a framework edit makes a new revision with new behaviour rows).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, func, null, or_, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import (
    Aggregation,
    Direction,
    MeasureKind,
    MembershipRole,
    Role,
    SessionStatus,
    Unit,
)
from coachdesk.domain.kpi_math import DayFigure, aggregate
from coachdesk.domain.objectives import GOOD_SCORE, HISTORY_DAYS, FieldError
from coachdesk.services.goals.objective_types import Measure
from coachdesk.storage.models import (
    Behaviour,
    BehaviourFramework,
    BehaviourRating,
    KpiDefinition,
    KpiFigure,
    ObservationSession,
    PersonRole,
    RoleKpi,
    TeamMembership,
)

BEHAVIOUR_FORMAT = "0%"
#: up to this many people, a behaviour series reads their sessions' ratings rather than the behaviour's
FEW_PEOPLE = 60


def kpi_measure(kpi: KpiDefinition) -> Measure:
    return Measure(MeasureKind.KPI, kpi.code, kpi.code, kpi.name, kpi.unit, kpi.direction, kpi.display_format,
                   kpi.aggregation, kpi.band_tolerance or 0.0, kpi.scale or "")


def behaviour_measure(behaviour: Behaviour) -> Measure:
    return Measure(MeasureKind.BEHAVIOUR, behaviour.uuid, behaviour.code, behaviour.name, Unit.PERCENT,
                   Direction.HIGHER_IS_BETTER, BEHAVIOUR_FORMAT, Aggregation.WEIGHTED_MEAN, 0.0)


def find_kpi(session: Session, code: str | None, field_name: str = "kpi") -> KpiDefinition:
    text = (code or "").strip()
    if not text:
        raise FieldError(field_name, "KPI: choose a KPI.")
    kpi = session.scalar(select(KpiDefinition).where(func.upper(KpiDefinition.code) == text.upper()))
    if kpi is None:
        codes = ", ".join(session.scalars(select(KpiDefinition.code).order_by(KpiDefinition.sort_order)))
        raise FieldError(field_name, f"KPI: no KPI has the code {text!r} (codes: {codes}).")
    return kpi


def find_behaviour(session: Session, uuid: str | None) -> Behaviour:
    behaviour = session.scalar(select(Behaviour).where(Behaviour.uuid == uuid)) if uuid else None
    if behaviour is None:
        raise FieldError("behaviour", "Behaviour: choose a behaviour from the framework.")
    return behaviour


def resolve_measure(session: Session, kind: MeasureKind, kpi_code: str | None,
                    behaviour_uuid: str | None) -> tuple[Measure, KpiDefinition | Behaviour]:
    if MeasureKind(kind) is MeasureKind.KPI:
        kpi = find_kpi(session, kpi_code)
        return kpi_measure(kpi), kpi
    behaviour = find_behaviour(session, behaviour_uuid)
    return behaviour_measure(behaviour), behaviour


def stored_measure(session: Session, kpi_id: int | None, behaviour_id: int | None) -> Measure | None:
    if kpi_id is not None:
        kpi = session.get(KpiDefinition, kpi_id)
        return kpi_measure(kpi) if kpi else None
    if behaviour_id is not None:
        behaviour = session.get(Behaviour, behaviour_id)
        return behaviour_measure(behaviour) if behaviour else None
    return None


# -- series -----------------------------------------------------------------------------------------------------------

def kpi_series(session: Session, person_ids: set[int], kpi: KpiDefinition, first: date, last: date
               ) -> dict[int, list[DayFigure]]:
    """Each person's figures of ``kpi`` whose period ends from ``first`` to ``last``, with the weighting volume
    (the weight KPI's figure for the same person and period) when the KPI is a weighted mean."""
    if not person_ids or last < first:
        return {}
    figure = KpiFigure.__table__  # plain columns: no ORM row processing for what may be 100,000 figures
    columns = [figure.c.person_id, figure.c.period_end, figure.c.value]
    if kpi.aggregation is Aggregation.WEIGHTED_MEAN and kpi.weight_kpi_id is not None:
        volume = figure.alias("volume")  # the weight KPI's figure of the same person and period (unique: at most one)
        query = select(*columns, volume.c.value).select_from(figure.outerjoin(volume, and_(
            volume.c.kpi_id == kpi.weight_kpi_id, volume.c.person_id == figure.c.person_id,
            volume.c.period_start == figure.c.period_start, volume.c.period_end == figure.c.period_end)))
    else:
        query = select(*columns, null())
    rows = session.execute(query.where(figure.c.kpi_id == kpi.id, figure.c.person_id.in_(person_ids),
                                       figure.c.period_end >= first, figure.c.period_end <= last)).all()
    out: dict[int, list[DayFigure]] = defaultdict(list)
    for person_id, end, value, weight in rows:
        out[person_id].append(DayFigure(end, value, weight))
    for series in out.values():
        series.sort(key=lambda f: f.day)
    return dict(out)


def behaviour_ids(session: Session, behaviour: Behaviour) -> list[int]:
    """The behaviour and its namesakes (same code) in every revision of its framework."""
    framework = session.get(BehaviourFramework, behaviour.framework_id)
    if framework is None:
        return [behaviour.id]
    return list(session.scalars(
        select(Behaviour.id).join(BehaviourFramework, BehaviourFramework.id == Behaviour.framework_id)
        .where(Behaviour.code == behaviour.code, BehaviourFramework.name == framework.name)))


def behaviour_series(session: Session, person_ids: set[int], behaviour: Behaviour, first: date, last: date
                     ) -> dict[int, list[DayFigure]]:
    """Each person's day shares of ratings at Good or better (weight: applicable ratings that day)."""
    if not person_ids or last < first:
        return {}
    ids = behaviour_ids(session, behaviour)
    # a few people: start from their sessions (agent index), not from every rating of the behaviour; "+ 0" keeps
    # SQLite from choosing the behaviour index, whose rows are the whole organisation's
    by_behaviour = BehaviourRating.behaviour_id + 0 if len(person_ids) <= FEW_PEOPLE else BehaviourRating.behaviour_id
    rows = session.execute(
        select(ObservationSession.agent_id, BehaviourRating.rated_at, BehaviourRating.score)
        .join(ObservationSession, ObservationSession.id == BehaviourRating.session_id)
        .where(by_behaviour.in_(ids),
               ObservationSession.agent_id.in_(person_ids),
               ObservationSession.status != SessionStatus.ABANDONED,
               BehaviourRating.score.is_not(None),
               BehaviourRating.rated_at >= _start_of(first), BehaviourRating.rated_at < _start_of(last + _DAY))
    ).all()
    counts: dict[int, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for person_id, rated_at, score in rows:
        cell = counts[person_id][rated_at.date()]
        cell[0] += 1 if score >= GOOD_SCORE - 1e-9 else 0
        cell[1] += 1
    return {pid: [DayFigure(d, good / n, float(n)) for d, (good, n) in sorted(days.items())]
            for pid, days in counts.items()}


_DAY = timedelta(days=1)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def series_for(session: Session, person_ids: set[int], source: KpiDefinition | Behaviour, first: date,
               last: date) -> dict[int, list[DayFigure]]:
    if isinstance(source, KpiDefinition):
        return kpi_series(session, person_ids, source, first, last)
    return behaviour_series(session, person_ids, source, first, last)


# -- history for baselines and the SMART check -----------------------------------------------------------------------

@dataclass(frozen=True)
class History:
    """The ``HISTORY_DAYS`` before an objective's start: the person's baseline and daily values, and each
    teammate's value of the measure over the same days."""

    baseline: float | None
    own_values: tuple[float, ...]
    team_values: tuple[float, ...]
    first: date
    last: date


def team_at(session: Session, person_id: int, on: date) -> int | None:
    """The team the person is a member of on ``on`` (or, failing that, any team they are in then)."""
    rows = session.execute(
        select(TeamMembership.team_id, TeamMembership.role)
        .where(TeamMembership.person_id == person_id,
               or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
               or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))
    ).all()
    members = [t for t, role in rows if role == MembershipRole.MEMBER]
    return (members or [t for t, _ in rows] or [None])[0]


def teams_at(session: Session, person_ids: set[int], on: date) -> dict[int, int]:
    """``team_at`` for many people in one query."""
    rows = session.execute(
        select(TeamMembership.person_id, TeamMembership.team_id, TeamMembership.role)
        .where(TeamMembership.person_id.in_(person_ids),
               or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
               or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))
        .order_by(TeamMembership.id)
    ).all()
    out: dict[int, int] = {}
    for person_id, team_id, _role in sorted(rows, key=lambda r: r[2] != MembershipRole.MEMBER):
        out.setdefault(person_id, team_id)
    return out


def team_members(session: Session, team_id: int, on: date) -> list[int]:
    return list(session.scalars(
        select(TeamMembership.person_id)
        .where(TeamMembership.team_id == team_id, TeamMembership.role == MembershipRole.MEMBER,
               and_(or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
                    or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on)))))


def history(session: Session, person_id: int, source: KpiDefinition | Behaviour, measure: Measure,
            start: date, days: int = HISTORY_DAYS) -> History:
    first, last = start - timedelta(days=days), start - _DAY
    team_id = team_at(session, person_id, start) or team_at(session, person_id, last)
    people = {person_id}
    if team_id is not None:
        people |= set(team_members(session, team_id, last)) | set(team_members(session, team_id, start))
    series = series_for(session, people, source, first, last)
    own = series.get(person_id, [])
    team = [aggregate(series[p], measure.aggregation).value for p in sorted(series)]
    return History(aggregate(own, measure.aggregation).value, tuple(f.value for f in own),
                   tuple(v for v in team if v is not None), first, last)


def roles_at(session: Session, person_id: int, on: date) -> list[Role]:
    return list(session.scalars(
        select(PersonRole.role).where(PersonRole.person_id == person_id,
                                      or_(PersonRole.start_date.is_(None), PersonRole.start_date <= on),
                                      or_(PersonRole.end_date.is_(None), PersonRole.end_date >= on))))


def role_set_fit(session: Session, person_id: int, kpi_id: int | None, on: date) -> tuple[bool | None, str]:
    """Whether the KPI is in the KPI set of one of the person's roles on ``on``, and the role named in the answer."""
    roles = roles_at(session, person_id, on)
    if kpi_id is None or not roles:
        return None, roles[0].label if roles else ""
    sets = set(session.scalars(select(RoleKpi.role).where(RoleKpi.kpi_id == kpi_id, RoleKpi.role.in_(roles))))
    return bool(sets), roles[0].label
