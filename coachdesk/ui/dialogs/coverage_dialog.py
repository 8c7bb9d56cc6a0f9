"""Observation coverage of a team this month: the target (observations a month, how many unannounced), who is
behind, due, planned or done, and planning an observation for the selected agent onto the calendar."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import calendar
from coachdesk.services.calendar import CoverageRow
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import calendar as calendar_actions
from coachdesk.ui.kit import changes, forms, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.tables import item_table
from coachdesk.ui.kit.words import date_format, date_text, time_format, weekday_text, when_text

HEADERS = ("Agent", "State", "Done", "Unannounced", "Planned", "Last observed")


class CoverageDialog(QDialog):
    planned = Signal()

    def __init__(self, ctx: AppContext, team_uuid: str, team_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageDialog")
        self.setWindowTitle(self.tr("Observation coverage: {team}").format(team=team_name))
        self.setAccessibleName(self.windowTitle())
        self.ctx, self.team_uuid = ctx, team_uuid
        self.rows: list[CoverageRow] = []
        self.zone_name = "UTC"
        self.handle: ops.Operation | None = None
        layout = QVBoxLayout(self)
        target = QHBoxLayout()
        self.per_month = forms.spin(self, "coveragePerMonth", self.tr("Observations a month"), 0, 31, 0)
        self.unannounced = forms.spin(self, "coverageUnannounced", self.tr("Unannounced a month"), 0, 31, 0)
        for label, spin in ((self.tr("Target: every agent observed"), self.per_month),
                            (self.tr("times a month, of which unannounced"), self.unannounced)):
            target.addWidget(QLabel(label, self))
            target.addWidget(spin)
        self.save_target = forms.button(self, self.tr("Save target"), "coverageSaveTarget", self.save)
        target.addWidget(self.save_target)
        target.addStretch(1)
        layout.addLayout(target)
        self.table = item_table(self, "coverageTable", self.tr("Who is behind"), [self.tr(h) for h in HEADERS],
                                stretch=0)
        layout.addWidget(self.table, 1)
        plan = QHBoxLayout()
        self.when = QDateTimeEdit(QDateTime(QDate.currentDate().addDays(1), QTime(10, 0)), self)  # a working hour
        self.when.setObjectName("coverageWhen")
        self.when.setAccessibleName(self.tr("Observation starts"))
        self.when.setDisplayFormat(f"ddd {date_format()} {time_format()}")
        self.when.setCalendarPopup(True)
        self.minutes = forms.spin(self, "coverageMinutes", self.tr("Minutes"), 5, 480, 45)
        self.announced = QCheckBox(self.tr("Announced"), self)
        self.announced.setObjectName("coverageAnnounced")
        self.announced.setAccessibleName(self.tr("Announced"))
        self.announced.setChecked(True)
        self.plan_button = forms.button(self, self.tr("Plan an observation of the selected agent"), "coveragePlan",
                                        self.plan)
        for w in (QLabel(self.tr("At"), self), self.when, self.minutes, QLabel(self.tr("minutes"), self),
                  self.announced, self.plan_button):
            plan.addWidget(w)
        plan.addStretch(1)
        layout.addLayout(plan)
        self.message = QLabel("", self)
        self.message.setObjectName("coverageMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.resize(760, 520)
        # observations planned or held, targets and people changed (here or elsewhere): reload while open
        changes.watch(self, [Kind.OBSERVATION, Kind.SETTING, Kind.TEAM, Kind.PERSON], self.reload)

    def reload(self) -> None:
        self.handle = calendar_actions.coverage(self, self.ctx, self.team_uuid, self.show_rows,
                                                failed=ops.into_label(self.message))

    def show_rows(self, result: tuple[list[CoverageRow], str]) -> None:
        self.rows, self.zone_name = result
        if self.rows:
            t = self.rows[0].target
            self.per_month.setValue(t.per_month or 0)
            self.unannounced.setValue(t.unannounced_per_month or 0)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = (row.agent_name, row.state.label, str(row.done), str(row.done_unannounced),
                      str(row.planned), date_text(row.last_observed) or self.tr("never"))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == 1 and row.state is calendar.CoverageState.BEHIND:
                    item.setText(f"▼ {text}")
                self.table.setItem(r, c, item)
        behind = sum(1 for r in self.rows if r.state is calendar.CoverageState.BEHIND)
        self.message.setText(self.tr("{n} of {total} behind this month (times in {zone}).").format(
            n=behind, total=len(self.rows), zone=self.zone_name))
        if self.rows:
            self.table.selectRow(0)

    def save(self) -> None:
        target = calendar.CoverageTarget(self.per_month.value() or None, self.unannounced.value() or None)
        # once saved it is announced, and the table reloads (it watches the settings)
        self.handle = calendar_actions.set_coverage_target(self, self.ctx, self.team_uuid, target, None,
                                                           failed=ops.into_label(self.message))

    def plan(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Select the agent to observe first."))
            return
        row = self.rows[rows[0].row()]
        zone = calendar.zone(self.zone_name)
        start = self.when.dateTime().toPython().replace(second=0, microsecond=0, tzinfo=zone)
        self.handle = calendar_actions.plan_observation(
            self, self.ctx, row.agent_uuid, start, self.minutes.value(), self.announced.isChecked(),
            lambda _u: self._planned(row, start), failed=ops.into_label(self.message))

    def _planned(self, row: CoverageRow, start: datetime) -> None:
        """Planned (and announced: the table has reloaded)."""
        self.planned.emit()
        self.message.setText(self.tr("Observation of {name} planned for {when}.").format(
            name=row.agent_name, when=f"{weekday_text(start.date())} {when_text(start, zone=start.tzinfo)}"))
        self.when.setDateTime(self.when.dateTime().addSecs(int(timedelta(minutes=self.minutes.value()).seconds)))

