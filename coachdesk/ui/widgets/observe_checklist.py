"""The behaviour checklist of the Observe page: one large row per behaviour with its number, name, category and the
keys of its scale, the chosen point filled in. Up/Down choose, a scale key rates, Enter opens the note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from coachdesk.services.observation import BehaviourItem, FrameworkView, RatingRow
from coachdesk.ui.theme import scaled_font

ITEM_ROLE = Qt.ItemDataRole.UserRole + 10
RATING_ROLE = Qt.ItemDataRole.UserRole + 11
#: row 0 is "General note": a note about no behaviour in particular
GENERAL_ROW = 0

_Index = QModelIndex | QPersistentModelIndex


class ChecklistModel(QAbstractListModel):
    """Row 0: a general note; then the framework's behaviours in order, each with its current rating."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: tuple[BehaviourItem, ...] = ()
        self.ratings: dict[int, RatingRow] = {}
        self._row_of: dict[int, int] = {}

    def set_framework(self, framework: FrameworkView) -> None:
        self.beginResetModel()
        self.items = framework.behaviours
        self._row_of = {item.id: row for row, item in enumerate(self.items, start=1)}
        self.ratings = {}
        self.endResetModel()

    def set_ratings(self, ratings: dict[int, RatingRow]) -> None:
        self.ratings = dict(ratings)
        if self.items:
            self.dataChanged.emit(self.index(1), self.index(len(self.items)))

    def set_rating(self, behaviour_id: int, rating: RatingRow | None, notify: bool = True) -> None:
        """Change one row's rating; with ``notify=False`` the caller paints the row first and calls
        ``notify_row`` after (views and accessibility then hear of it)."""
        if rating is None:
            self.ratings.pop(behaviour_id, None)
        else:
            self.ratings[behaviour_id] = rating
        if notify:
            self.notify_row(behaviour_id)

    def notify_row(self, behaviour_id: int) -> None:
        row = self._row_of.get(behaviour_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def row_of(self, behaviour_id: int | None) -> int:
        return self._row_of.get(behaviour_id, GENERAL_ROW) if behaviour_id is not None else GENERAL_ROW

    def item_at(self, row: int) -> BehaviourItem | None:
        return self.items[row - 1] if 1 <= row <= len(self.items) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items) + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index.row())
        if role == ITEM_ROLE:
            return item
        if role == RATING_ROLE:
            return self.ratings.get(item.id) if item else None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name if item else self.tr("General note")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if item is None:
                return self.tr("General note, about no behaviour in particular")
            rating = self.ratings.get(item.id)
            state = self.tr("rated {label}").format(label=rating.label) if rating else self.tr("not rated")
            return self.tr("{number}, {name}, {state}").format(number=item.number, name=item.name, state=state)
        return None


