"""Issue 17: a KPI import never stores a wrong number or a wrong person without saying so. Scales, people,
presets merged with detection, left-out columns, new KPIs, periods, encodings and undo, on real SQLite files."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from coachdesk.domain.errors import ValidationError
from coachdesk.domain.text import name_key
from coachdesk.services.kpis import kpi_import as ki
from coachdesk.services.kpis.kpi_import import ImportOptions, ImportRejected
from coachdesk.services.kpis.kpi_query import list_figures
from coachdesk.storage.models import KpiDefinition, KpiFigure, Person, PersonAlias, PersonExternalId

AUTO = ImportOptions(auto=True)


def add_person(db, name: str, acd: str | None = None) -> str:
    with db.unit_of_work() as session:
        person = Person(display_name=name, name_key=name_key(name))
        session.add(person)
        session.flush()
        if acd:
            session.add(PersonExternalId(person_id=person.id, system="acd", value=acd))
        return person.uuid


def write(tmp_path, text: str, name: str = "export.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def figures(db) -> dict[tuple, float]:
    return {(f.person, f.kpi, f.period_start, f.period_end): f.value for f in list_figures(db)}


def people(db) -> list[str]:
    with db.session() as session:
        return sorted(session.scalars(select(Person.display_name)))


# -- scales ---------------------------------------------------------------------------------------------------------

def test_a_one_to_five_csat_column_goes_to_the_mean_score_kpi_and_says_why(db, tmp_path):
    add_person(db, "Ann Lee")
    path = write(tmp_path, "Agent;Date;CSAT\nAnn Lee;17.11.2025;3,6\nAnn Lee;18.11.2025;4,2\nAnn Lee;19.11.2025;4,0\n")
    result = ki.import_file(db, path, AUTO)
    assert figures(db) == {("Ann Lee", "CSAT_SCORE", date(2025, 11, d), date(2025, 11, d)): v
                           for d, v in ((17, 3.6), (18, 4.2), (19, 4.0))}
    assert any("mean scores on a 1-5 scale" in w and "CSAT_SCORE" in w for w in result.warnings)


def test_a_one_to_five_column_mapped_to_csat_by_hand_stops_and_asks(db, tmp_path):
    add_person(db, "Ann Lee")
    path = write(tmp_path, "Agent,Date,CSAT\nAnn Lee,2025-11-17,3.6\nAnn Lee,2025-11-18,4.2\n")
    mapping = {"columns": {"Agent": "agent_name", "Date": "date", "CSAT": "kpi:CSAT"}}
    with pytest.raises(ImportRejected, match=r"row 2, column 'CSAT': holds numbers from 3\.6 to 4\.2") as refused:
        ki.import_file(db, path, ImportOptions(mapping=mapping))
    assert "CSAT_SCORE" in str(refused.value)
    assert figures(db) == {}
    plan = ki.preview_file(db, path, ImportOptions(mapping=mapping))
    assert not plan.can_commit and "share of satisfied answers" in str(plan.problems[0])


def test_the_mapping_may_state_that_small_numbers_are_percent_points(db, tmp_path):
    add_person(db, "Ann Lee")
    path = write(tmp_path, "Agent,Date,CSAT\nAnn Lee,2025-11-17,3.6\nAnn Lee,2025-11-18,4.2\n")
    mapping = {"columns": {"Agent": "agent_name", "Date": "date", "CSAT": {"field": "kpi:CSAT", "scale": "percent"}}}
    result = ki.import_file(db, path, ImportOptions(mapping=mapping))
    assert figures(db)[("Ann Lee", "CSAT", date(2025, 11, 17), date(2025, 11, 17))] == pytest.approx(0.036)
    assert any("as the mapping states" in rule for rule in result.rules)


@pytest.mark.parametrize("cells, stored, words", [
    (("87", "91", "78"), 0.87, "read as percent points (87 -> 87 %), because the median of 3 of them is 87"),
    (("0.87", "0.91", "0.78"), 0.87, "read as fractions (0.87 -> 87 %), because the median of 3 of them is 0.87"),
    (("1", "1", "0.5"), 1.0, "read as fractions"),  # a median of exactly 1 is 100 %, not 1 %
])
def test_bare_percentages_follow_a_rule_the_report_states(db, tmp_path, cells, stored, words):
    add_person(db, "Ann Lee")
    rows = "".join(f"Ann Lee,2025-11-{17 + i},{c}\n" for i, c in enumerate(cells))
    result = ki.import_file(db, write(tmp_path, "Agent,Date,FCR\n" + rows), AUTO)
    assert figures(db)[("Ann Lee", "FCR", date(2025, 11, 17), date(2025, 11, 17))] == pytest.approx(stored)
    assert any(words in rule for rule in result.rules), result.rules
    plan = ki.preview_file(db, write(tmp_path, "Agent,Date,FCR\n" + rows, "again.csv"), AUTO)
    assert any(words in rule for rule in plan.rules)


def test_out_of_range_values_are_warned_with_their_rows(db, tmp_path):
    add_person(db, "Ann Lee")
    add_person(db, "Bob Roy")
    path = write(tmp_path, 'Agent,Date,Conformance\nAnn Lee,2025-11-17,95.5%\nBob Roy,2025-11-17,"8,285.64%"\n'
                           'Ann Lee,2025-11-18,100%\nBob Roy,2025-11-18,99%\n')
    result = ki.import_file(db, path, AUTO)
    warning = next(w for w in result.warnings if "outside the range" in w)
    assert "'8,285.64%' on row 3" in warning and "1 value outside" in warning
    assert figures(db)[("Bob Roy", "CONFORMANCE", date(2025, 11, 17), date(2025, 11, 17))] == pytest.approx(82.8564)
    assert not any("100%" in w for w in result.warnings)  # exactly 100 % is in range


def test_a_column_mostly_out_of_range_stops(db, tmp_path):
    add_person(db, "Ann Lee")
    mapping = {"columns": {"Agent": "agent_name", "Date": "date", "Score": "kpi:CSAT_SCORE"}}
    path = write(tmp_path, "Agent,Date,Score\nAnn Lee,2025-11-17,87\nAnn Lee,2025-11-18,91\nAnn Lee,2025-11-19,4\n")
    with pytest.raises(ImportRejected, match="2 of its 3 values lie outside the range of CSAT_SCORE"):
        ki.import_file(db, path, ImportOptions(mapping=mapping))
    assert figures(db) == {}


# -- people ---------------------------------------------------------------------------------------------------------

def test_last_first_and_middle_names_match_existing_people(db, tmp_path):
    add_person(db, "Li Wei")
    add_person(db, "Mary Ann Lee")
    path = write(tmp_path, 'AGENT NAME,DATE,CALLS count\n"Wei, Li",2025-11-17,10\nMARY LEE,2025-11-17,4\n'
                           '"Lee, Mary A.",2025-11-18,5\n')
    result = ki.import_file(db, path, ImportOptions(auto=True, create_agents=True))
    assert result.people_created == ()
    assert people(db) == ["Li Wei", "Mary Ann Lee"]
    assert sorted(figures(db).values()) == [4, 5, 10]


def test_placeholders_are_skipped_with_a_reason_never_created(db, tmp_path):
    path = write(tmp_path, "Agent,Date,Answered\n[Deleted],2025-11-17,3\nUnknown,2025-11-17,2\n"
                           "Queue: Sales,2025-11-17,9\nAnn Lee,2025-11-17,4\n")
    result = ki.import_file(db, path, ImportOptions(auto=True, create_agents=True))
    assert people(db) == ["Ann Lee"]
    assert result.skipped["not an agent: a deleted or unknown user ('[Deleted]')"] == 1
    assert result.skipped["not an agent: a queue or group ('Queue: Sales')"] == 1
    assert sum(result.skipped.values()) == 3


def test_a_near_match_is_never_created_and_waits_for_a_choice(db, tmp_path):
    li = add_person(db, "Li Wei")
    path = write(tmp_path, "Agent,Date,Answered\nL. Wei,2025-11-17,3\nJo Park,2025-11-17,2\n")
    result = ki.import_file(db, path, ImportOptions(auto=True, create_agents=True))
    assert people(db) == ["Jo Park", "Li Wei"]
    near = next(p for p in result.unknown_people if p.name == "L. Wei")
    assert near.status.startswith("near match") and near.candidates == ((li, "Li Wei", "an initial for the first name"),)
    assert result.skipped["agent near a known person: waiting for a choice"] == 1
    chosen = ki.import_file(db, write(tmp_path, "Agent,Date,Answered\nL. Wei,2025-11-18,3\n", "b.csv"),
                            ImportOptions(auto=True, people={"L. Wei": li}))
    assert chosen.figures_stored == 1 and ("Li Wei", "ANSWERED", date(2025, 11, 18), date(2025, 11, 18)) in figures(db)


# -- presets merged with detection, left-out columns, new KPIs ---------------------------------------------------

def test_talkdesk_contacts_keep_the_columns_detection_maps(db, tmp_path):
    add_person(db, "Ann Lee")
    path = write(tmp_path, "Interaction ID,Started At,User Name,Talk Time,Handle Time,Resolved,CSAT Score\n"
                           "a1,2025-11-17 09:00,Ann Lee,250,300,Yes,5\na2,2025-11-17 10:00,Ann Lee,150,200,No,3\n")
    result = ki.import_file(db, path, AUTO)
    assert result.preset == "talkdesk-contacts"
    got = figures(db)
    day = (date(2025, 11, 17), date(2025, 11, 17))
    assert got[("Ann Lee", "AHT", *day)] == 250 and got[("Ann Lee", "FCR", *day)] == 0.5
    assert got[("Ann Lee", "ANSWERED", *day)] == 2 and got[("Ann Lee", "CSAT", *day)] == 0.5
    assert any("'User Name' read as agent name by detection" in w for w in result.warnings)


def test_every_left_out_column_is_listed_and_a_metric_can_become_a_kpi(db, tmp_path):
    add_person(db, "Ann Lee")
    text = "Agent,Date,Contacts handled,Agent answer rate,Queue\nAnn Lee,2025-11-17,10,95%,Sales\n"
    result = ki.import_file(db, write(tmp_path, text), AUTO)
    left = {item.column: item for item in result.left_out}
    assert set(left) == {"Agent answer rate", "Queue"}
    assert left["Agent answer rate"].new_kpi_unit == "percent" and "--create-kpis" in left["Agent answer rate"].why
    assert left["Queue"].new_kpi_unit is None and "text" in left["Queue"].why
    again = write(tmp_path, text.replace("2025-11-17", "2025-11-18"), "again.csv")
    created = ki.import_file(db, again, ImportOptions(auto=True, create_kpis=True))
    assert created.created_kpis == ("AGENT_ANSWER_RATE",)
    assert figures(db)[("Ann Lee", "AGENT_ANSWER_RATE", date(2025, 11, 18), date(2025, 11, 18))] == 0.95
    with db.session() as session:
        kpi = session.scalar(select(KpiDefinition).where(KpiDefinition.code == "AGENT_ANSWER_RATE"))
        assert (kpi.unit.value, kpi.display_format, kpi.aggregation.value) == ("percent", "0.0%", "mean")
    undone = ki.undo_batch(db, created.batch_uuid)
    assert any("AGENT_ANSWER_RATE" in line for line in undone.removed)
    with db.session() as session:
        assert session.scalar(select(KpiDefinition.id).where(KpiDefinition.code == "AGENT_ANSWER_RATE")) is None


def test_a_preview_creates_no_kpi(db, tmp_path):
    text = "Agent,Date,Agent answer rate\nAnn Lee,2025-11-17,95%\n"
    plan = ki.preview_file(db, write(tmp_path, text), ImportOptions(auto=True, create_kpis=True, create_agents=True))
    assert plan.created_kpis == ("AGENT_ANSWER_RATE",) and plan.figures == 1
    with db.session() as session:
        assert session.scalar(select(KpiDefinition.id).where(KpiDefinition.code == "AGENT_ANSWER_RATE")) is None


# -- periods --------------------------------------------------------------------------------------------------------

def test_week_starting_and_month_columns_give_whole_periods(db, tmp_path):
    add_person(db, "Ann Lee")
    ki.import_file(db, write(tmp_path, "Agent,Week starting,Contacts\nAnn Lee,2025-11-17,50\n"), AUTO)
    ki.import_file(db, write(tmp_path, "Agent,Week ending,Handled\nAnn Lee,2025-11-30,40\n", "b.csv"), AUTO)
    ki.import_file(db, write(tmp_path, "Agent,Month,Calls handled\nAnn Lee,Feb 2024,300\n", "c.csv"), AUTO)
    assert figures(db) == {("Ann Lee", "ANSWERED", date(2025, 11, 17), date(2025, 11, 23)): 50,
                           ("Ann Lee", "ANSWERED", date(2025, 11, 24), date(2025, 11, 30)): 40,
                           ("Ann Lee", "ANSWERED", date(2024, 2, 1), date(2024, 2, 29)): 300}


def test_an_xlsx_with_title_rows_and_week_starting(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    add_person(db, "Ann Lee")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Weekly contacts"], ["Printed for the team"], [], ["Agent", "Week starting", "Contacts"],
                ["Ann Lee", date(2025, 11, 17), 50], ["Ann Lee", date(2025, 11, 24), 45]):
        sheet.append(row)
    book.save(tmp_path / "weekly.xlsx")
    ki.import_file(db, tmp_path / "weekly.xlsx", AUTO)
    assert figures(db) == {("Ann Lee", "ANSWERED", date(2025, 11, 17), date(2025, 11, 23)): 50,
                           ("Ann Lee", "ANSWERED", date(2025, 11, 24), date(2025, 11, 30)): 45}


AVAYA = ("Agent Report\nDate: 11/17/2025\n\nAgent Name,Login ID,ACD Calls,Avg ACD Time,Avg ACW Time\n"
         "Ann Lee,1001,10,300,-\nBob Roy,1002,5,200,20\n")


def test_a_period_in_the_preamble_is_offered_and_taken_with_auto(db, tmp_path):
    add_person(db, "Ann Lee")
    add_person(db, "Bob Roy")
    path = write(tmp_path, AVAYA)
    with pytest.raises(ValidationError, match=r"the title row 'Date: 11/17/2025' gives the period 2025-11-17: "
                                              r"confirm it with --period-start 2025-11-17"):
        ki.import_file(db, path, ImportOptions(preset="avaya-cms-agent-report"))
    plan = ki.preview_file(db, path)
    assert plan.suggested_period == ((date(2025, 11, 17), date(2025, 11, 17)), "the title row 'Date: 11/17/2025'")
    result = ki.import_file(db, path, AUTO)
    day = (date(2025, 11, 17), date(2025, 11, 17))
    got = figures(db)
    assert got[("Ann Lee", "AHT", *day)] == 300 and got[("Bob Roy", "AHT", *day)] == 220  # '-' ACW is no time
    assert any("'-' cell in the ACW column read as no time (0) to add up AHT; first on row 5" in r
               for r in result.rules)


def test_a_given_period_leaves_no_warning_about_the_missing_date(db, tmp_path):
    add_person(db, "Ann Lee")
    path = write(tmp_path, "Agent,Answered\nAnn Lee,5\n")
    plan = ki.preview_file(db, path, ImportOptions(auto=True, period_start=date(2025, 11, 17),
                                                   period_end=date(2025, 11, 23)))
    assert plan.can_commit and not plan.missing and not any("date" in w for w in plan.warnings)


# -- encodings ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, name, found", [
    ("cp1251", "Иван Петров", "cp1251"), ("iso-8859-2", "Łukasz Żółć", "iso8859-2"),
    ("shift_jis", "山田 太郎", "cp932"), ("cp1252", "José Müller", "cp1252"), ("utf-16", "Zoë Ünal", "utf-16"),
])
def test_legacy_encodings_read_names_right_and_say_which(db, tmp_path, encoding, name, found):
    add_person(db, name)
    path = write(tmp_path, f"Agent,Date,Answered\n{name},2025-11-17,5\n", encoding=encoding)
    plan = ki.preview_file(db, path, AUTO)
    assert plan.encoding == found and plan.matched_people == 1, plan.encoding_note
    result = ki.import_file(db, path, AUTO)
    assert result.encoding.startswith(found) and list(figures(db)) == [
        (name, "ANSWERED", date(2025, 11, 17), date(2025, 11, 17))]


def test_a_given_encoding_wins_and_a_wrong_name_is_one_sentence(db, tmp_path):
    path = write(tmp_path, "Agent,Date,Answered\nИван Петров,2025-11-17,5\n", encoding="cp1251")
    plan = ki.preview_file(db, path, ImportOptions(auto=True, encoding="koi8_r"))
    assert plan.encoding == "koi8-r" and plan.encoding_note == "given"
    with pytest.raises(ValidationError, match="'klingon' is not an encoding Python knows"):
        ki.preview_file(db, path, ImportOptions(auto=True, encoding="klingon"))


# -- undo -----------------------------------------------------------------------------------------------------------

def test_undo_removes_the_people_and_aliases_it_created_unless_used_elsewhere(db, tmp_path):
    ann = add_person(db, "Ann Lee")
    first = ki.import_file(db, write(tmp_path, "Agent,Date,Answered\nNew One,2025-11-17,5\nNew Two,2025-11-17,6\n"
                                                "A. Lee,2025-11-17,7\n"),
                           ImportOptions(auto=True, create_agents=True, people={"A. Lee": ann}))
    assert sorted(first.people_created) == ["New One", "New Two"]
    ki.import_file(db, write(tmp_path, "Agent,Date,Answered\nNew Two,2025-11-18,1\n", "later.csv"), AUTO)
    undone = ki.undo_batch(db, first.batch_uuid[:8])  # a shortened id is enough
    assert people(db) == ["Ann Lee", "New Two"]
    assert any(line.startswith("the person New Two: still referred to by 1 kpi figure row") for line in undone.kept)
    assert any("the person New One" in line for line in undone.removed)
    assert any("the alias 'A. Lee' of Ann Lee" in line for line in undone.removed)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(PersonAlias)) == 0
        assert session.scalar(select(func.count()).select_from(KpiFigure)) == 1


def test_undo_refuses_an_ambiguous_or_too_short_id(db, tmp_path):
    with pytest.raises(Exception, match="at least its first 6 characters"):
        ki.undo_batch(db, "abc")
    with pytest.raises(Exception, match="No import batch starts with 'abcdef'"):
        ki.undo_batch(db, "abcdef")


def test_a_first_look_reads_only_the_first_rows_and_cannot_be_committed(db, tmp_path):
    add_person(db, "Ann Lee")
    text = "Agent,Date,Answered\n" + "".join(f"Ann Lee,{date(2020, 1, 1) + timedelta(days=i)},{i}\n"
                                             for i in range(3000))
    path = write(tmp_path, text)
    first = ki.preview_file(db, path, ImportOptions(auto=True, preview_rows=100))
    assert first.partial and first.figures == 100 and not first.can_commit
    whole = ki.preview_file(db, path, ImportOptions(auto=True, preview_rows=3000))
    assert not whole.partial and whole.figures == 3000 and whole.can_commit
