"""What becomes of every column: a preset's mapping merged with detection, and each column left out with why.

A preset knows a platform's headers; detection knows synonyms and checks contents. Merged, a preset never
discards a column detection maps. Every column still not imported is listed with the reason and how to map it; a
column of figures that no catalogue KPI matches is offered as a new KPI with the unit its values show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from coachdesk.importers import mapping as m
from coachdesk.importers.values import is_missing, parse_duration, parse_number, parse_percent, parse_share

#: Fields any shape can use; the others belong to one shape only.
_ANY_SHAPE = (*m.IDENTITY_FIELDS, m.DATE, m.TIME, m.INTERVAL_START, m.INTERVAL_END)


def _fits(field: str, shape: str) -> bool:
    if field in _ANY_SHAPE:
        return True
    if shape == m.INTERACTIONS:
        return field in m.CALL_FIELDS
    if shape == m.LONG:
        return field in (m.KPI_NAME, m.VALUE)
    return field.startswith(m.KPI_PREFIX) or field in m.RATE_OF_COUNT


def merge(preset: m.Mapping, detected: m.Mapping) -> m.Mapping:
    """``preset`` with every column it leaves out that ``detected`` maps to a field the preset does not fill yet
    (and that fits the preset's shape); a note names each column taken from detection."""
    taken = {c.field for c in preset.used}
    by_index = {c.index: c for c in detected.used}
    columns, notes = [], []
    for column in preset.columns:
        found = by_index.get(column.index)
        if column.field == m.IGNORE and found is not None and found.field not in taken and \
                _fits(found.field, preset.shape):
            taken.add(found.field)
            columns.append(found)
            notes.append(f"column {column.column!r} read as {m.describe_field(found.field)} by detection "
                         f"(the {preset.preset or 'preset'} preset does not name it)")
        else:
            columns.append(column)
    if not notes:
        return preset
    return replace(preset, columns=tuple(columns), notes=(*preset.notes, *notes))


@dataclass(frozen=True)
class LeftOut:
    """A column that is not imported, why, and (for a column of figures) the KPI it could become."""

    column: str
    why: str
    #: for a metric column no KPI matches: the unit its values show (percent, seconds, count, score)
    new_kpi_unit: str | None = None

    def __str__(self) -> str:
        return f"{self.column!r}: {self.why}"


_RATE_WORDS = {"rate", "percent", "pct", "ratio", "share", "%", "occupancy", "utilization", "utilisation",
               "adherence", "conformance", "abandon"}
_TIME_WORDS = {"time", "duration", "seconds", "secs", "sec", "minutes", "mins", "hours", "aht", "asa"}
_COUNT_WORDS = {"calls", "contacts", "count", "number", "interactions", "chats", "emails", "tickets", "transfers",
                "handled", "answered", "offered", "missed", "abandoned", "#"}


def metric_unit(header: str, values: Sequence[object]) -> str | None:
    """The unit a column of figures shows (``percent``, ``seconds``, ``count``, ``score``), or None when the
    column does not hold figures."""
    filled = [v for v in values if not is_missing(v)]
    if not filled:
        return None
    words = set(re.findall(r"[a-z#%]+", header.casefold())) | ({"%"} if "%" in header else set())
    texts = [v for v in filled if isinstance(v, str)]
    if texts and sum(t.strip().endswith("%") for t in texts) * 2 > len(texts) \
            and parse_share(filled, parse_percent, empty=0.0) >= .8:
        return "percent"
    if texts and sum(":" in t for t in texts) * 2 > len(texts) and parse_share(filled, parse_duration, empty=0.0) >= .8:
        return "seconds"
    if parse_share(filled, parse_number, empty=0.0) < 0.8:
        return None
    if words & _RATE_WORDS:
        return "percent"
    if words & _TIME_WORDS:
        return "seconds"
    if words & _COUNT_WORDS:
        return "count"
    return "score"


def left_out(mapping: m.Mapping, sample: Sequence[Sequence[object]], notes: Sequence[str] = ()) -> list[LeftOut]:
    """Every named column ``mapping`` does not import, with why and how to map it."""
    out = []
    for column in mapping.columns:
        if column.field != m.IGNORE or not column.column.strip():
            continue
        values = [row[column.index] if column.index < len(row) else "" for row in sample]
        also = next((n for n in notes if n.startswith(repr(column.column) + " also looked like")), None)
        unit = metric_unit(column.column, values)
        if also is not None:
            why = also[len(repr(column.column)) + 1:] + "; map it by hand to use it instead"
            unit = None
        elif not any(not is_missing(v) for v in values):
            why = "empty in the rows read; nothing to import"
        elif unit is not None and mapping.shape != m.LONG:
            why = (f"holds figures ({_unit_words(unit)}) but no catalogue KPI has this name: map it to a KPI, "
                   "or add it as a new KPI (--create-kpis, or 'New KPI' in the import dialog)")
        elif unit is not None:
            why = "holds figures, but a long file takes its KPI from the KPI-name column and its value from one column"
            unit = None
        else:
            why = "text, not a figure or an agent, date or KPI column: nothing to import (map it by hand if it is)"
        out.append(LeftOut(column.column, why, unit))
    return out


def _unit_words(unit: str) -> str:
    return {"percent": "percentages", "seconds": "durations", "count": "counts", "score": "numbers"}[unit]


def kpi_code(header: str, taken: set[str]) -> str:
    """A catalogue code for a new KPI named ``header``: ``Agent answer rate`` -> ``AGENT_ANSWER_RATE``."""
    base = re.sub(r"[^A-Z0-9]+", "_", header.upper()).strip("_")[:36] or "KPI"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code
