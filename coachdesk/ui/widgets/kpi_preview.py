"""The tabs of the KPI import preview: overview, editable column mapping, unknown people, problems, sample."""


from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.kpis import SHAPES, ImportPlan, KpiChoice, mapping_columns
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.models.kpi_history_models import shape_label
from coachdesk.ui.models.kpi_models import (
    CREATE,
    SKIP,
    FileRowsModel,
    KpiCount,
    KpiCountsModel,
    MappingModel,
    PeopleChoicesModel,
    ProblemsModel,
    SampleFiguresModel,
    SkippedModel,
    skip_lines,
)
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.kpi_delegates import ChoiceDelegate
from coachdesk.ui.widgets.kpi_history import EDIT_TRIGGERS, table
from coachdesk.ui.widgets.page import StatCard

OVERVIEW, COLUMNS, PEOPLE, PROBLEMS, SAMPLE = range(5)


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(label.font(), 1.1, bold=True))
    return label


class PreviewTabs(QTabWidget):
    """Shows an ``ImportPlan``. ``mapping_edited`` and ``people_edited`` fire when the user changes a choice."""

    mapping_edited = Signal()
    people_edited = Signal()
    #: the user asked (or no longer asks) for new KPIs for the columns of figures no KPI matches
    create_kpis_toggled = Signal(bool)

    def __init__(self, kpis: Sequence[KpiChoice] = (), people: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiPreviewTabs")
        self.setAccessibleName(self.tr("Import preview"))
        self.setDocumentMode(True)
        self.kpis = {k.code: k for k in kpis}
        self.people_counted = True
        self.counts_model = KpiCountsModel(parent=self)
        self.skipped_model = SkippedModel(parent=self)
        self.mapping_model = MappingModel(kpis, self)
        self.people_model = PeopleChoicesModel(people, self)
        self.problems_model = ProblemsModel(parent=self)
        self.rows_model = FileRowsModel(self)
        self.figures_model = SampleFiguresModel(kpis, self)
        self.addTab(self._overview(), self.tr("&Overview"))
        self.addTab(self._columns(), self.tr("&Columns"))
        self.addTab(self._people(), self.tr("Peop&le"))
        self.addTab(self._problems(), self.tr("Pro&blems"))
        self.addTab(self._sample(), self.tr("Sampl&e"))
        self.mapping_model.edited.connect(self.mapping_edited)
        self.people_model.edited.connect(self.people_edited)

    # -- building ----------------------------------------------------------------------------------------------------
    def _overview(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.cards = {
            "rows": StatCard(self.tr("Rows read"), page, name="kpiRowsRead"),
            "figures": StatCard(self.tr("Figures to store"), page, name="kpiFiguresPlanned"),
            "skipped": StatCard(self.tr("Rows left out"), page, name="kpiRowsSkipped"),
            "people": StatCard(self.tr("People matched"), page, name="kpiPeopleMatched"),
            "create": StatCard(self.tr("People to create"), page, name="kpiPeopleToCreate"),
        }
        cards = QHBoxLayout()
        for card in self.cards.values():
            card.value_label.setFont(scaled_font(card.font(), 1.6, bold=True))
            cards.addWidget(card, 1)
        layout.addLayout(cards)
        self.span_label = muted_label("", page, name="kpiSpan")
        layout.addWidget(self.span_label)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.setObjectName("kpiOverviewSplitter")
        split.setChildrenCollapsible(False)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(heading(self.tr("Figures per KPI"), left))
        self.counts_table = table(left, "kpiFiguresPerKpi", self.tr("Figures per KPI"), self.counts_model,
                                  KpiCountsModel.NAME)
        left_layout.addWidget(self.counts_table)
        right = QWidget(split)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.skipped_heading = heading(self.tr("Rows left out"), right)
        right_layout.addWidget(self.skipped_heading)
        self.skipped_table = table(right, "kpiSkippedRows", self.tr("Rows left out"), self.skipped_model,
                                   SkippedModel.REASON)
        right_layout.addWidget(self.skipped_table)
        split.addWidget(left)
        split.addWidget(right)
        layout.addWidget(split, 1)
        self.warnings_heading = heading(self.tr("Warnings"), page)
        layout.addWidget(self.warnings_heading)
        self.warnings = QListWidget(page)
        self.warnings.setObjectName("kpiWarnings")
        self.warnings.setAccessibleName(self.tr("Warnings"))
        self.warnings.setWordWrap(True)
        self.warnings.setAlternatingRowColors(True)
        self.warnings.setMaximumHeight(self.warnings.fontMetrics().height() * 6 + 12)
        layout.addWidget(self.warnings)
        reading = QHBoxLayout()
        reading.addWidget(heading(self.tr("How the file is read"), page), 1)
        self.create_kpis = QCheckBox(self.tr("Add new &KPIs for columns of figures"), page)
        self.create_kpis.setObjectName("kpiCreateKpis")
        self.create_kpis.setAccessibleName(self.tr("Add new KPIs for the columns of figures no KPI matches"))
        self.create_kpis.toggled.connect(self.create_kpis_toggled)
        reading.addWidget(self.create_kpis)
        layout.addLayout(reading)
        self.reading = QListWidget(page)
        self.reading.setObjectName("kpiReading")
        self.reading.setAccessibleName(self.tr("How the file is read: encoding, conversion rules, columns not "
                                               "imported"))
        self.reading.setWordWrap(True)
        self.reading.setAlternatingRowColors(True)
        self.reading.setMaximumHeight(self.reading.fontMetrics().height() * 7 + 12)
        layout.addWidget(self.reading)
        return page

    def _show_reading(self, plan: ImportPlan) -> None:
        """The encoding, each conversion rule, and every column not imported with why, in the words of the report."""
        lines = [self.tr("Encoding: {encoding} ({how})").format(encoding=plan.encoding, how=plan.encoding_note)] \
            if plan.encoding else []
        lines += [self.tr("Rule: {rule}").format(rule=rule) for rule in plan.rules]
        lines += [self.tr("New KPI {code} for a column of figures").format(code=code) for code in plan.created_kpis]
        lines += [self.tr("Not imported: '{column}': {why}").format(column=item.column, why=item.why)
                  for item in plan.left_out]
        self.reading.clear()
        self.reading.addItems(lines or [self.tr("Every column is imported as it is written.")])
        offer = [item.column for item in plan.left_out if item.new_kpi_unit]
        self.create_kpis.setVisible(bool(offer) or bool(plan.created_kpis))
        self.create_kpis.blockSignals(True)
        self.create_kpis.setChecked(bool(plan.created_kpis))
        self.create_kpis.blockSignals(False)
        self.create_kpis.setToolTip(", ".join(offer))

    def _columns(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.shape_combo = QComboBox(page)
        self.shape_combo.setObjectName("kpiShape")
        self.shape_combo.setAccessibleName(self.tr("File shape"))
        for shape in SHAPES:
            self.shape_combo.addItem(shape_label(shape), shape)
        self.shape_combo.activated.connect(lambda _i: self._shape_chosen())
        label = QLabel(self.tr("&File shape:"), page)
        label.setBuddy(self.shape_combo)
        row.addWidget(label)
        row.addWidget(self.shape_combo)
        self.mapping_source = muted_label("", page, name="kpiMappingSource")
        row.addWidget(self.mapping_source, 1)
        layout.addLayout(row)
        layout.addWidget(muted_label(self.tr(
            "Change what a column is imported as (double-click, F2 or start typing); the file is read again with "
            "your change. Nothing is stored until you press Import."), page))
        self.mapping_table = table(page, "kpiMapping", self.tr("Column mapping"), self.mapping_model,
                                   MappingModel.EXAMPLES, editable=True)
        self.mapping_table.setItemDelegate(ChoiceDelegate(self.mapping_table, "kpiMappingEditor"))
        header = self.mapping_table.horizontalHeader()
        header.setMinimumSectionSize(70)  # a narrow window scrolls sideways rather than crushing the examples
        header.setSectionResizeMode(MappingModel.FIELD, QHeaderView.ResizeMode.Interactive)
        self.mapping_table.setColumnWidth(MappingModel.FIELD, 280)
        header.setSectionResizeMode(MappingModel.READS_AS, QHeaderView.ResizeMode.Interactive)
        self.mapping_table.setColumnWidth(MappingModel.READS_AS, 190)
        self.mapping_table.verticalHeader().setDefaultSectionSize(self.mapping_table.fontMetrics().height() + 14)
        layout.addWidget(self.mapping_table, 1)
        return page

    def _people(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.people_note = muted_label("", page, name="kpiPeopleNote")
        row.addWidget(self.people_note, 1)
        self.create_all = QPushButton(self.tr("Create &all"), page)
        self.skip_all = QPushButton(self.tr("Lea&ve all out"), page)
        for button, name, choice in ((self.create_all, "kpiCreateAll", CREATE), (self.skip_all, "kpiSkipAll", SKIP)):
            button.setObjectName(name)
            button.setAccessibleName(button.text().replace("&", ""))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, choice=choice: self.people_model.set_all(choice))
            row.addWidget(button)
        layout.addLayout(row)
        self.people_table = table(page, "kpiUnknownPeople", self.tr("Agents not in CoachDesk"), self.people_model,
                                  PeopleChoicesModel.AGENT, editable=True)
        self.people_table.setItemDelegate(ChoiceDelegate(self.people_table, "kpiPersonChoice",
                                                         self.tr("What to do with this agent")))
        header = self.people_table.horizontalHeader()
        header.setSectionResizeMode(PeopleChoicesModel.CHOICE, QHeaderView.ResizeMode.Interactive)
        self.people_table.setColumnWidth(PeopleChoicesModel.CHOICE, 280)
        self.people_table.verticalHeader().setDefaultSectionSize(self.people_table.fontMetrics().height() + 14)
        layout.addWidget(self.people_table, 1)
        return page

    def _problems(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.problems_note = muted_label("", page, name="kpiProblemsNote")
        layout.addWidget(self.problems_note)
        self.problems_table = table(page, "kpiProblems", self.tr("Problems"), self.problems_model,
                                    ProblemsModel.REASON)
        # every problem is in the one file: its (often long) name must not squeeze out the problem itself
        self.problems_table.horizontalHeader().setSectionResizeMode(ProblemsModel.FILE,
                                                                    QHeaderView.ResizeMode.Interactive)
        self.problems_table.setColumnWidth(ProblemsModel.FILE, self.fontMetrics().averageCharWidth() * 22)
        layout.addWidget(self.problems_table, 1)
        return page

    def _sample(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("kpiSampleSplitter")
        split.setChildrenCollapsible(False)
        top = QWidget(split)
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(heading(self.tr("First rows of the file"), top))
        self.rows_table = table(top, "kpiFileRows", self.tr("First rows of the file"), self.rows_model, None)
        top_layout.addWidget(self.rows_table)
        bottom = QWidget(split)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(heading(self.tr("First figures to store"), bottom))
        self.figures_table = table(bottom, "kpiSampleFigures", self.tr("First figures to store"),
                                   self.figures_model, SampleFiguresModel.PERSON)
        bottom_layout.addWidget(self.figures_table)
        split.addWidget(top)
        split.addWidget(bottom)
        return split

    def _shape_chosen(self) -> None:
        shape = self.shape_combo.currentData()
        if shape != self.mapping_model.shape:
            self.mapping_model.shape = shape
            self.mapping_edited.emit()

    def set_choices(self, kpis: list[KpiChoice], people: list[tuple[str, str]]) -> None:
        """The catalogue's KPIs and everyone, read with the first preview (before its plan is shown)."""
        self.kpis = {k.code: k for k in kpis}
        for model in (self.mapping_model, self.figures_model):
            model.kpis = dict(self.kpis)
        self.people_model.set_people(people)

    # -- showing a plan ----------------------------------------------------------------------------------------------
    def show_plan(self, plan: ImportPlan) -> None:
        counted = not plan.missing and not plan.needs_date_order
        for key, value in (("rows", plan.rows_read), ("figures", plan.figures),
                           ("skipped", sum(plan.skipped.values())), ("people", plan.matched_people),
                           ("create", len(plan.people_to_create))):
            self.cards[key].set_value(f"{value:,}" if counted else "–")
        if plan.partial:
            self.span_label.setText(self.tr("A first look at the first {rows} rows: the whole file is being read.")
                                    .format(rows=f"{plan.rows_read:,}"))
        elif plan.first_day and plan.last_day:
            self.span_label.setText(self.tr("The figures cover {first} to {last}.").format(
                first=date_text(plan.first_day), last=date_text(plan.last_day)))
        else:
            self.span_label.setText("" if counted else self.tr("The file is read in full once the questions above "
                                                                 "are answered."))
        self.counts_model.set_rows(KpiCount(code, self.kpis[code].name if code in self.kpis else code, count)
                                   for code, count in sorted(plan.figures_by_kpi.items(),
                                                             key=lambda item: self._kpi_order(item[0])))
        self.skipped_model.set_rows(skip_lines(plan.skipped, plan.skipped_rows))
        self.skipped_heading.setText(self.tr("Rows left out") if plan.skipped or not counted else
                                     self.tr("Rows left out: none"))
        self.warnings.clear()
        self.warnings.addItems(list(plan.warnings) or [self.tr("No warnings.")])
        self.warnings.setVisible(bool(plan.warnings))  # room for how the file is read when nothing is to warn
        self.warnings_heading.setText(self.tr("Warnings") if plan.warnings else self.tr("Warnings: none"))
        self._show_reading(plan)
        self._show_mapping(plan)
        self.people_model.merge(plan.unknown_people)
        self.people_counted = counted
        self._show_people()
        self.problems_model.set_rows(plan.problems)
        self._show_problems(plan, counted)
        self.rows_model.set_rows(plan.header, plan.sample_rows)
        self.figures_model.set_rows(plan.sample)

    def _kpi_order(self, code: str) -> int:
        codes = list(self.kpis)
        return codes.index(code) if code in codes else len(codes)

    def _show_mapping(self, plan: ImportPlan) -> None:
        self.mapping_model.set_mapping(mapping_columns(plan), plan.mapping.shape)
        self.shape_combo.setCurrentIndex(max(self.shape_combo.findData(plan.mapping.shape), 0))
        source = plan.mapping.source
        if source == "preset":
            text = self.tr("Recognised as a {preset}.").format(preset=plan.preset_label or plan.preset)
        elif source == "saved":
            text = self.tr("Columns as you saved them before ({name}).").format(name=plan.saved_mapping or "")
        elif source == "given":
            text = self.tr("Columns as you set them.")
        else:
            text = self.tr("Proposed from the column names and contents: check them.")
        self.mapping_source.setText(text)

    def _show_people(self) -> None:
        model = self.people_model
        count = model.rowCount()
        self.setTabText(PEOPLE, self.tr("Peop&le ({count})").format(count=count) if count else self.tr("Peop&le"))
        if count:
            self.people_note.setText(self.tr(
                "{count} agents in the file are not in CoachDesk: {create} to create, {mapped} to match to someone, "
                "{skip} to leave out. Change what to do in the last column; type to search for a person.").format(
                count=count, create=model.count(CREATE), mapped=model.count("map"), skip=model.count(SKIP)))
        elif not self.people_counted:  # the rows are not read until the questions above are answered
            self.people_note.setText(self.tr("Who is who is worked out once the questions above are answered."))
        else:
            self.people_note.setText(self.tr("Everyone in the file is already in CoachDesk."))
        self.create_all.setEnabled(bool(count))
        self.skip_all.setEnabled(bool(count))

    def _show_problems(self, plan: ImportPlan, counted: bool) -> None:
        count = plan.problem_count
        self.setTabText(PROBLEMS, self.tr("Pro&blems ({count})").format(count=count) if count else
                        self.tr("Pro&blems"))
        icon = QStyle.StandardPixmap.SP_MessageBoxWarning if count else \
            QStyle.StandardPixmap.SP_DialogApplyButton if counted else None
        self.setTabIcon(PROBLEMS, self.style().standardIcon(icon) if icon is not None else QIcon())
        if count > len(plan.problems):
            self.problems_note.setText(self.tr("The first {shown} of {count} problems:").format(
                shown=len(plan.problems), count=count))
        else:
            self.problems_note.setText(self.tr("Nothing can be imported while a problem is listed: fix the file or "
                                               "the column mapping.") if count else self.tr("No problems."))

    def show_rejected(self, problems: tuple, count: int) -> None:
        """Problems the import itself found (e.g. figures already stored under "import nothing")."""
        self.problems_model.set_rows(problems)
        self.setTabText(PROBLEMS, self.tr("Pro&blems ({count})").format(count=count))
        self.setTabIcon(PROBLEMS, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.setCurrentIndex(PROBLEMS)

    def refresh_people_note(self) -> None:
        self._show_people()

    def set_read_only(self, read_only: bool) -> None:
        """After the import: every tab can still be looked at, nothing can be changed."""
        for view in (self.mapping_table, self.people_table):
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else EDIT_TRIGGERS)
        for widget in (self.shape_combo, self.create_all, self.skip_all, self.create_kpis):
            widget.setEnabled(not read_only)

