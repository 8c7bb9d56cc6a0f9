"""Start-up: the self-test, the demo offer on an empty database, and plain errors for a bad database."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coachdesk import app as app_module
from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import app_paths
from coachdesk.services import common
from coachdesk.ui.main_window import MainWindow


@pytest.fixture
def clean_exit(qapp):  # noqa: ANN001, ANN201
    """After ``run_gui`` has run ``exec`` and quit, run one more short ``exec`` so that a quit request Qt still
    holds (from the window's destruction after the loop) is consumed here, not by a later test's event loop."""
    yield
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()


def test_self_test_passes_on_a_good_database(qapp, ctx) -> None:
    out = io.StringIO()
    assert app_module.run_self_test(ctx.paths, ctx.location, out) == 0
    lines = out.getvalue().splitlines()
    for name in ("Database", "Main window", "Today", "Team", "Agent", "Goals", "Observe", "One-to-ones", "KPIs",
                 "Reports", "People", "First agent", "Quick switcher", "Print preview"):
        assert any(line.startswith("ok") and f" {name} " in line and line.rstrip().endswith("ms")
                   for line in lines), name
    assert "FAIL" not in out.getvalue()


def test_self_test_fails_when_a_page_raises(qapp, ctx, monkeypatch) -> None:
    from coachdesk.ui.pages import team_page

    def broken(*_args, **_kwargs) -> None:
        raise RuntimeError("team page is broken")

    monkeypatch.setattr(team_page.TeamPage, "__init__", broken)
    out = io.StringIO()
    assert app_module.run_self_test(ctx.paths, ctx.location, out) == 1
    failed = [line for line in out.getvalue().splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1
    assert " Team " in failed[0] and "team page is broken" in failed[0]


def test_self_test_reports_an_unreadable_database(qapp, tmp_path) -> None:
    paths = app_paths(tmp_path).ensure()
    paths.default_db.write_text("not a database")
    out = io.StringIO()
    assert app_module.run_self_test(paths, common.resolve_location(paths), out) == 1
    assert out.getvalue().startswith("FAIL Database")


def test_empty_database_offers_demo_data(qtbot, empty_ctx) -> None:
    window = MainWindow(empty_ctx, remember=False)
    qtbot.addWidget(window)
    window.show()
    today = window.page("today")
    qtbot.waitUntil(lambda: today.demo_button.isVisibleTo(today), timeout=2000)
    today.demo_button.click()
    dialog = window.demo_dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.agents.value(), dialog.days.value(), dialog.seed.value()) == (60, 365, 1)
    assert not dialog.progress.isVisible()
    dialog.reject()


def test_demo_dialog_runs_the_generator_with_progress(qtbot, empty_ctx, monkeypatch) -> None:
    from coachdesk.ui.dialogs import demo_dialog

    calls: list[tuple] = []
    seen: list[int] = []

    def fake_generate(db, agents, days, seed, progress=None):  # noqa: ANN001, ANN202
        calls.append((db, agents, days, seed))
        progress(50, "half way")
        return {"agents": agents}

    monkeypatch.setattr(demo_dialog, "generate_demo_data", fake_generate)
    window = MainWindow(empty_ctx, remember=False)
    qtbot.addWidget(window)
    dialog = window.offer_demo_data()
    dialog.progress.valueChanged.connect(seen.append)
    dialog.agents.setValue(6)
    dialog.days.setValue(20)
    with qtbot.waitSignal(dialog.loaded, timeout=2000):
        dialog.load_button.click()
    assert calls == [(empty_ctx.db, 6, 20, 1)]
    assert 50 in seen
    assert not dialog.isVisible()
    assert "Demo data loaded" in window.statusBar().currentMessage()


def test_demo_dialog_shows_a_failure_and_stays_open(qtbot, empty_ctx, monkeypatch) -> None:
    from coachdesk.ui.dialogs import demo_dialog

    def failing(*_args, **_kwargs) -> None:
        raise CoachDeskError("The database already holds people.")

    monkeypatch.setattr(demo_dialog, "generate_demo_data", failing)
    dialog = demo_dialog.DemoDialog(empty_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    assert dialog.isVisible()
    assert "already holds people" in dialog.status.text()
    assert dialog.load_button.isEnabled()


def test_run_gui_offers_demo_data_on_an_empty_database(qapp, tmp_path, monkeypatch, clean_exit) -> None:
    offered: list[bool] = []

    def offer(self) -> None:  # noqa: ANN001
        offered.append(True)
        QApplication.quit()

    monkeypatch.setattr(MainWindow, "offer_demo_data", offer)
    monkeypatch.delenv(app_module.QUIT_AFTER_SHOW_ENV, raising=False)
    paths = app_paths(tmp_path).ensure()
    assert app_module.run_gui(paths, common.resolve_location(paths)) == 0
    assert offered == [True]
    assert QApplication.applicationName() == "CoachDesk"
    assert QApplication.organizationName() == "CoachDesk"


def test_run_gui_quits_after_show_when_asked(qapp, ctx, monkeypatch, capfd, clean_exit) -> None:
    monkeypatch.setenv(app_module.QUIT_AFTER_SHOW_ENV, "1")
    monkeypatch.setenv(app_module.LAUNCH_TIME_ENV, "0")
    assert app_module.run_gui(ctx.paths, ctx.location) == 0
    assert "shown_after_ms=" in capfd.readouterr().err


def test_run_gui_explains_a_foreign_file_and_exits_non_zero(qapp, tmp_path, monkeypatch, clean_exit) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    paths = app_paths(tmp_path).ensure()
    paths.default_db.write_text("a shopping list, not a database")
    assert app_module.run_gui(paths, common.resolve_location(paths)) == 1
    assert len(shown) == 1 and "not a CoachDesk database" in shown[0]
    assert "Traceback" not in shown[0]


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("restore", [True, False])
def test_damaged_database_offers_the_newest_backup(qapp, ctx, restore) -> None:
    backup = common.backup_now(ctx.db)
    ctx.db.dispose()
    path = ctx.location.path
    _damage(path)
    with pytest.raises(CoachDeskError) as failure:
        common.open_store(ctx.location)
    boxes: list[QMessageBox] = []

    def ask(box: QMessageBox) -> bool:
        boxes.append(box)
        return restore

    opened = app_module.recover_from_open_error(failure.value, ctx.location, ask=ask)
    assert "damaged" in boxes[0].text() or "could not be read" in boxes[0].text()
    assert backup.name in boxes[0].informativeText()
    assert boxes[0].findChild(object, "restoreBackup") is not None
    if restore:
        assert opened is not None and not common.is_empty(opened.db)
        opened.db.dispose()
        assert any(p.name.startswith("damaged-") or "before-restore" in p.name for p in backup.parent.iterdir())
    else:
        assert opened is None


def test_no_backup_means_no_restore_offer(qapp, tmp_path) -> None:
    paths = app_paths(tmp_path).ensure()
    location = common.resolve_location(paths)
    common.open_store(location).db.dispose()
    _damage(paths.default_db)
    shutil.rmtree(paths.data_dir / "backups", ignore_errors=True)
    with pytest.raises(CoachDeskError) as failure:
        common.open_store(location)
    boxes: list[QMessageBox] = []
    assert app_module.recover_from_open_error(failure.value, location, ask=lambda b: boxes.append(b) or True) is None
    assert boxes[0].findChild(object, "restoreBackup") is None


def test_demo_dialog_with_the_real_generator_fills_the_window(qtbot, empty_ctx) -> None:
    window = MainWindow(empty_ctx, remember=False)
    qtbot.addWidget(window)
    window.show()
    dialog = window.offer_demo_data()
    dialog.agents.setValue(6)
    dialog.days.setValue(20)
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.load_button.click()
    assert dialog.summary.agents == 6
    today = window.page("today")
    qtbot.waitUntil(lambda: today.cards["agents"].value_text() not in ("–", "0"), timeout=5000)
    assert not today.demo_button.isVisibleTo(today)
    agent = window.show_page("agent")
    assert agent.visible_count() > 0
    assert "6 active agents" in window.statusBar().currentMessage()  # as the tiles count them


def test_self_test_fails_when_the_preview_cannot_draw_a_page(qapp, ctx, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.ui import pdf_pages

    def broken(self, index, dpi):  # noqa: ANN001, ANN202 - PDFium missing from a build, say
        raise OSError("libpdfium.so: cannot open shared object file")

    monkeypatch.setattr(pdf_pages.PdfPages, "image", broken)
    out = io.StringIO()
    assert app_module.run_self_test(ctx.paths, ctx.location, out) == 1
    assert any(line.startswith("FAIL") and "Print preview" in line for line in out.getvalue().splitlines())
