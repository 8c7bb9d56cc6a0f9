"""``coachdesk import-kpis`` and ``coachdesk kpis``: import, refuse, dry-run, undo, and read figures back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from coachdesk.cli import main

LONG = "Agent,Date,KPI,Value\nAna Silva,2026-03-02,AHT,5:30\nAna Silva,2026-03-02,CSAT,87%\nBo Chen,2026-03-02,AHT,412\n"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    export = tmp_path / "kpis long.csv"
    export.write_text(LONG, encoding="utf-8")
    return tmp_path / "c.sqlite3", export


def test_unknown_agents_store_nothing_and_exit_1(files, capsys) -> None:  # noqa: ANN001
    db, export = files
    code, text = run("--db", str(db), "import-kpis", str(export), "--auto")
    assert code == 1
    assert "Unknown person left out: Ana Silva" in text and "Nothing was stored." in text
    assert run("--db", str(db), "kpis", "show")[1].strip() == "person,kpi,period_start,period_end,value"


def test_import_show_and_undo(files) -> None:  # noqa: ANN001
    db, export = files
    code, text = run("--db", str(db), "import-kpis", str(export), "--auto", "--create-agents")
    assert code == 0, text
    batch = next(line.split()[1] for line in text.splitlines() if line.startswith("Batch: "))
    code, shown = run("--db", str(db), "kpis", "show", "--agent", "ana silva", "--format", "json")
    values = {(r["kpi"], r["value"]) for r in json.loads(shown)}
    assert values == {("AHT", 330.0), ("CSAT", 0.87)}
    code, csv_text = run("--db", str(db), "kpis", "show", "--kpi", "AHT", "--from", "2026-03-01", "--to",
                         "2026-03-31")
    assert csv_text.splitlines()[1:] == ["Ana Silva,AHT,2026-03-02,2026-03-02,330.0",
                                         "Bo Chen,AHT,2026-03-02,2026-03-02,412.0"]
    code, listing = run("--db", str(db), "kpis", "batches")
    assert batch in listing and "committed" in listing
    code, text = run("--db", str(db), "import-kpis", "--undo", batch)
    assert code == 0 and "3 figures removed" in text
    assert run("--db", str(db), "kpis", "show")[1].count("\n") == 1


def test_dry_run_writes_nothing_and_json_report(files) -> None:  # noqa: ANN001
    db, export = files
    code, text = run("--db", str(db), "import-kpis", str(export), "--auto", "--create-agents", "--dry-run",
                     "--format", "json")
    report = json.loads(text)
    assert code == 0 and report["dry_run"] is True and report["figures_planned"] == 3
    assert report["batch_uuid"] is None
    code, people = run("--db", str(db), "people", "list", "--format", "json")
    assert json.loads(people) == []


def test_user_mistakes_are_one_line(files, capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db, export = files
    bad = tmp_path / "mapping.json"
    bad.write_text("{not json")
    assert run("--db", str(db), "import-kpis", str(export), "--mapping", str(bad))[0] == 2
    assert "is not a JSON mapping" in capsys.readouterr().err
    assert run("--db", str(db), "kpis", "show", "--from", "March")[0] == 2
    assert "--from 'March' is not a date" in capsys.readouterr().err
    assert run("--db", str(db), "import-kpis")[0] == 2
    assert "needs a FILE" in capsys.readouterr().err
    assert run("--db", str(db), "import-kpis", str(tmp_path / "missing.csv"), "--auto")[0] == 2
    err = capsys.readouterr().err
    assert err.startswith("coachdesk: ") and "missing.csv" in err and "Traceback" not in err