class ChecklistDelegate(QStyledItemDelegate):
    """Paints a row: number, name and category on the left; the scale's keys and labels as chips on the right.

    Fonts, metrics and the chips' layout are computed once (per scale, chosen point and width), so repainting a
    rated row stays well inside a frame.
    """

    PAD = 8
    CHIP_GAP = 6
    CHIP_PADDING = 18

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.name_font = scaled_font(parent.font(), 1.3, bold=True)
        self.small_font = scaled_font(parent.font(), 0.95)
        self.chip_font = scaled_font(parent.font(), 1.05)
        self.chosen_font = QFont(self.chip_font)
        self.chosen_font.setBold(True)
        self.name_metrics = QFontMetrics(self.name_font)
        self.small_metrics = QFontMetrics(self.small_font)
        self.chip_metrics = QFontMetrics(self.chip_font)
        self.number_width = self.name_metrics.horizontalAdvance("00") + self.PAD
        self.general_detail = parent.tr("Alt+0 · a note about no behaviour in particular")
        self._chips: dict[tuple[int, int | None, int], tuple[int, list[tuple[QRectF, str, bool]]]] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, self.name_metrics.height() + self.small_metrics.height() + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        item: BehaviourItem | None = index.data(ITEM_ROLE)
        rating: RatingRow | None = index.data(RATING_ROLE)
        rect = opt.rect.adjusted(self.PAD, self.PAD // 2, -self.PAD, -self.PAD // 2)
        painter.save()
        chips_width = self._paint_chips(painter, rect, item, rating, palette, selected)
        painter.setFont(self.name_font)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(rect.left(), rect.top(), self.number_width, rect.height()), left,
                         str(item.number) if item else "–")
        x, width = rect.left() + self.number_width, rect.width() - self.number_width - chips_width - self.PAD
        top, name_height = rect.top() + self.PAD // 2, self.name_metrics.height()
        name = item.name if item else index.data(Qt.ItemDataRole.DisplayRole)
        painter.drawText(QRect(x, top, width, name_height), left,
                         self.name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, width))
        painter.setFont(self.small_font)
        if not selected:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        detail = item.category if item else self.general_detail
        painter.drawText(QRect(x, top + name_height, width, self.small_metrics.height()), left,
                         self.small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, width))
        painter.restore()

    def _layout_chips(self, item: BehaviourItem, chosen_value: int | None, room: int
                      ) -> tuple[int, list[tuple[QRectF, str, bool]]]:
        """(total width, [(rect relative to the right edge and the row's middle, text, chosen)])."""
        key = (item.scale.id, chosen_value, room)
        cached = self._chips.get(key)
        if cached is not None:
            return cached
        metrics, points = self.chip_metrics, item.scale.points
        texts = [f"{p.key}  {p.label}" for p in points]
        widths = [metrics.horizontalAdvance(t) + self.CHIP_PADDING for t in texts]
        total = sum(widths) + self.CHIP_GAP * (len(widths) - 1)
        if total > room * 0.62:  # narrow: keys only, the chosen label spelled out
            texts = [f"{p.key}  {p.label}" if p.value == chosen_value else p.key for p in points]
            widths = [QFontMetrics(self.chosen_font if p.value == chosen_value else self.chip_font)
                      .horizontalAdvance(t) + self.CHIP_PADDING for p, t in zip(points, texts, strict=True)]
            total = sum(widths) + self.CHIP_GAP * (len(widths) - 1)
        height = metrics.height() + 8
        chips, x = [], -total
        for point, text, width in zip(points, texts, widths, strict=True):
            chips.append((QRectF(x, -height / 2, width, height), text, point.value == chosen_value))
            x += width + self.CHIP_GAP
        self._chips[key] = (total, chips)
        return total, chips

    def _paint_chips(self, painter: QPainter, rect: QRect, item: BehaviourItem | None, rating: RatingRow | None,
                     palette: QPalette, selected: bool) -> int:
        """Right-aligned chips "key label"; the chosen one filled. Returns the width they take."""
        if item is None:
            return 0
        total, chips = self._layout_chips(item, rating.value if rating else None, rect.width())
        right, middle = rect.right() + 1, rect.top() + rect.height() / 2
        role = QPalette.ColorRole
        fill = palette.color(role.Base if selected else role.Highlight)
        on_fill = palette.color(role.Text if selected else role.HighlightedText)
        outline = palette.color(role.HighlightedText if selected else role.PlaceholderText)
        text_color = palette.color(role.HighlightedText if selected else role.Text)
        center = Qt.AlignmentFlag.AlignCenter
        for shape, text, chosen in chips:
            chip = shape.translated(right, middle)
            radius = chip.height() / 2
            if chosen:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRoundedRect(chip, radius, radius)
                painter.setPen(on_fill)
                painter.setFont(self.chosen_font)
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(outline)
                painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
                painter.setPen(text_color)
                painter.setFont(self.chip_font)
            painter.drawText(chip, center, text)
        return total


class ChecklistView(QListView):
    """Up/Down choose a behaviour, its scale keys rate it, Delete clears, Enter or Tab opens the note line."""

    rate_key = Signal(str)
    clear_requested = Signal()
    note_requested = Signal()
    stray_key = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("observeChecklist")
        self.setAccessibleName(self.tr("Behaviour checklist"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setItemDelegate(ChecklistDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)  # Tab reaches keyPressEvent: it opens the note line

    def repaint_row(self, behaviour_id: int) -> None:
        """Paint one behaviour's row at once (a rating must be on screen within the frame of its key press)."""
        model = self.model()
        if isinstance(model, ChecklistModel):
            self.viewport().repaint(self.visualRect(model.index(model.row_of(behaviour_id))))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._focus_changed()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._focus_changed()

    def _focus_changed(self) -> None:
        """Only the current row and the frame show the focus: repaint those, not the whole list as
        QAbstractItemView and QWidget do, so that rating (which moves the focus to the note line) stays within a
        frame. The list always has a current row, so nothing else of the base handlers is needed."""
        index = self.currentIndex()
        if index.isValid():
            self.update(index)
        self.update(QRegion(self.rect()).subtracted(QRegion(self.viewport().geometry())))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab) and not mods & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.note_requested.emit()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_requested.emit()
            return
        text = event.text()
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier |
                            Qt.KeyboardModifier.MetaModifier)
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            self.rate_key.emit(text)
            return
        if plain and text == " ":
            self.stray_key.emit(text)
            return
        super().keyPressEvent(event)
