"""``coachdesk objectives list`` prints the numbers the GUI shows: the same ``list_progress`` rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from coachdesk.cli import main
from coachdesk.domain.enums import GoalLevel, ObjectiveStatus
from coachdesk.services import goals
from coachdesk.services.common import open_store, resolve_location
from coachdesk.services.goals import GoalInput, ObjectiveInput, create_objective, list_progress, set_status
from tests.services.objective_helpers import add_calls, seed_centre

START, DUE, ON = date(2026, 1, 1), date(2026, 1, 10), date(2026, 1, 3)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def database(tmp_path: Path, app_paths) -> Path:  # noqa: ANN001
    path = tmp_path / "objectives.sqlite3"
    store = open_store(resolve_location(app_paths, db=str(path)))
    db = store.db
    centre = seed_centre(db)
    top = goals.create_goal(db, GoalInput(GoalLevel.ORGANISATION, "Customers get it sorted first time"))
    team_goal = goals.create_goal(db, GoalInput(GoalLevel.TEAM, "Billing: AHT at 5:50", parent_uuid=top.uuid,
                                                team_uuid=centre.team))
    add_calls(db, centre.amelia, START, [300, 360, 420], [10, 30, 20])  # 370 s weighted
    detail = create_objective(db, ObjectiveInput(
        centre.amelia, "Bring my AHT down to 5:50 by using the knowledge base", kpi_code="AHT", commit="6:20",
        target="5:50", stretch="5:30", baseline=400.0, start_date=START, due_date=DUE, goal_uuid=team_goal.uuid))
    set_status(db, detail.uuid, ObjectiveStatus.AGREED, override_reason="test")
    create_objective(db, ObjectiveInput(centre.agents["Farah Khan"], "Raise my FCR to 80% by asking questions",
                                        kpi_code="FCR", target="80", start_date=START, due_date=DUE))
    db.dispose()
    return path


def test_table_shows_goals_levels_current_value_and_band(database: Path) -> None:
    code, text = run("--db", str(database), "objectives", "list", "--on", ON.isoformat())
    assert code == 0, text
    header, amelia, farah = text.splitlines()
    assert header.split()[:4] == ["PERSON", "TEAM", "MEASURE", "STATEMENT"]
    for part in ("Amelia Brown", "Billing: AHT at 5:50", "Customers get it sorted first time", "6:40", "6:20",
                 "5:50", "5:30", "6:10", "Below"):
        assert part in amelia
    assert "(no goal)" in farah and "draft" in farah


def test_csv_and_json_carry_the_same_numbers_as_the_service(database: Path, app_paths) -> None:  # noqa: ANN001
    code, text = run("--db", str(database), "objectives", "list", "--agent", "Amelia Brown", "--format", "csv",
                     "--on", ON.isoformat())
    assert code == 0
    (record,) = list(csv.DictReader(io.StringIO(text)))
    assert (record["current"], record["band"], record["target"]) == ("6:10", "Below", "5:50")
    assert record["statement"] == "Bring my AHT down to 5:50 by using the knowledge base"
    code, text = run("--db", str(database), "objectives", "list", "--team", "billing", "--format", "json",
                     "--on", ON.isoformat())
    data = json.loads(text)
    assert [d["person"] for d in data] == ["Amelia Brown", "Farah Khan"]
    assert data[0]["current"] == pytest.approx(370) and data[0]["band"] == "below"
    assert [g["level"] for g in data[0]["line_of_sight"]] == ["team", "organisation"]
    store = open_store(resolve_location(app_paths, db=str(database)))
    rows = list_progress(store.db, on=ON)
    store.db.dispose()
    assert [(r.current, r.band.value if r.band else None, r.current_text) for r in rows] == [
        (d["current"], d["band"], d["current_text"]) for d in data]


def test_filters_and_errors(database: Path, capsys) -> None:  # noqa: ANN001
    code, text = run("--db", str(database), "objectives", "list", "--status", "achieved")
    assert code == 0 and text.strip() == "No objectives match."
    code, text = run("--db", str(database), "objectives", "list", "--status", "draft", "--format", "json")
    assert [d["person"] for d in json.loads(text)] == ["Farah Khan"]
    assert run("--db", str(database), "objectives", "list", "--agent", "Nobody Here")[0] == 2
    assert "No person matches 'Nobody Here'" in capsys.readouterr().err
    assert run("--db", str(database), "objectives", "list", "--team", "Nowhere")[0] == 2
    assert run("--db", str(database), "objectives", "list", "--on", "soon")[0] == 2
    assert "--on 'soon' is not a date" in capsys.readouterr().err
