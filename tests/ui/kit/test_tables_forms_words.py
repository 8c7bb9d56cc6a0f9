"""The one table (sorting by the sort role, elided text with its tooltip, naming), the form parts and the words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QStyleOptionViewItem, QWidget

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.domain.errors import CoachDeskError
from coachdesk.domain.objectives import Band
from coachdesk.services.people import InvalidField
from coachdesk.ui.kit import forms, tables, words
from tests.ui.naming import unnamed_widgets


@dataclass(frozen=True)
class Row:
    uuid: str
    name: str
    calls: int


class CallsModel(tables.RowTableModel):
    NAME, CALLS = range(2)
    COLUMNS = (tables.Column("Name", lambda r: r.name),
               tables.Column("Calls", lambda r: str(r.calls), lambda r: r.calls, align_right=True))


ROWS = [Row("a", "beatrice", 9), Row("b", "Adam", 10), Row("c", "Zoë", 100)]


def test_table_sorts_through_the_sort_role_numbers_as_numbers(qtbot) -> None:  # noqa: ANN001
    view = tables.table_view(None, "callsTable", "Calls", CallsModel(ROWS), sort_column=CallsModel.CALLS)
    qtbot.addWidget(view)
    shown = [view.model().index(r, 0).data() for r in range(3)]
    assert shown == ["beatrice", "Adam", "Zoë"]  # 9 < 10 < 100, not "10" < "100" < "9"
    view.sortByColumn(CallsModel.NAME, Qt.SortOrder.AscendingOrder)
    assert [view.model().index(r, 0).data() for r in range(3)] == ["Adam", "beatrice", "Zoë"]  # folded case
    view.selectRow(0)
    assert tables.selected_row(view) == 1 and tables.selected_item(view) == ROWS[1]  # the model's own row


def test_rows_answer_their_roles_and_turn_the_others_away() -> None:
    class Tipped(CallsModel):
        COLUMNS = (CallsModel.COLUMNS[0], tables.Column("Calls", lambda r: str(r.calls), lambda r: r.calls,
                                                        align_right=True, tooltip=lambda r: f"{r.calls} calls"))

    model = Tipped(ROWS)
    calls, name = model.index(2, CallsModel.CALLS), model.index(2, CallsModel.NAME)
    assert model.data(calls) == "100" and model.data(calls, Qt.ItemDataRole.AccessibleTextRole) == "100"
    assert model.data(calls, tables.SORT_ROLE) == 100 and model.data(name, tables.SORT_ROLE) == "zoë"
    assert model.data(calls, tables.ROW_ROLE) == ROWS[2] and model.data(calls, tables.UUID_ROLE) == "c"
    assert model.data(calls, Qt.ItemDataRole.ToolTipRole) == "100 calls"
    assert model.data(name, Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(calls, Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight
                                                                       | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(name, Qt.ItemDataRole.TextAlignmentRole) is None
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole,
                 Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole,
                 Qt.ItemDataRole.EditRole, tables.UUID_ROLE + 1):
        assert model.data(calls, role) is None
    assert model.data(model.index(3, 0)) is None and model.data(model.index(3, 0), tables.ROW_ROLE) is None


def test_table_without_sorting_keeps_the_model_order_and_is_named(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    view = tables.table_view(parent, "callsTable", "Calls", CallsModel(ROWS))
    assert view.model() is view.source and not view.isSortingEnabled()
    assert view.editTriggers() == view.EditTrigger.NoEditTriggers and not view.wordWrap()
    assert unnamed_widgets(parent) == [] and view.horizontalHeader().accessibleName() == "Calls columns"
    assert tables.selected_row(view) == -1 and tables.selected_item(view) is None


def test_elided_cells_know_their_full_text_is_hidden(qtbot) -> None:  # noqa: ANN001
    long = Row("d", "Bartłomiej Nowak-Wiśniewska of the Retention team", 1)
    view = tables.table_view(None, "callsTable", "Calls", CallsModel([long, ROWS[0]]), stretch=None, fit=False)
    qtbot.addWidget(view)
    view.resize(400, 200)
    view.setColumnWidth(0, 60)
    view.show()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(view.model().index(0, 0))
    assert tables.full_text_hidden(view, option, view.model().index(0, 0))
    view.setColumnWidth(0, 390)
    option.rect = view.visualRect(view.model().index(1, 0))
    assert not tables.full_text_hidden(view, option, view.model().index(1, 0))
    assert isinstance(view.itemDelegate(), tables.ElidingDelegate)
    assert view.textElideMode() == Qt.TextElideMode.ElideRight


def test_date_field_refuses_a_non_date_naming_the_field(qtbot) -> None:  # noqa: ANN001
    field = forms.DateField("dueDate", "Due date")
    qtbot.addWidget(field)
    assert field.date_value() is None
    field.set_date(date(2026, 2, 28))
    assert field.date_value() == date(2026, 2, 28)
    field.setText("2026-02-30")
    with pytest.raises(InvalidField) as caught:
        field.date_value()
    assert caught.value.field == "dueDate" and "Due date: '2026-02-30' is not a date" in str(caught.value)


@pytest.mark.parametrize(("language", "country", "shown", "typed"), [
    (QLocale.Language.English, QLocale.Country.UnitedKingdom, "28/02/2026", ["28/2/2026", "2026-02-28"]),
    (QLocale.Language.German, QLocale.Country.Germany, "28.02.2026", ["28.2.2026", "2026-02-28"]),
    (QLocale.Language.English, QLocale.Country.UnitedStates, "2/28/2026", ["02/28/2026", "2026-02-28"]),
    (QLocale.Language.C, QLocale.Country.AnyCountry, "28 Feb 2026", ["28 feb 2026", "2026-02-28"]),
])
def test_date_field_shows_and_reads_the_day_as_every_screen_writes_it(qtbot, language, country, shown,  # noqa: ANN001
                                                                      typed) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(language, country))
    try:
        field = forms.DateField("dueDate", "Due date")
        qtbot.addWidget(field)
        field.set_date(date(2026, 2, 28))
        assert field.text() == shown == words.date_text(date(2026, 2, 28))
        assert words.date_text(date(date.today().year, 12, 31)) in field.placeholderText()
        for text in typed:
            field.setText(text)
            assert field.date_value() == date(2026, 2, 28), text
        field.setText("31/31/2026")
        with pytest.raises(InvalidField) as caught:
            field.date_value()
        assert f"write it as {field.example}" in str(caught.value)
    finally:
        QLocale.setDefault(before)


def test_error_banner_uses_the_operations_words(qtbot) -> None:  # noqa: ANN001
    banner = forms.ErrorBanner(None, "formError")
    qtbot.addWidget(banner)
    assert banner.text() == ""
    banner.show_error(CoachDeskError("The due date is before the start."))
    assert banner.text() == "The due date is before the start." and banner.accessibleName() == banner.text()
    banner.clear()
    assert banner.text() == "" and banner.isHidden()


def test_buttons_actions_and_dialog_buttons_are_named(qtbot) -> None:  # noqa: ANN001
    dialog = QDialog()
    qtbot.addWidget(dialog)
    clicks = []
    go = forms.button(dialog, "&Print…", "printButton", lambda: clicks.append("b"), shortcut="Ctrl+P")
    act = forms.action(dialog, "&Refresh", "refreshAction", lambda: clicks.append("a"), "F5")
    follower = forms.action_button(dialog, act, "refreshButton")
    box, save = forms.dialog_buttons(dialog, "thing", "&Keep")
    assert go.accessibleName() == "Print" and go.toolTip() == "Print (Ctrl+P)" and not go.autoDefault()
    assert act.toolTip() == "Refresh (F5)" and save.objectName() == "thingSave" and save.text() == "&Keep"
    go.click()
    follower.click()
    act.setEnabled(False)
    assert clicks == ["b", "a"] and not follower.isEnabled()
    assert unnamed_widgets(dialog) == []
    assert forms.plain("Roles && te&ams") == "Roles & teams"


def test_words_for_bands_roles_and_memberships() -> None:
    assert words.band_text(Band.BELOW) == "▼ Below" and words.band_label(None) == "No data"
    assert words.roles_text([Role.AGENT, Role.TEAM_LEADER]) == f"{Role.AGENT.label}, {Role.TEAM_LEADER.label}"
    assert words.membership_role_label(MembershipRole.LEADER) == "Leader"


@pytest.mark.parametrize(("seconds", "text"), [
    (59, "under a minute"), (60, "1 min"), (3599, "59 min"), (3600, "1 h"), (3660, "1 h 1 min"),
    (86399, "23 h 59 min"), (86400, "1 day 0 h"), (2 * 86400 + 3600, "2 days 1 h")])
def test_timeliness_boundaries(seconds: int, text: str) -> None:
    assert words.timeliness_text(timedelta(seconds=seconds)) == text
    assert words.timeliness_text(None) == "not delivered yet"


@pytest.mark.parametrize(("locale", "text"), [("en_GB", "06/12/2026"), ("en_US", "12/6/2026"),
                                              ("de_DE", "06.12.2026")])
def test_one_date_format_from_the_locale_with_four_digit_years(locale: str, text: str) -> None:
    assert words.date_text(date(2026, 12, 6), QLocale(locale)) == text


def test_instants_are_shown_in_local_time() -> None:
    instant = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    local = instant.astimezone()
    gb = QLocale("en_GB")
    assert words.when_text(instant, locale=gb) == f"{local:%d/%m/%Y} {local:%H:%M}"
    assert words.time_text(instant, seconds=True, locale=gb) == f"{local:%H:%M:%S}"
    assert words.date_text(None) == "" and words.when_text(None) == ""


def test_a_debounced_search_waits_for_a_pause_and_flush_runs_it_at_once(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLineEdit

    edit = forms.named(QLineEdit(), "someSearch", "Search")
    qtbot.addWidget(edit)
    ran: list[str] = []
    pause = forms.debounced(edit, 80, lambda: ran.append(edit.text()))
    assert pause.objectName() == "someSearchPause" and pause.interval() == 80
    qtbot.keyClicks(edit, "fara")
    assert ran == [] and pause.isActive()  # not once per key
    qtbot.waitUntil(lambda: ran == ["fara"], timeout=2000)  # once, after the pause, on the whole text
    qtbot.wait(150)
    assert ran == ["fara"]
    qtbot.keyClicks(edit, "h")
    assert pause.flush() is True and ran == ["fara", "farah"] and not pause.isActive()  # Enter: at once
    assert pause.flush() is False and ran == ["fara", "farah"]  # nothing pending: nothing runs
    qtbot.wait(150)
    assert ran == ["fara", "farah"]
