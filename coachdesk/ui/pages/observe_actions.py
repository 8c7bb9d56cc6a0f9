"""The Observe page's note and ending actions (mixed into ``ObservePage``): the note line and its autosaved
draft, marks and objective links, and ending a session (an empty one is discarded or kept on request)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from coachdesk.domain.enums import NoteKind
from coachdesk.domain.errors import CoachDeskError
from coachdesk.domain.observation_rules import is_blank
from coachdesk.services import observation as obs
from coachdesk.services.observation import DraftNote
from coachdesk.ui.kit import changes
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.widgets.observe_log import kind_label

_Base = object  # mixins of ``ObservePage`` (which imports this module; this one never imports it back)


class NoteActions(_Base):
    def open_note(self) -> None:
        item = self.selected_behaviour()
        self.note_about = item.id if item else None
        self._show_about()
        self._schedule_draft()
        self.view.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def _note_changed(self) -> None:
        self._schedule_draft()

    def _schedule_draft(self) -> None:
        """Save the note being typed at most DRAFT_DELAY_MS after its first unsaved change: the timer is not
        restarted by later keystrokes, so continuous typing is saved every DRAFT_DELAY_MS too."""
        if self.state is not None and not self.draft_timer.isActive():
            self.draft_timer.start()

    def _draft(self) -> DraftNote:
        return DraftNote(self.view.note.text(), self.note_kind, self.note_about, self.note_objective,
                         self._interaction_uuid())

    def save_draft_now(self) -> None:
        self.draft_timer.stop()
        if self.state is None:
            return
        try:
            obs.save_draft(self.ctx.db, self.state.uuid, self._draft())
        except CoachDeskError as exc:
            self._say(str(exc), error=True)
            return
        self._saved()

    def stamp_note(self) -> None:
        text = self.view.note.text()
        if self.state is None or is_blank(text):
            self.back_to_checklist()
            return
        self.draft_timer.stop()
        try:
            note = obs.add_note(self.ctx.db, self.state.uuid, text, self.note_kind, self._interaction_uuid(),
                                self.note_about, self.note_objective)
        except CoachDeskError as exc:
            self._say(str(exc), error=True)
            return
        self.notes.append(note)
        self.last_note = note
        self.view.note.blockSignals(True)
        self.view.note.clear()
        self.view.note.blockSignals(False)
        self.note_kind, self.note_objective = NoteKind.GENERAL, None
        self._show_about()
        self._saved(self.tr("Note stamped at {time}").format(time=note.noted_at.astimezone().strftime("%H:%M:%S")))
        self.log_timer.start()
        self.back_to_checklist()

    def mark(self, kind: NoteKind) -> None:
        """Mark the note being written (from the note line) or the last stamped note (from the checklist) as
        ``kind``; the same key again unmarks it."""
        if self.state is None:
            return
        if self._writing():
            self.note_kind = NoteKind.GENERAL if self.note_kind == kind else kind
            self._show_about()
            self._schedule_draft()
            return
        new_kind = NoteKind.GENERAL if self.last_note.kind == kind else kind
        self._remark(new_kind, self.last_note.objective_uuid)

    def _writing(self) -> bool:
        """Whether the note line is what the coach is working on (marks apply to it, not to the last note)."""
        return self.view.note.hasFocus() or bool(self.view.note.text().strip()) or self.last_note is None

    def _remark(self, kind: NoteKind, objective: str | None) -> None:
        assert self.last_note is not None
        try:
            note = obs.mark_note(self.ctx.db, self.last_note.uuid, kind, objective)
        except CoachDeskError as exc:
            self._say(str(exc), error=True)
            return
        self.notes = [note if n.uuid == note.uuid else n for n in self.notes]
        self.last_note = note
        self._saved(self.tr("Last note: {kind}").format(kind=kind_label(kind)))
        self.log_timer.start()

    def cycle_objective(self) -> None:
        """Link the note being written (or, from the checklist, the last note) to the agent's next objective."""
        if self.state is None:
            return
        choices = [None] + [o.uuid for o in self.state.objectives]
        if len(choices) == 1:
            self._say(self.tr("{name} has no current objectives to link.").format(name=self.state.agent_name))
            return
        if self._writing():
            self.note_objective = choices[(choices.index(self.note_objective) + 1) % len(choices)] \
                if self.note_objective in choices else None
            self._show_about()
            self._schedule_draft()
            return
        current = self.last_note.objective_uuid if self.last_note.objective_uuid in choices else None
        self._remark(self.last_note.kind, choices[(choices.index(current) + 1) % len(choices)])


class EndingActions(_Base):
    def end_session(self) -> None:
        if self.state is None:
            return
        self.save_interaction_details()
        self.save_draft_now()
        empty = not (self.ratings or self.notes or self.view.note.text().strip()
                     or any(i.reference for i in self.interactions))
        if empty:
            self._ask_about_empty()
            return
        self._finish()

    def _ask_about_empty(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Nothing was logged"),
                          self.tr("No rating and no note were logged in this session. Discard it, or keep it as "
                                  "an empty record?"), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("observeEmptyBox")
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("observeDiscard")
        keep = box.addButton(self.tr("&Keep"), QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("observeKeep")
        box.addButton(QMessageBox.StandardButton.Cancel).setObjectName("observeCancelEnd")
        box.setDefaultButton(discard)
        box.finished.connect(lambda _result: self._empty_answered(box.clickedButton()))
        self.empty_box = box
        box.open()

    def _empty_answered(self, button) -> None:  # noqa: ANN001
        self.empty_box = None
        name = button.objectName() if button is not None else ""
        if name == "observeDiscard" and self.state is not None:
            try:
                obs.discard_session(self.ctx.db, self.state.uuid)
            except CoachDeskError as exc:
                QMessageBox.warning(self, self.tr("Cannot discard the session"), str(exc))
                return
            self._close_session(self.tr("The empty session was discarded."))
        elif name == "observeKeep":
            self._finish(offer_feedback=False)
        else:
            self.view.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish(self, offer_feedback: bool = True) -> None:
        assert self.state is not None
        try:
            ended = obs.end_session(self.ctx.db, self.state.uuid)
        except CoachDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot end the session"), str(exc))
            return
        self._close_session(self.tr("Session with {name} ended and saved.").format(name=ended.agent_name))
        self.session_ended.emit(ended.uuid)
        if offer_feedback:
            self.compose_feedback(ended.uuid)

    def _close_session(self, message: str) -> None:
        if self.state is not None:  # ended or discarded: the agent's history, Today and the team view reload
            changes.announce([Kind.OBSERVATION], [self.state.uuid, self.state.agent_uuid])
        self.clock.stop()
        self.draft_timer.stop()
        self.state = None
        self.interactions, self.ratings, self.notes, self.last_note = [], {}, [], None
        self.view.note.blockSignals(True)
        self.view.note.clear()
        self.view.note.blockSignals(False)
        self.stack.setCurrentWidget(self.start)
        self.tools.show()
        self.subtitle.setText(message)
        self.subtitle.show()
        self.start.search.clear()
        self.refresh()
        self.start.search.setFocus(Qt.FocusReason.OtherFocusReason)
