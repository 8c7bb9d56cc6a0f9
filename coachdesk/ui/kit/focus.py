"""Visible keyboard focus where the style draws none: a panel that takes Tab (a scroll area, to scroll by keys) gets
a 2-pixel ring in the highlight colour while it has the focus (the highlight keeps 3:1 on the window, see
``kit.contrast``); and where the keyboard goes after a page switch (the page's main field)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QTabBar, QWidget

RING_WIDTH = 2


def focus_frame(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Draw ``area``'s frame as a ring in the highlight colour while it has the keyboard focus (transparent, of the
    same width, otherwise, so nothing moves). The style sheet is scoped to ``area`` by its objectName."""
    name = area.objectName()
    assert name, "focus_frame needs the area's objectName (the style sheet is scoped to it)"
    area.setStyleSheet(f"QAbstractScrollArea#{name} {{ border: {RING_WIDTH}px solid transparent; }} "
                       f"QAbstractScrollArea#{name}:focus {{ border: {RING_WIDTH}px solid palette(highlight); }}")
    return area


def main_field(page: QWidget) -> QWidget | None:
    """The field a page's keyboard work starts in: the first visible, enabled widget in its Tab order that takes Tab
    focus and holds data (a search box, a chooser, a list or table), else the first such button; a tab bar is never
    it; None when the page has none."""
    chain: list[QWidget] = []
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page and len(chain) < 2000:
        if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() and not isinstance(widget, QTabBar)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    fields = [w for w in chain if not isinstance(w, QAbstractButton)]
    return (fields or chain or [None])[0]


def focus_page(page: QWidget) -> QWidget | None:
    """Put the keyboard in ``page``'s main field after a page switch: the page's own ``focus_default`` or
    ``focus_search`` when it has one, else ``main_field``. Returns the widget that has the focus."""
    from PySide6.QtWidgets import QApplication

    for name in ("focus_default", "focus_search"):
        own = getattr(page, name, None)
        if callable(own):
            own()
            return QApplication.focusWidget()
    field = main_field(page)
    if field is not None:
        field.setFocus(Qt.FocusReason.OtherFocusReason)
    return field
