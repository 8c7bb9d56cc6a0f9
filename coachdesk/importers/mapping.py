"""Column mappings: which header feeds which field (agent, date, a KPI...), proposed from synonyms and content.

A mapping also names the file's shape: ``summary`` (one row per agent per day, interval or given period, one column
per KPI), ``long`` (agent, date, KPI name, value) or ``interactions`` (one row per call or contact, aggregated per
agent per day). It serialises to JSON for saved mappings and ``--mapping FILE.json``, keyed by header text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coachdesk.domain.kpi_scales import MEAN, SCALES, SHARE, looks_like_rating
from coachdesk.importers.dates import classify
from coachdesk.importers.periods import MONTH, PERIOD_HEADERS, parse_month
from coachdesk.importers.sniff import normalise_header
from coachdesk.importers.synonyms import (  # the field names are defined with their synonyms
    ABANDONED,
    ACW,
    AGENT_ID,
    AGENT_NAME,
    ANSWERED,
    CALL_ID,
    CALL_SYNONYMS,
    COUNT_PREFIX,
    COUNT_SYNONYMS,
    DATE,
    EMAIL,
    FIELD_SYNONYMS,
    FIRST_NAME,
    HANDLE,
    HOLD,
    INTERVAL_END,
    INTERVAL_START,
    KPI_NAME,
    KPI_SYNONYMS,
    LAST_NAME,
    RATE_OF_COUNT,
    RATING,
    RESOLVED,
    SPEED,
    TALK,
    TIME,
    TOKEN_RULES,
    TRANSFERRED,
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
)

IGNORE = "ignore"
KPI_PREFIX = "kpi:"
IDENTITY_FIELDS = (AGENT_ID, EMAIL, AGENT_NAME, FIRST_NAME, LAST_NAME)
CALL_FIELDS = (CALL_ID, ANSWERED, ABANDONED, RESOLVED, TRANSFERRED, SPEED, TALK, HOLD, ACW, HANDLE, RATING)
FLAG_FIELDS = (ANSWERED, ABANDONED, RESOLVED, TRANSFERRED)
DURATION_FIELDS = (SPEED, TALK, HOLD, ACW, HANDLE)
PLAIN_FIELDS = (*IDENTITY_FIELDS, DATE, TIME, INTERVAL_START, INTERVAL_END, KPI_NAME, VALUE, *CALL_FIELDS, IGNORE)

SUMMARY, LONG, INTERACTIONS = "summary", "long", "interactions"
SHAPES = (SUMMARY, LONG, INTERACTIONS)


@dataclass(frozen=True)
class KpiSpec:
    """What the importer needs to know of a catalogue KPI: its unit (seconds, percent, count, score, currency),
    its aggregation rule and the volume KPI weighting it."""

    code: str
    name: str
    unit: str
    aggregation: str = "mean"
    weight_code: str | None = None
    #: what the numbers mean (``domain.kpi_scales``); None: the unit's default
    scale: str | None = None
    #: satisfaction KPIs: "share" of satisfied answers or "mean" score
    basis: str | None = None


#: Interaction fields a summary KPI column turns into when the file is an interaction log.
KPI_TO_CALL = {"TALK": TALK, "HOLD": HOLD, "ACW": ACW, "AHT": HANDLE, "ASA": SPEED, "CSAT": RATING}


@dataclass(frozen=True)
class ColumnMap:
    """One column: its header, position, the field it feeds, and how to read plain numbers in it."""

    column: str
    index: int
    field: str
    #: seconds, minutes, hours, milliseconds: plain numbers in a duration column; week, week_end, month: the period
    #: a date column's dates stand for
    unit: str | None = None
    scale: str | None = None  # fraction or percent: bare numbers in a percentage column
    confidence: float = 1.0
    note: str = ""

    @property
    def kpi(self) -> str | None:
        return self.field[len(KPI_PREFIX):] if self.field.startswith(KPI_PREFIX) else None


@dataclass(frozen=True)
class Mapping:
    """How a file's columns feed fields, and the file's shape."""

    shape: str
    columns: tuple[ColumnMap, ...]
    source: str = "proposed"  # proposed, preset, saved, given
    preset: str | None = None
    #: KPIs computed from other columns, e.g. ("AHT", ("TALK", "HOLD", "ACW")) sums per-contact averages
    derive: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: for interaction logs: how CSAT comes from ratings ("top2" = share of the top two points, "mean")
    csat_rule: str = "top2"
    notes: tuple[str, ...] = ()

    def index(self, name: str) -> int | None:
        for column in self.columns:
            if column.field == name:
                return column.index
        return None

    def column_for(self, name: str) -> ColumnMap | None:
        return next((c for c in self.columns if c.field == name), None)

    @property
    def kpi_columns(self) -> tuple[ColumnMap, ...]:
        return tuple(c for c in self.columns if c.kpi)

    @property
    def used(self) -> tuple[ColumnMap, ...]:
        return tuple(c for c in self.columns if c.field != IGNORE)

    @property
    def has_identity(self) -> bool:
        return any(self.index(f) is not None for f in IDENTITY_FIELDS)

    @property
    def has_dates(self) -> bool:
        return self.index(DATE) is not None or self.index(INTERVAL_START) is not None

    def missing(self, period_given: bool) -> list[str]:
        """What a file needs and this mapping lacks: who, when, and at least one KPI."""
        out = []
        if not self.has_identity:
            out.append("who: no agent column (such as Agent, Agent Name, Agent Id, User Name or Email)")
        if not self.has_dates and not period_given:
            out.append("when: no date or interval column (such as Date, Call Date or Interval Start), and no "
                       "period given (--period-start/--period-end)")
        if not self.kpi_fields():
            out.append("what: no KPI column that the catalogue knows (such as AHT, Avg Talk, CSAT, Answered)")
        return out

    def kpi_fields(self) -> list[str]:
        """The KPI codes this mapping can produce."""
        if self.shape == LONG:
            return ["*"] if self.index(KPI_NAME) is not None and self.index(VALUE) is not None else []
        if self.shape == INTERACTIONS:
            return interaction_kpis(self)
        codes = [c.kpi for c in self.kpi_columns]
        codes += [RATE_OF_COUNT[c.field] for c in self.columns if c.field in RATE_OF_COUNT]
        codes += [code for code, _parts in self.derive]
        return list(dict.fromkeys(codes))

    def to_json(self) -> dict:
        columns = {}
        for c in self.columns:
            if c.field == IGNORE:
                continue
            entry: dict[str, object] = {"field": c.field}
            if c.unit:
                entry["unit"] = c.unit
            if c.scale:
                entry["scale"] = c.scale
            columns[c.column] = entry if len(entry) > 1 else c.field
        data: dict[str, object] = {"format": "coachdesk.import-mapping", "version": 1, "shape": self.shape,
                                   "columns": columns}
        if self.derive:
            data["derive"] = {code: list(parts) for code, parts in self.derive}
        if self.shape == INTERACTIONS:
            data["csat_rule"] = self.csat_rule
        if self.preset:
            data["preset"] = self.preset
        return data


def interaction_kpis(mapping: Mapping) -> list[str]:
    has = {c.field for c in mapping.columns}
    out = []
    if has & {HANDLE} or has & {TALK, HOLD, ACW}:
        out.append("AHT")
    out += [code for code, f in (("TALK", TALK), ("HOLD", HOLD), ("ACW", ACW), ("ASA", SPEED)) if f in has]
    out.append("ANSWERED")
    if RESOLVED in has:
        out.append("FCR")
    if TRANSFERRED in has:
        out.append("TRANSFER")
    if RATING in has:
        out += ["CSAT", "DSAT"]
    return out


def header_signature(header: Sequence[str]) -> str:
    """A stable hash of a header (order, case and punctuation ignored), to offer a saved mapping again."""
    names = sorted({normalise_header(h) for h in header if normalise_header(h)})
    return hashlib.sha256("\x1f".join(names).encode("utf-8")).hexdigest()


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
    filled = [v for v in values if not is_missing(v)]
    if not filled:
        return 1.0
    ok = 0
    for value in filled:
        try:
            parse(value)
            ok += 1
        except ValueError:
            pass
    return ok / len(filled)


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


def describe_field(name: str) -> str:
    if name.startswith(KPI_PREFIX):
        return f"KPI {name[len(KPI_PREFIX):]}"
    if name.startswith(COUNT_PREFIX):
        return f"a count of {name[len(COUNT_PREFIX):]} contacts"
    return name.replace("_", " ")


def parse_mapping(data: dict, header: Sequence[str], kpis: dict[str, KpiSpec], source: str = "given",
                  preset: str | None = None) -> Mapping:
    """A mapping from its JSON form against this file's header; raises ValueError naming what does not fit."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise ValueError('a mapping is a JSON object with a "columns" object (header -> field)')
    shape = data.get("shape", SUMMARY)
    if shape not in SHAPES:
        raise ValueError(f"shape {shape!r} is not one of {', '.join(SHAPES)}")
    by_name = {normalise_header(h): i for i, h in reversed(list(enumerate(header)))}
    fields: dict[int, ColumnMap] = {}
    for column, spec in data["columns"].items():
        entry = {"field": spec} if isinstance(spec, str) else dict(spec)
        index = by_name.get(normalise_header(column))
        if index is None:
            raise ValueError(f"the file has no column {column!r} (its columns: {', '.join(h for h in header if h)})")
        target = str(entry.get("field", ""))
        if target.startswith(KPI_PREFIX):
            code = target[len(KPI_PREFIX):].upper()
            if code not in kpis:
                raise ValueError(f"column {column!r}: KPI {code!r} is not in the catalogue")
            target = KPI_PREFIX + code
        elif target not in PLAIN_FIELDS and target not in RATE_OF_COUNT:
            raise ValueError(f"column {column!r}: {target!r} is not a field (one of {', '.join(PLAIN_FIELDS)}, "
                             f"kpi:CODE)")
        fields[index] = ColumnMap(header[index], index, target, entry.get("unit"), entry.get("scale"))
    columns = tuple(fields.get(i, ColumnMap(h, i, IGNORE, confidence=0.0)) for i, h in enumerate(header))
    derive = tuple((code.upper(), tuple(p.upper() for p in parts)) for code, parts in data.get("derive", {}).items())
    csat_rule = data.get("csat_rule", "top2")
    if csat_rule not in ("top2", "mean"):
        raise ValueError(f"csat_rule {csat_rule!r} is not top2 or mean")
    return Mapping(shape, columns, source, preset or data.get("preset"), derive, csat_rule)


