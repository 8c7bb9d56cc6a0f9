"""Move a goal or an objective under another goal, by keyboard: the command twin of drag and drop."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.domain.enums import GoalLevel
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import goals as actions
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.forms import ErrorBanner, named


class MoveDialog(QDialog):
    """``kind`` is "goal" or "objective"; ``moved`` fires after the service call succeeded."""

    moved = Signal()

    def __init__(self, ctx: AppContext, kind: str, uuid: str, title: str, current_parent: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.ctx, self.kind, self.uuid = ctx, kind, uuid
        self.setWindowTitle(self.tr("Move “{title}”").format(title=title[:60]))
        self.setAccessibleName(self.windowTitle())
        moving = actions.goal_detail_now(self, ctx, uuid) if kind == "goal" else None
        self.target = named(QComboBox(self), "moveTarget", self.tr("Move under"))
        self.target.addItem(self.tr("Nothing (top level)") if kind == "goal" else
                            "⚑ " + self.tr("No goal (no line of sight)"), None)
        self._moving, self._current = moving, current_parent
        self.target.setEnabled(False)  # until the goals are read
        form = QFormLayout()
        heading = QLabel(title, self)
        heading.setWordWrap(True)  # a long statement wraps: the dialog never grows wider than its form
        form.addRow(heading)
        form.addRow(self.tr("Move &under:"), self.target)
        self.banner = ErrorBanner(self, "moveError")
        self.buttons, _move = forms.dialog_buttons(self, "move", self.tr("&Move"), QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.resize(520, 160)
        self.target.setFocus()
        actions.goals(self, ctx, self._show_goals, failed=self.banner.show_error)

    def _show_goals(self, rows: list) -> None:
        for g in rows:
            if g.uuid == self.uuid or (self._moving is not None and self._moving.level is GoalLevel.ORGANISATION
                                       and g.level is GoalLevel.TEAM):
                continue
            where = self.tr("organisation") if g.level is GoalLevel.ORGANISATION else g.team_name
            self.target.addItem(f"{g.title} ({where})", g.uuid)
        self.target.setCurrentIndex(max(0, self.target.findData(self._current)))
        self.target.setEnabled(True)

    def accept(self) -> None:
        actions.move(self, self.ctx, self.kind, self.uuid, self.target.currentData(), self._moved,
                     failed=self.banner.show_error, busy=[self.buttons])

    def _moved(self, _row: object) -> None:
        self.moved.emit()
        super().accept()
