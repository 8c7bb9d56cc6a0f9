"""Gathering one observation session or one feedback conversation for print, as ``reports.model`` dataclasses:
the agent's copy, one agent's data only, general notes included only on the observation record."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain import date_words
from coachdesk.domain.enums import NoteKind
from coachdesk.domain.errors import NotFound
from coachdesk.domain.observation_rules import timeliness
from coachdesk.reports.model import FeedbackRecordDoc, ObservationDoc, QuoteLine, ScoreLine
from coachdesk.services.reports.report_data import timeliness_text
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Behaviour,
    Feedback,
    Objective,
    ObservationNote,
    ObservationSession,
    ObservedInteraction,
    Person,
    Team,
)

_MODES = {"side_by_side": "side by side", "remote_listening": "remote listening", "recording_review": "review of a recording"}


def _name(session: Session, person_id: int | None) -> str:
    return (session.scalar(select(Person.display_name).where(Person.id == person_id)) or "") if person_id else ""


def _team(session: Session, team_id: int | None) -> str:
    return (session.scalar(select(Team.name).where(Team.id == team_id)) or "") if team_id else ""


def _notes(session: Session, session_id: int, kinds: tuple[NoteKind, ...]) -> tuple[QuoteLine, ...]:
    rows = session.execute(
        select(ObservationNote.kind, ObservationNote.text, Behaviour.name, ObservationNote.noted_at)
        .outerjoin(Behaviour, Behaviour.id == ObservationNote.behaviour_id)
        .where(ObservationNote.session_id == session_id, ObservationNote.kind.in_(kinds))
        .order_by(ObservationNote.noted_at, ObservationNote.id)).all()
    return tuple(QuoteLine(kind.value, text, behaviour or "", at) for kind, text, behaviour, at in rows)


def _feedback_doc(session: Session, fb: Feedback, obs: ObservationSession | None) -> FeedbackRecordDoc:
    target = ""
    if fb.target_behaviour_id:
        target = session.scalar(select(Behaviour.name).where(Behaviour.id == fb.target_behaviour_id)) or ""
    elif fb.target_objective_id:
        target = session.scalar(select(Objective.statement).where(Objective.id == fb.target_objective_id)) or ""
    ended = obs.ended_at if obs else None
    notes = _notes(session, obs.id, (NoteKind.STRENGTH, NoteKind.OPPORTUNITY)) if obs else ()
    return FeedbackRecordDoc(
        fb.uuid, _name(session, fb.agent_id), _team(session, fb.team_id or (obs.team_id if obs else None)),
        _name(session, fb.coach_id or (obs.coach_id if obs else None)), obs.started_at if obs else None,
        fb.delivered_at, timeliness_text(timeliness(ended, fb.delivered_at)) if ended and fb.delivered_at else "",
        fb.went_well or "", fb.to_improve or "", fb.agent_commitment or "", fb.follow_up_date, target,
        tuple(n for n in notes if n.kind == NoteKind.STRENGTH.value),
        tuple(n for n in notes if n.kind == NoteKind.OPPORTUNITY.value))


def feedback_record(db: Database, uuid: str) -> FeedbackRecordDoc:
    with db.session() as session:
        fb = session.scalar(select(Feedback).where(Feedback.uuid == uuid))
        if fb is None:
            raise NotFound(f"Feedback: there is none with the id {uuid!r}.")
        obs = session.get(ObservationSession, fb.session_id) if fb.session_id else None
        return _feedback_doc(session, fb, obs)


def observation_record(db: Database, uuid: str) -> ObservationDoc:
    from coachdesk.services import observation as observation_api

    with db.session() as session:
        obs = session.scalar(select(ObservationSession).where(ObservationSession.uuid == uuid))
        if obs is None:
            raise NotFound(f"Observation: there is none with the id {uuid!r}.")
        fb = session.scalar(select(Feedback).where(Feedback.session_id == obs.id).order_by(Feedback.id.desc()).limit(1))
        interactions = len(session.scalars(select(ObservedInteraction.id).where(
            ObservedInteraction.session_id == obs.id)).all())
        head = dict(uuid=obs.uuid, agent_name=_name(session, obs.agent_id), team_name=_team(session, obs.team_id),
                    observer_name=_name(session, obs.coach_id), mode=_MODES.get(obs.mode.value,
                                                                                obs.mode.value.replace("_", " ")),
                    started_at=obs.started_at, ended_at=obs.ended_at, status=obs.status.value.replace("_", " "),
                    interactions=interactions,
                    notes=_notes(session, obs.id, (NoteKind.STRENGTH, NoteKind.OPPORTUNITY, NoteKind.VERBATIM,
                                                   NoteKind.GENERAL)),
                    feedback=_feedback_doc(session, fb, obs) if fb else None)
    detail = observation_api.session_detail(db, uuid)
    sheet = detail.scores
    amendments = tuple(f"{date_words.when_words(a.amended_at)}: {a.field} changed from “{a.old_value or '–'}” to "
                       f"“{a.new_value or '–'}” ({a.reason})" for a in detail.amendments)
    return ObservationDoc(overall=ScoreLine("Overall", sheet.overall.value, sheet.overall.n),
                          behaviours=tuple(ScoreLine(b.name, b.score.value, b.score.n) for b in sheet.behaviours
                                           if b.score.n),
                          amendments=amendments, **head)
