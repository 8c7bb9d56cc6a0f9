"""Import presets for known platform exports, recognised by their headers and turned into a mapping.

The platforms are Genesys Cloud, Amazon Connect, Five9, Talkdesk, Avaya CMS and NICE CXone; the definitions live in
``resources/presets/import_presets.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coachdesk.importers.mapping import KpiSpec, Mapping, parse_mapping
from coachdesk.importers.sniff import normalise_header


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    vendor: str
    shape: str
    columns: dict[str, object]
    required: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    derive: dict[str, list[str]] | None = None
    notes: str = ""
    #: set for exports that hold no KPI at all: why, in words, for the refusal
    no_kpi_reason: str | None = None


def load_presets(data: dict) -> list[Preset]:
    """Presets from the parsed ``import_presets.json``."""
    out = []
    for item in data.get("presets", []):
        out.append(Preset(item["name"], item["label"], item.get("vendor", ""), item.get("shape", "summary"),
                          dict(item.get("columns", {})), tuple(item.get("required", ())), tuple(item.get("any_of", ())),
                          item.get("derive"), item.get("notes", ""), item.get("no_kpi_reason")))
    return out


def match_score(preset: Preset, header: Sequence[str]) -> float:
    """0 when the header lacks a required column (or every ``any_of`` one), else the share of the preset's
    columns present, plus one for the required ones so that a preset with more specific requirements wins."""
    names = {normalise_header(h) for h in header}
    if any(normalise_header(r) not in names for r in preset.required):
        return 0.0
    if preset.any_of and not any(normalise_header(a) in names for a in preset.any_of):
        return 0.0
    present = sum(1 for column in preset.columns if normalise_header(column) in names)
    return len(preset.required) + present / max(len(preset.columns), 1)


def recognise(header: Sequence[str], presets: Sequence[Preset]) -> Preset | None:
    """The preset that fits ``header`` best, or None when none fits."""
    scored = [(match_score(p, header), index, p) for index, p in enumerate(presets)]
    scored = [item for item in scored if item[0] > 0]
    if not scored:
        return None
    return max(scored, key=lambda item: (item[0], -item[1]))[2]


def find(name: str, presets: Sequence[Preset]) -> Preset:
    """The preset called ``name`` (case-insensitive); ValueError listing the known ones otherwise."""
    for preset in presets:
        if preset.name.casefold() == name.strip().casefold() or preset.label.casefold() == name.strip().casefold():
            return preset
    raise ValueError(f"no import preset is called {name!r} (presets: {', '.join(p.name for p in presets)})")


def apply(preset: Preset, header: Sequence[str], kpis: dict[str, KpiSpec]) -> Mapping:
    """The preset's mapping for this header: columns the file lacks are left out, the first of two columns
    feeding one field wins, and KPIs missing from the catalogue are dropped."""
    names = {normalise_header(h) for h in header}
    columns: dict[str, object] = {}
    taken: set[str] = set()
    for column, spec in preset.columns.items():
        target = spec if isinstance(spec, str) else spec.get("field", "")
        if normalise_header(column) not in names or target in taken:
            continue
        if target.startswith("kpi:") and target[4:] not in kpis:
            continue
        taken.add(target)
        columns[column] = spec
    derive = {code: parts for code, parts in (preset.derive or {}).items() if code in kpis}
    data = {"shape": preset.shape, "columns": columns, "derive": derive}
    mapping = parse_mapping(data, header, kpis, source="preset", preset=preset.name)
    if preset.notes:
        mapping = Mapping(mapping.shape, mapping.columns, mapping.source, mapping.preset, mapping.derive,
                          mapping.csat_rule, (*mapping.notes, preset.notes))
    return mapping
