"""Table models of the People page and its dialogs: light frozen rows, column constants and a sort role.

They build on ``ui.kit.tables.RowTableModel``; the one people model serves the Agent page's list (three columns)
and the People page (five); rows that are no longer current (inactive people, ended
roles, unchanged roster rows) are drawn in the palette's disabled text colour and in italics.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex

from coachdesk.domain.enums import Role
from coachdesk.domain.text import name_key
from coachdesk.services import people as people_api
from coachdesk.ui.kit.tables import ROW_ROLE, SORT_ROLE, UUID_ROLE, Column, ListModel, RowTableModel, SortProxy
from coachdesk.ui.kit.words import date_text, membership_role_label, role_label, roles_text

if TYPE_CHECKING:  # the roster's names load with the roster preview, not with every people list (the Team page)
    from coachdesk.services.people import MembershipLine, PersonRow, PlannedRow, RoleLine, TeamRow

__all__ = ["ROW_ROLE", "SORT_ROLE", "UUID_ROLE", "ExternalIdsModel", "MembershipLinesModel", "PeopleFilterProxy",
           "PeopleModel", "RoleLinesModel", "RosterProblemsModel", "RosterRowsModel", "SortProxy", "TeamsModel",
           "TeamsTableModel", "membership_role_label"]

_Index = QModelIndex | QPersistentModelIndex
_CONTEXT = "PeopleModels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _day(value: date | None, empty: str = "") -> str:
    return date_text(value) if value else _tr(empty) if empty else ""


def _ended(end: date | None) -> bool:
    return end is not None and end < date.today()


class _Listed(ListModel):
    TR_CONTEXT = _CONTEXT


_ROLE_ORDER = {role: number for number, role in enumerate(Role)}


# Sort keys are plain strings or numbers: Qt compares those itself (a Python tuple would not compare).
def _person_role_key(row: PersonRow) -> str:
    first = min((_ROLE_ORDER[r] for r in row.roles), default=len(_ROLE_ORDER))
    return f"{first:02d} {name_key(row.display_name)}"


def _person_team_key(row: PersonRow) -> str:
    return f"{0 if row.team else 1} {name_key(row.team or '')}\x00{name_key(row.display_name)}"


class PeopleModel(_Listed):
    """The one people model: ``PersonRow`` rows, name, team, roles; with ``detail`` also e-mail and status (the
    People page). Inactive people are dimmed."""

    NAME, TEAM, ROLES, EMAIL, STATUS = range(5)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Name"), lambda r: r.display_name,
               lambda r: name_key(r.display_name), tooltip=lambda r: r.email or r.display_name),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Team"), lambda r: r.team or "", _person_team_key),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Roles"), lambda r: roles_text(r.roles), _person_role_key),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "E-mail"), lambda r: r.email or ""),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Status"),
               lambda r: _tr("Active") if r.is_active else _tr("Inactive"),
               lambda r: (not r.is_active, name_key(r.display_name))),
    )

    def __init__(self, rows: Any = (), parent: Any = None, detail: bool = False) -> None:
        super().__init__(rows, parent)
        self.detail = detail

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else (5 if self.detail else 3)

    def dimmed(self, item: PersonRow) -> bool:
        return not item.is_active


class PeopleFilterProxy(SortProxy):
    """Keeps people whose UUID is in the current search matches (None: everyone) and who hold one of ``roles``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matching: frozenset[str] | None = None
        self._roles: frozenset[Role] | None = None

    def set_matching(self, uuids: Collection[str] | None) -> None:
        self.beginFilterChange()
        self._matching = None if uuids is None else frozenset(uuids)
        self.endFilterChange()

    def set_roles(self, roles: Collection[Role] | None) -> None:
        self.beginFilterChange()
        self._roles = None if roles is None else frozenset(roles)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        row: PersonRow = model.row_at(source_row)
        if self._matching is not None and row.uuid not in self._matching:
            return False
        return self._roles is None or any(role in self._roles for role in row.roles)


class TeamsModel(RowTableModel):
    """Frozen ``TeamRow`` rows for the Team page: name, member count, leaders."""

    TR_CONTEXT = "TeamsModel"
    NAME, MEMBERS, LEADERS = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("TeamsModel", "Team"), lambda r: r.name, lambda r: name_key(r.name)),
        Column(QT_TRANSLATE_NOOP("TeamsModel", "Members"), lambda r: str(r.members), lambda r: r.members,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("TeamsModel", "Leaders"), lambda r: ", ".join(r.leaders),
               lambda r: name_key(", ".join(r.leaders))),
    )

    def total_members(self) -> int:
        return sum(row.members for row in self.rows())


class TeamsTableModel(_Listed):
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


#: a role's or a membership's period: from, to (open ends said in words, sorted first and last)
_FROM_TO = (
    Column(QT_TRANSLATE_NOOP("PeopleModels", "From"), lambda r: _day(r.start_date, "(from the start)"),
           lambda r: r.start_date.isoformat() if r.start_date else ""),
    Column(QT_TRANSLATE_NOOP("PeopleModels", "To"), lambda r: _day(r.end_date, "(open)"),
           lambda r: r.end_date.isoformat() if r.end_date else "9999"),
)


class RoleLinesModel(_Listed):
    """``RoleLine`` rows of the person dialog: role, from, to."""

    ROLE, START, END = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Role"), lambda r: role_label(r.role)),
        *_FROM_TO,
    )

    def dimmed(self, item: RoleLine) -> bool:
        return _ended(item.end_date)


class MembershipLinesModel(_Listed):
    """``MembershipLine`` rows of the person dialog: team, as, from, to."""

    TEAM, ROLE, START, END = range(4)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Team"), lambda r: r.team_name, lambda r: name_key(r.team_name)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "As"), lambda r: membership_role_label(r.role)),
        *_FROM_TO,
    )

    def dimmed(self, item: MembershipLine) -> bool:
        return _ended(item.end_date)


class ExternalIdsModel(_Listed):
    """``(system, value)`` pairs."""

    SYSTEM, VALUE = range(2)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "System"), lambda r: r[0]),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Id"), lambda r: r[1]),
    )


def _action_text(planned: PlannedRow) -> str:
    if planned.action == people_api.CREATE:
        return _tr("New person")
    if planned.action == people_api.UPDATE:
        return _tr("Update (matched by {key})").format(key=planned.matched_by)
    if planned.action == people_api.UNCHANGED:
        return _tr("No change")
    return planned.action


def _roster_name(planned: PlannedRow) -> str:
    if planned.current_name and name_key(planned.current_name) != name_key(planned.row.display_name):
        return f"{planned.row.display_name} ({planned.current_name})"
    return planned.row.display_name


class RosterRowsModel(_Listed):
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
        return item.action == people_api.UNCHANGED


class RosterProblemsModel(_Listed):
    """``RosterProblem`` rows: row, field, problem."""

    LINE, FIELD, REASON = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Row"), lambda r: str(r.row) if r.row else _tr("(file)"),
               lambda r: r.row, align_right=True),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Field"), lambda r: r.field),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Problem"), lambda r: r.reason, tooltip=lambda r: str(r)),
    )

