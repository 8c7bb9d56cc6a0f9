"""The Today page: who is in the database, where the database is, objectives due soon or off track, and the
one-to-ones, overdue actions and follow-ups due for the signed-in leader's teams."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar, goals, one_to_ones, people
from coachdesk.ui.kit import changes, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.objectives_due import ObjectivesDuePanel
from coachdesk.ui.widgets.observations_due import ObservationsDueLabel
from coachdesk.ui.widgets.one_to_one_due import TodayOneToOnesPanel
from coachdesk.ui.widgets.page import Page, StatCard, card_row


class TodayPage(Page):
    """Counts of people and teams, the database location, and placeholders for what is due."""

    demo_requested = Signal()
    #: Enter on a one-to-one, action or follow-up row: prepare that agent's one-to-one
    prepare_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        today = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
        super().__init__(self.tr("Today"), today, parent, name="todayPage")
        self.ctx = ctx
        self.cards = {
            "agents": StatCard(self.tr("Agents"), self, name="todayAgents"),
            "leaders": StatCard(self.tr("Team leaders"), self, name="todayLeaders"),
            "teams": StatCard(self.tr("Teams"), self, name="todayTeams"),
            "people": StatCard(self.tr("People in all"), self, name="todayPeople"),
        }
        self.body.addLayout(card_row(list(self.cards.values())))
        self.body.addLayout(self._build_empty_hint())
        due = QGridLayout()
        due.setHorizontalSpacing(12)
        self.objectives_due = ObjectivesDuePanel(self)
        due.addWidget(self.objectives_due, 0, 0)
        due.setColumnStretch(0, 2)
        due.setColumnStretch(1, 1)
        self.one_to_ones = TodayOneToOnesPanel(self)
        self.one_to_ones.prepare_requested.connect(self.prepare_requested)
        self.one_to_ones.follow_up_done_requested.connect(self.mark_follow_up_done)
        self.follow_up_dialog: QWidget | None = None
        due.addWidget(self.one_to_ones, 0, 1, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(due)
        self.observations_due = ObservationsDueLabel(self)
        self.body.addWidget(self.observations_due)
        self.location_label = muted_label("", self, name="todayDatabase")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.location_label)
        self.body.addStretch(1)
        self._counted = False
        changes.watch(self, [Kind.PERSON, Kind.TEAM], self.load_counts)
        changes.watch(self, [Kind.OBJECTIVE, Kind.KPI_FIGURE, Kind.OBSERVATION, Kind.PERSON, Kind.TEAM],
                      self.load_objectives)
        changes.watch(self, [Kind.ONE_TO_ONE, Kind.FEEDBACK, Kind.PERSON, Kind.TEAM], self.load_one_to_ones)
        changes.watch(self, [Kind.OBSERVATION, Kind.PERSON, Kind.TEAM], self.load_observations)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._counted:  # count once the window is on screen: the first paint is not kept waiting
            self._counted = True
            QTimer.singleShot(0, self.refresh)

    def mark_follow_up_done(self, feedback_uuid: str, title: str) -> QWidget:
        """Ask how a follow-up turned out and mark it done (the list refreshes through the change channel)."""
        from coachdesk.ui.dialogs.follow_up_dialog import FollowUpDialog

        self.follow_up_dialog = FollowUpDialog(self.ctx, feedback_uuid, title, self)
        self.follow_up_dialog.open()
        return self.follow_up_dialog

    def _build_empty_hint(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.empty_label = QLabel(self.tr("The database is empty. Add people on the People page, or load a "
                                          "demo contact centre to try CoachDesk."), self)
        self.empty_label.setObjectName("todayEmpty")
        self.empty_label.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Load demo data…"), self)
        self.demo_button.setObjectName("todayLoadDemo")
        self.demo_button.setAccessibleName(self.tr("Load demo data"))
        self.demo_button.clicked.connect(self.demo_requested)
        row.addWidget(self.empty_label, 1)
        row.addWidget(self.demo_button)
        self.empty_label.hide()  # until the counts say so
        self.demo_button.hide()
        return row

    def refresh(self) -> None:
        """Count and list in the background, so that the window shows before the first query has run."""
        self._counted = True
        self.location_label.setText(self.tr("Database: {location}").format(location=self.ctx.describe()))
        self.load_counts()
        self.load_objectives()
        self.load_one_to_ones()
        self.load_observations()

    def load_counts(self) -> None:
        people.counts(self, self.ctx, self.show_counts,
                      failed=ops.into_label(self.location_label, self.tr("Could not count the people:")))

    def load_objectives(self) -> None:
        goals.needing_attention(self, self.ctx, self.objectives_due.show_rows,
                                failed=ops.into_label(self.objectives_due.summary))

    def load_one_to_ones(self) -> None:
        one_to_ones.today(self, self.ctx, self.one_to_ones.show_lists,
                          failed=ops.into_label(self.one_to_ones.scope))

    def load_observations(self) -> None:
        """Planned observations due (the calendar's list)."""
        calendar.planned_today(self, self.ctx, self.observations_due.show_rows,
                               failed=self.observations_due.show_error)

    def show_counts(self, counts: people.Counts) -> None:
        for key in ("agents", "leaders", "teams", "people"):
            self.cards[key].set_value(QLocale().toString(getattr(counts, key)))
        self.empty_label.setVisible(counts.people == 0)
        self.demo_button.setVisible(counts.people == 0)
