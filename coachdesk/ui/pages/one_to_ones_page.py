"""The One-to-ones page: pick an agent (who is due first), prepare on one screen, record the session, have it
acknowledged; the agent's earlier one-to-ones in a list below."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.one_to_one_rules import DueState
from coachdesk.services.common import AppContext, PersonRef
from coachdesk.ui.actions import one_to_ones
from coachdesk.ui.dialogs import openers
from coachdesk.ui.kit import changes, fit, keys, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.widgets.one_to_one_editor import TYPE_LABELS, SessionEditor
from coachdesk.ui.widgets.one_to_one_prep import PrepView
from coachdesk.ui.widgets.page import Page

START_KEYS = keys.declare("One-to-ones", "Start the session", "F9")

PREPARE, RECORD, HISTORY = range(3)
FIND_EMS = 36  # the agent chooser's widest, in widths of "M" (its items elide, whole on hover): whom it lists fits


class OneToOnesPage(Page):
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("One-to-ones"), self.tr("Prepare in a minute, record what was agreed, carry what is "
                                                         "still open into the next one."), parent,
                         name="oneToOnesPage")
        self.ctx = ctx
        self.agent_uuid: str | None = None
        self.signed_in: PersonRef | None = None
        top = QHBoxLayout()
        label = QLabel(self.tr("&Find agent"), self)
        self.agent = QComboBox(self)
        self.agent.setObjectName("oneToOneAgent")
        self.agent.setAccessibleName(self.tr("Agent"))
        self.agent.setEditable(True)
        self.agent.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agent.lineEdit().setObjectName("oneToOneAgentSearch")
        self.agent.lineEdit().setAccessibleName(self.tr("Find agent"))
        self.agent.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.agent.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.agent.activated.connect(self._agent_chosen)
        fit.elide_combo(self.agent)
        self.agent.setMaximumWidth(self.agent.fontMetrics().horizontalAdvance("M") * FIND_EMS)  # the rest: who
        label.setBuddy(self.agent)
        self.start_button = QPushButton(self.tr("Start the session (F9)"), self)
        self.start_button.setObjectName("oneToOneStart")
        self.start_button.setAccessibleName(self.tr("Start the session"))
        self.start_button.clicked.connect(self.start_session)
        keys.shortcut(self, START_KEYS, self.start_session, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        top.addWidget(label)
        top.addWidget(self.agent, 2)
        top.addWidget(self.start_button)
        self.print_button = QPushButton(self.tr("&Print…"), self)  # issue #8: a PDF of what the tab shows
        self.print_button.setObjectName("oneToOnePrint")
        self.print_button.setAccessibleName(self.tr("Print the prep sheet, or the session record on its tab"))
        self.print_button.clicked.connect(self.print_current)
        top.addWidget(self.print_button)
        self.who = fit.ElidedLabel("", self)
        self.who.setObjectName("oneToOneSignedIn")
        top.addWidget(self.who, 1, Qt.AlignmentFlag.AlignRight)
        self.body.addLayout(top)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("oneToOneTabs")
        self.tabs.setAccessibleName(self.tr("One-to-one views"))
        self.prep = PrepView(self.tabs)
        self.editor = SessionEditor(ctx, self.tabs)
        openers.serve(ctx, self.editor)
        self.editor.saved.connect(lambda _r: self.history.clear())
        self.editor.message.connect(self.status_message)
        self.history = QListWidget(self.tabs)
        self.history.setObjectName("oneToOneHistory")
        self.history.setAccessibleName(self.tr("Earlier one-to-ones"))
        self.history.itemActivated.connect(self._open_history_item)
        history_box = QWidget(self.tabs)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(QLabel(self.tr("Earlier one-to-ones (Enter opens one)"), history_box))
        history_layout.addWidget(self.history, 1)
        self.tabs.addTab(self.prep, self.tr("&1 Prepare"))
        editor_page = fit.scroll_down_only(fit.scroll_area(self.editor, self.tabs, "oneToOneEditorScroll"))
        self.tabs.addTab(editor_page, self.tr("&2 Session record"))  # the record scrolls, not the whole page
        self.tabs.addTab(history_box, self.tr("&3 History"))
        self.body.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda index: index == HISTORY and self._load_history())
        self.prep.clear()
        self._prep_failed = self._start_failed = False
        changes.watch(self, [Kind.ONE_TO_ONE, Kind.PERSON, Kind.TEAM], self.refresh)
        changes.watch(self, [Kind.OBJECTIVE, Kind.FEEDBACK, Kind.OBSERVATION, Kind.RECOGNITION, Kind.KPI_FIGURE],
                      self._records_changed,
                      wants=lambda news: news.names(self.agent_uuid) or Kind.KPI_FIGURE in news.kinds)
        self.refresh()

    # -- loading -----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The agents, the signed-in leader's first (everyone when nobody is signed in), most overdue first; and the
        prep sheet of the agent shown (F5 and every one-to-one written reload both)."""
        one_to_ones.agent_choices(self, self.ctx, self._show_choices)
        if self.agent_uuid:
            self._load_prep()

    def _show_choices(self, choices: one_to_ones.AgentChoices) -> None:
        self.signed_in, teams, rows = choices.signed_in, choices.teams, choices.rows
        self.who.setText(self.tr("Signed in as {name}: their teams' agents").format(name=self.signed_in.display_name)
                         if self.signed_in and teams else self.tr("Nobody signed in: every team's agents")
                         if not self.signed_in else self.tr("Signed in as {name} (leads no team): every agent")
                         .format(name=self.signed_in.display_name))
        self.agent.blockSignals(True)
        self.agent.clear()
        states = {DueState.OVERDUE: self.tr("overdue"), DueState.DUE: self.tr("due"),
                  DueState.UPCOMING: self.tr("upcoming"), DueState.NEVER: self.tr("none yet")}
        for r in rows:
            when = f" {date_text(r.due_date)}" if r.due_date else ""
            self.agent.addItem(f"{r.agent_name} — {states[r.state]}{when} ({r.team or self.tr('no team')})",
                               r.agent_uuid)
        index = self.agent.findData(self.agent_uuid) if self.agent_uuid else -1
        self.agent.setCurrentIndex(index)
        self.agent.lineEdit().home(False)  # a long choice shows its start (the name), not its end
        if index < 0:
            self.agent.setEditText("")
        self.agent.blockSignals(False)

    def revisit(self) -> None:
        if self.agent_uuid:
            self._load_prep()

    def _agent_chosen(self, index: int) -> None:
        uuid = self.agent.itemData(index)
        if uuid:
            self.open_agent(uuid)

    def open_agent(self, uuid: str) -> bool:
        """Prepare for ``uuid``'s next one-to-one (the agent page's "Prepare one-to-one")."""
        self.agent_uuid = uuid
        index = self.agent.findData(uuid)
        if index < 0:  # an agent outside the signed-in leader's teams: still reachable
            self.agent.addItem(uuid, uuid)
            index = self.agent.count() - 1
        self.agent.setCurrentIndex(index)
        self.agent.lineEdit().home(False)
        ok = self._load_prep()
        self.tabs.setCurrentIndex(PREPARE)
        self.history.clear()  # listed when its tab is shown
        self.start_button.setFocus()  # Enter (or F9) starts the session
        return ok

    def _load_prep(self) -> bool:
        """Read the prep sheet off the GUI thread; False when that failed at once (an unknown agent)."""
        self._prep_failed = False

        def failed(error: BaseException) -> None:
            self._prep_failed = True
            self.prep.clear(ops.error_text(error))

        one_to_ones.prep_sheet(self, self.ctx, self.agent_uuid, self._show_prep, failed=failed)
        return not self._prep_failed

    def _show_prep(self, sheet: object) -> None:
        self.prep.show_sheet(sheet)
        index = self.agent.findData(self.agent_uuid)
        if index >= 0 and self.agent.itemText(index) == self.agent_uuid:
            self.agent.setItemText(index, sheet.agent_name)

    def _load_history(self) -> None:
        self.history.clear()
        if self.agent_uuid:
            one_to_ones.sessions(self, self.ctx, self.agent_uuid, self._show_history)

    def _show_history(self, sessions: list) -> None:
        self.history.clear()
        for s in sessions:
            item = QListWidgetItem(self.tr("{day} · {type} · {status} · {open} open item(s) · {leader}").format(
                day=date_text(s.day) or "–", type=self.tr(TYPE_LABELS[s.type]),
                status=s.status.value, open=s.open_items, leader=s.leader or "–"))
            item.setData(Qt.ItemDataRole.UserRole, s.uuid)
            self.history.addItem(item)

    def _records_changed(self) -> None:
        if self.agent_uuid:
            self._load_prep()
            if self.tabs.currentIndex() == HISTORY:
                self._load_history()

    # -- actions -----------------------------------------------------------------------------------------------------
    def start_session(self) -> bool:
        """Open the agent's next one-to-one (the prepared draft, or a new one with open items carried into it)."""
        if not self.agent_uuid:
            self.status_message.emit(self.tr("Choose an agent first."))
            self.agent.setFocus()
            return False
        self._start_failed = False

        def failed(error: BaseException) -> None:
            self._start_failed = True
            self.status_message.emit(ops.error_text(error))

        one_to_ones.open_next(self, self.ctx, self.agent_uuid, self.signed_in.uuid if self.signed_in else None,
                              self._started, failed=failed)
        return not self._start_failed

    def _started(self, record: object) -> None:
        self.editor.load(record, self.signed_in.uuid if self.signed_in else None)
        if record.held_at is None and record.day != date.today():
            self.editor.day.setDate(QDate.currentDate())  # starting the session: it takes place now
        self.tabs.setCurrentIndex(RECORD)
        self.editor.kind.setFocus()

    def open_session(self, uuid: str) -> None:
        one_to_ones.session(self, self.ctx, uuid, self._open_record)

    def _open_record(self, record: object) -> None:
        self.editor.load(record, self.signed_in.uuid if self.signed_in else None)
        self.tabs.setCurrentIndex(RECORD)

    def print_current(self) -> None:
        """The one-to-one record (Session record tab) or the prep sheet, previewed as a PDF (issue #8)."""
        from coachdesk.ui import report_actions

        if self.tabs.currentIndex() == RECORD and self.editor.record is not None:
            report_actions.print_one_to_one(self, self.ctx, self.editor.record.uuid)
        elif self.agent_uuid:
            report_actions.print_prep_sheet(self, self.ctx, self.agent_uuid)

    def _open_history_item(self, item: QListWidgetItem) -> None:
        self.open_session(item.data(Qt.ItemDataRole.UserRole))
