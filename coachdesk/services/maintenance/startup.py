"""The fast start: decide with the standard library alone whether the database can open without migrating."""

from __future__ import annotations

from coachdesk.services.common import Location
from coachdesk.storage.inspect import inspect_sqlite_file
from coachdesk.storage.schema import SCHEMA_HEAD


def ready_without_migration(location: Location) -> bool:
    """True for an existing CoachDesk SQLite file already at this app's schema revision.

    Raises ``CoachDeskError`` for a file that is not CoachDesk's or is unreadable; returns False when the full,
    slower open (migration, seeding, or a database server) is needed. The ``quick_check`` is left to
    ``services.backups.after_start``, which the GUI runs off its thread once the window is up.
    """
    if location.path is None:
        return False
    state = inspect_sqlite_file(location.path, quick_check=False)
    return not state.is_empty and state.revision == SCHEMA_HEAD

