"""Read side of KPI figures and import history: stored figures by person, KPI and period, and past import batches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from coachdesk.domain.enums import ImportStatus, Unit
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services.people import resolve_person
from coachdesk.storage.database import Database
from coachdesk.storage.models import ImportBatch, KpiDefinition, KpiFigure, Person

#: Rows fetched from the database at a time while streaming figures.
FETCH = 2000


@dataclass(frozen=True)
class FigureRow:
    """One stored figure; ``value`` is in the KPI's base unit (seconds, a 0-1 fraction, a count or a score)."""

    person_uuid: str
    person: str
    kpi: str
    period_start: date
    period_end: date
    value: float
    unit: Unit


@dataclass(frozen=True)
class BatchRow:
    uuid: str
    file_name: str
    sha256: str | None
    preset: str | None
    started_at: datetime | None
    finished_at: datetime | None
    rows_read: int
    rows_skipped: int
    figures_stored: int
    status: ImportStatus


def _kpi_id(session, code: str) -> int:  # noqa: ANN001
    kpi = session.scalar(select(KpiDefinition.id).where(func.upper(KpiDefinition.code) == code.strip().upper()))
    if kpi is None:
        codes = ", ".join(session.scalars(select(KpiDefinition.code).order_by(KpiDefinition.sort_order)))
        raise NotFound(f"No KPI has the code {code!r} (codes: {codes}).")
    return kpi


def list_figures(db: Database, agent: str | None = None, kpi: str | None = None, start: date | None = None,
                 end: date | None = None) -> Iterator[FigureRow]:
    """Stored figures, by person name, KPI order and period; ``start``/``end`` keep the figures whose period
    overlaps them. ``agent`` is anything ``directory.resolve_person`` accepts (raises NotFound or Ambiguous)."""
    if start is not None and end is not None and end < start:
        raise ValidationError(f"The period ends ({end}) before it starts ({start}).")
    person_uuid = resolve_person(db, agent).uuid if agent else None
    with db.session() as session:
        query = (select(Person.uuid, Person.display_name, KpiDefinition.code, KpiFigure.period_start,
                        KpiFigure.period_end, KpiFigure.value, KpiDefinition.unit)
                 .join(Person, Person.id == KpiFigure.person_id)
                 .join(KpiDefinition, KpiDefinition.id == KpiFigure.kpi_id)
                 .order_by(Person.name_key, Person.id, KpiDefinition.sort_order, KpiFigure.period_start,
                           KpiFigure.period_end))
        if person_uuid is not None:
            query = query.where(Person.uuid == person_uuid)
        if kpi:
            query = query.where(KpiFigure.kpi_id == _kpi_id(session, kpi))
        if start is not None:
            query = query.where(KpiFigure.period_end >= start)
        if end is not None:
            query = query.where(KpiFigure.period_start <= end)
        for row in session.execute(query.execution_options(yield_per=FETCH)):
            yield FigureRow(*row)


def list_batches(db: Database, limit: int | None = None) -> list[BatchRow]:
    """Import history, newest first."""
    with db.session() as session:
        query = select(ImportBatch).order_by(ImportBatch.id.desc())
        if limit:
            query = query.limit(limit)
        return [BatchRow(b.uuid, b.file_name, b.file_sha256, b.preset, b.started_at, b.finished_at, b.rows_read,
                         b.rows_skipped, b.figures_stored, b.status) for b in session.scalars(query)]
