"""Shape edges: a long file's unknown KPIs, unreadable, missing and out-of-range values with their rows; an
interaction log dated by an interval column or by an unreadable date."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.importers.shapes import NO_AGENT, NO_VALUES
from tests.importers.test_shapes import by_key, kpis, read  # noqa: F401 - kpis is a fixture

LONG = ("Agent,Date,KPI,Value\n"
        "Ann,2025-01-02,AHT,300\n"       # row 2
        "Ann,2025-01-02,Foo,1\n"         # row 3: not a KPI
        "Bob,2025-01-02,Foo,2\n"         # row 4
        "Ann,2025-01-02,Bar,3\n"         # row 5
        "Bob,2025-01-02,AHT,oops\n"      # row 6: unreadable
        "Cid,2025-01-02,AHT,\n"          # row 7: missing
        "Ann,2025-01-02,FCR,100%\n"      # row 8: the top of the range
        "Bob,2025-01-02,FCR,0%\n"        # row 9: the bottom
        "Cid,2025-01-02,FCR,100.5%\n"    # row 10: just above
        "Dee,2025-01-02,FCR,90%\n"
        "Eve,2025-01-02,FCR,91%\n")


def test_a_long_file_names_what_it_left_out_with_rows(tmp_path, kpis):  # noqa: F811
    figures, reader, _d = read(tmp_path, LONG, kpis)
    day = date(2025, 1, 2)
    values = by_key(figures)
    assert values[("Ann", "AHT", day, day)] == 300
    assert values[("Ann", "FCR", day, day)] == 1.0 and values[("Bob", "FCR", day, day)] == 0.0
    assert [w for w in reader.warnings if "not in the catalogue" in w] == [
        "KPI 'Foo' is not in the catalogue: 2 rows skipped (add the KPI, or rename it in the file)",
        "KPI 'Bar' is not in the catalogue: 1 row skipped (add the KPI, or rename it in the file)"]
    assert reader.skipped.counts["KPI not in the catalogue"] == 3
    problem = reader.problems.kept[0]
    assert (problem.row, problem.column) == (6, "Value") and "oops" in problem.reason
    assert reader.missing.counts["Value"] == 1 and reader.missing.first_row["Value"] == 7
    outside = [w for w in reader.warnings if "outside the range" in w]
    assert len(outside) == 1 and outside[0].startswith("column 'Value (FCR)': 1 value outside the range of FCR")
    assert "'100.5%' on row 10" in outside[0]
    assert reader.problems.kept[1:] == []  # 1 of 5 FCR values outside: not a column on another scale


def test_a_long_column_mostly_out_of_range_is_a_problem_on_its_first_row(tmp_path, kpis):  # noqa: F811
    text = "Agent,Date,KPI,Value\n" + "".join(f"A{i},2025-01-02,FCR,{150 + i}%\n" for i in range(4))
    _f, reader, _d = read(tmp_path, text, kpis)
    assert [(p.row, p.column) for p in reader.problems.kept] == [(2, "Value (FCR)")]
    assert reader.problems.kept[0].reason.startswith("4 of its 4 values lie outside the range of FCR")


def test_an_interaction_log_with_an_interval_column_is_dated_by_its_start(tmp_path, kpis):  # noqa: F811
    text = ("Call Id,Agent,Interval Start,Interval End,Talk\n"
            "1,Ann,2025-01-02 09:00,2025-01-02 09:30,60\n"
            "2,Ann,2025-01-02 10:00,2025-01-02 10:30,120\n"
            "3,Ann,2025-01-05 10:00,2025-01-04 10:30,30\n")
    mapping = {"shape": "interactions", "columns": {"Call Id": "call_id", "Agent": "agent_name",
                                                    "Interval Start": "interval_start",
                                                    "Interval End": "interval_end", "Talk": "talk"}}
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    day = date(2025, 1, 2)
    assert by_key(figures) == {("Ann", "ANSWERED", day, day): 2, ("Ann", "AHT", day, day): 90,
                               ("Ann", "TALK", day, day): 90}
    assert [p.row for p in reader.problems.kept] == [4]


def test_an_interaction_with_an_unreadable_date_is_a_problem_on_its_row(tmp_path, kpis):  # noqa: F811
    text = "Call Id,Agent,Date,Talk\n1,Ann,2025-01-02,60\n2,Ann,someday,30\n3,Ann,,30\n4,Ann,2025-01-02,90\n"
    mapping = {"shape": "interactions",
               "columns": {"Call Id": "call_id", "Agent": "agent_name", "Date": "date", "Talk": "talk"}}
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    day = date(2025, 1, 2)
    assert by_key(figures)[("Ann", "ANSWERED", day, day)] == 2
    kept = reader.problems.kept
    assert [(p.row, p.column) for p in kept] == [(3, "Date"), (4, "Date")] and kept[1].reason == "no date"


DERIVED = {"columns": {"Agent": "agent_name", "Date": "date", "Talk": {"field": "kpi:TALK", "unit": "minutes"},
                       "ACW": "kpi:ACW"},
           "derive": {"AHT": ["TALK", "ACW"]}}


def test_a_derived_kpi_adds_its_parts_and_counts_a_dash_as_no_time(tmp_path, kpis):  # noqa: F811
    text = ("Agent,Date,Talk,ACW\n"
            "Ann,2025-01-02,2,20\n"    # row 2: both parts
            "Bob,2025-01-02,2,-\n"     # row 3: a dash is no after-call work
            "Cid,2025-01-02,2,\n"      # row 4: an empty cell is not known: no AHT
            "Dee,2025-01-02,,-\n"      # row 5: no talk: no AHT
            "Eve,2025-01-02,1,--\n")   # row 6
    figures, reader, _d = read(tmp_path, text, kpis, mapping=DERIVED)
    day = date(2025, 1, 2)
    aht = {agent: v for (agent, code, _s, _e), v in by_key(figures).items() if code == "AHT"}
    assert aht == {"Ann": 140, "Bob": 120, "Eve": 60}
    assert by_key(figures)[("Bob", "TALK", day, day)] == 120
    assert reader.rules() == [
        "column 'Talk' (TALK): plain numbers read as minutes",
        "AHT = Talk + ACW (per-contact averages added) where the file gives no AHT column",
        "2 '-' cells in the ACW column read as no time (0) to add up AHT; first on row 3"]
    # the dashes and the empty cell are each a missing ACW; Dee's row has no value at all and is skipped
    assert reader.missing.counts["ACW"] == 3 and reader.missing.first_row["ACW"] == 3
    assert reader.skipped.counts[NO_VALUES] == 1 and "Talk" not in reader.missing.counts


def test_one_dash_is_told_in_the_singular(tmp_path, kpis):  # noqa: F811
    _f, reader, _d = read(tmp_path, "Agent,Date,Talk,ACW\nBob,2025-01-02,2,-\n", kpis, mapping=DERIVED)
    assert reader.rules()[-1] == "1 '-' cell in the ACW column read as no time (0) to add up AHT; first on row 2"


def test_a_transfer_count_becomes_a_rate_of_the_answered(tmp_path, kpis):  # noqa: F811
    mapping = {"columns": {"Agent": "agent_name", "Date": "date", "Answered": "kpi:ANSWERED",
                           "Transfers": "count:transferred"}}
    text = "Agent,Date,Answered,Transfers\nAnn,2025-01-02,20,5\nBob,2025-01-02,0,3\nCid,2025-01-02,10,lots\n"
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    rates = {agent: v for (agent, code, _s, _e), v in by_key(figures).items() if code == "TRANSFER"}
    assert rates == {"Ann": 0.25}
    assert [(p.row, p.column) for p in reader.problems.kept] == [(4, "Transfers")]


def test_summary_values_at_the_range_bounds_and_unreadable_cells(tmp_path, kpis):  # noqa: F811
    mapping = {"columns": {"Agent": "agent_name", "Date": "date", "FCR": "kpi:FCR", "AHT": "kpi:AHT"}}
    text = ("Agent,Date,FCR,AHT\nAnn,2025-01-02,100%,300\nBob,2025-01-02,0%,oops\nCid,2025-01-02,100.5%,300\n"
            "Dee,2025-01-02,90%,300\nEve,2025-01-02,80%,300\n")
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    day = date(2025, 1, 2)
    assert by_key(figures)[("Bob", "FCR", day, day)] == 0.0 and ("Bob", "AHT", day, day) not in by_key(figures)
    assert [(p.row, p.column) for p in reader.problems.kept] == [(3, "AHT")]
    assert "oops" in reader.problems.kept[0].reason
    outside = [w for w in reader.warnings if "outside the range" in w]
    assert len(outside) == 1 and outside[0].startswith("column 'FCR': 1 value outside") and "row 4" in outside[0]


def test_month_week_and_interval_periods(tmp_path, kpis):  # noqa: F811
    month = {"columns": {"Agent": "agent_name", "Month": {"field": "date", "unit": "month"}, "AHT": "kpi:AHT"}}
    figures, reader, _d = read(tmp_path, "Agent,Month,AHT\nAnn,Jan 2025,300\nBob,Someday,300\n", kpis,
                               mapping=month)
    assert list(by_key(figures)) == [("Ann", "AHT", date(2025, 1, 1), date(2025, 1, 31))]
    assert [(p.row, p.column) for p in reader.problems.kept] == [(3, "Month")]
    week = {"columns": {"Agent": "agent_name", "Week": {"field": "date", "unit": "week"}, "AHT": "kpi:AHT"}}
    figures, _r, _d = read(tmp_path, "Agent,Week,AHT\nAnn,2025-01-06,300\n", kpis, mapping=week)
    assert list(by_key(figures)) == [("Ann", "AHT", date(2025, 1, 6), date(2025, 1, 12))]
    start_only = {"columns": {"Agent": "agent_name", "From": {"field": "interval_start", "unit": "week"},
                              "AHT": "kpi:AHT"}}
    figures, _r, _d = read(tmp_path, "Agent,From,AHT\nAnn,2025-01-06,300\n", kpis, mapping=start_only)
    assert list(by_key(figures)) == [("Ann", "AHT", date(2025, 1, 6), date(2025, 1, 12))]


def test_an_interval_from_midnight_to_the_same_midnight_is_that_day(tmp_path, kpis):  # noqa: F811
    mapping = {"columns": {"Agent": "agent_name", "From": "interval_start", "To": "interval_end", "AHT": "kpi:AHT"}}
    text = "Agent,From,To,AHT\nAnn,2025-01-02 00:00,2025-01-02 00:00,300\nBob,2025-01-02,2025-01-03 00:00,300\n"
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    day = date(2025, 1, 2)
    assert by_key(figures) == {("Ann", "AHT", day, day): 300, ("Bob", "AHT", day, day): 300}
    assert reader.problems.kept == []


def test_leftovers_are_told_with_their_rows_and_messages(tmp_path, kpis):  # noqa: F811
    text = "Agent,Date,KPI,Value\n" + "".join(f"Ann,2025-01-02,K{i},1\n" for i in range(11)) + ",2025-01-02,AHT,1\n"
    _f, reader, _d = read(tmp_path, text, kpis)
    assert len([w for w in reader.warnings if "not in the catalogue" in w]) == 10  # the ten most common only
    assert reader.skipped.rows["KPI not in the catalogue"][0] == 2 and reader.skipped.rows[NO_AGENT] == [13]
    mapping = {"columns": {"Agent": "agent_name", "From": "interval_start", "To": "interval_end", "AHT": "kpi:AHT"}}
    _f, reader, _d = read(tmp_path, "Agent,From,To,AHT\nAnn,2021-01-05,2021-01-02,300\n", kpis, mapping=mapping)
    kept = reader.problems.kept[0]
    assert (kept.column, kept.reason) == ("To", "the interval ends (2021-01-02) before it starts (2021-01-05)")
    with pytest.raises(ValueError, match="^the file has no date or interval column, and no period was given$"):
        read(tmp_path, "Agent,AHT\nAnn,300\n", kpis, mapping={"columns": {"Agent": "agent_name", "AHT": "kpi:AHT"}})


def test_a_summary_column_mostly_out_of_range_says_so_in_full(tmp_path, kpis):  # noqa: F811
    text = "Agent,Date,FCR\nA,2025-01-02,150%\nB,2025-01-02,160%\nC,2025-01-02,170%\nD,2025-01-02,80%\n"
    _f, reader, _d = read(tmp_path, text, kpis, mapping={"columns": {"Agent": "agent_name", "Date": "date",
                                                                      "FCR": "kpi:FCR"}})
    assert [(p.row, p.column, p.reason) for p in reader.problems.kept] == [
        (2, "FCR", "3 of its 4 values lie outside the range of FCR: the column is on another scale than the KPI; "
                   "map it to another KPI, or state its scale in the mapping")]


def test_answered_contacts_without_a_talk_time_are_missing_cells(tmp_path, kpis):  # noqa: F811
    mapping = {"shape": "interactions", "columns": {"Call Id": "call_id", "Agent": "agent_name", "Date": "date",
                                                    "Answered": "answered", "Talk": "talk"}}
    text = "Call Id,Agent,Date,Answered,Talk\n1,Ann,2025-01-02,Y,60\n2,Ann,2025-01-02,Y,\n3,Ann,2025-01-02,Y,-\n"
    _f, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    assert reader.missing.counts["Talk"] == 2 and reader.missing.first_row["Talk"] == 3
