"""The main window's strip that says the team server is unreachable, that CoachDesk keeps retrying and keeps what
is typed, with a Retry button; it shows within moments of a failed call and goes away when the server is back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QStyle, QVBoxLayout, QWidget

from coachdesk.ui.kit import forms
from coachdesk.ui.kit.outage import ServerWatch


class OutageBanner(QFrame):
    """Hidden while the server answers; follows a ``ServerWatch``."""

    def __init__(self, watch: ServerWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        self.setObjectName("outageBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#outageBanner { background: #fff4ce; border: 1px solid #c19c00; border-radius: 3px; }"
                           "#outageBanner QLabel { color: #3b2f00; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(20, 20))
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self.label = QLabel(self)
        self.label.setObjectName("outageBannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.next_try = QLabel(self)
        self.next_try.setObjectName("outageBannerNextTry")
        layout.addWidget(self.next_try)
        self.retry = forms.button(self, self.tr("&Retry now"), "outageRetry", watch.try_now,
                                  tip=self.tr("Try the team server now instead of waiting"))
        layout.addWidget(self.retry)
        watch.lost.connect(self.server_lost)
        watch.retrying.connect(self.retrying)
        watch.back.connect(self.server_back)
        self.hide()

    @classmethod
    def above_central_widget(cls, watch: ServerWatch, window: QMainWindow) -> OutageBanner:
        """A banner over the window's central widget (which moves, unchanged, into a holder beneath it)."""
        holder = QWidget(window)
        holder.setObjectName("mainArea")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner = cls(watch, holder)
        layout.addWidget(banner)
        layout.addWidget(window.takeCentralWidget(), 1)
        window.setCentralWidget(holder)
        return banner

    def server_lost(self, server: str) -> None:
        text = self.tr("Team server {server} unreachable — retrying; your work is kept on this computer and saved "
                       "when it is back.").format(server=server)
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def retrying(self, seconds: int) -> None:
        self.next_try.setText(self.tr("next try in {n} s").format(n=seconds))

    def server_back(self, _server: str) -> None:
        self.label.clear()
        self.next_try.clear()
        self.hide()
