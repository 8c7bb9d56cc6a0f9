"""The agent page's history: behaviour scores over the last 90 days (with n), and past observation sessions with
their feedback; Enter reopens a session to read it (and amend it, kept as amendments)."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.scores import MIN_OBSERVATIONS
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar, observation
from coachdesk.ui.kit import forms
from coachdesk.ui.kit.tables import UUID_ROLE, fit_to_texts, table_view
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.models.history_models import HistoryModel, ScoreModel, score_text
from coachdesk.ui.theme import muted_label, scaled_font

log = logging.getLogger(__name__)

PERIOD_DAYS = 90


def _table(name: str, accessible: str, model: Any, parent: QWidget) -> QTableView:
    """Columns sized by ``fit_to_texts`` when the rows come (not measured cell by cell on each agent)."""
    table = table_view(parent, name, accessible, model, stretch=None, fit=False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


class AgentHistoryView(QWidget):
    """Shows one agent's observations; ``observe_requested`` asks the window to start a session for them."""

    observe_requested = Signal(str)
    resume_requested = Signal(str)
    #: (kind, argument): the page opens that dialog (``dialogs.openers``)
    dialog_requested = Signal(str, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentHistory")
        self.setAccessibleName(self.tr("Observations and feedback"))
        self.ctx = ctx
        self.agent_uuid: str | None = None
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        heading = QLabel(self.tr("Observations and feedback"), self)
        heading.setFont(scaled_font(heading.font(), 1.2, bold=True))
        row.addWidget(heading, 1)
        self.observe_button = QPushButton(self.tr("Observe now…"), self)
        self.observe_button.setObjectName("agentObserve")
        forms.spoken(self.observe_button, self.tr("Start an observation of this agent"))
        self.observe_button.clicked.connect(lambda: self.agent_uuid and self.observe_requested.emit(self.agent_uuid))
        row.addWidget(self.observe_button)
        self.print_button = QPushButton(self.tr("Feedback summary (PDF)…"), self)
        self.print_button.setObjectName("agentPrintSummary")
        forms.spoken(self.print_button, self.tr("Preview this agent's feedback summary for the last 90 days"))
        self.print_button.clicked.connect(self.preview_summary)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        layout.addWidget(self._build_follow_ups())
        self.scores_label = muted_label("", self, name="agentScoresSummary")
        layout.addWidget(self.scores_label)
        self.score_model = ScoreModel(parent=self)
        self.scores = _table("agentScores", self.tr("Behaviour scores"), self.score_model, self)
        self.scores.horizontalHeader().setSectionResizeMode(ScoreModel.NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.scores)
        self.sessions_label = muted_label("", self, name="agentSessionsSummary")
        layout.addWidget(self.sessions_label)
        self.model = HistoryModel(parent=self)
        self.sessions = _table("agentSessions", self.tr("Past observation sessions: Enter opens one"), self.model,
                               self)
        self.sessions.horizontalHeader().setSectionResizeMode(HistoryModel.FEEDBACK, QHeaderView.ResizeMode.Stretch)
        self.sessions.activated.connect(self.open_session)
        layout.addWidget(self.sessions)

    def _build_follow_ups(self) -> QWidget:
        """The agent's feedback follow-ups still open, each to mark done with how it turned out."""
        box = QWidget(self)
        box.setObjectName("agentFollowUpsBox")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.follow_ups_label = QLabel(self.tr("Feedback follow-ups open"), box)
        head.addWidget(self.follow_ups_label, 1)
        self.follow_up_done = QPushButton(self.tr("Mark &done…"), box)
        self.follow_up_done.setObjectName("agentFollowUpDone")
        forms.spoken(self.follow_up_done, self.tr("Mark the chosen follow-up done"))
        self.follow_up_done.setToolTip(self.tr("Say how the chosen follow-up turned out: improved, partly or not yet"))
        self.follow_up_done.clicked.connect(self.mark_follow_up_done)
        head.addWidget(self.follow_up_done)
        layout.addLayout(head)
        self.follow_ups = QListWidget(box)
        self.follow_ups.setObjectName("agentFollowUps")
        self.follow_ups.setAccessibleName(self.tr("Feedback follow-ups open"))
        self.follow_ups.itemActivated.connect(lambda _item: self.mark_follow_up_done())
        layout.addWidget(self.follow_ups)
        box.hide()  # until the agent has one open
        self.follow_ups_box = box
        return box

    def _show_follow_ups(self, rows: list) -> None:
        self.follow_ups.clear()
        for row in rows:
            item = QListWidgetItem(self.tr("Follow-up {day} — {topic}").format(
                day=date_text(row.follow_up_date), topic=row.to_improve[:90] or self.tr("(no topic)")))
            item.setData(UUID_ROLE, row.feedback_uuid)
            item.setToolTip(row.to_improve)
            self.follow_ups.addItem(item)
        if rows:
            self.follow_ups.setCurrentRow(0)
            self.follow_ups.setFixedHeight(6 + self.follow_ups.sizeHintForRow(0) * min(len(rows), 4))
        self.follow_ups_box.setVisible(bool(rows))

    def mark_follow_up_done(self) -> Any:
        """Ask how the chosen follow-up turned out (the page opens the dialog); the list follows the channel."""
        item = self.follow_ups.currentItem()
        if item is None:
            return None
        return self._ask("follow_up", (item.data(UUID_ROLE), item.text()))

    def show_agent(self, uuid: str, today: date | None = None) -> None:
        """Read the agent's sessions and scores off the GUI thread, then show them."""
        self.agent_uuid = uuid
        today = today or date.today()
        calendar.open_follow_ups(self, self.ctx, uuid, self._show_follow_ups,
                                 failed=lambda error: log.info("no follow-ups for %s: %s", uuid, error))

        def failed(error: BaseException) -> None:
            log.info("no history for %s: %s", uuid, error)
            self._show(observation.AgentHistory([], None))

        observation.agent_history(self, self.ctx, uuid, today - timedelta(days=PERIOD_DAYS - 1), today, self._show,
                                  failed=failed)

    def _show(self, history: observation.AgentHistory) -> None:
        rows, sheet = history.rows, history.sheet
        self.model.set_rows(rows)
        scored = [s for s in sheet.behaviours if s.score.n or s.score.not_applicable] if sheet else []
        self.score_model.set_rows(scored)
        self._fit(self.scores, len(scored))
        self._fit(self.sessions, min(len(rows), 12))
        fit_to_texts(self.scores)
        fit_to_texts(self.sessions)
        if sheet is None or sheet.overall.n == 0:
            self.scores_label.setText(self.tr("No behaviour rated in the last {days} days.").format(days=PERIOD_DAYS))
        else:
            categories = " · ".join(f"{c.name} {score_text(c.score)} (n={c.score.n})" for c in sheet.categories
                                    if c.score.n)
            self.scores_label.setText(self.tr(
                "Last {days} days: overall {overall} from {n} observations. {categories}. Scores out of 100; fewer "
                "than {minimum} observations are too few to compare.").format(
                days=PERIOD_DAYS, overall=score_text(sheet.overall), n=sheet.overall.n, categories=categories,
                minimum=MIN_OBSERVATIONS))
        self.sessions_label.setText(self.tr("{count} observation sessions; Enter or double-click opens one.").format(
            count=len(rows)) if rows else self.tr("Not observed yet."))

    @staticmethod
    def _fit(table: QTableView, rows: int) -> None:
        """Tables in a scrolling page: as tall as their rows (up to a limit), never a scroll area in a scroll area."""
        height = table.horizontalHeader().sizeHint().height() + table.verticalHeader().defaultSectionSize() * max(
            rows, 1) + 2 * table.frameWidth()
        table.setFixedHeight(height)
        table.setVisible(rows > 0)

    def open_session(self, index: QModelIndex | None = None) -> Any:
        index = index if index is not None and index.isValid() else self.sessions.currentIndex()
        uuid = index.data(UUID_ROLE) if index.isValid() else None
        if not uuid:
            return None
        self.dialog = None
        self.dialog_requested.emit("session", uuid)  # the page opens the read-only session view
        return self.dialog

    def session_closed(self) -> None:
        """The session view closed: its notes or feedback may have changed."""
        if self.agent_uuid:
            self.show_agent(self.agent_uuid)

    def preview_summary(self) -> Any:
        """The agent's feedback summary over the period the scores show, opened in the PDF viewer (issue #8)."""
        if not self.agent_uuid:
            return None
        from coachdesk.services.reports import ReportRequest

        today = date.today()
        request = ReportRequest("feedback", agent=self.agent_uuid, start=today - timedelta(days=PERIOD_DAYS - 1),
                                end=today)
        return self._ask("report", request)  # the page previews it (``dialogs.openers``)

    def _ask(self, kind: str, argument: object) -> Any:
        self.dialog = None
        self.dialog_requested.emit(kind, argument)
        return self.dialog

    def session_count(self) -> int:
        return self.model.rowCount()

    def focus_sessions(self) -> None:
        self.sessions.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount():
            self.sessions.selectRow(0)
