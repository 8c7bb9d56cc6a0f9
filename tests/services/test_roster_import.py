"""Roster import on a real temporary SQLite file: preview, all-or-nothing apply, matching and re-import."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from coachdesk.domain.enums import AuditAction, MembershipRole, Role
from coachdesk.domain.errors import ValidationError
from coachdesk.paths import app_paths
from coachdesk.services.common.store import open_store, resolve_location
from coachdesk.services.people import directory, roster_import
from coachdesk.services.people import people_admin as pa
from coachdesk.services.people.people_types import MembershipLine, PersonInput, RoleLine, TeamInput
from coachdesk.services.people.roster_import import CREATE, UNCHANGED, UPDATE, RosterRejected
from coachdesk.storage.models import AuditEntry, Person, PersonRole, Team, TeamMembership

ON = date(2025, 3, 1)


@pytest.fixture
def db(tmp_path):
    store = open_store(resolve_location(app_paths(tmp_path / "data")))
    yield store.db
    store.db.dispose()


def roster(tmp_path, text: str, name: str = "roster.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts(db) -> tuple[int, ...]:
    with db.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(m))
                     for m in (Person, Team, TeamMembership, PersonRole, AuditEntry))


GOOD = ("Agent name,Email,ACD ID,Team,Role,Start date\n"
        "Ann Lee,ann@example.com,1001,Alpha,agent,2024-01-02\n"
        "Bob Brown,bob@example.com,1002,Alpha,TL,2024-01-03\n"
        "Cleo Diaz,cleo@example.com,1003,Beta,QA,\n")


def test_preview_says_what_would_happen_and_writes_nothing(db, tmp_path):
    pa.create_team(db, TeamInput("alpha"))
    ann = pa.create_person(db, PersonInput("Ann Lee", email="ANN@example.com"))
    before = counts(db)
    preview = roster_import.preview_roster(db, roster(tmp_path, GOOD), on=ON)
    assert preview.ok and preview.problems == ()
    assert [(p.row.line, p.action) for p in preview.rows] == [(2, UPDATE), (3, CREATE), (4, CREATE)]
    assert preview.rows[0].person_uuid == ann.uuid and preview.rows[0].matched_by == "email"
    assert "acd id 1001 added" in preview.rows[0].changes
    assert preview.new_teams == ("Beta",)  # "Alpha" exists as "alpha"
    assert counts(db) == before


def test_apply_creates_people_roles_memberships_and_teams(db, tmp_path):
    result = roster_import.apply(db, roster(tmp_path, GOOD), on=ON)
    assert (result.created, result.updated, result.unchanged, result.teams_created) == (3, 0, 0, 2)
    bob = directory.resolve_person(db, "1002")
    assert (bob.display_name, bob.team, bob.roles) == ("Bob Brown", "Alpha", (Role.TEAM_LEADER,))
    detail = pa.person_detail(db, bob.uuid)
    assert detail.memberships[0].role == MembershipRole.LEADER
    assert detail.memberships[0].start_date == detail.active_from == date(2024, 1, 3)
    assert {t.name: t.leaders for t in directory.list_teams(db)} == {"Alpha": ("Bob Brown",), "Beta": ()}
    with db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)).one()
    assert entry.summary == "Roster roster.csv: 3 added, 0 updated, 2 teams added"


def test_one_bad_row_writes_nothing(db, tmp_path):
    path = roster(tmp_path, GOOD + "Dee Ek,dee@,1004,Gamma,agent,\n")
    before = counts(db)
    with pytest.raises(RosterRejected) as caught:
        roster_import.apply(db, path, on=ON)
    assert isinstance(caught.value, ValidationError)
    assert "roster.csv row 5, field email: 'dee@' is not an e-mail address" in str(caught.value)
    assert str(caught.value).startswith("roster.csv has 1 problem; nothing was imported.")
    assert [(p.row, p.field) for p in caught.value.problems] == [(5, "email")]
    assert counts(db) == before


def test_a_failure_while_writing_rolls_everything_back(db, tmp_path, monkeypatch):
    before = counts(db)
    real = pa.create_person_in
    calls = []

    def failing(session, data):
        calls.append(data.display_name)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(session, data)

    monkeypatch.setattr(roster_import, "create_person_in", failing)
    with pytest.raises(RuntimeError):
        roster_import.apply(db, roster(tmp_path, GOOD), on=ON)
    assert counts(db) == before


def test_reimport_updates_rather_than_duplicates(db, tmp_path):
    path = roster(tmp_path, GOOD)
    roster_import.apply(db, path, on=ON)
    before = counts(db)
    again = roster_import.preview_roster(db, path, on=ON)
    assert {p.action for p in again.rows} == {UNCHANGED} and again.new_teams == ()
    result = roster_import.apply(db, path, on=ON)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert counts(db)[:4] == before[:4]

    changed = roster(tmp_path, GOOD.replace("Ann Lee,ann@example.com,1001,Alpha,agent",
                                            "Ann Lee-Smith,ann.smith@example.com,1001,Beta,coach"))
    preview = roster_import.preview_roster(db, changed, on=ON)
    ann = preview.rows[0]
    assert (ann.action, ann.matched_by) == (UPDATE, "acd id")
    assert ann.changes == ("name Ann Lee → Ann Lee-Smith (old name kept as alias)",
                           "e-mail ann@example.com → ann.smith@example.com",
                           "role Agent → Coach from 1 Mar 2025", "team Alpha → Beta as coach from 1 Mar 2025")  # not ISO
    roster_import.apply(db, changed, on=ON)
    assert counts(db)[0] == before[0]
    row = directory.resolve_person(db, "Ann Lee")  # old name still finds her
    assert (row.display_name, row.email, row.team, row.roles) == ("Ann Lee-Smith", "ann.smith@example.com", "Beta",
                                                                 (Role.COACH,))
    detail = pa.person_detail(db, row.uuid)
    assert [(m.team_name, m.end_date) for m in detail.memberships] == [("Alpha", date(2025, 2, 28)), ("Beta", None)]
    assert [(r.role, r.end_date) for r in detail.roles] == [(Role.AGENT, date(2025, 2, 28)), (Role.COACH, None)]


def test_matching_by_alias_and_by_name(db, tmp_path):
    ann = pa.create_person(db, PersonInput("Ann Lee", aliases=["Annie L"]))
    bob = pa.create_person(db, PersonInput("Bob Brown"))
    preview = roster_import.preview_roster(db, roster(tmp_path, "Name\nannie l\nBOB  BROWN\nCarl\n"), on=ON)
    assert [(p.action, p.person_uuid, p.matched_by) for p in preview.rows] == [
        (UNCHANGED, ann.uuid, "name"), (UNCHANGED, bob.uuid, "name"), (CREATE, None, None)]


def test_the_rows_own_aliases_do_not_match_other_people(db, tmp_path):
    pa.create_person(db, PersonInput("Alan Lim", aliases=["AL"]))
    preview = roster_import.preview_roster(db, roster(tmp_path, "Name,Aliases\nAnn Lee,AL|Annie\n"), on=ON)
    assert preview.rows[0].action == CREATE


def test_same_name_with_a_different_id_is_someone_else(db, tmp_path):
    pa.create_person(db, PersonInput("Sam Smith", external_ids=[("acd", "1")]))
    preview = roster_import.preview_roster(db, roster(tmp_path, "Name,ACD ID\nSam Smith,2\n"), on=ON)
    assert preview.rows[0].action == CREATE


def test_ambiguous_and_conflicting_matches_are_problems(db, tmp_path):
    pa.create_person(db, PersonInput("Sam Smith", email="sam1@example.com"))
    pa.create_person(db, PersonInput("Sam Smith", email="sam2@example.com"))
    pa.create_person(db, PersonInput("Ann", external_ids=[("acd", "7")]))
    pa.create_person(db, PersonInput("Bob", email="bob@example.com"))
    text = ("Name,Email,ACD ID\nSam Smith,,\nAnn,bob@example.com,7\nAnn again,,7\n")
    preview = roster_import.preview_roster(db, roster(tmp_path, text), on=ON)
    assert not preview.ok
    assert [str(p) for p in preview.problems] == [
        "roster.csv row 2, field name: 'Sam Smith' matches 2 people (Sam Smith, Sam Smith); add an id or e-mail "
        "column to tell them apart",
        "roster.csv row 3, field email: bob@example.com belongs to Bob, but the row's id belongs to Ann",
        "roster.csv row 4, field acd id: '7' is also on row 3",
    ]


def test_end_date_deactivates_and_inactive_team_is_reactivated(db, tmp_path):
    team = pa.create_team(db, TeamInput("Alpha"))
    pa.deactivate_team(db, team.uuid, ON)
    ann = pa.create_person(db, PersonInput("Ann", email="ann@example.com",
                                           roles=[RoleLine(Role.AGENT, date(2024, 1, 1))]))
    text = "Name,Email,Team,End date\nAnn,ann@example.com,,2025-06-30\nBob,bob@example.com,alpha,\n"
    preview = roster_import.preview_roster(db, roster(tmp_path, text), on=ON)
    assert preview.reactivated_teams == ("Alpha",) and preview.new_teams == ()
    result = roster_import.apply(db, roster(tmp_path, text), on=ON)
    assert (result.teams_created, result.teams_reactivated) == (0, 1)
    detail = pa.person_detail(db, ann.uuid)
    assert detail.active_to == date(2025, 6, 30) and detail.roles[0].end_date == date(2025, 6, 30)
    assert directory.resolve_person(db, "Bob").team == "Alpha"


def test_changed_file_after_preview_is_refused(db, tmp_path):
    path = roster(tmp_path, GOOD)
    preview = roster_import.preview_roster(db, path, on=ON)
    path.write_text(GOOD + "Dee,dee@example.com,,,,\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="changed after it was previewed"):
        roster_import.apply(db, path, on=ON, expected_fingerprint=preview.fingerprint)
    assert counts(db)[0] == 0


def test_date_order_argument_reaches_the_parser(db, tmp_path):
    path = roster(tmp_path, "Name,Start date\nAnn,03/04/2024\n")
    with pytest.raises(RosterRejected, match="could be 3 April 2024 or 4 March 2024"):
        roster_import.apply(db, path, on=ON)
    roster_import.apply(db, path, date_order="dmy", on=ON)
    assert pa.person_detail(db, directory.resolve_person(db, "Ann").uuid).active_from == date(2024, 4, 3)


def test_existing_memberships_from_the_dialog_are_respected(db, tmp_path):
    alpha = pa.create_team(db, TeamInput("Alpha"))
    ann = pa.create_person(db, PersonInput("Ann", memberships=[MembershipLine(alpha.uuid, start_date=date(2024, 1, 1),
                                                                             team_name="Alpha")]))
    preview = roster_import.preview_roster(db, roster(tmp_path, "Name,Team\nAnn,ALPHA\n"), on=ON)
    assert preview.rows[0].action == UNCHANGED and preview.rows[0].person_uuid == ann.uuid


def test_a_rule_broken_only_against_stored_data_is_reported_against_its_row(db, tmp_path):
    pa.create_person(db, PersonInput("Ann", email="ann@example.com", active_from=date(2025, 1, 1)))
    before = counts(db)
    path = roster(tmp_path, "Name,Email,End date\nBob,bob@example.com,\nAnn,ann@example.com,2024-06-30\n")
    with pytest.raises(RosterRejected) as caught:
        roster_import.apply(db, path, on=ON)
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "active to")]
    assert "roster.csv row 3, field active to: Active to: the end date 30 Jun 2024 is before the start date" in str(
        caught.value)
    assert counts(db) == before
