"""A read-only table model over a list of light, frozen rows, described by a tuple of column definitions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

#: Role giving a column's sort key (numbers sort as numbers, names by their folded key, tuples as one string).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role giving the whole row object.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role giving the row's stable UUID (when the row has one).
UUID_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
_INT_OFFSET = 2**62  # shifts ints in (-2**62, 2**62) to 19 non-negative digits, which sort as text in number order


def _part(value: Any) -> str | None:
    """One tuple element as text that sorts like the value, or None when there is no such text (floats, ...)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int) and -_INT_OFFSET < value < _INT_OFFSET:
        return f"{value + _INT_OFFSET:019d}"
    if isinstance(value, str):
        return value
    if isinstance(value, date):  # datetimes too: ISO text sorts in time order
        return value.isoformat()
    return None


def qt_sort_key(key: Any) -> Any:
    """``key`` as a value Qt's proxy can compare: a tuple becomes one string (elements joined by NUL, which sorts
    before every other character, so a shorter prefix comes first); tuples it cannot encode are returned as they are.
    """
    if not isinstance(key, tuple):
        return key
    parts = [_part(value) for value in key]
    return key if any(part is None for part in parts) else "\x00".join(parts)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Column:
    """One column: its header (a source string translated in the model's context), text and sort key."""

    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


class RowTableModel(QAbstractTableModel):
    """Subclasses set ``COLUMNS`` (and column-number constants) and call ``set_rows``."""

    COLUMNS: tuple[Column, ...] = ()
    TR_CONTEXT = "RowTableModel"

    def __init__(self, rows: Iterable[Any] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = list(rows)
        self._sort_keys: dict[tuple[int, int], Any] = {}  # sorting asks for each key many times: compute once

    # -- content -------------------------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_keys.clear()
        self.endResetModel()

    def column_texts(self, column: int) -> set[str]:
        """The distinct texts of one column (to size it without asking the view to measure every row)."""
        return {self.COLUMNS[column].text(item) for item in self._rows}

    def rows(self) -> Sequence[Any]:
        return tuple(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of_uuid(self, uuid: str) -> int:
        """The row number holding ``uuid``, or -1."""
        for number, item in enumerate(self._rows):
            if getattr(item, "uuid", None) == uuid:
                return number
        return -1

    # -- Qt model interface ----------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(item)
        if role == SORT_ROLE:
            key = self._sort_keys.get((index.row(), index.column()))
            if key is None:
                key = qt_sort_key(column.sort_key(item)) if column.sort_key else column.text(item).casefold()
                self._sort_keys[(index.row(), index.column())] = key
            return key
        if role == ROW_ROLE:
            return item
        if role == UUID_ROLE:
            return getattr(item, "uuid", None)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self.TR_CONTEXT, self.COLUMNS[section].title)
            if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[section].align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
