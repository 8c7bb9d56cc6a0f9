"""How two spellings of a person's name relate: the same name ("Wei, Li" and "Li Wei"), a near match worth asking
about (initials, swapped order, a typo), or different people; and which names are placeholders, not people."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from coachdesk.domain.text import name_key

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
#: Names exports use for rows that are nobody: deleted users, template users, totals, queues and groups.
_PLACEHOLDERS = frozenset({
    "deleted", "deleted user", "deleted agent", "[deleted]", "(deleted)", "unknown", "unknown agent", "unknown user",
    "anonymous", "n/a", "na", "none", "nobody", "no agent", "not assigned", "unassigned", "system", "ivr",
    "voicemail", "queue", "all agents", "total", "totals", "grand total", "sum", "average", "overall", "all",
    "(blank)", "blank", "test", "test user", "test agent", "template", "default user", "admin", "administrator",
})
_PLACEHOLDER_PATTERNS = (
    (re.compile(r"^[\[(<{]\s*(deleted|removed|unknown|inactive|disabled|former)\b", re.I), "a deleted or unknown user"),
    (re.compile(r"\b(deleted|removed|inactive|disabled)\s+(user|agent|account)\b", re.I), "a deleted or unknown user"),
    (re.compile(r"\btemplate\b", re.I), "a template user"),
    (re.compile(r"^(queue|skill|group|team|split|vdn|campaign|workgroup|hunt group|routing)\b\s*[:#-]", re.I),
     "a queue or group"),
    (re.compile(r"\b(queue|workgroup|hunt group)\s*$", re.I), "a queue or group"),
    (re.compile(r"^(grand\s+)?totals?\b|\btotals?\s*$|^sub-?total\b|^summary\b", re.I), "a totals line"),
)
#: How similar two names must be (difflib ratio) to count as a possible typo of each other.
TYPO_RATIO = 0.88


def placeholder_reason(name: str) -> str | None:
    """Why ``name`` is not a person ("a deleted or unknown user", "a template user", "a queue or group", "a totals
    line", "a placeholder name"), or None for a name that may be a person's."""
    text = " ".join(name.split())
    if not text:
        return None
    for pattern, reason in _PLACEHOLDER_PATTERNS:
        if pattern.search(text):
            return reason
    return "a placeholder name" if name_key(text) in _PLACEHOLDERS else None


def tokens(name: str) -> list[str]:
    """A name's words, folded (case and accents ignored), "Last, First" turned into "First Last"."""
    return _TOKEN.findall(name_key(natural_order(name)))


def natural_order(name: str) -> str:
    """ "Wei, Li" -> "Li Wei"; a name without exactly one comma, or with an empty side, is left as it is."""
    if name.count(",") != 1:
        return name
    last, first = (part.strip() for part in name.split(","))
    if not last or not first:
        return name
    return f"{first} {last}"


def same_name(a: str, b: str) -> bool:
    """True when the names are the same but for case, accents, punctuation, "Last, First" order, or middle names
    and middle initials one side leaves out ("Mary Ann Lee" = "Mary Lee" = "Mary A. Lee")."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if len(ta) < 2 or len(tb) < 2 or ta[0] != tb[0] or ta[-1] != tb[-1]:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    middle_short, middle_long = short[1:-1], long_[1:-1]
    if not all(_middle_fits(word, middle_long) for word in middle_short):
        return False
    # as many middle words on both sides: each side's must fit the other's, or the answer would depend on the order
    # ("Mary Ann Ann Lee" fits into "Mary A B Lee" one way only)
    return len(short) < len(long_) or all(_middle_fits(word, middle_short) for word in middle_long)


def _middle_fits(word: str, others: list[str]) -> bool:
    return any(word == other or (len(word) == 1 and other.startswith(word)) or (len(other) == 1 and
               word.startswith(other)) for other in others)


def near_reason(a: str, b: str) -> str | None:
    """Why ``a`` may be the person called ``b`` although the names differ: an initial for a first name, the
    same words in another order, or a likely typo; None when they are not near (or are the same name)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb or same_name(a, b):
        return None
    if sorted(ta) == sorted(tb):
        return "the same words in another order"
    if len(ta) >= 2 and len(tb) >= 2 and ta[-1] == tb[-1] and ta[0][0] == tb[0][0] and \
            (len(ta[0]) == 1 or len(tb[0]) == 1):
        return "an initial for the first name"
    joined_a, joined_b = " ".join(ta), " ".join(tb)
    if any(ch.isdigit() for ch in joined_a + joined_b):
        return None  # "Agent 12" and "Agent 13", "First001" and "First002": numbered names are different people
    if len(ta) == len(tb) and ta[-1][0] == tb[-1][0] and SequenceMatcher(None, joined_a, joined_b).ratio() >= TYPO_RATIO:
        return "a spelling close to it"
    return None
