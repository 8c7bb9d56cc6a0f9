"""Sniffing at its boundaries: the preamble limit, how wide and how texty a header must be, delimiter and decimal
ties, the sample's limits, line endings kept in cells, the spreadsheet path and the progress fraction."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from coachdesk.importers.sniff import (
    MAX_PREAMBLE,
    REPEATED_HEADER,
    TOTALS,
    SkipLog,
    Table,
    TableError,
    find_header,
    normalise_header,
    sniff_decimal,
    sniff_delimiter,
)

DATA = [["Ann", "300", "4.5"], ["Bob", "250", "4.1"], ["Cid", "410", "3.9"]]


def write(tmp_path: Path, data: bytes | str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def write_book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A minimal XLSX with one worksheet per entry (inline strings and numbers); a None row or cell is not written,
    as Excel leaves out empty rows and cells."""
    def cell(value: object, ref: str) -> str:
        if value is None:
            return ""
        if isinstance(value, int | float):
            return f"<c r='{ref}' t='n'><v>{value}</v></c>"
        return f"<c r='{ref}' t='inlineStr'><is><t>{escape(str(value))}</t></is></c>"

    ns = "http://schemas.openxmlformats.org"
    kinds = "".join(f"<Override PartName='/xl/worksheets/sheet{i}.xml' ContentType='application/vnd.openxmlformats-"
                    "officedocument.spreadsheetml.worksheet+xml'/>" for i in range(1, len(sheets) + 1))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", f"<?xml version='1.0'?><Types xmlns='{ns}/package/2006/content-types'>"
                   "<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
                   "<Default Extension='xml' ContentType='application/xml'/><Override PartName='/xl/workbook.xml' "
                   "ContentType='application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'/>"
                   f"{kinds}</Types>")
        z.writestr("_rels/.rels", f"<?xml version='1.0'?><Relationships xmlns='{ns}/package/2006/relationships'>"
                   f"<Relationship Id='rId1' Type='{ns}/officeDocument/2006/relationships/officeDocument' "
                   "Target='xl/workbook.xml'/></Relationships>")
        entries = "".join(f"<sheet name='{name}' sheetId='{i}' r:id='rId{i}'/>" for i, name in enumerate(sheets, 1))
        z.writestr("xl/workbook.xml", f"<?xml version='1.0'?><workbook xmlns='{ns}/spreadsheetml/2006/main' "
                   f"xmlns:r='{ns}/officeDocument/2006/relationships'><sheets>{entries}</sheets></workbook>")
        links = "".join(f"<Relationship Id='rId{i}' Type='{ns}/officeDocument/2006/relationships/worksheet' "
                        f"Target='worksheets/sheet{i}.xml'/>" for i in range(1, len(sheets) + 1))
        z.writestr("xl/_rels/workbook.xml.rels",
                   f"<?xml version='1.0'?><Relationships xmlns='{ns}/package/2006/relationships'>{links}"
                   "</Relationships>")
        for i, rows in enumerate(sheets.values(), 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml",
                       "<?xml version='1.0' encoding='UTF-8'?><worksheet xmlns='http://schemas.openxmlformats.org/"
                       "spreadsheetml/2006/main'><sheetData>" + "".join(
                           f"<row r='{n}'>{''.join(cell(v, f'{chr(65 + c)}{n}') for c, v in enumerate(row))}</row>"
                           for n, row in enumerate(rows, 1) if row is not None)
                       + "</sheetData></worksheet>")
    return path


# -- the header ---------------------------------------------------------------------------------------------------

def test_the_header_may_follow_at_most_max_preamble_lines() -> None:
    preamble = [[f"Filter {n}"] for n in range(MAX_PREAMBLE)]
    assert find_header(preamble + [["Agent", "AHT", "CSAT"]] + DATA) == MAX_PREAMBLE
    with pytest.raises(TableError, match="no header row"):
        find_header(preamble + [["One filter too many"], ["Agent", "AHT", "CSAT"]] + DATA)


