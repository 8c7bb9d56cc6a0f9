"""Write the exchange document: every record (or one person's) as JSON, streamed table by table, figures grouped."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, select

from coachdesk import __version__
from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import NotFound
from coachdesk.services import common as common_api
from coachdesk.services.exchange.exchange_schema import FIGURES, FORMAT, FORMAT_VERSION, KIND_ORDER, KINDS, encode_row
from coachdesk.storage.database import Database
from coachdesk.storage.models import KpiFigure, Person
from coachdesk.storage.table_order import referenced_tables
from coachdesk.storage.types import utcnow

CHUNK = 2000


@dataclass(frozen=True)
class ExportReport:
    path: Path
    scope: str  # "all" or the person's display name
    counts: dict[str, int] = field(default_factory=dict)
    size_bytes: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def load_id_maps(conn: Connection) -> dict[str, dict[int, str]]:
    """id -> uuid of every table that other rows point at."""
    maps: dict[str, dict[int, str]] = {}
    for name in referenced_tables():
        table = KINDS[name].table
        maps[name] = {i: u for i, u in conn.execute(select(table.c.id, table.c.uuid))}
    return maps


def _rows(conn: Connection, name: str, ids: set[int] | None) -> Iterator[Any]:
    kind = KINDS[name]
    table = kind.table
    order = table.c[kind.identity]
    if ids is None:
        result = conn.execution_options(yield_per=CHUNK).execute(select(table).order_by(order))
        yield from result
        return
    wanted = sorted(ids)
    rows: list[Any] = []
    for start in range(0, len(wanted), 500):
        rows += conn.execute(select(table).where(table.c.id.in_(wanted[start:start + 500]))).all()
    rows.sort(key=lambda r: r._mapping[kind.identity])
    yield from rows


def figure_groups(conn: Connection, maps: dict[str, dict[int, str]], person_ids: Iterable[int] | None = None,
                  ) -> Iterator[dict[str, Any]]:
    """One group per (person, KPI): the batches it came from and [start, end, value, batch index] per period."""
    people = maps["person"]
    kpis = maps["kpi_definition"]
    batches = maps["import_batch"]
    chosen = sorted(people if person_ids is None else person_ids, key=lambda pid: people[pid])
    f = KpiFigure.__table__
    for pid in chosen:
        stmt = (select(f.c.kpi_id, f.c.period_start, f.c.period_end, f.c.value, f.c.batch_id)
                .where(f.c.person_id == pid))
        by_kpi: dict[int, list[tuple]] = {}
        for row in conn.execute(stmt):
            by_kpi.setdefault(row[0], []).append(row)
        for kid in sorted(by_kpi, key=lambda k: kpis[k]):
            rows = sorted(by_kpi[kid], key=lambda r: (r[1], r[2]))
            batch_uuids = sorted({batches[r[4]] if r[4] is not None else "" for r in rows})
            index = {u: i for i, u in enumerate(batch_uuids)}
            yield {
                "person": people[pid], "kpi": kpis[kid], "batches": [u or None for u in batch_uuids],
                "figures": [[r[1].isoformat(), r[2].isoformat(), float(r[3]),
                             index[batches[r[4]] if r[4] is not None else ""]] for r in rows],
            }


def _write_array(out: IO[str], name: str, items: Iterable[dict[str, Any]], first: bool) -> int:
    out.write(("" if first else ",\n") + f'  "{name}": [')
    count = 0
    for item in items:
        out.write(("\n    " if count == 0 else ",\n    ") + _dumps(item))
        count += 1
    out.write("\n  ]" if count else "]")
    return count


def write_document(conn: Connection, out: IO[str], scope: dict[str, Any], selection: dict[str, set[int]] | None,
                   extra: dict[str, Any] | None = None, blank: dict[str, tuple[str, ...]] | None = None,
                   ) -> dict[str, int]:
    """Write the whole document to ``out``; ``selection`` limits each table to some ids (a person's export),
    ``blank`` names fields written as null, ``extra`` adds header keys."""
    maps = load_id_maps(conn)
    header = {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
              "exported_at": utcnow().isoformat(), "scope": scope, **(extra or {})}
    out.write("{\n" + ",\n".join(f"  {json.dumps(k)}: {_dumps(v)}" for k, v in header.items()))
    out.write(',\n  "records": {\n')
    counts: dict[str, int] = {}
    for i, name in enumerate(KIND_ORDER):
        if name == FIGURES:
            people = None if selection is None else selection.get("person", set())
            items: Iterable[dict[str, Any]] = figure_groups(conn, maps, people)
            counter = _Counter(items, lambda g: len(g["figures"]))
            _write_array(out, name, counter, i == 0)
            counts[name] = counter.total
            continue
        kind = KINDS[name]
        ids = None if selection is None else selection.get(name, set())
        nulls = dict.fromkeys((blank or {}).get(name, ()))
        records = ({**encode_row(kind, row, maps), **nulls} for row in _rows(conn, name, ids))
        counts[name] = _write_array(out, name, records, i == 0)
    out.write("\n  }\n}\n")
    return counts


class _Counter:
    def __init__(self, items: Iterable[dict[str, Any]], size) -> None:  # noqa: ANN001
        self.items, self.size, self.total = items, size, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for item in self.items:
            self.total += self.size(item)
            yield item


def _snapshot(conn: Connection) -> None:
    """Read everything from one snapshot, so a concurrent write cannot leave a link to a record not exported."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def export_document(db: Database, path: Path, person: str | None = None) -> ExportReport:
    """Write the exchange document to ``path`` (replaced only once complete); ``person`` = a person's UUID."""
    from coachdesk.services.exchange.exchange_scope import person_selection

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out, db.engine.connect() as conn:
            _snapshot(conn)
            if person is None:
                scope: dict[str, Any] = {"kind": "all"}
                counts = write_document(conn, out, scope, None)
                label = "all"
                person_uuid = None
            else:
                row = conn.execute(select(Person.id, Person.uuid, Person.display_name)
                                   .where(Person.uuid == person)).first()
                if row is None:
                    raise NotFound(f"No person with UUID {person}.")
                chosen = person_selection(conn, row.id)
                scope = {"kind": "person", "person": row.uuid, "not_included": chosen.not_included}
                counts = write_document(conn, out, scope, chosen.selection, {"people_named": chosen.people_named},
                                        chosen.blank)
                label, person_uuid = row.display_name, row.uuid
            conn.rollback()
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with db.unit_of_work() as session:
        if person_uuid is None:
            common_api.record(session, AuditAction.EXPORT, "exchange", None,
                         f"Exported the whole database ({sum(counts.values()):,} records).")
        else:
            common_api.record(session, AuditAction.EXPORT, "person", person_uuid,
                         "Exported one person's data (subject access request).")
    return ExportReport(path=path, scope=label, counts=counts, size_bytes=path.stat().st_size)
