"""The machine's faults said in one sentence: a read-only file or folder, a full disk, an I/O error, a lock time-out,
a missing WAL, a team server that cannot be reached or refuses the sign-in; each names the file or server and says
what to do. The original error stays on the exception chain for the log."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from coachdesk.storage.errors import StorageError

BUSY_SECONDS = 10
#: below this much free space an SQLite "disk I/O error" on a write is reported as a full disk
NEARLY_FULL_BYTES = 1_000_000


class StorageFault(StorageError):
    """A fault of the machine (disk, folder, server), not of the data; ``kind`` names which, for tests and the log."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and everything it wraps (SQLAlchemy's ``orig``, ``__cause__``, ``__context__``), outermost first."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or any(item is s for s in seen) or len(seen) > 20:
            continue
        seen.append(item)
        todo += [getattr(item, "orig", None), item.__cause__, item.__context__]
    return seen


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _writable(path: Path) -> bool:
    """Whether writes to ``path`` can succeed: permissions (ignored by root) and the immutable or read-only mount
    that root meets; ``os.access`` answers for both on Linux (an immutable file or ro mount gives EROFS/EPERM)."""
    return os.access(path, os.W_OK)


def _sqlite_file_fault(path: Path, name: str, message: str, code: str) -> StorageFault | None:
    folder = path.parent
    if code.startswith("SQLITE_FULL") or "disk is full" in message:
        return full_disk(path)
    if code == "SQLITE_READONLY_DBMOVED":
        return StorageFault(f"{path} was replaced (restored or moved) by another CoachDesk while this one had it "
                            "open, so nothing was saved. Close and reopen CoachDesk, then check your last change.",
                            "replaced")
    if code.startswith("SQLITE_READONLY") or "readonly database" in message or code.startswith("SQLITE_CANTOPEN") \
            or "unable to open database file" in message:
        if folder.exists() and not _writable(folder):
            return read_only_folder(path)
        if path.exists() and not _writable(path):
            return read_only_file(path)
        if path.exists() and not Path(f"{path}-wal").exists() and code == "SQLITE_READONLY_RECOVERY":
            return missing_wal(path)
        if not folder.exists():
            return StorageFault(f"The folder {folder} does not exist (or is not reachable: a disconnected drive or "
                                f"share?), so {path.name} cannot be opened. Reconnect it or choose another database.",
                                "missing-folder")
        if code.startswith("SQLITE_CANTOPEN") or "unable to open" in message:
            return StorageFault(f"{path} cannot be opened ({message}). Check that the file and its folder exist and "
                                "that you may write to them, then try again.", "cantopen")
        return read_only_file(path)
    if code.startswith("SQLITE_BUSY") or "database is locked" in message:
        return StorageFault(f"{path} stayed busy for {BUSY_SECONDS} s (another CoachDesk window or process kept "
                            "writing); nothing was saved. Try again when it has finished.", "busy")
    if code.startswith("SQLITE_IOERR") or "disk I/O error" in message:
        free = _free_bytes(folder)
        if free is not None and free < NEARLY_FULL_BYTES:
            return full_disk(path)
        wal = Path(f"{path}-wal")
        if Path(f"{path}-shm").exists() and (not wal.exists() or (code == "SQLITE_IOERR_SHORT_READ"
                                                                   and wal.stat().st_size == 0)):
            return missing_wal(path)  # the wal-index still points at frames of a -wal file that is gone
        return StorageFault(f"{path} could not be read or written (a disk I/O error: the disk, USB stick or network "
                            "share may be failing or disconnected); nothing was saved. Check the disk, run "
                            f"`coachdesk db check`, and try again.", "io")
    if code in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or "malformed" in message or "not a database" in message:
        return StorageFault(f"{path} is damaged ({message}). Run `coachdesk db check` to see the newest good backup, "
                            "and restore it with `coachdesk db restore`.", "damaged")
    return None


def full_disk(path: Path) -> StorageFault:
    free = _free_bytes(path.parent if path.suffix else path)
    left = f" ({free / 1e6:.1f} MB free)" if free is not None else ""
    return StorageFault(f"The disk holding {path} is full{left}, so nothing was saved. Free some space on it and try "
                        "again.", "full")


def read_only_file(path: Path) -> StorageFault:
    return StorageFault(f"{path} is read-only, so nothing was saved. Make the file writable (or copy it to a folder "
                        "you can write to and open the copy), then try again.", "read-only-file")


