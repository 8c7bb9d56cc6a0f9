"""Proposing a mapping for a file nobody has mapped yet: each column's header looked up among the field and KPI
synonyms (with and without its unit words) and checked against a sample of its values, then one column per field."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coachdesk.domain.kpi_scales import MEAN, SCALES, SHARE, looks_like_rating
from coachdesk.importers.dates import classify
from coachdesk.importers.mapping import (
    DURATION_FIELDS,
    FLAG_FIELDS,
    IGNORE,
    INTERACTIONS,
    KPI_PREFIX,
    KPI_TO_CALL,
    LONG,
    SUMMARY,
    ColumnMap,
    KpiSpec,
    Mapping,
    describe_field,
)
from coachdesk.importers.periods import MONTH, PERIOD_HEADERS, parse_month
from coachdesk.importers.sniff import normalise_header
from coachdesk.importers.synonyms import (  # the field names are defined with their synonyms
    CALL_ID,
    CALL_SYNONYMS,
    COUNT_SYNONYMS,
    DATE,
    FIELD_SYNONYMS,
    INTERVAL_END,
    INTERVAL_START,
    KPI_NAME,
    KPI_SYNONYMS,
    RATING,
    TIME,
    TOKEN_RULES,
    VALUE,
    compact,
)
from coachdesk.importers.values import (
    duration_unit_from_header,
    is_missing,
    parse_count,
    parse_duration,
    parse_flag,
    parse_number,
    parse_percent,
    parse_share,
)


def header_hint(kpis: dict[str, KpiSpec]) -> Callable[[list[str]], int]:
    """Scores a candidate header row by how many of its cells name a known field or KPI (for ``find_header``)."""
    names = {compact(spec.code) for spec in kpis.values()} | {compact(spec.name) for spec in kpis.values()}

    def score(cells: list[str]) -> int:
        hits = 0
        for cell in cells:
            key = compact(cell)
            hits += key in FIELD_SYNONYMS or key in CALL_SYNONYMS or key in KPI_SYNONYMS or key in names
        return hits

    return score


def _variants(header: str) -> list[str]:
    """Compact forms of a header to look up: as it is, without brackets, without unit words."""
    base = compact(header)
    out = [base]
    bare = compact(re.sub(r"\(.*?\)|\[.*?\]", " ", header))
    out.append(bare)
    words = normalise_header(re.sub(r"\(.*?\)|\[.*?\]", " ", header)).split()
    while words and words[-1] in {"sec", "secs", "seconds", "s", "min", "mins", "minutes", "hh", "mm", "ss", "%",
                                  "pct", "percent", "count", "#", "in", "hrs", "hours", "avg", "total"}:
        words.pop()
        out.append("".join(words))
    return [v for v in dict.fromkeys(out) if v]


def _lookup_kpi(header: str, kpis: dict[str, KpiSpec]) -> tuple[str, float] | None:
    for variant in _variants(header):
        if variant in KPI_SYNONYMS and KPI_SYNONYMS[variant][0] in kpis:
            code, confidence = KPI_SYNONYMS[variant]
            return code, confidence if variant == compact(header) else confidence - 0.05
    for spec in kpis.values():  # the catalogue's own codes and names, custom KPIs included
        if compact(header) in (compact(spec.code), compact(spec.name)):
            return spec.code, 0.9
    tokens = set(normalise_header(header).split())
    for needed, any_of, code in TOKEN_RULES:
        if needed <= tokens and (not any_of or any_of & tokens) and code in kpis:
            return code, 0.6
    return None


def _lookup(table: dict[str, str], header: str) -> tuple[str, float] | None:
    for rank, variant in enumerate(_variants(header)):
        if variant in table:
            return table[variant], 0.95 if rank == 0 else 0.85
    return None


def _lookup_period(header: str) -> tuple[str, str | None] | None:
    for variant in _variants(header):
        if variant in PERIOD_HEADERS:
            return PERIOD_HEADERS[variant]
    return None


def _share(values: list[object], parse) -> float:  # noqa: ANN001
    return parse_share(values, parse, empty=1.0)  # no value read: nothing speaks against the mapping


def _date_share(values: list[object]) -> float:
    return _share(values, classify)


def _has_time(values: list[object]) -> bool:
    for value in values:
        if is_missing(value):
            continue
        try:
            parsed = classify(value)
        except ValueError:
            continue
        seconds = parsed.seconds if hasattr(parsed, "seconds") else parsed[1]
        if seconds:
            return True
    return False


def _mean_score_kpi(index: int, name: str, values: list[object], spec: KpiSpec,
                    kpis: dict[str, KpiSpec]) -> _Candidate | None:
    """For a share-of-satisfied KPI (CSAT) whose column holds mean scores (3.6 on 1-5): the catalogue's mean-score
    KPI on that scale, with a note saying why; None when the values are shares or no such KPI exists."""
    if spec.basis != SHARE:
        return None
    bare = []
    for value in values:
        if is_missing(value) or (isinstance(value, str) and value.strip().endswith("%")):
            continue
        try:
            number = parse_number(value)
        except ValueError:
            continue
        if number is not None:
            bare.append(number)
    rating = looks_like_rating(bare)
    target = next((k for k in kpis.values() if k.basis == MEAN and k.scale == rating), None) if rating else None
    if target is None:
        return None
    low, high = min(bare), max(bare)
    note = (f"{name!r} holds numbers from {low:g} to {high:g} without % signs: mean scores on "
            f"{SCALES[rating].label.split(' on ')[-1]}, not the share of satisfied answers that {spec.code} is; "
            f"mapped to {target.code} ({target.name})")
    return _Candidate(index, name, KPI_PREFIX + target.code, 0.8, None, [note])


def _parser_for_kpi(spec: KpiSpec):  # noqa: ANN202
    return {"seconds": parse_duration, "percent": parse_percent, "count": parse_count}.get(spec.unit, parse_number)


@dataclass
class _Candidate:
    index: int
    header: str
    field: str
    confidence: float
    unit: str | None = None
    notes: list[str] = field(default_factory=list)


def propose(header: Sequence[str], sample: Sequence[Sequence[object]], kpis: dict[str, KpiSpec]) -> Mapping:
    """Propose a mapping for ``header`` from synonyms, checked against the ``sample`` rows' contents."""
    columns = [[row[i] if i < len(row) else "" for row in sample] for i in range(len(header))]
    interactions = _looks_like_interactions(header, columns)
    picks: list[_Candidate] = []
    for index, name in enumerate(header):
        if not name.strip():
            continue
        candidate = _propose_column(index, name, columns[index], kpis, interactions)
        if candidate is not None:
            picks.append(candidate)
    picks = _settle(picks, columns)
    shape = LONG if any(p.field == KPI_NAME for p in picks) and any(p.field == VALUE for p in picks) else \
        INTERACTIONS if interactions else SUMMARY
    if shape != LONG:
        picks = [p for p in picks if p.field not in (KPI_NAME, VALUE)]
    notes = tuple(n for p in picks for n in p.notes)
    chosen = {p.index: p for p in picks}
    out = []
    for index, name in enumerate(header):
        p = chosen.get(index)
        if p is None:
            out.append(ColumnMap(name, index, IGNORE, confidence=0.0))
        else:
            out.append(ColumnMap(name, index, p.field, p.unit, None, round(p.confidence, 2)))
    return Mapping(shape, tuple(out), "proposed", notes=notes)


