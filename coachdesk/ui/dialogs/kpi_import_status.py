"""The KPI import dialog's foot: progress with Stop and Read again while the file is read or imported, and the box
that says what an import stored."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QStyle, QWidget

from coachdesk.services.kpis import ImportResult
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.forms import named
from coachdesk.ui.theme import scaled_font


class ProgressRow(QWidget):
    """A progress bar, the status sentence, Stop (while busy) and Read again (while not)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kpiProgressRow")
        self.progress = named(QProgressBar(self), "kpiProgress", self.tr("Progress"))
        self.progress.setRange(0, 100)
        self.status = QLabel("", self)
        self.status.setObjectName("kpiStatus")
        self.status.setWordWrap(True)
        self.cancel_button = forms.button(self, self.tr("S&top"), "kpiCancelTask",
                                          accessible=self.tr("Stop reading or importing"))
        self.reread_button = forms.button(self, self.tr("Read a&gain"), "kpiReread",
                                          accessible=self.tr("Read the file again"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.status, 2)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.reread_button)

    def set_busy(self, busy: bool, can_read_again: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.reread_button.setVisible(not busy and can_read_again)

    def show_progress(self, percent: int, message: str) -> None:
        self.progress.setValue(max(0, min(100, percent)))
        words = {"Reading": self.tr("Reading the file…"), "Writing": self.tr("Storing figures…"),
                 "Checking dates": self.tr("Checking the dates…"), "Done": self.tr("Finishing…")}
        if message:
            self.status.setText(words.get(message, message))


class ResultBox(QFrame):
    """What an import did, with the batch to undo it by."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kpiResultBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton).pixmap(28, 28))
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel("", self)
        self.label.setObjectName("kpiResult")
        self.label.setWordWrap(True)
        self.label.setFont(scaled_font(self.label.font(), 1.1))
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_result(self, result: ImportResult) -> None:
        lines = [self.tr("Imported {figures} figures from {file}.").format(figures=f"{result.figures_stored:,}",
                                                                          file=result.file)]
        if result.figures_replaced:
            lines.append(self.tr("{count} stored figures were replaced.").format(count=f"{result.figures_replaced:,}"))
        if result.duplicates_skipped:
            lines.append(self.tr("{count} figures already stored were kept.").format(
                count=f"{result.duplicates_skipped:,}"))
        if result.people_created:
            lines.append(self.tr("New people: {names}.").format(names=", ".join(result.people_created[:12]) + (
                "…" if len(result.people_created) > 12 else "")))
        lines.append(self.tr("Batch {batch}: undo it from the import history on the KPIs page.").format(
            batch=result.batch_uuid))
        self.label.setText(f"<b>{html.escape(lines[0])}</b>" + "".join(f"<br>{html.escape(line)}"
                                                                      for line in lines[1:]))
        self.label.setAccessibleName(" ".join(lines))
        self.show()
