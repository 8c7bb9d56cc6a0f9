"""Attacks on the team server's access model (revision 0004) by a hostile team leader with plain SQL on their own
login: each is refused or finds nothing, and afterwards the owner sees every table exactly as before and the
attacker's output (rows, notices, errors) names nobody and nothing outside their teams.

To prove the tests can fail, run them with ``COACHDESK_ATTACK_REVISION=0002``: the site is then built on the old
access model (migrated down before the data goes in), and the attacks the issue lists get through.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from coachdesk.domain.enums import AuditAction, GoalLevel, MembershipRole, Role
from coachdesk.services import people as people_admin
from coachdesk.services.common import Location, open_store
from coachdesk.services.maintenance import grant_login
from coachdesk.services.people import PersonInput, TeamInput
from coachdesk.storage.models import (
    Amendment,
    AuditEntry,
    Feedback,
    Goal,
    ImportBatch,
    KpiDefinition,
    KpiFigure,
    Person,
    PersonalSetting,
    Setting,
    Team,
)
from tests import pg

pytestmark = pytest.mark.postgresql_only

#: what Lea must never see: the people of South and what is written about them, and Sam's draft
SECRETS = ("Bob South", "Sam Leader", "EXT-BOB-7", "SECRET-SOUTH-FEEDBACK", "SAM-DRAFT-TEXT", "AMEND-SECRET",
           "bob@south.example")
REVISION = os.environ.get("COACHDESK_ATTACK_REVISION")


@dataclass
class Site:
    url: str
    ids: dict[str, int]
    teams: dict[str, int]
    logins: dict[str, tuple[str, str]]  # display name -> (login, password)
    batch_shared: int = 0
    sam_draft_key: str = ""
    bob_feedback_uuid: str = ""
    kpi: int = 0
    extra: dict = field(default_factory=dict)

    def connect(self, who: str = "Lea Leader") -> psycopg.Connection:
        login, password = self.logins[who]
        url = make_url(self.url)
        return psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=login, password=password,
                               autocommit=True)


def _add(db, name: str, team: str | None, role: MembershipRole = MembershipRole.MEMBER,  # noqa: ANN001
         email: str | None = None) -> str:
    uuid = people_admin.create_person(db, PersonInput(display_name=name, email=email)).uuid
    if team:
        people_admin.add_membership(db, uuid, team, role=role, start_date=date(2025, 1, 1))
    return uuid


def _build(db, url: str, logins: dict[str, tuple[str, str]]) -> Site:  # noqa: ANN001
    """North (Lea) with sub-team North East; South (Sam); Cora coaches North and South; Mia manages, in no team."""
    teams = {name: people_admin.create_team(db, TeamInput(name)).uuid for name in ("North", "North East", "South")}
    with db.unit_of_work() as session:
        north_east = session.scalars(select(Team).where(Team.uuid == teams["North East"])).one()
        north_east.parent_team_id = session.scalar(select(Team.id).where(Team.uuid == teams["North"]))
    _add(db, "Lea Leader", teams["North"], MembershipRole.LEADER)
    _add(db, "Ann North", teams["North"])
    _add(db, "Eve NorthEast", teams["North East"])
    _add(db, "Sam Leader", teams["South"], MembershipRole.LEADER)
    bob = _add(db, "Bob South", teams["South"], email="bob@south.example")
    cora = _add(db, "Cora Coach", teams["North"], MembershipRole.COACH)
    people_admin.add_membership(db, cora, teams["South"], role=MembershipRole.COACH, start_date=date(2025, 1, 1))
    people_admin.add_external_id(db, bob, "hr", "EXT-BOB-7")
    mia = _add(db, "Mia Manager", None)
    people_admin.add_role(db, mia, Role.OPERATIONS_MANAGER, start_date=date(2025, 1, 1))
    for name, (login, password) in logins.items():
        grant_login(db, login, name, password)
    now = datetime(2026, 1, 6, 9, tzinfo=UTC)
    with db.unit_of_work() as session:
        ids = dict(session.execute(select(Person.display_name, Person.id)).all())
        team_ids = dict(session.execute(select(Team.name, Team.id)).all())
        kpi = session.scalar(select(KpiDefinition.id).order_by(KpiDefinition.id).limit(1))
        shared = ImportBatch(file_name="north-and-south.csv", imported_by_id=ids["Sam Leader"])
        session.add(shared)
        session.flush()
        for name in ("Ann North", "Eve NorthEast", "Bob South"):
            session.add(KpiFigure(person_id=ids[name], kpi_id=kpi, period_start=date(2026, 1, 5),
                                  period_end=date(2026, 1, 5), value=0.5, batch_id=shared.id))
        feedback = Feedback(agent_id=ids["Bob South"], coach_id=ids["Cora Coach"], went_well="SECRET-SOUTH-FEEDBACK",
                            team_id=team_ids["South"], delivered_at=now)
        session.add(feedback)
        session.add(Feedback(agent_id=ids["Ann North"], coach_id=ids["Lea Leader"], went_well="Good north call",
                             team_id=team_ids["North"], delivered_at=now))
        session.flush()
        session.add(Amendment(record_type="feedback", record_uuid=feedback.uuid, field="went_well", old_value="x",
                              new_value="y", reason="AMEND-SECRET", author_id=ids["Cora Coach"], amended_at=now))
        session.add(Goal(level=GoalLevel.ORGANISATION, title="Delight customers"))
        session.add(Goal(level=GoalLevel.TEAM, title="South goal", team_id=team_ids["South"]))
        session.add(Setting(key="org.name", value_json=json.dumps("Acme Contact")))
        sam_key = "one_to_one.draft.00000000-0000-0000-0000-000000000001"
        draft = json.dumps({"summary": "SAM-DRAFT-TEXT"})
        if REVISION:  # before 0004 drafts lived in the shared table
            session.add(Setting(key=sam_key, value_json=draft))
        else:
            session.add(PersonalSetting(owner_login=logins["Sam Leader"][0], key=sam_key, value_json=draft))
        session.add(AuditEntry(at=now, actor_id=ids["Sam Leader"], action=AuditAction.UPDATE, entity_type="person",
                               entity_uuid=bob, summary="Sam edited Bob South"))
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")  # statistics exist, so pg_stats has something it must not show
    return Site(url, ids, team_ids, logins, shared.id, sam_key, feedback.uuid, kpi)


class Sites:
    """One site shared by the module's tests, rebuilt after an attack that changed it (so that on an access model
    that lets attacks through, as 0002 did, each attack still meets an intact site)."""

    def __init__(self, stack: ExitStack) -> None:
        self.stack = stack
        self.current: Site | None = None
        self.dirty = False

    def get(self) -> Site:
        if self.current is None or self.dirty:
            self.current, self.dirty = self._new(), False
        return self.current

    def _new(self) -> Site:
        url = self.stack.enter_context(pg.fresh_database())
        logins = {name: self.stack.enter_context(pg.login_role(url))
                  for name in ("Lea Leader", "Sam Leader", "Mia Manager")}
        db = open_store(Location(url=url, path=None)).db
        self.stack.callback(db.dispose)
        if REVISION:
            from alembic import command

            from coachdesk.storage.migrate import alembic_config

            with db.engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, REVISION)
        return _build(db, url, logins)


@pytest.fixture(scope="module")
def sites() -> Iterator[Sites]:
    if not pg.admin_url():
        pytest.skip(pg.SKIP_REASON)
    with ExitStack() as stack:
        yield Sites(stack)


@pytest.fixture
def site(sites: Sites) -> Site:
    return sites.get()


def snapshot(site: Site) -> dict[str, list[str]]:
    """Every row of every table, as the owner sees it."""
    url = make_url(site.url)
    with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=url.username,
                         password=url.password) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                             "ORDER BY tablename")]
        return {t: sorted(r[0] for r in conn.execute(f"SELECT to_jsonb(t)::text FROM {t} t")) for t in tables}


class Attempt:
    """An attacker's session: every row, notice and error message they got back is kept to be searched."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.seen: list[str] = []
        self.refused = 0
        self.states: list[str] = []
        conn.add_notice_handler(lambda d: self.seen.append(f"notice: {d.message_primary} {d.message_detail}"))

    def sql(self, statement: str, params: object = None) -> list[tuple]:
        """Run one statement; a refusal is recorded (with its full text), never raised."""
        try:
            with self.conn.transaction():
                cursor = self.conn.execute(statement, params)
                rows = cursor.fetchall() if cursor.description else []
                self.seen.append(repr(rows))
                self.seen.append(f"rowcount {cursor.rowcount}")
                return rows
        except psycopg.Error as exc:
            self.refused += 1
            self.states.append(exc.sqlstate or "")
            diag = exc.diag
            self.seen.append(f"error: {exc} {diag.message_detail} {diag.message_hint} {diag.context}")
            return []

    def text(self) -> str:
        return "\n".join(self.seen)


