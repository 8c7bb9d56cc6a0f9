"""A table delegate that edits a cell with a drop-down of the choices its model offers, searchable for long lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from coachdesk.ui.models.kpi_models import CHOICES_ROLE, SEARCHABLE_ROLE

_Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """Edits cells whose model gives ``CHOICES_ROLE`` (value, label) pairs; draws editable cells as drop-downs so
    people see they can change them. Type to search when the model sets ``SEARCHABLE_ROLE``."""

    def __init__(self, parent: Any = None, name: str = "choiceEditor", accessible: str = "") -> None:
        super().__init__(parent)
        self.editor_name = name
        self.editor_accessible = accessible

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setObjectName(self.editor_name)
        header = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        combo.setAccessibleName(self.editor_accessible or str(header or ""))
        for value, label in choices:
            combo.addItem(label, value)
        combo.setMaxVisibleItems(16)
        if index.data(SEARCHABLE_ROLE):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(combo.model(), combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.setCompleter(completer)
            completer.activated.connect(lambda text, c=combo: self._picked_text(c, text))
        combo.activated.connect(lambda _row, c=combo: self._commit(c))
        return combo

    def _picked_text(self, combo: QComboBox, text: str) -> None:
        row = combo.findText(text, Qt.MatchFlag.MatchExactly)
        if row >= 0:
            combo.setCurrentIndex(row)
            self._commit(combo)

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            row = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(row, 0))
            if editor.isEditable():
                editor.lineEdit().selectAll()
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            row = editor.findText(editor.currentText(), Qt.MatchFlag.MatchExactly) if editor.isEditable() \
                else editor.currentIndex()
            if row >= 0:
                model.setData(index, editor.itemData(row), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:
        editor.setGeometry(option.rect)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if not (index.flags() & Qt.ItemFlag.ItemIsEditable) or not index.data(CHOICES_ROLE):
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        item.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        combo = QStyleOptionComboBox()
        combo.rect = QRect(option.rect.adjusted(2, 2, -2, -2))
        combo.state = option.state | QStyle.StateFlag.State_Enabled
        combo.palette = option.palette
        combo.currentText = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        combo.frame = True
        combo.editable = False
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, combo, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, combo, painter, widget)
