"""Observation sessions as they happen: start, interactions, ratings, notes, the autosaved draft, end and resume.

Every call is one short unit of work (a few milliseconds on SQLite in WAL mode), so the Observe page can save
each keystroke's effect at once. The note being typed is kept as a draft in ``personal_setting``
(``observe.draft.<session uuid>``) until it is stamped; ``observe.current`` names the session on screen, so the
next start can offer it for resuming after a crash.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from coachdesk.domain.enums import (
    AuditAction,
    Channel,
    MembershipRole,
    NoteKind,
    ObjectiveStatus,
    ObservationMode,
    Role,
    SessionStatus,
)
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.observation_rules import ScalePoint, is_blank, point_for_key
from coachdesk.services import common as common_api
from coachdesk.services.observation.frameworks import active_framework_id, load_view
from coachdesk.services.observation.observation_types import (
    DraftNote,
    InteractionRow,
    NoteRow,
    ObjectiveChoice,
    PersonChoice,
    RatingRow,
    SessionState,
    SessionSummary,
)
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    BehaviourFramework,
    BehaviourRating,
    Objective,
    ObservationNote,
    ObservationSession,
    ObservedInteraction,
    Person,
    PersonRole,
    RatingScale,
    RatingScalePoint,
    Team,
    TeamMembership,
)
from coachdesk.storage.types import utcnow

CURRENT_KEY = "observe.current"
OBSERVER_KEY = "observe.observer"
DRAFT_PREFIX = "observe.draft."
MAX_REFERENCE = 200
OBSERVER_ROLES = (Role.TEAM_LEADER, Role.COACH, Role.QUALITY_SPECIALIST, Role.OPERATIONS_MANAGER, Role.INSTRUCTOR)


# -- reading ----------------------------------------------------------------------------------------------------------
def load_session_row(session: Session, uuid: str) -> ObservationSession:
    row = by_uuid(session, ObservationSession, uuid, "observation session")
    return row


def _interaction_row(session: Session, uuid: str) -> ObservedInteraction:
    row = by_uuid(session, ObservedInteraction, uuid, "interaction")
    return row


def _interactions(session: Session, session_id: int) -> list[ObservedInteraction]:
    return list(session.scalars(select(ObservedInteraction).where(ObservedInteraction.session_id == session_id)
                                .order_by(ObservedInteraction.started_at, ObservedInteraction.id)))


def _to_interaction(row: ObservedInteraction, number: int) -> InteractionRow:
    return InteractionRow(row.uuid, number, row.reference or "", row.channel, row.started_at, row.ended_at)


def _to_rating(row: BehaviourRating, interaction_uuid: str | None) -> RatingRow:
    return RatingRow(row.uuid, interaction_uuid, row.behaviour_id, row.value, row.label, row.score, row.rated_at)


def _to_note(row: ObservationNote, interaction_uuid: str | None, objective_uuid: str | None) -> NoteRow:
    return NoteRow(row.uuid, interaction_uuid, row.kind, row.text, row.noted_at, row.behaviour_id, objective_uuid)


def _team_at(session: Session, person_id: int, on: date) -> tuple[int | None, str | None]:
    row = session.execute(
        select(Team.id, Team.name).join(TeamMembership, TeamMembership.team_id == Team.id)
        .where(TeamMembership.person_id == person_id, TeamMembership.role == MembershipRole.MEMBER,
               (TeamMembership.start_date.is_(None)) | (TeamMembership.start_date <= on),
               (TeamMembership.end_date.is_(None)) | (TeamMembership.end_date >= on))
        .limit(1)).first()
    return (row.id, row.name) if row else (None, None)


def objective_choices(session: Session, person_id: int) -> tuple[ObjectiveChoice, ...]:
    rows = session.execute(select(Objective.uuid, Objective.statement)
                           .where(Objective.person_id == person_id,
                                  Objective.status.in_([ObjectiveStatus.DRAFT, ObjectiveStatus.AGREED]))
                           .order_by(Objective.due_date, Objective.id)).all()
    return tuple(ObjectiveChoice(uuid, statement) for uuid, statement in rows)


def _draft(session: Session, session_uuid: str) -> DraftNote | None:
    raw = common_api.get_personal(session, DRAFT_PREFIX + session_uuid)
    if raw is None:
        return None
    data = json.loads(raw)
    return DraftNote(data.get("text", ""), NoteKind(data.get("kind", NoteKind.GENERAL)), data.get("behaviour_id"),
                     data.get("objective_uuid"), data.get("interaction_uuid"))


def session_state(session: Session, row: ObservationSession) -> SessionState:
    agent = session.get(Person, row.agent_id)
    observer = session.get(Person, row.coach_id) if row.coach_id else None
    team = session.get(Team, row.team_id) if row.team_id else None
    framework = load_view(session, row.framework_id if row.framework_id else active_framework_id(session))
    interactions = _interactions(session, row.id)
    uuid_of = {i.id: i.uuid for i in interactions}
    ratings = session.scalars(select(BehaviourRating).where(BehaviourRating.session_id == row.id)
                              .order_by(BehaviourRating.rated_at, BehaviourRating.id))
    notes = session.scalars(select(ObservationNote).where(ObservationNote.session_id == row.id)
                            .order_by(ObservationNote.noted_at, ObservationNote.id)).all()
    objective_ids = {n.objective_id for n in notes if n.objective_id}
    objective_uuid = dict(session.execute(select(Objective.id, Objective.uuid)
                                          .where(Objective.id.in_(objective_ids))).all()) if objective_ids else {}
    return SessionState(
        uuid=row.uuid, agent_uuid=agent.uuid if agent else "", agent_name=agent.display_name if agent else "",
        team=team.name if team else None, observer_uuid=observer.uuid if observer else None,
        observer_name=observer.display_name if observer else None, mode=row.mode, announced=row.announced,
        started_at=row.started_at, ended_at=row.ended_at, status=row.status, framework=framework,
        interactions=tuple(_to_interaction(i, n) for n, i in enumerate(interactions, start=1)),
        ratings=tuple(_to_rating(r, uuid_of.get(r.interaction_id)) for r in ratings),  # type: ignore[arg-type]
        notes=tuple(_to_note(n, uuid_of.get(n.interaction_id), objective_uuid.get(n.objective_id))  # type: ignore[arg-type]
                    for n in notes),
        draft=_draft(session, row.uuid),
        objectives=objective_choices(session, row.agent_id),
    )


def load_session(db: Database, session_uuid: str) -> SessionState:
    with db.session() as session:
        return session_state(session, load_session_row(session, session_uuid))


def observers(db: Database, on: date | None = None) -> list[PersonChoice]:
    """People who may observe: team leaders, coaches, quality specialists, managers and instructors."""
    on = on or date.today()
    with db.session() as session:
        rows = session.execute(
            select(Person.uuid, Person.display_name, PersonRole.role).join(PersonRole, PersonRole.person_id == Person.id)
            .where(PersonRole.role.in_(OBSERVER_ROLES),
                   (PersonRole.start_date.is_(None)) | (PersonRole.start_date <= on),
                   (PersonRole.end_date.is_(None)) | (PersonRole.end_date >= on),
                   (Person.active_to.is_(None)) | (Person.active_to >= on))
            .order_by(Person.name_key)).all()
    seen: dict[str, PersonChoice] = {}
    for uuid, name, role in rows:
        seen.setdefault(uuid, PersonChoice(uuid, name, role.label))
    return list(seen.values())


# -- settings kept in the database ----------------------------------------------------------------------------------
def _put_setting(session: Session, key: str, value: object) -> None:
    common_api.put_personal(session, key, json.dumps(value, ensure_ascii=False))


def _drop_setting(session: Session, key: str) -> None:
    common_api.drop_personal(session, key)


def remembered_observer(db: Database) -> str | None:
    with db.session() as session:
        raw = common_api.get_personal(session, OBSERVER_KEY)
    return json.loads(raw) if raw else None


# -- the session ------------------------------------------------------------------------------------------------------
def start_session(db: Database, agent_uuid: str, mode: ObservationMode = ObservationMode.SIDE_BY_SIDE,
                  announced: bool = True, observer_uuid: str | None = None, framework_uuid: str | None = None,
                  at: datetime | None = None) -> SessionState:
    at = at or utcnow()
    with db.unit_of_work() as session:
        agent = by_uuid(session, Person, agent_uuid, "agent")
        observer = None
        if observer_uuid:
            observer = by_uuid(session, Person, observer_uuid, "observer")
            if observer.id == agent.id:
                raise ValidationError("An agent cannot observe themselves: choose another observer.")
        team_id, _team = _team_at(session, agent.id, at.date())
        row = ObservationSession(agent_id=agent.id, coach_id=observer.id if observer else None, team_id=team_id,
                                 framework_id=active_framework_id(session, framework_uuid), mode=ObservationMode(mode),
                                 announced=bool(announced), started_at=at, status=SessionStatus.IN_PROGRESS)
        session.add(row)
        session.flush()
        from coachdesk.services import calendar

        calendar.link_started(session, agent.id, row.id, at)  # a planned observation is now being carried out
        _put_setting(session, CURRENT_KEY, row.uuid)
        _put_setting(session, OBSERVER_KEY, observer_uuid)
        common_api.record(session, AuditAction.CREATE, "observation_session", row.uuid,
                     f"Observation of {agent.display_name} started", actor_id=row.coach_id)
        return session_state(session, row)


def _open_session(session: Session, uuid: str) -> ObservationSession:
    row = load_session_row(session, uuid)
    if row.status != SessionStatus.IN_PROGRESS:
        raise ValidationError("This session has ended: reopen it from the agent's history to read it.")
    return row


def start_interaction(db: Database, session_uuid: str, reference: str = "", channel: Channel = Channel.VOICE,
                      at: datetime | None = None) -> tuple[InteractionRow, InteractionRow | None]:
    """Start timing a new interaction (ending the one still open); returns (new, the one ended or None)."""
    at = at or utcnow()
    with db.unit_of_work() as session:
        row = _open_session(session, session_uuid)
        existing = _interactions(session, row.id)
        ended = None
        if existing and existing[-1].ended_at is None:
            existing[-1].ended_at = at
            ended = _to_interaction(existing[-1], len(existing))
        new = ObservedInteraction(session_id=row.id, reference=reference.strip()[:MAX_REFERENCE] or None,
                                  channel=Channel(channel), started_at=at)
        session.add(new)
        session.flush()
        return _to_interaction(new, len(existing) + 1), ended


def end_interaction(db: Database, interaction_uuid: str, at: datetime | None = None) -> InteractionRow:
    with db.unit_of_work() as session:
        row = _interaction_row(session, interaction_uuid)
        if row.ended_at is None:
            row.ended_at = max(at or utcnow(), row.started_at)
        number = session.scalar(select(func.count()).select_from(ObservedInteraction).where(
            ObservedInteraction.session_id == row.session_id, ObservedInteraction.started_at <= row.started_at,
            ObservedInteraction.id <= row.id)) or 1
        return _to_interaction(row, number)


def set_interaction_details(db: Database, interaction_uuid: str, reference: str, channel: Channel) -> None:
    with db.unit_of_work() as session:
        row = _interaction_row(session, interaction_uuid)
        row.reference = reference.strip()[:MAX_REFERENCE] or None
        row.channel = Channel(channel)


def rate(db: Database, session_uuid: str, behaviour_id: int, key: str, interaction_uuid: str | None = None,
         at: datetime | None = None) -> RatingRow:
    """Rate a behaviour with one key of its scale; a second rating of the same behaviour in the same interaction
    replaces the first. A key that is not on the behaviour's scale is refused."""
    at = at or utcnow()
    with db.unit_of_work() as session:
        row = _open_session(session, session_uuid)
        behaviour_name, scale_name, points = _scale_of(session, behaviour_id, row.framework_id)
        point = point_for_key(points, key, scale_name, behaviour_name)
        interaction_id = _interaction_row(session, interaction_uuid).id if interaction_uuid else None
        rating = session.scalar(select(BehaviourRating).where(
            BehaviourRating.session_id == row.id, BehaviourRating.behaviour_id == behaviour_id,
            BehaviourRating.interaction_id.is_(None) if interaction_id is None
            else BehaviourRating.interaction_id == interaction_id))
        if rating is None:
            rating = BehaviourRating(session_id=row.id, interaction_id=interaction_id, behaviour_id=behaviour_id,
                                     observer_id=row.coach_id)
            session.add(rating)
        rating.value, rating.label, rating.score = point.value, point.label, point.score
        rating.scale_name, rating.rated_at = scale_name, at
        session.flush()
        return _to_rating(rating, interaction_uuid)


