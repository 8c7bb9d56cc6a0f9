"""The Ctrl+K quick switcher: opens, filters people and pages as one types, Enter opens, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from coachdesk.ui.pages import PAGES


def _open_with_keyboard(qtbot, window):  # noqa: ANN001, ANN202
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    switcher = window.switcher
    assert switcher is not None and switcher.isVisible()
    return switcher


def _type(qtbot, switcher, text: str) -> None:  # noqa: ANN001
    """Type, then wait for the pause in typing after which the switcher searches."""
    qtbot.keyClicks(switcher.search, text)
    assert switcher.search_pause.isActive()  # not searched on every key
    qtbot.waitUntil(lambda: not switcher.search_pause.isActive(), timeout=3000)


def test_ctrl_k_type_and_enter_opens_agent(qtbot, window) -> None:
    switcher = _open_with_keyboard(qtbot, window)
    _type(qtbot, switcher, "schmidt")
    assert switcher.results.count() == 1
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)
    assert not switcher.isVisible()
    assert window.current_page_key() == "agent"
    assert window.page("agent").shown_name() == "Hannah Schmidt"


def test_arrows_choose_among_matches(qtbot, window) -> None:
    switcher = _open_with_keyboard(qtbot, window)
    _type(qtbot, switcher, "an")
    assert switcher.results.count() >= 3
    first = switcher.results.currentItem().text()
    qtbot.keyClick(switcher.search, Qt.Key.Key_Down)
    chosen = switcher.results.currentItem().text()
    assert chosen != first
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)
    assert chosen.startswith(window.page("agent").shown_name())


def test_pages_are_listed_and_open(qtbot, window) -> None:
    switcher = _open_with_keyboard(qtbot, window)
    listed = [switcher.results.item(row).text() for row in range(switcher.results.count())]
    assert len(listed) == len(PAGES) == 10  # every page (Calendar included) before anything is typed
    _type(qtbot, switcher, "repo")
    assert switcher.results.currentItem().text().startswith("Reports")
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)
    assert window.current_page_key() == "reports"


def test_escape_closes(qtbot, window) -> None:
    switcher = _open_with_keyboard(qtbot, window)
    qtbot.keyClick(switcher.search, Qt.Key.Key_Escape)
    assert not switcher.isVisible()
    assert window.current_page_key() == "today"


def test_typing_waits_for_a_pause_and_enter_does_not(qtbot, window) -> None:
    switcher = _open_with_keyboard(qtbot, window)
    pages = [switcher.results.item(row).text() for row in range(switcher.results.count())]
    qtbot.keyClicks(switcher.search, "schmi")
    assert [switcher.results.item(row).text() for row in range(switcher.results.count())] == pages  # no query yet
    assert switcher.search_pause.isActive() and switcher.search_pause.interval() >= 150
    qtbot.keyClicks(switcher.search, "dt")
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)  # at once, on what is typed: no waiting for the pause
    assert not switcher.isVisible() and not switcher.search_pause.isActive()
    assert window.current_page_key() == "agent"
    assert window.page("agent").shown_name() == "Hannah Schmidt"


def test_enter_before_the_people_arrive_opens_the_first_match(qtbot, window) -> None:
    from coachdesk.ui import tasks

    switcher = _open_with_keyboard(qtbot, window)
    tasks.set_synchronous(False)
    try:
        qtbot.keyClicks(switcher.search, "schmidt")
        qtbot.keyClick(switcher.search, Qt.Key.Key_Return)  # the people are searched on a worker: not here yet
        assert switcher.isVisible() and switcher.activate_when_found
        qtbot.waitUntil(lambda: not switcher.isVisible(), timeout=10_000)
        assert window.current_page_key() == "agent"
        qtbot.waitUntil(lambda: window.page("agent").shown_name() == "Hannah Schmidt", timeout=10_000)
    finally:
        tasks.set_synchronous(True)
        tasks.wait_for_all(10_000)
    assert not switcher.activate_when_found
