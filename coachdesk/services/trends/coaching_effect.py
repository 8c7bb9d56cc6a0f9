"""Coaching effectiveness: each delivered feedback's targeted KPI (and behaviour) before and after, with an interval
(``domain.effect_stats``), and roll-ups of those changes per coach, per behaviour and for the whole team."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.effect_stats import (
    DEFAULT_WINDOW_DAYS,
    NOT_ENOUGH,
    Effect,
    Pooled,
    before_after,
    pool,
    seed_for,
)
from coachdesk.domain.enums import Aggregation, Direction, SessionStatus, Unit
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.kpi_math import DayFigure
from coachdesk.domain.scores import MIN_OBSERVATIONS
from coachdesk.services.goals import kpi_series
from coachdesk.services.trends.effect_bootstrap import bootstrap_difference, resampled_means
from coachdesk.services.trends.trends import agent_id, local_day, local_start
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import id_by_uuid
from coachdesk.storage.models import (
    Behaviour,
    BehaviourKpiLink,
    BehaviourRating,
    Feedback,
    KpiDefinition,
    ObservationSession,
    ObservedInteraction,
    Person,
    Team,
)

#: observations are a few a month: a behaviour's score is compared over longer windows than a daily KPI
BEHAVIOUR_WINDOW_DAYS = 42


@dataclass(frozen=True)
class EffectRow:
    """One feedback and what happened to the KPI it targeted; ``*_text`` in the KPI's display format."""

    feedback_uuid: str
    day: date
    agent_uuid: str
    agent: str
    coach: str
    behaviour: str
    kpi_code: str
    kpi_name: str
    unit: Unit
    display_format: str
    effect: Effect
    before_text: str
    after_text: str
    change_text: str
    interval_text: str
    verdict: str
    #: the targeted behaviour's score (0-1 observations) before and after, over ``BEHAVIOUR_WINDOW_DAYS``
    behaviour_effect: Effect | None = None
    behaviour_text: str = ""
    #: the coach's own judgement when closing the follow-up (improved, partly, not_yet; "" while open) and note
    follow_up_outcome: str = ""
    follow_up_note: str = ""

    @property
    def support_text(self) -> str:
        """What each side rests on: days and contacts."""
        b, a = self.effect.before, self.effect.after
        contacts = (f", {b.volume:,.0f} / {a.volume:,.0f} contacts" if b.volume or a.volume else "")
        return f"{b.days} / {a.days} days{contacts}"


@dataclass(frozen=True)
class RollupRow:
    """Events of one group (a coach, a behaviour, the team) on one KPI, pooled: gains are positive when better."""

    group_kind: str  # coach, behaviour, team
    group: str
    kpi_code: str
    unit: Unit
    display_format: str
    pooled: Pooled
    mean_text: str
    interval_text: str


def _amount(value: float | None, unit: Unit, fmt: str, signed: bool = False) -> str:
    if value is None:
        return "–"
    if Unit(unit) is Unit.PERCENT:
        text = f"{abs(value) * 100:.1f} pts"
    else:
        text = format_value(abs(value), unit, fmt)
    if not signed:
        return text
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _interval(low: float | None, high: float | None, unit: Unit, fmt: str) -> str:
    if low is None or high is None:
        return NOT_ENOUGH
    return f"95%: {_amount(low, unit, fmt, True)} to {_amount(high, unit, fmt, True)}"


def _check(before_days: int, after_days: int) -> None:
    for name, days in (("Days before", before_days), ("Days after", after_days)):
        if not 3 <= days <= 90:
            raise ValidationError(f"{name}: {days} is outside 3-90 days.")


@dataclass(frozen=True)
class _Event:
    uuid: str
    day: date
    person_id: int
    coach_id: int | None
    kpi_id: int
    behaviour_id: int | None


def _events(session: Session, where: list, start: date, end: date) -> list[_Event]:
    """Delivered feedback in the period that targets a KPI, or a behaviour with an expected KPI link."""
    links: dict[int, int] = {}
    for behaviour_id, kpi_id in session.execute(select(BehaviourKpiLink.behaviour_id, BehaviourKpiLink.kpi_id)
                                                .order_by(BehaviourKpiLink.id)):
        links.setdefault(behaviour_id, kpi_id)
    rows = session.execute(
        select(Feedback.uuid, Feedback.delivered_at, Feedback.agent_id, Feedback.coach_id, Feedback.target_kpi_id,
               Feedback.target_behaviour_id)
        .where(*where, Feedback.delivered_at >= local_start(start),
               Feedback.delivered_at < local_start(end + timedelta(days=1)))
        .order_by(Feedback.delivered_at)).all()
    out = []
    for uuid, delivered, person_id, coach_id, kpi_id, behaviour_id in rows:
        kpi_id = kpi_id or links.get(behaviour_id)
        if kpi_id is not None:
            out.append(_Event(uuid, local_day(delivered), person_id, coach_id, kpi_id, behaviour_id))
    return out


