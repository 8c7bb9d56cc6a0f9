"""A team server lost mid-session, on a private PostgreSQL cluster (never the shared test server): the banner comes
within 2 seconds of the failed call, what is typed meanwhile is kept on this computer, and when the server is back
it is saved, the banner goes and the pages work again; closed during the outage, the next start saves it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from coachdesk.paths import app_paths
from coachdesk.services import common
from coachdesk.services import observation as obs
from coachdesk.services import one_to_ones as oto
from coachdesk.services.common import AppContext, Location, open_store
from coachdesk.ui.kit import changes, ops
from tests.ui import outage_cluster
from tests.ui.conftest import _seed
from tests.ui.outage_cluster import Cluster

ALT = Qt.KeyboardModifier.AltModifier
BANNER_WITHIN_S = 2.0

cluster = outage_cluster.cluster  # the run's private PostgreSQL cluster (a session fixture)


def _personal(cluster: Cluster, url: str, key: str) -> str | None:
    """What the server holds under ``key`` for the admin login, read on a connection of its own."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user=parsed.username, password=parsed.password,
                         dbname=parsed.database) as conn:
        row = conn.execute("SELECT value_json FROM personal_setting WHERE key = %s AND owner_login = current_user",
                           (key,)).fetchone()
    return row[0] if row else None


def _open_window(qtbot, ctx: AppContext):  # noqa: ANN001, ANN202
    from coachdesk.ui.main_window import MainWindow

    window = MainWindow(ctx, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.fixture
def server(cluster: Cluster, tmp_path: Path, request) -> Iterator[tuple[AppContext, object]]:  # noqa: ANN001
    paths = app_paths(tmp_path / "data").ensure()
    url = cluster.create_database(f"outage_{request.node.name[5:45].lower()}", template=cluster.template)
    location = Location(url=url, path=None)
    opened = open_store(location)
    sample = _seed(opened.db)
    yield AppContext(opened.db, paths, location), sample
    opened.db.dispose()


def test_a_server_lost_mid_session_keeps_the_typing_and_saves_it_when_back(qtbot, cluster, server) -> None:
    ctx, sample = server
    window = _open_window(qtbot, ctx)
    banner = window.outage_banner
    assert banner is not None and not banner.isVisible()
    refreshed: list[changes.Change] = []
    changes.channel().changed.connect(refreshed.append)

    # an observation under way and a one-to-one open in the editor, while the server answers
    window.activateWindow()
    observe = window.show_page("observe")
    observe.start.search.setFocus()
    qtbot.keyClicks(observe.start.search, "george")
    qtbot.keyClick(observe.start.search, Qt.Key.Key_Return)
    session_uuid = observe.session_uuid()
    assert session_uuid is not None
    qtbot.keyClick(observe.view.checklist, Qt.Key.Key_2, ALT)
    qtbot.keyClick(observe.view.checklist, Qt.Key.Key_Return)  # the note line
    assert window.prepare_one_to_one(sample.agent_uuids["Amelia Brown"])
    otos = window.page("one_to_ones")
    assert otos.start_session()
    editor = otos.editor
    oto_uuid = editor.record.uuid

    # the server goes away; the coach keeps typing and saving
    cluster.stop()
    editor.summary.setFocus()
    qtbot.keyClicks(editor.summary, "Talked through the callback backlog; agreed a daily review.")
    typed = time.monotonic()
    editor.save()  # Ctrl+S: the record cannot be written
    qtbot.waitUntil(banner.isVisible, timeout=int(BANNER_WITHIN_S * 1000))
    assert time.monotonic() - typed <= BANNER_WITHIN_S
    assert "127.0.0.1:" in banner.label.text() and "retrying" in banner.label.text()
    assert "your work is kept" in banner.label.text()
    assert not _message_boxes(), "a lost server is the banner's, never a message box"
    assert editor.summary.toPlainText() == "Talked through the callback backlog; agreed a daily review."

    window.show_page("observe")
    observe.view.note.setFocus()
    qtbot.keyClicks(observe.view.note, "Offered the callback before the customer asked")
    observe.save_draft_now()  # the autosave's timer, without waiting for it
    qtbot.keyClick(observe.view.note, Qt.Key.Key_Return)  # stamp: refused while the server is away
    assert observe.view.note.text() == "Offered the callback before the customer asked"
    assert not _message_boxes()

    # nothing typed exists only in memory: both drafts are in the journal on this computer
    journal = common.draft_journal(ctx.db)
    kept = journal.pending()
    assert json.loads(kept[oto.DRAFT_PREFIX + oto_uuid])["summary"].startswith("Talked through the callback")
    assert json.loads(kept[obs.DRAFT_PREFIX + session_uuid])["text"] == "Offered the callback before the customer asked"
    assert journal.path.is_relative_to(ctx.paths.data_dir)
    assert _personal_or_none(cluster, ctx, oto.DRAFT_PREFIX + oto_uuid) is None  # (the server is down)

    # the server comes back: the banner's retries find it, save the drafts, and go
    before = len(refreshed)
    cluster.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=20_000)
    assert any(changes.Kind.EVERYTHING in c.kinds for c in refreshed[before:]), "pages are told to reload"
    assert journal.pending() == {}
    assert not journal.path.exists()
    saved = json.loads(_personal(cluster, ctx.location.url, oto.DRAFT_PREFIX + oto_uuid))
    assert saved["summary"] == "Talked through the callback backlog; agreed a daily review."
    note_draft = json.loads(_personal(cluster, ctx.location.url, obs.DRAFT_PREFIX + session_uuid))
    assert note_draft["text"] == "Offered the callback before the customer asked"

    # and the same screens save for real now, without a restart
    observe.view.note.setFocus()
    qtbot.keyClick(observe.view.note, Qt.Key.Key_Return)
    assert observe.view.note.text() == ""
    notes = obs.load_session(ctx.db, session_uuid).notes
    assert [n.text for n in notes] == ["Offered the callback before the customer asked"]
    assert editor.save()
    assert oto.get_session(ctx.db, oto_uuid).summary == "Talked through the callback backlog; agreed a daily review."
    assert _personal(cluster, ctx.location.url, oto.DRAFT_PREFIX + oto_uuid) is None  # the record replaced it
    assert not _message_boxes()
    window.close()


