"""Feedback after an observation: the composer's prefilled draft, saving and delivering it (timeliness), amending it
after delivery, and turning a strength noted during the session into a recognition in one step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction, NoteKind, SessionStatus
from coachdesk.domain.errors import ConflictError, ValidationError
from coachdesk.domain.observation_rules import check_delivery, check_follow_up, is_blank, timeliness
from coachdesk.services import common as common_api
from coachdesk.services.observation import ObjectiveChoice, load_view, objective_choices
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Amendment,
    Behaviour,
    BehaviourRating,
    Feedback,
    Objective,
    ObservationNote,
    ObservationSession,
    Person,
    Recognition,
)
from coachdesk.storage.types import utcnow

#: fields of a feedback record that the composer edits, in the order amendments list them
FIELDS = ("went_well", "to_improve", "agent_commitment", "follow_up_date", "delivered_at", "target_behaviour_id",
          "target_objective_id")
HIGH_SCORE, LOW_SCORE = 0.66, 0.5


@dataclass(frozen=True)
class NoteQuote:
    uuid: str
    kind: NoteKind
    text: str
    behaviour: str  # the behaviour's name, or ""
    noted_at: datetime
    recognised: bool = False


@dataclass(frozen=True)
class BehaviourChoice:
    id: int
    name: str


@dataclass(frozen=True)
class FeedbackRow:
    uuid: str
    session_uuid: str | None
    agent_uuid: str
    went_well: str
    to_improve: str
    agent_commitment: str
    follow_up_date: date | None
    delivered_at: datetime | None
    target_behaviour_id: int | None
    target_objective_uuid: str | None
    observed_until: datetime | None
    #: from the end of the observation to delivery; None until delivered
    timeliness: timedelta | None
    #: hand it back to ``save_feedback(expected_version=...)`` (0 when the editor opened with no feedback yet)
    version: int = 0
    #: when the follow-up was marked done (None while open), how it turned out (improved, partly, not_yet) and why
    follow_up_done_at: datetime | None = None
    follow_up_outcome: str = ""
    follow_up_note: str = ""


@dataclass(frozen=True)
class FeedbackDraft:
    """What the composer opens with: the session's strengths, opportunities and quotes, and prefilled texts."""

    session_uuid: str
    agent_uuid: str
    agent_name: str
    observed_from: datetime
    observed_until: datetime | None
    strengths: tuple[NoteQuote, ...]
    opportunities: tuple[NoteQuote, ...]
    quotes: tuple[NoteQuote, ...]
    went_well: str
    to_improve: str
    agent_commitment: str
    follow_up_date: date | None
    target_behaviour_id: int | None
    target_objective_uuid: str | None
    behaviours: tuple[BehaviourChoice, ...]
    objectives: tuple[ObjectiveChoice, ...]
    existing: FeedbackRow | None = None


@dataclass(frozen=True)
class RecognitionRow:
    uuid: str
    title: str
    recognised_on: date


def _session(session: Session, uuid: str) -> ObservationSession:
    row = by_uuid(session, ObservationSession, uuid, "observation session")
    return row


def _observed_until(row: ObservationSession) -> datetime | None:
    return row.ended_at


def feedback_row(session: Session, fb: Feedback, session_row: ObservationSession | None) -> FeedbackRow:
    agent_uuid = session.scalar(select(Person.uuid).where(Person.id == fb.agent_id)) or ""
    objective_uuid = session.scalar(select(Objective.uuid).where(Objective.id == fb.target_objective_id)) \
        if fb.target_objective_id else None
    until = _observed_until(session_row) if session_row else None
    return FeedbackRow(fb.uuid, session_row.uuid if session_row else None, agent_uuid, fb.went_well or "",
                       fb.to_improve or "", fb.agent_commitment or "", fb.follow_up_date, fb.delivered_at,
                       fb.target_behaviour_id, objective_uuid, until, timeliness(until, fb.delivered_at),
                       fb.version, follow_up_done_at=fb.follow_up_done_at,
                       follow_up_outcome=fb.follow_up_outcome.value if fb.follow_up_outcome else "",
                       follow_up_note=fb.follow_up_note or "")


