"""Engine and session factory for one CoachDesk database, with the connection pragmas every SQLite link needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.storage.change_token import ChangeWatch

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: str | Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(Path(path).expanduser().resolve()))


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA secure_delete = ON")
        if cursor.execute("PRAGMA secure_delete").fetchone()[0] != 1:  # a build that forbids it: erasure would leak
            from coachdesk.storage.errors import DatabaseUnavailable

            raise DatabaseUnavailable("This computer's SQLite library refuses secure_delete, so erased people's data "
                                      "would stay readable in the database file; install CoachDesk's own build.")
    finally:
        cursor.close()


def make_engine(url: str | URL) -> Engine:
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if url.get_backend_name() == "postgresql":
        from coachdesk.storage.postgres import make_postgres_engine

        return make_postgres_engine(url)
    return create_engine(url, pool_pre_ping=True)


def _raise_if_access_denied(exc: BaseException) -> None:
    """Turn PostgreSQL's refusal by row-level security or privileges (SQLSTATE 42501) into a sentence for the user."""
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":
        from coachdesk.storage.errors import AccessDenied

        raise AccessDenied("The team server refused this change: it touches people or records outside your "
                           "teams, or needs an operations manager.") from exc


def _raise_if_fault(exc: BaseException, url: URL) -> None:
    """A fault of the machine (read-only file or folder, full disk, I/O error, lock time-out, server down or refusing
    the sign-in): one sentence naming the file or server, never a raw driver error; the detail stays chained."""
    from coachdesk.storage.faults import raise_if_fault

    raise_if_fault(exc, url)


def _check_text_limits(session: Session, _context, _instances) -> None:  # noqa: ANN001
    """Before any ORM write: no text longer than its column's length, or the free-text or JSON limit
    (``domain.limits``), so no record can make a report run for minutes; a ``ValidationError`` names the field."""
    from sqlalchemy import String, inspect

    from coachdesk.domain.limits import check_text, text_limit

    for obj in (*session.new, *session.dirty):
        mapper = inspect(obj).mapper
        for column in mapper.columns:
            if not isinstance(column.type, String) or column.table is None:
                continue
            value = getattr(obj, mapper.get_property_by_column(column).key, None)
            if isinstance(value, str):
                label = f"{column.name.replace('_', ' ').capitalize()} ({column.table.name.replace('_', ' ')})"
                check_text(label, value, text_limit(column.name, column.type.length))


class Database:
    """One open database: its URL, engine and a unit-of-work session factory."""

    def __init__(self, url: str | URL) -> None:
        self.url = make_url(url)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _check_text_limits)
        self._watch: ChangeWatch | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def display_name(self) -> str:
        path = self.sqlite_path
        return str(path) if path else self.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def unit_of_work(self, immediate: bool = False) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back on any exception.

        ``immediate``: for a read-then-write (a version check before a save) on SQLite, take the write lock at the
        start (``BEGIN IMMEDIATE``, waiting up to the busy timeout), so what was read cannot change before the
        write; elsewhere the caller locks the rows it reads (``with_for_update``).
        """
        session = self._sessions()
        try:
            if immediate and self.is_sqlite:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            _raise_if_access_denied(exc)
            try:
                _raise_if_fault(exc, self.url)
            except BaseException:
                # SQLite keeps a connection opened on a read-only file read-only for good (and a server's dropped
                # connection is dead): the pool starts afresh, so pressing Save again works once the fault is gone
                self.engine.dispose()
                raise
            raise
        finally:
            session.close()

    def change_token(self) -> object | None:
        """A value that differs after any commit since it was taken (``storage.change_token``), so a read can be
        reused while it is the same; None when that cannot be told (then never reuse)."""
        if self._watch is None:
            self._watch = ChangeWatch(self.engine, self.sqlite_path)
        return self._watch.token()

    def dispose(self) -> None:
        if self._watch is not None:
            self._watch.close()
        self.engine.dispose()
