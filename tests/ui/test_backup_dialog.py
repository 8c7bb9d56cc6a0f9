"""Backup & Restore dialog on a real file: list, back up now, restore (confirmed; the window reopens the restored
data), a foreign restore file refused with nothing changed, the full integrity check in plain words."""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QPalette

from coachdesk.services import people as people_api
from coachdesk.ui.dialogs.backup_dialog import BackupDialog
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.theme import dark_palette
from tests.services.test_backups_service import corrupt, digest
from tests.ui.naming import unnamed_widgets


def open_dialog(qtbot, ctx, **kwargs) -> BackupDialog:  # noqa: ANN001
    dialog = BackupDialog(ctx, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(ctx) -> list[str]:  # noqa: ANN001
    return sorted(p.display_name for p in people_api.list_people(ctx.db))


def test_back_up_now_lists_the_new_backup(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, ctx)
    assert unnamed_widgets(dialog) == []
    assert dialog.table.rowCount() == 0 and dialog.status.text() == "No backups yet."
    assert not dialog.restore_button.isEnabled()
    dialog.back_up_button.click()
    assert dialog.table.rowCount() == 1 and "Backed up to coachdesk-" in dialog.status.text()
    assert dialog.table.item(0, 1).text() == "asked for" and dialog.table.item(0, 3).text()
    assert dialog.table.item(0, 2).text().endswith("B")  # a size such as "245.8 kB"
    assert dialog.restore_button.isEnabled() and not dialog.running and dialog.progress.isHidden()


def test_restore_replaces_the_data_and_the_window_reopens_it(qtbot, ctx, sample) -> None:  # noqa: ANN001
    window = MainWindow(ctx, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.show_page("people")
    dialog = window.open_backups()
    dialog.back_up_button.click()
    before = names(ctx)
    with ctx.db.unit_of_work() as s:  # after the backup, someone removes a person's aliases and the person
        s.connection().exec_driver_sql("DELETE FROM person_alias")
    con = sqlite3.connect(ctx.location.path)
    con.execute("UPDATE person SET display_name = 'Renamed' WHERE display_name = 'Farah Khan'")
    con.commit()
    con.close()
    assert "Renamed" in names(ctx)
    old_page = window.pages["people"]
    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or True
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert asked and "backed up first" in asked[0]
    assert names(ctx) == before and "Restored" in dialog.status.text()
    assert dialog.table.rowCount() == 2 and {dialog.table.item(r, 1).text() for r in range(2)} == {
        "asked for", "before a restore"}
    assert window.pages["people"] is not old_page and window.current_page_key() == "people"


def test_declining_the_confirmation_changes_nothing(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, ctx)
    dialog.back_up_button.click()
    before = digest(ctx.location.path)
    dialog.confirm = lambda text: False
    dialog.restore_button.click()
    assert digest(ctx.location.path) == before and dialog.table.rowCount() == 1


def test_a_foreign_restore_file_is_refused_with_the_reason(qtbot, ctx, tmp_path) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, ctx)
    restored: list[object] = []
    dialog.restored.connect(restored.append)
    dialog.confirm = lambda text: True
    foreign = tmp_path / "notes.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    ctx.db.dispose()
    before = digest(ctx.location.path)
    dialog.restore_from_file(foreign)
    assert "not a CoachDesk one" in dialog.status.text() and "nothing was changed" in dialog.status.text()
    assert digest(ctx.location.path) == before and restored == [] and dialog.table.rowCount() == 0
    assert names(ctx)  # the database still opens and reads


def test_check_database_says_intact_in_plain_words(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, ctx, check_now=True)
    assert dialog.result_box.isVisible() and "intact" in dialog.result_title.text()
    assert dialog.result_text.text().startswith("No problems found")
    assert not dialog.restore_good_button.isVisible()


def test_check_database_finds_damage_and_offers_the_newest_good_backup(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, ctx)
    dialog.back_up_button.click()
    good = dialog.rows[0].path
    ctx.db.dispose()
    corrupt(ctx.location.path)
    damaged = digest(ctx.location.path)
    dialog.check_button.click()
    assert "damaged" in dialog.result_title.text() and "Restore the newest good backup" in dialog.result_text.text()
    assert dialog.restore_good_button.isVisible()
    dialog.confirm = lambda text: True
    dialog.restore_good_button.click()
    assert "Restored" in dialog.status.text() and not dialog.result_box.isVisible()
    kept = [p for p in good.parent.iterdir() if p.name.startswith("damaged-") and p.suffix == ".sqlite3"]
    assert len(kept) == 1 and digest(kept[0]) == damaged
    dialog.check_button.click()
    assert "intact" in dialog.result_title.text()


def test_dialog_reads_in_dark_mode(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, ctx)
    dialog.setPalette(dark_palette())
    dialog.back_up_button.click()
    text = dialog.table.palette().color(QPalette.ColorRole.Text)
    base = dialog.table.palette().color(QPalette.ColorRole.Base)
    assert abs(text.lightness() - base.lightness()) > 120
