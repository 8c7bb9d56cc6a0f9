"""One read-only table: the row model (light frozen rows, column constants, a sort role), the one sort path (a
proxy ordering by ``SORT_ROLE``), and the view (one row at a time, text elided with the full text as its tooltip,
headers named for tests and screen readers)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QToolTip,
    QWidget,
)

#: Role giving a column's sort key (numbers sort as numbers, names by their folded key, tuples as one string).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role giving the whole row object.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role giving the row's stable UUID (when the row has one).
UUID_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _ACCESSIBLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP, _ALIGNMENT = int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.TextAlignmentRole)
#: the roles ``ListModel.data`` answers for dimmed rows (and only then looks at the row)
_FOREGROUND, _FONT = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.FontRole)
_DIMMING = frozenset({_FOREGROUND, _FONT})
#: the roles ``RowTableModel.data`` answers: a view asks each cell for about eight roles on every paint, and
#: comparing a role with Qt's enum members costs microseconds each, so the others are turned away first
_ANSWERED = frozenset({_DISPLAY, _ACCESSIBLE, _TOOLTIP, _ALIGNMENT, int(SORT_ROLE), int(ROW_ROLE), int(UUID_ROLE)})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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

    def sort_key(self, row: int, column: int) -> Any:
        """The cell's ``SORT_ROLE`` value (computed once per rows)."""
        key = self._sort_keys.get((row, column))
        if key is None:
            item, spec = self._rows[row], self.COLUMNS[column]
            key = qt_sort_key(spec.sort_key(item)) if spec.sort_key else spec.text(item).casefold()
            self._sort_keys[(row, column)] = key
        return key

    # -- Qt model interface ----------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        column = self.COLUMNS[index.column()]
        if role == _DISPLAY or role == _ACCESSIBLE:
            return column.text(item)
        if role == SORT_ROLE:
            return self.sort_key(row, index.column())
        if role == ROW_ROLE:
            return item
        if role == UUID_ROLE:
            return getattr(item, "uuid", None)
        if role == _TOOLTIP and column.tooltip is not None:
            return column.tooltip(item)
        if role == _ALIGNMENT and column.align_right:
            return _RIGHT
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


class ListModel(RowTableModel):
    """A ``RowTableModel`` whose rows can be added, replaced and removed one at a time (with targeted signals),
    and whose non-current rows (``dimmed``) are drawn in the disabled text colour and in italics."""

    def dimmed(self, item: Any) -> bool:
        return False

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _DIMMING:  # the row is looked at only for the two roles dimming answers (a paint asks ~10)
            return super().data(index, role)
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows) or not self.dimmed(self._rows[row]):
            return None
        if role == _FOREGROUND:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        font = QFont()
        font.setItalic(True)
        return font

    def append_row(self, item: Any) -> int:
        position = self.rowCount()
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(item)
        self._sort_keys.clear()
        self.endInsertRows()
        return position

    def replace_row(self, row: int, item: Any) -> None:
        self._rows[row] = item
        self._sort_keys.clear()  # before the signal: a sorting proxy re-sorts on it
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove_row(self, row: int) -> Any:
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._rows.pop(row)
        self._sort_keys.clear()  # the rows below moved up: their keys are cached by row number
        self.endRemoveRows()
        return item


