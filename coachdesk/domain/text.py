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


#: First characters that make a spreadsheet read a cell as a formula (or hide one behind a tab or carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def spreadsheet_safe(value: object) -> object:
    """A CSV/TSV cell a spreadsheet will not run: text starting with ``= + - @``, tab or carriage return gets a
    leading apostrophe (OWASP's advice); plain numbers such as ``-0.5`` and non-text values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def printable(text: object, limit: int = 120) -> str:
    """``text`` safe to show in a message: control bytes escaped (``\\x00``, ``\\x1b``), at most ``limit``
    characters, the rest counted."""
    value = str(text)
    cut = value[:limit]
    shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}",
                         cut)
    if len(value) > limit:
        shown += f"… ({len(value) - limit:,} more characters)"
    return shown


def shorten_list(items: list[object] | tuple[object, ...], keep: int = 12, limit: int = 60) -> str:
    """Items joined for a message, each made printable: at most ``keep`` of them, then "and 999,988 more"."""
    shown = [printable(item, limit) for item in items[:keep]]
    rest = len(items) - len(shown)
    if rest > 0:
        if len(shown) > 2:
            return f"{shown[0]} … {shown[-1]}, and {rest:,} more"
        return ", ".join(shown) + f", and {rest:,} more"
    return ", ".join(shown)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``1,000 rows``."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
