"""People and teams write side on a real temporary SQLite file: validation, versions, history, uniqueness, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from coachdesk.domain.enums import AuditAction, MembershipRole, Role
from coachdesk.domain.errors import CoachDeskError, NotFound, ValidationError
from coachdesk.paths import app_paths
from coachdesk.services.common.store import open_store, resolve_location
from coachdesk.services.people import directory
from coachdesk.services.people import people_admin as pa
from coachdesk.services.people.people_types import (
    EditConflict,
    InvalidField,
    MembershipLine,
    PersonInput,
    RoleLine,
    TeamInput,
)
from coachdesk.storage.models import AuditEntry, Person, PersonAlias, Team


@pytest.fixture
def db(tmp_path):
    store = open_store(resolve_location(app_paths(tmp_path)))
    yield store.db
    store.db.dispose()


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def audit_summaries(db) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(AuditEntry.summary).order_by(AuditEntry.id)))


# -- people ---------------------------------------------------------------------------------------------------------

def test_create_person_returns_row_keeps_keys_and_audits(db):
    row = pa.create_person(db, PersonInput("  José   Núñez ", given_name="José", email="jose@example.com",
                                           external_ids=[("ACD", " 1001 ")], aliases=["Pepe", "Jose Nunez", "pepe"]))
    assert row.display_name == "José Núñez"
    assert row.email == "jose@example.com" and row.is_active
    detail = pa.person_detail(db, row.uuid)
    assert detail.external_ids == (("acd", "1001"),)
    assert detail.aliases == ("Pepe",)  # a spelling equal to the name folded, and repeats, are not kept
    with db.session() as session:
        assert session.scalar(select(Person.name_key).where(Person.uuid == row.uuid)) == "jose nunez"
        assert session.scalar(select(PersonAlias.alias_key)) == "pepe"
    assert directory.resolve_person(db, "JOSE NUNEZ").uuid == row.uuid
    assert directory.resolve_person(db, "pepe").uuid == row.uuid
    assert directory.resolve_person(db, "1001").uuid == row.uuid
    assert audit_summaries(db) == ["Person 'José Núñez' added"]


@pytest.mark.parametrize(("data", "field", "words"), [
    (PersonInput("   "), "display_name", "Display name: this cannot be empty"),
    (PersonInput("Ann", email="bob@"), "email", "'bob@' is not an e-mail address"),
    (PersonInput("Ann", email="ann smith@example.com"), "email", "is not an e-mail address"),
    (PersonInput("Ann", active_from=date(2024, 5, 1), active_to=date(2024, 4, 1)), "active_to",
     "the end date 1 Apr 2024 is before the start date 1 May 2024"),
    (PersonInput("Ann", one_to_one_cadence_days=0), "cadence", "from 1 to"),
    (PersonInput("A" * 201), "display_name", "too long"),
    (PersonInput("Ann", roles=[RoleLine(Role.AGENT, date(2024, 2, 1), date(2024, 1, 1))]), "roles",
     "Roles: Agent: the end date"),
    (PersonInput("Ann", roles=[RoleLine(Role.AGENT, date(2024, 1, 1)), RoleLine(Role.AGENT, date(2024, 6, 1))]),
     "roles", "listed twice for overlapping periods"),
    (PersonInput("Ann", external_ids=[("acd", "1"), ("ACD", "1")]), "external_ids", "listed twice"),
    (PersonInput("Ann", external_ids=[("", "1")]), "external_ids", "the system"),
])
def test_validation_names_field_and_reason_and_saves_nothing(db, data, field, words):
    with pytest.raises(InvalidField) as caught:
        pa.create_person(db, data)
    assert caught.value.field == field
    assert words in str(caught.value)
    assert isinstance(caught.value, ValidationError)
    assert count(db, Person) == 0
    assert count(db, AuditEntry) == 0


def test_email_is_unique_ignoring_case(db):
    pa.create_person(db, PersonInput("Ann", email="ann@example.com"))
    with pytest.raises(InvalidField, match="already used by Ann"):
        pa.create_person(db, PersonInput("Other Ann", email="ANN@example.com"))
    assert count(db, Person) == 1


def test_update_replaces_form_and_keeps_name_key_in_sync(db):
    row = pa.create_person(db, PersonInput("Ann Lee", aliases=["Annie"], external_ids=[("acd", "7")]))
    detail = pa.person_detail(db, row.uuid)
    data = detail.to_input()
    data.display_name = "Anne Lee-Smith"
    data.aliases = ["Ann Lee"]
    data.external_ids = [("payroll", "P-7")]
    updated = pa.update_person(db, row.uuid, data, detail.version)
    assert updated.display_name == "Anne Lee-Smith"
    after = pa.person_detail(db, row.uuid)
    assert after.version > detail.version
    assert after.aliases == ("Ann Lee",) and after.external_ids == (("payroll", "P-7"),)
    assert directory.resolve_person(db, "anne lee-smith").uuid == row.uuid
    with pytest.raises(NotFound):
        directory.resolve_person(db, "Annie")
    assert audit_summaries(db)[-1] == "Person 'Anne Lee-Smith' edited"


def test_update_with_an_old_version_is_refused_as_changed_by_someone_else(db):
    row = pa.create_person(db, PersonInput("Ann"))
    mine = pa.person_detail(db, row.uuid)
    theirs = pa.person_detail(db, row.uuid)
    first = theirs.to_input()
    first.email = "theirs@example.com"
    pa.update_person(db, row.uuid, first, theirs.version)
    second = mine.to_input()
    second.notes = "mine"
    with pytest.raises(EditConflict, match="changed by someone else") as caught:
        pa.update_person(db, row.uuid, second, mine.version)
    assert isinstance(caught.value, CoachDeskError)
    stored = pa.person_detail(db, row.uuid)
    assert stored.email == "theirs@example.com" and stored.notes is None


def test_changes_to_roles_or_aliases_also_bump_the_version(db):
    row = pa.create_person(db, PersonInput("Ann"))
    before = pa.person_detail(db, row.uuid)
    pa.add_alias(db, row.uuid, "Annie")
    with pytest.raises(EditConflict):
        pa.update_person(db, row.uuid, before.to_input(), before.version)


def test_update_syncs_roles_and_memberships_from_the_form(db):
    alpha = pa.create_team(db, TeamInput("Alpha"))
    row = pa.create_person(db, PersonInput("Ann", roles=[RoleLine(Role.AGENT, date(2024, 1, 1))], memberships=[
        MembershipLine(alpha.uuid, MembershipRole.MEMBER, date(2024, 1, 1), team_name="Alpha")]))
    detail = pa.person_detail(db, row.uuid)
    data = detail.to_input()
    data.roles = [RoleLine(Role.AGENT, date(2024, 1, 1), date(2024, 6, 30), detail.roles[0].uuid),
                  RoleLine(Role.TEAM_LEADER, date(2024, 7, 1))]
    data.memberships = []
    pa.update_person(db, row.uuid, data, detail.version)
    after = pa.person_detail(db, row.uuid)
    assert [(r.role, r.end_date) for r in after.roles] == [(Role.AGENT, date(2024, 6, 30)), (Role.TEAM_LEADER, None)]
    assert after.memberships == ()


def test_member_of_two_teams_at_once_is_refused(db):
    alpha, beta = pa.create_team(db, TeamInput("Alpha")), pa.create_team(db, TeamInput("Beta"))
    row = pa.create_person(db, PersonInput("Ann"))
    pa.add_membership(db, row.uuid, alpha.uuid, start_date=date(2024, 1, 1))
    with pytest.raises(InvalidField, match="member of one team at a time.*Move to team"):
        pa.add_membership(db, row.uuid, beta.uuid, start_date=date(2024, 3, 1))
    pa.add_membership(db, row.uuid, beta.uuid, MembershipRole.LEADER, date(2024, 3, 1))  # leading is fine


def test_move_to_team_ends_the_old_membership_the_day_before(db):
    alpha, beta = pa.create_team(db, TeamInput("Alpha")), pa.create_team(db, TeamInput("Beta"))
    row = pa.create_person(db, PersonInput("Ann"))
    pa.add_membership(db, row.uuid, alpha.uuid, start_date=date(2024, 1, 1))
    pa.move_to_team(db, row.uuid, beta.uuid, date(2024, 6, 1))
    lines = pa.person_detail(db, row.uuid).memberships
    assert [(m.team_name, m.start_date, m.end_date) for m in lines] == [
        ("Alpha", date(2024, 1, 1), date(2024, 5, 31)), ("Beta", date(2024, 6, 1), None)]
    assert directory.agent_header(db, row.uuid, on=date(2024, 5, 31)).team == "Alpha"
    assert directory.agent_header(db, row.uuid, on=date(2024, 6, 1)).team == "Beta"
    with pytest.raises(InvalidField, match="already in Beta"):
        pa.move_to_team(db, row.uuid, beta.uuid, date(2024, 7, 1))


def test_deactivate_person_ends_open_roles_and_memberships(db):
    alpha = pa.create_team(db, TeamInput("Alpha"))
    row = pa.create_person(db, PersonInput("Ann"))
    pa.add_role(db, row.uuid, Role.AGENT, date(2024, 1, 1))
    pa.add_role(db, row.uuid, Role.COACH, date(2025, 1, 1))  # starts after the leaving date: dropped
    pa.add_membership(db, row.uuid, alpha.uuid, start_date=date(2024, 1, 1))
    result = pa.deactivate_person(db, row.uuid, date(2024, 9, 30))
    assert not result.is_active
    detail = pa.person_detail(db, row.uuid)
    assert detail.active_to == date(2024, 9, 30)
    assert [(r.role, r.end_date) for r in detail.roles] == [(Role.AGENT, date(2024, 9, 30))]
    assert [m.end_date for m in detail.memberships] == [date(2024, 9, 30)]
    assert row.uuid not in {p.uuid for p in directory.list_people(db)}
    assert row.uuid in {p.uuid for p in directory.list_people(db, include_inactive=True)}


def test_roles_over_time(db):
    row = pa.create_person(db, PersonInput("Ann"))
    role_uuid = pa.add_role(db, row.uuid, Role.AGENT, date(2024, 1, 1))
    with pytest.raises(InvalidField, match="overlapping"):
        pa.add_role(db, row.uuid, Role.AGENT, date(2024, 3, 1))
    with pytest.raises(InvalidField, match="before the start date"):
        pa.end_role(db, role_uuid, date(2023, 12, 31))
    pa.end_role(db, role_uuid, date(2024, 2, 29))
    pa.add_role(db, row.uuid, Role.AGENT, date(2024, 3, 1))
    assert directory.agent_header(db, row.uuid, on=date(2024, 2, 1)).roles == (Role.AGENT,)
    with pytest.raises(NotFound):
        pa.end_role(db, "no-such-uuid", date(2024, 1, 1))


def test_alias_uniqueness_messages(db):
    row = pa.create_person(db, PersonInput("Ann Lee"))
    pa.add_alias(db, row.uuid, "Annie")
    with pytest.raises(InvalidField, match="Ann Lee already has the alias 'ANNIE'"):
        pa.add_alias(db, row.uuid, "ANNIE")
    with pytest.raises(InvalidField, match="already Ann Lee's name"):
        pa.add_alias(db, row.uuid, "ann  lee")
    pa.remove_alias(db, row.uuid, "annie")
    assert pa.person_detail(db, row.uuid).aliases == ()
    with pytest.raises(NotFound, match="has no alias"):
        pa.remove_alias(db, row.uuid, "annie")


def test_external_id_unique_per_system_names_the_other_person(db):
    ann = pa.create_person(db, PersonInput("Ann", external_ids=[("acd", "1001")]))
    bob = pa.create_person(db, PersonInput("Bob"))
    with pytest.raises(InvalidField, match="acd id '1001' already belongs to Ann"):
        pa.add_external_id(db, bob.uuid, " ACD ", "1001")
    with pytest.raises(InvalidField, match="already belongs to Ann"):
        pa.create_person(db, PersonInput("Carl", external_ids=[("acd", "1001")]))
    assert count(db, Person) == 2  # nothing saved half-way
    pa.add_external_id(db, bob.uuid, "payroll", "1001")  # same value, other system: fine
    pa.remove_external_id(db, ann.uuid, "ACD", "1001")
    pa.add_external_id(db, bob.uuid, "acd", "1001")
    assert directory.agent_header(db, bob.uuid).external_ids == (("acd", "1001"), ("payroll", "1001"))


def test_teams_create_rename_deactivate(db):
    team = pa.create_team(db, TeamInput(" Billing  North ", "Billing calls", 14))
    assert team.name == "Billing North" and team.is_active
    with pytest.raises(InvalidField, match="a team called 'Billing North' already exists"):
        pa.create_team(db, TeamInput("billing north"))
    with pytest.raises(InvalidField, match="Team name: this cannot be empty"):
        pa.create_team(db, TeamInput(" "))
    renamed = pa.rename_team(db, team.uuid, "Billing N")
    assert renamed.name == "Billing N"
    assert pa.rename_team(db, team.uuid, "Billing N").name == "Billing N"  # same name again is fine
    stale = pa.team_detail(db, team.uuid)
    pa.update_team(db, team.uuid, TeamInput("Billing 1"), stale.version)
    with pytest.raises(EditConflict):
        pa.update_team(db, team.uuid, TeamInput("Billing 2"), stale.version)
    ann = pa.create_person(db, PersonInput("Ann"))
    pa.add_membership(db, ann.uuid, team.uuid, start_date=date(2024, 1, 1))
    gone = pa.deactivate_team(db, team.uuid, on=date(2024, 12, 31))
    assert not gone.is_active
    assert pa.person_detail(db, ann.uuid).memberships[0].end_date == date(2024, 12, 31)
    assert team.uuid not in {t.uuid for t in directory.list_teams(db)}
    with pytest.raises(InvalidField, match="inactive"):
        pa.add_membership(db, ann.uuid, team.uuid, start_date=date(2025, 1, 1))
    with pytest.raises(InvalidField, match=r"'Billing 1' \(inactive\) already exists"):
        pa.create_team(db, TeamInput("Billing 1"))
    assert pa.reactivate_team(db, team.uuid).is_active
    assert count(db, Team) == 1


def test_every_change_is_audited(db):
    team = pa.create_team(db, TeamInput("Alpha"))
    row = pa.create_person(db, PersonInput("Ann"))
    pa.add_membership(db, row.uuid, team.uuid, start_date=date(2024, 1, 1))
    pa.add_external_id(db, row.uuid, "acd", "1")
    pa.deactivate_person(db, row.uuid, date(2024, 6, 30))
    with db.session() as session:
        entries = session.execute(select(AuditEntry.action, AuditEntry.entity_type)).all()
    assert entries == [(AuditAction.CREATE, "team"), (AuditAction.CREATE, "person"), (AuditAction.UPDATE, "person"),
                       (AuditAction.UPDATE, "person"), (AuditAction.UPDATE, "person")]


def test_unknown_person_is_not_found(db):
    with pytest.raises(NotFound):
        pa.update_person(db, "nobody", PersonInput("X"), 1)
    with pytest.raises(NotFound):
        pa.person_detail(db, "nobody")
