"""The Observe page: side-by-side observation from the keyboard. Every rating is saved as its key is pressed, the
note being typed is autosaved within half a second, and an unfinished session can be resumed exactly as it was."""

from __future__ import annotations

import html
import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QStackedWidget, QWidget

from coachdesk.domain.enums import Channel, NoteKind
from coachdesk.domain.kpi_format import format_duration
from coachdesk.services.common import AppContext
from coachdesk.services.observation import InteractionRow, NoteRow, RatingRow, SessionState
from coachdesk.ui.actions import observation as actions
from coachdesk.ui.kit import a11y, changes, forms, keys, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.words import mode_label, time_text
from coachdesk.ui.pages.observe_actions import EndingActions, NoteActions, RatingActions
from coachdesk.ui.widgets.observe_log import kind_label
from coachdesk.ui.widgets.observe_note import KeyRouter
from coachdesk.ui.widgets.observe_session import SessionView, key_legend
from coachdesk.ui.widgets.observe_start import StartPanel
from coachdesk.ui.widgets.page import Page

log = logging.getLogger(__name__)

#: the note being typed is written to the database at most this long after a keystroke, even while typing goes on
DRAFT_DELAY_MS = 400
#: at most this often, the write-ahead log is copied into the database file (off the GUI thread)
FLUSH_DELAY_MS = 1000

_WHERE = "Observe"
INTERACTION_KEYS = keys.declare(_WHERE, "Start or stop an interaction", "F5", "Ctrl+Return", "Ctrl+Enter")
STRENGTH_KEYS = keys.declare(_WHERE, "Mark the last note a strength", "F2")
OPPORTUNITY_KEYS = keys.declare(_WHERE, "Mark the last note an opportunity", "F3")
VERBATIM_KEYS = keys.declare(_WHERE, "Mark the last note a verbatim quote", "F4")
OBJECTIVE_KEYS = keys.declare(_WHERE, "Link the next objective", "F6")
REFERENCE_KEYS = keys.declare(_WHERE, "Type the interaction's reference", "F7")
END_KEYS = keys.declare(_WHERE, "End the session", "F8")
BEHAVIOUR_KEYS = keys.declare(_WHERE, "Choose behaviour 1 to 9 (Alt+0: a general note)",
                              *(f"Alt+{n}" for n in range(10)))
# keys of the checklist and the note line themselves (not shortcuts), listed so they can be found
keys.declare(_WHERE, "Write a note about the chosen behaviour", "Return")
keys.declare(_WHERE, "Clear the chosen behaviour's rating", "Del", "Backspace")
keys.declare(_WHERE, "Stamp the note with the time (in the note line)", "Return")
keys.declare(_WHERE, "Back to the checklist (in the note line)", "Esc")


