"""Team access: personal drafts in their own table, and on PostgreSQL an access model no leader can get around

Revision ID: 0004
Revises: 0003 (the calendar's revision)
Create Date: 2026-12-06 23:10:00

Both engines: ``personal_setting`` (one user's drafts and preferences, keyed by their server login; '' on a local
file) takes the drafts, the observation on screen, the last observer and the signed-in person out of
``app_setting``, which keeps only organisation settings.

PostgreSQL only (the whole model is written down in ``docs/team-server.md``): every table's row-level security is
enabled and FORCEd, with one policy per command for the group role ``coachdesk_user`` and an unrestricted one for
the schema owner (so the SECURITY DEFINER helpers, owned by it, read without recursing). Organisation-wide tables
are read by all and changed by operations managers only; deletes that would cascade across teams (people, KPIs,
frameworks, import batches holding other teams' figures) are refused by the policies; triggers stamp the actor of
audit entries, amendments and import batches from the session's login and keep logins, team parents and
leadership (leader/coach memberships, roles above agent) for ``db grant`` (the owner) and managers; users lose
SELECT on sequences and the existence probe ``coachdesk_has_membership(id)``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

USER = "coachdesk_user"
PERSONAL_KEYS = ("one_to_one.draft.%", "observe.draft.%", "observe.current", "observe.observer",
                 "signed_in_person_uuid")

M = "(SELECT coachdesk_is_manager())"
ME = "(SELECT coachdesk_my_person_id())"
#: as arrays computed once per query: `x = ANY (array)` costs less per row and plans better than `x IN (SELECT f())`
PEOPLE = "((SELECT coachdesk_people())::integer[])"
TEAMS = "((SELECT coachdesk_teams())::integer[])"
CURRENT = "(m.end_date IS NULL OR m.end_date >= current_date)"

#: the tables whose rows are organisation-wide: everyone reads them, managers change them
ORGANISATION = ("kpi_definition", "role_kpi", "rating_scale", "rating_scale_point", "behaviour_framework",
                "behaviour_category", "behaviour", "behaviour_kpi_link", "import_mapping", "app_setting")
#: records of one person: (table, the column naming the person)
RECORDS = {"objective": "person_id", "kpi_figure": "person_id", "observation_session": "agent_id",
           "feedback": "agent_id", "one_to_one": "agent_id", "recognition": "agent_id",
           "planned_observation": "agent_id"}
#: rows that go with a parent row: seen and changed when the parent is
CHILDREN = {"objective_change": ("objective", "objective_id"),
            "observed_interaction": ("observation_session", "session_id"),
            "behaviour_rating": ("observation_session", "session_id"),
            "observation_note": ("observation_session", "session_id"),
            "one_to_one_participant": ("one_to_one", "one_to_one_id"),
            "one_to_one_item": ("one_to_one", "one_to_one_id"),
            "one_to_one_objective": ("one_to_one", "one_to_one_id"),
            "person_external_id": ("person", "person_id"),
            "person_alias": ("person", "person_id")}
#: record types an amendment may name, each the table holding that record
AMENDABLE = ("one_to_one", "one_to_one_item", "feedback", "observation_note", "observation_session", "objective")

FUNCTIONS = {
    "coachdesk_people()": ("integer[]", "RETURN ARRAY(SELECT coachdesk_person_ids());"),
    "coachdesk_teams()": ("integer[]", "RETURN ARRAY(SELECT coachdesk_team_ids());"),
    # (pid, puuid) = a person row; false only for a placed person whose id AND random uuid the caller already knows,
    # so calling it directly reveals nothing a caller could not see (0002's has_membership(id) told any id apart)
    "coachdesk_unplaced(pid integer, puuid text)": ("boolean", """
        RETURN NOT EXISTS (SELECT 1 FROM person p JOIN team_membership m ON m.person_id = p.id
                           WHERE p.id = pid AND p.uuid = puuid);"""),
    # the people in no team (whom everyone sees anyway), once per query rather than a probe per hidden row
    "coachdesk_unplaced_ids()": ("integer[]", """
        RETURN ARRAY(SELECT p.id FROM person p WHERE NOT EXISTS (SELECT 1 FROM team_membership m
                                                                 WHERE m.person_id = p.id));"""),
    # the highest person id when the query began: a row above it is one being inserted now (new hires are seen
    # by whoever adds them); tells no more than the id of a row one creates
    "coachdesk_last_person_id()": ("integer", "RETURN (SELECT coalesce(max(id), 0) FROM person);"),
    # unplaced and holding no role above agent: a new hire a leader may still edit (never a manager in no team)
    "coachdesk_free(pid integer, puuid text)": ("boolean", """
        RETURN NOT EXISTS (SELECT 1 FROM person p WHERE p.id = pid AND p.uuid = puuid AND (
                   EXISTS (SELECT 1 FROM team_membership m WHERE m.person_id = p.id)
                   OR EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = p.id AND r.role <> 'agent')));"""),
    # import batches the caller may see: imported by them, or holding a figure of one of their people (found through
    # the people's figures index, a few probes per person, not by reading the batches' figures)
    "coachdesk_batch_ids()": ("SETOF integer", """
        DECLARE people integer[] := ARRAY(SELECT coachdesk_person_ids()); me integer := coachdesk_my_person_id();
        BEGIN
        RETURN QUERY SELECT b.id FROM import_batch b
            WHERE b.imported_by_id = me
               OR EXISTS (SELECT 1 FROM unnest(people) AS p(id)
                          WHERE EXISTS (SELECT 1 FROM kpi_figure f WHERE f.person_id = p.id AND f.batch_id = b.id));"""),
    # ... and may change or delete: every figure in them is of their people (a delete cascades to the figures)
    "coachdesk_own_batch_ids()": ("SETOF integer", """
        DECLARE people integer[] := ARRAY(SELECT coachdesk_person_ids());
        BEGIN
        RETURN QUERY SELECT v.id FROM coachdesk_batch_ids() AS v(id)
        WHERE NOT EXISTS (SELECT 1 FROM kpi_figure f WHERE f.batch_id = v.id AND f.person_id <> ALL(people));"""),
}


def _quote(conn, name: str) -> str:  # noqa: ANN001
    return conn.dialect.identifier_preparer.quote(name)


def upgrade() -> None:
    op.create_table(
        'personal_setting',
        sa.Column('owner_login', sa.String(length=63), nullable=False),
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('value_json', sa.Text(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_setting')),
        sa.UniqueConstraint('owner_login', 'key', name=op.f('uq_personal_setting_owner_login_key')),
        sa.UniqueConstraint('uuid', name=op.f('uq_personal_setting_uuid')),
    )
    conn = op.get_bind()
    _move_personal_settings(conn)
    if conn.dialect.name == "postgresql":
        _secure(conn)


def _move_personal_settings(conn) -> None:  # noqa: ANN001
    """Drafts and preferences leave the shared table. On a server each draft goes to the login of the coach of its
    one-to-one or observation (the one who typed it); what has no known author goes to '' (the schema owner's)."""
    import uuid
    from datetime import UTC, datetime

    where = " OR ".join(f"key LIKE '{k}'" for k in PERSONAL_KEYS)
    rows = conn.execute(text(f"SELECT key, value_json FROM app_setting WHERE {where}")).all()
    now = datetime.now(UTC).replace(tzinfo=None)
    for key, value in rows:
        owner = ""
        if conn.dialect.name == "postgresql":
            for prefix, table, column in (("one_to_one.draft.", "one_to_one", "leader_id"),
                                          ("observe.draft.", "observation_session", "coach_id")):
                if key.startswith(prefix):
                    owner = conn.scalar(text(f"SELECT p.login_name FROM {table} t JOIN person p ON p.id = t.{column} "
                                             "WHERE t.uuid = :u"), {"u": key[len(prefix):]}) or ""
        conn.execute(text("INSERT INTO personal_setting (owner_login, key, value_json, uuid, created_at, updated_at, "
                          "version) VALUES (:o, :k, :v, :u, :t, :t, 1)"),
                     {"o": owner, "k": key, "v": value, "u": str(uuid.uuid4()), "t": now})
        conn.execute(text("DELETE FROM app_setting WHERE key = :k"), {"k": key})


def _policy(table: str, name: str, command: str, using: str | None, check: str | None = None) -> None:
    clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
    op.execute(f"CREATE POLICY coachdesk_{name} ON {table} FOR {command} TO {USER}{clauses}")


def _crud(table: str, read: str, write: str, insert: str | None = None, delete: str | None = None) -> None:
    """Four policies: read rows; insert rows passing ``insert``; update rows passing ``write`` (before and after);
    delete rows passing ``delete``."""
    _policy(table, "read", "SELECT", read)
    _policy(table, "insert", "INSERT", None, insert or write)
    _policy(table, "update", "UPDATE", write, write)
    _policy(table, "delete", "DELETE", delete or write)


def _functions(schema: str) -> None:
    for signature, (returns, body) in FUNCTIONS.items():
        block = f"{body} END" if body.strip().startswith("DECLARE") else f"BEGIN {body} END"
        op.execute(f"CREATE OR REPLACE FUNCTION {signature} RETURNS {returns} LANGUAGE plpgsql STABLE "
                   f"SECURITY DEFINER SET search_path = {schema}, pg_temp AS $body$ {block} $body$")
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {USER}")
    # invoker's rights on purpose: true for the schema owner, a superuser, or inside the owner's SECURITY DEFINER code
    op.execute("CREATE OR REPLACE FUNCTION coachdesk_is_owner() RETURNS boolean LANGUAGE sql STABLE AS $body$ "
               "SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'person'::regclass), "
               "'USAGE') $body$")
    op.execute(f"GRANT EXECUTE ON FUNCTION coachdesk_is_owner() TO {USER}")


TRIGGERS = {
    # logins are given by `db grant` (the owner) or an operations manager, never taken by a user
    "person": ("BEFORE INSERT OR UPDATE", """
        IF (TG_OP = 'INSERT' AND NEW.login_name IS NOT NULL
            OR TG_OP = 'UPDATE' AND NEW.login_name IS DISTINCT FROM OLD.login_name)
           AND NOT (coachdesk_is_owner() OR coachdesk_is_manager()) THEN
            RAISE EXCEPTION 'only an operations manager or db grant may change a server login'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;"""),
    # where a team hangs decides who sees it: an operations manager's call
    "team": ("BEFORE UPDATE", """
        IF NEW.parent_team_id IS DISTINCT FROM OLD.parent_team_id
           AND NOT (coachdesk_is_owner() OR coachdesk_is_manager()) THEN
            RAISE EXCEPTION 'only an operations manager may move a team under another'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;"""),
    # who did it is the session's login, whatever the client says
    "audit_log": ("BEFORE INSERT OR UPDATE", """
        IF TG_OP = 'UPDATE' THEN  -- unlinking (a person's erasure sets NULL) is allowed; re-attributing is not
            IF NOT coachdesk_is_owner() AND NEW.actor_id IS NOT NULL THEN
                NEW.actor_id := OLD.actor_id; NEW.actor_name := OLD.actor_name;
            END IF;
        ELSIF NOT coachdesk_is_owner() THEN
            NEW.actor_id := coachdesk_my_person_id();
            NEW.actor_name := (SELECT display_name FROM person WHERE id = NEW.actor_id);
        ELSIF NEW.actor_id IS NULL THEN
            NEW.actor_id := coachdesk_my_person_id();
        END IF;
        RETURN NEW;"""),
    "amendment": ("BEFORE INSERT OR UPDATE", """
        IF TG_OP = 'UPDATE' THEN
            IF NOT coachdesk_is_owner() AND NEW.author_id IS NOT NULL THEN NEW.author_id := OLD.author_id; END IF;
        ELSIF NOT coachdesk_is_owner() THEN
            NEW.author_id := coachdesk_my_person_id();
        END IF;
        RETURN NEW;"""),
    "import_batch": ("BEFORE INSERT", """
        IF NOT coachdesk_is_owner() THEN NEW.imported_by_id := coachdesk_my_person_id(); END IF;
        RETURN NEW;"""),
}


def _triggers() -> None:
    op.execute("DROP TRIGGER IF EXISTS coachdesk_audit_actor ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS coachdesk_audit_actor()")
    for table, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE OR REPLACE FUNCTION coachdesk_guard_{table}() RETURNS trigger LANGUAGE plpgsql "
                   f"AS $body$ BEGIN {body} END $body$")
        op.execute(f"CREATE TRIGGER coachdesk_guard_{table} {when} ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION coachdesk_guard_{table}()")


