"""A read-only window on the coaching record behind a trend marker (feedback, one-to-one, recognition)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.services.trends import RecordDetail
from coachdesk.ui.kit import a11y
from coachdesk.ui.theme import title_label


class RecordDialog(QDialog):
    """Shows a ``RecordDetail``; Esc or Close dismisses it."""

    print_requested = Signal()

    def __init__(self, detail: RecordDetail, parent: QWidget | None = None, printable: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("trendRecordDialog")
        self.setWindowTitle(detail.title)
        self.detail = detail
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(detail.title, self, factor=1.3, name="trendRecordTitle"))
        form = QFormLayout()
        for label, text in detail.lines:
            value = QLabel(text, self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            form.addRow(QLabel(f"{label}:", self), value)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("trendRecordButtons")
        buttons.rejected.connect(self.reject)
        if printable:  # widgets never open dialogs: the preview is opened by whoever listens
            button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
            button.setObjectName("trendRecordPrint")
            button.setAccessibleName(self.tr("Preview and print this record"))
            button.clicked.connect(self.print_requested)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("trendRecordClose")
        close.setAccessibleName(self.tr("Close"))
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())


def open_record(ctx, history_view, kind: str, uuid: str) -> QDialog | None:  # noqa: ANN001
    """Open what a marker stands for: an observation in the agent page's read-only session view (a feedback that
    came from a session too), anything else in a ``RecordDialog``. Returns the dialog shown, or None."""
    from coachdesk.ui.actions import sessions
    from coachdesk.ui.dialogs.session_dialog import SessionDialog

    detail = sessions.record_detail_now(history_view, ctx, kind, uuid)  # a failure: the kit's message box
    if detail is None:
        return None
    if kind == "observation" and detail.session_uuid:
        dialog = SessionDialog(ctx, detail.session_uuid, history_view)
        dialog.resume_requested.connect(history_view.resume_requested)
        history_view.dialog = dialog
    else:
        from coachdesk.ui import report_actions

        printable = kind in report_actions.RECORD_KINDS
        dialog = RecordDialog(detail, history_view, printable=printable)
        if printable:
            dialog.print_requested.connect(lambda: report_actions.print_record(dialog, ctx, kind, uuid))
    a11y.delete_when_closed(dialog).open()
    return dialog
