"""Personal data of one person from the People page: export it (a subject access request) to a file chosen in a
save dialog, or erase it after the person's name is typed; both run off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.ui.actions import people
from coachdesk.ui.kit import ops
from coachdesk.ui.kit.forms import ErrorBanner, named


def _safe_file_name(name: str) -> str:
    kept = "".join(c if c.isalnum() or c in " -_" else "_" for c in name).strip() or "person"
    return f"{kept} - personal data.json"


def export_person_data(parent: QWidget, ctx: AppContext, person_uuid: str, display_name: str,
                       on_done: Any = None, path: str | None = None) -> ops.Operation | None:
    """Ask where to save (unless ``path``), then write the person's export on a worker; ``on_done(text)``. A
    failure is shown in the kit's one message box."""
    if path is None:
        path, _filter = QFileDialog.getSaveFileName(
            parent, parent.tr("Export {name}'s data").format(name=display_name),
            str(Path.home() / _safe_file_name(display_name)), parent.tr("CoachDesk exchange (*.json)"))
        if not path:
            return None

    def done(report: Any) -> None:
        text = parent.tr("Exported the data held about {name} ({count} records) to {path}.").format(
            name=display_name, count=f"{report.total:,}", path=report.path)
        if on_done is not None:
            on_done(text)

    return people.export_person(parent, ctx, person_uuid, Path(path), done)


class ErasePersonDialog(QDialog):
    """What erasing the person removes, an option to keep anonymised aggregates, and the name typed to confirm."""

    erased = Signal(object)  # the ErasureReport

    def __init__(self, ctx: AppContext, person_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("erasePersonDialog")
        self.ctx = ctx
        self.preview: Any = None
        self.report: Any = None
        self.setWindowTitle(self.tr("Erase personal data"))
        self.setAccessibleName(self.windowTitle())
        self.intro = intro = QLabel(self.tr("Counting what CoachDesk holds about this person…"), self)
        intro.setWordWrap(True)
        intro.setObjectName("eraseIntro")
        self.keep_check = named(QCheckBox(self.tr("&Keep anonymised aggregates (figures, ratings, team "
                                                  "membership) under a placeholder"), self),
                                      "eraseKeepAggregates", self.tr("Keep anonymised aggregates"))
        self.keep_check.setToolTip(self.tr("Team averages stay as they were. The placeholder is pseudonymised, not "
                                           "anonymous: see docs/data-format.md."))
        self.prompt = prompt = QLabel(self.tr("Type the person's name to confirm:"), self)
        self.name_edit = named(QLineEdit(self), "eraseConfirmName", self.tr("Type the person's name to confirm"))
        prompt.setBuddy(self.name_edit)
        self.banner = ErrorBanner(self, "eraseError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = named(self.buttons.addButton(self.tr("&Erase"),
                                                         QDialogButtonBox.ButtonRole.DestructiveRole),
                                        "eraseConfirm", self.tr("Erase"))
        self.erase_button.setEnabled(False)
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "eraseCancel", self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        self.erase_button.clicked.connect(self.erase)
        self.name_edit.textChanged.connect(self._check_name)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (intro, self.keep_check, prompt, self.name_edit, self.banner, self.buttons):
            layout.addWidget(widget)
        self.setTabOrder(self.name_edit, self.keep_check)
        self.resize(520, self.sizeHint().height())
        self.name_edit.setFocus()
        people.preview_erasure(self, ctx, person_uuid, self._show_preview, failed=self.banner.show_error)

    def _show_preview(self, preview: Any) -> None:
        """What the erasure reaches, counted off the GUI thread; the name to type is the person's."""
        self.preview = preview
        name = preview.display_name
        self.setWindowTitle(self.tr("Erase personal data of {name}").format(name=name))
        self.setAccessibleName(self.windowTitle())
        self.intro.setText(self.tr(
            "This erases everything CoachDesk holds about {name}: {records} records (objectives, KPI figures, "
            "observations and notes, feedback, one-to-ones, recognitions) and clears {links} links to them in other "
            "people's records. Their name is replaced by [erased] in other records' text, and audit entries that "
            "name them are scrubbed. It cannot be undone; backups and earlier exports are not changed.").format(
            name=name, records=f"{preview.total:,}", links=f"{sum(preview.links.values()):,}"))
        self.prompt.setText(self.tr("Type <b>{name}</b> to confirm:").format(name=name))
        self._check_name(self.name_edit.text())
        self.layout().activate()  # the longer text wraps onto more lines: room for them
        self.resize(self.width(), max(self.height(), self.layout().totalHeightForWidth(self.width())))

    def _check_name(self, text: str) -> None:
        self.erase_button.setEnabled(self.preview is not None and text.strip() == self.preview.display_name)

    def erase(self) -> None:
        if self.preview is None or self.name_edit.text().strip() != self.preview.display_name:
            return
        self.erase_button.setEnabled(False)
        self.name_edit.setEnabled(False)
        people.erase_person(self, self.ctx, self.preview.uuid, self._done, failed=self._failed,
                            keep_aggregates=self.keep_check.isChecked())  # announced: every view reloads

    def _done(self, report: Any) -> None:
        self.report = report
        self.erased.emit(report)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_error(error)
        self.name_edit.setEnabled(True)
        self._check_name(self.name_edit.text())
