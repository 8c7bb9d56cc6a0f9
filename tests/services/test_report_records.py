"""What the printed records are built from, on SQLite and PostgreSQL: a recognition's signer (the giver, else the
team's leader that day) and outside source, an observation session and a feedback conversation, and the records the
Reports page offers; real demo data, PDFs read back."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select


def _demo(db) -> None:  # noqa: ANN001
    from coachdesk.services.demo import generate_demo

    generate_demo(db, agents=6, days=45, seed=5)


def test_a_recognition_is_signed_by_its_giver_or_the_teams_leader_that_day(db) -> None:  # noqa: ANN001
    from coachdesk.domain.enums import MembershipRole
    from coachdesk.services import reports
    from coachdesk.storage.models import Person, Recognition, TeamMembership

    _demo(db)
    with db.session() as s:
        outside = s.execute(select(Recognition.uuid, Recognition.given_by_name, Recognition.team_id,
                                   Recognition.recognised_on)
                            .where(Recognition.given_by_id.is_(None), Recognition.given_by_name.is_not(None))
                            .order_by(Recognition.id)).first()
        inside = s.execute(select(Recognition.uuid, Person.display_name).join(Person, Person.id ==
                                                                               Recognition.given_by_id)).first()
        assert outside is not None and inside is not None
        uuid, name, team_id, on = outside
        leaders = set(s.scalars(select(Person.display_name).join(TeamMembership, TeamMembership.person_id ==
                                                                 Person.id)
                                .where(TeamMembership.team_id == team_id,
                                       TeamMembership.role == MembershipRole.LEADER)))
    doc = reports.recognition(db, uuid)
    assert doc.source == name and doc.given_by in leaders  # signed by a leader of the team, not by the customer
    given = reports.recognition(db, inside[0])
    assert given.given_by == inside[1] and given.source == ""


def test_observation_and_feedback_records_hold_one_agents_session(db) -> None:  # noqa: ANN001
    from coachdesk.services import reports
    from coachdesk.storage.models import Feedback, ObservationSession, Person

    _demo(db)
    with db.session() as s:
        obs_uuid, agent_uuid, agent_name, obs_id = s.execute(
            select(ObservationSession.uuid, Person.uuid, Person.display_name, ObservationSession.id)
            .join(Person, Person.id == ObservationSession.agent_id)
            .join(Feedback, Feedback.session_id == ObservationSession.id)
            .order_by(ObservationSession.id)).first()
        fb_uuid, went_well = s.execute(select(Feedback.uuid, Feedback.went_well)
                                       .where(Feedback.session_id == obs_id)).first()
    doc = reports.observation_record(db, obs_uuid)
    assert doc.agent_name == agent_name and doc.feedback is not None and doc.feedback.uuid == fb_uuid
    assert doc.behaviours and doc.overall.n >= max(b.n for b in doc.behaviours) > 0  # pooled, n per behaviour
    record = reports.feedback_record(db, fb_uuid)
    assert record.agent_name == agent_name and record.went_well == (went_well or "")
    text = " ".join(PdfReader(io.BytesIO(reports.feedback_record_pdf(db, fb_uuid))).pages[0].extract_text().split())
    assert agent_name in text and "What went well" in text
    choices = reports.record_choices(db, agent_uuid, "observation")
    assert obs_uuid in [c.uuid for c in choices]
    assert fb_uuid in [c.uuid for c in reports.record_choices(db, agent_uuid, "feedback")]
