"""The Observe page from the keyboard only: a whole session, the keystroke budget, refused keys, notes of any
characters, the autosaved draft, an empty session, resuming, and names for every control."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)

from coachdesk.domain.enums import Channel, NoteKind, SessionStatus
from coachdesk.services import observation as obs
from coachdesk.ui.pages.observe_page import DRAFT_DELAY_MS, ObservePage

ALT, NONE = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.NoModifier


class Keys:
    """Presses keys on whatever has the focus, like a person at the keyboard, and counts them."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot, self.count = qtbot, 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
        self.count += 1
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)

    def type(self, text: str) -> None:  # text is not counted: the budget is "beyond the note text"
        self.qtbot.keyClicks(QApplication.focusWidget(), text)


def open_observe(qtbot, window) -> ObservePage:  # noqa: ANN001
    window.activateWindow()
    qtbot.keyClick(window.navigation, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Ctrl+5: Observe
    page = window.pages["observe"]
    assert window.stack.currentWidget() is page
    return page


def start_for(qtbot, page: ObservePage, name: str) -> None:  # noqa: ANN001
    page.start.search.setFocus()
    qtbot.keyClicks(page.start.search, name)
    qtbot.keyClick(page.start.search, Qt.Key.Key_Return)
    assert page.session_uuid() is not None


def focus_name() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget else ""


def test_a_whole_session_from_the_keyboard(qtbot, window, ctx, sample) -> None:
    page = open_observe(qtbot, window)
    keys = Keys(qtbot)
    keys.type("amel")
    assert page.start.search_pause.isActive()  # the search waits for a pause in typing, then lists
    qtbot.waitUntil(lambda: page.start.agents.count() == 1, timeout=3000)
    assert not page.start.search_pause.isActive()
    keys.press(Qt.Key.Key_Tab)  # to the mode: remote listening, then Enter starts from there
    assert focus_name() == "observeMode"
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Tab)
    assert focus_name() == "observeAnnounced"
    keys.press(Qt.Key.Key_Space)  # unannounced
    keys.press(Qt.Key.Key_Return)
    state = obs.load_session(ctx.db, page.session_uuid())
    assert state.agent_name == "Amelia Brown" and state.mode.value == "remote_listening" and not state.announced
    assert focus_name() == "observeChecklist"

    keys.press(Qt.Key.Key_F5)  # a call starts
    keys.press(Qt.Key.Key_F7)
    keys.type("CALL-1")
    keys.press(Qt.Key.Key_Return)
    assert focus_name() == "observeChecklist"
    keys.press(Qt.Key.Key_3, ALT)  # tone of voice
    keys.press(Qt.Key.Key_4)  # excellent
    keys.type("Warm and calm with an upset customer")
    keys.press(Qt.Key.Key_F2)  # a strength
    keys.press(Qt.Key.Key_F6)  # linked to the agent's objective
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Down)  # empathy
    keys.press(Qt.Key.Key_2)
    keys.press(Qt.Key.Key_Escape)  # no note this time
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)  # compliance
    keys.press(Qt.Key.Key_M)
    keys.press(Qt.Key.Key_Escape)
    keys.press(Qt.Key.Key_F5)  # the call ends
    keys.press(Qt.Key.Key_F5)  # the next one
    keys.press(Qt.Key.Key_1, ALT)
    keys.press(Qt.Key.Key_1)
    keys.type("Talked over the customer twice")
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_0, ALT)  # a general note
    keys.press(Qt.Key.Key_Return)
    keys.type("Long hold while searching the knowledge base")
    keys.press(Qt.Key.Key_Return)

    state = obs.load_session(ctx.db, page.session_uuid())
    first, second = state.interactions
    assert (first.reference, first.channel, first.ended_at is not None) == ("CALL-1", Channel.VOICE, True)
    assert second.ended_at is None
    names = {b.id: b.code for b in state.framework.behaviours}
    rated = sorted((names[r.behaviour_id], r.label, r.interaction_uuid == first.uuid) for r in state.ratings)
    assert rated == [("COMPLIANCE", "Met", True), ("EMPATHY", "Developing", True), ("LISTEN", "Not yet", False),
                     ("TONE", "Excellent", True)]
    strength, opportunity, general = state.notes
    assert (strength.text, strength.kind, names[strength.behaviour_id]) == (
        "Warm and calm with an upset customer", NoteKind.STRENGTH, "TONE")
    assert strength.objective_uuid == state.objectives[0].uuid and strength.interaction_uuid == first.uuid
    assert (opportunity.kind, names[opportunity.behaviour_id], opportunity.interaction_uuid) == (
        NoteKind.OPPORTUNITY, "LISTEN", second.uuid)
    assert (general.kind, general.behaviour_id, general.objective_uuid) == (NoteKind.GENERAL, None, None)
    assert state.draft is None
    assert any("CALL-1" in line for line in page.view.log.lines())


