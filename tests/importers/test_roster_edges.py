"""The roster reader at its edges: encodings byte for byte, the delimiter when the header hides behind a preamble or
past the sniffed sample, the preamble limit, date order boundaries (12 and 13), size and name limits, and every
problem compared whole: file, row, field and sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coachdesk.importers.roster import (
    MAX_BYTES,
    MAX_PREAMBLE,
    RosterParse,
    RosterProblem,
    decode,
    parse_roster_text,
    read_roster,
    sniff_delimiter,
)

NO_HEADER = ("no header row found: the first rows need a name column, such as 'Name', 'Agent name', or "
             "'First name' and 'Last name'")


# -- decoding -------------------------------------------------------------------------------------------------------

def test_decode_names_each_encoding_and_replaces_bad_bytes_instead_of_failing() -> None:
    assert decode(b"Ann") == ("Ann", "utf-8")
    assert decode("Zoë".encode()) == ("Zoë", "utf-8")
    assert decode(b"\xef\xbb\xbfZo\xc3\xab \xff") == ("Zoë \ufffd", "utf-8-sig")  # a BOM, then a stray byte
    assert decode(b"\xff\xfeA\x00n\x00n\x00!") == ("Ann\ufffd", "utf-16")  # little-endian, cut off mid-character
    assert decode(b"\xfe\xff\x00A\x00n\x00n") == ("Ann", "utf-16")  # big-endian
    assert decode(b"Jos\xe9 \x81") == ("José \ufffd", "cp1252")  # 0x81 has no cp1252 character


def test_read_roster_reports_the_encoding_and_keeps_what_it_could_read(tmp_path: Path) -> None:
    path = tmp_path / "be.csv"
    path.write_bytes(b"\xfe\xff" + "Name;Team\r\nZoë;Ça\r\n".encode("utf-16-be"))
    parsed = read_roster(path)
    assert (parsed.encoding, parsed.delimiter, parsed.problems) == ("utf-16", ";", ())
    assert [(r.line, r.display_name, r.team) for r in parsed.rows] == [(2, "Zoë", "Ça")]


# -- delimiter and header -------------------------------------------------------------------------------------------

def test_the_delimiter_is_the_one_under_which_a_header_is_found_not_the_commonest_on_line_one() -> None:
    assert sniff_delimiter("Roster; v2; 2024-03-01\nName,Team\nAnn,Alpha\n") == ","
    assert sniff_delimiter("Roster, v2, 2024-03-01\n\nName;Team\nAnn;Alpha\n") == ";"
    assert sniff_delimiter("Roster, v2; 2024-03-01\nName\tTeam\nAnn\tAlpha\n") == "\t"
    parsed = parse_roster_text("Roster, v2, 2024-03-01\n\nName;Team\nAnn;Alpha\n")
    assert (parsed.delimiter, parsed.problems) == (";", ())
    assert [(r.line, r.display_name, r.team) for r in parsed.rows] == [(4, "Ann", "Alpha")]


def test_without_a_header_the_commonest_delimiter_on_the_first_line_is_kept() -> None:
    for delimiter in (",", ";", "\t"):
        text = f"Shift{delimiter}Desk{delimiter}Floor\nEarly{delimiter}4{delimiter}2\n"
        assert parse_roster_text(text, "s.csv") == RosterParse(
            "s.csv", problems=(RosterProblem("s.csv", 1, "header", NO_HEADER),), delimiter=delimiter)
    assert sniff_delimiter("") == sniff_delimiter(" \n\n") == ","


def test_the_header_may_follow_up_to_max_preamble_lines() -> None:
    preamble = "".join(f"Report line {n}, exported, by WFM\n" for n in range(1, MAX_PREAMBLE + 1))
    text = preamble + "\nName;Team\nAnn;Alpha\n"
    assert sniff_delimiter(text) == ";"
    parsed = parse_roster_text(text)
    assert parsed.problems == ()
    assert [(r.line, r.display_name, r.team) for r in parsed.rows] == [(MAX_PREAMBLE + 3, "Ann", "Alpha")]


def test_a_header_after_more_than_max_preamble_lines_is_not_found() -> None:
    too_long = "".join(f"Report line {n}, exported, by WFM\n" for n in range(1, MAX_PREAMBLE + 2))
    assert sniff_delimiter(too_long + "Name;Team\nAnn;Alpha\n") == ","  # from line one: the header is too far down
    plain = "".join(f"Report line {n}\n" for n in range(1, MAX_PREAMBLE + 2)) + "Name,Team\nAnn,Alpha\n"
    assert sniff_delimiter(plain) == ","
    assert parse_roster_text(plain, "r.csv") == RosterParse(
        "r.csv", problems=(RosterProblem("r.csv", 1, "header", NO_HEADER),), delimiter=",")


def test_only_the_first_64_kib_are_sniffed() -> None:
    line_one = "Roster, exported " + "x" * (65536 - 1 - len("Team;Nam") - len("Roster, exported "))
    text = f"{line_one}\nTeam;Name\nAnn;Alpha\n"
    assert text[:65536].endswith("\nTeam;Nam")  # the sample stops one letter short of the header's name column
    assert sniff_delimiter(text) == ","
    assert sniff_delimiter(text[1:]) == ";"  # one letter less on line one: the whole header is in the sample


def test_any_one_name_column_makes_the_header() -> None:
    parsed = parse_roster_text("Surname,Team\nLee,Alpha\n")
    row = parsed.rows[0]
    assert (row.display_name, row.given_name, row.family_name, row.team) == ("Lee", None, "Lee", "Alpha")
    row = parse_roster_text("Forename;Team\nAnn;Alpha\n").rows[0]
    assert (row.display_name, row.given_name, row.family_name) == ("Ann", "Ann", None)


def test_headers_are_reported_as_written_without_the_bom() -> None:
    parsed = parse_roster_text("\ufeffXID,Name,Team\nX1,Ann,Alpha\n")  # only the BOM goes, not the X after it
    assert parsed.columns == {"name": "Name", "team": "Team"}
    assert parsed.ignored_columns == ("XID",)
    quoted = parse_roster_text('"Agent\r\nName",Team\r\nAnn,Alpha\r\n')  # a header cell over two lines
    assert quoted.columns == {"name": "Agent\r\nName", "team": "Team"}
    assert [(r.line, r.display_name) for r in quoted.rows] == [(3, "Ann")]


def test_a_zero_width_no_break_space_inside_a_header_word_is_ignored() -> None:
    parsed = parse_roster_text("Name,Sur\ufeffname\nAnn,Lee\n")
    assert parsed.columns == {"name": "Name", "last name": "Sur\ufeffname"}
    assert parsed.rows[0].family_name == "Lee"


def test_old_mac_line_endings_are_lines() -> None:
    parsed = parse_roster_text("Name,Team\rAnn,Alpha\rBob,Beta\r")
    assert parsed.problems == ()
    assert [(r.line, r.display_name, r.team) for r in parsed.rows] == [(2, "Ann", "Alpha"), (3, "Bob", "Beta")]


def test_a_space_after_the_delimiter_does_not_break_quoting() -> None:
    parsed = parse_roster_text('Name, Team, Aliases\n"Lee, Ann", "Billing, North", "A. Lee|Annie"\n')
    assert parsed.problems == ()
    row = parsed.rows[0]
    assert (row.display_name, row.team, row.aliases) == ("Lee, Ann", "Billing, North", ("A. Lee", "Annie"))


# -- file-level problems --------------------------------------------------------------------------------------------

def test_an_empty_file_is_one_problem_on_the_whole_file() -> None:
    assert parse_roster_text(" \n\t\r\n", "x.csv") == RosterParse(
        "x.csv", problems=(RosterProblem("x.csv", 0, "file", "the file is empty"),))


def test_a_cell_too_large_for_csv_is_a_problem_not_an_exception() -> None:
    text = "Name,Team\nAnn," + "x" * 200_000 + "\n"
    assert parse_roster_text(text, "big.csv") == RosterParse("big.csv", problems=(RosterProblem(
        "big.csv", 0, "file", "is not a readable CSV file: field larger than field limit (131072)"),), delimiter=",")


def test_a_file_over_max_bytes_is_refused_unread_and_one_of_max_bytes_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert read_roster(big) == RosterParse(
        "big.csv", problems=(RosterProblem("big.csv", 0, "file", "the file is 20 MB; a roster should be far smaller"),))
    limit = tmp_path / "limit.csv"
    with limit.open("wb") as handle:
        handle.write(b"Name\nAnn\n")
        handle.truncate(MAX_BYTES)
    [problem] = read_roster(limit).problems  # read: its last line is one cell of NULs, too long for CSV
    assert (problem.row, problem.field) == (0, "file")
    assert problem.reason.startswith("is not a readable CSV file"), problem.reason


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    assert read_roster(tmp_path / "missing.csv") == RosterParse("missing.csv", problems=(RosterProblem(
        "missing.csv", 0, "file", "cannot be read: No such file or directory"),))
    assert read_roster("/") == RosterParse("/", problems=(RosterProblem("/", 0, "file", "cannot be read: Is a directory"),))


def test_read_roster_passes_everything_on(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Name,Start date,Shift\nAnn,03/04/2024,Early\n", encoding="utf-8")
    parsed = read_roster(path, date_order="mdy")
    assert parsed == RosterParse("r.csv", parsed.rows, (), {"name": "Name", "start date": "Start date"}, ("Shift",),
                                 "utf-8", ",", "mdy")
    assert parsed.rows[0].start_date == date(2024, 3, 4)


def test_a_header_with_no_people_names_the_header_line() -> None:
    assert parse_roster_text("Staff list\nName,Email\n\n ,\n", "p.csv").problems == (
        RosterProblem("p.csv", 2, "file", "the file has a header but no people"),)


def test_duplicate_columns_are_problems_on_the_header_line() -> None:
    parsed = parse_roster_text("Name,Email,E-mail,Agent ID,ACD\nAnn,ann@example.com,,1,\n", "d.csv")
    assert parsed.problems == (RosterProblem("d.csv", 1, "acd id", "more than one column means acd id; keep only one"),
                               RosterProblem("d.csv", 1, "email", "more than one column means email; keep only one"))
    assert parsed.columns == {"name": "Name", "email": "Email", "acd id": "Agent ID"}
    assert (parsed.rows[0].email, parsed.rows[0].external_ids) == ("ann@example.com", (("acd", "1"),))
    assert (parsed.file, parsed.encoding) == ("d.csv", "")
    later = parse_roster_text("Roster\n\nName,Name\nAnn,Ann\n", "d.csv")
    assert later.problems == (RosterProblem("d.csv", 3, "name", "more than one column means name; keep only one"),)


# -- rows -----------------------------------------------------------------------------------------------------------

def test_a_short_row_leaves_its_missing_cells_empty() -> None:
    parsed = parse_roster_text("Name,Email,Team,Aliases\nAnn\n")
    row = parsed.rows[0]
    assert parsed.problems == ()
    assert (row.email, row.team, row.aliases) == (None, None, ())


def test_a_nameless_row_is_skipped_and_the_rows_after_it_are_read() -> None:
    parsed = parse_roster_text("Name,Team\n,Alpha\nBob,Beta\n", "n.csv")
    assert [(r.line, r.display_name) for r in parsed.rows] == [(3, "Bob")]
    assert parsed.problems == (RosterProblem("n.csv", 2, "name", "no name: fill in the name, or the first and last name"),)


def test_repeated_ids_name_their_own_column_and_the_first_row() -> None:
    text = "Name,Employee ID,Payroll ID,Agent ID\nAnn,E1,P1,A1\nBob,e1,p1,A2\nCy,E2,P2,a1\n"
    assert parse_roster_text(text, "i.csv").problems == (
        RosterProblem("i.csv", 3, "employee id", "'e1' is also on row 2"),
        RosterProblem("i.csv", 3, "payroll id", "'p1' is also on row 2"),
        RosterProblem("i.csv", 4, "acd id", "'a1' is also on row 2"),
    )


def test_names_up_to_200_characters_are_fine_and_longer_ones_are_kept_with_a_problem() -> None:
    fine, long = "A" * 200, "B" * 201
    parsed = parse_roster_text(f"Name\n{fine}\n{long}\n", "l.csv")
    assert [r.display_name for r in parsed.rows] == [fine, long]
    assert parsed.problems == (RosterProblem("l.csv", 3, "name", "the name is 201 characters long; 200 at most"),)


def test_a_person_may_start_and_end_on_the_same_day() -> None:
    parsed = parse_roster_text("Name,Start date,End date\nAnn,2024-05-01,2024-05-01\nBob,2024-05-02,2024-05-01\n")
    assert [(r.start_date, r.end_date) for r in parsed.rows] == [(date(2024, 5, 1), date(2024, 5, 1)),
                                                                 (date(2024, 5, 2), date(2024, 5, 1))]
    assert [(p.row, p.field) for p in parsed.problems] == [(3, "end date")]


def test_aliases_drop_blanks_repeats_and_the_name_itself() -> None:
    parsed = parse_roster_text("Name,Aliases\nAnn Lee,Annie||ANNIE| ann  lee |A. Lee\nBob,\n")
    assert [r.aliases for r in parsed.rows] == [("Annie", "A. Lee"), ()]


def test_no_break_spaces_are_spaces() -> None:
    row = parse_roster_text("Name,Team\nAnn\xa0Lee,\xa0Alpha\xa0 North\xa0\n").rows[0]
    assert (row.display_name, row.team) == ("Ann Lee", "Alpha North")


# -- dates ----------------------------------------------------------------------------------------------------------

def test_13_decides_the_order_and_12_does_not() -> None:
    assert parse_roster_text("Name,Start date\nAnn,13/05/2024\n").rows[0].start_date == date(2024, 5, 13)
    assert parse_roster_text("Name,Start date\nAnn,05/13/2024\n").rows[0].start_date == date(2024, 5, 13)
    day_first = parse_roster_text("Name,Start date\nAnn,05/12/2024\nBob,13/05/2024\n")
    assert (day_first.date_order, day_first.problems) == ("dmy", ())
    assert day_first.rows[0].start_date == date(2024, 12, 5)
    month_first = parse_roster_text("Name,Start date\nAnn,12/05/2024\nBob,05/13/2024\n")
    assert (month_first.date_order, month_first.problems) == ("mdy", ())
    assert month_first.rows[0].start_date == date(2024, 12, 5)


def test_mixed_orders_are_one_problem_on_the_month_first_row() -> None:
    parsed = parse_roster_text("Name,Start date\nAnn,25/12/2024\nBob,12/25/2024\n", "m.csv")
    assert parsed.problems == (RosterProblem("m.csv", 3, "start date", (
        "this file mixes day/month/year dates ('25/12/2024' on row 2) and month/day/year dates ('12/25/2024' on "
        "row 3); use one order, or write dates as YYYY-MM-DD")),)
    assert parsed.date_order is None and [r.start_date for r in parsed.rows] == [None, None]


def test_an_impossible_date_says_which_order_it_was_read_in() -> None:
    parsed = parse_roster_text("Name,Start date\nAnn,12/31/2024\nBob,02/30/2024\n", "o.csv")
    assert parsed.problems == (RosterProblem(
        "o.csv", 3, "start date", "'02/30/2024' is not a real calendar date (read as month/day/year)"),)


def test_one_ambiguous_date_is_named_alone_and_settled_by_the_order_given() -> None:
    text = "Name,Start date\nAnn,03/04/2024\n"
    problem = RosterProblem("a.csv", 2, "start date", (
        "'03/04/2024' could be 3 April 2024 or 4 March 2024; write dates as YYYY-MM-DD or choose the day/month order"))
    assert parse_roster_text(text, "a.csv").problems == (problem,)
    unknown = parse_roster_text(text, "a.csv", date_order="ymd")  # not an order: as if none was given
    assert (unknown.problems, unknown.date_order, unknown.rows[0].start_date) == ((problem,), None, None)
    given = parse_roster_text(text, "a.csv", date_order="DMY")
    assert (given.problems, given.date_order, given.rows[0].start_date) == ((), "dmy", date(2024, 4, 3))
