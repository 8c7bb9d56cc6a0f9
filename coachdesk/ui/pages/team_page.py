"""The Team page: today's teams with their member counts and leaders, each team's agents × objectives by band, and
the team dashboard (behaviour heat map, KPIs against target, behaviours ↔ KPIs, coaching effect)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from coachdesk.services import one_to_ones as one_to_ones_api
from coachdesk.services import people as people_api
from coachdesk.services.common import AppContext
from coachdesk.ui.kit.tables import SORT_ROLE, UUID_ROLE
from coachdesk.ui.models.people_models import TeamsModel
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.one_to_one_due import OneToOneGapLabel
from coachdesk.ui.widgets.page import Page
from coachdesk.ui.widgets.team_heatmap import TeamDashboard
from coachdesk.ui.widgets.team_objectives import TeamObjectivesPanel

MAX_VISIBLE_TEAMS = 14


def fit_height(table: QTableView, max_rows: int) -> None:
    """Make the table as tall as its rows (up to ``max_rows``; it scrolls beyond), not as tall as the page."""
    rows = min(table.model().rowCount(), max_rows)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(rows)) or table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height + 2)


class TeamPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Team"), self.tr("Every active team today, with its members and leaders."),
                         parent, name="teamPage")
        self.ctx = ctx
        self.model = TeamsModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._build_table()
        self.body.addWidget(self.table)
        self.empty_label = muted_label(self.tr("No teams yet: create them on the People page."), self,
                                       name="teamEmpty")
        self.body.addWidget(self.empty_label)
        self.objectives = TeamObjectivesPanel(ctx, self)
        self.table.selectionModel().currentRowChanged.connect(self._show_team_objectives)
        self.one_to_one_gaps = OneToOneGapLabel(self)
        self.body.addWidget(self.one_to_one_gaps)
        self.body.addWidget(self.objectives, 3)
        self.dashboard = TeamDashboard(ctx, self)
        self.dashboard.agent_requested.connect(self._open_agent)
        self.dashboard.print_requested.connect(self.print_team)
        self.table.selectionModel().currentRowChanged.connect(self._show_team_dashboard)
        self.body.addWidget(self.dashboard, 4)
        self.refresh()

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("teamTable")
        table.setAccessibleName(self.tr("Teams"))
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(TeamsModel.NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setObjectName("teamTableHeader")
        header.setAccessibleName(self.tr("Team columns"))
        header.setSectionResizeMode(TeamsModel.NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TeamsModel.MEMBERS, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _show_team_objectives(self, current, _previous=None) -> None:  # noqa: ANN001
        if current.isValid():
            uuid = self.proxy.mapToSource(current).data(UUID_ROLE)
            self.objectives.show_team(uuid)
            name = next((r.name for r in self.model.rows() if r.uuid == uuid), "")
            self.one_to_one_gaps.show_rows(name, one_to_ones_api.due_list(self.ctx.db, team_uuids=[uuid]))

    def _show_team_dashboard(self, current, _previous=None) -> None:  # noqa: ANN001
        if current.isValid():
            self.dashboard.show_team(self.proxy.mapToSource(current).data(UUID_ROLE))

    def print_team(self, kind: str, team_uuid: str, start: object, end: object) -> object:
        """The team summary or every member's feedback summary for the dashboard's period, in the preview."""
        from coachdesk.services.reports import ReportRequest
        from coachdesk.ui import report_actions

        return report_actions.run(self, self.ctx.db, ReportRequest(kind, team=team_uuid, start=start, end=end))

    def _open_agent(self, uuid: str) -> None:
        """A heat-map row was opened: the window shows that agent's page."""
        open_agent = getattr(self.window(), "open_agent", None)
        if open_agent is not None:
            open_agent(uuid)

    def refresh(self) -> None:
        self.model.set_rows(people_api.list_teams(self.ctx.db))
        has_teams = self.model.rowCount() > 0
        self.table.setVisible(has_teams)
        fit_height(self.table, MAX_VISIBLE_TEAMS)
        self.empty_label.setVisible(not has_teams)
        self.objectives.set_teams(self.model.rows())
        self.objectives.setVisible(has_teams)
        self.dashboard.set_teams(self.model.rows())
        self.dashboard.setVisible(has_teams)
        self.subtitle.setText(self.tr("Every active team today, with its members and leaders. Teams: {teams} · "
                                      "members: {members}.").format(teams=self.model.rowCount(),
                                                                    members=self.model.total_members()))
