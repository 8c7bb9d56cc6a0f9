"""Goal cascade: organisation and team goals, individual objectives, team templates and objective history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.domain.enums import GoalLevel, GoalStatus, MeasureKind, ObjectiveStatus
from coachdesk.storage.models.base import Base, RecordMixin
from coachdesk.storage.types import EnumText, UtcDateTime


class Goal(RecordMixin, Base):
    """An organisation goal (a strategic outcome seen from the customer) or a team goal under one."""

    __tablename__ = "goal"

    level: Mapped[GoalLevel] = mapped_column(EnumText(GoalLevel))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    customer_outcome: Mapped[str | None] = mapped_column(Text)
    kpi_id: Mapped[int | None] = mapped_column(ForeignKey("kpi_definition.id", ondelete="SET NULL"))
    target_value: Mapped[float | None] = mapped_column(Float)
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(EnumText(GoalStatus), default=GoalStatus.ACTIVE)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ObjectiveTemplate(RecordMixin, Base):
    """An objective applied to every agent of a team; each person's objective keeps the link."""

    __tablename__ = "objective_template"

    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"))
    statement: Mapped[str] = mapped_column(Text)
    measure_kind: Mapped[MeasureKind] = mapped_column(EnumText(MeasureKind))
    kpi_id: Mapped[int | None] = mapped_column(ForeignKey("kpi_definition.id", ondelete="SET NULL"))
    behaviour_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour.id", ondelete="SET NULL"))
    commit_level: Mapped[float | None] = mapped_column(Float)
    target_level: Mapped[float | None] = mapped_column(Float)
    stretch_level: Mapped[float | None] = mapped_column(Float)
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    weight: Mapped[float | None] = mapped_column(Float)


class Objective(RecordMixin, Base):
    """A person's SMART objective, measured by a KPI or a behaviour, under a team goal (line of sight)."""

    __tablename__ = "objective"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"), index=True)
    template_id: Mapped[int | None] = mapped_column(ForeignKey("objective_template.id", ondelete="SET NULL"))
    statement: Mapped[str] = mapped_column(Text)
    measure_kind: Mapped[MeasureKind] = mapped_column(EnumText(MeasureKind))
    kpi_id: Mapped[int | None] = mapped_column(ForeignKey("kpi_definition.id", ondelete="SET NULL"))
    behaviour_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour.id", ondelete="SET NULL"))
    baseline: Mapped[float | None] = mapped_column(Float)
    commit_level: Mapped[float | None] = mapped_column(Float)
    target_level: Mapped[float | None] = mapped_column(Float)
    stretch_level: Mapped[float | None] = mapped_column(Float)
    start_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    #: share of the person's objectives, 0-1
    weight: Mapped[float | None] = mapped_column(Float)
    status: Mapped[ObjectiveStatus] = mapped_column(EnumText(ObjectiveStatus), default=ObjectiveStatus.DRAFT)
    status_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status_changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    #: the leader's written reason for agreeing an objective whose SMART check failed
    smart_override_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))


class ObjectiveChange(RecordMixin, Base):
    """One change to an objective's status, levels or dates: who, when, from what to what, and why."""

    __tablename__ = "objective_change"

    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
