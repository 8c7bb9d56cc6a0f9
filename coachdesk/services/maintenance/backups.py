"""Backups as the app sees them: the daily start-up backup, the list, back up now, restore, and the newest good one.

Every function takes a ``Location`` and plain values and does file work: the GUI runs them through ``ui/tasks``.
Backups are SQLite files taken with SQLite's backup API (``storage.backup``); a server is backed up with its own
tools, so these refuse a server location with a plain sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import backups_dir_for
from coachdesk.services.common import Location
from coachdesk.storage.backup import BackupInfo, backup_database, list_backups
from coachdesk.storage.errors import BackupError

#: a start-up backup is taken when the newest backup is older than this
AUTO_BACKUP_AGE = timedelta(days=1)

REASON_TEXT = {
    "auto": "daily, at start-up", "startup": "daily, at start-up", "manual": "asked for",
    "pre-migration": "before an upgrade", "before-restore": "before a restore",
}


@dataclass(frozen=True)
class BackupRow:
    path: Path
    taken_at: datetime
    reason: str
    reason_text: str
    size: int
    revision: str | None


@dataclass(frozen=True)
class StartupCheck:
    """What the background check after start-up found: damage (``problems``) and the backup it took, if any."""

    problems: tuple[str, ...]
    backup: Path | None


def _path(location: Location) -> Path:
    if location.path is None:
        raise BackupError("Backup and restore in CoachDesk are for database files; back up a database server with "
                          "its own tools (pg_dump).")
    return location.path


def backups_folder(location: Location) -> Path:
    return backups_dir_for(_path(location))


def _row(info: BackupInfo) -> BackupRow:
    try:
        size = info.size
    except OSError:
        size = 0
    return BackupRow(info.path, info.taken_at, info.reason, REASON_TEXT.get(info.reason, info.reason), size,
                     info.revision)


def list_rows(location: Location) -> list[BackupRow]:
    """The backups of this database, newest first."""
    if location.path is None:
        return []
    return [_row(b) for b in list_backups(backups_folder(location))]


def back_up_now(location: Location) -> BackupRow:
    """A backup the user asked for (never rotated away)."""
    from coachdesk.services.maintenance.maintenance import backup

    target = backup(location)
    return next(r for r in list_rows(location) if r.path == target)


def backup_due(location: Location, now: datetime | None = None) -> bool:
    """True when the database exists and its newest backup (of any kind) is more than a day old, or missing."""
    if location.path is None or not location.path.exists() or location.path.stat().st_size == 0:
        return False
    backups = list_backups(backups_folder(location))
    return not backups or (now or datetime.now(UTC)) - backups[0].taken_at > AUTO_BACKUP_AGE


def auto_backup_if_due(location: Location, now: datetime | None = None) -> Path | None:
    """The daily start-up backup (reason ``auto``, rotated 7 daily / 4 weekly / 12 monthly); None when not due."""
    if not backup_due(location, now):
        return None
    from coachdesk.storage.inspect import inspect_sqlite_file

    assert location.path is not None
    state = inspect_sqlite_file(location.path, quick_check=False)
    if state.is_empty:
        return None
    return backup_database(location.path, backups_folder(location), "auto", revision=state.revision, now=now)


def after_start(location: Location, quick_check: bool = True) -> StartupCheck:
    """Run once the window is up, off the GUI thread: ``quick_check`` (when the start-up skipped it), then the
    daily backup, but only of an intact file (a damaged one must not push good backups out of the rotation)."""
    if location.path is None or not location.path.exists():
        return StartupCheck((), None)
    if quick_check:
        from coachdesk.storage.inspect import quick_check_problems

        problems = quick_check_problems(location.path)
        if problems:
            return StartupCheck(tuple(problems), None)
    try:
        return StartupCheck((), auto_backup_if_due(location))
    except CoachDeskError:  # a full disk must not stop the app; the next start tries again
        import logging

        logging.getLogger(__name__).exception("the start-up backup failed")
        return StartupCheck((), None)


def backup_problems(path: Path) -> list[str]:
    """Why ``path`` cannot be restored (not CoachDesk's, damaged, from a newer CoachDesk); empty when it can."""
    from coachdesk.storage.inspect import inspect_sqlite_file, quick_check_problems

    try:
        state = inspect_sqlite_file(path, quick_check=False)
    except CoachDeskError as exc:
        return [str(exc)]
    if state.is_empty:
        return [f"{path.name} holds no CoachDesk data."]
    problems = quick_check_problems(path)
    if problems:
        return [f"{path.name} is damaged: {'; '.join(problems[:3])}."]
    return []  # a file from a newer CoachDesk is refused by ``maintenance.restore_file`` (it needs Alembic to tell)


def newest_good_backup(location: Location) -> BackupRow | None:
    """The newest backup that is itself intact and restorable (damaged or foreign ones are skipped)."""
    for row in list_rows(location):
        if not backup_problems(row.path):
            return row
    return None


def restore(location: Location, backup_file: Path) -> Path | None:
    """Restore ``backup_file`` over the database; the current file is backed up first. A file that is not a
    CoachDesk database (or is damaged, or newer) is refused with the reason, and nothing changes.

    The caller must have closed its connections (``Database.dispose``); returns the safety backup's path."""
    from coachdesk.services.maintenance.maintenance import restore_file

    backup_file = Path(backup_file).expanduser().resolve()
    if not backup_file.is_file():
        raise BackupError(f"{backup_file} does not exist.")
    problems = backup_problems(backup_file)
    if problems:
        raise BackupError(f"{problems[0]} It cannot be restored; nothing was changed.")
    safety = restore_file(location, backup_file)
    _bring_up_to_date(location)
    return safety


def _bring_up_to_date(location: Location) -> None:
    """A backup from before an upgrade is upgraded now (with its own pre-migration backup), so the running app
    never meets an older schema; it also proves the restored file opens."""
    from coachdesk.services.common import open_store

    open_store(location).db.dispose()


def recover_damaged(location: Location, backup_file: Path) -> tuple[Path, Path | None]:
    """A damaged database: keep a raw copy of its bytes aside (never deleted), then restore ``backup_file``.

    Returns (where the damaged bytes are kept, the safety backup when SQLite could still copy the file)."""
    from coachdesk.storage.backup import keep_damaged_copy, restore_database, set_aside_damaged

    path = _path(location)
    problems = backup_problems(Path(backup_file))
    if problems:
        raise BackupError(f"{problems[0]} It cannot be restored; nothing was changed.")
    kept = keep_damaged_copy(path, backups_folder(location))
    try:
        safety = restore_database(Path(backup_file), path, backups_folder(location))
    except BackupError:  # SQLite cannot even write over it: move it aside and restore into a new file
        set_aside_damaged(path, backups_folder(location))
        safety = restore_database(Path(backup_file), path, backups_folder(location))
    _bring_up_to_date(location)
    return kept, safety
