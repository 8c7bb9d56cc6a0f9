"""Every key the app answers to is in Help ▸ Keyboard shortcuts: the window's and every page's QActions, every
QShortcut (a panel's, a dialog's) and the keys a dialog or Observe takes before the focused widget, walked on every
page and every dialog of the fit test; and no QShortcut is made outside the kit's helper that lists it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from coachdesk.ui.dialogs.help_dialogs import ShortcutRow, shortcut_rows
from coachdesk.ui.kit import forms, keys
from tests.ui.fit_checks import settle
from tests.ui.test_fit import DIALOGS, _dialogs, demo_ctx, demo_db, laptop_window  # noqa: F401 - fixtures

UI = Path(__file__).resolve().parents[2] / "coachdesk" / "ui"


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _combo_text(combo: tuple[int, int]) -> str:
    return _native(QKeySequence(combo[0] | combo[1]))


def _has(rows: list[ShortcutRow], action: str | None, key: str) -> bool:
    return any(key in r.keys.split(", ") and (action is None or r.action == action) for r in rows)


def unlisted(root: QWidget, rows: list[ShortcutRow]) -> list[str]:
    """Each key found on ``root`` (its QActions, QShortcuts and key filters) that the list does not hold."""
    problems = []
    items = [a for a in root.findChildren(QAction) + root.actions() if isinstance(a, QAction)]
    for item in items:
        for sequence in item.shortcuts():
            if not sequence.isEmpty() and not _has(rows, forms.plain(item.text() or item.toolTip()), _native(sequence)):
                problems.append(f"{root.objectName()}: action {item.objectName()!r} ({item.text()!r}) "
                                f"{_native(sequence)}")
    for item in root.findChildren(QShortcut):
        listed = item.property(keys.LISTED_AS)
        action = keys.Keys("", listed, ()).action_text() if listed else "(made without kit.keys.shortcut)"
        if not _has(rows, action, _native(item.key())):
            problems.append(f"{root.objectName()}: QShortcut {item.objectName()!r} {action} {_native(item.key())}")
    for item in root.findChildren(QObject):
        for combo, entry in getattr(item, "listed", {}).items():
            if not _has(rows, entry.action_text(), _combo_text(combo)):
                problems.append(f"{root.objectName()}: key filter {item.objectName()!r} {_combo_text(combo)}")
        for combo in set(getattr(item, "handlers", {})) - set(getattr(item, "listed", {})):
            problems.append(f"{root.objectName()}: key filter {item.objectName()!r} {_combo_text(combo)} undeclared")
    return problems


def _rows(window) -> list[ShortcutRow]:  # noqa: ANN001
    return shortcut_rows(window.shortcut_groups(), keys.declared())


def test_every_key_of_the_window_and_its_pages_is_listed(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    from coachdesk.ui.pages import PAGE_KEYS

    dialog = laptop_window.show_shortcuts()
    qtbot.waitExposed(dialog)
    rows = dialog.shown_rows()  # what the user reads
    dialog.reject()
    for key in PAGE_KEYS:
        laptop_window.page(key)
    assert unlisted(laptop_window, rows) == []
    # the keys that were missing before: the composer's, the one-to-one editor's, Observe's, the preview's
    composer = "Feedback composer"
    for where, action, key in ((composer, "Recognise the chosen strength", "Ctrl+R"),
                               (composer, "Save feedback", "Ctrl+Return"), (composer, "Save feedback", "Ctrl+Enter"),
                               ("One-to-ones", "Record as held", "Ctrl+Return"), ("One-to-ones", "Start the session", "F9"),
                               ("One-to-ones", "Save the one-to-one", "Ctrl+S"),
                               ("Observe", "Start or stop an interaction", "F5"), ("Observe", "End the session", "F8"),
                               ("Print preview", "Last page", "End"),
                               ("Calendar", "Move the chosen item a day earlier or later", "Ctrl+Left")):
        assert any(r.where == where and r.action == action and _native(QKeySequence(key)) in r.keys.split(", ")
                   for r in rows), (where, action, key)
    observe = [r for r in rows if r.where == "Observe"]
    assert any(r.action.startswith("Choose behaviour") and _native(QKeySequence("Alt+9")) in r.keys
               for r in observe), observe
    assert len({r.where for r in rows if r.where == "Observe"}) == 1  # one group per page: declared keys join it


@pytest.mark.parametrize("name", DIALOGS)
def test_every_key_of_every_dialog_is_listed(qtbot, laptop_window, name: str) -> None:  # noqa: ANN001, F811
    rows = _rows(laptop_window)
    dialog = _dialogs()[name](laptop_window.ctx, laptop_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    assert unlisted(dialog, rows) == []


def test_no_qshortcut_is_made_outside_the_kit() -> None:
    made = [f"{path.relative_to(UI)}:{n}" for path in UI.rglob("*.py") if path.name != "keys.py"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bQShortcut\(", line)]
    assert made == [], "bind keys with coachdesk.ui.kit.keys.shortcut so the shortcuts list shows them"


def test_an_unlisted_key_is_caught(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    rows = _rows(laptop_window)
    dialog = QDialog(laptop_window)
    dialog.setObjectName("strayDialog")
    qtbot.addWidget(dialog)
    assert unlisted(dialog, rows) == []
    bare = QShortcut(QKeySequence("Ctrl+Shift+F12"), dialog)
    assert any("made without kit.keys.shortcut" in p for p in unlisted(dialog, rows))
    bare.setParent(None)
    stray = keys.Keys("Nowhere", "Not declared", ("Ctrl+Alt+F11",))  # bound but never declared
    keys.shortcut(dialog, stray, lambda: None)
    assert any("Not declared" in p for p in unlisted(dialog, rows))
    for item in dialog.findChildren(QShortcut):
        item.setParent(None)
    action = QAction("Zoom the chart", dialog)
    action.setShortcut(QKeySequence("Ctrl+Alt+F10"))
    dialog.addAction(action)
    assert any("Zoom the chart" in p for p in unlisted(dialog, rows))
    dialog.removeAction(action)
    action.setParent(None)
    forms.keys_first(dialog, {stray: lambda: None})
    assert any("key filter" in p for p in unlisted(dialog, rows))
    # a declared key of the same place is found, a key bound under another action's name is not
    listed = keys.declare("Feedback composer", "Save feedback", "Ctrl+Return", "Ctrl+Enter")
    other = QDialog(laptop_window)
    qtbot.addWidget(other)
    keys.shortcut(other, listed, lambda: None)
    assert unlisted(other, rows) == []
    keys.shortcut(other, keys.Keys("Feedback composer", "Something else", ("Ctrl+Return",)), lambda: None)
    assert len(unlisted(other, rows)) == 1