def _quote_line(note: NoteQuote) -> str:
    text = " ".join(note.text.split())
    return f"• {note.behaviour}: {text}" if note.behaviour else f"• {text}"


def compose(db: Database, session_uuid: str) -> FeedbackDraft:
    """The composer's starting point for a session: its notes sorted into strengths, opportunities and quotes;
    what went well and what to improve prefilled from them and from the best and weakest ratings."""
    with db.session() as session:
        row = _session(session, session_uuid)
        agent = session.get(Person, row.agent_id)
        view = load_view(session, row.framework_id) if row.framework_id else None
        names = {b.id: b.name for b in view.behaviours} if view else {}
        recognised = set(session.scalars(select(Recognition.source_note_id).where(
            Recognition.source_note_id.is_not(None))
            .join(ObservationNote, ObservationNote.id == Recognition.source_note_id)
            .where(ObservationNote.session_id == row.id)))
        notes = [(n, NoteQuote(n.uuid, n.kind, n.text, names.get(n.behaviour_id, ""), n.noted_at,  # type: ignore[arg-type]
                               n.id in recognised))
                 for n in session.scalars(select(ObservationNote).where(ObservationNote.session_id == row.id)
                                          .order_by(ObservationNote.noted_at, ObservationNote.id))]
        strengths = tuple(q for _n, q in notes if q.kind == NoteKind.STRENGTH)
        opportunities = tuple(q for _n, q in notes if q.kind == NoteKind.OPPORTUNITY)
        quotes = tuple(q for _n, q in notes if q.kind == NoteKind.VERBATIM)
        ratings = list(session.scalars(select(BehaviourRating).where(BehaviourRating.session_id == row.id)))
        by_behaviour: dict[int, list[float]] = {}
        for r in ratings:
            if r.score is not None:
                by_behaviour.setdefault(r.behaviour_id, []).append(r.score)
        means = {bid: sum(v) / len(v) for bid, v in by_behaviour.items()}
        went = [_quote_line(q) for q in strengths]
        noted_good = {n.behaviour_id for n, q in notes if q.kind == NoteKind.STRENGTH}
        went += [f"• {names[bid]}" for bid, m in sorted(means.items(), key=lambda kv: -kv[1])
                 if m >= HIGH_SCORE and bid not in noted_good and bid in names]
        improve = [_quote_line(q) for q in opportunities]
        noted_bad = {n.behaviour_id for n, q in notes if q.kind == NoteKind.OPPORTUNITY}
        improve += [f"• {names[bid]}" for bid, m in sorted(means.items(), key=lambda kv: kv[1])
                    if m < LOW_SCORE and bid not in noted_bad and bid in names]
        for q in quotes:
            target = improve if any(q.behaviour and q.behaviour in line for line in improve) else went
            target.append(f"  “{' '.join(q.text.split())}”")
        opportunity_behaviours = [n.behaviour_id for n, q in notes if q.kind == NoteKind.OPPORTUNITY and n.behaviour_id]
        target = opportunity_behaviours[0] if opportunity_behaviours else (
            min(means, key=lambda bid: means[bid]) if means and min(means.values()) < HIGH_SCORE else None)
        objective_ids = [n.objective_id for n, q in notes if n.objective_id and q.kind != NoteKind.STRENGTH] or \
            [n.objective_id for n, _q in notes if n.objective_id]
        objective_uuid = session.scalar(select(Objective.uuid).where(Objective.id == objective_ids[0])) \
            if objective_ids else None
        existing_fb = session.scalar(select(Feedback).where(Feedback.session_id == row.id)
                                     .order_by(Feedback.id.desc()).limit(1))
        existing = feedback_row(session, existing_fb, row) if existing_fb else None
        return FeedbackDraft(
            session_uuid=row.uuid, agent_uuid=agent.uuid if agent else "",
            agent_name=agent.display_name if agent else "", observed_from=row.started_at,
            observed_until=_observed_until(row), strengths=strengths, opportunities=opportunities, quotes=quotes,
            went_well=existing.went_well if existing else "\n".join(went),
            to_improve=existing.to_improve if existing else "\n".join(improve),
            agent_commitment=existing.agent_commitment if existing else "",
            follow_up_date=existing.follow_up_date if existing else None,
            target_behaviour_id=existing.target_behaviour_id if existing else target,
            target_objective_uuid=existing.target_objective_uuid if existing else objective_uuid,
            behaviours=tuple(BehaviourChoice(b.id, b.name) for b in view.behaviours) if view else (),
            objectives=objective_choices(session, row.agent_id), existing=existing)


