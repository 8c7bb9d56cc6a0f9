"""The right side of the cascade: what the selected goal is, or the selected objective's progress and SMART check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from coachdesk.domain.enums import GoalLevel
from coachdesk.domain.smart import SmartResult
from coachdesk.services.goals import GoalRow, GoalTree, ProgressRow
from coachdesk.ui.kit import focus
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.objective_cards import ObjectiveCard
from coachdesk.ui.widgets.smart_panel import SmartPanel


class GoalDetail(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goalDetail")
        self.setAccessibleName(self.tr("Details"))
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        focus.focus_frame(self)  # it takes Tab (to scroll by keys): show when it has it
        inner = QWidget(self)
        self.layout_ = QVBoxLayout(inner)
        self.layout_.setContentsMargins(14, 0, 4, 0)
        self.layout_.setSpacing(8)
        self.heading = QLabel(inner)
        self.heading.setObjectName("goalDetailTitle")
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.heading.font(), 1.3, bold=True))
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.heading)
        self.body = QLabel(inner)
        self.body.setObjectName("goalDetailBody")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.body)
        self.card_slot = QVBoxLayout()
        self.layout_.addLayout(self.card_slot)
        self.smart = SmartPanel(inner)
        self.layout_.addWidget(self.smart)
        self.hint = muted_label("", inner, name="goalDetailHint")
        self.layout_.addWidget(self.hint)
        self.layout_.addStretch(1)
        self.setWidget(inner)
        self.card: ObjectiveCard | None = None
        self.show_nothing()

    def _clear_card(self) -> None:
        if self.card is not None:
            self.card.hide()
            self.card.setParent(None)
            self.card.deleteLater()
            self.card = None

    def show_nothing(self) -> None:
        self._clear_card()
        self.heading.setText(self.tr("Choose a goal or an objective"))
        self.body.setText(self.tr("Organisation goals hold team goals; team goals hold each person's objectives. "
                                  "Drag an item onto a goal to move it, or press Ctrl+M."))
        self.smart.hide()
        self.hint.setText("")

    def show_goal(self, goal: GoalRow, tree: GoalTree) -> None:
        self._clear_card()
        self.smart.hide()
        self.heading.setText(goal.title)
        level = self.tr("Organisation goal") if goal.level is GoalLevel.ORGANISATION else self.tr(
            "Team goal of {team}").format(team=goal.team_name or "?")
        lines = [level + (" · " + self.tr("archived") if goal.archived else "")]
        if goal.kpi_code:
            lines.append(self.tr("Measured by {kpi}, target {target}").format(kpi=goal.kpi_code,
                                                                            target=goal.target_text or "–"))
        if goal.start_date or goal.due_date:
            lines.append(self.tr("From {start} to {due}").format(
                start=date_text(goal.start_date) or "–", due=date_text(goal.due_date) or "–"))
        if goal.customer_outcome:
            lines.append(self.tr("Customer outcome: {text}").format(text=goal.customer_outcome))
        if goal.description:
            lines.append(goal.description)
        subs, objectives = len(tree.children(goal.uuid)), len(tree.objectives_under(goal.uuid))
        lines.append(self.tr("{subs} sub-goals, {objectives} open objectives directly under it").format(
            subs=subs, objectives=objectives))
        if goal.level is GoalLevel.TEAM and goal.parent_uuid is None:
            lines.append("⚑ " + self.tr("This team goal serves no organisation goal."))
        self.body.setText("\n".join(lines))
        self.hint.setText(self.tr("Insert adds under it · Enter edits · Ctrl+M moves · Delete archives"))

    def show_objective(self, row: ProgressRow, smart: SmartResult | None) -> None:
        self._clear_card()
        self.heading.setText(row.person_name + (f" · {row.team_name}" if row.team_name else ""))
        self.body.setText("")
        self.card = ObjectiveCard(row, self.widget())
        self.card_slot.addWidget(self.card)
        if smart is not None:
            self.smart.show_result(smart)
            self.smart.show()
        else:
            self.smart.hide()
        self.hint.setText(self.tr("Enter edits, agrees or closes it · Ctrl+M moves it under another goal"))
