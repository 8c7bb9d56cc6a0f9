"""The Observe page: a placeholder until observation sessions arrive (issue #4)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services.context import AppContext
from coachdesk.ui.widgets.page import PlaceholderPage


class ObservePage(PlaceholderPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        sentence = QCoreApplication.translate(
            "ObservePage",
            "Side-by-side and remote observation sessions: rate behaviours against the framework and note "
            "strengths and verbatims as you listen."
        )
        title = QCoreApplication.translate("ObservePage", "Observe")
        super().__init__(title, sentence, 4, "observe", parent, name="observePage")
        self.ctx = ctx
