"""Today's line naming who is due an observation this month against their team's target (behind first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from coachdesk.services.calendar import CoverageRow, CoverageState

MAX_NAMES = 12


class ObservationsDueLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayObservationsDue")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Due an observation"))

    def show_rows(self, rows: list[CoverageRow]) -> None:
        if not rows:
            self.setText(self.tr("Observations: nobody is behind their team's target this month."))
        else:
            names = ", ".join(
                self.tr("{name} (behind: {done} of {want})").format(name=r.agent_name, done=r.done,
                                                                   want=r.target.per_month or 0)
                if r.state is CoverageState.BEHIND else r.agent_name for r in rows[:MAX_NAMES])
            more = self.tr(" and {n} more").format(n=len(rows) - MAX_NAMES) if len(rows) > MAX_NAMES else ""
            self.setText(self.tr("Due an observation this month: {names}{more}.").format(names=names, more=more))
        self.setAccessibleName(self.text())

    def show_error(self, error: BaseException) -> None:
        self.setText(self.tr("Could not work out who is due an observation: {error}").format(error=error))