def _figures(session: Session, events: list[_Event], kpis: dict[int, KpiDefinition], before_days: int,
             after_days: int) -> dict[tuple[int, int], list[DayFigure]]:
    """{(person, KPI): daily figures} over the span the events' windows cover."""
    out: dict[tuple[int, int], list[DayFigure]] = {}
    by_kpi: dict[int, list[_Event]] = defaultdict(list)
    for event in events:
        by_kpi[event.kpi_id].append(event)
    for kpi_id, group in by_kpi.items():
        first = min(e.day for e in group) - timedelta(days=before_days)
        last = max(e.day for e in group) + timedelta(days=after_days)
        for person_id, series in kpi_series(session, {e.person_id for e in group}, kpis[kpi_id], first,
                                            last).items():
            out[(person_id, kpi_id)] = series
    return out


def _behaviour_effects(session: Session, events: list[_Event], resamples: int) -> dict[str, Effect]:
    """The targeted behaviour's observations (0-1 scores) over ``BEHAVIOUR_WINDOW_DAYS`` each side."""
    wanted = [e for e in events if e.behaviour_id is not None]
    if not wanted:
        return {}
    codes = dict(session.execute(select(Behaviour.id, Behaviour.code)
                                 .where(Behaviour.id.in_({e.behaviour_id for e in wanted}))).all())
    first = min(e.day for e in wanted) - timedelta(days=BEHAVIOUR_WINDOW_DAYS)
    last = max(e.day for e in wanted) + timedelta(days=BEHAVIOUR_WINDOW_DAYS)
    # one observation = one behaviour on one interaction (ratings of it averaged), as in ``domain.scores``
    observed: dict[tuple[int, str, str], tuple[date, list[float]]] = {}
    for person_id, started, code, score, session_id, interaction_id, reference in session.execute(
            select(ObservationSession.agent_id, ObservationSession.started_at, Behaviour.code, BehaviourRating.score,
                   BehaviourRating.session_id, BehaviourRating.interaction_id, ObservedInteraction.reference)
            .join(ObservationSession, ObservationSession.id == BehaviourRating.session_id)
            .join(Behaviour, Behaviour.id == BehaviourRating.behaviour_id)
            .outerjoin(ObservedInteraction, ObservedInteraction.id == BehaviourRating.interaction_id)
            .where(ObservationSession.agent_id.in_({e.person_id for e in wanted}),
                   Behaviour.code.in_(set(codes.values())), BehaviourRating.score.is_not(None),
                   ObservationSession.status != SessionStatus.ABANDONED,
                   ObservationSession.started_at >= local_start(first),
                   ObservationSession.started_at < local_start(last + timedelta(days=1)))):
        key = f"ref:{reference}" if reference else f"i:{interaction_id}" if interaction_id else f"s:{session_id}"
        observed.setdefault((person_id, code, key), (local_day(started), []))[1].append(score)
    scores: dict[tuple[int, str], list[DayFigure]] = defaultdict(list)
    for (person_id, code, _key), (day, values) in observed.items():
        scores[(person_id, code)].append(DayFigure(day, sum(values) / len(values)))
    return {e.uuid: before_after(scores.get((e.person_id, codes.get(e.behaviour_id, "")), []), e.day,
                                 Aggregation.MEAN, Direction.HIGHER_IS_BETTER, BEHAVIOUR_WINDOW_DAYS,
                                 BEHAVIOUR_WINDOW_DAYS, resamples, seed_for(e.uuid), min_days=MIN_OBSERVATIONS,
                                 match_weekdays=False, interval_of=bootstrap_difference)
            for e in wanted}


