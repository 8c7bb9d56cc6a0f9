"""Gathering what the printed documents show, as the plain dataclasses of ``coachdesk.reports.model``: recognitions,
an agent's feedback summary over a period and a one-to-one record. Each document holds one agent's data only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from coachdesk.domain import date_words
from coachdesk.domain.enums import ItemKind, ItemStatus, MembershipRole, NoteKind, SessionStatus, Visibility
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.domain.observation_rules import timeliness
from coachdesk.reports.model import (
    ActionLine,
    FeedbackLine,
    FeedbackSummaryDoc,
    ItemLine,
    ObjectiveLine,
    OneToOneDoc,
    QuoteLine,
    RecognitionDoc,
    ScoreLine,
)
from coachdesk.services.goals import ProgressRow, team_at
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    Feedback,
    Objective,
    ObservationNote,
    ObservationSession,
    OneToOne,
    OneToOneItem,
    OneToOneObjective,
    OneToOneParticipant,
    Person,
    Recognition,
    Team,
    TeamMembership,
)

#: the longest period one feedback summary covers
MAX_DAYS = 731


def local_start(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(f"Period: it ends ({end}) before it starts ({start}).")
    if (end - start).days > MAX_DAYS:
        raise ValidationError("Period: a summary covers at most two years.")


def timeliness_text(delay: timedelta | None) -> str:
    if delay is None:
        return "not delivered"
    hours = delay.total_seconds() / 3600
    if hours < 1:
        return "within the hour"
    if hours < 24:
        return f"{hours:.0f} h later"
    days = round(hours / 24)
    return "1 day later" if days == 1 else f"{days} days later"


# -- recognitions -----------------------------------------------------------------------------------------------------
def _recognition_query():  # noqa: ANN202
    agent, giver, leader = aliased(Person), aliased(Person), aliased(Person)
    # the team's leader on the day signs a recognition whose giver is not a person in the database
    leads = (select(leader.display_name).join(TeamMembership, TeamMembership.person_id == leader.id)
             .where(TeamMembership.team_id == Recognition.team_id, TeamMembership.role == MembershipRole.LEADER,
                    or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= Recognition.recognised_on),
                    or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= Recognition.recognised_on))
             .order_by(TeamMembership.start_date.desc()).limit(1).correlate(Recognition).scalar_subquery())
    return (select(Recognition, agent.display_name, giver.display_name, Team.name, Behaviour.name,
                   Objective.statement, leads)
            .join(agent, agent.id == Recognition.agent_id)
            .outerjoin(giver, giver.id == Recognition.given_by_id)
            .outerjoin(Team, Team.id == Recognition.team_id)
            .outerjoin(Behaviour, Behaviour.id == Recognition.behaviour_id)
            .outerjoin(Objective, Objective.id == Recognition.objective_id)
            .order_by(Recognition.recognised_on, agent.name_key, Recognition.id))


def _recognition_doc(row) -> RecognitionDoc:  # noqa: ANN001
    r, agent, giver, team, behaviour, objective, leader = row
    return RecognitionDoc(r.uuid, agent, team or "", r.title, r.what_they_did or "", r.words or "",
                          giver or leader or "", behaviour or "", objective or "", r.recognised_on,
                          source=(r.given_by_name or "").strip())


def recognition(db: Database, uuid: str) -> RecognitionDoc:
    with db.session() as session:
        row = session.execute(_recognition_query().where(Recognition.uuid == uuid)).first()
        if row is None:
            raise NotFound(f"Recognition: there is none with the id {uuid!r}.")
        return _recognition_doc(row)


def recognitions_of_month(db: Database, year: int, month: int) -> list[RecognitionDoc]:
    first = date(year, month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    with db.session() as session:
        rows = session.execute(_recognition_query().where(Recognition.recognised_on >= first,
                                                          Recognition.recognised_on <= last)).all()
        return [_recognition_doc(row) for row in rows]


def agent_recognitions(session: Session, person_id: int, start: date, end: date) -> tuple[RecognitionDoc, ...]:
    rows = session.execute(_recognition_query().where(Recognition.agent_id == person_id,
                                                      Recognition.recognised_on >= start,
                                                      Recognition.recognised_on <= end)).all()
    return tuple(_recognition_doc(row) for row in rows)


# -- feedback summary -------------------------------------------------------------------------------------------------
def objective_line(p: ProgressRow) -> ObjectiveLine:
    return ObjectiveLine(p.statement, p.measure_name, p.status.value, p.due_date, p.baseline_text, p.target_text,
                         p.current_text, p.band.label if p.band else "", p.forecast_text, p.on_track)


def _notes(session: Session, person_id: int, since: datetime, until: datetime) -> dict[NoteKind, list[QuoteLine]]:
    rows = session.execute(
        select(ObservationNote.kind, ObservationNote.text, Behaviour.name, ObservationNote.noted_at)
        .join(ObservationSession, ObservationSession.id == ObservationNote.session_id)
        .outerjoin(Behaviour, Behaviour.id == ObservationNote.behaviour_id)
        .where(ObservationSession.agent_id == person_id, ObservationSession.status != SessionStatus.ABANDONED,
               ObservationNote.noted_at >= since, ObservationNote.noted_at < until,
               ObservationNote.kind != NoteKind.GENERAL)
        .order_by(ObservationNote.noted_at, ObservationNote.id)).all()
    out: dict[NoteKind, list[QuoteLine]] = {kind: [] for kind in NoteKind}
    for kind, text, behaviour, at in rows:
        out[kind].append(QuoteLine(kind.value, text, behaviour or "", at))
    return out


def _feedback(session: Session, person_id: int, since: datetime, until: datetime) -> tuple[FeedbackLine, ...]:
    coach = aliased(Person)
    rows = session.execute(
        select(Feedback, ObservationSession.started_at, ObservationSession.ended_at, coach.display_name)
        .outerjoin(ObservationSession, ObservationSession.id == Feedback.session_id)
        .outerjoin(coach, coach.id == Feedback.coach_id)
        .where(Feedback.agent_id == person_id,
               or_(Feedback.delivered_at.between(since, until),
                   (Feedback.delivered_at.is_(None) & ObservationSession.started_at.between(since, until))))
    ).all()
    out = [FeedbackLine(started, f.delivered_at, timeliness_text(timeliness(ended, f.delivered_at))
                        if ended else ("" if f.delivered_at else "not delivered"), name or "",
                        f.went_well or "", f.to_improve or "", f.agent_commitment or "", f.follow_up_date,
                        f.follow_up_outcome.label if f.follow_up_outcome else "", f.follow_up_note or "")
           for f, started, ended, name in rows]
    return tuple(sorted(out, key=lambda f: f.delivered_at or f.observed_at or since))


def _actions(session: Session, person_id: int, since: datetime, until: datetime) -> tuple[ActionLine, ...]:
    owner = aliased(Person)
    when = OneToOne.held_at
    rows = session.execute(
        select(OneToOneItem, owner.display_name)
        .join(OneToOne, OneToOne.id == OneToOneItem.one_to_one_id)
        .outerjoin(owner, owner.id == OneToOneItem.owner_id)
        .where(OneToOne.agent_id == person_id, when >= since, when < until,
               OneToOneItem.kind.in_((ItemKind.ACTION, ItemKind.COMMITMENT)),
               OneToOneItem.visibility == Visibility.SHARED,
               or_(OneToOneItem.status.is_(None), OneToOneItem.status != ItemStatus.CARRIED))
        .order_by(when, OneToOneItem.sort_order, OneToOneItem.id)).all()
    return tuple(ActionLine(i.kind.value, i.text, name or "", i.due_date, (i.status or ItemStatus.OPEN).value)
                 for i, name in rows)


def progress_for(db: Database, agent_uuids: list[str], start: date, end: date) -> dict[str, list[ProgressRow]]:
    """The progress of the agents' objectives that overlap the period, in one computation, by agent UUID."""
    from coachdesk.services import goals as goals_api

    with db.session() as session:
        uuids = list(session.scalars(select(Objective.uuid).join(Person, Person.id == Objective.person_id).where(
            Person.uuid.in_(agent_uuids), Objective.start_date <= end, Objective.due_date >= start)))
    out: dict[str, list[ProgressRow]] = {uuid: [] for uuid in agent_uuids}
    if uuids:
        for row in goals_api.list_progress(db, statuses=None, on=min(end, date.today()),
                                                    objective_uuids=uuids):
            out.setdefault(row.person_uuid, []).append(row)
    return out


