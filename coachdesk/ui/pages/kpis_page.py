"""The KPIs page: import KPI files (Ctrl+I or drop), import history with undo, stored figures, saved mappings."""


from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from coachdesk.services.common import AppContext
from coachdesk.ui.actions import kpis
from coachdesk.ui.kit import changes, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.kpi_history import FIGURES, KpiTabs
from coachdesk.ui.widgets.page import Page, StatCard, card_row

if TYPE_CHECKING:  # the import dialog and its services load when a file is imported, not with the page
    from coachdesk.services import kpis as kpis_api
    from coachdesk.services.kpis import BatchRow, FiguresOverview, FiguresSummary, SavedMapping
    from coachdesk.ui.dialogs.kpi_import_dialog import KpiImportDialog

#: Files the import reads, by extension.
IMPORTABLE = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
HISTORY_LIMIT = 200


def importable(path: str | Path) -> bool:
    return Path(path).suffix.casefold() in IMPORTABLE


class KpisPage(Page):
    """Each action is a named operation (``ui.actions.kpis``); the import itself runs in ``KpiImportDialog``. Any
    write to figures, KPIs or people (here or elsewhere) reloads the page: at once when shown, else on next show."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("KPIs"), self.tr("Import the KPI exports of your contact-centre systems, and see "
                                                  "what is stored."), parent, name="kpisPage")
        self.ctx = ctx
        self.dialog: Any = None
        self.overview: FiguresOverview | None = None
        self._select_next: str | None = None  # the import to select once the history is read again
        self.setAcceptDrops(True)
        self.import_action = QAction(self.tr("&Import KPI file…"), self)
        self.import_action.setObjectName("actionImportKpis")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        # the window's shortcut while this page is shown (a hidden page's shortcuts do not fire)
        self.import_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.import_action.triggered.connect(self.import_file)
        self.addAction(self.import_action)
        self.body.addLayout(self._build_toolbar())
        self.cards = {
            "figures": StatCard(self.tr("Figures stored"), self, name="kpiCardFigures"),
            "people": StatCard(self.tr("People with figures"), self, name="kpiCardPeople"),
            "kpis": StatCard(self.tr("KPIs with figures"), self, name="kpiCardKpis"),
            "last": StatCard(self.tr("Latest day"), self, name="kpiCardLatest"),
        }
        self.body.addLayout(card_row(list(self.cards.values())))
        self.tabs = KpiTabs(self)
        self.tabs.undo_requested.connect(self.undo_selected)
        self.tabs.forget_requested.connect(self.forget_selected)
        self.tabs.span_changed.connect(self.refresh_figures)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._totals_stale = True  # the per-KPI table waits until its tab is shown
        self.body.addWidget(self.tabs, 1)
        self.message = muted_label("", self, name="kpiMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.message)
        changes.watch(self, [Kind.KPI_FIGURE, Kind.KPI, Kind.PERSON], self.refresh)
        self.refresh()

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        self.import_button = QPushButton(self.import_action.text(), self)
        self.import_button.setObjectName("kpiImportFile")
        self.import_button.setAccessibleName(self.tr("Import KPI file"))
        keys = self.import_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.import_button.setToolTip(self.tr("Import KPI file ({keys})").format(keys=keys))
        self.import_button.setFont(scaled_font(self.import_button.font(), 1.1, bold=True))
        hint = self.import_button.sizeHint()
        self.import_button.setMinimumSize(hint.width() + 28, hint.height() + 10)
        self.import_button.clicked.connect(self.import_action.trigger)
        row.addWidget(self.import_button)
        self.drop_hint = muted_label(self.tr("{keys}, or drop a CSV, TSV, TXT, XLSX, XLS or ODS export anywhere on "
                                             "this page.").format(keys=keys), self, name="kpiDropHint")
        row.addWidget(self.drop_hint, 1)
        return row

    # -- loading -----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_history()
        self.refresh_mappings()
        self.refresh_figures()

    def refresh_history(self) -> None:
        kpis.batches(self, self.ctx, HISTORY_LIMIT, self._show_history, failed=ops.into_label(self.message))

    def _show_history(self, batches: list[BatchRow]) -> None:
        selected = self.tabs.current_batch()
        wanted = self._select_next or (selected.uuid if selected else None)
        self.tabs.batches_model.set_rows(batches)
        if self.tabs.select_batch(wanted):
            self._select_next = None
        elif batches:
            self.tabs.select_batch(batches[0].uuid)
        self.tabs.history_note.setText(
            self.tr("Imports so far: {count}. Undo takes a whole import back out, and puts back the values it "
                    "replaced.").format(count=len(batches)) if batches else
            self.tr("Nothing imported yet. Press Import KPI file (Ctrl+I) or drop an export on this page."))
        self.tabs.update_buttons()

    def refresh_mappings(self) -> None:
        kpis.saved_mappings(self, self.ctx, self._show_mappings, failed=ops.into_label(self.message))

    def _show_mappings(self, mappings: list[SavedMapping]) -> None:
        self.tabs.mappings_model.set_rows(mappings)
        if self.tabs.mappings_model.rowCount():
            self.tabs.mappings_table.selectRow(0)
        self.tabs.update_buttons()

    def refresh_figures(self) -> None:
        """The cards from a summary that reads no figure (every open); the per-KPI table counts every figure, so it
        is read only while its tab is shown, or for a span (whose cards need the same count): off the GUI thread."""
        self._totals_stale = True
        if self.tabs.span_start() is None:
            kpis.figures_summary(self, self.ctx, self._show_summary, failed=self._overview_failed)
        if self.tabs.span_start() is not None or self.tabs.currentIndex() == FIGURES:
            self._load_totals()

    def _tab_changed(self, index: int) -> None:
        if index == FIGURES and self._totals_stale:
            self._load_totals()

    def _load_totals(self) -> None:
        self._totals_stale = False
        start = self.tabs.span_start()
        kpis.figures_overview(self, self.ctx, start, lambda overview: self._show_overview(overview, start),
                              failed=self._overview_failed)

    def _show_summary(self, summary: FiguresSummary) -> None:
        if self.tabs.span_start() is None:  # else a span's count is on its way
            self._show_counts(summary.figures, summary.people, summary.kpis, summary.first_day, summary.last_day)

    def _show_overview(self, overview: FiguresOverview, start: date | None = None) -> None:
        if start != self.tabs.span_start():  # another span was chosen meanwhile: its own count follows
            return
        self.overview = overview
        self.tabs.totals_model.set_rows(overview.kpis)
        self._show_counts(overview.figures, overview.people, len(overview.kpis), overview.first_day,
                          overview.last_day)

    def _show_counts(self, figures: int, people: int, kpi_count: int, first: date | None, last: date | None) -> None:
        self.cards["figures"].set_value(f"{figures:,}")
        self.cards["people"].set_value(f"{people:,}")
        self.cards["kpis"].set_value(str(kpi_count))
        self.cards["last"].set_value(date_text(last) or "–")
        self.tabs.figures_note.setText(self.tr("{figures} figures about {people} people, {first} to {last}.").format(
            figures=f"{figures:,}", people=f"{people:,}", first=date_text(first), last=date_text(last))
            if figures else self.tr("No figures stored for these days."))

    def _overview_failed(self, error: BaseException) -> None:
        self.show_message(self.tr("Could not count the stored figures: {error}").format(error=ops.error_text(error)))

    # -- actions -----------------------------------------------------------------------------------------------------
    def import_file(self) -> KpiImportDialog | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import KPI file"), str(Path.home()),
            self.tr("KPI exports (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;All files (*)"))
        return self.open_file(path) if path else None

    def open_file(self, path: str | Path) -> KpiImportDialog:
        """The import dialog for ``path``: it reads the file at once and stores nothing before Import."""
        from coachdesk.ui.dialogs.kpi_import_dialog import KpiImportDialog  # with the first import, not the page

        self.dialog = KpiImportDialog(self.ctx, path, self)
        self.dialog.imported.connect(self._imported)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()
        return self.dialog

    def _imported(self, result: kpis_api.ImportResult) -> None:
        """The dialog's import committed (and was announced: the page reloads its lists, the new import selected)."""
        self._select_next = result.batch_uuid
        if self.tabs.select_batch(result.batch_uuid):  # the history has it already (the reads ran at once)
            self._select_next = None
        self.show_message(self.tr("Imported {figures} figures from {file}.").format(
            figures=f"{result.figures_stored:,}", file=result.file))

    def undo_selected(self, confirm: bool = True) -> bool:
        batch = self.tabs.current_batch()
        if batch is None:
            return False
        if confirm and QMessageBox.question(
                self, self.tr("Undo import"),
                self.tr("Undo the import of {file} ({when})? Its {figures} figures are deleted, and the values it "
                        "replaced are put back.").format(file=batch.file_name, figures=f"{batch.figures_stored:,}",
                                                         when=self.tabs.batches_model.COLUMNS[0].text(batch)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return False
        self.tabs.undo_button.setEnabled(False)
        self.show_message(self.tr("Undoing the import of {file}…").format(file=batch.file_name))
        kpis.undo_import(self, self.ctx, batch.uuid, self._undone, failed=self._undo_failed)
        return True

    def _undone(self, undone: kpis_api.UndoResult) -> None:
        self.show_message(self.tr("Undid the import of {file}: {deleted} figures deleted, {restored} put back.")
                          .format(file=undone.file_name, deleted=f"{undone.figures_deleted:,}",
                                  restored=f"{undone.figures_restored:,}"))

    def _undo_failed(self, error: BaseException) -> None:
        self.refresh_history()
        self.show_message(ops.error_text(error))

    def forget_selected(self, confirm: bool = True) -> bool:
        mapping = self.tabs.current_mapping()
        if mapping is None:
            return False
        if confirm and QMessageBox.question(
                self, self.tr("Forget mapping"),
                self.tr("Forget the mapping {name}? Files with these columns will be recognised or proposed afresh.")
                .format(name=mapping.name), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return False
        kpis.forget_mapping(self, self.ctx, mapping.uuid, self._forgotten, failed=self._forget_failed)
        return True

    def _forgotten(self, name: str) -> None:
        self.show_message(self.tr("Forgot the mapping {name}.").format(name=name))

    def _forget_failed(self, error: BaseException) -> None:
        self.refresh_mappings()
        self.show_message(ops.error_text(error))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)

    # -- drag and drop -----------------------------------------------------------------------------------------------
    def _dropped_file(self, event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and importable(url.toLocalFile()):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_file(path)
