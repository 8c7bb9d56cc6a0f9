"""Shared fixtures: every test runs with its own data folder, and real SQLite files in it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point COACHDESK_DATA_DIR at a fresh folder so no test touches the user's real data."""
    folder = tmp_path_factory.mktemp("coachdesk-data")
    monkeypatch.setenv("COACHDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("COACHDESK_DB", raising=False)
    monkeypatch.delenv("COACHDESK_DB_URL", raising=False)
    return folder


@pytest.fixture
def app_paths(tmp_path: Path):
    from coachdesk.paths import app_paths as make_paths

    return make_paths(tmp_path / "data").ensure()


@pytest.fixture
def store(app_paths):
    """A migrated, seeded, empty CoachDesk database in a temporary folder."""
    from coachdesk.services.store import open_store, resolve_location

    opened = open_store(resolve_location(app_paths))
    yield opened
    opened.db.dispose()


@pytest.fixture
def db(store):
    return store.db
