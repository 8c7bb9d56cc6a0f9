"""The kit's sort path: a plain ``RowTableModel`` gives the proxy its keys straight (no ``data`` call per
comparison) in the order ``data`` would give; a model with its own ``data`` still sorts through it; rows replaced,
added or removed re-sort by their new keys."""

from __future__ import annotations

import random
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from coachdesk.ui.kit import tables
from coachdesk.ui.kit.tables import SORT_ROLE


@dataclass(frozen=True)
class Row:
    uuid: str
    name: str
    team: str | None
    calls: int | None


def _team_key(row: Row) -> tuple:
    return (row.team is None, row.team or "", row.name.casefold())


class PlainModel(tables.ListModel):
    NAME, TEAM, CALLS = range(3)
    COLUMNS = (tables.Column("Name", lambda r: r.name),
               tables.Column("Team", lambda r: r.team or "", _team_key),
               tables.Column("Calls", lambda r: str(r.calls), lambda r: r.calls))  # None beside ints: a TypeError


class OwnDataModel(PlainModel):
    """The same rows through its own ``data`` (the generic path); ``reverse_names`` changes its name keys."""

    reverse_names = False

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201 - Qt override
        if role == SORT_ROLE and index.column() == self.NAME and self.reverse_names:
            return self.row_at(index.row()).name[::-1].casefold()  # names read backwards
        return super().data(index, role)


def _rows(count: int, seed: int = 3) -> list[Row]:
    rng = random.Random(seed)
    names = ["Zoë", "adam", "Adam", "Émile", "bea", "Chidi", "dana", "Ola"]
    return [Row(f"u{n}", f"{rng.choice(names)} {rng.randint(0, 40)}", rng.choice([None, "Billing", "sales", "Ops"]),
                rng.choice([None, 0, 5, 10, 100, -3])) for n in range(count)]


def _order(proxy: tables.SortProxy) -> list[str]:
    model = proxy.sourceModel()
    return [model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()).uuid for r in range(proxy.rowCount())]


def _sorted(model: tables.RowTableModel, column: int, order: Qt.SortOrder) -> tables.SortProxy:
    proxy = tables.SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(column, order)
    return proxy


def test_plain_models_sort_as_through_data_on_every_column_both_ways(qapp) -> None:  # noqa: ANN001
    rows = _rows(300)
    for column in range(3):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            fast, generic = _sorted(PlainModel(rows), column, order), _sorted(OwnDataModel(rows), column, order)
            assert fast._keys_of is not None and generic._keys_of is None  # noqa: SLF001 - the two paths
            assert _order(fast) == _order(generic) and len(set(_order(fast))) == 300


def test_sorting_a_plain_model_asks_data_for_no_sort_key(qapp, monkeypatch) -> None:  # noqa: ANN001
    asked: list[int] = []
    real = tables.ListModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN202
        asked.append(role)
        return real(self, index, role)

    monkeypatch.setattr(tables.ListModel, "data", counting)
    model = PlainModel(_rows(400))
    proxy = _sorted(model, PlainModel.TEAM, Qt.SortOrder.AscendingOrder)
    assert SORT_ROLE not in asked
    proxy.sort(PlainModel.NAME, Qt.SortOrder.AscendingOrder)
    assert SORT_ROLE not in asked
    proxy.sort(PlainModel.TEAM, Qt.SortOrder.AscendingOrder)
    names = [model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()) for r in range(400)]
    assert names == sorted(model.rows(), key=lambda r: tables.qt_sort_key(_team_key(r)))
    assert SORT_ROLE not in asked


def test_a_models_own_sort_keys_are_still_used(qapp) -> None:  # noqa: ANN001
    model = OwnDataModel([Row(f"u{n}", name, None, n) for n, name in enumerate(["Ann", "Bob", "Cal", "Deb"])])
    model.reverse_names = True
    proxy = _sorted(model, PlainModel.NAME, Qt.SortOrder.AscendingOrder)
    shown = [model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()).name for r in range(4)]
    assert shown == ["Deb", "Bob", "Cal", "Ann"]  # by the names backwards: "bed" < "bob" < "lac" < "nna"


def test_replaced_added_and_removed_rows_sort_by_their_new_keys(qapp) -> None:  # noqa: ANN001
    model = PlainModel([Row("a", "Adam", "x", 1), Row("b", "Bea", "x", 2), Row("c", "Chidi", "x", 3)])
    proxy = _sorted(model, PlainModel.NAME, Qt.SortOrder.AscendingOrder)
    assert _order(proxy) == ["a", "b", "c"]
    model.replace_row(0, Row("a", "Zoë", "x", 1))  # Adam renamed: he moves to the end
    assert _order(proxy) == ["b", "c", "a"]
    model.remove_row(1)  # Bea gone: Chidi and Zoë keep their keys, not the keys of the rows that were there
    assert _order(proxy) == ["c", "a"]
    model.append_row(Row("d", "Ada", "x", 0))
    assert _order(proxy) == ["d", "c", "a"]
    assert proxy.rowCount(QModelIndex()) == 3
