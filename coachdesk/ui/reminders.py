"""Reminders while CoachDesk runs: a timer asks the calendar service what is due, shows it once (a system
notification from the tray icon where the desktop has one, and the Reminders window with Prepare one click away),
and records it as shown; snooze and dismiss from the window. The tray icon keeps CoachDesk running when the main
window is closed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import calendar
from coachdesk.services.calendar import Reminder
from coachdesk.services.common import AppContext
from coachdesk.ui import tasks
from coachdesk.ui.kit import a11y

CHECK_MS = 60_000
SNOOZE_MINUTES = 10
#: a mark per kind, so the list reads without colour
KIND_MARKS = {"one_to_one": "▶", "follow_up": "↻", "action": "✔", "acknowledgement": "✍"}
#: the leaders' calendar files are refreshed on every FEED_EVERY-th check (written only when their content changed)
FEED_EVERY = 5


def _scope(db) -> list[str] | None:  # noqa: ANN001
    from coachdesk.services.common import signed_in_person

    who = signed_in_person(db)
    teams = [u for u, _ in calendar.led_teams(db, who.uuid, date.today())] if who else []
    return teams or None


def due_and_mark(db, now: datetime) -> list[Reminder]:  # noqa: ANN001 - on a pool thread
    """What to show now, recorded as shown in the same step (so a second window or a restart never repeats it)."""
    from coachdesk.services.common import signed_in_person

    due = calendar.due_now(db, now, _scope(db))
    if due:
        who = signed_in_person(db)
        calendar.mark_shown(db, [r.key for r in due], now, who.uuid if who else None)
    return due


def current_list(db, now: datetime) -> list[Reminder]:  # noqa: ANN001
    return calendar.reminder_list(db, now, _scope(db))


class RemindersDialog(QDialog):
    """The list of reminders: Prepare (the agent's one-to-one), Snooze, Dismiss."""

    prepare_requested = Signal(str)

    def __init__(self, ctx: AppContext, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remindersDialog")
        self.setWindowTitle(self.tr("Reminders"))
        self.setAccessibleName(self.windowTitle())
        self.ctx, self.clock = ctx, clock
        self.handle: Any = None
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setObjectName("remindersList")
        self.list.setAccessibleName(self.tr("Reminders"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.list.itemActivated.connect(lambda _item: self.prepare())
        layout.addWidget(self.list, 1)
        self.message = QLabel("", self)
        self.message.setObjectName("remindersMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.prepare_button = self._button("remindersPrepare", self.tr("Prepare"), self.prepare)
        self.snooze_button = self._button("remindersSnooze", self.tr("Snooze {n} minutes").format(n=SNOOZE_MINUTES),
                                          self.snooze)
        self.dismiss_button = self._button("remindersDismiss", self.tr("Dismiss"), self.dismiss)
        self.close_follow_up_button = self._button("remindersCloseFollowUp", self.tr("Close follow-up…"),
                                                   self.close_follow_up)
        close = self._button("remindersClose", self.tr("Close"), self.close)
        for b in (self.prepare_button, self.snooze_button, self.dismiss_button, self.close_follow_up_button):
            row.addWidget(b)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.follow_up_dialog: Any = None
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(560, 360)

    def _button(self, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def reload(self) -> None:
        self.handle = tasks.submit(current_list, self.ctx.db, self.clock(), on_success=self.show_list,
                                   on_error=lambda e: self.message.setText(str(e)))

    def show_list(self, reminders: list[Reminder]) -> None:
        self.list.clear()
        for r in reminders:
            state = {None: "", "shown": "", "snoozed": self.tr(" (snoozed)")}.get(r.state.value if r.state else None,
                                                                                 "")
            item = QListWidgetItem(f"{KIND_MARKS.get(r.kind, '')} {r.title}{state}\n      {r.detail}")
            item.setData(Qt.ItemDataRole.UserRole, r)
            self.list.addItem(item)
        if reminders:
            self.list.setCurrentRow(0)
        self.message.setText(self.tr("Nothing to remind you of.") if not reminders else "")
        for b in (self.prepare_button, self.snooze_button, self.dismiss_button):
            b.setEnabled(bool(reminders))
        self._enable()

    def _enable(self) -> None:
        r = self.current()
        self.close_follow_up_button.setEnabled(r is not None and r.kind == "follow_up")

    def close_follow_up(self) -> None:
        from coachdesk.ui.dialogs.follow_up_dialog import FollowUpDialog

        r = self.current()
        if r is None or r.kind != "follow_up":
            return
        self.follow_up_dialog = FollowUpDialog(self.ctx, r.record_uuid, r.title, self)
        self.follow_up_dialog.accepted.connect(self.reload)
        a11y.delete_when_closed(self.follow_up_dialog).open()

    def current(self) -> Reminder | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def prepare(self) -> None:
        r = self.current()
        if r is not None:
            self.prepare_requested.emit(r.agent_uuid)

    def snooze(self) -> None:
        r = self.current()
        if r is not None:
            self.handle = tasks.submit(calendar.snooze, self.ctx.db, r.key, self.clock(), SNOOZE_MINUTES,
                                       on_success=lambda _u: self.reload(), on_error=lambda e: self.message.setText(
                                           str(e)))

    def dismiss(self) -> None:
        r = self.current()
        if r is not None:
            self.handle = tasks.submit(calendar.dismiss, self.ctx.db, r.key, self.clock(),
                                       on_success=lambda _u: self.reload(), on_error=lambda e: self.message.setText(
                                           str(e)))


class ReminderCenter(QObject):
    """Checks every minute; shows new reminders once. ``clock`` is replaceable (tests control time)."""

    prepare_requested = Signal(str)
    reminded = Signal(list)
    open_window_requested = Signal()
    quit_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, clock: Callable[[], datetime] | None = None,
                 use_tray: bool | None = None, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.ctx, self.parent_widget = ctx, parent
        self.clock = clock or (lambda: datetime.now(UTC))
        self.handle: Any = None
        self.dialog: RemindersDialog | None = None
        self.last: list[Reminder] = []
        self.checks = 0
        self.feed_handle: Any = None
        self.tray: QSystemTrayIcon | None = None
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        if use_tray:
            self._build_tray()
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def _build_tray(self) -> None:
        from PySide6.QtGui import QGuiApplication

        self.tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
        self.tray.setObjectName("trayIcon")
        self.tray.setToolTip(self.tr("CoachDesk"))
        menu = QMenu()
        menu.setObjectName("trayMenu")
        menu.addAction(self.tr("Open CoachDesk"), self.open_window_requested.emit)
        menu.addAction(self.tr("Reminders…"), self.show_list)
        menu.addSeparator()
        menu.addAction(self.tr("Quit CoachDesk"), self.quit_requested.emit)
        self._menu = menu
        self.tray.setContextMenu(menu)
        self.tray.messageClicked.connect(self._message_clicked)
        self.tray.activated.connect(lambda reason: self.open_window_requested.emit()
                                    if reason == QSystemTrayIcon.ActivationReason.Trigger else None)
        self.tray.show()

    @property
    def keeps_running(self) -> bool:
        """Whether closing the main window should hide it (the tray icon stays)."""
        return self.tray is not None and self.tray.isVisible()

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self) -> None:
        self.checks += 1
        self.handle = tasks.submit(due_and_mark, self.ctx.db, self.clock(), on_success=self.show_new,
                                   on_error=lambda e: None)
        if self.checks % FEED_EVERY == 1:  # changes made outside the calendar (or by another computer) reach the
            self.feed_handle = tasks.submit(calendar.rewrite_feeds, self.ctx.db,  # leaders' files within minutes
                                            on_error=lambda e: None)

    def show_new(self, reminders: list[Reminder]) -> None:
        if not reminders:
            return
        self.last = reminders
        self.reminded.emit(reminders)
        first = reminders[0]
        more = self.tr(" (and {n} more)").format(n=len(reminders) - 1) if len(reminders) > 1 else ""
        if self.tray is not None:
            self.tray.showMessage(first.title, first.detail + more, QSystemTrayIcon.MessageIcon.Information, 15_000)
        self.show_list()

    def _message_clicked(self) -> None:
        if self.last:
            self.prepare_requested.emit(self.last[0].agent_uuid)

    def show_list(self) -> RemindersDialog:
        if self.dialog is None:
            self.dialog = a11y.keep_when_closed(RemindersDialog(self.ctx, self.clock, self.parent_widget))
            self.dialog.prepare_requested.connect(self.prepare_requested)
        self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog
