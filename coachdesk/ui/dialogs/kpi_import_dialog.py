"""The KPI import dialog: preview off the GUI thread, the user's answers, then an all-or-nothing import."""


from __future__ import annotations

import html
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import kpis as kpis_api
from coachdesk.services import people as people_api
from coachdesk.services.common import AppContext
from coachdesk.services.kpis import ImportCancelled, ImportOptions, ImportPlan, ImportRejected, ImportResult
from coachdesk.ui import tasks
from coachdesk.ui.kit.forms import ErrorBanner
from coachdesk.ui.models.kpi_history_models import local_time, shape_label
from coachdesk.ui.models.kpi_models import CREATE
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.kpi_decisions import FAIL, DecisionsPanel
from coachdesk.ui.widgets.kpi_jobs import CommitOutcome, PreviewOutcome, commit_job, preview_job
from coachdesk.ui.widgets.kpi_preview import PROBLEMS, PreviewTabs

#: A file bigger than this is first shown from its first rows, within a second or two, then read whole.
FIRST_LOOK_BYTES = 5 * 1024 * 1024
FIRST_LOOK_ROWS = 2_000
#: Encodings offered when names look garbled: (Python codec, label).
ENCODINGS = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (Western)"), ("iso-8859-15", "ISO-8859-15 (Western)"),
             ("cp1250", "Windows-1250 (Central European)"), ("iso8859-2", "ISO-8859-2 (Central European)"),
             ("cp1251", "Windows-1251 (Cyrillic)"), ("koi8-r", "KOI8-R (Cyrillic)"), ("cp1253", "Windows-1253 (Greek)"),
             ("cp1254", "Windows-1254 (Turkish)"), ("cp1257", "Windows-1257 (Baltic)"),
             ("cp932", "Shift-JIS (Japanese)"), ("gb18030", "GB18030 (Chinese)"), ("big5", "Big5 (Chinese)"),
             ("euc-kr", "EUC-KR (Korean)"), ("utf-16", "UTF-16"))


