"""The Today page's panel of objectives due soon or heading short of target, soonest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QVBoxLayout, QWidget

from coachdesk.domain.objectives import DUE_SOON_DAYS
from coachdesk.services.goals import ProgressRow
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.tables import fit_to_texts, table_view, text_width
from coachdesk.ui.models.progress_models import AttentionModel
from coachdesk.ui.theme import muted_label, scaled_font

MAX_ROWS = 12
WHY_MIN_EMS = 9  # the least room the Why column is shown in, in widths of "M": "heading short…"


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
        self._why_min = 0

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

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._place_why()
        self._fit_height()

    def _set_rows(self, rows: list[ProgressRow]) -> None:
        self.model.set_rows(rows)
        self._fit_columns()
        self._place_why()
        self.table.setVisible(bool(rows))
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its rows, up to ``MAX_ROWS``; narrower still than the columns without Why, it scrolls
        sideways, and the bar must not cover the last row."""
        rows = self.model.rowCount()
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + 2
        height += sum(self.table.rowHeight(r) for r in range(min(rows, MAX_ROWS)))
        if rows and self._others_width() > self._room():
            height += self.table.horizontalScrollBar().sizeHint().height()
        if (self.table.minimumHeight(), self.table.maximumHeight()) != (height, height):  # no layout pass for nothing
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
        em = self.table.fontMetrics().horizontalAdvance("M")
        self._why_min = min(text_width(self.table, AttentionModel.WHY), WHY_MIN_EMS * em)

    def _place_why(self) -> None:
        """Why shows when it has room beside the other columns for its text, or for ``WHY_MIN_EMS`` of it (the rest
        elided, whole on hover). With less (Today on a laptop, beside the one-to-ones panel) it is hidden rather than
        squeezed to "…" with the table scrolling sideways: the Due and Heading for columns show the same reasons, and
        each person's tooltip names them."""
        self.table.setColumnHidden(AttentionModel.WHY, self._others_width() + self._why_min > self._room())

    def _others_width(self) -> int:
        header = self.table.horizontalHeader()
        return sum(header.sectionSize(c) for c in range(self.model.columnCount()) if c != AttentionModel.WHY)

    def _room(self) -> int:
        room = self.table.maximumViewportSize().width()
        if self.model.rowCount() > MAX_ROWS:  # the table scrolls down: its bar takes part of the width
            room -= self.table.verticalScrollBar().sizeHint().width()
        return room
