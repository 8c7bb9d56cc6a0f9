"""The Calendar page: a week or month of scheduled one-to-ones, planned observations, follow-ups and due dates for
the signed-in leader's teams or a chosen team; move items by dragging or with Ctrl+arrows; schedule in one step."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from coachdesk.services import calendar
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar as actions
from coachdesk.ui.actions.calendar import ALL, MINE, CalendarData, load_calendar, period
from coachdesk.ui.kit import a11y, changes, fit, forms, ops
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.words import date_text, month_text, weekday_text, when_text
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.calendar_view import CalendarView
from coachdesk.ui.widgets.page import Page

__all__ = ["ALL", "MINE", "CalendarData", "CalendarPage", "load_calendar", "period"]


class CalendarPage(Page):
    prepare_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Calendar"), self.tr("One-to-ones, observations, follow-ups and due dates"),
                         parent, name="calendarPage")
        self.ctx = ctx
        self.mode, self.anchor, self.choice = "week", date.today(), MINE
        self.handle: ops.Operation | None = None
        self.move_handle: ops.Operation | None = None
        self.dialog: Any = None
        self.data: CalendarData | None = None
        bar = QHBoxLayout()
        self.team = named(QComboBox(self), "calendarTeam", self.tr("Teams shown"))
        self.team.addItem(self.tr("My teams"), MINE)
        self.team.addItem(self.tr("All teams"), ALL)
        self.team.activated.connect(self._team_chosen)
        self.view_mode = named(QComboBox(self), "calendarMode", self.tr("Week or month"))
        self.view_mode.addItem(self.tr("Week"), "week")
        self.view_mode.addItem(self.tr("Month"), "month")
        self.view_mode.activated.connect(lambda _i: self.set_mode(self.view_mode.currentData()))
        self.prev_button = self._button("calendarPrevious", "◀", self.tr("Previous"), lambda: self.step(-1))
        self.today_button = self._button("calendarToday", self.tr("Today"), self.tr("Today"), self.go_today)
        self.next_button = self._button("calendarNext", "▶", self.tr("Next"), lambda: self.step(1))
        self.period_label = fit.ElidedLabel("", self)  # the dates give way before the buttons do
        self.period_label.setObjectName("calendarPeriod")
        self.schedule_button = self._button("calendarSchedule", self.tr("Schedule the next one-to-ones…"),
                                            self.tr("Schedule the next one-to-ones"), self.open_schedule)
        for button in (self.prev_button, self.next_button):
            button.setMaximumWidth(40)
        self.coverage_button = self._button("calendarCoverage", self.tr("Observations…"),
                                            self.tr("Observation coverage and planning"), self.open_coverage)
        self.settings_button = self._button("calendarSettings", self.tr("Settings…"),
                                            self.tr("Working hours, time zone and reminders"), self.open_settings)
        for w in (a11y.labelled(QLabel(self.tr("Show:"), self), self.team), self.team,
                  a11y.labelled(QLabel(self.tr("View:"), self), self.view_mode), self.view_mode,
                  self.prev_button, self.today_button, self.next_button):
            bar.addWidget(w)
        bar.addWidget(self.period_label, 1)
        self.body.addLayout(bar)
        self.message = muted_label(self.tr("Loading…"), self, name="calendarMessage")
        under = QHBoxLayout()  # the buttons beside the message, so the week's dates in the bar are not cut
        under.addWidget(self.message, 1)
        for button in (self.settings_button, self.coverage_button, self.schedule_button):
            under.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(under)
        self.view = CalendarView(self)
        self.view.move_requested.connect(self.move)
        self.view.open_requested.connect(self._open)
        self.body.addWidget(self.view, 1)
        self.legend = muted_label(self.tr("Drag an item, or select it with the arrow keys and move it with Ctrl+arrows "
                                          "(15 minutes up/down, a day left/right); Enter prepares a one-to-one or closes a follow-up. Blue: one-to-one; "
                                          "green: observation; sand: follow-up; purple: action due; red: objective "
                                          "due. ⚠ and a red or dashed edge: a clash or a time outside working hours "
                                          "(shaded). Hover for the whole title."), self, name="calendarLegend")
        self.body.addWidget(self.legend)
        self._shown_once = False
        self.failed = ops.into_label(self.message)
        changes.watch(self, actions.SHOWN, self.refresh)  # a one-to-one scheduled or recorded anywhere shows here

    def _button(self, name: str, text: str, accessible: str, slot: Any) -> Any:
        return forms.button(self, text, name, slot, accessible=accessible, tip=accessible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # load once the page is on screen: the first paint is not kept waiting
            self._shown_once = True
            QTimer.singleShot(0, self.refresh)

    # -- navigation ------------------------------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.view_mode.setCurrentIndex(self.view_mode.findData(mode))
        self.refresh()

    def step(self, direction: int) -> None:
        if self.mode == "week":
            self.anchor += timedelta(weeks=direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = date.today()
        self.refresh()

    def _team_chosen(self, _index: int) -> None:
        self.choice = self.team.currentData()
        self.refresh()

    def revisit(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self._shown_once = True
        first, last = period(self.mode, self.anchor)
        self.view.set_period(self.mode, first)
        if self.mode == "week":
            self.period_label.setText(self.tr("Week of {day}").format(day=date_text(first)))
        else:
            self.period_label.setText(month_text(self.anchor))
        self.handle = actions.calendar(self, self.ctx, self.mode, self.anchor, self.choice, self.show_data,
                                       failed=self.failed)

    def show_data(self, data: CalendarData) -> None:
        self.data = data
        if self.team.count() <= 2:
            for uuid, name in data.teams:
                self.team.addItem(name, uuid)
        s = data.settings
        self.view.set_entries(data.entries, s.zone, s.hours.start, s.hours.end, s.hours.days)
        clashes = sum(1 for e in data.entries if e.clash)
        outside = sum(1 for e in data.entries if e.out_of_hours)
        text = self.tr("{n} items for {scope}; times in {zone}, working hours {hours}.").format(
            n=len(data.entries), scope=data.scope, zone=s.zone_name, hours=s.hours.text())
        marks = ([self.tr("{n} clashing").format(n=clashes)] if clashes else []) + (
            [self.tr("{n} outside working hours").format(n=outside)] if outside else [])
        if marks:
            text += " ⚠ " + ", ".join(marks) + "."
        self.message.setText(text)

    # -- actions ---------------------------------------------------------------------------------------------------
    def move(self, kind: str, uuid: str, start: datetime, minutes: int) -> None:
        self.move_handle = actions.move_entry(self, self.ctx, kind, uuid, start, minutes,
                                              lambda _seq: self._moved(start), failed=self.failed)

    def _moved(self, start: datetime) -> None:  # the calendar itself reloads: the move was announced
        at = start.astimezone(self.view.zone) if self.view.zone and start.tzinfo else start  # the calendar's zone
        when = f"{weekday_text(at.date())} {when_text(at, zone=self.view.zone)}"
        self.status_message.emit(self.tr("Moved to {when}.").format(when=when))

    def _open(self, kind: str, uuid: str) -> None:
        """Enter on an item: close a follow-up with its outcome; otherwise prepare the agent's one-to-one."""
        entry = next((e for e in (self.data.entries if self.data else []) if e.uuid == uuid), None)
        if entry is None:
            return
        if entry.kind is calendar.EntryKind.FOLLOW_UP:
            from coachdesk.ui.dialogs.follow_up_dialog import FollowUpDialog

            self.dialog = FollowUpDialog(self.ctx, uuid, entry.title, self)
            a11y.delete_when_closed(self.dialog).open()
            return
        self.prepare_requested.emit(entry.agent_uuid)

    def chosen_team(self) -> tuple[str, str] | None:
        """The one team shown (chosen, or the only team the signed-in leader leads), else None."""
        teams = self.data.teams if self.data else []
        if self.choice not in (MINE, ALL):
            return next(((u, n) for u, n in teams if u == self.choice), None)
        if self.choice == MINE and self.data:
            mine = [(u, n) for u, n in teams if n in self.data.scope.split(", ")]
            return mine[0] if len(mine) == 1 else None
        return None

    def open_settings(self) -> None:
        from coachdesk.ui.dialogs.calendar_settings_dialog import CalendarSettingsDialog

        self.dialog = CalendarSettingsDialog(self.ctx, self)
        a11y.delete_when_closed(self.dialog).open()
        self.dialog.load()

    def open_coverage(self) -> None:
        from coachdesk.ui.dialogs.coverage_dialog import CoverageDialog

        team = self.chosen_team()
        if team is None:
            self.message.setText(self.tr("Choose one team in the list first: coverage and targets are per team."))
            return
        self.dialog = CoverageDialog(self.ctx, team[0], team[1], self)
        self.dialog.planned.connect(self.refresh)
        a11y.delete_when_closed(self.dialog).open()
        self.dialog.reload()

    def open_schedule(self) -> None:
        from coachdesk.ui.dialogs.schedule_dialog import ScheduleDialog

        teams = None if self.choice == MINE else [] if self.choice == ALL else [self.choice]
        self.dialog = ScheduleDialog(self.ctx, teams, self.team.currentText(), self)
        self.dialog.scheduled.connect(lambda n: self.status_message.emit(
            self.tr("{n} one-to-ones scheduled.").format(n=n)))
        a11y.delete_when_closed(self.dialog).open()
        self.dialog.propose()
