"""Closing a follow-up with its outcome: refusals leave nothing saved; the outcome then shows in the talking points,
the prep sheet, the printed summary's data and the coaching-effect rows; the calendar no longer lists it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from coachdesk.domain.errors import ValidationError
from coachdesk.domain.one_to_one_rules import PointRule
from coachdesk.services import calendar
from tests.services.calendar_helpers import seed_crew, snapshot


def _feedback(db, crew, given: date, follow: date | None, delivered: bool = True) -> str:  # noqa: ANN001
    from coachdesk.storage.models import Feedback, Person

    with db.unit_of_work() as s:
        fb = Feedback(agent_id=s.scalar(select(Person.id).where(Person.uuid == crew.agents[0])),
                      coach_id=s.scalar(select(Person.id).where(Person.uuid == crew.leader)),
                      to_improve="Summarise before solving", follow_up_date=follow,
                      delivered_at=datetime.combine(given, time(14), tzinfo=UTC) if delivered else None)
        s.add(fb)
        s.flush()
        return fb.uuid


def _outcome(db, uuid: str) -> tuple:  # noqa: ANN001
    from coachdesk.storage.models import Feedback

    with db.session() as s:
        return s.execute(select(Feedback.follow_up_outcome, Feedback.follow_up_note, Feedback.follow_up_done_at)
                         .where(Feedback.uuid == uuid)).one()


def test_refusals_change_nothing(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=1)
    today = date.today()
    open_one = _feedback(db, crew, today - timedelta(days=10), today - timedelta(days=3))
    no_date = _feedback(db, crew, today - timedelta(days=10), None)
    undelivered = _feedback(db, crew, today - timedelta(days=10), today, delivered=False)
    before = snapshot(db), _outcome(db, open_one)
    for uuid, outcome, note, words in ((open_one, "better", "", "choose improved, partly or not_yet"),
                                       (open_one, "partly", "x" * 4001, "at most 4000 characters"),
                                       (no_date, "improved", "", "no follow-up date"),
                                       (undelivered, "improved", "", "not been delivered")):
        with pytest.raises(ValidationError, match=words):
            calendar.close_follow_up(db, uuid, outcome, note)
    assert (snapshot(db), _outcome(db, open_one)) == before
    calendar.close_follow_up(db, open_one, "not_yet", "Still solving first.", actor_uuid=crew.leader)
    with pytest.raises(ValidationError, match="already closed"):
        calendar.close_follow_up(db, open_one, "improved")
    outcome, note, done = _outcome(db, open_one)
    assert outcome.value == "not_yet" and note == "Still solving first." and done is not None


def test_outcome_feeds_talking_points_prep_and_printed_summary(db) -> None:  # noqa: ANN001
    from coachdesk.services.one_to_ones import prep_sheet
    from coachdesk.services.reports import feedback_pdf, feedback_summary

    crew = seed_crew(db, agents=1)
    today = date.today()
    uuid = _feedback(db, crew, today - timedelta(days=10), today - timedelta(days=3))
    shown = calendar.entries(db, today - timedelta(days=5), today, [crew.team], kinds=[calendar.EntryKind.FOLLOW_UP])
    assert [e.uuid for e in shown] == [uuid]
    sheet = prep_sheet(db, crew.agents[0], on=today)
    assert PointRule.FOLLOW_UP_PASSED in {p.rule for p in sheet.talking_points}
    calendar.close_follow_up(db, uuid, "not_yet", "Still solving first.")
    assert calendar.entries(db, today - timedelta(days=5), today, [crew.team],
                            kinds=[calendar.EntryKind.FOLLOW_UP]) == []
    sheet = prep_sheet(db, crew.agents[0], on=today)
    rules = {p.rule: p for p in sheet.talking_points}
    assert PointRule.FOLLOW_UP_PASSED not in rules
    assert "not yet improved: Still solving first." in rules[PointRule.FOLLOW_UP_OUTCOME].reason
    (line,) = [f for f in sheet.feedback if f.uuid == uuid]
    assert (line.follow_up_done, line.follow_up_outcome, line.follow_up_note) == (True, "not_yet",
                                                                                 "Still solving first.")
    doc = feedback_summary(db, crew.agents[0], today - timedelta(days=30), today)
    (printed,) = doc.feedback
    assert (printed.follow_up_outcome, printed.follow_up_note) == ("Not yet", "Still solving first.")
    text = _pdf_text(feedback_pdf(db, crew.agents[0], today - timedelta(days=30), today, chart=False))
    assert "Not yet: Still solving first." in text and "(open)" not in text  # the printed page says how it went


def test_an_improvement_is_no_talking_point(db) -> None:  # noqa: ANN001
    from coachdesk.services.one_to_ones import prep_sheet

    crew = seed_crew(db, agents=1)
    today = date.today()
    uuid = _feedback(db, crew, today - timedelta(days=10), today - timedelta(days=3))
    calendar.close_follow_up(db, uuid, "improved", "")
    assert PointRule.FOLLOW_UP_OUTCOME not in {p.rule for p in prep_sheet(db, crew.agents[0], on=today).talking_points}


def test_outcome_shows_in_the_coaching_effect_rows(db) -> None:  # noqa: ANN001
    from coachdesk.services.trends import agent_effects
    from coachdesk.storage.models import Feedback
    from tests.services.objective_helpers import seed_centre
    from tests.services.test_effect_service import EVENT, _fcr
    from tests.services.test_effect_service import _feedback as kpi_feedback

    centre = seed_centre(db)
    agent = next(iter(centre.agents.values()))
    _fcr(db, agent, 0.08, seed=1)
    uuid = kpi_feedback(db, agent, centre.leader, EVENT, "FCR", None)
    with db.unit_of_work() as s:
        s.scalar(select(Feedback).where(Feedback.uuid == uuid)).follow_up_date = EVENT + timedelta(days=7)
    (before,) = agent_effects(db, agent, EVENT, EVENT)
    assert before.follow_up_outcome == ""
    calendar.close_follow_up(db, uuid, "partly", "Better on short calls.")
    (row,) = agent_effects(db, agent, EVENT, EVENT)
    assert (row.follow_up_outcome, row.follow_up_note) == ("partly", "Better on short calls.")
    assert row.effect == before.effect  # the figures are the figures; the judgement sits beside them


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_open_follow_ups_lists_the_agents_open_ones_until_closed(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=2)
    today = date.today()
    old = _feedback(db, crew, today - timedelta(days=100), today - timedelta(days=90))  # older than Today's 60 days
    soon = _feedback(db, crew, today - timedelta(days=2), today + timedelta(days=5))
    _feedback(db, crew, today - timedelta(days=2), None)  # no follow-up: nothing to close
    _feedback(db, crew, today - timedelta(days=2), today, delivered=False)  # not delivered: not open yet
    assert calendar.open_follow_ups(db, crew.agents[1]) == []
    shown = calendar.open_follow_ups(db, crew.agents[0])
    assert [(f.feedback_uuid, f.follow_up_date) for f in shown] == [(old, today - timedelta(days=90)),
                                                                     (soon, today + timedelta(days=5))]
    assert shown[0].to_improve == "Summarise before solving"
    assert calendar.close_follow_up(db, old, "partly") == crew.agents[0]  # whose views show it
    assert [f.feedback_uuid for f in calendar.open_follow_ups(db, crew.agents[0])] == [soon]
