"""Reliability: ``import-kpis`` killed with SIGKILL while it writes leaves the database exactly as it was; let run,
every figure of the file is stored."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coachdesk.services.common import open_store, sqlite_location
from coachdesk.storage.models import KpiFigure
from tests.reliability.exchange_kill_helpers import run_and_kill
from tests.services.exchange_helpers import snapshot

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]
AGENTS, DAYS = 40, 300


def _csv(path: Path) -> int:
    lines = ["Agent,Date,KPI,Value"]
    for a in range(AGENTS):
        for d in range(DAYS):
            day = (date(2025, 1, 1) + timedelta(days=d)).isoformat()
            lines += [f"Agent {a:03d},{day},AHT,{300 + (a * d) % 90}", f"Agent {a:03d},{day},CSAT,{80 + d % 20}%",
                      f"Agent {a:03d},{day},FCR,{70 + a % 25}%"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def _state(path: Path):  # noqa: ANN202
    store = open_store(sqlite_location(path))
    try:
        with store.db.session() as s:
            return snapshot(store.db), s.scalar(select(func.count()).select_from(KpiFigure))
    finally:
        store.db.dispose()


def test_kill_during_import_kpis_leaves_the_database_unchanged_or_complete(tmp_path: Path) -> None:
    export = tmp_path / "daily.csv"
    rows = _csv(export)
    target = tmp_path / "target.sqlite3"
    before, _ = _state(target)
    for after in (2, 5):
        killed, seen = run_and_kill("import-kpis", target, export, after_progress=after)
        assert killed and "done" not in seen and "ready" in seen, seen
        now, _ = _state(target)
        assert now == before, f"killed after {after} progress lines, the database changed"
    killed, seen = run_and_kill("import-kpis", target, export, after_progress=None)
    assert not killed and seen[-1] == "done"
    _, figures = _state(target)
    assert figures == rows
