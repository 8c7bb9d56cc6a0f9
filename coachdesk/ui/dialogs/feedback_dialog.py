"""The feedback composer: prefilled from the session (strengths, opportunities, quotes), with the agent's
commitment, a follow-up date, the delivery time and its timeliness; a strength becomes a recognition in one step."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.services.feedback import FeedbackDraft, FeedbackRow, NoteQuote
from coachdesk.ui.actions import feedback as actions
from coachdesk.ui.kit import fit, forms, keys
from coachdesk.ui.kit.forms import ErrorBanner, buddy_label, named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.words import date_format, date_text, time_format, time_text, timeliness_text
from coachdesk.ui.theme import muted_label, scaled_font, title_label

DEFAULT_FOLLOW_UP_DAYS = 7
NOTE_ROLE = Qt.ItemDataRole.UserRole
#: taken before the focused widget: Ctrl+Enter saves even with a button focused (never that button's own action)
SAVE_KEYS = keys.declare("Feedback composer", "Save feedback", "Ctrl+Return", "Ctrl+Enter")
RECOGNISE_KEYS = keys.declare("Feedback composer", "Recognise the chosen strength", "Ctrl+R")


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _to_qdatetime(at: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(at.timestamp() * 1000))


def _from_qdatetime(at: QDateTime) -> datetime:
    return datetime.fromtimestamp(at.toMSecsSinceEpoch() / 1000).astimezone()


class FeedbackDialog(QDialog):
    """Ctrl+Enter saves whatever has the focus (never a focused button's own action); Esc closes without saving
    (the session stays in the agent's history)."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, session_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackDialog")
        self.ctx = ctx
        self.session_uuid = session_uuid
        self.draft: FeedbackDraft | None = None  # read off the GUI thread; the form fills when it is there
        self.result_row: FeedbackRow | None = None
        self.setWindowTitle(self.tr("Feedback"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        self.title = title_label(self.windowTitle(), self, factor=1.5, name="feedbackTitle")
        layout.addWidget(self.title)
        self.observed = muted_label(self.tr("Reading the session…"), self, name="feedbackObserved")
        layout.addWidget(self.observed)
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.addWidget(self._build_notes(), 0, 0)
        grid.addWidget(self._build_form(), 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout.addLayout(grid, 1)
        self.error = ErrorBanner(self, "feedbackError")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.save_button = forms.button(self, self.tr("Save feedback (Ctrl+Enter)"), "feedbackSave", self.save,
                                        accessible=self.tr("Save feedback"), box=self.buttons,
                                        role=QDialogButtonBox.ButtonRole.AcceptRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        close.setText(self.tr("Later"))
        named(close, "feedbackLater", self.tr("Close without saving"))
        close.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.keys = forms.keys_first(self, {SAVE_KEYS: self.save, RECOGNISE_KEYS: self.recognise_current})
        self.save_button.setEnabled(False)  # until the draft is read
        fit.resize_within_screen(self, 1100, 720)
        self.went_well.setFocus()
        actions.compose(self, ctx, session_uuid, self._draft_read, failed=self.error.show_error)

    def _draft_read(self, draft: FeedbackDraft) -> None:
        """The session's notes, choices and any feedback already given: the form shows them."""
        self.draft = draft
        self.setWindowTitle(self.tr("Feedback for {name}").format(name=draft.agent_name))
        self.setAccessibleName(self.windowTitle())
        self.title.setText(self.windowTitle())
        self.observed.setText(self._observed_text())
        for widget, quotes in ((self.strengths, draft.strengths), (self.opportunities, draft.opportunities),
                               (self.quotes, draft.quotes)):
            self._fill_quotes(widget, quotes)
        self.recognise_button.setEnabled(bool(draft.strengths))
        if draft.strengths:
            self.strengths.setCurrentRow(0)
        for combo, choices in ((self.target, [(c.name, c.id) for c in draft.behaviours]),
                               (self.objective, [(c.statement, c.uuid) for c in draft.objectives])):
            combo.clear()
            combo.addItem(self.tr("None"), None)
            for text, key in choices:
                combo.addItem(text, key)
            fit.elide_combo(combo)  # whole statements: elided, the statement on hover
        self._fill()
        self.save_button.setEnabled(True)

    # -- building --------------------------------------------------------------------------------------------------
    def _observed_text(self) -> str:
        start = self.draft.observed_from
        text = self.tr("Observed {day} from {start}").format(day=date_text(start), start=time_text(start))
        if self.draft.observed_until:
            text += self.tr(" to {end}").format(end=time_text(self.draft.observed_until))
        return text

    def _quote_list(self, name: str, accessible: str) -> QListWidget:
        widget = named(QListWidget(self), name, accessible)
        widget.setWordWrap(True)
        widget.setMaximumHeight(150)
        return widget

    def _fill_quotes(self, widget: QListWidget, quotes: tuple[NoteQuote, ...]) -> None:
        widget.clear()
        for quote in quotes:
            item = QListWidgetItem(self._quote_text(quote))
            item.setData(NOTE_ROLE, quote.uuid)
            widget.addItem(item)
        if not quotes:
            widget.addItem(self.tr("None noted"))
        widget.setEnabled(bool(quotes))

    def _quote_text(self, quote: NoteQuote) -> str:
        about = f"{quote.behaviour}: " if quote.behaviour else ""
        done = "  ✓ " + self.tr("recognised") if quote.recognised else ""
        return f"{about}{' '.join(quote.text.split())}{done}"

    def _heading(self, text: str, parent: QWidget) -> QLabel:
        return title_label(text, parent, factor=1.1)

    def _label(self, text: str, widget: QWidget) -> QLabel:
        return buddy_label(text, widget, self)

    def _build_notes(self) -> QWidget:
        side = QWidget(self)
        side.setMinimumWidth(340)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._heading(self.tr("Strengths"), side))
        self.strengths = self._quote_list("feedbackStrengths", self.tr("Strengths noted"))
        column.addWidget(self.strengths)
        self.recognise_button = forms.button(side, self.tr("Recognise this strength (Ctrl+R)"), "feedbackRecognise",
                                             self.recognise_current,
                                             accessible=self.tr("Recognise the chosen strength"))
        self.recognise_button.setEnabled(False)
        column.addWidget(self.recognise_button)
        self.last_recognition: str | None = None
        self.certificate_button = forms.button(side, self.tr("Preview the certificate…"), "feedbackPrintCertificate",
                                               self.preview_certificate, accessible=self.tr(
                                                   "Preview the certificate of the recognition just added"))
        self.certificate_button.setVisible(False)  # issue #8
        column.addWidget(self.certificate_button)
        column.addWidget(self._heading(self.tr("Opportunities"), side))
        self.opportunities = self._quote_list("feedbackOpportunities", self.tr("Opportunities noted"))
        column.addWidget(self.opportunities)
        column.addWidget(self._heading(self.tr("Quotes"), side))
        self.quotes = self._quote_list("feedbackQuotes", self.tr("Verbatim quotes"))
        column.addWidget(self.quotes)
        column.addStretch(1)
        return side

    def _build_form(self) -> QWidget:
        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        column.addLayout(form)
        column.addStretch(1)
        self.went_well = forms.text_box(self, "feedbackWentWell", self.tr("What went well"), 5)
        limit_text(self.went_well, "Feedback", "went_well")
        self.to_improve = forms.text_box(self, "feedbackToImprove", self.tr("What to improve"), 5)
        limit_text(self.to_improve, "Feedback", "to_improve")
        self.commitment = forms.text_box(self, "feedbackCommitment", self.tr("The agent's commitment"), 2)
        limit_text(self.commitment, "Feedback", "agent_commitment")
        form.addRow(self._label(self.tr("What went &well"), self.went_well), self.went_well)
        form.addRow(self._label(self.tr("What to &improve"), self.to_improve), self.to_improve)
        form.addRow(self._label(self.tr("Agent's &commitment"), self.commitment), self.commitment)
        self.target = named(QComboBox(side), "feedbackTargetBehaviour", self.tr("Behaviour this feedback targets"))
        # not "&Target": an underlined first letter is drawn without the T-a kerning it was measured with ("r" cut)
        form.addRow(self._label(self.tr("Target &behaviour"), self.target), self.target)
        self.objective = named(QComboBox(side), "feedbackObjective", self.tr("Objective this feedback serves"))
        form.addRow(self._label(self.tr("&Objective"), self.objective), self.objective)
        follow_row = QHBoxLayout()
        self.has_follow_up = named(QCheckBox(self.tr("&Follow up on"), side), "feedbackHasFollowUp",
                                   self.tr("Follow up"))
        self.follow_up = named(QDateEdit(side), "feedbackFollowUp", self.tr("Follow-up date"))
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat(f"ddd {date_format()}")
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        follow_row.addWidget(self.has_follow_up)
        follow_row.addWidget(self.follow_up, 1)
        form.addRow("", follow_row)
        delivered_row = QHBoxLayout()
        self.delivered = named(QCheckBox(self.tr("&Delivered at"), side), "feedbackDelivered",
                               self.tr("Feedback delivered"))
        self.delivered_at = named(QDateTimeEdit(side), "feedbackDeliveredAt", self.tr("Delivery time"))
        self.delivered_at.setDisplayFormat(f"ddd {date_format()} {time_format()}")
        self.delivered.toggled.connect(self._delivery_changed)
        self.delivered_at.dateTimeChanged.connect(lambda _value: self._show_timeliness())
        delivered_row.addWidget(self.delivered)
        delivered_row.addWidget(self.delivered_at, 1)
        form.addRow("", delivered_row)
        self.timeliness = QLabel(side)
        self.timeliness.setObjectName("feedbackTimeliness")
        self.timeliness.setFont(scaled_font(self.font(), 1.05, bold=True))
        form.addRow(self.tr("Timeliness"), self.timeliness)
        self.reason = named(QLineEdit(side), "feedbackReason", self.tr("Reason for changing delivered feedback"))
        limit_text(self.reason, "Amendment", "reason")
        self.reason.setPlaceholderText(self.tr("Why this delivered feedback changes (kept as an amendment)"))
        self.reason_label = self._label(self.tr("&Reason"), self.reason)
        form.addRow(self.reason_label, self.reason)
        return side

    def _fill(self) -> None:
        d, existing = self.draft, self.draft.existing
        self.went_well.setPlainText(d.went_well)
        self.to_improve.setPlainText(d.to_improve)
        self.commitment.setPlainText(d.agent_commitment)
        self.target.setCurrentIndex(max(self.target.findData(d.target_behaviour_id), 0))
        self.objective.setCurrentIndex(max(self.objective.findData(d.target_objective_uuid), 0))
        follow = d.follow_up_date if existing else date.today() + timedelta(days=DEFAULT_FOLLOW_UP_DAYS)
        self.has_follow_up.setChecked(follow is not None)
        self.follow_up.setEnabled(follow is not None)
        self.follow_up.setDate(_to_qdate(follow or date.today() + timedelta(days=DEFAULT_FOLLOW_UP_DAYS)))
        delivered = existing.delivered_at if existing else None
        self.delivered.setChecked(delivered is not None or existing is None)
        self.delivered_at.setDateTime(_to_qdatetime(delivered) if delivered else
                                      QDateTime(QDate.currentDate(), QTime.currentTime()))
        self.delivered_at.setEnabled(self.delivered.isChecked())
        locked = existing is not None and existing.delivered_at is not None
        self.reason.setVisible(locked)
        self.reason_label.setVisible(locked)
        self._show_timeliness()

    # -- actions ---------------------------------------------------------------------------------------------------
    def _delivery_changed(self, checked: bool) -> None:
        self.delivered_at.setEnabled(checked)
        self._show_timeliness()

    def _show_timeliness(self) -> None:
        until = self.draft.observed_until if self.draft is not None else None
        if not self.delivered.isChecked():
            text = self.tr("not delivered yet: the clock runs from the end of the observation")
        elif until is None:
            text = self.tr("delivered while the observation is still running: timed from its end once it ends")
        else:
            delta = max(_from_qdatetime(self.delivered_at.dateTime()) - until, timedelta(0))
            text = self.tr("given {delay} after the observation").format(delay=timeliness_text(delta))
        self.timeliness.setText(text)
        self.timeliness.setAccessibleName(text)

    def recognise_current(self) -> None:
        item = self.strengths.currentItem()
        uuid = item.data(NOTE_ROLE) if item is not None else None
        if not uuid:
            return
        agent = self.draft.agent_uuid if self.draft is not None else None
        actions.recognise_strength(self, self.ctx, uuid, agent, lambda rec: self._recognised(item, rec),
                                   failed=self.error.show_error)

    def _recognised(self, item: QListWidgetItem, rec: object) -> None:
        item.setText(item.text() + "  ✓ " + self.tr("recognised"))
        self.error.show_message(self.tr("Recognition added: {title}").format(title=rec.title), warning=False)
        self.last_recognition = rec.uuid
        self.certificate_button.setVisible(True)

    def preview_certificate(self) -> None:
        from coachdesk.ui import report_actions

        if self.last_recognition:
            report_actions.print_recognition(self, self.ctx, self.last_recognition)

    def values(self) -> dict:
        return {
            "went_well": self.went_well.toPlainText(), "to_improve": self.to_improve.toPlainText(),
            "agent_commitment": self.commitment.toPlainText(),
            "follow_up_date": _from_qdate(self.follow_up.date()) if self.has_follow_up.isChecked() else None,
            "delivered_at": _from_qdatetime(self.delivered_at.dateTime()) if self.delivered.isChecked() else None,
            "target_behaviour_id": self.target.currentData(), "target_objective_uuid": self.objective.currentData(),
            "reason": self.reason.text(),
        }

    def save(self) -> None:
        """Save with the version the composer loaded: a save by someone else meanwhile is shown side by side."""
        if self.draft is None:  # still being read
            return
        existing = self.draft.existing
        actions.save_feedback(self, self.ctx, self.session_uuid, self.draft.agent_uuid, self.values(),
                              existing.version if existing else 0, self._saved, reload=self.reload,
                              failed=self.error.show_error, busy=[self.buttons])

    def _saved(self, row: FeedbackRow) -> None:
        self.result_row = row
        self.saved.emit(row)
        self.accept()

    def reload(self) -> None:
        """Show the feedback as it is stored now (after taking someone else's version in a conflict)."""
        actions.compose(self, self.ctx, self.session_uuid, self._draft_read, failed=self.error.show_error)
