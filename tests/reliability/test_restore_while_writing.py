"""A restore while other processes write: every write another process committed is either in the restored
database or in the before-restore backup (the restore holds the write lock from its safety backup to the swap),
and a process that cannot write meanwhile gets one sentence, never a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")]

WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from coachdesk.domain.errors import CoachDeskError
    from coachdesk.storage.database import Database
    from coachdesk.storage.models import Person
    db = Database(f"sqlite:///{sys.argv[1]}")
    stop = Path(sys.argv[2])
    i = 0
    print("start", flush=True)
    while not stop.exists():
        name = f"writer {i:06d}"
        try:
            with db.unit_of_work() as s:
                s.add(Person(display_name=name, name_key=name))
        except CoachDeskError as exc:
            print(f"refused {name}: {exc}", flush=True)
        else:
            print(f"committed {name}", flush=True)
        i += 1
        time.sleep(0.002)
""")


def env(data: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COACHDESK_DATA_DIR": str(data)}


def cli(data: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coachdesk", "--db", str(db), *args], cwd=ROOT, env=env(data),
                          capture_output=True, text=True, timeout=300)


def names(db: Path) -> set[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT display_name FROM person")}
    finally:
        con.close()


def uuids(db: Path) -> set[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT uuid FROM person")}
    finally:
        con.close()


def before_restore_backups(db: Path) -> list[Path]:
    return sorted((db.parent / "backups").glob("coachdesk-*-before-restore*.sqlite3"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.sqlite3"
    run = cli(folder / "data", db, "demo", "--agents", "10", "--days", "30")
    assert run.returncode == 0, run.stderr
    return db


def test_writes_committed_during_a_restore_are_never_lost(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "live" / "coachdesk.sqlite3"
    db.parent.mkdir()
    shutil.copy(demo, db)
    data = tmp_path / "data"
    backed = cli(data, db, "db", "backup")
    assert backed.returncode == 0, backed.stderr
    backup = Path(backed.stdout.strip().split(" to ", 1)[1].rstrip("."))
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(stop)], cwd=ROOT, env=env(data),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "start"
    time.sleep(1.5)  # the writer is committing steadily now
    restore = cli(data, db, "db", "restore", str(backup))
    time.sleep(1.5)  # and goes on writing into the restored database
    stop.touch()
    out, err = writer.communicate(timeout=120)
    assert "Traceback" not in err + restore.stderr, err + restore.stderr
    assert writer.returncode == 0, err
    assert restore.returncode == 0, restore.stderr
    committed = {line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("committed ")}
    refused = [line for line in out.splitlines() if line.startswith("refused ")]
    safeties = before_restore_backups(db)
    assert len(safeties) == 1
    final, safety = names(db), names(safeties[0])
    lost = {n for n in committed if n not in final and n not in safety}
    assert not lost, f"{len(lost)} committed writes lost, e.g. {sorted(lost)[:3]}"
    assert committed & safety and committed & final  # the restore really fell among the writes
    assert not (safety & final & committed)  # what was in the safety backup was undone by the restore
    print(f"\nrestore among {len(committed)} committed writes: {len(committed & safety)} in the before-restore "
          f"backup, {len(committed & final)} after it in the restored database, 0 lost; {len(refused)} refused")
    for line in refused:  # a write that waited past the busy time-out: a sentence naming the file
        assert str(db) in line and "nothing was saved" in line, line


def test_an_import_and_a_restore_at_once(demo: Path, tmp_path: Path) -> None:
    """Whichever gets the write lock first: the other waits, or gets one sentence; nothing the import reported as
    stored is lost."""
    data = tmp_path / "data"
    other = tmp_path / "other.sqlite3"
    assert cli(data, other, "demo", "--agents", "40", "--days", "60", "--seed", "7").returncode == 0
    document = tmp_path / "other.json"
    assert cli(data, other, "export", "-o", str(document)).returncode == 0
    db = tmp_path / "live" / "coachdesk.sqlite3"
    db.parent.mkdir()
    shutil.copy(demo, db)
    backed = cli(data, db, "db", "backup")
    backup = Path(backed.stdout.strip().split(" to ", 1)[1].rstrip("."))
    outcomes = []
    for delay in (0.0, 0.8, 1.6):
        importer = subprocess.Popen([sys.executable, "-m", "coachdesk", "--db", str(db), "import-data",
                                     str(document)], cwd=ROOT, env=env(data), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        restore = cli(data, db, "db", "restore", str(backup))
        out, err = importer.communicate(timeout=300)
        assert "Traceback" not in out + err + restore.stdout + restore.stderr
        for code, stderr in ((importer.returncode, err), (restore.returncode, restore.stderr)):
            if code != 0:
                lines = [line for line in stderr.splitlines() if line.strip()]
                assert code == 2 and len(lines) == 1 and lines[0].startswith("coachdesk: "), stderr
        if importer.returncode == 0:  # every record it reported stored is in the database or the safety backup
            stored = uuids(db) | set().union(*(uuids(b) for b in before_restore_backups(db)))
            assert uuids(other) <= stored
        outcomes.append((importer.returncode, restore.returncode))
    print(f"\nimport and restore at once (import exit, restore exit): {outcomes}")
    assert any(rc == 0 for pair in outcomes for rc in pair)
