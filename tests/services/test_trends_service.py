"""The agent trend service on constructed data: buckets by the KPI's rule, the team average, the target band,
behaviour scores with their counts, coaching markers, and record details."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from coachdesk.domain.enums import MeasureKind, ObjectiveStatus, OneToOneStatus, OneToOneType
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services.trends.trends import agent_kpi_choices, agent_trend_data
from coachdesk.services.trends.trends_records import record_detail
from tests.services.objective_helpers import add_calls, add_figures, add_ratings, seed_centre

MONDAY = date(2026, 1, 5)
END = MONDAY + timedelta(days=13)  # two whole weeks


def _ids(db, *uuids: str) -> list[int]:  # noqa: ANN001
    from coachdesk.storage.models import Person

    with db.session() as s:
        return [s.scalar(select(Person.id).where(Person.uuid == u)) for u in uuids]


def _kpi_id(db, code: str) -> int:  # noqa: ANN001
    from coachdesk.storage.models import KpiDefinition

    with db.session() as s:
        return s.scalar(select(KpiDefinition.id).where(KpiDefinition.code == code))


@pytest.fixture
def centre(db):  # noqa: ANN001, ANN201
    from coachdesk.storage.models import Feedback, Objective, OneToOne, Recognition

    centre = seed_centre(db)
    amelia, bruno = centre.agents["Amelia Brown"], centre.agents["Bruno Costa"]
    # Amelia: week 1 at 300 s on 10 calls a day then 400 s on 30 on the Friday; week 2 flat 280 s on 20
    add_calls(db, amelia, MONDAY, [300, 300, 300, 300, 400], [10, 10, 10, 10, 30])
    add_calls(db, amelia, MONDAY + timedelta(days=7), [280] * 5, [20] * 5)
    # Bruno: 360 s on 10 calls every weekday of both weeks
    add_calls(db, bruno, MONDAY, [360] * 5, [10] * 5)
    add_calls(db, bruno, MONDAY + timedelta(days=7), [360] * 5, [10] * 5)
    add_figures(db, amelia, "CSAT", {MONDAY: 0.8, MONDAY + timedelta(days=1): 0.9})
    add_ratings(db, amelia, "LISTEN", MONDAY + timedelta(days=2), [1.0, 0.5])
    add_ratings(db, amelia, "LISTEN", MONDAY + timedelta(days=9), [0.0])
    leader, amelia_id = _ids(db, centre.leader, amelia)
    with db.unit_of_work() as s:
        s.add(Objective(person_id=amelia_id, statement="Bring AHT down to 5:00", measure_kind=MeasureKind.KPI,
                        kpi_id=_kpi_id(db, "AHT"), commit_level=330, target_level=300, stretch_level=270,
                        start_date=MONDAY, due_date=MONDAY + timedelta(days=60), status=ObjectiveStatus.AGREED))
        s.add(Feedback(agent_id=amelia_id, coach_id=leader, to_improve="Summarise before closing",
                       delivered_at=datetime.combine(MONDAY + timedelta(days=3), time(15), tzinfo=UTC),
                       target_kpi_id=_kpi_id(db, "AHT")))
        s.add(OneToOne(agent_id=amelia_id, leader_id=leader, type=OneToOneType.REVIEW, status=OneToOneStatus.HELD,
                       held_at=datetime.combine(MONDAY + timedelta(days=8), time(11), tzinfo=UTC),
                       summary="Good fortnight"))
        s.add(OneToOne(agent_id=amelia_id, leader_id=leader, type=OneToOneType.REVIEW,
                       status=OneToOneStatus.DRAFT))  # not held: no marker
        s.add(Recognition(agent_id=amelia_id, given_by_id=leader, title="Calm with an angry caller",
                          what_they_did="Kept calm", recognised_on=MONDAY + timedelta(days=10)))
    return centre


def test_kpi_panel_buckets_by_the_weighted_rule_with_target_band_and_team_average(db, centre) -> None:  # noqa: ANN001
    data = agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["AHT"])
    (aht,) = data.kpis
    # week 1: (4 x 300 x 10 + 400 x 30) / 70 = 24000 / 70; week 2: 280
    assert [v for _d, v in aht.points] == pytest.approx([24000 / 70, 280.0])
    assert [d for d, _v in aht.points] == [date(2026, 1, 8), date(2026, 1, 15)]  # drawn mid-week (Thursday)
    # team, week 1: (24000 + 5 x 3600) / (70 + 50) = 350; week 2: (5 x 5600 + 5 x 3600) / (100 + 50)
    assert [v for _d, v in aht.team_average] == pytest.approx([42000 / 120, 46000 / 150])
    assert [v for _d, v in aht.rolling] == pytest.approx([24000 / 70, (24000 / 70 + 280) / 2])
    assert aht.target == 300 and aht.days == 10
    # tolerance: AHT's 15 s capped at half of commit - target (15 s); band from 315 (worse) to the stretch 270
    assert (aht.band_low, aht.band_high) == (pytest.approx(315.0), pytest.approx(270.0))
    assert aht.display_format == "m:ss" and aht.direction == "lower"


def test_day_and_month_granularity(db, centre) -> None:  # noqa: ANN001
    daily = agent_trend_data(db, centre.amelia, MONDAY, END, "day", ["AHT", "CSAT"])
    assert len(daily.kpis[0].points) == 10
    assert daily.kpis[1].points == ((MONDAY, 0.8), (MONDAY + timedelta(days=1), 0.9))
    assert daily.kpis[1].target is None and daily.kpis[1].band_low is None
    monthly = agent_trend_data(db, centre.amelia, MONDAY, END, "month", ["AHT"])
    ((day, value),) = monthly.kpis[0].points
    assert day == date(2026, 1, 15) and value == pytest.approx((24000 + 28000) / 170)


def test_default_kpis_start_with_the_agents_objectives(db, centre) -> None:  # noqa: ANN001
    data = agent_trend_data(db, centre.amelia, MONDAY, END)
    codes = [k.code for k in data.kpis]
    assert codes[0] == "AHT" and 1 < len(codes) <= 4
    every, default = agent_kpi_choices(db, centre.amelia, MONDAY, END)
    assert default == codes
    assert "CSAT" in [code for code, _name in every]


def test_behaviour_scores_carry_their_observation_counts(db, centre) -> None:  # noqa: ANN001
    data = agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["AHT"])
    labels = [s.label for s in data.behaviours.series]
    assert labels == ["Connecting with the customer", "Getting it done", "Doing it right"]  # every category
    series = data.behaviours.series[0]
    assert data.behaviours.series[1].points == ()
    # week 1: two ratings outside any interaction in one session are one observation: mean 0.75
    assert series.points == ((date(2026, 1, 8), pytest.approx(75.0), 1), (date(2026, 1, 15), pytest.approx(0.0), 1))
    by_behaviour = agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["AHT"], by="behaviour")
    assert by_behaviour.behaviours.series[0].label == "Listening skills"
    assert len(by_behaviour.behaviours.series) == 8 and by_behaviour.behaviours.series[0].points[0][2] == 1


def test_markers_cover_every_kind_of_coaching_in_the_period(db, centre) -> None:  # noqa: ANN001
    data = agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["AHT"])
    kinds = [(m.kind, m.day) for m in data.markers]
    assert kinds == [("observation", MONDAY + timedelta(days=2)), ("feedback", MONDAY + timedelta(days=3)),
                     ("one_to_one", MONDAY + timedelta(days=8)), ("observation", MONDAY + timedelta(days=9)),
                     ("recognition", MONDAY + timedelta(days=10))]
    feedback = data.markers[1]
    assert "Laura Bennett" in feedback.label and "AHT" in feedback.label and "Summarise" in feedback.label
    later = agent_trend_data(db, centre.amelia, MONDAY + timedelta(days=9), END, "week", ["AHT"])
    assert [m.kind for m in later.markers] == ["observation", "recognition"]


def test_record_details_for_each_marker(db, centre) -> None:  # noqa: ANN001
    data = agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["AHT"])
    by_kind = {m.kind: m for m in data.markers}
    feedback = record_detail(db, "feedback", by_kind["feedback"].uuid)
    assert feedback.title == "Feedback from Laura Bennett"
    assert ("To improve", "Summarise before closing") in feedback.lines
    assert record_detail(db, "one_to_one", by_kind["one_to_one"].uuid).lines[-3] == ("Summary", "Good fortnight")
    assert record_detail(db, "recognition", by_kind["recognition"].uuid).title == "Calm with an angry caller"
    assert record_detail(db, "observation", by_kind["observation"].uuid).session_uuid == by_kind["observation"].uuid
    with pytest.raises(NotFound):
        record_detail(db, "feedback", "no-such-uuid")
    with pytest.raises(ValidationError, match="Record kind"):
        record_detail(db, "goal", "x")


def test_bad_requests_name_what_is_wrong(db, centre) -> None:  # noqa: ANN001
    with pytest.raises(NotFound):
        agent_trend_data(db, "no-such-agent", MONDAY, END)
    with pytest.raises(ValidationError, match="Granularity"):
        agent_trend_data(db, centre.amelia, MONDAY, END, "hour")
    with pytest.raises(ValidationError, match="Period"):
        agent_trend_data(db, centre.amelia, END, MONDAY)
    with pytest.raises(NotFound, match="NOPE"):
        agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["NOPE"])


def test_an_agent_without_anything_gets_empty_panels(db, centre) -> None:  # noqa: ANN001
    data = agent_trend_data(db, centre.agents["Farah Khan"], MONDAY, END, "week", ["AHT"])
    assert data.kpis[0].points == () and data.kpis[0].days == 0
    assert data.behaviours.series and all(s.points == () for s in data.behaviours.series)
    assert data.markers == ()


def test_team_averages_are_cached_until_new_figures_arrive(db, centre) -> None:  # noqa: ANN001
    first = agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["AHT"]).kpis[0].team_average
    again = agent_trend_data(db, centre.agents["Bruno Costa"], MONDAY, END, "week", ["AHT"]).kpis[0].team_average
    assert again == first
    # Chloé's first figures: a new stamp, so the team's week 1 now counts her 600 s on 50 calls
    add_calls(db, centre.agents["Chloé Martin"], MONDAY, [600.0], [50.0])
    changed = agent_trend_data(db, centre.amelia, MONDAY, END, "week", ["AHT"]).kpis[0].team_average
    assert changed[0][1] == pytest.approx((42000 + 30000) / 170)
    assert changed[1] == first[1]