def test_blank_records_do_not_count_towards_the_preamble() -> None:
    preamble = [[f"Filter {n}"] for n in range(MAX_PREAMBLE)] + [["", ""], []]
    assert find_header(preamble + [["Agent", "AHT", "CSAT"]] + DATA) == MAX_PREAMBLE + 2


@pytest.mark.parametrize("before", [
    ["2025", "11", "17"],                         # numbers are not labels
    ["1:30", "2:00", "0:45"],                     # nor are durations
    ["2025-11-17", "2025-11-18", "2025-11-19"],   # nor dates
    ["Week", "46", "2025"],                       # one label of three is not a header
])
def test_a_row_of_figures_before_the_header_is_not_taken_for_it(before) -> None:
    assert find_header([before, ["Agent", "AHT", "CSAT"]] + DATA) == 1


def test_spreadsheet_numbers_are_not_labels() -> None:
    assert find_header([[2025.0, 11.0, 17.0], ["Agent", "AHT", "CSAT"], ["Ann", 300.0, 4.5]]) == 1


def test_a_header_needs_half_the_data_width() -> None:
    wide = ["Agent", "Team", "AHT", "CSAT", "Calls", "Hold"]
    data = [["Ann", "A", "300", "4.5", "12", "30"]] * 3
    assert find_header([["Weekly report", "Team A"], wide] + data) == 1  # 2 of 6: a title, not the header
    assert find_header([["Weekly report", "Team A", "Site"], wide] + data) == 0  # 3 of 6 may be one


def test_a_header_needs_three_fifths_labels() -> None:
    data = [["Ann", "12", "4.5", "300", "310"]] * 3
    assert find_header([["Agent", "Team", "Quarter", "2024", "2025"]] + data) == 0  # 3 of 5 labels
    with pytest.raises(TableError, match="no header row"):
        find_header([["Agent", "2023", "Quarter", "2024", "2025"]] + data)  # 2 of 5


def test_a_hint_recognising_one_name_picks_that_candidate() -> None:
    records = [["Weekly report", "Team A", "Site"], ["Agent", "AHT", "CSAT"]] + DATA
    assert find_header(records) == 0
    assert find_header(records, lambda cells: int("Agent" in cells)) == 1
    assert find_header(records, lambda cells: 0) == 0


def test_normalise_header_drops_a_bom_anywhere() -> None:
    assert normalise_header("Handle\ufeffTime") == "handletime"


# -- delimiters and decimals --------------------------------------------------------------------------------------

def test_one_record_with_one_delimiter_is_enough() -> None:
    assert sniff_delimiter("Agent;AHT\n") == ";"


def test_a_semicolon_file_with_decimal_commas() -> None:
    assert sniff_delimiter("Agent;AHT\nAnn;1,5\nBob;2,5\n") == ";"


def test_single_cell_preamble_lines_do_not_make_a_delimiter() -> None:
    assert sniff_delimiter("Report\nTeam A\nExported\nAgent;AHT\nAnn;300\nBob, Jr;250\nCid;120\n") == ";"


def test_equally_good_delimiters_go_by_preference() -> None:
    assert sniff_delimiter("Name,Note;x\nA,b;c\n") == ","
    assert sniff_delimiter("Name;Note\tx\nA;b\tc\n") == ";"


def test_only_the_first_200_records_choose_the_delimiter() -> None:
    assert sniff_delimiter("a,b;c\n" * 200 + "a;b\n") == ","
    assert sniff_delimiter("a,b;c\n" * 199 + "a;b\n" * 2) == ";"


@pytest.mark.parametrize("cells, mark", [
    (["1,5", "2.5"], "."),                        # a tie is a dot
    (["1,5", "2,5", "3.5"], ","),
    (["1,5", "2,5", "3.5", "4.5", "5.5"], "."),
    (["1,5", "2,5", "3,5", "4.5", "5.5"], ","),
    (["-12,5", "-3,25", "+1.5"], ","),            # signed numbers count
])
def test_the_decimal_mark_is_the_majority(cells, mark) -> None:
    assert sniff_decimal([[c] for c in cells]) == mark


# -- delimited files through Table --------------------------------------------------------------------------------

