"""Reminders while CoachDesk runs: a timer asks the calendar service what is due, shows it once (a system
notification from the tray icon where the desktop has one, and the Reminders window with Prepare one click away),
and records it as shown; snooze and dismiss from the window. The tray icon keeps CoachDesk running when the main
window is closed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.calendar import Reminder
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar as actions
from coachdesk.ui.kit import a11y, changes, forms, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.forms import named
from coachdesk.ui.theme import muted_label

CHECK_MS = 60_000
SNOOZE_MINUTES = 10
#: a mark per kind, so the list reads without colour
KIND_MARKS = {"one_to_one": "▶", "follow_up": "↻", "action": "✔", "acknowledgement": "✍"}
#: the leaders' calendar files are refreshed on every FEED_EVERY-th check (written only when their content changed)
FEED_EVERY = 5
log = logging.getLogger(__name__)
#: writes after which what is due is checked at once (not a minute later); never the reminders' own marks
CHECK_AFTER = (Kind.ONE_TO_ONE, Kind.FEEDBACK, Kind.PERSON, Kind.TEAM, Kind.SETTING)


class RemindersDialog(QDialog):
    """The list of reminders: Prepare (the agent's one-to-one), Snooze, Dismiss."""

    prepare_requested = Signal(str)

    def __init__(self, ctx: AppContext, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        forms.titled(self, "remindersDialog", self.tr("Reminders"))
        self.ctx, self.clock = ctx, clock
        self.handle: Any = None
        layout = QVBoxLayout(self)
        self.list = named(QListWidget(self), "remindersList", self.tr("Reminders"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.list.itemActivated.connect(lambda _item: self.prepare())
        layout.addWidget(self.list, 1)
        self.message = muted_label("", self, name="remindersMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.prepare_button = forms.button(self, self.tr("Prepare"), "remindersPrepare", self.prepare)
        self.snooze_button = forms.button(self, self.tr("Snooze {n} minutes").format(n=SNOOZE_MINUTES),
                                          "remindersSnooze", self.snooze)
        self.dismiss_button = forms.button(self, self.tr("Dismiss"), "remindersDismiss", self.dismiss)
        self.close_follow_up_button = forms.button(self, self.tr("Close follow-up…"), "remindersCloseFollowUp",
                                                   self.close_follow_up)
        close = forms.button(self, self.tr("Close"), "remindersClose", self.close)
        for b in (self.prepare_button, self.snooze_button, self.dismiss_button, self.close_follow_up_button):
            row.addWidget(b)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.follow_up_dialog: Any = None
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(560, 360)
        self.failed = ops.into_label(self.message)
        changes.watch(self, actions.REMINDED, self.reload)  # scheduled, snoozed or closed anywhere: shown here

    def reload(self) -> None:
        self.handle = actions.reminder_list(self, self.ctx, self.clock(), self.show_list, failed=self.failed)

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
            self.handle = actions.snooze(self, self.ctx, r.key, self.clock(), SNOOZE_MINUTES, None,
                                         failed=self.failed)

    def dismiss(self) -> None:
        r = self.current()
        if r is not None:
            self.handle = actions.dismiss(self, self.ctx, r.key, self.clock(), None, failed=self.failed)


def _logged(error: BaseException) -> None:
    """A check in the background that failed: the next one tries again; nobody is interrupted by a box."""
    log.warning("reminder check failed: %s", ops.error_text(error))


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
        changes.channel().changed.connect(self._on_change)

    def _on_change(self, news: changes.Change) -> None:
        """A one-to-one scheduled or moved (or a follow-up, a setting) anywhere: what is due now is checked at once."""
        if self.timer.isActive() and news.touches(CHECK_AFTER):
            self.check()
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
        self.handle = actions.due_reminders(None, self.ctx, self.clock(), self.show_new, failed=_logged)
        if self.checks % FEED_EVERY == 1:  # changes made outside the calendar (or by another computer) reach the
            self.feed_handle = actions.rewrite_feeds(None, self.ctx, failed=_logged)  # leaders' files in minutes

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
