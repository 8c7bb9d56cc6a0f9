"""Close a feedback follow-up with its outcome (improved, partly, not yet) and a note."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar as actions
from coachdesk.ui.kit import forms, ops
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.limits import limit_text

OUTCOMES = (("improved", "Improved"), ("partly", "Partly"), ("not_yet", "Not yet"))


class FollowUpDialog(QDialog):
    def __init__(self, ctx: AppContext, feedback_uuid: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        forms.titled(self, "followUpDialog", self.tr("Close the follow-up"))
        self.ctx, self.uuid, self.title = ctx, feedback_uuid, title
        self.handle: Any = None
        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(QLabel(self.tr("How did it turn out?"), self))
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        for n, (value, label) in enumerate(OUTCOMES):
            button = named(QRadioButton(self.tr(label), self), f"followUpOutcome_{value}", self.tr(label))
            button.setProperty("outcome", value)
            self.group.addButton(button, n)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = forms.text_box(self, "followUpNote", self.tr("Note"))
        limit_text(self.note, "Feedback", "follow_up_note")
        self.note.setPlaceholderText(self.tr("What you saw or heard (optional)"))
        layout.addWidget(self.note, 1)
        self.message = QLabel("", self)
        self.message.setObjectName("followUpMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = named(QDialogButtonBox(self), "followUpButtons", self.tr("Buttons"))
        self.ok = forms.button(self, self.tr("Close the follow-up"), "followUpClose", self.save, box=buttons,
                               role=QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        named(buttons.addButton(QDialogButtonBox.StandardButton.Cancel), "followUpCancel", self.tr("Cancel"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def save(self) -> None:
        button = self.group.checkedButton()
        if button is None:
            self.message.setText(self.tr("Choose how it turned out: improved, partly or not yet."))
            return
        self.ok.setEnabled(False)
        self.handle = actions.close_follow_up(self, self.ctx, self.uuid, button.property("outcome"),
                                              self.note.toPlainText(), lambda _r: self._closed(), failed=self._failed)

    def _closed(self) -> None:
        actions.offer_reopen(self.parentWidget(), self.ctx, self.uuid, self.title)  # "… · Undo"
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(ops.error_text(error))
