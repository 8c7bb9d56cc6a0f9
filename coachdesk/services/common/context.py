"""The handle the GUI and the CLI pass around: the app's folders, the database location and its open connection.

The ``Database`` (SQLAlchemy engine) is made on first use, so the main window can appear before the ORM loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.paths import AppPaths
from coachdesk.services.common.location import Location

if TYPE_CHECKING:
    from coachdesk.storage.database import Database


class AppContext:
    def __init__(self, db: Database | None, paths: AppPaths, location: Location) -> None:
        self._db = db
        self.paths = paths
        self.location = location

    @property
    def db(self) -> Database:
        if self._db is None:
            from coachdesk.storage.database import Database

            self._db = Database(self.location.url)
        return self._db

    def describe(self) -> str:
        return str(self.location.path) if self.location.path else self.db.display_name()

    def dispose(self) -> None:
        if self._db is not None:
            self._db.dispose()
