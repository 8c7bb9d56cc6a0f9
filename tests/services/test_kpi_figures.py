"""Stored figures in summary (the KPIs page's cards and per-KPI table): the seek-based reads of everything agree
with a count of every figure, periods of different lengths included, on real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coachdesk.services.kpis import kpi_figures as kf
from coachdesk.storage.models import KpiDefinition, KpiFigure, Person
from tests.services.test_kpi_import import add_person

FAR = date(2999, 12, 31)  # an end that keeps every figure: the grouped count over each figure


def store(db, rows) -> None:
    """``rows``: (person uuid, KPI code, first day, last day)."""
    with db.unit_of_work() as session:
        people = dict(session.execute(select(Person.uuid, Person.id)).all())
        kpis = dict(session.execute(select(KpiDefinition.code, KpiDefinition.id)).all())
        session.add_all(KpiFigure(person_id=people[who], kpi_id=kpis[code], period_start=first, period_end=last,
                                  value=1.0) for who, code, first, last in rows)


def test_nothing_stored(db):
    add_person(db, "Ann Lee")
    assert kf.figures_summary(db) == kf.FiguresSummary(0, 0, 0, None, None)
    assert kf.figures_overview(db) == kf.FiguresOverview(0, 0, ())


def test_summary_and_overview_of_everything_match_a_count_of_every_figure(db):
    ann, bob, _cy = add_person(db, "Ann Lee"), add_person(db, "Bob Roy"), add_person(db, "Cy Dee")  # Cy: none
    store(db, [
        (ann, "AHT", date(2021, 3, 1), date(2021, 3, 1)),
        (ann, "AHT", date(2021, 3, 2), date(2021, 3, 2)),
        (ann, "AHT", date(2021, 2, 1), date(2021, 3, 31)),  # a long period: starts first and ends last
        (bob, "AHT", date(2021, 3, 5), date(2021, 3, 5)),
        (bob, "CSAT", date(2021, 1, 10), date(2021, 1, 16)),
        (bob, "CSAT", date(2021, 3, 30), date(2021, 3, 30)),  # the latest start, not the latest end
    ])
    overview = kf.figures_overview(db)
    assert overview == kf.figures_overview(db, end=FAR)
    totals = {k.code: (k.figures, k.people, k.first_day, k.last_day) for k in overview.kpis}
    assert totals == {"AHT": (4, 2, date(2021, 2, 1), date(2021, 3, 31)),
                      "CSAT": (2, 1, date(2021, 1, 10), date(2021, 3, 30))}
    assert (overview.figures, overview.people) == (6, 2)
    assert [k.code for k in overview.kpis] == [k.code for k in kf.figures_overview(db, end=FAR).kpis]
    assert kf.figures_summary(db) == kf.FiguresSummary(6, 2, 2, date(2021, 1, 10), date(2021, 3, 31))


def test_a_span_counts_the_figures_that_overlap_it(db):
    ann, bob = add_person(db, "Ann Lee"), add_person(db, "Bob Roy")
    store(db, [(ann, "AHT", date(2021, 3, 1), date(2021, 3, 1)), (ann, "AHT", date(2021, 2, 1), date(2021, 3, 31)),
               (bob, "CSAT", date(2021, 3, 2), date(2021, 3, 2))])
    # 2 March: the day figure on 1 March is out, the month that runs to 31 March and Bob's day are in
    assert kf.figures_summary(db, start=date(2021, 3, 2)) == kf.FiguresSummary(
        2, 2, 2, date(2021, 2, 1), date(2021, 3, 31))
    assert kf.figures_summary(db, start=date(2021, 3, 3)) == kf.FiguresSummary(
        1, 1, 1, date(2021, 2, 1), date(2021, 3, 31))
    assert kf.figures_summary(db, start=date(2021, 4, 1)) == kf.FiguresSummary(0, 0, 0, None, None)
    assert kf.figures_summary(db, end=date(2021, 1, 31)).figures == 0
    assert kf.figures_summary(db, end=date(2021, 2, 1)).figures == 1
