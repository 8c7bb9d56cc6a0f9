"""Turn a table's rows into KPI figures, in base units, for each shape a mapping names.

The shapes are summaries (per agent per day, interval or given period), long files (agent, date, KPI, value) and
interaction logs aggregated per agent per day (``calls``).

Figures come out as plain tuples ``(row, agent, kpi code, first day, last day, value)`` where ``agent`` is the
``AgentRef`` the row names; the caller matches agents to people. Unreadable cells become ``Problem``s, empty or
``NaN%`` cells are counted as missing (a warning), and rows that are not figures are counted with a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter

from coachdesk.domain.names import placeholder_reason
from coachdesk.domain.text import printable
from coachdesk.importers import mapping as m
from coachdesk.importers.calls import CallAggregator
from coachdesk.importers.dates import OrderInference, parse_stamp
from coachdesk.importers.mapping import KpiSpec, Mapping
from coachdesk.importers.periods import MONTH, PERIOD_UNITS, parse_month, span
from coachdesk.importers.scales import RangeCheck, decide_percent
from coachdesk.importers.sniff import SkipLog, normalise_header
from coachdesk.importers.values import (
    FRACTION,
    PERCENT_POINTS,
    cached,
    is_missing,
    missing_reason,
    parse_count,
    parse_duration,
    parse_number,
    parse_percent,
)

#: (raw agent id, e-mail, name) as the row writes them; empty strings where the file says nothing.
AgentRef = tuple[str, str, str]
Figure = tuple[int, AgentRef, str, date, date, float]

PROBLEMS_KEPT = 200
#: The date-order pass reads the whole column until the order is settled, but stops after this many rows when no
#: date so far depended on the order (ISO dates, month names); a later D/M-or-M/D cell is then reported if ambiguous.
ORDER_ROWS = 10_000
#: Bare numbers in percentage columns are sampled from at most this many rows.
SCALE_ROWS = 20_000
NO_AGENT = "no agent (blank name and id): a totals or summary line"
TEMPLATE = "not an agent: a template user"
NOT_PERSON = "not an agent: a queue, group, system or totals line"
NO_VALUES = "no KPI values in the row"
#: What a part of a derived KPI may be written as to mean "no time" (Avaya CMS writes "-" for no after-call work).
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_NOT_PEOPLE = frozenset({"total", "totals", "grand total", "sum", "all", "all agents", "overall", "average",
                         "unassigned", "unknown", "none", "n/a", "system", "ivr", "queue", "voicemail", "(blank)",
                         "no agent", "not assigned"})
_TEMPLATE = re.compile(r"\btemplate\b", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """A cell or row that cannot be read: where (file, row, column) and why."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{printable(self.file, 80)} row {self.row}" if self.row else printable(self.file, 80)
        reason = printable(self.reason, 400)
        return f"{where}, column '{printable(self.column, 60)}': {reason}" if self.column else f"{where}: {reason}"


@dataclass
class ProblemLog:
    kept: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, problem: Problem) -> None:
        self.count += 1
        if len(self.kept) < PROBLEMS_KEPT:
            self.kept.append(problem)


@dataclass
class MissingLog:
    """Cells that held no value, per column: how many, why (empty, NaN%...), and the first row."""

    counts: Counter = field(default_factory=Counter)
    reasons: dict[str, Counter] = field(default_factory=dict)
    first_row: dict[str, int] = field(default_factory=dict)

    def add(self, column: str, raw: object, row: int) -> None:
        self.counts[column] += 1
        self.reasons.setdefault(column, Counter())[missing_reason(raw)] += 1
        self.first_row.setdefault(column, row)

    def warnings(self) -> list[str]:
        out = []
        for column, count in self.counts.most_common():
            why = ", ".join(f"{reason} x{n}" for reason, n in self.reasons[column].most_common(4))
            out.append(f"column {column!r}: {count} cell{'s' if count != 1 else ''} without a value, read as "
                       f"missing ({why}); first on row {self.first_row[column]}")
        return out


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


def non_agent_reason(agent: AgentRef) -> str | None:
    """Why a row's agent is not a person (blank, deleted, a template user, a queue or totals line), or None."""
    agent_id, email, name = agent
    if not (agent_id or email or name):
        return NO_AGENT
    if name and _TEMPLATE.search(name):
        return TEMPLATE
    if (name or agent_id).strip().casefold() in _NOT_PEOPLE:
        return NOT_PERSON
    why = placeholder_reason(name) if name else None
    return None if why is None else f"not an agent: {why} ('{printable(name, 40)}')"


def clean_text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = str(raw).replace("\u00a0", " ").strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1].strip()
    return " ".join(text.split()) if "  " in text else text


