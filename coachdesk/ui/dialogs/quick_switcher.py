"""The Ctrl+K quick switcher: type part of a name, a page, or the text of a team, goal, objective, one-to-one or
observation note; move with the arrows, Enter to open, Esc to close; "No matches" when nothing matches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QFrame, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coachdesk.domain.text import name_key
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import people
from coachdesk.ui.kit import forms, ops
from coachdesk.ui.kit.words import roles_text
from coachdesk.ui.theme import muted_label, palette_icon
from coachdesk.ui.widgets.search_field import SearchField

MAX_PEOPLE = 30
KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: the agent a found record belongs to (an objective, a one-to-one, a note)
AGENT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class PageEntry:
    key: str
    label: str
    icon: QIcon


class QuickSwitcher(QDialog):
    """A small popup over the main window listing matching pages and people."""

    person_chosen = Signal(str)
    page_chosen = Signal(str)
    #: (kind, uuid, agent uuid or ""): a team, goal, objective, one-to-one or observation note found by its text
    record_chosen = Signal(str, str, str)

    def __init__(self, ctx: AppContext, pages: Sequence[PageEntry], parent: QWidget | None = None) -> None:
        # a frameless dialog, not a Qt popup: screen readers are never told about popup windows (AT-SPI leaves
        # them out of the application's tree); like a popup it closes when another window takes the focus
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self._was_active = False
        self.setObjectName("quickSwitcher")
        self.setAccessibleName(self.tr("Quick switcher"))
        self.setWindowTitle(self.tr("Go to"))
        self.ctx = ctx
        self.pages = list(pages)
        self._person_icon = palette_icon("agent", self, selectable=True)
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(10, 10, 10, 8)
        self.search = SearchField(self.tr("Go to a person or a page"), frame, name="quickSwitcherSearch")
        self.results = QListWidget(frame)
        self.results.setObjectName("quickSwitcherResults")
        self.results.setAccessibleName(self.tr("Matches"))
        self.results.setUniformItemSizes(True)
        self.search.target = self.results
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(muted_label(self.tr("↑ ↓ to move · Enter to open · Esc to close"), frame))
        self.finding: ops.Operation | None = None  # the people being searched for the latest text
        self.activate_when_found = False
        #: the search runs once typing pauses, not on every key; Enter runs it at once
        self.search_pause = forms.debounced(self.search, forms.SEARCH_PAUSE_MS,
                                            lambda: self.update_results(self.search.text()))
        self.search.returnPressed.connect(self.activate_current)
        self.results.itemActivated.connect(self._activate_item)
        self.resize(540, 380)
        self.update_results("")

    def update_results(self, text: str) -> None:
        """The pages matching here; the people (a query) off the GUI thread, only the latest text's answer (called
        once typing pauses, or at once on Enter)."""
        self.search_pause.stop()
        self.finding = None
        self.activate_when_found = False
        self.results.clear()
        key = name_key(text)
        for page in self.pages:
            if key in name_key(page.label):
                self._add(page.label, self.tr("Page"), "page", page.key, page.icon)
        if self.results.count():
            self.results.setCurrentRow(0)
        if key:
            self.finding = people.switcher_matches(self, self.ctx, text, MAX_PEOPLE, self._show_found)

    def _show_found(self, found: tuple[list, list]) -> None:
        """The people found, then the other records (both read off the GUI thread); "No matches" when nothing is."""
        rows, records = found
        for row in rows:
            detail = " · ".join(part for part in (row.team, roles_text(row.roles)) if part)
            self._add(row.display_name, detail, "person", row.uuid, self._person_icon)
        self._add_records(records)
        if not self.results.count():
            none = QListWidgetItem(self.tr("No matches"))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            none.setData(KIND_ROLE, "none")
            self.results.addItem(none)
        else:
            self.results.setCurrentRow(self._first_person_row())
        if self.activate_when_found:  # Enter came before the people did: it opens what is now first
            self.activate_when_found = False
            self.activate_current()

    def _add_records(self, records: list) -> None:
        """Teams, goals, objectives, one-to-ones and observation notes whose text matches (``find_records``)."""
        kinds = {"team": (self.tr("Team"), "team"), "goal": (self.tr("Goal"), "goals"),
                 "objective": (self.tr("Objective"), "goals"), "one_to_one": (self.tr("One-to-one"), "one_to_ones"),
                 "note": (self.tr("Observation note"), "observe")}
        for found in records:
            label, icon = kinds.get(found.kind, (found.kind, "today"))
            detail = " · ".join(part for part in (label, found.detail) if part)
            self._add(found.title, detail, found.kind, found.uuid, palette_icon(icon, self, selectable=True))
            item = self.results.item(self.results.count() - 1)
            item.setData(AGENT_ROLE, found.agent_uuid or "")
            item.setToolTip(f"{found.title}\n{detail}")  # a long line is cut at the popup's edge

    def _first_person_row(self) -> int:
        """Prefer the first person when the text matches both (names are what one types most)."""
        for number in range(self.results.count()):
            if self.results.item(number).data(KIND_ROLE) == "person":
                return number
        return 0

    def _add(self, title: str, detail: str, kind: str, key: str, icon: QIcon) -> None:
        item = QListWidgetItem(icon, f"{title}    {detail}" if detail else title)
        item.setData(KIND_ROLE, kind)
        item.setData(KEY_ROLE, key)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {detail}" if detail else title)
        self.results.addItem(item)

    def activate_current(self) -> None:
        self.search_pause.flush()  # Enter while typing: search the current text now
        if self.finding is not None and not self.finding.finished:
            self.activate_when_found = True
            return
        item = self.results.currentItem()
        if item is not None and item.data(KIND_ROLE) != "none":
            self._activate_item(item)

    def _activate_item(self, item: QListWidgetItem) -> None:
        kind, key = item.data(KIND_ROLE), item.data(KEY_ROLE)
        self.accept()
        if kind == "person":
            self.person_chosen.emit(key)
        elif kind == "page":
            self.page_chosen.emit(key)
        elif kind != "none":
            self.record_chosen.emit(kind, key, item.data(AGENT_ROLE) or "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self._was_active = True
            elif self._was_active and self.isVisible():
                self.reject()
        super().changeEvent(event)

    def popup_over(self, anchor: QWidget) -> None:
        """Show centred near the top of ``anchor`` (the main window) with the search field focused."""
        top = anchor.mapToGlobal(QPoint(0, 0))
        self.move(top.x() + (anchor.width() - self.width()) // 2, top.y() + 60)
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)
