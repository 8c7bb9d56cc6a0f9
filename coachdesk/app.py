"""Composition root of the desktop app: open the database, then create Qt and the main window (or the self-test)."""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TextIO

from coachdesk import APP_NAME, ORG_NAME, __version__
from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import AppPaths
from coachdesk.services.common import AppContext, Location

log = logging.getLogger(__name__)

#: Set to 1 to quit as soon as the main window is shown (start-up benchmark).
QUIT_AFTER_SHOW_ENV = "COACHDESK_QUIT_AFTER_SHOW"
#: ``time.time()`` when the benchmark launched the process; with it, the time to shown goes to stderr.
LAUNCH_TIME_ENV = "COACHDESK_LAUNCH_TIME"


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def create_application(argv: list[str] | None = None, offscreen: bool = False):  # noqa: ANN201 - QApplication
    """The one QApplication (reused when it exists, as under pytest-qt), named, themed and with its icon."""
    if offscreen and not _has_display() and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from coachdesk.paths import resource
    from coachdesk.ui.theme import apply_theme

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv else [sys.argv[0] if sys.argv and sys.argv[0] else APP_NAME])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("coachdesk")  # Wayland app id / X11 match with installer/linux/coachdesk.desktop
    if sys.platform == "win32":  # group the taskbar button with the Start-menu shortcut (installer/windows/*.iss)
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("CoachDesk.CoachDesk")
    try:
        icon_file = resource("icons", "coachdesk.svg")
    except FileNotFoundError:
        icon_file = None
    if icon_file is not None and icon_file.is_file():
        app.setWindowIcon(QIcon(str(icon_file)))
    apply_theme(app)
    return app


# -- start-up failures --------------------------------------------------------------------------------------------
def open_error_box(error: BaseException, location: Location, backup=None):  # noqa: ANN001, ANN201 - QMessageBox
    """The plain message for a database that cannot be opened; with ``backup``, an offer to restore it."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    def tr(text: str) -> str:
        return QCoreApplication.translate("StartUp", text)

    box = QMessageBox(QMessageBox.Icon.Critical, tr("CoachDesk cannot open its database"), str(error))
    box.setObjectName("openErrorBox")
    if backup is None:
        box.setInformativeText(tr("Database: {location}").format(location=location.path or location.url))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        return box
    from coachdesk.ui.kit.words import when_text

    taken = when_text(backup.taken_at)
    box.setInformativeText(tr("The newest backup is from {taken} ({file}). Restore it? A copy of the current file "
                              "is kept in the backups folder first.").format(taken=taken, file=backup.path.name))
    restore = box.addButton(tr("&Restore backup"), QMessageBox.ButtonRole.AcceptRole)
    restore.setObjectName("restoreBackup")
    box.addButton(tr("&Quit"), QMessageBox.ButtonRole.RejectRole).setObjectName("quit")
    box.setDefaultButton(restore)
    return box


def _restorable_backup(error: BaseException, location: Location):  # noqa: ANN202
    """The newest backup that is itself intact (checked before it is offered), for a damaged SQLite file."""
    from coachdesk.services import maintenance as maintenance_api
    from coachdesk.storage.errors import DamagedDatabase, NotACoachDeskDatabase

    if location.path is None or not isinstance(error, DamagedDatabase | NotACoachDeskDatabase):
        return None
    if isinstance(error, NotACoachDeskDatabase) and not location.path.is_file():
        return None  # a folder: nothing was damaged; a file with backups of its own may have lost its header
    return maintenance_api.newest_good_backup(location)


def _clicked_restore(box) -> bool:  # noqa: ANN001
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and clicked.objectName() == "restoreBackup"


def restore_newest_backup(location: Location, backup):  # noqa: ANN001, ANN201 - OpenedStore
    """Keep the damaged file's bytes in the backups folder (never deleted), restore ``backup`` over it, open it."""
    from coachdesk.services import common as common_api
    from coachdesk.services import maintenance as maintenance_api

    kept, _safety = maintenance_api.recover_damaged(location, backup.path)
    log.warning("restored %s over the damaged %s; its bytes are kept in %s", backup.path, location.path, kept)
    return common_api.open_store(location)