def test_one_rated_behaviour_with_a_note_takes_three_keys_beyond_the_text(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "chlo")
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_4, ALT)  # 1: choose empathy
    keys.press(Qt.Key.Key_3)  # 2: rate it "Good"; the note line takes the focus
    keys.type("Acknowledged the late delivery before anything else")
    keys.press(Qt.Key.Key_Return)  # 3: stamp
    assert keys.count == 3
    state = obs.load_session(ctx.db, page.session_uuid())
    [rating], [note] = state.ratings, state.notes
    assert rating.label == "Good" and note.behaviour_id == rating.behaviour_id
    assert note.text == "Acknowledged the late delivery before anything else"
    assert focus_name() == "observeChecklist"  # ready for the next one


def test_a_key_outside_the_scale_is_refused_on_screen(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "farah")
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_8, ALT)  # compliance: m / p / n / 0
    keys.press(Qt.Key.Key_3)
    assert "'3' is not on the Met / partly / not met scale" in page.view.status.text()
    assert focus_name() == "observeChecklist"
    keys.press(Qt.Key.Key_0, NONE)
    assert obs.load_session(ctx.db, page.session_uuid()).ratings[0].label == "Not applicable"
    keys.press(Qt.Key.Key_Escape)
    keys.press(Qt.Key.Key_Delete)  # clears it
    assert obs.load_session(ctx.db, page.session_uuid()).ratings == ()
    keys.press(Qt.Key.Key_9, ALT)
    assert "no behaviour 9" in page.view.status.text()
    keys.press(Qt.Key.Key_0, ALT)
    keys.press(Qt.Key.Key_2)  # the general row has no scale
    assert "Choose a behaviour" in page.view.status.text()


def type_unicode(widget, text: str) -> None:  # noqa: ANN001
    """What a keyboard layout or input method delivers: key events carrying any text (QTest is ASCII only)."""
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, NONE, char))


def test_notes_of_any_characters_are_stored_as_typed(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "daniel")
    text = "<i>Merci</i> 👍🏽 — قال العميل «شكراً» & 'ok' {0} %s"
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_Return)
    type_unicode(page.view.note, text)
    qtbot.keyClick(page.view.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_unicode(page.view.note, "second line")
    qtbot.keyClick(page.view.note, Qt.Key.Key_Return)
    [note] = obs.load_session(ctx.db, page.session_uuid()).notes
    assert note.text == text + "\nsecond line"
    qtbot.waitUntil(lambda: any("👍🏽" in line for line in page.view.log.lines()), timeout=1000)


def test_the_note_being_typed_is_saved_within_half_a_second(qtbot, window, ctx) -> None:
    assert DRAFT_DELAY_MS <= 500
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "george")
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_2, ALT)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_Return)
    qtbot.keyClicks(page.view.note, "Used the customer's name tw")
    qtbot.keyClick(page.view.note, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: (obs.load_session(ctx.db, page.session_uuid()).draft or None) is not None,
                    timeout=DRAFT_DELAY_MS + 300)
    draft = obs.load_session(ctx.db, page.session_uuid()).draft
    assert draft.text == "Used the customer's name tw" and draft.kind == NoteKind.OPPORTUNITY
    assert draft.behaviour_id == page.state.framework.behaviours[1].id
    assert "saved" in page.view.status.text()


