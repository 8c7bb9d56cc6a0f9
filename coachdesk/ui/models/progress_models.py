"""Table models over objective progress: the Today page's "due soon or heading short of target" list and the team page's
agents × objectives matrix, each cell coloured by band (a palette-safe tint) and marked by it (never colour alone)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from coachdesk.services.goals import ProgressRow, TeamMatrix
from coachdesk.ui.kit.band_style import band_background
from coachdesk.ui.kit.tables import ROW_ROLE, SORT_ROLE, UUID_ROLE, Column, RowTableModel
from coachdesk.ui.kit.words import band_label, band_text, date_text
from coachdesk.ui.models.progress_text import line_of_sight_text, progress_text

_Index = QModelIndex | QPersistentModelIndex


def _why(row: ProgressRow) -> str:
    """Why it is listed, in the bands' words: due soon, heading short of target (or far below with no forecast)."""
    reasons = []
    if row.due_soon:
        days = QCoreApplication.translate("AttentionModel", "due soon")
        reasons.append(days)
    if row.off_track:
        reasons.append(QCoreApplication.translate("AttentionModel", "heading short of target")
                       if row.forecast_band is not None else
                       QCoreApplication.translate("AttentionModel", "far below, too few days to forecast"))
    return ", ".join(reasons)


def heading_text(row: ProgressRow) -> str:
    """Where it is heading, in the same words as where it is now: "▼ Below" (the forecast value is in the tooltip,
    so the column stays narrow on a laptop); "–" with no forecast."""
    if row.forecast_band is None:
        return "–"
    return band_text(row.forecast_band)


class AttentionModel(RowTableModel):
    """Objectives due soon or heading short of target (``services.objective_progress.needing_attention`` rows); the
    band now and the band heading for are in one vocabulary (▼▼ Far below, ▼ Below, ● On target, ▲ Exceeded)."""

    TR_CONTEXT = "AttentionModel"
    PERSON, MEASURE, DUE, NOW, TARGET, BAND, FORECAST, WHY = range(8)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Person"), lambda r: r.person_name,  # why, if Why is hidden
               tooltip=lambda r: " · ".join(part for part in (r.team_name, _why(r)) if part)),
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Objective"), lambda r: r.measure_code,
               tooltip=lambda r: f"{r.statement}\n{line_of_sight_text(r)}"),
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Due"), lambda r: date_text(r.due_date), lambda r: r.due_date.toordinal()),
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Now"), lambda r: r.current_text, lambda r: r.current or 0,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Target"), lambda r: r.target_text, align_right=True),
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Band now"), lambda r: band_text(r.band),
               lambda r: r.band.rank if r.band else -1),
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Heading for"), heading_text,
               lambda r: r.forecast_band.rank if r.forecast_band else -1,
               tooltip=lambda r: QCoreApplication.translate("AttentionModel", "Forecast at the due date: {value}, "
                                                            "{band}").format(value=r.forecast_text,
                                                                             band=band_label(r.forecast_band))),
        Column(QT_TRANSLATE_NOOP("AttentionModel", "Why"), _why),
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() == self.BAND:
            return band_background(self.row_at(index.row()).band, QGuiApplication.palette())
        return super().data(index, role)


class TeamMatrixModel(QAbstractTableModel):
    """Rows: agents; columns: the measures of the team's objectives; a cell: that agent's objective on it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: TeamMatrix | None = None

    def set_matrix(self, matrix: TeamMatrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.columns) + 1

    def cell(self, row: int, column: int) -> ProgressRow | None:
        if self.matrix is None or column == 0:
            return None
        return self.matrix.rows[row].cells[column - 1]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        person = self.matrix.rows[index.row()]
        if index.column() == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, SORT_ROLE):
                return person.person_name
            if role == UUID_ROLE:
                return person.person_uuid
            return None
        cell = self.cell(index.row(), index.column())
        if role == ROW_ROLE:
            return cell
        if cell is None:
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return QCoreApplication.translate("TeamMatrixModel", "no objective")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            mark = band_text(cell.band).split(" ", 1)[0] if cell.band else "·"
            return f"{mark} {cell.current_text}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{cell.measure_code}: {cell.current_text}, {band_label(cell.band)}, " + QCoreApplication.translate(
                "TeamMatrixModel", "target {target}").format(target=cell.target_text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([cell.statement, band_label(cell.band) + " · " + progress_text(cell),
                              QCoreApplication.translate("TeamMatrixModel", "Target {target}, due {due}").format(
                                  target=cell.target_text, due=date_text(cell.due_date)),
                              line_of_sight_text(cell)])
        if role == Qt.ItemDataRole.BackgroundRole:
            return band_background(cell.band, QGuiApplication.palette())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return cell.band.rank if cell.band else -1
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.matrix is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TeamMatrixModel", "Agent") if section == 0 else \
                self.matrix.columns[section - 1]
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return self.matrix.column_names[section - 1]
        return None