def read_only_folder(path: Path) -> StorageFault:
    return StorageFault(f"The folder {path.parent} is read-only, and CoachDesk must write beside {path.name} (its "
                        "-wal and -shm files) even to read it. Make the folder writable, or copy the database to a "
                        "folder you can write to and open the copy; nothing was changed.", "read-only-folder")


def missing_wal(path: Path) -> StorageFault:
    return StorageFault(f"The write-ahead log {path}-wal was removed while CoachDesk had {path.name} open, so recent "
                        "changes may be missing. Close every CoachDesk window, then run `coachdesk db check`; restore "
                        "the newest good backup if it reports damage.", "missing-wal")


def _server_fault(database: Any, message: str, sqlstate: str | None) -> StorageFault | None:
    from sqlalchemy.engine import make_url

    try:
        url = make_url(database)
        server = f"{url.host or 'localhost'}:{url.port or 5432}"
        user, name = url.username or "(your user)", url.database or ""
    except Exception:  # noqa: BLE001 - a label only
        server, user, name = str(database), "(your user)", ""
    low = message.lower()
    if sqlstate in ("28P01", "28000") or "password authentication failed" in low or "authentication failed" in low \
            or "no password supplied" in low:
        return StorageFault(f"The team server {server} refused the sign-in for {user}: wrong user name or password. "
                            "Check them (or ask the server's administrator to reset the password) and try again.",
                            "auth")
    if sqlstate == "3D000" or ("database" in low and "does not exist" in low):
        return StorageFault(f"The team server {server} has no database {name!r}. Check the name in the server "
                            "address (--db-url or COACHDESK_DB_URL), or ask its administrator.", "no-database")
    if sqlstate in (None, "08001", "08006", "57P01", "57P02", "57P03") and any(
            s in low for s in ("connection refused", "could not connect", "connection to server", "timeout expired",
                               "could not translate host name", "name or service not known", "no route to host",
                               "server closed the connection", "terminating connection", "network is unreachable",
                               "the database system is starting up", "the database system is shutting down",
                               "consuming input failed", "connection is closed", "connection failed")):
        return StorageFault(f"The team server {server} cannot be reached (it is down, or the network or VPN is not "
                            "connected); nothing was saved. Check that the server is running and reachable from this "
                            "computer, then try again.", "unreachable")
    return None


def describe(exc: BaseException, database: Any = None) -> StorageFault | None:
    """The sentence for ``exc`` when it is one of the machine's faults, else None.

    ``database``: the SQLite file's path, or the server's URL (for its name); ``None`` when unknown.
    """
    if isinstance(exc, StorageFault):
        return exc
    chain = _chain(exc)
    path = Path(database) if isinstance(database, str | os.PathLike) and "://" not in str(database) else None
    for item in chain:
        if isinstance(item, sqlite3.Error):
            target = path or _path_of(database)
            if target is None:
                continue
            return _sqlite_file_fault(target, target.name, str(item), getattr(item, "sqlite_errorname", "") or "")
        if type(item).__module__.startswith("psycopg"):
            return _server_fault(database, str(item), getattr(item, "sqlstate", None))
        if isinstance(item, OSError) and item.errno is not None:
            where = Path(item.filename) if item.filename else (path or _path_of(database) or Path("."))
            if item.errno == errno.ENOSPC:
                return full_disk(where)
            if item.errno == errno.EROFS or (item.errno in (errno.EACCES, errno.EPERM) and item.filename):
                return read_only_folder(where) if where.parent.exists() and not _writable(where.parent) \
                    and not where.exists() else read_only_file(where)
            if item.errno == errno.EIO:
                return StorageFault(f"{where} could not be read or written (a disk I/O error: the disk may be failing "
                                    "or disconnected). Check the disk and try again.", "io")
    return None


def _path_of(database: Any) -> Path | None:
    if database is None:
        return None
    try:
        from sqlalchemy.engine import make_url

        url = make_url(database)
    except Exception:  # noqa: BLE001
        return None
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database)
    return None


def raise_if_fault(exc: BaseException, database: Any) -> None:
    """Re-raise ``exc`` as its ``StorageFault`` sentence when it is one of the machine's faults."""
    fault = describe(exc, database)
    if fault is not None and fault is not exc:
        raise fault from exc


def check_sqlite_file_fault(exc: sqlite3.Error, path: Path) -> StorageFault | None:
    """For read-only look-ups (inspect, check): a fault of the machine rather than damage to the file."""
    fault = _sqlite_file_fault(path, path.name, str(exc), getattr(exc, "sqlite_errorname", "") or "")
    return None if fault is None or fault.kind == "damaged" else fault
