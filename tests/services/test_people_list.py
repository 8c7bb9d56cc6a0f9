"""People lists a page at a time: the database sorts and filters as the list models did, pages neither repeat nor
skip a row, the counts are the list's, and a chosen person's page is reached."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.domain.text import name_key
from coachdesk.services.people import directory, people_list
from coachdesk.services.people.people_list import EMAIL, NAME, ROLES, STATUS, TEAM, PeopleQuery, people_slice
from coachdesk.storage.models import Person, PersonAlias, PersonRole, Team, TeamMembership

TODAY = date(2026, 11, 22)
_ROLE_ORDER = list(Role)


@pytest.fixture
def crowd(db):  # noqa: ANN001, ANN201
    """Eleven people: two teams (one name with upper case), leaders, coaches, people with no team or no role, an
    inactive agent, same names twice, e-mails in mixed case and missing."""
    with db.unit_of_work() as s:
        billing, retention = Team(name="billing"), Team(name="Retention")
        s.add_all([billing, retention])
        s.flush()

        def person(name: str, roles: tuple[Role, ...], team: Team | None = None, as_: MembershipRole =
                   MembershipRole.MEMBER, **kw) -> Person:  # noqa: ANN003
            p = Person(display_name=name, name_key=name_key(name), **kw)
            for role in roles:
                p.roles.append(PersonRole(role=role))
            s.add(p)
            s.flush()
            if team is not None:
                s.add(TeamMembership(person_id=p.id, team_id=team.id, role=as_))
            return p

        person("Zoë Adams", (Role.AGENT,), retention, email="zoe@Example.com")
        person("Ben Carter", (Role.AGENT,), billing, email="ben@example.com")
        person("ana núñez", (Role.AGENT,), billing)
        person("Carla Diaz", (Role.TEAM_LEADER,), billing, MembershipRole.LEADER, email="Carla@example.com")
        person("Dev Patel", (Role.COACH, Role.AGENT), retention)
        person("Eve Stone", (Role.OPERATIONS_MANAGER,))
        person("Finn Roe", ())
        person("Ben Carter", (Role.AGENT,), retention, email="ben2@example.com")
        gone = person("Gil Old", (Role.AGENT,), billing, active_to=TODAY - timedelta(days=3))
        hana = person("Hana Ito", (Role.AGENT,), retention)
        hana.aliases.append(PersonAlias(alias="ITO, HANA", alias_key=name_key("ITO, HANA")))
        person("Ivo Lenz", (Role.QUALITY_SPECIALIST, Role.TEAM_LEADER), retention, MembershipRole.LEADER)
        return {"gone": gone.uuid, "hana": hana.uuid}


def _everything(db, query: PeopleQuery, size: int) -> list:  # noqa: ANN001
    """The whole list read ``size`` rows at a time."""
    rows, offset = [], 0
    while True:
        page = people_slice(db, query, offset, size, on=TODAY)
        assert page.offset == offset
        rows += page.rows
        if not page.rows:
            return rows
        assert len(page.rows) <= size
        offset = page.end


# the models' own sort keys (people_models.PeopleModel), to compare the database's order with
def _model_key(sort: str):  # noqa: ANN202
    return {
        NAME: lambda r: name_key(r.display_name),
        TEAM: lambda r: (0 if r.team else 1, (r.team or "").lower(), name_key(r.display_name)),
        ROLES: lambda r: (min((_ROLE_ORDER.index(x) for x in r.roles), default=len(_ROLE_ORDER)),
                          name_key(r.display_name)),
        EMAIL: lambda r: (r.email or "").lower(),
        STATUS: lambda r: (not r.is_active, name_key(r.display_name)),
    }[sort]


@pytest.mark.parametrize("sort", [NAME, TEAM, ROLES, EMAIL, STATUS])
@pytest.mark.parametrize("descending", [False, True])
def test_pages_in_every_sort_join_up_to_the_list_the_model_would_sort(db, crowd, sort, descending) -> None:  # noqa: ANN001
    query = PeopleQuery(include_inactive=True, sort=sort, descending=descending)
    rows = _everything(db, query, size=3)
    everyone = directory.list_people(db, include_inactive=True, on=TODAY)
    assert sorted(r.uuid for r in rows) == sorted(r.uuid for r in everyone)  # none repeated, none skipped
    keys = [_model_key(sort)(r) for r in rows]
    assert keys == sorted(keys, reverse=descending)
    assert keys[0] != keys[-1]  # the sort had something to do


def test_rows_that_sort_alike_keep_one_order_whatever_the_direction(db, crowd) -> None:  # noqa: ANN001
    up = [r.uuid for r in _everything(db, PeopleQuery(sort=NAME), 2) if r.display_name == "Ben Carter"]
    down = [r.uuid for r in _everything(db, PeopleQuery(sort=NAME, descending=True), 2)
            if r.display_name == "Ben Carter"]
    assert len(up) == 2 and up == down  # the id breaks the tie, ascending both ways (a stable sort's order)


def test_filters_and_counts_are_the_lists(db, crowd) -> None:  # noqa: ANN001
    agents = people_slice(db, PeopleQuery(roles=frozenset({Role.AGENT})), 0, 2, on=TODAY)
    assert [r.display_name for r in agents.rows] == ["ana núñez", "Ben Carter"]
    assert (agents.total, agents.everyone) == (6, 10)  # Gil has left; everyone active, any role
    assert all(Role.AGENT in r.roles for r in _everything(db, agents.query, 2))
    found = people_slice(db, PeopleQuery(search="ito, h"), on=TODAY)  # an alias
    assert [r.uuid for r in found.rows] == [crowd["hana"]] and (found.total, found.everyone) == (1, 10)
    assert people_slice(db, PeopleQuery(search="EXAMPLE.COM"), on=TODAY).total == 4  # e-mail, any case
    assert [r.display_name for r in people_slice(db, PeopleQuery(search="nunez"), on=TODAY).rows] == ["ana núñez"]
    with_gone = people_slice(db, PeopleQuery(include_inactive=True), 0, 50, on=TODAY)
    assert (with_gone.total, with_gone.everyone) == (11, 11) and crowd["gone"] in {r.uuid for r in with_gone.rows}
    billing_uuid = next(t.uuid for t in directory.list_teams(db) if t.name == "billing")
    team = people_slice(db, PeopleQuery(team_uuid=billing_uuid, search="ben"), on=TODAY)
    assert [r.team for r in team.rows] == ["billing"] and (team.total, team.everyone) == (1, 3)
    assert people_slice(db, PeopleQuery(search="nobody at all"), on=TODAY).rows == ()
    # the total when the page is full (counted), short (its rows end the list) or past the end (counted again)
    assert [people_slice(db, PeopleQuery(), offset, 4, on=TODAY).total for offset in (0, 8, 10, 30)] == [10] * 4


def test_the_list_as_a_whole_is_list_people(db, crowd) -> None:  # noqa: ANN001
    """Name order and one agent's row: the same ``PersonRow`` values the list read whole gave."""
    assert list(people_slice(db, PeopleQuery(), 0, 100, on=TODAY).rows) == directory.list_people(db, on=TODAY)


