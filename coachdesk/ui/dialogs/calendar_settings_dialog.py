"""Calendar settings: working days and hours, the time zone (empty = the computer's), the usual length of a
one-to-one, how long before it to remind, and the working days an agent has to acknowledge a record."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.calendar_rules import WEEKDAYS, WorkingHours
from coachdesk.services import calendar
from coachdesk.services.calendar import CalendarSettings
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar as actions
from coachdesk.ui.kit import forms, ops
from coachdesk.ui.kit.forms import named


class CalendarSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        forms.titled(self, "calendarSettingsDialog", self.tr("Calendar settings"))
        self.ctx = ctx
        self.current: CalendarSettings | None = None
        self.handle: Any = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        days = QHBoxLayout()
        self.days: list[QCheckBox] = []
        for n, name in enumerate(WEEKDAYS):
            box = named(QCheckBox(self.tr(name), self), f"calendarDay{n}", self.tr(name))
            days.addWidget(box)
            self.days.append(box)
        form.addRow(self.tr("Working days"), days)
        self.start = self._time("calendarDayStart", self.tr("Day starts"))
        self.end = self._time("calendarDayEnd", self.tr("Day ends"))
        form.addRow(self.tr("Day starts"), self.start)
        form.addRow(self.tr("Day ends"), self.end)
        self.zone = named(QLineEdit(self), "calendarTimeZone", self.tr("Time zone"))
        self.zone.setPlaceholderText(self.tr("The computer's: {zone}").format(zone=calendar.system_zone_name()))
        form.addRow(self.tr("Time zone"), self.zone)
        self.minutes = forms.spin(self, "calendarLength", self.tr("One-to-one length (minutes)"), 5, 480)
        self.remind = forms.spin(self, "calendarRemind", self.tr("Remind before (minutes)"), 0, 1440)
        self.ack = forms.spin(self, "calendarAckDays", self.tr("Days to acknowledge (working days)"), 1, 60)
        for spin in (self.minutes, self.remind, self.ack):
            form.addRow(spin.accessibleName(), spin)
        layout.addLayout(form)
        self.message = QLabel("", self)
        self.message.setObjectName("calendarSettingsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = named(QDialogButtonBox(self), "calendarSettingsButtons", self.tr("Buttons"))
        forms.button(self, self.tr("&Save"), "calendarSettingsSave", self.save, box=buttons,
                     role=QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        named(buttons.addButton(QDialogButtonBox.StandardButton.Cancel), "calendarSettingsCancel", self.tr("Cancel"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _time(self, name: str, accessible: str) -> QTimeEdit:
        edit = named(QTimeEdit(self), name, accessible)
        edit.setDisplayFormat("HH:mm")
        return edit

    def load(self) -> None:
        self.handle = actions.settings(self, self.ctx, self.show_settings, failed=ops.into_label(self.message))

    def show_settings(self, s: CalendarSettings) -> None:
        self.current = s
        for n, box in enumerate(self.days):
            box.setChecked(n in s.hours.days)
        self.start.setTime(QTime(s.hours.start.hour, s.hours.start.minute))
        self.end.setTime(QTime(s.hours.end.hour, s.hours.end.minute))
        self.zone.setText(s.time_zone)
        self.minutes.setValue(s.minutes)
        self.remind.setValue(s.remind_minutes)
        self.ack.setValue(s.ack_working_days)

    def chosen(self) -> CalendarSettings:
        base = self.current or CalendarSettings()
        hours = WorkingHours(frozenset(n for n, box in enumerate(self.days) if box.isChecked()),
                             time(self.start.time().hour(), self.start.time().minute()),
                             time(self.end.time().hour(), self.end.time().minute()))
        return replace(base, hours=hours, time_zone=self.zone.text().strip(), minutes=self.minutes.value(),
                       remind_minutes=self.remind.value(), ack_working_days=self.ack.value())

    def save(self) -> None:
        self.handle = actions.save_settings(self, self.ctx, self.chosen(), lambda _s: self.accept(),
                                            failed=ops.into_label(self.message))
