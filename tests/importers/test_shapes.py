"""Rows to figures for every shape: summaries by interval, day or given period; long files; interaction logs
aggregated by the rules; non-agent rows, missing values and unreadable cells."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers.mapping import KpiSpec, parse_mapping, propose
from coachdesk.importers.shapes import NO_AGENT, NO_VALUES, NOT_PERSON, TEMPLATE, ShapeReader, non_agent_reason, prescan
from coachdesk.importers.sniff import SkipLog, Table

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kpis() -> dict[str, KpiSpec]:
    data = json.loads((ROOT / "resources" / "presets" / "kpi_catalogue.json").read_text(encoding="utf-8"))
    return {k["code"]: KpiSpec(k["code"], k["name"], k["unit"], k["aggregation"], k.get("weight_kpi"), k.get("scale"),
                           k.get("satisfaction_basis"))
            for k in data["kpis"]}


def read(tmp_path, text, kpis, mapping=None, date_order=None, period=None, name="f.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    table = Table(path)
    header = list(table.info.header)
    if mapping is None:
        mapping = propose(header, [c for _r, c in table.sample()], kpis)
    elif isinstance(mapping, dict):
        mapping = parse_mapping(mapping, header, kpis)
    decisions = prescan(path.name, mapping, kpis, table.rows(), table.info.decimal, date_order)
    reader = ShapeReader(path.name, mapping, kpis, table.info.decimal, decisions, period)
    skipped = SkipLog()
    figures = list(reader.figures(table.rows(skipped)))
    reader.skipped.counts.update(skipped.counts)
    return figures, reader, decisions


def by_key(figures):
    return {(agent[2] or agent[0], code, start, end): value for _row, agent, code, start, end, value in figures}


def test_agent_by_interval_summary(tmp_path, kpis):
    text = ("Interval Start,Interval End,Agent Id,Agent Name,Answered,Avg Handle,Avg Talk,Avg ACW,Transferred\n"
            ",,,,,,,,\n"
            "7/25/25 00:00,8/26/25 00:00,id-1,1 - New Hire Skills and Queues Template,,,,,\n"
            "7/25/25 00:00,8/26/25 00:00,id-2,Ann Lee,388, 00:14:33.768, 00:14:01.038, 00:00:14.987,47\n"
            "7/25/25 00:00,8/26/25 00:00,id-3,Bob Roy,,,,,\n"
            "7/25/25 00:00,8/26/25 00:00,id-4,Cid Moe,10, 135:40:34.625,NaN%,,0\n")
    figures, reader, decisions = read(tmp_path, text, kpis)
    start, end = date(2025, 7, 25), date(2025, 8, 25)  # midnight end: the last day is the day before
    values = by_key(figures)
    assert values[("Ann Lee", "AHT", start, end)] == pytest.approx(873.768)
    assert values[("Ann Lee", "TALK", start, end)] == pytest.approx(841.038)
    assert values[("Ann Lee", "ANSWERED", start, end)] == 388
    assert values[("Ann Lee", "TRANSFER", start, end)] == pytest.approx(47 / 388)
    assert values[("Cid Moe", "AHT", start, end)] == pytest.approx(488434.625)
    assert ("Cid Moe", "TALK", start, end) not in values
    assert decisions.date_order == "mdy" and "7/25/25 00:00" in decisions.date_evidence
    assert reader.skipped.counts[TEMPLATE] == 1 and reader.skipped.counts[NO_VALUES] == 1
    assert any("'Avg Talk': 1 cell" in w and "not a number" in w for w in reader.missing.warnings())
    assert reader.problems.count == 0


def test_wide_daily_with_a_day_first_column(tmp_path, kpis):
    text = ("Agent;Date;AHT;CSAT %;QA\n"
            "Ann;01/02/2021;300,5;87,5%;0,9\n"
            "Ann;13/02/2021;280;90%;0,8\n"
            "Total;;290;88%;0,85\n")
    figures, reader, decisions = read(tmp_path, text, kpis)
    values = by_key(figures)
    assert decisions.date_order == "dmy"
    assert values[("Ann", "AHT", date(2021, 2, 1), date(2021, 2, 1))] == pytest.approx(300.5)
    assert values[("Ann", "CSAT", date(2021, 2, 13), date(2021, 2, 13))] == pytest.approx(0.9)
    assert values[("Ann", "QA", date(2021, 2, 1), date(2021, 2, 1))] == pytest.approx(0.9)
    assert reader.skipped.counts["totals row"] == 1


def test_bare_percent_points_are_scaled_from_the_column(tmp_path, kpis):
    text = "Agent,Date,FCR\nAnn,2021-01-02,85\nBob,2021-01-02,0.5\nCid,2021-01-02,91.5\n"
    figures, _reader, decisions = read(tmp_path, text, kpis)
    values = by_key(figures)
    assert values[("Ann", "FCR", date(2021, 1, 2), date(2021, 1, 2))] == pytest.approx(0.85)
    assert values[("Bob", "FCR", date(2021, 1, 2), date(2021, 1, 2))] == pytest.approx(0.005)
    assert list(decisions.scales.values()) == ["percent"]


def test_an_ambiguous_date_column_is_a_problem_unless_the_order_is_given(tmp_path, kpis):
    text = "Agent,Date,AHT\nAnn,01/02/2021,300\nBob,03/04/2021,200\n"
    _figures, _reader, decisions = read(tmp_path, text, kpis)
    assert decisions.date_problem is not None and decisions.date_problem.row == 2
    assert "dmy or mdy" in decisions.date_problem.reason
    figures, _reader, decisions = read(tmp_path, text, kpis, date_order="mdy")
    assert decisions.date_problem is None and decisions.date_order_source == "given"
    assert by_key(figures)[("Bob", "AHT", date(2021, 3, 4), date(2021, 3, 4))] == 200


def test_mixed_date_orders_conflict(tmp_path, kpis):
    text = "Agent,Date,AHT\nAnn,13/01/2021,300\nBob,01/13/2021,200\n"
    # the first decisive date settles the order; a later date that contradicts it is a problem on its row
    figures, reader, decisions = read(tmp_path, text, kpis)
    assert decisions.date_order == "dmy" and len(figures) == 1
    problem = reader.problems.kept[0]
    assert problem.row == 3 and "not a real date when read as day/month/year" in problem.reason
    assert "'13/01/2021' on row 2" in problem.reason


def test_long_format(tmp_path, kpis):
    text = ("Agent,Date,KPI,Value\n"
            "Ann,2021-01-02,AHT,0:05:00\n"
            "Ann,2021-01-02,Customer satisfaction,87%\n"
            "Ann,2021-01-02,avg talk,240\n"
            "Ann,2021-01-02,Widgets,5\n"
            "Ann,2021-01-02,CSAT,-\n"
            "Ann,2021-01-02,QA,bad\n")
    figures, reader, _decisions = read(tmp_path, text, kpis)
    assert {(code, value) for _r, _a, code, _s, _e, value in figures} == {("AHT", 300), ("CSAT", 0.87),
                                                                         ("TALK", 240)}
    assert reader.skipped.counts["KPI not in the catalogue"] == 1
    assert any("'Widgets' is not in the catalogue" in w for w in reader.warnings)
    assert reader.problems.kept[0].row == 7 and reader.problems.kept[0].column == "Value"
    assert "1 cell without a value" in reader.missing.warnings()[0]


def test_no_date_with_a_given_period(tmp_path, kpis):
    text = '"Agent","Adherence (%)","Conformance (%)"\n"Ann","18.10%","Infinity%"\n"Bob","100.00%","8,285.64%"\n'
    period = (date(2025, 7, 1), date(2025, 7, 31))
    figures, reader, _decisions = read(tmp_path, text, kpis, period=period)
    values = by_key(figures)
    assert values[("Ann", "ADHERENCE", *period)] == pytest.approx(0.181)
    assert values[("Bob", "CONFORMANCE", *period)] == pytest.approx(82.8564)
    assert ("Ann", "CONFORMANCE", *period) not in values
    assert "division by zero" in reader.missing.warnings()[0]


CALLS = ("Call Id,Agent,Date,Time,Answered (Y/N),Resolved,Speed of answer in seconds,Talk Duration,Hold,ACW,"
         "Satisfaction rating\n"
         "1,Ann,1/13/2021,9:00:00,Y,Y,10,100,20,30,5\n"
         "2,Ann,1/13/2021,9:10:00,Y,N,20,200,0,10,3\n"
         "3,Ann,1/13/2021,9:20:00,N,N,,0,,,0\n"
         "4,Ann,1/13/2021,9:30:00,Y,Y,30,300,,,0\n"
         "5,Ann,1/14/2021,9:00:00,Y,Y,5,50,,,4\n"
         "6,,1/14/2021,9:00:00,N,N,,0,,,\n")


def test_interaction_logs_aggregate_per_agent_per_day(tmp_path, kpis):
    figures, reader, decisions = read(tmp_path, CALLS, kpis)
    values = by_key(figures)
    day = (date(2021, 1, 13), date(2021, 1, 13))
    assert values[("Ann", "ANSWERED", *day)] == 3
    assert values[("Ann", "AHT", *day)] == pytest.approx((150 + 210 + 300) / 3)
    assert values[("Ann", "TALK", *day)] == pytest.approx(200)
    assert values[("Ann", "HOLD", *day)] == pytest.approx(20 / 3)
    assert values[("Ann", "ACW", *day)] == pytest.approx(40 / 3)
    assert values[("Ann", "ASA", *day)] == pytest.approx(20)
    assert values[("Ann", "FCR", *day)] == pytest.approx(2 / 3)
    # zeros are "not rated" on a 1-5 scale: ratings 5 and 3 remain, one of them in the top two boxes
    assert values[("Ann", "CSAT", *day)] == pytest.approx(0.5)
    assert values[("Ann", "DSAT", *day)] == pytest.approx(0.0)
    assert values[("Ann", "CSAT", date(2021, 1, 14), date(2021, 1, 14))] == 1.0
    assert decisions.date_order == "mdy"
    assert reader.skipped.counts[NO_AGENT] == 1
    assert any("2 zeros read as 'not rated'" in w and "(1 of them on unanswered" in w for w in reader.warnings)


def test_csat_mean_rule_and_a_0_to_10_scale(tmp_path, kpis):
    text = "Call Id,Agent,Date,Talk,Rating\n1,Ann,2021-01-02,60,0\n2,Ann,2021-01-02,60,10\n3,Ann,2021-01-02,60,9\n"
    figures, reader, _d = read(tmp_path, text, kpis)
    assert by_key(figures)[("Ann", "CSAT", date(2021, 1, 2), date(2021, 1, 2))] == pytest.approx(2 / 3)
    assert not any("not rated" in w for w in reader.warnings)
    mapping = {"shape": "interactions", "csat_rule": "mean",
               "columns": {"Agent": "agent_name", "Date": "date", "Talk": "talk", "Rating": "rating"}}
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    assert not any(key[1] == "CSAT" for key in by_key(figures))  # a mean score is never stored as a share
    assert any("has no mean-score KPI in the catalogue: not stored" in w for w in reader.warnings)
    five = "Call Id,Agent,Date,Talk,Rating\n1,Ann,2021-01-02,60,3\n2,Ann,2021-01-02,60,5\n3,Ann,2021-01-02,60,4\n"
    figures, reader, _d = read(tmp_path, five, kpis, mapping=mapping)
    got = by_key(figures)
    assert got[("Ann", "CSAT_SCORE", date(2021, 1, 2), date(2021, 1, 2))] == pytest.approx(4.0)
    assert ("Ann", "CSAT", date(2021, 1, 2), date(2021, 1, 2)) not in got
    assert any(w.startswith("CSAT_SCORE = mean rating on the 1-5 scale") for w in reader.warnings)


def test_handle_time_column_and_unreadable_cells(tmp_path, kpis):
    text = ("Contact ID,Agent,Date,Handle Time,Abandoned\n"
            "1,Ann,2021-01-02,0:05:00,N\n2,Ann,2021-01-02,oops,N\n3,Ann,2021-01-02,,Y\n"
            + "".join(f"{i},Bob,2021-01-02,0:01:00,N\n" for i in range(4, 10)))
    figures, reader, _d = read(tmp_path, text, kpis)
    values = by_key(figures)
    assert values[("Ann", "AHT", date(2021, 1, 2), date(2021, 1, 2))] == 300
    assert values[("Ann", "ANSWERED", date(2021, 1, 2), date(2021, 1, 2))] == 1
    problem = reader.problems.kept[0]
    assert (problem.row, problem.column) == (3, "Handle Time") and "not a duration" in problem.reason
    assert str(problem).startswith("f.csv row 3, column 'Handle Time':")


def test_first_and_last_name_columns_make_the_agent(tmp_path, kpis):
    mapping = {"columns": {"First Name": "first_name", "Last Name": "last_name", "Week Start": "interval_start",
                           "Week End": "interval_end", "QA": "kpi:QA"}}
    text = "First Name,Last Name,Week Start,Week End,QA\nAnn,Lee,07/20/2025,07/26/2025,95%\n"
    figures, _reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    assert by_key(figures) == {("Ann Lee", "QA", date(2025, 7, 20), date(2025, 7, 26)): pytest.approx(0.95)}


def test_non_agents():
    assert non_agent_reason(("", "", "")) == NO_AGENT
    assert non_agent_reason(("x", "", "1 - Level 3 Skills Template")) == TEMPLATE
    assert non_agent_reason(("", "", "Unassigned")) == NOT_PERSON
    assert non_agent_reason(("7", "", "Ann Lee")) is None


def test_interval_that_ends_before_it_starts(tmp_path, kpis):
    mapping = {"columns": {"Agent": "agent_name", "From": "interval_start", "To": "interval_end", "AHT": "kpi:AHT"}}
    text = "Agent,From,To,AHT\nAnn,2021-01-05,2021-01-02,300\n"
    figures, reader, _d = read(tmp_path, text, kpis, mapping=mapping)
    assert figures == [] and "ends (2021-01-02) before it starts" in reader.problems.kept[0].reason
    assert m.SUMMARY == "summary"