def test_table_info_names_the_file_and_its_size(tmp_path) -> None:
    path = write(tmp_path, "Agent,AHT\nAnn,300\n")
    table = Table(path)
    assert (table.info.file, table.info.path, table.info.size) == ("export.csv", str(path), 18)
    assert table.info.decimal == "." and table.info.kind == "delimited" and table.info.delimiter == ","
    assert table.fraction == 0.0
    list(table.rows())
    assert table.fraction == 1.0


def test_the_decimal_mark_is_read_from_the_data_rows_only(tmp_path) -> None:
    assert Table(write(tmp_path, "Agent;AHT\nAnn;1,5\n"), delimiter=";").info.decimal == ","
    assert Table(write(tmp_path, "Agent;AHT\nAnn;1,5\nBob;2,5\nCid;3.5\n"), delimiter=";").info.decimal == ","
    first_400 = "Agent;AHT\n" + "A;1,5\n" * 200 + "B;2.5\n" * 199 + "C;3.5\n" * 5
    assert Table(write(tmp_path, first_400), delimiter=";").info.decimal == ","


def test_old_mac_line_endings(tmp_path) -> None:
    table = Table(write(tmp_path, "Agent,AHT\rAnn,300\rBob,250\r"))
    assert table.info.header == ("Agent", "AHT")
    assert [cells for _row, cells in table.rows()] == [["Ann", "300"], ["Bob", "250"]]


def test_a_header_cell_spanning_lines_is_recognised_when_repeated(tmp_path) -> None:
    text = 'Agent,"Handle\r\nTime"\r\nAnn,300\r\nAgent,"Handle\r\nTime"\r\nBob,250\r\n'
    table = Table(write(tmp_path, text))
    assert table.info.header == ("Agent", "Handle\r\nTime")
    skipped = SkipLog()
    assert [cells[0] for _row, cells in table.rows(skipped)] == ["Ann", "Bob"]
    assert skipped.counts == {REPEATED_HEADER: 1}


def test_leading_blank_lines_keep_the_line_numbers(tmp_path) -> None:
    table = Table(write(tmp_path, "\n\nAgent,AHT\nAnn,300\n"))
    assert table.info.header_row == 3 and [row for row, _cells in table.rows()] == [4]


def test_a_bom_is_dropped_and_the_first_letter_kept_when_the_encoding_is_given(tmp_path) -> None:
    path = write(tmp_path, "\ufeffXYZ Corp call report\nAgent,AHT\nAnn,300\n")
    table = Table(path, encoding="utf-8")
    assert table.info.preamble == ("XYZ Corp call report",) and table.info.encoding_note == "given"


def test_a_stray_bom_in_a_header_cell_is_dropped(tmp_path) -> None:
    assert Table(write(tmp_path, "Agent,\ufeffAHT\nAnn,300\n")).info.header == ("Agent", "AHT")


def test_preamble_cells_are_joined_with_a_space(tmp_path) -> None:
    table = Table(write(tmp_path, "Date:,11/17/2025\nAgent,AHT,ACW\nAnn,300,20\n"))
    assert table.info.preamble == ("Date: 11/17/2025",) and table.info.header_row == 2


def test_the_hint_chooses_the_header_of_a_delimited_file(tmp_path) -> None:
    path = write(tmp_path, "Weekly report,Team A,Site B\nAgent,AHT,CSAT\nAnn,300,4.5\n")
    assert Table(path).info.header == ("Weekly report", "Team A", "Site B")
    hinted = Table(path, header_hint=lambda cells: int("Agent" in cells))
    assert hinted.info.header == ("Agent", "AHT", "CSAT") and hinted.info.preamble == ("Weekly report Team A Site B",)


def test_rows_tick_every_2000_records_by_default(tmp_path) -> None:
    table = Table(write(tmp_path, "Agent,AHT\n" + "Ann,300\n" * 4500))
    ticks: list[int] = []
    assert sum(1 for _ in table.rows(tick=ticks.append)) == 4500
    assert ticks == [2000, 2000, 500]