def recover_from_open_error(error: CoachDeskError, location: Location, ask=_clicked_restore  # noqa: ANN001
                            ):  # noqa: ANN202 - OpenedStore | None
    """Explain the failure; for a damaged SQLite file with a backup, offer to restore it and open again."""
    backup = _restorable_backup(error, location)
    box = open_error_box(error, location, backup)
    if not ask(box) or backup is None:
        return None
    try:
        return restore_newest_backup(location, backup)
    except CoachDeskError as exc:
        log.error("restoring %s failed: %s", backup.path, exc)
        ask(open_error_box(exc, location))
        return None


#: a team server's faults at start that the sign-in dialog explains and lets the user retry
SERVER_SIGN_IN_FAULTS = ("unreachable", "auth")


def sign_in_to_server(error: BaseException, location: Location, run=None):  # noqa: ANN001, ANN201
    """The sign-in dialog for a team server that is down or refused the sign-in: (opened store or None, location
    with the login typed in it)."""
    from coachdesk.ui.dialogs.sign_in_dialog import ServerSignInDialog

    dialog = ServerSignInDialog(error, location)
    if not (run or ServerSignInDialog.exec)(dialog):
        return None, location
    return dialog.opened, dialog.location


# -- entry points -------------------------------------------------------------------------------------------------
def _elapsed_ms() -> float | None:
    launched = os.environ.get(LAUNCH_TIME_ENV)
    return (time.time() - float(launched)) * 1000 if launched else None


def _report_shown(app, window) -> None:  # noqa: ANN001
    """Benchmark hook: print when the window was shown, then when its start page was ready, then quit."""
    shown = _elapsed_ms()
    if shown is not None:
        sys.stderr.write(f"shown_after_ms={shown:.1f}\n")

    def page_ready() -> None:
        ready = _elapsed_ms()
        if ready is not None:
            sys.stderr.write(f"page_after_ms={ready:.1f}\n")
        sys.stderr.flush()
        app.quit()

    if window.pages and window.loading is None:
        page_ready()
    else:
        window.ready.connect(page_ready)


def _open_for_gui(paths: AppPaths, location: Location) -> tuple[AppContext | None, bool, CoachDeskError | None]:
    """(context, fast, error). Fast: an up-to-date SQLite file, checked with the standard library only, so the
    window can appear before SQLAlchemy loads; its ``quick_check`` then runs in the background."""
    from coachdesk.services.maintenance import ready_without_migration

    try:
        if ready_without_migration(location):
            return AppContext(None, paths, location), True, None
        from coachdesk.services import common as common_api

        opened = common_api.open_server(location) if location.path is None else common_api.open_store(location)
        return AppContext(opened.db, paths, location), False, None
    except CoachDeskError as exc:
        log.error("cannot open %s: %s", location.path or _without_password(location.url), exc)
        return None, False, exc


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a label for the log only
        return "(the database URL)"


def _after_show(window, ctx: AppContext, fast: bool) -> None:  # noqa: ANN001
    from coachdesk.services import calendar
    from coachdesk.services import common as common_api

    calendar.configure_feeds(ctx.paths.data_dir / "calendars")  # leaders' subscribable .ics files
    window.start_reminders()

    if ctx.location.path is not None:
        from coachdesk.services.maintenance import after_start
        from coachdesk.ui import tasks

        # off the GUI thread: the quick check the fast start skipped, then the daily backup of an intact file
        window.quick_check_task = tasks.submit(after_start, ctx.location, quick_check=fast,
                                               on_success=lambda result: _on_start_check(window, ctx, result))
    try:
        if common_api.is_empty(ctx.db):
            window.offer_demo_data()
        else:
            asking = window.ask_who_is_using()  # the first run with nobody signed in
            if asking is None:
                window.offer_unfinished_observation()
            else:
                asking.finished.connect(lambda _result: window.offer_unfinished_observation())
    except Exception:  # noqa: BLE001 - a damaged file: the check above reports it in plain words
        log.exception("could not read %s after start-up", ctx.location.path or ctx.location.url)


