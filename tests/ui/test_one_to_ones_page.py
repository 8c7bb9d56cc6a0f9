"""The One-to-ones page by keyboard: sign in, prepare from the agent page, record an expectation-setting session
(a refused save first), acknowledge it, see the lock, and find what is still open in the next session."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachdesk.domain.enums import ItemKind, ItemStatus, OneToOneStatus, OneToOneType, Visibility
from coachdesk.services import common
from coachdesk.services import one_to_ones as oto
from coachdesk.services.common import AppContext, open_store
from coachdesk.ui.kit import words
from tests.ui.naming import unnamed_widgets

ALT, CTRL, NONE = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier


def _key(qtbot, key: Qt.Key, modifier=NONE) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)  # a closed dialog hands it back
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _type(qtbot, text: str) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _new_item(qtbot, kind: str, text: str) -> None:  # noqa: ANN001
    editor = QApplication.focusWidget()
    while editor is not None and editor.objectName() != "oneToOneEditor":
        editor = editor.parentWidget()
    count = len(editor.items.lines)
    _key(qtbot, Qt.Key.Key_N, ALT)  # &New item (a button's mnemonic clicks it a moment later): focus on the kind
    qtbot.waitUntil(lambda: len(editor.items.lines) == count + 1 and QApplication.focusWidget() is editor.items.kind,
                    timeout=2000)
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search in the combo, not the last one's letters
    _type(qtbot, kind)
    _key(qtbot, Qt.Key.Key_Tab)  # Te&xt
    _type(qtbot, text)


def _signed_in(qtbot, window, name: str) -> None:  # noqa: ANN001
    dialog = window.choose_signed_in()
    qtbot.keyClicks(dialog.person, name)
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    assert common.signed_in_person(window.ctx.db).display_name == name


def test_prepare_record_acknowledge_and_carry_forward_by_keyboard(qtbot, window, sample) -> None:  # noqa: ANN001
    _signed_in(qtbot, window, "Laura Bennett")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    amelia = sample.agent_uuids["Amelia Brown"]
    agent_page = window.show_page("agent")
    assert agent_page.open_agent(amelia)
    agent_page.prepare_button.setFocus()
    _key(qtbot, Qt.Key.Key_O, ALT)  # Prepare &one-to-one
    qtbot.waitUntil(lambda: window.current_page_key() == "one_to_ones", timeout=2000)
    page = window.page("one_to_ones")
    assert page.prep.sheet.agent_name == "Amelia Brown" and page.tabs.currentIndex() == 0
    assert "Laura Bennett" in page.who.text()
    assert not unnamed_widgets(page)

    assert QApplication.focusWidget() is page.start_button
    _key(qtbot, Qt.Key.Key_F9)  # start the session
    editor = page.editor
    assert page.tabs.currentIndex() == 1 and editor.record.status is OneToOneStatus.DRAFT
    assert editor.record.leader == "Laura Bennett"  # the signed-in leader is the session's coach
    assert QApplication.focusWidget() is editor.kind
    _key(qtbot, Qt.Key.Key_Up)  # Review -> Expectation-setting
    _new_item(qtbot, "Exp", "Greet every caller by name.")
    _new_item(qtbot, "Mot", "Wants to coach new starters.")
    _new_item(qtbot, "Rew", "Team breakfast when the team reaches 90% FCR.")
    _key(qtbot, Qt.Key.Key_R, ALT)  # &Reward scope
    _type(qtbot, "Team")
    _new_item(qtbot, "Act", "Listen to three calls with Quinn.")
    _new_item(qtbot, "Not", "Going through a house move; check in weekly.")
    _key(qtbot, Qt.Key.Key_C, ALT)  # &Coach-only note
    _key(qtbot, Qt.Key.Key_Space)
    assert editor.items.lines[-1]["visibility"] == Visibility.COACH_ONLY.value
    assert "[Coach-only]" in editor.items.list.item(4).text()
    _key(qtbot, Qt.Key.Key_B, ALT)  # O&bjectives: tick the one there is
    editor.objectives.setCurrentRow(0)
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Y, ALT)  # Summar&y
    _type(qtbot, "Set expectations for the quarter.")

    _key(qtbot, Qt.Key.Key_Return, CTRL)  # record as held: the action has no owner yet
    assert "needs an owner" in editor.error.text() and editor.error.isVisible()
    assert oto.get_session(window.ctx.db, editor.record.uuid).status is OneToOneStatus.DRAFT
    editor.items.list.setCurrentRow(3)
    _key(qtbot, Qt.Key.Key_O, ALT)  # &Owner
    _type(qtbot, "Amelia")
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    record = oto.get_session(window.ctx.db, editor.record.uuid)
    assert record.status is OneToOneStatus.HELD and record.type is OneToOneType.EXPECTATION_SETTING
    assert [i.kind for i in record.items][-5:] == [ItemKind.EXPECTATION, ItemKind.MOTIVATOR, ItemKind.REWARD,
                                                   ItemKind.ACTION, ItemKind.NOTE]
    assert record.items[-3].reward_scope.value == "team" and record.objectives[0].action == "discussed"
    assert next(i for i in record.items if i.kind is ItemKind.ACTION).owner == "Amelia Brown"

    _key(qtbot, Qt.Key.Key_W, ALT)  # Ackno&wledge…
    qtbot.waitUntil(lambda: editor.findChild(object, "oneToOneAckDialog") is not None, timeout=2000)
    dialog = editor.findChild(object, "oneToOneAckDialog")
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    qtbot.keyClicks(dialog.name, "Amelia Brown")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert editor.record.locked and editor.banner.isVisible() and "Locked" in editor.banner.text()
    assert not editor.save_button.isEnabled() and editor.summary.isReadOnly() and editor.amend_button.isVisible()
    assert not editor.items.text.isEnabled()
    editor.grab().save(str(window.ctx.paths.data_dir / "locked.png"))
    amend = editor.amend()  # a change to the locked record: refused without a reason, then kept with it
    amend.value.setText("Set expectations for the first quarter.")
    amend.accept()
    assert "reason" in amend.error.text() and editor.record.summary == "Set expectations for the quarter."
    amend.reason.setText("Named the quarter")
    amend.accept()
    assert editor.record.summary == "Set expectations for the first quarter." and editor.record.locked
    assert "Named the quarter" in editor.amendments.text() and "Laura Bennett" in editor.amendments.text()
    amend = editor.amend()  # a day is shown and typed as every screen writes it
    amend.target.setCurrentIndex(amend.target.findText("Next one-to-one"))
    assert amend.value.text() == words.date_text(editor.record.next_date)
    amend.reason.setText("Moved to suit the agent's shift")
    amend.value.setText("31/31/2026")
    amend.accept()
    assert "'31/31/2026' is not a date; write it as" in amend.error.text() and amend.isVisible()
    moved = (editor.record.next_date or date.today()) + timedelta(days=10)
    amend.value.setText(words.date_text(moved))
    amend.accept()
    assert oto.get_session(window.ctx.db, editor.record.uuid).next_date == moved

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page.agent.setFocus()
    _key(qtbot, Qt.Key.Key_F9)  # the next one-to-one starts with what is still open
    nxt = editor.record
    assert nxt.uuid != record.uuid and nxt.previous_uuid == record.uuid
    carried = [i for i in nxt.items if i.carried_from_uuid]
    assert [(i.text, i.status) for i in carried] == [("Listen to three calls with Quinn.", ItemStatus.OPEN)]


def test_typed_record_is_kept_as_a_draft_and_put_back(qtbot, window, sample, ctx) -> None:  # noqa: ANN001
    page = window.show_page("one_to_ones")
    assert page.open_agent(sample.agent_uuids["Farah Khan"])
    assert page.start_session()
    editor = page.editor
    editor.summary.setFocus()
    qtbot.keyClicks(editor.summary, "Half a thought about")
    qtbot.waitUntil(lambda: (oto.editor_draft(window.ctx.db, editor.record.uuid) or {}).get("summary")
                    == "Half a thought about", timeout=3000)
    # a second connection, as after a restart: the typed text comes back on top of the saved record
    other = AppContext(open_store(ctx.location).db, ctx.paths, ctx.location)
    from coachdesk.ui.pages.one_to_ones_page import OneToOnesPage

    again = OneToOnesPage(other)
    qtbot.addWidget(again)
    again.open_agent(sample.agent_uuids["Farah Khan"])
    again.start_session()
    assert again.editor.summary.toPlainText() == "Half a thought about"
    assert "put back" in again.editor.draft_label.text()
    other.db.dispose()


def test_today_lists_the_signed_in_leaders_team_and_enter_prepares(qtbot, window, sample) -> None:  # noqa: ANN001
    today = window.show_page("today")
    panel = today.one_to_ones
    assert "Nobody is signed in" in panel.scope.text()
    assert panel.due.count() == 8  # everyone, none has had a one-to-one yet
    common.sign_in_as(window.ctx.db, sample.leader_uuids["Laura Bennett"])
    today.refresh()
    assert "Laura Bennett" in panel.scope.text()
    names = [panel.due.item(n).text().split(" — ")[0] for n in range(panel.due.count())]
    assert set(names) == {"Amelia Brown", "Chloé Martin", "Élodie Garnier", "George Ellis"}  # Billing only
    assert all("no one-to-one yet" in panel.due.item(n).text() for n in range(panel.due.count()))
    panel.due.setCurrentRow(0)
    panel.due.itemActivated.emit(panel.due.item(0))
    assert window.current_page_key() == "one_to_ones"
    assert window.page("one_to_ones").prep.sheet.agent_name == names[0]

    team = window.show_page("team")
    team.table.selectRow(next(r for r in range(team.proxy.rowCount())
                              if team.proxy.index(r, 0).data() == "Billing"))
    assert "Not had a one-to-one within their rhythm in Billing" in team.one_to_one_gaps.text()
    assert "Amelia Brown (never)" in team.one_to_one_gaps.text()