def feedback_summary(db: Database, agent_uuid: str, start: date, end: date, *, progress: list[ProgressRow] | None
                     = None, chart_png: bytes | None = None) -> FeedbackSummaryDoc:
    """One agent's feedback summary; ``progress`` may hold objectives already computed (a team batch)."""
    from coachdesk.services import observation as observation_api

    check_period(start, end)
    since, until = local_start(start), local_start(end + timedelta(days=1))
    with db.session() as session:
        person = by_uuid(session, Person, agent_uuid, "agent")
        team_id = team_at(session, person.id, end) or team_at(session, person.id, start)
        team = session.scalar(select(Team.name).where(Team.id == team_id)) if team_id else None
        notes = _notes(session, person.id, since, until)
        feedback = _feedback(session, person.id, since, until)
        actions = _actions(session, person.id, since, until)
        recognitions = agent_recognitions(session, person.id, start, end)
        name = person.display_name
    if progress is None:
        progress = progress_for(db, [agent_uuid], start, end)[agent_uuid]
    objectives = tuple(objective_line(p) for p in progress if p.person_uuid == agent_uuid
                       and p.start_date <= end and p.due_date >= start)
    sheet = observation_api.period_scores(db, agent_uuid, start, end)
    overall = ScoreLine("Overall", sheet.overall.value, sheet.overall.n)
    behaviours = tuple(ScoreLine(b.name, b.score.value, b.score.n) for b in sheet.behaviours if b.score.n)
    return FeedbackSummaryDoc(agent_uuid, name, team or "", start, end, objectives, overall, behaviours,
                              tuple(notes[NoteKind.STRENGTH]), tuple(notes[NoteKind.OPPORTUNITY]),
                              tuple(notes[NoteKind.VERBATIM]), feedback, actions, recognitions, chart_png)