def _on_start_check(window, ctx: AppContext, result) -> None:  # noqa: ANN001
    if result.backup is not None:
        log.info("start-up backup: %s", result.backup)
    _on_quick_check(window, ctx, list(result.problems))


def _on_quick_check(window, ctx: AppContext, problems: list[str], ask=None) -> None:  # noqa: ANN001
    """A damaged file found after start-up: say so, and offer the newest good backup; restored on a worker, the
    window then reopens every page on the restored database."""
    if not problems:
        return
    ask = ask or _clicked_restore
    from coachdesk.storage.errors import DamagedDatabase

    log.error("quick_check found problems in %s: %s", ctx.location.path, problems)
    error = DamagedDatabase(f"{ctx.location.path} is damaged ({'; '.join(problems[:3])}).")
    backup = _restorable_backup(error, ctx.location)
    box = open_error_box(error, ctx.location, backup)
    if not ask(box) or backup is None:
        return
    from coachdesk.services.maintenance import recover_damaged
    from coachdesk.ui import tasks

    ctx.dispose()
    window.restore_task = tasks.submit(recover_damaged, ctx.location, backup.path,
                                       on_success=lambda _result: window.reopen_database(),
                                       on_error=lambda exc: ask(open_error_box(exc, ctx.location)))


def run_gui(paths: AppPaths, location: Location, argv: list[str] | None = None) -> int:
    """Check the database first, then Qt; show the main window and run until it closes."""
    ctx, fast, error = _open_for_gui(paths, location)
    app = create_application(argv)
    if ctx is None:
        assert error is not None
        if location.path is None and getattr(error, "kind", "") in SERVER_SIGN_IN_FAULTS:
            opened, location = sign_in_to_server(error, location)  # down (Retry) or a wrong password (type again)
        else:
            opened = recover_from_open_error(error, location)
        if opened is None:
            return 1
        ctx = AppContext(opened.db, paths, location)
    from PySide6.QtCore import QTimer

    from coachdesk.ui import tasks
    from coachdesk.ui.main_window import MainWindow

    window = MainWindow(ctx, defer_first_page=True)
    window.show()
    if os.environ.get(QUIT_AFTER_SHOW_ENV) == "1":
        QTimer.singleShot(0, lambda: _report_shown(app, window))
    else:
        window.ready.connect(lambda: _after_show(window, ctx, fast))
    try:
        return app.exec()
    finally:
        if window.isVisible():  # the loop ended without closing the window (app.quit): still save its state
            window.save_state()  # (closing it here would make Qt quit again, outside any event loop)
        tasks.wait_for_all()
        ctx.dispose()


def run_self_test(paths: AppPaths, location: Location, out: TextIO = sys.stdout) -> int:
    """Open the database and every page of the window (offscreen without a display); 0 only when all opened."""
    from coachdesk.services import common as common_api

    start = time.perf_counter()
    try:
        opened = common_api.open_store(location)
    except CoachDeskError as exc:
        out.write(f"FAIL {'Database':<16} {(time.perf_counter() - start) * 1000:8.1f} ms  {exc}\n")
        return 1
    out.write(f"ok   {'Database':<16} {(time.perf_counter() - start) * 1000:8.1f} ms\n")
    app = create_application(None, offscreen=True)
    from PySide6.QtCore import QEvent

    from coachdesk.ui.main_window import MainWindow
    from coachdesk.ui.selftest import check_pages, report

    window: MainWindow | None = None
    try:
        start = time.perf_counter()
        try:
            window = MainWindow(AppContext(opened.db, paths, location), remember=False)
            window.show()
            app.processEvents()
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            out.write(f"FAIL {'Main window':<16} {(time.perf_counter() - start) * 1000:8.1f} ms  {exc}\n")
            return 1
        out.write(f"ok   {'Main window':<16} {(time.perf_counter() - start) * 1000:8.1f} ms\n")
        return report(check_pages(window), out)
    finally:
        from coachdesk.ui import tasks

        tasks.wait_for_all()
        if window is not None:
            window.close()
            window.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        opened.db.dispose()
