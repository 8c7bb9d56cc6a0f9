"""Per-call aggregation at its boundaries: which contacts count as answered, sums and shares per agent and day,
the satisfaction definitions and their scales, and what the loop hands back for rows it leaves out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coachdesk.domain.kpi_scales import MEAN, RATING_10
from coachdesk.importers.calls import CallAggregator
from coachdesk.importers.mapping import KpiSpec, parse_mapping

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2021, 1, 2)


@pytest.fixture(scope="module")
def kpis() -> dict[str, KpiSpec]:
    data = json.loads((ROOT / "resources" / "presets" / "kpi_catalogue.json").read_text(encoding="utf-8"))
    return {k["code"]: KpiSpec(k["code"], k["name"], k["unit"], k["aggregation"], k.get("weight_kpi"), k.get("scale"),
                           k.get("satisfaction_basis"))
            for k in data["kpis"]}


class Run:
    """A CallAggregator fed rows (first cell the agent, second the date) with callbacks that keep what they get."""

    def __init__(self, kpis, columns: dict[str, str], rows: list[list[str]], csat_rule: str = "top2",
                 decimal: str = ".", dated: bool = True) -> None:
        header = list(columns)
        mapping = parse_mapping({"shape": "interactions", "csat_rule": csat_rule, "columns": columns}, header, kpis)
        self.calls = CallAggregator(mapping, kpis, decimal)
        self.skips: list[tuple[str, int]] = []
        self.slow: list[tuple[int, list[str]]] = []
        self.problems: list[tuple[int, str, str]] = []

        def agent_of(name):
            return (name, None) if name else (None, "no agent")

        def slow_day(row, cells):
            self.slow.append((row, cells))
            try:
                return date.fromisoformat(cells[1])
            except ValueError:
                return None

        self.calls.consume(enumerate(rows, start=2), agent_of, lambda cells: cells[0], 1 if dated else None,
                           date.fromisoformat, slow_day, lambda reason, row: self.skips.append((reason, row)),
                           lambda row, column, reason: self.problems.append((row, column, reason)))
        self.figures = {(agent, code, start): value for _row, agent, code, start, end, value in self.calls.figures()}

    def of(self, agent: str = "Ann", day: date = DAY) -> dict[str, float]:
        return {code: value for (a, code, d), value in self.figures.items() if a == agent and d == day}


BASE = {"Agent": "agent_name", "Date": "date"}


def test_the_answered_flag_decides_even_when_a_missed_contact_has_talk_time(kpis):
    run = Run(kpis, {**BASE, "Answered": "answered", "Talk": "talk"},
              [["Ann", "2021-01-02", "Y", "60"], ["Ann", "2021-01-02", "N", "30"]])
    assert run.of()["ANSWERED"] == 1 and run.of()["TALK"] == 60


def test_an_abandoned_flag_makes_the_contact_unanswered(kpis):
    run = Run(kpis, {**BASE, "Abandoned": "abandoned", "Talk": "talk"},
              [["Ann", "2021-01-02", "N", "60"], ["Ann", "2021-01-02", "Y", "20"]])
    assert run.of()["ANSWERED"] == 1 and run.of()["TALK"] == 60


@pytest.mark.parametrize("column", ["talk", "handle"])
def test_without_flags_a_contact_with_no_time_is_not_answered(kpis, column):
    run = Run(kpis, {**BASE, "Time": column}, [["Ann", "2021-01-02", "90"], ["Ann", "2021-01-02", "0"]])
    assert run.of()["ANSWERED"] == 1
    assert run.of()["AHT"] == 90


def test_talk_or_handle_time_either_one_answers(kpis):
    run = Run(kpis, {**BASE, "Talk": "talk", "Handle": "handle"},
              [["Ann", "2021-01-02", "0", "40"], ["Ann", "2021-01-02", "50", "0"], ["Ann", "2021-01-02", "0", "0"]])
    assert run.of()["ANSWERED"] == 2


def test_without_flags_or_times_every_contact_is_answered(kpis):
    run = Run(kpis, {**BASE, "Rating": "rating"}, [["Ann", "2021-01-02", "5"], ["Ann", "2021-01-02", "2"]])
    assert run.of() == {"ANSWERED": 2, "CSAT": 0.5, "DSAT": 0.5}


def test_sums_and_shares_per_agent_and_day(kpis):
    rows = [["Ann", "2021-01-02", "60", "10", "Y", "1"], ["Ann", "2021-01-02", "120", "20", "N", "2"],
            ["Ann", "2021-01-02", "30", "", "Y", "3"], ["Ann", "2021-01-02", "90", "5", "N", "5"]]
    run = Run(kpis, {**BASE, "Talk": "talk", "Hold": "hold", "Transferred": "transferred", "Rating": "rating"}, rows)
    got = run.of()
    assert got["HOLD"] == pytest.approx((10 + 20 + 5) / 4)
    assert got["TRANSFER"] == pytest.approx(2 / 4)
    assert got["AHT"] == pytest.approx((70 + 140 + 30 + 95) / 4)
    assert got["CSAT"] == pytest.approx(1 / 4)  # 4 or more on 1-5
    assert got["DSAT"] == pytest.approx(2 / 4)  # 2 or less: the 2 is dissatisfied


def test_a_log_gives_only_the_kpis_its_columns_define(kpis):
    run = Run(kpis, {**BASE, "Talk": "talk"}, [["Ann", "2021-01-02", "60"]])
    assert run.of() == {"ANSWERED": 1, "AHT": 60, "TALK": 60}


def test_answered_contacts_without_talk_or_speed_are_counted_as_missing(kpis):
    rows = [["Ann", "2021-01-02", "Y", "", "-"], ["Ann", "2021-01-02", "Y", "-", ""],
            ["Ann", "2021-01-02", "N", "", ""]]
    run = Run(kpis, {**BASE, "Answered": "answered", "Talk": "talk", "Speed": "speed_of_answer"}, rows)
    assert run.of() == {"ANSWERED": 2}  # no AHT, TALK or ASA from no times
    assert sorted(run.calls.missing_cells()) == [("Speed", "-", 2), ("Speed", "-", 2), ("Talk", "", 2), ("Talk", "", 2)]


def test_rows_left_out_are_handed_back_with_their_row_and_the_loop_goes_on(kpis):
    rows = [["", "2021-01-02", "60", "5"], ["Ann", "Jan 2nd", "60", "5"], ["Ann", "2021-01-02", "oops", "5"],
            ["Ann", "2021-01-02", "60", "101"], ["Ann", "2021-01-02", "90", "4"]]
    run = Run(kpis, {**BASE, "Talk": "talk", "Rating": "rating"}, rows)
    assert run.skips == [("no agent", 2)]
    assert run.slow == [(3, rows[1])]  # only the row whose date the fast reader cannot read
    assert [p[:2] for p in run.problems] == [(4, "Talk"), (5, "Rating")]
    assert run.problems[1][2] == "'101' is not a rating (0 to 100)"
    assert run.of() == {"ANSWERED": 1, "AHT": 90, "TALK": 90, "CSAT": 1.0, "DSAT": 0.0}


def test_without_a_date_column_the_slow_reader_gives_each_day(kpis):
    rows = [["Ann", "2021-01-02", "60"], ["Ann", "someday", "30"], ["Ann", "2021-01-02", "90"]]
    run = Run(kpis, {"Agent": "agent_name", "When": "ignore", "Talk": "talk"}, rows, dated=False)
    assert run.slow == [(2, rows[0]), (3, rows[1]), (4, rows[2])]
    assert run.figures == {("Ann", "ANSWERED", DAY): 2, ("Ann", "AHT", DAY): 75, ("Ann", "TALK", DAY): 75}


def test_a_rating_of_100_is_on_the_scale_and_more_is_refused(kpis):
    run = Run(kpis, {**BASE, "Rating": "rating"}, [["Ann", "2021-01-02", "100"], ["Ann", "2021-01-02", "100.5"]])
    assert [p[0] for p in run.problems] == [3]
    assert run.of() == {"ANSWERED": 1, "CSAT": 1.0}


def test_the_files_decimal_comma_reads_times_and_ratings(kpis):
    run = Run(kpis, {**BASE, "Talk": "talk", "Rating": "rating"}, [["Ann", "2021-01-02", "1,500", "4,000"]],
              decimal=",")
    assert run.problems == []
    assert run.of() == {"ANSWERED": 1, "AHT": 1.5, "TALK": 1.5, "CSAT": 1.0, "DSAT": 0.0}


def test_an_agent_without_ratings_gets_no_satisfaction(kpis):
    rows = [["Ann", "2021-01-02", "5"], ["Bob", "2021-01-02", ""]]
    run = Run(kpis, {**BASE, "Rating": "rating"}, rows)
    assert run.of("Bob") == {"ANSWERED": 1}


def test_the_mean_rule_weighs_each_rating_by_its_count(kpis):
    rows = [["Ann", "2021-01-02", "4"], ["Ann", "2021-01-02", "4"], ["Ann", "2021-01-02", "5"]]
    run = Run(kpis, {**BASE, "Rating": "rating"}, rows, csat_rule="mean")
    assert run.of()["CSAT_SCORE"] == pytest.approx(13 / 3)


def test_the_mean_rule_on_a_0_to_10_scale_goes_to_a_0_to_10_mean_kpi(kpis):
    ten = {**kpis, "REC10": KpiSpec("REC10", "Recommend (0-10)", "score", scale=RATING_10, basis=MEAN)}
    rows = [["Ann", "2021-01-02", "10"], ["Ann", "2021-01-02", "7"]]
    run = Run(ten, {**BASE, "Rating": "rating"}, rows, csat_rule="mean")
    assert run.of() == {"ANSWERED": 2, "REC10": 8.5}
    assert run.calls.warnings() == ["REC10 = mean rating on the 0-10 scale"]


def test_a_mean_kpi_without_a_stated_scale_takes_no_mean_rating(kpis):
    loose = {**kpis, "LOOSE": KpiSpec("LOOSE", "Some mean", "score", basis=MEAN)}
    run = Run(loose, {**BASE, "Rating": "rating"}, [["Ann", "2021-01-02", "7"], ["Ann", "2021-01-02", "6"]],
              csat_rule="mean")
    assert "LOOSE" not in run.of()
    assert run.calls.warnings()[0].startswith("the mean rating on the 1-7 scale has no mean-score KPI")


def test_zero_ratings_are_counted_and_told_with_the_column(kpis):
    rows = [["Ann", "2021-01-02", "Y", "0"], ["Ann", "2021-01-02", "N", "0"], ["Ann", "2021-01-02", "N", "0"],
            ["Ann", "2021-01-02", "Y", "5"], ["Ann", "2021-01-02", "Y", "2"]]
    run = Run(kpis, {**BASE, "Answered": "answered", "Score": "rating"}, rows)
    assert run.calls.zero_unanswered == 2
    assert run.calls.warnings() == [
        "column 'Score': 3 zeros read as 'not rated', because the other ratings run 1 to 5 and 0 is not a point on "
        "that scale (2 of them on unanswered contacts)",
        "CSAT = share of rated contacts scoring 4 or more on the 1-5 scale; DSAT = share scoring 2 or less"]
    one = Run(kpis, {**BASE, "Answered": "answered", "Score": "rating"}, rows[:1] + rows[3:])
    assert one.calls.warnings()[0].startswith("column 'Score': 1 zero read as 'not rated'")


def test_a_0_to_10_scale_has_no_dsat_and_a_mean_without_a_kpi_is_not_stored(kpis):
    rows = [["Ann", "2021-01-02", "0"], ["Ann", "2021-01-02", "9"]]
    top2 = Run(kpis, {**BASE, "Rating": "rating"}, rows)
    assert top2.calls.warnings() == ["CSAT = share of rated contacts scoring 9 or more on the 0-10 scale"]
    mean = Run(kpis, {**BASE, "Rating": "rating"}, rows, csat_rule="mean")
    assert mean.calls.warnings() == ["the mean rating on the 0-10 scale has no mean-score KPI in the catalogue: not "
                                     "stored (CSAT is the share of satisfied answers, not a mean)"]
