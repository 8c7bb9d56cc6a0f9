"""What the KPI import screen needs beside the engine: editable mapping columns and their JSON, saved mappings,
refusal sentences and stored figures per KPI, on real temporary SQLite files."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.domain.errors import NotFound
from coachdesk.services.kpis import kpi_import as ki
from coachdesk.services.kpis import kpi_mappings as km
from coachdesk.services.kpis.kpi_import import ImportOptions
from tests.services.test_kpi_import import add_person, csv_file

DAILY = "Agent,Date,AHT,CSAT %,Widgets\nAnn Lee,2021-03-01,0:05:00,87%,3\nBob Roy,2021-03-02,240,90%,4\n"


@pytest.fixture
def people(db):
    return {"ann": add_person(db, "Ann Lee"), "bob": add_person(db, "Bob Roy")}


def test_mapping_columns_and_json_round_trip(db, people, tmp_path):
    path = csv_file(tmp_path, DAILY)
    plan = ki.preview_file(db, path)
    columns = km.mapping_columns(plan)
    assert [(c.header, c.field) for c in columns] == [
        ("Agent", "agent_name"), ("Date", "date"), ("AHT", "kpi:AHT"), ("CSAT %", "kpi:CSAT"), ("Widgets", "ignore")]
    assert columns[2].examples == ("0:05:00", "240") and columns[2].kpi == "AHT" and columns[2].confidence > 0.9
    assert all(c.editable for c in columns)
    edited = [c if c.header != "Widgets" else c.__class__(**{**c.__dict__, "field": "kpi:ANSWERED"})
              for c in columns]
    data = km.mapping_json(edited, km.SUMMARY, plan.mapping_json)
    assert data["columns"]["Widgets"] == "kpi:ANSWERED" and data["shape"] == "summary"
    again = ki.preview_file(db, path, ImportOptions(mapping=data))
    assert again.mapping.source == "given" and again.figures_by_kpi["ANSWERED"] == 2
    minutes = [c if c.header != "AHT" else c.__class__(**{**c.__dict__, "unit": "minutes"}) for c in columns]
    assert km.mapping_json(minutes, km.SUMMARY)["columns"]["AHT"] == {"field": "kpi:AHT", "unit": "minutes"}


def test_blank_and_repeated_headers_cannot_be_edited(db, people, tmp_path):
    plan = ki.preview_file(db, csv_file(tmp_path, "Agent,Date,AHT,,AHT\nAnn Lee,2021-03-01,300,x,310\n"))
    columns = km.mapping_columns(plan)
    assert [c.editable for c in columns] == [True, True, True, False, False]
    assert "" not in km.mapping_json(columns, km.SUMMARY)["columns"]


def test_fields_kinds_and_catalogue(db):
    assert km.fields_for(km.SUMMARY)[0] == km.IGNORE and "count:transferred" in km.fields_for(km.SUMMARY)
    assert {"kpi_name", "value"} <= set(km.fields_for(km.LONG)) and "talk" in km.fields_for(km.INTERACTIONS)
    kpis = {k.code: k for k in km.catalogue_kpis(db)}
    assert {"AHT", "CSAT", "ANSWERED"} <= set(kpis)
    assert km.value_kind("kpi:AHT", kpis) == km.DURATION and km.value_kind("kpi:CSAT", kpis) == km.PERCENT
    assert km.value_kind("talk", kpis) == km.DURATION and km.value_kind("kpi:ANSWERED", kpis) is None
    assert km.value_kind("agent_name", kpis) is None and km.DATE_ORDERS == ("dmy", "mdy", "ymd")


def test_refusal_says_why_in_one_sentence(db, people, tmp_path):
    assert km.refusal(ki.preview_file(db, csv_file(tmp_path, DAILY))) is None
    no_kpi = ki.preview_file(db, csv_file(tmp_path, "Agent,Date,Widgets\nAnn Lee,2021-03-01,3\n", "w.csv"))
    assert km.refusal(no_kpi).startswith("w.csv: nothing to import: none of its columns (Agent, Date, Widgets)")
    undated = ki.preview_file(db, csv_file(tmp_path, "Agent,AHT\nAnn Lee,300\n", "u.csv"))
    assert km.refusal(undated).startswith("u.csv: cannot import: the file lacks when:")
    bad = "Agent,Date,AHT\n" + "".join(f"Bob Roy,2021-03-{day:02d},{'soon' if day == 5 else 200}\n"
                                        for day in range(1, 12))
    problems = ki.preview_file(db, csv_file(tmp_path, bad, "b.csv"))
    text = km.refusal(problems)
    assert text.startswith("b.csv: nothing can be imported because of 1 problem: b.csv row 6, column 'AHT': 'soon' is not")
    nobody = ki.preview_file(db, csv_file(tmp_path, "Agent,Date,AHT\nZed,2021-03-01,300\n", "n.csv"))
    assert km.refusal(nobody) == "n.csv: no figure to store; rows left out: agent not in the database (1)"


def test_saved_mappings_are_listed_and_forgotten(db, people, tmp_path):
    plan = ki.preview_file(db, csv_file(tmp_path, DAILY))
    ki.commit(db, plan, remember_mapping=True, mapping_name="Team sheet")
    saved = km.list_saved_mappings(db)
    assert [(s.name, s.shape, s.columns) for s in saved] == [("Team sheet", "summary",
                                                             ("Agent", "Date", "AHT", "CSAT %"))]
    assert saved[0].last_used_at is not None
    assert km.forget_mapping(db, saved[0].uuid) == "Team sheet"
    assert km.list_saved_mappings(db) == []
    with pytest.raises(NotFound):
        km.forget_mapping(db, saved[0].uuid)


def test_figures_overview_counts_per_kpi_over_a_span(db, people, tmp_path):
    assert km.figures_overview(db) == km.FiguresOverview(0, 0, ())
    ki.import_file(db, csv_file(tmp_path, DAILY), ImportOptions(auto=True))
    everything = km.figures_overview(db)
    assert (everything.figures, everything.people) == (4, 2)
    aht = next(k for k in everything.kpis if k.code == "AHT")
    assert (aht.figures, aht.people, aht.first_day, aht.last_day) == (2, 2, date(2021, 3, 1), date(2021, 3, 2))
    assert everything.first_day == date(2021, 3, 1) and everything.last_day == date(2021, 3, 2)
    later = km.figures_overview(db, start=date(2021, 3, 2))
    assert (later.figures, later.people) == (2, 1)
    assert km.figures_overview(db, end=date(2021, 2, 28)).figures == 0
