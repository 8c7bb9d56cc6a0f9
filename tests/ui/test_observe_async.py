"""Logging in seconds: a rating key shows its rating at once, while its write waits for the database (held by
another connection here), and is saved in order once the database is free; a write that fails is taken back off
the screen with the reason, and a note that could not be stamped goes back into the note line."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt

from coachdesk.services import observation as obs
from coachdesk.ui import tasks
from tests.ui.test_observe_page import ALT, open_observe, start_for


@contextmanager
def database_held(ctx, qtbot, page) -> Iterator[None]:  # noqa: ANN001
    """Real worker threads, and another connection writing meanwhile: the page's writes wait until it lets go;
    afterwards, until every one of them is made."""
    raw = sqlite3.connect(ctx.paths.default_db, timeout=0, isolation_level=None)
    tasks.set_synchronous(False)
    try:
        raw.execute("BEGIN IMMEDIATE")
        yield
        raw.execute("ROLLBACK")
        qtbot.waitUntil(lambda: not page.writes.busy, timeout=10_000)
    finally:
        tasks.set_synchronous(True)
        raw.close()


def test_a_rating_shows_before_its_write_is_made_and_is_saved_after(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "chlo")
    tone = page.state.framework.behaviours[2]
    with database_held(ctx, qtbot, page):  # someone else is writing: the rating's write has to wait
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_3, ALT)
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_4)
        assert page.view.model.ratings[tone.id].label == "Excellent"  # on screen, not saved yet
        assert page.writes.busy and "saved" not in page.view.status.text()
        qtbot.keyClicks(page.view.note, "Calm")  # the note line has the focus already
        qtbot.keyClick(page.view.note, Qt.Key.Key_Return)
        assert [n.text for n in page.notes] == ["Calm"] and page.view.note.text() == ""
        assert obs.load_session(ctx.db, page.session_uuid()).ratings == ()
    state = obs.load_session(ctx.db, page.session_uuid())
    assert [(r.behaviour_id, r.label) for r in state.ratings] == [(tone.id, "Excellent")]
    assert [(n.text, n.behaviour_id) for n in state.notes] == [("Calm", tone.id)]
    assert "saved" in page.view.status.text()


def test_a_rating_that_cannot_be_saved_is_taken_back(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "farah")
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_1, ALT)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_3)
    listening = page.state.framework.behaviours[0].id
    assert page.view.model.ratings[listening].label == "Good"
    obs.end_session(ctx.db, page.session_uuid())  # ended elsewhere (another window, the team server)
    qtbot.keyClick(page.view.note, Qt.Key.Key_Escape)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_4)
    assert page.view.model.ratings[listening].label == "Good"  # what was saved before, not the refused one
    assert "This session has ended" in page.view.status.text() and page.view.status.text().startswith("⚠")


def test_a_note_that_cannot_be_stamped_goes_back_into_the_note_line(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "george")
    obs.end_session(ctx.db, page.session_uuid())
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_Return)
    qtbot.keyClicks(page.view.note, "Spelled the address back")
    qtbot.keyClick(page.view.note, Qt.Key.Key_Return)
    assert page.view.note.text() == "Spelled the address back" and page.notes == []
    assert "This session has ended" in page.view.status.text()


def test_enter_before_the_agent_list_arrives_starts_the_first_match(qtbot, window) -> None:
    page = open_observe(qtbot, window)
    tasks.set_synchronous(False)
    try:
        page.start.search.setFocus()
        qtbot.keyClicks(page.start.search, "hann")  # the search runs on a worker; its answer comes by the event loop
        qtbot.keyClick(page.start.search, Qt.Key.Key_Return)  # which has not run yet: the list is not there
        assert page.session_uuid() is None and page.start.start_when_listed
        qtbot.waitUntil(lambda: page.session_uuid() is not None, timeout=10_000)
    finally:
        tasks.set_synchronous(True)
    assert page.state.agent_name == "Hannah Schmidt" and not page.start.start_when_listed


def test_keys_pressed_while_an_interaction_is_being_started_go_with_it(qtbot, window, ctx) -> None:
    page = open_observe(qtbot, window)
    start_for(qtbot, page, "daniel")
    with database_held(ctx, qtbot, page):  # the start of the call has to wait, and every key after it
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_F5)
        assert page.current_interaction() is not None and "Interaction 1" in page.view.timer_label.text()
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_F7)
        qtbot.keyClicks(page.view.reference, "CALL-7")
        qtbot.keyClick(page.view.reference, Qt.Key.Key_Return)
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_2, ALT)
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_3)
        qtbot.keyClicks(page.view.note, "Polite")
        qtbot.keyClick(page.view.note, Qt.Key.Key_Return)
        assert obs.load_session(ctx.db, page.session_uuid()).interactions == ()
    state = obs.load_session(ctx.db, page.session_uuid())
    [call] = state.interactions
    assert (call.reference, call.ended_at) == ("CALL-7", None)
    assert [(r.label, r.interaction_uuid) for r in state.ratings] == [("Good", call.uuid)]
    assert [(n.text, n.interaction_uuid) for n in state.notes] == [("Polite", call.uuid)]
    assert page.current_interaction().uuid == call.uuid  # the page goes by the saved uuid from then on
    assert page.ratings[(call.uuid, state.ratings[0].behaviour_id)].label == "Good"


def test_writes_still_waiting_are_made_before_the_app_quits(qtbot, window, ctx) -> None:
    import threading

    page = open_observe(qtbot, window)
    start_for(qtbot, page, "amel")
    raw = sqlite3.connect(ctx.paths.default_db, timeout=0, isolation_level=None, check_same_thread=False)
    tasks.set_synchronous(False)
    try:
        raw.execute("BEGIN IMMEDIATE")
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_1, ALT)
        qtbot.keyClick(page.view.checklist, Qt.Key.Key_2)
        qtbot.keyClicks(page.view.note, "Interrupted twice")
        qtbot.keyClick(page.view.note, Qt.Key.Key_Return)
        qtbot.keyClicks(page.view.note, "Half typ")
        assert page.writes.busy
        threading.Timer(0.3, lambda: raw.execute("ROLLBACK")).start()  # the other writer finishes meanwhile
        page._before_quit()  # noqa: SLF001 - what QCoreApplication.aboutToQuit calls
        assert not page.writes.busy
    finally:
        tasks.set_synchronous(True)
        raw.close()
    state = obs.load_session(ctx.db, page.session_uuid())
    assert [r.label for r in state.ratings] == ["Developing"] and [n.text for n in state.notes] == ["Interrupted twice"]
    assert state.draft is not None and state.draft.text == "Half typ"
