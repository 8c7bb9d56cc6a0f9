"""Reliability: ``db copy`` killed with SIGKILL mid-copy leaves no target file (only a hidden ``.partial`` one,
never taken for a database); let run, the copy holds every row of the source."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coachdesk.storage.database import Database, sqlite_url
from tests.reliability.exchange_kill_helpers import make_big, run_and_kill
from tests.services.exchange_helpers import snapshot

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, Path]:  # noqa: ANN001
    return make_big(tmp_path_factory)


def test_kill_during_db_copy_leaves_no_target_or_a_complete_one(big, tmp_path: Path) -> None:
    source, _doc = big
    target = tmp_path / "copies" / "copy.sqlite3"
    for after in (3, 9):  # inside the KPI figures (5,000 rows a progress line)
        killed, seen = run_and_kill("db-copy", source, target, after_progress=after)
        assert killed and "done" not in seen, seen
        assert not target.exists(), f"killed after {after} progress lines, a target file was left"
    killed, seen = run_and_kill("db-copy", source, target, after_progress=None)
    assert not killed and seen[-1] == "done"
    src, dst = Database(sqlite_url(source)), Database(sqlite_url(target))
    try:
        assert snapshot(dst) == snapshot(src)
    finally:
        src.dispose()
        dst.dispose()
