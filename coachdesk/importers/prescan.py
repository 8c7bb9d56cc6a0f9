"""The pass over a file before its values are read: it settles the date order (from the whole column, stopping once
decided) and how bare numbers in each percentage column are scaled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from coachdesk.importers import mapping as m
from coachdesk.importers.dates import OrderInference
from coachdesk.importers.mapping import KpiSpec, Mapping
from coachdesk.importers.problems import Problem
from coachdesk.importers.row_cells import kpi_resolver
from coachdesk.importers.scales import decide_percent
from coachdesk.importers.values import PERCENT_POINTS, is_missing, parse_number

#: The date-order pass reads the whole column until the order is settled, but stops after this many rows when no
#: date so far depended on the order (ISO dates, month names); a later D/M-or-M/D cell is then reported if ambiguous.
ORDER_ROWS = 10_000
#: Bare numbers in percentage columns are sampled from at most this many rows.
SCALE_ROWS = 20_000


@dataclass
class Decisions:
    """What a pass over the file settled before reading values: the date order and percentage scales."""

    date_order: str | None = None
    #: how the order was decided: "given", "inferred", "not needed"
    date_order_source: str = "not needed"
    date_evidence: str = ""
    #: an ambiguous or self-contradicting date column: the problem, or None
    date_problem: Problem | None = None
    #: percentage scale (fraction or percent) by column index, or by KPI code for long files
    scales: dict[object, str] = field(default_factory=dict)
    #: how each percentage column's bare numbers are read, in words, by the same keys
    rules: dict[object, str] = field(default_factory=dict)
    #: columns whose numbers are on another scale than their KPI's: the import stops and asks
    scale_problems: list[Problem] = field(default_factory=list)


def _date_columns(mapping: Mapping) -> list[m.ColumnMap]:
    return [c for c in mapping.columns if c.field in (m.DATE, m.INTERVAL_START, m.INTERVAL_END)]


def prescan(file: str, mapping: Mapping, kpis: dict[str, KpiSpec], rows: Iterable[tuple[int, list[object]]],
            decimal: str, date_order: str | None = None, scale_sample: int = 2000) -> Decisions:
    """One pass to settle the date order (from the whole column, stopping once decided) and how bare numbers in
    percentage columns are scaled (from the first ``scale_sample`` of them)."""
    decisions = Decisions()
    date_cols = _date_columns(mapping)
    inference = OrderInference()
    need_order = bool(date_cols) and date_order is None
    percent_cols = {c.index: c for c in mapping.kpi_columns
                    if kpis[c.kpi].unit == "percent" and c.scale is None}
    long_value = mapping.index(m.VALUE) if mapping.shape == m.LONG else None
    long_kpi = mapping.index(m.KPI_NAME) if mapping.shape == m.LONG else None
    resolve = kpi_resolver(kpis) if long_kpi is not None else None
    bare: dict[object, list[float]] = {}
    first_rows: dict[object, int] = {}
    seen = 0
    for row, cells in rows:
        seen += 1
        if need_order:
            for column in date_cols:
                inference.feed(cells[column.index], row)
        for index in percent_cols:
            if _collect_bare(bare.setdefault(index, []), cells[index], decimal, scale_sample):
                first_rows.setdefault(index, row)
        if long_value is not None and resolve is not None:
            code = resolve(cells[long_kpi])
            if code is not None and kpis[code].unit == "percent":
                if _collect_bare(bare.setdefault(code, []), cells[long_value], decimal, scale_sample):
                    first_rows.setdefault(code, row)
        order_done = not need_order or inference.decided or (seen >= ORDER_ROWS and not inference.numeric_seen)
        scales_done = seen >= SCALE_ROWS or (bool(bare) and all(len(v) >= scale_sample for v in bare.values()))
        if order_done and (scales_done or not (percent_cols or long_value is not None)):
            break
    for key, values in bare.items():
        if isinstance(key, int):
            code, header = percent_cols[key].kpi, percent_cols[key].column
        else:
            code, header = key, f"{mapping.column_for(m.VALUE).column} ({key})"
        decision = decide_percent(header, values, kpis[code])
        if decision.problem is not None:
            decisions.scale_problems.append(Problem(file, first_rows.get(key, 0), header, decision.problem))
        elif decision.scale is not None:
            decisions.scales[key] = decision.scale
            decisions.rules[key] = f"column {header!r} ({code}): {decision.rule}"
    for column in mapping.kpi_columns:
        if column.scale is not None and kpis[column.kpi].unit == "percent":
            words = "percent points (87 -> 87 %)" if column.scale == PERCENT_POINTS else "fractions (0.87 -> 87 %)"
            decisions.rules[column.index] = f"column {column.column!r} ({column.kpi}): bare numbers read as {words}, " \
                                            "as the mapping states"
    if date_order is not None:
        decisions.date_order, decisions.date_order_source = date_order, "given"
    elif date_cols and inference.numeric_seen:
        header = date_cols[0].column
        if inference.conflicting:
            (a_raw, a_row), (b_raw, b_row) = inference.witnesses["dmy"], inference.witnesses["mdy"]
            decisions.date_problem = Problem(file, b_row, header, (
                f"the dates mix month-first ({a_raw!r} on row {a_row}) and day-first ({b_raw!r} on row {b_row}); "
                "use one order throughout, or write dates as YYYY-MM-DD"))
        elif inference.ambiguous:
            raw, row = inference.first_numeric
            decisions.date_problem = Problem(file, row, header, (
                f"every date in the column reads both day-first and month-first (such as {raw!r}); "
                "say which order the file uses (dmy or mdy)"))
        elif inference.order is not None:
            decisions.date_order, decisions.date_order_source = inference.order, "inferred"
            ruled_out = next(iter(inference.witnesses.items()))
            words = "day/month/year" if inference.order == "dmy" else "month/day/year"
            decisions.date_evidence = (f"{words}, because {ruled_out[1][0]!r} on row {ruled_out[1][1]} cannot be "
                                       f"read the other way")
    return decisions


def _collect_bare(into: list[float], raw: object, decimal: str, limit: int) -> bool:
    """Add ``raw`` to ``into`` when it is a bare number (no % sign); True when it was added."""
    if len(into) >= limit or is_missing(raw):
        return False
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return False
    try:
        value = parse_number(raw, decimal)
    except ValueError:
        return False
    if value is not None:
        into.append(value)
        return True
    return False
