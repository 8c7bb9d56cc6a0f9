"""Importer rules of issue 17 on their own: periods in columns, title rows and file names; encodings; left-out
columns and their units; the scale checks of share columns and out-of-range values."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers.columns import kpi_code, left_out, merge, metric_unit
from coachdesk.importers.encodings import guess, implausibility
from coachdesk.importers.mapping import KpiSpec
from coachdesk.importers.periods import MONTH, WEEK, WEEK_END, parse_month, period_in_text, span, suggest_period
from coachdesk.importers.scales import RangeCheck, decide_percent
from coachdesk.importers.values import FRACTION, PERCENT_POINTS

D = date(2025, 11, 17)


@pytest.mark.parametrize("unit, expected", [
    (WEEK, (D, date(2025, 11, 23))), (WEEK_END, (date(2025, 11, 11), D)), (MONTH, (date(2025, 11, 1),
                                                                                  date(2025, 11, 30))),
    (None, (D, D)),
])
def test_span(unit, expected):
    assert span(D, unit) == expected


@pytest.mark.parametrize("raw, expected", [
    ("2025-11", (date(2025, 11, 1), date(2025, 11, 30))), ("11/2025", (date(2025, 11, 1), date(2025, 11, 30))),
    ("Nov 2025", (date(2025, 11, 1), date(2025, 11, 30))), ("February 2024", (date(2024, 2, 1), date(2024, 2, 29))),
    ("Feb-23", (date(2023, 2, 1), date(2023, 2, 28))), ("2025-11-17", (date(2025, 11, 1), date(2025, 11, 30))),
    (date(2025, 12, 5), (date(2025, 12, 1), date(2025, 12, 31))), ("2025-01", (date(2025, 1, 1), date(2025, 1, 31))),
    ("2025-12", (date(2025, 12, 1), date(2025, 12, 31))),
])
def test_parse_month(raw, expected):
    assert parse_month(raw) == expected


@pytest.mark.parametrize("raw", ["2025-13", "0/2025", "Smarch 2025", "week 47", ""])
def test_parse_month_refuses(raw):
    with pytest.raises(ValueError):
        parse_month(raw)


@pytest.mark.parametrize("text, expected", [
    ("Date: 11/17/2025", (D, D)), ("Week of 2025-11-17", (D, date(2025, 11, 23))),
    ("Week ending 2025-11-23", (D, date(2025, 11, 23))), ("Week starting 17/11/2025", (D, date(2025, 11, 23))),
    ("1 Nov 2025 - 30 Nov 2025", (date(2025, 11, 1), date(2025, 11, 30))),
    ("From 2025-11-17 to 2025-11-21", (D, date(2025, 11, 21))), ("Month: Nov 2025", (date(2025, 11, 1),
                                                                                      date(2025, 11, 30))),
    ("Date: 11/12/2025", None), ("Agent report", None), ("2025-11-30 to 2025-11-01", (date(2025, 11, 30),) * 2),
    ("Date: 11/12/2025 (mdy)", None),
])
def test_period_in_text(text, expected):
    assert period_in_text(text) == expected


def test_period_in_text_with_a_confirmed_order_and_suggestions():
    assert period_in_text("Date: 11/12/2025", "mdy") == (date(2025, 11, 12), date(2025, 11, 12))
    assert period_in_text("Date: 11/12/2025", "dmy") == (date(2025, 12, 11), date(2025, 12, 11))
    assert suggest_period(("Agent report", "Date: 11/17/2025"), "x.csv") == ((D, D), "the title row 'Date: 11/17/2025'")
    assert suggest_period((), "agents_20251117.csv") == ((D, D), "the file name 'agents_20251117.csv'")
    assert suggest_period(("Printed by Ann",), "agents.csv") is None
    assert suggest_period((), "agents_20251399.csv") is None


@pytest.mark.parametrize("encoding, text, found", [
    ("cp1251", "Agent,AHT\nИван Петров,1\nОльга Смирнова,2\n", "cp1251"),
    ("iso-8859-2", "Agent,AHT\nŁukasz Żółć,1\nJiří Dvořák,2\n", "iso8859-2"),
    ("shift_jis", "Agent,AHT\n山田 太郎,1\n佐藤 花子,2\n", "cp932"),
    ("cp1252", "Agent,AHT\nJosé Müller,1\nFrançois Lefèvre,2\n", "cp1252"),
])
def test_guess_reads_names_right(encoding, text, found):
    name, how = guess(text.encode(encoding))
    assert name == found and found in how
    assert text.encode(encoding).decode(name) == text


def test_implausibility_counts_symbols_mixed_scripts_and_accent_soup():
    assert implausibility("") == 0.0 and implausibility("Ann Lee, José Müller\n") == 0.0
    assert implausibility("Иван Петров") == 0.0 and implausibility("山田 太郎") == 0.0
    assert implausibility("Èâàí Ïåòðîâ") > 0 and implausibility("£ukasz ¯ó³æ") > 0
    assert implausibility("ИванPetrov") > 0 and implausibility("a\x01b") > 0 and implausibility("abcDé") > 0
    assert implausibility("Èâàí") == pytest.approx(2 * 1000 / 4)


@pytest.mark.parametrize("header, values, unit", [
    ("Agent answer rate", ["95%", "90%"], "percent"), ("Occupancy", ["0.8", "0.7"], "percent"),
    ("Hold", ["0:01:10", "0:00:20"], "seconds"), ("Avg wait time", ["12", "14"], "seconds"),
    ("Calls offered", ["12", "14"], "count"), ("Score", ["3.5", "4"], "score"), ("Queue", ["Sales", "Help"], None),
    ("Notes", ["", "-"], None), ("Mixed", ["1", "x", "y"], None),
])
def test_metric_unit(header, values, unit):
    assert metric_unit(header, values) == unit


def test_kpi_code():
    # a taken code first: a mutated loop condition then fails at once instead of looping on an empty set
    assert kpi_code("Rate", {"RATE", "RATE_2"}) == "RATE_3" and kpi_code("%%", set()) == "KPI"
    assert kpi_code("Agent answer rate", {"AGENT_ANSWER_RATE"}) == "AGENT_ANSWER_RATE_2"
    assert kpi_code("Agent answer rate", set()) == "AGENT_ANSWER_RATE"
    assert len(kpi_code("x" * 80, set())) == 36


def test_merge_keeps_the_preset_and_adds_what_detection_maps():
    preset = m.Mapping(m.INTERACTIONS, (m.ColumnMap("Interaction ID", 0, m.CALL_ID),
                                        m.ColumnMap("User Name", 1, m.IGNORE), m.ColumnMap("Handle Time", 2, m.IGNORE),
                                        m.ColumnMap("Queue", 3, m.IGNORE)), "preset", "talkdesk")
    detected = m.Mapping(m.INTERACTIONS, (m.ColumnMap("Interaction ID", 0, m.CALL_ID),
                                          m.ColumnMap("User Name", 1, m.AGENT_NAME), m.ColumnMap("Handle Time", 2,
                                                                                                   m.HANDLE),
                                          m.ColumnMap("Queue", 3, "kpi:AHT")))
    merged = merge(preset, detected)
    assert [c.field for c in merged.columns] == [m.CALL_ID, m.AGENT_NAME, m.HANDLE, m.IGNORE]
    assert merged.source == "preset" and len(merged.notes) == 2 and "'User Name' read as agent name" in merged.notes[0]
    assert merge(preset, preset) is preset


def test_left_out_says_why():
    mapping = m.Mapping(m.SUMMARY, (m.ColumnMap("Agent", 0, m.AGENT_NAME), m.ColumnMap("Rate", 1, m.IGNORE),
                                    m.ColumnMap("Queue", 2, m.IGNORE), m.ColumnMap("Empty", 3, m.IGNORE),
                                    m.ColumnMap("Avg Hold", 4, m.IGNORE), m.ColumnMap("", 5, m.IGNORE)))
    rows = [["Ann", "95%", "Sales", "", "12", "x"]]
    out = {item.column: item for item in left_out(mapping, rows, ["'Avg Hold' also looked like KPI HOLD; 'X' was "
                                                                 "taken"])}
    assert set(out) == {"Rate", "Queue", "Empty", "Avg Hold"}
    assert out["Rate"].new_kpi_unit == "percent" and "--create-kpis" in out["Rate"].why
    assert out["Queue"].new_kpi_unit is None and out["Queue"].why.startswith("text")
    assert out["Empty"].why.startswith("empty") and out["Avg Hold"].new_kpi_unit is None
    assert out["Avg Hold"].why == "also looked like KPI HOLD; 'X' was taken; map it by hand to use it instead"
    assert str(out["Queue"]).startswith("'Queue': text")


CSAT = KpiSpec("CSAT", "Customer satisfaction", "percent", scale="fraction", basis="share")
FCR = KpiSpec("FCR", "First contact resolution", "percent")


@pytest.mark.parametrize("values, spec, scale, problem", [
    ([87.0, 91.0, 78.0], CSAT, PERCENT_POINTS, False), ([0.87, 0.91], CSAT, FRACTION, False),
    ([3.6, 4.1, 4.8], CSAT, None, True), ([3.6, 4.1, 4.8], FCR, PERCENT_POINTS, False), ([], CSAT, None, False),
    ([1.0, 1.0, 1.0], FCR, FRACTION, False),
])
def test_decide_percent(values, spec, scale, problem):
    decision = decide_percent("CSAT", values, spec)
    assert decision.scale == scale and (decision.problem is not None) is problem
    if problem:
        assert "from 3.6 to 4.8" in decision.problem and "median 4.1" in decision.problem
    elif values:
        assert f"median of {len(values)} of them" in decision.rule


def test_range_check_names_rows_and_spots_a_foreign_column():
    check = RangeCheck()
    assert check.bounds(FCR) == (0.0, 1.0)
    for row in range(2, 9):
        check.add("FCR", "FCR", row, f"{row}00%")
    check.count("FCR", 10)
    warning = check.warnings({"FCR": FCR})[0]
    assert warning.startswith("column 'FCR': 7 values outside the range of FCR (a share (0-100 %): 0.00 % to "
                              "100.00 %): '200%' on row 2")
    assert "'600%' on row 6, and 2 more" in warning
    assert check.foreign() == [("FCR", 7, 10, 2)]
    check.count("FCR", 4)
    assert check.foreign() == []  # 7 of 14 is not more than half


def test_merge_takes_only_fields_that_fit_the_presets_shape():
    def mapping(shape, fields, source="proposed"):
        return m.Mapping(shape, tuple(m.ColumnMap(f"c{i}", i, f) for i, f in enumerate(fields)), source, "p")

    detected = mapping(m.SUMMARY, [m.AGENT_NAME, "kpi:AHT", m.KPI_NAME, m.HANDLE, "count:transferred", m.DATE])
    for shape, fits in ((m.SUMMARY, [m.AGENT_NAME, "kpi:AHT", m.IGNORE, m.IGNORE, "count:transferred", m.DATE]),
                        (m.LONG, [m.AGENT_NAME, m.IGNORE, m.KPI_NAME, m.IGNORE, m.IGNORE, m.DATE]),
                        (m.INTERACTIONS, [m.AGENT_NAME, m.IGNORE, m.IGNORE, m.HANDLE, m.IGNORE, m.DATE])):
        preset = mapping(shape, [m.IGNORE] * 6, "preset")
        assert [c.field for c in merge(preset, detected).columns] == fits, shape
    twice = mapping(m.SUMMARY, [m.AGENT_NAME, m.AGENT_NAME])
    merged = merge(mapping(m.SUMMARY, [m.IGNORE, m.IGNORE], "preset"), twice)
    assert [c.field for c in merged.columns] == [m.AGENT_NAME, m.IGNORE]  # one column per field
    taken = merge(mapping(m.SUMMARY, [m.AGENT_NAME, m.IGNORE], "preset"), twice)
    assert [c.field for c in taken.columns] == [m.AGENT_NAME, m.IGNORE] and taken.notes == ()


@pytest.mark.parametrize("values, unit, words", [
    (["95%"], "percent", "percentages"), (["0:01:00"], "seconds", "durations"), (["12"], "count", "counts"),
    (["3.5"], "score", "numbers"),
])
def test_left_out_names_the_unit_in_words(values, unit, words):
    header = {"percent": "Rate", "seconds": "Hold", "count": "Calls offered", "score": "Score"}[unit]
    mapping = m.Mapping(m.SUMMARY, (m.ColumnMap(header, 0, m.IGNORE),))
    (item,) = left_out(mapping, [values])
    assert item.new_kpi_unit == unit
    assert item.why == (f"holds figures ({words}) but no catalogue KPI has this name: map it to a KPI, or add it as "
                        "a new KPI (--create-kpis, or 'New KPI' in the import dialog)")
    long = m.Mapping(m.LONG, (m.ColumnMap(header, 0, m.IGNORE),))
    (item,) = left_out(long, [values])
    assert item.new_kpi_unit is None and item.why == ("holds figures, but a long file takes its KPI from the KPI-name "
                                                      "column and its value from one column")
    short = left_out(mapping, [[]])
    assert short[0].why == "empty in the rows read; nothing to import"
    text = m.Mapping(m.SUMMARY, (m.ColumnMap("Queue", 0, m.IGNORE),))
    assert left_out(text, [["Sales"]])[0].why == ("text, not a figure or an agent, date or KPI column: nothing to "
                                                  "import (map it by hand if it is)")


@pytest.mark.parametrize("header, values, unit", [
    ("Answer %", ["0.9", "0.8"], "percent"), ("Contacts #", ["4", "5"], "count"), ("X", ["95%", "1", "2"], None),
    ("X", ["95%", "90%", "1"], "percent"), ("X", ["95%", "1"], None), ("X", ["95%", "90%", "x"], None), ("X", ["0:01", "0:02", "3"], "seconds"), ("X", ["1", "2", "x", "y", "z"],
                                                                                     None),
    ("X", ["1", "2", "3", "4", "x"], "score"), ("X", ["95%", "90%", "x", "y"], None),
])
def test_metric_unit_shares_and_signs(header, values, unit):
    assert metric_unit(header, values) == unit


def test_suggest_period_passes_the_confirmed_order_and_says_where():
    assert suggest_period(("Date: 11/12/2025",), "x.csv", "dmy") == (
        (date(2025, 12, 11), date(2025, 12, 11)), "the title row 'Date: 11/12/2025'")
    assert suggest_period(("  Date: 11/17/2025  ",), "x.csv")[1] == "the title row 'Date: 11/17/2025'"
    assert suggest_period((), "week_11.12.2025.csv", "mdy") == ((date(2025, 11, 12),) * 2,
                                                                "the file name 'week_11.12.2025.csv'")
    long_line = "Date: 11/17/2025 " + "x" * 100
    assert suggest_period((long_line,), "x.csv")[1] == f"the title row {long_line[:80]!r}"


@pytest.mark.parametrize("text, expected", [
    ("Date: 12/11/2025", None), ("Date: 13/11/2025", (date(2025, 11, 13),) * 2),
    ("Date: 11/13/2025", (date(2025, 11, 13),) * 2), ("Date: 12/12/2025", (date(2025, 12, 12),) * 2),
    ("Date: 12/13/2025", (date(2025, 12, 13),) * 2), ("Date: 31/02/2025", None),
])
def test_an_ambiguous_day_month_date_is_no_suggestion(text, expected):
    assert period_in_text(text) == expected


def test_in_range_slack_is_a_share_of_the_scales_width():
    from coachdesk.domain.kpi_scales import NPS, RATING_5, SCALES, in_range

    assert in_range(110, SCALES[NPS], slack=0.05) and not in_range(110.1, SCALES[NPS], slack=0.05)
    assert in_range(5.4, SCALES[RATING_5], slack=0.1) and not in_range(5.41, SCALES[RATING_5], slack=0.1)
    assert in_range(1e9, SCALES["count"], slack=0.5)  # an endless scale has no width to add
