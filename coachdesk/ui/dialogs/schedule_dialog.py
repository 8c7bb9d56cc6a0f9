"""The "Schedule the next one-to-ones" dialog: propose N weeks from each agent's rhythm, let the leader untick or
retime rows, then schedule them all in one step (or nothing, with the reason in one sentence)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.errors import ValidationError
from coachdesk.services import calendar
from coachdesk.services.calendar import ProposedSession, ScheduleProposal
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar as actions
from coachdesk.ui.kit import forms, ops
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.words import date_format, date_text, time_format, weekday_text, when_text

COL_INCLUDE, COL_AGENT, COL_START, COL_MINUTES, COL_LEADER = range(5)


def _start_text(at: datetime) -> str:
    """ "Mon 07/12/2026 09:30": the weekday and the locale's day and time (the column is edited in this form)."""
    return f"{weekday_text(at.date())} {when_text(at, zone=at.tzinfo)}"


def _read_start(text: str, zone: tzinfo) -> datetime | None:
    """A start typed as shown (with or without the weekday), or as 2026-12-07 09:30; None when it is neither."""
    words = text.split(maxsplit=1)
    if len(words) == 2 and not any(ch.isdigit() for ch in words[0]):
        text = words[1]  # the weekday is for reading only
    for pattern in (f"{date_format()} {time_format()}", "yyyy-MM-dd HH:mm"):
        parsed = QLocale().toDateTime(text, pattern)
        if parsed.isValid():
            return datetime(parsed.date().year(), parsed.date().month(), parsed.date().day(), parsed.time().hour(),
                            parsed.time().minute(), tzinfo=zone)
    return None


class ScheduleDialog(QDialog):
    scheduled = Signal(int)

    def __init__(self, ctx: AppContext, team_uuids: list[str] | None, team_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        forms.titled(self, "scheduleDialog", self.tr("Schedule the next one-to-ones"))
        self.ctx, self.team_uuids = ctx, team_uuids
        self.proposal: ScheduleProposal | None = None
        self.handle: ops.Operation | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{team}: each agent from their due day, then every rhythm, at the first "
                                        "free time within working hours.").format(team=team_label), self))
        row = QHBoxLayout()
        self.weeks = forms.spin(self, "scheduleWeeks", self.tr("Weeks ahead"), 1, 26, 4)
        self.minutes = forms.spin(self, "scheduleMinutes", self.tr("Minutes each"), 5, 240, 30)
        for label, spin in ((self.tr("&Weeks ahead:"), self.weeks), (self.tr("M&inutes each:"), self.minutes)):
            row.addWidget(forms.buddy_label(label, spin, self))
            row.addWidget(spin)
        self.propose_button = forms.button(self, self.tr("&Propose"), "scheduleProposeButton", self.propose)
        row.addWidget(self.propose_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = named(QTableWidget(0, 5, self), "scheduleTable", self.tr("Proposed one-to-ones"))
        self.table.setHorizontalHeaderLabels([self.tr("Schedule"), self.tr("Agent"), self.tr("Starts"),
                                              self.tr("Minutes"), self.tr("Leader")])
        self.table.horizontalHeader().setSectionResizeMode(COL_AGENT, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.message = QLabel("", self)
        self.message.setObjectName("scheduleMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.accept_button = forms.button(self, self.tr("&Schedule these"), "scheduleAcceptButton", self.schedule,
                                          box=self.buttons, role=QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setEnabled(False)
        named(self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel), "scheduleCancelButton",
              self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def propose(self) -> None:
        self.message.setText(self.tr("Working out the proposal…"))
        self.propose_button.setEnabled(False)
        self.handle = actions.propose(self, self.ctx, self.team_uuids, self.weeks.value(), self.minutes.value(),
                                      self.show_proposal, failed=self._refused)

    def show_proposal(self, proposal: ScheduleProposal) -> None:
        self.proposal = proposal
        self.propose_button.setEnabled(True)
        zone = calendar.zone(proposal.zone_name)
        self.table.setRowCount(len(proposal.sessions))
        for r, s in enumerate(proposal.sessions):
            include = QTableWidgetItem()
            include.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            include.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(r, COL_INCLUDE, include)
            for col, text, editable in ((COL_AGENT, s.agent_name, False),
                                        (COL_START, _start_text(s.start.astimezone(zone)), True),
                                        (COL_MINUTES, str(s.minutes), True), (COL_LEADER, s.leader_name, False)):
                item = QTableWidgetItem(text)
                if not editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_AGENT, QHeaderView.ResizeMode.Stretch)
        lines = [self.tr("{n} one-to-ones proposed in {zone} ({hours}). Edit a time or untick a row, then "
                         "schedule.").format(n=len(proposal.sessions), zone=proposal.zone_name,
                                             hours=proposal.hours.text())]
        lines += [self.tr("No free time near {day} for {name}.").format(day=date_text(day), name=name)
                  for name, day in proposal.no_room]
        self.message.setText("\n".join(lines))
        self.accept_button.setEnabled(bool(proposal.sessions))

    def chosen(self) -> list[ProposedSession]:
        """The ticked rows with their edited times; a time that cannot be read raises one sentence."""
        assert self.proposal is not None
        zone = calendar.zone(self.proposal.zone_name)
        out = []
        for r, s in enumerate(self.proposal.sessions):
            if self.table.item(r, COL_INCLUDE).checkState() != Qt.CheckState.Checked:
                continue
            text = self.table.item(r, COL_START).text().strip()
            start = _read_start(text, zone)
            if start is None:
                raise ValidationError(self.tr("Row {row} ({name}): {text!r} is not a time; write it as {example}.")
                                      .format(row=r + 1, name=s.agent_name, text=text,
                                              example=when_text(s.start.astimezone(zone), zone=zone)))
            try:
                minutes = int(self.table.item(r, COL_MINUTES).text())
            except ValueError:
                raise ValidationError(self.tr("Row {row} ({name}): minutes must be a whole number.").format(
                    row=r + 1, name=s.agent_name)) from None
            out.append(calendar.with_start(s, start, minutes))
        return out

    def schedule(self) -> None:
        try:
            sessions = self.chosen()
        except ValidationError as error:  # one sentence, the dialog stays open
            self._refused(error)
            return
        self.accept_button.setEnabled(False)
        self.handle = actions.schedule(self, self.ctx, sessions, self._done, failed=self._refused)

    def _done(self, uuids: list[str]) -> None:
        self.scheduled.emit(len(uuids))
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.propose_button.setEnabled(True)
        self.accept_button.setEnabled(self.proposal is not None and bool(self.proposal.sessions))
        self.message.setText(ops.error_text(error))
