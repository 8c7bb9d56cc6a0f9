"""The main window: opens on Today, switches pages by keyboard, remembers its geometry, names its widgets."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QSplitter,
    QWidget,
)

from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.pages import PAGE_KEYS
from coachdesk.ui.settings import SETTINGS_FILE

INTERACTIVE = (QAbstractButton, QAbstractItemView, QLineEdit, QAbstractSpinBox, QComboBox)


def test_window_opens_on_today_with_database_in_status_bar(qtbot, window, ctx) -> None:
    assert window.isVisible()
    assert window.current_page_key() == "today"
    assert window.findChild(object, "todayPage") is not None
    assert str(ctx.db.sqlite_path) in window.location_label.text()
    assert window.navigation.count() == len(PAGE_KEYS) == 10
    today = window.page("today")
    qtbot.waitUntil(lambda: today.cards["agents"].value_text() == "8", timeout=2000)
    assert today.cards["teams"].value_text() == "2"
    assert today.cards["leaders"].value_text() == "2"
    assert today.cards["people"].value_text() == "10"
    assert not today.demo_button.isVisibleTo(today)


def test_ctrl_number_switches_pages(qtbot, window) -> None:
    window.activateWindow()
    for number, key in enumerate(PAGE_KEYS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number % 10), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page_key() == key
        assert window.navigation.currentRow() == number - 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "today"


def test_navigation_list_switches_pages(window) -> None:
    window.navigation.setCurrentRow(PAGE_KEYS.index("team"))
    assert window.current_page_key() == "team"
    team = window.page("team")
    assert team.model.rowCount() == 2
    assert team.model.total_members() == 8


def test_menus_show_shortcuts(window) -> None:
    assert window.page_actions["agent"].shortcut().toString() == "Ctrl+3"
    names = {a.objectName(): a for a in window.actions()}
    assert names["actionQuickSwitcher"].shortcut().toString() == "Ctrl+K"
    assert names["actionQuit"].shortcut().toString() == "Ctrl+Q"
    assert "Ctrl+K" in names["actionQuickSwitcher"].toolTip()
    menus = [m.title().replace("&", "") for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))]
    assert {"File", "View", "Help"} <= set(menus)


def _unnamed(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} under {w.parent().objectName()}" for w in root.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and w.isVisibleTo(root) and not isinstance(w.parent(), (QLineEdit, QAbstractSpinBox))
            and not (w.objectName() and w.accessibleName())]


def test_every_interactive_widget_is_named(window) -> None:
    for key in PAGE_KEYS:
        window.show_page(key)
        assert _unnamed(window.page(key)) == [], key
    assert window.navigation.objectName() and window.navigation.accessibleName()
    switcher = window.open_quick_switcher()
    assert _unnamed(switcher) == []
    switcher.reject()
    dialog = window.offer_demo_data()
    assert _unnamed(dialog) == []
    dialog.reject()


def test_geometry_and_splitters_are_saved_and_restored(qtbot, ctx) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(20, 30, 700, 500))
    first.splitter.setSizes([230, 470])
    agent = first.show_page("agent")
    agent.splitter.setSizes([300, 300])
    saved_agent_sizes = agent.splitter.sizes()
    first.close()
    assert (ctx.paths.data_dir / SETTINGS_FILE).is_file()

    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == first.size()
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0]
    restored = second.show_page("agent").findChild(QSplitter, "agentSplitter")
    assert restored.sizes()[0] == saved_agent_sizes[0]


def test_window_without_remember_saves_nothing(qtbot, ctx) -> None:
    win = MainWindow(ctx, remember=False)
    qtbot.addWidget(win)
    win.show()
    win.close()
    assert not (ctx.paths.data_dir / SETTINGS_FILE).exists()


def test_broken_page_becomes_an_error_page(qtbot, ctx, monkeypatch) -> None:
    from coachdesk.ui.pages import goals_page

    def boom(*_args, **_kwargs) -> None:
        raise RuntimeError("goals exploded")

    monkeypatch.setattr(goals_page.GoalsPage, "__init__", boom)
    win = MainWindow(ctx, remember=False)
    qtbot.addWidget(win)
    page = win.show_page("goals")
    assert win.current_page_key() == "goals"
    assert "goals exploded" in str(win.page_errors["goals"])
    assert page.objectName() == "goalsErrorPage"
    win.show_page("today")  # the rest still works
    assert win.current_page_key() == "today"


def test_about_box_names_version_and_licence(window) -> None:
    from coachdesk import __version__

    box = window.show_about()
    assert __version__ in box.text()
    assert "MIT" in box.text()
    assert "PySide6" in box.text()
    box.close()


def test_the_last_placeholder_is_gone(window) -> None:
    import coachdesk.ui.widgets.page as building_blocks

    page = window.show_page("reports")  # issue #8 replaced the last placeholder page
    assert not hasattr(building_blocks, "PlaceholderPage")  # and issue #15 removed the class itself
    assert page.objectName() == "reportsPage"


def test_tab_goes_from_navigation_into_the_page(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.show_page("agent")
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    assert window.focusWidget().objectName() == "agentSearch"


def test_ctrl_f_focuses_the_agent_search(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "agent"
    assert window.focusWidget().objectName() == "agentSearch"


def test_objects_made_at_start_are_frozen_out_of_the_collectors_passes(qtbot, ctx) -> None:
    import gc

    gc.unfreeze()  # another test's window may have frozen them already
    assert gc.get_freeze_count() == 0
    window = MainWindow(ctx, remember=False, defer_first_page=True)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 10_000, timeout=20000)
