"""Today opens fast however long its objectives list: the columns are sized once per load from every row's text
(the widths ResizeToContents gives), and showing the page again asks the model only for the rows on screen."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from coachdesk.ui.models.progress_models import AttentionModel
from coachdesk.ui.widgets.objectives_due import MAX_ROWS, WHY_MIN_EMS
from tests.ui.test_today_bands import _rating_objective

ROWS = 300


def _many_rows(ctx, sample) -> list:  # noqa: ANN001
    """``ROWS`` rows from one real one; the longest name is far down the list, where nobody has scrolled yet."""
    from coachdesk.services import goals as goals_api

    _rating_objective(ctx, sample.agent_uuids["Hannah Schmidt"], [3.8] * 8)
    row = next(r for r in goals_api.needing_attention(ctx.db) if r.person_name == "Hannah Schmidt")
    rows = [dataclasses.replace(row, uuid=f"u{n}", person_name=f"Agent {n:03d}") for n in range(ROWS)]
    rows[250] = dataclasses.replace(rows[250], person_name="Maximiliana Wolkenstein-Oberhollenzer")
    return rows


def _counting(model: AttentionModel) -> set[int]:
    asked: set[int] = set()
    data = model.data

    def counted(index, role=0):  # noqa: ANN001, ANN202
        asked.add(index.row())
        return data(index, role)

    model.data = counted  # type: ignore[method-assign]
    return asked


def _loaded_today(window):  # noqa: ANN001, ANN202
    """The Today page with its own first load done (on first paint; tasks run at once in tests), so that rows
    given to its panels afterwards stay."""
    today = window.show_page("today")
    QApplication.processEvents()
    today.refresh()
    return today


def _shown(window, ctx, sample):  # noqa: ANN001, ANN202
    """Today's objectives panel showing ``ROWS`` rows, and the rows."""
    panel = _loaded_today(window).objectives_due
    rows = _many_rows(ctx, sample)
    panel.show_rows(rows)
    return panel, rows