class SortProxy(QSortFilterProxyModel):
    """The one sort path: orders by ``SORT_ROLE``, comparing the Python values themselves when Qt cannot (keys that
    ``qt_sort_key`` could not turn into text); subclasses filter by overriding ``filterAcceptsRow``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._keys_of: Callable[[int, int], Any] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: Any) -> None:  # noqa: N802 - Qt override
        """A ``RowTableModel`` whose ``data`` is the kit's gives its sort keys straight from ``sort_key`` (sorting
        2,000 rows asks ~40,000 times: not through an index and ``data`` each time); any other model through
        ``data``."""
        plain = isinstance(model, RowTableModel) and type(model).data in (RowTableModel.data, ListModel.data)
        self._keys_of = model.sort_key if plain else None
        super().setSourceModel(model)

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802 - Qt override
        keys_of = self._keys_of
        if keys_of is not None and self.sortRole() == SORT_ROLE:
            a, b = keys_of(left.row(), left.column()), keys_of(right.row(), right.column())
        else:
            a, b = left.data(self.sortRole()), right.data(self.sortRole())
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


class ElidingDelegate(QStyledItemDelegate):
    """Text that does not fit ends in "…"; hovering it shows the whole text (a model's own tooltip wins)."""

    def helpEvent(self, event: Any, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: _Index) -> bool:
        if event is None or not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return super().helpEvent(event, view, option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if text and full_text_hidden(view, option, index):
            QToolTip.showText(event.globalPos(), text, view)
            return True
        QToolTip.hideText()
        return super().helpEvent(event, view, option, index)


def full_text_hidden(view: QAbstractItemView, option: QStyleOptionViewItem, index: _Index) -> bool:
    """True when the cell is too narrow for its text (so the view shows it elided)."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    margin = 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    return option.fontMetrics.horizontalAdvance(text) + margin > option.rect.width()


def name_headers(view: QTableView, accessible: str) -> None:
    """Headers are item views too: name them for tests and screen readers."""
    translate = QCoreApplication.translate
    view.horizontalHeader().setObjectName(f"{view.objectName()}Header")
    view.horizontalHeader().setAccessibleName(translate("Tables", "{table} columns").format(table=accessible))
    view.verticalHeader().setObjectName(f"{view.objectName()}RowHeader")
    view.verticalHeader().setAccessibleName(translate("Tables", "{table} rows").format(table=accessible))


def table_view(parent: QWidget | None, name: str, accessible: str, model: Any, *, stretch: int | None = -1,
               sort_column: int | None = None, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
               proxy: QSortFilterProxyModel | None = None, fit: bool = True) -> QTableView:
    """A read-only, one-row-at-a-time table over ``model``. Column ``stretch`` (default the last; None: none) takes
    the spare width. With ``sort_column`` (or a given ``proxy``) it sorts through ``SortProxy`` by the model's sort
    role, clicking a header sorts too (-1 keeps the model's order until then); a model that ``SORTS_ITSELF`` (read a
    page at a time) is shown as it is and sorted by its own ``sort``; ``view.source`` is the model."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    if getattr(model, "SORTS_ITSELF", False):  # a model read a page at a time: the database sorts, not a proxy
        view.setModel(model)
        view.setSortingEnabled(True)
        view.sortByColumn(0 if sort_column is None else sort_column, order)
    else:
        if proxy is None and sort_column is not None:
            proxy = SortProxy(view)
        _sorted_by(view, model, proxy, sort_column, order)
    view.source = model  # type: ignore[attr-defined]
    _read_only(view, accessible, stretch, fit)
    return view


def _sorted_by(view: QTableView, model: Any, proxy: QSortFilterProxyModel | None, sort_column: int | None,
               order: Qt.SortOrder) -> None:
    """``view`` shows ``model`` through ``proxy`` (sorted by ``sort_column``, headers clickable), or as it is."""
    if proxy is not None:
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1 if sort_column is None else sort_column, order)
    else:
        view.setModel(model)


def item_table(parent: QWidget | None, name: str, accessible: str, headers: list[str] | None = None, *,
               stretch: int | None = -1, fit: bool = True) -> QTableWidget:
    """The same read-only table for a few rows written cell by cell (``setItem``): a report, a list of backups.
    ``fit_columns`` sizes it again after the cells change."""
    table = QTableWidget(0, len(headers or ()), parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    if headers:
        table.setHorizontalHeaderLabels(headers)
    _read_only(table, accessible, stretch, fit)
    return table


def fit_columns(table: QTableWidget, stretch: int | None = -1) -> None:
    """Columns sized to their contents, column ``stretch`` (default the last) taking the spare width."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None and table.columnCount() > 0:
        header.setSectionResizeMode(stretch % table.columnCount(), QHeaderView.ResizeMode.Stretch)


def fit_now(view: QTableView) -> None:
    """Size every column but a stretching one to its contents once, now (after the rows came): the
    ``ResizeToContents`` mode measures every cell again on each layout and model reset."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            view.resizeColumnToContents(column)


def fit_to_texts(view: QTableView, caps_ems: dict[int, float] | None = None) -> None:
    """Size each column that does not stretch to its widest distinct text (``view.source.column_texts``) and its
    header, once, after the rows came; ``caps_ems`` caps a column (in widths of "M": longer text ends in "…").
    The font measures each distinct text once; ``ResizeToContents`` and ``fit_now`` ask the model for about six
    roles of every cell (the Agent page's history tables: ~800 calls into Python on each agent shown)."""
    header, em = view.horizontalHeader(), QFontMetricsF(view.font()).horizontalAdvance("M")
    for column in range(header.count()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        width = text_width(view, column)
        cap = (caps_ems or {}).get(column)
        header.resizeSection(column, int(min(width, em * cap) if cap else width))


def text_width(view: QTableView, column: int) -> int:
    """The width ``column`` needs for its widest distinct text and its header, as Qt measures a cell: the
    delegate's text margin each side, the grid line, the text's fractional width."""
    model, metrics = view.source, QFontMetricsF(view.font())  # type: ignore[attr-defined]
    margin = 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + (
        1 if view.showGrid() else 0)
    widest = max((math.ceil(metrics.horizontalAdvance(text)) for text in model.column_texts(column)), default=0)
    return max(widest + margin, view.horizontalHeader().sectionSizeFromContents(column).width())


def _read_only(view: QTableView, accessible: str, stretch: int | None, fit: bool) -> None:
    """One row at a time, no editing, elided text with the whole text on hover, named headers."""
    view.setItemDelegate(ElidingDelegate(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    columns = view.model().columnCount() if view.model() is not None else 0
    if fit:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None and columns > 0:
        header.setSectionResizeMode(stretch % columns, QHeaderView.ResizeMode.Stretch)
    name_headers(view, accessible)


def selected_row(view: QTableView) -> int:
    """The selected row in the model's own numbering (through a sorting proxy), or -1."""
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isSelected(index):
        return -1
    model = view.model()
    return model.mapToSource(index).row() if isinstance(model, QSortFilterProxyModel) else index.row()


def selected_item(view: QTableView) -> Any:
    """The selected row object (``ROW_ROLE``), or None."""
    index = view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() and view.selectionModel().isSelected(index) else None
