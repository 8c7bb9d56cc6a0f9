"""The demo data offer: choose how many agents and days, then generate them off the GUI thread with progress."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.ui.actions import people
from coachdesk.ui.kit import forms, ops
from coachdesk.ui.kit.forms import named
from coachdesk.ui.theme import title_label

log = logging.getLogger(__name__)

DEFAULT_AGENTS, DEFAULT_DAYS, DEFAULT_SEED = 60, 365, 1


def generate_demo_data(db: Any, agents: int, days: int, seed: int, progress: Any = None) -> Any:
    """Runs on a pool thread; the demo module (and whatever it imports) is loaded only now."""
    from coachdesk.services.demo import generate_demo

    return generate_demo(db, agents=agents, days=days, seed=seed, progress=progress)


def describe_summary(summary: Any) -> str:
    """A one-line account of what was generated."""
    if summary is None:
        return ""
    if all(hasattr(summary, name) for name in ("agents", "teams", "kpi_figures", "observations", "one_to_ones")):
        return QCoreApplication.translate(
            "DemoDialog", "{agents} agents in {teams} teams, {figures} KPI figures, {observations} observations "
            "and {one_to_ones} one-to-ones.").format(
            agents=summary.agents, teams=summary.teams, figures=QLocale().toString(summary.kpi_figures),
            observations=QLocale().toString(summary.observations), one_to_ones=QLocale().toString(summary.one_to_ones))
    if dataclasses.is_dataclass(summary) and not isinstance(summary, type):
        return ", ".join(f"{f.name.replace('_', ' ')}: {getattr(summary, f.name)}"
                         for f in dataclasses.fields(summary))
    return str(summary)


class DemoDialog(QDialog):
    """Offers a realistic demo contact centre; emits ``loaded(summary)`` when the data is in the database."""

    loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoDialog")
        self.setAccessibleName(self.tr("Load demo data"))
        self.setWindowTitle(self.tr("Load demo data"))
        self.ctx = ctx
        self.handle: ops.Operation | None = None
        self.summary: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Try CoachDesk with a demo contact centre?"), self, factor=1.3))
        intro = QLabel(self.tr("The database is empty. CoachDesk can fill it with invented agents, teams, KPIs "
                               "and coaching records so that you can look around."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._build_form())
        self.progress = named(QProgressBar(self), "demoProgress", self.tr("Progress"))
        self.progress.setRange(0, 100)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setObjectName("demoStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(self._build_buttons())
        self.setMinimumWidth(460)

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.agents = forms.spin(self, "demoAgents", self.tr("Agents"), 1, 2000, DEFAULT_AGENTS)
        self.days = forms.spin(self, "demoDays", self.tr("Days of history"), 7, 3660, DEFAULT_DAYS,
                                   self.tr(" days"))
        self.seed = forms.spin(self, "demoSeed", self.tr("Random seed"), 0, 2_147_483_647, DEFAULT_SEED)
        self.seed.setToolTip(self.tr("The same seed gives the same demo data."))
        form.addRow(self.tr("&Agents:"), self.agents)
        form.addRow(self.tr("&History:"), self.days)
        form.addRow(self.tr("&Seed:"), self.seed)
        return form

    def _build_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(self)
        self.load_button = forms.button(self, self.tr("&Load demo data"), "demoLoad", self.start, box=self.buttons,
                                        role=QDialogButtonBox.ButtonRole.AcceptRole)
        self.load_button.setDefault(True)
        self.cancel_button = forms.button(self, self.tr("&Not now"), "demoNotNow", self.reject, box=self.buttons,
                                          role=QDialogButtonBox.ButtonRole.RejectRole)
        return self.buttons

    # -- actions -------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.handle is not None

    def start(self) -> None:
        """Generate the demo data on the thread pool; the dialog stays open and shows progress."""
        if self.running:
            return
        self._set_inputs_enabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Generating… the window stays usable."))
        self.handle = people.generate_demo(self, self.ctx, self.agents.value(), self.days.value(), self.seed.value(),
                                           self._on_success, work=lambda db, *args, **kw: generate_demo_data(
                                               db, *args, **kw), progress=self._on_progress, failed=self._on_error)

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.agents, self.days, self.seed, self.load_button, self.cancel_button):
            widget.setEnabled(enabled)

    def _on_progress(self, percent: int, message: str) -> None:
        self.progress.setValue(max(0, min(100, percent)))
        if message:
            self.status.setText(message)

    def _on_success(self, summary: Any) -> None:
        self.handle = None
        self.summary = summary
        self.progress.setValue(100)
        self.status.setText(self.tr("Demo data loaded."))
        self.loaded.emit(summary)
        self.accept()

    def _on_error(self, error: BaseException) -> None:
        self.handle = None
        self._set_inputs_enabled(True)
        self.progress.hide()
        self.status.setText(self.tr("Could not load the demo data: {error}").format(error=ops.error_text(error)))

    def reject(self) -> None:
        if not self.running:  # generation cannot stop halfway: let it finish rather than leave it unattended
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)