def _looks_like_interactions(header: Sequence[str], columns: list[list[object]]) -> bool:
    """One row per contact: a contact-id column, or yes/no answered/resolved/abandoned columns."""
    for index, name in enumerate(header):
        found = _lookup(CALL_SYNONYMS, name)
        if found is None:
            continue
        if found[0] == CALL_ID:
            return True
        if found[0] in FLAG_FIELDS and columns[index] and _share(columns[index], parse_flag) >= 0.9 \
                and any(not is_missing(v) and not isinstance(v, int | float) and
                        str(v).strip().casefold() in {"y", "n", "yes", "no", "true", "false"} for v in columns[index]):
            return True
    return False


def _propose_column(index: int, name: str, values: list[object], kpis: dict[str, KpiSpec],
                    interactions: bool) -> _Candidate | None:
    unit = duration_unit_from_header(name)
    if interactions:
        found = _lookup(CALL_SYNONYMS, name)
        if found is not None:
            target, confidence = found
            if target in FLAG_FIELDS and _share(values, parse_flag) < 0.9:
                return None
            if target in DURATION_FIELDS and _share(values, parse_duration) < 0.8:
                return None
            if target == RATING and _share(values, parse_number) < 0.8:
                return None
            return _Candidate(index, name, target, confidence, unit if target in DURATION_FIELDS else None)
    period = _lookup_period(name)
    if period is not None:
        target, period_unit = period
        share = _share(values, parse_month) if period_unit == MONTH else _date_share(values)
        if share >= 0.8 and any(not is_missing(v) for v in values):
            return _Candidate(index, name, target, 0.95, period_unit)
    found = _lookup(FIELD_SYNONYMS, name)
    if found is not None:
        target, confidence = found
        if target == TIME and _date_share(values) >= 0.8:
            target = DATE  # a "Start Time" holding whole timestamps
        elif target in (DATE, INTERVAL_START, INTERVAL_END) and _date_share(values) < 0.8:
            if target == DATE and _share(values, parse_duration) >= 0.8 and "time" in normalise_header(name):
                return _Candidate(index, name, TIME, confidence)
            return None
        return _Candidate(index, name, target, confidence)
    if not interactions:
        found_count = _lookup(COUNT_SYNONYMS, name)
        kpi = _lookup_kpi(name, kpis)
        if kpi is not None:
            code, confidence = kpi
            spec = kpis[code]
            if _share(values, _parser_for_kpi(spec)) < 0.8:
                return None
            mean = _mean_score_kpi(index, name, values, spec, kpis)
            if mean is not None:
                return mean
            return _Candidate(index, name, KPI_PREFIX + code, confidence, unit if spec.unit == "seconds" else None)
        if found_count is not None and _share(values, parse_count) >= 0.8:
            return _Candidate(index, name, found_count[0], found_count[1])
    else:
        kpi = _lookup_kpi(name, kpis)
        if kpi is not None and kpi[0] in KPI_TO_CALL:
            target = KPI_TO_CALL[kpi[0]]
            parse = parse_number if target == RATING else parse_duration
            if _share(values, parse) >= 0.8:
                return _Candidate(index, name, target, kpi[1] - 0.1, unit if target in DURATION_FIELDS else None)
    return None


def _settle(picks: list[_Candidate], columns: list[list[object]]) -> list[_Candidate]:
    """One column per field (the most confident wins); dates become intervals when a start and an end exist."""
    starts = [p for p in picks if p.field == INTERVAL_START]
    ends = [p for p in picks if p.field == INTERVAL_END]
    if not (starts and ends):
        for p in starts:
            if not any(q.field == DATE for q in picks):
                p.field = DATE
        picks = [p for p in picks if p.field != INTERVAL_END]
    else:
        picks = [p for p in picks if not (p.field == DATE and compact(p.header) in ("startdate", "enddate"))]
    dates = [p for p in picks if p.field == DATE]
    times = [p for p in picks if p.field == TIME]
    if times and dates and _has_time(columns[dates[0].index]):
        picks = [p for p in picks if p.field != TIME]
    best: dict[str, _Candidate] = {}
    kept: list[_Candidate] = []
    for p in sorted(picks, key=lambda p: (-p.confidence, p.index)):
        other = best.get(p.field)
        if other is None:
            best[p.field] = p
            kept.append(p)
        else:
            other.notes.append(f"{p.header!r} also looked like {describe_field(p.field)}; "
                               f"{other.header!r} was taken")
    return sorted(kept, key=lambda p: p.index)