def _values(went_well: str, to_improve: str, agent_commitment: str, follow_up_date: date | None,
            delivered_at: datetime | None, target_behaviour_id: int | None, target_objective_id: int | None) -> dict:
    return {"went_well": went_well or None, "to_improve": to_improve or None,
            "agent_commitment": agent_commitment or None, "follow_up_date": follow_up_date,
            "delivered_at": delivered_at, "target_behaviour_id": target_behaviour_id,
            "target_objective_id": target_objective_id}


def _shown(session: Session, values: dict) -> dict[str, str]:
    """Feedback fields as shown values, for the conflict dialog."""
    behaviour = session.get(Behaviour, values["target_behaviour_id"]) if values.get("target_behaviour_id") else None
    objective = session.get(Objective, values["target_objective_id"]) if values.get("target_objective_id") else None
    return {"What went well": common_api.text(values.get("went_well")),
            "To improve": common_api.text(values.get("to_improve")),
            "Agent's commitment": common_api.text(values.get("agent_commitment")),
            "Follow-up date": common_api.text(values.get("follow_up_date")),
            "Delivered": common_api.text(_text(values.get("delivered_at"))),
            "Target behaviour": behaviour.name if behaviour else "",
            "Target objective": objective.statement if objective else ""}


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def save_feedback(db: Database, session_uuid: str, went_well: str, to_improve: str, agent_commitment: str = "",
                  follow_up_date: date | None = None, delivered_at: datetime | None = None,
                  target_behaviour_id: int | None = None, target_objective_uuid: str | None = None,
                  reason: str = "", author_uuid: str | None = None, today: date | None = None,
                  now: datetime | None = None, expected_version: int | None = None,
                  overwriting: ConflictError | None = None) -> FeedbackRow:
    """Create or update the session's feedback. A follow-up date in the past is refused; once the feedback was
    delivered, every change is kept as an amendment (old value, new value, reason), never silently.

    ``expected_version``: the ``version`` of the feedback the editor loaded (0: it opened with none); when someone
    saved since, a ``ConflictError`` holds both versions (see ``services.conflicts``). None skips the check."""
    now = now or utcnow()
    today = today or date.today()
    with db.unit_of_work(immediate=expected_version is not None) as session:
        row = _session(session, session_uuid)
        if row.status == SessionStatus.IN_PROGRESS:
            raise ValidationError("End the observation before giving its feedback.")
        if is_blank(went_well) and is_blank(to_improve):
            raise ValidationError("Write what went well or what to improve before saving the feedback.")
        latest = select(Feedback).where(Feedback.session_id == row.id).order_by(Feedback.id.desc()).limit(1)
        fb = session.scalar(latest.with_for_update() if expected_version is not None else latest)
        if fb is None or fb.follow_up_date != follow_up_date:
            check_follow_up(follow_up_date, today)
        check_delivery(row.started_at, delivered_at, now)
        if target_behaviour_id is not None and session.get(Behaviour, target_behaviour_id) is None:
            raise ValidationError("That behaviour is no longer in the database.")
        objective_id = None
        if target_objective_uuid:
            objective_id = session.scalar(select(Objective.id).where(Objective.uuid == target_objective_uuid,
                                                                     Objective.person_id == row.agent_id))
            if objective_id is None:
                raise ValidationError("That objective is not one of this agent's.")
        values = _values(went_well, to_improve, agent_commitment, follow_up_date, delivered_at, target_behaviour_id,
                         objective_id)
        if expected_version is not None:
            stored_version = fb.version if fb is not None else 0
            agent = session.get(Person, row.agent_id)
            common_api.check(stored_version, expected_version, "feedback", f"The feedback to {agent.display_name}",
                            lambda: _shown(session, {n: getattr(fb, n) for n in FIELDS} if fb else {}),
                            lambda: _shown(session, values))
            if fb is not None:
                common_api.record_overwrite(session, "feedback", fb.uuid, overwriting)
        author_id = session.scalar(select(Person.id).where(Person.uuid == author_uuid)) if author_uuid else None
        if fb is None:
            fb = Feedback(session_id=row.id, agent_id=row.agent_id, coach_id=row.coach_id, team_id=row.team_id,
                          **values)
            session.add(fb)
            session.flush()
            common_api.record(session, AuditAction.CREATE, "feedback", fb.uuid, "Feedback written", actor_id=author_id)
        else:
            changed = {k: v for k, v in values.items() if getattr(fb, k) != v}
            if fb.delivered_at is not None and changed:
                if is_blank(reason):
                    raise ValidationError("This feedback was already delivered: give a reason for the change; it "
                                          "is kept as an amendment.")
                for name in FIELDS:
                    if name in changed:
                        session.add(Amendment(record_type="feedback", record_uuid=fb.uuid, field=name,
                                              old_value=_text(getattr(fb, name)), new_value=_text(changed[name]),
                                              reason=reason.strip(), author_id=author_id, amended_at=now))
                common_api.record(session, AuditAction.AMEND, "feedback", fb.uuid,
                             f"Delivered feedback amended ({', '.join(changed)})", actor_id=author_id)
            elif changed:
                common_api.record(session, AuditAction.UPDATE, "feedback", fb.uuid, "Feedback edited", actor_id=author_id)
            for name, value in changed.items():
                setattr(fb, name, value)
        session.flush()
        return feedback_row(session, fb, row)


