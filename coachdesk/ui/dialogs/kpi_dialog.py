"""The KPI definition dialog: code, name, unit, direction, display format, aggregation, weighting KPI, tolerance."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Aggregation, Direction, Unit
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.level_parse import parse_level
from coachdesk.services import kpis as admin
from coachdesk.services.common import AppContext
from coachdesk.services.goals import KpiInput, KpiRow
from coachdesk.ui.actions import kpis
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.forms import ErrorBanner, named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.objective_fields import buddy_label

UNIT_LABELS = {Unit.SECONDS: "Seconds (a duration)", Unit.PERCENT: "Percent (stored 0-1)", Unit.COUNT: "Count",
               Unit.SCORE: "Score", Unit.CURRENCY: "Currency"}
AGGREGATION_LABELS = {Aggregation.MEAN: "Mean of the figures", Aggregation.SUM: "Sum (a volume)",
                      Aggregation.WEIGHTED_MEAN: "Weighted mean (by a volume KPI)"}


class KpiDialog(QDialog):
    saved = Signal(object)

    def __init__(self, ctx: AppContext, code: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiDialog")
        self.ctx = ctx
        self.detail: KpiRow | None = None
        self.setWindowTitle(self.tr("Edit KPI {code}").format(code=code) if code else self.tr("New KPI"))
        self.setAccessibleName(self.windowTitle())
        self.code = named(QLineEdit(self), "kpiCode", self.tr("Code"))
        limit_text(self.code, "KpiDefinition", "code")
        self.code.setMaximumWidth(160)
        self.name = named(QLineEdit(self), "kpiName", self.tr("Name"))
        limit_text(self.name, "KpiDefinition", "name")
        self.unit = named(QComboBox(self), "kpiUnit", self.tr("Unit"))
        for unit, label in UNIT_LABELS.items():
            self.unit.addItem(self.tr(label), unit)
        self.direction = named(QComboBox(self), "kpiDirection", self.tr("Better is"))
        self.direction.addItem(self.tr("Higher"), Direction.HIGHER_IS_BETTER)
        self.direction.addItem(self.tr("Lower"), Direction.LOWER_IS_BETTER)
        self.display = named(QComboBox(self), "kpiFormat", self.tr("Display format"))
        self.aggregation = named(QComboBox(self), "kpiAggregation", self.tr("Over a period"))
        for rule, label in AGGREGATION_LABELS.items():
            self.aggregation.addItem(self.tr(label), rule)
        self.weight = named(QComboBox(self), "kpiWeight", self.tr("Weighted by"))
        self.weight.addItem(self.tr("Nothing"), None)
        self.tolerance = named(QLineEdit(self), "kpiTolerance", self.tr("Band tolerance"))
        self.tolerance.setMaximumWidth(120)
        self.tolerance_note = muted_label("", self, name="kpiToleranceNote")
        self.description = named(QPlainTextEdit(self), "kpiDescription", self.tr("Description"))
        limit_text(self.description, "KpiDefinition", "description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(70)
        self.active = named(QCheckBox(self.tr("In &use"), self), "kpiActive", self.tr("In use"))
        self.active.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Unit:"), self.unit)
        form.addRow(self.tr("&Better is:"), self.direction)
        form.addRow(self.tr("&Display as:"), self.display)
        form.addRow(self.tr("&Over a period:"), self.aggregation)
        form.addRow(self.tr("&Weighted by:"), self.weight)
        tolerance = QHBoxLayout()
        tolerance.addWidget(self.tolerance)
        tolerance.addWidget(self.tolerance_note, 1)
        form.addRow(buddy_label(self.tr("&Tolerance:"), self.tolerance, self), tolerance)
        form.addRow(self.tr("D&escription:"), self.description)
        form.addRow("", self.active)
        self.banner = ErrorBanner(self, "kpiError")
        buttons, self.save_button = forms.dialog_buttons(self, "kpi")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)  # spare height below the form, not inside one of its rows
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.unit.currentIndexChanged.connect(self._fill_formats)
        self.aggregation.currentIndexChanged.connect(self._on_aggregation)
        self.tolerance.textChanged.connect(self._note)
        self._fill_formats()
        self._on_aggregation()
        self.resize(520, 480)
        self.code.setFocus()
        self.save_button.setEnabled(False)  # until the definition and the weighting choices are read
        kpis.kpi_form(self, ctx, code, self._loaded, failed=self.banner.show_error)

    def _loaded(self, form: kpis.KpiForm) -> None:
        self.detail = form.detail
        for code, label in form.weights:
            self.weight.addItem(label, code)
        self._load()
        self.save_button.setEnabled(True)

    def _load(self) -> None:
        d = self.detail
        self._fill_formats()
        if d is None:
            self._on_aggregation()
            return
        self.code.setText(d.code)
        self.name.setText(d.name)
        self.unit.setCurrentIndex(self.unit.findData(d.unit))
        self.direction.setCurrentIndex(self.direction.findData(d.direction))
        self.display.setCurrentIndex(max(0, self.display.findText(d.display_format)))
        self.aggregation.setCurrentIndex(self.aggregation.findData(d.aggregation))
        self.weight.setCurrentIndex(max(0, self.weight.findData(d.weight_kpi_code)))
        self.tolerance.setText(d.band_tolerance_text)
        self.description.setPlainText(d.description or "")
        self.active.setChecked(d.is_active)
        self._on_aggregation()

    def _fill_formats(self) -> None:
        self.display.clear()
        self.display.addItems(list(admin.formats_for(self.unit.currentData())))
        self._note()

    def _on_aggregation(self) -> None:
        weighted = Aggregation(self.aggregation.currentData()) is Aggregation.WEIGHTED_MEAN
        self.weight.setEnabled(weighted)
        if not weighted:
            self.weight.setCurrentIndex(0)

    def _note(self) -> None:
        try:
            parsed = parse_level(self.tolerance.text(), Unit(self.unit.currentData()), self.tr("Band tolerance"),
                                 "band_tolerance")
            self.tolerance_note.setText(parsed.note if parsed else "")
        except ValidationError as exc:
            self.tolerance_note.setText("✗ " + str(exc))

    def kpi_input(self) -> KpiInput:
        return KpiInput(self.code.text(), self.name.text(), Unit(self.unit.currentData()),
                        Direction(self.direction.currentData()), self.display.currentText(),
                        Aggregation(self.aggregation.currentData()), self.weight.currentData(),
                        self.tolerance.text(), self.description.toPlainText(), self.active.isChecked())

    def accept(self) -> None:
        if not self.save_button.isEnabled():
            return  # the definition is not read yet, or a save is running
        data = self.kpi_input()
        if self.detail is not None and self.tolerance.text() == self.detail.band_tolerance_text:
            data = replace(data, band_tolerance=self.detail.band_tolerance)  # not re-read through the display format
        self.banner.clear()
        if self.detail is None:
            kpis.create_kpi(self, self.ctx, data, self._saved, failed=self._refused, busy=[self.save_button])
        else:
            kpis.update_kpi(self, self.ctx, self.detail.code, data, self.detail.version, self._saved,
                            failed=self._refused, busy=[self.save_button])

    def _saved(self, row: KpiRow) -> None:
        self.saved.emit(row)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        """The form stays as typed, with the sentence and the focus on the field it names."""
        self.banner.show_error(error)
        widget = {"code": self.code, "name": self.name, "unit": self.unit, "display_format": self.display,
                  "weight_kpi": self.weight, "band_tolerance": self.tolerance}.get(getattr(error, "field", ""))
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
