"""Proposal edges: the header variants looked up, the confidence each kind of match gives, the header hint's score,
and a CSAT column of mean scores mapped to the mean-score KPI with a note saying why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers import proposal
from coachdesk.importers.mapping import KpiSpec
from coachdesk.importers.synonyms import FIELD_SYNONYMS, KPI_SYNONYMS, compact

ROOT = Path(__file__).resolve().parents[2]
UNIT_WORDS = ["sec", "secs", "seconds", "s", "min", "mins", "minutes", "hh", "mm", "ss", "%", "pct", "percent", "count",
              "#", "in", "hrs", "hours", "avg", "total"]


@pytest.fixture(scope="module")
def kpis() -> dict[str, KpiSpec]:
    data = json.loads((ROOT / "resources" / "presets" / "kpi_catalogue.json").read_text(encoding="utf-8"))
    return {k["code"]: KpiSpec(k["code"], k["name"], k["unit"], k["aggregation"], k.get("weight_kpi"), k.get("scale"),
                           k.get("satisfaction_basis"))
            for k in data["kpis"]}


@pytest.mark.parametrize("word", UNIT_WORDS)
def test_each_unit_word_at_the_end_is_dropped(word):
    assert proposal._variants(f"Handle Time {word}") == [compact(f"Handle Time {word}"), "handletime"]


def test_variants_as_written_without_brackets_then_without_each_trailing_unit_word():
    assert proposal._variants("Handle Time Avg (sec)") == ["handletimeavgsec", "handletimeavg", "handletime"]
    assert proposal._variants("Handle [s] Time") == ["handlestime", "handletime"]
    assert proposal._variants("Handle (queue) sec") == ["handlequeuesec", "handlesec", "handle"]
    assert proposal._variants("Talk") == ["talk"]
    assert proposal._variants("") == []


def test_a_synonym_as_written_is_more_certain_than_one_found_without_its_unit(kpis):
    code, confidence = KPI_SYNONYMS["aht"]
    assert proposal._lookup_kpi("AHT", kpis) == (code, confidence)
    assert proposal._lookup_kpi("AHT (agents)", kpis) == (code, pytest.approx(confidence - 0.05))
    assert proposal._lookup(FIELD_SYNONYMS, "Agent Name") == (FIELD_SYNONYMS["agentname"], 0.95)
    assert proposal._lookup(FIELD_SYNONYMS, "Agent Name (full)") == (FIELD_SYNONYMS["agentname"], 0.85)
    assert proposal._lookup(FIELD_SYNONYMS, "Nothing like a field") is None


def test_a_custom_kpi_is_found_by_its_code_or_its_name(kpis):
    custom = {**kpis, "SALES": KpiSpec("SALES", "Upsell conversions", "count")}
    assert proposal._lookup_kpi("sales", custom) == ("SALES", 0.9)
    assert proposal._lookup_kpi("Upsell Conversions", custom) == ("SALES", 0.9)
    assert proposal._lookup_kpi("Upsell", custom) is None


def test_token_rules_need_every_token_and_one_of_the_qualifiers(kpis):
    assert proposal._lookup_kpi("Mean handle figure", kpis) == ("AHT", 0.6)
    assert proposal._lookup_kpi("Handle figure", kpis) is None  # no avg/average/mean: not a mean handle time
    assert proposal._lookup_kpi("Wrap", kpis) == ("ACW", 0.6)  # the needed token alone, no qualifier asked
    assert proposal._lookup_kpi("Wrap", {c: s for c, s in kpis.items() if c != "ACW"}) is None


def test_the_header_hint_counts_cells_naming_a_field_or_kpi(kpis):
    score = proposal.header_hint({**kpis, "SALES": KpiSpec("SALES", "Upsell conversions", "count")})
    assert score(["Agent Name", "Date", "AHT", "Call ID", "Notes", ""]) == 4
    assert score(["Upsell conversions", "sales", "Report for"]) == 2
    assert score(["Report for", "March"]) == 0


def test_a_csat_column_of_mean_scores_goes_to_the_mean_score_kpi_with_a_note(kpis):
    header = ["Agent", "Date", "CSAT"]
    sample = [["Ann", "2025-01-02", "3.6"], ["Bob", "2025-01-02", ""], ["Eve", "2025-01-02", "oops"],
              ["Cid", "2025-01-02", "4.5"], ["Dee", "2025-01-02", "4"], ["Fay", "2025-01-02", "4.1"]]
    mapping = m.propose(header, sample, kpis)
    assert mapping.column_for("kpi:CSAT_SCORE").column == "CSAT"
    assert mapping.column_for("kpi:CSAT_SCORE").confidence == 0.8
    assert mapping.notes == ("'CSAT' holds numbers from 3.6 to 4.5 without % signs: mean scores on a 1-5 scale, not "
                             "the share of satisfied answers that CSAT is; mapped to CSAT_SCORE (Customer "
                             "satisfaction score (1-5))",)


def test_a_csat_column_of_percentages_stays_a_share(kpis):
    header = ["Agent", "Date", "CSAT"]
    sample = [["Ann", "2025-01-02", "85%"], ["Bob", "2025-01-02", "90%"], ["Cid", "2025-01-02", "4%"]]
    mapping = m.propose(header, sample, kpis)
    assert mapping.column_for("kpi:CSAT").column == "CSAT" and mapping.notes == ()


def test_mean_scores_without_a_mean_score_kpi_stay_on_the_share_kpi(kpis):
    no_mean = {c: s for c, s in kpis.items() if c != "CSAT_SCORE"}
    sample = [["Ann", "2025-01-02", "3.6"], ["Cid", "2025-01-02", "4.5"]]
    mapping = m.propose(["Agent", "Date", "CSAT"], sample, no_mean)
    assert mapping.column_for("kpi:CSAT").column == "CSAT"


def test_a_short_row_leaves_its_missing_cells_empty(kpis):
    mapping = m.propose(["Agent", "Date", "AHT"], [["Ann", "2025-01-02"], ["Bob", "2025-01-02", "300"]], kpis)
    assert mapping.column_for("kpi:AHT").column == "AHT"


def fields(mapping) -> dict[str, str]:
    return {c.column: c.field for c in mapping.columns}


def test_a_start_and_an_end_make_an_interval_and_a_start_alone_is_the_date(kpis):
    both = m.propose(["Agent", "Start Date", "End Date", "AHT"], [["Ann", "2025-01-01", "2025-01-07", "300"]], kpis)
    assert fields(both)["Start Date"] == m.INTERVAL_START and fields(both)["End Date"] == m.INTERVAL_END
    alone = m.propose(["Agent", "Start Date", "AHT"], [["Ann", "2025-01-01", "300"]], kpis)
    assert fields(alone)["Start Date"] == m.DATE


def test_a_time_column_is_kept_only_when_the_date_has_no_time(kpis):
    header = ["Agent", "Date", "Start Time", "AHT"]
    apart = m.propose(header, [["Ann", "2025-01-01", "09:00", "300"]], kpis)
    assert fields(apart)["Start Time"] == m.TIME and fields(apart)["Date"] == m.DATE
    joined = m.propose(header, [["Ann", "2025-01-01 09:00", "09:00", "300"]], kpis)
    assert fields(joined)["Start Time"] == m.IGNORE and fields(joined)["Date"] == m.DATE


def test_a_long_file_needs_a_kpi_name_and_a_value_column(kpis):
    long = m.propose(["Agent", "Date", "KPI", "Value"], [["Ann", "2025-01-01", "AHT", "300"]], kpis)
    assert long.shape == m.LONG
    lone = m.propose(["Agent", "Date", "Value"], [["Ann", "2025-01-01", "300"]], kpis)
    assert lone.shape == m.SUMMARY and fields(lone)["Value"] == m.IGNORE


def test_ignored_columns_have_no_confidence_and_mapped_ones_two_decimals(kpis):
    mapping = m.propose(["Agent", "Notes", "AHT (agents)"], [["Ann", "x", "300"]], kpis)
    by = {c.column: c for c in mapping.columns}
    assert [c.index for c in mapping.columns] == [0, 1, 2]
    assert (by["Notes"].field, by["Notes"].confidence) == (m.IGNORE, 0.0)
    assert by["AHT (agents)"].confidence == round(KPI_SYNONYMS["aht"][1] - 0.05, 2)
    assert mapping.source == "proposed"


@pytest.mark.parametrize("yes, no", [("y", "n"), ("Yes", "No"), ("TRUE", "false")])
def test_yes_no_answered_cells_make_an_interaction_log(kpis, yes, no):
    rows = [["Ann", "2025-01-01", v, "300"] for v in (yes, no)]
    mapping = m.propose(["Agent", "Date", "Answered", "Talk"], rows, kpis)
    assert mapping.shape == m.INTERACTIONS and fields(mapping)["Answered"] == m.ANSWERED


def test_numbers_in_an_answered_column_are_a_summary_count(kpis):
    rows = [["Ann", "2025-01-01", v, "300"] for v in ("1", "0")]
    mapping = m.propose(["Agent", "Date", "Answered", "Talk"], rows, kpis)
    assert mapping.shape == m.SUMMARY and fields(mapping)["Answered"] == "kpi:ANSWERED"


def test_nine_flags_in_ten_are_enough_for_an_interaction_log(kpis):
    def shape(flags: int, others: int) -> str:
        rows = [["Ann", "2025-01-01", v, "300"] for v in ["y"] * flags + ["maybe"] * others]
        return m.propose(["Agent", "Date", "Answered", "Talk"], rows, kpis).shape
    assert shape(9, 1) == m.INTERACTIONS
    assert shape(8, 1) == m.SUMMARY


def columns(mapping) -> dict[str, tuple]:
    return {c.column: (c.field, c.unit, c.confidence) for c in mapping.columns}


def test_week_and_month_columns_give_their_period(kpis):
    week = m.propose(["Agent", "Week starting", "AHT"], [["Ann", "2025-01-06", "300"]], kpis)
    assert columns(week)["Week starting"] == (m.DATE, "week", 0.95)
    month = m.propose(["Agent", "Month", "AHT"], [["Ann", "Jan 2025", "300"]], kpis)
    assert columns(month)["Month"] == (m.DATE, "month", 0.95)
    not_a_month = m.propose(["Agent", "Month", "AHT"], [["Ann", "soon", "300"], ["Bob", "later", "300"]], kpis)
    assert columns(not_a_month)["Month"][0] == m.IGNORE
    empty = m.propose(["Agent", "Week starting", "AHT"], [["Ann", "", "300"]], kpis)
    assert columns(empty)["Week starting"][0] == m.IGNORE  # nothing read: not a period column


def test_four_readable_values_in_five_are_enough_for_a_kpi_or_count(kpis):
    def field(header: str, good: str, n_good: int, n_bad: int) -> str:
        rows = [["Ann", "2025-01-01", v] for v in [good] * n_good + ["x"] * n_bad]
        return columns(m.propose(["Agent", "Date", header], rows, kpis))[header][0]
    assert field("AHT", "300", 4, 1) == "kpi:AHT" and field("AHT", "300", 3, 1) == m.IGNORE
    assert field("Contacts", "3", 4, 1) == "kpi:ANSWERED" and field("Contacts", "3", 3, 1) == m.IGNORE


def test_a_duration_kpi_keeps_the_unit_its_header_names(kpis):
    mapping = m.propose(["Agent", "Date", "Talk Time (min)", "FCR"], [["Ann", "2025-01-01", "2.5", "80%"]], kpis)
    assert columns(mapping)["Talk Time (min)"][:2] == ("kpi:TALK", "minutes")
    assert columns(mapping)["FCR"][:2] == ("kpi:FCR", None)


def test_an_interaction_log_maps_contact_columns_when_their_values_fit(kpis):
    header = ["Call Id", "Agent", "Date", "Talk (min)", "Rating", "Resolved"]
    fit = m.propose(header, [["1", "Ann", "2025-01-01", "2.5", "4", "Y"]], kpis)
    assert columns(fit)["Talk (min)"][:2] == (m.TALK, "minutes")
    assert columns(fit)["Rating"][:2] == (m.RATING, None) and columns(fit)["Resolved"][:2] == (m.RESOLVED, None)
    odd = m.propose(header, [["1", "Ann", "2025-01-01", "x", "x", "maybe"]], kpis)
    assert [columns(odd)[h][0] for h in header[3:]] == [m.IGNORE] * 3


def test_an_interaction_log_maps_kpi_headers_to_contact_fields_less_surely(kpis):
    header = ["Call Id", "Agent", "Date", "Mean handle figure (min)", "Survey csat result"]
    fit = m.propose(header, [["1", "Ann", "2025-01-01", "2.5", "4"]], kpis)
    handle, rating = columns(fit)["Mean handle figure (min)"], columns(fit)["Survey csat result"]
    assert handle == (m.HANDLE, "minutes", round(0.6 - 0.1, 2))
    assert rating == (m.RATING, None, round(0.6 - 0.1, 2))
    odd = m.propose(header, [["1", "Ann", "2025-01-01", "x", "x"]], kpis)
    assert columns(odd)["Mean handle figure (min)"][0] == m.IGNORE and columns(odd)["Survey csat result"][0] == m.IGNORE


def test_the_date_holds_a_time_when_any_readable_cell_has_one_past_midnight(kpis):
    header = ["Agent", "Date", "Start Time", "AHT"]
    days = ["", "bad", "2025-01-01 09:00", "2025-01-02 09:00", "2025-01-03 09:00", "2025-01-04 09:00"]
    timed = m.propose(header, [["Ann", d, "09:00", "300"] for d in days], kpis)
    assert fields(timed)["Date"] == m.DATE and fields(timed)["Start Time"] == m.IGNORE
    midnight = m.propose(header, [["Ann", "2025-01-01 00:00", "09:00", "300"]], kpis)
    assert fields(midnight)["Start Time"] == m.TIME


def test_a_date_time_header_holding_only_times_of_day_is_the_time(kpis):
    rows = [["Ann", "2025-01-01", "09:00", "300"], ["Bob", "2025-01-01", "10:30", "300"]]
    mapping = m.propose(["Agent", "Day", "Start Time UTC", "AHT"], rows, kpis)
    assert columns(mapping)["Start Time UTC"][:2] == (m.TIME, None)
    no_time_word = m.propose(["Agent", "Report date", "Date", "AHT"], rows, kpis)
    assert fields(no_time_word)["Date"] == m.IGNORE


@pytest.mark.parametrize("word", ["y", "n", "yes", "no", "true", "false"])
def test_each_yes_no_word_alone_makes_an_interaction_log(kpis, word):
    rows = [["Ann", "2025-01-01", word, "300"], ["Bob", "2025-01-01", word.upper(), "300"]]
    assert m.propose(["Agent", "Date", "Resolved", "Talk"], rows, kpis).shape == m.INTERACTIONS


def test_contact_fields_need_nine_flags_or_four_times_in_five(kpis):
    def field(header: str, good: str, n_good: int, n_bad: int, bad: str = "x") -> str:
        rows = [[str(i), "Ann", "2025-01-01", v] for i, v in enumerate([good] * n_good + [bad] * n_bad)]
        return columns(m.propose(["Call Id", "Agent", "Date", header], rows, kpis))[header][0]
    assert field("Resolved", "Y", 9, 1, "maybe") == m.RESOLVED and field("Resolved", "Y", 8, 1, "maybe") == m.IGNORE
    assert field("Talk", "60", 4, 1) == m.TALK and field("Talk", "60", 3, 1) == m.IGNORE
    assert field("Rating", "4", 4, 1) == m.RATING and field("Rating", "4", 3, 1) == m.IGNORE
    assert field("Mean handle figure", "60", 4, 1) == m.HANDLE and field("Mean handle figure", "60", 3, 1) == m.IGNORE


def test_period_count_and_time_columns_need_four_readable_values_in_five(kpis):
    def field(header: str, good: str, n_good: int, n_bad: int) -> str:
        rows = [["Ann", "2025-01-01", v, "300"] for v in [good] * n_good + ["x"] * n_bad]
        return columns(m.propose(["Agent", "Day", header, "AHT"], rows, kpis))[header][0]
    assert field("Week starting", "2025-01-06", 4, 1) == m.INTERVAL_START  # the week beside a day column
    assert field("Week starting", "2025-01-06", 3, 1) == m.IGNORE
    assert field("Transfers", "3", 4, 1) == "count:transferred" and field("Transfers", "3", 3, 1) == m.IGNORE
    assert field("Start Time UTC", "09:00", 4, 1) == m.TIME and field("Start Time UTC", "09:00", 3, 1) == m.IGNORE


def test_a_start_time_holding_whole_timestamps_is_the_date(kpis):
    def field(n_good: int, n_bad: int) -> str:
        rows = [["Ann", v, "300"] for v in ["2025-01-01 09:00"] * n_good + ["x"] * n_bad]
        return columns(m.propose(["Agent", "Start Time", "AHT"], rows, kpis))["Start Time"][0]
    assert field(4, 1) == m.DATE and field(3, 1) != m.DATE


def test_kpis_are_checked_with_their_units_parser(kpis):
    rows = [["Ann", "2025-01-01", "45"], ["Bob", "2025-01-01", "-20"]]
    mapping = m.propose(["Agent", "Date", "NPS"], rows, kpis)
    assert fields(mapping)["NPS"] == "kpi:NPS"  # a score: read as any number


def test_a_blank_header_cell_is_passed_over_and_the_columns_after_it_are_read(kpis):
    mapping = m.propose(["Agent", "", "Date", "AHT"], [["Ann", "x", "2025-01-01", "300"]], kpis)
    assert fields(mapping) == {"Agent": m.AGENT_NAME, "": m.IGNORE, "Date": m.DATE, "AHT": "kpi:AHT"}


def test_a_kpi_name_column_without_a_value_column_is_not_a_long_file(kpis):
    mapping = m.propose(["Agent", "Date", "KPI", "AHT"], [["Ann", "2025-01-01", "AHT", "300"]], kpis)
    assert mapping.shape == m.SUMMARY and fields(mapping)["KPI"] == m.IGNORE