@pytest.mark.parametrize(("limit", "rows"), [(7, 8), (8, 8), (9, 9)])
def test_reaching_a_person_reads_as_far_as_their_row_and_no_further(db, crowd, limit, rows) -> None:  # noqa: ANN001
    """Hana is the 8th by name (index 7): a page of 7 stretches to 8 rows to hold her; 8 or 9 are not changed."""
    query = PeopleQuery()
    names = [r.display_name for r in people_slice(db, query, 0, 100, on=TODAY).rows]
    assert names.index("Hana Ito") == 7 and len(names) == 10
    reached = people_slice(db, query, 0, limit, reaching=crowd["hana"], on=TODAY)
    assert len(reached.rows) == rows and reached.rows[7].uuid == crowd["hana"]
    assert len(people_slice(db, query, 0, limit, reaching=crowd["gone"], on=TODAY).rows) == limit  # not listed
    later = people_slice(db, query, 3, 2, reaching=crowd["hana"], on=TODAY)  # from row 3: five rows to hers
    assert (later.offset, len(later.rows), later.rows[-1].uuid) == (3, 5, crowd["hana"])


def test_a_position_is_counted_by_the_database_and_minus_one_for_someone_not_listed(db, crowd) -> None:  # noqa: ANN001
    with db.session() as session:
        assert people_list.position(session, PeopleQuery(), crowd["hana"], TODAY) == 7
        assert people_list.position(session, PeopleQuery(descending=True), crowd["hana"], TODAY) == 2
        assert people_list.position(session, PeopleQuery(), crowd["gone"], TODAY) == -1  # inactive
        assert people_list.position(session, PeopleQuery(include_inactive=True), crowd["gone"], TODAY) == 7
