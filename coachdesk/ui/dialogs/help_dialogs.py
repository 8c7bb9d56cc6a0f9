"""Help menu windows: the keyboard shortcuts (read from the actions themselves, so the list never drifts) and
Getting started, a short guide to the coaching cycle with a button to each step's page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.ui.kit import a11y, fit, forms, keys
from coachdesk.ui.kit.a11y import labelled
from coachdesk.ui.kit.tables import Column, RowTableModel, table_view
from coachdesk.ui.theme import muted_label, title_label


@dataclass(frozen=True)
class ShortcutRow:
    where: str
    action: str
    keys: str


def _action_text(item: QAction) -> str:
    return forms.plain(item.text() or item.toolTip() or item.objectName())


def shortcut_rows(groups: Iterable[tuple[str, Iterable[QAction]]],
                  declared: Iterable[keys.Keys] = ()) -> list[ShortcutRow]:
    """One row per action that has a shortcut, under the name of its group ("Everywhere", a page's name), then one
    per declared key (a dialog's, a panel's: ``kit.keys``) under its place, joining a page's group of that name;
    each action once, in the groups' order and by name within a group."""
    found: dict[str, list[ShortcutRow]] = {}
    seen: set[ShortcutRow] = set()

    def add(row: ShortcutRow) -> None:
        if row.keys and row not in seen:
            seen.add(row)
            found.setdefault(row.where, []).append(row)

    for where, items in groups:
        found.setdefault(where, [])
        for item in items:
            add(ShortcutRow(where, _action_text(item), ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in item.shortcuts() if not k.isEmpty())))
    for entry in declared:
        add(ShortcutRow(entry.where_text(), entry.action_text(), ", ".join(entry.native())))
    return [row for rows in found.values() for row in sorted(rows, key=lambda r: r.action.casefold())]


