"""Directory queries: search by name, alias, e-mail and id; current team and leader; the catalogue is seeded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from coachdesk.domain.enums import MeasureKind, MembershipRole, ObjectiveStatus, Role
from coachdesk.domain.errors import Ambiguous, NotFound
from coachdesk.domain.text import name_key
from coachdesk.services.people import directory
from coachdesk.storage.models import (
    Behaviour,
    KpiDefinition,
    Objective,
    Person,
    PersonAlias,
    PersonExternalId,
    PersonRole,
    RoleKpi,
    Team,
    TeamMembership,
)

TODAY = date(2026, 11, 22)


@pytest.fixture
def people(db):  # noqa: ANN001, ANN201
    with db.unit_of_work() as s:
        north, south = Team(name="Billing North"), Team(name="Retention")
        s.add_all([north, south])
        s.flush()

        def person(name: str, role: Role, **kw) -> Person:  # noqa: ANN003
            p = Person(display_name=name, name_key=name_key(name), **kw)
            p.roles.append(PersonRole(role=role))
            s.add(p)
            s.flush()
            return p

        lead = person("Lena Fischer", Role.TEAM_LEADER)
        ana = person("Ana Núñez", Role.AGENT, email="ana@example.com")
        ana.external_ids.append(PersonExternalId(system="acd", value="A-17"))
        ana.aliases.append(PersonAlias(alias="NUNEZ, ANA", alias_key=name_key("NUNEZ, ANA")))
        left = person("Old Timer", Role.AGENT, active_to=TODAY - timedelta(days=30))
        s.add_all([
            TeamMembership(person_id=lead.id, team_id=north.id, role=MembershipRole.LEADER),
            TeamMembership(person_id=ana.id, team_id=south.id, end_date=TODAY - timedelta(days=10)),
            TeamMembership(person_id=ana.id, team_id=north.id, start_date=TODAY - timedelta(days=9)),
            TeamMembership(person_id=left.id, team_id=north.id),
        ])
        aht = s.scalar(select(KpiDefinition).where(KpiDefinition.code == "AHT"))
        s.add(Objective(person_id=ana.id, statement="Bring AHT to 5:30", measure_kind=MeasureKind.KPI,
                        kpi_id=aht.id, target_level=330, start_date=TODAY, due_date=TODAY + timedelta(days=90),
                        status=ObjectiveStatus.AGREED))
        return {"ana": ana.uuid, "lead": lead.uuid, "left": left.uuid}


def test_default_catalogue_and_framework_are_seeded(db) -> None:  # noqa: ANN001
    with db.session() as s:
        codes = set(s.scalars(select(KpiDefinition.code)))
        assert {"AHT", "FCR", "CSAT", "QA", "NPS", "ADHERENCE", "TAT", "TRT", "SALESCONV"} <= codes
        assert len(codes) >= 20
        assert s.scalar(select(func.count()).select_from(Behaviour)) == 8
        roles = set(s.scalars(select(RoleKpi.role)))
        assert set(Role) <= roles


def test_search_matches_name_alias_email_and_external_id(db, people) -> None:  # noqa: ANN001
    for text in ("nunez", "NÚÑEZ", "ana@exa", "A-17", "nunez, ana"):
        assert [r.uuid for r in directory.list_people(db, search=text, on=TODAY)] == [people["ana"]], text
    assert directory.list_people(db, search="zzz", on=TODAY) == []


def test_inactive_people_hidden_unless_asked(db, people) -> None:  # noqa: ANN001
    names = [r.display_name for r in directory.list_people(db, on=TODAY)]
    assert "Old Timer" not in names and "Ana Núñez" in names
    assert "Old Timer" in [r.display_name for r in directory.list_people(db, include_inactive=True, on=TODAY)]


def test_agent_header_shows_current_team_leader_and_objectives(db, people) -> None:  # noqa: ANN001
    header = directory.agent_header(db, people["ana"], on=TODAY)
    assert header.team == "Billing North" and header.leader == "Lena Fischer"
    assert header.roles == (Role.AGENT,)
    assert [(o.kpi_code, o.target_text) for o in header.objectives] == [("AHT", "5:30")]
    assert header.external_ids == (("acd", "A-17"),)
    earlier = directory.agent_header(db, people["ana"], on=TODAY - timedelta(days=20))
    assert earlier.team == "Retention"


def test_teams_list_counts_current_members(db, people) -> None:  # noqa: ANN001
    teams = {t.name: t for t in directory.list_teams(db, on=TODAY)}
    assert teams["Billing North"].members == 2 and teams["Billing North"].leaders == ("Lena Fischer",)
    assert teams["Retention"].members == 0


def test_resolve_person_refuses_unknown_and_ambiguous(db, people) -> None:  # noqa: ANN001
    assert directory.resolve_person(db, people["lead"]).display_name == "Lena Fischer"
    with pytest.raises(NotFound):
        directory.resolve_person(db, "Nobody")
    with db.unit_of_work() as s:
        s.add(Person(display_name="Lena Fischer", name_key=name_key("Lena Fischer")))
    with pytest.raises(Ambiguous, match="matches 2 people"):
        directory.resolve_person(db, "lena fischer")


def test_person_row_by_uuid_matches_the_list_and_refuses_a_gone_person(db, people) -> None:  # noqa: ANN001
    everyone = {r.uuid: r for r in directory.list_people(db, include_inactive=True, on=TODAY)}
    for key in ("ana", "lead", "left"):
        assert directory.person_row(db, people[key], on=TODAY) == everyone[people[key]]
    assert directory.person_row(db, people["left"], on=TODAY).is_active is False
    with pytest.raises(NotFound, match="That person is no longer in the database."):
        directory.person_row(db, "0" * 32)


def test_head_counts_match_the_lists_on_the_days_around_each_boundary(db, people) -> None:  # noqa: ANN001
    with db.unit_of_work() as s:
        leaving = Person(display_name="Last Day", name_key=name_key("Last Day"), active_to=TODAY)
        leaving.roles.append(PersonRole(role=Role.AGENT, end_date=TODAY - timedelta(days=1)))
        leaving.roles.append(PersonRole(role=Role.TEAM_LEADER, start_date=TODAY))
        s.add_all([leaving, Team(name="Closed", is_active=False)])
    expected = {TODAY - timedelta(days=1): (2, 1, 2, 3), TODAY: (1, 2, 2, 3), TODAY + timedelta(days=1): (1, 1, 2, 2)}
    for on, counts in expected.items():
        listed = directory.list_people(db, on=on)
        from_lists = (sum(Role.AGENT in r.roles for r in listed), sum(Role.TEAM_LEADER in r.roles for r in listed),
                      len(directory.list_teams(db, on=on)), len(listed))
        assert directory.head_counts(db, on=on) == from_lists == counts, on