def _drop_0002_policies(conn) -> None:  # noqa: ANN001
    for table, name in conn.execute(text("SELECT tablename, policyname FROM pg_policies "
                                         "WHERE schemaname = current_schema()")).all():
        op.execute(f'DROP POLICY "{name}" ON {table}')


def _amendment_rule() -> str:
    cases = " ".join(f"WHEN '{t}' THEN EXISTS (SELECT 1 FROM {t} r WHERE r.uuid = record_uuid)" for t in AMENDABLE)
    return f"{M} OR CASE record_type {cases} ELSE false END"


def _policies(tables: list[str], owner: str) -> None:
    person_visible = "EXISTS (SELECT 1 FROM person p WHERE p.id = person_id)"
    mine_or_free = f"{M} OR id = ANY {PEOPLE} OR coachdesk_free(id, uuid)"
    _crud("person", f"{M} OR id = ANY {PEOPLE} OR id = ANY ((SELECT coachdesk_unplaced_ids())::integer[]) "
                    "OR id > (SELECT coachdesk_last_person_id())", mine_or_free, delete=M)
    for table, (parent, column) in CHILDREN.items():
        rule = f"EXISTS (SELECT 1 FROM {parent} parent WHERE parent.id = {column})"
        if parent == "person":
            write = f"{M} OR EXISTS (SELECT 1 FROM person p WHERE p.id = person_id AND (p.id = ANY {PEOPLE} " \
                    "OR coachdesk_free(p.id, p.uuid)))"
            _crud(table, rule, write)
        else:
            _crud(table, rule, rule)
    # roles: a leader may mark people of theirs as agents; every other role (and any of their own) is a manager's
    _crud("person_role", person_visible,
          f"{M} OR (role = 'agent' AND person_id <> {ME} AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_id "
          f"AND (p.id = ANY {PEOPLE} OR coachdesk_free(p.id, p.uuid))))")
    # memberships: a leader places people (never themselves) as members of teams they lead; leadership is a manager's
    _crud("team_membership", f"{M} OR person_id = ANY {PEOPLE} OR team_id = ANY {TEAMS}",
          f"{M} OR (role = 'member' AND team_id = ANY {TEAMS} AND person_id <> {ME} AND {person_visible})")
    _crud("team", "true", f"{M} OR id = ANY {TEAMS}", insert=M, delete=M)
    for table, column in RECORDS.items():
        rule = f"{M} OR {column} = ANY {PEOPLE}"
        _crud(table, rule, rule)
    for table in ("goal", "objective_template"):  # organisation-level rows (no team) are the managers'
        _crud(table, f"team_id IS NULL OR {M} OR team_id = ANY {TEAMS}", f"{M} OR team_id = ANY {TEAMS}")
    _crud("import_batch", f"{M} OR imported_by_id = {ME} OR id IN (SELECT coachdesk_batch_ids())",
          f"{M} OR id IN (SELECT coachdesk_own_batch_ids())", insert="true")
    for table in ORGANISATION:
        _crud(table, "true", M)
    # amendments are added with their record (author stamped by the trigger) and are never rewritten by users
    _crud("amendment", _amendment_rule(), M, insert=_amendment_rule())
    _policy("audit_log", "read", "SELECT", f"{M} OR actor_id = {ME}")
    _policy("audit_log", "insert", "INSERT", None, "true")
    _policy("audit_log", "update", "UPDATE", M, M)
    _policy("audit_log", "delete", "DELETE", M)
    # a reminder's state is its person's (one about no one, e.g. a team's, is everyone's), as 0003 had it
    reminder = f"{M} OR person_id IS NULL OR person_id = {ME}"
    _crud("reminder", reminder, reminder)
    own = "owner_login = session_user::text"
    _crud("personal_setting", own, own)
    for table in tables:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY coachdesk_owner ON {table} FOR ALL TO {owner} USING (true) WITH CHECK (true)")


