"""Dark mode: unchecked check boxes in item views keep a visible frame; light mode is drawn as Fusion draws it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyleFactory

from coachdesk.ui.theme import ThemeStyle, dark_palette, indicator_palette, is_dark


def _frame_contrast(qtbot, style, palette: QPalette) -> int:  # noqa: ANN001
    """Largest lightness difference between the unchecked indicator's pixels and the view's Base."""
    view = QListWidget()
    qtbot.addWidget(view)
    view.setStyle(style)
    view.setPalette(palette)
    item = QListWidgetItem("AHT · Average handle time")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    view.addItem(item)
    view.resize(240, 60)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    box = view.style().subElementRect(view.style().SubElement.SE_ItemViewItemCheckIndicator, _option(view), view)
    view.setStyle(None)  # back to the application's style: the test's style objects do not outlive this call
    base = palette.color(QPalette.ColorRole.Base).lightness()
    return max(abs(image.pixelColor(x, y).lightness() - base)
               for x in range(box.left(), box.right() + 1) for y in range(box.top(), box.bottom() + 1))


def _option(view):  # noqa: ANN001, ANN202
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = view.visualRect(view.model().index(0, 0))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return option


def test_dark_unchecked_boxes_have_a_visible_frame(qtbot) -> None:
    fusion, themed = QStyleFactory.create("Fusion"), ThemeStyle("Fusion")
    plain = _frame_contrast(qtbot, fusion, dark_palette())
    fixed = _frame_contrast(qtbot, themed, dark_palette())
    assert plain < 30 <= fixed  # Fusion's frame (a shade of Window) vanished on the dark Base


def test_light_palette_is_left_alone(qtbot) -> None:
    light = QStyleFactory.create("Fusion").standardPalette()
    assert not is_dark(light) and indicator_palette(light) is light
    assert _frame_contrast(qtbot, ThemeStyle("Fusion"), light) == _frame_contrast(
        qtbot, QStyleFactory.create("Fusion"), light)
    dark = indicator_palette(dark_palette())
    assert dark.color(QPalette.ColorRole.Base) == dark_palette().color(QPalette.ColorRole.Base)  # only Window moves
