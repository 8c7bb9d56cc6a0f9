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
