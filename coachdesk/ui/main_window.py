"""The main window: navigation on the left, pages built on first use, menus, shortcuts and the status bar."""

from __future__ import annotations

import gc
import logging
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.ui import window_menus, window_outage
from coachdesk.ui.kit import a11y, fit
from coachdesk.ui.pages import PAGE_KEYS, PAGES, page_spec
from coachdesk.ui.settings import WindowState
from coachdesk.ui.theme import palette_icon, scaled_font
from coachdesk.ui.widgets.notice_bar import NoticeBar
from coachdesk.ui.widgets.page import ErrorPage, LoadingPage

log = logging.getLogger(__name__)

START_PAGE = "today"
NAV_WIDTH = 190


#: how long after the start page is shown the chart modules start loading in the background
CHART_WARM_UP_MS = 300


def load_data_layer() -> None:
    """Import the ORM, the models and the services the first pages use (run on a worker thread at start-up).

    The service faces load lazily, so naming ``open_store`` and ``list_people`` is what imports their modules."""
    from coachdesk.services import common, people

    _ = common.open_store, people.list_people


def load_chart_layer() -> None:
    """Import matplotlib, the chart modules and the services of the Team, Agent and Goals pages (a second or more)
    on a worker thread once the start page is up, so that those pages open without waiting for their imports. Only
    modules without Qt."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    import coachdesk.reports.charts.agent_trends  # noqa: F401
    import coachdesk.reports.charts.team_heatmap  # noqa: F401
    from coachdesk.services import goals, observation, trends

    _ = trends.load_team_view, trends.team_effects, trends.agent_trend_data, goals.team_matrix, goals.goal_tree
    _ = observation.agent_history


def freeze_start_objects() -> None:
    """Once the app has started (modules, the data and chart layers, the start page): what exists now lives as long
    as the app, so it is moved out of the garbage collector's sight (``gc.freeze``) and its full passes walk only
    what came after -- about 230,000 objects less, each full pass ~240 ms of CPU less (issue 15)."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