class ObservePage(RatingActions, NoteActions, EndingActions, Page):
    """Start panel until a session starts; then the session view. Each action is a named operation of
    ``ui.actions.observation``; a session's writes go one after another (``SessionWrites``) and are shown at once,
    before they are saved, so a key never waits on the database."""

    session_ended = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Observe"), self.tr("Sit beside an agent, rate behaviours and note what you hear, "
                                                     "from the keyboard."), parent, name="observePage")
        self.ctx = ctx
        self.state: SessionState | None = None
        self.writes: actions.SessionWrites | None = None
        self.starting = False  # a session's start is being written
        #: interactions and notes shown before their write was made: the page's (provisional) uuid -> the saved one
        self.real_ids: dict[str, str] = {}
        self.interactions: list[InteractionRow] = []
        self.ratings: dict[tuple[str | None, int], RatingRow] = {}
        self.notes: list[NoteRow] = []
        self.note_about: int | None = None
        self.note_kind = NoteKind.GENERAL
        self.note_objective: str | None = None
        self.last_note: NoteRow | None = None
        self.empty_box: QMessageBox | None = None
        self.dialog: Any = None
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("observeStack")
        self.start = StartPanel(ctx, self.stack)
        self.view = SessionView(self.stack)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.view)
        self.body.addWidget(self.stack, 1)
        self.tools = QWidget(self)
        self.tools.setLayout(self._build_tools())
        self.body.addWidget(self.tools)
        self._timers()
        self._wire()
        QCoreApplication.instance().aboutToQuit.connect(self._before_quit)
        self.refresh()

    # -- building --------------------------------------------------------------------------------------------------
    def _build_tools(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.framework_button = forms.button(self, self.tr("Behaviour framework…"), "observeEditFramework",
                                             self.edit_framework,
                                             accessible=self.tr("Edit the behaviour framework"))
        row.addWidget(self.framework_button)
        return row

    def _timers(self) -> None:
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.save_draft_now)
        self.flush_timer = QTimer(self)
        self.flush_timer.setSingleShot(True)
        self.flush_timer.setInterval(FLUSH_DELAY_MS)
        self.flush_timer.timeout.connect(self._flush)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        self.log_timer = QTimer(self)
        self.log_timer.setSingleShot(True)
        self.log_timer.setInterval(0)
        self.log_timer.timeout.connect(self._show_log)

    def _wire(self) -> None:
        v = self.view
        self.start.start_requested.connect(self.start_session)
        self.start.resume_requested.connect(self.resume)
        self.start.calibration_requested.connect(self.open_calibration)
        changes.watch(self, [Kind.OBSERVATION, Kind.PERSON, Kind.TEAM], self.refresh,
                      wants=lambda _news: not self.starting)  # its own start shows the session instead
        v.checklist.rate_key.connect(self.rate)
        v.checklist.clear_requested.connect(self.clear_rating)
        v.checklist.note_requested.connect(self.open_note)
        v.checklist.stray_key.connect(lambda _text: self._say(self.tr("Enter writes a note about this behaviour.")))
        v.checklist.selectionModel().currentRowChanged.connect(lambda *_: self._show_behaviour())
        v.note.stamp_requested.connect(self.stamp_note)
        v.note.back_requested.connect(self.back_to_checklist)
        v.note.move_requested.connect(self.move_selection)
        v.note.textChanged.connect(self._note_changed)
        v.reference.returnPressed.connect(self.back_to_checklist)
        v.reference.editingFinished.connect(self.save_interaction_details)
        v.channel.activated.connect(lambda _index: self.save_interaction_details())
        v.interaction_button.clicked.connect(self.toggle_interaction)
        v.end_button.clicked.connect(self.end_session)
        handlers = {INTERACTION_KEYS: self.toggle_interaction, STRENGTH_KEYS: lambda: self.mark(NoteKind.STRENGTH),
                    OPPORTUNITY_KEYS: lambda: self.mark(NoteKind.OPPORTUNITY),
                    VERBATIM_KEYS: lambda: self.mark(NoteKind.VERBATIM), OBJECTIVE_KEYS: self.cycle_objective,
                    REFERENCE_KEYS: self.edit_reference, END_KEYS: self.end_session,
                    BEHAVIOUR_KEYS: [lambda n=number: self.jump_to(n) for number in range(10)]}
        self.router = KeyRouter(handlers, self)
        self.router.watch(v.checklist, v.note, v.reference, v.channel, v.interaction_button, v.end_button)
        v.keys.setText(key_legend([
            ("F5", self.tr("start / stop interaction")), ("F7", self.tr("reference")),
            ("F2", self.tr("strength")), ("F3", self.tr("opportunity")), ("F4", self.tr("verbatim")),
            ("F6", self.tr("objective")), ("Alt+1…9", self.tr("behaviour")), ("F8", self.tr("end session"))]))
        v.checklist.installEventFilter(self)
        v.note.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - the zone's keys follow the focus
        if event.type() in (event.Type.FocusIn, event.Type.FocusOut):
            QTimer.singleShot(0, self._show_zone_keys)
        return False

    # -- page ------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The start panel's lists (a running session is shown as it is kept, not reloaded)."""
        if self.state is not None:
            return
        actions.start_choices(self, self.ctx, done=self._show_choices, failed=ops.into_label(self.subtitle))
        self.start.update_agents(self.start.search.text())

    def _show_choices(self, choices: actions.StartChoices) -> None:
        self.start.set_observers(choices.observers, choices.remembered)
        self.start.set_unfinished(choices.unfinished)

    def open_agent(self, uuid: str, name: str = "") -> bool:
        """Offer ``uuid`` for a new session (Enter starts it); a running session is left as it is."""
        if self.state is not None:
            return self.state.agent_uuid == uuid
        if name:
            self.start.choose_agent(uuid, name)
        else:
            refused: list[BaseException] = []
            actions.agent_name(self, self.ctx, uuid, done=lambda found: self.start.choose_agent(uuid, found),
                               failed=refused.append)  # not found: nothing offered, False (as before)
            if refused:
                return False
        self.start.search.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def session_uuid(self) -> str | None:
        return self.state.uuid if self.state else None

    def current_interaction(self) -> InteractionRow | None:
        last = self.interactions[-1] if self.interactions else None
        return last if last is not None and last.ended_at is None else None

    def _interaction_uuid(self) -> str | None:
        current = self.current_interaction()
        return current.uuid if current else None

    def selected_behaviour(self):  # noqa: ANN201 - BehaviourItem | None
        return self.view.model.item_at(self.view.checklist.currentIndex().row())

    # -- session ---------------------------------------------------------------------------------------------------
    def start_session(self, agent_uuid: str) -> None:
        """Start a session for the agent with the panel's options (the panel waits meanwhile: one Enter, one
        session)."""
        def started(state: SessionState) -> None:
            self.starting = False
            self._show_session(state)

        def failed(error: BaseException) -> None:
            self.starting = False
            ops.show_error(self, error)
            self.start.search.setFocus(Qt.FocusReason.OtherFocusReason)  # the panel was disabled meanwhile

        self.starting = True
        actions.start_session(self, self.ctx, agent_uuid, self.start.chosen_mode(), self.start.announced.isChecked(),
                              self.start.chosen_observer(), done=started, failed=failed, busy=[self.start])

    def resume(self, session_uuid: str) -> bool:
        """Bring an unfinished session back exactly as it was left; False when it could not be (said why)."""
        refused: list[BaseException] = []

        def failed(error: BaseException) -> None:
            refused.append(error)
            ops.show_error(self, error)

        actions.resume(self, self.ctx, session_uuid, done=self._show_session, failed=failed)
        return not refused

    def _show_session(self, state: SessionState) -> None:
        v = self.view
        self.state = state
        self.writes = actions.SessionWrites(self, self.ctx, state.uuid, state.agent_uuid, state.draft)
        self.real_ids = {}
        self.interactions = list(state.interactions)
        self.ratings = {(r.interaction_uuid, r.behaviour_id): r for r in state.ratings}
        self.notes = list(state.notes)
        self.last_note = self.notes[-1] if self.notes else None
        v.agent_name.setText(state.agent_name)
        v.agent_name.setAccessibleName(state.agent_name)
        parts = [state.team or self.tr("No team"), mode_label(state.mode),
                 self.tr("announced") if state.announced else self.tr("unannounced")]
        parts.append(self.tr("observer: {name}").format(name=state.observer_name) if state.observer_name
                     else self.tr("observer not named"))
        parts.append(self.tr("started {time}").format(time=time_text(state.started_at)))
        parts.append(f"{state.framework.name} (r{state.framework.revision})")
        v.meta.setText(" · ".join(parts))
        v.model.set_framework(state.framework)
        draft = state.draft
        v.note.blockSignals(True)
        v.note.setPlainText(draft.text if draft else "")
        v.note.moveCursor(v.note.textCursor().MoveOperation.End)
        v.note.blockSignals(False)
        self.note_kind = draft.kind if draft else NoteKind.GENERAL
        self.note_objective = draft.objective_uuid if draft else None
        self.note_about = draft.behaviour_id if draft else None
        self._show_interaction()
        v.checklist.setCurrentIndex(v.model.index(v.model.row_of(self.note_about) if draft else 1))
        self.stack.setCurrentWidget(v)
        self.tools.hide()
        self.subtitle.hide()
        self._show_about()
        self._show_log()
        self._say(self.tr("Resumed as it was left.") if state.interactions or state.ratings or state.notes or draft
                  else self.tr("Session started. F5 when a call starts; ↑ ↓ and a scale key to rate."))
        self.clock.start()
        (v.note if draft and draft.text else v.checklist).setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_interaction(self) -> None:
        v = self.view
        current = self.current_interaction()
        v.model.set_ratings({bid: r for (iuuid, bid), r in self.ratings.items() if iuuid == self._interaction_uuid()})
        v.reference.setEnabled(current is not None)
        v.channel.setEnabled(current is not None)
        v.reference.setText(current.reference if current else "")
        v.channel.setCurrentIndex(max(v.channel.findData(current.channel.value if current else Channel.VOICE.value),
                                      0))
        v.interaction_button.setText(self.tr("Stop interaction (F5)") if current else
                                     self.tr("Start interaction (F5)"))
        v.interaction_button.setAccessibleName(v.interaction_button.text())
        self._tick()

    def _tick(self) -> None:
        current = self.current_interaction()
        if current is None:
            text = self.tr("No interaction running: ratings and notes go to the whole session. F5 starts one.")
            if self.interactions:
                text = self.tr("{count} interactions logged. F5 starts the next.").format(count=len(self.interactions))
        else:
            elapsed = (datetime.now(current.started_at.tzinfo) - current.started_at).total_seconds()
            text = self.tr("Interaction {number} · {elapsed}").format(number=current.number,
                                                                     elapsed=format_duration(max(elapsed, 0)))
        self.view.timer_label.setText(text)
        self.view.timer_label.setAccessibleName(text)

    # -- moving ----------------------------------------------------------------------------------------------------
    def move_selection(self, delta: int) -> None:
        checklist = self.view.checklist
        row = min(max(checklist.currentIndex().row() + delta, 0), self.view.model.rowCount() - 1)
        checklist.setCurrentIndex(self.view.model.index(row))
        checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    def jump_to(self, number: int) -> None:
        if self.state is None:
            return
        row = number if number <= len(self.state.framework.behaviours) else None
        if row is None:
            self._say(self.tr("There is no behaviour {number}.").format(number=number), error=True)
            return
        self.view.checklist.setCurrentIndex(self.view.model.index(row))
        self.view.checklist.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def back_to_checklist(self) -> None:
        self.view.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- other screens ---------------------------------------------------------------------------------------------
    def compose_feedback(self, session_uuid: str) -> Any:
        from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog

        self.dialog = FeedbackDialog(self.ctx, session_uuid, self)
        a11y.delete_when_closed(self.dialog).open()
        return self.dialog

    def edit_framework(self) -> Any:
        from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog

        self.dialog = FrameworkDialog(self.ctx, self)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self._framework_saved(dialog.saved))
        a11y.delete_when_closed(self.dialog).open()
        return self.dialog

    def _framework_saved(self, summary: Any) -> None:
        if summary is not None and self.state is None:
            self.subtitle.setText(self.tr("“{name}” saved as revision {revision}: new sessions use it.").format(
                name=summary.name, revision=summary.revision))

    def open_calibration(self) -> Any:
        """The calibration view (the start panel's button, Alt+C)."""
        from coachdesk.ui.dialogs.calibration_dialog import CalibrationDialog

        self.dialog = CalibrationDialog(self.ctx, self)
        a11y.delete_when_closed(self.dialog).open()
        return self.dialog

    # -- showing ---------------------------------------------------------------------------------------------------
    def _show_behaviour(self) -> None:
        item = self.selected_behaviour()
        v = self.view
        if item is None:
            v.behaviour_title.setText(self.tr("General note"))
            v.behaviour_detail.setText(html.escape(self.tr("A note about the interaction or the session, not one "
                                                           "behaviour. Enter writes it.")))
            return
        v.behaviour_title.setText(f"{item.number}. {item.name}")
        keys = " · ".join(f"<b>{html.escape(p.key)}</b>&nbsp;{html.escape(p.label)}" for p in item.scale.points)
        parts = [html.escape(item.description)] if item.description else []
        if item.good:
            parts.append("<b>" + html.escape(self.tr("What good looks like:")) + "</b> " + html.escape(item.good))
        parts.append(keys)
        v.behaviour_detail.setText("<br><br>".join(parts))

    def _show_about(self) -> None:
        item = self.state.framework.behaviour(self.note_about) if self.state and self.note_about else None
        parts = [self.tr("Note about {name}").format(name=item.name) if item else self.tr("General note")]
        if self.note_kind != NoteKind.GENERAL:
            parts.append(kind_label(self.note_kind))
        objective = next((o.statement for o in self.state.objectives if o.uuid == self.note_objective), "") \
            if self.state else ""
        if objective:
            parts.append(self.tr("objective: {statement}").format(statement=objective))
        text = " · ".join(parts)
        self.view.note_about.setText(text)
        self.view.note.setAccessibleName(text)

    def _show_zone_keys(self) -> None:
        if self.view.note.hasFocus():
            pairs = [(self.tr("Enter"), self.tr("stamp the note")), (self.tr("Shift+Enter"), self.tr("new line")),
                     (self.tr("Esc"), self.tr("back to the checklist")), ("F2 F3 F4", self.tr("mark it")),
                     ("F6", self.tr("link an objective"))]
        else:
            item = self.selected_behaviour()
            keys = " ".join(p.key for p in item.scale.points) if item else "1–4 0"
            pairs = [("↑ ↓", self.tr("choose")), (keys, self.tr("rate")), (self.tr("Del"), self.tr("clear")),
                     (self.tr("Enter"), self.tr("write a note")), ("F2 F3 F4 F6", self.tr("mark the last note"))]
        self.view.zone_keys.setText(key_legend(pairs))

    def _show_log(self) -> None:
        if self.state is not None:
            self.view.log.show_session(self.state.framework, self.interactions, list(self.ratings.values()),
                                       self.notes, self.state.objectives)
        self._show_zone_keys()

    def _say(self, message: str, error: bool = False) -> None:
        self.view.status.setText(("⚠ " if error else "") + message)
        self.view.status.setForegroundRole(QPalette.ColorRole.WindowText if error else
                                           QPalette.ColorRole.PlaceholderText)

    def _saved(self, what: str = "") -> None:
        stamp = time_text(datetime.now(), seconds=True)
        self._say(self.tr("{what} · saved {time}").format(what=what, time=stamp) if what else
                  self.tr("All changes saved {time}").format(time=stamp))
        if not self.flush_timer.isActive():
            self.flush_timer.start()

    def _flush(self) -> None:
        if self.writes is not None:
            self.writes.flush()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_default()

    def focus_default(self) -> None:
        """The keyboard starts where the work is: the agent search, or the checklist of the running session."""
        if self.state is None:
            self.start.search.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self.view.note.hasFocus():
            (self.view.note if self.view.note.text() else self.view.checklist).setFocus(Qt.FocusReason.OtherFocusReason)

    def _before_quit(self) -> None:
        """The app is quitting: the draft goes, and every write still waiting is made before the loop ends."""
        if self.draft_timer.isActive():
            self.save_draft_now()
        if self.writes is not None and not self.writes.drain():
            log.warning("the app quit before every observation write was made")

    def hideEvent(self, event: QHideEvent) -> None:
        if self.draft_timer.isActive():  # leaving the page or closing the window: the draft goes now
            self.save_draft_now()
        super().hideEvent(event)
