"""The KPI import dialog: preview off the GUI thread, the user's answers, then an all-or-nothing import (its head
and foot are ``kpi_import_head`` and ``kpi_import_status``; the preview's tabs and questions are widgets)."""


from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import kpis as kpis_api
from coachdesk.services.common import AppContext
from coachdesk.services.kpis import ImportCancelled, ImportOptions, ImportPlan, ImportRejected, ImportResult
from coachdesk.ui.actions import kpis as kpi_actions
from coachdesk.ui.actions.kpis import CommitOutcome, PreviewOutcome
from coachdesk.ui.dialogs.kpi_import_head import ENCODINGS, FileHead  # noqa: F401 - ENCODINGS: the offered list
from coachdesk.ui.dialogs.kpi_import_status import ProgressRow, ResultBox
from coachdesk.ui.kit import forms, ops
from coachdesk.ui.kit.forms import ErrorBanner, named
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.models.kpi_history_models import local_time
from coachdesk.ui.models.kpi_models import CREATE
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.kpi_decisions import FAIL, DecisionsPanel
from coachdesk.ui.widgets.kpi_preview import PROBLEMS, PreviewTabs

#: A file bigger than this is first shown from its first rows, within a second or two, then read whole.
FIRST_LOOK_BYTES = 5 * 1024 * 1024
FIRST_LOOK_ROWS = 2_000
#: the operation that reads the file (a test may put a spy in its place)
preview = kpi_actions.preview


