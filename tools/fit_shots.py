"""Screenshots of every page (and Observe with an interaction running) at a laptop's size, to look at the fit.

Builds a small demo database in a temporary folder (or copies ``--db``), opens the main window offscreen at the
given size, shows each page, prints the window's minimum size hint and writes one PNG per page.

    python tools/fit_shots.py --out /tmp/shots                                  # 1280x720 at 100 %
    QT_SCALE_FACTOR=1.5 python tools/fit_shots.py --out /tmp/shots --size 1920x1080   # 150 %

The size is in physical pixels: at ``QT_SCALE_FACTOR=1.5`` a 1920x1080 screen is 1280x720 logical pixels.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_demo(target: Path, agents: int, days: int) -> None:
    subprocess.run([sys.executable, "-m", "coachdesk", "--db", str(target), "demo", "--agents", str(agents),
                    "--days", str(days)], check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNGs (outside the repository)")
    parser.add_argument("--size", default="1280x720", help="screen size in physical pixels, WxH")
    parser.add_argument("--db", type=Path, help="a demo database to copy (default: build a 60-agent one)")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.lower().split("x"))
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-shots-"))
    screen_file = folder / "screen.json"  # the offscreen platform's one screen, in physical pixels
    screen_file.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                                    "height": height, "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_file}"
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from coachdesk.paths import app_paths
    from coachdesk.services.common import AppContext, open_store, resolve_location
    from coachdesk.ui import tasks
    from coachdesk.ui.main_window import MainWindow
    from coachdesk.ui.pages import PAGE_KEYS
    from coachdesk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app, os.environ.get("COACHDESK_COLOR_SCHEME") or "light")  # as the app starts
    tasks.set_synchronous(True)
    paths = app_paths(folder / "data").ensure()
    if args.db:
        with sqlite3.connect(args.db) as src, sqlite3.connect(paths.default_db) as dst:
            src.backup(dst)
    else:
        build_demo(paths.default_db, 60, 180)
    location = resolve_location(paths)
    ctx = AppContext(open_store(location).db, paths, location)
    window = MainWindow(ctx, remember=False)
    window.show()
    screen = window.screen().availableGeometry()
    print(f"screen {screen.width()}x{screen.height()} logical at scale {scale}; window {window.width()}x"
          f"{window.height()}")
    tag = f"{width}x{height}@{scale:g}"

    def shoot(name: str) -> None:
        for _ in range(20):  # timers (a chart drawn after a pause) fire too
            app.processEvents()
            time.sleep(0.02)
        hint = window.minimumSizeHint()
        page = window.stack.currentWidget()
        scroller = getattr(page, "scroller", None)
        content = scroller.widget().minimumSizeHint() if scroller is not None else page.minimumSizeHint()
        view = scroller.viewport().size() if scroller is not None else page.size()
        print(f"  {name:<18} window minimum {hint.width()}x{hint.height()}, size {window.width()}x{window.height()}"
              f"; page content minimum {content.width()}x{content.height()} in {view.width()}x{view.height()}")
        window.grab().save(str(args.out / f"{tag}-{name}.png"))
        if scroller is not None and scroller.verticalScrollBar().maximum() > 0:  # and what is below the fold
            scroller.verticalScrollBar().setValue(scroller.verticalScrollBar().maximum())
            app.processEvents()
            window.grab().save(str(args.out / f"{tag}-{name}-end.png"))
            scroller.verticalScrollBar().setValue(0)

    for key in PAGE_KEYS:
        window.show_page(key)
        shoot(key)
    agent = window.show_page("agent")
    uuid = agent.model.row_at(0).uuid if agent.model.rowCount() else None
    if uuid:
        window.open_agent(uuid)
        shoot("agent-open")
        window.prepare_one_to_one(uuid)
        shoot("one_to_ones-open")
        page = window.stack.currentWidget()
        page.tabs.setCurrentIndex(1)
        shoot("one_to_ones-record")
        if page.start_session():  # a session with a long item: it elides in the items list, whole on hover
            items = page.editor.items
            items.add_line()
            text = ("Send the callback time by e-mail after every promised callback, and log it in the CRM with the "
                    "customer's preferred channel before the end of the shift")
            items.text.setText(text)
            items.text.textEdited.emit(text)  # as typing does
            shoot("one_to_ones-started")
        page.tabs.setCurrentIndex(0)
        observe = window.show_page("observe")
        observe.start_session(uuid)
        shoot("observe-session")
        observe.toggle_interaction()
        shoot("observe-running")
        session = observe.session_uuid()
        from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog

        dialog = FeedbackDialog(ctx, session, window)  # the composer, once 1,390 px wide
        dialog.show()
        for _ in range(5):
            app.processEvents()
        print(f"  feedback dialog    minimum {dialog.minimumSizeHint().width()}x{dialog.minimumSizeHint().height()}"
              f", size {dialog.width()}x{dialog.height()}")
        dialog.grab().save(str(args.out / f"{tag}-feedback-dialog.png"))
        dialog.reject()
    window.show_page("team")
    shoot("team-after-observe")
    shortcuts = window.show_shortcuts()  # Help > Keyboard shortcuts
    for _ in range(5):
        app.processEvents()
    shortcuts.grab().save(str(args.out / f"{tag}-shortcuts-dialog.png"))
    shortcuts.reject()
    window.close()
    ctx.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
