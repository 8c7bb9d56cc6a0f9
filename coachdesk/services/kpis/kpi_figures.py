"""Stored KPI figures in summary: totals per KPI (the KPIs page's table) and the page's cards, without reading figures.

Counting millions of figures is the one cost that grows with the data, so each read counts no more than it must:
- ``figures_summary`` (the cards, read on every open): with no span, the total is SQLite's ``count(*)`` of the
  table (it counts index pages, not rows) and everything else is an index seek per KPI or per (person, KPI); a span
  needs the per-KPI totals below.
- ``figures_overview`` (the per-KPI table, read when it is shown): with no span, each KPI's figures are counted on
  its stretch of the (KPI, period start) index, its first day is one seek there and its people and last day come
  from one seek per (person, KPI) on (person, KPI, period end); a span counts per (person, KPI) over the unique
  index (person, KPI, period), and sums per KPI here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from coachdesk.domain.enums import Unit
from coachdesk.storage.database import Database
from coachdesk.storage.models import KpiDefinition, KpiFigure, Person


@dataclass(frozen=True)
class KpiTotals:
    """Stored figures of one KPI over a span of days."""

    code: str
    name: str
    unit: Unit
    display_format: str
    figures: int
    people: int
    first_day: date | None
    last_day: date | None


@dataclass(frozen=True)
class FiguresOverview:
    figures: int
    people: int
    kpis: tuple[KpiTotals, ...]

    @property
    def first_day(self) -> date | None:
        return min((k.first_day for k in self.kpis if k.first_day), default=None)

    @property
    def last_day(self) -> date | None:
        return max((k.last_day for k in self.kpis if k.last_day), default=None)


@dataclass(frozen=True)
class FiguresSummary:
    """What the KPIs page's cards show: figures, the people and KPIs they are about, the days they cover."""

    figures: int
    people: int
    kpis: int
    first_day: date | None
    last_day: date | None


def _has_figures():  # noqa: ANN202
    """The person has figures (an index seek: ``EXISTS (SELECT *)`` would read a figure's row on SQLite)."""
    return select(KpiFigure.person_id).where(KpiFigure.person_id == Person.id).exists()


def _kpi_firsts(session) -> dict[int, date]:  # noqa: ANN001
    """KPI id -> first day of its figures, for the KPIs that have any (one index seek each)."""
    first = (select(func.min(KpiFigure.period_start)).where(KpiFigure.kpi_id == KpiDefinition.id)
             .scalar_subquery())
    return {kpi_id: day for kpi_id, day in session.execute(select(KpiDefinition.id, first)) if day is not None}


def _pairs(kpi_ids: list[int], *columns):  # noqa: ANN002, ANN202
    """A select over every (person with figures, KPI of ``kpi_ids``) pair with ``columns``, where ``_PAIR_LAST``
    is the pair's last day (one index seek; None when the pair has no figure). People are the outer loop (a LEFT
    JOIN keeps that order on SQLite): their seeks walk the (person, KPI, period end) index in its order."""
    return (select(*columns).select_from(Person).outerjoin(KpiDefinition, KpiDefinition.id.in_(kpi_ids))
            .where(_has_figures()))


#: A pair's last day, correlated to the person and KPI of the enclosing ``_pairs`` select.
_PAIR_LAST = (select(func.max(KpiFigure.period_end))
              .where(KpiFigure.person_id == Person.id, KpiFigure.kpi_id == KpiDefinition.id).scalar_subquery())


def _pair_lasts(session, kpi_ids: list[int]) -> list[tuple[int, date]]:  # noqa: ANN001
    """(KPI id, last day) of every (person, KPI) pair with figures, for ``kpi_ids`` (one index seek per pair)."""
    if not kpi_ids:
        return []
    return [(kpi_id, day) for kpi_id, day in session.execute(_pairs(kpi_ids, KpiDefinition.id, _PAIR_LAST))
            if day is not None]


