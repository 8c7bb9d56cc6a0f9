"""Backup & Restore: the list of backups, back up now, restore (a listed backup or a chosen file), check the database,
open the backups folder. All file work runs off the GUI thread through ``ui/tasks``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import maintenance as maintenance_api
from coachdesk.services.common import AppContext
from coachdesk.ui import tasks
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.tables import item_table
from coachdesk.ui.kit.words import when_text
from coachdesk.ui.theme import muted_label, scaled_font

log = logging.getLogger(__name__)

WHEN, REASON, SIZE, REVISION = range(4)


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class BackupDialog(QDialog):
    """``restored(safety backup path or None)`` after a restore: the window must reopen the database's pages."""

    restored = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, check_now: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Backup and restore"))
        self.setAccessibleName(self.windowTitle())
        self.rows: list[maintenance_api.BackupRow] = []
        self.task: Any = None
        self._pending = 0
        self.report: maintenance_api.IntegrityReport | None = None
        #: asked before a restore; tests replace it (``text -> bool``)
        self.confirm = self._confirm
        intro = QLabel(self.tr(
            "CoachDesk backs up <b>{db}</b> by itself: once a day when it starts (kept 7 daily, 4 weekly and 12 "
            "monthly), before every upgrade and before every restore. Backups you take here are kept until you "
            "delete them.").format(db=ctx.describe()), self)
        intro.setObjectName("backupIntro")
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = self._build_table()
        self.back_up_button = forms.button(self, self.tr("&Back up now"), "backupNow", self.back_up_now)
        self.restore_button = forms.button(self, self.tr("&Restore…"), "backupRestore", self.restore_selected)
        self.restore_file_button = forms.button(self, self.tr("Restore from &file…"), "backupRestoreFile",
                                                self.restore_from_file)
        self.check_button = forms.button(self, self.tr("&Check database"), "backupCheck", self.check_database)
        self.folder_button = forms.button(self, self.tr("Open backups f&older"), "backupOpenFolder", self.open_folder)
        self.close_button = forms.button(self, self.tr("Close"), "backupClose", self.reject)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("backupProgress")
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.setRange(0, 0)  # busy: SQLite gives no percentage for these
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.status = muted_label("", self, name="backupStatus")
        self.status.setWordWrap(True)
        self.result_box = self._build_result_box()
        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.restore_button, self.restore_file_button, self.check_button,
                       self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(820, 500)
        chain = [self.table, self.restore_good_button, self.back_up_button, self.restore_button,
                 self.restore_file_button, self.check_button, self.folder_button, self.close_button]
        for first, second in zip(chain, chain[1:], strict=False):  # the order they are seen in
            QWidget.setTabOrder(first, second)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        is_file = ctx.location.path is not None
        for button in (self.back_up_button, self.restore_file_button, self.check_button, self.folder_button):
            button.setEnabled(is_file)
        if not is_file:
            self.status.setText(self.tr("This database is on a server: back it up with the server's own tools."))
        self.refresh()
        if check_now and is_file:
            self.check_database()

    # -- building ----------------------------------------------------------------------------------------------
    def _build_table(self) -> QTableWidget:
        table = item_table(self, "backupTable", self.tr("Backups, newest first"),
                           [self.tr("Taken"), self.tr("Why"), self.tr("Size"), self.tr("Schema")], stretch=REASON)
        return table

    def _build_result_box(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("integrityResult")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 10, 12, 10)
        self.result_title = QLabel(box)
        self.result_title.setObjectName("integrityTitle")
        self.result_title.setFont(scaled_font(self.result_title.font(), 1.1, bold=True))
        self.result_text = QLabel(box)
        self.result_text.setObjectName("integrityText")
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_good_button = forms.button(self, self.tr("Restore the newest &good backup…"), "integrityRestore",
                                                self.restore_newest_good)
        row = QHBoxLayout()
        row.addWidget(self.restore_good_button)
        row.addStretch(1)
        layout.addWidget(self.result_title)
        layout.addWidget(self.result_text)
        layout.addLayout(row)
        box.hide()
        return box

    # -- state -------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._pending > 0

    def _start(self, message: str, fn: Any, *args: Any, on_success: Any, with_progress: bool = False) -> None:
        if message:
            self.status.setText(message)
        self.progress.show()
        self._pending += 1
        self._update_buttons()
        self.task = tasks.submit(fn, *args, on_success=lambda result: self._finish(on_success, result),
                                 on_error=self._on_error, with_progress=with_progress,
                                 on_progress=self._on_progress if with_progress else None)

    def _finish(self, callback: Any, result: Any) -> None:
        self._pending -= 1
        self.progress.setVisible(self.running)
        callback(result)
        self._update_buttons()

    def _on_progress(self, _percent: int, message: str) -> None:
        if message:
            self.status.setText(message)

    def _on_error(self, error: BaseException) -> None:
        self._pending -= 1
        self.progress.setVisible(self.running)
        from coachdesk.domain.errors import CoachDeskError

        if isinstance(error, CoachDeskError):
            self.status.setText(str(error))
        else:
            self.status.setText(self.tr("That did not work: {error}").format(error=error))
        self.status.setAccessibleName(self.status.text())
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle, is_file = not self.running, self.ctx.location.path is not None
        for button in (self.back_up_button, self.restore_file_button, self.check_button, self.folder_button):
            button.setEnabled(idle and is_file)
        self.restore_button.setEnabled(idle and self.selected() is not None)
        self.restore_good_button.setEnabled(idle)
        self.close_button.setEnabled(idle)

    def selected(self) -> maintenance_api.BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    # -- the list ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._start("", maintenance_api.list_rows, self.ctx.location, on_success=self._show_rows)

    def _show_rows(self, rows: list[maintenance_api.BackupRow]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            when = when_text(row.taken_at)
            cells = {WHEN: when, REASON: self.tr(row.reason_text), SIZE: size_text(row.size),
                     REVISION: row.revision or ""}
            for column, value in cells.items():
                item = QTableWidgetItem(value)
                item.setToolTip(str(row.path))
                if column == SIZE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(number, column, item)
        if rows:
            self.table.selectRow(0)
        if not self.status.text():
            self.status.setText(self.tr("{count} backups.").format(count=len(rows)) if rows
                                else self.tr("No backups yet."))

    # -- actions -----------------------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        self._start(self.tr("Backing up…"), maintenance_api.back_up_now, self.ctx.location, on_success=self._backed_up)

    def _backed_up(self, row: maintenance_api.BackupRow) -> None:
        self.status.setText(self.tr("Backed up to {file} ({size}).").format(file=row.path.name,
                                                                            size=size_text(row.size)))
        self.refresh()

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Restore a backup"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._ask_and_restore(row.path, when_text(row.taken_at))

    def restore_newest_good(self) -> None:
        if self.report is not None and self.report.backup is not None:
            backup = self.report.backup
            self._ask_and_restore(backup.path, when_text(backup.taken_at),
                                  damaged=True)

    def restore_from_file(self, path: str | Path | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Restore from a file"), str(maintenance_api.backups_folder(self.ctx.location)),
                self.tr("CoachDesk databases (*.sqlite3 *.db);;All files (*)"))
            if not path:
                return
        self._ask_and_restore(Path(path), Path(path).name)

    def _ask_and_restore(self, path: Path, label: str, damaged: bool = False) -> None:
        text = self.tr("Replace the database with the backup {label}? Anything saved after it was taken will be "
                       "gone. The current database is backed up first, so this can be undone.").format(label=label)
        if not self.confirm(text):
            return
        self.ctx.dispose()  # no pooled connection of ours stays on the old file
        fn = maintenance_api.recover_damaged if damaged else maintenance_api.restore
        self._start(self.tr("Restoring {label}…").format(label=label), fn, self.ctx.location, path,
                    on_success=lambda result: self._restored(label, result))

    def _restored(self, label: str, result: Any) -> None:
        safety = result[1] if isinstance(result, tuple) else result
        note = self.tr(" The previous database was kept as {file}.").format(file=safety.name) if safety else ""
        self.status.setText(self.tr("Restored {label}.").format(label=label) + note)
        self.report = None
        self.result_box.hide()
        self.restored.emit(safety)
        self.refresh()

    def check_database(self) -> None:
        self.result_box.hide()
        self._start(self.tr("Checking the whole database; this can take a minute on a large file…"),
                    maintenance_api.check_database, self.ctx.location, with_progress=True, on_success=self._checked)

    def _checked(self, report: maintenance_api.IntegrityReport) -> None:
        self.report = report
        self.result_title.setText(self.tr("✔ The database is intact") if report.ok
                                  else self.tr("✖ The database is damaged"))
        details = "" if report.ok else "\n" + "\n".join(f"• {p}" for p in report.problems[:5])
        self.result_text.setText(" ".join(part for part in (self.tr(report.summary), self.tr(report.advice)) if part)
                                 + details)
        self.result_box.setAccessibleName(self.result_title.text())
        self.restore_good_button.setVisible(not report.ok and report.backup is not None)
        self.result_box.show()
        self.status.setText(self.tr("Checked in {seconds:.1f} s.").format(seconds=report.seconds))

    def open_folder(self) -> bool:
        folder = maintenance_api.backups_folder(self.ctx.location)
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        if not self.running:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:  # a restore must finish: closing now would leave the window on a closed database
            event.ignore()
            return
        super().closeEvent(event)
