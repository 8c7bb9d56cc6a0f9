"""Table models of people and teams, and the proxy that filters people by search matches and role."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from coachdesk.domain.enums import Role
from coachdesk.domain.text import name_key
from coachdesk.services.people import PersonRow
from coachdesk.ui.widgets.row_model import SORT_ROLE, Column, RowTableModel

_ROLE_ORDER = {role: number for number, role in enumerate(Role)}


def role_label(role: Role) -> str:
    return QCoreApplication.translate("Role", role.label)


def roles_text(roles: Collection[Role]) -> str:
    return ", ".join(role_label(r) for r in roles)


# Sort keys are plain strings or numbers: Qt compares those itself (a Python tuple would not compare).
def _person_role_key(row: PersonRow) -> str:
    first = min((_ROLE_ORDER[r] for r in row.roles), default=len(_ROLE_ORDER))
    return f"{first:02d} {name_key(row.display_name)}"


def _person_team_key(row: PersonRow) -> str:
    return f"{0 if row.team else 1} {name_key(row.team or '')}\x00{name_key(row.display_name)}"


class PeopleModel(RowTableModel):
    """Frozen ``PersonRow`` rows: name, team, roles."""

    TR_CONTEXT = "PeopleModel"
    NAME, TEAM, ROLES = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModel", "Name"), lambda r: r.display_name,
               lambda r: name_key(r.display_name), tooltip=lambda r: r.email or r.display_name),
        Column(QT_TRANSLATE_NOOP("PeopleModel", "Team"), lambda r: r.team or "", _person_team_key),
        Column(QT_TRANSLATE_NOOP("PeopleModel", "Role"), lambda r: roles_text(r.roles), _person_role_key),
    )


class TeamsModel(RowTableModel):
    """Frozen ``TeamRow`` rows: name, member count, leaders."""

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


class PeopleFilterProxy(QSortFilterProxyModel):
    """Keeps people whose UUID is in the current search matches (None: everyone) and who hold one of ``roles``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matching: frozenset[str] | None = None
        self._roles: frozenset[Role] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_matching(self, uuids: Collection[str] | None) -> None:
        self.beginFilterChange()
        self._matching = None if uuids is None else frozenset(uuids)
        self.endFilterChange()

    def set_roles(self, roles: Collection[Role] | None) -> None:
        self.beginFilterChange()
        self._roles = None if roles is None else frozenset(roles)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        row: PersonRow = model.row_at(source_row)
        if self._matching is not None and row.uuid not in self._matching:
            return False
        return self._roles is None or any(role in self._roles for role in row.roles)
