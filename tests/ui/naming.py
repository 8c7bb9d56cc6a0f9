"""Test helper: find interactive widgets that lack an objectName or an accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit)


def unnamed_widgets(root: QWidget) -> list[str]:
    """Interactive widgets (not the inner parts of composite ones) lacking an objectName or accessible name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView):
            continue
        parent, inner = widget.parentWidget(), False
        while parent is not None and parent is not root:
            inner = inner or isinstance(parent, (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView))
            parent = parent.parentWidget()
        if inner or type(widget).__name__ in ("QTabBar",) or widget.objectName().startswith("qt_"):
            continue
        if not widget.objectName() or not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.accessibleName()!r}")
    return missing