Attack = Callable[[Attempt, Site], None]
ATTACKS: dict[str, Attack] = {}


def attack(fn: Attack) -> Attack:
    ATTACKS[fn.__name__] = fn
    return fn


# -- the routes in the issue --------------------------------------------------------------------------------------

@attack
def take_over_a_visible_coachs_login(a: Attempt, s: Site) -> None:
    a.sql("WITH me AS (UPDATE person SET login_name = NULL WHERE login_name = session_user RETURNING id) "
          "UPDATE person SET login_name = session_user WHERE id = %s AND EXISTS (SELECT 1 FROM me)",
          [s.ids["Cora Coach"]])
    a.sql("SELECT display_name FROM person")  # what Cora's login would have shown


@attack
def take_over_the_managers_login(a: Attempt, s: Site) -> None:
    a.sql("WITH me AS (UPDATE person SET login_name = NULL WHERE login_name = session_user RETURNING id) "
          "UPDATE person SET login_name = session_user WHERE id = %s AND EXISTS (SELECT 1 FROM me)",
          [s.ids["Mia Manager"]])
    a.sql("UPDATE person SET login_name = NULL WHERE id = %s", [s.ids["Mia Manager"]])


@attack
def delete_every_import_batch(a: Attempt, s: Site) -> None:
    a.sql("DELETE FROM import_batch")
    a.sql("DELETE FROM import_batch WHERE id = %s", [s.batch_shared])


