"""Import presets: read from their JSON form with defaults, scored against a header, the best one chosen, and
turned into a mapping that keeps only what the file and the catalogue have."""

from __future__ import annotations

import pytest

from coachdesk.importers import presets
from coachdesk.importers.mapping import IGNORE, KpiSpec
from coachdesk.importers.presets import Preset

KPIS = {code: KpiSpec(code, code.title(), unit) for code, unit in
        (("AHT", "seconds"), ("ASA", "seconds"), ("TALK", "seconds"), ("ACW", "seconds"), ("ANSWERED", "count"))}


def preset(name: str = "p", columns: dict | None = None, required: tuple[str, ...] = (), any_of: tuple[str, ...] = (),
           **rest) -> Preset:
    return Preset(name, name.upper(), "Vendor", "summary", columns or {}, required, any_of, **rest)


def test_load_presets_reads_every_field() -> None:
    data = {"presets": [{"name": "acme-agents", "label": "Acme agents", "vendor": "Acme", "shape": "interactions",
                         "columns": {"Agent": "agent_name"}, "required": ["Agent"], "any_of": ["AHT", "Talk"],
                         "derive": {"AHT": ["TALK", "ACW"]}, "notes": "a note", "no_kpi_reason": "no KPI"}]}
    assert presets.load_presets(data) == [
        Preset("acme-agents", "Acme agents", "Acme", "interactions", {"Agent": "agent_name"}, ("Agent",),
               ("AHT", "Talk"), {"AHT": ["TALK", "ACW"]}, "a note", "no KPI")]


def test_load_presets_fills_the_defaults() -> None:
    assert presets.load_presets({"presets": [{"name": "bare", "label": "Bare"}]}) == [
        Preset("bare", "Bare", "", "summary", {}, (), (), None, "", None)]
    assert presets.load_presets({}) == []


def test_match_score_is_the_required_count_plus_the_share_present() -> None:
    four = preset(columns={"Agent": "agent_name", "AHT": "kpi:AHT", "Calls": "kpi:ANSWERED", "Hold": "kpi:TALK"},
                  required=("Agent",))
    assert presets.match_score(four, ["agent", "AHT", "Site"]) == 1.5
    assert presets.match_score(four, ["AHT", "Calls"]) == 0.0
    assert presets.match_score(preset(columns={"AHT": "kpi:AHT"}), ["AHT"]) == 1.0
    assert presets.match_score(preset(), ["AHT"]) == 0.0
    assert presets.match_score(preset(columns={"AHT": "kpi:AHT"}, any_of=("Talk", "ACW")), ["AHT", "acw"]) == 1.0
    assert presets.match_score(preset(columns={"AHT": "kpi:AHT"}, any_of=("Talk", "ACW")), ["AHT"]) == 0.0


def test_recognise_takes_the_best_fit_and_the_first_of_equals() -> None:
    weak = preset("weak", {"Agent": "agent_name", "AHT": "kpi:AHT", "Talk": "kpi:TALK", "ACW": "kpi:ACW"})
    strong = preset("strong", {"Agent": "agent_name", "AHT": "kpi:AHT"})
    header = ["Agent", "AHT"]
    assert presets.recognise(header, [weak, strong]).name == "strong"
    assert presets.recognise(header, [strong, weak]).name == "strong"
    twin = preset("twin", {"Agent": "agent_name", "AHT": "kpi:AHT"})
    assert presets.recognise(header, [strong, twin]).name == "strong"
    assert presets.recognise(header, [twin, strong]).name == "twin"
    assert presets.recognise(["Agent", "Site"], [weak]).name == "weak"  # a quarter of its columns is enough
    assert presets.recognise(["Site"], [weak, strong]) is None


def test_find_lists_the_known_presets() -> None:
    known = [preset("alpha"), preset("beta")]
    assert presets.find(" BETA ", known).name == "beta" and presets.find("alpha", known).name == "alpha"
    with pytest.raises(ValueError) as caught:
        presets.find("gamma", known)
    assert str(caught.value) == "no import preset is called 'gamma' (presets: alpha, beta)"


def test_apply_keeps_what_the_file_and_the_catalogue_have() -> None:
    chosen = preset(columns={"Missing": "agent_id", "Agent": "agent_name", "Avg Handle": "kpi:AHT",
                             "AHT": "kpi:AHT", "Widgets": "kpi:WIDGETS",
                             "Gadgets": {"field": "kpi:GADGETS"},
                             "Wait": {"field": "kpi:ASA", "unit": "minutes"}, "Talk": {"field": "kpi:TALK"}},
                    derive={"AHT": ["TALK", "ACW"], "WIDGETS": ["TALK"]}, notes="from the vendor's guide")
    header = ["Agent", "AHT", "Avg Handle", "Widgets", "Gadgets", "Wait", "Talk"]
    mapping = presets.apply(chosen, header, KPIS)
    assert {c.column: c.field for c in mapping.columns} == {
        "Agent": "agent_name", "Avg Handle": "kpi:AHT", "AHT": IGNORE, "Widgets": IGNORE, "Gadgets": IGNORE,
        "Wait": "kpi:ASA", "Talk": "kpi:TALK"}
    assert mapping.column_for("kpi:ASA").unit == "minutes"
    assert mapping.derive == (("AHT", ("TALK", "ACW")),)
    assert mapping.source == "preset" and mapping.preset == "p"
    assert mapping.notes == ("from the vendor's guide",) and mapping.csat_rule == "top2"
    assert presets.apply(preset(columns={"Agent": "agent_name"}), ["Agent"], KPIS).notes == ()


def test_a_column_spec_without_a_field_is_refused_in_words() -> None:
    broken = preset(columns={"Agent": "agent_name", "AHT": {"unit": "seconds"}})
    with pytest.raises(ValueError, match="column 'AHT': '' is not a field"):
        presets.apply(broken, ["Agent", "AHT"], KPIS)
