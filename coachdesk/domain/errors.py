"""Errors a user can cause or meet; ``str(error)`` is a complete sentence fit to show as it is."""

from __future__ import annotations


class CoachDeskError(Exception):
    """Base of every error the app reports to the user without a traceback."""


class ValidationError(CoachDeskError):
    """Input that breaks a rule; nothing was changed."""


class NotFound(CoachDeskError):
    pass


class Ambiguous(CoachDeskError):
    """A name that matches more than one record; the message lists the matches."""


class ConflictError(CoachDeskError):
    """Someone saved the record after this editor loaded it; nothing was saved.

    ``theirs`` is what the database holds now (at ``their_version``), ``mine`` what this user tried to save (based
    on ``my_version``), both as plain field label -> shown value dicts, so an editor can show them side by side.
    """

    def __init__(self, message: str, kind: str = "", label: str = "", theirs: dict[str, str] | None = None,
                 mine: dict[str, str] | None = None, their_version: int | None = None,
                 my_version: int | None = None) -> None:
        super().__init__(message)
        self.kind, self.label = kind, label
        self.theirs, self.mine = dict(theirs or {}), dict(mine or {})
        self.their_version, self.my_version = their_version, my_version

    def differences(self) -> list[str]:
        """The fields whose values differ, in the order of ``theirs`` then any only in ``mine``."""
        keys = list(self.theirs) + [k for k in self.mine if k not in self.theirs]
        return [k for k in keys if self.theirs.get(k, "") != self.mine.get(k, "")]
