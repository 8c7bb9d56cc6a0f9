"""Where the database is (a file path or a server URL), decided from options, environment and the data folder.

Deliberately light (no SQLAlchemy import): start-up resolves and checks the location before loading the ORM.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coachdesk.paths import DB_ENV, DB_URL_ENV, AppPaths


@dataclass(frozen=True)
class Location:
    """Where the database is: an SQLAlchemy URL, and the file path when it is SQLite."""

    url: str
    path: Path | None


def sqlite_location(path: str | os.PathLike[str]) -> Location:
    resolved = Path(path).expanduser().resolve()
    return Location(url=f"sqlite+pysqlite:///{resolved}", path=resolved)


def resolve_location(paths: AppPaths, db: str | None = None, db_url: str | None = None) -> Location:
    """``--db-url`` / ``COACHDESK_DB_URL`` first, then ``--db`` / ``COACHDESK_DB``, then the user's data folder."""
    url = db_url or (None if db else os.environ.get(DB_URL_ENV))
    if url:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        path = None
        if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database).expanduser().resolve()
        return Location(url=url, path=path)
    return sqlite_location(db or os.environ.get(DB_ENV) or paths.default_db)
