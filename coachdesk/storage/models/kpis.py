"""KPI definitions, role KPI sets, KPI figures, import batches and saved import mappings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.domain.enums import Aggregation, Direction, ImportStatus, Role, Unit
from coachdesk.storage.models.base import Base, RecordMixin
from coachdesk.storage.types import EnumText, UtcDateTime


class KpiDefinition(RecordMixin, Base):
    __tablename__ = "kpi_definition"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[Unit] = mapped_column(EnumText(Unit))
    direction: Mapped[Direction] = mapped_column(EnumText(Direction))
    #: e.g. "m:ss", "h:mm:ss", "0.0%", "0", "0.00"
    display_format: Mapped[str] = mapped_column(String(40))
    aggregation: Mapped[Aggregation] = mapped_column(EnumText(Aggregation))
    #: the volume KPI that weights a weighted mean (e.g. AHT weighted by answered contacts)
    weight_kpi_id: Mapped[int | None] = mapped_column(ForeignKey("kpi_definition.id", ondelete="SET NULL"))
    #: tolerance around a target that still counts as "on target", in the KPI's base unit
    band_tolerance: Mapped[float | None] = mapped_column(Float)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    #: what the numbers mean (``domain.kpi_scales``): fraction, rating_1_5, rating_1_10, nps, seconds, count, number;
    #: None: the unit's default
    scale: Mapped[str | None] = mapped_column(String(20))
    #: satisfaction KPIs: "share" (of satisfied answers) or "mean" (score); None for the others
    satisfaction_basis: Mapped[str | None] = mapped_column(String(10))


class RoleKpi(RecordMixin, Base):
    """One KPI in the KPI set of a role."""

    __tablename__ = "role_kpi"
    __table_args__ = (UniqueConstraint("role", "kpi_id"),)

    role: Mapped[Role] = mapped_column(EnumText(Role))
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpi_definition.id", ondelete="CASCADE"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(String(200))


class ImportBatch(RecordMixin, Base):
    __tablename__ = "import_batch"

    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(50), default="file")  # file, demo, exchange...
    preset: Mapped[str | None] = mapped_column(String(100))
    mapping_json: Mapped[str | None] = mapped_column(Text)
    report_json: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)
    figures_stored: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[ImportStatus] = mapped_column(EnumText(ImportStatus), default=ImportStatus.COMMITTED)


class KpiFigure(Base):
    """One value of one KPI for one person over one period (a day, a week, or an export's interval).

    The millions of figures carry no UUID of their own: (person, KPI, period_start, period_end) is their natural,
    stable identity for export and merge, and ``batch_id`` says where they came from.
    """

    __tablename__ = "kpi_figure"
    __table_args__ = (
        UniqueConstraint("person_id", "kpi_id", "period_start", "period_end"),
        Index("ix_kpi_figure_kpi_period", "kpi_id", "period_start"),
        #: a window of one person's figures by the day their period ends (progress, trends, Today): migration 0006
        Index("ix_kpi_figure_person_kpi_end", "person_id", "kpi_id", "period_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpi_definition.id", ondelete="CASCADE"))
    #: first and last day covered, both inclusive
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)


class ImportMapping(RecordMixin, Base):
    """A confirmed column mapping, offered again for the next file whose headers have the same signature."""

    __tablename__ = "import_mapping"

    name: Mapped[str] = mapped_column(String(200))
    header_signature: Mapped[str] = mapped_column(String(64), index=True)
    mapping_json: Mapped[str] = mapped_column(Text)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
