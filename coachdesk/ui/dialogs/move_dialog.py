"""Move a goal or an objective under another goal, by keyboard: the command twin of drag and drop."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.domain.enums import GoalLevel
from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import goals
from coachdesk.services.common import AppContext
from coachdesk.ui.kit import changes, forms
from coachdesk.ui.kit.changes import Kind
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
        moving = goals.goal_detail(ctx.db, uuid) if kind == "goal" else None
        self.target = named(QComboBox(self), "moveTarget", self.tr("Move under"))
        self.target.addItem(self.tr("Nothing (top level)") if kind == "goal" else
                            "⚑ " + self.tr("No goal (no line of sight)"), None)
        for g in goals.list_goals(ctx.db):
            if g.uuid == uuid or (moving is not None and moving.level is GoalLevel.ORGANISATION
                                  and g.level is GoalLevel.TEAM):
                continue
            where = self.tr("organisation") if g.level is GoalLevel.ORGANISATION else g.team_name
            self.target.addItem(f"{g.title} ({where})", g.uuid)
        self.target.setCurrentIndex(max(0, self.target.findData(current_parent)))
        form = QFormLayout()
        form.addRow(QLabel(title, self))
        form.addRow(self.tr("Move &under:"), self.target)
        self.banner = ErrorBanner(self, "moveError")
        buttons, _move = forms.dialog_buttons(self, "move", self.tr("&Move"), QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.resize(520, 160)
        self.target.setFocus()

    def accept(self) -> None:
        try:
            if self.kind == "goal":
                goals.move_goal(self.ctx.db, self.uuid, self.target.currentData())
            else:
                goals.move_objective(self.ctx.db, self.uuid, self.target.currentData())
        except CoachDeskError as exc:
            self.banner.show_message(str(exc))
            return
        changes.announce([Kind.GOAL, Kind.OBJECTIVE], [self.uuid])
        self.moved.emit()
        super().accept()
