"""The Ctrl+K quick switcher: type part of a name or a page, move with the arrows, Enter to open, Esc to close."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QFrame, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coachdesk.domain.text import name_key
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import people
from coachdesk.ui.kit.words import roles_text
from coachdesk.ui.theme import muted_label, palette_icon
from coachdesk.ui.widgets.search_field import SearchField

MAX_PEOPLE = 30
KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PageEntry:
    key: str
    label: str
    icon: QIcon


class QuickSwitcher(QDialog):
    """A small popup over the main window listing matching pages and people."""

    person_chosen = Signal(str)
    page_chosen = Signal(str)

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
        self.search.textChanged.connect(self.update_results)
        self.search.returnPressed.connect(self.activate_current)
        self.results.itemActivated.connect(self._activate_item)
        self.resize(540, 380)
        self.update_results("")

    def update_results(self, text: str) -> None:
        """The pages matching at once; the people (a query) off the GUI thread, only the latest text's answer."""
        self.results.clear()
        key = name_key(text)
        for page in self.pages:
            if key in name_key(page.label):
                self._add(page.label, self.tr("Page"), "page", page.key, page.icon)
        if self.results.count():
            self.results.setCurrentRow(0)
        if key:
            people.people(self, self.ctx, self._show_people, key="switcher", search=text, limit=MAX_PEOPLE)

    def _show_people(self, rows: list) -> None:
        for row in rows:
            detail = " · ".join(part for part in (row.team, roles_text(row.roles)) if part)
            self._add(row.display_name, detail, "person", row.uuid, self._person_icon)
        if self.results.count():
            self.results.setCurrentRow(self._first_person_row())

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
        item = self.results.currentItem()
        if item is not None:
            self._activate_item(item)

    def _activate_item(self, item: QListWidgetItem) -> None:
        kind, key = item.data(KIND_ROLE), item.data(KEY_ROLE)
        self.accept()
        if kind == "person":
            self.person_chosen.emit(key)
        else:
            self.page_chosen.emit(key)

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
