"""prescan at its edges: which rows it reads before it stops (ORDER_ROWS, SCALE_ROWS, the sample size), the scale rule
and the problems it reports for wide and long files, word for word with their rows and columns."""

from __future__ import annotations

from coachdesk.importers import mapping as m
from coachdesk.importers.mapping import ColumnMap, KpiSpec, Mapping
from coachdesk.importers.prescan import ORDER_ROWS, SCALE_ROWS, prescan
from coachdesk.importers.problems import Problem

KPIS = {
    "FCR": KpiSpec("FCR", "First contact resolution", "percent"),
    "AHT": KpiSpec("AHT", "Average handle time", "seconds"),
    "CSAT": KpiSpec("CSAT", "Customer satisfaction", "percent", basis="share"),
}
RATING_REASON = ("holds numbers from 3.6 to 4.5 without % signs (median 4.1): they look like a mean score on a 1-5 "
                 "scale")


def wide(*kpi_columns: ColumnMap, dates: bool = True) -> Mapping:
    columns = [ColumnMap("Agent", 0, m.AGENT_NAME)]
    if dates:
        columns.append(ColumnMap("Day", 1, m.DATE))
    return Mapping(m.SUMMARY, (*columns, *kpi_columns))


LONG = Mapping(m.LONG, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Date", 1, m.DATE),
                        ColumnMap("Metric", 2, m.KPI_NAME), ColumnMap("Value", 3, m.VALUE)))


def consumed(rows: list, **kwargs) -> tuple[object, int]:
    """The decisions, and how many of ``rows`` the pass read."""
    mapping = kwargs.pop("mapping")
    it = iter(rows)
    decisions = prescan("f.csv", mapping, KPIS, it, kwargs.pop("decimal", "."), **kwargs)
    return decisions, len(rows) - len(list(it))


def test_a_percentage_column_is_read_by_the_median_of_its_bare_numbers_from_the_row_it_starts() -> None:
    mapping = wide(ColumnMap("FCR %", 2, "kpi:FCR"), ColumnMap("AHT", 3, "kpi:AHT"))
    rows = [(2, ["Ann", "2025-11-03", "n/a", "300"]), (3, ["Bob", "2025-11-03", "87%", "310"]),
            (4, ["Cy", "2025-11-03", "86", "320"]), (5, ["Di", "2025-11-03", "91", "330"]),
            (6, ["Ed", "2025-11-03", "0.5", "340"])]
    decisions = prescan("f.csv", mapping, KPIS, iter(rows), ".", date_order="dmy")
    assert decisions.scales == {2: "percent"}
    assert decisions.rules == {2: "column 'FCR %' (FCR): bare numbers read as percent points (86 -> 86 %), because "
                                  "the median of 3 of them is 86, above 1"}
    assert decisions.scale_problems == [] and decisions.date_problem is None


def test_the_files_decimal_comma_is_used_for_a_wide_column() -> None:
    mapping = wide(ColumnMap("FCR", 2, "kpi:FCR"))
    rows = [(2, ["Ann", "2025-11-03", "0,875"]), (3, ["Bob", "2025-11-03", "0,910"]),
            (4, ["Cy", "2025-11-03", "0,500"])]  # with a decimal point these would be thousands: 875, 910, 500
    decisions = prescan("f.csv", mapping, KPIS, iter(rows), ",", date_order="dmy")
    assert decisions.scales == {2: "fraction"}
    assert decisions.rules[2] == ("column 'FCR' (FCR): bare numbers read as fractions (0.875 -> 87.5 %), because the "
                                  "median of 3 of them is 0.875, not above 1")


def test_a_share_column_holding_mean_scores_is_a_problem_on_the_row_of_its_first_bare_number() -> None:
    mapping = wide(ColumnMap("AHT", 2, "kpi:AHT"), ColumnMap("CSAT", 3, "kpi:CSAT"))
    rows = [(7, ["Ann", "2025-11-03", "300", ""]), (8, ["Bob", "2025-11-03", "310", "3,6"]),
            (9, ["Cy", "2025-11-03", "320", "4,1"]), (10, ["Di", "2025-11-03", "330", "4,5"])]
    decisions = prescan("f.csv", mapping, KPIS, iter(rows), ",", date_order="mdy")
    assert decisions.scales == {} and decisions.rules == {}
    [problem] = decisions.scale_problems
    assert (problem.file, problem.row, problem.column) == ("f.csv", 8, "CSAT")
    assert problem.reason.startswith(RATING_REASON), problem.reason
    assert "CSAT is the share of satisfied answers" in problem.reason


