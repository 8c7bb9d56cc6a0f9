"""#16's composer bug tried for real: in the feedback composer over the main window (every page built, so every other
Ctrl+Enter of the app exists), the print button is reached with Tab, and Ctrl+Return, Ctrl+Enter and the keypad's
Ctrl+Enter are pressed through the dialog's window (the path a key from the window system takes, shortcut map and
all). The feedback is saved and the certificate is not printed again."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coachdesk.services import feedback as fb
from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog
from tests.ui.test_observe_feedback import ended  # noqa: F401 - the fixture: an observation with a strength noted

CTRL, KEYPAD = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.KeypadModifier


def _previews() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == "previewDialog" and w.isVisible()]


def _press(qtbot, dialog, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    QTest.keyClick(dialog.windowHandle(), key, mods)
    qtbot.wait(20)


@pytest.mark.parametrize("opened_by", ["observe", "window"])
@pytest.mark.parametrize(("key", "mods"), [(Qt.Key.Key_Return, CTRL), (Qt.Key.Key_Enter, CTRL),
                                           (Qt.Key.Key_Enter, CTRL | KEYPAD)],
                         ids=["ctrl-return", "ctrl-enter", "keypad-ctrl-enter"])
def test_ctrl_enter_with_the_print_button_reached_by_tab_saves_and_prints_nothing(
        qtbot, window, ctx, ended, key: Qt.Key, mods: Qt.KeyboardModifier, opened_by: str) -> None:  # noqa: ANN001, F811
    from coachdesk.ui.pages import PAGE_KEYS

    for page in PAGE_KEYS:  # every page built: the one-to-one editor's Ctrl+Return and the rest exist
        window.page(page)
    if opened_by == "observe":  # as the app does when a session ends: window-modal over the Observe page
        window.show_page("observe")
        dialog = window.page("observe").compose_feedback(ended.uuid)
    else:
        dialog = FeedbackDialog(ctx, ended.uuid, window)
        dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=3000)
    dialog.strengths.setCurrentRow(0)
    _press(qtbot, dialog, Qt.Key.Key_R, CTRL)  # recognise the strength: the print button appears
    assert dialog.certificate_button.isVisible() and fb.feedback_for_session(ctx.db, ended.uuid) is None
    dialog.went_well.setFocus()
    for _ in range(60):  # Tab, as a keyboard user does, until the print button has the focus
        if QApplication.focusWidget() is dialog.certificate_button:
            break
        _press(qtbot, dialog, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.certificate_button, "Tab never reached the print button"
    printed: list[bool] = []
    dialog.certificate_button.clicked.connect(lambda: printed.append(True))
    dialog.went_well.setPlainText("You named her worry before you fixed the bill.")
    _press(qtbot, dialog, key, mods)
    assert not printed and not _previews(), "Ctrl+Enter printed the certificate"
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=3000)  # closed
    saved = fb.feedback_for_session(ctx.db, ended.uuid)
    assert saved is not None and saved.went_well == "You named her worry before you fixed the bill."
    assert window.isVisible()  # nothing else took the key (a one-to-one was not recorded instead)
