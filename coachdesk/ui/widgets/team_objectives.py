"""The team page's objectives section: one team's agents × the measures of their objectives, coloured by band."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.objectives import Band
from coachdesk.services import goals as goals_api
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import goals
from coachdesk.ui.kit import a11y, changes, fit, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.tables import fit_now, table_view
from coachdesk.ui.kit.words import band_text
from coachdesk.ui.models.progress_models import TeamMatrixModel
from coachdesk.ui.theme import muted_label, scaled_font


class TeamObjectivesPanel(QFrame):

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        # its tables scroll their own rows: its height does not follow its width. Otherwise a box layout gives it
        # its preferred height for the width (as if its wrapped legend were a label) and, on a page that scrolls,
        # squeezes the fixed-height teams table above so that the lines below it are drawn over it
        return False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamObjectives")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Objectives by agent"))
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        row = QHBoxLayout()
        head = QLabel(self.tr("Objectives by agent"), self)
        head.setFont(scaled_font(head.font(), 1.2, bold=True))
        row.addWidget(head)
        row.addSpacing(12)
        self.team = named(QComboBox(self), "teamObjectivesTeam", self.tr("Team"))
        self.team.currentIndexChanged.connect(self.reload)
        row.addWidget(a11y.labelled(QLabel(self.tr("Team:"), self), self.team))
        row.addWidget(self.team)
        row.addStretch(1)
        layout.addLayout(row)
        self.model = TeamMatrixModel(self)
        self.table = table_view(self, "teamObjectivesMatrix", self.tr("Agents by objectives"), self.model,
                                stretch=None, fit=False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)  # one cell: one objective
        self.table.setAlternatingRowColors(False)  # the cells carry their band colours
        named(self.table.horizontalHeader(), "teamObjectivesHeader", self.tr("Objective columns"))
        header = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        self.table.setMinimumHeight(header + 4 * self.table.verticalHeader().defaultSectionSize())  # 4 agents at least
        layout.addWidget(self.table, 1)
        legend = " · ".join(band_text(b) for b in Band) + " · " + self.tr("“·” no figures yet")
        self.legend = muted_label(self.tr("Each cell: the agent's current value on that objective. {legend}. "
                                          "Hover for the target and forecast.").format(legend=legend), self,
                                  name="teamObjectivesLegend")
        fit.keep_all_lines(self.legend)  # the panel's height does not follow its width: the legend keeps its lines
        layout.addWidget(self.legend)
        changes.watch(self, [Kind.OBJECTIVE, Kind.KPI_FIGURE, Kind.OBSERVATION, Kind.PERSON], self.reload)

    def set_teams(self, teams: list) -> None:
        current = self.team.currentData()
        self.team.blockSignals(True)
        self.team.clear()
        for team in teams:
            self.team.addItem(team.name, team.uuid)
        self.team.setCurrentIndex(max(0, self.team.findData(current)))
        self.team.blockSignals(False)
        self.reload()

    def show_team(self, uuid: str) -> None:
        self.team.setCurrentIndex(max(0, self.team.findData(uuid)))

    def reload(self) -> None:
        """Compute the matrix on a worker (a few hundred objectives' figures), then show it."""
        uuid = self.team.currentData()
        if not uuid:
            self.model.set_matrix(None)
            return
        goals.team_matrix(self, self.ctx, uuid, lambda matrix, wanted=uuid: self._show(matrix, wanted),
                          failed=ops.into_label(self.legend, self.tr("Could not compute the objectives:")))

    def _show(self, matrix: goals_api.TeamMatrix, wanted: str) -> None:
        if wanted != self.team.currentData():
            return  # another team was chosen meanwhile
        self.model.set_matrix(matrix)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fit_now(self.table)  # the objectives' columns to their contents, once per matrix
        self.table.setVisible(self.model.rowCount() > 0)

    def matrix_text(self) -> list[list[str]]:
        """The table as shown (tests and the screen reader check)."""
        return [[self.model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or ""
                 for c in range(self.model.columnCount())] for r in range(self.model.rowCount())]
