"""After switching page (a click or Enter in the navigation, or Ctrl+number) the keyboard is in the page's main
field, so typing goes there: on Observe into the agent search, or the checklist of a running session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabBar

from coachdesk.ui.pages import PAGE_KEYS

EXPECTED = {"agent": "agentSearch", "people": "peopleSearch", "observe": "observeAgentSearch",
            "one_to_ones": "oneToOneAgent"}


def _click(qtbot, window, key: str) -> None:  # noqa: ANN001
    nav = window.navigation
    rect = nav.visualItemRect(nav.item(PAGE_KEYS.index(key)))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_click_in_the_navigation_puts_the_keyboard_in_the_pages_main_field(qtbot, window) -> None:  # noqa: ANN001
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    for key in PAGE_KEYS:
        _click(qtbot, window, key)
        page = window.pages[key]
        focused = QApplication.focusWidget()
        assert focused is not None and page.isAncestorOf(focused), (key, focused)
        assert not isinstance(focused, QTabBar), key
        if key in EXPECTED:
            assert focused.objectName() == EXPECTED[key], (key, focused.objectName())
        elif key != "today":
            assert not isinstance(focused, QAbstractButton), (key, focused.objectName())


def test_arrow_keys_stay_in_the_navigation_and_enter_goes_into_the_page(qtbot, window) -> None:  # noqa: ANN001
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.navigation.setFocus()
    window.navigation.setCurrentRow(PAGE_KEYS.index("one_to_ones"))
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)  # calendar
    qtbot.keyClick(window.navigation, Qt.Key.Key_Up)  # back to One-to-ones: the list keeps the keyboard
    assert QApplication.focusWidget() is window.navigation and window.current_page_key() == "one_to_ones"
    qtbot.keyClick(window.navigation, Qt.Key.Key_Return)
    assert QApplication.focusWidget().objectName() == "oneToOneAgent"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # People (Ctrl+0)
    assert QApplication.focusWidget().objectName() == "peopleSearch"


def test_on_observe_with_a_session_running_the_keyboard_is_in_the_checklist(qtbot, window, sample) -> None:  # noqa: ANN001
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    observe = window.show_page("observe")
    observe.start_session(sample.agent_uuids["Amelia Brown"])
    _click(qtbot, window, "today")
    _click(qtbot, window, "observe")
    focused = QApplication.focusWidget()
    assert focused is observe.view.checklist or observe.view.checklist.isAncestorOf(focused), focused.objectName()
