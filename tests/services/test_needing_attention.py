"""Today's "needing attention" reads only the objectives that can need it: the same rows, day by day, as filtering
every objective's progress (the way it was computed before), across the due-soon and start-date boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from coachdesk.domain.enums import ObjectiveStatus
from coachdesk.services.goals import objective_measures
from coachdesk.services.goals import objective_progress as progress
from coachdesk.services.goals.objective_types import ObjectiveInput
from coachdesk.services.goals.objectives import create_objective
from tests.services.objective_helpers import add_calls, add_figures, seed_centre

JAN1 = date(2026, 1, 1)


def day(n: int) -> date:
    """``n`` days after 1 January 2026 (day(31) is 1 February)."""
    return JAN1 + timedelta(days=n)


def objective(db, person: str, kpi: str, start: date, due: date, status: ObjectiveStatus) -> str:  # noqa: ANN001
    levels = dict(commit="6:20", target="5:50", stretch="5:30") if kpi == "AHT" else \
        dict(commit="88", target="90%", stretch="93%")
    detail = create_objective(db, ObjectiveInput(person, f"{kpi} objective from {start} to {due}", kpi_code=kpi,
                                                 start_date=start, due_date=due, **levels))
    from coachdesk.storage.models import Objective

    with db.unit_of_work() as s:  # any status, without the workflow's own rules
        s.execute(update(Objective).where(Objective.uuid == detail.uuid).values(status=status))
    return detail.uuid


def before(db, on: date) -> list:  # noqa: ANN001
    """How needing_attention was computed before: every open objective's progress, then filtered."""
    rows = [r for r in progress.list_progress(db, on=on) if r.due_soon or r.off_track]
    return sorted(rows, key=lambda r: (r.due_date, r.person_name))


@pytest.fixture
def objectives(db):  # noqa: ANN001, ANN201
    centre = seed_centre(db)
    a = centre.agents
    falling = {day(n): 0.95 - 0.006 * n for n in range(60)}  # a mean of 86 % by 31 January
    rising = {day(n): 0.86 + 0.002 * n for n in range(60)}
    for name in ("Amelia Brown", "Chloé Martin", "Élodie Garnier", "Farah Khan"):
        add_figures(db, a[name], "CSAT", falling)
    add_figures(db, a["Bruno Costa"], "CSAT", rising)
    add_calls(db, a["Daniel Okafor"], day(0), [330 + 3 * n for n in range(60)], [20] * 60)  # AHT drifting up
    add_calls(db, a["Amelia Brown"], day(31), [900] * 20, [20] * 20)  # far above the 6:20 commit from 1 Feb
    agreed, draft = ObjectiveStatus.AGREED, ObjectiveStatus.DRAFT
    return {
        "falling": objective(db, a["Amelia Brown"], "CSAT", day(0), day(30), agreed),
        "rising": objective(db, a["Bruno Costa"], "CSAT", day(0), day(30), agreed),
        "draft": objective(db, a["Chloé Martin"], "CSAT", day(0), day(45), draft),  # due 15 February
        "aht": objective(db, a["Daniel Okafor"], "AHT", day(9), day(50), agreed),
        "withdrawn": objective(db, a["Élodie Garnier"], "CSAT", day(0), day(19), ObjectiveStatus.WITHDRAWN),
        "achieved": objective(db, a["Farah Khan"], "CSAT", day(0), day(24), ObjectiveStatus.ACHIEVED),
        "later": objective(db, a["Amelia Brown"], "AHT", day(31), day(58), agreed),  # starts 1 February
    }


def uuids(rows: list) -> set[str]:
    return {r.uuid for r in rows}


def test_the_same_rows_as_filtering_every_objective_day_by_day(db, objectives) -> None:  # noqa: ANN001
    seen: set[str] = set()
    for n in range(-10, 75):
        old, new = before(db, day(n)), progress.needing_attention(db, on=day(n))
        assert new == old, f"on {day(n)}"
        seen |= uuids(new)
    # the comparison covered rows of every kind that can need attention, and none of the closed ones
    assert seen == {objectives[k] for k in ("falling", "rising", "draft", "aht", "later")}


