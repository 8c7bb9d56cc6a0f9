"""Table models of the KPIs page: import history, stored figures per KPI and saved mappings (tested without widgets)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from coachdesk.domain.enums import ImportStatus
from coachdesk.services.kpis import BatchRow
from coachdesk.ui.kit.tables import Column
from coachdesk.ui.kit.words import date_text, when_text
from coachdesk.ui.models.people_models import ListModel

_CONTEXT = "KpiModels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def local_time(value: datetime | None) -> str:
    """An aware UTC instant as local wall-clock time, to the minute."""
    return when_text(value)


def _day(value: date | None) -> str:
    return date_text(value)


def status_label(status: ImportStatus) -> str:
    return _tr("Imported") if ImportStatus(status) == ImportStatus.COMMITTED else _tr("Undone")


_SHAPES = {
    "summary": QT_TRANSLATE_NOOP("KpiModels", "Summary"),
    "long": QT_TRANSLATE_NOOP("KpiModels", "Long (KPI per row)"),
    "interactions": QT_TRANSLATE_NOOP("KpiModels", "Interaction log"),
}


def shape_label(shape: str) -> str:
    return _tr(_SHAPES[shape]) if shape in _SHAPES else shape


class BatchesModel(ListModel):
    """``BatchRow`` rows, newest first: when, file, preset, rows read, figures, rows skipped, status."""

    WHEN, FILE, PRESET, ROWS, FIGURES, SKIPPED, STATUS = range(7)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "Imported"), lambda r: local_time(r.finished_at or r.started_at),
               lambda r: r.finished_at or r.started_at),
        Column(QT_TRANSLATE_NOOP("KpiModels", "File"), lambda r: r.file_name,
               tooltip=lambda r: f"{r.file_name}\nSHA-256 {r.sha256 or '-'}\n{r.uuid}"),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Preset"), lambda r: r.preset or ""),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Rows read"), lambda r: f"{r.rows_read:,}", lambda r: r.rows_read,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Figures"), lambda r: f"{r.figures_stored:,}",
               lambda r: r.figures_stored, align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Rows skipped"), lambda r: f"{r.rows_skipped:,}",
               lambda r: r.rows_skipped, align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Status"), lambda r: status_label(r.status)),
    )
    TR_CONTEXT = _CONTEXT

    def dimmed(self, item: BatchRow) -> bool:
        return ImportStatus(item.status) == ImportStatus.UNDONE


class KpiTotalsModel(ListModel):
    """``KpiTotals`` rows: stored figures of each KPI, the people they are about, and the days they cover."""

    CODE, NAME, FIGURES, PEOPLE, FIRST, LAST = range(6)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "KPI"), lambda r: r.code),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Name"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Figures"), lambda r: f"{r.figures:,}", lambda r: r.figures,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "People"), lambda r: f"{r.people:,}", lambda r: r.people,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "From"), lambda r: _day(r.first_day), lambda r: r.first_day),
        Column(QT_TRANSLATE_NOOP("KpiModels", "To"), lambda r: _day(r.last_day), lambda r: r.last_day),
    )
    TR_CONTEXT = _CONTEXT

    def total(self) -> int:
        return sum(row.figures for row in self.rows())

    def row_of_code(self, code: str) -> int:
        return next((n for n, row in enumerate(self.rows()) if row.code == code), -1)


class SavedMappingsModel(ListModel):
    """``SavedMapping`` rows: name, shape, columns read, last used."""

    NAME, SHAPE, COLUMNS_READ, LAST_USED = range(4)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "Name"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Shape"), lambda r: shape_label(r.shape)),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Columns read"), lambda r: ", ".join(r.columns),
               tooltip=lambda r: "\n".join(r.columns)),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Last used"), lambda r: local_time(r.last_used_at),
               lambda r: r.last_used_at),
    )
    TR_CONTEXT = _CONTEXT
