"""Paths: the override points everything at one folder; bundled folders are found from the source tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk import paths


def test_override_puts_data_and_logs_in_one_folder(tmp_path: Path) -> None:
    p = paths.app_paths(tmp_path / "x").ensure()
    assert p.data_dir == (tmp_path / "x").resolve() and p.log_dir.is_dir()
    assert p.default_db.parent == p.data_dir
    assert paths.backups_dir_for(p.default_db) == p.data_dir / "backups"


def test_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path))
    assert paths.app_paths().data_dir == tmp_path.resolve()


def test_bundled_folders_found() -> None:
    assert (paths.migrations_dir() / "env.py").is_file()
    assert paths.resource("presets", "kpi_catalogue.json").is_file()


def test_frozen_bundle_is_preferred(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(paths.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
