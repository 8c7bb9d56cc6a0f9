"""A damaged database at start, with a deliberately corrupted real file: reported with the offer of the newest *good*
backup (a damaged newer one is skipped), restored off the GUI thread, the damaged bytes kept aside; and the daily
start-up backup taken after the window is up."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QMessageBox

from coachdesk import app as app_module
from coachdesk.services import maintenance, people
from coachdesk.services.common import AppContext
from coachdesk.storage.backup import backup_database, list_backups
from coachdesk.ui.main_window import MainWindow
from tests.services.test_backups_service import corrupt, digest


def damaged_with_backups(ctx) -> tuple:  # noqa: ANN001
    """A good backup, a newer damaged backup, then the database itself damaged."""
    folder = maintenance.backups_folder(ctx.location)
    good = backup_database(ctx.location.path, folder, "manual", now=datetime(2026, 11, 1, tzinfo=UTC))
    bad = backup_database(ctx.location.path, folder, "manual", now=datetime(2026, 11, 2, tzinfo=UTC))
    corrupt(bad)
    ctx.db.dispose()
    corrupt(ctx.location.path)
    return good, bad


def test_damage_found_after_the_window_shows_offers_the_newest_good_backup(qtbot, ctx, sample) -> None:  # noqa: ANN001
    good, _bad = damaged_with_backups(ctx)
    damaged = digest(ctx.location.path)
    context, fast, error = app_module._open_for_gui(ctx.paths, ctx.location)
    assert error is None and fast and context is not None  # header and revision are fine: the fast path opens it
    window = MainWindow(AppContext(None, ctx.paths, ctx.location), remember=False)
    qtbot.addWidget(window)
    window.show()
    boxes: list[QMessageBox] = []

    def ask(box: QMessageBox) -> bool:
        boxes.append(box)
        return box.findChild(object, "restoreBackup") is not None

    original = app_module._clicked_restore
    app_module._clicked_restore = ask
    try:
        app_module._after_show(window, window.ctx, fast=True)
    finally:
        app_module._clicked_restore = original
    assert boxes and "is damaged" in boxes[0].text()
    assert good.name in boxes[0].informativeText()  # the damaged newer backup was checked and skipped
    assert sorted(p.display_name for p in people.list_people(window.ctx.db))  # restored and readable
    kept = [p for p in good.parent.iterdir() if p.name.startswith("damaged-") and p.suffix == ".sqlite3"]
    assert len(kept) == 1 and digest(kept[0]) == damaged
    assert not maintenance.after_start(ctx.location).problems
    assert "restored" in window.statusBar().currentMessage()


def test_a_file_sqlite_cannot_open_is_reported_with_the_offer(qtbot, ctx, sample) -> None:  # noqa: ANN001
    good, _bad = damaged_with_backups(ctx)
    data = bytearray(ctx.location.path.read_bytes())
    data[:100] = b"\x00" * 100  # the header itself: SQLite cannot open the file at all
    ctx.location.path.write_bytes(bytes(data))
    context, _fast, error = app_module._open_for_gui(ctx.paths, ctx.location)
    assert context is None and error is not None
    boxes: list[QMessageBox] = []
    opened = app_module.recover_from_open_error(error, ctx.location, ask=lambda box: boxes.append(box) or True)
    assert boxes[0].findChild(object, "restoreBackup") is not None and good.name in boxes[0].informativeText()
    assert opened is not None
    try:
        assert sorted(p.display_name for p in people.list_people(opened.db))
    finally:
        opened.db.dispose()
    assert any(p.name.startswith("damaged-") for p in good.parent.iterdir())


def test_a_zero_byte_file_is_damage_with_the_offer_never_a_new_database(qtbot, ctx, sample) -> None:  # noqa: ANN001
    good, _bad = damaged_with_backups(ctx)
    for suffix in ("-wal", "-shm"):
        ctx.location.path.with_name(ctx.location.path.name + suffix).unlink(missing_ok=True)
    ctx.location.path.write_bytes(b"")
    context, _fast, error = app_module._open_for_gui(ctx.paths, ctx.location)
    assert context is None and error is not None and "is empty (0 bytes)" in str(error)
    assert ctx.location.path.stat().st_size == 0  # not silently re-created
    boxes: list[QMessageBox] = []
    declined = app_module.recover_from_open_error(error, ctx.location, ask=lambda box: boxes.append(box) and False)
    assert declined is None and ctx.location.path.stat().st_size == 0
    assert good.name in boxes[0].informativeText() and "0 bytes" in boxes[0].text()
    opened = app_module.recover_from_open_error(error, ctx.location, ask=lambda box: True)
    assert opened is not None
    try:
        assert sorted(p.display_name for p in people.list_people(opened.db))
    finally:
        opened.db.dispose()


def test_the_daily_backup_is_taken_after_the_window_shows(qtbot, ctx) -> None:  # noqa: ANN001
    assert list_backups(maintenance.backups_folder(ctx.location)) == []
    window = MainWindow(ctx, remember=False)
    qtbot.addWidget(window)
    window.show()
    app_module._after_show(window, ctx, fast=True)
    taken = list_backups(maintenance.backups_folder(ctx.location))
    assert [b.reason for b in taken] == ["auto"]
    app_module._after_show(window, ctx, fast=False)  # a second start the same day: no second backup
    assert len(list_backups(maintenance.backups_folder(ctx.location))) == 1
