"""Mapping edges: what a mapping lacks in full words, which KPIs an interaction log gives, the header signature's
stored form, and the names still found here that live in importers.proposal."""

from __future__ import annotations

import hashlib

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers import proposal
from coachdesk.importers.mapping import ColumnMap, Mapping, header_signature, interaction_kpis


def test_missing_says_who_when_and_what_in_full() -> None:
    bare = Mapping(m.SUMMARY, (ColumnMap("Notes", 0, m.IGNORE),))
    who = "who: no agent column (such as Agent, Agent Name, Agent Id, User Name or Email)"
    when = ("when: no date or interval column (such as Date, Call Date or Interval Start), and no period given "
            "(--period-start/--period-end)")
    what = "what: no KPI column that the catalogue knows (such as AHT, Avg Talk, CSAT, Answered)"
    assert bare.missing(period_given=False) == [who, when, what]
    assert bare.missing(period_given=True) == [who, what]


def test_an_interaction_log_without_durations_gives_no_aht() -> None:
    rated = Mapping(m.INTERACTIONS, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Score", 1, m.RATING)))
    assert interaction_kpis(rated) == ["ANSWERED", "CSAT", "DSAT"]
    talk = Mapping(m.INTERACTIONS, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Talk", 1, m.TALK)))
    assert interaction_kpis(talk) == ["AHT", "TALK", "ANSWERED"]


def test_the_header_signature_ignores_order_case_punctuation_and_blank_cells() -> None:
    # saved mappings store it: the form is sha256 of the sorted normalised names joined by the unit separator
    expected = hashlib.sha256(b"agent\x1favg talk").hexdigest()
    assert header_signature(["Avg. Talk", "", "  ", "AGENT"]) == expected
    assert header_signature(["agent", "avg talk"]) == expected


def test_propose_and_header_hint_are_found_here_and_nothing_else() -> None:
    assert m.propose is proposal.propose and m.header_hint is proposal.header_hint
    with pytest.raises(AttributeError) as caught:
        m.nothing_here  # noqa: B018
    assert str(caught.value) == "module 'coachdesk.importers.mapping' has no attribute 'nothing_here'"


KPIS = {"AHT": m.KpiSpec("AHT", "Handle", "seconds"), "TALK": m.KpiSpec("TALK", "Talk", "seconds"),
        "ACW": m.KpiSpec("ACW", "After-call work", "seconds")}


def test_to_json_writes_the_saved_mapping_format() -> None:
    interactions = Mapping(m.INTERACTIONS, (ColumnMap("Notes", 0, m.IGNORE), ColumnMap("Agent", 1, m.AGENT_NAME),
                                            ColumnMap("Talk", 2, m.TALK, unit="minutes"),
                                            ColumnMap("Rate", 3, "kpi:AHT", scale="percent")),
                           source="given", preset="acme", derive=(("AHT", ("TALK", "ACW")),), csat_rule="mean")
    assert interactions.to_json() == {
        "format": "coachdesk.import-mapping", "version": 1, "shape": "interactions",
        "columns": {"Agent": "agent_name", "Talk": {"field": "talk", "unit": "minutes"},
                    "Rate": {"field": "kpi:AHT", "scale": "percent"}},
        "derive": {"AHT": ["TALK", "ACW"]}, "csat_rule": "mean", "preset": "acme"}
    summary = Mapping(m.SUMMARY, (ColumnMap("Agent", 0, m.AGENT_NAME),))
    assert summary.to_json() == {"format": "coachdesk.import-mapping", "version": 1, "shape": "summary",
                                 "columns": {"Agent": "agent_name"}}


def test_a_long_file_needs_both_the_kpi_name_and_the_value() -> None:
    assert Mapping(m.LONG, (ColumnMap("KPI", 0, m.KPI_NAME),)).kpi_fields() == []
    assert Mapping(m.LONG, (ColumnMap("Value", 0, m.VALUE),)).kpi_fields() == []
    assert Mapping(m.LONG, (ColumnMap("KPI", 0, m.KPI_NAME), ColumnMap("Value", 1, m.VALUE))).kpi_fields() == ["*"]


def test_parse_mapping_reads_what_it_is_given() -> None:
    parsed = m.parse_mapping({"columns": {"Agent": "agent_name"}}, ["Notes", "Agent"], KPIS)
    assert parsed.source == "given" and parsed.columns[0] == ColumnMap("Notes", 0, m.IGNORE, confidence=0.0)


@pytest.mark.parametrize("data, header, message", [
    ([], ["Agent"], 'a mapping is a JSON object with a "columns" object (header -> field)'),
    ({"columns": []}, ["Agent"], 'a mapping is a JSON object with a "columns" object (header -> field)'),
    ({"shape": "wide", "columns": {}}, ["Agent"], "shape 'wide' is not one of summary, long, interactions"),
    ({"columns": {"AHT": "kpi:AHT"}}, ["Agent", "", "Talk"],
     "the file has no column 'AHT' (its columns: Agent, Talk)"),
    ({"columns": {"Agent": "person"}}, ["Agent"], "column 'Agent': 'person' is not a field (one of agent_id, email, "),
    ({"columns": {"Agent": "agent_name"}, "csat_rule": "top3"}, ["Agent"], "csat_rule 'top3' is not top2 or mean"),
])
def test_parse_mapping_refuses_in_full_words(data, header, message) -> None:
    with pytest.raises(ValueError) as caught:
        m.parse_mapping(data, header, KPIS)
    assert str(caught.value).startswith(message)


def test_an_interaction_log_with_every_field_gives_every_kpi() -> None:
    fields = (m.AGENT_NAME, m.HANDLE, m.TALK, m.HOLD, m.ACW, m.SPEED, m.RESOLVED, m.TRANSFERRED, m.RATING)
    full = Mapping(m.INTERACTIONS, tuple(ColumnMap(f"c{i}", i, f) for i, f in enumerate(fields)))
    assert interaction_kpis(full) == ["AHT", "TALK", "HOLD", "ACW", "ASA", "ANSWERED", "FCR", "TRANSFER", "CSAT",
                                      "DSAT"]


def test_a_saved_mapping_keeps_its_preset_name() -> None:
    parsed = m.parse_mapping({"columns": {"Agent": "agent_name"}, "preset": "acme"}, ["Agent"], KPIS)
    assert parsed.preset == "acme"
    assert m.parse_mapping({"columns": {"Agent": "agent_name"}, "preset": "acme"}, ["Agent"], KPIS,
                           preset="five9").preset == "five9"
