"""The team templates tab: the templates of a team, applied to its agents and agreed together."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from coachdesk.services.common import AppContext
from coachdesk.ui.actions import goals as actions
from coachdesk.ui.actions import people
from coachdesk.ui.kit import changes, forms, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.tables import Column, RowTableModel, selected_row, table_view
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.theme import muted_label


class TemplateModel(RowTableModel):
    TR_CONTEXT = "TemplateModel"
    STATEMENT, TEAM, MEASURE, TARGET, DUE, OBJECTIVES = range(6)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("TemplateModel", "Statement"), lambda r: r.statement),
        Column(QT_TRANSLATE_NOOP("TemplateModel", "Team"), lambda r: r.team_name or ""),
        Column(QT_TRANSLATE_NOOP("TemplateModel", "Measure"), lambda r: r.measure_code),
        Column(QT_TRANSLATE_NOOP("TemplateModel", "Target"), lambda r: r.target_text, align_right=True),
        Column(QT_TRANSLATE_NOOP("TemplateModel", "Due"), lambda r: date_text(r.due_date), lambda r: r.due_date),
        Column(QT_TRANSLATE_NOOP("TemplateModel", "Objectives"), lambda r: str(r.objectives), lambda r: r.objectives,
               align_right=True),
    )


class TemplatesPanel(QWidget):
    changed = Signal()
    #: (kind, argument): the page opens that dialog (``dialogs.openers``)
    dialog_requested = Signal(str, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesPanel")
        self.setAccessibleName(self.tr("Team templates"))
        self.ctx = ctx
        self.dialog: Any = None
        self.model = TemplateModel(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        row = QHBoxLayout()
        self.team = named(QComboBox(self), "templatesTeam", self.tr("Team"))
        self.team.currentIndexChanged.connect(self.reload)
        row.addWidget(self.team)
        row.addWidget(forms.button(self, self.tr("&New template…"), "templatesNew", self.new_template))
        row.addWidget(forms.button(self, self.tr("A&pply to the team"), "templatesApply", self.apply_selected))
        row.addStretch(1)
        layout.addLayout(row)
        self.table = table_view(self, "templatesTable", self.tr("Team templates"), self.model,
                                stretch=TemplateModel.STATEMENT)
        named(self.table.horizontalHeader(), "templatesTableHeader", self.tr("Template columns"))
        layout.addWidget(self.table, 1)
        self.empty = muted_label(self.tr("No templates yet. “New template…” writes one objective and can give it to "
                                         "every agent of a team at once."), self, name="templatesEmpty")
        layout.addWidget(self.empty)
        agree = QHBoxLayout()
        self.override = named(QLineEdit(self), "templatesOverride", self.tr("Override reason"))
        limit_text(self.override, "Objective", "smart_override_reason")
        self.override.setPlaceholderText(self.tr("Override reason, if some objectives fail their SMART check"))
        agree.addWidget(self.override, 1)
        agree.addWidget(forms.button(self, self.tr("Agree all &drafts"), "templatesAgree", self.agree_selected))
        layout.addLayout(agree)
        self.status = muted_label(self.tr("Each agent's copy keeps the link to its template; adjust a person's "
                                          "levels on the Cascade tab."), self, name="templatesStatus")
        layout.addWidget(self.status)
        self.failed = ops.into_label(self.status)
        changes.watch(self, [Kind.TEMPLATE, Kind.TEAM], self.refresh)
        self.refresh()

    def refresh(self) -> None:
        current = self.team.currentData()
        self.team.blockSignals(True)
        self.team.clear()
        self.team.addItem(self.tr("All teams"), None)
        for team in people.teams_now(self, self.ctx):
            self.team.addItem(team.name, team.uuid)
        self.team.setCurrentIndex(max(0, self.team.findData(current)))
        self.team.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        actions.templates(self, self.ctx, self.team.currentData(), self._show, failed=self.failed)

    def _show(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(self.model.rowCount() == 0)

    def _selected(self) -> Any:
        row = selected_row(self.table)
        if row < 0 and self.model.rowCount() == 1:
            row = 0
        return self.model.row_at(row) if row >= 0 else None

    def new_template(self) -> Any:
        self.dialog = None
        self.dialog_requested.emit("template", self.team.currentData())  # the page opens the template dialog
        return self.dialog

    def template_saved(self, saved: tuple) -> None:
        """The template dialog saved (and announced) a template, applied to the team if asked."""
        _row, applied = saved
        if applied is not None:
            self._say_applied(applied)
        self.reload()
        self.changed.emit()

    def _say_applied(self, applied: Any) -> None:
        text = self.tr("{count} objectives created as drafts.").format(count=len(applied.created))
        if applied.skipped:
            text += " " + self.tr("Already had it: {names}.").format(names=", ".join(applied.skipped))
        self.status.setText(text)

    def _applied(self, applied: Any) -> None:
        self._say_applied(applied)
        self.reload()
        self.changed.emit()

    def apply_selected(self) -> None:
        row = self._selected()
        if row is None:
            self.status.setText(self.tr("Choose a template first."))
            return
        actions.apply_template(self, self.ctx, row.uuid, self._applied, failed=self.failed)

    def agree_selected(self) -> None:
        row = self._selected()
        if row is None:
            self.status.setText(self.tr("Choose a template first."))
            return
        actions.agree_template(self, self.ctx, row.uuid, self.override.text(), self._agreed, failed=self.failed)

    def _agreed(self, names: list) -> None:
        self.status.setText(self.tr("Agreed for {count} people.").format(count=len(names)))
        self.changed.emit()
