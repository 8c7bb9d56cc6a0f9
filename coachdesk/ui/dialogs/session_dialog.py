"""One past observation session, read back whole: what was logged, its scores, its feedback and every amendment.
A finished session is read-only; a note's text can be amended with a reason (kept beside it, never silent)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import SessionStatus
from coachdesk.services.common import AppContext
from coachdesk.services.observation import SessionDetail
from coachdesk.ui.actions import sessions
from coachdesk.ui.kit import a11y, changes, fit, forms
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.forms import ErrorBanner, named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.tables import name_headers
from coachdesk.ui.kit.words import date_text, mode_label, timeliness_text, when_text
from coachdesk.ui.models.history_models import ScoreModel, score_text
from coachdesk.ui.theme import muted_label, title_label
from coachdesk.ui.widgets.observe_log import SessionLog

NOTE_ROLE = Qt.ItemDataRole.UserRole


class AmendNoteDialog(QDialog):
    """The new text of a note and the reason for the change."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        forms.titled(self, "amendNoteDialog", self.tr("Amend the note"))
        form = QFormLayout(self)
        self.text = forms.text_box(self, "amendText", self.tr("What the note should say"))
        self.text.setPlainText(text)
        limit_text(self.text, "ObservationNote", "text")
        self.reason = named(QLineEdit(self), "amendReason", self.tr("Reason for the change"))
        limit_text(self.reason, "Amendment", "reason")
        self.reason.setPlaceholderText(self.tr("Kept with the note, for everyone who reads it"))
        form.addRow(self.tr("Note"), self.text)
        form.addRow(self.tr("Reason"), self.reason)
        buttons, ok = forms.dialog_buttons(self, "amend", ok=QDialogButtonBox.StandardButton.Ok)
        ok.setAccessibleName(self.tr("Amend"))
        form.addRow(buttons)
        self.resize(620, 260)


