"""Building blocks of a page: the titled page frame, the loading note, number cards and the error page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.ui.kit import fit
from coachdesk.ui.theme import muted_label, scaled_font, title_label

PAGE_MARGIN = 28


class Page(QWidget):
    """A page of the main window: a large title, a one-line subtitle and a body layout for its content, in a scroll
    area (``scroller``) so that what does not fit the window scrolls instead of widening or lengthening it."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setAccessibleName(title)
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        self.content = fit.ScrollContent(self)
        self.content.setObjectName(f"{name or 'page'}Content")
        self.scroller = fit.scroll_area(self.content, self, f"{name or 'page'}Scroll")
        frame.addWidget(self.scroller)
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 8, PAGE_MARGIN, PAGE_MARGIN - 8)
        outer.setSpacing(6)
        self.title = title_label(title, self, name=f"{name or 'page'}Title")
        outer.addWidget(self.title)
        self.subtitle = muted_label(subtitle, self, name=f"{name or 'page'}Subtitle")
        self.subtitle.setVisible(bool(subtitle))
        outer.addWidget(self.subtitle)
        outer.addSpacing(12)
        self.body = QVBoxLayout()
        self.body.setSpacing(14)
        outer.addLayout(self.body, 1)

    def refresh(self) -> None:
        """Reload what the page shows from the database; pages with data override this."""


class LoadingPage(QWidget):
    """What the window shows for the moment between appearing and its first page being filled."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingPage")
        self.setAccessibleName(message)
        layout = QVBoxLayout(self)
        label = muted_label(message, self, name="loadingMessage")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)


class StatCard(QFrame):
    """A large number with a caption underneath."""

    def __init__(self, caption: str, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        if name:
            self.setObjectName(name)
        self._caption = caption
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        self.value_label = QLabel("–", self)
        self.value_label.setFont(scaled_font(self.value_label.font(), 2.2, bold=True))
        layout.addWidget(self.value_label)
        layout.addWidget(muted_label(caption, self))
        self.setMinimumWidth(140)

    def set_value(self, value: int | str) -> None:
        text = str(value)
        self.value_label.setText(text)
        self.setAccessibleName(f"{self._caption}: {text}")

    def value_text(self) -> str:
        return self.value_label.text()


def card_row(cards: list[QWidget]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(12)
    for card in cards:
        row.addWidget(card, 1)
    return row


class ErrorPage(Page):
    """Shown in place of a page that could not be built, so one broken page never takes the window down."""

    def __init__(self, title: str, error: BaseException, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(title, QCoreApplication.translate("ErrorPage", "This page could not be opened."),
                         parent, name)
        self.error = error
        detail = QLabel(str(error) or type(error).__name__, self)
        detail.setObjectName(f"{name or 'page'}Error")
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(detail)
        self.body.addWidget(muted_label(QCoreApplication.translate(
            "ErrorPage", "The details are in the log file. The other pages still work."), self))
        self.body.addStretch(1)