@attack
def delete_the_kpi_catalogue(a: Attempt, s: Site) -> None:
    a.sql("DELETE FROM kpi_definition")
    a.sql("UPDATE kpi_definition SET name = 'hijacked'")


@attack
def delete_a_behaviour_framework_and_scales(a: Attempt, s: Site) -> None:
    a.sql("DELETE FROM behaviour_framework")
    a.sql("DELETE FROM behaviour")
    a.sql("DELETE FROM rating_scale")
    a.sql("UPDATE rating_scale_point SET score = 0")


@attack
def rewrite_role_kpis_and_import_mappings(a: Attempt, s: Site) -> None:
    a.sql("DELETE FROM role_kpi")
    a.sql("INSERT INTO role_kpi (uuid, role, kpi_id, sort_order, created_at, updated_at) "
          "VALUES (gen_random_uuid(), 'agent', %s, 99, now(), now())", [s.kpi])
    a.sql("INSERT INTO import_mapping (uuid, name, header_signature, mapping_json, created_at, updated_at) "
          "VALUES (gen_random_uuid(), 'evil', 'x', '{}', now(), now())")


@attack
def edit_and_delete_organisation_goals(a: Attempt, s: Site) -> None:
    a.sql("UPDATE goal SET title = 'hijacked' WHERE team_id IS NULL")
    a.sql("DELETE FROM goal WHERE team_id IS NULL")
    a.sql("INSERT INTO goal (uuid, level, title, status, sort_order, created_at, updated_at) "
          "VALUES (gen_random_uuid(), 'organisation', 'planted', 'active', 0, now(), now())")


