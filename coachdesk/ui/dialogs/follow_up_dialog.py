"""Close a feedback follow-up with its outcome (improved, partly, not yet) and a note."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import calendar
from coachdesk.services.common import AppContext
from coachdesk.ui import tasks
from coachdesk.ui.actions import calendar as follow_ups
from coachdesk.ui.kit.limits import limit_text

OUTCOMES = (("improved", "Improved"), ("partly", "Partly"), ("not_yet", "Not yet"))


def _close(db, uuid: str, outcome: str, note: str) -> None:  # noqa: ANN001 - on a pool thread
    from coachdesk.services.common import signed_in_person

    who = signed_in_person(db)
    calendar.close_follow_up(db, uuid, outcome, note, actor_uuid=who.uuid if who else None)


class FollowUpDialog(QDialog):
    def __init__(self, ctx: AppContext, feedback_uuid: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.setWindowTitle(self.tr("Close the follow-up"))
        self.setAccessibleName(self.windowTitle())
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
            button = QRadioButton(self.tr(label), self)
            button.setObjectName(f"followUpOutcome_{value}")
            button.setAccessibleName(self.tr(label))
            button.setProperty("outcome", value)
            self.group.addButton(button, n)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = QPlainTextEdit(self)
        limit_text(self.note, "Feedback", "follow_up_note")
        self.note.setObjectName("followUpNote")
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("What you saw or heard (optional)"))
        layout.addWidget(self.note, 1)
        self.message = QLabel("", self)
        self.message.setObjectName("followUpMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(self.tr("Close the follow-up"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("followUpClose")
        self.ok.setAccessibleName(self.tr("Close the follow-up"))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("followUpCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def save(self) -> None:
        button = self.group.checkedButton()
        if button is None:
            self.message.setText(self.tr("Choose how it turned out: improved, partly or not yet."))
            return
        self.ok.setEnabled(False)
        self.handle = tasks.submit(_close, self.ctx.db, self.uuid, button.property("outcome"),
                                   self.note.toPlainText(), on_success=lambda _r: self._closed(),
                                   on_error=self._failed)

    def _closed(self) -> None:
        follow_ups.offer_reopen(self.parentWidget(), self.ctx, self.uuid, self.title)  # "… · Undo"
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(str(error))
