"""The feedback composer: prefilled from the session (strengths, opportunities, quotes), with the agent's
commitment, a follow-up date, the delivery time and its timeliness; a strength becomes a recognition in one step."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import feedback as fb
from coachdesk.services.common import AppContext
from coachdesk.services.feedback import FeedbackDraft, FeedbackRow, NoteQuote
from coachdesk.ui.kit import changes, fit, forms
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.conflicts import save_resolving_conflicts
from coachdesk.ui.kit.forms import ErrorBanner
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.words import timeliness_text
from coachdesk.ui.theme import muted_label, scaled_font, title_label

DEFAULT_FOLLOW_UP_DAYS = 7
NOTE_ROLE = Qt.ItemDataRole.UserRole



def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _to_qdatetime(at: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(at.timestamp() * 1000))


def _from_qdatetime(at: QDateTime) -> datetime:
    return datetime.fromtimestamp(at.toMSecsSinceEpoch() / 1000).astimezone()


class FeedbackDialog(QDialog):
    """Ctrl+Enter saves; Esc closes without saving (the session stays in the agent's history)."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, session_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackDialog")
        self.ctx = ctx
        self.session_uuid = session_uuid
        self.draft: FeedbackDraft = fb.compose(ctx.db, session_uuid)
        self.result_row: FeedbackRow | None = None
        self.setWindowTitle(self.tr("Feedback for {name}").format(name=self.draft.agent_name))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.windowTitle(), self, factor=1.5, name="feedbackTitle"))
        layout.addWidget(muted_label(self._observed_text(), self, name="feedbackObserved"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.addWidget(self._build_notes(), 0, 0)
        grid.addWidget(self._build_form(), 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout.addLayout(grid, 1)
        self.error = ErrorBanner(self, "feedbackError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Save feedback (Ctrl+Enter)"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("feedbackSave")
        self.save_button.setAccessibleName(self.tr("Save feedback"))
        close = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        close.setText(self.tr("Later"))
        close.setObjectName("feedbackLater")
        forms.spoken(close, self.tr("Close without saving"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self._fill()
        fit.resize_within_screen(self, 1100, 720)
        self.went_well.setFocus()

    # -- building --------------------------------------------------------------------------------------------------
    def _observed_text(self) -> str:
        start = self.draft.observed_from.astimezone()
        text = self.tr("Observed {day} from {start}").format(day=start.strftime("%d %b %Y"),
                                                             start=start.strftime("%H:%M"))
        if self.draft.observed_until:
            text += self.tr(" to {end}").format(end=self.draft.observed_until.astimezone().strftime("%H:%M"))
        return text

    def _quote_list(self, name: str, accessible: str, quotes: tuple[NoteQuote, ...]) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setWordWrap(True)
        for quote in quotes:
            item = QListWidgetItem(self._quote_text(quote))
            item.setData(NOTE_ROLE, quote.uuid)
            widget.addItem(item)
        if not quotes:
            widget.addItem(self.tr("None noted"))
            widget.setEnabled(False)
        widget.setMaximumHeight(150)
        return widget

    def _quote_text(self, quote: NoteQuote) -> str:
        about = f"{quote.behaviour}: " if quote.behaviour else ""
        done = "  ✓ " + self.tr("recognised") if quote.recognised else ""
        return f"{about}{' '.join(quote.text.split())}{done}"

    def _heading(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setFont(scaled_font(self.font(), 1.1, bold=True))
        return label

    def _build_notes(self) -> QWidget:
        side = QWidget(self)
        side.setMinimumWidth(340)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._heading(self.tr("Strengths"), side))
        self.strengths = self._quote_list("feedbackStrengths", self.tr("Strengths noted"), self.draft.strengths)
        column.addWidget(self.strengths)
        self.recognise_button = QPushButton(self.tr("Recognise this strength (Ctrl+R)"), side)
        self.recognise_button.setObjectName("feedbackRecognise")
        forms.spoken(self.recognise_button, self.tr("Recognise the chosen strength"))
        self.recognise_button.setEnabled(bool(self.draft.strengths))
        self.recognise_button.clicked.connect(self.recognise_current)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.recognise_current)
        column.addWidget(self.recognise_button)
        self.last_recognition: str | None = None
        self.certificate_button = QPushButton(self.tr("Preview the certificate…"), side)  # issue #8
        self.certificate_button.setObjectName("feedbackPrintCertificate")
        self.certificate_button.setAccessibleName(self.tr("Preview the certificate of the recognition just added"))
        self.certificate_button.setVisible(False)
        self.certificate_button.clicked.connect(self.preview_certificate)
        column.addWidget(self.certificate_button)
        column.addWidget(self._heading(self.tr("Opportunities"), side))
        column.addWidget(self._quote_list("feedbackOpportunities", self.tr("Opportunities noted"),
                                          self.draft.opportunities))
        column.addWidget(self._heading(self.tr("Quotes"), side))
        column.addWidget(self._quote_list("feedbackQuotes", self.tr("Verbatim quotes"), self.draft.quotes))
        column.addStretch(1)
        if self.draft.strengths:
            self.strengths.setCurrentRow(0)
        return side

    def _text(self, name: str, accessible: str, lines: int = 4) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        return edit

    def _build_form(self) -> QWidget:
        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        column.addLayout(form)
        column.addStretch(1)
        self.went_well = self._text("feedbackWentWell", self.tr("What went well"), 5)
        limit_text(self.went_well, "Feedback", "went_well")
        self.to_improve = self._text("feedbackToImprove", self.tr("What to improve"), 5)
        limit_text(self.to_improve, "Feedback", "to_improve")
        self.commitment = self._text("feedbackCommitment", self.tr("The agent's commitment"), 2)
        limit_text(self.commitment, "Feedback", "agent_commitment")
        form.addRow(self._buddy(self.tr("What went &well"), self.went_well), self.went_well)
        form.addRow(self._buddy(self.tr("What to &improve"), self.to_improve), self.to_improve)
        form.addRow(self._buddy(self.tr("Agent's &commitment"), self.commitment), self.commitment)
        self.target = QComboBox(side)
        self.target.setObjectName("feedbackTargetBehaviour")
        self.target.setAccessibleName(self.tr("Behaviour this feedback targets"))
        self.target.addItem(self.tr("None"), None)
        for choice in self.draft.behaviours:
            self.target.addItem(choice.name, choice.id)
        form.addRow(self._buddy(self.tr("&Target behaviour"), self.target), self.target)
        self.objective = QComboBox(side)
        self.objective.setObjectName("feedbackObjective")
        self.objective.setAccessibleName(self.tr("Objective this feedback serves"))
        self.objective.addItem(self.tr("None"), None)
        for choice in self.draft.objectives:
            self.objective.addItem(choice.statement, choice.uuid)
        fit.elide_combo(self.target)
        fit.elide_combo(self.objective)  # whole statements: elided, the statement on hover
        form.addRow(self._buddy(self.tr("&Objective"), self.objective), self.objective)
        follow_row = QHBoxLayout()
        self.has_follow_up = QCheckBox(self.tr("&Follow up on"), side)
        self.has_follow_up.setObjectName("feedbackHasFollowUp")
        forms.spoken(self.has_follow_up, self.tr("Follow up"))
        self.follow_up = QDateEdit(side)
        self.follow_up.setObjectName("feedbackFollowUp")
        self.follow_up.setAccessibleName(self.tr("Follow-up date"))
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("ddd d MMM yyyy")
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        follow_row.addWidget(self.has_follow_up)
        follow_row.addWidget(self.follow_up, 1)
        form.addRow("", follow_row)
        delivered_row = QHBoxLayout()
        self.delivered = QCheckBox(self.tr("&Delivered at"), side)
        self.delivered.setObjectName("feedbackDelivered")
        forms.spoken(self.delivered, self.tr("Feedback delivered"))
        self.delivered_at = QDateTimeEdit(side)
        self.delivered_at.setObjectName("feedbackDeliveredAt")
        self.delivered_at.setAccessibleName(self.tr("Delivery time"))
        self.delivered_at.setDisplayFormat("ddd d MMM yyyy HH:mm")
        self.delivered.toggled.connect(self._delivery_changed)
        self.delivered_at.dateTimeChanged.connect(lambda _value: self._show_timeliness())
        delivered_row.addWidget(self.delivered)
        delivered_row.addWidget(self.delivered_at, 1)
        form.addRow("", delivered_row)
        self.timeliness = QLabel(side)
        self.timeliness.setObjectName("feedbackTimeliness")
        self.timeliness.setFont(scaled_font(self.font(), 1.05, bold=True))
        form.addRow(self.tr("Timeliness"), self.timeliness)
        self.reason = QLineEdit(side)
        limit_text(self.reason, "Amendment", "reason")
        self.reason.setObjectName("feedbackReason")
        self.reason.setAccessibleName(self.tr("Reason for changing delivered feedback"))
        self.reason.setPlaceholderText(self.tr("Why this delivered feedback changes (kept as an amendment)"))
        self.reason_label = self._buddy(self.tr("&Reason"), self.reason)
        form.addRow(self.reason_label, self.reason)
        return side

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

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
        until = self.draft.observed_until
        if not self.delivered.isChecked() or until is None:
            text = self.tr("not delivered yet: the clock runs from the end of the observation")
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
        try:
            rec = fb.recognise_strength(self.ctx.db, uuid)
        except CoachDeskError as exc:
            self.error.show_message(str(exc))
            return
        changes.announce([Kind.RECOGNITION], [rec.uuid])
        item.setText(item.text() + "  ✓ " + self.tr("recognised"))
        self.error.show_message(self.tr("Recognition added: {title}").format(title=rec.title))
        self.last_recognition = rec.uuid
        self.certificate_button.setVisible(True)

    def preview_certificate(self) -> None:
        from coachdesk.ui import report_actions

        if self.last_recognition:
            report_actions.print_recognition(self, self.ctx.db, self.last_recognition)

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
        values, existing = self.values(), self.draft.existing
        try:
            self.result_row = save_resolving_conflicts(
                self, lambda version, overwriting: fb.save_feedback(
                    self.ctx.db, self.session_uuid, **values, expected_version=version, overwriting=overwriting),
                existing.version if existing else 0, self.reload)
        except CoachDeskError as exc:
            self.error.show_message(str(exc))
            return
        changes.announce([Kind.FEEDBACK], [getattr(self.result_row, "uuid", None), self.draft.agent_uuid])
        self.saved.emit(self.result_row)
        self.accept()

    def reload(self) -> None:
        """Show the feedback as it is stored now (after taking someone else's version in a conflict)."""
        self.draft = fb.compose(self.ctx.db, self.session_uuid)
        self._fill()

