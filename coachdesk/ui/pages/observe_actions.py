"""The Observe page's session actions (mixed into ``ObservePage``): interactions and ratings, the note line and its
autosaved draft, marks and objective links, and ending a session (an empty one is discarded or kept on request).

A key's effect shows at once; the write behind it goes to the session's ordered writes
(``actions.observation.SessionWrites``) and is confirmed ("saved") when it has been made. A write that fails is
taken back off the screen with the reason, and a note that could not be stamped goes back into the note line."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from coachdesk.domain.enums import Channel, NoteKind
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.observation_rules import is_blank, point_for_key
from coachdesk.services.observation import DraftNote, InteractionRow, NoteRow, RatingRow
from coachdesk.ui.kit import a11y, ops
from coachdesk.ui.kit.words import time_text
from coachdesk.ui.widgets.observe_log import kind_label

_Base = object  # mixins of ``ObservePage`` (which imports this module; this one never imports it back)
_provisional = itertools.count(1)


class RatingActions(_Base):
    def _write_failed(self, error: BaseException) -> None:
        """A session write that could not be made: the status line says why (the sentence the kit shows)."""
        self._say(ops.error_text(error), error=True)

    def _real(self, uuid: str | None) -> str | None:
        """The saved uuid of a row shown before its write was made (the page keeps the provisional one)."""
        return self.real_ids.get(uuid, uuid) if uuid else uuid

    # -- interactions ----------------------------------------------------------------------------------------------
    def toggle_interaction(self) -> None:
        """F5: stop the interaction running, or start one; shown at once, saved in order."""
        if self.state is None:
            return
        self.save_interaction_details()
        current = self.current_interaction()
        now = datetime.now(UTC)
        if current is not None:
            ended = replace(current, ended_at=max(now, current.started_at))
            self.interactions = [ended if i.uuid == current.uuid else i for i in self.interactions]
            self.writes.end_interaction(lambda: self._real(current.uuid),
                                        done=lambda row: self._interaction_saved(ended, row),
                                        failed=lambda error: self._interaction_undone(ended, current, error))
        else:
            channel = Channel(self.view.channel.currentData() or Channel.VOICE)
            started = InteractionRow(f"provisional-{next(_provisional)}", len(self.interactions) + 1, "", channel,
                                     now, None)
            self.interactions.append(started)
            self.writes.start_interaction(channel, done=lambda row: self._interaction_saved(started, row),
                                          failed=lambda error: self._interaction_undone(started, None, error))
        self._show_interaction()
        self._show_log()
        if self.current_interaction() is not None and not self.view.note.hasFocus():
            self.view.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    def _interaction_saved(self, shown: InteractionRow, row: InteractionRow) -> None:
        """The start or end was made: the saved times, and from now on the saved uuid (ratings and notes made
        meanwhile follow it)."""
        page_uuid = self._real(shown.uuid)
        self.real_ids[shown.uuid] = row.uuid
        if page_uuid != row.uuid:
            self._rekey_interaction(page_uuid, row.uuid)
        saved = {"started_at": row.started_at} if shown.ended_at is None else {"ended_at": row.ended_at}
        self.interactions = [replace(i, **saved) if i.uuid == row.uuid and (shown.ended_at is None or i.ended_at)
                             else i for i in self.interactions]
        self._saved()
        self._tick()

    def _rekey_interaction(self, old: str, new: str) -> None:
        def moved(uuid: str | None) -> str | None:
            return new if uuid == old else uuid
        self.interactions = [replace(i, uuid=new) if i.uuid == old else i for i in self.interactions]
        self.ratings = {(moved(k[0]), k[1]): replace(r, interaction_uuid=moved(r.interaction_uuid))
                        if r.interaction_uuid == old else r for k, r in self.ratings.items()}
        self.notes = [replace(n, interaction_uuid=new) if n.interaction_uuid == old else n for n in self.notes]
        if self.last_note is not None and self.last_note.interaction_uuid == old:
            self.last_note = replace(self.last_note, interaction_uuid=new)

    def _interaction_undone(self, shown: InteractionRow, before: InteractionRow | None,
                            error: BaseException) -> None:
        page_uuid = self._real(shown.uuid)
        self.interactions = [i for i in self.interactions if i.uuid != page_uuid] if before is None else \
            [replace(before, uuid=page_uuid) if i.uuid == page_uuid else i for i in self.interactions]
        self._show_interaction()
        self._show_log()
        self._write_failed(error)

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
        self.interactions = [replace(i, reference=reference, channel=channel) if i.uuid == current.uuid else i
                             for i in self.interactions]
        self.writes.interaction_details(lambda: self._real(current.uuid), reference, channel,
                                        done=lambda _none: self._saved(), failed=self._write_failed)
        self.log_timer.start()

    # -- ratings ---------------------------------------------------------------------------------------------------
    def rate(self, key: str) -> bool:
        """Rate the chosen behaviour with ``key`` of its scale (shown at once, saved in order); then the note line
        is ready for why."""
        item = self.selected_behaviour()
        if self.state is None:
            return False
        if item is None:
            self._say(self.tr("Choose a behaviour to rate (↑ ↓ or Alt+number); Enter writes a general note."))
            return False
        try:
            point = point_for_key(item.scale.points, key, item.scale.name, item.name)
        except ValidationError as exc:
            self._say(str(exc), error=True)
            return False
        where = (self._interaction_uuid(), item.id)
        before = self.ratings.get(where)
        shown = RatingRow("", where[0], item.id, point.value, point.label, point.score, datetime.now(UTC))
        self.ratings[where] = shown
        self.view.model.set_rating(item.id, shown, notify=False)
        self.view.checklist.repaint_row(item.id)  # on screen now, not after the rest of this key's work
        self.view.model.notify_row(item.id)
        what = self.tr("{name}: {label}").format(name=item.name, label=point.label)
        self._say(what)
        self.note_about = item.id
        self._show_about()
        self.view.note.setFocus(Qt.FocusReason.OtherFocusReason)
        self.log_timer.start()
        self.writes.rate(item.id, key, lambda: self._real(where[0]),
                         done=lambda row: self._rated(where, shown, row, what),
                         failed=lambda error: self._rating_undone(where, shown, before, error))
        return True

    @staticmethod
    def _same(rating: RatingRow | None, shown: RatingRow | None) -> bool:
        """Whether ``rating`` is still the one shown for a key (not rated or cleared again since)."""
        if rating is None or shown is None:
            return rating is shown
        return (rating.value, rating.rated_at) == (shown.value, shown.rated_at)

    def _rated(self, where: tuple, shown: RatingRow, row: RatingRow, what: str) -> None:
        key = (self._real(where[0]), where[1])
        if self._same(self.ratings.get(key), shown):  # not rated again meanwhile
            self.ratings[key] = row
        self._saved(what)

    def _rating_undone(self, where: tuple, shown: RatingRow | None, before: RatingRow | None,
                       error: BaseException) -> None:
        """Put back what was there before a rating (or its clearing) that could not be saved."""
        key = (self._real(where[0]), where[1])
        if self._same(self.ratings.get(key), shown):
            if before is None:
                self.ratings.pop(key, None)
            else:
                self.ratings[key] = before = replace(before, interaction_uuid=key[0])
            if key[0] == self._interaction_uuid():
                self.view.model.set_rating(key[1], before)
            self.log_timer.start()
        self._write_failed(error)

    def clear_rating(self) -> None:
        item = self.selected_behaviour()
        if item is None or self.state is None:
            return
        where = (self._interaction_uuid(), item.id)
        before = self.ratings.pop(where, None)
        self.view.model.set_rating(item.id, None)
        what = self.tr("{name}: rating cleared").format(name=item.name)
        self._say(what)
        self.log_timer.start()
        self.writes.clear_rating(item.id, lambda: self._real(where[0]), done=lambda _cleared: self._saved(what),
                                 failed=lambda error: self._rating_undone(where, None, before, error))


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
        """The note being typed, as it is to be saved (with the interaction's saved uuid)."""
        return DraftNote(self.view.note.text(), self.note_kind, self.note_about, self.note_objective,
                         self._real(self._interaction_uuid()))

    def save_draft_now(self) -> None:
        """Queue the draft; what it holds is read when its turn comes (the latest typing, or nothing once
        stamped)."""
        self.draft_timer.stop()
        if self.state is None:
            return
        self.writes.save_draft(self._draft, done=lambda _none: self._saved(), failed=self._write_failed)

    def stamp_note(self) -> None:
        text = self.view.note.text()
        if self.state is None or is_blank(text):
            self.back_to_checklist()
            return
        self.draft_timer.stop()
        kept = (text, self.note_kind, self.note_about, self.note_objective)
        interaction = self._interaction_uuid()
        shown = NoteRow(f"provisional-{next(_provisional)}", interaction, self.note_kind, text, datetime.now(UTC),
                        self.note_about, self.note_objective)
        self.notes.append(shown)
        self.last_note = shown
        self._set_note_text("")
        self.note_kind, self.note_objective = NoteKind.GENERAL, None
        self._show_about()
        self._say(self.tr("Note stamped at {time}").format(time=time_text(shown.noted_at, seconds=True)))
        self.log_timer.start()
        self.back_to_checklist()
        self.writes.add_note(text, kept[1], lambda: self._real(interaction), kept[2], kept[3],
                             done=lambda note: self._stamped(shown, note),
                             failed=lambda error: self._stamp_undone(shown, kept, error))

    def _stamped(self, shown: NoteRow, note: NoteRow) -> None:
        """The note was stamped: from now on it goes by its saved uuid (a mark made meanwhile stays: its write
        follows this one)."""
        self.real_ids[shown.uuid] = note.uuid
        saved = {n.uuid: replace(note, kind=n.kind, objective_uuid=n.objective_uuid) for n in self.notes
                 if n.uuid == shown.uuid}
        self.notes = [saved.get(n.uuid, n) for n in self.notes]
        if self.last_note is not None and self.last_note.uuid in saved:
            self.last_note = saved[self.last_note.uuid]
        self._saved(self.tr("Note stamped at {time}").format(time=time_text(note.noted_at, seconds=True)))
        self.log_timer.start()

    def _stamp_undone(self, shown: NoteRow, kept: tuple, error: BaseException) -> None:
        """The note could not be stamped: it goes back into the note line (before anything typed since)."""
        self.notes = [n for n in self.notes if n.uuid != shown.uuid]
        if self.last_note is not None and self.last_note.uuid == shown.uuid:
            self.last_note = self.notes[-1] if self.notes else None
        text, kind, about, objective = kept
        typed = self.view.note.text()
        self._set_note_text(text + ("\n" + typed if typed.strip() else ""))
        self.note_kind, self.note_about, self.note_objective = kind, about, objective
        self._show_about()
        self.log_timer.start()
        self._write_failed(error)

    def _set_note_text(self, text: str) -> None:
        self.view.note.blockSignals(True)
        self.view.note.setPlainText(text)
        self.view.note.moveCursor(self.view.note.textCursor().MoveOperation.End)
        self.view.note.blockSignals(False)

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
        before = self.last_note
        shown = replace(before, kind=kind, objective_uuid=objective)
        self._put_note(before, shown)
        what = self.tr("Last note: {kind}").format(kind=kind_label(kind))
        self._say(what)
        self.log_timer.start()
        self.writes.mark_note(lambda: self._real(before.uuid), kind, objective,
                              done=lambda _note: self._saved(what),
                              failed=lambda error: self._remark_undone(shown, before, error))

    def _put_note(self, old: NoteRow, new: NoteRow) -> None:
        self.notes = [new if n is old else n for n in self.notes]
        if self.last_note is old:
            self.last_note = new

    def _remark_undone(self, shown: NoteRow, before: NoteRow, error: BaseException) -> None:
        current = next((n for n in self.notes if n.uuid == self._real(shown.uuid)), None)
        if current is not None and (current.kind, current.objective_uuid) == (shown.kind, shown.objective_uuid):
            self._put_note(current, replace(current, kind=before.kind, objective_uuid=before.objective_uuid))
            self.log_timer.start()
        self._write_failed(error)

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
        a11y.delete_when_closed(box).open()

    def _empty_answered(self, button) -> None:  # noqa: ANN001
        self.empty_box = None
        name = button.objectName() if button is not None else ""
        if name == "observeDiscard" and self.state is not None:
            self.writes.discard_session(done=lambda _none: self._close_session(
                self.tr("The empty session was discarded.")), failed=None)
        elif name == "observeKeep":
            self._finish(offer_feedback=False)
        else:
            self.view.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish(self, offer_feedback: bool = True) -> None:
        """End the session once every write before it is made (the kit shows why if it cannot be ended)."""
        assert self.state is not None
        self.writes.end_session(done=lambda ended: self._ended(ended, offer_feedback), failed=None)

    def _ended(self, ended, offer_feedback: bool) -> None:  # noqa: ANN001 - SessionState
        if self.state is None or self.state.uuid != ended.uuid:
            return
        self._close_session(self.tr("Session with {name} ended and saved.").format(name=ended.agent_name))
        self.session_ended.emit(ended.uuid)
        if offer_feedback:
            self.compose_feedback(ended.uuid)

    def _close_session(self, message: str) -> None:
        """Back to the start panel (the write announced the change: the agent's history, Today and Team reload)."""
        self.clock.stop()
        self.draft_timer.stop()
        self.state = None
        self.interactions, self.ratings, self.notes, self.last_note = [], {}, [], None
        self._set_note_text("")
        self.stack.setCurrentWidget(self.start)
        self.tools.show()
        self.subtitle.setText(message)
        self.subtitle.show()
        self.start.search.clear()
        self.refresh()
        self.start.search.setFocus(Qt.FocusReason.OtherFocusReason)
