"""Database upkeep behind ``coachdesk db``: upgrade, full integrity check, backup, restore, list backups."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from coachdesk.domain import date_words
from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import backups_dir_for
from coachdesk.services.common import Location
from coachdesk.storage.backup import BackupInfo, list_backups
from coachdesk.storage.database import Database
from coachdesk.storage.errors import BackupError, DamagedDatabase, NotACoachDeskDatabase
from coachdesk.storage.inspect import inspect_sqlite_file, integrity_problems
from coachdesk.storage.migrate import MigrationReport, check_database, head_revision, upgrade_database
from coachdesk.storage.models import (
    BehaviourRating,
    Feedback,
    KpiFigure,
    ObservationSession,
    OneToOne,
    Person,
    Recognition,
    Team,
)

COUNTED = {
    "people": Person, "teams": Team, "KPI figures": KpiFigure, "observations": ObservationSession,
    "ratings": BehaviourRating, "feedback": Feedback, "one-to-ones": OneToOne, "recognitions": Recognition,
}


@dataclass
class CheckResult:
    where: str
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: what to do when there are problems: the newest backup that passes its own check, or that there is none
    advice: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        state = "up to date" if self.revision == self.head else f"needs upgrade to {self.head}"
        revision = f"{self.revision or 'none (empty)'} ({state})"
        if self.revision is None and self.problems:
            revision = "unknown (the file cannot be read as a CoachDesk database)"
        out = [f"Database: {self.where}", f"Schema revision: {revision}"]
        out.append("Integrity: ok" if self.ok else "Integrity: PROBLEMS FOUND")
        out += [f"  - {p}" for p in self.problems[:20]]
        if self.advice:
            out.append(self.advice)
        if self.counts:
            out.append("Records: " + ", ".join(f"{v:,} {k}" for k, v in self.counts.items()))
        return out


def upgrade(location: Location) -> MigrationReport:
    db = Database(location.url)
    try:
        return upgrade_database(db)
    finally:
        db.dispose()


def check(location: Location) -> CheckResult:
    """Full ``integrity_check`` and foreign-key check, read-only; never changes the database."""
    db = Database(location.url)
    try:
        if location.path is not None:
            if not location.path.exists():
                raise CoachDeskError(f"{location.path} does not exist.")
            try:
                state = inspect_sqlite_file(location.path, quick_check=False)
            except (DamagedDatabase, NotACoachDeskDatabase) as exc:  # 0 bytes, or not SQLite: damage, with a cure
                result = CheckResult(str(location.path), None, head_revision(), [str(exc)])
                result.advice = _restore_advice(location)
                return result
            revision = check_database(db, quick_check=False)
            result = CheckResult(str(location.path), revision, head_revision())
            result.problems += integrity_problems(location.path)
            if result.problems:
                result.advice = _restore_advice(location)
            if state.is_empty:
                return result
        else:
            revision = check_database(db)
            result = CheckResult(db.display_name(), revision, head_revision())
        if revision == result.head:
            with db.session() as session:
                result.counts = {k: session.scalar(select(func.count()).select_from(m)) or 0
                                 for k, m in COUNTED.items()}
        return result
    finally:
        db.dispose()


def _restore_advice(location: Location) -> str:
    """The newest backup that passes its own check, and the command that restores it."""
    from coachdesk.services.maintenance.backups import newest_good_backup

    good = newest_good_backup(location)
    if good is None:
        return ("No intact backup was found in the backups folder. Keep a copy of the file as it is and ask for "
                "help; nothing was changed.")
    return (f"Newest good backup: {good.path} (taken {date_words.when_words(good.taken_at)}, "
            f"{good.reason_text}). Restore it with: coachdesk --db \"{location.path}\" db restore \"{good.path}\" "
            "(the current file is kept in the backups folder first).")


def _sqlite_path(location: Location) -> Path:
    if location.path is None:
        raise BackupError("Backup and restore from CoachDesk are for SQLite files; back up a database server "
                          "with its own tools (pg_dump).")
    return location.path


def backup(location: Location, target: Path | None = None) -> Path:
    from coachdesk.storage.backup import backup_database, copy_database

    path = _sqlite_path(location)
    state = inspect_sqlite_file(path, quick_check=False)
    if not state.exists:
        raise BackupError(f"{path} does not exist: there is nothing to back up.")
    if target is not None:
        target = target.expanduser().resolve()
        if target == path:
            raise BackupError("The backup file cannot be the database itself.")
        copy_database(path, target)
        return target
    return backup_database(path, backups_dir_for(path), "manual", revision=state.revision)


def restore_file(location: Location, backup_file: Path) -> Path | None:
    from coachdesk.storage.backup import restore_database

    path = _sqlite_path(location)
    backup_file = backup_file.expanduser().resolve()
    if not backup_file.is_file():
        raise BackupError(f"{backup_file} does not exist.")
    state = inspect_sqlite_file(backup_file)
    if state.is_empty:
        raise BackupError(f"{backup_file} is not a CoachDesk backup (it holds no CoachDesk data).")
    probe = Database(f"sqlite:///{backup_file}")
    try:
        check_database(probe)  # refuses a backup from a newer CoachDesk
    finally:
        probe.dispose()  # no connection may stay open on the backup
    return restore_database(backup_file, path, backups_dir_for(path))


def backup_infos(location: Location) -> list[BackupInfo]:
    return list_backups(backups_dir_for(_sqlite_path(location)))
