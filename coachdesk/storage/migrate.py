"""Bring a database to the app's schema: check it, back it up, run Alembic, refuse newer or foreign databases."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect as sa_inspect

from coachdesk.paths import backups_dir_for, migrations_dir
from coachdesk.storage.backup import backup_database
from coachdesk.storage.database import Database
from coachdesk.storage.errors import NewerDatabase, NotACoachDeskDatabase
from coachdesk.storage.inspect import inspect_sqlite_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MigrationReport:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _check_known(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise NewerDatabase(
            f"{where} was written by a newer version of CoachDesk (schema revision {revision}). "
            "Install the newer CoachDesk to open it; the file was left untouched."
        )


def check_database(db: Database, quick_check: bool = True) -> str | None:
    """Raise a ``StorageError`` for a foreign, damaged or newer database; return its revision (None when new)."""
    path = db.sqlite_path
    if path is not None:
        state = inspect_sqlite_file(path, quick_check=quick_check)
        _check_known(state.revision, str(path))
        return state.revision
    revision = current_revision(db)
    if revision is None:
        tables = set(sa_inspect(db.engine).get_table_names())
        if tables:
            raise NotACoachDeskDatabase(
                f"{db.display_name()} holds tables but no CoachDesk schema revision; it was left untouched."
            )
    _check_known(revision, db.display_name())
    return revision


def upgrade_database(db: Database, backup: bool = True, quick_check: bool = True) -> MigrationReport:
    """Check the database, back up an existing SQLite file that needs migrating, then upgrade it to head."""
    before = check_database(db, quick_check=quick_check)
    head = head_revision()
    if before == head:
        return MigrationReport(before, head, None)
    backup_path = None
    path = db.sqlite_path
    if backup and path is not None and before is not None:
        backup_path = backup_database(path, backups_dir_for(path), "pre-migration", revision=before)
        log.info("backed up %s to %s before migrating", path, backup_path)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("migrated %s from %s to %s", db.display_name(), before, head)
    return MigrationReport(before, head, backup_path)
