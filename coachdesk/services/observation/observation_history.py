"""Past observations: an agent's history, one session read back whole, behaviour scores per session and per
period (the rule is in ``domain.scores``), and amendments to finished sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction, SessionStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.observation_rules import is_blank, timeliness
from coachdesk.domain.scores import Score, ScoredRating, behaviour_scores, category_scores, overall_score
from coachdesk.services import common as common_api
from coachdesk.services.feedback import FeedbackRow, feedback_row
from coachdesk.services.observation.observation import load_session_row, session_state
from coachdesk.services.observation.observation_types import SessionState
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid, id_by_uuid
from coachdesk.storage.models import (
    Amendment,
    Behaviour,
    BehaviourCategory,
    BehaviourRating,
    Feedback,
    ObservationNote,
    ObservationSession,
    ObservedInteraction,
    Person,
)
from coachdesk.storage.types import utcnow


@dataclass(frozen=True)
class NamedScore:
    name: str
    score: Score


@dataclass(frozen=True)
class ScoreSheet:
    """Scores per behaviour and per category, and overall, each with its ``n``."""

    behaviours: tuple[NamedScore, ...]
    categories: tuple[NamedScore, ...]
    overall: Score


@dataclass(frozen=True)
class HistoryRow:
    """One observation session of an agent, with its score and its feedback's delivery."""

    session_uuid: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    mode: str
    observer: str | None
    interactions: int
    score: Score
    feedback_uuid: str | None
    delivered_at: datetime | None
    timeliness: timedelta | None

    @property
    def uuid(self) -> str:
        return self.session_uuid


@dataclass(frozen=True)
class AmendmentRow:
    record_type: str
    record_uuid: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    author: str | None
    amended_at: datetime


@dataclass(frozen=True)
class SessionDetail:
    state: SessionState
    feedback: FeedbackRow | None
    scores: ScoreSheet
    amendments: tuple[AmendmentRow, ...]


# -- scores ---------------------------------------------------------------------------------------------------------
_RATING_COLUMNS = (BehaviourRating.session_id, BehaviourRating.interaction_id, BehaviourRating.score,
                   Behaviour.code, Behaviour.name, BehaviourCategory.name, ObservedInteraction.reference)


def _rating_query():  # noqa: ANN202
    return (select(*_RATING_COLUMNS)
            .join(Behaviour, Behaviour.id == BehaviourRating.behaviour_id)
            .outerjoin(BehaviourCategory, BehaviourCategory.id == Behaviour.category_id)
            .outerjoin(ObservedInteraction, ObservedInteraction.id == BehaviourRating.interaction_id))


def _sheet(rows: list) -> ScoreSheet:
    """Rows of ``_RATING_COLUMNS`` -> scores keyed by behaviour code; names are the latest seen for each code."""
    ratings, names = [], {}
    for session_id, interaction_id, score, code, name, category, reference in rows:
        observation = f"ref:{reference}" if reference else f"i:{interaction_id}" if interaction_id else \
            f"s:{session_id}"
        ratings.append(ScoredRating(code, category or "", score, observation))
        names[code] = name
    by_behaviour = behaviour_scores(ratings)
    return ScoreSheet(tuple(NamedScore(names[c], s) for c, s in by_behaviour.items()),
                      tuple(NamedScore(c, s) for c, s in category_scores(ratings).items()),
                      overall_score(ratings))


def _session_overall(session: Session, session_ids: list[int]) -> dict[int, Score]:
    """Only the overall score of each session (a history list needs no more)."""
    grouped: dict[int, list[ScoredRating]] = {sid: [] for sid in session_ids}
    if session_ids:
        rows = session.execute(
            select(BehaviourRating.session_id, BehaviourRating.interaction_id, BehaviourRating.score,
                   BehaviourRating.behaviour_id, ObservedInteraction.reference)
            .outerjoin(ObservedInteraction, ObservedInteraction.id == BehaviourRating.interaction_id)
            .where(BehaviourRating.session_id.in_(session_ids))).all()
        for session_id, interaction_id, score, behaviour_id, reference in rows:
            observation = f"ref:{reference}" if reference else f"i:{interaction_id}" if interaction_id else \
                f"s:{session_id}"
            grouped[session_id].append(ScoredRating(str(behaviour_id), "", score, observation))
    return {sid: overall_score(ratings) for sid, ratings in grouped.items()}


def session_sheets(session: Session, session_ids: list[int]) -> dict[int, ScoreSheet]:
    rows = session.execute(_rating_query().where(BehaviourRating.session_id.in_(session_ids))
                           .order_by(Behaviour.sort_order)).all() if session_ids else []
    grouped: dict[int, list] = {sid: [] for sid in session_ids}
    for row in rows:
        grouped[row[0]].append(row)
    return {sid: _sheet(grouped[sid]) for sid in session_ids}


def session_scores(db: Database, session_uuid: str) -> ScoreSheet:
    with db.session() as session:
        row = load_session_row(session, session_uuid)
        return session_sheets(session, [row.id])[row.id]


