"""Turn a table's rows into KPI figures, in base units, for each shape a mapping names.

The shapes are summaries (per agent per day, interval or given period), long files (agent, date, KPI, value) and
interaction logs aggregated per agent per day (``calls``).

Figures come out as plain tuples ``(row, agent, kpi code, first day, last day, value)`` where ``agent`` is the
``AgentRef`` the row names; the caller matches agents to people. Unreadable cells become ``Problem``s, empty or
``NaN%`` cells are counted as missing (a warning), and rows that are not figures are counted with a reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from operator import itemgetter

from coachdesk.importers import mapping as m
from coachdesk.importers.calls import CallAggregator
from coachdesk.importers.dates import parse_stamp
from coachdesk.importers.mapping import KpiSpec, Mapping
from coachdesk.importers.periods import MONTH, PERIOD_UNITS, parse_month, span
from coachdesk.importers.prescan import Decisions, prescan
from coachdesk.importers.problems import MissingLog, Problem, ProblemLog
from coachdesk.importers.row_cells import (
    DASHES,
    NO_AGENT,
    NO_VALUES,
    NOT_PERSON,
    TEMPLATE,
    AgentRef,
    Figure,
    agent_reader,
    clean_text,
    kpi_resolver,
    non_agent_reason,
    value_parser,
)
from coachdesk.importers.scales import RangeCheck
from coachdesk.importers.sniff import SkipLog
from coachdesk.importers.values import cached, is_missing, parse_count

#: the names callers import from here, kept where they were before the split into problems, row_cells and prescan
__all__ = ["NO_AGENT", "NO_VALUES", "NOT_PERSON", "TEMPLATE", "AgentRef", "Decisions", "Figure", "Problem",
           "ShapeReader", "non_agent_reason", "prescan"]


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

    def _day_span(self) -> tuple[int, Callable[[object], tuple[date, date]] | None]:
        """(column, memo) giving a date cell's period as ``_period_reader`` does for a day or week column (raising
        ValueError where that reports a problem), or (0, None) for other periods: a look-up a row on long files."""
        date_col = self.mapping.column_for(m.DATE)
        if self.mapping.column_for(m.INTERVAL_START) is not None or date_col is None or date_col.unit == MONTH:
            return 0, None
        stamp, unit = self._stamp, date_col.unit
        return date_col.index, cached(lambda raw: span(stamp(raw)[0], unit))

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
        agent_memo, agent_cells, skip = self._agent_memo, self._agent_cells, self.skipped.add
        i_day, day_span = self._day_span()

        for row, cells in rows:
            raw_kpi = cells[i_kpi]
            code = resolve(raw_kpi)
            if code is None:
                unknown[clean_text(raw_kpi)] += 1
                skip("KPI not in the catalogue", row)
                continue
            agent, reason = agent_memo(agent_cells(cells))  # self._agent, inline: this runs once a row
            if reason is not None:
                skip(reason, row)
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
            if day_span is None:
                period = period_of(row, cells)
            else:
                try:
                    period = day_span(cells[i_day])
                except ValueError:
                    period = period_of(row, cells)  # says what is wrong with the date, on its row
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
