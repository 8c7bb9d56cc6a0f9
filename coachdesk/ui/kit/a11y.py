"""Keyboard and screen-reader basics for the whole app, installed once on the application: Return or Enter on a
focused push button presses it, ``delete_when_closed`` deletes a dialog once it has finished (so closed dialogs
do not pile up, hidden, in the accessibility tree), and ``labelled`` gives a drop-down a label relation (what a
screen reader reads with it)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QToolButton, QWidget

#: a dialog with this dynamic property set to True is kept after it finishes (it is shown again later)
KEEP_PROPERTY = "coachdeskKeepWhenClosed"
D = TypeVar("D", bound=QDialog)
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_WATCHED = "coachdeskDeletesWhenFinished"
_FILTERED = "coachdeskReturnPresses"


def keep_when_closed(dialog: QDialog) -> QDialog:
    """Opt a dialog that is reused (hidden and shown again) out of being deleted when it finishes."""
    dialog.setProperty(KEEP_PROPERTY, True)
    return dialog


def labelled(label: QLabel, widget: QWidget) -> QLabel:
    """Make ``label`` the visible label of ``widget``: its mnemonic focuses it and screen readers say it with the
    widget's value (the label relation)."""
    label.setBuddy(widget)
    return label


class _Basics(QObject):
    """Behind ``install``: follows the focus (cheap: no filter on every event of the application), filters key
    presses only on the push buttons that took the focus. (Dialogs are marked for deletion by their openers, never
    behind their back: a dialog a caller still holds must not vanish.)"""

    def on_focus(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is None:
            return
        if isinstance(now, QPushButton | QToolButton) and not now.property(_FILTERED):
            now.setProperty(_FILTERED, True)
            now.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QPushButton | QToolButton):
            return _press(watched, event)  # type: ignore[arg-type]
        return False


def _press(button: QPushButton | QToolButton, event: QKeyEvent) -> bool:
    """Return/Enter (no modifier but the keypad's) on the focused button presses it, and nothing else sees the key
    (no dialog's default button, no form's Return)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() not in _RETURN_KEYS or modifiers != Qt.KeyboardModifier.NoModifier:
        return False
    if not button.hasFocus() or event.isAutoRepeat():
        return False
    if button.isEnabled() and button.isVisible():
        if button.menu() is not None:  # a button with a menu opens it, as Space does
            button.showMenu()
        else:
            button.click()
    return True


def delete_when_closed(dialog: D) -> D:
    """Delete ``dialog`` once it has finished (accepted, rejected or closed), unless it is kept for reuse; returns
    it. Every opener calls this."""
    if dialog.property(_WATCHED) or dialog.property(KEEP_PROPERTY):
        return dialog
    dialog.setProperty(_WATCHED, True)

    def finished(_result: int = 0) -> None:
        if not dialog.property(KEEP_PROPERTY):
            dialog.deleteLater()

    dialog.finished.connect(finished)
    return dialog


def install(app: QApplication | None = None) -> None:
    """Install the basics on the application (once; the main window calls this)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None or app.findChild(_Basics, "coachdeskBasics") is not None:
        return
    basics = _Basics(app)
    basics.setObjectName("coachdeskBasics")
    app.focusChanged.connect(basics.on_focus)