def test_totals_rows_are_skipped_with_their_row_even_when_indented(tmp_path) -> None:
    table = Table(write(tmp_path, "Agent,AHT\nAnn,300\nBob,250\n  Total,275\nCid,100\nTotal,225\n"))
    skipped = SkipLog()
    assert [cells[0] for _row, cells in table.rows(skipped)] == ["Ann", "Bob", "Cid"]
    assert skipped.counts == {TOTALS: 2} and skipped.rows[TOTALS] == [4, 6]


def test_an_ole_spreadsheet_under_a_csv_name_is_read_as_a_spreadsheet(tmp_path) -> None:
    path = write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, name="export.csv")
    with pytest.raises(TableError, match="spreadsheet"):
        Table(path)


# -- spreadsheets -------------------------------------------------------------------------------------------------

def test_a_spreadsheet_has_no_encoding_or_delimiter_and_may_be_named_csv(tmp_path) -> None:
    path = write_book(tmp_path / "export.csv", {"Agents": [["Agent", "AHT"], ["Ann", 300]]})
    table = Table(path)
    assert table.info.kind == "spreadsheet" and table.info.sheet == "Agents"
    assert (table.info.encoding, table.info.delimiter, table.info.encoding_note) == ("", ",", "")


def test_the_sheet_asked_for_is_read(tmp_path) -> None:
    path = write_book(tmp_path / "export.xlsx", {"Agents": [["Agent", "AHT"], ["Ann", 300], ["Bob", 250]],
                                                 "Calls": [["Caller", "Length"], ["Cid", 90], ["Dee", 80]]})
    assert Table(path).info.header == ("Agent", "AHT")
    table = Table(path, sheet="Calls")
    assert table.info.header == ("Caller", "Length") and table.info.sheet == "Calls"
    assert [cells[0] for _row, cells in table.rows()] == ["Cid", "Dee"]


def test_the_hint_chooses_the_header_of_a_spreadsheet(tmp_path) -> None:
    path = write_book(tmp_path / "export.xlsx", {"Agents": [["Weekly report", "Team A", "Site B"],
                                                            ["Agent", "AHT", "CSAT"], ["Ann", 300, 4.5]]})
    assert Table(path).info.header_row == 1
    assert Table(path, header_hint=lambda cells: int("Agent" in cells)).info.header_row == 2


def test_a_long_spreadsheet_and_its_progress(tmp_path) -> None:
    path = write_book(tmp_path / "export.xlsx", {"Agents": [["Agent", "AHT"]] + [[f"A{n}", n] for n in range(450)]})
    table = Table(path)
    assert table.info.header == ("Agent", "AHT") and table.fraction == 0.0
    fractions = [table.fraction for _ in table.rows()]
    assert len(fractions) == 450
    assert 0 < fractions[0] < 0.05 and fractions == sorted(fractions) and fractions[-2] < 1.0
    assert table.fraction == 1.0


def test_a_spreadsheet_with_numbers_in_its_first_column(tmp_path) -> None:
    path = write_book(tmp_path / "export.xlsx", {"Agents": [["Agent id", "AHT"], [101, 300], [102, 250]]})
    assert [cells for _row, cells in Table(path).rows()] == [[101.0, 300.0], [102.0, 250.0]]


def test_a_spreadsheet_damaged_after_it_was_opened_is_refused_in_words(tmp_path) -> None:
    path = write_book(tmp_path / "export.xlsx", {"Agents": [["Agent", "AHT"], ["Ann", 300]]})
    table = Table(path)
    path.write_bytes(b"PK\x03\x04 no longer a zip")
    with pytest.raises(TableError, match="^is not a readable spreadsheet"):
        list(table.rows())


def test_a_sheet_whose_data_starts_below_and_right_of_a1_keeps_its_row_numbers(tmp_path) -> None:
    path = write_book(tmp_path / "export.xlsx", {"Agents": [None, None, [None, "Agent", "AHT"], [None, "Ann", 300],
                                                            None, [None, "Bob", 250]]})
    table = Table(path)
    assert table.info.header == ("Agent", "AHT") and table.info.header_row == 3
    assert [(row, cells) for row, cells in table.rows()] == [(4, ["Ann", 300.0]), (6, ["Bob", 250.0])]
    assert table.fraction == 1.0
