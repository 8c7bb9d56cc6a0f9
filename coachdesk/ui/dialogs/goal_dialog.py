"""The goal dialog: an organisation or team goal, its parent, the KPI it is measured by and its target."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import GoalLevel, MeasureKind
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.level_parse import parse_level
from coachdesk.services.common import AppContext
from coachdesk.services.goals import GoalInput, GoalRow
from coachdesk.ui.actions import goals as actions
from coachdesk.ui.actions import people
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.forms import DateField, ErrorBanner, buddy_label, named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.theme import muted_label


class GoalDialog(QDialog):
    """New goal (``goal_uuid`` None) at ``level`` under ``parent_uuid``, or edit one; ``saved`` carries the row."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, goal_uuid: str | None = None, level: GoalLevel = GoalLevel.ORGANISATION,
                 parent_uuid: str | None = None, team_uuid: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goalDialog")
        self.ctx = ctx
        self.detail: GoalRow | None = actions.goal_detail_now(self, ctx, goal_uuid) if goal_uuid else None
        self.saved_row: GoalRow | None = None
        self.setWindowTitle(self.tr("Edit goal") if self.detail else self.tr("New goal"))
        self.setAccessibleName(self.windowTitle())
        self.kpis = {m.code: m for m in actions.measure_choices_now(self, ctx) if m.kind is MeasureKind.KPI}
        self.level = named(QComboBox(self), "goalLevel", self.tr("Level"))
        self.level.addItem(self.tr("Organisation goal"), GoalLevel.ORGANISATION)
        self.level.addItem(self.tr("Team goal"), GoalLevel.TEAM)
        self.title = named(QLineEdit(self), "goalTitle", self.tr("Title"))
        limit_text(self.title, "Goal", "title")
        self.title.setPlaceholderText(self.tr("An outcome for customers, e.g. Customers get it sorted first time"))
        self.team = named(QComboBox(self), "goalTeam", self.tr("Team"))
        self.team.addItem(self.tr("No team"), None)
        for team in people.teams_now(self, ctx):
            self.team.addItem(team.name, team.uuid)
        self.parent_goal = named(QComboBox(self), "goalParent", self.tr("Under the goal"))
        self.parent_goal.addItem(self.tr("Nothing (top level)"), None)
        self.kpi = named(QComboBox(self), "goalKpi", self.tr("Measured by KPI"))
        self.kpi.addItem(self.tr("No KPI"), None)
        for code, k in self.kpis.items():
            self.kpi.addItem(f"{code} – {k.name}", code)
        self.target = named(QLineEdit(self), "goalTarget", self.tr("Target"))
        self.target.setMaximumWidth(120)
        self.target_note = muted_label("", self, name="goalTargetNote")
        self.start = DateField("goalStart", self.tr("Start date"), self)
        self.due = DateField("goalDue", self.tr("Due date"), self)
        self.outcome = named(QPlainTextEdit(self), "goalOutcome", self.tr("Customer outcome"))
        limit_text(self.outcome, "Goal", "customer_outcome")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setMaximumHeight(60)
        self.description = named(QPlainTextEdit(self), "goalDescription", self.tr("Description"))
        limit_text(self.description, "Goal", "description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(60)
        form = QFormLayout()
        form.setVerticalSpacing(9)
        form.addRow(self.tr("&Level:"), self.level)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("T&eam:"), self.team)
        form.addRow(self.tr("&Under:"), self.parent_goal)
        form.addRow(self.tr("&KPI:"), self.kpi)
        target = QHBoxLayout()
        target.addWidget(self.target)
        target.addWidget(self.target_note, 1)
        form.addRow(buddy_label(self.tr("Ta&rget:"), self.target, self), target)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.due)
        dates.addStretch(1)
        form.addRow(buddy_label(self.tr("&From:"), self.start, self), dates)
        form.addRow(self.tr("Customer &outcome:"), self.outcome)
        form.addRow(self.tr("&Description:"), self.description)
        self.banner = ErrorBanner(self, "goalError")
        self.buttons, _save = forms.dialog_buttons(self, "goal", self.tr("&Save"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.level.currentIndexChanged.connect(self._on_level_changed)
        self.kpi.currentIndexChanged.connect(self._update_note)
        self.target.textChanged.connect(self._update_note)
        self._load(level, parent_uuid, team_uuid)
        actions.goals(self, ctx, lambda rows: self._show_goals(rows, parent_uuid), failed=self.banner.show_error)
        self.resize(560, 520)
        self.title.setFocus()

    def _load(self, level: GoalLevel, parent_uuid: str | None, team_uuid: str | None) -> None:
        d = self.detail
        if d is not None:
            level, parent_uuid, team_uuid = d.level, d.parent_uuid, d.team_uuid
            self.title.setText(d.title)
            self.kpi.setCurrentIndex(max(0, self.kpi.findData(d.kpi_code)))
            self.target.setText(d.target_text)
            self.start.set_date(d.start_date)
            self.due.set_date(d.due_date)
            self.outcome.setPlainText(d.customer_outcome or "")
            self.description.setPlainText(d.description or "")
        self.level.setCurrentIndex(max(0, self.level.findData(level)))
        self.parent_goal.setCurrentIndex(max(0, self.parent_goal.findData(parent_uuid)))
        self.team.setCurrentIndex(max(0, self.team.findData(team_uuid)))
        self._on_level_changed()

    def _show_goals(self, rows: list, parent_uuid: str | None) -> None:
        """The goals this one can sit under (read off the GUI thread), the one it is under chosen."""
        wanted = self.detail.parent_uuid if self.detail is not None else parent_uuid
        for g in rows:
            if self.detail is None or g.uuid != self.detail.uuid:
                where = self.tr("organisation") if g.level is GoalLevel.ORGANISATION else g.team_name
                self.parent_goal.addItem(f"{g.title} ({where})", g.uuid)
        self.parent_goal.setCurrentIndex(max(0, self.parent_goal.findData(wanted)))

    def _on_level_changed(self) -> None:
        is_team = GoalLevel(self.level.currentData()) is GoalLevel.TEAM
        self.team.setEnabled(is_team)
        if not is_team:
            self.team.setCurrentIndex(0)
        elif self.team.currentIndex() == 0 and self.team.count() > 1:
            self.team.setCurrentIndex(1)

    def _update_note(self) -> None:
        code = self.kpi.currentData()
        if code is None or not self.target.text().strip():
            self.target_note.setText("")
            return
        try:
            parsed = parse_level(self.target.text(), self.kpis[code].unit)
            self.target_note.setText(parsed.note if parsed else "")
        except ValidationError as exc:
            self.target_note.setText("✗ " + str(exc))

    def goal_input(self) -> GoalInput:
        return GoalInput(
            level=GoalLevel(self.level.currentData()), title=self.title.text(), parent_uuid=self.parent_goal.currentData(),
            team_uuid=self.team.currentData(), description=self.description.toPlainText(),
            customer_outcome=self.outcome.toPlainText(), kpi_code=self.kpi.currentData(),
            target=self.target.text(), start_date=self.start.date_value(), due_date=self.due.date_value(),
            owner_uuid=self.detail.owner_uuid if self.detail else None)

    def accept(self) -> None:
        try:
            data = self.goal_input()
        except ValidationError as error:
            self.refuse(error)
            return
        if self.detail is None:
            actions.create_goal(self, self.ctx, data, self._saved, failed=self.refuse, busy=[self.buttons])
        else:
            actions.update_goal(self, self.ctx, self.detail.uuid, data, self.detail.version, self._saved,
                                failed=self.refuse, busy=[self.buttons])

    def _saved(self, row: GoalRow) -> None:
        self.saved_row = row
        self.saved.emit(row)
        super().accept()

    def refuse(self, error: BaseException) -> None:
        """Why it was not saved, with the cursor on the field at fault; the form stays as typed."""
        forms.refuse(self.banner, error, self, {
            "title": self.title, "team": self.team, "parent": self.parent_goal, "kpi": self.kpi,
            "target": self.target, "start_date": self.start, "due_date": self.due})
