"""The KPIs page: a placeholder until KPI import arrives (issue #6)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services.context import AppContext
from coachdesk.ui.widgets.page import PlaceholderPage


class KpisPage(PlaceholderPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        sentence = QCoreApplication.translate(
            "KpisPage",
            "Import KPI exports from your contact-centre systems, map their columns once, and follow each "
            "agent's figures over time."
        )
        title = QCoreApplication.translate("KpisPage", "KPIs")
        super().__init__(title, sentence, 6, "kpis", parent, name="kpisPage")
        self.ctx = ctx
