"""Problems and missing cells met while reading rows: where they are said to be, how many are kept and counted, and
the share of readable values that the column checks rest on."""

from __future__ import annotations

from coachdesk.importers.problems import PROBLEMS_KEPT, MissingLog, Problem, ProblemLog
from coachdesk.importers.values import parse_number, parse_share


def test_a_problem_names_file_row_and_column() -> None:
    assert str(Problem("kpis.csv", 7, "AHT", "not a duration")) == "kpis.csv row 7, column 'AHT': not a duration"


def test_a_problem_without_row_or_column_leaves_them_out() -> None:
    assert str(Problem("kpis.csv", 0, "", "no header row")) == "kpis.csv: no header row"
    assert str(Problem("kpis.csv", 3, "", "too few cells")) == "kpis.csv row 3: too few cells"
    assert str(Problem("kpis.csv", 0, "AHT", "empty")) == "kpis.csv, column 'AHT': empty"


def test_a_problem_escapes_control_bytes_and_shortens_each_part() -> None:
    long_file, long_column, long_reason = "f" * 81, "c" * 61, "r" * 401
    shown = str(Problem(long_file, 2, long_column, long_reason))
    assert shown.startswith("f" * 80 + "… (1 more characters) row 2, column '" + "c" * 60 + "… (1 more characters)': ")
    assert shown.endswith("r" * 400 + "… (1 more characters)")
    assert str(Problem(long_file, 0, "", "bad")) == "f" * 80 + "… (1 more characters): bad"
    exact = str(Problem("f" * 80, 2, "c" * 60, "r" * 400))
    assert exact == f"{'f' * 80} row 2, column '{'c' * 60}': {'r' * 400}"
    assert str(Problem("a\x1b.csv", 1, "x\x00", "bad\x07")) == "a\\x1b.csv row 1, column 'x\\x00': bad\\x07"


def test_the_log_keeps_the_first_problems_and_counts_them_all() -> None:
    log = ProblemLog()
    problems = [Problem("f.csv", row, "c", "bad") for row in range(1, PROBLEMS_KEPT + 3)]
    for problem in problems[:PROBLEMS_KEPT - 1]:
        log.add(problem)
    assert log.count == PROBLEMS_KEPT - 1 and log.kept == problems[:PROBLEMS_KEPT - 1]
    log.add(problems[PROBLEMS_KEPT - 1])
    assert log.count == PROBLEMS_KEPT and log.kept == problems[:PROBLEMS_KEPT]
    log.add(problems[PROBLEMS_KEPT])
    log.add(problems[PROBLEMS_KEPT + 1])
    assert log.count == PROBLEMS_KEPT + 2 and log.kept == problems[:PROBLEMS_KEPT]


def test_missing_cells_are_counted_per_column_with_reasons_and_first_row() -> None:
    log = MissingLog()
    log.add("AHT", "", 4)
    log.add("CSAT", "NaN", 2)
    log.add("AHT", "NaN", 9)
    log.add("AHT", "", 5)
    log.add("AHT", "n/a", 11)
    assert log.warnings() == [
        "column 'AHT': 4 cells without a value, read as missing (empty x2, not a number (0 / 0 in the source) x1, "
        "'n/a' means no value x1); first on row 4",
        "column 'CSAT': 1 cell without a value, read as missing (not a number (0 / 0 in the source) x1); "
        "first on row 2",
    ]


def test_missing_warnings_name_at_most_four_reasons_most_common_first() -> None:
    log = MissingLog()
    for row, raw in enumerate(["-", "-", "-", "null", "null", "?", "#ref!", "none"], start=1):
        log.add("Calls", raw, row)
    (warning,) = log.warnings()
    assert warning == ("column 'Calls': 8 cells without a value, read as missing ('-' means no value x3, "
                       "'null' means no value x2, '?' means no value x1, '#ref!' means no value x1); first on row 1")
    assert MissingLog().warnings() == []


def test_parse_share_counts_the_filled_values_read_and_says_what_no_value_means() -> None:
    assert parse_share(["1", "2", "x", "4", "", None], parse_number, empty=0.0) == 0.75
    assert parse_share(["1", "y", "x", "4"], parse_number, empty=1.0) == 0.5
    assert parse_share(["", "n/a", None], parse_number, empty=0.0) == 0.0
    assert parse_share(["", "n/a", None], parse_number, empty=1.0) == 1.0
    assert parse_share([], parse_number, empty=0.25) == 0.25
