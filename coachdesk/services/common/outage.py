"""A team server lost mid-session: which errors mean the connection is gone, a watch that hears of every such
failure (whoever made the call), and reconnecting when the server is back. No Qt: the GUI's banner listens."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from coachdesk.storage.database import Database
from coachdesk.storage.faults import StorageFault, describe

log = logging.getLogger(__name__)

Listener = Callable[[BaseException], None]


class ServerUnreachable(StorageFault):
    """A call not even tried: the server is known to be away (its typing is kept on this computer meanwhile)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "unreachable")


def server_name(db: Database) -> str:
    """``host:port`` of a team server (what the user's administrator calls it), or the file's path."""
    if db.is_sqlite:
        return db.display_name()
    return f"{db.url.host or 'localhost'}:{db.url.port or 5432}"


def connection_lost(error: BaseException | None) -> bool:
    """True when ``error`` (or what it wraps) says the team server cannot be reached: refused or dropped
    connections, a server shutting down or starting up, SQLAlchemy's disconnect flag. A wrong password, a refusal
    by row-level security, a full disk or a bad value are not: they need the user, not a retry."""
    if error is None:
        return False
    if isinstance(error, StorageFault):
        return error.kind == "unreachable"
    item: BaseException | None = error
    for _ in range(10):  # SQLAlchemy marks a dropped connection it noticed itself
        if item is None:
            break
        if getattr(item, "connection_invalidated", False) and type(item).__module__.startswith("sqlalchemy"):
            return True
        item = item.__cause__ or item.__context__
    fault = describe(error, "postgresql://server")
    return fault is not None and fault.kind == "unreachable"


class _Watch:
    """One database's state: whether the server is away, and who wants to hear of a lost connection."""

    def __init__(self) -> None:
        self.down = False
        self.listeners: list[Listener] = []
        self.lock = threading.Lock()
        self.unlisten: Callable[[], None] | None = None


_watches: weakref.WeakKeyDictionary[Database, _Watch] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _watch(db: Database) -> _Watch:
    with _lock:
        watch = _watches.get(db)
        if watch is None:
            watch = _watches[db] = _Watch()
        return watch


def watch_connection(db: Database, listener: Listener) -> Callable[[], None]:
    """Call ``listener(error)`` (on whichever thread failed) each time a call on ``db`` loses the server, be it a
    worker's read, an autosave or a write on the GUI thread; returns a function that stops the watch. Only a
    team server is watched (a local file's faults are not outages)."""
    watch = _watch(db)
    with watch.lock:
        first = not watch.listeners
        watch.listeners.append(listener)
    if first and not db.is_sqlite:
        from sqlalchemy import event

        def heard(context: Any) -> None:  # SQLAlchemy's handle_error: also for a connect that failed
            error = context.original_exception
            if context.is_disconnect or connection_lost(error):
                report_lost(db, error)

        event.listen(db.engine, "handle_error", heard)
        watch.unlisten = lambda: event.remove(db.engine, "handle_error", heard)

    def stop() -> None:
        with watch.lock:
            if listener in watch.listeners:
                watch.listeners.remove(listener)
            last = not watch.listeners
        if last and watch.unlisten is not None:
            watch.unlisten()
            watch.unlisten = None
    return stop


def report_lost(db: Database, error: BaseException) -> None:
    """Mark the server away and tell the listeners (any thread; each listener passes it on to its own)."""
    watch = _watch(db)
    with watch.lock:
        watch.down = True
        listeners = list(watch.listeners)
    for listener in listeners:
        try:
            listener(error)
        except Exception:  # noqa: BLE001 - a listener's bug must not hide the original failure
            log.exception("outage listener failed")


def is_down(db: Database) -> bool:
    """Whether the server was lost and has not answered since (writes of drafts then go to the local journal)."""
    watch = _watches.get(db)
    return bool(watch and watch.down)


def unreachable(db: Database) -> ServerUnreachable:
    return ServerUnreachable(f"The team server {server_name(db)} cannot be reached; what you typed is kept on this "
                             "computer and saved there when it is back.")


def reconnect(db: Database) -> None:
    """Drop every pooled connection (all dead after an outage) and try a fresh one; raises while the server is still
    away. On success the server counts as back."""
    from sqlalchemy import text

    db.engine.dispose()
    with db.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    watch = _watch(db)
    with watch.lock:
        watch.down = False


def server_and_user(url: str) -> tuple[str, str]:
    """``host:port`` and the login of a server URL (for the sign-in dialog's sentences)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}", parsed.username or ""


def with_login(url: str, user: str, password: str) -> str:
    """``url`` signing in as ``user`` with ``password`` (kept in memory only, never written anywhere)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(username=user or None, password=password or None)
    return parsed.render_as_string(hide_password=False)


def open_server(location: Any) -> Any:
    """``open_store`` for a team server, its connection faults said in one sentence (a ``StorageFault``: kind
    ``unreachable``, ``auth``, ``no-database``) instead of the driver's error."""
    from coachdesk.services.common.store import open_store
    from coachdesk.storage.faults import raise_if_fault

    try:
        return open_store(location)
    except StorageFault:
        raise
    except Exception as exc:
        raise_if_fault(exc, location.url)
        raise