def _rows(session: Session, events: list[_Event], before_days: int, after_days: int,
          resamples: int) -> list[EffectRow]:
    kpis = {k.id: k for k in session.scalars(select(KpiDefinition))}
    figures = _figures(session, events, kpis, before_days, after_days)
    people = {e.person_id for e in events} | {e.coach_id for e in events if e.coach_id}
    names = dict(session.execute(select(Person.id, Person.display_name).where(Person.id.in_(people))).all())
    uuids = dict(session.execute(select(Person.id, Person.uuid).where(Person.id.in_(people))).all())
    behaviours = dict(session.execute(select(Behaviour.id, Behaviour.name)).all())
    behaviour_effects = _behaviour_effects(session, events, resamples)
    outcomes = {uuid: (outcome.value if outcome else "", note or "") for uuid, outcome, note in session.execute(
        select(Feedback.uuid, Feedback.follow_up_outcome, Feedback.follow_up_note)
        .where(Feedback.uuid.in_([e.uuid for e in events]), Feedback.follow_up_outcome.is_not(None)))}
    out = []
    for e in events:
        kpi = kpis[e.kpi_id]
        effect = before_after(figures.get((e.person_id, e.kpi_id), []), e.day, kpi.aggregation, kpi.direction,
                              before_days, after_days, resamples, seed_for(e.uuid), interval_of=bootstrap_difference)
        unit, fmt = kpi.unit, kpi.display_format
        b_effect = behaviour_effects.get(e.uuid)
        b_text = ""
        if b_effect is not None:
            b_text = NOT_ENOUGH if not b_effect.enough else (
                f"{100 * b_effect.before.value:.0f} → {100 * b_effect.after.value:.0f} "
                f"(n {b_effect.before.days}/{b_effect.after.days}; {b_effect.verdict})")
        out.append(EffectRow(
            e.uuid, e.day, uuids.get(e.person_id, ""), names.get(e.person_id, ""), names.get(e.coach_id, ""),
            behaviours.get(e.behaviour_id, ""), kpi.code, kpi.name, unit, fmt, effect,
            format_value(effect.before.value, unit, fmt), format_value(effect.after.value, unit, fmt),
            _amount(effect.change, unit, fmt, True) if effect.enough else NOT_ENOUGH,
            _interval(effect.low, effect.high, unit, fmt) if effect.enough and resamples else
            (NOT_ENOUGH if not effect.enough else ""), effect.verdict if resamples or not effect.enough else "",
            b_effect, b_text, *outcomes.get(e.uuid, ("", ""))))
    return out


def agent_effects(db: Database, agent_uuid: str, start: date, end: date, before_days: int = DEFAULT_WINDOW_DAYS,
                  after_days: int = DEFAULT_WINDOW_DAYS) -> list[EffectRow]:
    """The agent's feedback delivered from ``start`` to ``end`` with the targeted KPI before and after, oldest
    first."""
    _check(before_days, after_days)
    with db.session() as session:
        person_id, _name = agent_id(session, agent_uuid)
        events = _events(session, [Feedback.agent_id == person_id], start, end)
        return _rows(session, events, before_days, after_days, resamples=1000)


def _rollup(rows: list[EffectRow], kpis: dict[str, KpiDefinition]) -> list[RollupRow]:
    groups: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for row in rows:
        gain = row.effect.gain
        if gain is None:
            continue
        groups[("team", "Whole team", row.kpi_code)].append(gain)
        if row.coach:
            groups[("coach", row.coach, row.kpi_code)].append(gain)
        if row.behaviour:
            groups[("behaviour", row.behaviour, row.kpi_code)].append(gain)
    order = {"team": 0, "coach": 1, "behaviour": 2}
    out = []
    for (kind, name, code), gains in sorted(groups.items(), key=lambda item: (order[item[0][0]], item[0][1],
                                                                              item[0][2])):
        kpi = kpis[code]
        pooled = pool(gains, seed=seed_for(f"{kind}:{name}:{code}"), means_of=resampled_means)
        out.append(RollupRow(kind, name, code, kpi.unit, kpi.display_format, pooled,
                             _amount(pooled.mean, kpi.unit, kpi.display_format, True) if pooled.enough
                             else NOT_ENOUGH,
                             _interval(pooled.low, pooled.high, kpi.unit, kpi.display_format)))
    return out


@dataclass(frozen=True)
class TeamEffects:
    events: tuple[EffectRow, ...]
    rollup: tuple[RollupRow, ...]


def team_effects(db: Database, team_uuid: str, start: date, end: date, before_days: int = DEFAULT_WINDOW_DAYS,
                 after_days: int = DEFAULT_WINDOW_DAYS) -> TeamEffects:
    """Every feedback given in the team over the period (changes only, no per-event interval) and their roll-up
    per coach, per targeted behaviour and for the team; gains are read in each KPI's direction."""
    _check(before_days, after_days)
    with db.session() as session:
        team_id = id_by_uuid(session, Team, team_uuid, "team")
        events = _events(session, [Feedback.team_id == team_id], start, end)
        rows = _rows(session, events, before_days, after_days, resamples=0)
        kpis = {k.code: k for k in session.scalars(select(KpiDefinition))}
        return TeamEffects(tuple(rows), tuple(_rollup(rows, kpis)))
