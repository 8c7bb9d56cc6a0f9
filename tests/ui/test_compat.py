"""The run-time work-around for PySide6 6.12.0 on Python 3.11 (void methods leak references to None)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

from coachdesk.ui import compat


def test_a_long_session_of_void_calls_does_not_kill_the_process() -> None:
    probe = QObject()
    for _ in range(300_000):  # far more than None's reference count on an unguarded Python 3.11
        probe.setObjectName("x")
    assert sys.getrefcount(None) > 1000


def test_the_guard_is_in_place_exactly_where_the_leak_is() -> None:
    if sys.version_info >= (3, 12):
        assert not compat.guard_none_refcount()
    else:
        assert compat.guard_none_refcount() == compat._applied
