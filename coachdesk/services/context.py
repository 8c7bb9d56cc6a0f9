"""The handle the GUI and the CLI pass around: one open database and the app's folders."""

from __future__ import annotations

from dataclasses import dataclass

from coachdesk.paths import AppPaths
from coachdesk.services.store import Location
from coachdesk.storage.database import Database


@dataclass
class AppContext:
    db: Database
    paths: AppPaths
    location: Location

    def describe(self) -> str:
        return self.db.display_name()
