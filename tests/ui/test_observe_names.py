"""Every control of the observation dialogs has an objectName (tests) and an accessible name (screen readers)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit

from coachdesk.domain.enums import NoteKind
from coachdesk.services import observation as obs
from coachdesk.ui.dialogs.calibration_dialog import CalibrationDialog
from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog
from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog
from coachdesk.ui.dialogs.session_dialog import AmendNoteDialog, SessionDialog
from tests.ui.test_observe_page import is_qt_internal

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QAbstractSpinBox)


def unnamed(widget) -> list[str]:  # noqa: ANN001
    missing = []
    for kind in INTERACTIVE:
        for child in widget.findChildren(kind):
            if is_qt_internal(child) or child.objectName().startswith("qt_"):
                continue
            if not child.objectName() or not child.accessibleName():
                missing.append(f"{type(child).__name__} {child.objectName()!r} {child.text() if hasattr(child, 'text') else ''}")
    return missing


def test_dialogs_name_their_controls(qtbot, ctx, sample) -> None:
    state = obs.start_session(ctx.db, sample.agent_uuids["Amelia Brown"], at=datetime.now(UTC) - timedelta(hours=1))
    obs.add_note(ctx.db, state.uuid, "Named the worry", NoteKind.STRENGTH)
    obs.end_session(ctx.db, state.uuid)
    for dialog in (FeedbackDialog(ctx, state.uuid), FrameworkDialog(ctx), CalibrationDialog(ctx),
                   SessionDialog(ctx, state.uuid), AmendNoteDialog("text")):
        qtbot.addWidget(dialog)
        assert dialog.objectName() and dialog.accessibleName()
        assert unnamed(dialog) == [], type(dialog).__name__
