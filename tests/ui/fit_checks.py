"""What "fits" means, as checks over a shown widget tree: sizes within the screen, no overlapping siblings in a
layout, and no text cut off without an elision ("…") and a tooltip holding the whole text."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QListView,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from coachdesk.ui.kit.fit import ElidedLabel
from coachdesk.ui.kit.tables import ElidingDelegate

LAPTOP = QSize(1280, 720)
WINDOW_MINIMUM = QSize(1024, 640)


def settle(rounds: int = 4) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def describe(widget: QWidget) -> str:
    names = []
    while widget is not None and len(names) < 4:
        names.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(names))


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    found: list[QWidget] = []
    for number in range(layout.count()):
        item = layout.itemAt(number)
        if item.widget() is not None:
            found.append(item.widget())
        elif item.layout() is not None:
            found.extend(_layout_widgets(item.layout()))
    return found


def overlaps(root: QWidget) -> list[str]:
    """Visible widgets placed by the same layout whose rectangles intersect (a layout squeezed below its minimum)."""
    problems = []
    for parent in [root, *root.findChildren(QWidget)]:
        if not parent.isVisible() or parent.layout() is None:
            continue
        siblings = [w for w in _layout_widgets(parent.layout()) if w.isVisible() and not w.isWindow()]
        for first, second in combinations(siblings, 2):
            common = first.geometry().intersected(second.geometry())
            if common.width() > 1 and common.height() > 1:
                problems.append(f"{describe(first)} overlaps {describe(second)} by {common.width()}x{common.height()}")
    return problems


def _text_width(label: QLabel) -> int:
    text = label.text()
    if label.textFormat().name != "PlainText" and ("<" in text and ">" in text):
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        return int(doc.idealWidth())
    if label.buddy() is not None:  # "&Name": the "&" marks the mnemonic and takes no room
        text = text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    metrics = label.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _has_whole_text(widget: QWidget, text: str) -> bool:
    tip = widget.toolTip()
    plain = QTextDocument()
    plain.setHtml(text)
    return bool(tip) and (text in tip or plain.toPlainText() in tip)


def clipped_text(root: QWidget) -> list[str]:
    """Labels, buttons and drop-downs too small for their text and showing no way to read all of it."""
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.width() < 2:
            continue
        if isinstance(label, ElidedLabel):
            if label.is_elided() and not _has_whole_text(label, label.text()):
                problems.append(f"{describe(label)} is elided without its whole text as a tooltip")
            continue
        room = label.contentsRect()
        if label.wordWrap():
            cut = label.heightForWidth(label.width()) > label.height() + 2
        else:
            cut = _text_width(label) > room.width() + 2
        if cut and not _has_whole_text(label, label.text()):
            problems.append(f"{describe(label)} cuts {label.text()[:60]!r} ({label.width()}x{label.height()})")
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text() or not isinstance(button, QPushButton | QCheckBox |
                                                                           QRadioButton):
            continue
        text = button.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&")
        needed = button.fontMetrics().horizontalAdvance(text) + 8  # the text and the frame (not the style's
        if not button.icon().isNull():                             # minimum width of a push button)
            needed += button.iconSize().width() + 4
        if isinstance(button, QCheckBox | QRadioButton):  # no minimum width there: the hint is the need
            needed = button.sizeHint().width()
        if needed > button.width() + 1 and not _has_whole_text(button, button.text()):
            problems.append(f"{describe(button)} cuts {button.text()!r} ({button.width()} < {needed})")
    for combo in root.findChildren(QComboBox):
        if not combo.isVisible() or not combo.currentText():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        if combo.fontMetrics().horizontalAdvance(combo.currentText()) > field.width() + 2 and \
                combo.currentText() not in combo.toolTip():
            problems.append(f"{describe(combo)} cuts {combo.currentText()[:60]!r} with no tooltip")
    return problems + _clipped_cells(root)


def _clipped_cells(root: QWidget, max_rows: int = 40) -> list[str]:
    """Cells of the rows in sight whose text is wider than the cell, with no elision or no tooltip to read it."""
    problems = []
    for view in root.findChildren(QAbstractItemView):
        if not view.isVisible() or view.model() is None or isinstance(view.parentWidget(), QComboBox) or \
                view.window() is not root.window() or isinstance(view, QHeaderView):
            continue
        model, eliding = view.model(), isinstance(view.itemDelegate(), ElidingDelegate)
        index = view.indexAt(QPoint(2, 2))
        rows = 0
        while index.isValid() and rows < max_rows and view.visualRect(index).top() < view.viewport().height():
            columns = 1 if isinstance(view, QListView) else model.columnCount(index.parent())
            for column in range(columns):
                cell = index.siblingAtColumn(column)
                text = str(cell.data(Qt.ItemDataRole.DisplayRole) or "")
                rect = view.visualRect(cell)
                hidden = isinstance(view, QTableView | QTreeView) and view.isColumnHidden(column)
                if not text or rect.width() <= 0 or hidden:
                    continue
                option = QStyleOptionViewItem()
                view.initViewItemOption(option)
                option.rect = rect
                needed = view.itemDelegateForIndex(cell).sizeHint(option, cell).width()
                if needed <= rect.width() + 2:
                    continue
                tip = str(cell.data(Qt.ItemDataRole.ToolTipRole) or "")
                if view.textElideMode() == Qt.TextElideMode.ElideNone or not (eliding or text in tip):
                    problems.append(f"{describe(view)} cuts cell {text[:50]!r} ({rect.width()} < {needed}) with no "
                                    "elision or no tooltip")
            index = view.indexBelow(index) if isinstance(view, QTreeView) else model.index(index.row() + 1, 0,
                                                                                           index.parent())
            rows += 1
    return problems


def fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()
