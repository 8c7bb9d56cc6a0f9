"""A long file's periods and agents row by row: day, week and month columns, intervals, unreadable or empty dates
(each row its own problem, even when the same cell repeats), and rows that name no person."""

from __future__ import annotations

from datetime import date

import pytest

from tests.importers.test_shapes import by_key, kpis, read  # noqa: F401 - kpis is a fixture

COLUMNS = {"Agent": "agent_name", "KPI": "kpi_name", "Value": "value"}


def _long(date_header: str, dates: list[str]) -> str:
    return f"Agent,{date_header},KPI,Value\n" + "".join(f"Ann,{d},AHT,{300 + i}\n" for i, d in enumerate(dates))


def _mapping(date_header: str, unit: str | None = None) -> dict:
    field = {"field": "date", "unit": unit} if unit else "date"
    return {"shape": "long", "columns": {**COLUMNS, date_header: field}}


def test_each_row_of_a_day_column_is_that_day(tmp_path, kpis) -> None:  # noqa: F811
    figures, reader, _d = read(tmp_path, _long("Date", ["2025-01-02", "2025-01-03", "2025-01-02"]), kpis,
                               mapping=_mapping("Date"))
    assert [(f[0], f[3], f[4], f[5]) for f in figures] == [
        (2, date(2025, 1, 2), date(2025, 1, 2), 300), (3, date(2025, 1, 3), date(2025, 1, 3), 301),
        (4, date(2025, 1, 2), date(2025, 1, 2), 302)]
    assert reader.problems.kept == []


@pytest.mark.parametrize(("unit", "first", "last"), [
    ("week", date(2025, 1, 6), date(2025, 1, 12)),
    ("week_end", date(2024, 12, 31), date(2025, 1, 6)),
    ("month", date(2025, 1, 1), date(2025, 1, 31)),
])
def test_a_week_or_month_column_gives_the_whole_period(tmp_path, kpis, unit, first, last) -> None:  # noqa: F811
    figures, reader, _d = read(tmp_path, _long("Period", ["2025-01-06", "2025-01-06"]), kpis,
                               mapping=_mapping("Period", unit))
    assert [(f[0], f[3], f[4]) for f in figures] == [(2, first, last), (3, first, last)]
    assert reader.problems.kept == []


def test_unreadable_and_empty_dates_are_problems_on_each_row(tmp_path, kpis) -> None:  # noqa: F811
    dates = ["2025-01-02", "2025-02-30", "", "2025-02-30", "2025-01-03"]
    figures, reader, _d = read(tmp_path, _long("Date", dates), kpis, mapping=_mapping("Date"))
    assert [(f[0], f[3]) for f in figures] == [(2, date(2025, 1, 2)), (6, date(2025, 1, 3))]
    kept = reader.problems.kept
    assert [(p.row, p.column) for p in kept] == [(3, "Date"), (4, "Date"), (5, "Date")]
    assert kept[1].reason == "no date"
    assert kept[0].reason == kept[2].reason == "day is out of range for month"


def test_an_interval_column_dates_a_long_file(tmp_path, kpis) -> None:  # noqa: F811
    text = ("Agent,Interval Start,Interval End,KPI,Value\n"
            "Ann,2025-01-02 00:00,2025-01-04 00:00,AHT,300\n"   # ends at midnight: the 4th is not covered
            "Ann,2025-01-05 00:00,2025-01-04 00:00,AHT,301\n")  # ends before it starts
    mapping = {"shape": "long", "columns": {**COLUMNS, "Interval Start": "interval_start",
                                            "Interval End": "interval_end"}}
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    assert [(f[0], f[3], f[4]) for f in figures] == [(2, date(2025, 1, 2), date(2025, 1, 3))]
    assert [(p.row, p.column) for p in reader.problems.kept] == [(3, "Interval End")]


def test_rows_that_name_no_person_are_skipped_with_their_reason(tmp_path, kpis) -> None:  # noqa: F811
    text = ("Agent,Date,KPI,Value\n"
            "Ann,2025-01-02,AHT,300\n"
            "[Deleted],2025-01-02,AHT,301\n"
            ",2025-01-02,AHT,302\n"
            "[Deleted],2025-01-03,AHT,303\n"
            "Bob,2025-01-02,AHT,304\n")
    figures, reader, _d = read(tmp_path, text, kpis, mapping=_mapping("Date"))
    assert by_key(figures) == {("Ann", "AHT", date(2025, 1, 2), date(2025, 1, 2)): 300,
                               ("Bob", "AHT", date(2025, 1, 2), date(2025, 1, 2)): 304}
    reasons = {reason: rows for reason, rows in reader.skipped.rows.items()}
    assert sum(reader.skipped.counts.values()) == 3
    assert [rows for reason, rows in reasons.items() if "Deleted" in reason or "placeholder" in reason] == [[3, 5]]
    assert [rows for rows in reasons.values() if rows == [4]] == [[4]]


def test_a_long_file_without_a_date_column_takes_the_period_given(tmp_path, kpis) -> None:  # noqa: F811
    text = "Agent,KPI,Value\nAnn,AHT,300\nBob,AHT,310\n"
    period = (date(2025, 3, 1), date(2025, 3, 31))
    figures, reader, _d = read(tmp_path, text, kpis, mapping={"shape": "long", "columns": COLUMNS}, period=period)
    assert [(f[0], f[3], f[4], f[5]) for f in figures] == [
        (2, date(2025, 3, 1), date(2025, 3, 31), 300), (3, date(2025, 3, 1), date(2025, 3, 31), 310)]
    assert reader.problems.kept == []
