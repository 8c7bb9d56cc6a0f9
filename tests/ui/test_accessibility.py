"""Every page (with demo data) and every dialog, as a screen reader gets it through Qt's accessibility interface
(what AT-SPI hands to Orca): each interactive object has a role and a name holding its visible words, drop-downs
have a label relation, the quick switcher is in the tree, and closed dialogs do not stay in it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from coachdesk.ui.pages import PAGE_KEYS
from tests.ui.a11y_checks import has_label_relation, problems, words
from tests.ui.fit_checks import settle
from tests.ui.test_fit import DIALOGS, _agent_uuid, _dialogs, demo_ctx, demo_db, laptop_window  # noqa: F401


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_names_its_interactive_objects(laptop_window, key: str) -> None:  # noqa: ANN001, F811
    laptop_window.show_page(key)
    settle()
    assert not problems(laptop_window), "\n".join(problems(laptop_window))


def test_an_agent_their_one_to_one_and_an_observation_are_named(laptop_window) -> None:  # noqa: ANN001, F811
    uuid = _agent_uuid(laptop_window.ctx)
    assert laptop_window.open_agent(uuid)
    settle()
    found = problems(laptop_window)
    assert laptop_window.prepare_one_to_one(uuid)
    settle()
    found += problems(laptop_window)
    page = laptop_window.show_page("observe")
    page.start_session(uuid)
    page.toggle_interaction()
    settle()
    found += problems(laptop_window)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_names_its_interactive_objects(qtbot, laptop_window, name: str) -> None:  # noqa: ANN001, F811
    dialog = _dialogs()[name](laptop_window.ctx, laptop_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    assert not problems(dialog), "\n".join(problems(dialog))


@pytest.mark.parametrize(("page", "attribute", "combo"), [
    ("team", "objectives", "teamObjectivesTeam"), ("goals", None, "goalsTeamFilter"),
    ("observe", None, "observeChannel")])
def test_the_four_drop_downs_have_a_label(laptop_window, page: str, attribute, combo: str) -> None:  # noqa: ANN001, F811
    shown = laptop_window.show_page(page)
    if page == "observe":
        shown.start_session(_agent_uuid(laptop_window.ctx))
    widget = laptop_window.findChild(QComboBox, combo)
    assert widget is not None and has_label_relation(widget)
    assert any(label.buddy() is widget and label.text() for label in laptop_window.findChildren(QLabel))


def test_the_trend_behaviour_drop_down_has_a_label(laptop_window) -> None:  # noqa: ANN001, F811
    assert laptop_window.open_agent(_agent_uuid(laptop_window.ctx))
    settle()
    widget = laptop_window.findChild(QComboBox, "trendBehaviourBy")
    assert widget is not None and has_label_relation(widget)


def _in_application_tree(widget: QWidget) -> bool:
    root = QAccessible.queryAccessibleInterface(QApplication.instance())
    return any(root.child(i) is not None and root.child(i).object() is widget for i in range(root.childCount()))


def test_the_quick_switcher_is_in_the_accessibility_tree(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    switcher = laptop_window.open_quick_switcher()
    qtbot.waitExposed(switcher)
    assert _in_application_tree(switcher)
    assert _in_application_tree(laptop_window)
    face = QAccessible.queryAccessibleInterface(switcher)
    assert face.role() == QAccessible.Role.Dialog and face.text(QAccessible.Text.Name) == "Quick switcher"
    assert not problems(switcher), "\n".join(problems(switcher))


def test_a_closed_dialog_leaves_the_tree(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    dialogs = []
    for _ in range(3):
        dialog = laptop_window.choose_signed_in()
        qtbot.waitExposed(dialog)
        dialogs.append(dialog)
        dialog.reject()
        settle()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert laptop_window.findChildren(QDialog) == []
    assert not any(_in_application_tree(d) for d in laptop_window.findChildren(QDialog))


def test_the_checks_find_an_unnamed_button_and_an_unlabelled_drop_down(qtbot) -> None:  # noqa: ANN001
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    good = QPushButton("&Start session (Enter)", root)
    renamed = QPushButton("Prepare", root)
    renamed.setAccessibleName("Open")
    empty = QPushButton("", root)
    combo = QComboBox(root)
    combo.addItem("Billing")
    named_combo = QComboBox(root)
    named_combo.addItem("Week")
    named_combo.setAccessibleName("Week or month")  # Qt still names it by its value: only a label helps
    for widget in (good, renamed, empty, combo, named_combo):
        layout.addWidget(widget)
    root.show()
    settle()
    found = "\n".join(problems(root))
    assert "'Prepare'" in found and "no name" in found and "no label relation" in found
    assert "Start session" not in found and "'Week'" in found
    assert words("&Start session (Enter)…") == "start session"
    label = QLabel("Team:", root)
    label.setBuddy(combo)
    QLabel("View:", root).setBuddy(named_combo)
    renamed.setAccessibleName("Prepare the one-to-one")
    empty.setText("Go")
    assert problems(root) == []


def test_return_in_the_framework_name_field_saves_nothing(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    from sqlalchemy import func, select

    from coachdesk.storage.models import BehaviourFramework
    from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog

    def frameworks() -> int:
        with laptop_window.ctx.db.session() as s:
            return s.scalar(select(func.count()).select_from(BehaviourFramework))

    before = frameworks()
    dialog = FrameworkDialog(laptop_window.ctx, laptop_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.name.setFocus()
    qtbot.waitUntil(dialog.name.hasFocus)
    dialog.name.setText(dialog.name.text() + " (edited)")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0 and frameworks() == before
    dialog.save_button.setFocus()
    qtbot.waitUntil(dialog.save_button.hasFocus)
    assert not dialog.save_button.autoDefault()
