"""A team server lost mid-session, on the GUI side: hears of every call that lost the connection (the kit's error
path and the engine's own), says so at once, retries in the background with a growing pause, and when the server
answers again saves the drafts kept on this computer (settling conflicts as the kit does) and announces a refresh
on the change channel, so every visible page reloads without a restart."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from coachdesk.domain.errors import ConflictError
from coachdesk.services import common as common_api
from coachdesk.ui import tasks
from coachdesk.ui.kit import changes, ops
from coachdesk.ui.kit.conflicts import KEEP_MINE, TAKE_THEIRS, ask_choice

log = logging.getLogger(__name__)

#: pauses between tries while the server is away, in milliseconds (the last one repeats)
BACKOFF_MS = (1000, 2000, 4000, 8000, 15000)


def draft_fields(value_json: str | None) -> dict[str, str]:
    """A draft's typed text, field by field, for the conflict dialog (its bookkeeping left out)."""
    import json

    if value_json is None:
        return {"Draft": "(deleted)"}
    try:
        data = json.loads(value_json)
    except ValueError:
        return {"Draft": value_json[:2000]}
    if not isinstance(data, dict):
        return {"Draft": str(data)[:2000]}
    return {key.replace("_", " ").capitalize(): str(value)[:2000] for key, value in data.items()
            if key != "saved_at" and isinstance(value, str | int | float) and str(value).strip()}


class ServerWatch(QObject):
    """One per main window on a team server. ``lost(server)`` when a call lost it, ``retrying(seconds)`` before each
    try, ``back(server)`` once it answers and the kept drafts are saved."""

    lost = Signal(str)
    retrying = Signal(int)
    back = Signal(str)
    _heard = Signal(object)  # from any thread to the GUI thread

    def __init__(self, ctx: Any, parent: QWidget | None = None,
                 ask: Callable[[QWidget | None, ConflictError], str] = ask_choice) -> None:
        super().__init__(parent)
        self.ctx, self.parent_widget, self.ask = ctx, parent, ask
        self.server = common_api.server_name(ctx.db)
        self.down = False
        self.tries = 0
        self.task: tasks.TaskHandle | None = None
        self.trying = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.try_now)
        self._heard.connect(self.heard)
        self._stop: Callable[[], None] | None = common_api.watch_connection(ctx.db, self._heard.emit)
        ops.set_outage_display(self._heard.emit)  # the kit's error path: no message box for a lost server
        stop = self._stop
        self.destroyed.connect(lambda *_: stop())  # the window closed: the engine stops reporting here

    def close(self) -> None:
        self.timer.stop()
        ops.set_outage_display(None)
        if self._stop is not None:
            self._stop()

    def heard(self, error: BaseException | None = None) -> None:
        """A call lost the server (GUI thread): say so at once and start retrying, unless already doing so."""
        if self.down:
            return
        log.warning("team server %s lost: %r", self.server, error)
        self.down, self.tries = True, 0
        self.lost.emit(self.server)
        self._schedule()

    def _schedule(self) -> None:
        pause = BACKOFF_MS[min(self.tries, len(BACKOFF_MS) - 1)]
        self.retrying.emit(pause // 1000)
        self.timer.start(pause)

    def try_now(self) -> None:
        """Try the server now (the banner's Retry, or the timer)."""
        if not self.down or self.trying:
            return
        self.timer.stop()
        self.tries += 1
        self.trying = True
        self.task = tasks.submit(self._reconnect_and_save, self.ctx.db, on_success=self._answered,
                                 on_error=self._still_away)

    @staticmethod
    def _reconnect_and_save(db: Any) -> common_api.SavedDrafts:
        common_api.reconnect(db)
        try:
            return common_api.save_local_drafts(db)
        except Exception as error:
            if common_api.connection_lost(error):
                raise
            log.exception("the drafts kept on this computer could not be saved now; they stay kept")
            return common_api.SavedDrafts((), ())  # the server is back all the same

    def _still_away(self, error: BaseException) -> None:
        self.trying = False
        if not common_api.connection_lost(error):
            log.error("saving the drafts kept on this computer failed: %r", error)
        self._schedule()

    def _answered(self, result: common_api.SavedDrafts) -> None:
        self.trying = False
        for conflict in result.conflicts:
            self._settle(conflict)
        self.down = False
        log.info("team server %s is back; %d kept draft(s) saved", self.server, len(result.saved))
        self.back.emit(self.server)
        changes.announce([changes.Kind.EVERYTHING])  # pages opened during the outage reload

    def keep_drafts_in(self, folder: Any) -> None:
        """Drafts that cannot reach the server are kept in ``folder`` (a journal per login and server)."""
        common_api.keep_drafts_in(self.ctx.db, folder)

    def save_kept(self) -> None:
        """At start: save the drafts an earlier run kept on this computer while the server was away."""
        journal = common_api.draft_journal(self.ctx.db)
        if journal is None or not journal.pending():
            return
        tasks.submit(common_api.save_local_drafts, self.ctx.db, on_success=self._kept_saved,
                     on_error=lambda error: self.heard(error) if common_api.connection_lost(error) else
                     log.error("saving the drafts kept on this computer failed: %r", error))

    def _kept_saved(self, result: common_api.SavedDrafts) -> None:
        for conflict in result.conflicts:
            self._settle(conflict)
        if result.saved:
            log.info("%d draft(s) kept on this computer saved to %s", len(result.saved), self.server)
            changes.announce([changes.Kind.EVERYTHING])

    def _settle(self, conflict: common_api.DraftConflict) -> None:
        error = ConflictError(self.tr("This draft was changed on another computer while the team server was away."),
                              kind="draft", label=self.tr("Your draft"), theirs=draft_fields(conflict.theirs),
                              mine=draft_fields(conflict.mine), their_version=1, my_version=0)
        choice = self.ask(self.parent_widget, error)
        db = self.ctx.db
        if choice == TAKE_THEIRS:
            common_api.discard_local_draft(db, conflict.key)
        elif choice == KEEP_MINE:
            tasks.submit(common_api.save_local_drafts, db, frozenset({conflict.key}))
        # back to editing: this computer's copy stays kept and is offered again when the server is next reached
