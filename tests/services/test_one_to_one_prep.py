"""The prep sheet on a constructed history: KPI deltas since the last one-to-one against target, observations,
feedback, open items carried forward, recognitions, and each talking-point rule firing with its reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from coachdesk.domain.enums import ItemKind, ObjectiveStatus, OneToOneType
from coachdesk.domain.errors import NotFound
from coachdesk.domain.objectives import Band
from coachdesk.domain.one_to_one_rules import DueState, PointRule
from coachdesk.services.goals.objective_types import ObjectiveInput
from coachdesk.services.goals.objectives import create_objective, set_status
from coachdesk.services.one_to_ones import one_to_one as oto
from coachdesk.services.one_to_ones.one_to_one_prep import prep_sheet
from coachdesk.services.one_to_ones.one_to_one_types import ItemInput
from tests.services.objective_helpers import DUE, START, add_calls, add_ratings, seed_centre

HELD, ON = date(2026, 3, 6), date(2026, 3, 20)


def _feedback(db, agent_uuid: str, given: date, follow_up: date) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Feedback, Person

    with db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == agent_uuid))
        s.add(Feedback(agent_id=pid, went_well="Warm greeting", to_improve="Check the account first",
                       agent_commitment="I will check first", follow_up_date=follow_up,
                       delivered_at=datetime.combine(given, time(11), tzinfo=UTC)))


def _recognition(db, agent_uuid: str, day: date) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Person, Recognition

    with db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == agent_uuid))
        s.add(Recognition(agent_id=pid, title="Calm with an angry caller", what_they_did="Stayed calm",
                          given_by_name="Customer", recognised_on=day))


@pytest.fixture
def history(db):  # noqa: ANN001, ANN201
    centre = seed_centre(db)
    detail = create_objective(db, ObjectiveInput(
        person_uuid=centre.amelia, statement="Bring my AHT down to 5:50 by using the knowledge base",
        kpi_code="AHT", commit="6:20", target="5:50", stretch="5:30", baseline=400.0, start_date=START,
        due_date=DUE))
    set_status(db, detail.uuid, ObjectiveStatus.AGREED, override_reason="test")
    # 14 days at 5:30 (exceeded) before the one-to-one, then 15 days at 6:40 (far below) since
    add_calls(db, centre.amelia, HELD - timedelta(days=14), [330.0] * 14 + [400.0] * 15, [50.0] * 29)
    rec = oto.open_next(db, centre.amelia, coach_uuid=centre.leader, on=HELD)
    oto.save_session(db, rec.uuid, kind=OneToOneType.EXPECTATION_SETTING, day=HELD, held=True, items=[
        ItemInput(ItemKind.ACTION, "Use the knowledge base on every billing call.", owner_uuid=centre.amelia,
                  due_date=HELD + timedelta(days=7)),
        ItemInput(ItemKind.COMMITMENT, "I will ask before transferring.", owner_uuid=centre.amelia)])
    add_ratings(db, centre.amelia, "EMPATHY", HELD + timedelta(days=2), [0.3333, 0.0])
    add_ratings(db, centre.amelia, "EMPATHY", HELD + timedelta(days=9), [0.3333, 0.3333])
    _feedback(db, centre.amelia, HELD + timedelta(days=2), HELD + timedelta(days=10))
    _recognition(db, centre.amelia, HELD + timedelta(days=4))
    return centre, detail.uuid


def test_prep_sheet_reads_the_history(db, history) -> None:  # noqa: ANN001
    centre, objective = history
    sheet = prep_sheet(db, centre.amelia, on=ON)
    assert (sheet.agent_name, sheet.team, sheet.leader) == ("Amelia Brown", "Billing", "Laura Bennett")
    assert sheet.last_session_date == HELD and sheet.since == HELD
    assert sheet.due_date == HELD + timedelta(days=14) and sheet.due_state is DueState.DUE
    [obj] = sheet.objectives
    assert obj.uuid == objective and obj.target_text == "5:50" and obj.trend
    assert [round(p.value) for p in obj.trend[-2:]] == [400, 400] and obj.trend[0].value == 330.0
    [delta] = sheet.kpi_deltas
    assert (delta.before_text, delta.since_text, delta.target_text) == ("5:30", "6:40", "5:50")
    assert (delta.band_before, delta.band_since, delta.improved) == (Band.EXCEEDED, Band.FAR_BELOW, False)
    assert delta.change_text == "1:10 worse"
    assert len(sheet.observations) == 2 and sheet.observations[0].day == HELD + timedelta(days=9)
    assert [f.to_improve for f in sheet.feedback] == ["Check the account first"]
    assert [r.title for r in sheet.recognitions] == ["Calm with an angry caller"]
    assert sorted(i.text for i in sheet.open_items) == ["I will ask before transferring.",
                                                        "Use the knowledge base on every billing call."]
    action = next(i for i in sheet.open_items if i.kind is ItemKind.ACTION)
    assert action.overdue and action.agreed_on == HELD and action.times_carried == 0


def test_every_talking_point_rule_fires_with_its_reason(db, history) -> None:  # noqa: ANN001
    centre, _ = history
    points = prep_sheet(db, centre.amelia, on=ON).talking_points
    rules = {p.rule for p in points}
    assert rules == {PointRule.KPI_OUT_OF_BAND, PointRule.BEHAVIOUR_LOW, PointRule.FOLLOW_UP_PASSED,
                     PointRule.OBJECTIVE_DUE_SOON, PointRule.COMMITMENT_NOT_MET}
    assert all(p.reason.endswith(".") and len(p.reason) > 20 for p in points)
    kpi = next(p for p in points if p.rule is PointRule.KPI_OUT_OF_BAND)
    assert "6:40" in kpi.reason and "far below" in kpi.reason
    assert points[0].priority == 1  # the most pressing first
    # a month earlier none of it had happened yet: only the objective's figures, and no one-to-one
    early = prep_sheet(db, centre.amelia, on=HELD - timedelta(days=1))
    assert early.last_session_date is None and not early.open_items
    assert PointRule.BEHAVIOUR_LOW not in {p.rule for p in early.talking_points}


def test_carried_items_count_their_journey(db, history) -> None:  # noqa: ANN001
    centre, _ = history
    oto.open_next(db, centre.amelia, on=ON)
    sheet = prep_sheet(db, centre.amelia, on=ON)
    assert sheet.next_session_uuid is not None
    assert {i.times_carried for i in sheet.open_items} == {1}


def test_unknown_agent_is_refused(db) -> None:  # noqa: ANN001
    with pytest.raises(NotFound, match="no person"):
        prep_sheet(db, "00000000-0000-0000-0000-000000000000")


def _kept(record) -> list[ItemInput]:  # noqa: ANN001 - the lines carried into a new one-to-one stay on it
    return [ItemInput(i.kind, i.text, uuid=i.uuid, owner_uuid=i.owner_uuid, due_date=i.due_date, status=i.status)
            for i in record.items]


def test_prepare_shows_the_expectations_motivators_and_rewards_agreed_last_time(db, history) -> None:  # noqa: ANN001
    from coachdesk.domain.enums import RewardScope

    centre, _ = history
    assert (prep_sheet(db, centre.amelia, on=ON).agreed, prep_sheet(db, centre.amelia, on=ON).agreed_on) == ((), None)
    agreed_day = HELD + timedelta(days=7)
    rec = oto.open_next(db, centre.amelia, coach_uuid=centre.leader, on=agreed_day)
    oto.save_session(db, rec.uuid, kind=OneToOneType.EXPECTATION_SETTING, day=agreed_day, held=True, items=[
        *_kept(rec), ItemInput(ItemKind.REWARD, "Choice of shift pattern next month", reward_scope=RewardScope.INDIVIDUAL),
        ItemInput(ItemKind.EXPECTATION, "Every billing call closes with a summary."),
        ItemInput(ItemKind.ACTION, "Shadow Quinn for an hour.", owner_uuid=centre.amelia),
        ItemInput(ItemKind.MOTIVATOR, "Being trusted with escalations.")])
    later = agreed_day + timedelta(days=7)  # a review that agrees none of these does not hide them
    rec = oto.open_next(db, centre.amelia, coach_uuid=centre.leader, on=later)
    oto.save_session(db, rec.uuid, kind=OneToOneType.REVIEW, day=later, held=True, items=[
        *_kept(rec), ItemInput(ItemKind.NOTE, "Went through the month.")])
    assert prep_sheet(db, centre.amelia, on=agreed_day - timedelta(days=1)).agreed == ()  # not agreed yet then
    sheet = prep_sheet(db, centre.amelia, on=later + timedelta(days=3))
    assert sheet.agreed_on == agreed_day
    assert [(a.kind, a.text, a.reward_scope) for a in sheet.agreed] == [
        (ItemKind.EXPECTATION, "Every billing call closes with a summary.", ""),
        (ItemKind.MOTIVATOR, "Being trusted with escalations.", ""),
        (ItemKind.REWARD, "Choice of shift pattern next month", "individual")]
