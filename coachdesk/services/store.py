"""Open the app's database: resolve where it is, check it, back it up, migrate it and seed its defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from coachdesk.paths import DB_ENV, DB_URL_ENV, AppPaths, backups_dir_for
from coachdesk.storage.backup import backup_database, list_backups, restore_database
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.migrate import MigrationReport, check_database, head_revision, upgrade_database
from coachdesk.storage.models import Person


@dataclass(frozen=True)
class Location:
    """Where the database is: an SQLAlchemy URL, and the file path when it is SQLite."""

    url: str
    path: Path | None


def resolve_location(paths: AppPaths, db: str | None = None, db_url: str | None = None) -> Location:
    """``--db-url`` / ``COACHDESK_DB_URL`` first, then ``--db`` / ``COACHDESK_DB``, then the user's data folder."""
    url = db_url or (None if db else os.environ.get(DB_URL_ENV))
    if url:
        database = Database(url)
        return Location(url=url, path=database.sqlite_path)
    path = Path(db or os.environ.get(DB_ENV) or paths.default_db).expanduser().resolve()
    return Location(url=sqlite_url(path).render_as_string(hide_password=False), path=path)


@dataclass
class OpenedStore:
    db: Database
    migration: MigrationReport
    seeded: bool


def open_store(location: Location, migrate: bool = True, seed: bool = True) -> OpenedStore:
    """Open, check and migrate the database; seed the default catalogue on a new one.

    Raises a ``CoachDeskError`` (never a raw driver error) for a foreign, damaged or newer database.
    """
    db = Database(location.url)
    if migrate:
        report = upgrade_database(db)
    else:
        revision = check_database(db)
        report = MigrationReport(revision, revision or "", None)
    seeded = False
    if seed:
        from coachdesk.services.catalogue import ensure_defaults

        seeded = ensure_defaults(db)
    return OpenedStore(db=db, migration=report, seeded=seeded)


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
    return backup_database(path, backups_dir_for(path), reason, revision=head_revision())


def restore_from(db_path: Path, backup_file: Path) -> Path | None:
    return restore_database(backup_file, db_path, backups_dir_for(db_path))


def backups_of(db_path: Path):  # noqa: ANN201
    return list_backups(backups_dir_for(db_path))
