"""The "Schedule the next one-to-ones" dialog: propose N weeks from each agent's rhythm, let the leader untick or
retime rows, then schedule them all in one step (or nothing, with the reason in one sentence)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import calendar
from coachdesk.services.calendar import ProposedSession, ScheduleProposal
from coachdesk.services.common import AppContext
from coachdesk.ui import tasks

COL_INCLUDE, COL_AGENT, COL_START, COL_MINUTES, COL_LEADER = range(5)
TIME_FORMAT = "%a %Y-%m-%d %H:%M"


def _propose(db, teams: list[str] | None, weeks: int, minutes: int) -> ScheduleProposal:  # noqa: ANN001
    """On a pool thread: ``teams`` None = the signed-in leader's teams (every team when they lead none)."""
    from datetime import date

    from coachdesk.services.common import signed_in_person

    if teams is None:
        who = signed_in_person(db)
        teams = [u for u, _ in calendar.led_teams(db, who.uuid, date.today())] if who else []
    return calendar.propose_next(db, None, weeks, minutes=minutes, team_uuids=teams or None)


def _accept(db, sessions: list[ProposedSession]) -> list[str]:  # noqa: ANN001
    from coachdesk.services.common import signed_in_person

    who = signed_in_person(db)
    return calendar.accept(db, sessions, actor_uuid=who.uuid if who else None)


class ScheduleDialog(QDialog):
    scheduled = Signal(int)

    def __init__(self, ctx: AppContext, team_uuids: list[str] | None, team_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(self.tr("Schedule the next one-to-ones"))
        self.setAccessibleName(self.windowTitle())
        self.ctx, self.team_uuids = ctx, team_uuids
        self.proposal: ScheduleProposal | None = None
        self.handle: tasks.TaskHandle | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{team}: each agent from their due day, then every rhythm, at the first "
                                        "free time within working hours.").format(team=team_label), self))
        row = QHBoxLayout()
        self.weeks = self._spin("scheduleWeeks", self.tr("Weeks ahead"), 1, 26, 4)
        self.minutes = self._spin("scheduleMinutes", self.tr("Minutes each"), 5, 240, 30)
        for label, spin in ((self.tr("Weeks ahead:"), self.weeks), (self.tr("Minutes each:"), self.minutes)):
            row.addWidget(QLabel(label, self))
            row.addWidget(spin)
        self.propose_button = QPushButton(self.tr("Propose"), self)
        self.propose_button.setObjectName("scheduleProposeButton")
        self.propose_button.setAccessibleName(self.tr("Propose"))
        self.propose_button.clicked.connect(self.propose)
        row.addWidget(self.propose_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("scheduleTable")
        self.table.setAccessibleName(self.tr("Proposed one-to-ones"))
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
        self.accept_button = self.buttons.addButton(self.tr("Schedule these"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName("scheduleAcceptButton")
        self.accept_button.setAccessibleName(self.tr("Schedule these"))
        self.accept_button.setEnabled(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("scheduleCancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.schedule)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def _spin(self, name: str, accessible: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def propose(self) -> None:
        self.message.setText(self.tr("Working out the proposal…"))
        self.propose_button.setEnabled(False)
        self.handle = tasks.submit(_propose, self.ctx.db, self.team_uuids, self.weeks.value(), self.minutes.value(),
                                   on_success=self.show_proposal, on_error=self.show_error)

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
                                        (COL_START, s.start.astimezone(zone).strftime(TIME_FORMAT), True),
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
        lines += [self.tr("No free time near {day} for {name}.").format(day=day.strftime("%d %b"), name=name)
                  for name, day in proposal.no_room]
        self.message.setText("\n".join(lines))
        self.accept_button.setEnabled(bool(proposal.sessions))

    def chosen(self) -> list[ProposedSession]:
        """The ticked rows with their edited times; a time that cannot be read raises one sentence."""
        from coachdesk.domain.errors import ValidationError

        assert self.proposal is not None
        zone = calendar.zone(self.proposal.zone_name)
        out = []
        for r, s in enumerate(self.proposal.sessions):
            if self.table.item(r, COL_INCLUDE).checkState() != Qt.CheckState.Checked:
                continue
            text = self.table.item(r, COL_START).text().strip()
            try:
                start = datetime.strptime(text, TIME_FORMAT).replace(tzinfo=zone)
            except ValueError:
                try:
                    start = datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
                except ValueError:
                    raise ValidationError(self.tr("Row {row} ({name}): {text!r} is not a time; write it as "
                                                  "2026-12-07 09:30.").format(row=r + 1, name=s.agent_name,
                                                                              text=text)) from None
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
        except Exception as exc:  # noqa: BLE001 - a ValidationError: one sentence, the dialog stays open
            self.show_error(exc)
            return
        self.accept_button.setEnabled(False)
        self.handle = tasks.submit(_accept, self.ctx.db, sessions, on_success=self._done, on_error=self.show_error)

    def _done(self, uuids: list[str]) -> None:
        self.scheduled.emit(len(uuids))
        self.accept()

    def show_error(self, error: BaseException) -> None:
        self.propose_button.setEnabled(True)
        self.accept_button.setEnabled(self.proposal is not None and bool(self.proposal.sessions))
        self.message.setText(str(error))
