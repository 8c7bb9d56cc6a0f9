"""docs/team-server.md followed step by step on a fresh server database, with an owner that is not a superuser (as
the doc sets it up): moving an existing local database over, and starting a new team; then each login sees what
the access model says."""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from coachdesk.cli import main
from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.services import observation
from coachdesk.services import people as people_admin
from coachdesk.services.people import PersonInput, TeamInput
from coachdesk.storage.database import Database, sqlite_url
from tests import pg

pytestmark = pytest.mark.postgresql_only


@dataclass
class Server:
    owner_url: str
    database: str
    roles: list[str]

    def connect(self, login: str, password: str) -> psycopg.Connection:
        url = make_url(self.owner_url)
        return psycopg.connect(host=url.host, port=url.port, dbname=self.database, user=login, password=password,
                               autocommit=True)


@pytest.fixture
def server(db_engine: str) -> Iterator[Server]:  # noqa: ARG001 - skipped without a server
    """Step 1: the owner role (LOGIN CREATEROLE, no superuser) and its database, closed to PUBLIC."""
    owner, password = f"{pg.PREFIX}login_owner{secrets.token_hex(3)}", secrets.token_urlsafe(12)
    database = f"{pg.PREFIX}doc{secrets.token_hex(3)}"
    made: list[str] = [owner]
    with pg.admin() as conn:
        conn.execute(f"CREATE ROLE \"{owner}\" LOGIN CREATEROLE PASSWORD '{password}'")
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
        conn.execute(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
    url = make_url(pg.admin_url()).set(database=database, username=owner, password=password)
    try:
        yield Server(url.render_as_string(hide_password=False), database, made)
    finally:
        with pg.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in reversed(made):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _cli(args: list[str], tmp_path: Path, stdin: str | None = None, monkeypatch=None) -> str:  # noqa: ANN001
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    code = main(["--data-dir", str(tmp_path / "data"), *args], out=out)
    assert code == 0, (args, out.getvalue())
    return out.getvalue()


def _step_2(server: Server, tmp_path: Path) -> None:
    _cli(["--db-url", server.owner_url, "db", "upgrade"], tmp_path)
    with psycopg.connect(server.owner_url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        conn.execute(f'GRANT CONNECT ON DATABASE "{server.database}" TO coachdesk_user')


def _step_4(server: Server, tmp_path: Path, monkeypatch, person: str) -> tuple[str, str]:  # noqa: ANN001
    login, password = f"{pg.PREFIX}login_doc{secrets.token_hex(3)}", secrets.token_urlsafe(12)
    server.roles.insert(1, login)  # dropped before the owner
    _cli(["--db-url", server.owner_url, "db", "grant", "--login", login, "--person", person, "--password-stdin"],
         tmp_path, stdin=password + "\n", monkeypatch=monkeypatch)
    return login, password


def _names(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT display_name FROM person")}


def test_moving_a_local_database_onto_a_fresh_server(server: Server, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    local = tmp_path / "coachdesk.sqlite3"
    _cli(["--db", str(local), "people", "list"], tmp_path)  # a local file as the app makes it (seeded)
    db = Database(sqlite_url(local))
    try:
        north, south = (people_admin.create_team(db, TeamInput(n)).uuid for n in ("North", "South"))
        for name, team, role in (("Lea Leader", north, MembershipRole.LEADER), ("Ann North", north, None),
                                 ("Bob South", south, None)):
            uuid = people_admin.create_person(db, PersonInput(display_name=name)).uuid
            people_admin.add_membership(db, uuid, team, role=role or MembershipRole.MEMBER,
                                        start_date=date(2025, 1, 1))
        ann = next(p.uuid for p in people_admin.list_people(db) if p.display_name == "Ann North")
        state = observation.start_session(db, ann)
        observation.save_draft(db, state.uuid, observation.DraftNote("typed before the move"))
    finally:
        db.dispose()
    _step_2(server, tmp_path)
    out = _cli(["--db", str(local), "db", "copy", "--to", server.owner_url], tmp_path)
    assert "person" in out or "rows" in out.lower(), out
    login, password = _step_4(server, tmp_path, monkeypatch, "Lea Leader")
    with server.connect(login, password) as lea:
        assert _names(lea) == {"Lea Leader", "Ann North"}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            lea.execute("UPDATE person SET login_name = NULL WHERE display_name = 'Lea Leader'")
    # the draft typed on the local file had no server login: it stays with the owner, not shown to Lea
    with server.connect(login, password) as lea:
        assert lea.execute("SELECT count(*) FROM personal_setting").fetchone() == (0,)


def test_starting_a_new_team_on_a_fresh_server(server: Server, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    _step_2(server, tmp_path)
    owner_db = Database(server.owner_url)  # step 3: the owner opens it once and adds the manager
    try:
        _cli(["--db-url", server.owner_url, "people", "list"], tmp_path)
        mia = people_admin.create_person(owner_db, PersonInput(display_name="Mia Manager")).uuid
        people_admin.add_role(owner_db, mia, Role.OPERATIONS_MANAGER, start_date=date(2025, 1, 1))
    finally:
        owner_db.dispose()
    login, password = _step_4(server, tmp_path, monkeypatch, "Mia Manager")
    url = make_url(server.owner_url).set(username=login, password=password)
    manager = Database(url)
    try:  # the manager, on her own login, sets up a team and its leader, which a leader could not
        team = people_admin.create_team(manager, TeamInput("West")).uuid
        leo = people_admin.create_person(manager, PersonInput(display_name="Leo Leader")).uuid
        people_admin.add_membership(manager, leo, team, role=MembershipRole.LEADER, start_date=date(2025, 1, 1))
        amy = people_admin.create_person(manager, PersonInput(display_name="Amy West")).uuid
        people_admin.add_membership(manager, amy, team, start_date=date(2025, 1, 1))
    finally:
        manager.dispose()
    leo_login, leo_password = _step_4(server, tmp_path, monkeypatch, "Leo Leader")
    with server.connect(leo_login, leo_password) as leo:
        assert _names(leo) == {"Leo Leader", "Amy West", "Mia Manager"}  # people in no team: seen by all
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            leo.execute("INSERT INTO team (uuid, name, created_at, updated_at) "
                        "VALUES (gen_random_uuid(), 'Mine', now(), now())")
        assert leo.execute("SELECT count(*) FROM kpi_definition").fetchone()[0] > 0  # the catalogue, for all
