"""Checking a column's numbers against the scale of the KPI it feeds: the stated rule for bare percentages, a stop
for numbers on another scale (3.6 in a share column), and warnings, with rows, for values out of range."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from coachdesk.domain.kpi_scales import FRACTION, SCALES, SHARE, Scale, looks_like_rating, scale_of
from coachdesk.importers.mapping import KpiSpec
from coachdesk.importers.values import PERCENT_POINTS, percent_scale_from_sample

#: How many out-of-range rows a warning names.
ROWS_NAMED = 5
#: Above this share of out-of-range values the column is on another scale: the import stops and asks.
FOREIGN_SHARE = 0.5


def kpi_scale(spec: KpiSpec) -> Scale:
    return scale_of(spec.scale, spec.unit, spec.code)


@dataclass(frozen=True)
class PercentDecision:
    """How bare numbers (no ``%`` sign) in a share column are read, and why; or why the import must ask."""

    scale: str | None
    rule: str
    problem: str | None = None


def decide_percent(header: str, values: list[float], spec: KpiSpec) -> PercentDecision:
    """Fractions or percent points from the median of ``values``, or a stop when they look like mean scores on
    a rating scale while ``spec`` is a share of satisfied answers."""
    if not values:
        return PercentDecision(None, "")
    ordered = sorted(values)
    median = ordered[len(ordered) // 2]
    rating = looks_like_rating(values) if spec.basis == SHARE else None
    if rating is not None:
        scale = SCALES[rating]
        return PercentDecision(None, "", (
            f"holds numbers from {_num(ordered[0])} to {_num(ordered[-1])} without % signs (median {_num(median)}): "
            f"they look like {scale.label}, but {spec.code} is the share of satisfied answers, so they cannot be "
            f"stored as {spec.code}. Map the column to a mean-score KPI (such as CSAT_SCORE), or, if they really are "
            "percent points, say so with \"scale\": \"percent\" for the column in the mapping"))
    chosen = percent_scale_from_sample(values)
    if chosen == PERCENT_POINTS:
        rule = (f"bare numbers read as percent points ({_num(median)} -> {_num(median)} %), because the median of "
                f"{len(values):,} of them is {_num(median)}, above 1")
    else:
        rule = (f"bare numbers read as fractions ({_num(median)} -> {_num(median * 100)} %), because the median of "
                f"{len(values):,} of them is {_num(median)}, not above 1")
    return PercentDecision(chosen, rule)


def _num(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"


def shown(value: float, scale: Scale) -> str:
    """A stored value as the user reads it: a share in percent, others as they are."""
    return f"{value * 100:,.2f} %" if scale.name == FRACTION else _num(value)


@dataclass
class RangeCheck:
    """Values outside their KPI's scale, per column: how many, of how many, and the first rows."""

    seen: dict[str, int] = field(default_factory=dict)
    outside: dict[str, list] = field(default_factory=dict)  # column -> [count, code, [(row, raw), ...]]

    def bounds(self, spec: KpiSpec) -> tuple[float, float]:
        scale = kpi_scale(spec)
        return scale.low, scale.high

    def add(self, column: str, code: str, row: int, raw: object) -> None:
        entry = self.outside.setdefault(column, [0, code, []])
        entry[0] += 1
        if len(entry[2]) < ROWS_NAMED:
            entry[2].append((row, raw))

    def count(self, column: str, n: int = 1) -> None:
        self.seen[column] = self.seen.get(column, 0) + n

    def warnings(self, kpis: dict[str, KpiSpec]) -> list[str]:
        out = []
        for column, (count, code, rows) in self.outside.items():
            scale = kpi_scale(kpis[code])
            where = ", ".join(f"{str(raw).strip()!r} on row {row}" for row, raw in rows)
            more = f", and {count - len(rows):,} more" if count > len(rows) else ""
            out.append(f"column {column!r}: {count:,} value{'s' if count != 1 else ''} outside the range of "
                       f"{code} ({scale.label}: {_bound(scale.low, scale)} to {_bound(scale.high, scale)}): "
                       f"{where}{more}; stored as the file gives them: check them at the source")
        return out

    def foreign(self) -> list[tuple[str, int, int, int]]:
        """(column, outside, seen, first row) of columns where most values are out of range."""
        out = []
        for column, (count, _code, rows) in self.outside.items():
            seen = self.seen.get(column, count)
            if count > FOREIGN_SHARE * seen:
                out.append((column, count, seen, rows[0][0]))
        return out


def _bound(value: float, scale: Scale) -> str:
    return "any" if math.isinf(value) else shown(value, scale)
