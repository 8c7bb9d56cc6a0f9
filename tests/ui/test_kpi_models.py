"""Table models of the KPI import and the KPIs page, tested without widgets."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy

from coachdesk.domain.enums import ImportStatus, Unit
from coachdesk.services.kpis import (
    BatchRow,
    FigurePreview,
    KpiChoice,
    KpiTotals,
    MappingColumn,
    SavedMapping,
    UnknownPerson,
)
from coachdesk.ui.kit.tables import ROW_ROLE, SORT_ROLE
from coachdesk.ui.models.kpi_history_models import BatchesModel, KpiTotalsModel, SavedMappingsModel
from coachdesk.ui.models.kpi_models import (
    CHOICES_ROLE,
    SEARCHABLE_ROLE,
    FileRowsModel,
    MappingModel,
    PeopleChoicesModel,
    SampleFiguresModel,
    SkippedModel,
    field_label,
    skip_lines,
)
from tests.ui.locales import en_gb  # noqa: F401 - a fixture

DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
KPIS = [KpiChoice("AHT", "Average handle time", Unit.SECONDS, "m:ss"),
        KpiChoice("CSAT", "Customer satisfaction", Unit.PERCENT, "0.0%"),
        KpiChoice("ANSWERED", "Answered contacts", Unit.COUNT, "0")]
COLUMNS = [MappingColumn(0, "Agent", "agent_name", None, None, 0.95, ("Ann", "Bob")),
           MappingColumn(1, "Handling", "ignore", None, None, 0.0, ("5", "6")),
           MappingColumn(2, "", "ignore", None, None, 0.0, (), editable=False)]


def test_mapping_model_edits_field_and_unit(qapp):
    model = MappingModel(KPIS)
    model.set_mapping(COLUMNS, "summary")
    spy = QSignalSpy(model.edited)
    assert model.rowCount() == 3 and model.columnCount() == 5
    field = model.index(0, MappingModel.FIELD)
    assert field.data(DISPLAY) == "Agent name" and field.data(EDIT) == "agent_name" and field.data(SEARCHABLE_ROLE)
    choices = dict(field.data(CHOICES_ROLE))
    assert choices["kpi:AHT"] == "KPI: AHT – Average handle time" and choices["ignore"] == "(not imported)"
    assert "kpi_name" not in choices and "count:resolved" in choices
    assert model.index(0, MappingModel.CONFIDENCE).data(DISPLAY) == "95%"
    assert model.index(1, MappingModel.CONFIDENCE).data(DISPLAY) == ""
    assert not model.flags(model.index(1, MappingModel.READS_AS)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(1, MappingModel.FIELD).data(Qt.ItemDataRole.ForegroundRole) is not None  # ignored: dimmed

    assert model.set_field("Handling", "kpi:AHT") and spy.count() == 1
    reads = model.index(1, MappingModel.READS_AS)
    assert model.flags(reads) & Qt.ItemFlag.ItemIsEditable and reads.data(DISPLAY) == "as written"
    assert [v for v, _label in reads.data(CHOICES_ROLE)] == [None, "seconds", "minutes", "hours", "milliseconds"]
    assert model.setData(reads, "minutes") and spy.count() == 2
    assert model.columns()[1].unit == "minutes" and model.columns()[1].confidence == 1.0
    assert not model.setData(reads, "minutes")  # no change, no signal
    assert model.set_field("Handling", "kpi:CSAT") and model.columns()[1].unit is None  # the unit no longer fits
    assert [v for v, _l in model.index(1, MappingModel.READS_AS).data(CHOICES_ROLE)] == [None, "fraction", "percent"]
    assert not model.setData(model.index(2, MappingModel.FIELD), "kpi:AHT")  # a blank header cannot be mapped
    assert not model.flags(model.index(0, MappingModel.COLUMN)) & Qt.ItemFlag.ItemIsEditable
    model.shape = "long"
    assert "kpi_name" in dict(model.field_choices()) and "kpi:AHT" not in dict(model.field_choices())
    assert field_label("kpi:NOPE", {}) == "KPI: NOPE"


def _unknown(name: str, rows: int, status: str = "create") -> UnknownPerson:
    return UnknownPerson(f"||{name}", "", "", name, rows, rows + 1, status)


def test_people_choices_keep_what_was_chosen_across_previews(qapp):
    model = PeopleChoicesModel([("u-1", "Amelia Brown (Billing)"), ("u-2", "Farah Khan")])
    spy = QSignalSpy(model.edited)
    model.merge([_unknown("Zed", 5), _unknown("Dan O", 9), _unknown("Amy B", 2, "ambiguous: the name matches 2 people")])
    assert [r.label for r in model.rows()] == ["Dan O", "Zed", "Amy B"]
    assert model.choice_map() == {"||Dan O": "create", "||Zed": "create", "||Amy B": "skip"}
    choice = model.index(0, PeopleChoicesModel.CHOICE)
    assert choice.data(DISPLAY) == "Create a new person" and choice.data(SEARCHABLE_ROLE)
    assert choice.data(CHOICES_ROLE)[2] == ("u-1", "Same person as Amelia Brown (Billing)")
    assert model.index(2, PeopleChoicesModel.STATUS).data(DISPLAY) == "ambiguous: the name matches 2 people"
    assert model.index(0, PeopleChoicesModel.STATUS).data(DISPLAY) == "Not in CoachDesk"
    assert not model.set_choice("||Dan O", "nobody")  # not a person
    assert model.set_choice("||Dan O", "u-2") and spy.count() == 1
    assert model.index(0, PeopleChoicesModel.CHOICE).data(DISPLAY) == "Same person as Farah Khan"
    assert model.count("create") == 1 and model.count("skip") == 1 and model.count("map") == 1
    # the next preview no longer lists Dan O (now matched) and says Zed is to be created: both stay as chosen
    model.merge([_unknown("Zed", 5, "create"), _unknown("Amy B", 2, "skip")])
    assert model.choice_map() == {"||Dan O": "u-2", "||Zed": "create", "||Amy B": "skip"}
    assert model.index(2, PeopleChoicesModel.STATUS).data(DISPLAY) == "ambiguous: the name matches 2 people"
    model.set_all("skip")
    assert set(model.choice_map().values()) == {"skip"} and model.default_choice == "skip" and spy.count() == 2
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).italic()  # left out: dimmed
    assert model.flags(model.index(0, PeopleChoicesModel.CHOICE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, PeopleChoicesModel.AGENT)) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.usefixtures("en_gb")
def test_report_models(qapp):
    skipped = SkippedModel()
    skipped.set_rows(skip_lines({"blank row": 3, "totals row": 1}, {"blank row": [9, 4, 7], "totals row": [20]}))
    assert skipped.index(0, SkippedModel.REASON).data(DISPLAY) == "blank row"
    assert skipped.index(0, SkippedModel.EXAMPLES).data(DISPLAY) == "4, 7, 9"
    figures = SampleFiguresModel(KPIS)
    day = date(2024, 3, 1)
    figures.set_rows([FigurePreview(2, "Ann", "AHT", day, day, 312.5, "matched"),
                      FigurePreview(3, "Zed", "CSAT", day, date(2024, 3, 7), 0.875, "create"),
                      FigurePreview(4, "Zed", "OTHER", day, day, 3.0, "create")])
    assert [figures.index(r, SampleFiguresModel.VALUE).data(DISPLAY) for r in range(3)] == ["5:12", "87.5%", "3"]
    assert figures.index(1, SampleFiguresModel.PERIOD).data(DISPLAY) == "01/03/2024 – 07/03/2024"  # the locale's day, not ISO
    assert figures.index(1, SampleFiguresModel.PERSON).data(DISPLAY) == "will be created"
    assert figures.index(0, SampleFiguresModel.VALUE).data(SORT_ROLE) == 312.5
    rows = FileRowsModel()
    rows.set_rows(("Agent", "AHT"), ((2, ("Ann", "300")), (3, ("Bob",))))
    assert rows.columnCount() == 3 and rows.headerData(1, Qt.Orientation.Horizontal) == "Agent"
    assert rows.index(0, 0).data() == "2" and rows.index(1, 2).data() == ""


@pytest.mark.usefixtures("en_gb")
def test_history_models(qapp):
    when = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    batches = BatchesModel()
    batches.set_rows([BatchRow("b-1", "export.csv", "ab" * 32, "genesys-agent-performance", when, when, 192, 52, 364,
                               ImportStatus.COMMITTED),
                      BatchRow("b-2", "old.csv", None, None, when, None, 10, 0, 20, ImportStatus.UNDONE)])
    assert batches.index(0, BatchesModel.FIGURES).data(DISPLAY) == "364"
    assert batches.index(0, BatchesModel.STATUS).data(DISPLAY) == "Imported"
    assert batches.index(1, BatchesModel.STATUS).data(DISPLAY) == "Undone"
    assert batches.index(1, BatchesModel.FILE).data(Qt.ItemDataRole.FontRole).italic()
    assert batches.index(0, BatchesModel.WHEN).data(DISPLAY) == when.astimezone().strftime("%d/%m/%Y %H:%M")  # local
    assert "SHA-256 abab" in batches.index(0, BatchesModel.FILE).data(Qt.ItemDataRole.ToolTipRole)
    assert batches.row_of_uuid("b-2") == 1 and batches.index(1, 0).data(ROW_ROLE).file_name == "old.csv"
    totals = KpiTotalsModel()
    totals.set_rows([KpiTotals("AHT", "Average handle time", Unit.SECONDS, "m:ss", 1200, 8, date(2024, 1, 1),
                               date(2024, 3, 31)),
                     KpiTotals("CSAT", "Customer satisfaction", Unit.PERCENT, "0.0%", 300, 6, None, None)])
    assert totals.total() == 1500 and totals.row_of_code("CSAT") == 1
    assert totals.index(0, KpiTotalsModel.FIGURES).data(DISPLAY) == "1,200"
    assert totals.index(0, KpiTotalsModel.LAST).data(DISPLAY) == "31/03/2024"
    assert totals.index(0, KpiTotalsModel.LAST).data(SORT_ROLE) == date(2024, 3, 31)  # sorted by the day, not the text
    assert batches.index(0, BatchesModel.WHEN).data(SORT_ROLE) == when
    mappings = SavedMappingsModel()
    mappings.set_rows([SavedMapping("m-1", "WFM", "interactions", ("Agent", "Date"), None, when)])
    assert mappings.index(0, SavedMappingsModel.SHAPE).data(DISPLAY) == "Interaction log"
    assert mappings.index(0, SavedMappingsModel.COLUMNS_READ).data(DISPLAY) == "Agent, Date"
