"""The Observe page before a session: find the agent (type, arrows, Enter), choose the mode, announced or not and
the observer, see unfinished sessions to resume, and open calibration (how far observers agree)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from coachdesk.domain.enums import ObservationMode
from coachdesk.services.common import AppContext
from coachdesk.services.observation import PersonChoice, SessionSummary
from coachdesk.ui.actions import observation as actions
from coachdesk.ui.kit import fit, forms, ops
from coachdesk.ui.kit.words import mode_label, when_text
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.search_field import SearchField

MAX_AGENTS = actions.MAX_AGENTS
UUID_ROLE = Qt.ItemDataRole.UserRole
#: opens calibration from the start panel (also the button's mnemonic)
CALIBRATION_KEYS = "Alt+C"


class StartPanel(QWidget):
    """Emits ``start_requested(agent uuid)`` on Enter; the page reads mode, announced and observer from it."""

    start_requested = Signal(str)
    resume_requested = Signal(str)
    calibration_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("observeStartPanel")
        self.setAccessibleName(self.tr("Start an observation"))
        self.ctx = ctx
        self.listing: ops.Operation | None = None  # the agents' search being read
        self.start_when_listed = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(10)
        big = scaled_font(self.font(), 1.25)
        heading = QLabel(self.tr("Who are you observing?"), self)
        heading.setFont(scaled_font(self.font(), 1.3, bold=True))
        grid.addWidget(heading, 0, 0)
        self.search = SearchField(self.tr("Type the agent's name, e-mail or id"), self, name="observeAgentSearch")
        self.search.setFont(big)
        self.search.setAccessibleName(self.tr("Agent to observe"))
        grid.addWidget(self.search, 1, 0)
        self.agents = QListWidget(self)
        self.agents.setObjectName("observeAgentList")
        self.agents.setAccessibleName(self.tr("Matching agents"))
        self.agents.setFont(big)
        self.agents.setUniformItemSizes(True)
        fit.elide_cells(self.agents)
        self.agents.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the search field moves in it; Tab goes on
        self.search.target = self.agents
        grid.addWidget(self.agents, 2, 0, 4, 1)
        grid.addWidget(muted_label(self.tr("↑ ↓ choose · Enter starts the session · Tab to the options"), self),
                       6, 0)
        self.problem = muted_label("", self, name="observeAgentsProblem")
        self.problem.hide()
        grid.addWidget(self.problem, 7, 0)
        grid.addWidget(self._build_options(big), 1, 1, 2, 1)
        self.unfinished_heading = QLabel(self.tr("Unfinished sessions"), self)
        self.unfinished_heading.setFont(scaled_font(self.font(), 1.15, bold=True))
        grid.addWidget(self.unfinished_heading, 3, 1)
        self.unfinished = QListWidget(self)
        self.unfinished.setObjectName("observeUnfinished")
        self.unfinished.setAccessibleName(self.tr("Unfinished sessions: Enter resumes"))
        self.unfinished.setSpacing(3)
        fit.elide_cells(self.unfinished)
        self.unfinished.itemActivated.connect(lambda item: self.resume_requested.emit(item.data(UUID_ROLE)))
        grid.addWidget(self.unfinished, 4, 1, 1, 1)
        self.how = muted_label(self.tr(
            "During the session: F5 starts and stops each call (F7 its reference). ↑ ↓ or Alt+number choose a "
            "behaviour and one key of its scale rates it; type why, Enter stamps the note with the time. F2 "
            "strength, F3 opportunity, F4 verbatim, F6 links an objective, F8 ends. Everything is saved as you go: "
            "no save button, and an unfinished session comes back after a crash."), self, name="observeHowItWorks")
        self.how.setFont(scaled_font(self.font(), 1.05))
        grid.addWidget(self.how, 5, 1, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._build_calibration(), 6, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(5, 1)
        #: the agents are searched once typing pauses, not on every key; Enter searches at once
        self.search_pause = forms.debounced(self.search, forms.SEARCH_PAUSE_MS,
                                            lambda: self.update_agents(self.search.text()))
        self.search.returnPressed.connect(self._start_current)
        self.agents.itemActivated.connect(lambda item: self.start_requested.emit(item.data(UUID_ROLE)))
        self.setFocusProxy(self.search)
        for first, second in ((self.search, self.mode), (self.mode, self.announced), (self.announced, self.observer),
                              (self.observer, self.start_button), (self.start_button, self.unfinished),
                              (self.unfinished, self.calibration_button)):
            self.setTabOrder(first, second)

    def _build_calibration(self) -> QWidget:
        """Calibration's entry point: a labelled button with its key (Alt+C), under how a session works."""
        box = QWidget(self)
        row = QGridLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.calibration_button = forms.button(
            box, self.tr("&Calibration: compare observers…"), "observeCalibration", self.calibration_requested.emit,
            accessible=self.tr("Calibration: compare observers"),
            tip=self.tr("Interactions rated by several observers (the same reference): how far they agree "
                        "({keys})").format(keys=forms.keys_text(CALIBRATION_KEYS)))
        row.addWidget(self.calibration_button, 0, 0, Qt.AlignmentFlag.AlignLeft)
        row.addWidget(muted_label(self.tr("Two observers rate the same call (same reference, F7) on their own; "
                                          "calibration shows where they differ."), box,
                                  name="observeCalibrationHint"), 1, 0)
        return box

    def _build_options(self, big) -> QWidget:  # noqa: ANN001
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        self.mode = QComboBox(box)
        self.mode.setObjectName("observeMode")
        self.mode.setAccessibleName(self.tr("Mode"))
        for mode in ObservationMode:
            self.mode.addItem(mode_label(mode), mode.value)
        self.announced = QCheckBox(self.tr("&Announced: the agent knows they are observed"), box)
        self.announced.setObjectName("observeAnnounced")
        forms.spoken(self.announced, self.tr("Announced"))
        self.announced.setChecked(True)
        self.observer = QComboBox(box)
        self.observer.setObjectName("observeObserver")
        self.observer.setAccessibleName(self.tr("Observer"))
        mode_label_widget = QLabel(self.tr("&Mode"), box)
        mode_label_widget.setBuddy(self.mode)
        observer_label = QLabel(self.tr("O&bserver"), box)
        observer_label.setBuddy(self.observer)
        form.addRow(mode_label_widget, self.mode)
        form.addRow("", self.announced)
        form.addRow(observer_label, self.observer)
        self.start_button = QPushButton(self.tr("Start session (Enter)"), box)
        self.start_button.setObjectName("observeStart")
        self.start_button.setAccessibleName(self.tr("Start session"))
        self.start_button.setFont(big)
        self.start_button.clicked.connect(self._start_current)
        form.addRow("", self.start_button)
        for widget in (self.mode, self.announced, self.observer):
            widget.installEventFilter(self)
        return box

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - Enter on an option starts the session too
        if event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not (isinstance(watched, QComboBox) and watched.view().isVisible()):
            self._start_current()
            return True
        return False

    # -- content ---------------------------------------------------------------------------------------------------
    def set_observers(self, people: list[PersonChoice], chosen: str | None) -> None:
        self.observer.clear()
        self.observer.addItem(self.tr("Not named"), None)
        for person in people:
            self.observer.addItem(f"{person.name} ({QCoreApplication.translate('Role', person.detail)})",
                                  person.uuid)
        index = self.observer.findData(chosen) if chosen else 0
        self.observer.setCurrentIndex(max(index, 0))

    def set_unfinished(self, sessions: list[SessionSummary]) -> None:
        self.unfinished.clear()
        for s in sessions:
            when = when_text(s.started_at)
            detail = self.tr("{ratings} ratings, {notes} notes").format(ratings=s.ratings, notes=s.notes)
            if s.has_draft:
                detail += " · " + self.tr("a note being typed")
            item = QListWidgetItem(f"{s.agent_name} · {when}\n{mode_label(s.mode)} · {detail}")
            item.setData(UUID_ROLE, s.uuid)
            item.setToolTip(item.text().replace("\n", " · "))
            self.unfinished.addItem(item)
        self.unfinished.setVisible(bool(sessions))
        self.unfinished_heading.setVisible(bool(sessions))

    def update_agents(self, text: str = "", chosen: tuple[str, str] | None = None) -> None:
        """List the agents ``text`` finds (off the GUI thread; a result overtaken by later typing is dropped);
        ``chosen`` (uuid, name) is then made current, first in the list if the search did not find it."""
        self.search_pause.stop()
        self.listing = actions.agents(self, self.ctx, text, done=lambda rows: self._show_agents(rows, chosen),
                                      failed=self._agents_failed)

    def _agents_failed(self, error: BaseException) -> None:
        self.start_when_listed = False
        ops.into_label(self.problem)(error)

    def _show_agents(self, rows: list, chosen: tuple[str, str] | None = None) -> None:
        self.problem.hide()
        self.agents.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.display_name} · {row.team}" if row.team else row.display_name)
            item.setData(UUID_ROLE, row.uuid)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{row.display_name}, {row.team or ''}")
            self.agents.addItem(item)
        if self.agents.count():
            self.agents.setCurrentRow(0)
        if chosen is not None:
            self._make_current(*chosen)
        if self.start_when_listed:  # Enter came before the list did: it starts the agent it shows first
            self.start_when_listed = False
            self._start_current()

    def choose_agent(self, uuid: str, name: str) -> None:
        """Put one agent first and current (opened from elsewhere: the agent page, the quick switcher)."""
        self.search.blockSignals(True)
        self.search.setText(name)
        self.search.blockSignals(False)
        self.update_agents(name, chosen=(uuid, name))

    def _make_current(self, uuid: str, name: str) -> None:
        for row in range(self.agents.count()):
            if self.agents.item(row).data(UUID_ROLE) == uuid:
                self.agents.setCurrentRow(row)
                return
        item = QListWidgetItem(name)
        item.setData(UUID_ROLE, uuid)
        self.agents.insertItem(0, item)
        self.agents.setCurrentRow(0)

    def _start_current(self) -> None:
        self.search_pause.flush()  # Enter while typing: the search runs now, and its first match starts
        if self.listing is not None and not self.listing.finished:
            self.start_when_listed = True
            return
        item = self.agents.currentItem()
        if item is not None:
            self.start_requested.emit(item.data(UUID_ROLE))

    def chosen_mode(self) -> ObservationMode:
        return ObservationMode(self.mode.currentData())

    def chosen_observer(self) -> str | None:
        return self.observer.currentData()
