"""The team template dialog: one objective for every agent of a team, applied at once if asked."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import MeasureKind
from coachdesk.domain.errors import ValidationError
from coachdesk.services.common import AppContext
from coachdesk.services.goals import TemplateInput
from coachdesk.ui.actions import goals as actions
from coachdesk.ui.actions import people
from coachdesk.ui.dialogs.objective_dialog import quarter_dates
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.forms import ErrorBanner, named
from coachdesk.ui.widgets.objective_fields import ObjectiveFields


class TemplateDialog(QDialog):
    """``saved`` carries ``(TemplateRow, ApplyResult | None)``."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, team_uuid: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("New team template"))
        self.setAccessibleName(self.windowTitle())
        self.team = named(QComboBox(self), "templateTeam", self.tr("Team"))
        for team in people.teams_now(self, ctx):
            self.team.addItem(f"{team.name} ({team.members})", team.uuid)
        self.team.setCurrentIndex(max(0, self.team.findData(team_uuid)))
        self.fields = ObjectiveFields(actions.measure_choices_now(self, ctx), [], self)
        self.apply_now = named(QCheckBox(self.tr("&Give every agent of the team this objective now (as a "
                                                 "draft, with their own baseline)"), self),
                                     "templateApplyNow", self.tr("Apply to the team now"))
        self.apply_now.setChecked(True)
        self.banner = ErrorBanner(self, "templateError")
        form = QFormLayout()
        form.addRow(self.tr("&Team:"), self.team)
        self.buttons, _save = forms.dialog_buttons(self, "template")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addStretch(1)  # room to spare goes below the form, never between its rows
        layout.addWidget(self.apply_now)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.team.currentIndexChanged.connect(self._fill_goals)
        self._fill_goals()
        start, due = quarter_dates(date.today())
        self.fields.start.set_date(start)
        self.fields.due.set_date(due)
        self.resize(680, 520)
        self.fields.statement.setFocus()

    def _fill_goals(self) -> None:
        actions.team_goal_choices(self, self.ctx, self.team.currentData(), self.fields.set_goals,
                                  failed=self.banner.show_error)

    def template_input(self) -> TemplateInput:
        f = self.fields
        measure = f.current_measure()
        return TemplateInput(
            team_uuid=self.team.currentData(), statement=f.statement.toPlainText(),
            measure_kind=measure.kind if measure else MeasureKind.KPI,
            kpi_code=measure.code if measure and measure.kind is MeasureKind.KPI else None,
            behaviour_uuid=measure.key if measure and measure.kind is MeasureKind.BEHAVIOUR else None,
            commit=f.level_edits["commit"].text(), target=f.level_edits["target"].text(),
            stretch=f.level_edits["stretch"].text(), start_date=f.start.date_value(), due_date=f.due.date_value(),
            weight_percent=f.weight.text() or None, goal_uuid=f.goal.currentData())

    def accept(self) -> None:
        try:
            data = self.template_input()
        except ValidationError as error:
            self.refuse(error)
            return
        actions.create_template(self, self.ctx, data, self.apply_now.isChecked(), self._saved, failed=self.refuse,
                                busy=[self.buttons])

    def _saved(self, saved: tuple) -> None:
        self.saved.emit(saved)
        super().accept()

    def refuse(self, error: BaseException) -> None:
        """Why it was not saved, with the cursor on the field at fault; the form stays as typed."""
        forms.refuse(self.banner, error, self, {**self.fields.widgets(), "team": self.team})
