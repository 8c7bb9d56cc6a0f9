"""KPI figures in the exchange format: one group per (person, KPI), checked and merged by the natural key
(person, KPI, period start, period end), written in large batches so millions of figures load in bounded memory."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from coachdesk.services.exchange.exchange_limits import UNITS_NOT_NEGATIVE
from coachdesk.services.exchange.exchange_schema import ExchangeError, parse_date
from coachdesk.storage.models import KpiDefinition, KpiFigure

FLUSH = 5000
GROUP_KEYS = ("person", "kpi", "batches", "figures")


class FigureLoader:
    def __init__(self, session: Session, to_id: dict[str, dict[str, int]], empty: bool, count: Any) -> None:
        self.session = session
        self.to_id = to_id
        self.empty = empty
        self.count = count
        self.seen: set[tuple[int, int]] = set()
        self.pending: list[dict[str, Any]] = []
        self.table = KpiFigure.__table__
        self.units: dict[int, str] | None = None

    def _unit(self, kid: int) -> str:
        if self.units is None:  # the document's KPI definitions are stored by now: figures come last
            table = KpiDefinition.__table__
            self.units = {i: getattr(u, "value", u) for i, u in self.session.execute(select(table.c.id,
                                                                                            table.c.unit))}
        return self.units.get(kid, "")

    def _ref(self, where: str, group: dict[str, Any], key: str, target: str) -> int:
        value = group[key]
        if not isinstance(value, str):
            raise ExchangeError(f"{where}, field {key!r}: expected a {target} UUID, got {value!r}.")
        ident = self.to_id[target].get(value)
        if ident is None:
            raise ExchangeError(f"{where}, field {key!r}: refers to {target} {value}, which is neither earlier in "
                                "the document nor in the database.")
        return ident

    def add(self, gi: int, group: Any) -> None:
        where = f"records.kpi_figure[{gi}]"
        if not isinstance(group, dict):
            raise ExchangeError(f"{where}: expected an object with person, kpi, batches and figures.")
        unknown = sorted(set(group) - set(GROUP_KEYS))
        if unknown:
            raise ExchangeError(f"{where}: unknown field {unknown[0]!r} for a group of KPI figures.")
        missing = [k for k in GROUP_KEYS if k not in group]
        if missing:
            raise ExchangeError(f"{where}: field {missing[0]!r} is missing.")
        pid = self._ref(where, group, "person", "person")
        kid = self._ref(where, group, "kpi", "kpi_definition")
        where = f"{where} (person {group['person']}, KPI {group['kpi']})"
        if (pid, kid) in self.seen:
            raise ExchangeError(f"{where}: this person and KPI already had a group; give each pair one group.")
        self.seen.add((pid, kid))
        batches = group["batches"]
        if not isinstance(batches, list):
            raise ExchangeError(f"{where}, field 'batches': expected a list of import batch UUIDs or null.")
        batch_ids: list[int | None] = []
        for bi, b in enumerate(batches):
            if b is None:
                batch_ids.append(None)
                continue
            ident = self.to_id["import_batch"].get(b) if isinstance(b, str) else None
            if ident is None:
                raise ExchangeError(f"{where}, batches[{bi}]: refers to import_batch {b!r}, which is neither "
                                    "earlier in the document nor in the database.")
            batch_ids.append(ident)
        figures = group["figures"]
        if not isinstance(figures, list):
            raise ExchangeError(f"{where}, field 'figures': expected a list of [start, end, value, batch index].")
        existing: dict[tuple, tuple] = {}
        if not self.empty:
            f = self.table
            rows = self.session.execute(select(f.c.id, f.c.period_start, f.c.period_end, f.c.value, f.c.batch_id)
                                        .where(f.c.person_id == pid, f.c.kpi_id == kid))
            existing = {(r[1], r[2]): (r[0], r[3], r[4]) for r in rows}
        periods: set[tuple] = set()
        for fi, item in enumerate(figures):
            at = f"{where}, figures[{fi}]"
            if not isinstance(item, list) or len(item) != 4:
                raise ExchangeError(f"{at}: expected [start, end, value, batch index].")
            try:
                start, end = parse_date(item[0]), parse_date(item[1])
            except ValueError as exc:
                raise ExchangeError(f"{at}: {exc}.") from None
            if end < start:
                raise ExchangeError(f"{at}: the period ends ({end}) before it starts ({start}).")
            value = item[2]
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ExchangeError(f"{at}: the value must be a finite number, got {value!r}.")
            if value < 0 and self._unit(kid) in UNITS_NOT_NEGATIVE:
                raise ExchangeError(f"{at}: the value {value} is negative, but this KPI is measured in "
                                    f"{self._unit(kid)}, which cannot be below zero.")
            b = item[3]
            if isinstance(b, bool) or not isinstance(b, int) or not 0 <= b < len(batch_ids):
                raise ExchangeError(f"{at}: the batch index must be 0 to {len(batch_ids) - 1}, got {b!r}.")
            if (start, end) in periods:
                raise ExchangeError(f"{at}: the period {start} to {end} is given twice for this person and KPI.")
            periods.add((start, end))
            value, batch_id = float(value), batch_ids[b]
            old = existing.get((start, end))
            if old is None:
                self.pending.append({"person_id": pid, "kpi_id": kid, "period_start": start, "period_end": end,
                                     "value": value, "batch_id": batch_id})
                self.count.added += 1
            elif old[1] == value and old[2] == batch_id:
                self.count.unchanged += 1
            else:
                self.session.execute(update(self.table).where(self.table.c.id == old[0])
                                     .values(value=value, batch_id=batch_id))
                self.count.updated += 1
        if len(self.pending) >= FLUSH:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.session.execute(insert(self.table), self.pending)
            self.pending = []

    def finish(self) -> None:
        self._flush()