@attack
def delete_a_shared_coach(a: Attempt, s: Site) -> None:
    a.sql("DELETE FROM person WHERE id = %s", [s.ids["Cora Coach"]])
    a.sql("DELETE FROM team_membership WHERE person_id = %s", [s.ids["Cora Coach"]])


@attack
def read_another_leaders_draft(a: Attempt, s: Site) -> None:
    a.sql("SELECT key, value_json FROM personal_setting")
    a.sql("SELECT key, value_json FROM app_setting")


@attack
def overwrite_another_leaders_draft(a: Attempt, s: Site) -> None:
    a.sql("UPDATE personal_setting SET value_json = '{not json'")
    a.sql("DELETE FROM personal_setting")
    a.sql("INSERT INTO personal_setting (uuid, owner_login, key, value_json, created_at, updated_at) "
          "VALUES (gen_random_uuid(), %s, %s, '{not json', now(), now())", [s.logins["Sam Leader"][0], "planted"])
    a.sql("INSERT INTO app_setting (key, value_json) VALUES (%s, '{not json')", [s.sam_draft_key])


@attack
def change_the_organisation_name_and_logo(a: Attempt, s: Site) -> None:
    a.sql("UPDATE app_setting SET value_json = '\"Evil Corp\"' WHERE key = 'org.name'")
    a.sql("INSERT INTO app_setting (key, value_json) VALUES ('org.logo_path', '\"/tmp/evil.png\"')")
    a.sql("DELETE FROM app_setting")


@attack
def read_an_amendment_without_its_record(a: Attempt, s: Site) -> None:
    a.sql("SELECT reason, new_value, record_uuid FROM amendment")
    a.sql("SELECT count(*) FROM amendment WHERE reason LIKE 'AMEND%%'")


@attack
def forge_an_audit_entry(a: Attempt, s: Site) -> None:
    a.sql("INSERT INTO audit_log (uuid, at, actor_id, actor_name, action, entity_type, summary) "
          "VALUES (gen_random_uuid(), now(), %s, 'Mia Manager', 'delete', 'person', 'forged')",
          [s.ids["Mia Manager"]])
    a.sql("UPDATE audit_log SET actor_id = %s", [s.ids["Mia Manager"]])
    a.sql("DELETE FROM audit_log")


@attack
def read_sequences(a: Attempt, s: Site) -> None:
    assert a.sql("SELECT last_value FROM person_id_seq") == []
    assert a.sql("SELECT sequencename, last_value FROM pg_sequences WHERE last_value IS NOT NULL") == []
    assert a.sql("SELECT nextval('person_id_seq')") == []


@attack
def probe_existence_through_functions(a: Attempt, s: Site) -> None:
    hidden = a.sql("SELECT coachdesk_has_membership(%s)", [s.ids["Bob South"]])
    absent = a.sql("SELECT coachdesk_has_membership(999999)")
    assert hidden == absent, "a hidden person answers differently from a missing one"
    hidden = a.sql("SELECT coachdesk_unplaced(%s, 'guess'), coachdesk_free(%s, 'guess')",
                   [s.ids["Bob South"], s.ids["Bob South"]])
    absent = a.sql("SELECT coachdesk_unplaced(999999, 'guess'), coachdesk_free(999999, 'guess')")
    assert hidden == absent, "a hidden person answers differently from a missing one"
    unplaced = a.sql("SELECT coachdesk_unplaced_ids()")
    assert s.ids["Bob South"] not in (unplaced[0][0] if unplaced else [])


