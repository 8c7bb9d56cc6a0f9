"""The tabs of the KPIs page: import history (with Undo), stored figures per KPI, and saved column mappings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import ImportStatus
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.tables import table_view
from coachdesk.ui.models.kpi_history_models import BatchesModel, KpiTotalsModel, SavedMappingsModel
from coachdesk.ui.models.people_models import SortProxy
from coachdesk.ui.theme import muted_label

if TYPE_CHECKING:
    from coachdesk.services.kpis import BatchRow, SavedMapping

HISTORY, FIGURES, MAPPINGS = range(3)
_Edit = QAbstractItemView.EditTrigger
EDIT_TRIGGERS = _Edit.DoubleClicked | _Edit.SelectedClicked | _Edit.EditKeyPressed | _Edit.AnyKeyPressed
#: The spans the stored-figures summary offers, in days back from today (None: everything).
SPANS = (None, 30, 90, 365)


def table(parent: QWidget, name: str, accessible: str, model: Any, stretch: int | None = -1,
          editable: bool = False) -> QTableView:
    """The kit's read-only table (elided cells show their whole text on hover) with taller rows for the preview;
    ``editable`` tables edit a cell at a time."""
    view = table_view(parent, name, accessible, model, stretch=stretch)
    if editable:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(EDIT_TRIGGERS)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def _sorted(view: QTableView, model: Any, column: int, order: Qt.SortOrder) -> QSortFilterProxyModel:
    proxy = SortProxy(view)
    proxy.setSourceModel(model)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(column, order)
    return proxy


class KpiTabs(QTabWidget):
    """Tables and their buttons; the page does the work when ``undo_requested`` and the like fire."""

    undo_requested = Signal()
    forget_requested = Signal()
    span_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTabs")
        self.setAccessibleName(self.tr("Imports and stored figures"))
        self.batches_model = BatchesModel(parent=self)
        self.totals_model = KpiTotalsModel(parent=self)
        self.mappings_model = SavedMappingsModel(parent=self)
        self.addTab(self._history(), self.tr("Import histor&y"))
        self.addTab(self._figures(), self.tr("Stored fi&gures"))
        self.addTab(self._mappings(), self.tr("Saved &mappings"))

    def _history(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.history_table = table(page, "kpiHistory", self.tr("Import history"), self.batches_model,
                                   BatchesModel.FILE)
        self.history_proxy = _sorted(self.history_table, self.batches_model, BatchesModel.WHEN,
                                     Qt.SortOrder.DescendingOrder)
        self.history_table.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        layout.addWidget(self.history_table, 1)
        row = QHBoxLayout()
        self.history_note = muted_label("", page, name="kpiHistoryNote")
        row.addWidget(self.history_note, 1)
        self.undo_button = forms.button(page, self.tr("&Undo import…"), "kpiUndo",
                                        accessible=self.tr("Undo the selected import"))
        self.undo_button.clicked.connect(self.undo_requested)
        row.addWidget(self.undo_button)
        layout.addLayout(row)
        return page

    def _figures(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.span = QComboBox(page)
        self.span.setObjectName("kpiFiguresSpan")
        self.span.setAccessibleName(self.tr("Days to count"))
        for days in SPANS:
            self.span.addItem(self.tr("All stored figures") if days is None else
                              self.tr("The last {days} days").format(days=days), days)
        self.span.currentIndexChanged.connect(lambda _i: self.span_changed.emit())
        label = QLabel(self.tr("&Count:"), page)
        label.setBuddy(self.span)
        row.addWidget(label)
        row.addWidget(self.span)
        self.figures_note = muted_label("", page, name="kpiFiguresNote")
        row.addWidget(self.figures_note, 1)
        layout.addLayout(row)
        self.totals_table = table(page, "kpiTotals", self.tr("Stored figures per KPI"), self.totals_model,
                                  KpiTotalsModel.NAME)
        _sorted(self.totals_table, self.totals_model, -1, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.totals_table, 1)
        return page

    def _mappings(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(muted_label(self.tr(
            "Column mappings you chose to remember. A file with the same columns is read with its mapping; forget "
            "one to have such files recognised or proposed afresh."), page))
        self.mappings_table = table(page, "kpiSavedMappings", self.tr("Saved mappings"), self.mappings_model,
                                    SavedMappingsModel.COLUMNS_READ)
        header = self.mappings_table.horizontalHeader()
        header.setSectionResizeMode(SavedMappingsModel.COLUMNS_READ, QHeaderView.ResizeMode.Stretch)
        self.mappings_table.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        layout.addWidget(self.mappings_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.forget_button = forms.button(page, self.tr("F&orget mapping…"), "kpiForgetMapping",
                                          accessible=self.tr("Forget the selected mapping"))
        self.forget_button.clicked.connect(self.forget_requested)
        row.addWidget(self.forget_button)
        layout.addLayout(row)
        return page

    # -- content -----------------------------------------------------------------------------------------------------
    def span_start(self, today: date | None = None) -> date | None:
        days = self.span.currentData()
        return None if days is None else (today or date.today()) - timedelta(days=days - 1)

    def current_batch(self) -> BatchRow | None:
        index = self.history_table.currentIndex()
        if not index.isValid() or not self.history_table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.batches_model.row_at(self.history_proxy.mapToSource(index).row())

    def select_batch(self, uuid: str | None) -> bool:
        row = self.batches_model.row_of_uuid(uuid) if uuid else -1
        if row < 0:
            return False
        index = self.history_proxy.mapFromSource(self.batches_model.index(row, 0))
        self.history_table.setCurrentIndex(index)
        self.history_table.selectRow(index.row())
        return True

    def current_mapping(self) -> SavedMapping | None:
        index = self.mappings_table.currentIndex()
        if not index.isValid() or not self.mappings_table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.mappings_model.row_at(index.row())

    def update_buttons(self) -> None:
        batch = self.current_batch()
        self.undo_button.setEnabled(batch is not None and ImportStatus(batch.status) == ImportStatus.COMMITTED)
        self.forget_button.setEnabled(self.current_mapping() is not None)