def agent_reader(mapping: Mapping) -> Callable[[list[object]], AgentRef]:
    """A function from a row's cells to its ``AgentRef``."""
    i_id, i_mail, i_name = mapping.index(m.AGENT_ID), mapping.index(m.EMAIL), mapping.index(m.AGENT_NAME)
    i_first, i_last = mapping.index(m.FIRST_NAME), mapping.index(m.LAST_NAME)
    name_of = cached(clean_text, 200_000)

    def read(cells: list[object]) -> AgentRef:
        name = name_of(cells[i_name]) if i_name is not None else ""
        if not name and (i_first is not None or i_last is not None):
            parts = [name_of(cells[i]) for i in (i_first, i_last) if i is not None]
            name = " ".join(p for p in parts if p)
        return (name_of(cells[i_id]) if i_id is not None else "",
                name_of(cells[i_mail]) if i_mail is not None else "", name)

    return read


def value_parser(spec: KpiSpec, decimal: str, unit: str | None, scale: str | None) -> Callable[[object], float | None]:
    """The cached parser for one KPI's cells, giving base units."""
    if spec.unit == "seconds":
        duration_unit = unit or "seconds"
        return cached(lambda raw: parse_duration(raw, duration_unit, decimal))
    if spec.unit == "percent":
        return cached(lambda raw: parse_percent(raw, decimal, scale or FRACTION))
    if spec.unit == "count":
        return cached(lambda raw: parse_count(raw, decimal))
    return cached(lambda raw: parse_number(raw, decimal))


def kpi_resolver(kpis: dict[str, KpiSpec]) -> Callable[[object], str | None]:
    """Long files: the catalogue code a KPI-name cell means (code, name or synonym), or None."""
    names: dict[str, str] = {}
    for code, spec in kpis.items():
        names[normalise_header(code).replace(" ", "")] = code
        names[normalise_header(spec.name).replace(" ", "")] = code
    for synonym, (code, _confidence) in m.KPI_SYNONYMS.items():
        if code in kpis:
            names.setdefault(synonym, code)

    def resolve(raw: object) -> str | None:
        return names.get(normalise_header(str(raw)).replace(" ", ""))

    return cached(resolve, 10_000)


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


