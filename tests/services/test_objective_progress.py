"""Progress computed from constructed figures, with every expected value worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coachdesk.domain.enums import MeasureKind, ObjectiveStatus
from coachdesk.domain.errors import NotFound
from coachdesk.domain.objectives import Band
from coachdesk.services.goals import objective_measures
from coachdesk.services.goals import objective_progress as progress
from coachdesk.services.goals.objective_types import ObjectiveInput
from coachdesk.services.goals.objectives import create_objective, set_status
from tests.services.objective_helpers import add_calls, add_figures, add_ratings, behaviour_uuid, seed_centre

START, DUE = date(2026, 1, 1), date(2026, 1, 10)


@pytest.fixture
def centre(db):  # noqa: ANN001, ANN201
    return seed_centre(db)


def aht_objective(db, centre, **changes):  # noqa: ANN001, ANN201
    data = dict(person_uuid=centre.amelia, statement="Bring my AHT down to 5:50 by using the knowledge base",
                kpi_code="AHT", commit="6:20", target="5:50", stretch="5:30", baseline=400.0, start_date=START,
                due_date=DUE)
    data.update(changes)
    detail = create_objective(db, ObjectiveInput(**data))
    set_status(db, detail.uuid, ObjectiveStatus.AGREED, override_reason="test")
    return detail


def test_aht_progress_is_a_weighted_mean(db, centre) -> None:  # noqa: ANN001
    # 300 s x 10 calls, 360 s x 30, 420 s x 20: 22,200 s / 60 calls = 370 s (the mean of the days would be 360 s)
    add_calls(db, centre.amelia, START, [300, 360, 420], [10, 30, 20])
    add_calls(db, centre.amelia, START - timedelta(days=1), [900], [50])  # before the start: not counted
    aht_objective(db, centre)
    row = progress.list_progress(db, agent="Amelia Brown", on=START + timedelta(days=2))[0]
    assert row.current == pytest.approx(370) and row.current_text == "6:10"
    assert row.days_with_data == 3
    # commit 380, target 350: the 15 s AHT tolerance is capped at (380 - 350) / 2 = 15 s -> on target up to 365 s
    assert row.band is Band.BELOW
    assert row.distance == pytest.approx(20) and row.distance_text == "0:20 to go"
    assert row.forecast is None and row.on_track is None  # three days: too few for a trend
    assert (row.baseline_text, row.commit_text, row.target_text, row.stretch_text) == ("6:40", "6:20", "5:50", "5:30")


def test_forecast_continues_the_weighted_trend(db, centre) -> None:  # noqa: ANN001
    # 400, 390, 380, 370, 360 s with 20 calls a day: so far 380 s over 100 calls; the weighted line falls 10 s a day
    # from 400; the 5 days left (6-10 Jan) are expected to average the line at 8 Jan: 400 - 70 = 330 s with
    # 5 x 20 calls: (380 x 100 + 330 x 100) / 200 = 355 s -> on target (350 + 15 = 365 at most)
    add_calls(db, centre.amelia, START, [400, 390, 380, 370, 360], [20] * 5)
    aht_objective(db, centre)
    row = progress.list_progress(db, on=START + timedelta(days=4))[0]
    assert row.current == pytest.approx(380) and row.band is Band.BELOW  # exactly the 6:20 commit level
    assert row.forecast == pytest.approx(355) and row.forecast_text == "5:55"
    assert row.forecast_band is Band.ON_TARGET and row.on_track is True and not row.off_track
    assert row.due_soon  # due in 5 days


def test_a_mean_kpi_and_a_falling_one_is_off_track(db, centre) -> None:  # noqa: ANN001
    days = [START + timedelta(days=n) for n in range(5)]
    add_figures(db, centre.amelia, "CSAT", dict(zip(days, [0.90, 0.88, 0.86, 0.84, 0.82], strict=True)))
    create = create_objective(db, ObjectiveInput(centre.amelia, "Keep my CSAT at 90% or better every week",
                                                 kpi_code="CSAT", commit="88", target="90%", stretch="93%",
                                                 start_date=START, due_date=DUE))
    set_status(db, create.uuid, ObjectiveStatus.AGREED, override_reason="test")
    row = progress.list_progress(db, agent=centre.amelia, on=days[-1])[0]
    # mean 0.86; line 0.90 - 0.02x, at 8 Jan (x = 7) 0.76: (4.3 + 5 x 0.76) / 10 = 0.81
    assert row.current == pytest.approx(0.86) and row.current_text == "86.0%"
    assert row.distance_text == "4.0 pts to go"
    assert row.forecast == pytest.approx(0.81)
    # under the commit level, but 4 points short is not "far" on a share (5 points, kpi_scales.far_gap); 9 is
    assert row.band is Band.BELOW and row.forecast_band is Band.FAR_BELOW
    assert row.off_track and row.on_track is False
    assert progress.needing_attention(db, on=days[-1])[0].uuid == create.uuid


@pytest.mark.parametrize("few_people", [0, 60], ids=["from-the-behaviour", "from-the-sessions"])
def test_behaviour_progress_comes_from_ratings(db, centre, few_people, monkeypatch) -> None:  # noqa: ANN001
    # both ways of reading the ratings (the behaviour's, or a few people's sessions') give the same numbers
    monkeypatch.setattr(objective_measures, "FEW_PEOPLE", few_people)
    add_ratings(db, centre.agents["Farah Khan"], "EMPATHY",
                START + timedelta(days=1), [0.0, 0.0])  # someone else's ratings count for no one else
    # 2 Jan: Excellent, Good, N/A; 4 Jan: Developing, Not yet -> 2 of 4 applicable ratings at Good or better
    add_ratings(db, centre.amelia, "EMPATHY", START + timedelta(days=1), [1.0, 0.6667, None])
    add_ratings(db, centre.amelia, "EMPATHY", START + timedelta(days=3), [0.3333, 0.0])
    add_ratings(db, centre.amelia, "EMPATHY", START + timedelta(days=20), [1.0])  # after the due date
    create_objective(db, ObjectiveInput(centre.amelia, "Be rated Good or better on empathy in 3 of 4 observations",
                                        MeasureKind.BEHAVIOUR, behaviour_uuid=behaviour_uuid(db, "EMPATHY"),
                                        commit="50", target="75", start_date=START, due_date=DUE))
    row = progress.list_progress(db, on=DUE + timedelta(days=30), statuses=None)[0]
    assert row.current == pytest.approx(0.5) and row.current_text == "50%"
    assert row.band is Band.BELOW and row.measure_code == "EMPATHY" and row.days_with_data == 2
    assert row.forecast == pytest.approx(0.5)  # the period is over: the final value


def test_filters_and_notes(db, centre) -> None:  # noqa: ANN001
    aht_objective(db, centre)
    aht_objective(db, centre, person_uuid=centre.agents["Farah Khan"])
    assert len(progress.list_progress(db, team="billing", on=START)) == 2
    assert [r.person_name for r in progress.list_progress(db, agent="Farah Khan", on=START)] == ["Farah Khan"]
    early = progress.list_progress(db, on=START - timedelta(days=3))[0]
    assert early.note == "Starts on 1 Jan 2026." and early.current is None  # the default day format, not ISO
    assert progress.list_progress(db, on=START)[0].note == "No figures yet."
    assert progress.list_progress(db, statuses=[ObjectiveStatus.DRAFT], on=START) == []
    with pytest.raises(NotFound, match="No team is called 'Nowhere'"):
        progress.list_progress(db, team="Nowhere")


def test_team_matrix_is_agents_by_measures(db, centre) -> None:  # noqa: ANN001
    add_calls(db, centre.amelia, START, [300, 360, 420], [10, 30, 20])
    aht_objective(db, centre)
    aht_objective(db, centre, person_uuid=centre.agents["Farah Khan"])
    create_objective(db, ObjectiveInput(centre.amelia, "Raise my FCR to 80% this quarter", kpi_code="FCR",
                                        target="80", start_date=START, due_date=DUE))
    matrix = progress.team_matrix(db, "Billing", on=START + timedelta(days=2))
    assert matrix.columns == ("AHT", "FCR") and matrix.column_names[0] == "Average handle time"
    assert [r.person_name for r in matrix.rows] == ["Amelia Brown", "Farah Khan"]
    amelia, farah = matrix.rows
    assert amelia.cells[0].band is Band.BELOW and amelia.cells[1].band is None
    assert farah.cells[1] is None


def test_an_agent_known_by_id_is_not_resolved_as_text(db, centre) -> None:  # noqa: ANN001
    aht_objective(db, centre)
    farah = centre.agents["Farah Khan"]
    aht_objective(db, centre, person_uuid=farah)
    rows = progress.list_progress(db, agent_uuid=farah, on=START)
    assert [r.person_name for r in rows] == ["Farah Khan"]
    assert rows == progress.list_progress(db, agent=farah, on=START)
    assert progress.list_progress(db, agent_uuid="0" * 32, on=START) == []
