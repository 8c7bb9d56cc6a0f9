"""Table models of the People page and its dialogs: light frozen rows, column constants and a sort role.

They build on ``ui.widgets.row_model.RowTableModel``; rows that are no longer current (inactive people, ended
roles, unchanged roster rows) are drawn in the palette's disabled text colour and in italics.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from coachdesk.domain.enums import MembershipRole
from coachdesk.domain.text import name_key
from coachdesk.services.people import (
    CREATE,
    UNCHANGED,
    UPDATE,
    MembershipLine,
    PersonRow,
    PlannedRow,
    RoleLine,
    TeamRow,
)
from coachdesk.ui.widgets.people_model import role_label, roles_text
from coachdesk.ui.widgets.row_model import ROW_ROLE, SORT_ROLE, UUID_ROLE, Column, RowTableModel

__all__ = ["ROW_ROLE", "SORT_ROLE", "UUID_ROLE", "ExternalIdsModel", "MembershipLinesModel", "PeopleTableModel",
           "RoleLinesModel", "RosterProblemsModel", "RosterRowsModel", "SortProxy", "TeamsTableModel",
           "membership_role_label"]

_Index = QModelIndex | QPersistentModelIndex
_CONTEXT = "PeopleModels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _day(value: date | None, empty: str = "") -> str:
    return value.isoformat() if value else _tr(empty) if empty else ""


def _ended(end: date | None) -> bool:
    return end is not None and end < date.today()


def membership_role_label(role: MembershipRole) -> str:
    return {MembershipRole.MEMBER: _tr("Member"), MembershipRole.LEADER: _tr("Leader"),
            MembershipRole.COACH: _tr("Coach")}[MembershipRole(role)]


class SortProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` comparing the Python values themselves, so tuple keys such as (inactive, name) work
    (Qt cannot order two Python objects wrapped in QVariants and would leave the rows in a jumble)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


class ListModel(RowTableModel):
    """A ``RowTableModel`` whose rows can be added, replaced and removed one at a time (with targeted signals),
    and whose non-current rows are dimmed."""

    TR_CONTEXT = _CONTEXT

    def dimmed(self, item: Any) -> bool:
        return False

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount() and self.dimmed(self.row_at(index.row())):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return super().data(index, role)

    def append_row(self, item: Any) -> int:
        position = self.rowCount()
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(item)
        self.endInsertRows()
        return position

    def replace_row(self, row: int, item: Any) -> None:
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove_row(self, row: int) -> Any:
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._rows.pop(row)
        self.endRemoveRows()
        return item


class PeopleTableModel(ListModel):
    """``PersonRow`` rows: name, team, roles, e-mail, status."""

    NAME, TEAM, ROLES, EMAIL, STATUS = range(5)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Name"), lambda r: r.display_name,
               lambda r: name_key(r.display_name)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Team"), lambda r: r.team or "",
               lambda r: (r.team is None, name_key(r.team or ""), name_key(r.display_name))),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Roles"), lambda r: roles_text(r.roles)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "E-mail"), lambda r: r.email or ""),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Status"),
               lambda r: _tr("Active") if r.is_active else _tr("Inactive"),
               lambda r: (not r.is_active, name_key(r.display_name))),
    )

    def dimmed(self, item: PersonRow) -> bool:
        return not item.is_active


class TeamsTableModel(ListModel):
    """``TeamRow`` rows: name, members, leaders."""

    NAME, MEMBERS, LEADERS = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Team"),
               lambda r: r.name if r.is_active else _tr("{name} (inactive)").format(name=r.name),
               lambda r: (not r.is_active, name_key(r.name))),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Members"), lambda r: str(r.members), lambda r: r.members,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Led by"), lambda r: ", ".join(r.leaders)),
    )

    def dimmed(self, item: TeamRow) -> bool:
        return not item.is_active


class RoleLinesModel(ListModel):
    """``RoleLine`` rows of the person dialog: role, from, to."""

    ROLE, START, END = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Role"), lambda r: role_label(r.role)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "From"), lambda r: _day(r.start_date, "(from the start)"),
               lambda r: _day(r.start_date)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "To"), lambda r: _day(r.end_date, "(open)"),
               lambda r: _day(r.end_date) or "9999"),
    )

    def dimmed(self, item: RoleLine) -> bool:
        return _ended(item.end_date)


class MembershipLinesModel(ListModel):
    """``MembershipLine`` rows of the person dialog: team, as, from, to."""

    TEAM, ROLE, START, END = range(4)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Team"), lambda r: r.team_name, lambda r: name_key(r.team_name)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "As"), lambda r: membership_role_label(r.role)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "From"), lambda r: _day(r.start_date, "(from the start)"),
               lambda r: _day(r.start_date)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "To"), lambda r: _day(r.end_date, "(open)"),
               lambda r: _day(r.end_date) or "9999"),
    )

    def dimmed(self, item: MembershipLine) -> bool:
        return _ended(item.end_date)


class ExternalIdsModel(ListModel):
    """``(system, value)`` pairs."""

    SYSTEM, VALUE = range(2)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "System"), lambda r: r[0]),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Id"), lambda r: r[1]),
    )


def _action_text(planned: PlannedRow) -> str:
    if planned.action == CREATE:
        return _tr("New person")
    if planned.action == UPDATE:
        return _tr("Update (matched by {key})").format(key=planned.matched_by)
    if planned.action == UNCHANGED:
        return _tr("No change")
    return planned.action


def _roster_name(planned: PlannedRow) -> str:
    if planned.current_name and name_key(planned.current_name) != name_key(planned.row.display_name):
        return f"{planned.row.display_name} ({planned.current_name})"
    return planned.row.display_name


class RosterRowsModel(ListModel):
    """``PlannedRow`` rows of the roster preview."""

    LINE, NAME, ACTION, TEAM, ROLE, EMAIL, CHANGES = range(7)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Row"), lambda r: str(r.row.line), lambda r: r.row.line,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Name"), _roster_name, lambda r: name_key(r.row.display_name)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Action"), _action_text, lambda r: (r.action, r.row.line)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Team"), lambda r: r.row.team or ""),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Role"), lambda r: role_label(r.row.role) if r.row.role else ""),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "E-mail"), lambda r: r.row.email or ""),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "What changes"), lambda r: "; ".join(r.changes),
               tooltip=lambda r: "\n".join(r.changes)),
    )

    def dimmed(self, item: PlannedRow) -> bool:
        return item.action == UNCHANGED


class RosterProblemsModel(ListModel):
    """``RosterProblem`` rows: row, field, problem."""

    LINE, FIELD, REASON = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Row"), lambda r: str(r.row) if r.row else _tr("(file)"),
               lambda r: r.row, align_right=True),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Field"), lambda r: r.field),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Problem"), lambda r: r.reason, tooltip=lambda r: str(r)),
    )

