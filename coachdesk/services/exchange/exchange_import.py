"""Load an exchange document into a database, or merge it by UUID and natural keys: streamed, checked record by
record, all in one transaction, with counts of what was added, updated and left unchanged."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction
from coachdesk.domain.limits import JSON_TEXT_MAX
from coachdesk.services import common as common_api
from coachdesk.services.exchange.exchange_figures import FigureLoader
from coachdesk.services.exchange.exchange_limits import BoundedBuilder, GuardedReader, TextTooLong
from coachdesk.services.exchange.exchange_schema import (
    FIGURES,
    FORMAT,
    FORMAT_VERSION,
    KIND_ORDER,
    KINDS,
    ExchangeError,
    Kind,
    canonical,
    check_record,
    encode_row,
)
from coachdesk.services.exchange.exchange_scope import CATALOGUE
from coachdesk.storage.database import Database
from coachdesk.storage.table_order import referenced_tables

CHUNK = 1000
PROGRESS_EVERY = 20000
HEADER_KEYS = ("format", "format_version", "app_version", "exported_at", "scope", "people_named")


@dataclass
class KindCount:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ImportReport:
    counts: dict[str, KindCount] = field(default_factory=dict)
    replaced_defaults: bool = False
    dry_run: bool = False

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())

    def lines(self) -> list[str]:
        head = "Checked (dry run, nothing stored)" if self.dry_run else "Imported"
        out = [f"{head}: {self.total('added'):,} added, {self.total('updated'):,} updated, "
               f"{self.total('unchanged'):,} unchanged."]
        for name, c in self.counts.items():
            if c.added or c.updated or c.unchanged:
                out.append(f"  {name:<24} {c.added:>9,} added {c.updated:>9,} updated {c.unchanged:>9,} unchanged")
        if self.replaced_defaults:
            out.append("The new database's default KPI catalogue and framework were replaced by the document's.")
        return out


class _Maps:
    """uuid <-> id of every table some row points at, for the target as it is now (kept up to date)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.to_id: dict[str, dict[str, int]] = {}
        self.to_uuid: dict[str, dict[int, str]] = {}
        for name in referenced_tables():
            self.reload(name)

    def reload(self, name: str) -> None:
        table = KINDS[name].table
        pairs = [tuple(r) for r in self.session.execute(select(table.c.id, table.c.uuid))]
        self.to_id[name] = {u: i for i, u in pairs}
        self.to_uuid[name] = {i: u for i, u in pairs}

    def add(self, name: str, ident: int, uuid: str) -> None:
        if name in self.to_id:
            old = self.to_uuid[name].get(ident)
            if old is not None and old != uuid:
                self.to_id[name].pop(old, None)
            self.to_id[name][uuid] = ident
            self.to_uuid[name][ident] = uuid


