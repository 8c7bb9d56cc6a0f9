"""Fitting a laptop screen: a page body that scrolls when it does not fit, labels and drop-downs that elide with the
whole text on hover, and window sizes taken from (and kept on) the screen's available area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QListView,
    QScrollArea,
    QSizePolicy,
    QStyleOptionViewItem,
    QWidget,
)

from coachdesk.ui.kit.tables import ElidingDelegate

#: The main window never asks for more than this (a 1280x720 screen at 100 %, or 1920x1080 at 150 %, fits it).
WINDOW_MINIMUM = QSize(1024, 640)
#: Characters a drop-down shows before it elides; the whole text is in the item's and the box's tooltip.
COMBO_CHARS = 24
#: Pixels left around a new window for its title bar and borders (drawn outside its geometry).
FRAME_ROOM = 40


class ScrollContent(QWidget):
    """A scroll area's content that asks for its minimum height at any width, not its preferred one: a scroll area
    gives a content whose layout wraps text the height that layout prefers, so a page with one wrapped label would
    scroll even when its minimum fits."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self.minimumSizeHint().height()


def keep_all_lines(label: QLabel) -> QLabel:
    """Make a wrapped label's minimum height all its lines at its width, kept as it is resized (call ``fit_lines``
    again after changing its text). A box layout gives a wrapped label that height anyway, but a page that scrolls
    is sized to its minimum, where Qt counts such a label as one line: the layout then squeezed a fixed-height table
    above it until the label was drawn over the table."""
    label.installEventFilter(_LinesKeeper(label))
    fit_lines(label)
    return label


def fit_lines(label: QLabel) -> None:
    """Set ``label``'s minimum height to its wrapped lines at its present width (``heightForWidth`` would not do: a
    label's counts its own minimum height in)."""
    margins = label.contentsMargins()
    width = label.width() - margins.left() - margins.right() - 2 * label.margin()
    lines = label.fontMetrics().boundingRect(0, 0, max(width, 1), 0, Qt.TextFlag.TextWordWrap, label.text())
    need = lines.height() + margins.top() + margins.bottom() + 2 * label.margin() if label.text() else 0
    if need != label.minimumHeight():
        label.setMinimumHeight(need)


