"""Reliability: SIGKILL a real process in the middle of a restore, at many moments. Afterwards the database is
either the old one or the restored one, whole (never a mix, never damaged), and it opens. Prints its figures."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from coachdesk.paths import app_paths
from coachdesk.services import maintenance
from coachdesk.services.common import open_store, sqlite_location

ROOT = Path(__file__).resolve().parents[2]
OLD, RESTORED = 3000, 1000
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

RESTORER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from coachdesk.services import maintenance
    from coachdesk.services.common import sqlite_location
    print("start", flush=True)
    started = time.perf_counter()
    maintenance.restore(sqlite_location(sys.argv[1]), Path(sys.argv[2]))
    print(f"done {time.perf_counter() - started:.3f}", flush=True)
""")


def fill(location, people: int, marker: str) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Person

    opened = open_store(location)
    with opened.db.unit_of_work() as s:
        s.add_all(Person(display_name=f"{marker} {i:05d} " + "x" * 180, name_key=f"{marker} {i:05d}",
                         notes="n" * 2220) for i in range(people))  # names within the 200-character limit
    opened.db.dispose()


def state_of(path: Path) -> tuple[str, int]:
    """(which database it is, its people), after checking it is intact."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        markers = {r[0].split()[0]: r[1] for r in con.execute(
            "SELECT display_name, count(*) FROM person GROUP BY substr(display_name, 1, 3)")}
    finally:
        con.close()
    assert len(markers) == 1, f"a mix of two databases: {markers}"
    (marker, count), = markers.items()
    return marker, count


def run_restore(location, backup: Path) -> subprocess.Popen:  # noqa: ANN001
    process = subprocess.Popen([sys.executable, "-c", RESTORER, str(location.path), str(backup)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "start"
    return process


def test_kill_9_during_a_restore_leaves_the_old_or_the_restored_database(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "data").ensure()
    location = sqlite_location(paths.default_db)
    source = sqlite_location(tmp_path / "source" / "coachdesk.sqlite3")
    source.path.parent.mkdir()
    fill(source, RESTORED, "new")
    backup = maintenance.back_up_now(source).path
    fill(location, OLD, "old")
    size = location.path.stat().st_size
    # how long a whole restore takes here, to spread the kills over it
    probe = tmp_path / "probe"
    probe_location = sqlite_location(probe / "coachdesk.sqlite3")
    probe.mkdir()
    import shutil

    shutil.copy(location.path, probe_location.path)
    process = run_restore(probe_location, backup)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    duration = float(out.split()[-1])
    outcomes = {"old": 0, "new": 0}
    kills, killed_running = 14, 0
    for attempt in range(kills + 1):  # the last run is left to finish: the control
        process = run_restore(location, backup)
        if attempt < kills:
            time.sleep(duration * 1.6 * attempt / kills)  # from at once to well past the usual end (load varies)
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        killed_running += process.returncode == -signal.SIGKILL
        marker, count = state_of(location.path)
        assert (marker, count) in (("old", OLD), ("new", RESTORED))
        outcomes[marker] += 1
        opened = open_store(location)  # and the app opens it (full path: inspect, quick_check, revision)
        opened.db.dispose()
        if marker == "new" and attempt < kills:  # start again from the old database for the next kill
            location.path.unlink()
            for suffix in ("-wal", "-shm"):
                Path(f"{location.path}{suffix}").unlink(missing_ok=True)
            fill(location, OLD, "old")
    print(f"\nkill -9 during restore: {kills} kills over a {duration * 1000:.0f} ms restore of a "
          f"{size / 1e6:.1f} MB database ({killed_running} while it ran), then one run to the end: "
          f"{outcomes['old']} left the old database, {outcomes['new']} the restored one, 0 damaged or mixed; "
          "every one opened")
    assert killed_running >= kills // 2  # the kills really fell while restores were running
    assert marker == "new"  # and the restore that was left alone did restore
