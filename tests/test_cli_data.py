"""``coachdesk export``, ``import-data``, ``erase`` and ``db copy`` from the command line: output, refusals with
one line on stderr and exit code 2, confirmation of an erasure."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from coachdesk.cli import main
from coachdesk.services.common import open_store, sqlite_location
from tests.services.exchange_helpers import build


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.sqlite3"
    store = open_store(sqlite_location(path))
    build(store.db)
    store.db.dispose()
    return path


def test_export_import_and_merge_again(source: Path, tmp_path: Path) -> None:
    doc = tmp_path / "all.json"
    code, text = run("--db", str(source), "export", "-o", str(doc))
    assert code == 0 and f"Exported every record to {doc}" in text
    target = tmp_path / "target.sqlite3"
    code, text = run("--db", str(target), "import-data", str(doc), "--dry-run")
    assert code == 0 and text.startswith("Checked (dry run, nothing stored)")
    code, text = run("--db", str(target), "import-data", str(doc))
    assert code == 0 and text.startswith("Imported: ") and "person" in text
    code, text = run("--db", str(target), "import-data", str(doc))
    assert code == 0 and text.startswith("Imported: 0 added, 0 updated,")


def test_export_of_one_person(source: Path, tmp_path: Path) -> None:
    doc = tmp_path / "amelia.json"
    code, text = run("--db", str(source), "export", "-o", str(doc), "--agent", "amelia brown")
    assert code == 0 and "the data held about Amelia Brown" in text
    data = json.loads(doc.read_text(encoding="utf-8"))
    assert data["scope"]["kind"] == "person" and len(data["records"]["person"]) == 1


def test_bad_document_is_one_line_and_exit_2(source: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    doc = tmp_path / "bad.json"
    doc.write_text('{"format": "coachdesk-exchange", "format_version": 9, "scope": {"kind": "all"}, "records": {}}',
                   encoding="utf-8")
    code, _ = run("--db", str(source), "import-data", str(doc))
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "exchange format version 9; this CoachDesk reads version 1" in err


def test_erase_asks_unless_yes(source: Path, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    code, _ = run("--db", str(source), "erase", "--agent", "Amelia Brown")
    assert code == 2 and "add --yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "amelia")
    code, text = run("--db", str(source), "erase", "--agent", "Amelia Brown")
    assert code == 1 and "Nothing was erased." in text and "This erases the personal data of Amelia Brown" in text
    monkeypatch.setattr("builtins.input", lambda prompt: "Amelia Brown")
    code, text = run("--db", str(source), "erase", "--agent", "Amelia Brown")
    assert code == 0 and "Erased " in text
    code, _ = run("--db", str(source), "erase", "--agent", "Amelia Brown", "--yes")
    assert code == 2 and "No person matches" in capsys.readouterr().err


def test_erase_yes_keep_aggregates(source: Path) -> None:
    code, text = run("--db", str(source), "erase", "--agent", "Farah Khan", "--yes", "--keep-aggregates")
    assert code == 0 and "Kept under an anonymous placeholder: 6 kpi_figure" in text


def test_db_copy_and_refusal(source: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    target = tmp_path / "copy.sqlite3"
    code, text = run("--db", str(source), "db", "copy", "--to", str(target))
    assert code == 0 and "every table's row count checked" in text
    code, _ = run("--db", str(source), "db", "copy", "--to", str(target))
    assert code == 2 and "is not empty" in capsys.readouterr().err
    code, text = run("--db", str(target), "people", "list", "--format", "json")
    assert {p["name"] for p in json.loads(text)} == {"Amelia Brown", "Farah Khan", "Laura Bennett"}
