"""Tuple sort keys reach Qt as strings it can compare, so a plain QSortFilterProxyModel orders them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt

from coachdesk.services.people import TeamRow
from coachdesk.ui.kit.tables import SORT_ROLE, qt_sort_key
from coachdesk.ui.models.people_models import TeamsTableModel


def _text_order(keys: list[tuple]) -> list[tuple]:
    encoded = [qt_sort_key(key) for key in keys]
    assert all(isinstance(key, str) for key in encoded)
    return [keys[n] for n in sorted(range(len(keys)), key=encoded.__getitem__)]


def test_tuple_keys_become_strings_that_sort_like_the_tuples() -> None:
    keys = [(False, "b"), (True, "a"), (False, "a", 3), (False, "ab"), (False, "a", -2), (False, "a", 10)]
    assert _text_order(keys) == sorted(keys)
    periods = [(date(2025, 1, 2), date(2025, 1, 9)), (date(2024, 12, 31), date(2025, 1, 6)),
               (date(2025, 1, 2), date(2025, 1, 3))]
    assert _text_order(periods) == sorted(periods)
    assert _text_order([("a", 2), (None, 5)]) == [(None, 5), ("a", 2)]  # nothing before something
    assert qt_sort_key((1.5, "x")) == (1.5, "x")  # left alone when it cannot be encoded
    assert qt_sort_key(7) == 7 and qt_sort_key("abc") == "abc"


def test_plain_proxy_sorts_a_model_with_tuple_keys(qapp) -> None:  # noqa: ANN001
    model = TeamsTableModel()
    model.set_rows([TeamRow("a", "Tech", 1, (), True), TeamRow("b", "Billing", 2, ("Bo",), True),
                    TeamRow("c", "Archive", 0, (), False), TeamRow("d", "retention", 5, (), True)])
    assert isinstance(model.index(0, TeamsTableModel.NAME).data(SORT_ROLE), str)
    proxy = QSortFilterProxyModel()
    proxy.setSortRole(SORT_ROLE)
    proxy.setSourceModel(model)
    proxy.sort(TeamsTableModel.NAME)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["Billing", "retention", "Tech", "Archive (inactive)"]
    proxy.sort(TeamsTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "Archive (inactive)"
