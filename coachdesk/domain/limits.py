"""Limits on what one record may hold, shared by the exchange format, the services and the screens' text fields."""

from __future__ import annotations

#: characters in one free-text field (notes, summaries, descriptions, comments): about ten printed pages, enough for
#: any coaching note; a record at this limit still prints in well under 10 s (tests/reports/test_long_texts.py)
FREE_TEXT_MAX = 20_000
#: characters in one JSON text column (saved import mappings, audit details, settings)
JSON_TEXT_MAX = 1_000_000
#: how deeply an exchange document may nest objects and lists (a record needs 4 levels; the whole document 6)
EXCHANGE_MAX_DEPTH = 16


def text_limit(column_name: str, declared: int | None) -> int:
    """The most characters a text column may hold: its declared length, or the free-text or JSON limit."""
    if declared is not None:
        return declared
    return JSON_TEXT_MAX if column_name.endswith("_json") else FREE_TEXT_MAX


def check_text(label: str, value: str | None, limit: int = FREE_TEXT_MAX) -> None:
    """Raise ``ValidationError`` naming ``label`` when ``value`` is longer than ``limit`` characters."""
    if value is not None and len(value) > limit:
        from coachdesk.domain.errors import ValidationError

        raise ValidationError(f"{label} is {len(value):,} characters long; the most CoachDesk keeps is {limit:,}. "
                              "Shorten it (or attach the long text as a file elsewhere) and save again.")
