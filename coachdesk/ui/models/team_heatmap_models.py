"""Table models of the team view: agents x behaviours as a heat map (score, count, "too few" flag), agents x KPIs
against target (band words, mark and tint), behaviours <-> KPIs correlations, and coaching-effect roll-ups."""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from coachdesk.domain.scores import MIN_OBSERVATIONS
from coachdesk.services.trends import CorrelationRow, TeamView
from coachdesk.ui.kit.band_style import band_background
from coachdesk.ui.kit.tables import SORT_ROLE, UUID_ROLE, Column, RowTableModel
from coachdesk.ui.kit.words import band_text

_Index = QModelIndex | QPersistentModelIndex
_LOW, _HIGH = QColor(230, 120, 40), QColor(40, 150, 90)


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share), round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def heat_colour(value: float, palette: QPalette) -> QColor:
    """A 0-100 score as a tint of the base colour: orange at 40 and below, green at 100; stronger on dark bases so
    the hue shows, never so strong that the palette's text colour stops reading."""
    base = palette.color(QPalette.ColorRole.Base)
    strength = 0.5 if base.lightness() < 128 else 0.42
    share = min(1.0, max(0.0, (value - 40.0) / 60.0))
    return _mix(_mix(base, _LOW, strength), _mix(base, _HIGH, strength), share)


class _TeamModel(QAbstractTableModel):
    """Rows are the team view's agents; column 0 is the name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: TeamView | None = None

    def set_view(self, view: TeamView | None) -> None:
        self.beginResetModel()
        self.view = view
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() or self.view is None else len(self.view.agents)

    def _agent(self, index: _Index) -> Any:
        return self.view.agents[index.row()] if self.view is not None else None

    def _common(self, index: _Index, role: int) -> Any:
        agent = self._agent(index)
        if role == UUID_ROLE:
            return agent.uuid
        if index.column() == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return agent.name
            if role == SORT_ROLE:
                return agent.name.casefold()
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else \
            Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.view is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Agent") if section == 0 else self._title(section - 1)
        if role == Qt.ItemDataRole.ToolTipRole and section:
            return self._tip(section - 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.view is None:
            return None
        common = self._common(index, role)
        if common is not None or index.column() == 0:
            return common
        return self._cell(index, role)

    def _title(self, column: int) -> str:
        """The title of data column ``column`` (0 is the first after the name)."""
        raise NotImplementedError

    def _tip(self, column: int) -> str:
        raise NotImplementedError

    def _cell(self, index: _Index, role: int) -> Any:
        """A data cell's value for ``role`` (the name column and the common roles are answered already)."""
        raise NotImplementedError


class BehaviourHeatModel(_TeamModel):
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() or self.view is None else 1 + len(self.view.behaviours)

    def _title(self, column: int) -> str:  # long behaviour names on two or three short lines
        return textwrap.fill(self.view.behaviours[column][1], 16)

    def _tip(self, column: int) -> str:
        return self.view.behaviours[column][1]

    def _cell(self, index: _Index, role: int) -> Any:
        score = self._agent(index).scores[index.column() - 1]
        value = score.value if score is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return "–" if value is None else f"{value:.0f}  n={score.n}" + (" ⚠" if score.too_few else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("no observations") if value is None else self.tr("{score} from {n} observations{few}").format(
                score=f"{value:.0f}", n=score.n, few=self.tr(", too few to compare") if score.too_few else "")
        if role == SORT_ROLE:
            # too few observations sort below every comparable score, nothing at all below them
            return -2000.0 if value is None else value - (1000.0 if score.too_few else 0.0)
        if role == Qt.ItemDataRole.BackgroundRole and value is not None:
            return heat_colour(value, QApplication.palette())
        if role == Qt.ItemDataRole.FontRole and score is not None and score.too_few:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and score is not None:
            return self.tr("{n} observations; fewer than {m} are too few to compare people.").format(
                n=score.n, m=MIN_OBSERVATIONS) if score.too_few else self.tr("{n} observations").format(n=score.n)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class KpiTargetModel(_TeamModel):
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() or self.view is None else 1 + len(self.view.kpis)

    def _title(self, column: int) -> str:
        return self.view.kpis[column].code

    def _tip(self, column: int) -> str:
        return self.view.kpis[column].name

    def _cell(self, index: _Index, role: int) -> Any:
        cell = self._agent(index).kpis[index.column() - 1]
        kpi = self.view.kpis[index.column() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.target is None:
                return cell.text
            return f"{cell.text}  {band_text(cell.band)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{cell.text}, target {cell.target_text}, {band_text(cell.band)}"
        if role == SORT_ROLE:
            if cell.value is None:
                return float("-inf")
            return cell.value if kpi.direction == "higher" else -cell.value
        if role == Qt.ItemDataRole.BackgroundRole:
            return band_background(cell.band, QApplication.palette())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{name}: {value} over {days} days; target {target}").format(
                name=kpi.name, value=cell.text, days=cell.days, target=cell.target_text)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CorrelationModel(RowTableModel):
    TR_CONTEXT = "CorrelationModel"
    COLUMNS = (
        Column("Behaviour", lambda r: r.behaviour),
        Column("KPI", lambda r: r.kpi_code, tooltip=lambda r: r.kpi_name),
        Column("Expected link", lambda r: "yes" if r.expected else "–"),
        Column("r (+ = goes with a better KPI)", lambda r: r.text,
               lambda r: r.correlation.r if r.correlation.r is not None else -9.0),
        Column("Reading", lambda r: _reading(r)),
    )


def _reading(row: CorrelationRow) -> str:
    c = row.correlation
    if c.r is None:
        return "not enough data"
    if not c.clear:
        return "unclear (interval spans 0)"
    return "goes with better" if c.r > 0 else "goes with worse"


class RollupModel(RowTableModel):
    TR_CONTEXT = "RollupModel"
    COLUMNS = (
        Column("By", lambda r: r.group_kind),
        Column("Who / what", lambda r: r.group),
        Column("KPI", lambda r: r.kpi_code),
        Column("Events", lambda r: str(r.pooled.n), lambda r: r.pooled.n, align_right=True),
        Column("Mean gain (+ = better)", lambda r: r.mean_text,
               lambda r: r.pooled.mean if r.pooled.mean is not None else -1e18, align_right=True),
        Column("Uncertainty", lambda r: r.interval_text),
        Column("Verdict", lambda r: r.pooled.verdict),
        Column("Better / worse", lambda r: f"{r.pooled.better} / {r.pooled.worse}"),
    )



