"""The layer rules of ARCHITECTURE.md hold: import-linter's contracts pass, and a broken rule is caught."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")
    return subprocess.run([str(exe), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_layer_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_qt_import_in_services_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "coachdesk", copy / "coachdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "coachdesk" / "services" / "naughty.py").write_text('"""Breaks the rule."""\nimport PySide6.QtCore\n')
    env_path = f"{copy}"
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=copy,
                            capture_output=True, text=True, timeout=120, env={"PYTHONPATH": env_path,
                                                                               "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "naughty" in result.stdout


@pytest.mark.parametrize(("where", "line"), [
    ("ui/naughty_face.py", "from coachdesk.services.people.directory import list_people\n"),
    ("services/goals/naughty_face.py", "from coachdesk.services.people import directory\n"),
    ("cli/naughty_face.py", "import coachdesk.services.kpis.kpi_query\n"),
])
def test_reaching_past_a_service_face_is_caught(tmp_path: Path, where: str, line: str) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "coachdesk", copy / "coachdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "coachdesk" / where).write_text('"""Reaches past a face."""\n' + line)
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=copy,
                            capture_output=True, text=True, timeout=120, env={"PYTHONPATH": f"{copy}",
                                                                               "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "naughty_face" in result.stdout
    assert "only through its face BROKEN" in result.stdout
