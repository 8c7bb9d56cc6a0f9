"""kit.ops on a real database: results come back, stale results are dropped, errors are shown one way, progress
and cancel work, writes announce their change, and a save resolves edit conflicts as the user chooses."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from coachdesk.domain.errors import CoachDeskError, ConflictError
from coachdesk.services import people as people_api
from coachdesk.ui import tasks
from coachdesk.ui.kit import changes, ops
from coachdesk.ui.kit.conflicts import CANCEL, KEEP_MINE, TAKE_THEIRS, NotSaved


@pytest.fixture
def parent(qtbot) -> QWidget:  # noqa: ANN001
    widget = QWidget()
    widget.setObjectName("opsParent")
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def asynchronous():  # noqa: ANN201
    tasks.set_synchronous(False)
    yield
    tasks.wait_for_all()
    tasks.set_synchronous(True)


def test_read_gives_the_service_result(parent, ctx, sample) -> None:  # noqa: ANN001
    got = []
    ops.read(parent, ctx, people_api.list_people, done=got.append, search="Farah")
    assert [row.display_name for row in got[0]] == ["Farah Khan"]


def test_a_newer_read_of_the_same_key_drops_the_older_result(qtbot, parent, ctx, asynchronous) -> None:  # noqa: ANN001
    release = threading.Event()
    got: list[str] = []

    def slow(_db, text: str) -> str:  # noqa: ANN001
        release.wait(10)
        return text

    first = ops.read(parent, ctx, slow, "first", done=got.append, key="agent")
    second = ops.read(parent, ctx, lambda _db: "second", done=got.append, key="agent")
    qtbot.waitUntil(lambda: second.finished)
    release.set()
    qtbot.waitUntil(lambda: first.finished)
    assert got == ["second"] and first.dropped and not second.dropped


def test_other_keys_and_other_owners_are_not_dropped(qtbot, parent, ctx, asynchronous) -> None:  # noqa: ANN001
    other = QWidget()
    qtbot.addWidget(other)
    got: list[str] = []
    a = ops.read(parent, ctx, lambda _db: "a", done=got.append, key="agent")
    b = ops.read(parent, ctx, lambda _db: "b", done=got.append, key="list")
    c = ops.read(other, ctx, lambda _db: "c", done=got.append, key="agent")
    qtbot.waitUntil(lambda: a.finished and b.finished and c.finished)
    assert sorted(got) == ["a", "b", "c"]


def test_a_coachdesk_error_is_shown_in_one_message_box(parent, ctx) -> None:  # noqa: ANN001
    def refuse(_db) -> None:  # noqa: ANN001
        raise CoachDeskError("Farah Khan is not in this database any more.")

    got = []
    ops.read(parent, ctx, refuse, done=got.append)
    boxes = parent.findChildren(QMessageBox, "errorBox")
    assert got == [] and len(boxes) == 1
    assert boxes[0].text() == "Farah Khan is not in this database any more." and boxes[0].isVisible()
    assert ops.shown_errors[-1] == "Farah Khan is not in this database any more."


def test_an_unexpected_error_says_where_the_details_are(parent, ctx) -> None:  # noqa: ANN001
    def broken(_db) -> None:  # noqa: ANN001
        raise ZeroDivisionError("division by zero")

    ops.read(parent, ctx, broken, done=lambda _r: None)
    text = parent.findChild(QMessageBox, "errorBox").text()
    assert "division by zero" in text and "log file" in text and "Traceback" not in text


def test_failed_takes_the_error_instead_of_the_box(parent, ctx) -> None:  # noqa: ANN001
    seen: list[BaseException] = []
    ops.read(parent, ctx, lambda _db: 1 / 0, done=lambda _r: None, failed=seen.append)
    assert isinstance(seen[0], ZeroDivisionError) and parent.findChild(QMessageBox, "errorBox") is None


def test_progress_reaches_the_gui_and_busy_widgets_come_back(parent, ctx) -> None:  # noqa: ANN001
    button = QPushButton("Go", parent)
    seen, states = [], []

    def work(_db, progress) -> int:  # noqa: ANN001
        states.append(button.isEnabled())
        progress(50, "half")
        return 7

    ops.read(parent, ctx, work, done=seen.append, progress=lambda p, m: seen.append((p, m)), busy=[button])
    assert seen == [(50, "half"), 7] and states == [False] and button.isEnabled()


def test_cancel_stops_quietly(qtbot, parent, ctx, asynchronous) -> None:  # noqa: ANN001
    started, got, seen = threading.Event(), [], []

    def work(_db, cancelled) -> str:  # noqa: ANN001
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise tasks.Cancelled()

    operation = ops.read(parent, ctx, work, done=got.append, failed=seen.append, cancellable=True)
    started.wait(5)
    operation.cancel()
    qtbot.waitUntil(lambda: operation.finished)
    assert operation.cancelled and operation.dropped and got == [] and seen == []


def test_a_result_for_a_closed_view_is_dropped(qtbot, ctx, asynchronous) -> None:  # noqa: ANN001
    release, got = threading.Event(), []
    view = QWidget()
    operation = ops.read(view, ctx, lambda _db: release.wait(10) and "late", done=got.append)
    view.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(view))
    release.set()
    qtbot.waitUntil(lambda: operation.finished)
    assert got == [] and operation.dropped


def test_a_write_announces_its_change_before_done(parent, ctx, sample) -> None:  # noqa: ANN001
    heard, order = [], []
    changes.channel().changed.connect(heard.append)
    try:
        uuid = sample.agent_uuids["Farah Khan"]
        ops.write(parent, ctx, people_api.add_alias, uuid, "Fara K",
                  changed=changes.change(changes.Kind.PERSON, [uuid]),
                  done=lambda _r: order.append(len(heard)))
    finally:
        changes.channel().changed.disconnect(heard.append)
    assert [(set(c.kinds), set(c.ids)) for c in heard] == [({"person"}, {uuid})] and order == [1]
    assert "Fara K" in people_api.person_detail(ctx.db, uuid).aliases


def test_a_failed_write_announces_nothing(parent, ctx) -> None:  # noqa: ANN001
    heard = []
    changes.channel().changed.connect(heard.append)
    try:
        ops.write(parent, ctx, people_api.add_alias, "no-such-uuid", "x", changed=changes.change("person"),
                  failed=lambda _e: None)
    finally:
        changes.channel().changed.disconnect(heard.append)
    assert heard == []


def _stale_edit(ctx, uuid: str):  # noqa: ANN001, ANN202
    """Load the record, then let someone else save it: our version is now stale."""
    mine = people_api.person_detail(ctx.db, uuid)
    theirs = mine.to_input()
    theirs.email = "theirs@example.com"
    people_api.update_person(ctx.db, uuid, theirs, mine.version)
    data = mine.to_input()
    data.notes = "Mine"
    return mine, data


@pytest.mark.parametrize("choice", [KEEP_MINE, TAKE_THEIRS, CANCEL])
def test_save_resolves_a_conflict_as_chosen(parent, ctx, sample, choice: str) -> None:  # noqa: ANN001
    uuid = sample.agent_uuids["Farah Khan"]
    mine, data = _stale_edit(ctx, uuid)
    asked, saved, failed, reloaded = [], [], [], []

    def ask(_parent, error: ConflictError) -> str:  # noqa: ANN001
        asked.append(error)
        return choice

    ops.save(parent, ctx, lambda db, version, overwriting: people_api.update_person(
        db, uuid, data, version, overwriting=overwriting), mine.version, changed=changes.change("person", [uuid]),
        done=saved.append, failed=failed.append, reload=lambda: reloaded.append(True), ask=ask)
    stored = people_api.person_detail(ctx.db, uuid)
    assert len(asked) == 1 and asked[0].their_version > mine.version
    if choice == KEEP_MINE:
        assert saved and not failed and stored.notes == "Mine" and stored.version > asked[0].their_version
        assert stored.email == mine.email  # mine overwrote theirs, as chosen
    else:
        assert not saved and isinstance(failed[0], NotSaved) and stored.notes != "Mine"
        assert reloaded == ([True] if choice == TAKE_THEIRS else [])
        assert ("discarded" in str(failed[0])) == (choice == TAKE_THEIRS)


def test_read_now_returns_the_default_after_showing_the_error(parent, ctx) -> None:  # noqa: ANN001
    assert ops.read_now(parent, ctx, people_api.person_detail, "missing", default="none") == "none"
    assert parent.findChild(QMessageBox, "errorBox") is not None


def test_a_gui_step_shows_a_file_error_the_one_way_and_gives_the_default(parent, tmp_path) -> None:  # noqa: ANN001
    missing = tmp_path / "no such folder" / "report.pdf"
    assert ops.step(parent, missing.write_bytes, b"%PDF", default="not saved") == "not saved"
    box = parent.findChild(QMessageBox, "errorBox")
    assert box is not None and "could not be used" in box.text() and not missing.exists()
    assert ops.step(parent, lambda: "saved") == "saved"
    seen: list[BaseException] = []
    assert ops.step(parent, lambda: (_ for _ in ()).throw(CoachDeskError("No PDF viewer.")), failed=seen.append) \
        is None
    assert [str(e) for e in seen] == ["No PDF viewer."] and len(parent.findChildren(QMessageBox, "errorBox")) == 1
    with pytest.raises(ZeroDivisionError):  # a bug is not a user's mistake: it is not swallowed here
        ops.step(parent, lambda: 1 / 0)