class ShapeReader:
    """Reads one file's rows into figures according to a mapping and the prescan's decisions."""

    def __init__(self, file: str, mapping: Mapping, kpis: dict[str, KpiSpec], decimal: str,
                 decisions: Decisions, period: tuple[date, date] | None = None) -> None:
        self.file = file
        self.mapping = mapping
        self.kpis = kpis
        self.decimal = decimal
        self.decisions = decisions
        self.period = period
        self.problems = ProblemLog()
        self.missing = MissingLog()
        self.skipped = SkipLog()
        self.warnings: list[str] = []
        self.ranges = RangeCheck()
        #: derived KPIs: a part written "-" counts as zero (Avaya's ACW), by part code: [count, first row]
        self.dash_zero: dict[str, list[int]] = {}
        self.agent_of = agent_reader(mapping)
        order = decisions.date_order
        self._stamp = cached(lambda raw: parse_stamp(raw, order))
        self._agent_memo, self._agent_cells = self._agent_lookup()
        self.calls: CallAggregator | None = None

    # -- shared pieces -----------------------------------------------------------------------------------------

    def _problem(self, row: int, column: str, reason: str) -> None:
        self.problems.add(Problem(self.file, row, column, reason))

    def _agent_lookup(self) -> tuple[Callable[[object], tuple[AgentRef, str | None]], Callable]:
        """(memo, getter): ``memo(getter(cells))`` is the row's (agent, why it is not an agent or None), memoised on
        the raw identity cells."""
        positions = [i for i in (self.mapping.index(f) for f in m.IDENTITY_FIELDS) if i is not None] or [0]
        getter = itemgetter(*positions)
        read, single = self.agent_of, len(positions) == 1

        def from_key(key: object) -> tuple[AgentRef, str | None]:
            cells = dict(zip(positions, (key,) if single else key, strict=True))
            agent = read(cells)  # type: ignore[arg-type]
            return agent, non_agent_reason(agent)

        return cached(from_key, 500_000), getter

    def _agent(self, row: int, cells: list[object]) -> AgentRef | None:
        agent, reason = self._agent_memo(self._agent_cells(cells))
        if reason is not None:
            self.skipped.add(reason, row)
            return None
        return agent

    def _day(self, row: int, cells: list[object], column: m.ColumnMap) -> tuple[date, int | None] | None:
        raw = cells[column.index]
        try:
            return self._stamp(raw)
        except ValueError as exc:
            reason = "no date" if is_missing(raw) else str(exc)
            if self.decisions.date_order_source == "inferred" and "when read as" in reason:
                reason += f" (the file's dates are {self.decisions.date_evidence})"
            self._problem(row, column.column, reason)
            return None

    def _period_reader(self) -> Callable[[int, list[object]], tuple[date, date] | None]:
        start_col = self.mapping.column_for(m.INTERVAL_START)
        end_col = self.mapping.column_for(m.INTERVAL_END)
        date_col = self.mapping.column_for(m.DATE)
        if start_col is not None:
            def interval(row: int, cells: list[object]) -> tuple[date, date] | None:
                start = self._day(row, cells, start_col)
                if start is None:
                    return None
                if end_col is None:
                    return span(start[0], start_col.unit)
                end = self._day(row, cells, end_col)
                if end is None:
                    return None
                last = end[0]
                if end[1] == 0 and last > start[0]:
                    last -= timedelta(days=1)  # an interval ending at midnight does not cover that day
                if last < start[0]:
                    self._problem(row, end_col.column, f"the interval ends ({last}) before it starts ({start[0]})")
                    return None
                return start[0], last
            return interval
        if date_col is not None and date_col.unit == MONTH:
            order = self.decisions.date_order
            month_of = cached(lambda raw: parse_month(raw, order))

            def month(row: int, cells: list[object]) -> tuple[date, date] | None:
                try:
                    return month_of(cells[date_col.index])
                except ValueError as exc:
                    self._problem(row, date_col.column, str(exc))
                    return None
            return month
        if date_col is not None and date_col.unit in PERIOD_UNITS:
            unit = date_col.unit

            def week(row: int, cells: list[object]) -> tuple[date, date] | None:
                stamp = self._day(row, cells, date_col)
                return None if stamp is None else span(stamp[0], unit)
            return week
        if date_col is not None:
            def day(row: int, cells: list[object]) -> tuple[date, date] | None:
                stamp = self._day(row, cells, date_col)
                return None if stamp is None else (stamp[0], stamp[0])
            return day
        if self.period is None:
            raise ValueError("the file has no date or interval column, and no period was given")
        fixed = self.period
        return lambda row, cells: fixed

    # -- shapes ------------------------------------------------------------------------------------------------

    def figures(self, rows: Iterable[tuple[int, list[object]]]) -> Iterator[Figure]:
        if self.mapping.shape == m.LONG:
            return self._long(rows)
        if self.mapping.shape == m.INTERACTIONS:
            return self._interactions(rows)
        return self._summary(rows)

    def _summary(self, rows: Iterable[tuple[int, list[object]]]) -> Iterator[Figure]:
        period_of = self._period_reader()
        columns = []
        ranges = self.ranges
        for column in self.mapping.kpi_columns:
            spec = self.kpis[column.kpi]
            scale = column.scale or self.decisions.scales.get(column.index)
            low, high = ranges.bounds(spec)
            columns.append((column.index, column.column, column.kpi,
                            value_parser(spec, self.decimal, column.unit, scale), low, high))
        filled = dict.fromkeys((c[1] for c in columns), 0)
        counts = [(c.index, c.column, m.RATE_OF_COUNT[c.field], cached(lambda raw: parse_count(raw, self.decimal)))
                  for c in self.mapping.columns if c.field in m.RATE_OF_COUNT and m.RATE_OF_COUNT[c.field] in self.kpis]
        derive = [(code, parts) for code, parts in self.mapping.derive if code in self.kpis]
        dash_of = {c.kpi: c.index for c in self.mapping.kpi_columns}
        volume = "ANSWERED"
        for row, cells in rows:
            agent = self._agent(row, cells)
            if agent is None:
                continue
            values: dict[str, float] = {}
            empties: list[tuple[str, object]] = []
            for index, header, code, parse, low, high in columns:
                raw = cells[index]
                try:
                    value = parse(raw)
                except ValueError as exc:
                    self._problem(row, header, str(exc))
                    continue
                if value is None:
                    empties.append((header, raw))
                else:
                    values[code] = value
                    filled[header] += 1
                    if not low <= value <= high:
                        ranges.add(header, code, row, raw)
            for index, header, code, parse in counts:
                try:
                    count = parse(cells[index])
                except ValueError as exc:
                    self._problem(row, header, str(exc))
                    continue
                answered = values.get(volume)
                if count is not None and answered:
                    values.setdefault(code, count / answered)
            for code, parts in derive:
                if code not in values and all(p in values for p in parts):
                    values[code] = sum(values[p] for p in parts)
                elif code not in values and parts[0] in values and empties:
                    dashes = [p for p in parts if p not in values and dash_of.get(p) is not None
                              and str(cells[dash_of[p]]).strip() in DASHES]
                    if dashes and all(p in values or p in dashes for p in parts):
                        values[code] = sum(values.get(p, 0.0) for p in parts)
                        for p in dashes:
                            entry = self.dash_zero.setdefault(p, [0, row])
                            entry[0] += 1
            if not values:
                self.skipped.add(NO_VALUES, row)
                continue
            for header, raw in empties:
                self.missing.add(header, raw, row)
            period = period_of(row, cells)
            if period is None:
                continue
            start, end = period
            for code, value in values.items():
                yield row, agent, code, start, end, value
        self._finish_ranges(filled)

    def rules(self) -> list[str]:
        """How values were read besides percentages: duration units, derived KPIs, dashes counted as zero."""
        out = []
        for column in self.mapping.kpi_columns:
            if column.unit and self.kpis[column.kpi].unit == "seconds" and column.unit != "seconds":
                out.append(f"column {column.column!r} ({column.kpi}): plain numbers read as {column.unit}")
        for code, parts in self.mapping.derive:
            if code in self.kpis:
                names = " + ".join(next((c.column for c in self.mapping.kpi_columns if c.kpi == p), p) for p in parts)
                out.append(f"{code} = {names} (per-contact averages added) where the file gives no {code} column")
        if self.dash_zero:
            for code, (count, first) in self.dash_zero.items():
                out.append(f"{count:,} '-' cell{'s' if count != 1 else ''} in the {code} column read as no time (0) "
                           f"to add up {', '.join(c for c, _ in self.mapping.derive if code in _)}; first on row "
                           f"{first}")
        return out

    def _finish_ranges(self, filled: dict[str, int]) -> None:
        """Out-of-range values become warnings with rows; a column mostly out of range, a problem."""
        for header, count in filled.items():
            self.ranges.count(header, count)
        self.warnings.extend(self.ranges.warnings(self.kpis))
        for header, outside, seen, row in self.ranges.foreign():
            code = self.ranges.outside[header][1]
            self._problem(row, header, f"{outside:,} of its {seen:,} values lie outside the range of {code}: the "
                                       "column is on another scale than the KPI; map it to another KPI, or state "
                                       "its scale in the mapping")

    def _long(self, rows: Iterable[tuple[int, list[object]]]) -> Iterator[Figure]:
        period_of = self._period_reader()
        kpi_col = self.mapping.column_for(m.KPI_NAME)
        value_col = self.mapping.column_for(m.VALUE)
        i_kpi, i_value, value_header = kpi_col.index, value_col.index, value_col.column
        resolve = kpi_resolver(self.kpis)
        parsers = {code: value_parser(spec, self.decimal, value_col.unit,
                                      value_col.scale or self.decisions.scales.get(code))
                   for code, spec in self.kpis.items()}
        # per KPI: [parser, lowest, highest in range, values read]: one lookup a row
        checks = {code: [parsers[code], *self.ranges.bounds(spec), 0] for code, spec in self.kpis.items()}
        unknown: Counter = Counter()
        agent_of = self._agent

        for row, cells in rows:
            raw_kpi = cells[i_kpi]
            code = resolve(raw_kpi)
            if code is None:
                unknown[clean_text(raw_kpi)] += 1
                self.skipped.add("KPI not in the catalogue", row)
                continue
            agent = agent_of(row, cells)
            if agent is None:
                continue
            raw = cells[i_value]
            check = checks[code]
            try:
                value = check[0](raw)
            except ValueError as exc:
                self._problem(row, value_header, str(exc))
                continue
            if value is None:
                self.missing.add(value_header, raw, row)
                continue
            check[3] += 1
            if not check[1] <= value <= check[2]:
                self.ranges.add(f"{value_header} ({code})", code, row, raw)
            period = period_of(row, cells)
            if period is not None:
                yield row, agent, code, period[0], period[1], value
        self._finish_ranges({f"{value_header} ({code})": c[3] for code, c in checks.items() if c[3]})
        for name, count in unknown.most_common(10):
            self.warnings.append(f"KPI {name!r} is not in the catalogue: {count} row{'s' if count != 1 else ''} "
                                 "skipped (add the KPI, or rename it in the file)")

    def _interactions(self, rows: Iterable[tuple[int, list[object]]]) -> Iterator[Figure]:
        period_of = self._period_reader()
        self.calls = calls = CallAggregator(self.mapping, self.kpis, self.decimal)
        date_col = self.mapping.column_for(m.DATE) if self.mapping.index(m.INTERVAL_START) is None else None
        stamp = self._stamp

        def slow_day(row: int, cells: list[object]) -> date | None:
            if date_col is not None:
                found = self._day(row, cells, date_col)
                return None if found is None else found[0]
            period = period_of(row, cells)
            return None if period is None else period[0]

        calls.consume(rows, self._agent_memo, self._agent_cells, date_col.index if date_col is not None else None,
                      cached(lambda raw: stamp(raw)[0]), slow_day, self.skipped.add,
                      lambda row, column, reason: self._problem(row, column, reason))
        for column, raw, row in calls.missing_cells():
            self.missing.add(column, raw, row)
        yield from calls.figures()
        self.warnings.extend(calls.warnings())
