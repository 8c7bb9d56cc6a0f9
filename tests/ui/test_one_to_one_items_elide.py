"""The one-to-one editor's items list: a long item ends in "…" at the list's width, with its whole text on hover,
and the list never scrolls sideways (it did, for long expectations and actions); a short one is shown whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QStyleOptionViewItem, QToolTip

from coachdesk.domain.enums import ItemKind
from coachdesk.ui.kit.tables import full_text_hidden
from coachdesk.ui.widgets.one_to_one_items import ItemsEditor, new_line

LONG = ("Send the callback time by e-mail after every promised callback, and log it in the CRM with the customer's "
        "preferred channel, before the end of the same shift, every time without exception")


def _hover(view, row: int) -> tuple[bool, str]:  # noqa: ANN001
    """(whether the delegate showed a tooltip over the row, what it says)."""
    centre = view.visualItemRect(view.item(row)).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    shown = view.itemDelegate().helpEvent(event, view, _option(view, row), view.model().index(row, 0))
    return shown, QToolTip.text()


def _option(view, row: int) -> QStyleOptionViewItem:  # noqa: ANN001
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = view.visualItemRect(view.item(row))
    return option


def test_a_long_item_elides_with_its_whole_text_on_hover_and_never_scrolls_sideways(qtbot) -> None:  # noqa: ANN001
    editor = ItemsEditor()
    qtbot.addWidget(editor)
    lines = [new_line(ItemKind.ACTION), new_line(ItemKind.EXPECTATION)]
    lines[0]["text"] = LONG
    lines[1]["text"] = "Be on time"
    editor.set_lines(lines)
    editor.resize(420, 400)
    editor.show()
    qtbot.waitExposed(editor)
    view = editor.list
    long_text = view.item(0).text()
    assert LONG in long_text and "Be on time" in view.item(1).text()
    qtbot.waitUntil(lambda: view.visualItemRect(view.item(0)).width() <= view.viewport().width())
    assert view.horizontalScrollBar().maximum() == 0 and not view.horizontalScrollBar().isVisible()
    assert view.visualItemRect(view.item(0)).right() < view.viewport().width()
    index = view.model().index(0, 0)
    assert full_text_hidden(view, _option(view, 0), index)  # drawn cut, with "…"
    assert _hover(view, 0) == (True, long_text)  # the whole text on hover
    assert not full_text_hidden(view, _option(view, 1), view.model().index(1, 0))
    assert not _hover(view, 1)[0]  # a row shown whole has no tooltip to repeat it
    editor.resize(1400, 400)  # wide enough: the long row is shown whole, and rows follow the list's width
    qtbot.waitUntil(lambda: view.visualItemRect(view.item(0)).width() >= view.fontMetrics().horizontalAdvance(
        long_text), timeout=2000)
    assert not full_text_hidden(view, _option(view, 0), index)
    editor.resize(420, 400)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0
                    and view.visualItemRect(view.item(0)).width() <= view.viewport().width(), timeout=2000)
    assert QPoint(0, 0) == QPoint(view.horizontalScrollBar().value(), 0)
    assert Qt.TextElideMode.ElideRight == view.textElideMode()
