"""The coaching record behind a trend-chart marker, read back for a click: feedback, one-to-one, recognition or
observation, as a title and labelled lines."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from coachdesk.domain import date_words
from coachdesk.domain.errors import ValidationError
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    Feedback,
    KpiDefinition,
    ObservationSession,
    OneToOne,
    Person,
    Recognition,
)


@dataclass(frozen=True)
class RecordDetail:
    """A coaching record read back for a marker click: a title and (label, text) lines."""

    kind: str
    uuid: str
    title: str
    lines: tuple[tuple[str, str], ...]
    #: the observation session a feedback came from (opens the read-only session view)
    session_uuid: str | None = None


def record_detail(db: Database, kind: str, uuid: str) -> RecordDetail:
    """The feedback, one-to-one, recognition or observation a marker stands for."""
    with db.session() as session:
        def name(person_id: int | None) -> str:
            return session.scalar(select(Person.display_name).where(Person.id == person_id)) or "–" \
                if person_id else "–"

        if kind == "feedback":
            fb = by_uuid(session, Feedback, uuid, "feedback")
            kpi = session.scalar(select(KpiDefinition.name).where(KpiDefinition.id == fb.target_kpi_id)) \
                if fb.target_kpi_id else None
            behaviour = session.scalar(select(Behaviour.name).where(Behaviour.id == fb.target_behaviour_id)) \
                if fb.target_behaviour_id else None
            source = session.scalar(select(ObservationSession.uuid).where(ObservationSession.id == fb.session_id)) \
                if fb.session_id else None
            return RecordDetail(kind, uuid, f"Feedback from {name(fb.coach_id)}", (
                ("Delivered", date_words.when_words(fb.delivered_at, empty="not yet")),
                ("Went well", fb.went_well or "–"), ("To improve", fb.to_improve or "–"),
                ("Agent's commitment", fb.agent_commitment or "–"),
                ("Targets", " · ".join(t for t in (behaviour, kpi) if t) or "–"),
                ("Follow-up", date_words.date_words(fb.follow_up_date, empty="–"))), source)
        if kind == "one_to_one":
            meeting = by_uuid(session, OneToOne, uuid, "one-to-one")
            return RecordDetail(kind, uuid, f"One-to-one with {name(meeting.leader_id)}", (
                ("Held", date_words.when_words(meeting.held_at, empty="not yet")),
                ("Type", meeting.type.value.replace("_", " ")), ("Status", meeting.status.value),
                ("Summary", meeting.summary or "–"), ("Agent's comments", meeting.agent_comments or "–"),
                ("Next", date_words.date_words(meeting.next_date, empty="–"))))
        if kind == "recognition":
            rec = by_uuid(session, Recognition, uuid, "recognition")
            return RecordDetail(kind, uuid, rec.title, (
                ("On", date_words.date_words(rec.recognised_on)), ("From", rec.given_by_name or name(rec.given_by_id)),
                ("What they did", rec.what_they_did), ("Words", rec.words or "–")))
        if kind == "observation":
            row = by_uuid(session, ObservationSession, uuid, "observation")
            return RecordDetail(kind, uuid, f"Observation by {name(row.coach_id)}", (
                ("Started", date_words.when_words(row.started_at)),
                ("Mode", row.mode.value.replace("_", " ")), ("Summary", row.summary or "–")), uuid)
    raise ValidationError(f"Record kind: {kind!r} is not one the trend chart marks.")
