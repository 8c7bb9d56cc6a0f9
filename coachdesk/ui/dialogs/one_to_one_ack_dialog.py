"""The agent's acknowledgement of a one-to-one record (typed name, optional comment), and an amendment of a locked
record (field, new value, reason)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import one_to_ones as oto
from coachdesk.services.common import AppContext
from coachdesk.services.one_to_ones import SessionRecord
from coachdesk.ui.actions import one_to_ones
from coachdesk.ui.kit import ops, words
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.limits import limit_text

#: amendable fields that hold a day (typed as every screen writes it)
DATE_FIELDS = ("next_date", "due_date")


class _ServiceDialog(QDialog):
    def __init__(self, ctx: AppContext, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.record, self.result_record = ctx, record, None
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.error = QLabel("", self)
        self.error.setObjectName("oneToOneDialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlighted-text); background: palette(highlight); padding: 4px;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.setObjectName("oneToOneDialogButtons")
        self.buttons.setAccessibleName(self.tr("Dialog buttons"))
        for button in self.buttons.buttons():
            button.setObjectName(f"oneToOneDialog{button.text().replace('&', '')}")
            button.setAccessibleName(button.text().replace("&", ""))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def done_with(self, record: SessionRecord) -> None:
        """The write went through: keep the new record and close."""
        self.result_record = record
        QDialog.accept(self)


class AcknowledgeDialog(_ServiceDialog):
    """Handed to the agent: they read the record and type their name."""

    def __init__(self, ctx: AppContext, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setObjectName("oneToOneAckDialog")
        self.setWindowTitle(self.tr("Acknowledge the one-to-one"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(self.tr("{agent}: by typing your name you confirm this is a fair record of the one-to-one. "
                               "After that it is locked; later changes are shown as amendments with who, when and "
                               "why.").format(agent=record.agent_name), self)
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.name = named(QLineEdit(self), "oneToOneAckName", self.tr("Your name"))
        limit_text(self.name, "OneToOne", "acknowledged_name")
        self.name.setPlaceholderText(record.agent_name)
        self.comment = named(QPlainTextEdit(self), "oneToOneAckComment", self.tr("Comment (optional)"))
        limit_text(self.comment, "OneToOne", "acknowledgement_comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(70)
        self.form.addRow(self.tr("Your &name"), self.name)
        self.form.addRow(self.tr("&Comment (optional)"), self.comment)
        self.finish()
        self.name.setFocus()

    def accept(self) -> None:
        one_to_ones.acknowledge(self, self.ctx, self.record.uuid, self.name.text(), self.comment.toPlainText(),
                                self.record.version, self.done_with, failed=ops.into_label(self.error),
                                busy=[self.buttons])


class AmendDialog(_ServiceDialog):
    """A change to a locked record: which field (of the record or one of its items), the new value and why."""

    def __init__(self, ctx: AppContext, record: SessionRecord, author_uuid: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.author_uuid = author_uuid
        self.setObjectName("oneToOneAmendDialog")
        self.setWindowTitle(self.tr("Amend the acknowledged one-to-one"))
        self.setAccessibleName(self.windowTitle())
        note = QLabel(self.tr("The record was acknowledged and is locked. An amendment keeps the old value beside "
                              "the new one, with who changed it, when and why."), self)
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.target = named(QComboBox(self), "oneToOneAmendField", self.tr("What to amend"))
        for field, label in oto.AMENDABLE.items():
            self.target.addItem(self.tr(label), (None, field))
        for item in record.items:
            for field, label in oto.ITEM_AMENDABLE.items():
                self.target.addItem(f"{item.kind.value.capitalize()} “{item.text[:40]}”: {self.tr(label)}",
                                    (item.uuid, field))
        self.value = named(QLineEdit(self), "oneToOneAmendValue", self.tr("New value"))
        limit_text(self.value, "Amendment", "new_value")
        self.reason = named(QLineEdit(self), "oneToOneAmendReason", self.tr("Reason"))
        limit_text(self.reason, "Amendment", "reason")
        self.hint = QLabel("", self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.tr("&What"), self.target)
        self.form.addRow(self.tr("&New value"), self.value)
        self.form.addRow("", self.hint)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.target.currentIndexChanged.connect(self._fill)
        self.finish()
        self._fill()

    def _current(self) -> object:
        item_uuid, field = self.target.currentData()
        if item_uuid is None:
            return getattr(self.record, field)
        return getattr(next(i for i in self.record.items if i.uuid == item_uuid), field)

    def _fill(self) -> None:
        value = self._current()
        self.value.setText(words.date_text(value) if isinstance(value, date) else str(value.value if hasattr(
            value, "value") else value or ""))
        _, field = self.target.currentData()
        example = self.tr("A date, e.g. {example}").format(example=words.date_text(date(date.today().year, 12, 31)))
        self.hint.setText({"next_date": example, "due_date": example,
                           "status": self.tr("open, done, not_met, dropped")}.get(field, ""))

    def accept(self) -> None:
        item_uuid, field = self.target.currentData()
        value: object = self.value.text()
        if field in DATE_FIELDS and value.strip():
            value = words.parse_date(value)
            if value is None:
                self.error.setText(self.tr("New value: '{text}' is not a date; write it as {example}.").format(
                    text=self.value.text().strip(), example=words.date_text(date(date.today().year, 12, 31))))
                self.error.show()
                return
        one_to_ones.amend(self, self.ctx, self.record.uuid, field, value, self.reason.text(),
                          self.author_uuid, item_uuid, self.done_with, failed=ops.into_label(self.error),
                          busy=[self.buttons])
