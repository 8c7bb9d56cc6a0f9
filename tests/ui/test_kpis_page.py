"""The KPIs page and its import dialog, driven offscreen on real temporary SQLite files with synchronous tasks:
preview, answers (date order, period, people, mapping, duplicates, sheet), import, history, undo, cancel, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox

from coachdesk.domain.enums import ImportStatus
from coachdesk.services import kpis as kpis_api
from coachdesk.services import people as people_api
from coachdesk.services.kpis import list_batches, list_figures, list_saved_mappings
from coachdesk.ui.dialogs.kpi_import_dialog import KpiImportDialog
from coachdesk.ui.dialogs.roster_dialog import RosterDialog
from coachdesk.ui.models.kpi_models import MappingModel, PeopleChoicesModel
from coachdesk.ui.pages.kpis_page import KpisPage
from coachdesk.ui.widgets.kpi_decisions import FAIL, SKIP
from coachdesk.ui.widgets.kpi_history import FIGURES, HISTORY
from coachdesk.ui.widgets.kpi_preview import PEOPLE, PROBLEMS
from tests.ui.locales import en_gb  # noqa: F401 - a fixture
from tests.ui.test_people_page import unnamed_widgets

WIDE = ("Agent;Date;AHT;CSAT %;Answered\n"
        "Amelia Brown;13/03/2024;312,5;87,5%;41\n"
        "Farah Khan;13/03/2024;0:05:00;90%;35\n"
        "Zed Newman;14/03/2024;300;80,5%;20\n"
        "Total;13/03/2024;;;96\n")
INTERACTIONS = ("Call Id,Agent,Date,Answered (Y/N),Resolved,Speed of answer in seconds,Talk Duration,"
                "Satisfaction rating\n"
                "1,Amelia Brown,3/13/2024,Y,Y,10,0:01:40,5\n"
                "2,Amelia Brown,3/13/2024,Y,N,20,0:03:20,4\n"
                "3,Farah Khan,3/13/2024,N,N,,,\n"
                "4,Farah Khan,3/13/2024,Y,Y,5,0:02:00,2\n")
AMBIGUOUS = "Agent,Date,AHT\nAmelia Brown,01/02/2024,300\nFarah Khan,03/04/2024,200\n"
D13, D14 = date(2024, 3, 13), date(2024, 3, 14)


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(ctx, **filters) -> dict[tuple, float]:
    return {(f.person, f.kpi, f.period_start, f.period_end): f.value for f in list_figures(ctx.db, **filters)}


@pytest.fixture
def page(qtbot, ctx):
    widget = KpisPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_dialog(page: KpisPage, path: Path) -> KpiImportDialog:
    dialog = page.open_file(path)
    assert dialog.isVisible() and not dialog.busy
    return dialog


def test_preview_of_a_wide_daily_csv_shows_counts_and_writes_nothing(page, ctx, tmp_path):
    dialog = open_dialog(page, write(tmp_path, WIDE))
    plan = dialog.plan
    assert plan.delimiter == ";" and plan.decimal == "," and plan.date_order == "dmy"
    assert "semicolon-separated" in dialog.info.text() and "decimal comma" in dialog.info.text()
    cards = {key: card.value_text() for key, card in dialog.tabs.cards.items()}
    assert cards == {"rows": "4", "figures": "9", "skipped": "1", "people": "2", "create": "1"}
    counts = dialog.tabs.counts_model
    assert {counts.row_at(r).code: counts.row_at(r).figures for r in range(counts.rowCount())} == {
        "AHT": 3, "CSAT": 3, "ANSWERED": 3}
    assert dialog.tabs.skipped_model.row_at(0).reason == "totals row"
    assert dialog.decisions.order_buttons["dmy"].isChecked() and "13/03/2024" in dialog.decisions.order_evidence.text()
    assert dialog.tabs.people_model.rowCount() == 1 and dialog.tabs.tabText(PEOPLE) == "Peop&le (1)"
    assert dialog.tabs.problems_model.rowCount() == 0 and dialog.import_button.isEnabled()
    assert dialog.tabs.rows_model.rowCount() == 3 and dialog.tabs.figures_model.rowCount() == 9
    assert list(list_figures(ctx.db)) == [] and list_batches(ctx.db) == []
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        assert unnamed_widgets(dialog) == [], tab


@pytest.mark.usefixtures("en_gb")
def test_import_creates_the_unknown_agent_then_history_and_undo(page, ctx, tmp_path, monkeypatch):
    dialog = open_dialog(page, write(tmp_path, WIDE))
    zed = dialog.tabs.people_model.row_at(0)
    assert zed.label == "Zed Newman" and zed.choice == "create"
    dialog.import_button.click()
    result = dialog.result
    assert result.figures_stored == 9 and result.people_created == ("Zed Newman",)
    assert result.batch_uuid in dialog.result_label.text() and dialog.result_label.isVisible()
    assert not dialog.import_button.isVisible() and dialog.isVisible()
    figures = stored(ctx)
    assert figures[("Amelia Brown", "AHT", D13, D13)] == 312.5
    assert figures[("Zed Newman", "CSAT", D14, D14)] == pytest.approx(0.805)
    assert people_api.resolve_person(ctx.db, "Zed Newman").display_name == "Zed Newman"
    history = page.tabs.batches_model
    assert history.rowCount() == 1 and history.row_at(0).uuid == result.batch_uuid
    assert page.tabs.current_batch().uuid == result.batch_uuid and page.tabs.undo_button.isEnabled()
    assert page.cards["figures"].value_text() == "9" and page.cards["last"].value_text() == "14/03/2024"
    assert page.message.text() == "Imported 9 figures from export.csv."
    dialog.close()

    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    page.tabs.undo_button.click()  # asks first: No keeps everything
    assert len(stored(ctx)) == 9 and history.row_at(0).status == ImportStatus.COMMITTED
    assert page.undo_selected(confirm=False)
    assert list(list_figures(ctx.db)) == [] and page.cards["figures"].value_text() == "0"
    assert history.row_at(0).status == ImportStatus.UNDONE and not page.tabs.undo_button.isEnabled()
    assert page.message.text().startswith("Undid the import of export.csv: 9 figures deleted")


def test_unknown_agent_left_out_or_matched_to_someone(page, ctx, sample, tmp_path):
    dialog = open_dialog(page, write(tmp_path, WIDE))
    people: PeopleChoicesModel = dialog.tabs.people_model
    assert people.set_choice("||Zed Newman", "skip")
    assert dialog.plan.figures == 6 and dialog.tabs.cards["create"].value_text() == "0"
    assert "agent left out (skip)" in dialog.plan.skipped
    hannah = sample.agent_uuids["Hannah Schmidt"]
    assert people.set_choice("||Zed Newman", hannah)
    assert dialog.plan.figures == 9 and people.rowCount() == 1  # still listed with its choice
    dialog.accept()
    assert stored(ctx, agent="Hannah Schmidt")[("Hannah Schmidt", "AHT", D14, D14)] == 300
    assert people_api.resolve_person(ctx.db, "Zed Newman").uuid == hannah  # the file's spelling is an alias now


def person_editor(dialog: KpiImportDialog, qtbot) -> QComboBox:  # noqa: ANN001
    """The People tab's first agent, its "what to do" cell opened for editing with F2 (a searchable drop-down)."""
    dialog.tabs.setCurrentIndex(PEOPLE)
    table = dialog.tabs.people_table
    table.setFocus()
    table.setCurrentIndex(dialog.tabs.people_model.index(0, PeopleChoicesModel.CHOICE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    return table.findChild(QComboBox, "kpiPersonChoice")


def test_choosing_a_person_with_the_keyboard_in_the_searchable_combo(page, qtbot, sample, tmp_path):
    dialog = open_dialog(page, write(tmp_path, WIDE))
    editor = person_editor(dialog, qtbot)
    assert editor is not None and editor.isEditable() and editor.accessibleName()
    editor.setCurrentIndex(editor.findData(sample.agent_uuids["George Ellis"]))
    editor.activated.emit(editor.currentIndex())
    assert dialog.tabs.people_model.choice_map() == {"||Zed Newman": sample.agent_uuids["George Ellis"]}
    assert dialog.options().people == {"||Zed Newman": sample.agent_uuids["George Ellis"]}


def test_ambiguous_dates_ask_for_the_order(page, ctx, tmp_path):
    dialog = open_dialog(page, write(tmp_path, AMBIGUOUS, "ambiguous.csv"))
    decisions = dialog.decisions
    assert dialog.plan.needs_date_order and not dialog.import_button.isEnabled()
    assert decisions.order_label.text() == "Which order are the dates in?" and decisions.order_label.isVisible()
    assert not any(button.isChecked() for button in decisions.order_buttons.values())
    assert "01/02/2024" in decisions.order_evidence.text()
    assert dialog.status.text() == "Choose the order of the dates above."
    assert dialog.tabs.cards["figures"].value_text() == "–"
    assert dialog.tabs.people_note.text() == "Who is who is worked out once the questions above are answered."
    decisions.choose_date_order("dmy")
    assert dialog.plan.date_order == "dmy" and dialog.import_button.isEnabled()
    assert dialog.tabs.people_note.text() == "Everyone in the file is already in CoachDesk."
    assert decisions.order_buttons["dmy"].isChecked() and decisions.order_label.text() == "Dates are written"
    dialog.accept()
    assert stored(ctx)[("Amelia Brown", "AHT", date(2024, 2, 1), date(2024, 2, 1))] == 300


def test_an_interaction_log_is_aggregated_per_agent_and_day(page, ctx, tmp_path):
    dialog = open_dialog(page, write(tmp_path, INTERACTIONS, "calls.csv"))
    assert dialog.plan.mapping.shape == "interactions" and dialog.tabs.shape_combo.currentData() == "interactions"
    assert {"AHT", "ANSWERED", "FCR", "CSAT"} <= set(dialog.plan.figures_by_kpi)
    assert "Interaction log" in dialog.info.text()
    dialog.accept()
    figures = stored(ctx, start=D13, end=D13)
    assert figures[("Amelia Brown", "AHT", D13, D13)] == 150 and figures[("Amelia Brown", "ANSWERED", D13, D13)] == 2
    assert figures[("Amelia Brown", "FCR", D13, D13)] == 0.5 and figures[("Farah Khan", "ANSWERED", D13, D13)] == 1


def test_problems_are_listed_and_a_mapping_change_clears_them(page, ctx, tmp_path):
    rows = "".join(f"Amelia Brown,2024-03-{day:02d},{'soon' if day == 5 else 300},{200 + day}\n" for day in range(1, 11))
    dialog = open_dialog(page, write(tmp_path, "Agent,Date,AHT,Avg Talk\n" + rows, "bad.csv"))
    problem = dialog.tabs.problems_model.row_at(0)
    assert (problem.file, problem.row, problem.column) == ("bad.csv", 6, "AHT") and "soon" in problem.reason
    assert dialog.tabs.currentIndex() == PROBLEMS and dialog.tabs.tabText(PROBLEMS) == "Pro&blems (1)"
    assert dialog.banner.text().startswith("bad.csv: nothing can be imported because of 1 problem: bad.csv row 6, "
                                           "column 'AHT'")
    assert not dialog.import_button.isEnabled() and dialog.isVisible()
    assert dialog.tabs.mapping_model.set_field("AHT", "ignore")
    assert dialog.plan.problems == () and dialog.banner.text() == "" and dialog.import_button.isEnabled()
    assert dialog.mapping["columns"] == {"Agent": "agent_name", "Date": "date", "Avg Talk": "kpi:TALK"}
    dialog.accept()
    assert set(stored(ctx)) == {("Amelia Brown", "TALK", date(2024, 3, d), date(2024, 3, d)) for d in range(1, 11)}


def test_a_file_without_kpis_is_refused_until_a_column_is_mapped(page, ctx, qtbot, tmp_path):
    dialog = open_dialog(page, write(tmp_path, "Agent,Date,Handling\nAmelia Brown,2024-03-13,5\n", "wfm.csv"))
    assert dialog.banner.text().startswith("wfm.csv: nothing to import: none of its columns (Agent, Date, Handling) "
                                           "is a KPI")
    assert not dialog.import_button.isEnabled() and dialog.isVisible()
    # map it with the keyboard: the editor of the "Imported as" cell
    table = dialog.tabs.mapping_table
    model: MappingModel = dialog.tabs.mapping_model
    table.setCurrentIndex(model.index(2, MappingModel.FIELD))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QComboBox, "kpiMappingEditor")
    editor.setCurrentIndex(editor.findData("kpi:AHT"))
    editor.activated.emit(editor.currentIndex())
    assert dialog.plan.mapping.source == "given" and dialog.plan.figures == 1
    assert model.setData(model.index(2, MappingModel.READS_AS), "minutes")
    assert dialog.decisions.remember.isChecked()  # an edited mapping is offered for remembering
    dialog.decisions.mapping_name.setText("WFM daily")
    dialog.accept()
    assert stored(ctx) == {("Amelia Brown", "AHT", D13, D13): 300}
    assert [m.name for m in list_saved_mappings(ctx.db)] == ["WFM daily"]
    assert page.tabs.mappings_model.rowCount() == 1
    again = open_dialog(page, write(tmp_path, "Agent,Date,Handling\nFarah Khan,2024-03-14,6\n", "wfm2.csv"))
    assert again.plan.mapping.source == "saved" and again.plan.figures == 1
    assert not again.decisions.remember.isChecked()
    again.close()
    assert page.tabs.forget_button.isEnabled()  # the first saved mapping is selected
    assert page.forget_selected(confirm=False) and list_saved_mappings(ctx.db) == []
    assert page.tabs.mappings_model.rowCount() == 0


def test_an_unreadable_file_shows_the_engines_message(page, ctx, tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(b"\x00\x01\x02 garbage")
    dialog = open_dialog(page, path)
    assert dialog.plan is None and dialog.isVisible() and not dialog.import_button.isEnabled()
    assert dialog.banner.text().startswith("garbage.csv: ") and "Traceback" not in dialog.banner.text()
    assert dialog.status.text() == "The file could not be read." and dialog.reread_button.isVisible()
    missing = open_dialog(page, tmp_path / "gone.csv")
    assert "gone.csv: cannot be read" in missing.banner.text()


@pytest.mark.usefixtures("en_gb")
def test_an_undated_file_takes_a_period(page, ctx, tmp_path):
    text = "Agent,Adherence (%),Conformance (%)\nAmelia Brown,95.5%,90%\nFarah Khan,88%,Infinity%\n"
    dialog = open_dialog(page, write(tmp_path, text, "adherence.csv"))
    decisions = dialog.decisions
    assert decisions.period_label.isVisible() and not decisions.order_label.isVisible()
    assert not dialog.import_button.isEnabled() and "period" in dialog.status.text()
    decisions.set_period(date(2024, 3, 11), date(2024, 3, 17))
    decisions.period_button.click()
    assert dialog.period == (date(2024, 3, 11), date(2024, 3, 17)) and dialog.import_button.isEnabled()
    assert "11/03/2024 to 17/03/2024" in decisions.period_note.text()
    assert decisions.period_start.displayFormat() == "dd/MM/yyyy"
    decisions.set_period(date(2024, 3, 17), date(2024, 3, 11))
    decisions.period_button.click()
    assert "ends (11/03/2024) before it starts" in dialog.banner.text()
    dialog.accept()
    assert stored(ctx)[("Amelia Brown", "ADHERENCE", date(2024, 3, 11), date(2024, 3, 17))] == pytest.approx(0.955)


def test_cancel_writes_nothing(page, ctx, tmp_path):
    text = "Agent,Date,AHT\n" + "".join(f"Amelia Brown,{date.fromordinal(738000 + i).isoformat()},{100 + i % 400}\n"
                                        for i in range(7000))
    dialog = open_dialog(page, write(tmp_path, text, "big.csv"))
    assert dialog.plan.figures == 7000
    dialog.progress.valueChanged.connect(lambda _value: dialog.cancel_task())
    dialog.accept()
    assert dialog.banner.text() == "The import was stopped; nothing was written."
    assert list_batches(ctx.db) == [] and list(list_figures(ctx.db)) == []
    assert dialog.result is None and dialog.import_button.isEnabled()  # it can be imported after all


def test_the_same_file_again_is_noticed_and_needs_confirming(page, ctx, tmp_path, monkeypatch):
    path = write(tmp_path, WIDE)
    open_dialog(page, path).accept()
    dialog = open_dialog(page, path)
    assert dialog.reimport.isVisible() and list_batches(ctx.db)[0].uuid in dialog.reimport.text()
    assert dialog.plan.duplicates == 9 and "9 of the file's figures are already stored" in \
        dialog.decisions.duplicates_note.text()
    monkeypatch.setattr(dialog, "confirm_reimport", lambda: False)
    dialog.accept()
    assert dialog.result is None and len(list_batches(ctx.db)) == 1
    monkeypatch.setattr(dialog, "confirm_reimport", lambda: True)
    dialog.accept()
    assert dialog.result.figures_replaced == 9 and len(list_batches(ctx.db)) == 2


def test_figures_already_stored_follow_the_chosen_policy(page, ctx, tmp_path):
    open_dialog(page, write(tmp_path, WIDE)).accept()
    dialog = open_dialog(page, write(tmp_path, WIDE.replace("312,5", "320"), "corrected.csv"))
    assert dialog.plan.duplicates == 9 and not dialog.reimport.isVisible()
    dialog.decisions.set_duplicate_policy(FAIL)
    assert not dialog.import_button.isEnabled() and "already stored" in dialog.status.text()
    dialog.decisions.set_duplicate_policy(SKIP)
    assert dialog.import_button.isEnabled()
    dialog.accept()
    assert dialog.banner.text() == "Nothing was stored: no figure of the file was left to import."
    assert stored(ctx)[("Amelia Brown", "AHT", D13, D13)] == 312.5
    dialog.decisions.set_duplicate_policy("replace")
    dialog.accept()
    assert dialog.result.figures_replaced == 9 and stored(ctx)[("Amelia Brown", "AHT", D13, D13)] == 320


def test_a_workbook_offers_its_sheets(page, ctx, tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Billing"
    for row in (["Agent", "Date", "AHT"], ["Amelia Brown", "2024-03-13", 300]):
        first.append(row)
    second = book.create_sheet("Retention")
    for row in (["Agent", "Date", "AHT"], ["Farah Khan", "2024-03-13", 200], ["Hannah Schmidt", "2024-03-13", 250]):
        second.append(row)
    path = tmp_path / "teams.xlsx"
    book.save(path)
    dialog = open_dialog(page, path)
    assert dialog.sheet_combo.isVisible() and [dialog.sheet_combo.itemText(i) for i in range(2)] == [
        "Billing", "Retention"]
    assert dialog.plan.sheet == "Billing" and dialog.plan.figures == 1 and "sheet Billing" in dialog.info.text()
    dialog.sheet_combo.setCurrentIndex(1)
    dialog.sheet_combo.activated.emit(1)
    assert dialog.plan.sheet == "Retention" and dialog.plan.figures == 2
    dialog.accept()
    assert set(stored(ctx)) == {("Farah Khan", "AHT", D13, D13), ("Hannah Schmidt", "AHT", D13, D13)}


def test_ctrl_i_and_a_dropped_file_open_the_import(qtbot, window, tmp_path, monkeypatch):
    path = write(tmp_path, WIDE)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    page = window.show_page("kpis")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.dialog, KpiImportDialog) and page.dialog.path == path
    page.dialog.reject()
    people = window.show_page("people")  # on the People page, Ctrl+I is still the roster import
    people.table.setFocus()
    qtbot.keyClick(people.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(people.dialog, RosterDialog) and people.dialog.path == path
    people.dialog.reject()

    window.show_page("kpis")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.pdf"))])
    enter = QDragEnterEvent(page.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    page.dragEnterEvent(enter)
    assert not enter.isAccepted()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(page.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    page.dragEnterEvent(enter)
    assert enter.isAccepted()
    page.dialog = None
    drop = QDropEvent(QPointF(page.rect().center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert isinstance(page.dialog, KpiImportDialog) and page.dialog.plan.figures == 9
    page.dialog.reject()


def test_the_page_lists_stored_figures_per_kpi(page, ctx, tmp_path):
    assert page.tabs.totals_model.rowCount() == 0 and page.cards["figures"].value_text() == "0"
    assert page.tabs.history_note.text().startswith("Nothing imported yet")
    kpis_api.import_file(ctx.db, write(tmp_path, WIDE), kpis_api.ImportOptions(auto=True, create_agents=True))
    page.refresh()
    page.tabs.setCurrentIndex(FIGURES)  # the per-KPI table is read when its tab is shown
    totals = page.tabs.totals_model
    assert {totals.row_at(r).code: totals.row_at(r).figures for r in range(totals.rowCount())} == {
        "AHT": 3, "CSAT": 3, "ANSWERED": 3}
    assert page.cards["people"].value_text() == "3" and page.cards["kpis"].value_text() == "3"
    page.tabs.span.setCurrentIndex(1)  # the last 30 days: the file's days are long past
    assert page.tabs.totals_model.rowCount() == 0 and page.tabs.figures_note.text() == "No figures stored for these days."


@pytest.mark.usefixtures("en_gb")
def test_the_cards_need_no_count_per_kpi_and_the_table_is_read_when_its_tab_is_shown(page, ctx, tmp_path,
                                                                                    monkeypatch):
    reads = []
    overview = kpis_api.figures_overview
    monkeypatch.setattr(kpis_api, "figures_overview", lambda *a, **k: reads.append(a[1:]) or overview(*a, **k))
    kpis_api.import_file(ctx.db, write(tmp_path, WIDE), kpis_api.ImportOptions(auto=True, create_agents=True))
    page.refresh()
    assert reads == [] and page.tabs.totals_model.rowCount() == 0
    assert [page.cards[key].value_text() for key in ("figures", "people", "kpis", "last")] == [
        "9", "3", "3", "14/03/2024"]
    assert page.tabs.figures_note.text() == "9 figures about 3 people, 13/03/2024 to 14/03/2024."
    page.tabs.setCurrentIndex(FIGURES)
    assert reads == [(None,)] and page.tabs.totals_model.rowCount() == 3
    page.tabs.setCurrentIndex(HISTORY)
    page.tabs.setCurrentIndex(FIGURES)  # nothing changed: no second count
    assert len(reads) == 1
    page.refresh()  # shown: read again at once
    assert len(reads) == 2
    page.tabs.setCurrentIndex(HISTORY)
    kpis_api.undo_batch(ctx.db, list_batches(ctx.db)[0].uuid)
    page.refresh()
    assert len(reads) == 2 and page.cards["figures"].value_text() == "0" and page.tabs.totals_model.rowCount() == 3
    page.tabs.setCurrentIndex(FIGURES)  # stale since the refresh: counted when shown
    assert len(reads) == 3 and page.tabs.totals_model.rowCount() == 0


def test_a_newer_read_overtakes_a_running_one_on_real_threads(page, ctx, qtbot, tmp_path):
    from coachdesk.ui import tasks

    text = "Agent,Date,AHT\n" + "".join(f"Amelia Brown,{date.fromordinal(738000 + i):%d/%m/%Y},{100 + i % 400}\n"
                                        for i in range(12000))
    tasks.set_synchronous(False)
    try:
        dialog = page.open_file(write(tmp_path, text, "threads.csv"))
        assert dialog.busy == "preview" and dialog.cancel_button.isVisible()
        dialog.choose_date_order("mdy")  # as the radio button does
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
        assert tasks.wait_for_all(30_000)
        qtbot.wait(50)  # let the first read's late signals arrive: they must be ignored
        assert dialog.plan.date_order == "mdy" and dialog.plan.problems  # 13/01/... is no month/day date
        assert not dialog.import_button.isEnabled() and not dialog.progress.isVisible()
    finally:
        tasks.set_synchronous(True)


def test_the_page_loads_without_the_import_machinery():
    """The import dialog, its widgets and services load with the first import, not with the page (hundreds of ms)."""
    import subprocess
    import sys

    code = ("import sys\nfrom coachdesk.ui.pages.kpis_page import KpisPage\n"
            "from coachdesk.services import kpis\nkpis.list_saved_mappings, kpis.figures_summary, kpis.list_batches\n"
            "print(sorted(m for m in sys.modules if m.startswith('coachdesk.') and ('kpi_import' in m or 'preview' in m "
            "or m.endswith(('kpi_mappings', 'importers.mapping', 'importers.shapes')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip() == "[]", out
