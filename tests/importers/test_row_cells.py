"""One row's cells: whether the agent is a person, the agent's text cleaned, the KPI parser's units and the KPI a
long file's name cell means."""

from __future__ import annotations

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers.mapping import ColumnMap, KpiSpec, Mapping
from coachdesk.importers.row_cells import (
    NO_AGENT,
    NOT_PERSON,
    TEMPLATE,
    agent_reader,
    clean_text,
    kpi_resolver,
    non_agent_reason,
    value_parser,
)


@pytest.mark.parametrize("agent, why", [
    (("", "", ""), NO_AGENT),
    (("", "ann@example.com", ""), None),
    (("A7", "", ""), None),
    (("", "", "Ann Lee"), None),
    (("", "", "Template User"), TEMPLATE),
    (("", "", "Templates Ltd"), None),            # a word of its own, not a prefix
    (("", "", " ALL AGENTS "), NOT_PERSON),
    (("Queue", "", ""), NOT_PERSON),              # no name: the id speaks
    (("total", "", "Ann Lee"), None),             # a name: the name speaks
    (("", "", "[Deleted]"), "not an agent: a deleted or unknown user ('[Deleted]')"),
    (("", "", "[Deleted] " + "x" * 30), f"not an agent: a deleted or unknown user ('[Deleted] {'x' * 30}')"),
    (("", "", "[Deleted] " + "x" * 31), f"not an agent: a deleted or unknown user ('[Deleted] {'x' * 30}"
                                        "… (1 more characters)')"),
])
def test_non_agent_reason(agent, why) -> None:
    assert non_agent_reason(agent) == why


@pytest.mark.parametrize("raw, text", [
    (None, ""), (12.0, "12"), (12.5, "12.5"), (7, "7"), ("\u00a0Ann\u00a0Lee ", "Ann Lee"), ('="00123"', "00123"),
    ('=" 0012 "', "0012"), ('="0012', '="0012'), ("Ann   Lee", "Ann Lee"), ("Ann  Lee\tJr", "Ann Lee Jr"),
    ("Ann\tLee", "Ann\tLee"),
])
def test_clean_text(raw, text) -> None:
    assert clean_text(raw) == text


def mapping(*fields: str) -> Mapping:
    return Mapping(m.SUMMARY, tuple(ColumnMap(f"c{i}", i, f) for i, f in enumerate(fields)))


def test_agent_reader_reads_id_email_and_name() -> None:
    read = agent_reader(mapping(m.AGENT_ID, m.EMAIL, m.AGENT_NAME))
    assert read([7.0, " ann@example.com ", "Ann   Lee"]) == ("7", "ann@example.com", "Ann Lee")
    assert agent_reader(mapping(m.AGENT_NAME))(["Bob"]) == ("", "", "Bob")
    assert agent_reader(mapping(m.DATE))(["2025-01-02"]) == ("", "", "")


def test_agent_reader_joins_first_and_last_names_when_there_is_no_name() -> None:
    read = agent_reader(mapping(m.FIRST_NAME, m.LAST_NAME))
    assert read(["Ann", "Lee"]) == ("", "", "Ann Lee")
    assert read(["", "Lee"]) == ("", "", "Lee")
    assert agent_reader(mapping(m.LAST_NAME))(["Lee"]) == ("", "", "Lee")
    assert agent_reader(mapping(m.FIRST_NAME))(["Ann"]) == ("", "", "Ann")
    both = agent_reader(mapping(m.AGENT_NAME, m.FIRST_NAME, m.LAST_NAME))
    assert both(["Ann Lee-Smith", "Ann", "Lee"]) == ("", "", "Ann Lee-Smith")
    assert both(["", "Ann", "Lee"]) == ("", "", "Ann Lee")


def test_value_parser_gives_base_units() -> None:
    seconds, percent = KpiSpec("AHT", "Handle", "seconds"), KpiSpec("FCR", "First contact", "percent")
    assert value_parser(seconds, ".", None, None)("90") == 90.0
    assert value_parser(seconds, ",", "minutes", None)("1,5") == 90.0
    assert value_parser(percent, ".", None, None)("0.5") == 0.5
    assert value_parser(percent, ".", None, "percent")("50") == 0.5
    assert value_parser(percent, ",", None, "percent")("50,5") == 0.505
    assert value_parser(KpiSpec("CALLS", "Calls", "count"), ",", None, None)("1.234") == 1234.0
    assert value_parser(KpiSpec("CSAT", "Score", "score"), ",", None, None)("4,5") == 4.5
    # "1,500" is one and a half only where the comma is the decimal mark
    assert value_parser(seconds, ",", "minutes", None)("1,500") == 90.0
    assert value_parser(percent, ",", None, None)("0,250") == 0.25
    assert value_parser(KpiSpec("CSAT", "Score", "score"), ",", None, None)("4,500") == 4.5
    with pytest.raises(ValueError):
        value_parser(KpiSpec("CALLS", "Calls", "count"), ".", None, None)("-3")


def test_kpi_resolver_knows_codes_names_and_synonyms_of_the_catalogue_only() -> None:
    resolve = kpi_resolver({"AHT": KpiSpec("AHT", "Average Handle Time", "seconds"),
                            "QA": KpiSpec("QA", "Quality score", "percent"),
                            "FIRST_CALL": KpiSpec("FIRST_CALL", "Solved at once", "percent")})
    assert resolve("aht") == "AHT" and resolve("Average handle-time") == "AHT" and resolve("Avg Handle") == "AHT"
    assert resolve(" Quality  Score ") == "QA" and resolve("qa") == "QA"
    assert resolve("first_call") == "FIRST_CALL" and resolve("First call") == "FIRST_CALL"
    assert resolve("solved at once") == "FIRST_CALL"
    assert resolve("ASA") is None and resolve("Average speed of answer") is None and resolve("Widgets") is None
