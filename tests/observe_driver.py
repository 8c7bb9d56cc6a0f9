"""Drives the real app (``coachdesk --db FILE``, the same entry point as a user's) through an observation from the
keyboard, then types a note one character every 50 ms until the process is killed. Used by
``test_observe_crash_recovery.py``; it prints what it did and when, one line at a time:

    ready                        the session is logged (an interaction, a rating, a stamped note)
    typed <count> <unix time>    after each character of the unfinished note
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOTE = "Customer asked twice for a callback and the agent promised one at four o'clock but did not log it " * 3
REFERENCE = "CALL-90210"
STAMPED = "Paraphrased the problem before solving it"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def drive() -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from coachdesk.ui.main_window import MainWindow

    app = QApplication.instance()
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or not window.pages or window.loading is not None:
        QTimer.singleShot(20, drive)  # the window shows first, then fills its start page
        return
    window.activateWindow()
    Alt = Qt.KeyboardModifier.AltModifier

    def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
        QTest.keyClick(app.focusWidget() or window, key, modifier)

    press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Observe
    QTest.keyClicks(app.focusWidget(), "amel")
    press(Qt.Key.Key_Return)  # the session starts: the coach looks up when its screen is there, as a person does
    deadline = time.monotonic() + 10
    while window.pages["observe"].session_uuid() is None and time.monotonic() < deadline:
        QTest.qWait(10)
    press(Qt.Key.Key_F5)
    press(Qt.Key.Key_F7)
    QTest.keyClicks(app.focusWidget(), REFERENCE)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_1, Alt)
    press(Qt.Key.Key_3)
    QTest.keyClicks(app.focusWidget(), STAMPED)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_4, Alt)
    press(Qt.Key.Key_2)  # empathy "Developing"; the note line has the focus
    press(Qt.Key.Key_F3)  # an opportunity
    say("ready")
    position = [0]

    def type_one() -> None:
        if position[0] >= len(NOTE):
            return
        QTest.keyClicks(app.focusWidget(), NOTE[position[0]])
        position[0] += 1
        say(f"typed {position[0]} {time.time():.4f}")
        QTimer.singleShot(50, type_one)

    type_one()


def main() -> int:
    from PySide6.QtCore import QTimer

    from coachdesk.app import create_application
    from coachdesk.cli import main as cli_main

    create_application()  # the one QApplication; the real start-up below reuses it
    QTimer.singleShot(0, drive)
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
