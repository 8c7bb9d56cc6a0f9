"""The team dialog: name, description and one-to-one cadence of a new or existing team."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.services.people import MAX_CADENCE_DAYS, InvalidField, TeamInput
from coachdesk.ui.actions import people
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.forms import ErrorBanner, named
from coachdesk.ui.kit.limits import limit_text


class TeamDialog(QDialog):
    """Create a team (``team_uuid`` None) or edit one; ``saved`` carries the new ``TeamRow``."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, team_uuid: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamDialog")
        self.ctx = ctx
        self.detail = people.team_detail_now(self, ctx, team_uuid) if team_uuid else None
        self.saved_row = None
        self.setWindowTitle(self.tr("Edit team {name}").format(name=self.detail.name) if self.detail
                            else self.tr("New team"))
        self.setAccessibleName(self.windowTitle())
        self.name_edit = named(QLineEdit(self), "teamName", self.tr("Team name"))
        limit_text(self.name_edit, "Team", "name")
        self.name_edit.setPlaceholderText(self.tr("For example: Billing team 2"))
        self.description_edit = named(QPlainTextEdit(self), "teamDescription", self.tr("Description"))
        limit_text(self.description_edit, "Team", "description")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(90)
        self.cadence_spin = named(QSpinBox(self), "teamCadence", self.tr("One-to-one every"))
        self.cadence_spin.setRange(0, MAX_CADENCE_DAYS)
        self.cadence_spin.setSpecialValueText(self.tr("App default"))
        self.cadence_spin.setSuffix(self.tr(" days"))
        self.cadence_spin.setMaximumWidth(150)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow(self.tr("One-to-one e&very:"), self.cadence_spin)
        self.banner = ErrorBanner(self, "teamError")
        self.buttons, _save = forms.dialog_buttons(self, "team", self.tr("&Save"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if self.detail is not None:
            self.name_edit.setText(self.detail.name)
            self.description_edit.setPlainText(self.detail.description or "")
            self.cadence_spin.setValue(self.detail.one_to_one_cadence_days or 0)
        self.resize(460, 280)
        self.name_edit.setFocus()

    def team_input(self) -> TeamInput:
        return TeamInput(self.name_edit.text(), self.description_edit.toPlainText(),
                         self.cadence_spin.value() or None)

    def accept(self) -> None:
        """Save; on a refusal show why and stay open."""
        data = self.team_input()
        if self.detail is None:
            people.create_team(self, self.ctx, data, self._saved, failed=self._refused)
        else:
            people.update_team(self, self.ctx, self.detail.uuid, data, self.detail.version, self._saved,
                               failed=self._refused)

    def _saved(self, row: object) -> None:
        self.saved_row = row
        self.saved.emit(row)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.banner.show_error(error)
        if isinstance(error, InvalidField):
            {"name": self.name_edit, "cadence": self.cadence_spin}.get(error.field, self.name_edit).setFocus()