def _secure(conn) -> None:  # noqa: ANN001
    schema = _quote(conn, conn.scalar(text("SELECT current_schema()")))
    owner = _quote(conn, conn.scalar(text("SELECT current_user")))
    tables = [t for t in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
              .scalars() if t != "alembic_version"]
    _drop_0002_policies(conn)
    op.execute("DROP FUNCTION IF EXISTS coachdesk_has_membership(integer)")
    _functions(schema)
    _triggers()
    _policies(tables, owner)
    # privileges: rows through the policies above; no TRUNCATE, REFERENCES or TRIGGER; the revision read-only;
    # sequences drawn from (an insert needs it) but not read
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {USER}, PUBLIC")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(tables)} TO {USER}")
    op.execute(f"GRANT SELECT ON alembic_version TO {USER}")
    # sequences are neither read nor drawn from by users (pg_sequences shows last_value to anyone with USAGE): new
    # ids come from the owner's coachdesk_next_id(), so what a user learns is the id of the row they just made
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {USER}, PUBLIC")
    op.execute(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
               f"REVOKE USAGE, SELECT ON SEQUENCES FROM {USER}")
    op.execute(f"CREATE OR REPLACE FUNCTION coachdesk_next_id(seq regclass) RETURNS integer LANGUAGE sql VOLATILE "
               f"SECURITY DEFINER SET search_path = {schema}, pg_temp AS $body$ SELECT nextval(seq)::integer $body$")
    op.execute("REVOKE ALL ON FUNCTION coachdesk_next_id(regclass) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION coachdesk_next_id(regclass) TO {USER}")
    for table, sequence in _serials(conn):
        op.execute(f"ALTER TABLE {table} ALTER COLUMN id SET DEFAULT coachdesk_next_id('{sequence}'::regclass)")
    op.execute(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC, {USER}")


def _serials(conn) -> list[tuple[str, str]]:  # noqa: ANN001
    """(table, its id sequence) for every table whose id a sequence draws."""
    return [(t, seq) for t, seq in conn.execute(text(
        "SELECT table_name, pg_get_serial_sequence(quote_ident(table_name), 'id') FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name = 'id'")).all() if seq]


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        _unsecure(conn)
    rows = conn.execute(text("SELECT key, value_json FROM personal_setting WHERE owner_login = ''")).all()
    for key, value in rows:  # a server's other users' drafts cannot share one key: they go with the table
        conn.execute(text("DELETE FROM app_setting WHERE key = :k"), {"k": key})
        conn.execute(text("INSERT INTO app_setting (key, value_json) VALUES (:k, :v)"), {"k": key, "v": value})
    op.drop_table('personal_setting')


def _unsecure(conn) -> None:  # noqa: ANN001
    tables = [t for t in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
              .scalars() if t != "alembic_version"]
    _drop_0002_policies(conn)
    for table in tables:
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for table in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS coachdesk_guard_{table} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS coachdesk_guard_{table}()")
    for table, sequence in _serials(conn):
        op.execute(f"ALTER TABLE {table} ALTER COLUMN id SET DEFAULT nextval('{sequence}'::regclass)")
    for signature in (*FUNCTIONS, "coachdesk_is_owner()", "coachdesk_next_id(regclass)"):
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    previous = _load("0002_postgres_access.py")
    previous.upgrade()  # 0002's functions, grants, policies and audit trigger, as they were
    calendar = _load("0003_calendar.py")
    for table, rule in calendar.POLICIES.items():  # and 0003's on the calendar tables
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY coachdesk_access ON {table} FOR ALL USING ({rule}) WITH CHECK ({rule})")


def _load(file_name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(f"coachdesk_{file_name[:4]}", Path(__file__).with_name(file_name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
