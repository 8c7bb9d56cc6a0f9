"""Mapping proposals from header synonyms and content, saved-mapping signatures, and platform presets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers import presets
from coachdesk.importers.mapping import KpiSpec, header_signature, parse_mapping, propose

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kpis() -> dict[str, KpiSpec]:
    data = json.loads((ROOT / "resources" / "presets" / "kpi_catalogue.json").read_text(encoding="utf-8"))
    return {k["code"]: KpiSpec(k["code"], k["name"], k["unit"], k["aggregation"], k.get("weight_kpi"), k.get("scale"),
                           k.get("satisfaction_basis"))
            for k in data["kpis"]}


@pytest.fixture(scope="module")
def known() -> list[presets.Preset]:
    data = json.loads((ROOT / "resources" / "presets" / "import_presets.json").read_text(encoding="utf-8"))
    return presets.load_presets(data)


def fields(mapping: m.Mapping) -> dict[str, str]:
    return {c.column: c.field for c in mapping.used}


def test_wide_daily_summary_with_synonyms(kpis):
    header = ["Rep", "Call Date", "AHT (sec)", "Avg Talk", "Satisfaction rating", "Answered", "Adherence (%)", "Site"]
    sample = [["Ann", "2021-01-02", "312", "00:04:10", "87%", "40", "91.5%", "Leeds"]]
    mapping = propose(header, sample, kpis)
    assert mapping.shape == m.SUMMARY and mapping.source == "proposed"
    assert fields(mapping) == {"Rep": m.AGENT_NAME, "Call Date": m.DATE, "AHT (sec)": "kpi:AHT",
                               "Avg Talk": "kpi:TALK", "Satisfaction rating": "kpi:CSAT",
                               "Answered": "kpi:ANSWERED", "Adherence (%)": "kpi:ADHERENCE"}
    assert mapping.column_for("kpi:AHT").unit == "seconds"
    assert mapping.missing(period_given=False) == []
    assert all(0 < c.confidence <= 1 for c in mapping.used)


def test_camel_case_and_identity_columns(kpis):
    header = ["User Name", "Agent Id", "Email", "Interval Start", "Interval End", "AvgTalkDuration", "Avg Handle"]
    sample = [["ann", "42", "ann@example.com", "7/25/25 00:00", "8/26/25 00:00", "0:02:23", " 00:14:33.768"]]
    mapping = propose(header, sample, kpis)
    assert fields(mapping) == {"User Name": m.AGENT_NAME, "Agent Id": m.AGENT_ID, "Email": m.EMAIL,
                               "Interval Start": m.INTERVAL_START, "Interval End": m.INTERVAL_END,
                               "AvgTalkDuration": "kpi:TALK", "Avg Handle": "kpi:AHT"}


def test_content_that_does_not_fit_drops_a_column(kpis):
    mapping = propose(["Agent", "Date", "AHT"], [["Ann", "2021-01-02", "fast"], ["Bob", "2021-01-02", "slow"]], kpis)
    assert "AHT" not in fields(mapping)
    assert mapping.missing(period_given=False)[0].startswith("what")


def test_interaction_logs_are_recognised_and_mapped_to_contact_fields(kpis):
    header = ["Call Id", "Agent", "Date", "Time", "Topic", "Answered (Y/N)", "Resolved",
              "Speed of answer in seconds", "AvgTalkDuration", "Satisfaction rating", "Column1", ""]
    sample = [["ID1", "Diane", "01/01/2021", "9:12:58", "Billing", "Y", "N", "109", "0:02:23", "3", "1", ""],
              ["ID2", "Diane", "01/01/2021", "9:13:58", "Billing", "N", "N", "", "", "0", "1", ""]]
    mapping = propose(header, sample, kpis)
    assert mapping.shape == m.INTERACTIONS
    assert fields(mapping) == {"Call Id": m.CALL_ID, "Agent": m.AGENT_NAME, "Date": m.DATE, "Time": m.TIME,
                               "Answered (Y/N)": m.ANSWERED, "Resolved": m.RESOLVED,
                               "Speed of answer in seconds": m.SPEED, "AvgTalkDuration": m.TALK,
                               "Satisfaction rating": m.RATING}
    assert set(m.interaction_kpis(mapping)) >= {"AHT", "TALK", "ASA", "ANSWERED", "FCR", "CSAT"}


def test_long_format(kpis):
    mapping = propose(["Agent Name", "Date", "Metric", "Value"], [["Ann", "2021-01-02", "AHT", "300"]], kpis)
    assert mapping.shape == m.LONG and mapping.kpi_fields() == ["*"]


def test_no_date_needs_a_period_and_no_agent_is_named(kpis):
    mapping = propose(["Agent", "Adherence (%)"], [["Ann", "95%"]], kpis)
    assert mapping.missing(period_given=True) == []
    assert mapping.missing(period_given=False)[0].startswith("when")
    headless = propose(["Site", "AHT"], [["Leeds", "300"]], kpis)
    assert headless.missing(period_given=True)[0].startswith("who")


def test_the_more_specific_of_two_columns_wins_and_the_other_is_noted(kpis):
    mapping = propose(["Agent", "Date", "Avg Hold", "Avg Hold Handled"], [["Ann", "2021-01-02", "60", "25"]], kpis)
    assert mapping.column_for("kpi:HOLD").column == "Avg Hold Handled"
    assert any("'Avg Hold' also looked like KPI HOLD" in note for note in mapping.notes)


def test_header_signature_ignores_order_case_and_punctuation():
    assert header_signature(["Agent", "AHT (s)", "Date"]) == header_signature(["date", "agent", "aht s"])
    assert header_signature(["Agent", "AHT"]) != header_signature(["Agent", "CSAT"])
    assert len(header_signature(["Agent"])) == 64


def test_mapping_json_round_trip_and_errors(kpis):
    header = ["Agent", "Day", "Handle (min)", "CSAT"]
    data = {"shape": "summary", "columns": {"Agent": "agent_name", "Day": "date",
                                            "Handle (min)": {"field": "kpi:aht", "unit": "minutes"},
                                            "CSAT": {"field": "kpi:CSAT", "scale": "percent"}}}
    mapping = parse_mapping(data, header, kpis)
    assert mapping.column_for("kpi:AHT").unit == "minutes" and mapping.column_for("kpi:CSAT").scale == "percent"
    again = parse_mapping(mapping.to_json(), header, kpis)
    assert again.columns == mapping.columns
    with pytest.raises(ValueError, match="no column 'Nope'"):
        parse_mapping({"columns": {"Nope": "agent_name"}}, header, kpis)
    with pytest.raises(ValueError, match="'kpi:XYZ'|KPI 'XYZ'"):
        parse_mapping({"columns": {"Agent": "kpi:XYZ"}}, header, kpis)
    with pytest.raises(ValueError, match="not a field"):
        parse_mapping({"columns": {"Agent": "person"}}, header, kpis)
    with pytest.raises(ValueError, match="shape"):
        parse_mapping({"shape": "round", "columns": {}}, header, kpis)


VENDOR_HEADERS = {
    "genesys-agent-performance": ["Interval Start", "Interval End", "Interval Complete", "Filters", "Media Type",
                                  "Agent Id", "Agent Name", "Group", "Answered", "Avg Handle", "Avg Talk",
                                  "Avg Hold", "Avg ACW", "Held", "Transferred", "Department", "Avg Hold Handled"],
    "genesys-agent-status": ["Interval Start", "Interval End", "Interval Complete", "Filters", "Agent Id",
                             "Agent Name", "Title", "Logged In", "On Queue", "Idle", "Available", "Away"],
    "genesys-historical-adherence": ["Agent", "Adherence (%)", "Conformance (%)", "Exceptions"],
    "amazon-connect-historical-metrics": ["Agent", "Agent first name", "Agent last name", "Contacts handled",
                                          "Average handle time", "Average agent interaction time",
                                          "Average customer hold time", "Average after contact work time",
                                          "Contacts transferred out"],
    "five9-agent-report": ["AGENT", "AGENT FIRST NAME", "AGENT LAST NAME", "DATE", "CALLS count",
                           "AVG HANDLE TIME", "AVG TALK TIME", "AVG AFTER CALL WORK TIME"],
    "five9-call-log": ["CALL ID", "TIMESTAMP", "CAMPAIGN", "AGENT", "AGENT NAME", "HANDLE TIME", "TALK TIME",
                       "HOLD TIME", "AFTER CALL WORK TIME", "QUEUE WAIT TIME"],
    "talkdesk-contacts": ["Interaction ID", "Call Type", "Start Time", "End Time", "Talk Time", "Wait Time",
                          "Hold Time", "Agent Name", "Rating"],
    "avaya-cms-agent-report": ["Agent Name", "Login ID", "ACD Calls", "Avg ACD Time", "Avg ACW Time",
                               "AUX Time", "Staffed Time", "Trans Out"],
    "nice-cxone-call-detail": ["Contact_ID", "Master_Contact_ID", "Agent_No", "Agent_Name", "Team_Name",
                               "start_date", "start_time", "InQueue", "Agent_Time", "Hold_Time", "ACW_Seconds",
                               "Abandon"],
}


@pytest.mark.parametrize("name", sorted(VENDOR_HEADERS))
def test_presets_are_recognised_by_their_headers(name, known, kpis):
    header = VENDOR_HEADERS[name]
    preset = presets.recognise(header, known)
    assert preset is not None and preset.name == name
    mapping = presets.apply(preset, header, kpis)
    assert mapping.source == "preset" and mapping.preset == name
    if preset.no_kpi_reason:
        assert mapping.kpi_fields() == []
    else:
        assert mapping.kpi_fields() and mapping.has_identity


def test_genesys_preset_details(known, kpis):
    header = VENDOR_HEADERS["genesys-agent-performance"]
    mapping = presets.apply(presets.find("Genesys-Agent-Performance", known), header, kpis)
    assert mapping.column_for("kpi:HOLD").column == "Avg Hold Handled"
    assert "TRANSFER" in mapping.kpi_fields()
    avaya = presets.apply(presets.find("avaya-cms-agent-report", known), VENDOR_HEADERS["avaya-cms-agent-report"],
                          kpis)
    assert avaya.derive == (("AHT", ("TALK", "ACW")),)


def test_unknown_presets_and_headers(known):
    with pytest.raises(ValueError, match="no import preset is called 'acme'"):
        presets.find("acme", known)
    assert presets.recognise(["Agent", "Date", "Widgets"], known) is None
