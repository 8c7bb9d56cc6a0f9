"""Spreadsheet rows through calamine: which sheet is read, what its sheets are called, and refusals in words."""

from __future__ import annotations

import sys

import pytest

from coachdesk.importers.spreadsheet import read_rows, sheet_names
from tests.importers.test_sniff_bounds import write_book


def test_the_first_sheet_with_more_than_one_row_is_read(tmp_path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Cover": [["Exported 2025-11-17"]], "Agents": [["Agent"], ["Ann"]],
                                               "Calls": [["Caller"], ["Cid"]]})
    rows = read_rows(path)
    assert rows.name == "Agents" and list(rows) == [(1, ["Agent"]), (2, ["Ann"])] and rows.total == 2
    assert sheet_names(path) == ["Cover", "Agents", "Calls"]


def test_with_no_sheet_of_two_rows_the_first_is_read(tmp_path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Cover": [["Exported"]], "Notes": [["Nothing yet"]]})
    rows = read_rows(path)
    assert rows.name == "Cover" and list(rows) == [(1, ["Exported"])]


def test_a_sheet_asked_for_by_name(tmp_path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Agents": [["Agent"], ["Ann"]], "Calls": [["Caller"], ["Cid"]]})
    assert read_rows(path, "Calls").name == "Calls"
    with pytest.raises(ValueError) as caught:
        read_rows(path, "Queues")
    assert str(caught.value) == "has no sheet named 'Queues' (sheets: Agents, Calls)"


def test_an_empty_sheet_yields_no_rows(tmp_path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Empty": []})
    rows = read_rows(path, "Empty")
    assert list(rows) == [] and rows.total == 0


def test_a_sheet_starting_in_column_b_is_numbered_from_row_1(tmp_path) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Agents": [[None, "Agent"], [None, "Ann"]]})
    rows = read_rows(path)
    assert list(rows) == [(1, ["Agent"]), (2, ["Ann"])] and rows.total == 2


def test_a_file_that_is_no_workbook_is_refused_in_words(tmp_path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    for read in (read_rows, sheet_names):
        with pytest.raises(ValueError, match="^is not a readable spreadsheet: "):
            read(path)


def test_a_workbook_without_sheets_is_refused_in_words(tmp_path) -> None:
    path = write_book(tmp_path / "book.xlsx", {})
    with pytest.raises(ValueError) as caught:
        read_rows(path)
    assert str(caught.value) == "holds no sheets"


def test_without_calamine_the_refusal_says_what_to_do(tmp_path, monkeypatch) -> None:
    path = write_book(tmp_path / "book.xlsx", {"Agents": [["Agent"], ["Ann"]]})
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # as if the package were not installed
    with pytest.raises(ValueError) as caught:
        read_rows(path)
    assert str(caught.value) == ("reading spreadsheets needs the python-calamine package; save the sheet as CSV "
                                 "or install python-calamine")
    with pytest.raises(ValueError) as caught:
        sheet_names(path)
    assert str(caught.value) == "reading spreadsheets needs the python-calamine package"
