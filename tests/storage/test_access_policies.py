"""Team server access control: with plain SQL on their own connection, a leader reads and changes only their own
teams' people and records, an operations manager everything (PostgreSQL row-level security, revision 0002)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.domain.errors import CoachDeskError, ValidationError
from coachdesk.services import common
from coachdesk.services import people as people_api
from coachdesk.services.maintenance import grant_login
from coachdesk.services.people import PersonInput, TeamInput
from coachdesk.storage.database import Database
from coachdesk.storage.errors import AccessDenied
from coachdesk.storage.models import KpiDefinition, KpiFigure, Person, Recognition, Team
from tests import pg

pytestmark = pytest.mark.postgresql_only


@dataclass
class Site:
    ids: dict[str, int]  # display name -> person id
    teams: dict[str, str]  # team name -> uuid
    url: str


def _person(db: Database, name: str, team: str | None, role: MembershipRole = MembershipRole.MEMBER) -> str:
    uuid = people_api.create_person(db, PersonInput(display_name=name)).uuid
    if team:
        people_api.add_membership(db, uuid, team, role=role, start_date=date(2025, 1, 1))
    return uuid


@pytest.fixture
def site(db) -> Site:  # noqa: ANN001
    """North (led by Lea) with its sub-team North East; South (led by Sam); Mia, an operations manager in no team."""
    teams = {name: people_api.create_team(db, TeamInput(name)).uuid for name in ("North", "North East", "South")}
    with db.unit_of_work() as session:
        north_east = session.scalars(select(Team).where(Team.uuid == teams["North East"])).one()
        north_east.parent_team_id = session.scalar(select(Team.id).where(Team.uuid == teams["North"]))
    _person(db, "Lea Leader", teams["North"], MembershipRole.LEADER)
    _person(db, "Ann North", teams["North"])
    _person(db, "Eve NorthEast", teams["North East"])
    _person(db, "Sam Leader", teams["South"], MembershipRole.LEADER)
    _person(db, "Bob South", teams["South"])
    mia = _person(db, "Mia Manager", None)
    people_api.add_role(db, mia, Role.OPERATIONS_MANAGER, start_date=date(2025, 1, 1))
    with db.unit_of_work() as session:
        ids = {name: pid for name, pid in session.execute(select(Person.display_name, Person.id))}
        kpi = session.scalar(select(KpiDefinition.id).limit(1))
        for name in ("Ann North", "Eve NorthEast", "Bob South"):
            session.add(KpiFigure(person_id=ids[name], kpi_id=kpi, period_start=date(2026, 1, 5),
                                  period_end=date(2026, 1, 5), value=0.5))
            session.add(Recognition(agent_id=ids[name], title="Great call", what_they_did="Calmed a customer",
                                    recognised_on=date(2026, 1, 6)))
    return Site(ids, teams, db.url.render_as_string(hide_password=False))


def _connect(site: Site, login: str, password: str) -> psycopg.Connection:
    url = make_url(site.url)
    return psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=login, password=password,
                           autocommit=True)


@pytest.fixture
def lea(db, site):  # noqa: ANN001, ANN201
    with pg.login_role(site.url) as (login, password):
        grant_login(db, login, "Lea Leader", password)
        conn = _connect(site, login, password)
        yield conn
        conn.close()


@pytest.fixture
def mia(db, site):  # noqa: ANN001, ANN201
    with pg.login_role(site.url, create=False) as (login, password):
        granted = grant_login(db, login, "Mia Manager", password)
        assert granted.role_created
        conn = _connect(site, login, password)
        yield conn
        conn.close()


def names(conn: psycopg.Connection, query: str) -> set[str]:
    return {row[0] for row in conn.execute(query)}


def test_a_leader_reads_only_their_teams_people_and_records(site: Site, lea: psycopg.Connection) -> None:
    # their team, its sub-team, themselves, and Mia who is in no team yet; never South
    assert names(lea, "SELECT display_name FROM person") == {"Lea Leader", "Ann North", "Eve NorthEast",
                                                            "Mia Manager"}
    figures = {row[0] for row in lea.execute("SELECT person_id FROM kpi_figure")}
    assert figures == {site.ids["Ann North"], site.ids["Eve NorthEast"]}
    assert lea.execute("SELECT count(*) FROM recognition WHERE agent_id = %s", [site.ids["Bob South"]]).fetchone() \
        == (0,)
    assert lea.execute("SELECT count(*) FROM team_membership WHERE person_id = %s",
                       [site.ids["Bob South"]]).fetchone() == (0,)
    assert names(lea, "SELECT name FROM team") == {"North", "North East", "South"}  # team names are not personal


def test_a_leader_cannot_change_another_teams_rows(site: Site, lea: psycopg.Connection) -> None:
    bob, ann = site.ids["Bob South"], site.ids["Ann North"]
    assert lea.execute("UPDATE person SET notes = 'x' WHERE id = %s", [bob]).rowcount == 0
    assert lea.execute("UPDATE kpi_figure SET value = 0 WHERE person_id = %s", [bob]).rowcount == 0
    assert lea.execute("DELETE FROM recognition WHERE agent_id = %s", [bob]).rowcount == 0
    assert lea.execute("UPDATE person SET notes = 'coached' WHERE id = %s", [ann]).rowcount == 1
    kpi = lea.execute("SELECT kpi_id FROM kpi_figure LIMIT 1").fetchone()[0]
    refused = [
        ("INSERT INTO kpi_figure (person_id, kpi_id, period_start, period_end, value) "
         "VALUES (%s, %s, '2026-02-01', '2026-02-01', 1)", [bob, kpi]),
        ("INSERT INTO team_membership (uuid, person_id, team_id, role, created_at, updated_at) "
         "SELECT gen_random_uuid(), %s, id, 'member', now(), now() FROM team WHERE name = 'South'", [ann]),
        ("INSERT INTO person_role (uuid, person_id, role, created_at, updated_at) "
         "VALUES (gen_random_uuid(), %s, 'operations_manager', now(), now())", [ann]),
        ("UPDATE alembic_version SET version_num = '0001'", []),
    ]
    for statement, params in refused:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            lea.execute(statement, params)
    # what the leader did not see is untouched, as the admin (the schema owner) sees it
    with Database(site.url).engine.connect() as admin:
        assert admin.scalar(select(KpiFigure.value).where(KpiFigure.person_id == bob)) == 0.5
        assert admin.scalar(select(Person.notes).where(Person.id == bob)) is None


def test_an_operations_manager_sees_and_edits_everyone(site: Site, mia: psycopg.Connection) -> None:
    assert names(mia, "SELECT display_name FROM person") == set(site.ids)
    assert mia.execute("SELECT count(*) FROM kpi_figure").fetchone() == (3,)
    assert mia.execute("UPDATE person SET notes = 'ok' WHERE id = %s", [site.ids["Bob South"]]).rowcount == 1


def test_the_app_on_a_leaders_login_shows_and_writes_their_teams_only(db, site: Site) -> None:  # noqa: ANN001
    with pg.login_role(site.url) as (login, password):
        grant_login(db, login, "Lea Leader", password)
        url = make_url(site.url).set(username=login, password=password)
        mine = Database(url)
        try:
            assert common.signed_in_person(mine).display_name == "Lea Leader"
            assert {r.display_name for r in people_api.list_people(mine)} == {
                "Lea Leader", "Ann North", "Eve NorthEast", "Mia Manager"}
            # a new hire is created, then placed in the leader's team: both allowed
            new = people_api.create_person(mine, PersonInput(display_name="Nat New"))
            people_api.add_membership(mine, new.uuid, site.teams["North"], start_date=date(2026, 1, 1))
            # placing someone in another team is refused with a sentence, not a driver error
            other = people_api.create_person(mine, PersonInput(display_name="Pat Placed"))
            with pytest.raises(AccessDenied, match="outside your teams"):
                people_api.add_membership(mine, other.uuid, site.teams["South"], start_date=date(2026, 1, 1))
            assert "Nat New" in {r.display_name for r in people_api.list_people(mine)}
        finally:
            mine.dispose()


def test_grant_refuses_bad_logins_and_sqlite(db, site: Site, tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="--login"):
        grant_login(db, "Robert'); DROP TABLE person;--", "Bob South")
    with pg.login_role(site.url) as (login, password):
        grant_login(db, login, "Ann North", password)
        with pytest.raises(ValidationError, match="already belongs to Ann North"):
            grant_login(db, login, "Bob South")
    local = Database(f"sqlite+pysqlite:///{tmp_path / 'x.sqlite3'}")
    with pytest.raises(CoachDeskError, match="PostgreSQL team server"):
        grant_login(local, "x", "y")


def test_db_grant_command_gives_a_working_login(db, site: Site, tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from coachdesk.cli import main

    with pg.login_role(site.url, create=False) as (login, password):
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        out = io.StringIO()
        code = main(["--data-dir", str(tmp_path), "--db-url", site.url, "db", "grant", "--login", login,
                     "--person", "Sam Leader", "--password-stdin"], out=out)
        assert code == 0, capsys.readouterr().err
        assert f"Sam Leader signs in as '{login}' (role created" in out.getvalue()
        with _connect(site, login, password) as sam:
            assert names(sam, "SELECT display_name FROM person") == {"Sam Leader", "Bob South", "Mia Manager"}
    assert main(["--data-dir", str(tmp_path), "--db-url", site.url, "db", "grant", "--login", "x y",
                 "--person", "Sam Leader"]) == 2
    assert "--login" in capsys.readouterr().err


def test_a_login_mapped_to_nobody_sees_no_records(db, site: Site) -> None:  # noqa: ANN001
    from coachdesk.storage.postgres import ensure_login_role

    with pg.login_role(site.url) as (login, password):
        with db.engine.begin() as conn:
            ensure_login_role(conn, login, None)
        with _connect(site, login, password) as nobody:
            assert names(nobody, "SELECT display_name FROM person") == {"Mia Manager"}  # only people in no team
            for table in ("kpi_figure", "recognition", "team_membership", "audit_log"):
                assert nobody.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
            # a person's own details (roles, aliases, external ids) go with their person row
            assert {r[0] for r in nobody.execute("SELECT person_id FROM person_role")} == {site.ids["Mia Manager"]}


def test_the_app_keeps_each_leaders_drafts_their_own(db, site: Site) -> None:  # noqa: ANN001
    """Observation drafts, the session on screen and one-to-one editor drafts go to personal_setting under the
    leader's login: they read them back; another leader neither sees nor overwrites them."""
    from coachdesk.services import observation
    from coachdesk.services import one_to_ones as one_to_one
    from coachdesk.services.observation import DraftNote
    from coachdesk.storage.models import AuditEntry, PersonalSetting

    with pg.login_role(site.url) as (lea_login, lea_pw), pg.login_role(site.url) as (sam_login, sam_pw):
        grant_login(db, lea_login, "Lea Leader", lea_pw)
        grant_login(db, sam_login, "Sam Leader", sam_pw)
        lea = Database(make_url(site.url).set(username=lea_login, password=lea_pw))
        sam = Database(make_url(site.url).set(username=sam_login, password=sam_pw))
        try:
            ann = next(p.uuid for p in people_api.list_people(lea) if p.display_name == "Ann North")
            state = observation.start_session(lea, ann)
            observation.save_draft(lea, state.uuid, DraftNote("Lea was typing"))
            one_to_one.save_editor_draft(lea, "11111111-1111-1111-1111-111111111111", {"summary": "Lea's prep"})
            assert observation.load_session(lea, state.uuid).draft.text == "Lea was typing"
            assert observation.session_to_resume(lea).uuid == state.uuid
            assert one_to_one.editor_draft(lea, "11111111-1111-1111-1111-111111111111")["summary"] == "Lea's prep"
            # Sam: nothing of Lea's, and his own writes under the same keys stay his
            assert observation.session_to_resume(sam) is None
            assert one_to_one.editor_draft(sam, "11111111-1111-1111-1111-111111111111") is None
            one_to_one.save_editor_draft(sam, "11111111-1111-1111-1111-111111111111", {"summary": "Sam's"})
            assert one_to_one.editor_draft(lea, "11111111-1111-1111-1111-111111111111")["summary"] == "Lea's prep"
        finally:
            lea.dispose()
            sam.dispose()
        with db.session() as s:  # as the owner: one row per login, and the audit names who did it
            owners = set(s.scalars(select(PersonalSetting.owner_login)
                                   .where(PersonalSetting.key.like("one_to_one.draft.%"))))
            assert owners == {lea_login, sam_login}
            actors = set(s.scalars(select(AuditEntry.actor_name).where(AuditEntry.entity_type == "observation_session")))
            assert actors == {"Lea Leader"}


