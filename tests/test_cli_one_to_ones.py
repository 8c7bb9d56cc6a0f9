"""``coachdesk one-to-ones list`` prints what the services hold: sessions newest first, and who is due."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from coachdesk.cli import main
from coachdesk.domain.enums import ItemKind, OneToOneType
from coachdesk.services import one_to_ones as oto
from coachdesk.services.common import open_store, resolve_location
from coachdesk.services.one_to_ones import ItemInput
from tests.services.objective_helpers import seed_centre

HELD = date(2026, 1, 12)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def database(tmp_path: Path, app_paths) -> Path:  # noqa: ANN001
    path = tmp_path / "one_to_ones.sqlite3"
    db = open_store(resolve_location(app_paths, db=str(path))).db
    centre = seed_centre(db)
    rec = oto.open_next(db, centre.amelia, coach_uuid=centre.leader, on=HELD)
    oto.save_session(db, rec.uuid, kind=OneToOneType.EXPECTATION_SETTING, day=HELD, held=True,
                     next_date=HELD + timedelta(days=14),
                     items=[ItemInput(ItemKind.ACTION, "Listen to three calls.", owner_uuid=centre.amelia),
                            ItemInput(ItemKind.EXPECTATION, "Be on time.")])
    db.dispose()
    return path


def test_table_lists_sessions(database: Path) -> None:
    code, text = run("--db", str(database), "one-to-ones", "list")
    assert code == 0, text
    header, row = text.splitlines()
    assert header.split()[:4] == ["DATE", "AGENT", "TEAM", "LEADER"]
    for part in ("2026-01-12", "Amelia Brown", "Billing", "Laura Bennett", "expectation_setting", "held",
                 "2026-01-26"):
        assert part in row
    assert row.split()[-2] == "1"  # one open item


def test_due_lists_overdue_and_never_met_agents_as_csv_and_json(database: Path) -> None:
    on = (HELD + timedelta(days=20)).isoformat()
    code, text = run("--db", str(database), "one-to-ones", "list", "--due", "--on", on, "--format", "csv")
    assert code == 0, text
    rows = list(csv.DictReader(io.StringIO(text)))
    amelia = next(r for r in rows if r["agent"] == "Amelia Brown")
    assert (amelia["state"], amelia["due"], amelia["days_since"]) == ("overdue", "2026-01-26", "20")
    assert {r["state"] for r in rows if r["agent"] != "Amelia Brown"} == {"never"}
    code, text = run("--db", str(database), "one-to-ones", "list", "--agent", "Amelia Brown", "--format", "json")
    [session] = json.loads(text)
    assert session["status"] == "held" and session["open_items"] == 1 and session["uuid"]


def test_bad_input_is_one_line_and_exit_2(database: Path, capsys: pytest.CaptureFixture) -> None:
    code, _ = run("--db", str(database), "one-to-ones", "list", "--on", "yesterday")
    assert code == 2 and "--on 'yesterday' is not a date" in capsys.readouterr().err
    code, _ = run("--db", str(database), "one-to-ones", "list", "--agent", "Nobody Here")
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Nobody Here" in err
