"""The People page: everyone and every team, with instant search, editing, deactivation and roster import."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import people as people_api
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import people
from coachdesk.ui.dialogs.erase_person_dialog import ErasePersonDialog, export_person_data
from coachdesk.ui.dialogs.person_dialog import PersonDialog
from coachdesk.ui.dialogs.team_dialog import TeamDialog
from coachdesk.ui.kit import changes, forms
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.tables import table_view
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.models.people_models import PeopleModel, PeoplePages, SortProxy, TeamsTableModel
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.page import Page
from coachdesk.ui.widgets.search_field import SearchField

if TYPE_CHECKING:  # the roster dialog (and the roster importer) loads when a roster is opened, not with the page
    from coachdesk.ui.dialogs.roster_dialog import RosterDialog


class PeoplePage(Page):
    #: a person or team was saved, deactivated or imported (other pages' people lists are now out of date)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("People"), self.tr("Everyone CoachDesk knows, with their teams and roles."), parent,
                         name="peoplePage")
        self.ctx = ctx
        self.dialog: Any = None
        #: everyone, read a page at a time (the database searches, filters and sorts)
        self.people_model = PeoplePages(people.query(), parent=self, detail=True)
        people.serve_pages(self, ctx, self.people_model)
        self.people_model.loaded.connect(self._show_people)
        #: the person to select once the rows that hold them come (the one just saved, or the one selected)
        self._select_when_loaded: str | None = None
        self.teams_model = TeamsTableModel(parent=self)
        self.teams_proxy = self._proxy(self.teams_model)
        self._build_actions()
        self.body.addLayout(self._build_filters())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("peopleSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_people_side())
        self.splitter.addWidget(self._build_teams_side())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.body.addWidget(self.splitter, 1)
        self.message = muted_label("", self, name="peopleMessage")
        self.body.addWidget(self.message)
        self.setTabOrder(self.search, self.team_filter)
        self.setTabOrder(self.team_filter, self.inactive_check)
        self.setTabOrder(self.inactive_check, self.table)
        self.refresh()

    # -- building ----------------------------------------------------------------------------------------------------
    def _proxy(self, model: Any) -> QSortFilterProxyModel:
        proxy = SortProxy(self)
        proxy.setSourceModel(model)
        return proxy

    def _build_actions(self) -> None:
        self.new_person_action = forms.action(self, self.tr("&New person"), "actionNewPerson", self.new_person,
                                              "Ctrl+N", local=True)
        self.edit_person_action = forms.action(self, self.tr("&Edit"), "actionEditPerson", self.edit_person, "F2",
                                               local=True)
        self.deactivate_action = forms.action(self, self.tr("&Deactivate…"), "actionDeactivatePerson",
                                              self.deactivate_person, "Ctrl+Shift+D", "Del", local=True)
        self.new_team_action = forms.action(self, self.tr("New &team"), "actionNewTeam", self.new_team,
                                            "Ctrl+Shift+N", local=True)
        self.edit_team_action = forms.action(self, self.tr("Edit te&am"), "actionEditTeam", self.edit_team, local=True)
        self.team_active_action = forms.action(self, self.tr("Deacti&vate team…"), "actionToggleTeam",
                                               self.toggle_team_active, local=True)
        self.import_action = forms.action(self, self.tr("&Import roster…"), "actionImportRoster", self.import_roster,
                                          "Ctrl+I", local=True)
        self.export_person_action = forms.action(self, self.tr("E&xport person's data…"), "actionExportPersonData",
                                                 self.export_person_data, "Ctrl+Shift+E", local=True)
        self.erase_person_action = forms.action(self, self.tr("E&rase personal data…"), "actionErasePersonData",
                                                self.erase_person_data, local=True)

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.search = SearchField(self.tr("Search by name, alias, e-mail or id"), self, name="peopleSearch")
        #: typing refreshes the list once it pauses (the kit's one pause); Return refreshes at once
        self._search_timer = forms.debounced(self.search, forms.SEARCH_PAUSE_MS, self.refresh_people)
        self.search.returnPressed.connect(self.refresh_people)
        search_label = QLabel(self.tr("Sea&rch:"), self)
        search_label.setBuddy(self.search)
        self.team_filter = QComboBox(self)
        self.team_filter.setObjectName("peopleTeamFilter")
        self.team_filter.setAccessibleName(self.tr("Show the people of one team"))
        self.team_filter.setMinimumContentsLength(14)
        self.team_filter.currentIndexChanged.connect(lambda _index: self.refresh_people())
        team_label = QLabel(self.tr("Tea&m:"), self)
        team_label.setBuddy(self.team_filter)
        self.inactive_check = QCheckBox(self.tr("&Show inactive"), self)
        self.inactive_check.setObjectName("peopleShowInactive")
        self.inactive_check.setAccessibleName(self.tr("Show inactive people and teams"))
        self.inactive_check.toggled.connect(self.refresh)
        for widget in (search_label, self.search):
            row.addWidget(widget)
        row.setStretchFactor(self.search, 1)
        for widget in (team_label, self.team_filter, self.inactive_check):
            row.addWidget(widget)
        return row

    def _table(self, parent: QWidget, name: str, accessible: str, proxy: QSortFilterProxyModel,
               sort_column: int) -> QTableView:
        return table_view(parent, name, accessible, proxy.sourceModel(), proxy=proxy, sort_column=sort_column,
                          stretch=None, fit=False)

    def _build_people_side(self) -> QWidget:
        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 8, 0)
        buttons = QHBoxLayout()
        self.new_person_button = forms.action_button(self, self.new_person_action, "peopleNewPerson")
        self.edit_person_button = forms.action_button(self, self.edit_person_action, "peopleEditPerson")
        self.deactivate_button = forms.action_button(self, self.deactivate_action, "peopleDeactivatePerson")
        self.import_button = forms.action_button(self, self.import_action, "peopleImportRoster")
        self.data_button = self._data_button()
        for button in (self.new_person_button, self.edit_person_button, self.deactivate_button, self.data_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        self.table = table_view(side, "peopleTable", self.tr("People"), self.people_model,
                                sort_column=PeopleModel.NAME, stretch=None, fit=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PeopleModel.EMAIL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((PeopleModel.NAME, 190), (PeopleModel.TEAM, 130),
                              (PeopleModel.ROLES, 150), (PeopleModel.STATUS, 80)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda _index: self.edit_person())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.search.target = self.table
        layout.addWidget(self.table, 1)
        self.empty_label = muted_label("", side, name="peopleEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)
        return side

    def _build_teams_side(self) -> QWidget:
        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(8, 0, 0, 0)
        heading = QLabel(self.tr("Teams"), side)
        heading.setFont(scaled_font(heading.font(), 1.15, bold=True))
        layout.addWidget(heading)
        self.teams_table = self._table(side, "peopleTeamsTable", self.tr("Teams"), self.teams_proxy,
                                       TeamsTableModel.NAME)
        header = self.teams_table.horizontalHeader()
        header.setSectionResizeMode(TeamsTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TeamsTableModel.MEMBERS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TeamsTableModel.LEADERS, QHeaderView.ResizeMode.Stretch)
        self.teams_table.activated.connect(lambda _index: self.edit_team())
        self.teams_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        layout.addWidget(self.teams_table, 1)
        buttons = QHBoxLayout()
        self.new_team_button = forms.action_button(self, self.new_team_action, "peopleNewTeam")
        self.edit_team_button = forms.action_button(self, self.edit_team_action, "peopleEditTeam")
        self.team_active_button = forms.action_button(self, self.team_active_action, "peopleToggleTeam")
        for button in (self.new_team_button, self.edit_team_button, self.team_active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return side

    # -- loading -----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_teams()
        self.refresh_people()

    def refresh_teams(self) -> None:
        people.teams(self, self.ctx, self._show_teams, include_inactive=self.inactive_check.isChecked())

    def _show_teams(self, teams: list) -> None:
        selected = self.current_team_uuid()
        self.teams_model.set_rows(teams)
        self.select_team(selected)
        chosen = self.team_filter.currentData()
        self.team_filter.blockSignals(True)
        self.team_filter.clear()
        self.team_filter.addItem(self.tr("All teams"), None)
        for team in teams:
            self.team_filter.addItem(team.name, team.uuid)
        index = self.team_filter.findData(chosen)
        self.team_filter.setCurrentIndex(max(index, 0))
        self.team_filter.blockSignals(False)

    def refresh_people(self, reaching: str | None = None) -> None:
        """Read the list again from its first page, as far as ``reaching`` or the person selected."""
        self._search_timer.stop()
        self._select_when_loaded = reaching or self.current_person_uuid()
        self.people_model.load(reaching=self._select_when_loaded, search=self.search.text().strip(),
                               include_inactive=self.inactive_check.isChecked(),
                               team_uuid=self.team_filter.currentData())

    def _show_people(self, first: bool) -> None:
        if first:
            wanted, self._select_when_loaded = self._select_when_loaded, None
            self.select_person(wanted, focus=False)
        self._update_empty_state()
        self._update_actions()

    def _update_empty_state(self) -> None:
        count = self.people_model.total
        if count:
            self.empty_label.setText(self.tr("People shown: {count}").format(count=count))
        elif self.search.text().strip() or self.team_filter.currentData():
            self.empty_label.setText(self.tr("Nobody matches. Clear the search or pick All teams."))
        else:
            self.empty_label.setText(self.tr("No people yet. Add someone with New person (Ctrl+N), or import a "
                                             "roster (Ctrl+I)."))

    def _update_actions(self) -> None:
        person = self.current_person()
        self.edit_person_action.setEnabled(person is not None)
        self.deactivate_action.setEnabled(person is not None and person.is_active)
        self.export_person_action.setEnabled(person is not None)
        self.erase_person_action.setEnabled(person is not None)
        team = self.current_team()
        self.edit_team_action.setEnabled(team is not None)
        self.team_active_action.setEnabled(team is not None)
        self.team_active_action.setText(self.tr("Reacti&vate team") if team is not None and not team.is_active
                                        else self.tr("Deacti&vate team…"))

    # -- selection ---------------------------------------------------------------------------------------------------
    def current_person(self) -> people_api.PersonRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.people_model.row_at(index.row())

    def current_person_uuid(self) -> str | None:
        person = self.current_person()
        return person.uuid if person else None

    def select_person(self, uuid: str | None, focus: bool = True) -> bool:
        row = self.people_model.row_of_uuid(uuid) if uuid else -1
        if row < 0:
            return False
        index = self.people_model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        if focus:
            self.table.setFocus()
        return True

    def current_team(self) -> people_api.TeamRow | None:
        index = self.teams_table.currentIndex()
        if not index.isValid() or not self.teams_table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.teams_model.row_at(self.teams_proxy.mapToSource(index).row())

    def current_team_uuid(self) -> str | None:
        team = self.current_team()
        return team.uuid if team else None

    def select_team(self, uuid: str | None) -> None:
        row = self.teams_model.row_of_uuid(uuid) if uuid else -1
        if row >= 0:
            index = self.teams_proxy.mapFromSource(self.teams_model.index(row, 0))
            self.teams_table.setCurrentIndex(index)
            self.teams_table.selectRow(index.row())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def visible_count(self) -> int:
        """How many people the list holds with its search and filters (read so far or not)."""
        return self.people_model.total

    # -- actions -----------------------------------------------------------------------------------------------------
    def new_person(self) -> PersonDialog:
        return self._open(PersonDialog(self.ctx, None, self), self._person_saved)

    def edit_person(self) -> PersonDialog | None:
        uuid = self.current_person_uuid()
        return self._open(PersonDialog(self.ctx, uuid, self), self._person_saved) if uuid else None

    def _person_saved(self, row: people_api.PersonRow) -> None:
        self.refresh_teams()
        self.refresh_people(reaching=row.uuid)
        self.table.setFocus()
        if not row.is_active and not self.inactive_check.isChecked():
            self.show_message(self.tr("Saved {name}, who is inactive: tick Show inactive to see them.")
                              .format(name=row.display_name))
            return
        self.show_message(self.tr("Saved {name}.").format(name=row.display_name))

    def deactivate_person(self, confirm: bool = True) -> None:
        person = self.current_person()
        if person is None:
            return
        last_day = date.today() - timedelta(days=1)
        if confirm and QMessageBox.question(
                self, self.tr("Deactivate"),
                self.tr("Deactivate {name} now? Their last active day, and the end of their roles and team "
                        "memberships, becomes {day} (yesterday). Their records stay.").format(
                    name=person.display_name, day=date_text(last_day))) != QMessageBox.StandardButton.Yes:
            return
        def done(_result: object) -> None:
            self.refresh()
            self.show_message(self.tr("{name} is now inactive.").format(name=person.display_name))

        people.deactivate_person(self, self.ctx, person.uuid, last_day, done)

    def _data_button(self) -> QPushButton:
        """"Personal data" menu: export a person's data (subject access) or erase it."""
        button = QPushButton(self.tr("Personal &data"), self)  # the menu adds its own arrow
        button.setObjectName("peoplePersonalData")
        button.setAccessibleName(self.tr("Personal data"))
        button.setAutoDefault(False)
        menu = QMenu(button)
        menu.setObjectName("peoplePersonalDataMenu")
        menu.addActions([self.export_person_action, self.erase_person_action])
        button.setMenu(menu)
        return button

    def export_person_data(self, path: str | None = None) -> Any:
        person = self.current_person()
        if person is None:
            return None
        return export_person_data(self, self.ctx, person.uuid, person.display_name, self.show_message, path)

    def erase_person_data(self) -> ErasePersonDialog | None:
        person = self.current_person()
        return self._open(ErasePersonDialog(self.ctx, person.uuid, self), self._person_erased,
                          signal="erased") if person else None

    def _person_erased(self, report: Any) -> None:
        self.refresh()
        self.show_message(" ".join(report.lines()))

    def new_team(self) -> TeamDialog:
        return self._open(TeamDialog(self.ctx, None, self), self._team_saved)

    def edit_team(self) -> TeamDialog | None:
        uuid = self.current_team_uuid()
        return self._open(TeamDialog(self.ctx, uuid, self), self._team_saved) if uuid else None

    def _team_saved(self, row: people_api.TeamRow) -> None:
        self.refresh()
        self.select_team(row.uuid)
        self.show_message(self.tr("Saved team {name}.").format(name=row.name))

    def toggle_team_active(self, confirm: bool = True) -> None:
        team = self.current_team()
        if team is None:
            return
        if team.is_active:
            last_day = date.today() - timedelta(days=1)
            if confirm and QMessageBox.question(
                    self, self.tr("Deactivate team"),
                    self.tr("Deactivate {team} now? Its {count} current memberships end on {day} (yesterday).").format(
                        team=team.name, count=team.members + len(team.leaders), day=date_text(last_day)),
            ) != QMessageBox.StandardButton.Yes:
                return

        def done(_row: object) -> None:
            self.refresh()
            self.show_message(self.tr("Team {team} is now {state}.").format(
                team=team.name, state=self.tr("active") if not team.is_active else self.tr("inactive")))

        people.set_team_active(self, self.ctx, team.uuid, not team.is_active, done,
                               **({"on": last_day} if team.is_active else {}))

    def import_roster(self) -> RosterDialog | None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import roster"), str(Path.home()),
                                                    self.tr("Roster files (*.csv *.txt);;All files (*)"))
        return self.open_roster(path) if path else None

    def open_roster(self, path: str | Path) -> RosterDialog:
        """The preview dialog for ``path``; Import in it runs the import off the GUI thread."""
        from coachdesk.ui.dialogs.roster_dialog import RosterDialog

        return self._open(RosterDialog(self.ctx, path, self), self._roster_imported, signal="imported")

    def _roster_imported(self, result: Any) -> None:
        from coachdesk.ui.dialogs.roster_dialog import describe_result

        changes.announce([Kind.PERSON, Kind.TEAM])
        self.refresh()
        self.show_message(describe_result(result))

    def _open(self, dialog: Any, on_done: Any, signal: str = "saved") -> Any:
        """Open ``dialog`` window-modal without blocking (tests drive it directly) and keep a reference."""
        self.dialog = dialog
        getattr(dialog, signal).connect(on_done)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
