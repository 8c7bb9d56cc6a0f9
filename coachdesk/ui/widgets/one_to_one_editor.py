"""The session record editor: type, date, participants, items, objectives discussed/created/adjusted, summary, the
agent's comments and the next date; saved as a draft in the database while typing (so a crash loses nothing),
recorded as held, acknowledged by the agent, then locked with amendments shown beside it."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import ItemKind, ItemStatus, OneToOneStatus, OneToOneType, RewardScope, Visibility
from coachdesk.services.common import AppContext
from coachdesk.services.one_to_ones import ItemInput, SessionRecord
from coachdesk.ui.actions import one_to_ones
from coachdesk.ui.kit import fit, keys, ops
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.words import date_format, time_text, when_text
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.one_to_one_items import ItemsEditor, line_due

AUTOSAVE_MS = 400
SAVE_KEYS = keys.declare("One-to-ones", "Save the one-to-one", QKeySequence.StandardKey.Save)
HELD_KEYS = keys.declare("One-to-ones", "Record as held", "Ctrl+Return", "Ctrl+Enter")
TYPE_LABELS = {OneToOneType.EXPECTATION_SETTING: "Expectation-setting", OneToOneType.REVIEW: "Review",
               OneToOneType.DEVELOPMENT: "Development"}
OBJECTIVE_ACTIONS = {"discussed": "Discussed", "created": "Created", "adjusted": "Adjusted"}



def _qdate(value: str | date | None) -> QDate:
    if value is None:
        return QDate.currentDate()
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return QDate(day.year, day.month, day.day)


def _pydate(widget: QDateEdit) -> date:
    d = widget.date()
    return date(d.year(), d.month(), d.day())


def _saved_time(saved_at: object) -> str:
    """A draft's ISO time stamp (UTC) as a local time of day; the raw text when it is not one."""
    from datetime import datetime

    try:
        return time_text(datetime.fromisoformat(str(saved_at)))
    except ValueError:
        return str(saved_at or "")[11:16]