def test_columns_as_wide_as_every_rows_text_without_measuring_cells(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    panel, rows = _shown(window, ctx, sample)
    reference = QTableView()  # what ResizeToContents makes of the same rows
    qtbot.addWidget(reference)
    reference.setFont(panel.table.font())
    reference.setModel(AttentionModel(rows))
    reference.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    reference.horizontalHeader().setResizeContentsPrecision(-1)  # every row
    reference.resize(1600, 400)
    reference.show()
    qtbot.waitExposed(reference)
    header = panel.table.horizontalHeader()
    for column in range(AttentionModel.WHY):
        assert header.sectionResizeMode(column) != QHeaderView.ResizeMode.ResizeToContents
        assert header.sectionSize(column) == reference.horizontalHeader().sectionSize(column), column
    assert header.sectionSize(AttentionModel.PERSON) >= panel.table.fontMetrics().horizontalAdvance(
        "Maximiliana Wolkenstein-Oberhollenzer")  # row 250 counted
    assert f"{ROWS} due within 14 days · {ROWS} heading short of target" in panel.summary.text()  # counts: all rows


def test_showing_today_again_asks_only_for_the_rows_on_screen(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    panel, _rows = _shown(window, ctx, sample)
    window.resize(1400, 1000)
    asked = _counting(panel.model)
    window.show_page("reports")
    window.show_page("today", refresh=False)
    qtbot.waitUntil(lambda: bool(asked))  # painted
    panel.table.viewport().repaint()
    assert asked and max(asked) <= MAX_ROWS + 2, sorted(asked)[-5:]
    assert panel.model.rowCount() == ROWS  # every row is there, for scrolling


def test_the_same_rows_again_keep_the_table_and_mend_the_summary(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    panel, rows = _shown(window, ctx, sample)
    panel.table.selectRow(5)
    panel.summary.setText("Could not read: the team server cannot be reached.")  # a failed read in between
    panel.show_rows(list(rows))  # the service's last rows again (nothing committed since)
    assert panel.table.currentIndex().row() == 5  # the table was not reset: the chosen row stays
    assert panel.summary.text().startswith(f"{ROWS} due within 14 days")
    panel.show_rows(rows[:-1])  # a row fewer: the table follows
    assert panel.model.rowCount() == ROWS - 1 and panel.summary.text().startswith(f"{ROWS - 1} due within")


def test_the_same_one_to_one_lists_again_keep_the_lists_and_mend_the_scope(qtbot, window, ctx) -> None:  # noqa: ANN001
    from coachdesk.services import one_to_ones

    panel = _loaded_today(window).one_to_ones
    lists = one_to_ones.today(ctx.db)
    panel.show_lists(lists)
    assert panel.due.count() > 1
    panel.due.setCurrentRow(1)
    panel.scope.setText("Could not read: the team server cannot be reached.")  # a failed read in between
    panel.show_lists(lists)  # the very same lists (nothing committed since)
    assert panel.due.currentRow() == 1 and panel.scope.text().startswith("Nobody is signed in")
    panel.show_lists(dataclasses.replace(lists, due=lists.due[1:]))  # new lists: shown afresh
    assert panel.due.currentRow() == -1 and panel.due.item(0).text().startswith(lists.due[1].agent_name)


def _panel_with_room(qtbot, rows: list, room: int):  # noqa: ANN001, ANN202
    """An objectives panel on its own whose table's viewport is ``room`` pixels wide (no rows past ``MAX_ROWS``, so
    no bar beside them)."""
    from coachdesk.ui.widgets.objectives_due import ObjectivesDuePanel

    panel = ObjectivesDuePanel()
    qtbot.addWidget(panel)
    panel.show_rows(rows)
    panel.show()
    qtbot.waitExposed(panel)
    extra = panel.width() - panel.table.maximumViewportSize().width()  # the panel's margins and the table's frame
    panel.resize(room + extra, panel.height())
    QApplication.processEvents()
    assert panel.table.maximumViewportSize().width() == room
    return panel


def test_why_is_hidden_rather_than_squeezed_where_it_does_not_fit_whole(qtbot, ctx, sample) -> None:  # noqa: ANN001
    rows = _many_rows(ctx, sample)[:MAX_ROWS]
    probe = _panel_with_room(qtbot, rows, 1200)
    header = probe.table.horizontalHeader()
    others = sum(header.sectionSize(c) for c in range(AttentionModel.WHY))
    why = max(probe.table.fontMetrics().horizontalAdvance("due soon, heading short of target"),
              header.sectionSizeFromContents(AttentionModel.WHY).width())
    assert not probe.table.isColumnHidden(AttentionModel.WHY)
    assert header.sectionSize(AttentionModel.WHY) > why  # shown whole, the rest of the width its own
    least = WHY_MIN_EMS * probe.table.fontMetrics().horizontalAdvance("M")
    assert probe._why_min == least < why  # noqa: SLF001 - the room it needs: a long reason may elide
    exact = _panel_with_room(qtbot, rows, others + least)
    assert not exact.table.isColumnHidden(AttentionModel.WHY)  # just that room: shown
    assert exact.table.horizontalHeader().sectionSize(AttentionModel.WHY) == least
    assert exact.table.horizontalScrollBar().maximum() == 0
    reasons = [AttentionModel([dataclasses.replace(rows[0], forecast_band=None, due_soon=False)]),
               AttentionModel([dataclasses.replace(rows[0], off_track=False)])]
    assert [m.index(0, AttentionModel.WHY).data() for m in reasons] == ["far below, too few days to forecast",
                                                                         "due soon"]
    brief = _panel_with_room(qtbot, [dataclasses.replace(rows[0], off_track=False)], others + least)
    assert brief._why_min < least  # noqa: SLF001 - a short reason needs only its own width
    short = _panel_with_room(qtbot, rows, others + least - 1)
    assert short.table.isColumnHidden(AttentionModel.WHY)  # a pixel short: hidden, not cut to "…"
    assert short.table.horizontalScrollBar().maximum() == 0  # and nothing scrolls sideways
    tip = short.model.index(0, AttentionModel.PERSON).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{rows[0].team_name} · due soon, heading short of target"  # the reason is still there
    short.resize(short.width() + 1, short.height())  # the window widened again: Why comes back
    QApplication.processEvents()
    assert not short.table.isColumnHidden(AttentionModel.WHY)


def test_todays_table_fits_a_laptop_without_scrolling_sideways(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    window.resize(1280, 720)
    panel = _loaded_today(window).objectives_due
    panel.show_rows([r for r in _many_rows(ctx, sample) if len(r.person_name) < 20])  # names as long as a demo's
    QApplication.processEvents()
    assert panel.table.isColumnHidden(AttentionModel.WHY)
    assert panel.table.horizontalScrollBar().maximum() == 0
    bottom = panel.table.horizontalHeader().height() + sum(panel.table.rowHeight(r) for r in range(MAX_ROWS))
    assert panel.table.viewport().height() + panel.table.horizontalHeader().height() >= bottom  # 12 rows whole
