"""Whether anything was committed to a database since a moment: a token that differs after any commit, by this
program or another one, so a costly read can be reused while it stays the same.

- SQLite: ``PRAGMA data_version`` on a connection of its own that never writes. The value changes whenever another
  connection commits (every pooled connection of this program is another connection, and so is every other
  program); a reopened watch starts a new generation, so its counts are never compared with the old ones.
- PostgreSQL: the current snapshot (``pg_current_snapshot()``, PostgreSQL 13+): its xmax moves on for every
  transaction that writes, and a writer in progress when the token was taken is in its list until it ends, so a
  commit after the token always changes it. Writes elsewhere on the server change it too: a read is then done again
  for nothing, never reused wrongly.
- Anything else, an in-memory database, or any failure: None, which means "cannot tell": never reuse.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

_generations = itertools.count(1)


class ChangeWatch:
    """The change token of one database (``Database.change_token``); ``close`` lets go of the file."""

    def __init__(self, engine: Engine, sqlite_path: Path | None) -> None:
        self.engine = engine
        self.sqlite_path = sqlite_path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._generation = 0

    def token(self) -> Any:
        try:
            if self.engine.dialect.name == "sqlite":
                return self._sqlite_token()
            if self.engine.dialect.name == "postgresql":
                with self.engine.connect() as connection:
                    return ("pg", connection.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar())
        except Exception:  # noqa: BLE001 - no token only means the read is done again
            self.close()
        return None

    def _sqlite_token(self) -> Any:
        if self.sqlite_path is None:
            return None
        with self._lock:
            if self._connection is None:  # mode=rw: never creates a file that is not there
                self._connection = sqlite3.connect(f"{self.sqlite_path.as_uri()}?mode=rw", uri=True,
                                                   check_same_thread=False, timeout=10)
                self._generation = next(_generations)
            return ("sqlite", self._generation, self._connection.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
