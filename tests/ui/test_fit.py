"""Every page (with demo data) and every dialog fits a 1280x720 screen: the window's minimum size fits, no two
widgets of one layout overlap, and text that is cut off ends in "…" with the whole text on hover."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QScrollArea, QWidget

from coachdesk.paths import app_paths
from coachdesk.services.common import AppContext, open_store, resolve_location
from coachdesk.ui.pages import PAGE_KEYS
from tests.ui.fit_checks import LAPTOP, WINDOW_MINIMUM, clipped_text, fits, overlaps, settle

# the window's frame (title bar, borders) comes out of the screen too
WINDOW_ROOM = QSize(LAPTOP.width(), LAPTOP.height() - 40)


def test_the_tests_run_on_a_1280x720_screen(qapp) -> None:  # noqa: ANN001
    area = qapp.primaryScreen().availableGeometry()
    assert (area.width(), area.height()) == (LAPTOP.width(), LAPTOP.height())


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coachdesk.services.demo import generate_demo

    paths = app_paths(tmp_path_factory.mktemp("fit-demo")).ensure()
    opened = open_store(resolve_location(paths))
    generate_demo(opened.db, agents=24, days=120, seed=3)
    opened.db.dispose()
    return paths.default_db


@pytest.fixture
def demo_ctx(tmp_path: Path, demo_db: Path) -> Iterator[AppContext]:
    paths = app_paths(tmp_path / "data").ensure()
    shutil.copy(demo_db, paths.default_db)
    location = resolve_location(paths)
    opened = open_store(location)
    yield AppContext(opened.db, paths, location)
    opened.db.dispose()


@pytest.fixture
def laptop_window(qtbot, demo_ctx: AppContext):  # noqa: ANN001, ANN201
    from coachdesk.ui.main_window import MainWindow

    window = MainWindow(demo_ctx, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle()  # at the size the window gives itself on this 1280x720 screen
    return window


def _first(ctx: AppContext, model: Any, *where: Any) -> str:
    from sqlalchemy import select

    with ctx.db.session() as session:
        return session.scalars(select(model.uuid).where(*where).limit(1)).one()


def _agent_uuid(ctx: AppContext) -> str:
    """An agent with observations, feedback and one-to-ones (the one whose pages have the most to show)."""
    from sqlalchemy import func, select

    from coachdesk.storage.models import ObservationSession, Person

    with ctx.db.session() as session:
        return session.scalars(select(Person.uuid).join(ObservationSession, ObservationSession.agent_id == Person.id)
                               .group_by(Person.uuid).order_by(func.count().desc()).limit(1)).one()


def _scroller(page: QWidget | None) -> QScrollArea | None:
    scroller = getattr(page, "scroller", None)
    return scroller if isinstance(scroller, QScrollArea) else None


def assert_fits(window: QWidget, room: QSize = WINDOW_ROOM) -> None:
    settle()
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    problems = []
    if not fits(hint, room):
        problems.append(f"minimum size {hint.width()}x{hint.height()} does not fit {room.width()}x{room.height()}")
    if not fits(window.size(), room):
        problems.append(f"the window is {window.width()}x{window.height()}, larger than {room.width()}x"
                        f"{room.height()}")
    for scroller in window.findChildren(QScrollArea):  # panels scroll down, never sideways
        if scroller.isVisible() and scroller.horizontalScrollBar().isVisible():
            content = scroller.widget().minimumSizeHint().width() if scroller.widget() else 0
            problems.append(f"{scroller.objectName() or 'a panel'} scrolls sideways: it needs {content} px, the "
                            f"window gives it {scroller.viewport().width()}")
    problems += overlaps(window) + clipped_text(window)
    assert not problems, "\n".join(problems)


def test_the_main_window_asks_for_at_most_1024x640(laptop_window) -> None:  # noqa: ANN001
    for key in ("today", "team", "one_to_ones", "observe"):
        laptop_window.show_page(key)
    settle()
    hint = laptop_window.minimumSizeHint().expandedTo(laptop_window.minimumSize())
    assert fits(hint, WINDOW_MINIMUM), f"{hint.width()}x{hint.height()}"




@pytest.mark.parametrize("key", PAGE_KEYS)  # every page the navigation lists
def test_every_page_fits_a_1280x720_screen(laptop_window, key: str) -> None:  # noqa: ANN001
    laptop_window.show_page(key)
    assert_fits(laptop_window)


def test_an_agent_and_their_one_to_one_fit(laptop_window) -> None:  # noqa: ANN001
    uuid = _agent_uuid(laptop_window.ctx)
    assert laptop_window.open_agent(uuid)
    assert_fits(laptop_window)
    assert laptop_window.prepare_one_to_one(uuid)
    assert_fits(laptop_window)


def test_an_observation_fits_and_keeps_the_note_scale_and_keys_in_sight(laptop_window) -> None:  # noqa: ANN001
    page = laptop_window.show_page("observe")
    page.start_session(_agent_uuid(laptop_window.ctx))
    assert_fits(laptop_window)  # "No interaction running…" must not widen the window
    page.toggle_interaction()
    assert_fits(laptop_window)
    view = page.view
    for widget in (view.note, view.keys, view.zone_keys, view.behaviour_detail):  # the scale is in the detail
        assert widget.isVisible() and _in_sight(widget, page), f"{widget.objectName()} is out of sight"
    assert "Not yet" in view.behaviour_detail.text()
    laptop_window.show_page("team")  # the session's width must not stay with the window
    assert_fits(laptop_window)


def _in_sight(widget: QWidget, page: QWidget) -> bool:
    """The widget lies wholly inside the page's scroll viewport, as scrolled now."""
    scroller = _scroller(page)
    viewport = scroller.viewport() if scroller is not None else page
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


