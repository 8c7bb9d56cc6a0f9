"""Open the app's database: resolve where it is, check it, back it up, migrate it and seed its defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from coachdesk.paths import backups_dir_for
from coachdesk.services.common.location import Location, resolve_location, sqlite_location
from coachdesk.storage.backup import backup_database, list_backups, restore_database
from coachdesk.storage.database import Database
from coachdesk.storage.models import Person

if TYPE_CHECKING:  # Alembic loads only when a database is opened through the full path
    from coachdesk.storage.migrate import MigrationReport

__all__ = ["Location", "OpenedStore", "backup_now", "backups_of", "is_empty", "open_store", "resolve_location",
           "restore_from", "sqlite_location"]


@dataclass
class OpenedStore:
    db: Database
    migration: MigrationReport
    seeded: bool


def open_store(location: Location, migrate: bool = True, seed: bool = True) -> OpenedStore:
    """Open, check and migrate the database; seed the default catalogue on a new one.

    Raises a ``CoachDeskError`` (never a raw driver error) for a foreign, damaged or newer database.
    """
    from coachdesk.storage.migrate import MigrationReport, check_database, upgrade_database

    created = location.path is not None and not location.path.exists()
    db = Database(location.url)
    try:
        if migrate:
            report = upgrade_database(db)
        else:
            revision = check_database(db)
            report = MigrationReport(revision, revision or "", None)
        seeded = False
        if seed:
            from coachdesk.services.common.catalogue import ensure_defaults

            seeded = ensure_defaults(db)
    except Exception as exc:
        if created and _unfinished_by_the_disk(exc, location.path):
            # a file this call began and the disk could not take: gone, so the next try starts anew (left, it was
            # refused ever after as "not a CoachDesk database"). Not on a lock: another program may be creating it
            db.dispose()
            _remove_unfinished(location.path)
        raise
    return OpenedStore(db=db, migration=report, seeded=seeded)


def _unfinished_by_the_disk(exc: BaseException, path: Path) -> bool:
    from coachdesk.storage.faults import describe

    fault = describe(exc, path)
    return fault is not None and fault.kind in ("full", "io")


def _remove_unfinished(path: Path) -> None:
    """Remove a new SQLite file and its companions (nothing of the user's is in them: the file did not exist)."""
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def is_empty(db: Database) -> bool:
    """True when the database holds no people yet (the GUI then offers demo data)."""
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Person)) == 0


def backup_now(db: Database, target: Path | None = None, reason: str = "manual") -> Path:
    from coachdesk.storage.backup import copy_database
    from coachdesk.storage.errors import BackupError

    path = db.sqlite_path
    if path is None:
        raise BackupError("Backups from the app are for SQLite files; back up a server with its own tools.")
    if target is not None:
        copy_database(path, target)
        return target
    from coachdesk.storage.schema import SCHEMA_HEAD

    return backup_database(path, backups_dir_for(path), reason, revision=SCHEMA_HEAD)


def restore_from(db_path: Path, backup_file: Path) -> Path | None:
    return restore_database(backup_file, db_path, backups_dir_for(db_path))


def backups_of(db_path: Path):  # noqa: ANN201
    return list_backups(backups_dir_for(db_path))
