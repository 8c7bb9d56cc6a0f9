"""The Agent page: the agents list with instant search on the left, the chosen agent's header on the right."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Role
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import goals, people
from coachdesk.ui.dialogs import openers
from coachdesk.ui.dialogs.record_dialog import open_record
from coachdesk.ui.kit import changes, fit, focus, forms
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.tables import UUID_ROLE, fit_to_texts, table_view
from coachdesk.ui.models.people_models import PeopleModel, PeoplePages
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.agent_header import AgentHeaderView
from coachdesk.ui.widgets.agent_history import AgentHistoryView
from coachdesk.ui.widgets.page import Page
from coachdesk.ui.widgets.search_field import SearchField
from coachdesk.ui.widgets.trend_view import TrendView

log = logging.getLogger(__name__)

AGENT_ROLES = frozenset({Role.AGENT})
#: widest a column may grow (in widths of "M") before its text elides, so the name keeps its room
COLUMN_CAP_EMS = {PeopleModel.TEAM: 10, PeopleModel.ROLES: 6}  # the rest to the names (elided with a tooltip)


class AgentPage(Page):
    """Pick an agent (type to filter, arrows and Enter to choose) and see who they are and what they work on."""

    agent_opened = Signal(str)
    #: the window starts an observation of this agent, or resumes an unfinished one
    observe_requested = Signal(str)
    resume_requested = Signal(str)
    #: the window opens the One-to-ones page to prepare this agent's next one-to-one
    prepare_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Agent"), self.tr("Find an agent, then see their team, leader and current "
                                                   "objectives."), parent, name="agentPage")
        self.ctx = ctx
        #: the list is loaded once; people edits reload it (the change channel), so do F5 and demo data
        self._people_loaded = False
        self._failed = False
        #: the agent whose header is being read (choosing them in the list while it is read does not read it again)
        self._pending: str | None = None
        #: the agent whose history is read once their chart is drawn (see ``_show_header``)
        self._history_for: str | None = None
        #: the list, read a page at a time (the database searches, filters by role and sorts)
        self.model = PeoplePages(people.query(roles=AGENT_ROLES), parent=self)
        people.serve_pages(self, ctx, self.model)
        self.model.loaded.connect(self._show_people)
        #: the agent to select in the list once the rows that hold them come (chosen elsewhere: Today, Ctrl+K)
        self._select_when_loaded: str | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("agentSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_list_side())
        self.splitter.addWidget(self._build_detail_side())
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([440, 660])
        self.body.addWidget(self.splitter, 1)
        changes.watch(self, [Kind.PERSON, Kind.TEAM], self._load_people)
        changes.watch(self, [Kind.OBJECTIVE, Kind.ONE_TO_ONE, Kind.OBSERVATION, Kind.FEEDBACK, Kind.RECOGNITION,
                             Kind.KPI_FIGURE, Kind.GOAL, Kind.PERSON, Kind.TEAM], self._records_changed,
                      wants=lambda news: news.names(self.current_uuid()) or not news.kinds.isdisjoint(
                          {Kind.KPI_FIGURE, Kind.TEAM, Kind.GOAL}))
        self.refresh()

    # -- building ------------------------------------------------------------------------------------------------
    def _build_list_side(self) -> QWidget:
        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 8, 0)
        self.search = SearchField(self.tr("Search name, e-mail or id"), side, name="agentSearch")
        self.search.setToolTip(self.tr("Type to filter; Up/Down to move, Enter to open (Ctrl+F)"))
        self.search_pause = forms.debounced(self.search, forms.SEARCH_PAUSE_MS, self._search_now)  # agentSearchPause
        self.search.returnPressed.connect(self._open_current_or_first)
        layout.addWidget(self.search)
        self.everyone = QCheckBox(self.tr("Include team leaders and other roles"), side)
        self.everyone.setObjectName("agentShowEveryone")
        self.everyone.setAccessibleName(self.everyone.text())
        self.everyone.toggled.connect(self._on_everyone_toggled)
        layout.addWidget(self.everyone)
        self.table = self._build_table(side)
        self.search.target = self.table
        layout.addWidget(self.table, 1)
        self.count_label = muted_label("", side, name="agentCount")
        layout.addWidget(self.count_label)
        side.setMinimumWidth(260)
        return side

    def _build_table(self, parent: QWidget) -> QTableView:
        table = table_view(parent, "agentList", self.tr("Agents"), self.model, sort_column=PeopleModel.NAME,
                           stretch=PeopleModel.NAME, fit=False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setAccessibleName(self.tr("Agent list columns"))
        header.setSectionResizeMode(PeopleModel.TEAM, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PeopleModel.ROLES, QHeaderView.ResizeMode.Interactive)
        table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        table.activated.connect(self._on_current_row_changed)
        return table

    def _build_detail_side(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("agentDetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(16, 0, 0, 0)
        layout.setSpacing(16)
        self.header_view = AgentHeaderView(inner)
        layout.addWidget(self.header_view)
        # under the agent's details, above the objectives: the button and the trend are seen without scrolling at
        # 1280x720; both belong to the agent shown, so they live in the header's details (hidden until one is)
        self.prepare_button = QPushButton(self.tr("Prepare &one-to-one"), inner)
        self.prepare_button.setObjectName("agentPrepareOneToOne")
        self.prepare_button.setAccessibleName(self.tr("Prepare one-to-one"))
        self.prepare_button.clicked.connect(lambda: self.current_uuid() and self.prepare_requested.emit(
            self.current_uuid()))
        self.header_view.add_below_identity(self.prepare_button, Qt.AlignmentFlag.AlignLeft)
        self.history_view = AgentHistoryView(self.ctx, inner)
        openers.serve(self.ctx, self.history_view)
        self.history_view.observe_requested.connect(self.observe_requested)
        self.history_view.resume_requested.connect(self.resume_requested)
        self.history_view.hide()
        layout.addWidget(self.history_view)
        self.trend_view = TrendView(self.ctx, inner)
        self.trend_view.record_requested.connect(self._open_record)
        self.trend_view.finished.connect(self._after_trends)
        self.trend_view.hide()
        self.header_view.add_below_identity(self.trend_view)
        layout.addStretch(1)
        scroll.setWidget(inner)
        # the effect table loads when scrolled to (or once the agent stays shown a moment; see TrendView)
        scroll.verticalScrollBar().valueChanged.connect(
            lambda _value: self.trend_view.effects_in_view() and self.trend_view.load_effects())
        fit.wheel_to_page(scroll)  # the wheel scrolls the page, not the tables inside it
        focus.focus_frame(scroll)  # it takes Tab (to scroll by keys): show when it has it
        return fit.scroll_down_only(scroll)

    # -- actions -------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload everyone (F5, demo data) and the shown agent; search and role filters then work on these rows."""
        self._load_people()
        current = self.current_uuid()
        if current:
            self._show_agent(current)

    def _load_people(self) -> None:
        """Read the list again from its first page, as far as the agent shown (kept selected)."""
        self._select_when_loaded = self._select_when_loaded or self.current_uuid()
        self.model.load(reaching=self._select_when_loaded)

    def _show_people(self, first: bool) -> None:
        self._people_loaded = True
        if first:
            self._fit_columns()
            wanted, self._select_when_loaded = self._select_when_loaded, None
            if wanted:
                self._select_in_list(wanted)
        self._update_count()

    def revisit(self) -> None:
        """Shown again: re-read the shown agent, whose records may have changed (the list follows the channel)."""
        current = self.current_uuid()
        if current:
            self._show_agent(current)

    def _fit_columns(self) -> None:
        """Size Team and Role from their distinct texts, capped (the rest to the names): ResizeToContents would
        measure all rows on every layout."""
        fit_to_texts(self.table, COLUMN_CAP_EMS)

    def _search_now(self) -> None:
        """Filter by what is typed (the search waits for a pause in typing; Enter does not wait)."""
        self.search_pause.stop()
        text = self.search.text().strip()
        if text != self.model.query.search or not self.model.loaded_once():
            self.model.load(search=text)

    def _on_everyone_toggled(self, checked: bool) -> None:
        self.model.load(roles=None if checked else AGENT_ROLES)

    def _update_count(self) -> None:
        shown, total = self.model.total, self.model.everyone
        self.count_label.setText(self.tr("Showing {shown} of {total} people").format(shown=shown, total=total))

    def _open_current_or_first(self) -> None:
        self.search_pause.flush()  # Enter does not wait for the pause
        index = self.table.currentIndex()
        if not index.isValid() and self.model.rowCount() > 0:
            index = self.model.index(0, 0)
            self.table.setCurrentIndex(index)
        self._on_current_row_changed(index)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        uuid = current.data(UUID_ROLE) if current.isValid() else None
        if uuid and uuid != (self._pending or self.current_uuid()):
            self._show_agent(uuid)

    def _show_agent(self, uuid: str) -> bool:
        """Read the agent's header (and then their objectives' progress) off the GUI thread; False when the read
        failed at once (an agent who is not in the database)."""
        self._failed = False
        self._pending = uuid
        people.agent_header(self, self.ctx, uuid, lambda header: self._show_header(uuid, header),
                            failed=lambda error: self._not_shown(uuid, error))
        return not self._failed

    def _show_header(self, uuid: str, header: object) -> None:
        """The header is in: read the objectives' progress and the trends, then the history once the chart is
        drawn (``_after_trends``). The reads hold Python's lock in turn: run side by side, the trend read, the
        longest, took three times as long, and the chart came last."""
        if self._pending == uuid:
            self._pending = None
        self.header_view.show_header(header)
        goals.progress(self, self.ctx, uuid, self.header_view.show_progress,
                       failed=lambda error: log.info("no objective progress for %s: %s", uuid, error))
        self._history_for = uuid
        self.history_view.show()
        self.trend_view.show_agent(uuid)
        self.trend_view.show()
        self.agent_opened.emit(uuid)

    def _after_trends(self, uuid: str) -> None:
        """The chart of ``uuid`` is drawn (or could not be): read their history (nothing if another agent came)."""
        if uuid == self._history_for:
            self._history_for = None
            self.history_view.show_agent(uuid)

    def _not_shown(self, uuid: str, error: BaseException) -> None:
        log.info("cannot show agent %s: %s", uuid, error)
        if self._pending == uuid:
            self._pending = None
        self._failed = True
        self.header_view.clear()
        self.history_view.hide()

    def _records_changed(self) -> None:
        current = self.current_uuid()
        if current:
            self._show_agent(current)

    def _open_record(self, kind: str, uuid: str) -> None:
        """A trend marker was clicked: an observation reopens read-only, other records show their details."""
        self.record_dialog = open_record(self.ctx, self.history_view, kind, uuid)

    def open_agent(self, uuid: str) -> bool:
        """Show ``uuid``'s header and select them in the list when the list shows them."""
        if not self._people_loaded:
            self._load_people()
        if not self._show_agent(uuid):
            return False
        if not self._select_in_list(uuid):  # not read yet: read the list as far as them (when it holds them)
            self._select_when_loaded = uuid
            self.model.load(reaching=uuid)
        return True

    def _select_in_list(self, uuid: str) -> bool:
        """Select ``uuid``'s row and scroll to it; False when the rows read so far do not hold them."""
        row = self.model.row_of_uuid(uuid)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def current_uuid(self) -> str | None:
        return self.header_view.header.uuid if self.header_view.header else None

    def shown_name(self) -> str:
        return self.header_view.shown_name()

    def visible_count(self) -> int:
        """How many people the list holds with its search and role filter (read so far or not)."""
        return self.model.total

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