class SessionEditor(fit.ScrollContent):
    """Shown in a scroll area: it asks for its minimum height, not the taller one its wrapped hints prefer, so the
    record fits a 1366x768 laptop without scrolling (and scrolls only when its minimum does not fit)."""

    saved = Signal(object)
    #: a line for the status bar
    message = Signal(str)
    #: (kind, argument): the page opens that dialog (``dialogs.openers``)
    dialog_requested = Signal(str, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oneToOneEditor")
        self.setAccessibleName(self.tr("One-to-one record"))
        self.ctx = ctx
        self.record: SessionRecord | None = None
        self.actor_uuid: str | None = None
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 8)
        self.banner = QLabel("", self)
        self.banner.setObjectName("oneToOneLockBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setStyleSheet("background: palette(alternate-base); border: 1px solid palette(mid); "
                                  "padding: 6px;")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.error = QLabel("", self)
        self.error.setObjectName("oneToOneEditorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlighted-text); background: palette(highlight); padding: 4px;")
        self.error.hide()
        outer.addWidget(self.error)
        outer.addLayout(self._build_top())
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.items = ItemsEditor(self)
        self.items.changed.connect(self._changed)
        left.addWidget(self.items, 1)
        left.addWidget(muted_label(self.tr(
            "Notes are shared with the agent by default. A coach-only note ([Coach-only]) is kept out of the agent's copy, "
            "but it is still part of the agent's record: the agent can ask to see it."), self,
            name="oneToOneCoachOnlyHint"))
        right.addLayout(self._build_objectives())
        self.summary = self._text("oneToOneSummary", self.tr("Summary"))
        limit_text(self.summary, "OneToOne", "summary")
        self.comments = self._text("oneToOneAgentComments", self.tr("Agent's own comments"))
        limit_text(self.comments, "OneToOne", "agent_comments")
        right.addWidget(self._buddy(self.tr("Summar&y"), self.summary))
        right.addWidget(self.summary, 1)
        right.addWidget(self._buddy(self.tr("Agent's own co&mments"), self.comments))
        right.addWidget(self.comments, 1)
        self.amendments = QLabel("", self)
        self.amendments.setObjectName("oneToOneAmendments")
        self.amendments.setWordWrap(True)
        self.amendments.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.amendments)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        outer.addLayout(columns, 1)
        outer.addLayout(self._build_buttons())
        self.setEnabled(False)
        # nothing open yet: say how to open something instead of showing an empty form with placeholder dates
        self.banner.setText(self.tr("<b>No one-to-one is open.</b> Choose an agent above and press <b>F9</b> "
                                    "(Start the session), or open a past one from the History tab."))
        self.banner.show()

    # -- building ----------------------------------------------------------------------------------------------------
    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def _text(self, name: str, accessible: str) -> QPlainTextEdit:
        edit = named(QPlainTextEdit(self), name, accessible)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(60)
        edit.textChanged.connect(self._changed)
        edit.installEventFilter(self)
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Ctrl+Enter records the session from inside the text boxes too (they would take it as a new line)."""
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.type() == QEvent.Type.KeyPress:
                self.save(held=True)
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _build_top(self) -> QGridLayout:
        grid = QGridLayout()
        self.kind = named(QComboBox(self), "oneToOneType", self.tr("Type"))
        for kind, text in TYPE_LABELS.items():
            self.kind.addItem(self.tr(text), kind.value)
        self.day = named(QDateEdit(self), "oneToOneDate", self.tr("Session date"))
        self.has_next = named(QCheckBox(self.tr("N&ext one-to-one"), self), "oneToOneHasNext",
                              self.tr("Has a next one-to-one date"))
        self.next_day = named(QDateEdit(self), "oneToOneNextDate", self.tr("Next one-to-one date"))
        for edit in (self.day, self.next_day):
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setSpecialValueText(" ")  # blank, not "2000-01-01", until a record is loaded
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())  # the locale's order, as in every table and card
            edit.dateChanged.connect(self._changed)
        self.participant = named(QComboBox(self), "oneToOneParticipant", self.tr("Also present"))
        self.kind.currentIndexChanged.connect(self._changed)
        self.participant.currentIndexChanged.connect(self._changed)
        self.has_next.toggled.connect(self._changed)
        self.day.dateChanged.connect(self._day_moved)
        self.has_next.toggled.connect(lambda on: self.next_day.setEnabled(on and not self._locked()))
        grid.addWidget(self._buddy(self.tr("&Type"), self.kind), 0, 0)
        grid.addWidget(self.kind, 0, 1)
        grid.addWidget(self._buddy(self.tr("&Date"), self.day), 0, 2)
        grid.addWidget(self.day, 0, 3)
        grid.addWidget(self.has_next, 0, 4)
        grid.addWidget(self.next_day, 0, 5)
        grid.addWidget(self._buddy(self.tr("Also &present"), self.participant), 1, 0)
        grid.addWidget(self.participant, 1, 1, 1, 3)
        self.status_label = muted_label("", self, name="oneToOneStatus")
        grid.addWidget(self.status_label, 1, 4, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _build_objectives(self) -> QVBoxLayout:
        box = QVBoxLayout()
        self.objectives = named(QListWidget(self), "oneToOneObjectives",
                                self.tr("Objectives discussed, created or adjusted"))
        self.objectives.setMaximumHeight(150)
        self.objectives.setWordWrap(True)
        self.objectives.itemChanged.connect(self._changed)
        self.objectives.currentRowChanged.connect(self._show_objective_action)
        box.addWidget(self._buddy(self.tr("O&bjectives (tick those discussed)"), self.objectives))
        box.addWidget(self.objectives)
        row = QHBoxLayout()
        self.objective_action = named(QComboBox(self), "oneToOneObjectiveAction", self.tr("What was done"))
        for key, text in OBJECTIVE_ACTIONS.items():
            self.objective_action.addItem(self.tr(text), key)
        self.objective_action.activated.connect(self._set_objective_action)
        self.new_objective = named(QPushButton(self.tr("Create ob&jective…"), self), "oneToOneNewObjective",
                                   self.tr("New objective"))
        self.new_objective.clicked.connect(lambda: self.edit_objective(None))
        self.adjust_objective = named(QPushButton(self.tr("Chan&ge…"), self), "oneToOneAdjustObjective",
                                      self.tr("Adjust objective"))
        self.adjust_objective.clicked.connect(self._adjust_current)
        row.addWidget(self.objective_action, 1)
        row.addWidget(self.new_objective)
        row.addWidget(self.adjust_objective)
        box.addLayout(row)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.draft_label = muted_label("", self, name="oneToOneDraftState")
        row.addWidget(self.draft_label, 1)
        self.save_button = named(QPushButton(self.tr("Save (Ctrl+S)"), self), "oneToOneSave", self.tr("Save"))
        self.held_button = named(QPushButton(self.tr("Record as &held"), self), "oneToOneRecordHeld",
                                 self.tr("Record as held"))
        self.ack_button = named(QPushButton(self.tr("Ackno&wledge…"), self), "oneToOneAcknowledge",
                                self.tr("Acknowledge"))
        self.amend_button = named(QPushButton(self.tr("&Amend…"), self), "oneToOneAmend", self.tr("Amend"))
        self.save_button.clicked.connect(lambda: self.save(held=False))
        self.held_button.clicked.connect(lambda: self.save(held=True))
        self.ack_button.clicked.connect(self.acknowledge)
        self.amend_button.clicked.connect(self.amend)
        for button in (self.save_button, self.held_button, self.ack_button, self.amend_button):
            row.addWidget(button)
        keys.shortcut(self, SAVE_KEYS, lambda: self.save(held=False), Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys.shortcut(self, HELD_KEYS, lambda: self.save(held=True), Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return row

    # -- loading -----------------------------------------------------------------------------------------------------
    def _locked(self) -> bool:
        return self.record is not None and self.record.locked

    def load(self, record: SessionRecord, actor_uuid: str | None = None) -> None:
        """Show ``record``; an autosaved draft of it (typed but not saved) is put back on top."""
        self.timer.stop()
        self.record, self.actor_uuid = record, actor_uuid
        objectives, people = one_to_ones.editor_choices_now(self, self.ctx, record.agent_uuid)
        self._loading = True
        self.setEnabled(True)
        self.items.set_people(list(people))
        self.participant.clear()
        self.participant.addItem(self.tr("(nobody else)"), None)
        for uuid, name in people:
            if uuid not in (record.agent_uuid, record.leader_uuid):
                self.participant.addItem(name, uuid)
        for p in record.participants:
            if self.participant.findData(p.person_uuid) < 0:
                self.participant.addItem(p.name, p.person_uuid)
        self.objectives.clear()
        linked = {o.objective_uuid: o.action for o in record.objectives}
        for uuid, statement, status in objectives:
            if status not in ("draft", "agreed") and uuid not in linked:
                continue  # closed objectives not discussed here stay out of the way
            item = QListWidgetItem(f"{statement} ({status})")
            item.setData(Qt.ItemDataRole.UserRole, uuid)
            item.setData(Qt.ItemDataRole.UserRole + 1, linked.get(uuid, "discussed"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if uuid in linked else Qt.CheckState.Unchecked)
            self.objectives.addItem(item)
        self.apply_payload(self._payload_of(record))
        self._loading = False
        draft = one_to_ones.editor_draft_now(self, self.ctx, record.uuid)
        if draft and not record.locked:
            self._loading = True
            self.apply_payload(draft)
            self._loading = False
            self.draft_label.setText(self.tr("Unsaved changes from {time} were put back: save to keep them.")
                                     .format(time=_saved_time(draft.get("saved_at"))))
        else:
            self.draft_label.setText("")
        self._show_state()

    def _payload_of(self, r: SessionRecord) -> dict:
        other = next((p.person_uuid for p in r.participants if p.person_uuid not in (r.agent_uuid, r.leader_uuid)),
                     None)
        return {"type": r.type.value, "day": r.day.isoformat() if r.day else None,
                "next_date": r.next_date.isoformat() if r.next_date else None, "summary": r.summary,
                "agent_comments": r.agent_comments, "participant": other,
                "objectives": [[o.objective_uuid, o.action] for o in r.objectives],
                "items": [{"uuid": i.uuid, "kind": i.kind.value, "text": i.text, "owner_uuid": i.owner_uuid,
                           "due_date": i.due_date.isoformat() if i.due_date else None,
                           "status": i.status.value if i.status else None, "visibility": i.visibility.value,
                           "reward_scope": i.reward_scope.value if i.reward_scope else None,
                           "carried": i.carried_from_uuid is not None} for i in r.items]}

    def payload(self) -> dict:
        return {"type": self.kind.currentData(), "day": _pydate(self.day).isoformat(),
                "next_date": _pydate(self.next_day).isoformat() if self.has_next.isChecked() else None,
                "summary": self.summary.toPlainText(), "agent_comments": self.comments.toPlainText(),
                "participant": self.participant.currentData(),
                "objectives": [[self.objectives.item(n).data(Qt.ItemDataRole.UserRole),
                                self.objectives.item(n).data(Qt.ItemDataRole.UserRole + 1)]
                               for n in range(self.objectives.count())
                               if self.objectives.item(n).checkState() == Qt.CheckState.Checked],
                "items": [dict(line) for line in self.items.lines]}

    def _rhythm_after(self) -> QDate:
        """The session's day plus the agent's rhythm (every 7 days: a week on): the next date's default."""
        return self.day.date().addDays(self.record.cadence_days if self.record is not None else 14)

    def _day_moved(self) -> None:
        """Until a next date is chosen, it follows the session's day by the agent's rhythm."""
        if not self.has_next.isChecked() and not self._loading:
            self.next_day.setDate(self._rhythm_after())

    def apply_payload(self, p: dict) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.get("type"))))
        self.day.setDate(_qdate(p.get("day")))
        self.has_next.setChecked(bool(p.get("next_date")))
        self.next_day.setDate(_qdate(p.get("next_date")) if p.get("next_date") else self._rhythm_after())
        self.next_day.setEnabled(bool(p.get("next_date")))
        self.summary.setPlainText(p.get("summary") or "")
        self.comments.setPlainText(p.get("agent_comments") or "")
        self.participant.setCurrentIndex(max(0, self.participant.findData(p.get("participant"))))
        chosen = {u: a for u, a in p.get("objectives") or []}
        for n in range(self.objectives.count()):
            item = self.objectives.item(n)
            uuid = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if uuid in chosen else Qt.CheckState.Unchecked)
            if uuid in chosen:
                item.setData(Qt.ItemDataRole.UserRole + 1, chosen[uuid])
        self.items.set_lines(p.get("items") or [])
        self._show_objective_action(self.objectives.currentRow())

    def _show_state(self) -> None:
        r = self.record
        locked = self._locked()
        for widget in (self.kind, self.day, self.has_next, self.participant, self.objectives, self.summary,
                       self.comments, self.objective_action, self.new_objective, self.adjust_objective,
                       self.save_button, self.held_button):
            widget.setEnabled(not locked)
        for widget in (self.summary, self.comments):
            widget.setEnabled(True)
            widget.setReadOnly(locked)
        self.next_day.setEnabled(not locked and self.has_next.isChecked())
        self.items.set_read_only(locked)
        held = r is not None and r.status is not OneToOneStatus.DRAFT
        self.ack_button.setEnabled(held and not locked)
        self.amend_button.setVisible(locked)
        self.held_button.setText(self.tr("Save as held") if held else self.tr("Record as &held"))
        status = {OneToOneStatus.DRAFT: self.tr("Draft: not held yet"),
                  OneToOneStatus.HELD: self.tr("Held: waiting for the agent's acknowledgement"),
                  OneToOneStatus.ACKNOWLEDGED: self.tr("Acknowledged and locked")}
        self.status_label.setText(status[r.status] if r else "")
        if locked:
            comment = f"<br/>“{escape(r.acknowledgement_comment)}”" if r.acknowledgement_comment else ""
            self.banner.setText(self.tr("<b>Locked.</b> Acknowledged by {name} on {at}.{comment} Changes "
                                        "are recorded as amendments with who, when and why (Amend…).").format(
                name=escape(r.acknowledged_name or ""), at=when_text(r.acknowledged_at),
                comment=comment))
            self.banner.show()
        else:
            self.banner.hide()
        lines = [self.tr("• {field}: “{old}” → “{new}” — {reason} ({who}, {at})").format(
            field=escape(a.field), old=escape(a.old_value or "–"), new=escape(a.new_value or "–"),
            reason=escape(a.reason), who=escape(a.author or self.tr("unknown")), at=when_text(a.amended_at))
            for a in (r.amendments if r else ())]
        self.amendments.setText(f"<b>{self.tr('Amendments')}</b><br/>" + "<br/>".join(lines) if lines else "")

    # -- objectives ------------------------------------------------------------------------------------------------
    def _show_objective_action(self, row: int) -> None:
        item = self.objectives.item(row) if row >= 0 else None
        if item is not None:
            self.objective_action.setCurrentIndex(max(0, self.objective_action.findData(
                item.data(Qt.ItemDataRole.UserRole + 1))))

    def _set_objective_action(self, _index: int) -> None:
        item = self.objectives.currentItem()
        if item is not None:
            item.setData(Qt.ItemDataRole.UserRole + 1, self.objective_action.currentData())
            item.setCheckState(Qt.CheckState.Checked)
            self._changed()

    def _adjust_current(self) -> None:
        item = self.objectives.currentItem()
        if item is not None:
            self.edit_objective(item.data(Qt.ItemDataRole.UserRole))

    def edit_objective(self, objective_uuid: str | None) -> QDialog | None:
        """Create (None) or adjust an objective with the objectives dialog; it is then ticked as created/adjusted."""
        if self.record is None:
            return None
        return self._ask("objective", (objective_uuid, None if objective_uuid else self.record.agent_uuid))

    def _ask(self, kind: str, argument: object) -> QDialog | None:
        self.dialog = None
        self.dialog_requested.emit(kind, argument)  # the page opens it (``dialogs.openers``)
        return self.dialog

    def objective_saved(self, uuid: str, created: bool) -> None:
        keep = self.payload()
        keep["objectives"] = [o for o in keep["objectives"] if o[0] != uuid] + [[uuid, "created" if created
                                                                                 else "adjusted"]]
        self.load(self.record, self.actor_uuid)
        self._loading = True
        self.apply_payload(keep)
        self._loading = False
        self._changed()

    # -- saving ------------------------------------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if self._loading or self.record is None or self._locked():
            return
        self.draft_label.setText(self.tr("Unsaved changes (kept as a draft while you type)"))
        if not self.timer.isActive():  # at most AUTOSAVE_MS after a keystroke, also while typing goes on
            self.timer.start()

    def autosave(self) -> None:
        if self.record is not None and not self._locked():
            one_to_ones.save_draft(self, self.ctx, self.record.uuid, self.payload())

    def _inputs(self) -> list[ItemInput]:
        return [ItemInput(ItemKind(line["kind"]), line["text"], line.get("uuid"), line.get("owner_uuid"),
                          line_due(line), ItemStatus(line["status"]) if line.get("status") else None,
                          Visibility(line.get("visibility") or Visibility.SHARED.value),
                          RewardScope(line["reward_scope"]) if line.get("reward_scope") else None)
                for line in self.items.lines]

    def save(self, held: bool = False) -> bool:
        if self.record is None or self._locked():
            return False
        self.timer.stop()
        p = self.payload()
        participants = [(self.record.leader_uuid, "leader")] if self.record.leader_uuid else []
        if p["participant"]:
            participants.append((p["participant"], "attendee"))
        self._save_failed = False
        one_to_ones.save_session(
            self, self.ctx, self.record.uuid, lambda record: self._saved(record, held), failed=self._not_saved,
            kind=OneToOneType(p["type"]), day=date.fromisoformat(p["day"]), summary=p["summary"],
            agent_comments=p["agent_comments"],
                next_date=date.fromisoformat(p["next_date"]) if p["next_date"] else None,
            items=self._inputs(), objectives=[(u, a, None) for u, a in p["objectives"]], participants=participants,
            held=held or self.record.status is not OneToOneStatus.DRAFT, expected_version=self.record.version,
            actor_uuid=self.actor_uuid)
        return not self._save_failed

    def _not_saved(self, error: BaseException) -> None:
        self._save_failed = True
        self.autosave()  # what was typed stays safe while the problem is fixed
        self.show_error(ops.error_text(error))

    def _saved(self, record: SessionRecord, held: bool) -> None:
        self.error.hide()
        self.load(record, self.actor_uuid)
        self.message.emit(self.tr("One-to-one saved.") if not held else self.tr("One-to-one recorded as held."))
        self.saved.emit(record)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def acknowledge(self) -> QDialog | None:
        if self.record is None:
            return None
        return self._ask("acknowledge", self.record)

    def amend(self) -> QDialog | None:
        if self.record is None:
            return None
        return self._ask("amend", (self.record, self.actor_uuid))

    def record_replaced(self, record: SessionRecord | None) -> None:
        if record is not None:
            self.load(record, self.actor_uuid)
            self.saved.emit(record)
