"""Undo notices: after archiving, deactivating or closing something, the code that did it ``offer``s its inverse;
the main window's notice bar shows "Archived X · Undo" for a few seconds (erasure offers nothing: it is final)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class UndoOffer:
    """What was done, in one short sentence, and the inverse to run when the user presses Undo."""

    text: str
    undo: Callable[[], object]


class _Hub(QObject):
    offered = Signal(object)  # an UndoOffer


_hub: _Hub | None = None


def hub() -> _Hub:
    """The one channel of undo offers (the main window's notice bar listens to it)."""
    global _hub  # noqa: PLW0603 - one channel per process, like the change channel
    if _hub is None:
        _hub = _Hub()
    return _hub


def offer(text: str, undo: Callable[[], object]) -> UndoOffer:
    """Show ``text`` with an Undo button that runs ``undo`` (a named action writing the inverse)."""
    item = UndoOffer(text, undo)
    hub().offered.emit(item)
    return item
