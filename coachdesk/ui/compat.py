"""Work-arounds for defects of the Qt binding found at run time (each one probed, applied only where it bites).

PySide6 6.12.0's abi3 wheels return ``None`` from every void method without taking a reference to it. From
Python 3.12 ``None`` is immortal and nothing happens; on Python 3.11 each call (``setText``, ``QPainter.setPen``,
…) lowers ``None``'s reference count by one, and the process dies ("deallocating None") after some thousands of
calls: within seconds on a page that paints a lot. The probe below measures that leak; where it is found,
the counts of ``None``, ``True`` and ``False`` (bools are returned the same way: a long session dies with
"deallocating True or False" at exit) are raised far out of reach; these singletons are never freed anyway, and
this is what Python 3.12 does for them.
"""

from __future__ import annotations

import sys

#: added to None's reference count where the leak is found: no process makes 2**40 calls
_HEADROOM = 1 << 40
_applied = False


def void_calls_leak_none() -> bool:
    """True when a void PySide6 method lowers ``None``'s reference count (the PySide6 6.12.0 / Python 3.11 bug)."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: the leak, if any, is harmless
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 20


def guard_none_refcount() -> bool:
    """Apply the work-around once when needed; return whether it is in place."""
    global _applied
    if not _applied and void_calls_leak_none():
        import ctypes

        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
        _applied = True
    return _applied
