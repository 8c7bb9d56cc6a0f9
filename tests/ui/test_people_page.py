"""The People page and its dialogs, driven with the keyboard offscreen; its table models tested without widgets."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402

from coachdesk.domain.enums import MembershipRole, Role  # noqa: E402
from coachdesk.services import people as pa  # noqa: E402
from coachdesk.services import people as people_api  # noqa: E402
from coachdesk.services.people import (  # noqa: E402
    MembershipLine,  # noqa: E402
    PersonRow,
    TeamRow,
)
from coachdesk.services.people.roster_import import CREATE, UNCHANGED, PlannedRow, RosterProblem, RosterRow  # noqa: E402
from coachdesk.ui import tasks  # noqa: E402
from coachdesk.ui.dialogs.person_dialog import PersonDialog  # noqa: E402
from coachdesk.ui.dialogs.roster_dialog import RosterDialog  # noqa: E402
from coachdesk.ui.dialogs.team_dialog import TeamDialog  # noqa: E402
from coachdesk.ui.models.people_models import (  # noqa: E402
    ROW_ROLE,
    SORT_ROLE,
    MembershipLinesModel,
    PeopleModel,
    RosterProblemsModel,
    RosterRowsModel,
    SortProxy,
    TeamsTableModel,
)
from coachdesk.ui.pages.people_page import PeoplePage  # noqa: E402
from tests.ui.locales import en_gb  # noqa: E402, F401 - a fixture
from tests.ui.naming import unnamed_widgets  # noqa: E402


@pytest.fixture(autouse=True)
def synchronous():
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture
def page(qtbot, ctx):
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def names(page: PeoplePage) -> list[str]:
    model = page.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def timers_run(qtbot) -> bool:
    """False when an earlier test left the shared QApplication unable to fire timers (seen after run_gui tests)."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.wait(20)
    return bool(fired)




# -- models without widgets -------------------------------------------------------------------------------------------

def test_people_model_columns_sort_role_and_dimming(qapp):
    model = PeopleModel(detail=True)
    rows = [PersonRow("1", "Zoë Ade", None, (Role.AGENT,), True, "zoe@example.com"),
            PersonRow("2", "ann lee", "Alpha", (Role.TEAM_LEADER, Role.COACH), False, None)]
    model.set_rows(rows)
    assert model.columnCount() == 5 and model.rowCount() == 2
    assert model.headerData(PeopleModel.EMAIL, Qt.Orientation.Horizontal) == "E-mail"
    assert model.index(1, PeopleModel.ROLES).data() == "Team leader, Coach"
    assert model.index(1, PeopleModel.STATUS).data() == "Inactive"
    assert model.index(0, PeopleModel.NAME).data(SORT_ROLE) == "zoe ade"
    assert model.index(1, 0).data(ROW_ROLE) is rows[1]
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.row_of_uuid("2") == 1


def test_sort_proxy_orders_tuple_keys(qapp):
    model = TeamsTableModel()
    model.set_rows([TeamRow("a", "Tech", 1, (), True), TeamRow("b", "Billing", 2, ("Bo",), True),
                    TeamRow("c", "Archive", 0, (), False), TeamRow("d", "retention", 5, (), True)])
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(TeamsTableModel.NAME)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["Billing", "retention", "Tech", "Archive (inactive)"]
    proxy.sort(TeamsTableModel.MEMBERS, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, TeamsTableModel.MEMBERS).data() for r in range(4)] == ["5", "2", "1", "0"]


def test_line_models_add_replace_remove_with_targeted_signals(qapp):
    model = MembershipLinesModel()
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row(), b.column())))
    model.append_row(MembershipLine("t", MembershipRole.LEADER, date(2024, 1, 1), team_name="Alpha"))
    from coachdesk.ui.kit.words import date_text

    assert [model.index(0, c).data() for c in range(4)] == ["Alpha", "Leader", date_text(date(2024, 1, 1)), "(open)"]
    model.replace_row(0, MembershipLine("t", MembershipRole.LEADER, None, date(2000, 1, 1), team_name="Alpha"))
    assert changed == [(0, 0, 3)]
    assert model.index(0, MembershipLinesModel.START).data() == "(from the start)"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).italic()  # ended: dimmed
    model.remove_row(0)
    assert model.rowCount() == 0


def test_line_models_sort_periods_by_the_day_not_its_text(qapp, en_gb):  # noqa: ANN001, F811
    model = MembershipLinesModel()
    for start, end in ((date(2026, 2, 1), None), (date(2026, 1, 15), date(2026, 3, 9)), (None, date(2025, 12, 31))):
        model.append_row(MembershipLine("t", MembershipRole.MEMBER, start, end, team_name="Alpha"))
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(MembershipLinesModel.START)  # "01/02/2026" sorts before "15/01/2026" as text
    assert [proxy.index(r, MembershipLinesModel.START).data() for r in range(3)] == [
        "(from the start)", "15/01/2026", "01/02/2026"]
    proxy.sort(MembershipLinesModel.END)
    assert [proxy.index(r, MembershipLinesModel.END).data() for r in range(3)] == [
        "31/12/2025", "09/03/2026", "(open)"]


