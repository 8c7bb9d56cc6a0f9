"""Visible keyboard focus where the style draws none: a panel that takes Tab (a scroll area, to scroll by keys) gets
a 2-pixel ring in the highlight colour while it has the focus (the highlight keeps 3:1 on the window, see
``kit.contrast``)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea

RING_WIDTH = 2


def focus_frame(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Draw ``area``'s frame as a ring in the highlight colour while it has the keyboard focus (transparent, of the
    same width, otherwise, so nothing moves). The style sheet is scoped to ``area`` by its objectName."""
    name = area.objectName()
    assert name, "focus_frame needs the area's objectName (the style sheet is scoped to it)"
    area.setStyleSheet(f"QAbstractScrollArea#{name} {{ border: {RING_WIDTH}px solid transparent; }} "
                       f"QAbstractScrollArea#{name}:focus {{ border: {RING_WIDTH}px solid palette(highlight); }}")
    return area
