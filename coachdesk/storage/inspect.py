"""Look at a database before opening it for writing: is it SQLite, intact, CoachDesk's, and at which revision."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from coachdesk.storage.errors import DamagedDatabase, NotACoachDeskDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
#: tables whose presence marks a CoachDesk database even before its revision is read
MARKER_TABLES = {"alembic_version", "person", "kpi_figure"}


@dataclass(frozen=True)
class FileState:
    path: Path
    exists: bool
    is_empty: bool  # a missing file or a SQLite file with no tables (a zero-byte file is damage, never "empty")
    revision: str | None


def _raise_machine_fault(exc: sqlite3.Error, path: Path) -> None:
    """A read-only folder, a full disk or an I/O error is the machine's fault, not damage: say that instead."""
    from coachdesk.storage.faults import check_sqlite_file_fault

    fault = check_sqlite_file_fault(exc, path)
    if fault is not None:
        raise fault from exc


def quick_check_problems(path: Path) -> list[str]:
    """``PRAGMA quick_check`` on a read-only connection (seconds on a large file: run it off the GUI thread)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in con.execute("PRAGMA quick_check").fetchall()]
        finally:
            con.close()
    except sqlite3.Error as exc:
        _raise_machine_fault(exc, path)
        return [f"could not be read: {exc}"]
    return [] if rows == ["ok"] else rows[:20]


def inspect_sqlite_file(path: Path, quick_check: bool = True) -> FileState:
    """Read-only look at ``path``; raises ``NotACoachDeskDatabase`` or ``DamagedDatabase`` with a plain message.

    A zero-byte file is damage (``DamagedDatabase``), never a new database: re-creating it silently would hide the
    loss while an intact backup sits beside it."""
    if not path.exists():
        return FileState(path, exists=False, is_empty=True, revision=None)
    if path.is_dir():
        raise NotACoachDeskDatabase(f"{path} is a folder, not a CoachDesk database file.")
    size = path.stat().st_size
    if size == 0:  # never a new database: SQLite writes its header with the first table, so this one was lost
        raise DamagedDatabase(f"{path} is empty (0 bytes): the database that was there was lost or cut short. It was "
                              "left as it is; restore the newest good backup (`coachdesk db check` names it), or "
                              "delete the file to start a new, empty database.")
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotACoachDeskDatabase(
            f"{path} is not a CoachDesk database (it is not an SQLite file). It was left untouched."
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if quick_check:
                rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
                if rows != ["ok"]:
                    detail = "; ".join(str(r) for r in rows[:3])
                    raise DamagedDatabase(f"{path} is damaged ({detail}). It was left untouched.")
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.Error as exc:
        _raise_machine_fault(exc, path)
        raise DamagedDatabase(f"{path} could not be read as a database ({exc}). It was left untouched.") from exc
    if not tables:
        return FileState(path, exists=True, is_empty=True, revision=None)
    if "alembic_version" not in tables or not (tables & (MARKER_TABLES - {"alembic_version"})):
        raise NotACoachDeskDatabase(
            f"{path} is an SQLite database, but not a CoachDesk one. It was left untouched."
        )
    return FileState(path, exists=True, is_empty=False, revision=revision)


def integrity_problems(path: Path, limit: int = 20) -> list[str]:
    """Full ``integrity_check`` and ``foreign_key_check`` on a read-only connection; an empty list means intact."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        _raise_machine_fault(exc, path)
        return [f"could not be read: {exc}"]
    try:
        problems = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
        if problems == ["ok"]:
            problems = []
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"row {r[1]} of {r[0]} points at a missing {r[2]}" for r in fk[:limit]]
        return problems[:limit]
    except sqlite3.Error as exc:
        _raise_machine_fault(exc, path)
        return [f"could not be read: {exc}"]
    finally:
        con.close()