class KpiImportDialog(QDialog):
    """Preview, answer, import. ``imported`` carries the ``ImportResult`` once figures are stored."""

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
        self._run = 0
        self._stop = threading.Event()
        self._handle: tasks.TaskHandle | None = None
        self.busy = ""  # "", "preview" or "commit"
        self.setWindowTitle(self.tr("Import KPI file"))
        self.setAccessibleName(self.windowTitle())
        kpis = kpis_api.catalogue_kpis(ctx.db)
        people = [(p.uuid, f"{p.display_name} ({p.team})" if p.team else p.display_name)
                  for p in people_api.list_people(ctx.db)]
        self._build(kpis, people)
        room = self.screen().availableGeometry()
        self.resize(min(1100, int(room.width() * 0.92)), min(880, int(room.height() * 0.92)))
        self.read_file()

    # -- building ----------------------------------------------------------------------------------------------------
    def _build(self, kpis: list, people: list[tuple[str, str]]) -> None:
        title = QLabel(self.path.name, self)
        title.setObjectName("kpiFileName")
        title.setFont(scaled_font(title.font(), 1.5, bold=True))
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info = muted_label("", self, name="kpiFileInfo")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("kpiSheet")
        self.sheet_combo.setAccessibleName(self.tr("Sheet to import"))
        self.sheet_combo.activated.connect(lambda _i: self.choose_sheet(self.sheet_combo.currentText()))
        self.sheet_label = QLabel(self.tr("S&heet:"), self)
        self.sheet_label.setBuddy(self.sheet_combo)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setObjectName("kpiEncoding")
        self.encoding_combo.setAccessibleName(self.tr("Text encoding of the file"))
        self.encoding_combo.setToolTip(self.tr("Choose another encoding when names look garbled."))
        self.encoding_combo.addItem(self.tr("Found in the file"), None)
        for codec, label in ENCODINGS:
            self.encoding_combo.addItem(label, codec)
        self.encoding_combo.activated.connect(lambda _i: self.choose_encoding(self.encoding_combo.currentData()))
        self.encoding_label = QLabel(self.tr("E&ncoding:"), self)
        self.encoding_label.setBuddy(self.encoding_combo)
        head = QHBoxLayout()
        head.addWidget(self.info, 1)
        head.addWidget(self.encoding_label)
        head.addWidget(self.encoding_combo)
        head.addWidget(self.sheet_label)
        head.addWidget(self.sheet_combo)
        self._show_sheets(())
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
        self.tabs = PreviewTabs(kpis, people, self)
        self.tabs.hide()
        self.tabs.mapping_edited.connect(self._mapping_edited)
        self.tabs.people_edited.connect(self._people_edited)
        self.tabs.create_kpis_toggled.connect(self.choose_create_kpis)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("kpiProgress")
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setRange(0, 100)
        self.status = QLabel("", self)
        self.status.setObjectName("kpiStatus")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("S&top"), self)
        self.cancel_button.setObjectName("kpiCancelTask")
        self.cancel_button.setAccessibleName(self.tr("Stop reading or importing"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.reread_button = QPushButton(self.tr("Read a&gain"), self)
        self.reread_button.setObjectName("kpiReread")
        self.reread_button.setAccessibleName(self.tr("Read the file again"))
        self.reread_button.setAutoDefault(False)
        self.reread_button.clicked.connect(self.read_file)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.status, 2)
        busy.addWidget(self.cancel_button)
        busy.addWidget(self.reread_button)

        self.result_box = QFrame(self)
        self.result_box.setObjectName("kpiResultBox")
        self.result_box.setFrameShape(QFrame.Shape.StyledPanel)
        result_layout = QHBoxLayout(self.result_box)
        result_icon = QLabel(self.result_box)
        result_icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton).pixmap(28, 28))
        result_layout.addWidget(result_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.result_label = QLabel("", self.result_box)
        self.result_label.setObjectName("kpiResult")
        self.result_label.setWordWrap(True)
        self.result_label.setFont(scaled_font(self.result_label.font(), 1.1))
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_layout.addWidget(self.result_label, 1)
        self.result_box.hide()
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("kpiImport")
        self.import_button.setAccessibleName(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("kpiClose")
        self.close_button.setAccessibleName(self.tr("Close"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.reimport)
        layout.addWidget(self.decisions)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.waiting, 1)
        layout.addLayout(busy)
        layout.addWidget(self.result_box)
        layout.addWidget(self.buttons)

    def _show_sheets(self, sheets: tuple[str, ...]) -> None:
        current = self.sheet or (self.plan.sheet if self.plan else None)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(sheets))
        if current in sheets:
            self.sheet_combo.setCurrentText(current)
        self.sheet_combo.blockSignals(False)
        for widget in (self.sheet_label, self.sheet_combo):
            widget.setVisible(len(sheets) > 1)

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
        self._stop.set()
        if self._handle is not None:
            self._handle.cancel()
        if not whole:
            self._run += 1
        self._stop = threading.Event()
        self._set_busy("preview", self.tr("Reading {file}…").format(file=self.path.name))
        if self.plan is None:
            self.waiting.setText(self.tr("Reading {file}…").format(file=self.path.name))
        self._handle = None
        options = self.options()
        if not whole and self._size() > FIRST_LOOK_BYTES:
            options = replace(options, preview_rows=FIRST_LOOK_ROWS)
        handle = tasks.submit(preview_job, self.ctx.db, self.path, options, self._run, self._stop,
                              on_success=self._preview_done, on_error=self._task_failed, on_progress=self._progress,
                              with_progress=True, with_cancel=True)
        self._handle = handle if self.busy else None

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def _preview_done(self, outcome: PreviewOutcome) -> None:
        if outcome.run != self._run:
            return  # an older read, overtaken by a newer one
        self._set_busy("")
        self._show_sheets(outcome.sheets)
        if outcome.error is not None:
            self._show_error(outcome.error, reading=True)
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
        self.info.setText(self.describe_file(plan))
        self.info.setToolTip(self.tr("Encoding: {encoding} ({how})").format(encoding=plan.encoding,
                                                                          how=plan.encoding_note))
        self.encoding_label.setVisible(not plan.sheet)
        self.encoding_combo.setVisible(not plan.sheet)
        found = self.encoding_combo.findData(self.encoding) if self.encoding else 0
        self.encoding_combo.setItemText(0, self.tr("Found: {encoding}").format(encoding=self._encoding(plan.encoding))
                                        if not self.encoding else self.tr("Found in the file"))
        self.encoding_combo.setCurrentIndex(max(found, 0))
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

    def describe_file(self, plan: ImportPlan) -> str:
        parts = [shape_label(plan.mapping.shape)]
        if plan.preset_label:
            parts.append(plan.preset_label)
        parts.append(self._encoding(plan.encoding))
        delimiter = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"), "|": self.tr("bar")}
        if plan.sheet:
            parts.append(self.tr("sheet {sheet}").format(sheet=plan.sheet))
        elif plan.delimiter:
            parts.append(self.tr("{delimiter}-separated").format(
                delimiter=delimiter.get(plan.delimiter, repr(plan.delimiter))))
        parts.append(self.tr("decimal comma") if plan.decimal == "," else self.tr("decimal point"))
        parts.append(self.tr("header on row {row}").format(row=plan.header_row))
        if plan.preamble:
            parts.append(self.tr("{count} lines before it").format(count=len(plan.preamble)))
        parts.append(self.tr("{size:,} bytes").format(size=plan.size))
        return " · ".join(parts)

    def _encoding(self, encoding: str) -> str:
        names = {"utf-8": "UTF-8", "utf-8-sig": self.tr("UTF-8 with BOM"), "utf-16": "UTF-16", "cp1252": "Windows-1252"}
        names.update({codec: label for codec, label in ENCODINGS})
        return names.get(encoding.casefold(), encoding)

    # -- answers -----------------------------------------------------------------------------------------------------
    def choose_date_order(self, order: str) -> None:
        self.date_order = order
        self.read_file()

    def choose_period(self, start: date, end: date) -> None:
        if end < start:
            self.banner.show_message(self.tr("The period ends ({end}) before it starts ({start}).").format(
                start=start.isoformat(), end=end.isoformat()))
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
        self._stop = threading.Event()
        self.banner.clear()
        self._set_busy("commit", self.tr("Importing {file}…").format(file=self.path.name))
        self._handle = None
        handle = tasks.submit(commit_job, self.ctx.db, plan, choices, self._stop, on_success=self._commit_done,
                              on_error=self._task_failed, on_progress=self._progress, with_progress=True,
                              with_cancel=True)
        self._handle = handle if self.busy else None

    def _commit_done(self, outcome: CommitOutcome) -> None:
        self._set_busy("")
        if outcome.error is not None:
            self._show_error(outcome.error, reading=False)
        elif outcome.result.batch_uuid is None:
            self.banner.show_message(self.tr("Nothing was stored: no figure of the file was left to import."))
        else:
            self._show_result(outcome.result)
        self._update_buttons()

    def _show_result(self, result: ImportResult) -> None:
        self.result = result
        lines = [self.tr("Imported {figures} figures from {file}.").format(figures=f"{result.figures_stored:,}",
                                                                          file=result.file)]
        if result.figures_replaced:
            lines.append(self.tr("{count} stored figures were replaced.").format(count=f"{result.figures_replaced:,}"))
        if result.duplicates_skipped:
            lines.append(self.tr("{count} figures already stored were kept.").format(
                count=f"{result.duplicates_skipped:,}"))
        if result.people_created:
            lines.append(self.tr("New people: {names}.").format(names=", ".join(result.people_created[:12]) + (
                "…" if len(result.people_created) > 12 else "")))
        lines.append(self.tr("Batch {batch}: undo it from the import history on the KPIs page.").format(
            batch=result.batch_uuid))
        self.result_label.setText(f"<b>{html.escape(lines[0])}</b>" + "".join(f"<br>{html.escape(line)}"
                                                                             for line in lines[1:]))
        self.result_label.setAccessibleName(" ".join(lines))
        self.result_box.show()
        self.decisions.setEnabled(False)
        self.tabs.set_read_only(True)
        self.reread_button.hide()
        self.status.clear()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.imported.emit(result)

    # -- progress, errors, cancel ------------------------------------------------------------------------------------
    def _set_busy(self, what: str, text: str = "") -> None:
        self.busy = what
        self.progress.setVisible(bool(what))
        self.progress.setValue(0)
        self.cancel_button.setVisible(bool(what))
        self.reread_button.setVisible(not what and self.result is None)
        for widget in (self.decisions, self.tabs, self.sheet_combo):
            widget.setEnabled(what != "commit" and (widget is self.tabs or self.result is None) and
                              (widget is not self.decisions or self.plan is not None))
        if what:
            self.import_button.setEnabled(False)
            self.status.setText(text)

    def _progress(self, percent: int, message: str) -> None:
        if self._handle is not None and self.sender() is not self._handle:
            return
        self.progress.setValue(max(0, min(100, percent)))
        words = {"Reading": self.tr("Reading the file…"), "Writing": self.tr("Storing figures…"),
                 "Checking dates": self.tr("Checking the dates…"), "Done": self.tr("Finishing…")}
        if message:
            self.status.setText(words.get(message, message))

    def cancel_task(self) -> None:
        self._stop.set()
        if self._handle is not None:
            self._handle.cancel()

    def _show_error(self, error: CoachDeskError, reading: bool) -> None:
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
        self._set_busy("")
        self.banner.show_message(self.tr("The file could not be {what}: {error}. The details are in the log file.")
                                 .format(what=self.tr("read") if was == "preview" else self.tr("imported"),
                                         error=error or type(error).__name__))
        self._update_buttons()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt.s name
        """Return in the preview's tables and editors (picking a person, a field) never imports the file: only the
        Import button does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if focus is not None and focus is not self.import_button and (
                    self.tabs.isAncestorOf(focus) or self.decisions.isAncestorOf(focus)):
                event.accept()
                return
        super().keyPressEvent(event)

    def reject(self) -> None:
        self.cancel_task()
        super().reject()

