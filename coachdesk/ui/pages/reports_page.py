"""The Reports page: pick a document and what it covers (agent, record, team, month or period), then Preview,
Print or Save it as PDF; and the organisation name, logo and paper size every printed page uses."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services import common as common_api
from coachdesk.services import reports
from coachdesk.services.common import AppContext
from coachdesk.services.reports import ReportRequest
from coachdesk.ui import report_actions
from coachdesk.ui.actions import reports as report_ops
from coachdesk.ui.actions.reports import FormChoices
from coachdesk.ui.kit import changes, forms, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.limits import limit_chars
from coachdesk.ui.kit.words import date_format
from coachdesk.ui.theme import muted_label
from coachdesk.ui.widgets.page import Page

#: which fields each kind of document needs
FIELDS = {
    "certificate": ("agent", "record"), "letter": ("agent", "record"), "month-recognitions": ("month",),
    "feedback": ("agent", "start", "end"), "team-feedback": ("team", "start", "end"),
    "one-to-one": ("agent", "record"), "prep": ("agent",), "team": ("team", "month"),
    "observation": ("agent", "record"), "feedback-record": ("agent", "record"),
}
#: the records the Record box lists for each kind of document
RECORDS = {"certificate": "recognition", "letter": "recognition", "one-to-one": "one-to-one",
           "observation": "observation", "feedback-record": "feedback"}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reports"), self.tr("Preview and print recognitions, feedback summaries, "
                                                     "observation and feedback records, one-to-one records, prep "
                                                     "sheets and team summaries."), parent, name="reportsPage")
        self.ctx = ctx
        self.task = None
        row = QHBoxLayout()
        row.setSpacing(18)
        self.kinds = QListWidget(self)
        self.kinds.setObjectName("reportKinds")
        self.kinds.setAccessibleName(self.tr("Document"))
        for key, label in reports.KINDS.items():
            item = QListWidgetItem(self.tr(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(item.text())
            self.kinds.addItem(item)
        self.kinds.setMaximumWidth(300)
        # a narrow window (150 %) wraps a long name onto a second line rather than scrolling the list sideways
        self.kinds.setWordWrap(True)
        self.kinds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kinds.setSpacing(3)
        self.kinds.currentRowChanged.connect(self._kind_changed)
        row.addWidget(self.kinds)
        right = QVBoxLayout()
        self.form = QFormLayout()
        self._build_fields()
        right.addLayout(self.form)
        right.addLayout(self._build_buttons())
        self.message = muted_label("", self, name="reportMessage")
        self.message.setWordWrap(True)
        right.addWidget(self.message)
        right.addWidget(self._build_settings())
        right.addStretch(1)
        row.addLayout(right, 1)
        self.body.addLayout(row, 1)
        self.kinds.setCurrentRow(0)
        # people, teams and records to print change elsewhere: reload when shown after a change
        changes.watch(self, [Kind.PERSON, Kind.TEAM, Kind.SETTING, Kind.ONE_TO_ONE, Kind.OBSERVATION, Kind.FEEDBACK,
                             Kind.RECOGNITION], self.refresh)

    # -- building ---------------------------------------------------------------------------------------------------
    def _combo(self, name: str, label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        combo.setMinimumWidth(320)
        return combo

    def _date(self, name: str, label: str, fmt: str = "") -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        edit.setDisplayFormat(fmt or date_format())
        edit.setCalendarPopup(True)
        return edit

    def _build_fields(self) -> None:
        self.agent = self._combo("reportAgent", self.tr("Agent"))
        self.agent.setEditable(True)
        self.agent.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agent.lineEdit().setObjectName("reportAgentText")
        self.agent.lineEdit().setAccessibleName(self.tr("Agent: type to find"))
        self.agent.currentIndexChanged.connect(self._load_records)
        self.record = self._combo("reportRecord", self.tr("Record"))
        self.team = self._combo("reportTeam", self.tr("Team"))
        today = date.today()
        last_month = today.replace(day=1) - timedelta(days=1)
        self.month = self._date("reportMonth", self.tr("Month"), "MMMM yyyy")
        self.month.setDate(_qdate(last_month.replace(day=1)))
        self.start = self._date("reportFrom", self.tr("From"))
        self.start.setDate(_qdate(today - timedelta(days=89)))
        self.end = self._date("reportTo", self.tr("To"))
        self.end.setDate(_qdate(today))
        self.rows = {"agent": (self.tr("&Agent:"), self.agent), "record": (self.tr("&Record:"), self.record),
                     "team": (self.tr("&Team:"), self.team), "month": (self.tr("&Month:"), self.month),
                     "start": (self.tr("&From:"), self.start), "end": (self.tr("T&o:"), self.end)}
        for label, widget in self.rows.values():
            self.form.addRow(label, widget)

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.preview_button = forms.button(self, self.tr("Pre&view"), "reportPreview", self.preview,
                                           accessible=self.tr("Preview"), shortcut="Ctrl+Shift+V")
        self.print_button = forms.button(self, self.tr("&Print…"), "reportPrint", self.print_,
                                         accessible=self.tr("Print"), shortcut="Ctrl+P")
        self.save_button = forms.button(self, self.tr("&Save as PDF…"), "reportSave", self.save,
                                        accessible=self.tr("Save as PDF"), shortcut="Ctrl+Shift+S")
        for button in (self.preview_button, self.print_button, self.save_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_settings(self) -> QGroupBox:
        box = QGroupBox(self.tr("On every printed page"), self)
        box.setObjectName("reportSettings")
        form = QFormLayout(box)
        self.organisation = QLineEdit(box)
        self.organisation.setObjectName("reportOrganisation")
        self.organisation.setAccessibleName(self.tr("Organisation name"))
        limit_chars(self.organisation, common_api.ORGANISATION_MAX)
        form.addRow(self.tr("Organisation &name:"), self.organisation)
        logo_row = QHBoxLayout()
        self.logo = QLineEdit(box)
        self.logo.setObjectName("reportLogo")
        self.logo.setAccessibleName(self.tr("Logo file"))
        self.logo.setPlaceholderText(self.tr("A PNG or JPEG file (optional)"))
        browse = QPushButton(self.tr("&Browse…"), box)
        browse.setObjectName("reportLogoBrowse")
        forms.spoken(browse, self.tr("Choose a logo file"))
        browse.clicked.connect(self.choose_logo)
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        logo_label = QLabel(self.tr("&Logo:"), box)
        logo_label.setBuddy(self.logo)
        form.addRow(logo_label, logo_row)
        self.paper = QComboBox(box)
        self.paper.setObjectName("reportPaper")
        self.paper.setAccessibleName(self.tr("Paper size"))
        self.paper.addItem(self.tr("As the computer's region ({paper})").format(paper=common_api.default_paper()), None)
        self.paper.addItem("A4", "A4")
        self.paper.addItem(self.tr("US Letter"), "Letter")
        form.addRow(self.tr("Pap&er:"), self.paper)
        self.save_settings_button = forms.button(box, self.tr("Save these settin&gs"), "reportSaveSettings",
                                                 self.save_settings, accessible=self.tr("Save report settings"))
        save_row = QHBoxLayout()  # a button as wide as its words, not stretched across the form
        save_row.addWidget(self.save_settings_button)
        save_row.addStretch(1)
        form.addRow("", save_row)
        return box

    # -- state ------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        report_ops.form_choices(self, self.ctx, self._show_choices, failed=ops.into_label(self.message))

    def _show_choices(self, choices: FormChoices) -> None:
        current_agent, current_team = self.agent.currentData(), self.team.currentData()
        self.agent.blockSignals(True)
        self.agent.clear()
        for name, uuid in choices.agents:
            self.agent.addItem(name, uuid)
        self.agent.blockSignals(False)
        if current_agent and (index := self.agent.findData(current_agent)) >= 0:
            self.agent.setCurrentIndex(index)
        self.team.clear()
        for name, uuid in choices.teams:
            self.team.addItem(name, uuid)
        if current_team and (index := self.team.findData(current_team)) >= 0:
            self.team.setCurrentIndex(index)
        self._load_records()
        current = choices.settings
        self.organisation.setText(current.organisation)
        self.logo.setText(current.logo_path)
        self.paper.setCurrentIndex(0 if current.paper_is_default else max(0, self.paper.findData(current.paper)))

    def showEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().showEvent(event)
        self.refresh()

    def kind(self) -> str:
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "feedback"

    def select_kind(self, kind: str) -> None:
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(Qt.ItemDataRole.UserRole) == kind:
                self.kinds.setCurrentRow(row)

    def _kind_changed(self) -> None:
        needed = FIELDS.get(self.kind(), ())
        for key, (_label, widget) in self.rows.items():
            self.form.setRowVisible(widget, key in needed)
        self._load_records()
        self.message.setText("")

    def _load_records(self) -> None:
        kind = RECORDS.get(self.kind(), "one-to-one")
        self.record.clear()
        uuid = self.agent.currentData()
        if uuid and "record" in FIELDS.get(self.kind(), ()):
            report_ops.record_choices(self, self.ctx, uuid, kind, self._show_records,
                                      failed=ops.into_label(self.message))

    def _show_records(self, choices: list) -> None:
        self.record.clear()
        for choice in choices:
            self.record.addItem(choice.label, choice.uuid)

    def missing(self) -> str:
        """What the form still needs, as one sentence naming the field ("" when it can be built)."""
        needed = FIELDS.get(self.kind(), ())
        if "agent" in needed and not self.agent.currentData():
            return self.tr("Agent: choose who the document is about.")
        if "record" in needed and not self.record.currentData():
            return self.tr("Record: this agent has none of these to print yet.")
        if "team" in needed and not self.team.currentData():
            return self.tr("Team: choose a team.")
        if "start" in needed and self.end.date() < self.start.date():
            return self.tr("To: the period ends before it starts.")
        return ""

    def request(self) -> ReportRequest:
        """What the form asks for (check ``missing()`` first)."""
        kind, needed = self.kind(), FIELDS.get(self.kind(), ())
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        month = _pydate(self.month.date()).strftime("%Y-%m") if "month" in needed else ""
        return ReportRequest(kind, record_uuid=self.record.currentData() or "", agent=self.agent.currentData() or "",
                             team=self.team.currentData() or "", start=start if "start" in needed else None,
                             end=end if "end" in needed else None, month=month)

    # -- actions ----------------------------------------------------------------------------------------------------
    def _run(self, action: str) -> None:
        if problem := self.missing():
            self.message.setText(problem)
            return
        request = self.request()
        self.message.setText(self.tr("Building the PDF…"))
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(False)
        self.task = report_actions.run(self, self.ctx, request, action, done=self._done, failed=self._failed)

    def _enable(self) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(True)

    def _done(self, result: object) -> None:
        """``result``: the file saved (a Path), the print job (a task handle), the preview window, or None."""
        self._enable()
        if isinstance(result, Path):
            self.message.setText(self.tr("Written to {path}").format(path=result))
        elif isinstance(result, ops.Operation):
            self.message.setText(self.tr("Sent to the printer."))
        else:
            self.message.setText("")

    def _failed(self, error: BaseException) -> None:
        self._enable()
        self.message.setText(ops.error_text(error))

    def preview(self) -> None:
        self._run(report_actions.PREVIEW)

    def print_(self) -> None:
        self._run(report_actions.PRINT)

    def save(self) -> None:
        self._run(report_actions.SAVE)

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a logo"), self.logo.text(),
                                                    self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.logo.setText(path)

    def save_settings(self) -> None:
        report_ops.save_settings(self, self.ctx, self.organisation.text(), self.logo.text(), self.paper.currentData(),
                                 lambda _saved: self.message.setText(self.tr("Report settings saved.")),
                                 failed=lambda error: self.message.setText(ops.error_text(error)))
