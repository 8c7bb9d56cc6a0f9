"""Keys that are not a window's or a page's QAction (a dialog's keys, a panel's QShortcut, keys taken before the focused
widget): declared once at module level with ``declare`` and bound through this module, so Help ▸ Keyboard shortcuts
lists them even for dialogs never opened, and a test can check that every key the app answers to is listed."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str
#: the property a QShortcut made here carries: the (untranslated) action it is listed under
LISTED_AS = "listedAs"
#: the packages whose modules declare keys (imported before listing, so a dialog never opened is listed too)
DECLARING_PACKAGES = ("coachdesk.ui.pages", "coachdesk.ui.dialogs", "coachdesk.ui.widgets")
_CONTEXT = "Shortcuts"


@dataclass(frozen=True)
class Keys:
    """Keys that do one thing in one place: ``where`` (a page's name or a dialog's) and ``action`` are written in
    English and translated when listed (context "Shortcuts")."""

    where: str
    action: str
    keys: tuple[Shortcut, ...]

    def sequences(self) -> list[QKeySequence]:
        found: list[QKeySequence] = []
        for key in self.keys:
            if isinstance(key, QKeySequence.StandardKey):
                found.append(QKeySequence(key))  # the platform's first binding (Ctrl+S; ⌘S on a Mac), as before
            else:
                found.append(QKeySequence(key))
        return [k for k in found if not k.isEmpty()]

    def native(self) -> list[str]:
        return [k.toString(QKeySequence.SequenceFormat.NativeText) for k in self.sequences()]

    def where_text(self) -> str:
        return QCoreApplication.translate(_CONTEXT, self.where)

    def action_text(self) -> str:
        return QCoreApplication.translate(_CONTEXT, self.action)


_DECLARED: list[Keys] = []


def declare(where: str, action: str, *keys: Shortcut) -> Keys:
    """Declare keys at module level (the same declaration twice is kept once); returns what to bind them with."""
    entry = Keys(where, action, tuple(keys))
    if entry not in _DECLARED:
        _DECLARED.append(entry)
    return entry


def declared() -> list[Keys]:
    """Every declaration, after importing every module that may hold one."""
    for package_name in DECLARING_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package_name}.{info.name}")
    return list(_DECLARED)


def shortcut(owner: QWidget, entry: Keys, slot: Callable[[], object],
             context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> list[QShortcut]:
    """Bind ``entry``'s keys on ``owner`` to ``slot()``: one QShortcut per key, named and marked as listed."""
    made = []
    for number, sequence in enumerate(entry.sequences()):
        item = QShortcut(sequence, owner)
        item.setContext(context)
        item.setObjectName(f"{owner.objectName() or 'keys'}Shortcut{number}")
        item.setProperty(LISTED_AS, entry.action)
        item.setWhatsThis(entry.action_text())
        item.activated.connect(lambda: slot())
        made.append(item)
    return made


def combos(entry: Keys) -> list[tuple[int, int]]:
    """(key, modifiers) of each single-chord key of ``entry``: what an event filter compares a key press with."""
    found = []
    for sequence in entry.sequences():
        combo = sequence[0]
        found.append((int(combo.key()), int(combo.keyboardModifiers().value)))
    return found
