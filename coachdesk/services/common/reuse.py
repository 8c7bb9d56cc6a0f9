"""Reusing a costly read while the database has not changed: the last result of each named read, with the change
token (``Database.change_token``) taken before it ran and the arguments it ran with, per open database.

Taking the token before the read makes it safe: a commit while the read runs changes the next token, so that result
is never reused. A database that cannot tell (None) never reuses anything.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from coachdesk.storage.database import Database

T = TypeVar("T")

_last: weakref.WeakKeyDictionary[Database, dict[str, tuple[Any, Hashable, Any]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def while_unchanged(db: Database, name: str, key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or the result it gave last time for ``name`` and the same ``key`` (what else it depends on: the
    day, who is signed in) when nothing was committed to ``db`` since. Keep results immutable: they are shared."""
    token = db.change_token()
    if token is not None:
        with _lock:
            held = _last.get(db, {}).get(name)
        if held is not None and held[0] == token and held[1] == key:
            return held[2]
    result = read()
    if token is not None:
        with _lock:
            _last.setdefault(db, {})[name] = (token, key, result)
    return result


def forget_reused() -> None:
    """Forget every kept result (a benchmark times the read itself)."""
    with _lock:
        _last.clear()
