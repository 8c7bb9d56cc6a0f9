"""Closing a feedback follow-up with its outcome (improved, partly, not yet) and a note: what the coaching-effect
view, the talking points and the printed summary then show beside the figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from coachdesk.domain import date_words
from coachdesk.domain.enums import AuditAction, FollowUpOutcome
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services import common
from coachdesk.services.calendar.schedule import _changed, agent_leaders
from coachdesk.storage.database import Database
from coachdesk.storage.models import Feedback, Person

NOTE_LIMIT = 4000


@dataclass(frozen=True)
class OpenFollowUp:
    """A delivered feedback's follow-up not yet marked done (any date: overdue ones stay until closed)."""

    feedback_uuid: str
    follow_up_date: date
    to_improve: str


def open_follow_ups(db: Database, agent_uuid: str) -> list[OpenFollowUp]:
    """The agent's follow-ups still open, soonest first (what the agent page offers to mark done)."""
    with db.session() as session:
        rows = session.execute(
            select(Feedback.uuid, Feedback.follow_up_date, Feedback.to_improve)
            .join(Person, Person.id == Feedback.agent_id)
            .where(Person.uuid == agent_uuid, Feedback.delivered_at.is_not(None),
                   Feedback.follow_up_date.is_not(None), Feedback.follow_up_done_at.is_(None))
            .order_by(Feedback.follow_up_date, Feedback.id)).all()
    return [OpenFollowUp(uuid, day, to_improve or "") for uuid, day, to_improve in rows]


def close_follow_up(db: Database, feedback_uuid: str, outcome: FollowUpOutcome | str, note: str = "",
                    at: datetime | None = None, actor_uuid: str | None = None) -> str:
    """Mark the follow-up done with how it turned out; refused (nothing saved) for unknown outcomes, undelivered
    feedback, feedback without a follow-up, one already closed, or a note too long. Returns the agent's UUID (whose
    views show the follow-up)."""
    try:
        outcome = FollowUpOutcome(outcome)
    except ValueError:
        raise ValidationError(f"Outcome {outcome!r}: choose improved, partly or not_yet.") from None
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError(f"Note: at most {NOTE_LIMIT} characters ({len(note)} typed); shorten it.")
    at = at or datetime.now(UTC)
    with db.unit_of_work(immediate=True) as session:
        fb = session.scalar(select(Feedback).where(Feedback.uuid == feedback_uuid))
        if fb is None:
            raise NotFound(f"No feedback has the id {feedback_uuid!r}.")
        if fb.delivered_at is None:
            raise ValidationError("This feedback has not been delivered yet; deliver it before closing its "
                                  "follow-up.")
        if fb.follow_up_date is None:
            raise ValidationError("This feedback has no follow-up date, so there is no follow-up to close.")
        if fb.follow_up_done_at is not None:
            when = date_words.date_words(fb.follow_up_done_at)
            raise ValidationError(f"This follow-up was already closed on {when}; it is kept as it was.")
        fb.follow_up_done_at, fb.follow_up_outcome, fb.follow_up_note = at, outcome, note or None
        actor = session.scalar(select(Person.id).where(Person.uuid == actor_uuid)) if actor_uuid else None
        common.record(session, AuditAction.UPDATE, "feedback", fb.uuid,
                     f"Follow-up closed: {outcome.label.lower()}", actor_id=actor)
        affected = agent_leaders(session, fb.agent_id, at.date())
        agent_uuid = session.scalar(select(Person.uuid).where(Person.id == fb.agent_id))
    _changed(db, affected)
    return agent_uuid


def reopen_follow_up(db: Database, feedback_uuid: str, actor_uuid: str | None = None) -> None:
    """Undo ``close_follow_up``: the follow-up is open (due) again; the outcome and note it was closed with stay in
    the audit entry. Refused, changing nothing, when it is not closed."""
    with db.unit_of_work(immediate=True) as session:
        fb = session.scalar(select(Feedback).where(Feedback.uuid == feedback_uuid))
        if fb is None:
            raise NotFound(f"No feedback has the id {feedback_uuid!r}.")
        if fb.follow_up_done_at is None:
            raise ValidationError("This follow-up is open already; there is nothing to reopen.")
        closed = {"closed_at": fb.follow_up_done_at.isoformat(),
                  "outcome": fb.follow_up_outcome.value if fb.follow_up_outcome else None,
                  "note": fb.follow_up_note}
        fb.follow_up_done_at, fb.follow_up_outcome, fb.follow_up_note = None, None, None
        actor = session.scalar(select(Person.id).where(Person.uuid == actor_uuid)) if actor_uuid else None
        common.record(session, AuditAction.UPDATE, "feedback", fb.uuid, "Follow-up reopened", actor_id=actor,
                      details=closed)
        affected = agent_leaders(session, fb.agent_id, datetime.now(UTC).date())
    _changed(db, affected)
