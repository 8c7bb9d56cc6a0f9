"""The Team page: today's teams with their member counts and leaders, each team's agents × objectives by band, and
the team dashboard (behaviour heat map, KPIs against target, behaviours ↔ KPIs, coaching effect)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView, QWidget

from coachdesk.services.common import AppContext
from coachdesk.ui.actions import one_to_ones, people
from coachdesk.ui.kit import changes
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.tables import UUID_ROLE, SortProxy, fit_now, table_view
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
        self.proxy = SortProxy(self)
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
        changes.watch(self, [Kind.TEAM, Kind.PERSON], self.refresh)
        changes.watch(self, [Kind.ONE_TO_ONE], self._load_gaps)
        self.refresh()

    def _build_table(self) -> QTableView:
        table = table_view(self, "teamTable", self.tr("Teams"), self.model, proxy=self.proxy,
                           sort_column=TeamsModel.NAME, stretch=TeamsModel.LEADERS, fit=False)
        table.horizontalHeader().setAccessibleName(self.tr("Team columns"))
        return table

    def _show_team_objectives(self, current, _previous=None) -> None:  # noqa: ANN001
        if current.isValid():
            uuid = self.proxy.mapToSource(current).data(UUID_ROLE)
            self.objectives.show_team(uuid)
            self._load_gaps(uuid)

    def _load_gaps(self, uuid: str | None = None) -> None:
        uuid = uuid or self.objectives.team.currentData()
        if uuid:
            name = next((r.name for r in self.model.rows() if r.uuid == uuid), "")
            one_to_ones.due_for_team(self, self.ctx, uuid, lambda rows: self.one_to_one_gaps.show_rows(name, rows))

    def _show_team_dashboard(self, current, _previous=None) -> None:  # noqa: ANN001
        if current.isValid():
            self.dashboard.show_team(self.proxy.mapToSource(current).data(UUID_ROLE))

    def print_team(self, kind: str, team_uuid: str, start: object, end: object) -> object:
        """The team summary or every member's feedback summary for the dashboard's period, in the preview."""
        from coachdesk.services.reports import ReportRequest
        from coachdesk.ui import report_actions

        return report_actions.run(self, self.ctx, ReportRequest(kind, team=team_uuid, start=start, end=end))

    def _open_agent(self, uuid: str) -> None:
        """A heat-map row was opened: the window shows that agent's page."""
        open_agent = getattr(self.window(), "open_agent", None)
        if open_agent is not None:
            open_agent(uuid)

    def open_team(self, uuid: str) -> bool:
        """Choose the team ``uuid`` in the table (its objectives and dashboard follow); False when not listed."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(UUID_ROLE) == uuid:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def refresh(self) -> None:
        people.teams(self, self.ctx, self._show_teams)

    def _show_teams(self, teams: list) -> None:
        self.model.set_rows(teams)
        fit_now(self.table)  # once per list, not on every layout
        has_teams = self.model.rowCount() > 0
        self.table.setVisible(has_teams)
        fit_height(self.table, MAX_VISIBLE_TEAMS)
        self.empty_label.setVisible(not has_teams)
        self.objectives.set_teams(self.model.rows())
        self.objectives.setVisible(has_teams)
        self.dashboard.set_teams(self.model.rows())
        self.dashboard.setVisible(has_teams)
        if has_teams and not self.table.currentIndex().isValid():  # the table says which team the panels show
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.subtitle.setText(self.tr("Every active team today, with its members and leaders. Teams: {teams} · "
                                      "members: {members}.").format(teams=self.model.rowCount(),
                                                                    members=self.model.total_members()))
