"""The Goals page: the cascade from organisation goals to team goals to each person's SMART objectives, edited in
place (add, edit, move by drag or Ctrl+M, archive), plus team templates and the KPI catalogue with role KPI sets."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import GoalLevel
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import goals as goal_actions
from coachdesk.ui.actions import people
from coachdesk.ui.dialogs import openers
from coachdesk.ui.kit import a11y, changes, fit, forms, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.forms import named
from coachdesk.ui.models.goal_tree_model import (
    GOAL,
    KIND_ROLE,
    MEASURE,
    OBJECTIVE,
    ROW_ROLE,
    UUID_ROLE,
    WHO,
    GoalTreeModel,
)
from coachdesk.ui.widgets.goal_detail import GoalDetail
from coachdesk.ui.widgets.page import Page

log = logging.getLogger(__name__)


#: The widest a column after the first grows, in ems: the first (titles and statements) keeps the rest.
COLUMN_CAP_EMS = {WHO: 16, MEASURE: 8}


class GoalsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Goals"), self.tr("Organisation goals → team goals → each person's SMART "
                                                   "objectives: the line of sight from daily work to what "
                                                   "customers get."), parent, name="goalsPage")
        self.ctx = ctx
        self.dialog: Any = None
        self.model = GoalTreeModel(self)
        self.model.move_requested.connect(self.move_item)
        self.tabs = named(QTabWidget(self), "goalsTabs", self.tr("Goals sections"))
        self.tabs.addTab(self._build_cascade(), self.tr("&Cascade"))
        self._lazy_tabs: dict[int, str] = {
            self.tabs.addTab(QWidget(self), self.tr("Team &templates")): "templates",
            self.tabs.addTab(QWidget(self), self.tr("KPI &catalogue")): "catalogue",
        }
        self.tabs.currentChanged.connect(self._build_tab)
        self.body.addWidget(self.tabs, 1)
        self.templates_panel: Any = None
        self.catalogue_panel: Any = None
        self.teams: list = []
        changes.watch(self, [Kind.GOAL, Kind.OBJECTIVE, Kind.TEMPLATE, Kind.TEAM, Kind.KPI], self.reload_tree)
        self.refresh()

    # -- building ------------------------------------------------------------------------------------------------
    def _build_cascade(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 10, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(forms.button(tab, self.tr("New &organisation goal"), "goalsNewOrganisation",
                                     self.new_organisation_goal, accessible=self.tr("New organisation goal")))
        tools.addWidget(forms.button(tab, self.tr("New t&eam goal"), "goalsNewTeam", self.new_team_goal,
                                     accessible=self.tr("New team goal")))
        tools.addWidget(forms.button(tab, self.tr("New ob&jective"), "goalsNewObjective", self.new_objective,
                                     accessible=self.tr("New objective")))
        tools.addSpacing(12)
        tools.addWidget(forms.button(tab, self.tr("E&dit"), "goalsEdit", self.edit_selected,
                                     accessible=self.tr("Edit"), tip=self.tr("Edit the selected item (Enter)")))
        tools.addWidget(forms.button(tab, self.tr("&Move to…"), "goalsMove", self.move_selected,
                                     accessible=self.tr("Move to"),
                                     tip=self.tr("Put the selected item under another goal (Ctrl+M)")))
        self.archive_button = forms.button(tab, self.tr("&Archive"), "goalsArchive", self.archive_selected,
                                           accessible=self.tr("Archive or restore"),
                                           tip=self.tr("Archive the selected goal (Delete)"))
        tools.addWidget(self.archive_button)
        tools.addStretch(1)
        layout.addLayout(tools)
        filters = QHBoxLayout()
        self.team_filter = named(QComboBox(tab), "goalsTeamFilter", self.tr("Show team"))
        self.team_filter.currentIndexChanged.connect(self.reload_tree)
        self.show_archived = named(QCheckBox(self.tr("Show a&rchived goals"), tab), "goalsShowArchived",
                                   self.tr("Show archived goals"))
        self.show_archived.toggled.connect(self.reload_tree)
        self.show_closed = named(QCheckBox(self.tr("Show c&losed objectives"), tab), "goalsShowClosed",
                                 self.tr("Show closed objectives"))
        self.show_closed.toggled.connect(self.reload_tree)
        filters.addWidget(a11y.labelled(QLabel(self.tr("Team:"), tab), self.team_filter))
        filters.addWidget(self.team_filter)
        filters.addWidget(self.show_archived)
        filters.addWidget(self.show_closed)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        self.splitter.setObjectName("goalsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.tree = self._build_tree(self.splitter)
        self.detail = GoalDetail(self.splitter)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 500])
        layout.addWidget(self.splitter, 1)
        return tab

    def _build_tree(self, parent: QWidget) -> QTreeView:
        tree = named(QTreeView(parent), "goalsTree", self.tr("Goal cascade"))
        tree.setModel(self.model)
        fit.elide_cells(tree)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        tree.setDragEnabled(True)
        tree.setAcceptDrops(True)
        tree.setDropIndicatorShown(True)
        header = named(tree.header(), "goalsTreeHeader", self.tr("Cascade columns"))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):  # sized from their texts: see _fit_columns
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        tree.selectionModel().currentChanged.connect(self._on_current_changed)
        tree.activated.connect(lambda _index: self.edit_selected())
        # actions, not bare shortcuts: Help > Keyboard shortcuts lists them
        for text, name, keys, slot in (
                (self.tr("Add under the selected goal"), "actionGoalAddUnder", QKeySequence(Qt.Key.Key_Insert),
                 self.add_under_selected),
                (self.tr("Move the selected item"), "actionGoalMove", QKeySequence("Ctrl+M"), self.move_selected),
                (self.tr("Archive the selected goal"), "actionGoalArchive", QKeySequence(Qt.Key.Key_Delete),
                 self.archive_selected),
                (self.tr("Edit the selected item"), "actionGoalEdit", QKeySequence(Qt.Key.Key_F2),
                 self.edit_selected)):
            forms.action(tree, text, name, slot, keys, local=True)
        return tree

    def _build_tab(self, index: int) -> None:
        key = self._lazy_tabs.pop(index, None)
        if key is None:
            return
        if key == "templates":
            from coachdesk.ui.widgets.templates_panel import TemplatesPanel

            self.templates_panel = TemplatesPanel(self.ctx, self)
            openers.serve(self.ctx, self.templates_panel)
            self.templates_panel.changed.connect(self.reload_tree)
            widget = self.templates_panel
            label = self.tr("Team &templates")
        else:
            from coachdesk.ui.widgets.kpi_catalogue_panel import KpiCataloguePanel

            self.catalogue_panel = KpiCataloguePanel(self.ctx, self)
            openers.serve(self.ctx, self.catalogue_panel)
            widget = self.catalogue_panel
            label = self.tr("KPI &catalogue")
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, label)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)

    def show_tab(self, key: str) -> QWidget:
        """Open the "cascade", "templates" or "catalogue" tab (built on first use)."""
        index = {"cascade": 0, "templates": 1, "catalogue": 2}[key]
        self.tabs.setCurrentIndex(index)
        self._build_tab(index)
        return self.tabs.widget(index)

    # -- loading -------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        people.teams(self, self.ctx, self._show_teams)

    def _show_teams(self, teams: list) -> None:
        self.teams = teams
        current = self.team_filter.currentData()
        self.team_filter.blockSignals(True)
        self.team_filter.clear()
        self.team_filter.addItem(self.tr("All teams"), None)
        for team in teams:
            self.team_filter.addItem(team.name, team.name)
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(current)))
        self.team_filter.blockSignals(False)
        self.reload_tree()
        for panel in (self.templates_panel, self.catalogue_panel):
            if panel is not None:
                panel.refresh()

    def reload_tree(self, select_uuid: str | None = None) -> None:
        select_uuid = select_uuid if isinstance(select_uuid, str) else self.selected_uuid()
        goal_actions.tree(self, self.ctx, lambda tree: self._show_tree(tree, select_uuid),
                          include_archived=self.show_archived.isChecked(), include_closed=self.show_closed.isChecked())

    def _show_tree(self, tree: Any, select_uuid: str | None) -> None:
        self.model.set_tree(tree, self.team_filter.currentData())
        self._fit_columns()
        for index in self.model.goal_indexes():
            self.tree.setExpanded(index, True)
        index = self.model.index_of(select_uuid) if select_uuid else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        else:
            self.detail.show_nothing()

    def _fit_columns(self) -> None:
        """Columns after the first as wide as their widest text (ResizeToContents would measure every row of the
        tree through the eliding delegate on each layout: thousands of objectives)."""
        metrics = self.tree.fontMetrics()
        header = self.tree.header()
        em = metrics.horizontalAdvance("M")
        for column in range(1, self.model.columnCount()):
            widest = max((metrics.horizontalAdvance(text) for text in self.model.column_texts(column)), default=0)
            cap = em * COLUMN_CAP_EMS.get(column, 10)  # a long behaviour name ends in "…" (whole text on hover)
            header.resizeSection(column, max(min(widest + 16, cap), header.sectionSizeFromContents(column).width()))

    def selected_uuid(self) -> str | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(UUID_ROLE) if index.isValid() else None

    def selected(self) -> tuple[str | None, Any]:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None, None
        first = index.siblingAtColumn(0)
        return first.data(KIND_ROLE), first.data(ROW_ROLE)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind, row = self.selected()
        if kind == GOAL and self.model.tree is not None:
            self.detail.show_goal(row, self.model.tree)
            self.archive_button.setText(self.tr("Rest&ore") if row.archived else self.tr("&Archive"))
        elif kind == OBJECTIVE:
            self._show_objective(row.uuid)
        else:
            self.detail.show_nothing()

    def _show_objective(self, uuid: str) -> None:
        def failed(error: BaseException) -> None:
            log.info("cannot show objective %s: %s", uuid, error)
            self.detail.show_nothing()

        goal_actions.objective_view(self, self.ctx, uuid, self._show_objective_view, failed=failed)

    def _show_objective_view(self, answer: tuple[list, Any]) -> None:
        rows, smart = answer
        if rows:
            self.detail.show_objective(rows[0], smart)

    # -- actions -------------------------------------------------------------------------------------------------
    def _open(self, dialog: Any) -> Any:
        self.dialog = dialog
        saved = getattr(dialog, "saved", None) or getattr(dialog, "moved", None)
        saved.connect(lambda row=None: self.reload_tree(getattr(row, "uuid", None)))
        a11y.delete_when_closed(dialog).open()
        return dialog

    def new_organisation_goal(self, parent_uuid: str | None = None) -> Any:
        from coachdesk.ui.dialogs.goal_dialog import GoalDialog

        return self._open(GoalDialog(self.ctx, level=GoalLevel.ORGANISATION, parent_uuid=parent_uuid, parent=self))

    def new_team_goal(self, parent_uuid: str | None = None) -> Any:
        from coachdesk.ui.dialogs.goal_dialog import GoalDialog

        kind, row = self.selected()
        if parent_uuid is None and kind == GOAL and row.level is GoalLevel.ORGANISATION:
            parent_uuid = row.uuid
        team = self._team_uuid(self.team_filter.currentData())
        return self._open(GoalDialog(self.ctx, level=GoalLevel.TEAM, parent_uuid=parent_uuid, team_uuid=team,
                                     parent=self))

    def new_objective(self, goal_uuid: str | None = None) -> Any:
        from coachdesk.ui.dialogs.objective_dialog import ObjectiveDialog

        kind, row = self.selected()
        if goal_uuid is None and kind == GOAL:
            goal_uuid = row.uuid
        return self._open(ObjectiveDialog(self.ctx, goal_uuid=goal_uuid, parent=self))

    def add_under_selected(self) -> Any:
        """Insert: an organisation goal at the top, a team goal under an organisation goal, an objective under a
        team goal."""
        kind, row = self.selected()
        if kind != GOAL:
            return self.new_organisation_goal()
        if row.level is GoalLevel.ORGANISATION:
            return self.new_team_goal(row.uuid)
        return self.new_objective(row.uuid)

    def edit_selected(self) -> Any:
        kind, row = self.selected()
        if kind == GOAL:
            from coachdesk.ui.dialogs.goal_dialog import GoalDialog

            return self._open(GoalDialog(self.ctx, goal_uuid=row.uuid, parent=self))
        if kind == OBJECTIVE:
            from coachdesk.ui.dialogs.objective_dialog import ObjectiveDialog

            return self._open(ObjectiveDialog(self.ctx, objective_uuid=row.uuid, parent=self))
        return None

    def move_selected(self) -> Any:
        kind, row = self.selected()
        if kind not in (GOAL, OBJECTIVE):
            return None
        from coachdesk.ui.dialogs.move_dialog import MoveDialog

        if kind == GOAL:
            return self._open(MoveDialog(self.ctx, GOAL, row.uuid, row.title, row.parent_uuid, self))
        return self._open(MoveDialog(self.ctx, OBJECTIVE, row.uuid, row.statement, row.goal_uuid, self))

    def move_item(self, kind: str, uuid: str, goal_uuid: str | None) -> None:
        """A drop on the tree: move through the service, then reload (a refusal is shown, nothing moves)."""
        goal_actions.move(self, self.ctx, kind, uuid, goal_uuid, lambda _row: self.reload_tree(uuid),
                          failed=self._refused)

    def archive_selected(self) -> None:
        """Archive the selected goal (or restore an archived one)."""
        kind, row = self.selected()
        if kind != GOAL:
            return
        hidden = not row.archived and not self.show_archived.isChecked()

        def reloaded(_count: int) -> None:
            self.reload_tree("" if hidden else row.uuid)

        if row.archived:
            goal_actions.restore_goal(self, self.ctx, row.uuid, reloaded, failed=self._refused)
        else:  # offers Undo in the notice bar
            goal_actions.archive_goal(self, self.ctx, row.uuid, row.title, reloaded, failed=self._refused)

    def _refused(self, error: BaseException) -> None:
        self.dialog = ops.show_error(self, error)  # the kit's one message box, kept on the page (tests read it)

    def _team_uuid(self, team_name: str | None) -> str | None:
        if team_name is None:
            return None
        return next((t.uuid for t in self.teams if t.name == team_name), None)
