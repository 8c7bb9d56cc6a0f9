"""The keyboard basics installed on the application (``kit.a11y``): Return or Enter on a focused button presses
it (that button only, never the dialog's default), anywhere; finished dialogs are deleted unless kept."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout, QWidget

from coachdesk.ui.kit import a11y, forms
from tests.ui.test_fit import demo_ctx, demo_db, laptop_window  # noqa: F401 - the demo window's fixtures


def _focus(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_return_on_a_focused_button_presses_it_in_a_page(qtbot) -> None:  # noqa: ANN001
    a11y.install()
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    pressed: list[str] = []
    start = forms.button(page, "Start session (Enter)", "start", lambda: pressed.append("start"))
    other = forms.button(page, "Other", "other", lambda: pressed.append("other"))
    layout.addWidget(start)
    layout.addWidget(other)
    page.show()
    qtbot.waitExposed(page)
    _focus(qtbot, start)
    qtbot.keyClick(start, Qt.Key.Key_Return)
    assert pressed == ["start"]
    qtbot.keyClick(start, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert pressed == ["start", "start"]
    qtbot.keyClick(start, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Return is not Return
    qtbot.keyClick(start, Qt.Key.Key_Space)  # Space stays Qt's (press on release)
    assert pressed == ["start", "start", "start"]
    start.setEnabled(False)
    _focus(qtbot, other)
    qtbot.keyClick(other, Qt.Key.Key_Return)
    assert pressed[-1] == "other" and len(pressed) == 4


def test_return_on_a_focused_button_in_a_dialog_presses_it_not_the_default(qtbot) -> None:  # noqa: ANN001
    a11y.install()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    a11y.keep_when_closed(dialog)
    layout = QVBoxLayout(dialog)
    printed: list[int] = []
    print_button = forms.button(dialog, "Print certificate", "print", lambda: printed.append(1))
    layout.addWidget(print_button)
    box, save = forms.dialog_buttons(dialog, "test")
    save.setDefault(True)
    layout.addWidget(box)
    accepted: list[int] = []
    dialog.accepted.connect(lambda: accepted.append(1))
    dialog.show()
    qtbot.waitExposed(dialog)
    _focus(qtbot, print_button)
    qtbot.keyClick(print_button, Qt.Key.Key_Return)
    assert printed == [1] and accepted == [] and dialog.isVisible()


def test_the_observe_start_button_starts_on_return(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    page = laptop_window.show_page("observe")
    start = laptop_window.findChild(QPushButton, "observeStart")
    panel = start.parentWidget()
    while panel is not None and not hasattr(panel, "start_requested"):
        panel = panel.parentWidget()
    started: list[str] = []
    panel.start_requested.connect(started.append)
    panel.agents.setCurrentRow(0)
    _focus(qtbot, start)
    qtbot.keyClick(start, Qt.Key.Key_Return)
    assert len(started) == 1 and page is not None


def test_a_finished_dialog_is_deleted_and_a_kept_one_is_not(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    gone = a11y.delete_when_closed(QDialog(parent))
    kept = a11y.keep_when_closed(QDialog(parent))
    a11y.delete_when_closed(kept)
    for dialog in (gone, kept):
        dialog.open()
        dialog.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    assert parent.findChildren(QDialog) == [kept]