# -- one-to-one record ------------------------------------------------------------------------------------------------
def one_to_one(db: Database, uuid: str) -> OneToOneDoc:
    """The record as the agent keeps it: items marked coach-only are left out."""
    from coachdesk.services import goals as goals_api

    with db.session() as session:
        row = by_uuid(session, OneToOne, uuid, "one to one", message=f"One-to-one: there is none with the id {uuid!r}.")
        names = dict(session.execute(select(Person.id, Person.display_name).where(Person.id.in_(
            {row.agent_id, row.leader_id or 0}))).all())
        team = session.scalar(select(Team.name).where(Team.id == row.team_id)) if row.team_id else None
        owner = aliased(Person)
        items = session.execute(
            select(OneToOneItem, owner.display_name).outerjoin(owner, owner.id == OneToOneItem.owner_id)
            .where(OneToOneItem.one_to_one_id == row.id, OneToOneItem.visibility == Visibility.SHARED)
            .order_by(OneToOneItem.sort_order, OneToOneItem.id)).all()
        participants = session.scalars(
            select(Person.display_name).join(OneToOneParticipant, OneToOneParticipant.person_id == Person.id)
            .where(OneToOneParticipant.one_to_one_id == row.id,
                   Person.id.not_in({row.agent_id, row.leader_id or 0}))).all()
        links = session.execute(
            select(Objective.uuid, OneToOneObjective.action, OneToOneObjective.note)
            .join(OneToOneObjective, OneToOneObjective.objective_id == Objective.id)
            .where(OneToOneObjective.one_to_one_id == row.id, Objective.person_id == row.agent_id)
            .order_by(OneToOneObjective.id)).all()
        on = (row.held_at or row.scheduled_for or datetime.now().astimezone()).astimezone().date()
        doc = dict(uuid=row.uuid, agent_name=names.get(row.agent_id, ""), leader_name=names.get(row.leader_id, ""),
                   team_name=team or "", type=row.type.value, status=row.status.value, held_at=row.held_at,
                   scheduled_for=row.scheduled_for, participants=tuple(participants),
                   items=tuple(ItemLine(i.kind.value, i.text, name or "", i.due_date,
                                        i.status.value if i.status else "", i.reward_scope.value
                                        if i.reward_scope else "", i.carried_from_id is not None)
                               for i, name in items),
                   summary=row.summary or "", agent_comments=row.agent_comments or "", next_date=row.next_date,
                   acknowledged_at=row.acknowledged_at, acknowledged_name=row.acknowledged_name or "",
                   acknowledgement_comment=row.acknowledgement_comment or "")
    progress = {p.uuid: p for p in goals_api.list_progress(
        db, statuses=None, on=min(on, date.today()), objective_uuids=[u for u, *_ in links])} if links else {}
    objectives = tuple((objective_line(progress[u]), action, note or "") for u, action, note in links
                       if u in progress)
    return OneToOneDoc(objectives=objectives, **doc)


