"""Behaviour frameworks (versioned), their categories, behaviours, rating scales and expected KPI links."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.storage.models.base import Base, RecordMixin


class RatingScale(RecordMixin, Base):
    __tablename__ = "rating_scale"

    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)


class RatingScalePoint(RecordMixin, Base):
    """One point of a scale: the key typed to give it, its label, and its score on a 0-1 line (None = N/A)."""

    __tablename__ = "rating_scale_point"
    __table_args__ = (UniqueConstraint("scale_id", "value"),)

    scale_id: Mapped[int] = mapped_column(ForeignKey("rating_scale.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(50))
    key: Mapped[str] = mapped_column(String(5))
    score: Mapped[float | None] = mapped_column(Float)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class BehaviourFramework(RecordMixin, Base):
    """A named, versioned framework; editing a framework in use makes a new version, so past ratings keep meaning."""

    __tablename__ = "behaviour_framework"
    __table_args__ = (UniqueConstraint("name", "revision"),)

    name: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour_framework.id", ondelete="SET NULL"))
    description: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    default_scale_id: Mapped[int | None] = mapped_column(ForeignKey("rating_scale.id", ondelete="SET NULL"))


class BehaviourCategory(RecordMixin, Base):
    __tablename__ = "behaviour_category"

    framework_id: Mapped[int] = mapped_column(ForeignKey("behaviour_framework.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Behaviour(RecordMixin, Base):
    __tablename__ = "behaviour"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    framework_id: Mapped[int] = mapped_column(ForeignKey("behaviour_framework.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("behaviour_category.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    what_good_looks_like: Mapped[str | None] = mapped_column(Text)
    scale_id: Mapped[int | None] = mapped_column(ForeignKey("rating_scale.id", ondelete="SET NULL"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class BehaviourKpiLink(RecordMixin, Base):
    """A KPI a behaviour is expected to improve (listening -> CSAT, ownership -> FCR)."""

    __tablename__ = "behaviour_kpi_link"
    __table_args__ = (UniqueConstraint("behaviour_id", "kpi_id"),)

    behaviour_id: Mapped[int] = mapped_column(ForeignKey("behaviour.id", ondelete="CASCADE"), index=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpi_definition.id", ondelete="CASCADE"))
    note: Mapped[str | None] = mapped_column(String(300))