def test_a_long_file_collects_each_percentage_kpi_from_the_value_column_with_its_decimal_comma() -> None:
    rows = [(2, ["Ann", "2025-11-03", "AHT", "300"]), (3, ["Ann", "2025-11-03", "First contact resolution", "0,875"]),
            (4, ["Bob", "2025-11-03", "fcr", "0,910"]), (5, ["Bob", "2025-11-03", "AHT", "250"]),
            (6, ["Cy", "2025-11-03", "FCR", "0,500"]), (7, ["Cy", "2025-11-03", "Shrinkage", "12"])]
    decisions = prescan("f.csv", LONG, KPIS, iter(rows), ",", date_order="dmy")
    assert decisions.scales == {"FCR": "fraction"}  # AHT is in seconds and Shrinkage is no KPI: neither is sampled
    assert decisions.rules == {"FCR": "column 'Value (FCR)' (FCR): bare numbers read as fractions (0.875 -> 87.5 %), "
                                      "because the median of 3 of them is 0.875, not above 1"}


def test_a_long_files_problem_names_the_value_column_the_kpi_and_its_first_row() -> None:
    rows = [(2, ["Ann", "2025-11-03", "AHT", "300"]), (3, ["Ann", "2025-11-03", "CSAT", "n/a"]),
            (4, ["Bob", "2025-11-03", "CSAT", "3.6"]), (5, ["Cy", "2025-11-03", "CSAT", "4.1"]),
            (6, ["Di", "2025-11-03", "CSAT", "4.5"])]
    decisions = prescan("long.csv", LONG, KPIS, iter(rows), ".", date_order="dmy")
    [problem] = decisions.scale_problems
    assert (problem.file, problem.row, problem.column) == ("long.csv", 4, "Value (CSAT)")
    assert problem.reason.startswith(RATING_REASON), problem.reason
    assert decisions.scales == {}


def test_a_scale_stated_by_the_mapping_is_a_rule_for_percentage_kpis_only() -> None:
    mapping = wide(ColumnMap("FCR pts", 2, "kpi:FCR", scale="percent"), ColumnMap("FCR share", 3, "kpi:FCR",
                                                                                   scale="fraction"),
                   ColumnMap("AHT", 4, "kpi:AHT", scale="percent"))
    rows = [(2, ["Ann", "2025-11-03", "0.5", "87", "300"])]  # the opposite of what the mapping says: it wins
    decisions = prescan("f.csv", mapping, KPIS, iter(rows), ".", date_order="dmy")
    assert decisions.scales == {}
    assert decisions.rules == {
        2: "column 'FCR pts' (FCR): bare numbers read as percent points (87 -> 87 %), as the mapping states",
        3: "column 'FCR share' (FCR): bare numbers read as fractions (0.87 -> 87 %), as the mapping states",
    }


def test_the_scale_sample_stops_the_pass_exactly_when_every_column_has_it() -> None:
    mapping = wide(ColumnMap("FCR", 2, "kpi:FCR"), ColumnMap("CSAT", 3, "kpi:CSAT"))
    rows = [(n, ["Ann", "2025-11-03", "87", "90" if n != 3 else "n/a"]) for n in range(2, 12)]
    decisions, read = consumed(rows, mapping=mapping, date_order="dmy", scale_sample=3)
    assert read == 4  # rows 2-5: FCR had its 3 on row 4, CSAT (n/a on row 3) only on row 5
    assert decisions.rules[2].endswith("the median of 3 of them is 87, above 1")
    assert decisions.rules[3].endswith("the median of 3 of them is 90, above 1")


def test_the_pass_reads_until_each_column_has_the_sample_and_not_a_row_more() -> None:
    mapping = wide(ColumnMap("FCR", 2, "kpi:FCR"))
    rows = [(n, ["Ann", "2025-11-03", "87"]) for n in range(2, 12)]
    assert consumed(rows, mapping=mapping, date_order="dmy", scale_sample=3)[1] == 3
    rows = [(n, ["Ann", "2025-11-03", "87"]) for n in range(2, 2012)]
    decisions, read = consumed(rows, mapping=mapping, date_order="dmy")
    assert read == 2000  # the default sample
    assert decisions.rules[2].endswith("the median of 2,000 of them is 87, above 1")


def test_a_column_with_no_bare_numbers_is_read_for_scale_rows_then_left_undecided() -> None:
    mapping = wide(ColumnMap("FCR", 2, "kpi:FCR"))
    rows = [(n, ["Ann", "2025-11-03", "n/a"]) for n in range(SCALE_ROWS + 10)]
    decisions, read = consumed(rows, mapping=mapping, date_order="dmy")
    assert read == SCALE_ROWS
    assert decisions.scales == {} and decisions.rules == {} and decisions.scale_problems == []