class KpiImportDialog(QDialog):
    """Preview, answer, import. ``imported`` carries the ``ImportResult`` once figures are stored (the write has
    been announced on the change channel by then). Return never imports: only the Import button does."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiImportDialog")
        self.ctx = ctx
        self.path = Path(path)
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.sheet: str | None = None
        self.date_order: str | None = None
        self.period: tuple[date, date] | None = None
        self.mapping: dict | None = None
        self.encoding: str | None = None
        self.create_kpis = False
        self._choices_read = False
        self._operation: ops.Operation | None = None
        self._stop = threading.Event()
        self._run = 0  # the latest read or import: progress of an overtaken one is not shown
        self.busy = ""  # "", "preview" or "commit"
        self.setWindowTitle(self.tr("Import KPI file"))
        self.setAccessibleName(self.windowTitle())
        self._build()
        room = self.screen().availableGeometry()
        self.resize(min(1100, int(room.width() * 0.92)), min(880, int(room.height() * 0.92)))
        self.read_file()

    # -- building ----------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.head = FileHead(self.path, self)
        self.head.sheet_chosen.connect(self.choose_sheet)
        self.head.encoding_chosen.connect(self.choose_encoding)
        self.info, self.sheet_combo, self.encoding_combo = self.head.info, self.head.sheet_combo, \
            self.head.encoding_combo
        self.banner = ErrorBanner(self, "kpiError")
        self.reimport = ErrorBanner(self, "kpiReimportWarning")
        self.decisions = DecisionsPanel(self)
        self.decisions.date_order_chosen.connect(self.choose_date_order)
        self.decisions.period_chosen.connect(self.choose_period)
        self.decisions.policy_changed.connect(lambda _p: self._update_buttons())
        self.decisions.hide()
        self.waiting = muted_label("", self, name="kpiWaiting")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setFont(scaled_font(self.waiting.font(), 1.3))
        self.tabs = PreviewTabs(parent=self)
        self.tabs.hide()
        self.tabs.mapping_edited.connect(self._mapping_edited)
        self.tabs.people_edited.connect(self._people_edited)
        self.tabs.create_kpis_toggled.connect(self.choose_create_kpis)
        self.foot = ProgressRow(self)
        self.progress, self.status = self.foot.progress, self.foot.status
        self.cancel_button, self.reread_button = self.foot.cancel_button, self.foot.reread_button
        self.cancel_button.clicked.connect(self.cancel_task)
        self.reread_button.clicked.connect(self.read_file)
        self.result_box = ResultBox(self)
        self.result_label = self.result_box.label
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        named(self.import_button, "kpiImport", self.tr("Import"))
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        named(self.close_button, "kpiClose", self.tr("Close"))
        for button in (self.import_button, self.close_button):
            button.setAutoDefault(False)  # Return in a field or a drop-down never presses a button
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        for widget in (self.head, self.banner, self.reimport, self.decisions):
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.waiting, 1)
        for widget in (self.foot, self.result_box, self.buttons):
            layout.addWidget(widget)

    # -- reading -----------------------------------------------------------------------------------------------------
    def options(self) -> ImportOptions:
        people = self.tabs.people_model
        start, end = self.period or (None, None)
        return ImportOptions(mapping=self.mapping, date_order=self.date_order, period_start=start, period_end=end,
                             sheet=self.sheet, create_agents=people.default_choice == CREATE,
                             people=people.choice_map(), on_duplicate=self.decisions.duplicate_policy(),
                             encoding=self.encoding, create_kpis=self.create_kpis)

    def read_file(self, whole: bool = False) -> None:
        """Preview the file with the answers given so far (off the GUI thread); a newer read replaces a running one.
        A big file is first read for its first ``FIRST_LOOK_ROWS`` rows, shown at once, then read whole."""
        self.cancel_task()
        self._set_busy("preview", self.tr("Reading {file}…").format(file=self.path.name))
        if self.plan is None:
            self.waiting.setText(self.tr("Reading {file}…").format(file=self.path.name))
        options = self.options()
        if not whole and self._size() > FIRST_LOOK_BYTES:
            options = replace(options, preview_rows=FIRST_LOOK_ROWS)
        self._run += 1
        run, self._stop = self._run, threading.Event()
        operation = preview(self, self.ctx, self.path, options, self._preview_done, stop=self._stop,
                            with_choices=not self._choices_read,
                            progress=lambda percent, text: self._progress(run, percent, text), failed=self._task_failed)
        self._operation = operation if not operation.finished else None

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def _preview_done(self, outcome: PreviewOutcome) -> None:
        self._operation = None
        self._set_busy("")
        if outcome.choices is not None:
            self._choices_read = True
            self.tabs.set_choices(outcome.choices.kpis, outcome.choices.people)
        self.head.show_sheets(outcome.sheets, self.sheet or (self.plan.sheet if self.plan else None))
        if outcome.error is not None:
            self._show_refusal(outcome.error, reading=True)
        else:
            self._show_plan(outcome.plan)
            if outcome.plan.partial:  # a first look: the counts of the whole file follow
                self.read_file(whole=True)
                self.status.setText(self.tr("The first {rows} rows are shown; reading the rest of the file…").format(
                    rows=f"{FIRST_LOOK_ROWS:,}"))
                return
        self._update_buttons()

    def _show_plan(self, plan: ImportPlan) -> None:
        first = self.plan is None
        self.plan = plan
        self.banner.clear()
        self.waiting.hide()
        self.decisions.show()
        self.tabs.show()
        self.decisions.setEnabled(True)
        self.decisions.show_plan(plan, self.period, self.mapping is not None)
        self.tabs.show_plan(plan)
        self.head.show_plan(plan, self.encoding)
        if plan.earlier_batches:
            first = plan.earlier_batches[0]
            self.reimport.show_message(self.tr(
                "This very file was imported before: {when}, {figures} figures (batch {batch}). Importing it again "
                "asks you to confirm; undoing the earlier import on the KPIs page is usually better.").format(
                when=local_time(first.finished_at), figures=f"{first.figures:,}", batch=first.uuid))
        else:
            self.reimport.clear()
        reason = kpis_api.refusal(plan)
        only_when = all(item.startswith("when") for item in plan.missing) and plan.missing
        if reason and not plan.needs_date_order and not only_when:
            self.banner.show_message(reason)  # the questions above ask for a date order or a period themselves
        if plan.problems and not plan.needs_date_order:
            self.tabs.setCurrentIndex(PROBLEMS)
        if first:
            self._update_buttons()
            self._focus_first_question(plan)

    def _focus_first_question(self, plan: ImportPlan) -> None:
        """Keyboard users land on what needs answering, or on Import when nothing does."""
        if plan.needs_date_order:
            self.decisions.order_buttons[next(iter(self.decisions.order_buttons))].setFocus()
        elif any(item.startswith("when") for item in plan.missing):
            self.decisions.period_start.setFocus()
        elif plan.problems:
            self.tabs.problems_table.setFocus()
        elif self.import_button.isEnabled():
            self.import_button.setFocus()
        else:
            self.tabs.mapping_table.setFocus()

    # -- answers -----------------------------------------------------------------------------------------------------
    def choose_date_order(self, order: str) -> None:
        self.date_order = order
        self.read_file()

    def choose_period(self, start: date, end: date) -> None:
        if end < start:
            self.banner.show_message(self.tr("The period ends ({end}) before it starts ({start}).").format(
                start=date_text(start), end=date_text(end)))
            return
        self.period = (start, end)
        self.read_file()

    def choose_encoding(self, encoding: str | None) -> None:
        if encoding == self.encoding:
            return
        self.encoding = encoding
        self.read_file()

    def choose_create_kpis(self, create: bool) -> None:
        self.create_kpis = create
        self.mapping = None  # the new KPIs change the mapping: let the engine propose it again
        self.read_file()

    def choose_sheet(self, sheet: str) -> None:
        if not sheet or sheet == (self.sheet or (self.plan.sheet if self.plan else None)):
            return
        self.sheet, self.mapping, self.date_order = sheet, None, None
        self.tabs.people_model.set_rows([])
        self.read_file()

    def _mapping_edited(self) -> None:
        model = self.tabs.mapping_model
        base = self.plan.mapping_json if self.plan else None
        self.mapping = kpis_api.mapping_json(model.columns(), model.shape, base)
        self.read_file()

    def _people_edited(self) -> None:
        self.tabs.refresh_people_note()
        self.read_file()

    # -- importing ---------------------------------------------------------------------------------------------------
    def blocking_reason(self) -> str:
        """Why Import is not possible yet ("" when it is)."""
        plan = self.plan
        if self.result is not None:
            return ""
        if plan is None:
            return self.tr("The file could not be read.") if not self.busy else ""
        if plan.partial:
            return self.tr("Reading the rest of the file…")
        if plan.needs_date_order:
            return self.tr("Choose the order of the dates above.")
        if any(item.startswith("when") for item in plan.missing):
            return self.tr("Give the period the file covers above, or map a date column.")
        if kpis_api.refusal(plan):
            return self.tr("Fix the column mapping or the file: see the message at the top.")
        if self.tabs.people_model.undecided():
            return self.tr("Some agents are near someone in CoachDesk: say who they are on the People tab.")
        if plan.duplicates and self.decisions.duplicate_policy() == FAIL:
            return self.tr("Some figures are already stored: choose to replace them or keep them.")
        return ""

    def _update_buttons(self) -> None:
        ready = self.plan is not None and not self.busy and self.result is None and not self.blocking_reason() \
            and kpis_api.refusal(self.plan) is None
        self.import_button.setEnabled(ready)
        self.import_button.setVisible(self.result is None)
        if not self.busy:
            self.status.setText(self.blocking_reason() or (self.tr("Ready to import.") if ready else ""))

    def confirm_reimport(self) -> bool:
        return QMessageBox.question(
            self, self.tr("Import the same file again?"),
            self.tr("{file} was imported before. Import it a second time?").format(file=self.path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        """Import with the answers given, off the GUI thread; nothing is written before this."""
        plan = self.plan
        if plan is None or not self.import_button.isEnabled() or self.busy:
            return
        force = bool(plan.earlier_batches)
        if force and not self.confirm_reimport():
            return
        people = self.tabs.people_model
        choices = {"on_duplicate": self.decisions.duplicate_policy(), "create_agents": people.default_choice == CREATE,
                   "people": people.choice_map(), "force": force,
                   "remember_mapping": self.decisions.remember_mapping(),
                   "mapping_name": self.decisions.remembered_name()}
        self.banner.clear()
        self._set_busy("commit", self.tr("Importing {file}…").format(file=self.path.name))
        self._run += 1
        run, self._stop = self._run, threading.Event()
        operation = kpi_actions.commit_import(self, self.ctx, plan, choices, self._commit_done, stop=self._stop,
                                              progress=lambda percent, text: self._progress(run, percent, text),
                                              failed=self._task_failed)
        self._operation = operation if not operation.finished else None

    def _commit_done(self, outcome: CommitOutcome) -> None:
        self._operation = None
        self._set_busy("")
        if outcome.error is not None:
            self._show_refusal(outcome.error, reading=False)
        elif outcome.result.batch_uuid is None:
            self.banner.show_message(self.tr("Nothing was stored: no figure of the file was left to import."))
        else:
            self._show_result(outcome.result)
        self._update_buttons()

    def _show_result(self, result: ImportResult) -> None:
        self.result = result
        self.result_box.show_result(result)
        self.decisions.setEnabled(False)
        self.tabs.set_read_only(True)
        self.reread_button.hide()
        self.status.clear()
        self.close_button.setFocus()
        self.imported.emit(result)

    # -- progress, errors, cancel ------------------------------------------------------------------------------------
    def _set_busy(self, what: str, text: str = "") -> None:
        self.busy = what
        self.foot.set_busy(bool(what), self.result is None)
        for widget in (self.decisions, self.tabs, self.sheet_combo):
            widget.setEnabled(what != "commit" and (widget is self.tabs or self.result is None) and
                              (widget is not self.decisions or self.plan is not None))
        if what:
            self.import_button.setEnabled(False)
            self.status.setText(text)

    def _progress(self, run: int, percent: int, message: str) -> None:
        if run == self._run:  # an overtaken read's progress is not this one's
            self.foot.show_progress(percent, message)

    def cancel_task(self) -> None:
        self._stop.set()
        if self._operation is not None:
            self._operation.cancel()

    def _show_refusal(self, error: CoachDeskError, reading: bool) -> None:
        """A refusal or a stop the engine returned as an outcome (the file or the answers, not a failure)."""
        if isinstance(error, ImportCancelled):
            text = self.tr("Reading the file was stopped.") if reading else \
                self.tr("The import was stopped; nothing was written.")
        else:
            text = str(error)
        if isinstance(error, ImportRejected):
            self.tabs.show_rejected(error.problems, error.count)
        self.banner.show_message(text)
        if reading and self.plan is None:
            self.waiting.setText(self.tr("Nothing could be read from {file}.").format(file=self.path.name))

    def _task_failed(self, error: BaseException) -> None:
        was = self.busy
        self._operation = None
        self._set_busy("")
        self.banner.show_message(self.tr("The file could not be {what}: {error}").format(
            what=self.tr("read") if was == "preview" else self.tr("imported"), error=ops.error_text(error)))
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        forms.no_default_button(self)  # Return presses no default button here: none should look like one

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Return confirms what the focused field or drop-down holds and nothing more: it never imports the file
        (only the Import button does, clicked or pressed while it has the focus)."""
        if not forms.return_only_presses_buttons(self, event):
            super().keyPressEvent(event)

    def reject(self) -> None:
        self.cancel_task()
        super().reject()
