"""Header synonym tables: each synonym compacted (no case, punctuation or spaces) and pointing at its field."""

from __future__ import annotations

from coachdesk.importers.synonyms import AGENT_NAME, DATE, FIELD_SYNONYMS, compact, table


def test_table_compacts_every_synonym() -> None:
    assert table({"agent_name": ("Agent Name", "rep"), "date": ("Call-Date",)}) == {
        "agentname": "agent_name", "rep": "agent_name", "calldate": "date"}
    assert compact("Avg. Talk (s)") == "avgtalks"


def test_the_field_table_is_keyed_by_compact_names() -> None:
    assert FIELD_SYNONYMS[compact("Agent Name")] == AGENT_NAME and FIELD_SYNONYMS[compact("Call date")] == DATE
    assert all(key == compact(key) for key in FIELD_SYNONYMS)
