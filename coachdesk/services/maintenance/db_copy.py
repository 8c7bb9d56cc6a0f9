"""Copy the whole database to another one (an SQLite file or a PostgreSQL server, and back): migrate the empty
target, copy every table in foreign-key order with its ids and UUIDs, reset server sequences, check the counts,
all in one transaction; a new SQLite file appears only once complete."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, bindparam, func, insert, inspect, select, text, update
from sqlalchemy.engine import make_url

from coachdesk.domain.errors import CoachDeskError
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.postgres import sync_sequences
from coachdesk.storage.table_order import self_references, tables_in_order

BATCH = 5000


class CopyError(CoachDeskError):
    """A copy that cannot be made; the target was left as it was."""


@dataclass(frozen=True)
class CopyReport:
    target: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def target_url(text_or_path: str) -> str:
    """A URL as given, or an SQLite URL for a plain file path."""
    if "://" in text_or_path:
        return text_or_path
    return sqlite_url(Path(text_or_path)).render_as_string(hide_password=False)


def read_snapshot(conn: Connection) -> None:
    """Start a read transaction, so every table is read as of one moment while others write."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _check_source(source: Database) -> None:
    from coachdesk.storage.migrate import check_database, head_revision

    path = source.sqlite_path
    if path is not None and not path.exists():
        raise CopyError(f"{path} does not exist: there is nothing to copy.")
    revision = check_database(source)
    if revision != head_revision():
        raise CopyError(f"{source.display_name()} is at schema revision {revision or 'none'}; run "
                        "'coachdesk db upgrade' on it first, then copy.")


def _check_target_empty(target: Database) -> None:
    """A target with no tables, or one a ``db upgrade`` prepared (at this version's schema, every table empty)."""
    from coachdesk.storage.migrate import head_revision

    tables = set(inspect(target.engine).get_table_names())
    if not tables:
        return
    ours = {t.name: t for t in tables_in_order()}
    if tables == {*ours, "alembic_version"}:
        with target.engine.connect() as conn:
            revision = conn.scalar(text("SELECT max(version_num) FROM alembic_version"))
            if revision == head_revision() and not any(conn.scalar(select(func.count()).select_from(t))
                                                       for t in ours.values()):
                return
    raise CopyError(f"{target.display_name()} is not empty (it holds {len(tables)} tables, or data); copy into a "
                    "new, empty database, or one just prepared with 'coachdesk db upgrade'. Nothing was changed.")


def _copy_table(source: Connection, target: Connection, table, progress: Callable[[str, int], None] | None,  # noqa: ANN001
                ) -> int:
    selfs = self_references(table)
    keep = [c.name for c in table.c if c.onupdate is not None]  # e.g. updated_at: linking is no edit
    pk = next(iter(table.primary_key.columns))
    links: list[dict] = []
    copied = 0
    result = source.execution_options(yield_per=BATCH).execute(select(table).order_by(pk))
    for part in result.partitions():
        rows = [dict(r._mapping) for r in part]
        for row in rows:  # a row may point at one copied later: link it once all are in
            for column in selfs:
                if row[column] is not None:
                    links.append({"_id": row["id"], "_value": row[column], "_column": column,
                                  **{f"_{k}": row[k] for k in keep}})
                    row[column] = None
        target.execute(insert(table), rows)
        copied += len(rows)
        if progress is not None:
            progress(table.name, copied)
    for column in selfs:
        batch = [link for link in links if link["_column"] == column]
        if batch:
            values = {column: bindparam("_value"), **{k: bindparam(f"_{k}") for k in keep}}
            stmt = update(table).where(table.c.id == bindparam("_id")).values(values)
            stmt = stmt.execution_options(synchronize_session=False)
            target.execute(stmt, batch)
    return copied


def _migrate(conn: Connection) -> None:
    from alembic import command

    from coachdesk.storage.migrate import alembic_config

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def _copy_all(source: Database, target: Database, progress: Callable[[str, int], None] | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    with source.engine.connect() as src, target.engine.connect() as dst:
        read_snapshot(src)
        if dst.dialect.name == "sqlite":
            dst.exec_driver_sql("BEGIN")  # the schema and the rows commit together, or nothing does
        try:
            _migrate(dst)
            for table in tables_in_order():
                counts[table.name] = _copy_table(src, dst, table, progress)
            if dst.dialect.name == "postgresql":
                sync_sequences(dst)
            for table in tables_in_order():
                expected = src.scalar(select(func.count()).select_from(table))
                got = dst.scalar(select(func.count()).select_from(table))
                if not expected == got == counts[table.name]:
                    raise CopyError(f"{table.name}: {expected} rows in the source but {got} in the copy; nothing "
                                    "was kept.")
            dst.commit()
        except BaseException:
            dst.rollback()
            raise
        finally:
            src.rollback()
    return counts


def copy_database(source: Database, to: str, progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy everything in ``source`` into the empty database at ``to`` (URL or file path)."""
    started = time.perf_counter()
    url = make_url(target_url(to))
    _check_source(source)
    if url.get_backend_name() == "sqlite":
        return _copy_to_file(source, Path(url.database or ""), progress, started)
    if url.render_as_string(hide_password=False) == source.url.render_as_string(hide_password=False):
        raise CopyError("The target is the database being copied.")
    target = Database(url)
    try:
        _check_target_empty(target)
        counts = _copy_all(source, target, progress)
        return CopyReport(target.display_name(), counts, time.perf_counter() - started)
    except CoachDeskError:
        raise
    except Exception as exc:  # a server refusing (rights, connection lost): say so, the transaction rolled back
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            raise CopyError(f"Copying to {target.display_name()} failed and nothing was kept there: "
                            f"{str(getattr(exc, 'orig', exc) or exc).splitlines()[0][:200]}") from None
        raise
    finally:
        target.dispose()


def _copy_to_file(source: Database, path: Path, progress: Callable[[str, int], None] | None, started: float,
                  ) -> CopyReport:
    path = path.expanduser().resolve()
    if source.sqlite_path is not None and source.sqlite_path.resolve() == path:
        raise CopyError("The target is the database being copied.")
    if path.exists() and path.stat().st_size > 0:
        raise CopyError(f"{path} already exists and is not empty; copy into a new file only. Nothing was changed.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    target = Database(sqlite_url(partial))
    try:
        counts = _copy_all(source, target, progress)
        with target.engine.connect() as conn:  # one self-contained file: fold the WAL in before it is moved
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
        target.dispose()
        if path.exists() and path.stat().st_size > 0:
            raise CopyError(f"{path} appeared while copying; the copy was abandoned and the file left as it is.")
        os.replace(partial, path)
    except BaseException:
        target.dispose()
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return CopyReport(str(path), counts, time.perf_counter() - started)
