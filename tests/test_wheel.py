"""A plain, non-editable install works: the wheel carries migrations and resources, and the app finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_migrates_outside_the_source_tree(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("coachdesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("coachdesk/_migrations/versions/0001") for n in names)
    assert "coachdesk/_migrations/env.py" in names
    assert "coachdesk/_resources/presets/kpi_catalogue.json" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target), "COACHDESK_DATA_DIR": str(tmp_path / "data")}
    where = subprocess.run(
        [sys.executable, "-c", "import coachdesk, coachdesk.paths as p; print(coachdesk.__file__); "
         "print(p.migrations_dir()); print(p.resources_dir())"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True, timeout=60,
    ).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where), where
    result = subprocess.run([sys.executable, "-m", "coachdesk", "db", "upgrade"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "coachdesk.sqlite3").exists()
    check = subprocess.run([sys.executable, "-m", "coachdesk", "db", "check"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "Integrity: ok" in check.stdout
