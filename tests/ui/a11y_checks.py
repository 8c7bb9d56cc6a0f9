"""What a screen reader is handed, as checks over a shown widget tree: every interactive object's role and name
through Qt's accessibility interface (the one the AT-SPI bridge reads), a name holding the object's visible words,
and drop-downs with a label relation (so their label is read with their value)."""

from __future__ import annotations

import re

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit, QTextEdit)
_NO_ROLE = (QAccessible.Role.NoRole, QAccessible.Role.Client)
_INNER_OF = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)


def words(text: str) -> str:
    """A widget's visible text as a screen reader should say it: no "&" mnemonic, no "…", no "(Ctrl+S)" keys,
    spaces squeezed, lower case."""
    text = text.replace("&&", "\x00").replace("&", "").replace("\x00", "&").replace("…", " ")
    text = re.sub(r"\((?:Ctrl|Alt|Shift|F\d|Enter|Return|Del|Esc)[^)]*\)", " ", text)
    return " ".join(text.split()).strip(" :").lower()


def interactive(root: QWidget) -> list[QWidget]:
    """The interactive widgets a user can reach in ``root`` as shown (not the inner parts of composite ones)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView):
            continue
        if not widget.isVisibleTo(root) or widget.objectName().startswith("qt_"):
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not root:
            inner = inner or isinstance(parent, _INNER_OF)
            parent = parent.parentWidget()
        if not inner:
            found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(no objectName)'!r}"


def problems(root: QWidget) -> list[str]:
    """Every interactive object in ``root`` without a role, without a name, with a name that leaves out its visible
    words, or (a drop-down) heard only as its value: without a label relation."""
    found = []
    for widget in interactive(root):
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.isValid():
            found.append(f"{describe(widget)} has no accessibility interface")
            continue
        if face.role() in _NO_ROLE:
            found.append(f"{describe(widget)} has no role")
        name = face.text(QAccessible.Text.Name)
        if not name.strip():
            found.append(f"{describe(widget)} has no name")
            continue
        if isinstance(widget, QAbstractButton):
            visible = words(widget.text())
            if any(c.isalnum() for c in visible) and visible not in words(name):  # "◀" is not a word
                found.append(f"{describe(widget)} shows {widget.text()!r} but is named {name!r}")
        if isinstance(widget, QComboBox) and not widget.isEditable():
            value = face.text(QAccessible.Text.Value)
            if not has_label_relation(widget):  # Qt names a drop-down by its value, whatever its accessibleName
                found.append(f"{describe(widget)} is heard only as its value {value!r}: no label relation")
    return found


def has_label_relation(widget: QWidget) -> bool:
    face = QAccessible.queryAccessibleInterface(widget)
    return any(flag & QAccessible.RelationFlag.Label for _other, flag in face.relations())

