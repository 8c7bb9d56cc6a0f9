"""The goal cascade as a tree model: organisation goals, the team goals under them, and objectives under those.

Built from a ``services.objective_types.GoalTree`` (light frozen rows). Objectives serving no goal sit in a flagged
group at the end; team goals without a parent are flagged too. Dragging an item onto a goal (or a goal onto the
empty space, an objective onto the "no goal" group) does not move anything in the model: it asks, through
``move_requested(kind, uuid, goal_uuid_or_None)``, for the service call, after which the page reloads the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from coachdesk.domain.enums import GoalLevel, ObjectiveStatus
from coachdesk.services.goals import GoalRow, GoalTree, ObjectiveNode
from coachdesk.ui.kit.words import date_text

KIND_ROLE = Qt.ItemDataRole.UserRole + 10
UUID_ROLE = Qt.ItemDataRole.UserRole + 11
ROW_ROLE = Qt.ItemDataRole.UserRole + 12
#: True on items that want attention: an objective serving no goal, a team goal under no organisation goal
FLAG_ROLE = Qt.ItemDataRole.UserRole + 13

GOAL, OBJECTIVE, UNPARENTED = "goal", "objective", "unparented"
MIME = "application/x-coachdesk-cascade-item"
FLAG = "⚑"

COLUMNS = (
    QT_TRANSLATE_NOOP("GoalTreeModel", "Goal or objective"),
    QT_TRANSLATE_NOOP("GoalTreeModel", "Team or person"),
    QT_TRANSLATE_NOOP("GoalTreeModel", "Measure"),
    QT_TRANSLATE_NOOP("GoalTreeModel", "Target"),
    QT_TRANSLATE_NOOP("GoalTreeModel", "Due"),
    QT_TRANSLATE_NOOP("GoalTreeModel", "Status"),
)
TITLE, WHO, MEASURE, TARGET, DUE, STATUS = range(len(COLUMNS))


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalTreeModel", text)


_ROW_ROLES = frozenset((KIND_ROLE, UUID_ROLE, ROW_ROLE, FLAG_ROLE))
_SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
#: Item flags by (kind, first column): worked out once, not per cell (a tree holds thousands of cells)
_FLAGS = {(kind, first): _SHOWN | (Qt.ItemFlag.ItemIsDragEnabled if first and kind in (GOAL, OBJECTIVE) else
                                   Qt.ItemFlag.NoItemFlags)
          | (Qt.ItemFlag.ItemIsDropEnabled if kind in (GOAL, UNPARENTED) else Qt.ItemFlag.NoItemFlags)
          for kind in (GOAL, OBJECTIVE, UNPARENTED) for first in (True, False)}


class GoalTreeModel(QStandardItemModel):
    move_requested = Signal(str, str, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.tree: GoalTree | None = None
        self._texts: list[set[str]] = [set() for _ in COLUMNS]

    # -- building -----------------------------------------------------------------------------------------------------
    def set_tree(self, tree: GoalTree, team_name: str | None = None) -> None:
        """Show ``tree``; with ``team_name``, only organisation goals, that team's goals and its people's objectives."""
        self.tree = tree
        self.removeRows(0, self.rowCount())
        self._texts = [set() for _ in COLUMNS]
        self._dates: dict = {}
        goals = [g for g in tree.goals if team_name is None or g.level is GoalLevel.ORGANISATION
                 or g.team_name == team_name]
        objectives = [o for o in tree.objectives if team_name is None or o.team_name == team_name]
        shown = {g.uuid for g in goals}
        children: dict[str | None, list[GoalRow]] = {}
        for goal in goals:
            parent = goal.parent_uuid if goal.parent_uuid in shown else None
            children.setdefault(parent, []).append(goal)
        under: dict[str | None, list[ObjectiveNode]] = {}
        for objective in objectives:
            under.setdefault(objective.goal_uuid if objective.goal_uuid in shown else None, []).append(objective)
        root = self.invisibleRootItem()
        for goal in children.get(None, []):
            root.appendRow(self._goal_items(goal, children, under))
        loose = under.get(None, [])
        if loose:
            group = self._cells([FLAG + " " + _tr("Objectives serving no goal ({count})").format(count=len(loose)),
                                 "", "", "", "", ""], UNPARENTED, "", None, flag=True)
            group[0].setToolTip(_tr("These objectives have no line of sight: drag them onto a goal, or use Move to."))
            for objective in loose:
                group[0].appendRow(self._objective_items(objective, flag=True))
            root.appendRow(group)

    def _goal_items(self, goal: GoalRow, children: dict, under: dict) -> list[QStandardItem]:
        level = _tr("Organisation") if goal.level is GoalLevel.ORGANISATION else goal.team_name or _tr("Team")
        flag = goal.level is GoalLevel.TEAM and goal.parent_uuid is None
        title = (FLAG + " " if flag else "") + goal.title
        status = _tr("Archived") if goal.archived else _tr("Active")
        due = self._date(goal.due_date)
        items = self._cells([title, level, goal.kpi_code or "", goal.target_text, due, status], GOAL, goal.uuid, goal,
                            flag=flag)
        if flag:
            items[0].setToolTip(_tr("This team goal serves no organisation goal."))
        elif goal.description:
            items[0].setToolTip(goal.description)
        for child in children.get(goal.uuid, []):
            items[0].appendRow(self._goal_items(child, children, under))
        for objective in under.get(goal.uuid, []):
            items[0].appendRow(self._objective_items(objective, flag=False))
        return items

    def _objective_items(self, o: ObjectiveNode, flag: bool) -> list[QStandardItem]:
        status = QCoreApplication.translate("ObjectiveStatus", o.status.value.capitalize())
        title = (FLAG + " " if flag else "") + o.statement
        items = self._cells([title, o.person_name, o.measure_code, o.target_text, self._date(o.due_date), status],
                            OBJECTIVE,
                            o.uuid, o, flag=flag)
        items[0].setToolTip(o.statement)
        if o.status is not ObjectiveStatus.AGREED:
            font = items[0].font()
            font.setItalic(True)
            items[0].setFont(font)
        return items

    def _date(self, day: Any) -> str:
        if day not in self._dates:
            self._dates[day] = date_text(day)
        return self._dates[day]

    def _cells(self, texts: Sequence[str], kind: str, uuid: str, row: Any, flag: bool = False) -> list[QStandardItem]:
        """The row's items; only the first holds the kind, UUID, row and flag (``data`` answers for the others)."""
        for column, text in enumerate(texts):
            self._texts[column].add(text)
        first = QStandardItem(texts[0])
        first.setData(kind, KIND_ROLE)
        first.setData(uuid, UUID_ROLE)
        first.setData(row, ROW_ROLE)
        first.setData(flag, FLAG_ROLE)
        return [first, *(QStandardItem(text) for text in texts[1:])]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _ROW_ROLES and index.column() > 0:
            return super().data(index.siblingAtColumn(0), role)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        """By kind and column (worked out on demand for the cells a view asks about, not set on every item);
        never editable."""
        kind = super().data(index.siblingAtColumn(0), KIND_ROLE) if index.isValid() else None
        return _FLAGS[kind, index.column() == 0] if kind in (GOAL, OBJECTIVE, UNPARENTED) else super().flags(index)

    def column_texts(self, column: int) -> set[str]:
        """The distinct texts shown in ``column``: what sizes it, without measuring every row."""
        return self._texts[column]

    # -- finding ------------------------------------------------------------------------------------------------------
    def index_of(self, uuid: str, parent: QModelIndex | None = None) -> QModelIndex:
        """The first-column index of the goal or objective ``uuid`` (invalid when not shown)."""
        parent = parent or QModelIndex()
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            if index.data(UUID_ROLE) == uuid:
                return index
            found = self.index_of(uuid, index)
            if found.isValid():
                return found
        return QModelIndex()

    def all_indexes(self, parent: QModelIndex | None = None) -> list[QModelIndex]:
        parent = parent or QModelIndex()
        out = []
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            out.append(index)
            out.extend(self.all_indexes(index))
        return out

    # -- drag and drop --------------------------------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        first = next((i for i in indexes if i.isValid() and i.column() == 0), None)
        if first is not None and first.data(KIND_ROLE) in (GOAL, OBJECTIVE):
            data.setData(MIME, QByteArray(f"{first.data(KIND_ROLE)}:{first.data(UUID_ROLE)}".encode()))
        return data

    @staticmethod
    def _payload(data: QMimeData) -> tuple[str, str] | None:
        if not data.hasFormat(MIME):
            return None
        kind, _, uuid = bytes(data.data(MIME).data()).decode().partition(":")
        return (kind, uuid) if kind in (GOAL, OBJECTIVE) and uuid else None

    def _target(self, payload: tuple[str, str], parent: QModelIndex) -> tuple[bool, str | None]:
        """Whether ``payload`` may land on ``parent``, and the goal it would then serve (None: no goal)."""
        kind, uuid = payload
        target_kind = parent.data(KIND_ROLE) if parent.isValid() else None
        if target_kind == OBJECTIVE:
            return False, None
        if target_kind == GOAL:
            goal: GoalRow = parent.data(ROW_ROLE)
            if goal.archived or goal.uuid == uuid:
                return False, None
            if kind == GOAL and self.tree is not None:
                moving = next((g for g in self.tree.goals if g.uuid == uuid), None)
                if moving is not None and moving.level is GoalLevel.ORGANISATION and goal.level is GoalLevel.TEAM:
                    return False, None
            return True, goal.uuid
        if target_kind == UNPARENTED:
            return kind == OBJECTIVE, None
        return kind == GOAL, None  # the empty space: a goal goes to the top

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex) -> bool:
        payload = self._payload(data)
        target = parent.siblingAtColumn(0) if parent.isValid() else parent
        return payload is not None and action == Qt.DropAction.MoveAction and self._target(payload, target)[0]

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex) -> bool:
        payload = self._payload(data)
        if payload is None or action != Qt.DropAction.MoveAction:
            return False
        allowed, goal_uuid = self._target(payload, parent.siblingAtColumn(0) if parent.isValid() else parent)
        if allowed:
            self.move_requested.emit(payload[0], payload[1], goal_uuid)
        return False  # the page moves it through the service and reloads; the view must not remove the source row