def _personal_or_none(cluster: Cluster, ctx: AppContext, key: str) -> str | None:
    try:
        return _personal(cluster, ctx.location.url, key)
    except Exception:  # noqa: BLE001 - the server is down: it holds nothing we could read
        return None


def test_typing_kept_while_the_app_was_closed_in_an_outage_is_saved_at_the_next_start(qtbot, cluster,
                                                                                         server) -> None:
    ctx, sample = server
    window = _open_window(qtbot, ctx)
    assert window.prepare_one_to_one(sample.agent_uuids["Chloé Martin"])
    otos = window.page("one_to_ones")
    assert otos.start_session()
    editor = otos.editor
    uuid = editor.record.uuid
    cluster.stop()
    editor.summary.setFocus()
    qtbot.keyClicks(editor.summary, "Wants to move to the chat team; ask Marcus.")
    editor.autosave()
    qtbot.waitUntil(window.outage_banner.isVisible, timeout=int(BANNER_WITHIN_S * 1000))
    window.close()  # the coach gives up and closes CoachDesk while the server is still away
    window.deleteLater()
    QApplication.processEvents()
    ctx.db.dispose()

    cluster.start()
    reopened = AppContext(open_store(ctx.location).db, ctx.paths, ctx.location)
    try:
        second = _open_window(qtbot, reopened)
        qtbot.waitUntil(lambda: _personal(cluster, ctx.location.url, oto.DRAFT_PREFIX + uuid) is not None,
                        timeout=5000)
        assert json.loads(_personal(cluster, ctx.location.url, oto.DRAFT_PREFIX + uuid))["summary"] == \
            "Wants to move to the chat team; ask Marcus."
        assert common.draft_journal(reopened.db).pending() == {}
        assert oto.editor_draft(reopened.db, uuid)["summary"] == "Wants to move to the chat team; ask Marcus."
        second.close()
    finally:
        reopened.db.dispose()


def test_a_wrong_call_is_not_an_outage(qtbot, cluster, server) -> None:
    """The classifier's boundary: a refusal that needs the user still goes to the message box, not the banner."""
    ctx, _sample = server
    window = _open_window(qtbot, ctx)
    from coachdesk.domain.errors import ValidationError

    assert not common.connection_lost(ValidationError("Summary: too long."))
    shown: list[str] = []
    ops.set_error_display(lambda _parent, error: shown.append(ops.error_text(error)))
    try:
        ops.show_error(window, ValidationError("Summary: too long."))
    finally:
        ops.set_error_display(None)
    assert shown == ["Summary: too long."] and not window.outage_banner.isVisible()
    window.close()