def _definitions(session, kpi_ids) -> list:  # noqa: ANN001
    return session.execute(
        select(KpiDefinition.id, KpiDefinition.code, KpiDefinition.name, KpiDefinition.unit,
               KpiDefinition.display_format)
        .where(KpiDefinition.id.in_(list(kpi_ids)))
        .order_by(KpiDefinition.sort_order, KpiDefinition.code)).all() if kpi_ids else []


def figures_summary(db: Database, start: date | None = None, end: date | None = None) -> FiguresSummary:
    """The figures whose period overlaps ``start``-``end``: how many, about how many people and KPIs, which days."""
    if start is not None or end is not None:
        overview = figures_overview(db, start, end)
        return FiguresSummary(overview.figures, overview.people, len(overview.kpis), overview.first_day,
                              overview.last_day)
    with db.session() as session:
        figures = session.scalar(select(func.count()).select_from(KpiFigure)) or 0
        if not figures:
            return FiguresSummary(0, 0, 0, None, None)
        people = session.scalar(select(func.count()).select_from(Person)
                                .where(_has_figures())) or 0
        firsts = _kpi_firsts(session)
        last = session.scalar(_pairs(list(firsts), func.max(_PAIR_LAST))) if firsts else None
        return FiguresSummary(figures, people, len(firsts), min(firsts.values(), default=None), last)


def _overview_of_everything(session) -> FiguresOverview:  # noqa: ANN001
    firsts = _kpi_firsts(session)
    people: dict[int, int] = {}
    last: dict[int, date] = {}
    for kpi_id, day in _pair_lasts(session, list(firsts)):
        people[kpi_id] = people.get(kpi_id, 0) + 1
        last[kpi_id] = max(last.get(kpi_id, day), day)
    count = select(func.count()).where(KpiFigure.kpi_id == KpiDefinition.id).scalar_subquery()
    figures = dict(session.execute(select(KpiDefinition.id, count).where(KpiDefinition.id.in_(list(firsts))))
                   .all()) if firsts else {}
    everyone = session.scalar(select(func.count()).select_from(Person)
                              .where(_has_figures())) if firsts else 0
    kpis = tuple(KpiTotals(code, name, unit, fmt, figures[kpi_id], people.get(kpi_id, 0), firsts[kpi_id],
                           last.get(kpi_id)) for kpi_id, code, name, unit, fmt in _definitions(session, firsts))
    return FiguresOverview(sum(k.figures for k in kpis), everyone or 0, kpis)


def figures_overview(db: Database, start: date | None = None, end: date | None = None) -> FiguresOverview:
    """Stored figures per KPI (count, people, first and last day) whose period overlaps ``start``-``end``."""
    with db.session() as session:
        if start is None and end is None:
            return _overview_of_everything(session)
        query = (select(KpiFigure.person_id, KpiFigure.kpi_id, func.count(), func.min(KpiFigure.period_start),
                        func.max(KpiFigure.period_end))
                 .group_by(KpiFigure.person_id, KpiFigure.kpi_id))
        if start is not None:
            query = query.where(KpiFigure.period_end >= start)
        if end is not None:
            query = query.where(KpiFigure.period_start <= end)
        figures: dict[int, int] = {}
        people: dict[int, int] = {}
        first: dict[int, date] = {}
        last: dict[int, date] = {}
        everyone: set[int] = set()
        for person_id, kpi_id, count, low, high in session.execute(query):
            everyone.add(person_id)
            figures[kpi_id] = figures.get(kpi_id, 0) + count
            people[kpi_id] = people.get(kpi_id, 0) + 1
            first[kpi_id] = min(first.get(kpi_id, low), low)
            last[kpi_id] = max(last.get(kpi_id, high), high)
        kpis = tuple(KpiTotals(code, name, unit, fmt, figures[kpi_id], people[kpi_id], first[kpi_id], last[kpi_id])
                     for kpi_id, code, name, unit, fmt in _definitions(session, figures))
        return FiguresOverview(sum(k.figures for k in kpis), len(everyone), kpis)