class _Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.maps = _Maps(session)
        self.counts: dict[str, KindCount] = {}
        self.empty = {name: session.scalar(select(func.count()).select_from(KINDS[name].table)) == 0
                      for name in KIND_ORDER}
        self.pristine = all(self.empty[n] for n in KIND_ORDER if n not in CATALOGUE)
        self.replaced_defaults = False
        self.kind: Kind | None = None
        self.seen: set[Any] = set()
        self.buffer: list[tuple[int, dict[str, Any]]] = []
        self.deferred: list[tuple[str, str, Any, str, str, dict[str, Any]]] = []
        self.figures: FigureLoader | None = None

    # -- kinds --------------------------------------------------------------------------------------------------
    def begin(self, name: str) -> None:
        self.counts[name] = KindCount()
        if name == FIGURES:
            self.figures = FigureLoader(self.session, self.maps.to_id, self.empty[FIGURES], self.counts[name])
            return
        self.kind = KINDS[name]
        self.seen = set()
        if self.pristine and name in CATALOGUE and not self.empty[name]:
            # a new database holds generated defaults: the document's catalogue takes their place exactly
            self.session.execute(KINDS[name].table.delete())
            for other in CATALOGUE:
                if other in self.maps.to_id:
                    self.maps.reload(other)
            self.empty[name] = True
            self.replaced_defaults = True

    def add(self, index: int, record: Any) -> int:
        """Check and stage one record (or group of figures); return how many records it held."""
        if self.figures is not None:
            self.figures.add(index, record)
            return len(record["figures"])
        kind = self.kind
        assert kind is not None
        where = f"records.{kind.name}[{index}]"
        decoded = check_record(kind, record, where)
        ident = decoded[kind.identity]
        if ident in self.seen:
            raise ExchangeError(f"{where}: {kind.name} {ident} appears twice in the document.")
        self.seen.add(ident)
        self.buffer.append((index, decoded))
        if len(self.buffer) >= CHUNK:
            self._flush()
        return 1

    def end(self) -> None:
        if self.figures is not None:
            self.figures.finish()
            self.figures = None
            return
        self._flush()
        self._apply_deferred()
        self.kind = None

    # -- writing ------------------------------------------------------------------------------------------------
    def _row(self, kind: Kind, index: int, decoded: dict[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for f in kind.fields:
            value = decoded[f.key]
            if f.codec == "ref" and value is not None:
                target = self.maps.to_id[f.target].get(value)
                if target is None:
                    if f.self_ref:  # may come later in the same list
                        keep = {c.name: decoded[c.name] for c in kind.table.c if c.onupdate is not None}
                        self.deferred.append((decoded[kind.identity], f.column, value, f.key,
                                              f"records.{kind.name}[{index}]", keep))
                        value = None
                    else:
                        raise ExchangeError(
                            f"records.{kind.name}[{index}] ({kind.name} {decoded[kind.identity]}), field {f.key!r}: "
                            f"refers to {f.target} {value}, which is neither earlier in the document nor in the "
                            "database.")
                else:
                    value = target
            row[f.column] = value
        return row

    def _existing(self, kind: Kind, chunk: list[tuple[int, dict[str, Any]]], rows: list[dict[str, Any]],
                  ) -> list[Any]:
        table = kind.table
        found: list[Any] = [None] * len(chunk)
        if self.empty[kind.name]:
            return found
        idents = [d[kind.identity] for _, d in chunk]
        by_ident = {r._mapping[kind.identity]: r for r in
                    self.session.execute(select(table).where(table.c[kind.identity].in_(idents)))}
        for i, ident in enumerate(idents):
            found[i] = by_ident.get(ident)
            if found[i] is not None or not kind.natural_keys:
                continue
            for key in kind.natural_keys:
                columns = [kind.field(k).column for k in key]
                values = [rows[i][c] for c in columns]
                if any(v is None for v in values):
                    continue
                matches = self.session.execute(select(table).where(
                    *(table.c[c] == v for c, v in zip(columns, values, strict=True))).limit(2)).all()
                if len(matches) == 1:
                    found[i] = matches[0]
                    break
        return found

    def _flush(self) -> None:
        kind, chunk, self.buffer = self.kind, self.buffer, []
        if not chunk or kind is None:
            return
        table = kind.table
        count = self.counts[kind.name]
        rows = [self._row(kind, index, decoded) for index, decoded in chunk]
        existing = self._existing(kind, chunk, rows)
        new_rows: list[dict[str, Any]] = []
        for (index, decoded), row, old in zip(chunk, rows, existing, strict=True):
            if old is None:
                new_rows.append(row)
                continue
            if kind.identity == "uuid" and old._mapping["uuid"] != decoded["uuid"] and old._mapping["uuid"] in self.seen:
                raise ExchangeError(
                    f"records.{kind.name}[{index}] ({kind.name} {decoded['uuid']}): has the same {_keys(kind)} as "
                    f"{kind.name} {old._mapping['uuid']} earlier in the document.")
            if encode_row(kind, old, self.maps.to_uuid) == canonical(kind, decoded):
                count.unchanged += 1
                continue
            self._guard(lambda r=row, o=old: self.session.execute(
                update(table).where(table.c[kind.identity] == o._mapping[kind.identity]).values(**r)),
                kind, index, decoded)
            count.updated += 1
            if kind.identity == "uuid" and old._mapping["uuid"] != decoded["uuid"]:
                self._rename_uuid(old._mapping["uuid"], decoded["uuid"])
            if "id" in table.c:
                self.maps.add(kind.name, old._mapping["id"], decoded[kind.identity])
        if new_rows:
            self._guard(lambda: self.session.execute(insert(table), new_rows), kind, chunk[0][0], None)
            count.added += len(new_rows)
            if kind.name in self.maps.to_id:
                uuids = [r["uuid"] for r in new_rows]
                for i, u in self.session.execute(select(table.c.id, table.c.uuid).where(table.c.uuid.in_(uuids))):
                    self.maps.add(kind.name, i, u)

    def _rename_uuid(self, old: str, new: str) -> None:
        """A record matched by its natural key takes the document's UUID; links kept by UUID text follow it."""
        for name, column in (("amendment", "record_uuid"), ("audit_log", "entity_uuid")):
            table = KINDS[name].table
            self.session.execute(update(table).where(table.c[column] == old).values({column: new}))

    def _apply_deferred(self) -> None:
        kind, deferred, self.deferred = self.kind, self.deferred, []
        if kind is None or not deferred:
            return
        ids = self.maps.to_id[kind.name]
        for ident, column, target, key, where, keep in deferred:
            target_id = ids.get(target)
            if target_id is None:
                raise ExchangeError(f"{where} ({kind.name} {ident}), field {key!r}: refers to {kind.name} {target}, "
                                    "which is neither in the document nor in the database.")
            self.session.execute(update(kind.table).where(kind.table.c.id == ids[ident]).values({column: target_id, **keep}))

    def _guard(self, action: Callable[[], Any], kind: Kind, index: int, decoded: dict[str, Any] | None) -> None:
        try:
            action()
        except IntegrityError as exc:
            what = f"{kind.name} {decoded[kind.identity]}" if decoded else f"{kind.name} records from [{index}]"
            raise ExchangeError(f"records.{kind.name}[{index}] ({what}): clashes with a record already stored or "
                                f"given twice (same {_keys(kind)}): {_short(exc)}.") from None


def _keys(kind: Kind) -> str:
    return " or ".join("+".join(k) for k in kind.natural_keys) or "identity"


def _short(exc: DBAPIError) -> str:
    return str(exc.orig).splitlines()[0][:200] if exc.orig is not None else "constraint failed"


def _events(path: Path) -> Iterator[tuple[str, Any]]:
    """The document's JSON events without their prefixes (a prefix grows with the depth: quadratic memory)."""
    import ijson

    with open(path, "rb") as fh:
        try:
            yield from ijson.basic_parse(GuardedReader(fh), use_float=True)
        except ijson.JSONError as exc:
            raise ExchangeError(f"{path.name} is not complete, valid JSON ({str(exc).splitlines()[0][:160]}).") from None
        except UnicodeDecodeError:
            raise ExchangeError(f"{path.name} is not UTF-8 text.") from None


def _guard_texts(events: Iterator[tuple[str, Any]], where: Callable[[], str]) -> Iterator[tuple[str, Any]]:
    try:
        yield from events
    except TextTooLong:
        raise ExchangeError(f"{where()}: a text longer than {JSON_TEXT_MAX:,} characters; the longest CoachDesk "
                            f"accepts is {JSON_TEXT_MAX:,}.") from None


def _check_header(header: dict[str, Any], path: Path) -> None:
    if header.get("format") != FORMAT:
        raise ExchangeError(f"{path.name} is not a CoachDesk exchange document (its \"format\" is "
                            f"{header.get('format')!r}, expected {FORMAT!r} before \"records\").")
    version = header.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ExchangeError(f"{path.name} is in exchange format version {version!r}; this CoachDesk reads version "
                            f"{FORMAT_VERSION}.")
    scope = header.get("scope")
    if not isinstance(scope, dict) or scope.get("kind") != "all":
        if isinstance(scope, dict) and scope.get("kind") == "person":
            raise ExchangeError(f"{path.name} is one person's export (a subject access answer); import-data loads "
                                "whole-database exports only.")
        raise ExchangeError(f"{path.name}: \"scope\" must be {{\"kind\": \"all\"}}.")


def _load(path: Path, loader: _Loader, progress: Callable[[int], None] | None) -> None:
    header: dict[str, Any] = {}
    state = "start"
    builder: BoundedBuilder | None = None
    seen_top: set[str] = set()
    target = ""
    kind_name = ""
    index = 0
    last_kind = -1
    done = 0
    def where() -> str:  # the JSON path being read, for a text too long to parse
        if builder is not None:
            return builder.path()
        return f"records.{kind_name}[{index}]" if kind_name else path.name

    for event, value in _guard_texts(_events(path), where):
        if builder is not None:
            if builder.event(event, value):
                if target == "item":
                    held = loader.add(index, builder.value)
                    index += 1
                    if progress is not None and (done + held) // PROGRESS_EVERY > done // PROGRESS_EVERY:
                        progress(done + held)
                    done += held
                else:
                    header[target] = builder.value
                builder = None
            continue
        if state == "start":
            if event != "start_map":
                raise ExchangeError(f"{path.name} is not a CoachDesk exchange document (expected a JSON object).")
            state = "top"
        elif state == "top":
            if event == "end_map":
                state = "end"
            elif value == "records":
                if value in seen_top:
                    raise ExchangeError(f"{path.name}: the top-level key 'records' appears twice; give it once.")
                seen_top.add(value)
                _check_header(header, path)
                state = "records-open"
            elif value in HEADER_KEYS:
                if value in header:
                    raise ExchangeError(f"{path.name}: the top-level key {value!r} appears twice; give it once.")
                state, target = "header-value", value
            else:
                raise ExchangeError(f"{path.name}: unknown top-level key {value!r}.")
        elif state == "header-value":
            builder, state = BoundedBuilder(target), "top"
            if builder.event(event, value):
                header[target] = builder.value
                builder = None
        elif state == "records-open":
            if event != "start_map":
                raise ExchangeError(f"{path.name}: \"records\" must be an object of lists.")
            state = "records"
        elif state == "records":
            if event == "end_map":
                state = "top"
                continue
            if value not in KINDS:
                raise ExchangeError(f"{path.name}: records.{value} is not a kind of record CoachDesk knows.")
            position = KIND_ORDER.index(value)
            if position <= last_kind:
                raise ExchangeError(f"{path.name}: records.{value} comes after records.{KIND_ORDER[last_kind]} "
                                    "(or twice); kinds must keep the order of docs/data-format.md.")
            last_kind, kind_name, index, state = position, value, 0, "kind-open"
        elif state == "kind-open":
            if event != "start_array":
                raise ExchangeError(f"{path.name}: records.{kind_name} must be a list.")
            loader.begin(kind_name)
            state = "items"
        elif state == "items":
            if event == "end_array":
                loader.end()
                state = "records"
                continue
            builder, target = BoundedBuilder(f"records.{kind_name}[{index}]"), "item"
            if builder.event(event, value):
                loader.add(index, builder.value)
                index += 1
                builder = None
        elif state == "end":
            raise ExchangeError(f"{path.name} has more after the end of the document.")
    if state != "end":
        raise ExchangeError(f"{path.name} ends early: it is truncated or not an exchange document.")
    if last_kind < 0 and "records" not in seen_top:  # "{}", or a header alone: not a document
        _check_header(header, path)
        raise ExchangeError(f"{path.name} has no \"records\": it is not a CoachDesk exchange document.")


def import_document(db: Database, path: Path, dry_run: bool = False,
                    progress: Callable[[int], None] | None = None) -> ImportReport:
    """Load or merge the document at ``path``; everything or nothing is stored (nothing with ``dry_run``)."""
    path = Path(path)
    if not path.is_file():
        raise ExchangeError(f"{path} does not exist or is not a file.")
    # the write lock from the start (SQLite): "is the target empty?" and the whole load see one unchanging database
    with db.unit_of_work(immediate=True) as session:
        loader = _Loader(session)
        try:
            _load(path, loader, progress)
        except DBAPIError as exc:
            raise ExchangeError(f"{path.name} could not be stored: {_short(exc)}.") from None
        report = ImportReport(counts=loader.counts, replaced_defaults=loader.replaced_defaults, dry_run=dry_run)
        common_api.record(session, AuditAction.IMPORT, "exchange", None,
                     f"Imported an exchange document: {report.total('added'):,} added, "
                     f"{report.total('updated'):,} updated, {report.total('unchanged'):,} unchanged.",
                     details={"file": path.name})
        if dry_run:
            session.rollback()
    return report

