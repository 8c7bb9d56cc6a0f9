"""The fields an objective and a team template share: statement, measure, goal, dates, levels and weight.

Levels are typed as people say them ("95", "5:30", "3 of 4") and read at once in the measure's unit by
``domain.level_parse``; the conversion made, or why the text cannot be read, shows under the levels.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from coachdesk.domain.enums import MeasureKind
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.level_parse import parse_level
from coachdesk.domain.objectives import Levels, check_levels, parse_weight
from coachdesk.services.goals import GoalRow, Measure
from coachdesk.ui.kit import a11y, fit
from coachdesk.ui.kit.forms import DateField, buddy_label, named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.theme import muted_label

LEVELS = (("commit", QT_TRANSLATE_NOOP("ObjectiveFields", "Commit")),
          ("target", QT_TRANSLATE_NOOP("ObjectiveFields", "Target")),
          ("stretch", QT_TRANSLATE_NOOP("ObjectiveFields", "Stretch")))


#: lines kept free under the levels for what they were read as: the form never moves as notes come and go
NOTE_LINES = 3
__all__ = ["LEVELS", "NOTE_LINES", "ObjectiveFields", "buddy_label"]


class ObjectiveFields(QWidget):
    """``changed`` fires on every edit; ``context_changed`` when the measure, goal or start date changes (the history
    behind the SMART check must then be fetched again)."""

    changed = Signal()
    context_changed = Signal()

    def __init__(self, measures: list[Measure], goals: list[GoalRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # never taller than its rows
        self.measures = measures
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setVerticalSpacing(8)
        self.statement = named(QPlainTextEdit(self), "objectiveStatement", self.tr("Statement"))
        limit_text(self.statement, "Objective", "statement")
        self.statement.setTabChangesFocus(True)
        self.statement.setPlaceholderText(self.tr("What will change, by how much and how: for example, bring my "
                                                  "AHT down to 5:50 by using the knowledge base during the call"))
        self.statement.setMaximumHeight(74)
        self.form.addRow(self.tr("&Statement:"), self.statement)
        self.kind = named(QComboBox(self), "objectiveMeasureKind", self.tr("Measured by"))
        self.kind.addItem(self.tr("A KPI"), MeasureKind.KPI)
        self.kind.addItem(self.tr("A behaviour (observation ratings)"), MeasureKind.BEHAVIOUR)
        self.measure = named(QComboBox(self), "objectiveMeasure", self.tr("Measure"))
        self.measure.setMinimumContentsLength(24)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(a11y.labelled(QLabel(self.tr("Which:"), self), self.measure))
        row.addWidget(self.measure, 1)
        self.form.addRow(buddy_label(self.tr("&Measured by:"), self.kind, self), row)
        self.goal = named(QComboBox(self), "objectiveGoal", self.tr("Serves the goal"))
        self.set_goals(goals)
        self.form.addRow(self.tr("Serves the &goal:"), self.goal)
        self.start = DateField("objectiveStart", self.tr("Start date"), self)
        self.due = DateField("objectiveDue", self.tr("Due date"), self)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.due)
        dates.addStretch(1)
        self.form.addRow(buddy_label(self.tr("&From:"), self.start, self), dates)
        self.level_edits: dict[str, QLineEdit] = {}
        levels = QHBoxLayout()
        for key, caption in LEVELS:
            edit = named(QLineEdit(self), f"objective{caption}", self.tr(caption))
            edit.setMaximumWidth(110)
            levels.addWidget(buddy_label(self.tr(caption) + ":", edit, self))
            levels.addWidget(edit)
            self.level_edits[key] = edit
        levels.addStretch(1)
        self.form.addRow(buddy_label(self.tr("&Levels:"), self.level_edits["commit"], self), levels)
        self.levels_note = muted_label("", self, name="objectiveLevelsNote")
        self.levels_note.setWordWrap(False)
        self.levels_note.setFixedHeight(self.levels_note.fontMetrics().lineSpacing() * NOTE_LINES + 4)
        self.form.addRow("", self.levels_note)
        self.weight = named(QLineEdit(self), "objectiveWeight", self.tr("Weight in percent"))
        self.weight.setPlaceholderText(self.tr("0-100"))
        self.weight.setMaximumWidth(80)
        self.weight_note = fit.ElidedLabel("", self)  # one line, elided with the whole text on hover: never taller
        self.weight_note.setObjectName("objectiveWeightNote")
        self.weight_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.weight_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        weight = QHBoxLayout()
        weight.addWidget(self.weight)
        weight.addWidget(QLabel("%", self))
        weight.addSpacing(8)
        weight.addWidget(self.weight_note, 1)
        self.form.addRow(buddy_label(self.tr("&Weight:"), self.weight, self), weight)
        self.problems: dict[str, str] = {}
        self._fill_measures()
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.measure.currentIndexChanged.connect(self._on_context_edit)
        self.goal.currentIndexChanged.connect(self._on_context_edit)
        self.start.textChanged.connect(self._on_start_edit)
        self.due.textChanged.connect(self._on_edit)
        self.statement.textChanged.connect(self._on_edit)
        self.weight.textChanged.connect(self._on_edit)
        for edit in self.level_edits.values():
            edit.textChanged.connect(self._on_edit)

    # -- choices --------------------------------------------------------------------------------------------------
    def set_goals(self, goals: list[GoalRow]) -> None:
        current = self.goal.currentData()
        self.goal.blockSignals(True)
        self.goal.clear()
        self.goal.addItem("⚑ " + self.tr("No goal (no line of sight)"), None)
        for g in goals:
            where = self.tr("Organisation") if g.team_name is None else g.team_name
            self.goal.addItem(f"{g.title} ({where})", g.uuid)
        self.goal.setCurrentIndex(max(0, self.goal.findData(current)))
        self.goal.blockSignals(False)

    def _fill_measures(self) -> None:
        kind = self.kind_value()
        self.measure.blockSignals(True)
        self.measure.clear()
        for m in self.measures:
            if m.kind is kind:
                self.measure.addItem(m.label, m.key)
        self.measure.blockSignals(False)

    def _on_kind_changed(self) -> None:
        self._fill_measures()
        self._on_context_edit()

    def _on_context_edit(self) -> None:
        self.context_changed.emit()
        self._on_edit()

    def _on_start_edit(self) -> None:
        if self._date(self.start) is not None:
            self.context_changed.emit()
        self._on_edit()

    def _on_edit(self) -> None:
        self._update_notes()
        self.changed.emit()

    # -- values ---------------------------------------------------------------------------------------------------
    def kind_value(self) -> MeasureKind:
        return MeasureKind(self.kind.currentData())

    def current_measure(self) -> Measure | None:
        key = self.measure.currentData()
        return next((m for m in self.measures if m.key == key and m.kind is self.kind_value()), None)

    def set_measure(self, measure: Measure | None) -> None:
        if measure is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(measure.kind)))
        self.measure.setCurrentIndex(max(0, self.measure.findData(measure.key)))

    def set_goal(self, goal_uuid: str | None) -> None:
        self.goal.setCurrentIndex(max(0, self.goal.findData(goal_uuid)))

    @staticmethod
    def _date(field: DateField) -> date | None:
        try:
            return field.date_value()
        except ValidationError:
            return None

    def start_date(self) -> date | None:
        return self._date(self.start)

    def due_date(self) -> date | None:
        return self._date(self.due)

    def level(self, key: str) -> float | None:
        """The level as read in the measure's unit (None when blank or unreadable)."""
        measure = self.current_measure()
        if measure is None:
            return None
        try:
            parsed = parse_level(self.level_edits[key].text(), measure.unit)
        except ValidationError:
            return None
        return parsed.value if parsed else None

    def levels(self) -> Levels:
        return Levels(self.level("commit"), self.level("target"), self.level("stretch"))

    def set_level(self, key: str, text: str) -> None:
        self.level_edits[key].setText(text)

    def _update_notes(self) -> None:
        measure = self.current_measure()
        notes, self.problems = [], {}
        for key, caption in LEVELS:
            if measure is None:
                break
            try:
                parsed = parse_level(self.level_edits[key].text(), measure.unit, self.tr(caption), key)
            except ValidationError as exc:
                notes.append("✗ " + str(exc))
                self.problems[key] = str(exc)
                continue
            if parsed is not None and parsed.note:
                notes.append(f"{self.tr(caption)}: {parsed.note}")
        if measure is not None and not self.problems:
            try:
                check_levels(self.levels(), measure.direction,
                             lambda v: format_value(v, measure.unit, measure.display_format))
            except ValidationError as exc:
                notes.append("✗ " + str(exc))
                self.problems[getattr(exc, "field", "target")] = str(exc)
        shown = notes[:NOTE_LINES - 1] + [" · ".join(notes[NOTE_LINES - 1:])] if len(notes) > NOTE_LINES else notes
        self.levels_note.setText("\n".join(shown))
        self.levels_note.setToolTip("\n".join(notes))
        try:
            parse_weight(self.weight.text())
            self.weight_note.setText("")
        except ValidationError as exc:
            self.weight_note.setText("✗ " + str(exc))
            self.problems["weight"] = str(exc)

    def widgets(self) -> dict[str, QWidget]:
        """The field of each name a service's error can give (to put the cursor there)."""
        return {"statement": self.statement, "kpi": self.measure, "behaviour": self.measure,
                "goal": self.goal, "start_date": self.start, "due_date": self.due, "weight": self.weight,
                **self.level_edits}

    def widget_for(self, field: str) -> QWidget | None:
        return self.widgets().get(field)
