"""The Team page of a large centre (as many teams as its table shows, a long wrapped one-to-one gaps line) draws
nothing over anything else: the 500-agent demo's 39 teams once had the gaps line and the objectives panel drawn
over the teams table, because the panels below asked for their preferred height for the width and the layout
squeezed the fixed-height table instead. Each body widget also gets at least the height it needs."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from coachdesk.services import people
from coachdesk.services.people import TeamInput
from coachdesk.ui.pages.team_page import MAX_VISIBLE_TEAMS

LONG = "Not had a one-to-one within their rhythm in Billing: " + ", ".join(
    f"Agent Number {i} ({20 + i} days)" for i in range(30)) + "."


def test_nothing_on_the_team_page_is_drawn_over_anything_else(qtbot, ctx, window) -> None:  # noqa: ANN001
    for i in range(MAX_VISIBLE_TEAMS + 6):
        people.create_team(ctx.db, TeamInput(name=f"Overflow team {i:02d}"))
    window.resize(1280, 720)
    page = window.show_page("team")
    qtbot.waitUntil(lambda: page.model.rowCount() > MAX_VISIBLE_TEAMS, timeout=10000)
    page.one_to_one_gaps.setText(LONG)
    page.one_to_one_gaps.setVisible(True)
    for _ in range(5):
        QApplication.processEvents()
    body = [page.body.itemAt(i).widget() for i in range(page.body.count())]
    shown = [w for w in body if w is not None and w.isVisible()]
    assert [w.objectName() for w in shown][:2] == ["teamTable", page.one_to_one_gaps.objectName()]
    for above, below in zip(shown, shown[1:], strict=False):
        bottom = above.mapTo(page.content, QPoint(0, above.height())).y()
        top = below.mapTo(page.content, QPoint(0, 0)).y()
        assert bottom <= top, f"{below.objectName()} starts at {top}, inside {above.objectName()} (ends {bottom})"
    for widget in shown:
        need = widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() else widget.minimumHeight()
        assert widget.height() >= max(need, widget.minimumSizeHint().height() if not widget.hasHeightForWidth()
                                      else 0), f"{widget.objectName()} squeezed to {widget.height()}"
    assert page.scroller.verticalScrollBar().maximum() > 0  # what does not fit scrolls
