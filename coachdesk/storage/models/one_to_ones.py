"""One-to-one sessions, their participants, items (agenda, expectations, actions...) and objectives discussed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.domain.enums import ItemKind, ItemStatus, OneToOneStatus, OneToOneType, RewardScope, Visibility
from coachdesk.storage.models.base import Base, RecordMixin
from coachdesk.storage.types import EnumText, UtcDateTime


class OneToOne(RecordMixin, Base):
    __tablename__ = "one_to_one"
    __table_args__ = (Index("ix_one_to_one_agent_held", "agent_id", "held_at"),)

    agent_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    type: Mapped[OneToOneType] = mapped_column(EnumText(OneToOneType))
    status: Mapped[OneToOneStatus] = mapped_column(EnumText(OneToOneStatus), default=OneToOneStatus.DRAFT)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    #: when it is planned; ``held_at`` is set once it took place (a draft prepared ahead has only this)
    scheduled_for: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: planned length in minutes; None while the session has a day but no time (planned before 0003)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    #: RFC 5545 SEQUENCE of its invitation: raised on every change of time or length and on a cancellation
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    held_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    agent_comments: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    next_date: Mapped[date | None] = mapped_column(Date)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("one_to_one.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    acknowledged_name: Mapped[str | None] = mapped_column(String(200))
    acknowledgement_comment: Mapped[str | None] = mapped_column(Text)


class OneToOneParticipant(RecordMixin, Base):
    __tablename__ = "one_to_one_participant"
    __table_args__ = (UniqueConstraint("one_to_one_id", "person_id"),)

    one_to_one_id: Mapped[int] = mapped_column(ForeignKey("one_to_one.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(50), default="attendee")


class OneToOneItem(RecordMixin, Base):
    """A line of a one-to-one: agenda point, expectation, motivator, reward, action, commitment or note.

    Open actions and commitments carry forward: the next session gets a copy whose ``carried_from_id`` points back.
    """

    __tablename__ = "one_to_one_item"

    one_to_one_id: Mapped[int] = mapped_column(ForeignKey("one_to_one.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ItemKind] = mapped_column(EnumText(ItemKind))
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ItemStatus | None] = mapped_column(EnumText(ItemStatus))
    visibility: Mapped[Visibility] = mapped_column(EnumText(Visibility), default=Visibility.SHARED)
    reward_scope: Mapped[RewardScope | None] = mapped_column(EnumText(RewardScope))
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("one_to_one_item.id", ondelete="SET NULL"))
    #: when the item was closed (done, not met, dropped)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class OneToOneObjective(RecordMixin, Base):
    """An objective discussed, created or adjusted in a one-to-one."""

    __tablename__ = "one_to_one_objective"
    __table_args__ = (UniqueConstraint("one_to_one_id", "objective_id"),)

    one_to_one_id: Mapped[int] = mapped_column(ForeignKey("one_to_one.id", ondelete="CASCADE"), index=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20), default="discussed")  # discussed, created, adjusted
    note: Mapped[str | None] = mapped_column(Text)
