"""Feedback after a session: the prefilled composer, follow-up and delivery checks, timeliness, amendments after
delivery, recognition of a strength, the agent's history and behaviour scores per session and period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from coachdesk.domain.enums import NoteKind, SessionStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.services.feedback import feedback as fb
from coachdesk.services.observation import observation as obs
from coachdesk.services.observation import observation_history as history
from coachdesk.storage.models import Amendment, Recognition
from tests.services.observe_helpers import Cast, seed_cast

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


@pytest.fixture
def cast(db) -> Cast:  # noqa: ANN001
    return seed_cast(db)


def code_id(state, code: str) -> int:  # noqa: ANN001
    return next(b.id for b in state.framework.behaviours if b.code == code)


@pytest.fixture
def ended(db, cast):  # noqa: ANN001, ANN201
    """A finished session: two calls, ratings, a strength, an opportunity tied to the objective and a verbatim."""
    state = obs.start_session(db, cast.agent, observer_uuid=cast.coach, at=T0)
    call1, _ = obs.start_interaction(db, state.uuid, "CALL-1", at=T0 + timedelta(minutes=1))
    obs.rate(db, state.uuid, code_id(state, "EMPATHY"), "4", call1.uuid)
    obs.rate(db, state.uuid, code_id(state, "OWNERSHIP"), "1", call1.uuid)
    obs.rate(db, state.uuid, code_id(state, "SALE"), "0", call1.uuid)
    obs.add_note(db, state.uuid, "Named the customer's worry", NoteKind.STRENGTH, call1.uuid,
                 code_id(state, "EMPATHY"), at=T0 + timedelta(minutes=2))
    obs.add_note(db, state.uuid, "Transferred instead of owning it", NoteKind.OPPORTUNITY, call1.uuid,
                 code_id(state, "OWNERSHIP"), cast.objective, at=T0 + timedelta(minutes=3))
    obs.add_note(db, state.uuid, "I'll pass you to billing", NoteKind.VERBATIM, call1.uuid,
                 code_id(state, "OWNERSHIP"), at=T0 + timedelta(minutes=3))
    call2, _ = obs.start_interaction(db, state.uuid, "CALL-2", at=T0 + timedelta(minutes=6))
    obs.rate(db, state.uuid, code_id(state, "EMPATHY"), "3", call2.uuid)
    obs.rate(db, state.uuid, code_id(state, "TONE"), "4", call2.uuid)
    return obs.end_session(db, state.uuid, at=T0 + timedelta(minutes=10))


def test_composer_is_prefilled_from_the_session(db, cast, ended) -> None:
    draft = fb.compose(db, ended.uuid)
    assert draft.agent_name == "Amelia Brown" and draft.observed_until == T0 + timedelta(minutes=10)
    assert [q.text for q in draft.strengths] == ["Named the customer's worry"]
    assert [q.text for q in draft.opportunities] == ["Transferred instead of owning it"]
    assert [q.text for q in draft.quotes] == ["I'll pass you to billing"]
    assert draft.went_well.splitlines() == ["• Empathy: Named the customer's worry", "• Tone of voice"]
    assert draft.to_improve.splitlines() == ["• Taking responsibility and ownership: Transferred instead of owning it",
                                             "  “I'll pass you to billing”"]
    assert draft.target_behaviour_id == code_id(ended, "OWNERSHIP")
    assert draft.target_objective_uuid == cast.objective
    assert len(draft.behaviours) == 8 and draft.existing is None


def test_feedback_records_delivery_and_timeliness(db, ended) -> None:
    delivered = T0 + timedelta(minutes=35)
    row = fb.save_feedback(db, ended.uuid, "Empathy", "Ownership", "I will offer a callback",
                           follow_up_date=TODAY + timedelta(days=7), delivered_at=delivered,
                           target_behaviour_id=code_id(ended, "OWNERSHIP"), today=TODAY, now=delivered)
    assert row.delivered_at == delivered and row.timeliness == timedelta(minutes=25)
    assert fb.feedback_for_session(db, ended.uuid).timeliness == timedelta(minutes=25)
    assert fb.compose(db, ended.uuid).existing.uuid == row.uuid


def test_follow_up_in_the_past_and_bad_delivery_are_refused(db, ended) -> None:
    with pytest.raises(ValidationError, match="is in the past"):
        fb.save_feedback(db, ended.uuid, "a", "b", follow_up_date=TODAY - timedelta(days=1), today=TODAY)
    with pytest.raises(ValidationError, match="before the observation started"):
        fb.save_feedback(db, ended.uuid, "a", "b", delivered_at=T0 - timedelta(hours=1), today=TODAY,
                         now=T0 + timedelta(hours=1))
    with pytest.raises(ValidationError, match="in the future"):
        fb.save_feedback(db, ended.uuid, "a", "b", delivered_at=T0 + timedelta(days=2), today=TODAY,
                         now=T0 + timedelta(hours=1))
    with pytest.raises(ValidationError, match="what went well or what to improve"):
        fb.save_feedback(db, ended.uuid, " ", "", today=TODAY)
    assert fb.feedback_for_session(db, ended.uuid) is None


def test_feedback_needs_the_session_ended(db, cast) -> None:
    running = obs.start_session(db, cast.agent)
    with pytest.raises(ValidationError, match="End the observation"):
        fb.save_feedback(db, running.uuid, "a", "b")


def test_changes_after_delivery_are_amendments_with_a_reason(db, cast, ended) -> None:
    now = T0 + timedelta(minutes=40)
    row = fb.save_feedback(db, ended.uuid, "Empathy", "Ownership", today=TODAY, now=now)
    fb.save_feedback(db, ended.uuid, "Empathy!", "Ownership", today=TODAY, now=now)  # not delivered: plain edit
    with db.session() as s:
        assert s.scalars(select(Amendment)).all() == []
    fb.save_feedback(db, ended.uuid, "Empathy!", "Ownership", delivered_at=now, today=TODAY, now=now)
    with pytest.raises(ValidationError, match="give a reason"):
        fb.save_feedback(db, ended.uuid, "Empathy and tone", "Ownership", delivered_at=now, today=TODAY, now=now)
    fb.save_feedback(db, ended.uuid, "Empathy and tone", "Ownership", delivered_at=now, reason="Forgot tone",
                     author_uuid=cast.coach, today=TODAY, now=now)
    detail = history.session_detail(db, ended.uuid)
    assert detail.feedback.went_well == "Empathy and tone"
    [amendment] = [a for a in detail.amendments if a.record_uuid == row.uuid]
    assert (amendment.field, amendment.old_value, amendment.new_value) == ("went_well", "Empathy!",
                                                                          "Empathy and tone")
    assert amendment.reason == "Forgot tone" and amendment.author == "Chris Coach"


def test_notes_of_a_finished_session_are_amended_not_silently_changed(db, ended) -> None:
    note = ended.notes[0]
    with pytest.raises(ValidationError, match="reason"):
        history.amend_note(db, note.uuid, "Named the customer's worry clearly", " ")
    history.amend_note(db, note.uuid, "Named the customer's worry clearly", "More precise")
    detail = history.session_detail(db, ended.uuid)
    assert detail.state.notes[0].text == "Named the customer's worry clearly"
    assert [(a.old_value, a.reason) for a in detail.amendments] == [("Named the customer's worry", "More precise")]


def test_a_strength_becomes_a_recognition_in_one_step(db, cast, ended) -> None:
    strength = fb.compose(db, ended.uuid).strengths[0]
    rec = fb.recognise_strength(db, strength.uuid, on=TODAY)
    assert rec.title == "Empathy: Named the customer's worry" and rec.recognised_on == TODAY
    with db.session() as s:
        row = s.scalar(select(Recognition))
        assert row.what_they_did == "Named the customer's worry" and row.source_note_id is not None
    assert fb.compose(db, ended.uuid).strengths[0].recognised
    with pytest.raises(ValidationError, match="already been recognised"):
        fb.recognise_strength(db, strength.uuid)


def test_session_scores_follow_the_rule(db, ended) -> None:
    sheet = history.session_scores(db, ended.uuid)
    by_name = {s.name: s.score for s in sheet.behaviours}
    assert by_name["Empathy"].value == pytest.approx((1.0 + 2 / 3) / 2 * 100, abs=0.01) and by_name["Empathy"].n == 2
    assert by_name["Asking for the sale"].n == 0 and by_name["Asking for the sale"].not_applicable == 1
    assert by_name["Empathy"].too_few
    cats = {s.name: s.score for s in sheet.categories}
    assert cats["Connecting with the customer"].n == 3  # empathy x2, tone
    assert sheet.overall.n == 4 and sheet.overall.not_applicable == 1


def test_period_scores_and_calibration_counted_once(db, cast, ended) -> None:
    # a second observer rates CALL-2 too: it stays one observation of empathy, at the mean of both ratings
    other = obs.start_session(db, cast.agent, observer_uuid=cast.specialist, at=T0 + timedelta(hours=2))
    call, _ = obs.start_interaction(db, other.uuid, "CALL-2", at=T0 + timedelta(hours=2))
    obs.rate(db, other.uuid, code_id(other, "EMPATHY"), "1", call.uuid)
    obs.end_session(db, other.uuid, at=T0 + timedelta(hours=2, minutes=5))
    sheet = history.period_scores(db, cast.agent, TODAY, TODAY)
    empathy = next(s.score for s in sheet.behaviours if s.name == "Empathy")
    assert empathy.n == 2  # CALL-1 and CALL-2
    assert empathy.value == pytest.approx((1.0 + (2 / 3 + 0.0) / 2) / 2 * 100, abs=0.01)
    assert history.period_scores(db, cast.agent, TODAY + timedelta(days=1), TODAY + timedelta(days=2)).overall.n == 0


def test_agent_history_lists_sessions_with_scores_and_feedback(db, cast, ended) -> None:
    fb.save_feedback(db, ended.uuid, "a", "b", delivered_at=T0 + timedelta(hours=1), today=TODAY,
                     now=T0 + timedelta(hours=1))
    rows = history.agent_history(db, cast.agent)
    assert len(rows) == 1
    row = rows[0]
    assert row.observer == "Chris Coach" and row.interactions == 2 and row.score.n == 4
    assert row.timeliness == timedelta(minutes=50)
    assert history.agent_history(db, cast.other_agent) == []


def test_agent_history_rows_carry_each_sessions_own_fields_newest_first(db, cast, ended) -> None:
    saved = fb.save_feedback(db, ended.uuid, "a", "b", delivered_at=T0 + timedelta(hours=1), today=TODAY,
                             now=T0 + timedelta(hours=1))
    later = obs.start_session(db, cast.agent, observer_uuid=cast.specialist, at=T0 + timedelta(hours=3))
    rows = history.agent_history(db, cast.agent)
    assert [r.session_uuid for r in rows] == [later.uuid, ended.uuid]
    newest, first = rows
    assert newest.status == SessionStatus.IN_PROGRESS and newest.ended_at is None and newest.interactions == 0
    assert newest.feedback_uuid is None and newest.delivered_at is None and newest.timeliness is None
    assert newest.started_at == T0 + timedelta(hours=3) and newest.observer != first.observer
    assert first.status == SessionStatus.COMPLETED and first.mode == ended.mode.value
    assert first.started_at == T0 and first.ended_at == T0 + timedelta(minutes=10)
    assert first.feedback_uuid == saved.uuid and first.delivered_at == T0 + timedelta(hours=1)
    assert history.agent_history(db, cast.agent, limit=1) == rows[:1]
