"""Columns sized from their distinct texts: as wide as Qt's own measure (no text cut), capped where asked, the
stretching column left alone, and no cell asked for its roles one by one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHeaderView

from coachdesk.ui.kit.tables import Column, RowTableModel, fit_to_texts, table_view


@dataclass(frozen=True)
class _Row:
    when: str
    who: str
    note: str


class _Counting(RowTableModel):
    TR_CONTEXT = "Test"
    COLUMNS = (Column(QT_TRANSLATE_NOOP("Test", "When"), lambda r: r.when),
               Column(QT_TRANSLATE_NOOP("Test", "Who"), lambda r: r.who),
               Column(QT_TRANSLATE_NOOP("Test", "Note"), lambda r: r.note))
    asked = 0

    def data(self, index, role=0):  # noqa: ANN001, ANN201
        _Counting.asked += 1
        return super().data(index, role)


ROWS = [_Row("23 Nov 2026 13:56", "Declan MacLeod", "feedback after 25 min"),
        _Row("2 Sep 2026 10:02", "Wu", "a note long enough to be cut by a cap of a few widths of M"),
        _Row("8 Jun 2026 12:46", "Chloé Wood-Wainwright", "")] * 20


def test_columns_are_as_wide_as_qts_own_measure_and_capped(qtbot) -> None:  # noqa: ANN001
    model = _Counting(ROWS)
    view = table_view(None, "fitTable", "Fit", model, stretch=None, fit=False)
    qtbot.addWidget(view)
    _Counting.asked = 0
    fit_to_texts(view, {2: 8})
    assert _Counting.asked == 0  # the texts came from the rows, not from ``data`` cell by cell
    header = view.horizontalHeader()
    for column in (0, 1):
        assert header.sectionSize(column) >= view.sizeHintForColumn(column) > 0  # nothing elided
        assert header.sectionSize(column) <= view.sizeHintForColumn(column) + 2  # and not much wider
    em = QFontMetricsF(view.font()).horizontalAdvance("M")
    assert header.sectionSize(2) == int(8 * em) < view.sizeHintForColumn(2)  # capped: the note ends in "…"


def test_a_short_column_is_as_wide_as_its_title_and_a_stretching_one_is_left(qtbot) -> None:  # noqa: ANN001
    model = _Counting([_Row("1", "A", "x")])
    view = table_view(None, "fitTable2", "Fit", model, stretch=2, fit=False)
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    fit_to_texts(view)
    header = view.horizontalHeader()
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.Stretch  # still takes the rest of the width
    assert header.sectionSize(0) + header.sectionSize(1) + header.sectionSize(2) == view.viewport().width()
    assert header.sectionSize(0) == header.sectionSizeFromContents(0).width()  # "When" is wider than "1"