class MainWindow(QMainWindow):
    """Holds the pages; every user action is a small method that calls one page or service."""

    page_shown = Signal(str)
    #: the start page is built and filled (with ``defer_first_page``, some time after the window appeared)
    ready = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, state: WindowState | None = None,
                 remember: bool = True, defer_first_page: bool = False) -> None:
        super().__init__(parent)
        a11y.install()  # Return presses the focused button; finished dialogs are deleted
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("CoachDesk"))
        self.setWindowTitle(self.tr("CoachDesk"))
        self.ctx = ctx
        self.state = state or WindowState.in_folder(ctx.paths.data_dir)
        self.remember = remember
        self.pages: dict[str, QWidget] = {}
        self.page_errors: dict[str, BaseException] = {}
        self.switcher: Any = None
        self.demo_dialog: Any = None
        self.about_box: Any = None
        self.backup_dialog: Any = None
        self.resume_box: Any = None
        self.help_dialog: Any = None
        self.reminders: Any = None
        self._quitting = False
        self.navigation = self._build_navigation()
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pageStack")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([NAV_WIDTH, 1000])
        self.setCentralWidget(self.splitter)
        self.notice = NoticeBar.under_central_widget(self)  # "Archived X · Undo" (kit.undo offers)
        self._build_menus()
        self._build_status_bar()
        self.server_watch, self.outage_banner = window_outage.add_banner(self)
        self.restore_state()
        self.loading: QWidget | None = None
        self.warm_up_task: Any = None
        if defer_first_page:
            # the shell paints first; the data layer (SQLAlchemy, models, services) loads on a worker thread, and
            # the start page is built when it is there
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(PAGE_KEYS.index(START_PAGE))
            self.navigation.blockSignals(False)
            self.loading = LoadingPage(self.tr("Opening your coaching records…"), self.stack)
            self.stack.addWidget(self.loading)
            QTimer.singleShot(0, self._warm_up)
        else:
            self.show_page(START_PAGE)
            QTimer.singleShot(0, self.ready.emit)

    def _warm_up(self) -> None:
        from coachdesk.ui import tasks

        self.warm_up_task = tasks.submit(load_data_layer, on_success=self._show_start_page,
                                         on_error=self._show_start_page)

    def _show_start_page(self, _result: object = None) -> None:
        if not self.pages:
            self.show_page(START_PAGE)
        if self.loading is not None:
            self.stack.removeWidget(self.loading)
            self.loading.deleteLater()
            self.loading = None
        self.ready.emit()
        QTimer.singleShot(CHART_WARM_UP_MS, self._warm_up_charts)  # after the start page's own reads began

    def _warm_up_charts(self) -> None:
        from coachdesk.ui import tasks

        tasks.submit(load_chart_layer, on_success=lambda _result: freeze_start_objects(),
                     on_error=lambda _error: freeze_start_objects())

    # -- building ------------------------------------------------------------------------------------------------
    def _build_navigation(self) -> QListWidget:
        nav = QListWidget(self)
        nav.setObjectName("navigation")
        nav.setAccessibleName(self.tr("Pages"))
        nav.setIconSize(QSize(22, 22))
        nav.setFont(scaled_font(nav.font(), 1.1))
        nav.setSpacing(2)
        nav.setViewportMargins(4, 10, 4, 4)
        nav.setMinimumWidth(150)
        nav.setFrameShape(nav.Shape.NoFrame)
        nav.setBackgroundRole(self.backgroundRole())
        nav.viewport().setAutoFillBackground(False)
        for number, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(spec.label())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(self.tr("{page} (Ctrl+{number})").format(page=spec.label(), number=number % 10))
            item.setSizeHint(QSize(0, 38))
            nav.addItem(item)
        self._paint_navigation_icons(nav)
        nav.currentRowChanged.connect(self._on_navigation_row_changed)
        # a click or Enter on a page puts the keyboard in its main field (arrow keys stay in the list)
        nav.itemClicked.connect(lambda _item: self.focus_current_page())
        nav.itemActivated.connect(lambda _item: self.focus_current_page())
        return nav

    def _paint_navigation_icons(self, nav: QListWidget) -> None:
        for row, spec in enumerate(PAGES):
            nav.item(row).setIcon(palette_icon(spec.icon, nav, selectable=True))

    def _build_menus(self) -> None:
        window_menus.build(self)  # File, View and Help: every command a named action with its keys

    def _go_to(self, key: str) -> Any:
        def go() -> None:
            self.show_page(key)
            self.focus_current_page()
        return go

    def focus_current_page(self) -> QWidget | None:
        """The keyboard goes to the shown page's main field (its search, chooser or list), not elsewhere."""
        from coachdesk.ui.kit.focus import focus_page

        page = self.stack.currentWidget()
        return focus_page(page) if page is not None else None

    def _build_status_bar(self) -> None:
        self.location_label = QLabel(self.tr("Database: {location}").format(location=self.ctx.describe()), self)
        self.location_label.setObjectName("statusDatabase")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label)

    # -- pages ---------------------------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use; a page that fails to build becomes an error page."""
        if key in self.pages:
            return self.pages[key]
        spec = page_spec(key)
        try:
            widget = spec.create(self.ctx, self.stack)
        except Exception as exc:  # noqa: BLE001 - one broken page must not take the window down
            log.exception("could not build the %s page", key)
            self.page_errors[key] = exc
            widget = ErrorPage(spec.label(), window_outage.lost_server_words(self, exc), self.stack, name=f"{key}ErrorPage")
        self._connect_page(widget)
        self.stack.addWidget(widget)
        self.pages[key] = widget
        for splitter in widget.findChildren(QSplitter):
            if splitter.objectName():
                self.state.restore_splitter(f"{key}/{splitter.objectName()}", splitter)
        return widget

    def _connect_page(self, widget: QWidget) -> None:
        demo_requested = getattr(widget, "demo_requested", None)
        if demo_requested is not None:
            demo_requested.connect(self.offer_demo_data)
        observe_requested = getattr(widget, "observe_requested", None)
        if observe_requested is not None:
            observe_requested.connect(self.observe_agent)
        resume_requested = getattr(widget, "resume_requested", None)
        if resume_requested is not None:
            resume_requested.connect(self.resume_observation)
        prepare_requested = getattr(widget, "prepare_requested", None)
        if prepare_requested is not None:
            prepare_requested.connect(self.prepare_one_to_one)
        status_message = getattr(widget, "status_message", None)
        if status_message is not None:
            status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))

    def show_page(self, key: str, refresh: bool = True) -> QWidget:
        """Show (and build) the page; a page shown again refreshes by its ``revisit`` (cheap) or ``refresh``."""
        existed = key in self.pages
        widget = self.page(key)
        if existed and refresh:
            self._refresh_page(key, widget, "revisit")
        self.stack.setCurrentWidget(widget)
        row = PAGE_KEYS.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        self.page_shown.emit(key)
        return widget

    def _refresh_page(self, key: str, widget: QWidget, method: str = "refresh") -> None:
        refresh = getattr(widget, method, None) or getattr(widget, "refresh", None)
        if refresh is None:
            return
        try:
            refresh()
        except Exception as exc:  # noqa: BLE001 - keep the window usable; the log has the traceback
            log.exception("could not refresh the %s page", key)
            self.page_errors[key] = exc
            self.statusBar().showMessage(self.tr("Could not refresh this page: {error}").format(error=exc), 10_000)

    def current_page_key(self) -> str:
        widget = self.stack.currentWidget()
        return next((key for key, page in self.pages.items() if page is widget), "")

    def _on_navigation_row_changed(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            self.show_page(PAGE_KEYS[row])

    def refresh_pages(self) -> None:
        """Reload every built page in full (F5, after demo data)."""
        for key, widget in self.pages.items():
            self._refresh_page(key, widget)

    # -- actions -------------------------------------------------------------------------------------------------
    def open_agent(self, uuid: str) -> bool:
        """Show ``uuid`` on the Agent page: loads that agent only (the list reloads only after people changed)."""
        page = self.show_page("agent", refresh=False)
        open_agent = getattr(page, "open_agent", None)
        return bool(open_agent and open_agent(uuid))

    def find_agent(self) -> None:
        page = self.show_page("agent")
        focus_search = getattr(page, "focus_search", None)
        if focus_search:
            focus_search()

    def open_quick_switcher(self) -> Any:
        from coachdesk.ui.dialogs.quick_switcher import PageEntry, QuickSwitcher

        entries = [PageEntry(spec.key, spec.label(), palette_icon(spec.icon, self, selectable=True))
                   for spec in PAGES]
        self.switcher = QuickSwitcher(self.ctx, entries, self)
        self.switcher.person_chosen.connect(self.open_agent)
        self.switcher.page_chosen.connect(self.show_page)
        self.switcher.record_chosen.connect(self.open_found)
        self.switcher.popup_over(self)
        return self.switcher

    def open_found(self, kind: str, uuid: str, agent_uuid: str = "") -> bool:
        """Open what the quick switcher found on the page that shows it (``window_extras.open_found``)."""
        from coachdesk.ui import window_extras

        return window_extras.open_found(self, kind, uuid, agent_uuid)

    def offer_demo_data(self) -> Any:
        from coachdesk.ui.dialogs.demo_dialog import DemoDialog

        self.demo_dialog = DemoDialog(self.ctx, self)
        self.demo_dialog.loaded.connect(self._on_demo_loaded)
        a11y.delete_when_closed(self.demo_dialog).open()
        return self.demo_dialog

    def _on_demo_loaded(self, summary: Any) -> None:
        from coachdesk.ui.actions import people

        self.refresh_pages()
        # the head count as the Today tiles count it (active agents, active teams), not the people generated
        from coachdesk.ui import window_extras

        people.counts(self, self.ctx, lambda counts: window_extras.show_demo_loaded(self, summary, counts))

    def offer_unfinished_observation(self) -> Any:
        """After a crash or a forced quit: offer the observation that was on screen, exactly as it was left."""
        from coachdesk.ui.dialogs.resume_box import offer_resume

        self.resume_box = offer_resume(self, self.resume_observation)
        return self.resume_box

    def prepare_one_to_one(self, uuid: str) -> bool:
        page = self.show_page("one_to_ones", refresh=False)
        open_agent = getattr(page, "open_agent", None)
        return bool(open_agent and open_agent(uuid))

    def ask_who_is_using(self) -> Any:
        """The first run with nobody signed in: who is using CoachDesk? (``window_extras.ask_who_is_using``)."""
        from coachdesk.ui import window_extras

        return window_extras.ask_who_is_using(self)

    def choose_signed_in(self) -> Any:
        """File › Signed in as…: who uses the app (their teams on Today; the coach of what they record)."""
        from coachdesk.ui.dialogs.sign_in_dialog import SignInDialog

        self.sign_in_dialog = SignInDialog(self.ctx, self)

        def chosen() -> None:
            who = self.sign_in_dialog.chosen
            self.statusBar().showMessage(self.tr("Signed in as {name}.").format(name=who.display_name) if who
                                         else self.tr("Nobody signed in: every team is shown."), 10_000)
            self.refresh_pages()

        self.sign_in_dialog.accepted.connect(chosen)
        a11y.delete_when_closed(self.sign_in_dialog).open()
        return self.sign_in_dialog

    def observe_agent(self, uuid: str) -> bool:
        page = self.show_page("observe")
        open_agent = getattr(page, "open_agent", None)
        return bool(open_agent and open_agent(uuid))

    def resume_observation(self, session_uuid: str) -> bool:
        page = self.show_page("observe")
        resume = getattr(page, "resume", None)
        return bool(resume and resume(session_uuid))

    def open_backups(self, check_now: bool = False) -> Any:
        from coachdesk.ui.dialogs.backup_dialog import BackupDialog

        self.backup_dialog = BackupDialog(self.ctx, self, check_now=check_now)
        self.backup_dialog.restored.connect(lambda _safety: self.reopen_database())
        a11y.delete_when_closed(self.backup_dialog).open()
        return self.backup_dialog

    def reopen_database(self) -> None:
        """After a restore: drop every page (they hold rows of the old file) and build the current one afresh."""
        current = self.current_page_key() or START_PAGE
        self.ctx.dispose()
        for widget in list(self.pages.values()):
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self.page_errors.clear()
        self.show_page(current)
        self.statusBar().showMessage(self.tr("The backup was restored; every page shows the restored data."), 15_000)

    def show_about(self) -> Any:
        from coachdesk.ui.dialogs.about_dialog import show_about

        self.about_box = show_about(self)
        return self.about_box

    def shortcut_groups(self) -> list[tuple[str, list[QAction]]]:
        """The window's actions, then each page's (every page is built, so none is missing from the list)."""
        for key in PAGE_KEYS:
            self.page(key)
        return [(self.tr("Everywhere"), self.actions())] + [
            (page_spec(key).label(), self.pages[key].findChildren(QAction)) for key in PAGE_KEYS]

    def show_shortcuts(self) -> Any:
        """Help › Keyboard shortcuts, read from the actions themselves."""
        from coachdesk.ui.dialogs.help_dialogs import open_shortcuts

        self.help_dialog = open_shortcuts(self, self.shortcut_groups())
        return self.help_dialog

    def show_getting_started(self) -> Any:
        """Help › Getting started: the coaching cycle, each step with a button to its page."""
        from coachdesk.ui.dialogs.help_dialogs import open_getting_started

        self.help_dialog = open_getting_started(self, self.show_page)
        return self.help_dialog

    # -- state ---------------------------------------------------------------------------------------------------
    def restore_state(self) -> None:
        if self.state.restore_geometry("mainWindow", self):
            fit.clamp_to_screen(self)  # saved on a larger screen, or a monitor since unplugged
        else:
            self.setGeometry(fit.first_size(self))
        self.state.restore_splitter("main", self.splitter)

    def save_state(self) -> None:
        if not self.remember:
            return
        self.state.save_geometry("mainWindow", self)
        self.state.save_splitter("main", self.splitter)
        for key, widget in self.pages.items():
            for splitter in widget.findChildren(QSplitter):
                if splitter.objectName():
                    self.state.save_splitter(f"{key}/{splitter.objectName()}", splitter)
        self.state.sync()

    # -- reminders and the tray ----------------------------------------------------------------------------------
    def start_reminders(self, clock: Any = None, use_tray: bool | None = None, interval_ms: int | None = None
                        ) -> Any:
        """Check for reminders every minute while CoachDesk runs (tests pass their own clock)."""
        from coachdesk.ui.reminders import CHECK_MS, ReminderCenter

        self.reminders = ReminderCenter(self.ctx, self, clock=clock, use_tray=use_tray,
                                        interval_ms=interval_ms or CHECK_MS)
        self.reminders.prepare_requested.connect(self._prepare_from_reminder)
        self.reminders.open_window_requested.connect(self._bring_back)
        self.reminders.quit_requested.connect(self.quit_app)
        self.reminders.start()
        return self.reminders

    def show_reminders(self) -> Any:
        if self.reminders is None:
            self.start_reminders()
        return self.reminders.show_list()

    def _bring_back(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _prepare_from_reminder(self, agent_uuid: str) -> None:
        self._bring_back()
        self.prepare_one_to_one(agent_uuid)

    def quit_app(self) -> None:
        """File › Quit and the tray's Quit: really end CoachDesk (closing the window only hides it to the tray)."""
        self._quitting = True
        self.close()
        from PySide6.QtWidgets import QApplication

        if self.reminders is not None and self.reminders.tray is not None:
            self.reminders.tray.hide()
            QApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self.reminders is not None and self.reminders.keeps_running and not self._quitting:
            event.ignore()
            self.hide()
            self.reminders.tray.showMessage(self.tr("CoachDesk is still running"),
                                            self.tr("Reminders keep coming; quit from this icon's menu."))
            return
        super().closeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        if event.type() == event.Type.PaletteChange and hasattr(self, "navigation"):
            self._paint_navigation_icons(self.navigation)
        super().changeEvent(event)
