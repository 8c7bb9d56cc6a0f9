"""Boundaries of importers.sniff that the mutation run (issue 17) showed untested: how an encoding was found (as
the preview shows it), the NUL-byte share at exactly a quarter, the skip log's wording and row cap, note lines
under a header of exactly three columns, and the sample limit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coachdesk.importers.sniff import (
    BLANK,
    NOTE,
    REPEATED_HEADER,
    TOTALS,
    SkipLog,
    Table,
    TableError,
    _classify,
    _drop_torn_tail,
    _is_spreadsheet,
    _non_ascii_lines,
    _records,
    detect_encoding_how,
    normalise_header,
)


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data, found", [
    (b"\xef\xbb\xbfAgent,AHT\n", ("utf-8-sig", "UTF-8 (byte-order mark)")),
    (b"\xff\xfe" + "Agent,AHT\n".encode("utf-16-le"), ("utf-16", "UTF-16 (byte-order mark)")),
    ("Agent,AHT\n".encode("utf-16-le"), ("utf-16-le", "UTF-16-LE (no byte-order mark; NUL bytes every other byte)")),
    ("Agent,AHT\n".encode("utf-16-be"), ("utf-16-be", "UTF-16-BE (no byte-order mark; NUL bytes every other byte)")),
    ("Agent,AHT\nZoë,1\n".encode(), ("utf-8", "UTF-8")),
    # exactly a quarter of NUL bytes (2 of 8) is read as UTF-16; one fewer is not
    (b"A\x00BCD\x00EF", ("utf-16-le", "UTF-16-LE (no byte-order mark; NUL bytes every other byte)")),
    (b"\x00ABC", ("utf-16-be", "UTF-16-BE (no byte-order mark; NUL bytes every other byte)")),
    (b"ABCDEF\x00G", ("utf-8", "UTF-8")), (b"A\x00B", ("utf-8", "UTF-8")),
    (b"A\x00BCD\x00EFG", ("utf-16-le", "UTF-16-LE (no byte-order mark; NUL bytes every other byte)")),  # 2 >= 9 // 4
    # one more NUL on odd bytes than on even ones: little-endian
    (b"\x00\x00A\x00", ("utf-16-le", "UTF-16-LE (no byte-order mark; NUL bytes every other byte)")),
    # as many NULs on even as on odd bytes: big-endian
    (b"\x00A\x00BC\x00D\x00", ("utf-16-be", "UTF-16-BE (no byte-order mark; NUL bytes every other byte)")),
])
def test_detect_encoding_how_says_how(tmp_path, data, found):
    assert detect_encoding_how(write(tmp_path, data)) == found


def test_only_the_first_4096_bytes_decide_utf16(tmp_path):
    # NUL bytes after the first 4 KB do not make a file UTF-16 (NUL is valid UTF-8)
    assert detect_encoding_how(write(tmp_path, b"a" * 4096 + b"\x00" * 4096)) == ("utf-8", "UTF-8")
    # 513 NULs on odd and 512 on even bytes in the first 4096: little-endian; a NUL at byte 4097 does not count
    head = bytearray(b"a" * 4096)
    for index in range(1, 1027, 2):
        head[index] = 0
    for index in range(0, 1024, 2):
        head[index] = 0
    found = detect_encoding_how(write(tmp_path, bytes(head) + b"\x00" + b"a" * 100))
    assert found[0] == "utf-16-le"


def test_utf8_is_checked_to_the_end_and_from_the_start(tmp_path):
    # a UTF-8 file whose only non-ASCII character sits past the first 4 KB and past 1 MB still reads as UTF-8
    assert detect_encoding_how(write(tmp_path, b"a" * 5000 + "é".encode())) == ("utf-8", "UTF-8")
    assert detect_encoding_how(write(tmp_path, b"a" * (1 << 20) + "é".encode() + b"x" * 10)) == ("utf-8", "UTF-8")
    # a character cut at the very end is not UTF-8
    assert detect_encoding_how(write(tmp_path, b"Agent\n" + "é".encode()[:1]))[0] != "utf-8"
    # the first byte counts: a lone continuation byte at offset 0 is not UTF-8
    assert detect_encoding_how(write(tmp_path, b"\xe9" + b"a" * 100))[0] != "utf-8"
    # a lead byte at the end of a 2 MB chunk boundary followed by its continuation is still UTF-8
    body = b"a" * ((1 << 20) - 1) + "é".encode() + b"a" * 10
    assert detect_encoding_how(write(tmp_path, body)) == ("utf-8", "UTF-8")


def test_non_ascii_lines_keeps_only_those_up_to_the_limit():
    lines = b"ascii\n" + "é1\n".encode("cp1252") + b"more ascii\n" + "é2\n".encode("cp1252")
    assert _non_ascii_lines(io.BytesIO(lines)) == "é1\né2\n".encode("cp1252")
    assert _non_ascii_lines(io.BytesIO(lines), limit=3) == "é1\n".encode("cp1252")  # exactly the limit: stop
    assert _non_ascii_lines(io.BytesIO(lines), limit=4) == "é1\né2\n".encode("cp1252")


def test_normalise_header_drops_the_bom():
    assert normalise_header("\ufeffAgent Name") == "agent name"


def test_skip_log_words_and_keeps_five_rows():
    log = SkipLog()
    for row in range(1, 8):
        log.add(BLANK, row)
    log.add(NOTE, 20)
    log.add(NOTE, 21)
    log.add(TOTALS, 30)
    assert log.rows[BLANK] == [1, 2, 3, 4, 5] and log.total == 10
    assert log.lines() == ["7 blank rows (rows 1, 2, 3, 4, 5, ...)",
                           "2 note line (a single cell under a wider header) (rows 20, 21)",
                           "1 totals row (rows 30)"]
    five = SkipLog()
    for row in range(1, 6):
        five.add(REPEATED_HEADER, row)
    assert five.lines() == ["5 repeated header rows (rows 1, 2, 3, 4, 5)"]
    odd = SkipLog()
    odd.counts[BLANK] = 2
    assert odd.lines() == ["2 blank rows (rows , ...)"]


@pytest.mark.parametrize("cells, width, why", [
    (["Note", "", ""], 3, None), (["Note"], 3, NOTE), (["Note"], 2, None), (["Note", ""], 4, NOTE),
    (["Note", "", ""], 4, NOTE), (["Ann", 1, 2], 3, None), ([None, "", None], 3, BLANK), ([None, None, None], 3, BLANK), ([None, 0, None], 3, None),
    ([0, 0, 0], 3, None), (["", " ", "-"], 3, BLANK), (["-", "x", "y"], 3, None),
    (["", "Total", "1"], 3, TOTALS), (["", "", "Total"], 3, None), ([1, "Total", 2], 3, TOTALS),
    (["Agent", "AHT", "x"], 3, None), (["Agent", "AHT", "Date"], 3, REPEATED_HEADER),
    (["Agent", "X", "Date"], 3, None), (["X", "AHT", "Date"], 3, None),
])
def test_classify_rows(cells, width, why):
    assert _classify(cells, width, ["Agent", "AHT", "Date"][:width] + [""] * (width - 3)) == why


def test_sample_stops_at_the_limit(tmp_path):
    text = "Agent,AHT\n" + "".join(f"A{n},{n}\n" for n in range(250))
    table = Table(write(tmp_path, text.encode()))
    assert len(table.sample()) == 200 and len(table.sample(3)) == 3
    assert [cells[0] for _row, cells in table.sample(2)] == ["A0", "A1"]


def test_records_number_their_first_line_keep_crlf_in_cells_and_stop_at_the_limit():
    text = 'a,b\r\n"x\r\ny",z\r\nc,d\r\n'
    assert _records(text, ",", 10) == [(1, ["a", "b"]), (2, ["x\r\ny", "z"]), (4, ["c", "d"])]
    assert _records(text, ",", 1) == [(1, ["a", "b"])]


def test_a_path_that_cannot_be_opened_is_no_spreadsheet(tmp_path):
    assert _is_spreadsheet(tmp_path) is False and _is_spreadsheet(tmp_path / "missing.xlsx") is False
    assert _is_spreadsheet(write(tmp_path, b"PK\x03\x04rest")) is True


def test_bytes_invalid_in_the_given_encoding_are_replaced_not_fatal(tmp_path):
    table = Table(write(tmp_path, b"Agent,AHT\nAnn,1\nB\xffb,2\n"), encoding="utf-8")
    assert [cells[0] for _row, cells in table.rows()] == ["Ann", "B\ufffdb"]


def test_progress_fraction_grows_with_the_bytes_read(tmp_path):
    path = write(tmp_path, b"Agent,AHT\n" + b"Ann,1\n" * 70_000)
    table = Table(path)
    fractions = [table.fraction for _ in table.rows()]
    assert 0 < fractions[0] <= 0.5 and fractions == sorted(fractions)
    assert fractions[-1] >= 0.9 and table.fraction == 1.0


def test_drop_torn_tail_keeps_whole_lines_only():
    assert _drop_torn_tail("a\nb\nc") == "a\nb" and _drop_torn_tail("a\n") == "a"
    assert _drop_torn_tail("abc") == "abc" and _drop_torn_tail("\nabc") == "\nabc"


@pytest.mark.parametrize("delimiter, name", [(",", "comma-separated text"),
                                             (";", "semicolon-separated text"), ("\t", "tab-separated text"),
                                             ("|", "pipe-separated text"), (":", "delimited text")])
def test_an_unreadable_record_names_its_line_and_delimiter(tmp_path, delimiter, name):
    head = delimiter.join(["Agent", "AHT"]) + "\n" + delimiter.join(["Ann", "1"]) + "\n"
    table = Table(write(tmp_path, (head + 'Bob' + delimiter + '"' + "x" * 140_000 + '"\n').encode()),
                  delimiter=delimiter)
    with pytest.raises(TableError, match=f"^line 3: not readable as {name}: field larger than field limit"):
        list(table.rows())


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"), (b"  \n\t\n", "the file holds no text"),
    (b"just one line\n", "no row with two or more filled cells in the first rows: this is not a table"),
    (b"1,2\n3,4\n", "no header row found in the first rows (a row of column names such as Agent, Date, AHT)"),
])
def test_files_that_are_not_tables_say_so_in_full(tmp_path, data, message):
    with pytest.raises(TableError) as caught:
        Table(write(tmp_path, data))
    assert str(caught.value) == message


def test_a_given_encoding_is_noted_and_a_wrong_one_named(tmp_path):
    path = write(tmp_path, "Agent,AHT\nJosé,1\n".encode("cp1252"))
    info = Table(path, encoding="CP1252").info
    assert (info.encoding, info.encoding_note, info.kind, info.delimiter) == ("cp1252", "given", "delimited", ",")
    assert Table(path).info.encoding_note.startswith("not UTF-8")
    with pytest.raises(TableError) as caught:
        Table(path, encoding="klingon")
    assert str(caught.value) == ("'klingon' is not an encoding Python knows (such as utf-8, cp1252, cp1251, "
                                 "iso-8859-2, shift_jis, utf-16)")
    missing = tmp_path / "gone.csv"
    with pytest.raises(TableError) as caught:
        Table(missing)
    assert str(caught.value) == "cannot be read: No such file or directory"
