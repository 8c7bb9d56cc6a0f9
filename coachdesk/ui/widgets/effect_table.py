"""The coaching-effect table: each feedback's targeted KPI before and after, the change, its interval and verdict,
what each side rests on (days, contacts) and the targeted behaviour's score; Enter or a double click opens it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from coachdesk.services.trends import EffectRow
from coachdesk.ui.kit import fit
from coachdesk.ui.kit.tables import ROW_ROLE, SORT_ROLE, Column, RowTableModel
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.theme import muted_label

#: how the coach closed the follow-up, in words
OUTCOMES = {"improved": "Improved", "partly": "Partly", "not_yet": "Not yet"}


class EffectModel(RowTableModel):
    TR_CONTEXT = "EffectModel"
    DAY, COACH, TARGET, BEFORE, AFTER, CHANGE, INTERVAL, VERDICT, SUPPORT, BEHAVIOUR, FOLLOW_UP = range(11)
    COLUMNS = (
        Column("Delivered", lambda r: date_text(r.day), lambda r: r.day.isoformat()),
        Column("Coach", lambda r: r.coach or "–"),
        Column("Targets", lambda r: " · ".join(t for t in (r.behaviour, r.kpi_code) if t)),
        Column("Before", lambda r: r.before_text, lambda r: r.effect.before.value or 0.0, align_right=True),
        Column("After", lambda r: r.after_text, lambda r: r.effect.after.value or 0.0, align_right=True),
        Column("Change", lambda r: r.change_text, lambda r: r.effect.gain if r.effect.gain is not None else -1e18,
               align_right=True),
        Column("Uncertainty", lambda r: r.interval_text),
        Column("Verdict", lambda r: r.verdict),
        Column("Rests on (before / after)", lambda r: r.support_text),
        Column("Behaviour score", lambda r: r.behaviour_text or "–",
               tooltip=lambda r: "The targeted behaviour's observations, 6 weeks before and after."),
        Column("Follow-up", lambda r: OUTCOMES.get(r.follow_up_outcome, "–"),
               tooltip=lambda r: r.follow_up_note or "The coach's judgement when closing the follow-up."),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201 - Qt override
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() not in (self.BEHAVIOUR, self.FOLLOW_UP):
            row: EffectRow = self.row_at(index.row())
            e = row.effect
            return (f"{row.kpi_name}: {e.before.start} – {e.before.end} vs {e.after.start} – {e.after.end}, same "
                    f"weekdays; {row.support_text}. Interval: bootstrap over days, 95%.")
        return super().data(index, role)


class EffectTable(QWidget):
    """Sortable table of ``EffectRow``; ``feedback_requested(uuid)`` when a row is opened."""

    feedback_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("effectTablePanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = muted_label(self.tr("Coaching effect: the targeted KPI 14 days before and after each "
                                           "feedback (same weekdays), with a 95% bootstrap interval. \"Not enough "
                                           "data\" when a side has fewer than 5 days."), self, name="effectCaption")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.model = EffectModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("effectTable")
        self.table.setAccessibleName(self.tr("Coaching effect"))
        self.table.setModel(self.proxy)
        fit.elide_cells(self.table)  # long behaviour and KPI names: "…" and the whole name on hover
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EffectModel.DAY, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setObjectName("effectTableHeader")
        self.table.horizontalHeader().setAccessibleName(self.tr("Coaching effect columns"))
        # fitted once per agent (``set_rows``): ResizeToContents would measure every cell again on each layout
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setMinimumHeight(180)
        self.table.activated.connect(self._open)
        layout.addWidget(self.table)

    def set_rows(self, rows: list[EffectRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.resizeColumnsToContents()

    def row_count(self) -> int:
        return self.proxy.rowCount()

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.feedback_requested.emit(row.feedback_uuid)
