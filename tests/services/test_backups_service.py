"""The app's backups: daily start-up backup with rotation, back up now, restore (foreign and damaged files refused,
nothing changed), the newest *good* backup, recovery of a damaged file (its bytes kept aside), and the integrity
check's plain-words report, all on real SQLite files, one of them deliberately corrupted."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachdesk.paths import app_paths
from coachdesk.services.common.location import Location
from coachdesk.services.common.store import open_store, resolve_location
from coachdesk.services.maintenance import backups, integrity
from coachdesk.storage.backup import backup_database, list_backups
from coachdesk.storage.errors import BackupError


def make_database(folder: Path, people: int = 300) -> Location:
    """A real, migrated CoachDesk file with ``people`` rows, checkpointed (everything in the main file)."""
    from coachdesk.storage.models import Person

    paths = app_paths(folder).ensure()
    location = resolve_location(paths)
    opened = open_store(location)
    with opened.db.unit_of_work() as s:
        for i in range(people):
            s.add(Person(display_name=f"Person {i:04d} " + "x" * 60, name_key=f"person {i:04d}"))
    opened.db.dispose()
    con = sqlite3.connect(location.path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return location


def corrupt(path: Path, table: str = "person") -> None:
    """Overwrite the root page of ``table`` with random bytes: SQLite opens the file but finds it malformed."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size
    data[offset + 8:offset + page_size] = os.urandom(page_size - 8)
    path.write_bytes(bytes(data))


def people_in(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_start_up_backup_is_taken_only_when_the_last_is_over_a_day_old(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data")
    now = datetime(2026, 11, 22, 9, tzinfo=UTC)
    first = backups.auto_backup_if_due(location, now=now)
    assert first is not None and people_in(first) == 300
    assert backups.auto_backup_if_due(location, now=now + timedelta(hours=23)) is None
    second = backups.auto_backup_if_due(location, now=now + timedelta(hours=25))
    assert second is not None and second != first
    rows = backups.list_rows(location)
    assert [r.reason for r in rows] == ["auto", "auto"] and rows[0].reason_text == "daily, at start-up"
    assert rows[0].size == second.stat().st_size and rows[0].revision


def test_start_up_backups_rotate(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data", people=5)
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    for day in range(60):  # one start a day, a minute later each day (so each is over a day after the last)
        assert backups.auto_backup_if_due(location, now=start + timedelta(days=day, minutes=day)) is not None
    kept = backups.list_rows(location)
    assert 7 <= len(kept) < 7 + 4 + 12
    assert kept[0].taken_at == start + timedelta(days=59, minutes=59)
    assert {r.taken_at.date() for r in kept} >= {(start + timedelta(days=59 - d)).date() for d in range(7)}


def test_after_start_checks_first_and_never_backs_up_a_damaged_file(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data")
    corrupt(location.path)
    result = backups.after_start(location)
    assert result.problems and result.backup is None
    assert list_backups(backups.backups_folder(location)) == []


def test_back_up_now_and_restore_with_a_safety_backup(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data", people=10)
    row = backups.back_up_now(location)
    assert row.reason == "manual" and people_in(row.path) == 10
    con = sqlite3.connect(location.path)
    con.execute("DELETE FROM person")
    con.commit()
    con.close()
    safety = backups.restore(location, row.path)
    assert people_in(location.path) == 10
    assert safety is not None and people_in(safety) == 0 and "before-restore" in safety.name


@pytest.mark.parametrize("kind", ["text", "foreign", "damaged"])
def test_a_restore_file_that_is_not_a_good_coachdesk_database_changes_nothing(tmp_path: Path, kind: str) -> None:
    location = make_database(tmp_path / "data", people=10)
    bad = tmp_path / "bad.sqlite3"
    if kind == "text":
        bad.write_text("name,email\nAnn,ann@example.com\n")
        reason = "not an SQLite file"
    elif kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE recipes (name TEXT)")
        con.commit()
        con.close()
        reason = "not a CoachDesk one"
    else:
        other = make_database(tmp_path / "other")
        corrupt(other.path)
        bad = other.path
        reason = "damaged"
    before = digest(location.path)
    with pytest.raises(BackupError, match=reason) as caught:
        backups.restore(location, bad)
    assert "nothing was changed" in str(caught.value)
    assert digest(location.path) == before and backups.list_rows(location) == []


def test_newest_good_backup_skips_a_damaged_one(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data")
    folder = backups.backups_folder(location)
    good = backup_database(location.path, folder, "auto", now=datetime(2026, 11, 20, tzinfo=UTC))
    newer = backup_database(location.path, folder, "manual", now=datetime(2026, 11, 21, tzinfo=UTC))
    corrupt(newer)
    assert backups.list_rows(location)[0].path == newer
    assert backups.newest_good_backup(location).path == good


def test_recovering_a_damaged_file_keeps_its_bytes_and_restores_the_backup(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data")
    good = backups.back_up_now(location)
    corrupt(location.path)
    damaged = digest(location.path)
    kept, _safety = backups.recover_damaged(location, good.path)
    assert kept.name.startswith("damaged-") and digest(kept) == damaged  # the damaged bytes, never deleted
    assert people_in(location.path) == 300
    opened = open_store(location)  # opens (full path: quick_check included)
    opened.db.dispose()
    assert good.path in [r.path for r in backups.list_rows(location)]
    assert all(not r.path.name.startswith("damaged-") for r in backups.list_rows(location))


def test_integrity_check_in_plain_words(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data")
    seen: list[str] = []
    report = integrity.check_database(location, progress=lambda percent, text: seen.append(text))
    assert report.ok and report.problems == () and report.summary.startswith("No problems found") and seen
    good = backups.back_up_now(location)
    corrupt(location.path)
    report = integrity.check_database(location)
    assert not report.ok and report.problems and "damaged" in report.summary
    assert report.backup is not None and report.backup.path == good.path
    assert "Restore the newest good backup" in report.advice


def test_integrity_check_without_a_backup_says_so(tmp_path: Path) -> None:
    location = make_database(tmp_path / "data")
    corrupt(location.path)
    report = integrity.check_database(location)
    assert not report.ok and report.backup is None and "no intact backup" in report.advice


def test_restoring_a_backup_from_before_an_upgrade_brings_it_up_to_date(tmp_path: Path) -> None:
    from alembic import command

    from coachdesk.storage.database import Database
    from coachdesk.storage.migrate import alembic_config, head_revision
    from coachdesk.storage.schema import SCHEMA_HEAD

    old = make_database(tmp_path / "old", people=0).path
    old.unlink()
    db = Database(f"sqlite:///{old}")
    cfg = alembic_config()
    with db.engine.begin() as conn:  # a file made by the first release: schema 0001 only
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    db.dispose()
    if head_revision() == "0001":
        pytest.skip("only one schema revision exists: nothing to upgrade")
    location = make_database(tmp_path / "data", people=3)
    backups.restore(location, old)
    from coachdesk.storage.inspect import inspect_sqlite_file

    assert inspect_sqlite_file(location.path).revision == SCHEMA_HEAD == head_revision()
    assert {r.reason for r in backups.list_rows(location)} >= {"before-restore", "pre-migration"}
