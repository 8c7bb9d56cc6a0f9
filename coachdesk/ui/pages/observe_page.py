"""The Observe page: side-by-side observation from the keyboard. Every rating is saved as its key is pressed, the
note being typed is autosaved within half a second, and an unfinished session can be resumed exactly as it was."""

from __future__ import annotations

import html
import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QKeyCombination, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QStackedWidget, QWidget

from coachdesk.domain.enums import Channel, NoteKind
from coachdesk.domain.errors import CoachDeskError, ValidationError
from coachdesk.domain.kpi_format import format_duration
from coachdesk.domain.observation_rules import point_for_key
from coachdesk.services import observation as obs
from coachdesk.services import people as people_api
from coachdesk.services.common import AppContext
from coachdesk.services.observation import InteractionRow, NoteRow, RatingRow, SessionState
from coachdesk.ui import tasks
from coachdesk.ui.kit.words import mode_label
from coachdesk.ui.pages.observe_actions import EndingActions, NoteActions
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

Key, Mod = Qt.Key, Qt.KeyboardModifier


def _seq(key: Qt.Key, mods: Qt.KeyboardModifier = Mod.NoModifier) -> QKeySequence:
    return QKeySequence(QKeyCombination(mods, key))


class ObservePage(NoteActions, EndingActions, Page):
    """Start panel until a session starts; then the session view. Each action calls one service."""

    session_ended = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Observe"), self.tr("Sit beside an agent, rate behaviours and note what you hear, "
                                                     "from the keyboard."), parent, name="observePage")
        self.ctx = ctx
        self.state: SessionState | None = None
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
        self.refresh()

    # -- building --------------------------------------------------------------------------------------------------
    def _build_tools(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.framework_button = QPushButton(self.tr("Behaviour framework…"), self)
        self.framework_button.setObjectName("observeEditFramework")
        self.framework_button.setAccessibleName(self.tr("Edit the behaviour framework"))
        self.framework_button.clicked.connect(self.edit_framework)
        self.calibration_button = QPushButton(self.tr("Calibration…"), self)
        self.calibration_button.setObjectName("observeCalibration")
        self.calibration_button.setAccessibleName(self.tr("Calibration of observers"))
        self.calibration_button.clicked.connect(self.open_calibration)
        row.addWidget(self.framework_button)
        row.addWidget(self.calibration_button)
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
        handlers = {_seq(Key.Key_F5): self.toggle_interaction, _seq(Key.Key_Return, Mod.ControlModifier):
                    self.toggle_interaction, _seq(Key.Key_F2): lambda: self.mark(NoteKind.STRENGTH),
                    _seq(Key.Key_F3): lambda: self.mark(NoteKind.OPPORTUNITY),
                    _seq(Key.Key_F4): lambda: self.mark(NoteKind.VERBATIM), _seq(Key.Key_F6): self.cycle_objective,
                    _seq(Key.Key_F7): self.edit_reference, _seq(Key.Key_F8): self.end_session}
        for number in range(10):
            handlers[_seq(Qt.Key(Key.Key_0 + number), Mod.AltModifier)] = lambda n=number: self.jump_to(n)
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
        if self.state is not None:
            return
        self.start.set_observers(obs.observers(self.ctx.db), obs.remembered_observer(self.ctx.db))
        self.start.set_unfinished(obs.unfinished_sessions(self.ctx.db, limit=20))
        self.start.update_agents(self.start.search.text())

    def open_agent(self, uuid: str, name: str = "") -> bool:
        """Offer ``uuid`` for a new session (Enter starts it); a running session is left as it is."""
        if self.state is not None:
            return self.state.agent_uuid == uuid
        try:
            name = name or people_api.agent_header(self.ctx.db, uuid).display_name
        except CoachDeskError:
            return False
        self.start.choose_agent(uuid, name)
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
        try:
            state = obs.start_session(self.ctx.db, agent_uuid, self.start.chosen_mode(),
                                      self.start.announced.isChecked(), self.start.chosen_observer())
        except CoachDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot start the session"), str(exc))
            return
        self._show_session(state)

    def resume(self, session_uuid: str) -> bool:
        try:
            state = obs.load_session(self.ctx.db, session_uuid)
            obs.set_current(self.ctx.db, session_uuid)
        except CoachDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot resume the session"), str(exc))
            return False
        self._show_session(state)
        return True

    def _show_session(self, state: SessionState) -> None:
        v = self.view
        self.state = state
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
        parts.append(self.tr("started {time}").format(time=state.started_at.astimezone().strftime("%H:%M")))
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

    def toggle_interaction(self) -> None:
        if self.state is None:
            return
        self.save_interaction_details()
        try:
            current = self.current_interaction()
            if current is not None:
                self.interactions[-1] = obs.end_interaction(self.ctx.db, current.uuid)
            else:
                new, _ended = obs.start_interaction(self.ctx.db, self.state.uuid, "",
                                                    Channel(self.view.channel.currentData() or Channel.VOICE))
                self.interactions.append(new)
        except CoachDeskError as exc:
            self._say(str(exc), error=True)
            return
        self._show_interaction()
        self._saved()
        self._show_log()
        if self.current_interaction() is not None and not self.view.note.hasFocus():
            self.view.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_reference(self) -> None:
        if self.current_interaction() is None:
            self._say(self.tr("Start an interaction first (F5); its reference goes with it."))
            return
        self.view.reference.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.view.reference.selectAll()

    def save_interaction_details(self) -> None:
        current = self.current_interaction()
        if current is None or self.state is None:
            return
        reference = self.view.reference.text().strip()
        channel = Channel(self.view.channel.currentData())
        if (reference, channel) == (current.reference, current.channel):
            return
        try:
            obs.set_interaction_details(self.ctx.db, current.uuid, reference, channel)
        except CoachDeskError as exc:
            self._say(str(exc), error=True)
            return
        self.interactions[-1] = InteractionRow(current.uuid, current.number, reference, channel, current.started_at,
                                               current.ended_at)
        self._saved()
        self.log_timer.start()

    # -- ratings ---------------------------------------------------------------------------------------------------
    def rate(self, key: str) -> bool:
        """Rate the chosen behaviour with ``key`` of its scale; then the note line is ready for why."""
        item = self.selected_behaviour()
        if self.state is None:
            return False
        if item is None:
            self._say(self.tr("Choose a behaviour to rate (↑ ↓ or Alt+number); Enter writes a general note."))
            return False
        try:
            point_for_key(item.scale.points, key, item.scale.name, item.name)
            rating = obs.rate(self.ctx.db, self.state.uuid, item.id, key, self._interaction_uuid())
        except ValidationError as exc:
            self._say(str(exc), error=True)
            return False
        self.ratings[(rating.interaction_uuid, item.id)] = rating
        self.view.model.set_rating(item.id, rating, notify=False)
        self.view.checklist.repaint_row(item.id)  # on screen now, not after the rest of this key's work
        self.view.model.notify_row(item.id)
        self._saved(self.tr("{name}: {label}").format(name=item.name, label=rating.label))
        self.note_about = item.id
        self._show_about()
        self.view.note.setFocus(Qt.FocusReason.OtherFocusReason)
        self.log_timer.start()
        return True

    def clear_rating(self) -> None:
        item = self.selected_behaviour()
        if item is None or self.state is None:
            return
        try:
            obs.clear_rating(self.ctx.db, self.state.uuid, item.id, self._interaction_uuid())
        except CoachDeskError as exc:
            self._say(str(exc), error=True)
            return
        self.ratings.pop((self._interaction_uuid(), item.id), None)
        self.view.model.set_rating(item.id, None)
        self._saved(self.tr("{name}: rating cleared").format(name=item.name))
        self.log_timer.start()

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
        self.dialog.open()
        return self.dialog

    def edit_framework(self) -> Any:
        from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog

        self.dialog = FrameworkDialog(self.ctx, self)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self._framework_saved(dialog.saved))
        self.dialog.open()
        return self.dialog

    def _framework_saved(self, summary: Any) -> None:
        if summary is not None and self.state is None:
            self.subtitle.setText(self.tr("“{name}” saved as revision {revision}: new sessions use it.").format(
                name=summary.name, revision=summary.revision))

    def open_calibration(self) -> Any:
        from coachdesk.ui.dialogs.calibration_dialog import CalibrationDialog

        self.dialog = CalibrationDialog(self.ctx, self)
        self.dialog.open()
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
        stamp = datetime.now().strftime("%H:%M:%S")
        self._say(self.tr("{what} · saved {time}").format(what=what, time=stamp) if what else
                  self.tr("All changes saved {time}").format(time=stamp))
        if not self.flush_timer.isActive():
            self.flush_timer.start()

    def _flush(self) -> None:
        self.flush_task = tasks.submit(obs.flush_to_disk, self.ctx.db)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_default()

    def focus_default(self) -> None:
        """The keyboard starts where the work is: the agent search, or the checklist of the running session."""
        if self.state is None:
            self.start.search.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self.view.note.hasFocus():
            (self.view.note if self.view.note.text() else self.view.checklist).setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.draft_timer.isActive():  # leaving the page or closing the window: the draft goes now
            self.save_draft_now()
        super().hideEvent(event)
