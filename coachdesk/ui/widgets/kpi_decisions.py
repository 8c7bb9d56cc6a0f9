"""The questions a KPI import asks: date order, an undated file's period, stored figures, remembering the mapping."""


from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from coachdesk.services.kpis import DATE_ORDERS, ImportPlan
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.kit.words import date_format, date_text
from coachdesk.ui.theme import muted_label

REPLACE, SKIP, FAIL = "replace", "skip", "fail"



def last_full_week(today: date | None = None) -> tuple[date, date]:
    """Monday to Sunday of the week before ``today``'s."""
    today = today or date.today()
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


class DecisionsPanel(QGroupBox):
    """Emits a signal for each answer; ``show_plan`` shows the questions a preview raised."""

    date_order_chosen = Signal(str)
    period_chosen = Signal(object, object)
    policy_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Before you import"), parent)
        self.setObjectName("kpiDecisions")
        self.setAccessibleName(self.title())
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self._remember_touched = False
        self._showing = False

        self.order_label = QLabel(self.tr("Dates are written"), self)
        order_row = QHBoxLayout()
        self.order_group = QButtonGroup(self)
        self.order_buttons: dict[str, QRadioButton] = {}
        texts = {"dmy": self.tr("&Day/month/year (31/12/2024)"), "mdy": self.tr("&Month/day/year (12/31/2024)"),
                 "ymd": self.tr("&Year/month/day (2024/12/31)")}
        for order in DATE_ORDERS:
            button = named(QRadioButton(texts.get(order, order), self), f"kpiDateOrder_{order}",
                           texts.get(order, order).replace("&", ""))
            self.order_group.addButton(button)
            self.order_buttons[order] = button
            order_row.addWidget(button)
            button.toggled.connect(lambda checked, o=order: checked and self._order_clicked(o))
        order_row.addStretch(1)
        self.order_evidence = muted_label("", self, name="kpiDateEvidence")
        self.order_evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.order_widgets = self._question(0, self.order_label, order_row, self.order_evidence)

        start, end = last_full_week()
        self.period_start = self._date_edit("kpiPeriodStart", self.tr("First day the file covers"), start)
        self.period_end = self._date_edit("kpiPeriodEnd", self.tr("Last day the file covers"), end)
        self.period_button = named(QPushButton(self.tr("&Use this period"), self), "kpiPeriodApply",
                                   self.tr("Use this period"))
        self.period_button.setAutoDefault(False)
        self.period_button.clicked.connect(self._period_clicked)
        self.period_to = QLabel(self.tr("to"), self)
        period_row = QHBoxLayout()
        period_row.setSpacing(8)
        for widget in (self.period_start, self.period_to, self.period_end, self.period_button):
            period_row.addWidget(widget)
        period_row.addStretch(1)
        self.period_label = QLabel(self.tr("&Period the file covers"), self)
        self.period_label.setBuddy(self.period_start)
        self.period_note = muted_label("", self, name="kpiPeriodNote")
        self.period_widgets = self._question(2, self.period_label, period_row, self.period_note)

        self.policy = named(QComboBox(self), "kpiDuplicatePolicy", self.tr("Figures already stored"))
        self.policy.addItem(self.tr("Replace them with the file's values (undo puts them back)"), REPLACE)
        self.policy.addItem(self.tr("Keep the stored values, skip the file's"), SKIP)
        self.policy.addItem(self.tr("Import nothing if any is already stored"), FAIL)
        self.policy.currentIndexChanged.connect(lambda _i: self.policy_changed.emit(self.duplicate_policy()))
        policy_label = QLabel(self.tr("Figures already &stored"), self)
        policy_label.setBuddy(self.policy)
        self.duplicates_note = muted_label("", self, name="kpiDuplicatesNote")
        policy_row = QHBoxLayout()
        policy_row.addWidget(self.policy)
        policy_row.addStretch(1)
        self._question(4, policy_label, policy_row, self.duplicates_note)

        self.remember = named(QCheckBox(self.tr("&Remember these columns for the next file like this, as"), self),
                              "kpiRememberMapping", self.tr("Remember this mapping"))
        self.mapping_name = named(QLineEdit(self), "kpiMappingName", self.tr("Name of the saved mapping"))
        limit_text(self.mapping_name, "ImportMapping", "name")
        self.remember.toggled.connect(self.mapping_name.setEnabled)
        self.remember.clicked.connect(self._remember_clicked)
        remember_row = QHBoxLayout()
        remember_row.addWidget(self.remember)
        remember_row.addWidget(self.mapping_name, 1)
        self.grid.addLayout(remember_row, 6, 0, 1, 2)
        self._show_row(self.order_widgets, False)
        self._show_row(self.period_widgets, False)

    def _question(self, row: int, label: QLabel, controls: QHBoxLayout, note: QLabel | None) -> list[QWidget]:
        """A question's label, its controls and an optional note under them; returns what to hide together."""
        self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addLayout(controls, row, 1)
        widgets = [label] + [controls.itemAt(i).widget() for i in range(controls.count())
                             if controls.itemAt(i).widget() is not None]
        if note is not None:
            self.grid.addWidget(note, row + 1, 1)
            widgets.append(note)
        return widgets

    def _date_edit(self, name: str, accessible: str, value: date) -> QDateEdit:
        edit = named(QDateEdit(self), name, accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format())
        edit.setDate(QDate(value.year, value.month, value.day))
        return edit

    @staticmethod
    def _show_row(widgets: list[QWidget], visible: bool) -> None:
        for widget in widgets:
            widget.setVisible(visible)

    def _order_clicked(self, order: str) -> None:
        if not self._showing:
            self.date_order_chosen.emit(order)

    def _period_clicked(self) -> None:
        start, end = self.period()
        self.period_chosen.emit(start, end)

    def _remember_clicked(self) -> None:
        self._remember_touched = True

    # -- answers -----------------------------------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return self.period_start.date().toPython(), self.period_end.date().toPython()

    def set_period(self, start: date, end: date) -> None:
        self.period_start.setDate(QDate(start.year, start.month, start.day))
        self.period_end.setDate(QDate(end.year, end.month, end.day))

    def duplicate_policy(self) -> str:
        return self.policy.currentData()

    def set_duplicate_policy(self, policy: str) -> None:
        self.policy.setCurrentIndex(max(self.policy.findData(policy), 0))

    def choose_date_order(self, order: str) -> None:
        """As a click on the order's radio button would."""
        self.order_buttons[order].click()

    def remember_mapping(self) -> bool:
        return self.remember.isChecked()

    def remembered_name(self) -> str | None:
        return self.mapping_name.text().strip() or None if self.remember.isChecked() else None

    # -- showing a preview -------------------------------------------------------------------------------------------
    def show_plan(self, plan: ImportPlan, period: tuple[date, date] | None, edited: bool) -> None:
        self._showing = True
        try:
            self._show_dates(plan)
            undated = bool(period) or any(item.startswith("when") for item in plan.missing)
            self._show_row(self.period_widgets, undated)
            if period:
                self.period_note.setText(self.tr("Figures are stored for {start} to {end}.").format(
                    start=date_text(period[0]), end=date_text(period[1])))
            elif plan.suggested_period is not None:
                (start, end), where = plan.suggested_period
                self.set_period(start, end)
                self.period_note.setText(self.tr("The file has no date column; {where} gives {start} to {end}. "
                                                 "Check it, then press Use this period.").format(
                    where=where, start=date_text(start), end=date_text(end)))
            else:
                self.period_note.setText(self.tr("The file has no dates: say which days its figures cover, then "
                                                 "press Use this period."))
            self._show_duplicates(plan)
            if not self._remember_touched:
                self.remember.setChecked(edited or plan.mapping.source == "proposed")
            self.mapping_name.setEnabled(self.remember.isChecked())
            if not self.mapping_name.text().strip():
                self.mapping_name.setText(plan.saved_mapping or self.tr("{file} columns").format(
                    file=plan.preset_label or plan.file))
        finally:
            self._showing = False

    def _show_dates(self, plan: ImportPlan) -> None:
        has_dates = plan.needs_date_order or plan.date_order is not None
        self._show_row(self.order_widgets, has_dates)
        self.order_group.setExclusive(False)
        for order, button in self.order_buttons.items():
            button.setChecked(order == plan.date_order and not plan.needs_date_order)
        self.order_group.setExclusive(True)
        font = QFont(self.order_label.font())
        font.setBold(plan.needs_date_order)
        self.order_label.setFont(font)
        if plan.needs_date_order:
            problem = next((p for p in plan.problems if p.column), None)
            evidence = problem.reason if problem else plan.date_evidence
            self.order_label.setText(self.tr("Which order are the dates in?"))
            self.order_evidence.setText(self.tr("Choose one: {evidence}").format(evidence=evidence))
        else:
            self.order_label.setText(self.tr("Dates are written"))
            source = {"given": self.tr("as you chose"), "inferred": self.tr("found in the file")}.get(
                plan.date_order_source, plan.date_order_source)
            self.order_evidence.setText(f"{source}: {plan.date_evidence}" if plan.date_evidence else source)

    def _show_duplicates(self, plan: ImportPlan) -> None:
        if plan.duplicates:
            text = self.tr("{count} of the file's figures are already stored (same person, KPI and days).").format(
                count=f"{plan.duplicates:,}")
        else:
            text = self.tr("None of the file's figures is stored yet.")
        self.duplicates_note.setText(text)
        self.duplicates_note.setToolTip("\n".join(plan.duplicate_sample[:10]))