def test_roster_models(qapp):
    row = RosterRow(line=7, display_name="Ann", email="ann@example.com", team="Alpha", role=Role.QUALITY_SPECIALIST)
    rows = RosterRowsModel()
    rows.set_rows([PlannedRow(row, CREATE, changes=("team Alpha",)),
                   PlannedRow(row, UNCHANGED, "u", "Ann", "email")])
    assert [rows.index(0, c).data() for c in range(rows.columnCount())] == [
        "7", "Ann", "New person", "Alpha", "Quality specialist", "ann@example.com", "team Alpha"]
    assert rows.index(1, RosterRowsModel.ACTION).data() == "No change"
    assert rows.index(0, RosterRowsModel.LINE).data(SORT_ROLE) == 7
    problems = RosterProblemsModel()
    problems.set_rows([RosterProblem("r.csv", 0, "file", "the file is empty"), RosterProblem("r.csv", 3, "email", "x")])
    assert [problems.index(0, c).data() for c in range(3)] == ["(file)", "file", "the file is empty"]
    assert problems.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "r.csv row 3, field email: x"


# -- the page ---------------------------------------------------------------------------------------------------------

def test_page_lists_people_and_teams(page, sample):
    assert len(names(page)) == len(sample.agent_uuids) + len(sample.leader_uuids)
    assert page.teams_model.rowCount() == 2
    assert page.empty_label.text() == "People shown: 10"
    assert unnamed_widgets(page) == []


def test_table_headers_are_named(page):
    for table in (page.table, page.teams_table):
        for header in (table.horizontalHeader(), table.verticalHeader()):
            assert header.objectName().startswith(table.objectName()) and header.accessibleName(), header


def test_create_a_person_with_the_keyboard(page, qtbot):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, PersonDialog) and dialog.isVisible()
    assert unnamed_widgets(dialog) == []
    assert dialog.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Zoe Ade")  # QTest types ASCII only
    for _field in ("first name", "last name", "e-mail"):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.email_edit
    qtbot.keyClicks(dialog.email_edit, "zoe@")
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)
    assert dialog.isVisible(), "a refused save keeps the dialog open"
    assert "E-mail: 'zoe@' is not an e-mail address." in dialog.banner.text()
    assert dialog.name_edit.text() == "Zoe Ade"
    qtbot.keyClicks(dialog.email_edit, "example.com")
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert "Zoe Ade" in names(page)
    assert page.current_person().display_name == "Zoe Ade"
    assert page.message.text() == "Saved Zoe Ade."


def test_dialog_adds_roles_and_moves_teams(page, qtbot, ctx, sample):
    uuid = sample.agent_uuids["Amelia Brown"]
    page.select_person(uuid)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = page.dialog
    assert dialog.detail.uuid == uuid and dialog.name_edit.text() == "Amelia Brown"
    dialog.membership_date.setText("2025-02-01")
    dialog.team_combo.setCurrentIndex(dialog.team_combo.findText("Retention"))
    dialog.add_membership()
    assert [(m.team_name, m.end_date) for m in dialog.membership_model.rows()] == [
        ("Billing", date(2025, 1, 31)), ("Retention", None)]
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.COACH))
    dialog.role_date.setText("2025-02-01")
    dialog.add_role()
    dialog.alias_edit.setText("Millie")
    dialog.add_alias()
    dialog.system_combo.setCurrentText("payroll")
    dialog.id_edit.setText("P-77")
    dialog.add_external_id()
    dialog.accept()
    assert not dialog.isVisible()
    detail = pa.person_detail(ctx.db, uuid)
    assert [m.team_name for m in detail.memberships] == ["Billing", "Retention"]
    assert {r.role for r in detail.roles} == {Role.AGENT, Role.COACH}
    assert detail.aliases == ("Millie",) and ("payroll", "P-77") in detail.external_ids


def test_dialog_shows_conflicts_and_keeps_what_was_typed(page, qtbot, ctx, sample):
    uuid = sample.agent_uuids["Farah Khan"]
    page.select_person(uuid)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, PersonDialog) and dialog.detail.uuid == uuid
    other = pa.person_detail(ctx.db, uuid)
    pa.update_person(ctx.db, uuid, other.to_input(), other.version)  # someone else saves meanwhile
    dialog.notes_edit.setPlainText("my notes")
    from tests.ui.test_conflict_dialog import CANCEL, answer_conflict  # the conflict dialog: back to editing

    answer_conflict(CANCEL, [])
    dialog.accept()
    assert dialog.isVisible() and "changed by someone else" in dialog.banner.text()
    assert dialog.notes_edit.toPlainText() == "my notes"


def test_dialog_sends_the_cursor_to_the_wrong_field(page):
    dialog = page.new_person()
    dialog.name_edit.setText("Ann")
    dialog.to_edit.setText("2024-13")
    dialog.accept()
    assert dialog.isVisible() and "Active to: '2024-13' is not a date" in dialog.banner.text()
    assert dialog.focusWidget() is dialog.to_edit
    dialog.to_edit.clear()
    dialog.role_date.setText("2024-05-01")
    dialog.add_role()
    dialog.role_table.selectRow(0)
    dialog.role_date.setText("2024-04-01")
    dialog.end_role()
    assert "before the start date" in dialog.banner.text()
    assert dialog.tabs.currentIndex() == 1


