"""Observation sessions, observed interactions, behaviour ratings, timestamped notes and feedback."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.domain.enums import Channel, FollowUpOutcome, NoteKind, ObservationMode, SessionStatus
from coachdesk.storage.models.base import Base, RecordMixin
from coachdesk.storage.types import EnumText, UtcDateTime


class ObservationSession(RecordMixin, Base):
    __tablename__ = "observation_session"
    __table_args__ = (Index("ix_observation_session_agent_started", "agent_id", "started_at"),)

    coach_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    #: the agent's team at the time (reporting by team, and team-based access on a shared server)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour_framework.id", ondelete="SET NULL"))
    mode: Mapped[ObservationMode] = mapped_column(EnumText(ObservationMode))
    announced: Mapped[bool] = mapped_column(Boolean, default=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[SessionStatus] = mapped_column(EnumText(SessionStatus), default=SessionStatus.IN_PROGRESS)
    summary: Mapped[str | None] = mapped_column(Text)


class ObservedInteraction(RecordMixin, Base):
    """One call, chat or ticket listened to during a session; the reference lets observers calibrate."""

    __tablename__ = "observed_interaction"

    session_id: Mapped[int] = mapped_column(ForeignKey("observation_session.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str | None] = mapped_column(String(200), index=True)
    channel: Mapped[Channel] = mapped_column(EnumText(Channel), default=Channel.VOICE)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class BehaviourRating(RecordMixin, Base):
    """A rating of one behaviour; the scale point's value, label and score are copied so its meaning never shifts."""

    __tablename__ = "behaviour_rating"

    session_id: Mapped[int] = mapped_column(ForeignKey("observation_session.id", ondelete="CASCADE"), index=True)
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("observed_interaction.id", ondelete="CASCADE"), index=True
    )
    behaviour_id: Mapped[int] = mapped_column(ForeignKey("behaviour.id", ondelete="CASCADE"), index=True)
    observer_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    value: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(50))
    #: 0-1 score of the point on its scale; None for "not applicable"
    score: Mapped[float | None] = mapped_column(Float)
    scale_name: Mapped[str | None] = mapped_column(String(100))
    rated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ObservationNote(RecordMixin, Base):
    """A note typed during a session, stamped with its time; optionally tied to a behaviour or an objective."""

    __tablename__ = "observation_note"

    session_id: Mapped[int] = mapped_column(ForeignKey("observation_session.id", ondelete="CASCADE"), index=True)
    interaction_id: Mapped[int | None] = mapped_column(ForeignKey("observed_interaction.id", ondelete="CASCADE"))
    kind: Mapped[NoteKind] = mapped_column(EnumText(NoteKind), default=NoteKind.GENERAL)
    text: Mapped[str] = mapped_column(Text)
    noted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    behaviour_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour.id", ondelete="SET NULL"))
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id", ondelete="SET NULL"))


class Feedback(RecordMixin, Base):
    """Feedback given to an agent, usually after an observation session; delivery time measures timeliness."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_agent_delivered", "agent_id", "delivered_at"),)

    session_id: Mapped[int | None] = mapped_column(ForeignKey("observation_session.id", ondelete="SET NULL"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    went_well: Mapped[str | None] = mapped_column(Text)
    to_improve: Mapped[str | None] = mapped_column(Text)
    agent_commitment: Mapped[str | None] = mapped_column(Text)
    follow_up_date: Mapped[date | None] = mapped_column(Date)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: the behaviour or KPI this feedback targets, for coaching-effectiveness analysis
    target_behaviour_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour.id", ondelete="SET NULL"))
    target_kpi_id: Mapped[int | None] = mapped_column(ForeignKey("kpi_definition.id", ondelete="SET NULL"))
    target_objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id", ondelete="SET NULL"))
    follow_up_done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: how the follow-up turned out (improved, partly, not yet) and the coach's note, set when it is closed
    follow_up_outcome: Mapped[FollowUpOutcome | None] = mapped_column(EnumText(FollowUpOutcome))
    follow_up_note: Mapped[str | None] = mapped_column(Text)


class PlannedObservation(RecordMixin, Base):
    """An observation put in the calendar ahead of time; ``session_id`` links the session that carried it out."""

    __tablename__ = "planned_observation"
    __table_args__ = (Index("ix_planned_observation_planned_for", "planned_for"),)

    agent_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    planned_for: Mapped[datetime] = mapped_column(UtcDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    announced: Mapped[bool] = mapped_column(Boolean, default=True)
    mode: Mapped[ObservationMode] = mapped_column(EnumText(ObservationMode), default=ObservationMode.SIDE_BY_SIDE)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("observation_session.id", ondelete="SET NULL"))
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    note: Mapped[str | None] = mapped_column(Text)
