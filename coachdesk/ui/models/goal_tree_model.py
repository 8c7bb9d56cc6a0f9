"""The goal cascade as a tree model: organisation goals, the team goals under them, and objectives under those.

Built from a ``services.objective_types.GoalTree`` (light frozen rows). Objectives serving no goal sit in a flagged
group at the end; team goals without a parent are flagged too. Dragging an item onto a goal (or a goal onto the
empty space, an objective onto the "no goal" group) does not move anything in the model: it asks, through
``move_requested(kind, uuid, goal_uuid_or_None)``, for the service call, after which the page reloads the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

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


_SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
#: Item flags by (kind, first column): worked out once, not per cell (a tree holds thousands of cells)
_FLAGS = {(kind, first): _SHOWN | (Qt.ItemFlag.ItemIsDragEnabled if first and kind in (GOAL, OBJECTIVE) else
                                   Qt.ItemFlag.NoItemFlags)
          | (Qt.ItemFlag.ItemIsDropEnabled if kind in (GOAL, UNPARENTED) else Qt.ItemFlag.NoItemFlags)
          for kind in (GOAL, OBJECTIVE, UNPARENTED) for first in (True, False)}
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.EditRole)


def _italic() -> QFont:
    """Objectives not agreed yet: italic (one font, made when first asked for: it needs the application)."""
    global _ITALIC
    if _ITALIC is None:
        _ITALIC = QFont()
        _ITALIC.setItalic(True)
    return _ITALIC


_ITALIC: QFont | None = None


class Node:
    """One row of the tree: its cells' texts and what the page needs of it (a light object, not six items)."""

    __slots__ = ("children", "flag", "italic", "kind", "parent", "position", "record", "texts", "tip", "uuid")

    def __init__(self, parent: Node | None, texts: Sequence[str], kind: str, uuid: str, record: Any, flag: bool,
                 tip: str | None = None, italic: bool = False) -> None:
        self.parent, self.texts, self.kind, self.uuid, self.record = parent, tuple(texts), kind, uuid, record
        self.flag, self.tip, self.italic = flag, tip, italic
        self.children: list[Node] = []
        self.position = 0

    def add(self, child: Node) -> Node:
        child.position = len(self.children)
        self.children.append(child)
        return child


class GoalTreeModel(QAbstractItemModel):
    """The cascade over light ``Node`` rows: building it makes no Qt item per cell, and a view asks only for the
    cells it shows."""

    move_requested = Signal(str, str, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tree: GoalTree | None = None
        self._root = Node(None, (), "", "", None, False)
        self._by_uuid: dict[str, Node] = {}
        self._goals: list[Node] = []
        self._texts: list[set[str]] = [set() for _ in COLUMNS]
        self._dates: dict = {}

    # -- building -----------------------------------------------------------------------------------------------------
    def set_tree(self, tree: GoalTree, team_name: str | None = None) -> None:
        """Show ``tree``; with ``team_name``, only organisation goals, that team's goals and its people's objectives."""
        self.beginResetModel()
        self.tree = tree
        self._root = Node(None, (), "", "", None, False)
        self._by_uuid, self._goals = {}, []
        self._texts = [set() for _ in COLUMNS]
        self._dates = {}
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
        for goal in children.get(None, []):
            self._add_goal(self._root, goal, children, under)
        loose = under.get(None, [])
        if loose:
            group = self._root.add(self._node(
                self._root, [FLAG + " " + _tr("Objectives serving no goal ({count})").format(count=len(loose)),
                             "", "", "", "", ""], UNPARENTED, "", None, flag=True,
                tip=_tr("These objectives have no line of sight: drag them onto a goal, or use Move to.")))
            for objective in loose:
                self._add_objective(group, objective, flag=True)
        self.endResetModel()

    def _node(self, parent: Node, texts: list[str], kind: str, uuid: str, record: Any, flag: bool,
              tip: str | None = None, italic: bool = False) -> Node:
        for column, text in enumerate(texts):
            self._texts[column].add(text)
        node = Node(parent, texts, kind, uuid, record, flag, tip, italic)
        if uuid and uuid not in self._by_uuid:
            self._by_uuid[uuid] = node
        return node

    def _add_goal(self, parent: Node, goal: GoalRow, children: dict, under: dict) -> None:
        level = _tr("Organisation") if goal.level is GoalLevel.ORGANISATION else goal.team_name or _tr("Team")
        flag = goal.level is GoalLevel.TEAM and goal.parent_uuid is None
        title = (FLAG + " " if flag else "") + goal.title
        status = _tr("Archived") if goal.archived else _tr("Active")
        tip = _tr("This team goal serves no organisation goal.") if flag else goal.description or None
        node = parent.add(self._node(parent, [title, level, goal.kpi_code or "", goal.target_text,
                                              self._date(goal.due_date), status], GOAL, goal.uuid, goal, flag, tip))
        self._goals.append(node)
        for child in children.get(goal.uuid, []):
            self._add_goal(node, child, children, under)
        for objective in under.get(goal.uuid, []):
            self._add_objective(node, objective, flag=False)

    def _add_objective(self, parent: Node, o: ObjectiveNode, flag: bool) -> None:
        status = QCoreApplication.translate("ObjectiveStatus", o.status.value.capitalize())
        title = (FLAG + " " if flag else "") + o.statement
        parent.add(self._node(parent, [title, o.person_name, o.measure_code, o.target_text, self._date(o.due_date),
                                       status], OBJECTIVE, o.uuid, o, flag, tip=o.statement,
                              italic=o.status is not ObjectiveStatus.AGREED))

    def _date(self, day: Any) -> str:
        if day not in self._dates:
            self._dates[day] = date_text(day)
        return self._dates[day]

    def column_texts(self, column: int) -> set[str]:
        """The distinct texts shown in ``column``: what sizes it, without measuring every row."""
        return self._texts[column]

    # -- the model ------------------------------------------------------------------------------------------------------
    def _node_at(self, index: _Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's
        node = self._node_at(parent)
        if 0 <= row < len(node.children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: _Index | None = None) -> Any:  # type: ignore[override]
        """The row above ``index``; without one, the model's QObject parent (Qt's two overloads)."""
        if index is None:
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        return QModelIndex() if up is None or up is self._root else self.createIndex(up.position, 0, up)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() and parent.column() > 0 else len(self._node_at(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return len(COLUMNS)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(
                COLUMNS):
            return _tr(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        if role in _DISPLAY:
            return node.texts[index.column()]
        if role == KIND_ROLE:
            return node.kind
        if role == UUID_ROLE:
            return node.uuid
        if role == ROW_ROLE:
            return node.record
        if role == FLAG_ROLE:
            return node.flag
        if index.column() == 0:
            if role == Qt.ItemDataRole.ToolTipRole:
                return node.tip
            if role == Qt.ItemDataRole.FontRole and node.italic:
                return _italic()
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """By kind and column; never editable. The empty space takes drops (a goal goes to the top)."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        node: Node = index.internalPointer()
        return _FLAGS[node.kind, index.column() == 0]

    def goal_indexes(self) -> list[QModelIndex]:
        """The first-column index of every goal shown (the page expands them)."""
        return [self.createIndex(node.position, 0, node) for node in self._goals]

    # -- finding ------------------------------------------------------------------------------------------------------
    def index_of(self, uuid: str, parent: QModelIndex | None = None) -> QModelIndex:
        """The first-column index of the goal or objective ``uuid`` (invalid when not shown)."""
        if parent is None:
            node = self._by_uuid.get(uuid)
            return self.createIndex(node.position, 0, node) if node is not None else QModelIndex()
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