def test_search_filters_instantly_and_show_inactive(page, qtbot, ctx, sample):
    qtbot.keyClicks(page.search, "okaf")
    assert page._search_timer.isActive()  # typing refreshes after a short pause, not on every key
    search_done = qtbot.waitUntil if timers_run(qtbot) else (lambda check, timeout: page.refresh_people())
    search_done(lambda: names(page) == ["Daniel Okafor"], timeout=2000)
    assert names(page) == ["Daniel Okafor"]
    page.search.clear()
    qtbot.keyClicks(page.search, "dan okafor")  # an alias
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Return searches at once
    assert names(page) == ["Daniel Okafor"]
    page.search.clear()
    page.refresh_people()
    page.team_filter.setCurrentIndex(page.team_filter.findText("Retention"))
    assert "Amelia Brown" not in names(page) and "Bartłomiej Nowak" in names(page)
    page.team_filter.setCurrentIndex(0)
    page.select_person(sample.agent_uuids["George Ellis"])
    page.deactivate_person(confirm=False)
    assert "George Ellis" not in names(page)
    page.inactive_check.setChecked(True)
    assert "George Ellis" in names(page)
    page.search.setText("zzzz")
    page.refresh_people()
    assert names(page) == [] and "Nobody matches" in page.empty_label.text()


def test_teams_new_rename_deactivate(page, ctx):
    dialog = page.new_team()
    assert isinstance(dialog, TeamDialog) and unnamed_widgets(dialog) == []
    dialog.name_edit.setText("billing")
    dialog.accept()
    assert dialog.isVisible() and "already exists" in dialog.banner.text()
    dialog.name_edit.setText("Collections")
    dialog.cadence_spin.setValue(21)
    dialog.accept()
    assert not dialog.isVisible()
    assert page.current_team().name == "Collections"
    edit = page.edit_team()
    assert edit.cadence_spin.value() == 21
    edit.name_edit.setText("Collections East")
    edit.accept()
    page.toggle_team_active(confirm=False)
    assert "Collections East" not in {t.name for t in people_api.list_teams(ctx.db)}
    page.inactive_check.setChecked(True)
    page.select_team(edit.detail.uuid)
    assert page.team_active_action.text() == "Reacti&vate team"
    page.toggle_team_active()
    assert "Collections East" in {t.name for t in people_api.list_teams(ctx.db)}


def test_import_roster_through_the_preview_dialog(page, qtbot, ctx, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Agent name;E-mail;ACD ID;Team;Role\nNia Obi;nia@example.com;ACD2001;Collections;agent\n"
                    "Amelia Brown;;ACD1000;Retention;agent\nOmar Ali;omar@;;Billing;TL\n", encoding="utf-8")
    dialog = page.open_roster(path)
    assert isinstance(dialog, RosterDialog) and dialog.isVisible()
    assert unnamed_widgets(dialog) == []
    assert not dialog.import_button.isEnabled()
    assert dialog.problems_model.rowCount() == 1 and dialog.problems_box.isVisible()
    assert "row 4, field email" in str(dialog.problems_model.row_at(0))

    path.write_text(path.read_text(encoding="utf-8").replace("omar@", "omar@example.com"), encoding="utf-8")
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.problems_box.isHidden() and dialog.import_button.isEnabled()
    assert [dialog.rows_model.index(r, 2).data() for r in range(3)] == [
        "New person", "Update (matched by acd id)", "New person"]
    assert "New teams: Collections." in dialog.summary.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result.created == 2 and dialog.result.updated == 1
    assert {"Nia Obi", "Omar Ali"} <= set(names(page))
    assert "Collections" in {page.teams_model.row_at(r).name for r in range(page.teams_model.rowCount())}
    assert page.message.text().startswith("Roster roster.csv imported. New people: 2")
    assert people_api.resolve_person(ctx.db, "Amelia Brown").team == "Retention"


def test_roster_dialog_date_order_choice_re_reads(page, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Name,Start date\nNia Obi,03/04/2024\n", encoding="utf-8")
    dialog = page.open_roster(path)
    assert not dialog.import_button.isEnabled() and "could be 3 April" in dialog.problems_model.row_at(0).reason
    dialog.order_combo.setCurrentIndex(dialog.order_combo.findData("mdy"))
    assert dialog.import_button.isEnabled() and "month/day/year" in dialog.summary.text()
    dialog.accept()
    row = people_api.resolve_person(page.ctx.db, "Nia Obi")
    assert pa.person_detail(page.ctx.db, row.uuid).active_from == date(2024, 3, 4)


def test_search_mnemonic_type_arrow_and_enter_opens_the_person(page, qtbot):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # the Sea&rch label's mnemonic
    assert page.focusWidget() is page.search
    qtbot.keyClicks(page.search, "chlo")
    page.refresh_people()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.current_person().display_name == "Chloé Martin"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog.name_edit.text() == "Chloé Martin"
    page.dialog.reject()
