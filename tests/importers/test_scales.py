"""The scale checks' exact words and edges: the median taken, the rule as the preview shows it, when a share column
stops, how many rows a warning names, when a column counts as foreign, and how bounds and values are written."""

from __future__ import annotations

import math

import pytest

from coachdesk.domain.kpi_scales import SCALES, SECONDS
from coachdesk.importers.mapping import KpiSpec
from coachdesk.importers.scales import (
    FOREIGN_SHARE,
    ROWS_NAMED,
    RangeCheck,
    _bound,
    _num,
    decide_percent,
    kpi_scale,
    shown,
)
from coachdesk.importers.values import FRACTION, PERCENT_POINTS

CSAT = KpiSpec("CSAT", "Customer satisfaction", "percent", scale="fraction", basis="share")
FCR = KpiSpec("FCR", "First contact resolution", "percent")
MEAN_CSAT = KpiSpec("CSAT_SCORE", "CSAT score", "percent", basis="mean")
AHT = KpiSpec("AHT", "Average handle time", "seconds")
NPS = KpiSpec("NPS", "Net promoter score", "score")


def test_the_rule_in_words_for_percent_points_and_fractions() -> None:
    points = decide_percent("FCR", [80.0, 87.0, 91.0], FCR)
    assert points.scale == PERCENT_POINTS and points.problem is None
    assert points.rule == ("bare numbers read as percent points (87 -> 87 %), because the median of 3 of them is "
                           "87, above 1")
    fractions = decide_percent("FCR", [0.8, 0.87, 0.91], FCR)
    assert fractions.scale == FRACTION
    assert fractions.rule == ("bare numbers read as fractions (0.87 -> 87 %), because the median of 3 of them is "
                              "0.87, not above 1")


def test_the_median_is_the_upper_middle_of_an_even_count() -> None:
    decision = decide_percent("FCR", [0.2, 0.4, 0.6, 0.8], FCR)
    assert "median of 4 of them is 0.6" in decision.rule
    assert "median of 2 of them is 0.9" in decide_percent("FCR", [0.1, 0.9], FCR).rule
    assert "median of 1,200 of them" in decide_percent("FCR", [0.5] * 1200, FCR).rule


def test_mean_scores_stop_only_a_share_kpi() -> None:
    stop = decide_percent("CSAT", [3.6, 4.1, 4.8, 2.2], CSAT)
    assert stop.scale is None and stop.rule == ""
    assert stop.problem == (
        "holds numbers from 2.2 to 4.8 without % signs (median 4.1): they look like a mean score on a 1-5 scale, "
        "but CSAT is the share of satisfied answers, so they cannot be stored as CSAT. Map the column to a "
        "mean-score KPI (such as CSAT_SCORE), or, if they really are percent points, say so with \"scale\": "
        "\"percent\" for the column in the mapping")
    ten = decide_percent("CSAT", [7.5, 8.2, 9.1], CSAT)
    assert ten.problem is not None and "a mean score on a 0-10 scale" in ten.problem
    for spec in (MEAN_CSAT, FCR):  # not a share of satisfied answers: no stop
        assert decide_percent("CSAT", [3.6, 4.1, 4.8], spec).problem is None


def test_empty_values_decide_nothing() -> None:
    decision = decide_percent("FCR", [], FCR)
    assert decision.scale is None and decision.rule == "" and decision.problem is None


@pytest.mark.parametrize(("value", "text"), [
    (0.87, "0.87"), (1234.5, "1,234"), (999_999.0, "1e+06"), (1_000_000.0, "1,000,000"), (-2_500_000.0, "-2,500,000"),
    (-999_999.0, "-1e+06"), (3.14159, "3.142"),
])
def test_numbers_in_messages(value: float, text: str) -> None:
    assert _num(value) == text


def test_values_and_bounds_as_the_user_reads_them() -> None:
    assert shown(0.875, SCALES[FRACTION]) == "87.50 %"
    assert shown(1234.5, SCALES[SECONDS]) == "1,234"
    assert _bound(math.inf, SCALES[SECONDS]) == "any" and _bound(-math.inf, SCALES[SECONDS]) == "any"
    assert _bound(1.0, SCALES[FRACTION]) == "100.00 %" and _bound(0.0, SCALES[SECONDS]) == "0"
    assert kpi_scale(NPS).name == "nps" and kpi_scale(AHT).name == SECONDS and kpi_scale(FCR).name == FRACTION
    assert RangeCheck().bounds(AHT) == (0.0, math.inf)


def test_a_warning_names_the_first_rows_then_counts_the_rest() -> None:
    assert ROWS_NAMED == 5
    check = RangeCheck()
    for row in range(1, ROWS_NAMED + 1):
        check.add("AHT s", "AHT", row, f" -{row} ")
    exactly = check.warnings({"AHT": AHT})
    assert exactly == ["column 'AHT s': 5 values outside the range of AHT (a duration in seconds: 0 to any): '-1' on "
                       "row 1, '-2' on row 2, '-3' on row 3, '-4' on row 4, '-5' on row 5; stored as the file gives "
                       "them: check them at the source"]
    check.add("AHT s", "AHT", 9, "-9")
    more = check.warnings({"AHT": AHT})[0]
    assert "'-5' on row 5, and 1 more;" in more and "'-9'" not in more and more.startswith("column 'AHT s': 6 values")
    one = RangeCheck()
    one.add("FCR", "FCR", 3, "120%")
    assert one.warnings({"FCR": FCR})[0].startswith("column 'FCR': 1 value outside the range of FCR")


def test_a_column_is_foreign_when_more_than_half_is_out_of_range() -> None:
    assert FOREIGN_SHARE == 0.5
    check = RangeCheck()
    for row in (4, 5, 6):
        check.add("CSAT", "CSAT", row, "4.2")
    check.count("CSAT", 5)
    check.count("CSAT")  # counts one by default: 6 seen
    assert check.seen == {"CSAT": 6}
    assert check.foreign() == []  # 3 of 6: exactly half
    check.add("CSAT", "CSAT", 9, "4.4")
    assert check.foreign() == [("CSAT", 4, 6, 4)]
    unseen = RangeCheck()
    unseen.add("X", "FCR", 2, "2")
    assert unseen.foreign() == [("X", 1, 1, 2)]  # nothing counted: all that was seen was out of range


def test_a_kpis_stated_scale_wins_over_its_units_default() -> None:
    rating = KpiSpec("CSAT_SCORE", "CSAT score", "score", scale="rating_1_5", basis="mean")
    assert kpi_scale(rating).name == "rating_1_5" and RangeCheck().bounds(rating) == (1.0, 5.0)