def period_scores(db: Database, agent_uuid: str, start: date, end: date) -> ScoreSheet:
    """An agent's scores over sessions started from ``start`` to ``end`` inclusive (abandoned ones left out)."""
    with db.session() as session:
        agent_id = id_by_uuid(session, Person, agent_uuid, "agent")
        since = datetime.combine(start, time.min).astimezone()
        until = datetime.combine(end + timedelta(days=1), time.min).astimezone()
        rows = session.execute(
            _rating_query().join(ObservationSession, ObservationSession.id == BehaviourRating.session_id)
            .where(ObservationSession.agent_id == agent_id, ObservationSession.started_at >= since,
                   ObservationSession.started_at < until, ObservationSession.status != SessionStatus.ABANDONED)
            .order_by(Behaviour.sort_order, BehaviourRating.rated_at)).all()
        return _sheet(rows)


# -- history --------------------------------------------------------------------------------------------------------
def agent_history(db: Database, agent_uuid: str, limit: int = 500) -> list[HistoryRow]:
    """The agent's observation sessions, newest first, each with its overall score and feedback."""
    with db.session() as session:
        agent_id = id_by_uuid(session, Person, agent_uuid, "agent")
        sessions = list(session.scalars(select(ObservationSession).where(ObservationSession.agent_id == agent_id)
                                        .order_by(ObservationSession.started_at.desc()).limit(limit)))
        ids = [s.id for s in sessions]
        overall = _session_overall(session, ids)
        observers = dict(session.execute(select(Person.id, Person.display_name).where(
            Person.id.in_({s.coach_id for s in sessions if s.coach_id}))).all())
        interactions: dict[int, int] = {}
        for sid in session.scalars(select(ObservedInteraction.session_id)
                                   .where(ObservedInteraction.session_id.in_(ids))):
            interactions[sid] = interactions.get(sid, 0) + 1
        feedback = {f.session_id: f for f in session.scalars(
            select(Feedback).where(Feedback.session_id.in_(ids)).order_by(Feedback.id))}
        return [HistoryRow(s.uuid, s.started_at, s.ended_at, s.status, s.mode.value,
                           observers.get(s.coach_id) if s.coach_id else None, interactions.get(s.id, 0),
                           overall[s.id], feedback[s.id].uuid if s.id in feedback else None,
                           feedback[s.id].delivered_at if s.id in feedback else None,
                           timeliness(s.ended_at, feedback[s.id].delivered_at) if s.id in feedback else None)
                for s in sessions]


def _amendments(session: Session, uuids: list[str]) -> tuple[AmendmentRow, ...]:
    rows = session.execute(select(Amendment, Person.display_name).outerjoin(Person, Person.id == Amendment.author_id)
                           .where(Amendment.record_uuid.in_(uuids)).order_by(Amendment.amended_at, Amendment.id))
    return tuple(AmendmentRow(a.record_type, a.record_uuid, a.field, a.old_value, a.new_value, a.reason, author,
                              a.amended_at) for a, author in rows)


def session_detail(db: Database, session_uuid: str) -> SessionDetail:
    """One session read back whole: what was logged, its feedback, its scores and every amendment."""
    with db.session() as session:
        row = load_session_row(session, session_uuid)
        state = session_state(session, row)
        fb = session.scalar(select(Feedback).where(Feedback.session_id == row.id).order_by(Feedback.id.desc())
                            .limit(1))
        uuids = [n.uuid for n in state.notes] + ([fb.uuid] if fb else [])
        return SessionDetail(state, feedback_row(session, fb, row) if fb else None,
                             session_sheets(session, [row.id])[row.id], _amendments(session, uuids))


def amend_note(db: Database, note_uuid: str, text: str, reason: str, author_uuid: str | None = None,
               at: datetime | None = None) -> AmendmentRow:
    """Change the text of a note of a finished session: the change and its reason are kept as an amendment."""
    if is_blank(text):
        raise ValidationError("A note cannot be emptied; amend it with what it should say.")
    if is_blank(reason):
        raise ValidationError("Give a reason for the change: it is kept with the note.")
    at = at or utcnow()
    with db.unit_of_work() as session:
        note = by_uuid(session, ObservationNote, note_uuid, "note")
        row = session.get(ObservationSession, note.session_id)
        if row is not None and row.status == SessionStatus.IN_PROGRESS:
            raise ValidationError("This session is still in progress: edit the note on the Observe page.")
        if note.text == text:
            raise ValidationError("The note already says that.")
        author = session.scalar(select(Person).where(Person.uuid == author_uuid)) if author_uuid else None
        amendment = Amendment(record_type="observation_note", record_uuid=note.uuid, field="text",
                              old_value=note.text, new_value=text, reason=reason.strip(),
                              author_id=author.id if author else None, amended_at=at)
        session.add(amendment)
        note.text = text
        common_api.record(session, AuditAction.AMEND, "observation_note", note.uuid, "Note amended",
                     actor_id=author.id if author else None)
        session.flush()
        return AmendmentRow("observation_note", note.uuid, "text", amendment.old_value, text, amendment.reason,
                            author.display_name if author else None, at)
