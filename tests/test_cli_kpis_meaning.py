"""``coachdesk import-kpis`` as a new user meets it: counts in words, near matches, undo hints, dry runs that create
nothing, and hostile text: formula cells neutralised in every CSV CoachDesk writes, control bytes escaped."""

from __future__ import annotations

import csv
import io
import random
import re

import pytest

from coachdesk.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = main(list(argv), out=out)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_counts_read_as_words_and_the_undo_hint_names_the_database(tmp_path, capsys):
    db = tmp_path / "my team.sqlite3"
    export = tmp_path / "one.csv"
    export.write_text("Agent,Date,Answered\nAnn Lee,2025-11-17,5\n", encoding="utf-8")
    code, text = run("--db", str(db), "import-kpis", str(export), "--auto", "--create-agents")
    assert code == 0
    assert "one.csv: 1 row read; stored 1 figure." in text
    assert "Created 1 person: Ann Lee" in text
    batch = re.search(r"Batch: (\S+)", text).group(1)
    assert f"(undo with: coachdesk --db '{db}' import-kpis --undo {batch})" in text
    code, text = run("--db", str(db), "import-kpis", "--undo", batch[:8])
    assert code == 0 and f"Undid batch {batch}" in text and "1 figure removed" in text
    assert "Removed the person Ann Lee, whom the import created" in text


def test_many_new_people_are_one_line(tmp_path):
    export = tmp_path / "many.csv"
    export.write_text("Agent,Date,Answered\n" + "".join(f"Agent Person{chr(65 + i // 26)}{chr(65 + i % 26)},"
                                                         f"2025-11-17,{i}\n" for i in range(139)), encoding="utf-8")
    code, text = run("--db", str(tmp_path / "c.sqlite3"), "import-kpis", str(export), "--auto", "--create-agents")
    assert code == 0
    lines = [line for line in text.splitlines() if line.startswith("Created")]
    assert lines == ["Created 139 people: Agent PersonAA … Agent PersonAJ, and 129 more"]


def test_a_dry_run_creates_no_database_file(tmp_path):
    export = tmp_path / "one.csv"
    export.write_text("Agent,Date,Answered\nAnn Lee,2025-11-17,5\n", encoding="utf-8")
    db = tmp_path / "new.sqlite3"
    code, text = run("--db", str(db), "import-kpis", str(export), "--auto", "--create-agents", "--dry-run")
    assert code == 0 and "would store 1 figure" in text and "Would create 1 person: Ann Lee" in text
    assert not db.exists() and not list(tmp_path.glob("new.sqlite3*"))


def test_near_matches_are_reported_and_chosen_with_person(tmp_path, capsys):
    db = tmp_path / "c.sqlite3"
    first = tmp_path / "first.csv"
    first.write_text("Agent,Date,Answered\nLi Wei,2025-11-17,5\n", encoding="utf-8")
    assert run("--db", str(db), "import-kpis", str(first), "--auto", "--create-agents")[0] == 0
    second = tmp_path / "second.csv"
    second.write_text("Agent,Date,Answered\nL. Wei,2025-11-18,3\n", encoding="utf-8")
    code, text = run("--db", str(db), "import-kpis", str(second), "--auto", "--create-agents")
    assert code == 1
    assert re.search(r"Near match left out: L\. Wei \(1 row, first on row 2\) may be Li Wei \(an initial for the "
                     r"first name, [0-9a-f-]{36}\)", text)
    assert "--create-agents never creates them" in text and "Created" not in text
    uuid = re.search(r"may be Li Wei \(an initial for the first name, ([0-9a-f-]{36})\)", text).group(1)
    code, text = run("--db", str(db), "import-kpis", str(second), "--auto", "--person", f"L. Wei={uuid}")
    assert code == 0 and "stored 1 figure" in text
    code, _text = run("--db", str(db), "import-kpis", str(second), "--auto", "--person", "oops")
    assert code == 2 and "--person 'oops': write NAME=UUID, NAME=create or NAME=skip." in capsys.readouterr().err


