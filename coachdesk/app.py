"""Composition root of the desktop app: open the database, then create Qt and the main window (or the self-test)."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from coachdesk import APP_NAME, ORG_NAME, __version__
from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import AppPaths
from coachdesk.services.context import AppContext
from coachdesk.services.location import Location

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
    app.setDesktopFileName("coachdesk")
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
    taken = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    box.setInformativeText(tr("The newest backup is from {taken} ({file}). Restore it? A copy of the current file "
                              "is kept in the backups folder first.").format(taken=taken, file=backup.path.name))
    restore = box.addButton(tr("&Restore backup"), QMessageBox.ButtonRole.AcceptRole)
    restore.setObjectName("restoreBackup")
    box.addButton(tr("&Quit"), QMessageBox.ButtonRole.RejectRole).setObjectName("quit")
    box.setDefaultButton(restore)
    return box


def _restorable_backup(error: BaseException, location: Location):  # noqa: ANN202
    from coachdesk.services import store
    from coachdesk.storage.errors import DamagedDatabase

    if not isinstance(error, DamagedDatabase) or location.path is None:
        return None
    backups = store.backups_of(location.path)
    return backups[0] if backups else None


def _clicked_restore(box) -> bool:  # noqa: ANN001
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and clicked.objectName() == "restoreBackup"


def _set_aside(path: Path) -> Path:
    """Move a damaged database (and its -wal/-shm files) into the backups folder under a name never restored."""
    from coachdesk.paths import backups_dir_for

    folder = backups_dir_for(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"damaged-{time.strftime('%Y%m%dT%H%M%S')}-{path.name}"
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.replace(Path(f"{target}{suffix}"))
    return target


def restore_newest_backup(location: Location, backup):  # noqa: ANN001, ANN201 - OpenedStore
    """Restore ``backup`` over the damaged file and open it; when the damaged file cannot even be copied with
    SQLite's backup API, it is moved aside into the backups folder first."""
    from coachdesk.services import store
    from coachdesk.storage.errors import BackupError

    path = Path(location.path)
    try:
        store.restore_from(path, backup.path)
    except BackupError as exc:
        aside = _set_aside(path)
        log.warning("could not copy the damaged %s (%s); moved it to %s before restoring", path, exc, aside)
        store.restore_from(path, backup.path)
    return store.open_store(location)


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
    from coachdesk.services.startup import ready_without_migration

    try:
        if ready_without_migration(location):
            return AppContext(None, paths, location), True, None
        from coachdesk.services import store

        opened = store.open_store(location)
        return AppContext(opened.db, paths, location), False, None
    except CoachDeskError as exc:
        log.error("cannot open %s: %s", location.path or location.url, exc)
        return None, False, exc


def _after_show(window, ctx: AppContext, fast: bool) -> None:  # noqa: ANN001
    from coachdesk.services import store

    if store.is_empty(ctx.db):
        window.offer_demo_data()
    else:
        window.offer_unfinished_observation()
    if fast:
        from coachdesk.services.startup import background_quick_check
        from coachdesk.ui import tasks

        window.quick_check_task = tasks.submit(background_quick_check, ctx.location,
                                               on_success=lambda problems: _on_quick_check(window, ctx, problems))


def _on_quick_check(window, ctx: AppContext, problems: list[str]) -> None:  # noqa: ANN001
    """A damaged file found after start-up: say so, and offer the newest backup (the app then closes)."""
    if not problems:
        return
    from coachdesk.storage.errors import DamagedDatabase

    log.error("quick_check found problems in %s: %s", ctx.location.path, problems)
    error = DamagedDatabase(f"{ctx.location.path} is damaged ({'; '.join(problems[:3])}).")
    backup = _restorable_backup(error, ctx.location)
    box = open_error_box(error, ctx.location, backup)
    if not _clicked_restore(box) or backup is None:
        return
    ctx.dispose()
    try:
        restore_newest_backup(ctx.location, backup)
    except CoachDeskError as exc:
        _clicked_restore(open_error_box(exc, ctx.location))
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(window, window.tr("Backup restored"),
                            window.tr("The backup was restored. CoachDesk will close now; start it again."))
    window.close()


def run_gui(paths: AppPaths, location: Location, argv: list[str] | None = None) -> int:
    """Check the database first, then Qt; show the main window and run until it closes."""
    ctx, fast, error = _open_for_gui(paths, location)
    app = create_application(argv)
    if ctx is None:
        assert error is not None
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
    from coachdesk.services import store

    start = time.perf_counter()
    try:
        opened = store.open_store(location)
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
