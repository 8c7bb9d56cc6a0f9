"""Storage failures a user can cause or meet, each with a message fit to show as it is."""

from __future__ import annotations

from coachdesk.domain.errors import CoachDeskError


class StorageError(CoachDeskError):
    """Base class: ``str(error)`` is a complete, plain sentence for the user."""


class NotACoachDeskDatabase(StorageError):
    pass


class DamagedDatabase(StorageError):
    pass


class NewerDatabase(StorageError):
    pass


class DatabaseUnavailable(StorageError):
    pass


class BackupError(StorageError):
    pass


class AccessDenied(StorageError):
    """The team server's row-level security refused a write outside the signed-in person's teams."""
