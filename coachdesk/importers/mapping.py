"""Column mappings: which header feeds which field (agent, date, a KPI...); proposed by ``importers.proposal``.

A mapping also names the file's shape: ``summary`` (one row per agent per day, interval or given period, one column
per KPI), ``long`` (agent, date, KPI name, value) or ``interactions`` (one row per call or contact, aggregated per
agent per day). It serialises to JSON for saved mappings and ``--mapping FILE.json``, keyed by header text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from coachdesk.importers.sniff import normalise_header
from coachdesk.importers.synonyms import (  # noqa: F401 - the field names and synonyms, as m.NAME for callers
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


def __getattr__(name: str) -> object:
    """``propose`` and ``header_hint`` live in ``importers.proposal`` (which needs this module's types); they are
    still found here, loaded on first use."""
    if name in ("propose", "header_hint"):
        from coachdesk.importers import proposal

        return getattr(proposal, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
