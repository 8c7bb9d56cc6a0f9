"""The person dialog: details, roles and team memberships over time, aliases and external ids; one save."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.services import people as people_api
from coachdesk.services.common import AppContext
from coachdesk.services.people import (
    KNOWN_SYSTEMS,
    MAX_CADENCE_DAYS,
    InvalidField,
    MembershipLine,
    PersonInput,
    RoleLine,
)
from coachdesk.ui.actions import people
from coachdesk.ui.kit import fit, forms, ops
from coachdesk.ui.kit.forms import DateField, ErrorBanner, field_error, named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.tables import selected_row, table_view
from coachdesk.ui.kit.words import date_text, role_label
from coachdesk.ui.models.people_models import (
    ExternalIdsModel,
    MembershipLinesModel,
    RoleLinesModel,
    membership_role_label,
)


class PersonDialog(QDialog):
    """Create a person (``person_uuid`` None) or edit one; ``saved`` carries the new ``PersonRow``."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, person_uuid: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.ctx = ctx
        self.person_uuid = person_uuid
        self.detail = people.person_detail_now(self, ctx, person_uuid) if person_uuid else None
        self.saved_row: people_api.PersonRow | None = None
        self.setWindowTitle(self.tr("Edit {name}").format(name=self.detail.display_name) if self.detail
                            else self.tr("New person"))
        self.setAccessibleName(self.windowTitle())
        self._auto_name = ""
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("personTabs")
        self.tabs.setAccessibleName(self.tr("Sections"))
        self.tabs.addTab(self._details_tab(), self.tr("&Details"))
        self.tabs.addTab(self._roles_tab(), self.tr("Roles && te&ams"))
        self.tabs.addTab(self._ids_tab(), self.tr("&Ids and aliases"))
        self.banner = ErrorBanner(self, "personError")
        self.buttons, _save = forms.dialog_buttons(self, "person", self.tr("&Save"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self._load()
        fit.resize_within_screen(self, 700, 620)
        self.name_edit.setFocus()

    # -- building ----------------------------------------------------------------------------------------------------
    def _details_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(14, 14, 14, 14)
        form.setVerticalSpacing(10)
        self.name_edit = named(QLineEdit(page), "personName", self.tr("Name"))
        limit_text(self.name_edit, "Person", "display_name")
        self.name_edit.setPlaceholderText(self.tr("As CoachDesk shows it everywhere"))
        self.given_edit = named(QLineEdit(page), "personGivenName", self.tr("First name"))
        limit_text(self.given_edit, "Person", "given_name")
        self.family_edit = named(QLineEdit(page), "personFamilyName", self.tr("Last name"))
        limit_text(self.family_edit, "Person", "family_name")
        self.email_edit = named(QLineEdit(page), "personEmail", self.tr("E-mail"))
        limit_text(self.email_edit, "Person", "email")
        self.email_edit.setPlaceholderText(self.tr("name@example.com"))
        self.from_edit = DateField("personActiveFrom", self.tr("Active from"), page)
        self.to_edit = DateField("personActiveTo", self.tr("Active to"), page)
        self.cadence_spin = named(QSpinBox(page), "personCadence", self.tr("One-to-one every"))
        self.cadence_spin.setRange(0, MAX_CADENCE_DAYS)
        self.cadence_spin.setSpecialValueText(self.tr("Team default"))
        self.cadence_spin.setSuffix(self.tr(" days"))
        self.cadence_spin.setMaximumWidth(150)
        self.notes_edit = named(QPlainTextEdit(page), "personNotes", self.tr("Notes"))
        limit_text(self.notes_edit, "Person", "notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(110)
        for text, widget in ((self.tr("&Name:"), self.name_edit), (self.tr("&First name:"), self.given_edit),
                             (self.tr("&Last name:"), self.family_edit), (self.tr("E-&mail:"), self.email_edit),
                             (self.tr("Active f&rom:"), self.from_edit), (self.tr("Active &to:"), self.to_edit),
                             (self.tr("One-to-one e&very:"), self.cadence_spin), (self.tr("N&otes:"), self.notes_edit)):
            form.addRow(text, widget)
        self.given_edit.textEdited.connect(self._suggest_name)
        self.family_edit.textEdited.connect(self._suggest_name)
        return page

    def _roles_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        roles_box = QGroupBox(self.tr("Roles"), page)
        self.role_model = RoleLinesModel(parent=self)
        self.role_table = table_view(roles_box, "personRoles", self.tr("Roles"), self.role_model, stretch=0)
        self.role_combo = named(QComboBox(roles_box), "personRoleChoice", self.tr("Role to add"))
        for role in Role:
            self.role_combo.addItem(role_label(role), role)
        self.role_date = DateField("personRoleDate", self.tr("Role date"), roles_box)
        self.role_date.set_date(date.today())
        self.role_date.setToolTip(self.tr("Start date when adding a role; end date when ending one."))
        add = forms.button(roles_box, self.tr("Add &role"), "personAddRole", self.add_role)
        end = forms.button(roles_box, self.tr("&End role"), "personEndRole", self.end_role)
        remove = forms.button(roles_box, self.tr("Remove"), "personRemoveRole", self.remove_role)
        remove.setToolTip(self.tr("Remove a role entered by mistake; to record that it stopped, end it instead."))
        self._line_editor(roles_box, self.role_table, [(self.tr("Ro&le:"), self.role_combo),
                                                        (self.tr("&On:"), self.role_date)], [add, end, remove])
        layout.addWidget(roles_box)

        teams_box = QGroupBox(self.tr("Teams"), page)
        self.membership_model = MembershipLinesModel(parent=self)
        self.membership_table = table_view(teams_box, "personMemberships", self.tr("Team memberships"),
                                           self.membership_model, stretch=0)
        self.team_combo = named(QComboBox(teams_box), "personTeamChoice", self.tr("Team to join"))
        for team in people.teams_now(self, self.ctx):
            self.team_combo.addItem(team.name, team.uuid)
        self.membership_role_combo = named(QComboBox(teams_box), "personMembershipRole", self.tr("Joins as"))
        for role in MembershipRole:
            self.membership_role_combo.addItem(membership_role_label(role), role)
        self.membership_date = DateField("personMembershipDate", self.tr("Membership date"), teams_box)
        self.membership_date.set_date(date.today())
        self.membership_date.setToolTip(self.tr("Start date when joining a team; end date when leaving one. "
                                                "Joining a team as a member ends the current one the day before."))
        add = forms.button(teams_box, self.tr("Add to tea&m"), "personAddMembership", self.add_membership)
        add.setEnabled(self.team_combo.count() > 0)
        end = forms.button(teams_box, self.tr("End mem&bership"), "personEndMembership", self.end_membership)
        remove = forms.button(teams_box, self.tr("Remove"), "personRemoveMembership", self.remove_membership)
        self._line_editor(teams_box, self.membership_table,
                          [(self.tr("&Team:"), self.team_combo), (self.tr("&Joins as:"), self.membership_role_combo),
                           (self.tr("O&n:"), self.membership_date)], [add, end, remove])
        layout.addWidget(teams_box)
        return page

    def _ids_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        alias_box = QGroupBox(self.tr("Other spellings of the name"), page)
        box = QGridLayout(alias_box)
        self.alias_list = named(QListWidget(alias_box), "personAliases", self.tr("Aliases"))
        self.alias_edit = named(QLineEdit(alias_box), "personAliasInput", self.tr("New alias"))
        limit_text(self.alias_edit, "PersonAlias", "alias")
        self.alias_edit.setPlaceholderText(self.tr("As an export or payroll writes it"))
        self.alias_edit.returnPressed.connect(self.add_alias)
        label = QLabel(self.tr("&New alias:"), alias_box)
        label.setBuddy(self.alias_edit)
        box.addWidget(self.alias_list, 0, 0, 1, 4)
        box.addWidget(label, 1, 0)
        box.addWidget(self.alias_edit, 1, 1)
        box.addWidget(forms.button(alias_box, self.tr("Add a&lias"), "personAddAlias", self.add_alias), 1, 2)
        box.addWidget(forms.button(alias_box, self.tr("Remove"), "personRemoveAlias", self.remove_alias), 1, 3)
        layout.addWidget(alias_box)

        ids_box = QGroupBox(self.tr("Ids in other systems"), page)
        grid = QGridLayout(ids_box)
        self.ids_model = ExternalIdsModel(parent=self)
        self.ids_table = table_view(ids_box, "personExternalIds", self.tr("External ids"), self.ids_model)
        self.system_combo = named(QComboBox(ids_box), "personIdSystem", self.tr("System"))
        self.system_combo.setEditable(True)
        self.system_combo.addItems(list(KNOWN_SYSTEMS))
        self.id_edit = named(QLineEdit(ids_box), "personIdValue", self.tr("Id value"))
        limit_text(self.id_edit, "PersonExternalId", "value")
        self.id_edit.returnPressed.connect(self.add_external_id)
        grid.addWidget(self.ids_table, 0, 0, 1, 6)
        for column, (text, widget) in enumerate(((self.tr("S&ystem:"), self.system_combo),
                                                 (self.tr("&Value:"), self.id_edit))):
            label = QLabel(text, ids_box)
            label.setBuddy(widget)
            grid.addWidget(label, 1, column * 2)
            grid.addWidget(widget, 1, column * 2 + 1)
        grid.addWidget(forms.button(ids_box, self.tr("Add e&xternal id"), "personAddExternalId",
                                    self.add_external_id), 1, 4)
        grid.addWidget(forms.button(ids_box, self.tr("Remove"), "personRemoveExternalId",
                                    self.remove_external_id), 1, 5)
        layout.addWidget(ids_box)
        return page

    def _line_editor(self, box: QGroupBox, table: QTableView, fields: list[tuple[str, QWidget]],
                     buttons: list[QPushButton]) -> None:
        """The table, then a row of fields with the Add button, then End and Remove under it on the right."""
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        row = QHBoxLayout()
        for text, widget in fields:
            label = QLabel(text, box)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(buttons[0])
        layout.addLayout(row)
        second = QHBoxLayout()
        second.addStretch(1)
        for button in buttons[1:]:
            second.addWidget(button)
        layout.addLayout(second)

    # -- loading -----------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        detail = self.detail
        if detail is None:
            return
        self.name_edit.setText(detail.display_name)
        self.given_edit.setText(detail.given_name or "")
        self.family_edit.setText(detail.family_name or "")
        self.email_edit.setText(detail.email or "")
        self.from_edit.set_date(detail.active_from)
        self.to_edit.set_date(detail.active_to)
        self.cadence_spin.setValue(detail.one_to_one_cadence_days or 0)
        self.notes_edit.setPlainText(detail.notes or "")
        self.role_model.set_rows(detail.roles)
        self.membership_model.set_rows(detail.memberships)
        self.alias_list.clear()
        self.alias_list.addItems(list(detail.aliases))
        self.ids_model.set_rows(detail.external_ids)

    def _suggest_name(self) -> None:
        """Fill the display name from first and last name until the user types one of their own."""
        suggestion = " ".join(part for part in (self.given_edit.text().strip(), self.family_edit.text().strip())
                              if part)
        if self.name_edit.text().strip() in ("", self._auto_name):
            self.name_edit.setText(suggestion)
            self._auto_name = suggestion

    # -- lines -------------------------------------------------------------------------------------------------------
    def _guard(self, action: Any) -> None:
        try:
            action()
            self.banner.clear()
        except InvalidField as exc:
            self.show_error(str(exc), exc.field)

    def add_role(self) -> None:
        def run() -> None:
            start = self.role_date.date_value()
            self.role_model.append_row(RoleLine(Role(self.role_combo.currentData()), start, None))
        self._guard(run)

    def end_role(self) -> None:
        self._end_line(self.role_table, self.role_model, self.role_date)

    def remove_role(self) -> None:
        row = selected_row(self.role_table)
        if row >= 0:
            self.role_model.remove_row(row)

    def add_membership(self) -> None:
        def run() -> None:
            start = self.membership_date.date_value()
            role = MembershipRole(self.membership_role_combo.currentData())
            team_uuid = self.team_combo.currentData()
            if role == MembershipRole.MEMBER:
                self._end_member_lines_before(start, team_uuid)
            self.membership_model.append_row(MembershipLine(team_uuid, role, start, None,
                                                            team_name=self.team_combo.currentText()))
        self._guard(run)

    def _end_member_lines_before(self, start: date | None, team_uuid: str) -> None:
        """Joining a team as a member ends the open member line in another team the day before (a move)."""
        for number, line in reversed(list(enumerate(self.membership_model.rows()))):
            if line.role != MembershipRole.MEMBER or line.team_uuid == team_uuid or line.end_date is not None:
                continue
            if start is None or (line.start_date is not None and line.start_date >= start):
                if line.uuid is None:
                    self.membership_model.remove_row(number)
                continue
            self.membership_model.replace_row(number, _with_end(line, start - timedelta(days=1)))

    def end_membership(self) -> None:
        self._end_line(self.membership_table, self.membership_model, self.membership_date)

    def remove_membership(self) -> None:
        row = selected_row(self.membership_table)
        if row >= 0:
            self.membership_model.remove_row(row)

    def _end_line(self, table: QTableView, model: Any, field: DateField) -> None:
        def run() -> None:
            row = selected_row(table)
            if row < 0:
                raise InvalidField(table.objectName(), self.tr("Select the line to end first."))
            end = field.date_value() or date.today()
            line = model.row_at(row)
            if line.start_date is not None and end < line.start_date:
                raise InvalidField(field.objectName(), self.tr("The end date {end} is before the start date {start}.")
                                   .format(end=date_text(end), start=date_text(line.start_date)))
            model.replace_row(row, _with_end(line, end))
        self._guard(run)

    def add_alias(self) -> None:
        text = " ".join(self.alias_edit.text().split())
        if text and not self.alias_list.findItems(text, Qt.MatchFlag.MatchFixedString):
            self.alias_list.addItem(text)
        self.alias_edit.clear()

    def remove_alias(self) -> None:
        for item in self.alias_list.selectedItems():
            self.alias_list.takeItem(self.alias_list.row(item))

    def add_external_id(self) -> None:
        system = "".join(self.system_combo.currentText().split()).casefold()
        value = self.id_edit.text().strip()
        if not system or not value:
            self.show_error(self.tr("External ids: give both the system and the id."), "personIdValue")
            return
        if (system, value) not in self.ids_model.rows():
            self.ids_model.append_row((system, value))
        self.id_edit.clear()
        self.banner.clear()

    def remove_external_id(self) -> None:
        row = selected_row(self.ids_table)
        if row >= 0:
            self.ids_model.remove_row(row)

    # -- saving ------------------------------------------------------------------------------------------------------
    def person_input(self) -> PersonInput:
        cadence = self.cadence_spin.value()
        return PersonInput(
            display_name=self.name_edit.text(), given_name=self.given_edit.text(), family_name=self.family_edit.text(),
            email=self.email_edit.text(), active_from=self.from_edit.date_value(),
            active_to=self.to_edit.date_value(), one_to_one_cadence_days=cadence or None,
            notes=self.notes_edit.toPlainText(), external_ids=list(self.ids_model.rows()),
            aliases=[self.alias_list.item(i).text() for i in range(self.alias_list.count())],
            roles=list(self.role_model.rows()), memberships=list(self.membership_model.rows()))

    def accept(self) -> None:
        """Save; on any refusal show why and stay open, so nothing typed is lost."""
        try:
            data = self.person_input()
        except InvalidField as exc:
            self.show_error(str(exc), exc.field)
            return
        busy = [self.buttons]
        if self.detail is None:
            people.create_person(self, self.ctx, data, self._saved, failed=self._refused, busy=busy)
        else:
            people.update_person(self, self.ctx, self.detail.uuid, data, self.detail.version, self._saved,
                                 reload=self.reload, failed=self._refused, busy=busy)

    def _saved(self, row: people_api.PersonRow) -> None:
        self.saved_row = row
        self.saved.emit(row)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.show_error(ops.error_text(error), field_error(error))

    def reload(self) -> None:
        """Show the record as it is stored now (after taking someone else's version in a conflict)."""
        self.detail = people.person_detail_now(self, self.ctx, self.detail.uuid) or self.detail
        self._load()

    def show_error(self, message: str, field: str | None = None) -> None:
        self.banner.show_message(message)
        widget = self._widget_for(field) if field else None
        if widget is not None:
            tab = next((i for i in range(self.tabs.count()) if self.tabs.widget(i).isAncestorOf(widget)), -1)
            if tab >= 0:
                self.tabs.setCurrentIndex(tab)
            widget.setFocus()

    def _widget_for(self, field: str) -> QWidget | None:
        widgets: dict[str, QWidget] = {
            "display_name": self.name_edit, "given_name": self.given_edit, "family_name": self.family_edit,
            "email": self.email_edit, "active_from": self.from_edit, "active_to": self.to_edit,
            "cadence": self.cadence_spin, "roles": self.role_table, "memberships": self.membership_table,
            "external_ids": self.ids_table, "aliases": self.alias_list, "team": self.team_combo,
        }
        return widgets.get(field) or self.findChild(QWidget, field)


def _with_end(line: Any, end: date) -> Any:
    return replace(line, end_date=end)