# -- choosing a record to print ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordChoice:
    uuid: str
    label: str


def _session_choices(session: Session, person_id: int, kind: str, limit: int) -> list[RecordChoice]:
    coach = aliased(Person)
    if kind == "observation":
        rows = session.execute(select(ObservationSession.uuid, ObservationSession.started_at, coach.display_name)
                               .outerjoin(coach, coach.id == ObservationSession.coach_id)
                               .where(ObservationSession.agent_id == person_id,
                                      ObservationSession.status != SessionStatus.ABANDONED)
                               .order_by(ObservationSession.started_at.desc()).limit(limit))
        return [RecordChoice(uuid, f"{date_words.when_words(at)}  observed" + (f" by {by}" if by else ""))
                for uuid, at, by in rows]
    rows = session.execute(select(Feedback.uuid, Feedback.delivered_at, Feedback.created_at, coach.display_name)
                           .outerjoin(coach, coach.id == Feedback.coach_id).where(Feedback.agent_id == person_id)
                           .order_by(Feedback.id.desc()).limit(limit))
    return [RecordChoice(uuid, f"{date_words.date_words(given or made)}  feedback" + (f" by {by}" if by else "")
                         + ("" if given else " (not given yet)")) for uuid, given, made, by in rows]


def record_choices(db: Database, agent_uuid: str, kind: str, limit: int = 200) -> list[RecordChoice]:
    """The agent's recognitions (``kind`` "recognition"), one-to-ones ("one-to-one"), observation sessions
    ("observation") or feedback ("feedback"), newest first."""
    with db.session() as session:
        person_id = session.scalar(select(Person.id).where(Person.uuid == agent_uuid))
        if person_id is None:
            return []
        if kind == "recognition":
            rows = session.execute(select(Recognition.uuid, Recognition.recognised_on, Recognition.title)
                                   .where(Recognition.agent_id == person_id)
                                   .order_by(Recognition.recognised_on.desc(), Recognition.id.desc()).limit(limit))
            return [RecordChoice(uuid, f"{date_words.date_words(on)}  {title}") for uuid, on, title in rows]
        if kind in ("observation", "feedback"):
            return _session_choices(session, person_id, kind, limit)
        rows = session.execute(select(OneToOne.uuid, OneToOne.held_at, OneToOne.scheduled_for, OneToOne.type,
                                      OneToOne.status)
                               .where(OneToOne.agent_id == person_id)
                               .order_by(OneToOne.id.desc()).limit(limit))
        out = []
        for uuid, held, planned, kind_, status in rows:
            when = (held or planned)
            day = date_words.date_words(when, empty="undated")
            out.append(RecordChoice(uuid, f"{day}  {kind_.value.replace('_', ' ')} ({status.value})"))
        return out
