"""PostgreSQL specifics of the team server: the engine (pool, time-outs, text adaptation) and users' login roles."""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL

#: Group role the migrations grant the app's privileges to (revision 0002); each user's login role is a member.
USER_ROLE = "coachdesk_user"
_LOGIN_RE = re.compile(r"[a-z_][a-z0-9_.-]{0,62}")


def make_postgres_engine(url: URL) -> Engine:
    """A pooled engine sized for one desktop app: a few connections, checked before use, recycled hourly."""
    engine = create_engine(
        url,
        pool_size=4,
        max_overflow=4,
        pool_timeout=30,
        pool_pre_ping=True,
        pool_recycle=3600,
        # JIT compiles expressions for queries the planner thinks costly, which row-level security's sub-plans often
        # look like: ~0.5 s per query for a desktop app's small reads, so it is off for the app's sessions
        connect_args={"connect_timeout": 10, "application_name": "CoachDesk", "options": "-c jit=off"},
    )
    event.listen(engine, "connect", _adapt_connection)
    return engine


def _adapt_connection(dbapi_connection, _record) -> None:  # noqa: ANN001
    dbapi_connection.adapters.register_dumper(str, _nul_free_dumper())


_DUMPER = None


def _nul_free_dumper():  # noqa: ANN202
    """psycopg's text dumper, minus NUL characters: PostgreSQL text cannot hold them (SQLite can), and a NUL is
    never meaningful in anything a user types or imports, so it is dropped rather than failing the whole save."""
    global _DUMPER
    if _DUMPER is None:
        from psycopg.types.string import StrDumperUnknown

        class NulFreeStrDumper(StrDumperUnknown):
            def dump(self, obj: str):  # noqa: ANN202
                return super().dump(obj.replace("\x00", "") if "\x00" in obj else obj)

        _DUMPER = NulFreeStrDumper
    return _DUMPER


def check_login_name(login: str) -> str:
    """The login as a PostgreSQL role name, or ValueError naming what is wrong with it."""
    if not _LOGIN_RE.fullmatch(login):
        raise ValueError(f"login name {login!r} must be 1-63 lower-case letters, digits, '_', '.' or '-', "
                         "starting with a letter or '_'")
    return login


def ensure_login_role(conn: Connection, login: str, password: str | None) -> bool:
    """Create the LOGIN role ``login`` when missing (with ``password``), and make it a member of the app's group
    role; returns True when the role was created. Needs a connection with CREATEROLE (the server's admin)."""
    quoted = conn.dialect.identifier_preparer.quote(check_login_name(login))
    exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}) is not None
    if not exists:
        conn.exec_driver_sql(f"CREATE ROLE {quoted} LOGIN")
    if password:  # utility statements take no bound parameters: psycopg quotes the literal client-side
        from psycopg import sql

        conn.connection.driver_connection.execute(
            sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(login), sql.Literal(password)))
    conn.exec_driver_sql(f"GRANT {USER_ROLE} TO {quoted}")
    return not exists


def sync_sequences(conn: Connection) -> None:
    """Move every table's ``id`` sequence past its highest id: rows inserted with explicit ids (the demo's bulk
    load, a copy) leave PostgreSQL's sequences behind, and the next insert would then collide."""
    from coachdesk.storage.models import Base

    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key:
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)")