def test_the_engine_reports_a_lost_server_whoever_made_the_call(cluster, server) -> None:  # noqa: ANN001
    """A read made outside the kit (a plain service call, as the Observe page's are) is heard too, its raw driver
    error counts as a lost connection, and while the server is away a draft goes to the journal untried."""
    ctx, _sample = server
    heard: list[BaseException] = []
    stop = common.watch_connection(ctx.db, heard.append)
    common.keep_drafts_in(ctx.db, ctx.paths.data_dir / "pending")
    try:
        assert not common.is_down(ctx.db)
        cluster.stop()
        with pytest.raises(Exception) as caught:
            obs.unfinished_sessions(ctx.db)
        assert not isinstance(caught.value, common.ServerUnreachable)  # the driver's error, as raised
        assert common.connection_lost(caught.value) and heard and common.is_down(ctx.db)
        started = time.monotonic()
        with pytest.raises(common.ServerUnreachable, match="kept on this computer"):
            oto.save_editor_draft(ctx.db, "0" * 32, {"summary": "typed while away"})
        assert time.monotonic() - started < 0.5  # not even tried
        assert json.loads(common.draft_journal(ctx.db).pending()[oto.DRAFT_PREFIX + "0" * 32])["summary"] == \
            "typed while away"
        cluster.start()
        common.reconnect(ctx.db)
        assert not common.is_down(ctx.db)
        assert common.save_local_drafts(ctx.db).saved == (oto.DRAFT_PREFIX + "0" * 32,)
        assert oto.editor_draft(ctx.db, "0" * 32)["summary"] == "typed while away"
    finally:
        stop()
        cluster.start()


def test_a_wrong_password_is_not_a_lost_connection(cluster) -> None:  # noqa: ANN001
    from coachdesk.services.common import open_server

    with pytest.raises(Exception) as caught:
        open_server(Location(url=cluster.url("postgres", password="certainly-wrong"), path=None))
    assert getattr(caught.value, "kind", "") == "auth"
    assert not common.connection_lost(caught.value) and not common.connection_lost(caught.value.__cause__)


def test_a_newer_draft_on_the_server_is_a_conflict_for_the_user(cluster, server) -> None:  # noqa: ANN001
    """Kept here during the outage, changed on another computer after: the kit's conflict dialog decides."""
    ctx, _sample = server
    journal = common.keep_drafts_in(ctx.db, ctx.paths.data_dir / "pending")
    key = oto.DRAFT_PREFIX + "1" * 32
    journal.keep(key, json.dumps({"summary": "mine", "saved_at": "2026-01-01T10:00:00+00:00"}))
    oto.save_editor_draft(ctx.db, "1" * 32, {"summary": "theirs, typed later elsewhere"})  # forgets the local copy
    assert journal.pending() == {}
    journal.keep(key, json.dumps({"summary": "mine again"}))
    later = json.dumps({"summary": "theirs, later still", "saved_at": "2999-01-01T00:00:00+00:00"})
    with ctx.db.unit_of_work() as session:
        common.put_personal(session, key, later)
    result = common.save_local_drafts(ctx.db)
    assert result.saved == () and [c.key for c in result.conflicts] == [key]
    assert oto.editor_draft(ctx.db, "1" * 32)["summary"] == "theirs, later still"  # nothing overwritten unasked
    assert journal.pending()[key] is not None  # and nothing of mine dropped either
    assert common.save_local_drafts(ctx.db, frozenset({key})).saved == (key,)  # "keep mine"
    assert oto.editor_draft(ctx.db, "1" * 32)["summary"] == "mine again"


