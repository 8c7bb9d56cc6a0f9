"""Keys in the dialogs do what they say (#16 item 3): Ctrl+Enter in the feedback composer always saves, whatever
has the focus; a new one-to-one item is an Action; a new objective under a team goal suggests the goal's team and
KPI, finds a person by typing, and keeps its fields where they are while explanations come and go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from coachdesk.domain.enums import GoalLevel
from coachdesk.services import feedback as fb
from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog
from tests.ui.test_observe_feedback import ended  # noqa: F401 - the fixture: an observation with a strength noted

CTRL = Qt.KeyboardModifier.ControlModifier


def _preview(dialog):  # noqa: ANN001, ANN202
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == "previewDialog"
                 and w.isVisible()), None)


def _active(qtbot, dialog) -> None:  # noqa: ANN001
    if dialog.parentWidget() is None:
        qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=1000)


@pytest.mark.parametrize(("key", "keypad"), [(Qt.Key.Key_Return, False), (Qt.Key.Key_Enter, False),
                                             (Qt.Key.Key_Enter, True)])
def test_ctrl_enter_saves_the_feedback_even_with_the_print_button_focused(
        qtbot, ctx, ended, key, keypad) -> None:  # noqa: F811 - ended: the fixture
    window = QWidget()  # the app has other Ctrl+Enter shortcuts (recording a one-to-one): the composer's must win
    qtbot.addWidget(window)
    elsewhere = QAction("Record", window)
    elsewhere.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    elsewhere.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    recorded: list[bool] = []
    elsewhere.triggered.connect(lambda: recorded.append(True))
    window.addAction(elsewhere)
    dialog = FeedbackDialog(ctx, ended.uuid, window)
    _active(qtbot, dialog)
    qtbot.keyClick(dialog.went_well, Qt.Key.Key_R, CTRL)  # recognise the strength: the print button appears
    assert dialog.certificate_button.isVisible()
    dialog.certificate_button.setFocus()
    qtbot.keyClick(dialog.certificate_button, Qt.Key.Key_Space)  # printed once, on purpose
    preview = qtbot.waitUntil(lambda: _preview(dialog) is not None, timeout=5000) or _preview(dialog)
    preview.close()
    _active(qtbot, dialog)
    printed: list[bool] = []
    dialog.certificate_button.clicked.connect(lambda: printed.append(True))
    dialog.certificate_button.setFocus()
    assert dialog.certificate_button.hasFocus()
    qtbot.keyClick(dialog.certificate_button, key, CTRL | (Qt.KeyboardModifier.KeypadModifier if keypad
                                                           else Qt.KeyboardModifier.NoModifier))
    assert not printed, "Ctrl+Enter printed the certificate again"
    assert not recorded
    assert not dialog.isVisible() and fb.feedback_for_session(ctx.db, ended.uuid) is not None
    qtbot.keyClick(dialog.certificate_button, Qt.Key.Key_Space)  # the button itself still prints when pressed


def test_a_new_one_to_one_item_is_an_action_whatever_the_last_one_was(qtbot, window, sample) -> None:
    from tests.ui.test_one_to_ones_page import ALT, _key, _new_item

    page = window.show_page("one_to_ones")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    assert page.open_agent(sample.agent_uuids["Amelia Brown"])
    assert page.start_session()
    items = page.editor.items
    items.add_button.setFocus()
    _new_item(qtbot, "Rew", "Team breakfast at 90% FCR.")  # a reward: the kind chosen for that item only
    assert items.lines[-1]["kind"] == "reward"
    _key(qtbot, Qt.Key.Key_N, ALT)  # &New item
    qtbot.waitUntil(lambda: items.lines[-1]["text"] == "", timeout=2000)
    assert items.lines[-1]["kind"] == "action" and items.kind.currentData() == "action"
    assert items.lines[-1]["status"] == "open"  # an action is carried until it is done
    assert items.lines[-2]["kind"] == "reward"


def test_a_new_objective_under_a_team_goal_suggests_its_team_and_kpi_and_the_form_stays_put(qtbot, window,
                                                                                            sample) -> None:
    from coachdesk.services import goals as goals_api
    from coachdesk.services import people as people_api

    ctx = window.ctx
    kpis = [m.code for m in goals_api.measure_choices(ctx.db) if m.kind.value == "kpi"]
    retention = next(t for t in people_api.list_teams(ctx.db) if t.name == "Retention")
    members = {p.uuid for p in people_api.list_people(ctx.db, team_uuid=retention.uuid)}
    goal = goals_api.create_goal(ctx.db, goals_api.GoalInput(GoalLevel.TEAM, "Retention: keep customers",
                                                             team_uuid=retention.uuid, kpi_code=kpis[-1]))
    page = window.show_page("goals")
    dialog = page.new_objective(goal.uuid)
    qtbot.waitUntil(dialog.person.isEnabled, timeout=2000)
    assert dialog.person_uuid() in members  # not the first name of the whole organisation (Billing's Amelia)
    assert dialog.fields.current_measure().code == kpis[-1] != kpis[0]
    assert dialog.fields.goal.currentData() == goal.uuid
    # the person is found by typing part of the name (a 500-name list is not scrolled)
    assert dialog.person.isEditable() and dialog.person.completer() is not None
    dialog.person.setFocus()
    dialog.person.lineEdit().selectAll()
    qtbot.keyClicks(dialog.person, "hann")
    popup = dialog.person.completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.person_uuid() == sample.agent_uuids["Hannah Schmidt"]
    # explanations appear under the levels and beside the weight: nothing moves
    f = dialog.fields
    qtbot.wait(50)
    weight_at = f.weight.mapTo(dialog, f.weight.rect().center())
    baseline_y = dialog.baseline.mapTo(dialog, dialog.baseline.rect().topLeft()).y()
    for key, text in (("commit", "lots"), ("target", "5:50"), ("stretch", "three")):
        f.level_edits[key].setFocus()
        qtbot.keyClicks(f.level_edits[key], text)
    f.weight.setFocus()
    qtbot.keyClicks(f.weight, "150")
    qtbot.wait(50)
    assert f.levels_note.text().count("\n") >= 1 and f.weight_note.text()
    assert f.weight.mapTo(dialog, f.weight.rect().center()) == weight_at
    assert dialog.childAt(weight_at) is f.weight  # a click meant for Weight lands in Weight
    assert dialog.baseline.mapTo(dialog, dialog.baseline.rect().topLeft()).y() == baseline_y


def test_a_team_goal_whose_team_has_no_agents_suggests_nobody(window, sample) -> None:
    from coachdesk.services import goals as goals_api
    from coachdesk.services import people as people_api

    ctx = window.ctx
    empty = people_api.create_team(ctx.db, people_api.TeamInput(name="Quality"))
    goal = goals_api.create_goal(ctx.db, goals_api.GoalInput(GoalLevel.TEAM, "Quality: calibrate monthly",
                                                             team_uuid=empty.uuid))
    dialog = window.show_page("goals").new_objective(goal.uuid)
    assert dialog.person.count() > 0 and dialog.person_uuid() is None  # not the first name of another team
    dialog.fields.statement.setPlainText("Calibrate with the team every month")
    dialog.accept()
    assert dialog.isVisible() and "Person: choose someone" in dialog.banner.text()
    assert dialog.focusWidget() in (dialog.person, dialog.person.lineEdit())  # the cursor where the choice is