def test_the_team_dashboard_is_reachable_by_scrolling(laptop_window) -> None:  # noqa: ANN001
    page = laptop_window.show_page("team")
    settle()
    dashboard = page.dashboard
    scroller = _scroller(page)
    assert scroller is not None, "the Team page does not scroll: what does not fit is out of reach"
    bar = scroller.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    assert _in_sight(dashboard.tabs, page)
    assert dashboard.tabs.height() >= 300  # room for the heat map's rows, not a sliver
    assert_fits(laptop_window)


def _dialogs() -> dict[str, Callable[[AppContext, QWidget], QDialog]]:
    from coachdesk.storage.models import Goal, KpiDefinition, Objective, ObservationSession, Team

    def about(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.about_dialog import AboutDialog
        return AboutDialog(parent)

    def backup(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.backup_dialog import BackupDialog
        return BackupDialog(ctx, parent)

    def calibration(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.calibration_dialog import CalibrationDialog
        return CalibrationDialog(ctx, parent)

    def demo(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.demo_dialog import DemoDialog
        return DemoDialog(ctx, parent)

    def erase(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.erase_person_dialog import ErasePersonDialog
        return ErasePersonDialog(ctx, _agent_uuid(ctx), parent)

    def feedback(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog
        return FeedbackDialog(ctx, _first(ctx, ObservationSession), parent)

    def framework(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog
        return FrameworkDialog(ctx, parent)

    def goal(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.goal_dialog import GoalDialog
        return GoalDialog(ctx, _first(ctx, Goal), parent=parent)

    def kpi(ctx: AppContext, parent: QWidget) -> QDialog:
        from sqlalchemy import select

        from coachdesk.ui.dialogs.kpi_dialog import KpiDialog
        with ctx.db.session() as session:
            code = session.scalars(select(KpiDefinition.code).limit(1)).one()
        return KpiDialog(ctx, code, parent)

    def objective(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.objective_dialog import ObjectiveDialog
        return ObjectiveDialog(ctx, _first(ctx, Objective), parent=parent)

    def new_objective(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.objective_dialog import ObjectiveDialog
        return ObjectiveDialog(ctx, person_uuid=_agent_uuid(ctx), parent=parent)

    def person(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.person_dialog import PersonDialog
        return PersonDialog(ctx, _agent_uuid(ctx), parent)

    def session_record(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.session_dialog import SessionDialog
        return SessionDialog(ctx, _first(ctx, ObservationSession), parent)

    def sign_in(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.sign_in_dialog import SignInDialog
        return SignInDialog(ctx, parent)

    def team(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.team_dialog import TeamDialog
        return TeamDialog(ctx, _first(ctx, Team), parent)

    def template(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.template_dialog import TemplateDialog
        return TemplateDialog(ctx, _first(ctx, Team), parent)

    def calendar_settings(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.calendar_settings_dialog import CalendarSettingsDialog
        return CalendarSettingsDialog(ctx, parent)

    def coverage(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.coverage_dialog import CoverageDialog
        return CoverageDialog(ctx, _first(ctx, Team), "Collections", parent)

    def schedule(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.schedule_dialog import ScheduleDialog
        return ScheduleDialog(ctx, None, "All teams", parent)

    def preview(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.services.reports import sample_pdf
        from coachdesk.ui.dialogs.preview_dialog import PreviewDialog
        return PreviewDialog(sample_pdf(), "Sample", parent)

    def kpi_import(ctx: AppContext, parent: QWidget) -> QDialog:
        from coachdesk.ui.dialogs.kpi_import_dialog import KpiImportDialog
        export = ctx.paths.data_dir / "acd-export-with-a-rather-long-file-name-from-the-telephony-system.csv"
        export.write_text("Agent Name,Date,Average Handle Time,Customer Satisfaction %,First Contact Resolution\n"
                          "Wood, Bogdan,2026-12-01,05:34,88.1%,79%\nSomeone Unknown,2026-12-01,06:10,91%,80%\n",
                          encoding="utf-8")
        return KpiImportDialog(ctx, export, parent)

    return {f.__name__: f for f in (kpi_import, about, backup, calibration, demo, erase, feedback, framework, goal, kpi, objective,
                                    new_objective, person, session_record, sign_in, team, template,
                                    calendar_settings, coverage, schedule, preview)}


DIALOGS = tuple(_dialogs())


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_a_1280x720_screen(qtbot, laptop_window, name: str) -> None:  # noqa: ANN001
    dialog = _dialogs()[name](laptop_window.ctx, laptop_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    hint = dialog.minimumSizeHint()
    assert fits(hint, WINDOW_ROOM), f"{name}: minimum size {hint.width()}x{hint.height()}"
    assert_fits(dialog)  # qtbot closes it (some dialogs delete themselves on close)


def test_the_checks_find_overlaps_and_cut_text(qtbot) -> None:  # noqa: ANN001
    """The checks above can fail: a layout squeezed below its minimum, a label too narrow for its text."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

    from coachdesk.ui.kit.fit import ElidedLabel

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    first, second = QPushButton("First", root), QPushButton("Second", root)
    for button in (first, second):
        button.setMinimumHeight(200)
        layout.addWidget(button)
    cut = QLabel("A label far too long for the narrow window it has been put in", root)
    layout.addWidget(cut)
    elided = ElidedLabel("Another label far too long for the narrow window, elided", root)
    layout.addWidget(elided)
    root.show()
    root.setFixedSize(120, 300)  # below the layout's minimum: Qt overlaps the buttons
    settle()
    assert any("overlaps" in problem for problem in overlaps(root))
    problems = clipped_text(root)
    assert any("A label far too long" in problem for problem in problems)
    assert elided.is_elided() and elided.text() in elided.toolTip()
    assert not any("Another label" in problem for problem in problems)
    root.setFixedSize(700, 560)
    settle()
    assert overlaps(root) == []
    assert clipped_text(root) == []
    assert not elided.is_elided() and elided.toolTip() == ""


def test_the_first_size_comes_from_the_screen_and_a_restored_one_is_kept_on_it(qtbot, demo_ctx, tmp_path) -> None:  # noqa: ANN001, E501
    from coachdesk.ui.main_window import MainWindow
    from coachdesk.ui.settings import WindowState

    state = WindowState(tmp_path / "state.ini")
    first = MainWindow(demo_ctx, state=state, remember=False)
    qtbot.addWidget(first)
    area = first.screen().availableGeometry()
    assert area.contains(first.frameGeometry()) or area.contains(first.geometry())
    assert first.width() >= WINDOW_MINIMUM.width() and first.height() >= WINDOW_MINIMUM.height()
    assert first.width() >= area.width() - 60  # it uses the laptop's screen, not a fixed 1240x800
    first.setGeometry(1400, 900, 1900, 1150)  # as saved on a larger monitor, since unplugged
    state.save_geometry("mainWindow", first)
    state.sync()
    restored = MainWindow(demo_ctx, state=state, remember=False)
    qtbot.addWidget(restored)
    restored.show()
    qtbot.waitExposed(restored)
    assert area.contains(restored.geometry()), f"{restored.geometry()} is not inside {area}"
