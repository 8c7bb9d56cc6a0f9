"""Backups of a SQLite database with SQLite's online backup API, their rotation, and restore."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coachdesk.storage.errors import BackupError, NotACoachDeskDatabase

BACKUP_SUFFIX = ".sqlite3"
_NAME_RE = re.compile(r"^coachdesk-(\d{8}T\d{6}(?:\d{6})?Z)-([a-z0-9_-]+?)(?:-rev([0-9a-f]+))?\.sqlite3$")

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_PRE_MIGRATION = 5
KEEP_BEFORE_RESTORE = 5
#: reasons of the backups the app takes by itself on a schedule; only these rotate grandfather-father-son
ROTATED_REASONS = {"auto", "startup"}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    revision: str | None

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = _NAME_RE.match(path.name)
    if not match:
        return None
    stamp = match.group(1)
    fmt = "%Y%m%dT%H%M%S%fZ" if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
    taken = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
    return BackupInfo(path=path, taken_at=taken, reason=match.group(2), revision=match.group(3))


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if p.is_file() and (info := parse_backup_name(p))]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database, WAL content included, into ``target`` atomically (temp file, then rename)."""
    if not source.exists():
        raise BackupError(f"Cannot back up {source}: the file does not exist.")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"Could not back up {source} to {target}: {exc}.") from exc


def backup_database(source: Path, folder: Path, reason: str, revision: str | None = None,
                    now: datetime | None = None) -> Path:
    """Take a named backup (``coachdesk-<UTC time>-<reason>[-rev<revision>].sqlite3``) and rotate the folder."""
    now = now or datetime.now(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    reason = re.sub(r"[^a-z0-9_-]+", "-", reason.lower()).strip("-") or "manual"
    rev = f"-rev{revision}" if revision else ""
    target = folder / f"coachdesk-{stamp}-{reason}{rev}{BACKUP_SUFFIX}"
    copy_database(source, target)
    rotate_backups(folder, now=now)
    return target


def backups_to_keep(backups: list[BackupInfo], now: datetime) -> set[Path]:
    """Scheduled backups rotate grandfather-father-son: newest per day (7), ISO week (4) and month (12).

    The last five pre-migration and before-restore backups are kept; backups a user asked for are never deleted.
    """
    keep: set[Path] = {b.path for b in backups if b.reason not in ROTATED_REASONS | {"pre-migration",
                                                                                      "before-restore"}}
    keep.update([b.path for b in backups if b.reason == "pre-migration"][:KEEP_PRE_MIGRATION])
    keep.update([b.path for b in backups if b.reason == "before-restore"][:KEEP_BEFORE_RESTORE])
    scheduled = [b for b in backups if b.reason in ROTATED_REASONS]
    days: dict[object, Path] = {}
    weeks: dict[object, Path] = {}
    months: dict[object, Path] = {}
    for b in scheduled:  # newest first, so the first seen in each bucket is the newest of it
        days.setdefault(b.taken_at.date(), b.path)
        weeks.setdefault(b.taken_at.isocalendar()[:2], b.path)
        months.setdefault((b.taken_at.year, b.taken_at.month), b.path)
    keep.update(list(days.values())[:KEEP_DAILY])
    keep.update(list(weeks.values())[:KEEP_WEEKLY])
    keep.update(list(months.values())[:KEEP_MONTHLY])
    if scheduled:
        keep.add(scheduled[0].path)
    return keep


def rotate_backups(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete backups the rotation no longer keeps; return what was deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now or datetime.now(UTC))
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def verify_backup_file(path: Path) -> None:
    """Refuse a file that is not an intact CoachDesk database (never raises anything but ``StorageError``)."""
    from coachdesk.storage.inspect import inspect_sqlite_file

    state = inspect_sqlite_file(path)
    if state.is_empty:
        raise NotACoachDeskDatabase(f"{path} is empty: it is not a CoachDesk database.")


def set_aside_damaged(db_file: Path, folder: Path) -> Path:
    """Move a database SQLite cannot read (and its -wal/-shm) into ``folder`` as ``damaged-<time>-<name>``.

    The name is never offered as a backup to restore; the bytes are kept for whoever wants to rescue them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"damaged-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{db_file.name}"
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_file}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{target}{suffix}"))
    return target


def keep_damaged_copy(db_file: Path, folder: Path) -> Path:
    """Copy the bytes of a damaged database (and its -wal/-shm) into ``folder`` as ``damaged-<time>-<name>``.

    A raw copy on purpose: SQLite may not be able to read it, and whoever rescues it wants it as it was. The name
    is never offered as a backup and never rotated away.
    """
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"damaged-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{db_file.name}"
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_file}{suffix}")
        if part.exists():
            shutil.copyfile(part, Path(f"{target}{suffix}"))
    return target


def restore_database(backup_file: Path, db_file: Path, folder: Path) -> Path | None:
    """Replace ``db_file`` with ``backup_file`` after checking it and backing up the current file first.

    Returns the safety backup taken of the current database (None when there was none).
    """
    verify_backup_file(backup_file)
    safety = None
    if db_file.exists() and db_file.stat().st_size > 0:
        try:
            safety = backup_database(db_file, folder, "before-restore")
        except BackupError:  # too damaged for SQLite to read: keep its bytes aside instead
            safety = set_aside_damaged(db_file, folder)
    if not db_file.exists():  # nothing to write through: a new file, complete or absent (temp file, then rename)
        copy_database(backup_file, db_file)
        return safety
    try:
        src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(db_file)
            try:
                src.backup(dst)  # writes through SQLite, so the -wal file of the target stays consistent
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Could not restore {backup_file} into {db_file}: {exc}.") from exc
    return safety
