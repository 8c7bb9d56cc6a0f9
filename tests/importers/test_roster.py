"""Roster CSV parsing: encodings, delimiters, header synonyms, dates, roles and problems that name row and field."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from coachdesk.domain.enums import Role
from coachdesk.importers.roster import is_email_address, parse_role, parse_roster_text, read_roster


def write(tmp_path, data: bytes | str, name: str = "roster.csv"):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def reasons(parsed) -> list[str]:
    return [str(p) for p in parsed.problems]


def test_utf8_bom_and_comma(tmp_path):
    path = write(tmp_path, "\ufeffName,Email,Team\nZoë Ade,zoe@example.com,Alpha\n".encode())
    parsed = read_roster(path)
    assert parsed.encoding == "utf-8-sig" and parsed.delimiter == ","
    assert parsed.problems == ()
    assert parsed.rows[0].display_name == "Zoë Ade"
    assert parsed.columns == {"name": "Name", "email": "Email", "team": "Team"}


def test_cp1252_fallback_keeps_accents(tmp_path):
    path = write(tmp_path, "Agent Name;Team\nJosé Núñez;Équipe Ça\n".encode("cp1252"))
    parsed = read_roster(path)
    assert parsed.encoding == "cp1252" and parsed.delimiter == ";"
    assert (parsed.rows[0].display_name, parsed.rows[0].team) == ("José Núñez", "Équipe Ça")


def test_utf16_tab_text_from_excel(tmp_path):
    path = write(tmp_path, "Full name\tE-mail\r\nAnn Lee\tann@example.com\r\n".encode("utf-16"))
    parsed = read_roster(path)
    assert parsed.delimiter == "\t"
    assert (parsed.rows[0].display_name, parsed.rows[0].email) == ("Ann Lee", "ann@example.com")


def test_semicolons_with_quoted_commas_are_not_mistaken_for_the_delimiter(tmp_path):
    text = 'Name;Team;Aliases\n"Smith, John";"Billing, North";"J. Smith|Johnny, S"\n"Lee; Ann";Alpha;\n'
    parsed = read_roster(write(tmp_path, text))
    assert parsed.delimiter == ";"
    assert [(r.display_name, r.team) for r in parsed.rows] == [("Smith, John", "Billing, North"),
                                                               ("Lee; Ann", "Alpha")]
    assert parsed.rows[0].aliases == ("J. Smith", "Johnny, S")


def test_commas_with_quoted_semicolons(tmp_path):
    text = 'name,email,role\n"Ann; the second",ann@example.com,agent\nBob,bob@example.com,coach\n'
    parsed = parse_roster_text(text)
    assert parsed.delimiter == ","
    assert [r.display_name for r in parsed.rows] == ["Ann; the second", "Bob"]


def test_header_synonyms_and_joined_names_and_ids(tmp_path):
    text = ("First Name,Surname,E-Mail Address,ACD ID,Employee No,Payroll Number,Team Name,Job Role,Start,"
            "End Date,AKA,Shift\n"
            'Ann,Lee,ann@example.com,="00123",E-9,P-1,Alpha,TL,2024-01-02,2024-12-31,Annie | A. Lee,Early\n')
    parsed = parse_roster_text(text)
    assert parsed.problems == ()
    assert parsed.ignored_columns == ("Shift",)
    row = parsed.rows[0]
    assert (row.display_name, row.given_name, row.family_name) == ("Ann Lee", "Ann", "Lee")
    assert row.external_ids == (("acd", "00123"), ("employee", "E-9"), ("payroll", "P-1"))
    assert (row.team, row.role) == ("Alpha", Role.TEAM_LEADER)
    assert (row.start_date, row.end_date) == (date(2024, 1, 2), date(2024, 12, 31))
    assert row.aliases == ("Annie", "A. Lee")


def test_full_name_wins_over_first_and_last(tmp_path):
    parsed = parse_roster_text("Display name,First name,Last name\nAnnie Lee,Ann,Lee\n")
    assert (parsed.rows[0].display_name, parsed.rows[0].given_name) == ("Annie Lee", "Ann")


def test_blank_rows_are_skipped_and_rows_are_file_lines(tmp_path):
    text = 'Name,Email\n\nAnn,ann@example.com\n , \n"Bob\nBrown",bob@\nCarl,carl@example.com\n'
    parsed = parse_roster_text(text)
    assert [(r.line, r.display_name) for r in parsed.rows] == [(3, "Ann"), (5, "Bob Brown"), (7, "Carl")]
    assert reasons(parsed) == ["roster.csv row 5, field email: 'bob@' is not an e-mail address"]


def test_preamble_above_the_header_is_skipped():
    text = "Roster export\nGenerated 2024-03-01,by WFM\n\nAgent,Team\nAnn,Alpha\n"
    parsed = parse_roster_text(text)
    assert [(r.line, r.display_name, r.team) for r in parsed.rows] == [(5, "Ann", "Alpha")]


def test_header_on_the_first_line_needs_no_preamble():
    parsed = parse_roster_text("name\nAnn\n")
    assert [(r.line, r.display_name) for r in parsed.rows] == [(2, "Ann")]


def test_roles_are_case_and_spacing_insensitive_synonyms():
    assert parse_role("Team Leader") == parse_role("team-leader") == parse_role(" TL ") == Role.TEAM_LEADER
    assert parse_role("QA") == parse_role("Quality Specialist") == Role.QUALITY_SPECIALIST
    assert parse_role("Ops Manager") == parse_role("operations_manager") == Role.OPERATIONS_MANAGER
    assert parse_role("Trainer") == Role.INSTRUCTOR and parse_role("AGENT") == Role.AGENT
    assert parse_role("pilot") is None
    parsed = parse_roster_text("Name,Role\nAnn,pilot\nBob,\n")
    assert reasons(parsed) == ["roster.csv row 2, field role: 'pilot' is not a known role (one of: agent, team "
                               "leader, coach, quality specialist, instructor, operations manager)"]
    assert [r.role for r in parsed.rows] == [None, None]


def test_day_month_order_is_decided_from_the_whole_file():
    parsed = parse_roster_text("Name,Start date,End date\nAnn,03/04/2024,\nBob,01/02/2024,25/12/2024\n")
    assert parsed.problems == () and parsed.date_order == "dmy"
    assert parsed.rows[0].start_date == date(2024, 4, 3)
    assert parsed.rows[1].end_date == date(2024, 12, 25)


def test_month_day_order_is_decided_from_the_whole_file():
    parsed = parse_roster_text("Name,Start date\nAnn,03/04/2024\nBob,12/31/2024\n")
    assert parsed.date_order == "mdy"
    assert [r.start_date for r in parsed.rows] == [date(2024, 3, 4), date(2024, 12, 31)]


def test_ambiguous_dates_are_refused_unless_an_order_is_given():
    text = "Name,Start date\nAnn,03/04/2024\nBob,05/06/2024\nCarl,07/07/2024\nDee,2024-01-31\n"
    parsed = parse_roster_text(text)
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert (problem.row, problem.field) == (2, "start date")
    assert "'03/04/2024' could be 3 April 2024 or 4 March 2024 (and 1 more dates in this file)" in problem.reason
    assert "YYYY-MM-DD" in problem.reason
    assert parsed.rows[3].start_date == date(2024, 1, 31)
    assert parsed.rows[2].start_date == date(2024, 7, 7)  # same day and month: not ambiguous
    resolved = parse_roster_text(text, date_order="MDY")
    assert resolved.problems == ()
    assert [r.start_date for r in resolved.rows[:2]] == [date(2024, 3, 4), date(2024, 5, 6)]


def test_mixed_orders_and_impossible_dates_are_problems():
    mixed = parse_roster_text("Name,Start date\nAnn,25/12/2024\nBob,12/25/2024\n")
    assert "mixes day/month/year dates ('25/12/2024' on row 2) and month/day/year dates" in reasons(mixed)[0]
    bad = parse_roster_text("Name,Start date,End date\nAnn,31/02/2024,\nBob,2024-13-01,\nCarl,soon,\n"
                            "Dee,5 Mar 2024,Mar 9 2024\nEd,2024-05-01,2024-04-01\n")
    assert reasons(bad) == [
        "roster.csv row 2, field start date: '31/02/2024' is not a real calendar date (read as day/month/year)",
        "roster.csv row 3, field start date: '2024-13-01' is not a real calendar date",
        "roster.csv row 4, field start date: 'soon' is not a date (write it as YYYY-MM-DD, D/M/YYYY or M/D/YYYY)",
        "roster.csv row 6, field end date: the end date 2024-04-01 is before the start date 2024-05-01",
    ]
    assert (bad.rows[3].start_date, bad.rows[3].end_date) == (date(2024, 3, 5), date(2024, 3, 9))


def test_bad_email_names_row_and_field(tmp_path):
    parsed = read_roster(write(tmp_path, "Name,Email\nAnn,ann@example.com\nBob,bob@\n"))
    assert reasons(parsed) == ["roster.csv row 3, field email: 'bob@' is not an e-mail address"]
    assert is_email_address("a.b+c@mail.example.co.uk")
    assert not any(map(is_email_address, ["bob@", "@x.com", "a@b", "a b@x.com", "a@@x.com", "a@x..com"]))


def test_duplicates_inside_the_file_and_missing_names():
    text = "Name,First name,Agent ID,Email\nAnn,,1,a@example.com\nBob,,1,A@example.com\n,,3,\n"
    assert reasons(parse_roster_text(text)) == [
        "roster.csv row 3, field acd id: '1' is also on row 2",
        "roster.csv row 3, field email: 'A@example.com' is also on row 2",
        "roster.csv row 4, field name: no name: fill in the name, or the first and last name",
    ]


def test_files_that_are_not_rosters_are_problems_not_exceptions(tmp_path):
    assert reasons(read_roster(tmp_path / "missing.csv"))[0].startswith("missing.csv, field file: cannot be read")
    assert reasons(read_roster(tmp_path))[0].startswith(f"{tmp_path.name}, field file: cannot be read")
    assert reasons(parse_roster_text("")) == ["roster.csv, field file: the file is empty"]
    assert "no header row found" in reasons(parse_roster_text("Shift,Desk\nEarly,4\n"))[0]
    assert "header but no people" in reasons(parse_roster_text("Name,Email\n\n"))[0]
    assert "more than one column means email" in reasons(parse_roster_text("Name,Email,E-mail\nAnn,,\n"))[0]
    assert read_roster(write(tmp_path, b"\x00\x01\xff\xfe garbage")).problems


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('Name,;\t"|\n\r /-0123456789aé@.TLagent')), max_size=200))
def test_parsing_never_raises(text):
    parsed = parse_roster_text("Name,Email,Role,Start date,End date\n" + text)
    assert all(p.row >= 0 for p in parsed.problems)
    assert all(r.display_name for r in parsed.rows)
