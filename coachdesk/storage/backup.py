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
                dst.execute("PRAGMA secure_delete = ON")
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
    """Replace the contents of ``db_file`` with ``backup_file`` after checking it and backing up the current file.

    The write lock on ``db_file`` is held from the safety backup to the swap, so every write another process
    commits is either in the safety backup (before) or lands on the restored database (after, when that process's
    own checks let it); a writer that waits longer than its busy time-out gets the "stayed busy" sentence. The swap
    is one transaction: a crash leaves the old database or the restored one, whole. Returns the safety backup
    (None when there was no database; a ``damaged-`` copy of the bytes when SQLite could not read it).
    """
    verify_backup_file(backup_file)
    if not db_file.exists() or db_file.stat().st_size == 0:  # nothing to keep: a new file, complete or absent
        copy_database(backup_file, db_file)
        return None
    try:
        return _restore_locked(backup_file, db_file, folder)
    except _Unreadable:  # too damaged for SQLite to read: keep its bytes aside, then a new, complete file
        safety = set_aside_damaged(db_file, folder)
        copy_database(backup_file, db_file)
        return safety


class _Unreadable(Exception):
    """The current database cannot be read by SQLite (damage, not a fault of the machine)."""


def _restore_locked(backup_file: Path, db_file: Path, folder: Path) -> Path:
    from coachdesk.storage.database import BUSY_TIMEOUT_MS
    from coachdesk.storage.faults import check_sqlite_file_fault

    con = sqlite3.connect(db_file, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    safety: Path | None = None
    try:
        try:
            con.execute("PRAGMA foreign_keys = OFF")
            con.execute("PRAGMA secure_delete = ON")
            con.execute("ATTACH DATABASE ? AS restored", (str(backup_file),))
            con.execute("BEGIN IMMEDIATE")  # the write lock, until COMMIT: no other writer commits in between
        except sqlite3.Error as exc:
            fault = check_sqlite_file_fault(exc, db_file)
            if fault is not None:
                raise fault from exc
            raise _Unreadable() from exc
        try:  # readers are not blocked in WAL mode: a second connection copies what is committed, all of it
            safety = backup_database(db_file, folder, "before-restore")
        except BackupError as exc:
            cause = exc.__cause__
            fault = check_sqlite_file_fault(cause, db_file) if isinstance(cause, sqlite3.Error) else None
            con.execute("ROLLBACK")
            if fault is not None:  # a full disk or read-only backups folder: say so, change nothing
                raise fault from exc
            raise _Unreadable() from exc
        try:
            _replace_contents(con)
            con.execute("COMMIT")
        except sqlite3.Error as exc:
            if con.in_transaction:
                con.execute("ROLLBACK")
            fault = check_sqlite_file_fault(exc, db_file)
            if fault is not None:
                raise fault from exc
            damaged = True  # its pages cannot be dropped: write the backup's pages over them instead (below)
        else:
            damaged = False
    finally:
        con.close()
    if damaged:  # a damaged file: nobody's writes can be trusted anyway; SQLite's backup API overwrites every page
        _write_through(backup_file, db_file)
    return safety


def _write_through(backup_file: Path, db_file: Path) -> None:
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


def _replace_contents(con: sqlite3.Connection) -> None:
    """Inside the caller's write transaction: drop every object of ``main`` and rebuild it from ``restored``."""
    mine = con.execute("SELECT type, name FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                       "AND type IN ('view', 'trigger', 'table')").fetchall()
    for kind in ("view", "trigger", "table"):
        for row_kind, name in mine:
            if row_kind == kind:
                con.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')
    objects = con.execute("SELECT type, name, sql FROM restored.sqlite_master WHERE sql IS NOT NULL "
                          "AND name NOT LIKE 'sqlite_%'").fetchall()
    for kind, name, sql in objects:
        if kind == "table":
            con.execute(sql)
            con.execute(f'INSERT INTO main."{name}" SELECT * FROM restored."{name}"')
    has_sequence = con.execute("SELECT 1 FROM restored.sqlite_master WHERE name = 'sqlite_sequence'").fetchone()
    if has_sequence and con.execute("SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        con.execute("DELETE FROM main.sqlite_sequence")
        con.execute("INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence")
    for kind, _name, sql in objects:
        if kind in ("index", "view", "trigger"):
            con.execute(sql)
    version = con.execute("PRAGMA restored.user_version").fetchone()[0]
    con.execute(f"PRAGMA main.user_version = {int(version)}")
