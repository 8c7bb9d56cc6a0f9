"""Recognitions, amendments to locked records, the audit log and app settings kept in the database."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.domain.enums import AuditAction, ReminderState
from coachdesk.storage.models.base import Base, RecordMixin, new_uuid
from coachdesk.storage.types import EnumText, UtcDateTime


class Recognition(RecordMixin, Base):
    __tablename__ = "recognition"
    __table_args__ = (Index("ix_recognition_agent_date", "agent_id", "recognised_on"),)

    agent_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    #: who recognised them when that is not a person in the database (a customer, another department)
    given_by_name: Mapped[str | None] = mapped_column(String(200))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    what_they_did: Mapped[str] = mapped_column(Text)
    words: Mapped[str | None] = mapped_column(Text)
    behaviour_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour.id", ondelete="SET NULL"))
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id", ondelete="SET NULL"))
    source_note_id: Mapped[int | None] = mapped_column(ForeignKey("observation_note.id", ondelete="SET NULL"))
    recognised_on: Mapped[date] = mapped_column(Date)


class Amendment(RecordMixin, Base):
    """A change made to a record after it was delivered or acknowledged: kept beside it, never silent."""

    __tablename__ = "amendment"
    __table_args__ = (Index("ix_amendment_record", "record_type", "record_uuid"),)

    record_type: Mapped[str] = mapped_column(String(50))
    record_uuid: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    amended_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """What happened to which record, when and by whom (never the erased content itself)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    actor_name: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[AuditAction] = mapped_column(EnumText(AuditAction))
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_uuid: Mapped[str | None] = mapped_column(String(36))
    summary: Mapped[str] = mapped_column(Text)
    details_json: Mapped[str | None] = mapped_column(Text)


class Setting(Base):
    """An organisation setting (name, logo, paper size), as JSON text: read by all, changed by managers only."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


class ReminderRecord(RecordMixin, Base):
    """What became of one reminder (keyed by what it is about and when it was due): shown, snoozed or dismissed.

    The key names the thing and its due time (``one_to_one:<uuid>:<start>``), so a moved session reminds again
    while the same one never reminds twice, across restarts.
    """

    __tablename__ = "reminder"

    key: Mapped[str] = mapped_column(String(200), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    state: Mapped[ReminderState] = mapped_column(EnumText(ReminderState))
    shown_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PersonalSetting(RecordMixin, Base):
    """A draft or preference of one user alone (typing kept for a crash, the session on screen, the observer last
    chosen), as JSON text. ``owner_login`` is the server login that wrote it (the database enforces it on a team
    server); on a local file, which has one user, it is ''."""

    __tablename__ = "personal_setting"
    __table_args__ = (UniqueConstraint("owner_login", "key"),)

    owner_login: Mapped[str] = mapped_column(String(63), default="")
    key: Mapped[str] = mapped_column(String(100))
    value_json: Mapped[str] = mapped_column(Text)
