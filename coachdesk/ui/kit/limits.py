"""Text fields that hold no more than their stored field keeps: a line edit's max length, a guard on multi-line ones."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTextEdit,
    QToolTip,
    QWidget,
)

from coachdesk.services.common import field_limit

W = TypeVar("W", bound=QWidget)


def _units(text: str) -> int:
    """Qt's length of ``text`` (UTF-16 code units), which its cursor positions count."""
    return len(text.encode("utf-16-le")) // 2


def limit_sentence(limit: int) -> str:
    return QCoreApplication.translate(
        "Limits", "This field keeps at most {limit} characters; the text past that was not added.").format(
        limit=f"{limit:,}")


def _say(widget: QWidget, limit: int) -> None:
    """Put the sentence in the field's tooltip (keeping the field's own for later) and show it under the field."""
    if widget.toolTip() != limit_sentence(limit):
        widget.setProperty("tipBeforeLimit", widget.toolTip())
    widget.setToolTip(limit_sentence(limit))
    if widget.isVisible():
        QToolTip.showText(widget.mapToGlobal(QPoint(0, widget.height())), widget.toolTip(), widget)


def _unsay(widget: QWidget, limit: int) -> None:
    """Back under the limit: the field's own tooltip returns."""
    if widget.toolTip() == limit_sentence(limit):
        widget.setToolTip(widget.property("tipBeforeLimit") or "")


class _MultiLineGuard(QObject):
    """Keeps a plain or rich text edit at ``limit`` characters: what was typed or pasted past it is cut where it went
    in (the cursor stays there) and the field's tooltip says so; the earlier tooltip comes back once it fits."""

    def __init__(self, edit: QPlainTextEdit | QTextEdit, limit: int) -> None:
        super().__init__(edit)
        self.setObjectName("textLimitGuard")
        self.edit, self.limit = edit, limit
        edit.textChanged.connect(self._check)

    def _check(self) -> None:
        text = self.edit.toPlainText()
        excess = len(text) - self.limit
        if excess <= 0:
            if excess < 0:
                _unsay(self.edit, self.limit)
            return
        cursor = self.edit.textCursor()
        end = cursor.position()
        before = text.encode("utf-16-le")[: 2 * end].decode("utf-16-le", "ignore")
        if len(before) >= excess:  # the usual case: cut the tail of what just went in before the cursor
            start = _units(before[: len(before) - excess])
        else:  # the text grew elsewhere: keep its first ``limit`` characters
            start, end = _units(text[: self.limit]), _units(text)
        cut = QTextCursor(self.edit.document())
        cut.setPosition(start)
        cut.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cut.removeSelectedText()
        _say(self.edit, self.limit)


def limit_text(widget: W, model: str, field: str) -> W:
    """Let ``widget`` take no more characters than ``model.field`` stores (the services' limit); returns it."""
    return limit_chars(widget, field_limit(model, field))


def limit_chars(widget: W, limit: int) -> W:
    """Let ``widget`` take at most ``limit`` characters (a limit a service names); kept in its ``textLimit`` property
    for tests."""
    widget.setProperty("textLimit", limit)
    if isinstance(widget, QLineEdit):
        widget.setMaxLength(limit)
        widget.inputRejected.connect(lambda: _say(widget, limit) if len(widget.text()) >= limit else None)
        widget.textChanged.connect(lambda text: _unsay(widget, limit) if len(text) < limit else None)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        _MultiLineGuard(widget, limit)
    else:
        raise TypeError(f"{type(widget).__name__} is not a text field")
    return widget


class _LimitDelegate(QStyledItemDelegate):
    """A table's editors, each column's limited to what its stored field keeps."""

    def __init__(self, view: QAbstractItemView, limits: dict[int, int]) -> None:
        super().__init__(view)
        self.setObjectName("textLimitDelegate")
        self.limits = limits

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: ANN001, N802 - Qt override
        editor = super().createEditor(parent, option, index)
        limit = self.limits.get(index.column())
        if limit is not None and isinstance(editor, QLineEdit | QPlainTextEdit | QTextEdit):
            limit_chars(editor, limit)
        return editor


def limit_columns(view: QAbstractItemView, fields: dict[int, tuple[str, str]]) -> None:
    """Let the editors of ``view``'s columns take no more than the stored field each column is saved to
    (``{1: ("RatingScalePoint", "label")}``)."""
    view.setItemDelegate(_LimitDelegate(view, {column: field_limit(*field) for column, field in fields.items()}))
