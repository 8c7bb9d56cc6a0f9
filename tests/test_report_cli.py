"""``coachdesk report ...``: each document written to the file -o names; bad input is one line on stderr, exit 2."""

from __future__ import annotations

import io
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from coachdesk.cli import main

TODAY = date.today()


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--agents", "8", "--days", "60"], out=io.StringIO()) == 0
    return path


def _first(path: Path, sql: str) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


def test_every_document_is_written(database: Path, tmp_path: Path) -> None:
    recognition = _first(database, "select uuid from recognition order by id limit 1")
    month = _first(database, "select recognised_on from recognition order by id limit 1")[:7]
    meeting = _first(database, "select uuid from one_to_one where held_at is not null order by id limit 1")
    agent = _first(database, "select display_name from person p join person_role r on r.person_id = p.id "
                             "where r.role = 'agent' order by p.id limit 1")
    team = _first(database, "select t.name from team t join team_membership m on m.team_id = t.id "
                            "where m.role = 'member' order by t.id limit 1")
    observation = _first(database, "select uuid from observation_session where status = 'completed' order by id limit 1")
    given = _first(database, "select uuid from feedback where delivered_at is not null order by id limit 1")
    start, end = (TODAY - timedelta(days=30)).isoformat(), TODAY.isoformat()
    cases = {
        "observation.pdf": ["observation", "--id", observation],
        "feedback-record.pdf": ["feedback-record", "--id", given],
        "certificate.pdf": ["recognition", "--id", recognition],
        "letter.pdf": ["recognition", "--id", recognition, "--style", "letter"],
        "month.pdf": ["recognition", "--month", month],
        "feedback.pdf": ["feedback", "--agent", agent, "--from", start, "--to", end],
        "team-feedback.pdf": ["feedback", "--team", team, "--from", start, "--to", end],
        "one-to-one.pdf": ["one-to-one", "--id", meeting],
        "prep.pdf": ["prep", "--agent", agent],
        "team.pdf": ["team", "--team", team, "--month", TODAY.strftime("%Y-%m")],
    }
    for name, argv in cases.items():
        target = tmp_path / name
        code, out = run("--db", str(database), "report", *argv, "-o", str(target))
        assert code == 0, name
        assert out.startswith(f"Wrote {target}")
        assert len(PdfReader(target).pages) >= 1
    assert agent in PdfReader(tmp_path / "feedback.pdf").pages[0].extract_text()
    assert "Observation record" in PdfReader(tmp_path / "observation.pdf").pages[0].extract_text()
    assert "What went well" in PdfReader(tmp_path / "feedback-record.pdf").pages[0].extract_text()


@pytest.mark.parametrize(("argv", "message"), [
    (["recognition"], "give either --id ID or --month"),
    (["recognition", "--month", "2026-13"], "is not a month"),
    (["recognition", "--id", "nope"], "there is none with the id"),
    (["feedback", "--agent", "Nobody Atall", "--from", "2026-01-01", "--to", "2026-01-31"], "No person matches"),
    (["feedback", "--agent", "x", "--from", "2026-02-01", "--to", "2026-01-01"], "is before --from"),
    (["feedback", "--agent", "x", "--from", "01/02/2026", "--to", "2026-01-01"], "is not a date"),
    (["team", "--team", "Nope", "--month", "2026-01"], "No team is called"),
    (["one-to-one", "--id", "x", "-o", "out.txt"], "should end in .pdf"),
    (["observation", "--id", "nope"], "Observation: there is none with the id"),
    (["feedback-record", "--id", "nope"], "Feedback: there is none with the id"),
])
def test_bad_input_is_one_line_and_exit_2(database: Path, capsys: pytest.CaptureFixture, argv: list[str],
                                          message: str) -> None:
    code, _out = run("--db", str(database), "report", *argv)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1


def _print_one_to_one(database: Path, target: Path, **env: str) -> str:
    """`coachdesk report one-to-one` in a child process with the given locale settings; the PDF's text."""
    import os
    import subprocess
    import sys

    meeting = _first(database, "select uuid from one_to_one where held_at is not null order by id limit 1")
    child = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"} | env
    child["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    done = subprocess.run([sys.executable, "-m", "coachdesk", "--db", str(database), "report", "one-to-one", "--id",
                           meeting, "-o", str(target)], env=child, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())


def test_a_printed_document_writes_days_the_way_the_locale_does(database: Path, tmp_path: Path) -> None:
    import re
    import shutil
    import subprocess

    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    plain = _print_one_to_one(database, tmp_path / "c.pdf", LC_ALL="C.UTF-8")
    assert f"Printed {TODAY.day} {TODAY:%b %Y}" in plain and not iso.findall(plain)  # no locale: 7 Dec 2026
    if shutil.which("localedef") is None:
        pytest.skip("no localedef here to build a German locale")
    subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", str(tmp_path / "de_DE.UTF-8")], check=True,
                   capture_output=True, timeout=120)
    german = _print_one_to_one(database, tmp_path / "de.pdf", LOCPATH=str(tmp_path), LC_ALL="de_DE.UTF-8")
    assert f"Printed {TODAY:%d.%m.%Y}" in german and not iso.findall(german)  # the same rule as the screens
    assert f"{TODAY.day} {TODAY:%b %Y}" not in german
