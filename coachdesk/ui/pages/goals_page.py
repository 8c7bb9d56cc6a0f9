"""The Goals page: a placeholder until the goal cascade arrives (issue #3)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services.context import AppContext
from coachdesk.ui.widgets.page import PlaceholderPage


class GoalsPage(PlaceholderPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        sentence = QCoreApplication.translate(
            "GoalsPage",
            "The goal cascade from organisation to team to each agent's SMART objectives, with line of sight"
            " between them."
        )
        title = QCoreApplication.translate("GoalsPage", "Goals")
        super().__init__(title, sentence, 3, "goals", parent, name="goalsPage")
        self.ctx = ctx
