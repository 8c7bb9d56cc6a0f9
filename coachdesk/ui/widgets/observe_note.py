"""The note line of the Observe page, and the key router that gives the page its keys wherever the focus is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from coachdesk.ui.kit.keys import Keys, combos
from coachdesk.ui.theme import scaled_font


class NoteEditor(QPlainTextEdit):
    """Type the note; Enter stamps it, Shift+Enter starts a new line, Esc goes back to the checklist, and Up/Down
    on a one-line note move in the checklist (the text stays as it is)."""

    stamp_requested = Signal()
    back_requested = Signal()
    move_requested = Signal(int)  # -1 up, +1 down

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("observeNote")
        self.setAccessibleName(self.tr("Note"))
        self.setTabChangesFocus(True)
        self.setFont(scaled_font(self.font(), 1.3))
        self.setPlaceholderText(self.tr("Type a note; Enter stamps it with the time"))
        lines = 3
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 18)

    def text(self) -> str:
        return self.toPlainText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")  # a plain newline (Qt would insert U+2028 for Shift+Enter)
            else:
                self.stamp_requested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and "\n" not in self.toPlainText() and not mods:
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class KeyRouter(QObject):
    """An event filter for every focusable widget of a session: the page's keys (F2-F8, Alt+digits, Ctrl+Enter)
    win over the window's shortcuts (F5 is also Refresh) and reach the page whichever widget has the focus."""

    def __init__(self, handlers: dict[Keys, Callable[[], None] | list[Callable[[], None]]],
                 parent: QObject | None = None) -> None:
        """``handlers``: declared keys (listed in Help > Keyboard shortcuts) to what they do; a list gives each key
        of the declaration its own slot, in order."""
        super().__init__(parent)
        self.handlers: dict[tuple[int, int], Callable[[], None]] = {}
        #: what each key is listed as
        self.listed: dict[tuple[int, int], Keys] = {}
        for entry, slots in handlers.items():
            for number, combo in enumerate(combos(entry)):
                self.handlers[combo] = slots[number] if isinstance(slots, list) else slots
                self.listed[combo] = entry

    def _handler(self, event: QKeyEvent) -> Callable[[], None] | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return self.handlers.get((int(event.key()), int(mods.value)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._handler(event) is not None:  # type: ignore[arg-type]
            event.accept()
            return True
        if kind == QEvent.Type.KeyPress:
            handler = self._handler(event)  # type: ignore[arg-type]
            if handler is not None:
                handler()
                return True
        return False

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)
