"""Fault injection through the real command line: a read-only file and folder, a full disk (a small tmpfs, as root),
a removed WAL, a 0-byte database, hostile documents. Every run gives one sentence naming the file, exit 2, and
never a traceback; nothing is half-written."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX faults (chattr, mount)")]


@dataclass
class Run:
    code: int
    out: str
    err: str
    max_rss_mb: float


def cli(data: Path, db: Path, *args: str, timeout: float = 180) -> Run:
    """Run ``coachdesk --db db ARGS`` in its own process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACHDESK_DATA_DIR": str(data)}
    run = subprocess.run([sys.executable, "-m", "coachdesk", "--db", str(db), *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=timeout)
    return Run(run.returncode, run.stdout, run.stderr, 0.0)


def cli_rss(data: Path, db: Path, *args: str, timeout: float = 300) -> Run:
    """Like ``cli``, with the child's own peak memory: its ``VmHWM`` read while it runs. (``ru_maxrss`` from
    ``wait4`` is not the child's own: Linux carries the parent's high-water mark across fork and exec, so late in a
    long test run it reports the pytest process's size.)"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACHDESK_DATA_DIR": str(data)}
    out_file, err_file = data / "out.txt", data / "err.txt"
    data.mkdir(parents=True, exist_ok=True)
    with out_file.open("w") as out, err_file.open("w") as err:
        process = subprocess.Popen([sys.executable, "-m", "coachdesk", "--db", str(db), *args], cwd=ROOT, env=env,
                                   stdout=out, stderr=err)
        deadline = time.monotonic() + timeout
        peak_kb = 0
        while True:
            peak_kb = max(peak_kb, _high_water_kb(process.pid))
            pid, status, _usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"{args} ran past {timeout} s")
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
    assert peak_kb > 0, "the child's memory was never read"
    return Run(process.returncode, out_file.read_text(), err_file.read_text(), peak_kb / 1024)


def _high_water_kb(pid: int) -> int:
    """The peak resident memory of the process ``pid`` so far (``VmHWM``), or 0 once it has ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def one_sentence(run: Run, *needles: str) -> str:
    """The run failed with exit 2 and one ``coachdesk:`` line holding every needle; no traceback anywhere."""
    assert "Traceback" not in run.out + run.err, run.err
    assert run.code == 2, (run.code, run.out, run.err)
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("coachdesk: "), run.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database (10 agents, 30 days), built once."""
    folder = tmp_path_factory.mktemp("base")
    db = folder / "base.sqlite3"
    run = cli(folder / "data", db, "demo", "--agents", "10", "--days", "30")
    assert run.code == 0, run.err
    return db


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def people(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        con.close()


def _immutable(path: Path, on: bool) -> None:
    """Read-only even for root: the immutable attribute (root ignores permission bits)."""
    if IS_ROOT:
        subprocess.run(["chattr", "+i" if on else "-i", str(path)], check=True)
    else:
        path.chmod(0o555 if path.is_dir() else 0o444) if on else path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_read_only_file_is_named_for_every_writing_command(base: Path, data: Path, tmp_path: Path) -> None:
    db = tmp_path / "ro.sqlite3"
    shutil.copy(base, db)
    before = people(db)
    document = tmp_path / "doc.json"
    assert cli(data, base, "export", "-o", str(document)).code == 0
    _immutable(db, True)
    try:
        for args in (["erase", "--agent", "Aisha King", "--yes"], ["export", "-o", str(tmp_path / "out.json")],
                     ["import-data", str(document)], ["db", "upgrade"]):
            run = cli(data, db, *args)
            if args[:2] == ["db", "upgrade"]:  # nothing to write: already at head, a read-only file is fine
                assert run.code == 0 and "already at schema revision" in run.out, run.err
                continue
            one_sentence(run, str(db), "is read-only", "nothing was saved")
    finally:
        _immutable(db, False)
    assert people(db) == before


def test_a_read_only_folder_is_named_not_unable_to_open(base: Path, data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "coachdesk.sqlite3"
    shutil.copy(base, db)
    _immutable(folder, True)
    try:
        for args in (["people", "list"], ["db", "check"], ["export", "-o", str(tmp_path / "out.json")]):
            line = one_sentence(cli(data, db, *args), f"The folder {folder} is read-only", "Make the folder writable")
            assert "unable to open database file" not in line
    finally:
        _immutable(folder, False)


@pytest.fixture
def small_disk(tmp_path: Path):  # noqa: ANN201
    """A 1.5 MB tmpfs mounted for the test (root only: CI runs the suite as root)."""
    if not IS_ROOT:
        pytest.skip("mounting a small tmpfs to fill needs root (CI runs this suite as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_called_full_not_unreadable(base: Path, data: Path, tmp_path: Path, small_disk: Path) -> None:
    document = tmp_path / "doc.json"
    assert cli(data, base, "export", "-o", str(document)).code == 0
    db = small_disk / "coachdesk.sqlite3"
    line = one_sentence(cli(data, db, "import-data", str(document)), f"The disk holding {db} is full",
                        "Free some space")
    assert "could not be read" not in line
    # a write on a database that fits, once the disk has filled up: the same sentence, and the file stays intact
    for leftover in small_disk.iterdir():
        leftover.unlink()
    shutil.copy(base, db)
    before = people(db)
    filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(filler, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(filler)
    one_sentence(cli(data, db, "erase", "--agent", "Aisha King", "--yes"), "is full")
    (small_disk / "filler").unlink()
    assert people(db) == before
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()


def test_a_new_database_the_disk_could_not_take_is_not_left_half_made(data: Path, small_disk: Path) -> None:
    """The first run on a nearly full disk: the sentence, and no half-made file, which was refused ever after as
    "not a CoachDesk database"; with space again, the same command creates it whole."""
    filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize > 100_000:
            os.write(filler, b"\0" * 4096)
    finally:
        os.close(filler)
    db = small_disk / "new.sqlite3"
    one_sentence(cli(data, db, "people", "list"), f"The disk holding {db} is full", "Free some space")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    (small_disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,size=20m", str(small_disk)], check=True)  # a new schema's WAL needs ~3 MB
    run = cli(data, db, "people", "list")
    assert run.code == 0 and "Nobody matches" in run.out, run.err
    check = cli(data, db, "db", "check")
    assert check.code == 0 and "up to date" in check.out and "Integrity: ok" in check.out, check.out + check.err


def test_a_removed_wal_while_a_writer_has_it_open_is_named(base: Path, data: Path, tmp_path: Path) -> None:
    db = tmp_path / "wal.sqlite3"
    shutil.copy(base, db)
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        con = sqlite3.connect({str(db)!r})
        con.execute("CREATE TABLE scratch (a)")
        con.execute("INSERT INTO scratch VALUES (1)")
        con.commit()
        print("written", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "written"
        Path(f"{db}-wal").unlink()
        line = one_sentence(cli(data, db, "db", "check"), f"{db}-wal was removed", "coachdesk db check")
        assert "disk I/O error" not in line
    finally:
        writer.kill()
        writer.wait()


def test_a_zero_byte_database_is_damage_with_the_newest_good_backup_offered(base: Path, data: Path,
                                                                           tmp_path: Path) -> None:
    db = tmp_path / "zero" / "coachdesk.sqlite3"
    db.parent.mkdir()
    shutil.copy(base, db)
    backed = cli(data, db, "db", "backup")
    assert backed.code == 0, backed.err
    backup = Path(backed.out.strip().split(" to ", 1)[1].rstrip("."))
    bad = db.parent / "backups" / "coachdesk-29990101T000000Z-manual.sqlite3"  # newer, but not a database
    bad.write_bytes(b"not a database at all")
    db.write_bytes(b"")
    check = cli(data, db, "db", "check")
    assert check.code == 1 and "Traceback" not in check.out + check.err
    assert "Integrity: ok" not in check.out and "is empty (0 bytes)" in check.out, check.out
    assert f"Newest good backup: {backup}" in check.out and bad.name not in check.out, check.out
    one_sentence(cli(data, db, "people", "list"), str(db), "is empty (0 bytes)")
    assert db.stat().st_size == 0  # never silently re-created
    restored = cli(data, db, "db", "restore", str(backup))
    assert restored.code == 0, restored.err
    assert people(db) == people(base)


def test_not_a_database_where_the_database_was(base: Path, data: Path, tmp_path: Path) -> None:
    db = tmp_path / "coachdesk.sqlite3"
    db.write_text("these are my notes, not a database\n")
    check = cli(data, db, "db", "check")
    assert check.code == 1 and "not a CoachDesk database" in check.out and "Traceback" not in check.err
    assert "No intact backup" in check.out
    one_sentence(cli(data, db, "people", "list"), str(db), "not a CoachDesk database")
    assert db.read_text() == "these are my notes, not a database\n"


def test_server_down_and_wrong_password_at_start(data: Path, tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "coachdesk", "--db-url",
                          "postgresql+psycopg://someone:secret@127.0.0.1:9/coachdesk", "people", "list"],
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "COACHDESK_DATA_DIR": str(data)},
                         capture_output=True, text=True, timeout=120)
    line = one_sentence(Run(run.returncode, run.stdout, run.stderr, 0), "The team server 127.0.0.1:9 cannot be "
                        "reached", "Check that the server is running")
    assert "secret" not in line
    url = os.environ.get("COACHDESK_TEST_PG_URL")
    if not url:
        return  # the unreachable server above needs no server; the wrong password needs the test server
    from sqlalchemy.engine import make_url

    wrong = make_url(url).set(password="certainly-wrong").render_as_string(hide_password=False)
    run = subprocess.run([sys.executable, "-m", "coachdesk", "--db-url", wrong, "people", "list"], cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "COACHDESK_DATA_DIR": str(data)},
                         capture_output=True, text=True, timeout=120)
    parsed = make_url(url)
    line = one_sentence(Run(run.returncode, run.stdout, run.stderr, 0),
                        f"The team server {parsed.host}:{parsed.port} refused the sign-in for {parsed.username}",
                        "wrong user name or password")
    assert "certainly-wrong" not in line


def _header() -> str:
    return '{"format": "coachdesk-exchange", "format_version": 1, "scope": {"kind": "all"}, "records": {"team": ['


def test_a_document_nested_200000_deep_is_refused_in_little_memory(data: Path, tmp_path: Path) -> None:
    document = tmp_path / "deep.json"
    depth = 200_000
    document.write_text(_header() + '{"name": ' + "[" * depth + "]" * depth + "}]}}")
    assert document.stat().st_size > 400_000
    run = cli_rss(data, tmp_path / "new.sqlite3", "import-data", str(document))
    one_sentence(run, "records.team[0].name", "nested more than 16 levels")
    assert run.max_rss_mb < 300, f"{run.max_rss_mb:.0f} MB"
    print(f"\n200,000-deep document: refused using {run.max_rss_mb:.0f} MB at most")


def test_a_50_mb_text_field_is_refused_quickly(data: Path, tmp_path: Path) -> None:
    document = tmp_path / "long.json"
    with document.open("w") as fh:
        fh.write(_header() + '{"uuid": "00000000-0000-4000-8000-000000000001", "name": "')
        chunk = "a" * 1_000_000
        for _ in range(50):
            fh.write(chunk)
        fh.write('"}]}}')
    started = time.perf_counter()
    run = cli_rss(data, tmp_path / "new.sqlite3", "import-data", str(document))
    seconds = time.perf_counter() - started
    one_sentence(run, "records.team[0].name", "a text longer than 1,000,000 characters", "the longest CoachDesk "
                 "accepts")
    assert seconds < 30 and run.max_rss_mb < 300
    print(f"\n50 MB text field: refused in {seconds:.1f} s using {run.max_rss_mb:.0f} MB at most")


def test_created_at_before_year_one_in_utc_gives_a_sentence(base: Path, data: Path, tmp_path: Path) -> None:
    document = tmp_path / "doc.json"
    assert cli(data, base, "export", "-o", str(document)).code == 0
    doc = json.loads(document.read_text())
    doc["records"]["person"][0]["created_at"] = "0001-01-01T00:00:00+14:00"
    document.write_text(json.dumps(doc))
    db = tmp_path / "new.sqlite3"
    one_sentence(cli(data, db, "import-data", str(document)), "records.person[0]", "field 'created_at'",
                 "outside the years 0001 to 9999")
