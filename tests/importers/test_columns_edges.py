"""Boundaries of importers.columns that the mutation run (issue 17) showed untested: the shares that decide a
column's unit at exactly 80 % and exactly half, a '%' glued to a word, and the note of a preset with no name."""

from __future__ import annotations

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers.columns import kpi_code, merge, metric_unit


@pytest.mark.parametrize("header, values, unit", [
    # a '%' glued to a word is still a percentage header ("answered%" alone is no rate or count word)
    ("Answered%", ["50", "60"], "percent"), ("Answered", ["50", "60"], "count"), ("Handled", ["5", "6"], "count"),
    # exactly 80 % of the values read as percentages is enough (4 of 5; 'abc%' does not parse)
    ("X", ["50%", "60%", "70%", "80%", "abc%"], "percent"),
    # exactly 80 % of the values read as durations is enough (4 of 5; 'x:y' does not parse)
    ("X", ["1:00", "2:00", "3:00", "4:00", "x:y"], "seconds"),
    # half the values with ':' is not a majority: not read as durations ('1:00' is no number either)
    ("X", ["1:00", "60"], None), ("X", ["1:00", "2:00", "60", "70"], None),
    # a value that does not parse before the ones that do: the others still count (4 of 5 numbers)
    ("X", ["x", "1", "2", "3", "4"], "score"),
])
def test_metric_unit_at_its_boundaries(header, values, unit):
    assert metric_unit(header, values) == unit


def test_kpi_code_counts_past_every_taken_code():
    assert kpi_code("Rate", {"RATE", "RATE_2"}) == "RATE_3"
    assert kpi_code("Rate", {"RATE_2"}) == "RATE"


def test_merge_note_names_the_preset_or_says_preset():
    def mapping(source, preset, field):
        return m.Mapping(m.SUMMARY, (m.ColumnMap("User Name", 0, field),), source, preset)

    detected = mapping("proposed", None, m.AGENT_NAME)
    unnamed = merge(mapping("given", None, m.IGNORE), detected)
    assert unnamed.notes == ("column 'User Name' read as agent name by detection (the preset preset does not name it)",)
    named = merge(mapping("preset", "five9", m.IGNORE), detected)
    assert named.notes[-1].endswith("(the five9 preset does not name it)")
