"""The rating-scales tab of the framework editor (mixed into ``FrameworkDialog``): the scales, their points
(key, label, 0-1 score, value) and the framework's default scale."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.errors import ValidationError
from coachdesk.domain.observation_rules import ScalePoint
from coachdesk.services.observation import ScaleEdit
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.limits import limit_columns, limit_text
from coachdesk.ui.kit.tables import name_headers
from coachdesk.ui.theme import muted_label

_Base = object  # a mixin of ``FrameworkDialog`` (which imports this module; this one never imports it back)

POINT_COLUMNS = ("Key", "Label", "Score 0–1", "Value")


class ScalesTab(_Base):
    def _build_scales(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        left = QVBoxLayout()
        self.scale_list = QListWidget(page)
        self.scale_list.setObjectName("frameworkScales")
        self.scale_list.setAccessibleName(self.tr("Rating scales"))
        self.scale_list.currentRowChanged.connect(self._show_scale)
        left.addWidget(self.scale_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(forms.button(page, self.tr("+ Scale"), "frameworkAddScale", self.add_scale))
        buttons.addWidget(forms.button(page, self.tr("Remove scale"), "frameworkRemoveScale", self.remove_scale))
        left.addLayout(buttons)
        default_row = QFormLayout()
        self.default_scale = QComboBox(page)
        self.default_scale.setObjectName("frameworkDefaultScale")
        self.default_scale.setAccessibleName(self.tr("Default rating scale"))
        self.default_scale.activated.connect(lambda _i: setattr(self.edit, "default_scale",
                                                                self.default_scale.currentText()))
        default_row.addRow(forms.buddy_label(self.tr("Default scale"), self.default_scale, self), self.default_scale)
        left.addLayout(default_row)
        row.addLayout(left, 2)
        right = QVBoxLayout()
        form = QFormLayout()
        self.scale_name = QLineEdit(page)
        limit_text(self.scale_name, "RatingScale", "name")
        self.scale_name.setObjectName("frameworkScaleName")
        self.scale_name.setAccessibleName(self.tr("Scale name"))
        self.scale_name.textEdited.connect(self._scale_renamed)
        form.addRow(forms.buddy_label(self.tr("Scale name"), self.scale_name, self), self.scale_name)
        right.addLayout(form)
        self.points = QTableWidget(0, len(POINT_COLUMNS), page)
        self.points.setObjectName("frameworkPoints")
        limit_columns(self.points, {0: ("RatingScalePoint", "key"), 1: ("RatingScalePoint", "label")})
        self.points.setAccessibleName(self.tr("Points of the scale: key, label, score, value"))
        self.points.setHorizontalHeaderLabels([self.tr(c) for c in POINT_COLUMNS])
        for column in range(len(POINT_COLUMNS)):
            self.points.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == 1 else QHeaderView.ResizeMode.ResizeToContents)
        self.points.verticalHeader().hide()
        name_headers(self.points, self.tr("Scale point columns"))
        self.points.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.points.itemChanged.connect(lambda _item: self._points_edited())
        right.addWidget(self.points, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(forms.button(page, self.tr("+ Point"), "frameworkAddPoint", self.add_point))
        buttons.addWidget(forms.button(page, self.tr("Remove point"), "frameworkRemovePoint", self.remove_point))
        buttons.addStretch(1)
        right.addLayout(buttons)
        right.addWidget(muted_label(self.tr("Each point is rated with its one key on the Observe page. A score of "
                                            "0-1 places it on the scale; leave it empty for “not applicable”, "
                                            "which never counts in a score."), page))
        row.addLayout(right, 5)
        return page

    def _fill_scales(self, row: int = 0) -> None:
        self.scale_list.blockSignals(True)
        self.scale_list.clear()
        for scale in self.edit.scales:
            self.scale_list.addItem(scale.name)
        self.scale_list.blockSignals(False)
        self.default_scale.clear()
        self.default_scale.addItems([s.name for s in self.edit.scales])
        self.default_scale.setCurrentIndex(max(self.default_scale.findText(self.edit.default_scale), 0))
        if self.edit.scales:
            self.scale_list.setCurrentRow(min(row, len(self.edit.scales) - 1))
            self._show_scale(self.scale_list.currentRow())

    def _scale(self) -> ScaleEdit | None:
        row = self.scale_list.currentRow()
        return self.edit.scales[row] if 0 <= row < len(self.edit.scales) else None

    def _show_scale(self, row: int) -> None:
        scale = self.edit.scales[row] if 0 <= row < len(self.edit.scales) else None
        self._filling = True
        try:
            self.scale_name.setText(scale.name if scale else "")
            self.points.setRowCount(0)
            for point in scale.points if scale else []:
                self._append_point(point)
        finally:
            self._filling = False

    def _append_point(self, point: ScalePoint) -> None:
        row = self.points.rowCount()
        self.points.insertRow(row)
        score = "" if point.score is None else f"{point.score:g}"
        for column, text in enumerate((point.key, point.label, score, str(point.value))):
            self.points.setItem(row, column, QTableWidgetItem(text))

    def _scale_renamed(self, text: str) -> None:
        scale = self._scale()
        if scale is None or self._filling:
            return
        old = scale.name
        scale.name = text
        for category in self.edit.categories:
            for behaviour in category.behaviours:
                if behaviour.scale == old:
                    behaviour.scale = text
        if self.edit.default_scale == old:
            self.edit.default_scale = text
        self.scale_list.currentItem().setText(text)
        self.default_scale.setItemText(self.scale_list.currentRow(), text)

    def _points_edited(self) -> None:
        scale = self._scale()
        if scale is None or self._filling:
            return
        try:
            scale.points = self.read_points()
        except ValidationError as exc:
            self.error.show_message(str(exc))

    def read_points(self) -> list[ScalePoint]:
        points = []
        for row in range(self.points.rowCount()):
            key, label, score, value = (self.points.item(row, c).text().strip() if self.points.item(row, c) else ""
                                        for c in range(len(POINT_COLUMNS)))
            try:
                points.append(ScalePoint(int(value or row + 1), label, key, float(score) if score else None))
            except ValueError:
                raise ValidationError(self.tr("Row {row} of the scale: the score must be a number from 0 to 1 and "
                                              "the value a whole number.").format(row=row + 1)) from None
        return points

    def add_scale(self) -> None:
        name = self.tr("New scale")
        self.edit.scales.append(ScaleEdit(name, [ScalePoint(1, self.tr("No"), "1", 0.0),
                                                 ScalePoint(2, self.tr("Yes"), "2", 1.0)]))
        self._fill_scales(len(self.edit.scales) - 1)
        self.scale_name.setFocus()
        self.scale_name.selectAll()

    def remove_scale(self) -> None:
        scale = self._scale()
        if scale is None:
            return
        if scale.name == self.edit.default_scale or any(b.scale == scale.name for c in self.edit.categories
                                                        for b in c.behaviours):
            self.error.show_message(self.tr("The scale “{name}” is in use: choose another scale for its behaviours (and "
                                     "the default) first.").format(name=scale.name))
            return
        self.edit.scales.remove(scale)
        self._fill_scales()

    def add_point(self) -> None:
        if self._scale() is None:
            return
        self._append_point(ScalePoint(self.points.rowCount() + 1, "", "", None))
        self.points.setCurrentCell(self.points.rowCount() - 1, 0)
        self.points.editItem(self.points.currentItem())

    def remove_point(self) -> None:
        row = self.points.currentRow()
        if row >= 0:
            self.points.removeRow(row)
            self._points_edited()
