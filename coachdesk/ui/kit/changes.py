"""The change channel: every write announces the record kinds and ids it changed; views watch the kinds they show.

A watched view that is visible refreshes at once; a hidden one is marked stale and refreshes when it is next shown,
so nobody presses F5 to see their own change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class Kind(StrEnum):
    """The kinds of record a write can change."""

    PERSON = "person"  # people, their roles, aliases, ids and memberships
    TEAM = "team"
    GOAL = "goal"
    OBJECTIVE = "objective"
    TEMPLATE = "template"
    OBSERVATION = "observation"
    FEEDBACK = "feedback"
    RECOGNITION = "recognition"
    ONE_TO_ONE = "one_to_one"
    KPI = "kpi"  # KPI definitions, role KPI sets, mappings
    KPI_FIGURE = "kpi_figure"  # figures and import batches
    FRAMEWORK = "framework"  # behaviour frameworks and rating scales
    SETTING = "setting"
    REMINDER = "reminder"  # reminders shown, snoozed or dismissed
    EVERYTHING = "*"  # demo data, a restore, a merge: every view reloads


@dataclass(frozen=True)
class Change:
    """What one write changed: the kinds of record and (where known) their UUIDs."""

    kinds: frozenset[str]
    ids: frozenset[str] = frozenset()

    def touches(self, kinds: Iterable[str]) -> bool:
        return Kind.EVERYTHING in self.kinds or not self.kinds.isdisjoint(kinds)

    def names(self, uuid: str | None) -> bool:
        """True when the change is about ``uuid`` (or does not say which records it is about)."""
        return not self.ids or uuid in self.ids or Kind.EVERYTHING in self.kinds


def change(kinds: Iterable[str] | str, ids: Iterable[str | None] = ()) -> Change:
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    return Change(frozenset(str(kind) for kind in kinds), frozenset(i for i in ids if i))


class Channel(QObject):
    """The one channel; ``changed`` carries a ``Change`` on the GUI thread."""

    changed = Signal(object)


_channel: Channel | None = None


def channel() -> Channel:
    global _channel
    if _channel is None:
        _channel = Channel()
    return _channel


def announce(kinds: Iterable[str] | str, ids: Iterable[str | None] = ()) -> Change:
    """Tell every watching view what changed (call on the GUI thread, after the write committed)."""
    news = change(kinds, ids)
    if news.kinds:
        channel().changed.emit(news)
    return news


class Watch(QObject):
    """Refreshes ``widget`` when a change touches ``kinds``: at once when visible, else when next shown."""

    def __init__(self, widget: QWidget, kinds: Iterable[str], refresh: Callable[[], object],
                 wants: Callable[[Change], bool] | None = None) -> None:
        super().__init__(widget)
        self.setObjectName(f"watch_{widget.objectName()}")
        self.widget, self.kinds, self.refresh, self.wants = widget, frozenset(kinds), refresh, wants
        self.stale = False
        self.refreshes = 0
        widget.installEventFilter(self)
        channel().changed.connect(self._on_change)

    def _on_change(self, news: Change) -> None:
        if not news.touches(self.kinds) or (self.wants is not None and not self.wants(news)):
            return
        if self.widget.isVisible():
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self._refresh()
        return False

    def _refresh(self) -> None:
        self.stale = False
        self.refreshes += 1
        try:
            self.refresh()
        except Exception:  # noqa: BLE001 - one view failing to reload must not undo or hide the write
            log.exception("could not refresh %s after a change", self.widget.objectName())


def watch(widget: QWidget, kinds: Iterable[str] | str, refresh: Callable[[], object],
          wants: Callable[[Change], bool] | None = None) -> Watch:
    """Keep ``widget`` up to date with writes to ``kinds``; ``wants`` narrows it (e.g. to the record shown)."""
    return Watch(widget, (kinds,) if isinstance(kinds, str) else kinds, refresh, wants)
