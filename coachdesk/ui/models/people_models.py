"""Table models of the People page and its dialogs: light frozen rows, column constants and a sort role.

They build on ``ui.kit.tables.RowTableModel``; the one people model serves the Agent page's list (three columns)
and the People page (five); rows that are no longer current (inactive people, ended
roles, unchanged roster rows) are drawn in the palette's disabled text colour and in italics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from coachdesk.domain.text import name_key
from coachdesk.services import people as people_api
from coachdesk.ui.kit.tables import ROW_ROLE, SORT_ROLE, UUID_ROLE, Column, ListModel, RowTableModel, SortProxy
from coachdesk.ui.kit.words import date_text, membership_role_label, role_label, roles_text

if TYPE_CHECKING:  # the roster's names load with the roster preview, not with every people list (the Team page)
    from coachdesk.services.people import MembershipLine, PersonRow, PlannedRow, RoleLine, TeamRow

__all__ = ["ROW_ROLE", "SORT_ROLE", "UUID_ROLE", "ExternalIdsModel", "MembershipLinesModel", "PeopleModel",
           "PeoplePages", "RoleLinesModel", "RosterProblemsModel", "RosterRowsModel", "SortProxy", "TeamsModel",
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


class PeopleModel(_Listed):
    """The one people model: ``PersonRow`` rows, name, team, roles; with ``detail`` also e-mail and status (the
    People page). Inactive people are dimmed. The lists read it a page at a time (``PeoplePages``), sorted by the
    database (``services.people.people_slice``, whose order per column is the sort these columns had)."""

    NAME, TEAM, ROLES, EMAIL, STATUS = range(5)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Name"), lambda r: r.display_name,
               lambda r: name_key(r.display_name), tooltip=lambda r: r.email or r.display_name),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Team"), lambda r: r.team or ""),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Roles"), lambda r: roles_text(r.roles)),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "E-mail"), lambda r: r.email or ""),
        Column(QT_TRANSLATE_NOOP("PeopleModels", "Status"),
               lambda r: _tr("Active") if r.is_active else _tr("Inactive")),
    )

    def __init__(self, rows: Any = (), parent: Any = None, detail: bool = False) -> None:
        super().__init__(rows, parent)
        self.detail = detail

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else (5 if self.detail else 3)

    def dimmed(self, item: PersonRow) -> bool:
        return not item.is_active


class PeoplePages(PeopleModel):
    """The people model read a page at a time (Qt's ``canFetchMore``/``fetchMore``): the database filters and sorts
    (``services.people.people_slice``), the model holds the pages read so far and asks for the next one when the
    view scrolls near its end. ``reader(query, offset, limit, reaching)`` reads, off the GUI thread, and hands the
    slice to ``take``; one read is out at a time. Clicking a header sorts through ``sort``, which reads again."""

    #: rows per read: more than the tallest screen shows, so the first read fills the view
    PAGE = 200
    SORTS_ITSELF = True
    #: a slice came in (``first``: it replaced the rows, a new query or a reload; else it added to them)
    loaded = Signal(bool)

    def __init__(self, query: Any = None, parent: Any = None, detail: bool = False) -> None:
        super().__init__((), parent, detail)
        self.query = query if query is not None else people_api.PeopleQuery()
        self.reader: Callable[[Any, int, int, str | None], object] | None = None
        self.total = 0  # rows the query gives in all
        self.everyone = 0  # rows without the search and the role filter
        self._asking = False
        self._read_once = False

    # -- reading -------------------------------------------------------------------------------------------------
    def load(self, reaching: str | None = None, **changes: Any) -> None:
        """Read from the first row again, with ``changes`` to the query (search=, roles=, ...); with ``reaching``,
        as far as that person's row. The rows shown stay until the new ones come."""
        self.query = replace(self.query, **changes)
        self._ask(0, self.PAGE, reaching)

    def loaded_once(self) -> bool:
        return self._read_once

    def _ask(self, offset: int, limit: int, reaching: str | None = None) -> None:
        if self.reader is None:
            return
        self._asking = True
        self.reader(self.query, offset, limit, reaching)

    def take(self, page: Any) -> None:
        """A ``PeopleSlice`` came: the first of a query replaces the rows, the next one is added; a slice of a query
        asked for before the current one, or not following on, is dropped."""
        if page.query != self.query or page.offset not in (0, len(self._rows)):
            return
        self._asking = False
        self._read_once = True
        self.total, self.everyone = page.total, page.everyone
        if page.offset == 0:
            self.set_rows(page.rows)
        elif page.rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self.total = max(self.total, len(self._rows))
        self.loaded.emit(page.offset == 0)

    def failed(self) -> None:
        """The read failed (its error is shown): the next scroll may ask again."""
        self._asking = False

    # -- Qt's fetching and sorting -------------------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        return not parent.isValid() and not self._asking and len(self._rows) < self.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802 - Qt override
        if self.canFetchMore(parent):
            self._ask(len(self._rows), self.PAGE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(people_api.PEOPLE_SORTS):
            return
        sort, descending = people_api.PEOPLE_SORTS[column], order == Qt.SortOrder.DescendingOrder
        if (sort, descending) != (self.query.sort, self.query.descending):
            self.query = replace(self.query, sort=sort, descending=descending)
            if self._read_once or self._asking:  # a read out for the old sort: its answer will be dropped
                self._ask(0, max(self.PAGE, len(self._rows)))


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

