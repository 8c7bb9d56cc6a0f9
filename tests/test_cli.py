"""The command line: db upkeep, people lookup, clear one-line errors with non-zero exits and no tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coachdesk.cli import main
from coachdesk.domain.enums import Role
from coachdesk.domain.text import name_key
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.models import Person, PersonAlias, PersonExternalId, PersonRole
from coachdesk.storage.schema import SCHEMA_HEAD


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def add_people(db_path: Path) -> None:
    db = Database(sqlite_url(db_path))
    with db.unit_of_work() as session:
        for name, acd, email in [("Ana Núñez", "4711", "ana@example.com"), ("Ben Okafor", "4712", None),
                                 ("Ben Okafor", "4713", "ben.o2@example.com")]:
            p = Person(display_name=name, name_key=name_key(name), email=email)
            p.external_ids.append(PersonExternalId(system="acd", value=acd))
            p.roles.append(PersonRole(role=Role.AGENT))
            session.add(p)
        session.flush()
        ana = session.query(Person).filter_by(email="ana@example.com").one()
        session.add(PersonAlias(person_id=ana.id, alias="Nunez, Ana", alias_key="nunez, ana"))
    db.dispose()


def test_db_upgrade_check_backup_restore_cycle(tmp_path: Path) -> None:
    dbp = tmp_path / "c.sqlite3"
    code, text = run("--db", str(dbp), "db", "upgrade")
    assert code == 0 and f"to {SCHEMA_HEAD}" in text
    code, text = run("--db", str(dbp), "db", "check")
    assert code == 0 and "Integrity: ok" in text and f"{SCHEMA_HEAD} (up to date)" in text
    code, text = run("--db", str(dbp), "db", "backup", "-o", str(tmp_path / "copy.sqlite3"))
    assert code == 0 and (tmp_path / "copy.sqlite3").exists()
    add_people(dbp)
    code, text = run("--db", str(dbp), "db", "restore", str(tmp_path / "copy.sqlite3"))
    assert code == 0 and "backed up to" in text
    code, text = run("--db", str(dbp), "people", "list", "--format", "json")
    assert json.loads(text) == []
    code, text = run("--db", str(dbp), "db", "backups")
    assert "before-restore" in text


def test_person_resolution_by_name_alias_id_email_and_ambiguity(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    dbp = tmp_path / "p.sqlite3"
    run("--db", str(dbp), "db", "upgrade")
    add_people(dbp)
    for ident in ("Ana Núñez", "ana nunez", "Nunez, Ana", "4711", "ana@example.com"):
        code, text = run("--db", str(dbp), "people", "show", ident, "--format", "json")
        assert code == 0, ident
        assert json.loads(text)["name"] == "Ana Núñez"
    code, _ = run("--db", str(dbp), "people", "show", "Ben Okafor")
    err = capsys.readouterr().err
    assert code == 2 and "matches 2 people" in err and err.count("\n") == 1
    code, text = run("--db", str(dbp), "people", "show", "4713")
    assert code == 0 and "ben.o2@example.com" in text
    code, _ = run("--db", str(dbp), "people", "show", "Nobody Here")
    assert code == 2 and "No person matches 'Nobody Here'" in capsys.readouterr().err


def test_people_list_formats(tmp_path: Path) -> None:
    dbp = tmp_path / "l.sqlite3"
    run("--db", str(dbp), "db", "upgrade")
    add_people(dbp)
    code, text = run("--db", str(dbp), "people", "list", "--format", "csv", "--search", "okafor")
    assert code == 0
    lines = text.strip().splitlines()
    assert lines[0].startswith("name,team,roles") and len(lines) == 3
    code, text = run("--db", str(dbp), "people", "list")
    assert "Ana Núñez" in text and "NAME" in text


def test_env_var_points_at_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dbp = tmp_path / "env.sqlite3"
    monkeypatch.setenv("COACHDESK_DB", str(dbp))
    assert run("db", "upgrade")[0] == 0
    assert dbp.exists()


def test_bad_arguments_are_one_line_exit_2(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exc:
        main(["db", "frobnicate"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("coachdesk: ") and err.count("\n") == 1


def test_no_traceback_for_a_foreign_file_in_a_real_process(tmp_path: Path) -> None:
    bogus = tmp_path / "calls.csv"
    bogus.write_text("agent,aht\nAna,300\n")
    result = subprocess.run([sys.executable, "-m", "coachdesk", "--db", str(bogus), "db", "upgrade"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "is not a CoachDesk database" in result.stderr and str(bogus) in result.stderr
    assert bogus.read_text() == "agent,aht\nAna,300\n"


def test_version_flag(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("CoachDesk ")
