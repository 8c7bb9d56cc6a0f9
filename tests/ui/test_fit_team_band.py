"""The Team page at 1280x720 has no empty band under its teams table: what follows the table starts one spacing
below it (an empty one-to-one gaps line once left a band of two spacings and a blank line)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from tests.ui.fit_checks import settle
from tests.ui.test_fit import demo_ctx, demo_db, laptop_window  # noqa: F401 - the demo window's fixtures


def _gap_below(page, widget) -> int:  # noqa: ANN001 - pixels between ``widget`` and the next visible body widget
    body = page.body
    widgets = [body.itemAt(i).widget() for i in range(body.count())]
    shown = [w for w in widgets if w is not None and w.isVisible()]
    after = shown[shown.index(widget) + 1]
    top = after.mapTo(page, QPoint(0, 0)).y()
    return top - widget.mapTo(page, QPoint(0, widget.height())).y()


def test_no_band_under_the_teams_table(laptop_window) -> None:  # noqa: ANN001, F811
    page = laptop_window.show_page("team")
    settle()
    assert page.table.currentIndex().isValid()  # the table says which team the panels below show
    chosen = page.proxy.mapToSource(page.table.currentIndex()).row()
    assert page.objectives.team.currentData() == page.model.rows()[chosen].uuid
    assert _gap_below(page, page.table) <= page.body.spacing() + 2
    gaps = page.one_to_one_gaps
    assert gaps.isVisible() == bool(gaps.text())
    gaps.show_rows("Nobody's team", [])  # a team with nobody due: the line goes, and so does its band
    settle()
    assert not gaps.isVisible()
    assert _gap_below(page, page.table) <= page.body.spacing() + 2
    assert page.objectives.isVisible() and page.objectives.mapTo(page, QPoint(0, 0)).y() > page.table.mapTo(
        page, QPoint(0, page.table.height())).y()  # below the table, not over it
