"""The PostgreSQL side of the two-engine tests: a migrated template database per test session, a fresh copy of it
per test (``CREATE DATABASE … TEMPLATE``, dropped afterwards), and throw-away login roles for access tests.

The server is named by ``COACHDESK_TEST_PG_URL``: an admin URL (superuser, or CREATEDB + CREATEROLE) on loopback,
which ``./dev.sh test`` sets when it runs as root and starts a local server.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

PG_URL_ENV = "COACHDESK_TEST_PG_URL"
SKIP_REASON = ("PostgreSQL tests skipped: set COACHDESK_TEST_PG_URL or run ./dev.sh test as root, "
               "which starts a local server")
PREFIX = f"coachdesk_t{os.getpid()}_"

_counter = itertools.count(1)
_template: str | None = None
_spare: Future[str] | None = None
_executor: ThreadPoolExecutor | None = None


def admin_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


def url_for(database: str, user: str | None = None, password: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(admin_url()).set(database=database)
    if user is not None:
        url = url.set(username=user, password=password)
    return url.render_as_string(hide_password=False)


@contextmanager
def admin() -> Iterator:
    """An autocommit psycopg connection to the server's maintenance database (CREATE/DROP DATABASE need one)."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url())
    conn = psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                           dbname=url.database or "postgres", autocommit=True)
    try:
        yield conn
    finally:
        conn.close()


def template() -> str:
    """The session's template: migrated to head and seeded like a new store, built once, on first use."""
    global _template
    if _template is None:
        from coachdesk.services.common import Location, open_store

        name = f"{PREFIX}template"
        with admin() as conn:
            _drop_stale(conn)
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        opened = open_store(Location(url=url_for(name), path=None))
        opened.db.dispose()
        with admin() as conn:  # copies of a template whose pages are still dirty take ~3x longer (measured)
            try:
                conn.execute("CHECKPOINT")
            except Exception:  # noqa: BLE001 - needs superuser or pg_checkpoint: only slower without it
                pass
        _template = name
    return _template


def _copy_template() -> str:
    name = f"{PREFIX}{next(_counter)}"
    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template()}"')
    return name


def _drop(name: str) -> None:
    with admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _worker() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-test-databases")
    return _executor


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new database copied from the template, dropped when the block ends.

    A copy takes a few hundred milliseconds, so the next test's copy is made on a worker thread while this test
    runs, and this one is dropped there afterwards.
    """
    global _spare
    template()
    name = _spare.result() if _spare is not None else _copy_template()
    _spare = _worker().submit(_copy_template)
    try:
        yield url_for(name)
    finally:
        _worker().submit(_drop, name)


def quiet() -> None:
    """Wait until the background copy of the next test's database (and the drop queued before it) is done. Both
    are transactions on this same server, and a PostgreSQL change token follows the whole cluster's snapshot: a test
    that a read is reused while nothing is committed failed now and then when the copy ran between its two reads."""
    if _spare is not None:
        _spare.exception()  # waits; a failed copy is the next test's to report


@contextmanager
def login_role(database_url: str, create: bool = True) -> Iterator[tuple[str, str]]:
    """A LOGIN role name with a random password (the role made now unless ``create`` is False), dropped with what
    it owns and was granted afterwards."""
    from sqlalchemy import create_engine

    name = f"{PREFIX}login{next(_counter)}"
    password = secrets.token_urlsafe(16)
    if create:
        with admin() as conn:
            conn.execute(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
    try:
        yield name, password
    finally:
        engine = create_engine(database_url)  # privileges inside the test database go first
        with engine.begin() as conn:
            if conn.exec_driver_sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{name}'").first():
                conn.exec_driver_sql(f'DROP OWNED BY "{name}"')
        engine.dispose()
        with admin() as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def finish() -> None:
    """Drop the spare copy and the session's template (called at the end of the test session)."""
    global _template, _spare, _executor
    if _executor is not None:
        _executor.shutdown(wait=True)
        _executor = None
    if _spare is not None:
        if _spare.exception() is None:
            _drop(_spare.result())
        _spare = None
    if _template is not None and admin_url():
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_template}" WITH (FORCE)')
        _template = None


def _drop_stale(conn) -> None:  # noqa: ANN001
    """Drop databases and roles left by killed test sessions on this machine (their process is gone)."""
    for kind, query in (("DATABASE", "SELECT datname FROM pg_database WHERE datname LIKE 'coachdesk\\_t%\\_%'"),
                        ("ROLE", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'coachdesk\\_t%\\_login%'")):
        for (name,) in conn.execute(query).fetchall():
            pid = name[len("coachdesk_t"):].split("_", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                suffix = " WITH (FORCE)" if kind == "DATABASE" else ""
                try:
                    conn.execute(f'DROP {kind} IF EXISTS "{name}"{suffix}')
                except Exception:  # noqa: BLE001 - a role still owning objects elsewhere: leave it
                    pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