@attack
def probe_existence_through_unique_keys(a: Attempt, s: Site) -> None:
    a.sql("INSERT INTO person_external_id (uuid, person_id, system, value, created_at, updated_at) "
          "VALUES (gen_random_uuid(), %s, 'hr', 'EXT-BOB-7', now(), now())", [s.ids["Ann North"]])


# -- and more -------------------------------------------------------------------------------------------------

@attack
def copy_tables_out_and_in(a: Attempt, s: Site) -> None:
    with a.conn.cursor() as cur:
        for table in ("person", "feedback", "person_external_id", "personal_setting"):
            with cur.copy(f"COPY {table} TO STDOUT") as copy:
                a.seen.append(b"".join(bytes(block) for block in copy).decode())
    try:
        with a.conn.transaction(), a.conn.cursor() as cur, cur.copy("COPY app_setting FROM STDIN") as copy:
            copy.write("org.name\t\"Evil\"\n")
    except psycopg.Error as exc:
        a.seen.append(f"error: {exc}")


@attack
def temporary_view_over_people(a: Attempt, s: Site) -> None:
    a.sql("CREATE TEMP VIEW everyone AS SELECT display_name, email FROM person")
    a.sql("SELECT * FROM everyone")
    a.sql("CREATE TEMP VIEW notes AS SELECT went_well FROM feedback")
    a.sql("SELECT * FROM notes")


@attack
def leaky_function_raising_notices(a: Attempt, s: Site) -> None:
    a.sql("CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS "
          "$$ BEGIN RAISE NOTICE 'saw %', $1; RETURN true; END $$")
    a.sql("SELECT 1 FROM person WHERE pg_temp.leak(display_name)")
    a.sql("SELECT 1 FROM feedback WHERE pg_temp.leak(went_well)")
    a.sql("SELECT 1 FROM person_external_id WHERE pg_temp.leak(value)")


@attack
def read_pg_stats(a: Attempt, s: Site) -> None:
    a.sql("SELECT tablename, attname, most_common_vals::text, histogram_bounds::text FROM pg_stats "
          "WHERE schemaname = current_schema()")


@attack
def explain_analyze(a: Attempt, s: Site) -> None:
    for table in ("person", "feedback", "person_external_id", "amendment"):
        a.sql(f"EXPLAIN (ANALYZE, VERBOSE, COSTS, BUFFERS) SELECT * FROM {table}")


@attack
def turn_row_security_off(a: Attempt, s: Site) -> None:
    a.sql("SET row_security = off")
    a.sql("SELECT display_name FROM person")
    a.sql("SET ROLE NONE")
    a.sql("SELECT went_well FROM feedback")


@attack
def truncate_tables(a: Attempt, s: Site) -> None:
    for table in ("kpi_figure", "import_batch", "feedback", "person", "audit_log", "personal_setting"):
        a.sql(f"TRUNCATE {table} CASCADE")


@attack
def alter_tables_and_policies(a: Attempt, s: Site) -> None:
    a.sql("ALTER TABLE person DISABLE ROW LEVEL SECURITY")
    a.sql("ALTER TABLE feedback NO FORCE ROW LEVEL SECURITY")
    a.sql("DROP POLICY coachdesk_read ON person")
    a.sql("ALTER TABLE person ADD COLUMN x integer")
    a.sql("CREATE OR REPLACE FUNCTION coachdesk_is_manager() RETURNS boolean LANGUAGE sql AS $$ SELECT true $$")
    a.sql("CREATE TABLE public.stolen AS SELECT * FROM person")


@attack
def become_the_owner(a: Attempt, s: Site) -> None:
    owner = make_url(s.url).username
    a.sql(f'SET ROLE "{owner}"')
    a.sql(f'SET SESSION AUTHORIZATION "{owner}"')
    a.sql("SELECT display_name FROM person")


