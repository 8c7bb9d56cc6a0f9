"""The pass before reading values: which cells count as bare numbers of a percentage column, and that the pass stops
as soon as nothing is left to decide."""

from __future__ import annotations

from coachdesk.importers import mapping as m
from coachdesk.importers.mapping import ColumnMap, KpiSpec, Mapping
from coachdesk.importers.prescan import _collect_bare, prescan


def test_bare_numbers_are_collected_up_to_the_limit() -> None:
    into: list[float] = []
    assert _collect_bare(into, "87", ".", 2) is True and _collect_bare(into, "1,500", ",", 2) is True
    assert into == [87.0, 1.5]  # the file's decimal comma
    assert _collect_bare(into, "90", ".", 2) is False and into == [87.0, 1.5]
    assert _collect_bare(into, "90", ".", 3) is True and into == [87.0, 1.5, 90.0]


def test_cells_that_are_not_bare_numbers_are_left_out() -> None:
    into: list[float] = []
    for raw in ("n/a", "", None, "87%", " 87 % ", "abc", '"n/a"', '="n/a"'):
        assert _collect_bare(into, raw, ".", 10) is False, raw
    assert into == []


def test_the_pass_stops_at_once_when_nothing_needs_deciding() -> None:
    kpis = {"AHT": KpiSpec("AHT", "Handle", "seconds")}
    mapping = Mapping(m.SUMMARY, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Day", 1, m.DATE),
                                  ColumnMap("AHT", 2, "kpi:AHT")))
    rows = iter([(n, ["Ann", "11/12/2025", "300"]) for n in range(2, 12)])
    decisions = prescan("f.csv", mapping, kpis, rows, ".", date_order="dmy")
    assert decisions.date_order == "dmy" and decisions.date_order_source == "given"
    assert len(list(rows)) == 9  # one row read: the order was given and there is no percentage column
    no_dates = Mapping(m.SUMMARY, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("AHT", 1, "kpi:AHT")))
    rows = iter([(n, ["Ann", "300"]) for n in range(2, 12)])
    assert prescan("f.csv", no_dates, kpis, rows, ".").date_order is None
    assert len(list(rows)) == 9
