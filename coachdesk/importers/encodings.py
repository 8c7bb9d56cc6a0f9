"""Which text encoding a file that is not UTF-8 uses: charset-normalizer proposes, a plausibility check decides.

charset-normalizer alone often misreads short exports (a cp1251 roster comes back as mac_cyrillic, ISO-8859-2 as
cp1252), so every candidate it proposes, and the common legacy code pages, are decoded and scored: symbols where
names belong (``£ukasz ¯ó³æ``), words that mix scripts, and Latin words made mostly of accented letters
(``Èâàí Ïåòðîâ``) count against a candidate; the lowest score wins, ties going to the earlier candidate.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

#: Code pages tried besides charset-normalizer's proposals, most common first (the tie-break order).
LEGACY = ("cp1252", "iso-8859-2", "cp1250", "cp1251", "koi8-r", "cp932", "gb18030", "big5", "euc-kr", "cp1253",
          "cp1254", "cp1257", "iso-8859-15", "mac_roman")
SAMPLE = 256 * 1024
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPT_GROUP = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK"}


def _script(ch: str) -> str:
    if ch < "\u0080":
        return "LATIN"
    try:
        first = unicodedata.name(ch).split()[0]
    except ValueError:
        return "?"
    return _SCRIPT_GROUP.get(first, first)


def implausibility(text: str) -> float:
    """Penalty points per thousand characters for ``text`` read in some encoding: 0 for clean text."""
    if not text:
        return 0.0
    points = 0
    for ch in text:
        if ch < "\u0080":
            if ch < " " and ch not in "\t\r\n":
                points += 3
            continue
        category = unicodedata.category(ch)
        if category[0] in "SC" or category in ("No", "Pi", "Pf"):  # symbols, controls (U+FFFD is a symbol), odd marks
            points += 3
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            points += 2
        elif scripts == {"LATIN"} and len(word) >= 3 and sum(not ch.isascii() for ch in word) * 2 > len(word):
            points += 2
        if any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False)):
            points += 1
    return points * 1000 / len(text)


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def proposals(data: bytes) -> list[str]:
    """charset-normalizer's candidates for ``data``, best first (Python codec names)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency; the legacy list still decides
        return []
    out = []
    for match in from_bytes(data, cp_isolation=None, explain=False):
        name = codecs.lookup(match.encoding).name
        if name not in out and not name.startswith("utf"):
            out.append(name)
    return out[:8]


def guess(data: bytes) -> tuple[str, str]:
    """(encoding, how it was found) for bytes that are not UTF-8; cp1252 when nothing decodes cleanly."""
    sample = data[:SAMPLE]
    candidates = list(dict.fromkeys([*(codecs.lookup(e).name for e in LEGACY), *proposals(sample)]))
    scored = []
    for rank, encoding in enumerate(candidates):
        text = _decode(sample, encoding)
        if text is not None:
            scored.append((implausibility(text), rank, encoding))
    if not scored:
        return "cp1252", "not UTF-8, and no common encoding reads it cleanly: read as cp1252, bad bytes replaced"
    score, _rank, best = min(scored)
    return best, f"not UTF-8; detected as {best} (charset-normalizer's candidates and common code pages " \
                 f"compared{'' if score < 5 else ', with doubts: choose the encoding if names look wrong'})"
