"""The objective dialog: a SMART objective for one person, with the SMART check live beside the form, the override
reason a failing letter needs before agreeing, and (for an existing objective) its status moves and history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import MeasureKind, ObjectiveStatus
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.level_parse import parse_level
from coachdesk.domain.objectives import REOPENING, allowed_moves
from coachdesk.domain.smart import check
from coachdesk.services import goals as svc
from coachdesk.services.common import AppContext
from coachdesk.services.goals import ObjectiveDetail, ObjectiveInput
from coachdesk.ui.actions import goals as actions
from coachdesk.ui.kit import a11y, fit, forms
from coachdesk.ui.kit.forms import ErrorBanner, buddy_label, named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.words import date_text, when_text
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.objective_fields import ObjectiveFields
from coachdesk.ui.widgets.smart_panel import SmartPanel


def quarter_dates(today: date) -> tuple[date, date]:
    """The next calendar quarter when today is in its last month, else the rest of this one."""
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if today.month % 3 == 0:
        first = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    nxt = date(first.year + (first.month > 9), (first.month + 2) % 12 + 1, 1)
    return max(first, today), nxt - timedelta(days=1)


class ObjectiveDialog(QDialog):
    """New objective (``objective_uuid`` None) for ``person_uuid`` (or a person chosen here), or edit one. A new
    objective under a team goal suggests the goal's team members first and the goal's KPI."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, objective_uuid: str | None = None, person_uuid: str | None = None,
                 goal_uuid: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("objectiveDialog")
        self.ctx = ctx
        self.detail: ObjectiveDetail | None = (actions.objective_detail_now(self, ctx, objective_uuid)
                                               if objective_uuid else None)
        self.context: svc.SmartContext | None = None
        self.saved_detail: ObjectiveDetail | None = None
        self.goal_row: Any = None
        self._originals: dict[str, tuple[str, float | None]] = {}
        self._auto_baseline = ""
        self.setWindowTitle(self.tr("Objective of {name}").format(name=self.detail.person_name) if self.detail
                            else self.tr("New objective"))
        self.setAccessibleName(self.windowTitle())
        self.person = forms.searchable(named(QComboBox(self), "objectivePerson", self.tr("Person")))
        self.person.setMinimumContentsLength(28)
        self.person.setEnabled(False)  # until the people are read
        self.fields = ObjectiveFields(actions.measure_choices_now(self, ctx), [], self)
        self.baseline = named(QLineEdit(self), "objectiveBaseline", self.tr("Baseline"))
        self.baseline.setMaximumWidth(110)
        self.baseline_hint = muted_label(self.tr("from the 90 days before the start"), self, name="objectiveBaselineHint")
        self.override = forms.text_box(self, "objectiveOverride", self.tr("Override reason"))
        limit_text(self.override, "Objective", "smart_override_reason")
        self.override.setMaximumHeight(54)
        self.override.setPlaceholderText(self.tr("Needed to agree while a SMART letter fails: why agree it anyway?"))
        self.actor = named(QComboBox(self), "objectiveActor", self.tr("Decided by"))
        self.actor.addItem(self.tr("(nobody named)"), None)
        self.smart = SmartPanel(self)
        self.banner = ErrorBanner(self, "objectiveError")
        self._build_layout()
        self.person.currentIndexChanged.connect(self._on_person_changed)
        self.fields.context_changed.connect(self.refresh_context)
        self.fields.changed.connect(self.update_check)
        self.baseline.textChanged.connect(self.update_check)
        fit.resize_within_screen(self, 1060, 640)
        actions.objective_people(self, ctx, goal_uuid if self.detail is None else None,
                                 lambda found: self._people_read(found, person_uuid, goal_uuid),
                                 failed=self.banner.show_error)
        (self.fields.statement if self.detail is None else self.fields.level_edits["target"]).setFocus()

    # -- building ------------------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        left = QVBoxLayout()
        top = QFormLayout()
        top.addRow(self.tr("&Person:"), self.person)
        left.addLayout(top)
        left.addWidget(self.fields)
        extra = QFormLayout()
        baseline = QHBoxLayout()
        baseline.addWidget(self.baseline)
        baseline.addWidget(self.baseline_hint, 1)
        extra.addRow(buddy_label(self.tr("&Baseline:"), self.baseline, self), baseline)
        extra.addRow(self.tr("&Override reason:"), self.override)
        extra.addRow(self.tr("Decided &by:"), self.actor)
        left.addLayout(extra)
        left.addWidget(self.banner)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.smart)
        if self.detail is not None:
            right.addWidget(self._build_status_box())
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.buttons = QDialogButtonBox(self)
        self.save_button = forms.button(self, self.tr("&Save draft") if self.detail is None else self.tr("&Save"),
                                        "objectiveSave", self.accept, accessible=self.tr("Save"), box=self.buttons,
                                        role=QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.agree_button = None
        if self.detail is None or self.detail.status is ObjectiveStatus.DRAFT:
            self.agree_button = forms.button(self, self.tr("Save and &agree"), "objectiveAgree", self.save_and_agree,
                                             box=self.buttons)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        named(cancel, "objectiveCancel", self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

    def _build_status_box(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        assert self.detail is not None
        d = self.detail
        when = date_text(d.status_changed_at)
        who = d.status_changed_by or ""
        self.status_label = QLabel(self.tr("Status: {status}").format(status=d.status.value.capitalize())
                                   + (f" ({', '.join(x for x in (who, when) if x)})" if who or when else ""), box)
        self.status_label.setObjectName("objectiveStatus")
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        self.next_status = named(QComboBox(box), "objectiveNextStatus", self.tr("Change status to"))
        order = (ObjectiveStatus.AGREED, ObjectiveStatus.ACHIEVED, ObjectiveStatus.MISSED, ObjectiveStatus.WITHDRAWN,
                 ObjectiveStatus.DRAFT)
        for status in sorted(allowed_moves(d.status), key=order.index):
            label = QCoreApplication.translate("ObjectiveStatus", status.value.capitalize())
            if (d.status, status) in REOPENING:
                label = self.tr("{status} (reopen)").format(status=label)
            self.next_status.addItem(label, status)
        self.status_reason = named(QLineEdit(box), "objectiveStatusReason", self.tr("Reason for the change"))
        limit_text(self.status_reason, "ObjectiveChange", "reason")
        self.status_reason.setPlaceholderText(self.tr("Reason (needed to reopen)"))
        apply = forms.button(box, self.tr("Change s&tatus"), "objectiveApplyStatus", self.change_status)
        row.addWidget(a11y.labelled(QLabel(self.tr("Change to:"), box), self.next_status))
        row.addWidget(self.next_status)
        row.addWidget(self.status_reason, 1)
        row.addWidget(apply)
        layout.addLayout(row)
        history = forms.text_box(box, "objectiveHistory", self.tr("History"))
        history.setReadOnly(True)
        history.setPlainText("\n".join(
            f"{when_text(c.changed_at)} {c.changed_by or ''} — {c.field}: {c.old_value or '–'} → "
            f"{c.new_value or '–'}" + (f" ({c.reason})" if c.reason else "") for c in d.changes))
        layout.addWidget(QLabel(self.tr("History"), box))
        layout.addWidget(history)
        return box

    # -- loading -------------------------------------------------------------------------------------------------
    def _people_read(self, found: actions.ObjectivePeople, person_uuid: str | None, goal_uuid: str | None) -> None:
        """Fill the person and decider choices; a new objective under a team goal gets one of the goal's team and
        the goal's KPI."""
        self.goal_row = found.goal
        self.person.blockSignals(True)
        for row in found.people:
            self.person.addItem(f"{row.display_name} ({row.team or self.tr('no team')})", row.uuid)
        for row in found.deciders:
            self.actor.addItem(row.display_name, row.uuid)
        chosen = self.detail.person_uuid if self.detail else person_uuid
        team_goal = found.goal is not None and found.goal.team_uuid is not None
        if chosen is None and team_goal:  # one of the goal's team, never someone of another team
            chosen = next((p.uuid for p in found.people if p.uuid in found.team_members), None)
        index = self.person.findData(chosen) if chosen else -1
        self.person.setCurrentIndex(index if index >= 0 or team_goal else min(0, self.person.count() - 1))
        self.person.blockSignals(False)
        self.person.setEnabled(self.detail is None)
        if self.detail is None and found.goal is not None and found.goal.kpi_code:
            self.fields.set_measure(next((m for m in self.fields.measures if m.kind is MeasureKind.KPI
                                          and m.code == found.goal.kpi_code), None))
        self._load(goal_uuid)

    def _load(self, goal_uuid: str | None) -> None:
        f = self.fields
        d = self.detail
        self._on_person_changed(goal_uuid if d is None else d.goal_uuid)
        if d is None:
            start, due = quarter_dates(date.today())
            f.start.set_date(start)
            f.due.set_date(due)
            self.refresh_context()
            return
        f.statement.setPlainText(d.statement)
        f.set_measure(d.measure)
        f.start.set_date(d.start_date)
        f.due.set_date(d.due_date)
        f.weight.setText(f"{d.weight_percent:g}" if d.weight_percent is not None else "")
        for key, value in (("commit", d.commit), ("target", d.target), ("stretch", d.stretch)):
            text = self._show(value)
            f.set_level(key, text)
            self._originals[key] = (text, value)
        self.baseline.setText(self._show(d.baseline))
        self._originals["baseline"] = (self.baseline.text(), d.baseline)
        self.override.setPlainText(d.smart_override_reason or "")
        self.refresh_context()

    def _show(self, value: float | None) -> str:
        measure = self.fields.current_measure()
        if value is None or measure is None:
            return ""
        return format_value(value, measure.unit, measure.display_format)

    def person_uuid(self) -> str | None:
        return forms.chosen(self.person)

    def _on_person_changed(self, goal_uuid: str | None = None) -> None:
        """The goals the person's objective can serve and their leader as the one deciding (read off the GUI
        thread); ``goal_uuid``: the goal to choose once they are there (else the one chosen stays, if it can)."""
        uuid = self.person_uuid()
        wanted = goal_uuid or self.fields.goal.currentData()
        if not uuid:
            self.fields.set_goals([])
            return
        actions.person_choices(self, self.ctx, uuid, lambda found: self._person_read(found, wanted),
                               failed=self.banner.show_error)

    def _person_read(self, found: actions.PersonChoices, goal_uuid: str | None) -> None:
        self.fields.set_goals(found.goals)
        self.fields.set_goal(goal_uuid)
        index = self.actor.findText(found.leader) if found.leader else -1
        if index >= 0:
            self.actor.setCurrentIndex(index)
        self.refresh_context()

    # -- the live SMART check ------------------------------------------------------------------------------------
    def refresh_context(self) -> None:
        """Fetch the baseline and team history for the person, measure, start date and goal chosen (off the GUI
        thread; only the answer for the latest choice is shown)."""
        measure = self.fields.current_measure()
        person = self.person_uuid()
        if measure is None or person is None or not hasattr(self, "smart"):
            return
        actions.smart_context(self, self.ctx, person, measure.kind,
                              measure.code if measure.kind is MeasureKind.KPI else None,
                              measure.key if measure.kind is MeasureKind.BEHAVIOUR else None,
                              self.fields.start_date(), self.fields.goal.currentData(), self._context_read,
                              failed=self.banner.show_error)

    def _context_read(self, context: svc.SmartContext) -> None:
        self.context = context
        auto = self._show(self.context.baseline)
        if self.baseline.text() == self._auto_baseline and "baseline" not in self._originals:
            self.baseline.setText(auto)
        self._auto_baseline = auto
        self.update_check()

    def _value(self, key: str, text: str) -> float | str | None:
        """The original number when the text is as loaded (no rounding through the display format), else the text."""
        original = self._originals.get(key)
        if original is not None and original[0] == text:
            return original[1]
        return text if text.strip() else None

    def baseline_value(self) -> float | None:
        value = self._value("baseline", self.baseline.text())
        if isinstance(value, str):
            if value == self._auto_baseline and self.context is not None:
                return self.context.baseline
            measure = self.fields.current_measure()
            try:
                parsed = parse_level(value, measure.unit, self.tr("Baseline"), "baseline") if measure else None
            except ValidationError:
                return None
            return parsed.value if parsed else None
        return value

    def update_check(self) -> None:
        if self.context is None:
            return
        f = self.fields
        data = self.context.smart_input(f.statement.toPlainText(), f.levels(), f.start_date(), f.due_date(),
                                        self.baseline_value(), date.today())
        self.smart.show_result(check(data))

    # -- saving --------------------------------------------------------------------------------------------------
    def objective_input(self) -> ObjectiveInput:
        f = self.fields
        measure = f.current_measure()
        levels = {key: self._value(key, f.level_edits[key].text()) for key in ("commit", "target", "stretch")}
        return ObjectiveInput(
            person_uuid=self.person_uuid(), statement=f.statement.toPlainText(),
            measure_kind=measure.kind if measure else MeasureKind.KPI,
            kpi_code=measure.code if measure and measure.kind is MeasureKind.KPI else None,
            behaviour_uuid=measure.key if measure and measure.kind is MeasureKind.BEHAVIOUR else None,
            commit=levels["commit"], target=levels["target"], stretch=levels["stretch"],
            baseline=self.baseline_value(), start_date=f.start.date_value(), due_date=f.due.date_value(),
            weight_percent=f.weight.text() or None, goal_uuid=f.goal.currentData(),
            override_reason=self.override.toPlainText().strip() or None)

    def _save(self, then: Any) -> None:
        """Create or update the objective (an edit conflict is resolved with the user); ``then(saved)``."""
        if self.person.isEnabled() and self.person_uuid() is None:
            self.refuse(self.tr("Person: choose someone from the list (type part of the name to search)."),
                        "person")
            return
        try:
            data = self.objective_input()
        except ValidationError as error:
            self.refuse(error)
            return
        busy, actor = [self.buttons], self.actor.currentData()
        if self.detail is None:
            actions.create_objective_as(self, self.ctx, data, actor, then, failed=self.refuse, busy=busy)
        else:
            actions.update_objective_as(self, self.ctx, self.detail.uuid, data, self.detail.version, actor, then,
                                        reload=self.reload, failed=self.refuse, busy=busy)

    def reload(self) -> None:
        """Show the objective as it is stored now (after taking someone else's version in a conflict)."""
        assert self.detail is not None
        self.detail = actions.objective_detail_now(self, self.ctx, self.detail.uuid) or self.detail
        self._originals.clear()
        self._load(self.detail.goal_uuid)

    def _done(self, saved: ObjectiveDetail) -> None:
        self.saved_detail = saved
        self.saved.emit(saved)
        super().accept()

    def accept(self) -> None:
        self._save(self._done)

    def save_and_agree(self) -> None:
        """Save, then agree; a failing SMART letter without an override reason stops before anything is saved. A
        draft saved before agreeing was refused stays saved: a second try updates it."""
        result = self.smart.result
        if result is not None and not result.passes and not self.override.toPlainText().strip():
            failing = "; ".join(f"{c.letter}: {c.message}" for c in result.failing)
            self.refuse(self.tr("The SMART check fails ({failing}). Fix it, or write an override reason to agree "
                                "it anyway.").format(failing=failing), "override_reason")
            return

        def agree(saved: ObjectiveDetail) -> None:
            self.detail = saved
            actions.set_status(self, self.ctx, saved.uuid, ObjectiveStatus.AGREED, self._done, failed=self.refuse,
                               actor_uuid=self.actor.currentData(), override_reason=self.override.toPlainText())

        self._save(agree)

    def change_status(self) -> None:
        assert self.detail is not None
        actions.set_status(self, self.ctx, self.detail.uuid, self.next_status.currentData(), self._done,
                           failed=self.refuse, actor_uuid=self.actor.currentData(),
                           reason=self.status_reason.text(), override_reason=self.override.toPlainText(),
                           expected_version=self.detail.version)

    def refuse(self, error: BaseException | str, field: str | None = None) -> None:
        """Why nothing (more) was saved, with the cursor on the field at fault; the form stays as typed."""
        widgets = {**self.fields.widgets(), "person": self.person, "override_reason": self.override,
                   "baseline": self.baseline}
        if hasattr(self, "status_reason"):
            widgets["reason"] = self.status_reason
        forms.refuse(self.banner, error, self, widgets, field)
