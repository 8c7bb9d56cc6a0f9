"""The lines of a one-to-one record in the editor: a list (agenda, expectations, motivators, rewards, actions,
commitments, notes) and a form for the chosen line; coach-only notes are marked with a lock."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import ItemKind, ItemStatus, RewardScope, Visibility
from coachdesk.domain.one_to_one_rules import CARRIED_KINDS
from coachdesk.ui.kit import fit, keys
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.words import date_format, date_text

KIND_LABELS = {ItemKind.AGENDA: "Agenda point", ItemKind.EXPECTATION: "Expectation", ItemKind.MOTIVATOR: "Motivator",
               ItemKind.REWARD: "Reward", ItemKind.ACTION: "Action", ItemKind.COMMITMENT: "Commitment",
               ItemKind.NOTE: "Note"}
STATUS_LABELS = {ItemStatus.OPEN: "Open", ItemStatus.DONE: "Done", ItemStatus.NOT_MET: "Not met",
                 ItemStatus.DROPPED: "Dropped", ItemStatus.CARRIED: "Carried forward"}
#: the mark of a coach-only line (text, so it shows in every font and to screen readers)
LOCK = "[Coach-only]"
REMOVE_KEYS = keys.declare("One-to-ones", "Remove the chosen item (in the items list)", "Del")



def new_line(kind: ItemKind = ItemKind.AGENDA) -> dict:
    return {"uuid": None, "kind": kind.value, "text": "", "owner_uuid": None, "due_date": None,
            "status": ItemStatus.OPEN.value if kind in CARRIED_KINDS else None, "visibility": Visibility.SHARED.value,
            "reward_scope": None, "carried": False}


class ItemsEditor(QWidget):
    """``lines`` (plain dicts) with a list and a form; emits ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[dict] = []
        self._loading = False
        self._read_only = False
        self.people: list[tuple[str, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Items (agenda, expectations, motivators, rewards, actions, commitments, notes)"),
                       self)
        layout.addWidget(label)
        self.list = fit.elide_rows(named(QListWidget(self), "oneToOneItems", self.tr("Items")))
        label.setBuddy(self.list)
        self.list.setMinimumHeight(150)
        self.list.currentRowChanged.connect(self._show_line)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = named(QPushButton(self.tr("&New item"), self), "oneToOneAddItem", self.tr("New item"))
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = named(QPushButton(self.tr("Remove item"), self), "oneToOneRemoveItem",
                                   self.tr("Remove item"))
        self.remove_button.clicked.connect(self.remove_line)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        keys.shortcut(self.list, REMOVE_KEYS, self.remove_line, Qt.ShortcutContext.WidgetShortcut)
        form = QFormLayout()
        self.kind = named(QComboBox(self), "oneToOneItemKind", self.tr("Item kind"))
        for kind, text in KIND_LABELS.items():
            self.kind.addItem(self.tr(text), kind.value)
        self.text = named(QLineEdit(self), "oneToOneItemText", self.tr("Item text"))
        limit_text(self.text, "OneToOneItem", "text")
        self.owner = named(QComboBox(self), "oneToOneItemOwner", self.tr("Owner"))
        self.has_due = named(QCheckBox(self.tr("D&ue"), self), "oneToOneItemHasDue", self.tr("Has a due date"))
        self.due = named(QDateEdit(self), "oneToOneItemDue", self.tr("Due date"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_format())  # the locale's order, as on every table and card
        self.status = named(QComboBox(self), "oneToOneItemStatus", self.tr("Status"))
        self.status.addItem(self.tr("–"), None)
        for status, text in STATUS_LABELS.items():
            self.status.addItem(self.tr(text), status.value)
        self.scope = named(QComboBox(self), "oneToOneItemScope", self.tr("Reward scope"))
        self.scope.addItem(self.tr("–"), None)
        self.scope.addItem(self.tr("Individual"), RewardScope.INDIVIDUAL.value)
        self.scope.addItem(self.tr("Team"), RewardScope.TEAM.value)
        self.coach_only = named(QCheckBox(self.tr("&Coach-only note (kept out of the agent's copy)"), self),
                                "oneToOneItemCoachOnly", self.tr("Coach-only"))
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        for text, widget in ((self.tr("&Kind"), self.kind), (self.tr("Te&xt"), self.text),
                             (self.tr("&Owner"), self.owner)):
            form.addRow(text, widget)
        form.addRow(self.tr("Due date"), due_row)
        form.addRow(self.tr("&Status"), self.status)
        form.addRow(self.tr("&Reward scope"), self.scope)
        form.addRow("", self.coach_only)
        layout.addLayout(form)
        for signal in (self.kind.currentIndexChanged, self.owner.currentIndexChanged, self.status.currentIndexChanged,
                       self.scope.currentIndexChanged, self.text.textEdited, self.due.dateChanged,
                       self.has_due.toggled, self.coach_only.toggled):
            signal.connect(self._edited)
        self._show_line(-1)

    # -- loading ---------------------------------------------------------------------------------------------------
    def set_people(self, people: list[tuple[str, str]]) -> None:
        self.people = people
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("(nobody)"), None)
        for uuid, name in people:
            self.owner.addItem(name, uuid)
        self.owner.blockSignals(False)

    def set_lines(self, lines: list[dict]) -> None:
        self.lines = [dict(line) for line in lines]
        self._reload_list()
        self.list.setCurrentRow(0 if self.lines else -1)
        self._show_line(self.list.currentRow())

    def _caption(self, line: dict) -> str:
        kind = ItemKind(line["kind"])
        bits = [self.tr(KIND_LABELS[kind]) + ":", line["text"] or self.tr("(empty)")]
        extra = []
        if line.get("owner_uuid"):
            extra.append(dict(self.people).get(line["owner_uuid"], ""))
        if line.get("due_date"):
            extra.append(self.tr("due {day}").format(day=date_text(line_due(line))))
        if line.get("status"):
            extra.append(self.tr(STATUS_LABELS[ItemStatus(line["status"])]))
        if line.get("carried"):
            extra.append(self.tr("carried forward"))
        text = " ".join(bits) + (f"  ({', '.join(e for e in extra if e)})" if extra else "")
        if line.get("visibility") == Visibility.COACH_ONLY.value:
            text = f"{self.tr(LOCK)} {text}"
        return text

    def _reload_list(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for line in self.lines:
            self.list.addItem(QListWidgetItem(self._caption(line)))
        self.list.blockSignals(False)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _show_line(self, row: int) -> None:
        has = 0 <= row < len(self.lines)
        editable = has and not self._read_only
        for widget in (self.kind, self.text, self.owner, self.has_due, self.status, self.scope, self.coach_only,
                       self.remove_button):
            widget.setEnabled(editable)
        self.add_button.setEnabled(not self._read_only)
        self.due.setEnabled(editable and self.has_due.isChecked())
        if not has:
            return
        line = self.lines[row]
        self._loading = True
        self.kind.setCurrentIndex(self.kind.findData(line["kind"]))
        self.text.setText(line["text"])
        self.owner.setCurrentIndex(max(0, self.owner.findData(line.get("owner_uuid"))))
        self.has_due.setChecked(bool(line.get("due_date")))
        self.due.setDate(QDate.fromString(line["due_date"], "yyyy-MM-dd") if line.get("due_date")
                         else QDate.currentDate().addDays(7))
        self.due.setEnabled(editable and bool(line.get("due_date")))
        self.status.setCurrentIndex(max(0, self.status.findData(line.get("status"))))
        self.scope.setCurrentIndex(max(0, self.scope.findData(line.get("reward_scope"))))
        self.scope.setEnabled(editable and line["kind"] == ItemKind.REWARD.value)
        self.coach_only.setChecked(line.get("visibility") == Visibility.COACH_ONLY.value)
        self.kind.setEnabled(editable and not line.get("carried"))
        self.remove_button.setEnabled(editable and not line.get("carried"))
        self._loading = False

    # -- editing ---------------------------------------------------------------------------------------------------
    def _edited(self, *_args: object) -> None:
        row = self.list.currentRow()
        if self._loading or self._read_only or not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        kind = ItemKind(self.kind.currentData())
        if kind.value != line["kind"]:  # only actions and commitments have a status (and carry forward)
            wanted = (self.status.currentData() or ItemStatus.OPEN.value) if kind in CARRIED_KINDS else None
            self._loading = True
            self.status.setCurrentIndex(max(0, self.status.findData(wanted)))
            self._loading = False
        line.update(kind=kind.value, text=self.text.text(), owner_uuid=self.owner.currentData(),
                    due_date=self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else None,
                    status=self.status.currentData(),
                    reward_scope=self.scope.currentData() if kind is ItemKind.REWARD else None,
                    visibility=(Visibility.COACH_ONLY if self.coach_only.isChecked() else Visibility.SHARED).value)
        self.due.setEnabled(self.has_due.isChecked())
        self.scope.setEnabled(kind is ItemKind.REWARD)
        self.list.item(row).setText(self._caption(line))
        self.changed.emit()

    def add_line(self) -> None:
        if self._read_only:
            return
        self.lines.append(new_line(ItemKind.ACTION))  # the usual item; never the kind of the item before (#16)
        self._reload_list()
        self.list.setCurrentRow(len(self.lines) - 1)
        self.changed.emit()
        self.kind.setFocus()

    def remove_line(self) -> None:
        row = self.list.currentRow()
        if self._read_only or not 0 <= row < len(self.lines) or self.lines[row].get("carried"):
            return
        del self.lines[row]
        self._reload_list()
        self.list.setCurrentRow(min(row, len(self.lines) - 1))
        self._show_line(self.list.currentRow())
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """A locked record: its lines can be read one by one, not changed."""
        self._read_only = read_only
        self._show_line(self.list.currentRow())


def line_due(line: dict) -> date | None:
    return date.fromisoformat(line["due_date"]) if line.get("due_date") else None