def _scale_of(session: Session, behaviour_id: int, framework_id: int | None
              ) -> tuple[str, str, list[ScalePoint]]:
    """(behaviour name, scale name, points) in one query (the rating key's path must stay quick)."""
    scale_id = func.coalesce(Behaviour.scale_id, select(BehaviourFramework.default_scale_id)
                             .where(BehaviourFramework.id == Behaviour.framework_id).scalar_subquery())
    rows = session.execute(
        select(Behaviour.name, Behaviour.framework_id, RatingScale.name, RatingScalePoint.value,
               RatingScalePoint.label, RatingScalePoint.key, RatingScalePoint.score)
        .select_from(Behaviour)
        .join(RatingScale, RatingScale.id == scale_id)
        .join(RatingScalePoint, RatingScalePoint.scale_id == RatingScale.id)
        .where(Behaviour.id == behaviour_id).order_by(RatingScalePoint.sort_order)).all()
    if not rows or rows[0][1] != framework_id:
        raise ValidationError("That behaviour is not in this session's framework.")
    return rows[0][0], rows[0][2], [ScalePoint(value, label, k, score) for *_head, value, label, k, score in rows]


def clear_rating(db: Database, session_uuid: str, behaviour_id: int, interaction_uuid: str | None = None) -> bool:
    with db.unit_of_work() as session:
        row = _open_session(session, session_uuid)
        interaction_id = _interaction_row(session, interaction_uuid).id if interaction_uuid else None
        result = session.execute(delete(BehaviourRating).where(
            BehaviourRating.session_id == row.id, BehaviourRating.behaviour_id == behaviour_id,
            BehaviourRating.interaction_id.is_(None) if interaction_id is None
            else BehaviourRating.interaction_id == interaction_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _objective_id(session: Session, session_row: ObservationSession, objective_uuid: str | None) -> int | None:
    if not objective_uuid:
        return None
    oid = session.scalar(select(Objective.id).where(Objective.uuid == objective_uuid,
                                                    Objective.person_id == session_row.agent_id))
    if oid is None:
        raise ValidationError("That objective is not one of this agent's.")
    return oid


def add_note(db: Database, session_uuid: str, text: str, kind: NoteKind = NoteKind.GENERAL,
             interaction_uuid: str | None = None, behaviour_id: int | None = None,
             objective_uuid: str | None = None, at: datetime | None = None) -> NoteRow:
    """Stamp a note into the session (and the interaction), exactly as typed; the draft goes in the same step."""
    if is_blank(text):
        raise ValidationError("The note is empty.")
    with db.unit_of_work() as session:
        row = _open_session(session, session_uuid)
        note = ObservationNote(session_id=row.id, kind=NoteKind(kind), text=text, noted_at=at or utcnow(),
                               interaction_id=_interaction_row(session, interaction_uuid).id if interaction_uuid
                               else None, behaviour_id=behaviour_id,
                               objective_id=_objective_id(session, row, objective_uuid))
        session.add(note)
        _drop_setting(session, DRAFT_PREFIX + session_uuid)
        session.flush()
        return _to_note(note, interaction_uuid, objective_uuid)


def mark_note(db: Database, note_uuid: str, kind: NoteKind, objective_uuid: str | None = None) -> NoteRow:
    """Change a stamped note's kind and objective (while its session is in progress)."""
    with db.unit_of_work() as session:
        note = by_uuid(session, ObservationNote, note_uuid, "note")
        row = session.get(ObservationSession, note.session_id)
        if row is None or row.status != SessionStatus.IN_PROGRESS:
            raise ValidationError("This session has ended: change its notes as an amendment from the history.")
        note.kind, note.objective_id = NoteKind(kind), _objective_id(session, row, objective_uuid)
        interaction = session.get(ObservedInteraction, note.interaction_id) if note.interaction_id else None
        return _to_note(note, interaction.uuid if interaction else None, objective_uuid)


def save_draft(db: Database, session_uuid: str, draft: DraftNote | None) -> None:
    """Keep the note being typed (None or blank text: forget it)."""
    value = None if draft is None or not draft.text else json.dumps(
        {"text": draft.text, "kind": draft.kind.value, "behaviour_id": draft.behaviour_id,
         "objective_uuid": draft.objective_uuid, "interaction_uuid": draft.interaction_uuid,
         "saved_at": utcnow().isoformat()}, ensure_ascii=False)
    common_api.save_personal_draft(db, DRAFT_PREFIX + session_uuid, value)  # kept here while the server is away


def end_session(db: Database, session_uuid: str, at: datetime | None = None, summary: str | None = None
                ) -> SessionState:
    """Complete the session: the open interaction ends, an unstamped draft becomes a note, nothing is lost."""
    at = at or utcnow()
    with db.unit_of_work() as session:
        row = _open_session(session, session_uuid)
        interactions = _interactions(session, row.id)
        for i in interactions:
            if i.ended_at is None:
                i.ended_at = max(at, i.started_at)
        draft = _draft(session, session_uuid)
        if draft is not None and not is_blank(draft.text):
            interaction = next((i for i in interactions if i.uuid == draft.interaction_uuid), None)
            session.add(ObservationNote(session_id=row.id, kind=draft.kind, text=draft.text, noted_at=at,
                                        interaction_id=interaction.id if interaction else None,
                                        behaviour_id=draft.behaviour_id,
                                        objective_id=_objective_id(session, row, draft.objective_uuid)))
        _drop_setting(session, DRAFT_PREFIX + session_uuid)
        row.ended_at, row.status = max(at, row.started_at), SessionStatus.COMPLETED
        if summary is not None:
            row.summary = summary
        _forget_current(session, session_uuid)
        common_api.record(session, AuditAction.UPDATE, "observation_session", row.uuid, "Observation completed",
                     actor_id=row.coach_id)
        session.flush()
        return session_state(session, row)


def discard_session(db: Database, session_uuid: str) -> None:
    """Delete a session in which nothing was logged; a session with content is refused (end it instead)."""
    with db.unit_of_work() as session:
        row = _open_session(session, session_uuid)
        if not session_state(session, row).is_empty:
            raise ValidationError("This session has ratings or notes: end it instead of discarding it.")
        _drop_setting(session, DRAFT_PREFIX + session_uuid)
        _forget_current(session, session_uuid)
        common_api.record(session, AuditAction.DELETE, "observation_session", row.uuid, "Empty observation discarded",
                     actor_id=row.coach_id)
        session.delete(row)


def _forget_current(session: Session, session_uuid: str) -> None:
    raw = common_api.get_personal(session, CURRENT_KEY)
    if raw is not None and json.loads(raw) == session_uuid:
        _drop_setting(session, CURRENT_KEY)


def set_current(db: Database, session_uuid: str | None) -> None:
    """Name the session on screen (None: no session on screen), so a crash can offer it back."""
    with db.unit_of_work() as session:
        if session_uuid is None:
            _drop_setting(session, CURRENT_KEY)
        else:
            _put_setting(session, CURRENT_KEY, session_uuid)


def _summaries(session: Session, rows: list[ObservationSession]) -> list[SessionSummary]:
    ids = [r.id for r in rows]
    if not ids:
        return []
    names = dict(session.execute(select(Person.id, Person.display_name).where(
        Person.id.in_({r.agent_id for r in rows} | {r.coach_id for r in rows if r.coach_id}))).all())
    agent_uuids = dict(session.execute(select(Person.id, Person.uuid).where(
        Person.id.in_({r.agent_id for r in rows}))).all())

    def counts(model) -> dict[int, int]:  # noqa: ANN001
        return dict(session.execute(select(model.session_id, func.count()).where(model.session_id.in_(ids))
                                    .group_by(model.session_id)).all())
    inter, rated, noted = counts(ObservedInteraction), counts(BehaviourRating), counts(ObservationNote)
    drafts = common_api.personal_keys_among(session, [DRAFT_PREFIX + r.uuid for r in rows])
    return [SessionSummary(r.uuid, agent_uuids.get(r.agent_id, ""), names.get(r.agent_id, ""),
                           names.get(r.coach_id) if r.coach_id else None, r.mode, r.announced, r.started_at,
                           r.ended_at, r.status, inter.get(r.id, 0), rated.get(r.id, 0), noted.get(r.id, 0),
                           DRAFT_PREFIX + r.uuid in drafts) for r in rows]


def unfinished_sessions(db: Database, limit: int = 50) -> list[SessionSummary]:
    """Sessions still in progress, newest first."""
    with db.session() as session:
        rows = list(session.scalars(select(ObservationSession)
                                    .where(ObservationSession.status == SessionStatus.IN_PROGRESS)
                                    .order_by(ObservationSession.started_at.desc()).limit(limit)))
        return _summaries(session, rows)


def session_to_resume(db: Database) -> SessionSummary | None:
    """The session that was on screen when the app last stopped, when it is still in progress."""
    with db.session() as session:
        raw = common_api.get_personal(session, CURRENT_KEY)
        if raw is None:
            return None
        row = session.scalar(select(ObservationSession).where(ObservationSession.uuid == json.loads(raw)))
        if row is None or row.status != SessionStatus.IN_PROGRESS:
            return None
        return _summaries(session, [row])[0]


def flush_to_disk(db: Database) -> None:
    """Copy the write-ahead log into the database file (SQLite syncs both): what was saved survives a power cut,
    not only a crash. Cheap, and run off the GUI thread about once a second while a session is being written."""
    if not db.is_sqlite:
        return
    with db.engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))