def feedback_for_session(db: Database, session_uuid: str) -> FeedbackRow | None:
    with db.session() as session:
        row = _session(session, session_uuid)
        fb = session.scalar(select(Feedback).where(Feedback.session_id == row.id).order_by(Feedback.id.desc())
                            .limit(1))
        return feedback_row(session, fb, row) if fb else None


def recognise_strength(db: Database, note_uuid: str, title: str = "", on: date | None = None) -> RecognitionRow:
    """Turn a strength noted during a session into a recognition of the agent, in one step."""
    with db.unit_of_work() as session:
        note = by_uuid(session, ObservationNote, note_uuid, "note")
        if session.scalar(select(Recognition.id).where(Recognition.source_note_id == note.id)) is not None:
            raise ValidationError("This strength has already been recognised.")
        row = session.get(ObservationSession, note.session_id)
        assert row is not None
        behaviour = session.get(Behaviour, note.behaviour_id) if note.behaviour_id else None
        first_line = " ".join(note.text.split())
        default = f"{behaviour.name}: {first_line}" if behaviour else first_line
        title = (title.strip() or default)
        if len(title) > 300:
            title = title[:299] + "…"
        rec = Recognition(agent_id=row.agent_id, given_by_id=row.coach_id, team_id=row.team_id, title=title,
                          what_they_did=note.text, behaviour_id=note.behaviour_id, objective_id=note.objective_id,
                          source_note_id=note.id, recognised_on=on or date.today())
        session.add(rec)
        session.flush()
        common_api.record(session, AuditAction.CREATE, "recognition", rec.uuid, "Strength recognised",
                     actor_id=row.coach_id)
        return RecognitionRow(rec.uuid, rec.title, rec.recognised_on)
