"""KPI import on real temporary SQLite files: preview, all-or-nothing commit, duplicates, re-import, undo, cancel,
people matching, saved mappings, refusals, and reading figures back."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from coachdesk.domain.enums import AuditAction, ImportStatus, Role
from coachdesk.domain.errors import CoachDeskError, NotFound, ValidationError
from coachdesk.domain.text import name_key
from coachdesk.services.kpis import kpi_import as ki
from coachdesk.services.kpis.kpi_import import ImportCancelled, ImportOptions, ImportRejected
from coachdesk.services.kpis.kpi_query import list_batches, list_figures
from coachdesk.storage.models import (
    AuditEntry,
    ImportBatch,
    ImportMapping,
    KpiFigure,
    Person,
    PersonAlias,
    PersonExternalId,
    PersonRole,
)

AUTO = ImportOptions(auto=True)


def add_person(db, name: str, email: str | None = None, acd: str | None = None, alias: str | None = None) -> str:
    with db.unit_of_work() as session:
        person = Person(display_name=name, name_key=name_key(name), email=email)
        session.add(person)
        session.flush()
        if acd:
            session.add(PersonExternalId(person_id=person.id, system="acd", value=acd))
        if alias:
            session.add(PersonAlias(person_id=person.id, alias=alias, alias_key=name_key(alias)))
        return person.uuid


@pytest.fixture
def team(db):
    return {"ann": add_person(db, "Ann Lee", email="ann@example.com", acd="1001"),
            "bob": add_person(db, "Bob Roy", alias="Robert Roy"), "cid": add_person(db, "Zoë Ünal")}


def csv_file(tmp_path, text: str, name: str = "export.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def figure_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(KpiFigure))


def values(db, **filters) -> dict[tuple, float]:
    return {(f.person, f.kpi, f.period_start, f.period_end): f.value for f in list_figures(db, **filters)}


DAILY = ("Agent,Agent Id,Date,AHT,CSAT %,Answered\n"
         "ann lee,,2021-03-01,0:05:00,87%,40\n"
         "Robert Roy,,2021-03-01,240,90%,35\n"
         "ZOE  UNAL,,2021-03-01,200,-,30\n"
         "Someone New,9999,2021-03-01,100,50%,5\n"
         "Total,,2021-03-01,250,80%,110\n")
D1 = date(2021, 3, 1)


def test_preview_writes_nothing_and_says_everything(db, team, tmp_path):
    progress = []
    plan = ki.preview_file(db, csv_file(tmp_path, DAILY), AUTO, progress=lambda f, msg: progress.append(f))
    assert figure_count(db) == 0
    assert plan.mapping.shape == "summary" and plan.mapping.source == "proposed"
    assert plan.rows_read == 5 and plan.figures == 8 and plan.figures_by_kpi == {"AHT": 3, "CSAT": 2,
                                                                                 "ANSWERED": 3}
    assert plan.matched_people == 3 and [u.name for u in plan.unknown_people] == ["Someone New"]
    assert plan.unknown_people[0].key == "9999||Someone New" and plan.unknown_people[0].first_row == 5
    assert plan.skipped == {"totals row": 1, "agent not in the database": 1}
    assert any("'CSAT %': 1 cell without a value" in w for w in plan.warnings)
    assert plan.can_commit and plan.first_day == plan.last_day == D1
    assert plan.sample[0].agent == "ann lee" and plan.sample[0].person == "matched"
    assert progress and progress[-1] == 1.0
    assert plan.header_signature and plan.sha256 and plan.encoding == "utf-8"


def test_import_matches_people_by_name_alias_accents_email_and_id(db, team, tmp_path):
    result = ki.import_file(db, csv_file(tmp_path, DAILY), AUTO)
    assert result.figures_stored == 8 and result.batch_uuid and result.rows_read == 5
    assert result.skipped == {"totals row": 1, "agent not in the database": 1}
    stored = values(db)
    assert stored[("Ann Lee", "AHT", D1, D1)] == 300 and stored[("Ann Lee", "CSAT", D1, D1)] == pytest.approx(0.87)
    assert stored[("Bob Roy", "ANSWERED", D1, D1)] == 35
    assert stored[("Zoë Ünal", "AHT", D1, D1)] == 200
    by_email = "Email,Date,QA\nANN@EXAMPLE.COM,2021-03-02,91%\n"
    ki.import_file(db, csv_file(tmp_path, by_email, "qa.csv"), AUTO)
    by_id = "Agent Id,Date,QA\n1001,2021-03-03,92%\n"
    ki.import_file(db, csv_file(tmp_path, by_id, "qa2.csv"), AUTO)
    assert sorted(values(db, agent="Ann Lee", kpi="qa").values()) == [pytest.approx(0.91), pytest.approx(0.92)]
    with db.session() as session:
        batch = session.scalar(select(ImportBatch).where(ImportBatch.uuid == result.batch_uuid))
        assert (batch.file_name, batch.rows_read, batch.figures_stored) == ("export.csv", 5, 8)
        assert json.loads(batch.mapping_json)["columns"]["AHT"] == "kpi:AHT"
        assert json.loads(batch.report_json)["skipped"]["totals row"] == 1
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)) is not None


def test_unknown_people_are_created_mapped_or_skipped(db, team, tmp_path):
    path = csv_file(tmp_path, DAILY)
    plan = ki.preview_file(db, path, ImportOptions(auto=True, create_agents=True))
    assert plan.people_to_create == ("Someone New",) and plan.sample[-1].person == "create"
    # mapped to someone the file already names, the same figures would come twice
    with pytest.raises(ImportRejected, match="row 5: repeats the AHT figure for Someone New"):
        ki.commit(db, plan, people={"9999||Someone New": team["cid"]})
    dan = add_person(db, "Dan Poe")
    result = ki.commit(db, plan, people={"9999||Someone New": dan})
    assert result.people_mapped == ("Someone New (9999) -> Dan Poe",) and result.figures_stored == 11
    assert result.people_created == ()
    with db.session() as session:
        assert session.scalar(select(PersonAlias.alias).where(PersonAlias.alias == "Someone New"))
        assert session.scalar(select(PersonExternalId.value).where(PersonExternalId.value == "9999"))
    # the alias and id now match on their own; a fresh person is created for another newcomer
    text = "Agent,Agent Id,Date,AHT\nSomeone New,9999,2021-03-05,50\nNew Hire,777,2021-03-05,60\n"
    created = ki.import_file(db, csv_file(tmp_path, text, "next.csv"), ImportOptions(auto=True, create_agents=True))
    assert values(db, agent="Dan Poe")[("Dan Poe", "AHT", date(2021, 3, 5), date(2021, 3, 5))] == 50
    assert created.people_created == ("New Hire",) and created.figures_stored == 2
    with db.session() as session:
        hire = session.scalar(select(Person).where(Person.display_name == "New Hire"))
        assert [e.value for e in hire.external_ids] == ["777"]
        assert session.scalar(select(PersonRole.role).where(PersonRole.person_id == hire.id)) == Role.AGENT
    later = text.replace("2021-03-05", "2021-03-06").replace("New Hire,777", "Other Hire,778")
    skipped = ki.import_file(db, csv_file(tmp_path, later, "skip.csv"),
                             ImportOptions(auto=True, people={"778||Other Hire": "skip"}))
    assert skipped.figures_stored == 1 and skipped.skipped == {"agent left out (skip)": 1}


def test_all_or_nothing_when_a_file_fails_half_way(db, team, tmp_path):
    rows = [f"Ann Lee,{date(2020, 1, 1).toordinal() + i},{100 + i % 50}" for i in range(12000)]
    lines = ["Agent,Day,AHT"] + [f"{r.split(',')[0]},{date.fromordinal(int(r.split(',')[1])).isoformat()},"
                                 f"{r.split(',')[2]}" for r in rows]
    lines[9000] = "Ann Lee,2044-08-23,not a time"
    path = csv_file(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(ImportRejected) as caught:
        ki.import_file(db, path, ImportOptions(mapping={"columns": {"Agent": "agent_name", "Day": "date",
                                                                    "AHT": "kpi:AHT"}}))
    assert figure_count(db) == 0
    message = str(caught.value)
    assert message.startswith("export.csv: nothing was imported because of 1 problem: export.csv row 9001, "
                              "column 'AHT': 'not a time' is not a duration")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_a_figure_given_twice_in_the_file_is_refused(db, team, tmp_path):
    text = "Agent,Date,AHT\nAnn Lee,2021-03-01,300\nann lee,2021-03-01,200\n"
    with pytest.raises(ImportRejected, match="row 3: repeats the AHT figure for ann lee for 2021-03-01"):
        ki.import_file(db, csv_file(tmp_path, text), AUTO)
    assert figure_count(db) == 0
    plan = ki.preview_file(db, csv_file(tmp_path, text), AUTO)
    assert plan.problems[0].row == 3 and not plan.can_commit


def test_duplicate_policies_and_undo_restores_replaced_values(db, team, tmp_path):
    first = ki.import_file(db, csv_file(tmp_path, "Agent,Date,AHT\nAnn Lee,2021-03-01,300\n", "a.csv"), AUTO)
    second = csv_file(tmp_path, "Agent,Date,AHT\nAnn Lee,2021-03-01,280\nBob Roy,2021-03-01,250\n", "b.csv")
    plan = ki.preview_file(db, second, AUTO)
    assert plan.duplicates == 1 and "stored 300, file 280" in plan.duplicate_sample[0]
    with pytest.raises(ImportRejected, match="already stored for this person"):
        ki.import_file(db, second, AUTO)
    assert values(db) == {("Ann Lee", "AHT", D1, D1): 300}
    skipped = ki.import_file(db, second, ImportOptions(auto=True, on_duplicate="skip", force=True))
    assert skipped.duplicates_skipped == 1 and skipped.figures_stored == 1
    assert values(db)[("Ann Lee", "AHT", D1, D1)] == 300
    ki.undo_batch(db, skipped.batch_uuid)
    replaced = ki.import_file(db, second, ImportOptions(auto=True, on_duplicate="replace", force=True))
    assert replaced.figures_replaced == 1 and replaced.figures_stored == 2
    assert values(db) == {("Ann Lee", "AHT", D1, D1): 280, ("Bob Roy", "AHT", D1, D1): 250}
    undone = ki.undo_batch(db, replaced.batch_uuid)
    assert (undone.figures_deleted, undone.figures_restored) == (2, 1)
    assert values(db) == {("Ann Lee", "AHT", D1, D1): 300}
    with pytest.raises(ValidationError, match="already undone"):
        ki.undo_batch(db, replaced.batch_uuid)
    with pytest.raises(NotFound):
        ki.undo_batch(db, "no-such-batch")
    ki.undo_batch(db, first.batch_uuid)
    assert figure_count(db) == 0
    statuses = [b.status for b in list_batches(db)]
    assert statuses == [ImportStatus.UNDONE] * 3


def test_reimporting_the_same_file_is_noticed(db, team, tmp_path):
    path = csv_file(tmp_path, "Agent,Date,AHT\nAnn Lee,2021-03-01,300\n")
    first = ki.import_file(db, path, AUTO)
    plan = ki.preview_file(db, path, AUTO)
    assert [b.uuid for b in plan.earlier_batches] == [first.batch_uuid]
    with pytest.raises(ValidationError, match=f"imported before as batch {first.batch_uuid}"):
        ki.import_file(db, path, ImportOptions(auto=True, on_duplicate="replace"))
    forced = ki.import_file(db, path, ImportOptions(auto=True, on_duplicate="replace", force=True))
    assert any("imported before" in w for w in forced.warnings)
    ki.undo_batch(db, forced.batch_uuid)
    ki.undo_batch(db, first.batch_uuid)
    assert ki.import_file(db, path, AUTO).figures_stored == 1  # an undone import does not block


def test_cancel_writes_nothing(db, team, tmp_path):
    text = "Agent,Date,AHT\n" + "".join(f"Ann Lee,{date.fromordinal(737000 + i).isoformat()},{i % 500}\n"
                                        for i in range(9000))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled, match="nothing was written"):
        ki.import_file(db, csv_file(tmp_path, text), AUTO, cancelled=cancelled)
    assert figure_count(db) == 0 and isinstance(ImportCancelled("x"), CoachDeskError)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_auto_refuses_naming_what_is_missing(db, team, tmp_path):
    with pytest.raises(ValidationError, match="the file lacks who: no agent column"):
        ki.import_file(db, csv_file(tmp_path, "Site,Date,AHT\nLeeds,2021-03-01,300\n"), AUTO)
    with pytest.raises(ValidationError, match=r"when: no date .*--period-start"):
        ki.import_file(db, csv_file(tmp_path, "Agent,AHT\nAnn Lee,300\n"), AUTO)
    with pytest.raises(ValidationError, match=r"none of its columns \(Agent, Date, Widgets\) is a KPI"):
        ki.import_file(db, csv_file(tmp_path, "Agent,Date,Widgets\nAnn Lee,2021-03-01,3\n"), AUTO)
    with pytest.raises(ValidationError, match="Accept it with --auto"):
        ki.import_file(db, csv_file(tmp_path, DAILY), ImportOptions())
    with pytest.raises(ValidationError, match="cannot be read"):
        ki.import_file(db, tmp_path / "missing.csv", AUTO)
    with pytest.raises(ValidationError, match="on_duplicate"):
        ki.import_file(db, csv_file(tmp_path, DAILY), ImportOptions(on_duplicate="merge"))
    assert figure_count(db) == 0


def test_no_date_file_with_a_given_period(db, team, tmp_path):
    text = '"Agent","Adherence (%)","Conformance (%)"\n"Ann Lee","95.5%","Infinity%"\n'
    options = ImportOptions(auto=True, period_start=date(2021, 3, 1), period_end=date(2021, 3, 7))
    result = ki.import_file(db, csv_file(tmp_path, text), options)
    assert result.preset == "genesys-historical-adherence" and result.figures_stored == 1
    assert values(db) == {("Ann Lee", "ADHERENCE", D1, date(2021, 3, 7)): pytest.approx(0.955)}
    with pytest.raises(ValidationError, match="both a start and an end"):
        ki.import_file(db, csv_file(tmp_path, text, "x.csv"), ImportOptions(auto=True, period_start=D1))


def test_ambiguous_dates_need_the_order(db, team, tmp_path):
    path = csv_file(tmp_path, "Agent,Date,AHT\nAnn Lee,01/02/2021,300\nBob Roy,03/04/2021,200\n")
    plan = ki.preview_file(db, path, AUTO)
    assert plan.needs_date_order and not plan.can_commit
    with pytest.raises(ImportRejected, match="row 2, column 'Date'.*dmy or mdy"):
        ki.import_file(db, path, AUTO)
    result = ki.commit(db, plan, date_order="dmy")
    assert result.date_order == "dmy" and values(db)[("Ann Lee", "AHT", date(2021, 2, 1), date(2021, 2, 1))] == 300


def test_a_confirmed_mapping_is_saved_and_offered_for_the_same_header(db, team, tmp_path):
    text = "Who,When,Handling\nAnn Lee,2021-03-01,5\n"
    mapping = {"columns": {"Who": "agent_name", "When": "date", "Handling": {"field": "kpi:AHT", "unit": "minutes"}}}
    plan = ki.preview_file(db, csv_file(tmp_path, text), ImportOptions(mapping=mapping))
    ki.commit(db, plan, remember_mapping=True, mapping_name="WFM export")
    assert values(db) == {("Ann Lee", "AHT", D1, D1): 300}
    again = ki.preview_file(db, csv_file(tmp_path, text.replace("2021-03-01", "2021-03-02"), "next.csv"))
    assert again.mapping.source == "saved" and again.saved_mapping == "WFM export"
    assert ki.import_file(db, again.path).figures_stored == 1  # a saved mapping needs no --auto
    uuid = ki.save_mapping(db, again.path, {"columns": {"Who": "agent_name", "When": "date", "Handling": "kpi:TALK"}})
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ImportMapping)) == 1
        assert session.scalar(select(ImportMapping.uuid)) == uuid


def test_interaction_log_import_and_read_back(db, team, tmp_path):
    text = ("Call Id,Agent,Date,Answered (Y/N),Resolved,Speed of answer in seconds,Talk Duration,Satisfaction rating\n"
            "1,Ann Lee,3/13/2021,Y,Y,10,0:01:40,5\n2,Ann Lee,3/13/2021,Y,N,20,0:03:20,0\n3,Ann Lee,3/13/2021,N,N,,,0\n")
    result = ki.import_file(db, csv_file(tmp_path, text), AUTO)
    day = date(2021, 3, 13)
    stored = values(db, agent="ann lee", start=day, end=day)
    assert stored[("Ann Lee", "AHT", day, day)] == 150 and stored[("Ann Lee", "ANSWERED", day, day)] == 2
    assert stored[("Ann Lee", "FCR", day, day)] == 0.5 and stored[("Ann Lee", "CSAT", day, day)] == 1.0
    assert any("not rated" in w for w in result.warnings)
    assert values(db, start=date(2021, 3, 14)) == {}
    with pytest.raises(NotFound, match="No KPI has the code 'NOPE'"):
        list(list_figures(db, kpi="NOPE"))
    with pytest.raises(ValidationError, match="ends"):
        list(list_figures(db, start=day, end=date(2021, 1, 1)))


def test_dry_run_and_presets_list(db, team, tmp_path):
    result = ki.import_file(db, csv_file(tmp_path, DAILY), ImportOptions(auto=True, dry_run=True))
    assert result.dry_run and result.batch_uuid is None and result.figures_planned == 8 and figure_count(db) == 0
    data = json.loads(json.dumps(result.as_dict()))
    assert data["first_day"] == "2021-03-01" and data["rows_skipped"] == 2 and data["mapping"]["shape"] == "summary"
    plan = json.loads(json.dumps(ki.preview_file(db, csv_file(tmp_path, DAILY), AUTO).as_dict()))
    assert plan["figures"] == 8 and plan["unknown_people"][0]["name"] == "Someone New"
    names = [name for name, _label, _vendor in ki.list_presets()]
    assert "genesys-agent-performance" in names and "nice-cxone-call-detail" in names


def test_a_spreadsheet_imports_like_a_csv(db, team, tmp_path):
    from tests.importers.test_sniff import write_xlsx

    path = write_xlsx(tmp_path / "export.xlsx", [["Weekly export"], ["Agent", "Date", "AHT", "CSAT"],
                                                 ["Ann Lee", 44256, "0:05:00", 0.87], ["Bob Roy", 44256, 240, 0.9]])
    assert ki.sheet_names(path) == ["Agents"]
    result = ki.import_file(db, path, ImportOptions(auto=True, sheet="Agents"))
    assert result.figures_stored == 4
    with pytest.raises(ValidationError, match="no sheet named 'Nope'"):
        ki.preview_file(db, path, ImportOptions(auto=True, sheet="Nope"))
    assert values(db)[("Ann Lee", "CSAT", D1, D1)] == pytest.approx(0.87)


def test_nothing_stored_when_nobody_matches(db, tmp_path):
    result = ki.import_file(db, csv_file(tmp_path, DAILY), AUTO)
    assert result.batch_uuid is None and result.figures_stored == 0
    assert result.skipped["agent not in the database"] == 4 and len(result.unknown_people) == 4
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_a_file_unreadable_past_the_sniffed_part_is_refused(db, team, tmp_path):
    text = "Agent,Date,AHT\n" + "Ann Lee,2021-03-01,300\n" * 2 + 'Bob Roy,2021-03-01,"' + "x" * 200_000 + '"\n'
    with pytest.raises(ValidationError, match=r"export.csv: line \d+: not readable as comma-separated text"):
        ki.import_file(db, csv_file(tmp_path, text), AUTO)
    assert figure_count(db) == 0