def test_resume_brings_back_the_session_exactly(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "hannah")
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_F5)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_5, ALT)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_4)
    qtbot.keyClicks(page.view.note, "Half a thou")
    qtbot.keyClick(page.view.note, Qt.Key.Key_F4)
    page.save_draft_now()
    uuid = page.session_uuid()

    again = ObservePage(ctx)  # as after a restart
    qtbot.addWidget(again)
    assert [s.uuid for s in obs.unfinished_sessions(ctx.db)] == [uuid]
    assert again.start.unfinished.count() == 1 and "a note being typed" in again.start.unfinished.item(0).text()
    assert again.resume(uuid)
    assert again.view.note.toPlainText() == "Half a thou"
    assert again.note_kind == NoteKind.VERBATIM
    assert "Resolving the customer's issue" in again.view.note_about.text()
    resolve = again.state.framework.behaviours[4]
    assert again.view.model.ratings[resolve.id].label == "Excellent"
    assert again.current_interaction() is not None and "Interaction 1" in again.view.timer_label.text()


def test_an_empty_session_asks_to_discard_or_keep(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "amel")
    first = page.session_uuid()
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_F8)
    box = page.empty_box
    assert box is not None and box.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Discard is the default
    assert page.session_uuid() is None and obs.unfinished_sessions(ctx.db) == []
    start_for(qtbot, page, "amel")
    kept = page.session_uuid()
    assert kept != first
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_F8)
    qtbot.keyClick(page.empty_box, Qt.Key.Key_K)  # &Keep (a message box takes its buttons' letters alone)
    qtbot.waitUntil(lambda: page.session_uuid() is None, timeout=1000)  # buttons animate their click
    assert obs.load_session(ctx.db, kept).status == SessionStatus.COMPLETED


def test_mark_and_link_the_last_note_with_an_empty_line(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "amel")
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_Return)
    qtbot.keyClicks(page.view.note, "Checked identity properly")
    qtbot.keyClick(page.view.note, Qt.Key.Key_Return)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_F2)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_F6)
    [note] = obs.load_session(ctx.db, page.session_uuid()).notes
    assert note.kind == NoteKind.STRENGTH and note.objective_uuid is not None
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_F2)  # again: back to a plain note
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_F6)  # next objective: none
    [note] = obs.load_session(ctx.db, page.session_uuid()).notes
    assert note.kind == NoteKind.GENERAL and note.objective_uuid is None


def is_qt_internal(widget) -> bool:  # noqa: ANN001 - a combo box's popup list, a line edit's clear button
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QLineEdit):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_a_name_for_tests_and_screen_readers(qtbot, window) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "amel")
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit):
        for widget in page.findChildren(kind):
            if is_qt_internal(widget):
                continue
            assert widget.objectName(), f"{kind.__name__} without objectName: {widget}"
            assert widget.accessibleName(), f"{widget.objectName()} without accessibleName"


def test_ending_a_session_opens_the_composer_and_ctrl_enter_delivers_it(qtbot, window, ctx) -> None:
    from coachdesk.services import feedback

    page = open_observe(qtbot, window)
    start_for(qtbot, page, "amel")
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F5)
    keys.press(Qt.Key.Key_4, ALT)
    keys.press(Qt.Key.Key_4)
    keys.type("Named the customer's worry")
    keys.press(Qt.Key.Key_F2)
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_6, ALT)
    keys.press(Qt.Key.Key_1)
    keys.type("Transferred without trying")
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return)
    uuid = page.session_uuid()
    keys.press(Qt.Key.Key_F8)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible() and page.session_uuid() is None
    dialog.activateWindow()  # as a window manager does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=1000)
    assert "Empathy: Named the customer's worry" in dialog.went_well.toPlainText()
    assert "Transferred without trying" in dialog.to_improve.toPlainText()
    assert dialog.target.currentText() == "Taking responsibility and ownership"
    keys.type("I will offer a callback before any transfer")  # the focus starts in "what went well"
    dialog.commitment.setFocus()
    keys.type("Callback first")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible(), dialog.error.text()
    row = feedback.feedback_for_session(ctx.db, uuid)
    assert row.agent_commitment == "Callback first" and row.delivered_at is not None
    assert row.timeliness is not None and row.timeliness.total_seconds() < 120
    assert obs.load_session(ctx.db, uuid).status == SessionStatus.COMPLETED
