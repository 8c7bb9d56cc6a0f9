"""The main window's notice bar: "Archived X · Undo" after an undoable change, for a few seconds (longer while the
pointer or the focus is on it), announced to screen readers; Undo runs the change's inverse."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from coachdesk.ui.kit import forms, undo
from coachdesk.ui.kit.undo import UndoOffer

SHOWN_MS = 8000


class NoticeBar(QFrame):
    """Shows the latest ``kit.undo`` offer; a newer one replaces it (its Undo then no longer applies)."""

    @classmethod
    def under_central_widget(cls, window: QMainWindow) -> NoticeBar:
        """A notice bar under the window's central widget (which moves, unchanged, into a holder above it)."""
        holder = QWidget(window)
        holder.setObjectName("noticeArea")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(window.takeCentralWidget(), 1)
        bar = cls(holder)
        layout.addWidget(bar)
        window.setCentralWidget(holder)
        return bar

    def __init__(self, parent: QWidget | None = None, shown_ms: int = SHOWN_MS) -> None:
        super().__init__(parent)
        forms.named(self, "noticeBar", self.tr("Notice"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.current: UndoOffer | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        layout.addWidget(self.label, 1)
        self.undo_button = forms.button(self, self.tr("&Undo"), "noticeUndo", self.run_undo)
        self.close_button = forms.button(self, self.tr("Dismiss"), "noticeDismiss", self.dismiss)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(shown_ms)
        self.timer.timeout.connect(self._time_up)
        for widget in (self, self.undo_button, self.close_button):
            widget.installEventFilter(self)
        undo.hub().offered.connect(self.show_offer)
        self.hide()

    def show_offer(self, offer: UndoOffer) -> None:
        self.current = offer
        self.label.setText(offer.text)
        self.setAccessibleName(offer.text)
        self.undo_button.setAccessibleDescription(self.tr("Undo: {what}").format(what=offer.text))
        self._set_shown(True)
        self.timer.start()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def run_undo(self) -> None:
        offer, self.current = self.current, None
        self.dismiss()
        if offer is not None:
            offer.undo()

    def dismiss(self) -> None:
        self.timer.stop()
        self.current = None
        self._set_shown(False)

    def _set_shown(self, on: bool) -> None:
        self.setVisible(on)

    def _time_up(self) -> None:
        if self.underMouse() or self.isAncestorOf(QApplication.focusWidget()):
            self.timer.start()  # the user is reaching for it: wait
        else:
            self.dismiss()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return True
        return False
