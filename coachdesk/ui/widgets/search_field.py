"""A search box that hands arrow and page keys to the list it filters, so one can type and pick without the mouse."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from coachdesk.ui.theme import palette_icon

_FORWARDED = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class SearchField(QLineEdit):
    """``QLineEdit`` with a clear button, a search icon, and Up/Down/PageUp/PageDown sent to ``target``."""

    def __init__(self, placeholder: str, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(QCoreApplication.translate("SearchField", "Search"))
        self.setAccessibleDescription(placeholder)
        self.setClearButtonEnabled(True)
        self._icon_action = self.addAction(palette_icon("search", self), QLineEdit.ActionPosition.LeadingPosition)
        self.target: QAbstractItemView | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        target = self.target
        if target is not None and event.key() in _FORWARDED and target.model() is not None:
            if not target.currentIndex().isValid() and target.model().rowCount() > 0:
                target.setCurrentIndex(target.model().index(0, 0))
            else:
                QApplication.sendEvent(target, QKeyEvent(event.type(), event.key(), event.modifiers()))
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        action = getattr(self, "_icon_action", None)
        if event.type() == event.Type.PaletteChange and action is not None:
            action.setIcon(palette_icon("search", self))
        super().changeEvent(event)
