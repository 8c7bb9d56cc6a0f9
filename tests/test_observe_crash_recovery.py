"""Never lose a note: a real app process is driven through an observation, killed with SIGKILL while a note is
being typed, and the database is reopened. Everything logged is there, the unfinished note is there up to at
most the last second of typing, and the next start offers the session back exactly as it was."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from coachdesk.domain.enums import NoteKind, SessionStatus
from coachdesk.paths import app_paths
from coachdesk.services import observation as obs
from coachdesk.services.common import AppContext, mark_asked, open_store, sqlite_location
from tests.child_lines import read_lines, wait_for
from tests.observe_driver import NOTE, REFERENCE, STAMPED
from tests.services.observe_helpers import seed_cast

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("observe_driver.py")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]


def _stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)
    return process.stderr.read() if process.stderr else ""


def test_kill_9_while_typing_loses_at_most_the_last_second(tmp_path: Path, qapp) -> None:  # noqa: ANN001
    data = app_paths(tmp_path / "data").ensure()
    location = sqlite_location(tmp_path / "coachdesk.sqlite3")
    opened = open_store(location)
    seed_cast(opened.db)
    mark_asked(opened.db)  # "who is using CoachDesk?" was answered on the first run, days ago
    opened.db.dispose()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COACHDESK_DATA_DIR": str(data.data_dir),
           "PYTHONPATH": str(ROOT)}
    env.pop("COACHDESK_DB", None)
    process = subprocess.Popen([sys.executable, str(DRIVER), "--db", str(location.path)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    typed: list[tuple[int, float]] = []
    try:
        try:
            wait_for(lines, seen, lambda line: line == "ready", timeout=60)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{_stop(process)}") from None
        wait_for(lines, seen, lambda line: line.startswith("typed 40 "), timeout=30)  # about two seconds of typing
        killed_at = time.time()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL, process.stderr.read()
    while not lines.empty():
        seen.append(lines.get()[1])
    for line in seen:
        if line.startswith("typed "):
            _word, count, at = line.split()
            typed.append((int(count), float(at)))
    typed_a_second_before = max(count for count, at in typed if at <= killed_at - 1.0)

    with sqlite3.connect(location.path) as raw:  # the file survived the kill whole
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened = open_store(location)
    ctx = AppContext(reopened.db, data, location)
    try:
        resume = obs.session_to_resume(ctx.db)
        assert resume is not None and resume.agent_name == "Amelia Brown" and resume.has_draft
        state = obs.load_session(ctx.db, resume.uuid)
        assert state.status == SessionStatus.IN_PROGRESS
        [call] = state.interactions
        assert call.reference == REFERENCE and call.ended_at is None
        codes = {b.id: b.code for b in state.framework.behaviours}
        assert sorted((codes[r.behaviour_id], r.label) for r in state.ratings) == [("EMPATHY", "Developing"),
                                                                                  ("LISTEN", "Good")]
        [note] = state.notes
        assert note.text == STAMPED and codes[note.behaviour_id] == "LISTEN" and note.interaction_uuid == call.uuid
        draft = state.draft
        assert NOTE.startswith(draft.text)
        assert len(draft.text) >= typed_a_second_before, (len(draft.text), typed_a_second_before, typed[-1][0])
        print(f"kept {len(draft.text)} of {typed[-1][0]} characters typed; {typed_a_second_before} were typed a second "
              "before the kill")
        assert draft.kind == NoteKind.OPPORTUNITY and codes[draft.behaviour_id] == "EMPATHY"
        assert draft.interaction_uuid == call.uuid

        # the next start offers it back, exactly as it was
        from coachdesk.ui import tasks
        from coachdesk.ui.main_window import MainWindow

        tasks.set_synchronous(True)  # in this test process, operations run at once (as in tests/ui)
        window = MainWindow(ctx, remember=False)
        try:
            window.show()
            box = window.offer_unfinished_observation()
            assert box is not None and "Amelia Brown" in box.text() and "being typed" in box.text()
            box.done(0)
            assert window.resume_observation(resume.uuid)
            page = window.pages["observe"]
            assert page.view.note.toPlainText() == draft.text
            assert page.note_kind == NoteKind.OPPORTUNITY
            assert page.view.reference.text() == REFERENCE
            assert {page.state.framework.behaviour(b).code: r.label for b, r in page.view.model.ratings.items()} == \
                {"LISTEN": "Good", "EMPATHY": "Developing"}
        finally:
            window.close()
            window.deleteLater()
            tasks.set_synchronous(False)
    finally:
        ctx.dispose()