def test_iso_dates_stop_the_order_pass_after_order_rows() -> None:
    mapping = wide(ColumnMap("AHT", 2, "kpi:AHT"))
    rows = [(n, ["Ann", "2025-11-03", "300"]) for n in range(ORDER_ROWS + 5)]
    decisions, read = consumed(rows, mapping=mapping)
    assert read == ORDER_ROWS
    assert (decisions.date_order, decisions.date_order_source, decisions.date_problem) == (None, "not needed", None)


def test_an_undecided_numeric_date_keeps_the_pass_reading_past_order_rows() -> None:
    mapping = wide(ColumnMap("AHT", 2, "kpi:AHT"))
    rows = [(n, ["Ann", "01/02/2025", "300"]) for n in range(2, ORDER_ROWS + 12)]
    decisions, read = consumed(rows, mapping=mapping)
    assert read == len(rows)
    assert decisions.date_problem == Problem("f.csv", 2, "Day", (
        "every date in the column reads both day-first and month-first (such as '01/02/2025'); say which order the "
        "file uses (dmy or mdy)"))
    assert decisions.date_order is None


def test_the_pass_needs_both_the_order_and_the_scales() -> None:
    mapping = wide(ColumnMap("FCR", 2, "kpi:FCR"))
    decisive_first = [(n, ["Ann", "25/12/2025" if n == 2 else "01/02/2025", "0.8"]) for n in range(2, 12)]
    decisions, read = consumed(decisive_first, mapping=mapping, scale_sample=3)
    assert read == 3  # the order was settled on row 2, the scale only on row 4
    assert (decisions.date_order, decisions.date_order_source) == ("dmy", "inferred")
    assert decisions.date_evidence == "day/month/year, because '25/12/2025' on row 2 cannot be read the other way"
    decisive_late = [(n, ["Ann", "12/25/2025" if n == 6 else "01/02/2025", "0.8"]) for n in range(2, 12)]
    decisions, read = consumed(decisive_late, mapping=mapping, scale_sample=3)
    assert read == 5  # the scale was settled on row 4, the order only on row 6
    assert (decisions.date_order, decisions.date_order_source) == ("mdy", "inferred")
    assert decisions.date_evidence == "month/day/year, because '12/25/2025' on row 6 cannot be read the other way"


def test_a_given_order_with_a_percentage_column_still_reads_the_sample() -> None:
    mapping = wide(ColumnMap("FCR", 2, "kpi:FCR"))
    rows = [(n, ["Ann", "01/02/2025", "0.8"]) for n in range(2, 12)]
    decisions, read = consumed(rows, mapping=mapping, date_order="mdy", scale_sample=4)
    assert read == 4
    assert (decisions.date_order, decisions.date_order_source, decisions.date_problem) == ("mdy", "given", None)


def test_a_value_column_in_a_wide_file_does_not_make_it_long() -> None:
    mapping = Mapping(m.SUMMARY, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Day", 1, m.DATE),
                                  ColumnMap("AHT", 2, "kpi:AHT"), ColumnMap("Value", 3, m.VALUE),
                                  ColumnMap("Metric", 4, m.KPI_NAME)))
    rows = [(n, ["Ann", "2025-11-03", "300", "0.5", "FCR"]) for n in range(2, 12)]
    decisions, read = consumed(rows, mapping=mapping, date_order="dmy")
    assert read == 1 and decisions.scales == {}


def test_mixed_orders_while_the_scale_is_still_sampled_are_one_problem_naming_both_dates() -> None:
    mapping = wide(ColumnMap("FCR", 2, "kpi:FCR"))
    rows = [(2, ["Ann", "25/12/2025", "0.8"]), (3, ["Bob", "12/25/2025", "0.9"]), (4, ["Cy", "01/02/2025", "0.7"])]
    decisions = prescan("mixed.csv", mapping, KPIS, iter(rows), ".")
    assert decisions.date_problem == Problem("mixed.csv", 2, "Day", (
        "the dates mix month-first ('12/25/2025' on row 3) and day-first ('25/12/2025' on row 2); use one order "
        "throughout, or write dates as YYYY-MM-DD"))
    assert (decisions.date_order, decisions.date_order_source, decisions.date_evidence) == (None, "not needed", "")


def test_a_long_mapping_without_a_kpi_column_samples_nothing_and_does_not_fail() -> None:
    # Mapping.missing() refuses such a mapping before an import runs the pass; the pass itself still copes with it
    mapping = Mapping(m.LONG, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Value", 1, m.VALUE)))
    rows = [(n, ["Ann", "0.5"]) for n in range(2, 12)]
    decisions = prescan("f.csv", mapping, KPIS, iter(rows), ".", date_order="dmy")
    assert decisions.scales == {} and decisions.rules == {} and decisions.scale_problems == []
