"""Nothing typed in a one-to-one record is lost: a real app process opens Amelia's next one-to-one, types its
summary one character every 50 ms and is killed with SIGKILL; the reopened database holds the typed text up to at
most the last second, and the editor puts it back on top of the saved record.

Run as a script (``python tests/test_one_to_one_crash_recovery.py --db FILE``) this module is the driver: it prints

    ready                        the session is open in the editor
    typed <count> <unix time>    after each character of the summary
"""

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

from tests.child_lines import read_lines, wait_for

SUMMARY = "Agreed to try the callback script for two weeks and to listen to three calls together " * 3

if __name__ != "__main__":
    import pytest

    pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

ROOT = Path(__file__).resolve().parents[1]


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _drive() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from coachdesk.services.people import resolve_person
    from coachdesk.ui.main_window import MainWindow

    app = QApplication.instance()
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or not window.pages or window.loading is not None:
        QTimer.singleShot(20, _drive)
        return
    window.activateWindow()
    window.prepare_one_to_one(resolve_person(window.ctx.db, "Amelia Brown").uuid)
    _start_session(app, window)


def _focused_name(app) -> str:  # noqa: ANN001
    return app.focusWidget().objectName() if app.focusWidget() else ""


def _start_session(app, window, tries: int = 0) -> None:  # noqa: ANN001
    """F9 opens the session and Alt+Y puts the cursor in its summary; pages load off the GUI thread, so press again
    until the summary field has the focus (at most ~10 s)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    if _focused_name(app) == "oneToOneSummary":
        _type_summary(app)
        return
    if tries >= 200:
        _say(f"no summary field after {tries} tries (focus: {_focused_name(app)!r})")
        return
    if tries % 10 == 0:
        QTest.keyClick(app.focusWidget() or window, Qt.Key.Key_F9)  # start the session
    QTest.keyClick(app.focusWidget() or window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Summar&y
    QTimer.singleShot(50, lambda: _start_session(app, window, tries + 1))


def _type_summary(app) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    _say("ready")
    position = [0]

    def type_one() -> None:
        if position[0] >= len(SUMMARY):
            return
        QTest.keyClicks(app.focusWidget(), SUMMARY[position[0]])
        position[0] += 1
        _say(f"typed {position[0]} {time.time():.4f}")
        QTimer.singleShot(50, type_one)

    type_one()


def _driver_main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer

    from coachdesk.app import create_application
    from coachdesk.cli import main as cli_main

    create_application()
    QTimer.singleShot(0, _drive)
    return cli_main(sys.argv[1:])


def test_kill_9_while_typing_the_summary_loses_at_most_the_last_second(tmp_path: Path, qapp) -> None:  # noqa: ANN001
    from coachdesk.paths import app_paths
    from coachdesk.services import one_to_ones
    from coachdesk.services import one_to_ones as oto
    from coachdesk.services.common import AppContext, mark_asked, open_store, sqlite_location
    from tests.services.observe_helpers import seed_cast

    data = app_paths(tmp_path / "data").ensure()
    location = sqlite_location(tmp_path / "coachdesk.sqlite3")
    opened = open_store(location)
    cast = seed_cast(opened.db)
    mark_asked(opened.db)  # "who is using CoachDesk?" was answered on the first run, days ago
    opened.db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COACHDESK_DATA_DIR": str(data.data_dir),
           "PYTHONPATH": str(ROOT)}
    env.pop("COACHDESK_DB", None)
    process = subprocess.Popen([sys.executable, __file__, "--db", str(location.path)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        try:
            wait_for(lines, seen, lambda line: line == "ready", timeout=60)
        except AssertionError as exc:
            process.kill()
            raise AssertionError(f"{exc}\n{process.communicate(timeout=10)[1]}") from None
        wait_for(lines, seen, lambda line: line.startswith("typed 40 "), timeout=30)
        killed_at = time.time()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    while not lines.empty():
        seen.append(lines.get()[1])
    typed = [(int(c), float(at)) for _w, c, at in (line.split() for line in seen if line.startswith("typed "))]
    typed_a_second_before = max(count for count, at in typed if at <= killed_at - 1.0)

    with sqlite3.connect(location.path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened = open_store(location)
    ctx = AppContext(reopened.db, data, location)
    try:
        [session] = one_to_ones.list_sessions(ctx.db, agent_uuid=cast.agent)
        draft = oto.editor_draft(ctx.db, session.uuid)
        assert draft is not None and SUMMARY.startswith(draft["summary"])
        assert len(draft["summary"]) >= typed_a_second_before, (len(draft["summary"]), typed_a_second_before)
        print(f"kept {len(draft['summary'])} of {typed[-1][0]} characters; {typed_a_second_before} were typed a "
              "second before the kill")
        from coachdesk.ui import tasks
        from coachdesk.ui.pages.one_to_ones_page import OneToOnesPage

        tasks.set_synchronous(True)  # the page's reads run at once, as in tests/ui
        page = OneToOnesPage(ctx)
        try:
            page.open_agent(cast.agent)
            assert page.start_session()  # the same draft session, with the typed summary put back
            assert page.editor.record.uuid == session.uuid
            assert page.editor.summary.toPlainText() == draft["summary"]
            assert "put back" in page.editor.draft_label.text()
        finally:
            page.deleteLater()
            tasks.set_synchronous(False)
    finally:
        ctx.dispose()


if __name__ == "__main__":
    sys.exit(_driver_main())