class ShortcutsModel(RowTableModel):
    TR_CONTEXT = "ShortcutsModel"
    WHERE, ACTION, KEYS = range(3)
    COLUMNS = (Column("Where", lambda r: r.where), Column("Action", lambda r: r.action),
               Column("Keys", lambda r: r.keys))


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: every action with a shortcut, with a filter."""

    def __init__(self, rows: Sequence[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        forms.named(self, "shortcutsDialog", self.tr("Keyboard shortcuts"))
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.filter = forms.named(QLineEdit(self), "shortcutsFilter", self.tr("Filter shortcuts"))
        self.filter.setPlaceholderText(self.tr("Type to filter: an action, a page or a key"))
        self.filter.setClearButtonEnabled(True)
        top = QGridLayout()
        top.addWidget(labelled(QLabel(self.tr("&Filter:"), self), self.filter), 0, 0)
        top.addWidget(self.filter, 0, 1)
        layout.addLayout(top)
        self.model = ShortcutsModel(rows, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = table_view(self, "shortcutsTable", self.tr("Keyboard shortcuts"), self.model,
                                proxy=self.proxy, stretch=ShortcutsModel.KEYS)  # actions whole; a long list
        # of keys (Observe's Alt+0…9) ends in "…" with all of them on hover
        self.table.setSortingEnabled(False)
        header, metrics = self.table.horizontalHeader(), self.table.fontMetrics()
        for column, text in ((ShortcutsModel.WHERE, lambda r: r.where), (ShortcutsModel.ACTION, lambda r: r.action)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)  # as wide as every row, filtered
            header.resizeSection(column, max((metrics.horizontalAdvance(text(r)) for r in rows), default=60) + 24)
        layout.addWidget(self.table, 1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        layout.addWidget(muted_label(self.tr("Tooltips show the keys too. Pages and dialogs not opened yet are "
                                             "included."),
                                     self))
        box = forms.named(QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self), "shortcutsButtons",
                          self.tr("Buttons"))
        forms.named(box.button(QDialogButtonBox.StandardButton.Close), "shortcutsClose", self.tr("Close"))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        fit.resize_within_screen(self, 920, 600)
        self.filter.setFocus()

    def shown_rows(self) -> list[ShortcutRow]:
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]


def _tr(text: str) -> str:
    return QCoreApplication.translate("GettingStarted", text)


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    page: str
    button: str


def cycle_steps() -> tuple[Step, ...]:
    """The coaching cycle, step by step, and the page where each is done."""
    return (
        Step(_tr("1. Define objectives"),
             _tr("Cascade the organisation's goals to team goals, then give each agent SMART objectives with a "
                 "target, measured by a KPI or by observed behaviour."), "goals", _tr("Open &Goals")),
        Step(_tr("2. Set expectations"),
             _tr("In a one-to-one, agree how the agent will reach them at their own pace, what motivates them, "
                 "and the rewards and their timing. The next one-to-one reviews what was agreed."),
             "one_to_ones", _tr("Open &One-to-ones")),
        Step(_tr("3. Coach to behaviours"),
             _tr("Coach to the specific behaviours that drive the objective (listening, courtesy, resolving the "
                 "customer's issue), not to the dashboard."), "agent", _tr("Open the &Agent page")),
        Step(_tr("4. Observe, give feedback, recognise"),
             _tr("Sit side by side, log behaviours from the keyboard, then give timely, specific feedback and "
                 "recognise what went well."), "observe", _tr("Open O&bserve")),
        Step(_tr("5. Inspect and adjust"),
             _tr("Compare KPIs with the behaviours you coached, see the team's picture, and adjust the objectives "
                 "or set new ones: the cycle starts again."), "team", _tr("Open &Team")),
    )


class GettingStartedDialog(QDialog):
    """Help > Getting started: the coaching cycle in five steps, each with a button to its page."""

    page_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        forms.named(self, "gettingStartedDialog", self.tr("Getting started"))
        self.setWindowTitle(self.tr("Getting started with CoachDesk"))
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("The coaching cycle"), self))
        intro = muted_label(self.tr("CoachDesk follows the cycle front-line coaches run: define objectives → set "
                                    "expectations → coach to behaviours → observe, give feedback, recognise → "
                                    "adjust. Each step has its page."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(10)
        self.step_buttons = []
        for number, step in enumerate(cycle_steps()):
            text = QLabel(f"<b>{step.title}</b><br>{step.text}", self)
            text.setWordWrap(True)
            text.setObjectName(f"gettingStartedStep{number + 1}")
            go = forms.button(self, step.button, f"gettingStartedGo_{step.page}",
                              lambda key=step.page: self._go(key),
                              accessible=f"{forms.plain(step.button)}: {step.title}")
            self.step_buttons.append(go)
            grid.addWidget(text, number, 0)
            grid.addWidget(go, number, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(grid)
        layout.addStretch(1)
        box = forms.named(QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self), "gettingStartedButtons",
                          self.tr("Buttons"))
        forms.named(box.button(QDialogButtonBox.StandardButton.Close), "gettingStartedClose", self.tr("Close"))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        fit.resize_within_screen(self, 720, 470)  # the five steps at this width, wrapped

    def _go(self, key: str) -> None:
        self.page_requested.emit(key)
        self.accept()


def open_shortcuts(parent: QWidget, groups: Iterable[tuple[str, Iterable[QAction]]]) -> ShortcutsDialog:
    """Open Help > Keyboard shortcuts over ``parent`` for these groups of actions and every declared key (deleted
    once closed)."""
    dialog = a11y.delete_when_closed(ShortcutsDialog(shortcut_rows(groups, keys.declared()), parent))
    dialog.open()
    return dialog


def open_getting_started(parent: QWidget, show_page: Callable[[str], object]) -> GettingStartedDialog:
    """Open Help > Getting started over ``parent``; its buttons call ``show_page(key)``."""
    dialog = a11y.delete_when_closed(GettingStartedDialog(parent))
    dialog.page_requested.connect(show_page)
    dialog.open()
    return dialog