#: (tab and carriage-return starts are trimmed from imported names; ``spreadsheet_safe`` covers them, see
#: tests/domain/test_text_rules.py)
HOSTILE = ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


def test_every_csv_coachdesk_writes_neutralises_formula_cells(tmp_path):
    db = tmp_path / "c.sqlite3"
    export = tmp_path / "hostile.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Agent", "Date", "Answered"])
        for n, name in enumerate(HOSTILE):
            writer.writerow([name, "2025-11-17", n + 1])
    code, text = run("--db", str(db), "import-kpis", str(export), "--auto", "--create-agents")
    assert code == 0, text
    for args in (("kpis", "show"), ("people", "list", "--format", "csv")):
        code, text = run("--db", str(db), *args)
        assert code == 0
        rows = list(csv.reader(io.StringIO(text)))
        cells = [cell for row in rows[1:] for cell in row]
        names = [cell for cell in cells if cell.lstrip("'").strip() in {h.strip() for h in HOSTILE}]
        assert len(names) == len(HOSTILE), (args, rows)
        assert all(cell.startswith("'") for cell in names), names
        assert not any(cell and cell[0] in "=+-@\t\r" for cell in cells if not re.fullmatch(r"-?[0-9.e-]+", cell)), cells
    code, text = run("--db", str(db), "kpis", "show")
    assert ",1.0\n" in text  # numbers are left alone


def test_a_binary_file_gets_a_short_message_without_control_bytes(tmp_path, capsys):
    junk = tmp_path / "photo.csv"
    rng = random.Random(7)
    junk.write_bytes(b"\x1b[31m\x00Agent,Date,AHT\n" + bytes(rng.randrange(256) for _ in range(1500)) + b"\n")
    code, _text = run("--db", str(tmp_path / "c.sqlite3"), "import-kpis", str(junk), "--auto")
    message = capsys.readouterr().err
    assert code != 0 and message.startswith("coachdesk: photo.csv")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", message), repr(message)
    assert len(message) < 1200


def test_a_million_columns_give_one_short_line(tmp_path, capsys):
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n", encoding="utf-8")
    code, _text = run("--db", str(tmp_path / "c.sqlite3"), "import-kpis", str(wide), "--auto")
    message = capsys.readouterr().err
    assert code != 0 and len(message) < 1500, len(message)
    assert re.search(r"c0 … c11, and [\d,]+ more", message)


@pytest.mark.parametrize("encoding", ["cp1251"])
def test_the_encoding_is_shown_and_can_be_given(tmp_path, encoding):
    export = tmp_path / "ru.csv"
    export.write_bytes("Agent,Date,Answered\nИван Петров,2025-11-17,5\n".encode(encoding))
    code, text = run("--db", str(tmp_path / "c.sqlite3"), "import-kpis", str(export), "--auto", "--create-agents",
                     "--dry-run")
    assert code == 0 and "Encoding: cp1251 (not UTF-8; detected as cp1251" in text and "Иван Петров" in text
    code, text = run("--db", str(tmp_path / "c.sqlite3"), "import-kpis", str(export), "--auto", "--create-agents",
                     "--dry-run", "--encoding", "cp1252")
    assert "Encoding: cp1252 (given)" in text and "Èâàí Ïåòðîâ" in text


def test_left_out_columns_are_listed_and_new_kpis_offered(tmp_path):
    export = tmp_path / "connect.csv"
    export.write_text("Agent,Date,Contacts handled,Agent answer rate\nAnn Lee,2025-11-17,10,95%\n", encoding="utf-8")
    db = str(tmp_path / "c.sqlite3")
    code, text = run("--db", db, "import-kpis", str(export), "--auto", "--create-agents")
    assert code == 0
    assert "Not imported: 'Agent answer rate': holds figures (percentages) but no catalogue KPI has this name" in text
    code, text = run("--db", db, "import-kpis", str(export), "--auto", "--create-kpis", "--force",
                     "--on-duplicate", "skip")
    assert code == 0 and "New KPIs: AGENT_ANSWER_RATE" in text and "Not imported" not in text