def test_due_soon_from_fourteen_days_before_to_the_due_date(db, objectives) -> None:  # noqa: ANN001
    draft = objectives["draft"]  # a draft is never off track: only due soon brings it in (due 15 February)
    assert draft not in uuids(progress.needing_attention(db, on=day(30)))  # 15 days before
    assert draft in uuids(progress.needing_attention(db, on=day(31)))  # 14 days before
    assert draft in uuids(progress.needing_attention(db, on=day(45)))  # the due date
    assert draft not in uuids(progress.needing_attention(db, on=day(46)))  # the day after


def test_an_agreed_objective_counts_from_its_start_date(db, objectives) -> None:  # noqa: ANN001
    later = objectives["later"]  # one far-below day on its start date is enough to be off track
    assert later not in uuids(progress.needing_attention(db, on=day(30)))
    rows = {r.uuid: r for r in progress.needing_attention(db, on=day(31))}
    assert later in rows and rows[later].off_track and not rows[later].due_soon


def test_an_agreed_objective_past_due_still_counts_when_its_final_value_is_short(db, objectives) -> None:  # noqa: ANN001
    rows = {r.uuid: r for r in progress.needing_attention(db, on=day(40))}  # "falling" was due on 31 January
    assert objectives["falling"] in rows and rows[objectives["falling"]].off_track
    assert objectives["rising"] not in rows


def test_a_weighted_kpi_series_joins_each_figure_to_its_own_volume(db) -> None:  # noqa: ANN001
    from coachdesk.storage.models import KpiDefinition, KpiFigure, Person

    centre = seed_centre(db)
    add_figures(db, centre.amelia, "AHT", {day(0): 300.0, day(1): 360.0, day(2): 420.0})
    add_figures(db, centre.amelia, "ANSWERED", {day(0): 10.0, day(2): 0.0})  # none for 2 January
    with db.unit_of_work() as s:  # a weekly volume ending on 2 January: another period, not 2 January's volume
        pid = s.query(Person.id).filter(Person.uuid == centre.amelia).scalar()
        answered = s.query(KpiDefinition.id).filter(KpiDefinition.code == "ANSWERED").scalar()
        s.add(KpiFigure(person_id=pid, kpi_id=answered, period_start=day(-5), period_end=day(1), value=99.0))
    with db.session() as s:
        aht = s.query(KpiDefinition).filter(KpiDefinition.code == "AHT").one()
        series = objective_measures.kpi_series(s, {pid}, aht, day(0), day(2))
        assert [(f.day, f.value, f.weight) for f in series[pid]] == [
            (day(0), 300.0, 10.0), (day(1), 360.0, None), (day(2), 420.0, 0.0)]
        assert objective_measures.kpi_series(s, {pid}, aht, day(1), day(1))[pid][0].value == 360.0  # window ends
        assert objective_measures.kpi_series(s, {pid}, aht, day(3), day(9)) == {}


def _figure_reads(db) -> list[str]:  # noqa: ANN001
    """The statements that read KPI figures, as they run."""
    from sqlalchemy import event

    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_rest: seen.append(statement) if "kpi_figure" in statement else None)
    return seen


def test_read_again_only_after_a_commit_or_on_another_day(db, objectives, quiet_server) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Objective

    reads = _figure_reads(db)
    first = progress.needing_attention(db, on=day(20))
    assert reads and objectives["falling"] in uuids(first)
    reads.clear()
    again = progress.needing_attention(db, on=day(20))  # nothing committed since: the same rows, nothing read
    assert again == first and reads == []
    assert progress.needing_attention(db, on=day(21)) == before(db, day(21)) and reads  # another day is read
    progress.needing_attention(db, on=day(20))
    reads.clear()
    with db.unit_of_work() as s:  # withdrawn: it needs no attention any more, and Today must not keep it
        s.execute(update(Objective).where(Objective.uuid == objectives["falling"])
                  .values(status=ObjectiveStatus.WITHDRAWN))
    after = progress.needing_attention(db, on=day(20))
    assert reads and objectives["falling"] not in uuids(after) and after == before(db, day(20))