def test_when_the_server_is_back_a_conflicting_draft_is_asked_about_with_both_versions(qtbot, cluster,
                                                                                        server) -> None:
    from coachdesk.domain.errors import ConflictError
    from coachdesk.ui.kit.conflicts import KEEP_MINE, TAKE_THEIRS

    ctx, _sample = server
    window = _open_window(qtbot, ctx)
    watch, journal = window.server_watch, common.draft_journal(ctx.db)
    mine_key, theirs_key = oto.DRAFT_PREFIX + "2" * 32, oto.DRAFT_PREFIX + "3" * 32
    for key in (mine_key, theirs_key):
        journal.keep(key, json.dumps({"summary": f"kept here for {key[-4:]}"}))
        with ctx.db.unit_of_work() as session:
            common.put_personal(session, key, json.dumps({"summary": "typed elsewhere later",
                                                          "saved_at": "2999-01-01T00:00:00+00:00"}))
    asked: list[ConflictError] = []
    watch.ask = lambda _parent, error: (asked.append(error), KEEP_MINE if len(asked) == 1 else TAKE_THEIRS)[1]
    watch.heard(common.ServerUnreachable("The team server is away."))
    assert window.outage_banner.isVisible()
    watch.try_now()
    assert not window.outage_banner.isVisible() and len(asked) == 2
    assert {e.theirs["Summary"] for e in asked} == {"typed elsewhere later"}
    assert {e.mine["Summary"] for e in asked} == {"kept here for 2222", "kept here for 3333"}
    first_key = mine_key if asked[0].mine["Summary"].endswith("2222") else theirs_key
    second_key = theirs_key if first_key == mine_key else mine_key
    assert oto.editor_draft(ctx.db, first_key[-32:])["summary"].startswith("kept here")  # kept mine
    assert oto.editor_draft(ctx.db, second_key[-32:])["summary"] == "typed elsewhere later"  # took theirs
    assert journal.pending() == {}
    window.close()


def test_pages_opened_during_the_outage_work_again_without_a_restart(qtbot, cluster, server) -> None:
    from coachdesk.ui.pages import PAGE_KEYS
    from coachdesk.ui.widgets.page import ErrorPage

    ctx, _sample = server
    window = _open_window(qtbot, ctx)
    cluster.stop()
    raised: list[BaseException] = []  # pages not yet on the kit read in showEvent: only outages may come out
    with qtbot.capture_exceptions() as in_loop:
        for key in PAGE_KEYS:
            try:
                window.show_page(key)
            except Exception as error:  # noqa: BLE001 - collected and checked below
                raised.append(error)
            QApplication.processEvents()
    raised += [e[1] for e in in_loop]
    assert all(common.connection_lost(e) for e in raised), [repr(e) for e in raised]
    assert window.outage_banner.isVisible()
    broken = [key for key, page in window.pages.items() if isinstance(page, ErrorPage)]
    for key in broken:  # a page that could not be built says why in words, not the driver's
        text = " ".join(label.text() for label in window.pages[key].findChildren(QLabel))
        assert "cannot be reached" in text and "opens by itself" in text and "psycopg" not in text
    cluster.start()
    window.server_watch.try_now()
    assert not window.outage_banner.isVisible()
    for key in PAGE_KEYS:
        window.show_page(key)
    assert not [key for key, page in window.pages.items() if isinstance(page, ErrorPage)], broken
    assert set(window.pages) == set(PAGE_KEYS)
    window.close()


def test_on_real_worker_threads_a_failed_read_brings_the_banner_and_the_retries_clear_it(qtbot, cluster,
                                                                                          server) -> None:
    """As in the app: reads run on the pool, the engine hears the failure there, the banner shows on the GUI
    thread, and the background retries (also on the pool) find the server again."""
    from coachdesk.services import people as people_api
    from coachdesk.ui import tasks

    ctx, _sample = server
    window = _open_window(qtbot, ctx)
    tasks.set_synchronous(False)
    try:
        cluster.stop()
        failed = time.monotonic()
        ops.read(window, ctx, people_api.list_people, done=lambda _rows: None)
        qtbot.waitUntil(window.outage_banner.isVisible, timeout=int(BANNER_WITHIN_S * 1000))
        assert time.monotonic() - failed <= BANNER_WITHIN_S
        assert not _message_boxes()
        cluster.start()
        qtbot.waitUntil(lambda: not window.outage_banner.isVisible(), timeout=20_000)
        rows: list = []
        ops.read(window, ctx, people_api.list_people, done=rows.append)
        qtbot.waitUntil(lambda: bool(rows), timeout=5000)
        assert len(rows[0]) == 10  # the sample's eight agents and two leaders, read after the outage
    finally:
        tasks.wait_for_all()
        tasks.set_synchronous(True)
        cluster.start()
    window.close()