def test_a_leaders_people_list_pages_and_counts_only_whom_they_may_see(db, site: Site) -> None:  # noqa: ANN001
    """The list read a page at a time on a leader's login: its rows, its counts and a person's place come from the
    rows the server lets them read; another team's agent, even by a known UUID, is neither read nor placed."""
    from coachdesk.services.people import people_list

    bob = next(p.uuid for p in people_api.list_people(db) if p.display_name == "Bob South")
    with pg.login_role(site.url) as (login, password):
        grant_login(db, login, "Lea Leader", password)
        mine = Database(make_url(site.url).set(username=login, password=password))
        try:
            page = people_api.people_slice(mine, people_api.PeopleQuery(), 0, 2)
            assert (page.total, page.everyone) == (4, 4) and len(page.rows) == 2  # not 6: South is not hers
            reached = people_api.people_slice(mine, people_api.PeopleQuery(), 0, 2, reaching=bob)
            assert bob not in {r.uuid for r in reached.rows} and len(reached.rows) == 2
            with mine.session() as session:
                assert people_list.position(session, people_api.PeopleQuery(), bob, date.today()) == -1
            found = people_api.people_slice(mine, people_api.PeopleQuery(search="south"))
            assert (found.rows, found.total) == ((), 0)
        finally:
            mine.dispose()
    assert people_api.people_slice(db, people_api.PeopleQuery(), 0, 2).total == 6  # the owner sees everyone
