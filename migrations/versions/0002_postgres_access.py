"""PostgreSQL access control: row-level security so each signed-in role sees only its own teams' people and records

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 17:05:00

A no-op on SQLite (a local file has one user). On PostgreSQL each user signs in as their own role, mapped to a
person by ``person.login_name = session_user``; members of the group role ``coachdesk_user`` get the app's table
privileges, and the policies below decide which rows they see and write:

- an operations manager (a current ``operations_manager`` row in ``person_role``) sees and edits everything;
- a team leader or coach sees the current members of the teams they currently lead (leader or coach membership)
  and of those teams' sub-teams, their records, themselves, and people not yet in any team (so a new hire can be
  created and then placed in a team); they may place people only in teams they lead;
- the schema owner (the role that runs migrations) is unrestricted: RLS is enabled but deliberately not FORCEd,
  which is also what lets the SECURITY DEFINER helpers read memberships without recursing into the policies.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

USER_ROLE = "coachdesk_user"
CURRENT = "(m.end_date IS NULL OR m.end_date >= current_date)"
MANAGER = "(SELECT coachdesk_is_manager())"
PEOPLE = "(SELECT coachdesk_person_ids())"
TEAMS = "(SELECT coachdesk_team_ids())"

FUNCTIONS = {
    "coachdesk_my_person_id()": ("integer", "RETURN (SELECT id FROM person WHERE login_name = session_user::text);"),
    "coachdesk_is_manager()": ("boolean", """
        RETURN EXISTS (SELECT 1 FROM person_role r JOIN person p ON p.id = r.person_id
                       WHERE p.login_name = session_user::text AND r.role = 'operations_manager'
                         AND (r.start_date IS NULL OR r.start_date <= current_date)
                         AND (r.end_date IS NULL OR r.end_date >= current_date));"""),
    "coachdesk_team_ids()": ("SETOF integer", f"""
        RETURN QUERY WITH RECURSIVE led(id) AS (
            SELECT m.team_id FROM team_membership m JOIN person p ON p.id = m.person_id
            WHERE p.login_name = session_user::text AND m.role IN ('leader', 'coach') AND {CURRENT}
            UNION
            SELECT t.id FROM team t JOIN led ON t.parent_team_id = led.id)
        SELECT led.id FROM led;"""),
    "coachdesk_person_ids()": ("SETOF integer", f"""
        RETURN QUERY SELECT p.id FROM person p WHERE p.login_name = session_user::text
        UNION
        SELECT m.person_id FROM team_membership m
        WHERE m.team_id IN (SELECT coachdesk_team_ids()) AND {CURRENT};"""),
    "coachdesk_has_membership(pid integer)": (
        "boolean", "RETURN EXISTS (SELECT 1 FROM team_membership m WHERE m.person_id = pid);"),
}


def _person_rule(column: str) -> str:
    return f"{MANAGER} OR {column} IN {PEOPLE} OR NOT coachdesk_has_membership({column})"


def _record_rule(column: str) -> str:
    return f"{MANAGER} OR {column} IN {PEOPLE}"


def _child_rule(parent: str, column: str) -> str:
    return f"EXISTS (SELECT 1 FROM {parent} AS parent WHERE parent.id = {column})"


def _team_rule(column: str) -> str:
    return f"{column} IS NULL OR {MANAGER} OR {column} IN {TEAMS}"


#: table -> (rule rows are seen and changed by, rule new or changed rows must pass when it differs)
POLICIES: dict[str, tuple[str, str | None]] = {
    "person": (_person_rule("id"), None),
    "person_external_id": (_person_rule("person_id"), None),
    "person_alias": (_person_rule("person_id"), None),
    "person_role": (_person_rule("person_id"), f"{MANAGER} OR (({_person_rule('person_id')}) "
                                               "AND role <> 'operations_manager')"),
    "team_membership": (f"{_record_rule('person_id')} OR team_id IN {TEAMS}",
                        f"{MANAGER} OR (({_person_rule('person_id')}) AND team_id IN {TEAMS})"),
    "objective": (_record_rule("person_id"), None),
    "objective_change": (_child_rule("objective", "objective_id"), None),
    "kpi_figure": (_record_rule("person_id"), None),
    "observation_session": (_record_rule("agent_id"), None),
    "observed_interaction": (_child_rule("observation_session", "session_id"), None),
    "behaviour_rating": (_child_rule("observation_session", "session_id"), None),
    "observation_note": (_child_rule("observation_session", "session_id"), None),
    "feedback": (_record_rule("agent_id"), None),
    "one_to_one": (_record_rule("agent_id"), None),
    "one_to_one_participant": (_child_rule("one_to_one", "one_to_one_id"), None),
    "one_to_one_item": (_child_rule("one_to_one", "one_to_one_id"), None),
    "one_to_one_objective": (_child_rule("one_to_one", "one_to_one_id"), None),
    "recognition": (_record_rule("agent_id"), None),
    "amendment": (f"{MANAGER} OR author_id IN {PEOPLE}", None),
    "goal": (_team_rule("team_id"), None),
    "objective_template": (_team_rule("team_id"), None),
}


def _quote(conn, name: str) -> str:  # noqa: ANN001
    return conn.dialect.identifier_preparer.quote(name)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    schema = _quote(conn, conn.scalar(text("SELECT current_schema()")))
    owner = _quote(conn, conn.scalar(text("SELECT current_user")))
    op.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{USER_ROLE}') THEN "
               f"CREATE ROLE {USER_ROLE} NOLOGIN; END IF; END $$")
    for signature, (returns, body) in FUNCTIONS.items():
        # PL/pgSQL rather than SQL: its plans are cached per session, which keeps the policies' cost per query low
        op.execute(f"CREATE OR REPLACE FUNCTION {signature} RETURNS {returns} LANGUAGE plpgsql STABLE "
                   f"SECURITY DEFINER SET search_path = {schema}, pg_temp AS $body$ BEGIN {body} END $body$")
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {USER_ROLE}")
    op.execute(f"GRANT USAGE ON SCHEMA {schema} TO {USER_ROLE}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {USER_ROLE}")
    op.execute(f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {USER_ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {USER_ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
               f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {USER_ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
               f"GRANT USAGE, SELECT ON SEQUENCES TO {USER_ROLE}")
    for table, (using, check) in POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY coachdesk_access ON {table} FOR ALL USING ({using}) "
                   f"WITH CHECK ({check or using})")
    # Team names are no personal data: everyone reads them; only a manager, or a leader for their own teams, edits.
    op.execute("ALTER TABLE team ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY coachdesk_read ON team FOR SELECT USING (true)")
    op.execute(f"CREATE POLICY coachdesk_insert ON team FOR INSERT WITH CHECK ({MANAGER})")
    op.execute(f"CREATE POLICY coachdesk_update ON team FOR UPDATE USING ({MANAGER} OR id IN {TEAMS})")
    op.execute(f"CREATE POLICY coachdesk_delete ON team FOR DELETE USING ({MANAGER})")
    # The audit log is append-only for users: anyone adds entries; each reads their own; a manager reads all. An
    # entry a signed-in user writes without an actor is stamped with them, so the server knows who did what.
    op.execute("CREATE OR REPLACE FUNCTION coachdesk_audit_actor() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN "
               "IF NEW.actor_id IS NULL THEN NEW.actor_id := coachdesk_my_person_id(); END IF; RETURN NEW; "
               "END $body$")
    op.execute("CREATE TRIGGER coachdesk_audit_actor BEFORE INSERT ON audit_log FOR EACH ROW "
               "EXECUTE FUNCTION coachdesk_audit_actor()")
    op.execute("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY coachdesk_append ON audit_log FOR INSERT WITH CHECK (true)")
    op.execute(f"CREATE POLICY coachdesk_read ON audit_log FOR SELECT USING ({MANAGER} "
               "OR actor_id = coachdesk_my_person_id())")
    op.execute(f"CREATE POLICY coachdesk_manage ON audit_log FOR UPDATE USING ({MANAGER})")
    op.execute(f"CREATE POLICY coachdesk_erase ON audit_log FOR DELETE USING ({MANAGER})")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    schema = _quote(conn, conn.scalar(text("SELECT current_schema()")))
    owner = _quote(conn, conn.scalar(text("SELECT current_user")))
    for table in POLICIES:
        op.execute(f"DROP POLICY IF EXISTS coachdesk_access ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for table, names in {"team": ("read", "insert", "update", "delete"),
                         "audit_log": ("append", "read", "manage", "erase")}.items():
        for name in names:
            op.execute(f"DROP POLICY IF EXISTS coachdesk_{name} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
               f"REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM {USER_ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
               f"REVOKE USAGE, SELECT ON SEQUENCES FROM {USER_ROLE}")
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {USER_ROLE}")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {USER_ROLE}")
    op.execute(f"REVOKE USAGE ON SCHEMA {schema} FROM {USER_ROLE}")
    op.execute("DROP TRIGGER IF EXISTS coachdesk_audit_actor ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS coachdesk_audit_actor()")
    for signature in reversed(FUNCTIONS):
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    # The group role is shared by every CoachDesk database on the server, so it stays.
