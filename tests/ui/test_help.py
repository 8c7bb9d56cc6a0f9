"""Help › Keyboard shortcuts (read from the actions, so a new action with keys shows up by itself) and Help ›
Getting started (the coaching cycle, a button to each step's page)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

from coachdesk.ui.dialogs.help_dialogs import ShortcutRow, cycle_steps
from coachdesk.ui.kit import forms
from tests.ui.fit_checks import settle
from tests.ui.test_fit import demo_ctx, demo_db, laptop_window  # noqa: F401 - the demo window's fixtures


def _keys(text: str) -> str:
    return QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_shortcuts_list_comes_from_the_actions(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    assert "people" not in laptop_window.pages  # a page not opened yet is listed too
    dialog = laptop_window.show_shortcuts()
    qtbot.waitExposed(dialog)
    rows = dialog.shown_rows()
    assert ShortcutRow("Everywhere", "Quick switcher", _keys("Ctrl+K")) in rows
    assert ShortcutRow("Everywhere", "Keyboard shortcuts", _keys("Ctrl+/")) in rows
    assert ShortcutRow("Everywhere", "Today", _keys("Ctrl+1")) in rows
    people = [r for r in rows if r.where == "People"]
    assert any(r.action == "Deactivate" and _keys("Ctrl+Shift+D") in r.keys and _keys("Del") in r.keys
               for r in people), people
    assert ShortcutRow("Goals", "Archive the selected goal", _keys("Del")) in rows  # the tree's keys too
    assert all(r.keys for r in rows)
    assert not any(r.action == "Backup and restore" for r in rows)  # no shortcut: not listed
    dialog.filter.setText("switcher")
    assert [r.action for r in dialog.shown_rows()] == ["Quick switcher"]
    dialog.reject()


def test_a_new_action_with_a_shortcut_shows_up(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    goals = laptop_window.show_page("goals")
    forms.action(goals, "Duplicate the goal", "actionTestDuplicate", lambda: None, "Ctrl+Shift+U", local=True)
    forms.action(goals, "No keys at all", "actionTestNoKeys", lambda: None)
    dialog = laptop_window.show_shortcuts()
    rows = dialog.shown_rows()
    assert ShortcutRow("Goals", "Duplicate the goal", _keys("Ctrl+Shift+U")) in rows
    assert not any(r.action == "No keys at all" for r in rows)
    window_action = QAction("Zoom in", laptop_window)
    window_action.setShortcut(QKeySequence("Ctrl+Alt+Z"))
    laptop_window.addAction(window_action)
    assert ShortcutRow("Everywhere", "Zoom in", _keys("Ctrl+Alt+Z")) in laptop_window.show_shortcuts().shown_rows()


def test_getting_started_walks_the_cycle_and_goes_to_each_page(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    steps = cycle_steps()
    assert [s.page for s in steps] == ["goals", "one_to_ones", "agent", "observe", "team"]
    titles = " ".join(s.title for s in steps).lower()
    for words in ("define objectives", "set expectations", "coach to behaviours", "observe", "feedback",
                  "recognise", "adjust"):
        assert words in titles
    for step in steps:
        dialog = laptop_window.show_getting_started()
        qtbot.waitExposed(dialog)
        button = dialog.findChild(QPushButton, f"gettingStartedGo_{step.page}")
        assert button is not None and forms.plain(step.button) in button.accessibleName()
        button.click()
        settle()
        assert laptop_window.current_page_key() == step.page
        assert not dialog.isVisible()


def test_the_help_menu_opens_both(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    menu = next(a.menu() for a in laptop_window.menuBar().actions() if a.text() == "&Help")
    names = [a.objectName() for a in menu.actions()]
    assert names[:2] == ["actionGettingStarted", "actionShortcuts"]
    menu.actions()[1].trigger()
    assert laptop_window.help_dialog.objectName() == "shortcutsDialog"
    menu.actions()[0].trigger()
    assert laptop_window.help_dialog.objectName() == "gettingStartedDialog"


def test_the_help_windows_are_named_for_screen_readers(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    from tests.ui.a11y_checks import problems

    for dialog in (laptop_window.show_shortcuts(), laptop_window.show_getting_started()):
        qtbot.waitExposed(dialog)
        settle()
        assert not problems(dialog), "\n".join(problems(dialog))
        dialog.reject()
