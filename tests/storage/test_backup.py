"""Backups with SQLite's backup API: WAL content included, rotation, restore with a safety backup first."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachdesk.storage.backup import (
    BackupInfo,
    backup_database,
    backups_to_keep,
    list_backups,
    restore_database,
)
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.errors import NotACoachDeskDatabase
from coachdesk.storage.migrate import upgrade_database
from coachdesk.storage.models import Person


def make_db(path: Path, names: list[str]) -> Database:
    db = Database(sqlite_url(path))
    upgrade_database(db)
    with db.unit_of_work() as session:
        for name in names:
            session.add(Person(display_name=name, name_key=name.lower()))
    return db


def names_in(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT display_name FROM person ORDER BY display_name")]
    finally:
        con.close()


def test_backup_includes_rows_still_in_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "live.sqlite3"
    db = make_db(path, ["Ana"])
    holder = db.engine.connect()  # an open reader keeps the WAL from being checkpointed
    holder.exec_driver_sql("SELECT 1").all()
    with db.unit_of_work() as session:
        session.add(Person(display_name="Ben", name_key="ben"))
    assert (tmp_path / "live.sqlite3-wal").stat().st_size > 0
    target = backup_database(path, tmp_path / "backups", "manual", revision="0001")
    holder.close()
    assert names_in(target) == ["Ana", "Ben"]
    assert list_backups(tmp_path / "backups")[0].revision == "0001"
    assert not (tmp_path / "backups" / (target.name + "-wal")).exists()


def test_rotation_keeps_daily_weekly_monthly() -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    backups = [BackupInfo(Path(f"b{i}"), now - timedelta(hours=12 * i), "auto", None) for i in range(800)]
    keep = backups_to_keep(backups, now)
    kept = sorted((b for b in backups if b.path in keep), key=lambda b: b.taken_at, reverse=True)
    days = {b.taken_at.date() for b in kept}
    assert len(kept) <= 7 + 4 + 12
    assert all((now - timedelta(days=d)).date() in days for d in range(7))  # one per day for a week
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 12
    assert backups[0].path in keep
    newest_of_week: dict[tuple[int, int], BackupInfo] = {}
    newest_of_month: dict[tuple[int, int], BackupInfo] = {}
    for b in backups:  # newest first
        newest_of_week.setdefault(b.taken_at.isocalendar()[:2], b)
        newest_of_month.setdefault((b.taken_at.year, b.taken_at.month), b)
    weeks = list(newest_of_week.values())
    assert all(b.path in keep for b in weeks[:4])  # the newest of each of the last four ISO weeks
    fifth = weeks[4]  # and not a fifth week, unless it is also the newest of its month or of a kept day
    assert (fifth.path in keep) == (fifth in list(newest_of_month.values())[:12]
                                    or fifth.taken_at.date() in {(now - timedelta(days=d)).date() for d in range(7)})


def test_rotation_deletes_files_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    make_db(path, ["Ana"]).dispose()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(40):
        backup_database(path, tmp_path / "backups", "auto", now=start + timedelta(days=i))
    remaining = list_backups(tmp_path / "backups")
    assert 7 <= len(remaining) < 40
    assert remaining[0].taken_at == start + timedelta(days=39)


def test_restore_backs_up_current_first_and_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = make_db(path, ["Ana"])
    first = backup_database(path, tmp_path / "backups", "manual")
    with db.unit_of_work() as session:
        session.add(Person(display_name="Ben", name_key="ben"))
    db.dispose()
    safety = restore_database(first, path, tmp_path / "backups")
    assert names_in(path) == ["Ana"]
    assert safety is not None and names_in(safety) == ["Ana", "Ben"]


def test_restore_refuses_a_file_that_is_not_a_coachdesk_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    make_db(path, ["Ana"]).dispose()
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    with pytest.raises(NotACoachDeskDatabase):
        restore_database(bogus, path, tmp_path / "backups")
    assert names_in(path) == ["Ana"]
    assert list_backups(tmp_path / "backups") == []


def test_manual_backups_are_never_rotated_away(tmp_path: Path) -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    manual = [BackupInfo(Path(f"m{i}"), now - timedelta(days=400 + i), "manual", None) for i in range(3)]
    auto = [BackupInfo(Path(f"a{i}"), now - timedelta(hours=i), "auto", None) for i in range(30)]
    keep = backups_to_keep(sorted(manual + auto, key=lambda b: b.taken_at, reverse=True), now)
    assert {b.path for b in manual} <= keep
    assert len(keep & {b.path for b in auto}) < 30


def test_integrity_problems_found_in_a_corrupted_file(tmp_path: Path) -> None:
    from coachdesk.storage.inspect import integrity_problems

    path = tmp_path / "db.sqlite3"
    make_db(path, [f"Person {i}" for i in range(300)]).dispose()
    assert integrity_problems(path) == []
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 5):  # scribble over the middle of some pages
        data[offset + 100: offset + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    assert integrity_problems(path) != []


def test_restore_over_a_file_sqlite_cannot_read_keeps_its_bytes_aside(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    make_db(path, ["Ana"]).dispose()
    good = backup_database(path, tmp_path / "backups", "manual")
    garbage = b"SQLite format 3\x00" + b"\x00\xff" * 3000
    path.write_bytes(garbage)
    aside = restore_database(good, path, tmp_path / "backups")
    assert names_in(path) == ["Ana"]
    assert aside is not None and aside.name.startswith("damaged-") and aside.read_bytes() == garbage
    assert all(b.path != aside for b in list_backups(tmp_path / "backups"))
