"""The Reports page: a placeholder until PDF reports arrive (issue #8)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services.context import AppContext
from coachdesk.ui.widgets.page import PlaceholderPage


class ReportsPage(PlaceholderPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        sentence = QCoreApplication.translate(
            "ReportsPage",
            "Printable PDF reports for an agent or a team: objectives, KPI trends, observations and one-to-"
            "one history."
        )
        title = QCoreApplication.translate("ReportsPage", "Reports")
        super().__init__(title, sentence, 8, "reports", parent, name="reportsPage")
        self.ctx = ctx
