"""Text rules shared by matching and search: the folded key of a name (case, spacing and accents ignored)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\".]+(\.[^@\s,;<>\".]+)+$")


def name_key(text: str) -> str:
    """Fold ``text`` for matching: NFKD, accents dropped, case-folded, punctuation-insensitive spacing.

    >>> name_key("  José   O'Neil-Smith ")
    "jose o'neil-smith"
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def is_email_address(text: str) -> bool:
    """A plausible e-mail address: one ``@``, a dotted domain, no spaces."""
    return bool(_EMAIL.match(text.strip()))
