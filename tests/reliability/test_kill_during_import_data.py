"""Reliability: ``import-data`` killed with SIGKILL while its transaction is open leaves the target database exactly
as it was; let run, the same import is complete. Figures are in the note of issue #9 part A."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coachdesk.services.common import open_store, sqlite_location
from tests.reliability.exchange_kill_helpers import make_big, run_and_kill
from tests.services.exchange_helpers import counts, snapshot

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, Path]:  # noqa: ANN001
    return make_big(tmp_path_factory)


def _state(path: Path) -> tuple[dict, dict]:
    store = open_store(sqlite_location(path))
    try:
        return snapshot(store.db), counts(store.db)
    finally:
        store.db.dispose()


def test_kill_during_import_data_leaves_the_target_unchanged_or_complete(big, tmp_path: Path) -> None:
    source, doc = big
    _, expected = _state(source)
    for after in (1, 2):  # after the first 20,000 and 40,000 records
        target = tmp_path / f"target{after}.sqlite3"
        before, _ = _state(target)
        killed, seen = run_and_kill("import-data", target, doc, after_progress=after)
        assert killed and "done" not in seen, seen
        now, _ = _state(target)
        assert now == before, f"killed after {after} progress lines, the target changed"
    # and let run, into the last one: complete
    killed, seen = run_and_kill("import-data", target, doc, after_progress=None)
    assert not killed and seen[-1] == "done"
    _, got = _state(target)
    assert {k: v for k, v in got.items() if k != "audit_log"} == {k: v for k, v in expected.items()
                                                                   if k != "audit_log"}
    assert got["kpi_figure"] == expected["kpi_figure"] >= 50_000  # every figure of the big document, all of them
