"""``coachdesk one-to-ones schedule`` / ``invite`` and ``coachdesk calendar export`` / ``settings`` end to end on a
real SQLite file, files parsed back with icalendar; mistakes are one line and exit 2 with nothing saved."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from coachdesk.cli import main
from coachdesk.services.common import open_store, resolve_location
from tests.services.calendar_helpers import seed_crew


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def database(tmp_path: Path, app_paths) -> Path:  # noqa: ANN001
    path = tmp_path / "calendar.sqlite3"
    db = open_store(resolve_location(app_paths, db=str(path))).db
    seed_crew(db, agents=4)
    db.dispose()
    return path


def _count(path: Path) -> int:
    from coachdesk.storage.database import Database, sqlite_url
    from coachdesk.storage.models import OneToOne

    db = Database(sqlite_url(path))
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(OneToOne).where(OneToOne.duration_minutes.is_not(None)))
    db.dispose()
    return n


def test_schedule_dry_run_then_for_real_then_files(database: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("--db", str(database), "one-to-ones", "schedule", "--team", "Billing", "--weeks", "4",
                     "--dry-run", "--format", "json")
    assert code == 0
    proposed = json.loads(text)
    assert len(proposed) >= 8 and _count(database) == 0
    code, text = run("--db", str(database), "one-to-ones", "schedule", "--team", "Billing", "--weeks", "4")
    assert code == 0 and f"Scheduled {len(proposed)} one-to-one(s)" in text
    assert _count(database) == len(proposed)
    # every change rewrote the leader's subscribable file under the data folder
    data_dir = tmp_path / "cli-data"
    assert run("--data-dir", str(data_dir), "--db", str(database), "one-to-ones", "schedule", "--team", "Billing",
               "--weeks", "6")[0] == 0
    (feed,) = (data_dir / "calendars").glob("laura-bennett-*.ics")
    assert len(Calendar.from_ical(feed.read_bytes()).walk("VEVENT")) > len(proposed)
    out = tmp_path / "team.ics"
    code, text = run("--db", str(database), "calendar", "export", "--team", "Billing", "--weeks", "4", "-o", str(out))
    assert code == 0 and out.exists()
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) == len(proposed)
    code, text = run("--db", str(database), "one-to-ones", "list", "--format", "json")
    uuid = json.loads(text)[0]["uuid"]
    invite = tmp_path / "invite.ics"
    assert run("--db", str(database), "one-to-ones", "invite", "--id", uuid, "-o", str(invite))[0] == 0
    assert Calendar.from_ical(invite.read_bytes())["METHOD"] == "REQUEST"


def test_mistakes_are_one_line_and_change_nothing(database: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    for argv, words in (
            (("one-to-ones", "schedule", "--team", "Nowhere"), "No team is called 'Nowhere'"),
            (("one-to-ones", "schedule", "--weeks", "0"), "between 1 and 26"),
            (("one-to-ones", "schedule", "--length", "0"), "at least 1 minute"),
            (("calendar", "settings", "--time-zone", "Atlantis/Main"), "Time zone 'Atlantis/Main' is unknown"),
            (("calendar", "settings", "--start", "18:00"), "must end after it starts"),
            (("one-to-ones", "invite", "--id", "missing", "-o", str(tmp_path / "x.ics")), "No one-to-one has"),
    ):
        code, _ = run("--db", str(database), *argv)
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(err) == 1 and words in err[0], (argv, err)
    assert _count(database) == 0
    code, text = run("--db", str(database), "calendar", "settings")
    assert code == 0 and "09:00–17:00; time zone Europe/London" in text
