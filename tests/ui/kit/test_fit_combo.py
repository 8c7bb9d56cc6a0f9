"""``fit.elide_combo``: every item gets its whole text as tooltip, whether added one by one or in bulk, and a combo
filled item by item costs work in proportion to its items (not their square: the One-to-ones agent list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from coachdesk.ui.kit import fit

TIP = Qt.ItemDataRole.ToolTipRole


def test_items_added_one_by_one_in_bulk_and_in_the_middle_get_their_text_as_tooltip(qtbot) -> None:  # noqa: ANN001
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("before the kit", "u0")
    combo.setItemData(0, "a tooltip of its own", TIP)
    fit.elide_combo(combo)
    combo.addItem("Amelia Brown — overdue 2 Dec (Billing)", "u1")
    combo.addItems(["Bartłomiej Nowak — due (Sales)", "Chidi Okafor — none yet (no team)"])
    combo.insertItem(1, "Dana Lee — upcoming (Billing)", "u4")
    assert [combo.itemData(row, TIP) for row in range(combo.count())] == [
        "a tooltip of its own", "Dana Lee — upcoming (Billing)", "Amelia Brown — overdue 2 Dec (Billing)",
        "Bartłomiej Nowak — due (Sales)", "Chidi Okafor — none yet (no team)"]


def test_filling_a_combo_item_by_item_visits_each_new_row_once(qtbot, monkeypatch) -> None:  # noqa: ANN001
    visited: list[int] = []
    real = fit._tip_items  # noqa: SLF001 - counting the rows the kit looks at

    def counting(combo: QComboBox, first: int, last: int) -> None:
        visited.extend(range(first, last + 1))
        real(combo, first, last)

    monkeypatch.setattr(fit, "_tip_items", counting)
    combo = fit.elide_combo(QComboBox())
    qtbot.addWidget(combo)
    for number in range(300):
        combo.addItem(f"agent {number}", number)
    combo.addItems(["one", "two"])
    assert visited == list(range(302))  # each row once: 302 visits, where every row on every insert made 45,753
    assert combo.itemData(299, TIP) == "agent 299" and combo.itemData(301, TIP) == "two"
