"""The Today page's panel of objectives due soon or heading short of target, soonest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QVBoxLayout, QWidget

from coachdesk.domain.objectives import DUE_SOON_DAYS
from coachdesk.services.goals import ProgressRow
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.tables import fit_to_texts, table_view
from coachdesk.ui.models.progress_models import AttentionModel
from coachdesk.ui.theme import muted_label, scaled_font

MAX_ROWS = 12


class ObjectivesDuePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayObjectivesDue")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Objectives due soon or short of target"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        head = QLabel(self.tr("Objectives due soon or short of target"), self)
        head.setFont(scaled_font(head.font(), 1.2, bold=True))
        layout.addWidget(head)
        self.model = AttentionModel(parent=self)
        self.table = table_view(self, "todayObjectivesTable", self.tr("Objectives due soon or short of target"),
                                self.model, stretch=AttentionModel.WHY,  # names whole; the reason elides (tooltip)
                                fit=False)  # sized once per load (``_fit_columns``), not by measuring every row
        self.table.setSortingEnabled(False)
        named(self.table.horizontalHeader(), "todayObjectivesHeader", self.tr("Objective columns"))
        layout.addWidget(self.table)
        self.summary = muted_label(self.tr("Loading…"), self, name="todayObjectivesSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.table.hide()

    def show_rows(self, rows: list[ProgressRow]) -> None:
        shown = self.model.rows()
        if len(rows) != len(shown) or any(a is not b for a, b in zip(rows, shown, strict=True)):
            self._set_rows(rows)  # else the same rows again (nothing committed since): the table stays as it is
        due = sum(1 for r in rows if r.due_soon)
        off = sum(1 for r in rows if r.off_track)
        if not rows:
            self.summary.setText(self.tr("Nothing due in the next {days} days, and no agreed objective is heading "
                                         "short of target.")
                                 .format(days=DUE_SOON_DAYS))
        else:
            self.summary.setText(self.tr("{due} due within {days} days · {off} heading short of target (the forecast "
                                         "at the due date is ▼ Below or ▼▼ Far below)").format(due=due, days=DUE_SOON_DAYS, off=off))

    def _set_rows(self, rows: list[ProgressRow]) -> None:
        self.model.set_rows(rows)
        self._fit_columns()
        self.table.setVisible(bool(rows))
        visible = min(len(rows), MAX_ROWS)
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + 2
        height += sum(self.table.rowHeight(r) for r in range(visible))
        bar = self.table.horizontalScrollBar()
        if rows and bar.maximum() > 0:  # a narrow window scrolls sideways: the bar must not cover the last row
            height += bar.sizeHint().height()
        self.table.setFixedHeight(height)

    def _fit_columns(self) -> None:
        """Each column but Why (which stretches) as wide as its widest text or its title, as ResizeToContents would
        make it, from the distinct texts once per load (``fit_to_texts``): ResizeToContents asks the model for
        every cell of every row on each layout, which blocked the GUI thread for the ~1,000 rows of a big demo."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != AttentionModel.WHY:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        fit_to_texts(self.table)