class SessionDialog(QDialog):
    """Read-only view of one session; "Feedback…" writes or edits its feedback; "Amend note…" changes a note."""

    resume_requested = Signal(str)

    def __init__(self, ctx: AppContext, session_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        self.ctx = ctx
        self.session_uuid = session_uuid
        self.child: Any = None
        layout = QVBoxLayout(self)
        self.title = title_label("", self, factor=1.5, name="sessionTitle")
        layout.addWidget(self.title)
        self.meta = muted_label("", self, name="sessionMeta")
        layout.addWidget(self.meta)
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._heading(self.tr("Logged")))
        self.log = SessionLog(self)
        self.log.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.log.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        left.addWidget(self.log, 1)
        body.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self._heading(self.tr("Scores")))
        self.score_model = ScoreModel(parent=self)
        self.scores = named(QTableView(self), "sessionScores", self.tr("Behaviour scores of this session"))
        self.scores.setModel(self.score_model)
        fit.elide_cells(self.scores)
        self.scores.verticalHeader().hide()
        name_headers(self.scores, self.tr("Score columns"))
        self.scores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.scores.horizontalHeader().setSectionResizeMode(ScoreModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.scores.setWordWrap(False)
        right.addWidget(self.scores, 1)
        self.categories = muted_label("", self, name="sessionCategories")
        right.addWidget(self.categories)
        right.addWidget(self._heading(self.tr("Feedback")))
        self.feedback = self._text("sessionFeedback")
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.feedback)
        right.addWidget(self._heading(self.tr("Amendments")))
        self.amendments = self._text("sessionAmendments")
        right.addWidget(self.amendments)
        body.addLayout(right, 2)
        layout.addLayout(body, 1)
        self.error = ErrorBanner(self, "sessionError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.amend_button = forms.button(self, self.tr("Amend note…"), "sessionAmendNote", self.amend_note,
                                         box=buttons)
        self.feedback_button = forms.button(self, self.tr("Feedback…"), "sessionFeedbackButton", self.edit_feedback,
                                            box=buttons)
        self.resume_button = forms.button(self, self.tr("Resume"), "sessionResume", self._resume, box=buttons)
        self.print_button = forms.button(self, self.tr("Print record…"), "sessionPrint", self.print_record,
                                         box=buttons)
        self.print_feedback_button = forms.button(self, self.tr("Print feedback…"), "sessionPrintFeedback",
                                                  self.print_feedback, box=buttons)
        self.follow_up_button = forms.button(self, self.tr("Mark follow-up done…"), "sessionFollowUpDone",
                                             self.mark_follow_up_done, box=buttons)
        named(buttons.addButton(QDialogButtonBox.StandardButton.Close), "sessionClose", self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit.resize_within_screen(self, 1120, 700)
        self.detail: SessionDetail | None = None
        changes.watch(self, [Kind.OBSERVATION, Kind.FEEDBACK], self.reload,
                      wants=lambda news: news.names(self.session_uuid))
        self.reload()

    def _heading(self, text: str) -> QLabel:
        return title_label(text, self, factor=1.1)

    def _text(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def reload(self) -> None:
        sessions.session_detail(self, self.ctx, self.session_uuid, self._show, failed=self.error.show_error)

    def _show(self, detail: SessionDetail) -> None:
        self.detail = d = detail
        s = d.state
        self.setWindowTitle(self.tr("Observation of {name}").format(name=s.agent_name))
        self.setAccessibleName(self.windowTitle())
        self.title.setText(self.windowTitle())
        started = s.started_at.astimezone()
        status = {SessionStatus.IN_PROGRESS: self.tr("in progress"), SessionStatus.COMPLETED: self.tr("completed"),
                  SessionStatus.ABANDONED: self.tr("abandoned")}[s.status]
        self.meta.setText(" · ".join([
            when_text(started), mode_label(s.mode),
            self.tr("announced") if s.announced else self.tr("unannounced"),
            self.tr("observer: {name}").format(name=s.observer_name or "–"), status,
            self.tr("score {score} from {n} observations").format(score=score_text(d.scores.overall),
                                                                 n=d.scores.overall.n)]))
        self.log.show_session(s.framework, s.interactions, s.ratings, s.notes, s.objectives)
        self.score_model.set_rows(d.scores.behaviours)
        self.categories.setText(self.tr("Categories: {list}").format(list=" · ".join(
            f"{c.name} {score_text(c.score)} (n={c.score.n})" for c in d.scores.categories)) if d.scores.categories
            else "")
        self.feedback.setText(self._feedback_text())
        self.amendments.setText("\n".join(
            self.tr("{when} · {field}: “{old}” → “{new}” · {reason}{author}").format(
                when=when_text(a.amended_at), field=a.field, old=a.old_value or "",
                new=a.new_value or "", reason=a.reason, author=f" ({a.author})" if a.author else "")
            for a in d.amendments) or self.tr("None: nothing was changed after the fact."))
        in_progress = s.status == SessionStatus.IN_PROGRESS
        self.resume_button.setVisible(in_progress)
        self.amend_button.setVisible(not in_progress and bool(s.notes))
        self.feedback_button.setVisible(s.status == SessionStatus.COMPLETED)
        self.print_feedback_button.setVisible(d.feedback is not None)
        fb = d.feedback
        self.follow_up_button.setVisible(fb is not None and fb.delivered_at is not None
                                         and fb.follow_up_date is not None and fb.follow_up_done_at is None)

    def print_record(self) -> Any:
        """The observation record in the preview window (print, save from there)."""
        from coachdesk.ui import report_actions

        return report_actions.print_observation(self, self.ctx, self.session_uuid)

    def print_feedback(self) -> Any:
        from coachdesk.ui import report_actions

        if self.detail is None or self.detail.feedback is None:
            return None
        return report_actions.print_feedback_record(self, self.ctx, self.detail.feedback.uuid)

    def _feedback_text(self) -> str:
        fb = self.detail.feedback if self.detail else None
        if fb is None:
            return self.tr("No feedback yet.")
        lines = [self.tr("Went well: {text}").format(text=fb.went_well or "–"),
                 self.tr("To improve: {text}").format(text=fb.to_improve or "–"),
                 self.tr("Commitment: {text}").format(text=fb.agent_commitment or "–"),
                 self.tr("Follow-up: {day}").format(day=date_text(fb.follow_up_date) or "–")]
        if fb.follow_up_done_at is not None:
            outcome = {"improved": self.tr("improved"), "partly": self.tr("partly"),
                       "not_yet": self.tr("not yet")}.get(fb.follow_up_outcome, fb.follow_up_outcome)
            lines.append(self.tr("Follow-up done {day}: {outcome}{note}").format(
                day=date_text(fb.follow_up_done_at.astimezone().date()), outcome=outcome,
                note=f" — {fb.follow_up_note}" if fb.follow_up_note else ""))
        if fb.delivered_at:
            lines.append(self.tr("Delivered {when}, {delay} after the observation").format(
                when=when_text(fb.delivered_at), delay=timeliness_text(fb.timeliness)))
        else:
            lines.append(self.tr("Not delivered yet"))
        return "\n".join(lines)

    # -- actions ---------------------------------------------------------------------------------------------------
    def selected_note(self) -> str | None:
        item = self.log.currentItem()
        return item.data(NOTE_ROLE) if item is not None else None

    def amend_note(self, text: str | None = None, reason: str | None = None) -> bool:
        """Amend the chosen note; ``text`` and ``reason`` given: no dialog (tests, scripts)."""
        uuid = self.selected_note()
        note = next((n for n in self.detail.state.notes if n.uuid == uuid), None) if self.detail else None
        if note is None:
            self.error.show_message(self.tr("Choose a note in the log first (arrows)."))
            return False
        if text is None or reason is None:
            ask = AmendNoteDialog(note.text, self)
            if ask.exec() != QDialog.DialogCode.Accepted:
                return False
            text, reason = ask.text.toPlainText(), ask.reason.text()
        self.error.clear()
        sessions.amend_note(self, self.ctx, note.uuid, text, reason, self.session_uuid, self._amended,
                            failed=self.error.show_error)
        return not self.error.text()

    def _amended(self, _amendment: Any) -> None:
        self.error.clear()  # the channel reloads this window (and the agent's history) with the amendment
    def edit_feedback(self) -> Any:
        from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog

        self.child = FeedbackDialog(self.ctx, self.session_uuid, self)
        a11y.delete_when_closed(self.child).open()
        return self.child

    def mark_follow_up_done(self) -> Any:
        """Ask how the feedback's follow-up turned out and mark it done; the record then shows the outcome."""
        from coachdesk.ui.dialogs.follow_up_dialog import FollowUpDialog

        fb = self.detail.feedback if self.detail else None
        if fb is None:
            return None
        self.child = FollowUpDialog(self.ctx, fb.uuid, self.tr("To improve: {text}").format(
            text=fb.to_improve or "–"), self)
        self.child.accepted.connect(self.reload)  # the write names the feedback and the agent, not this session
        a11y.delete_when_closed(self.child).open()
        return self.child

    def _resume(self) -> None:
        self.resume_requested.emit(self.session_uuid)
        self.accept()

