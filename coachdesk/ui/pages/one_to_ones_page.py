"""The One-to-ones page: a placeholder until one-to-one records arrive (issue #5)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services.context import AppContext
from coachdesk.ui.widgets.page import PlaceholderPage


class OneToOnesPage(PlaceholderPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        sentence = QCoreApplication.translate(
            "OneToOnesPage",
            "Plan and record one-to-ones (agenda, expectations, actions and commitments) and see who is due "
            "for one next."
        )
        title = QCoreApplication.translate("OneToOnesPage", "One-to-ones")
        super().__init__(title, sentence, 5, "one_to_ones", parent, name="oneToOnesPage")
        self.ctx = ctx
