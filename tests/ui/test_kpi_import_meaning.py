"""The import dialog says how it reads a file (issue 17): the encoding (and a choice of it), conversion rules,
skipped placeholders, columns not imported and new KPIs, near matches as the user's decision, a period from the
title rows; Return while picking a person never imports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from coachdesk.services.kpis.kpi_query import list_figures
from coachdesk.ui.models.kpi_models import UNDECIDED, PeopleChoicesModel
from coachdesk.ui.widgets.kpi_preview import PEOPLE
from tests.ui.locales import en_gb  # noqa: F401 - a fixture
from tests.ui.test_kpis_page import open_dialog, page, stored  # noqa: F401 - the page fixture
from tests.ui.test_people_page import unnamed_widgets

SHOTS = Path("/tmp/kpi-import-shots")


def write(tmp_path: Path, text: str, name: str = "export.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def reading(dialog) -> list[str]:
    view = dialog.tabs.reading
    return [view.item(i).text() for i in range(view.count())]


def test_encoding_rules_left_out_columns_and_placeholders_are_shown(page, ctx, tmp_path):  # noqa: F811
    text = ("Agent;Date;FCR;Agent answer rate;Queue\nAmelia Brown;13.03.2024;87;95%;Sales\n"
            "[Deleted];13.03.2024;50;90%;Sales\nФарах Хан;13.03.2024;91;93%;Sales\n")
    dialog = open_dialog(page, write(tmp_path, text, encoding="cp1251"))
    lines = reading(dialog)
    assert lines[0].startswith("Encoding: cp1251 (not UTF-8; detected as cp1251")
    assert any(line.startswith("Rule: column 'FCR' (FCR): bare numbers read as percent points") for line in lines)
    assert any(line.startswith("Not imported: 'Agent answer rate': holds figures (percentages)") for line in lines)
    assert any(line.startswith("Not imported: 'Queue': text") for line in lines)
    assert dialog.encoding_combo.isVisible() and dialog.encoding_combo.itemText(0) == "Found: Windows-1251 (Cyrillic)"
    skipped = dialog.tabs.skipped_model
    assert [skipped.row_at(r).reason for r in range(skipped.rowCount())] == [
        "not an agent: a deleted or unknown user ('[Deleted]')"]
    assert dialog.tabs.people_model.row_at(0).label == "Фарах Хан"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "reading.png"))

    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("cp1252"))
    dialog.encoding_combo.activated.emit(dialog.encoding_combo.currentIndex())
    assert dialog.plan.encoding == "cp1252" and dialog.plan.encoding_note == "given"
    assert dialog.tabs.people_model.row_at(0).label == "Ôàðàõ Õàí"

    assert dialog.tabs.create_kpis.isVisible() and not dialog.tabs.create_kpis.isChecked()
    dialog.tabs.create_kpis.setChecked(True)
    assert dialog.plan.created_kpis == ("AGENT_ANSWER_RATE",)
    assert "New KPI AGENT_ANSWER_RATE for a column of figures" in reading(dialog)
    dialog.accept()
    assert stored(ctx)[("Amelia Brown", "AGENT_ANSWER_RATE", date(2024, 3, 13), date(2024, 3, 13))] == 0.95
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        assert unnamed_widgets(dialog) == [], tab


def test_a_near_match_is_a_decision_before_import(page, ctx, sample, qtbot, tmp_path):  # noqa: F811
    text = "Agent,Date,Answered\nA. Brown,2024-03-13,5\nZed Newman,2024-03-13,4\n"
    dialog = open_dialog(page, write(tmp_path, text))
    people: PeopleChoicesModel = dialog.tabs.people_model
    near = next(people.row_at(r) for r in range(people.rowCount()) if people.row_at(r).label == "A. Brown")
    assert near.choice == UNDECIDED and near.candidates[0][1] == "Amelia Brown"
    assert people.data(people.index(0, PeopleChoicesModel.STATUS)) in ("Near Amelia Brown (an initial for the first "
                                                                        "name)", "Not in CoachDesk")
    assert not dialog.import_button.isEnabled() and "near someone" in dialog.status.text()
    dialog.tabs.create_all.click()  # "create all" leaves the near match undecided
    assert people.undecided() == 1 and not dialog.import_button.isEnabled()

    dialog.tabs.setCurrentIndex(PEOPLE)
    row = next(r for r in range(people.rowCount()) if people.row_at(r).label == "A. Brown")
    table = dialog.tabs.people_table
    table.setFocus()
    table.setCurrentIndex(people.index(row, PeopleChoicesModel.CHOICE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QComboBox, "kpiPersonChoice")
    amelia = sample.agent_uuids["Amelia Brown"]
    assert editor.itemData(0) == amelia and "an initial for the first name" in editor.itemText(0)
    editor.setCurrentIndex(0)
    editor.activated.emit(0)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Return after picking must not import the whole file
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.result is None and list(list_figures(ctx.db)) == []
    assert people.choice_map()[near.key] == amelia and dialog.import_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "near-match.png"))
    dialog.import_button.click()
    assert stored(ctx)[("Amelia Brown", "ANSWERED", date(2024, 3, 13), date(2024, 3, 13))] == 5


@pytest.mark.usefixtures("en_gb")  # the period is said the locale's way: 17/11/2025, never ISO
def test_a_period_from_the_title_rows_is_offered_for_confirmation(page, ctx, tmp_path):  # noqa: F811
    text = "Agent Report\nDate: 11/17/2025\n\nAgent Name,ACD Calls\nAmelia Brown,10\n"
    dialog = open_dialog(page, write(tmp_path, text))
    decisions = dialog.decisions
    assert decisions.period_label.isVisible() and not dialog.import_button.isEnabled()
    assert decisions.period() == (date(2025, 11, 17), date(2025, 11, 17))
    assert "the title row 'Date: 11/17/2025' gives 17/11/2025 to 17/11/2025" in decisions.period_note.text()
    decisions.period_button.click()
    assert dialog.import_button.isEnabled()
    assert not any("no date" in line for line in (dialog.banner.text(), dialog.status.text()))
    dialog.accept()
    assert stored(ctx) == {("Amelia Brown", "ANSWERED", date(2025, 11, 17), date(2025, 11, 17)): 10}


def test_a_big_file_is_shown_from_its_first_rows_then_read_whole(page, ctx, tmp_path, monkeypatch):  # noqa: F811
    from coachdesk.ui.actions import kpis as kpi_jobs
    from coachdesk.ui.dialogs import kpi_import_dialog as dialogs

    monkeypatch.setattr(dialogs, "FIRST_LOOK_BYTES", 1000)
    monkeypatch.setattr(dialogs, "FIRST_LOOK_ROWS", 50)
    seen = []
    real = kpi_jobs.preview_job

    def spy(*args, **kwargs):
        outcome = real(*args, **kwargs)
        seen.append((args[2].preview_rows, outcome.plan.partial, outcome.plan.figures))
        return outcome

    monkeypatch.setattr(kpi_jobs, "preview_job", spy)
    text = "Agent,Date,Answered\n" + "".join(f"Amelia Brown,2024-{1 + i // 28:02d}-{1 + i % 28:02d},{i}\n"
                                             for i in range(200))
    dialog = open_dialog(page, write(tmp_path, text))
    assert seen == [(50, True, 50), (None, False, 200)]
    assert not dialog.plan.partial and dialog.import_button.isEnabled()