class _LinesKeeper(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and isinstance(watched, QLabel):
            fit_lines(watched)
        return False


def scroll_area(content: QWidget, parent: QWidget | None, name: str) -> QScrollArea:
    """``content`` in a frameless scroll area that resizes it to the viewport and scrolls only what does not fit
    (so the content's minimum size no longer becomes its window's)."""
    area = QScrollArea(parent)
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.viewport().setAutoFillBackground(False)
    area.setWidget(content)
    content.setAutoFillBackground(False)  # after setWidget, which turns it on: the page behind shows (and paints)
    return area


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when it is too narrow, with the whole text as its tooltip then; it asks for
    no width of its own beyond a few characters, so a long name never widens its window."""

    def __init__(self, text: str = "", parent: QWidget | None = None, mode: Qt.TextElideMode =
                 Qt.TextElideMode.ElideRight) -> None:
        super().__init__(text, parent)
        self._mode = mode
        self._tip = ""  # a tooltip the caller set, kept when the text fits
        self.setSizePolicy(QSizePolicy.Policy.Ignored, self.sizePolicy().verticalPolicy())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 4))
        self._update_tip()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._update_tip()

    def set_tip(self, tip: str) -> None:
        """A tooltip shown whether or not the text is elided (the whole text is added when it is)."""
        self._tip = tip
        self._update_tip()

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self) -> None:
        elided = self.is_elided()
        parts = [self.text()] if elided and self.text() else []
        if self._tip and self._tip != self.text():
            parts.append(self._tip)
        self.setToolTip("\n".join(parts))

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if not self.is_elided():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        rect: QRect = self.contentsRect()
        text = QFontMetrics(self.font()).elidedText(self.text(), self._mode, rect.width())
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), text,
                                  self.foregroundRole())


def elide_combo(combo: QComboBox, chars: int = COMBO_CHARS) -> QComboBox:
    """A drop-down as wide as ``chars`` characters whatever its items: it elides the current text, and every item
    and the box itself have the whole text as their tooltip. Call again after refilling it."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideRight)
    for row in range(combo.count()):
        if not combo.itemData(row, Qt.ItemDataRole.ToolTipRole):
            combo.setItemData(row, combo.itemText(row), Qt.ItemDataRole.ToolTipRole)
    if not combo.property("_fitTip"):
        combo.setProperty("_fitTip", True)
        combo.currentTextChanged.connect(combo.setToolTip)
        model = combo.model()
        model.rowsInserted.connect(lambda _parent, first, last: _tip_items(combo, first, last))
    combo.setToolTip(combo.currentText())
    return combo


def _tip_items(combo: QComboBox, first: int, last: int) -> None:
    """The rows just inserted get their whole text as tooltip (only those: a combo filled item by item stays linear)."""
    for row in range(first, last + 1):
        if not combo.itemData(row, Qt.ItemDataRole.ToolTipRole):
            combo.setItemData(row, combo.itemText(row), Qt.ItemDataRole.ToolTipRole)


def elide_cells(view: QAbstractItemView) -> QAbstractItemView:
    """A table, tree or list not built by ``tables.table_view``: cells too narrow end in "…" and show their whole
    text on hover (the view must keep the default delegate)."""
    view.setItemDelegate(ElidingDelegate(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


class _ViewportWide(ElidingDelegate):
    """Rows no wider than the list's viewport, so a long one ends in "…" instead of scrolling sideways."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QAbstractItemView):
            hint.setWidth(min(hint.width(), max(1, view.viewport().width() - 2)))
        return hint


def elide_rows(view: QListView) -> QListView:
    """A list whose long rows end in "…" at the list's width (whole text on hover), never scrolling sideways."""
    view.setItemDelegate(_ViewportWide(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)  # rows are laid out again as the list is resized
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class _DownOnly(QObject):
    """Keeps a scroll area at least as wide as its content's minimum (see ``scroll_down_only``)."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.fit()
        return False

    def fit(self) -> None:
        content = self.area.widget()
        if content is not None:
            bar = self.area.verticalScrollBar().sizeHint().width()
            self.area.setMinimumWidth(content.minimumSizeHint().width() + bar + 2 * self.area.frameWidth())


def scroll_down_only(area: QScrollArea) -> QScrollArea:
    """A panel that scrolls down but never sideways: the area asks for its content's minimum width (so a splitter
    or layout gives it that) instead of hiding part of the content behind a horizontal scroll bar."""
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    keeper = _DownOnly(area)
    if area.widget() is not None:
        area.widget().installEventFilter(keeper)
    keeper.fit()
    return area


def first_size(window: QWidget) -> QRect:
    """A new window's geometry: the screen's available area less room for the window's frame (at most 1400x900),
    centred on it."""
    area = _available(window)
    width = min(1400, max(WINDOW_MINIMUM.width(), area.width() - FRAME_ROOM), area.width())
    height = min(900, max(WINDOW_MINIMUM.height(), area.height() - FRAME_ROOM), area.height())
    rect = QRect(0, 0, width, height)
    rect.moveCenter(area.center())
    return rect


def clamp_to_screen(window: QWidget) -> None:
    """Keep a (restored) window inside the available area of the screen it is on: shrink it, then move it in."""
    area = _available(window)
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    width = min(window.width(), area.width() - extra.width())
    height = min(window.height(), area.height() - extra.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def _available(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.screenAt(window.frameGeometry().center()) or \
        QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """``window.resize(width, height)``, but never larger than its screen's available area (less its frame)."""
    area = _available(window)
    window.resize(max(window.minimumSizeHint().width(), min(width, area.width() - FRAME_ROOM)),
                  max(window.minimumSizeHint().height(), min(height, area.height() - FRAME_ROOM)))


class _WheelToPage(QObject):
    """Sends wheel turns over a view inside a scrolling page to the page, so the page scrolls under the mouse."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.watched: set[int] = set()

    def watch(self) -> None:
        """Filter every scrolling view now inside the page (views added later call this again via ``refresh``)."""
        content = self.area.widget()
        if content is None:
            return
        for view in content.findChildren(QAbstractScrollArea):
            viewport = view.viewport()
            if id(viewport) not in self.watched:
                self.watched.add(id(viewport))
                viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Wheel:
            QApplication.sendEvent(self.area.verticalScrollBar(), event)
            return True
        return False


def wheel_to_page(area: QScrollArea) -> QScrollArea:
    """The mouse wheel over the tables and lists inside a scrolling page scrolls the page (never a scroll area
    caught inside a scroll area); their own scroll bars and the keyboard still scroll them."""
    keeper = _WheelToPage(area)
    keeper.watch()
    area.setProperty("wheelToPage", True)
    area.wheel_keeper = keeper  # type: ignore[attr-defined]
    return area