@attack
def insert_oneself_into_another_team(a: Attempt, s: Site) -> None:
    for role in ("leader", "coach", "member"):
        a.sql("INSERT INTO team_membership (uuid, person_id, team_id, role, start_date, created_at, updated_at) "
              "VALUES (gen_random_uuid(), %s, %s, %s, '2025-01-01', now(), now())",
              [s.ids["Lea Leader"], s.teams["South"], role])


@attack
def move_ones_own_membership(a: Attempt, s: Site) -> None:
    a.sql("UPDATE team_membership SET team_id = %s WHERE person_id = %s",
          [s.teams["South"], s.ids["Lea Leader"]])
    a.sql("UPDATE team_membership SET person_id = %s WHERE person_id = %s AND role = 'leader'",
          [s.ids["Ann North"], s.ids["Lea Leader"]])


@attack
def move_a_member_into_another_team(a: Attempt, s: Site) -> None:
    a.sql("UPDATE team_membership SET team_id = %s WHERE person_id = %s", [s.teams["South"], s.ids["Ann North"]])
    a.sql("UPDATE team_membership SET role = 'leader' WHERE person_id = %s", [s.ids["Ann North"]])


@attack
def grant_oneself_a_role(a: Attempt, s: Site) -> None:
    for role in ("operations_manager", "quality_specialist", "agent"):
        a.sql("INSERT INTO person_role (uuid, person_id, role, created_at, updated_at) "
              "VALUES (gen_random_uuid(), %s, %s, now(), now())", [s.ids["Lea Leader"], role])
    a.sql("UPDATE person_role SET person_id = %s WHERE person_id = %s",
          [s.ids["Lea Leader"], s.ids["Mia Manager"]])
    a.sql("DELETE FROM person_role WHERE person_id = %s", [s.ids["Mia Manager"]])


@attack
def re_parent_a_team(a: Attempt, s: Site) -> None:
    a.sql("UPDATE team SET parent_team_id = %s WHERE id = %s", [s.teams["North"], s.teams["South"]])
    a.sql("UPDATE team SET parent_team_id = %s WHERE id = %s", [s.teams["South"], s.teams["North East"]])
    a.sql("UPDATE team SET parent_team_id = NULL WHERE id = %s", [s.teams["North East"]])
    a.sql("INSERT INTO team (uuid, name, parent_team_id, created_at, updated_at) "
          "VALUES (gen_random_uuid(), 'Under South', %s, now(), now())", [s.teams["South"]])
    a.sql("DELETE FROM team WHERE id = %s", [s.teams["South"]])


@attack
def change_another_teams_records(a: Attempt, s: Site) -> None:
    a.sql("UPDATE feedback SET agent_id = %s WHERE agent_id = %s", [s.ids["Bob South"], s.ids["Ann North"]])
    a.sql("UPDATE kpi_figure SET person_id = %s WHERE person_id = %s", [s.ids["Bob South"], s.ids["Ann North"]])
    a.sql("DELETE FROM goal WHERE team_id = %s", [s.teams["South"]])


@attack
def edit_the_manager_in_no_team(a: Attempt, s: Site) -> None:
    a.sql("UPDATE person SET active_to = '2020-01-01', email = 'x@evil' WHERE id = %s", [s.ids["Mia Manager"]])
    a.sql("INSERT INTO person_alias (uuid, person_id, alias, alias_key, created_at, updated_at) "
          "VALUES (gen_random_uuid(), %s, 'Boss', 'boss', now(), now())", [s.ids["Mia Manager"]])


@attack
def plant_an_amendment(a: Attempt, s: Site) -> None:
    a.sql("INSERT INTO amendment (uuid, record_type, record_uuid, field, reason, author_id, amended_at, created_at, "
          "updated_at) VALUES (gen_random_uuid(), 'feedback', %s, 'went_well', 'planted', %s, now(), now(), now())",
          [s.bob_feedback_uuid, s.ids["Mia Manager"]])
    a.sql("UPDATE amendment SET reason = 'rewritten'")
    a.sql("DELETE FROM amendment")


