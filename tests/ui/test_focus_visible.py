"""Panels that take Tab show it: the Agent detail, the One-to-ones Prepare panel and the Goals details draw a ring in
the highlight colour (3:1 on the window) while focused, and none otherwise -- read back from the pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from coachdesk.ui.kit.contrast import RING, ratio


def _edge(area: QAbstractScrollArea) -> QColor:
    image = area.grab().toImage()
    return image.pixelColor(0, image.height() // 2)


@pytest.mark.parametrize(("page", "name"), [("agent", "agentDetailScroll"), ("one_to_ones", "oneToOnePrep"),
                                            ("goals", "goalDetail")])
def test_a_focused_panel_shows_a_ring(qtbot, window, page: str, name: str) -> None:  # noqa: ANN001
    window.show_page(page)
    area = window.findChild(QAbstractScrollArea, name)
    assert area is not None and area.isVisible()
    assert area.focusPolicy() & Qt.FocusPolicy.TabFocus  # it is a Tab stop, so it needs a visible focus
    window.navigation.setFocus()
    QApplication.processEvents()
    unfocused = _edge(area)
    area.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(area.hasFocus, timeout=1000)
    QApplication.processEvents()
    focused = _edge(area)
    highlight = area.palette().color(area.palette().ColorRole.Highlight)
    window_colour = area.palette().color(area.palette().ColorRole.Window)
    assert focused.rgb() == highlight.rgb(), f"{name}: the edge is {focused.name()}, not the highlight"
    assert unfocused.rgb() != highlight.rgb()
    assert ratio(focused, window_colour) >= RING
