"""The roster import dialog: preview a roster file row by row with its problems, then import it off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services.common import AppContext
from coachdesk.services.people import CREATE, UNCHANGED, UPDATE, RosterPreview, RosterRejected, RosterResult
from coachdesk.ui.actions import people
from coachdesk.ui.kit import fit, forms, ops
from coachdesk.ui.kit.forms import ErrorBanner, named
from coachdesk.ui.kit.tables import table_view
from coachdesk.ui.models.people_models import RosterProblemsModel, RosterRowsModel
from coachdesk.ui.theme import muted_label, scaled_font


class RosterDialog(QDialog):
    """Shows what importing ``path`` would do; Import applies it all-or-nothing. ``imported`` carries the result."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterDialog")
        self.ctx = ctx
        self.path = Path(path)
        self.preview: RosterPreview | None = None
        self.result: RosterResult | None = None
        self._task: ops.Operation | None = None
        self.setWindowTitle(self.tr("Import roster"))
        self.setAccessibleName(self.windowTitle())

        title = QLabel(self.path.name, self)
        title.setObjectName("rosterFileName")
        title.setFont(scaled_font(title.font(), 1.3, bold=True))
        self.summary = muted_label("", self, name="rosterSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.order_combo = named(QComboBox(self), "rosterDateOrder", self.tr("Day and month order"))
        self.order_combo.addItem(self.tr("Decide from the file"), None)
        self.order_combo.addItem(self.tr("Day first (31/12/2024)"), "dmy")
        self.order_combo.addItem(self.tr("Month first (12/31/2024)"), "mdy")
        self.order_combo.currentIndexChanged.connect(self.reload)
        order_label = QLabel(self.tr("&Dates:"), self)
        order_label.setBuddy(self.order_combo)
        self.reload_button = forms.button(self, self.tr("&Read the file again"), "rosterReload", self.reload)
        options = QHBoxLayout()
        options.addWidget(order_label)
        options.addWidget(self.order_combo)
        options.addStretch(1)
        options.addWidget(self.reload_button)

        self.rows_model = RosterRowsModel(parent=self)
        self.rows_box = QGroupBox(self.tr("People in the file"), self)
        self.rows_table = table_view(self.rows_box, "rosterRows", self.tr("People in the file"), self.rows_model)
        self.rows_table.setSortingEnabled(False)
        QVBoxLayout(self.rows_box).addWidget(self.rows_table)
        self.problems_model = RosterProblemsModel(parent=self)
        self.problems_box = QGroupBox(self.tr("Problems to fix in the file"), self)
        self.problems_table = table_view(self.problems_box, "rosterProblems", self.tr("Problems"),
                                         self.problems_model)
        QVBoxLayout(self.problems_box).addWidget(self.problems_table)
        self.problems_box.hide()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("rosterSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.problems_box)
        splitter.addWidget(self.rows_box)

        self.banner = ErrorBanner(self, "rosterError")
        self.buttons = QDialogButtonBox(self)
        self.import_button = named(self.buttons.addButton(self.tr("&Import"),
                                                          QDialogButtonBox.ButtonRole.AcceptRole),
                                         "rosterImport", self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        named(cancel, "rosterCancel", self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(options)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        fit.resize_within_screen(self, 920, 600)
        self.reload()

    def date_order(self) -> str | None:
        return self.order_combo.currentData()

    # -- preview -----------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.import_button.setEnabled(False)
        self.banner.clear()
        self.summary.setText(self.tr("Reading {file}…").format(file=self.path.name))
        self._task = people.preview_roster(self, self.ctx, self.path, self.date_order(), self._show_preview,
                                           failed=self._failed)

    def _show_preview(self, preview: RosterPreview) -> None:
        self.preview = preview
        self.rows_model.set_rows(preview.rows)
        self.problems_model.set_rows(preview.problems)
        self.problems_box.setVisible(bool(preview.problems))
        self.summary.setText(self.describe(preview))
        changes = preview.count(CREATE) + preview.count(UPDATE) + len(preview.new_teams)
        self.import_button.setEnabled(preview.ok and changes > 0)
        (self.problems_table if preview.problems else self.rows_table).setFocus()

    def describe(self, preview: RosterPreview) -> str:
        if preview.problems:
            lines = [self.tr("Problems: {count}. Nothing can be imported until they are fixed in the file; then "
                             "read the file again.").format(count=len(preview.problems))]
        elif not preview.rows:
            lines = [self.tr("The file lists nobody.")]
        else:
            lines = [self.tr("People in the file: {rows} · New: {new} · To update: {updated} · Unchanged: {same}.").format(
                rows=len(preview.rows), new=preview.count(CREATE), updated=preview.count(UPDATE),
                same=preview.count(UNCHANGED))]
        if preview.new_teams:
            lines.append(self.tr("New teams: {teams}.").format(teams=", ".join(preview.new_teams)))
        if preview.reactivated_teams:
            lines.append(self.tr("Teams made active again: {teams}.").format(
                teams=", ".join(preview.reactivated_teams)))
        if preview.columns:
            lines.append(self.tr("Columns read: {columns}.").format(columns=", ".join(preview.columns.values())))
        if preview.ignored_columns:
            lines.append(self.tr("Columns ignored: {columns}.").format(columns=", ".join(preview.ignored_columns)))
        if preview.date_order:
            lines.append(self.tr("Dates read as day/month/year.") if preview.date_order == "dmy"
                         else self.tr("Dates read as month/day/year."))
        return "\n".join(lines)

    # -- import ------------------------------------------------------------------------------------------------------
    def accept(self) -> None:
        """Import (off the GUI thread); the dialog closes when it succeeds and stays open with the reason if not."""
        if self.preview is None or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        self.reload_button.setEnabled(False)
        self.summary.setText(self.tr("Importing {file}…").format(file=self.path.name))
        self._task = people.import_roster(self, self.ctx, self.path, self.date_order(), self.preview.fingerprint,
                                          self._imported, failed=self._failed)

    def _imported(self, result: RosterResult) -> None:
        self.result = result
        self.imported.emit(result)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.reload_button.setEnabled(True)
        if isinstance(error, RosterRejected):
            self.problems_model.set_rows(error.problems)
            self.problems_box.show()
        self.banner.show_message(str(error).split("\n")[0] if isinstance(error, CoachDeskError)
                                 else ops.error_text(error))
        if self.preview is not None:
            self.summary.setText(self.describe(self.preview))

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
        super().reject()


def describe_result(result: RosterResult) -> str:
    return QCoreApplication.translate(
        "RosterDialog", "Roster {file} imported. New people: {new} · Updated: {updated} · New teams: {teams}.").format(
        file=result.file, new=result.created, updated=result.updated, teams=result.teams_created)