@attack
def give_a_login_to_a_member(a: Attempt, s: Site) -> None:
    a.sql("UPDATE person SET login_name = %s WHERE id = %s", [s.logins["Sam Leader"][0], s.ids["Ann North"]])
    a.sql("INSERT INTO person (uuid, display_name, name_key, login_name, one_to_one_cadence_days, created_at, "
          "updated_at) VALUES (gen_random_uuid(), 'Fake Mia', 'fake mia', 'postgres', 14, now(), now())")


@attack
def write_the_schema_revision(a: Attempt, s: Site) -> None:
    a.sql("UPDATE alembic_version SET version_num = '0001'")
    a.sql("DELETE FROM alembic_version")


#: attacks whose statements may legitimately add rows of the attacker's own; what they may leave behind is checked
ALLOWED_ADDITIONS = {"forge_an_audit_entry": "audit_log"}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_a_leader_cannot(sites: Sites, site: Site, name: str) -> None:
    before = snapshot(site)
    with site.connect() as conn:
        attempt = Attempt(conn)
        try:
            ATTACKS[name](attempt, site)
        finally:
            after = snapshot(site)
            sites.dirty = after != before
    seen = attempt.text()
    leaked = [secret for secret in SECRETS if secret in seen]
    assert not leaked, f"{name} showed {leaked}:\n{seen[:3000]}"
    table = ALLOWED_ADDITIONS.get(name)
    if table:
        added = [json.loads(r) for r in set(after[table]) - set(before[table])]
        assert all(r["actor_id"] == site.ids["Lea Leader"] and r["actor_name"] == "Lea Leader" for r in added), added
        after[table] = before[table] if set(before[table]) <= set(after[table]) else after[table]
    changed = {t: (set(before[t]) ^ set(after.get(t, ()))) for t in before if before[t] != after.get(t)}
    assert not changed, f"{name} changed {sorted(changed)}: {changed}"
    # the attack itself was well-formed: refused for a reason, not for a typo in the test
    mistakes = [state for state in attempt.states if state in ATTACKER_MISTAKES]
    assert not mistakes, f"{name}: malformed statements ({mistakes}):\n{seen[:2000]}"


#: SQLSTATEs that mean the attack's SQL was wrong (syntax, unknown table or column, a missing required value)
ATTACKER_MISTAKES = {"42601", "42703", "42P01", "23502", "22P02", "3F000"}


def test_there_are_enough_attacks() -> None:
    assert len(ATTACKS) >= 16 + 15


def test_the_manager_stays_manager_and_the_leader_still_works(site: Site) -> None:
    """After all of it: Mia still manages (sees everyone), Lea still sees and edits her own teams."""
    with site.connect("Mia Manager") as mia:
        assert {r[0] for r in mia.execute("SELECT display_name FROM person")} >= {"Bob South", "Lea Leader"}
    with site.connect() as lea:
        assert {r[0] for r in lea.execute("SELECT display_name FROM person")} == {
            "Lea Leader", "Ann North", "Eve NorthEast", "Cora Coach", "Mia Manager"}
        assert lea.execute("UPDATE feedback SET to_improve = 'pace' WHERE agent_id = %s",
                           [site.ids["Ann North"]]).rowcount == 1
        # a draft of her own: written, read back, invisible to Sam
        lea.execute("INSERT INTO personal_setting (uuid, owner_login, key, value_json, created_at, updated_at) "
                    "VALUES (gen_random_uuid(), session_user, 'observe.current', '\"x\"', now(), now())")
    with site.connect("Sam Leader") as sam:
        assert sam.execute("SELECT count(*) FROM personal_setting WHERE key = 'observe.current'").fetchone() == (0,)
        assert sam.execute("SELECT count(*) FROM personal_setting").fetchone() == (1,)  # his own draft
