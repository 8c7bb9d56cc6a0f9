"""Observation: an agent's history, the Observe start panel's lists, a running session's writes in the order they
were made (each announced on the change channel), and calibration."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.domain.enums import Channel, NoteKind, ObservationMode, Role
from coachdesk.services import observation as observation_api
from coachdesk.services import people as people_api
from coachdesk.services.observation import DraftNote
from coachdesk.ui import tasks
from coachdesk.ui.kit import ops
from coachdesk.ui.kit.changes import Change, Kind, change

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
#: agents listed on the Observe start panel for a search
MAX_AGENTS = 30


@dataclass(frozen=True)
class AgentHistory:
    """The agent's sessions, newest first, and their scores over the period."""

    rows: list
    sheet: Any


def _history(db: Any, agent_uuid: str, start: date, end: date) -> AgentHistory:
    return AgentHistory(observation_api.agent_history(db, agent_uuid),
                        observation_api.period_scores(db, agent_uuid, start, end))


def agent_history(view: QWidget, ctx: Any, agent_uuid: str, start: date, end: date, done: Done,
                  **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _history, agent_uuid, start, end, done=done, key="history", **kw)


# -- the start panel --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StartChoices:
    """Who can observe (and who observed last time, else who is signed in), and the sessions still in progress."""

    observers: list
    remembered: str | None
    unfinished: list


def _start_choices(db: Any) -> StartChoices:
    from coachdesk.services import common as common_api

    signed_in = common_api.signed_in_person(db)  # a new user signed in is the observer of their first session
    remembered = observation_api.remembered_observer(db) or (signed_in.uuid if signed_in else None)
    return StartChoices(observation_api.observers(db), remembered, observation_api.unfinished_sessions(db, limit=20))


def start_choices(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _start_choices, done=done, key="start", **kw)


def agents(view: QWidget, ctx: Any, text: str, done: Done, **kw: Any) -> ops.Operation:
    """Agents whose name, e-mail or id matches ``text`` (a result overtaken by later typing is dropped)."""
    return ops.read(view, ctx, people_api.list_people, done=done, key="agents", search=text, role=Role.AGENT,
                    limit=MAX_AGENTS, **kw)


def agent_name(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """An agent's display name (for the start panel, when the agent is opened from another page)."""
    return ops.read(view, ctx, lambda db: people_api.agent_header(db, uuid).display_name, done=done,
                    key="agent", **kw)


def calibration_references(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _references, done=done, key="references", **kw)


def _references(db: Any) -> tuple[list, list]:
    return observation_api.calibration_references(db), observation_api.calibration_left_out(db)


def calibration_view(view: QWidget, ctx: Any, reference: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, observation_api.calibration_view, reference, done=done, key="calibration", **kw)


# -- a session ------------------------------------------------------------------------------------------------------
def session_changed(state: Any) -> Change:
    """What a session's write changes: its agent's history and trend, Today's observations, the team heat map."""
    return change([Kind.OBSERVATION], [state.uuid, state.agent_uuid])


def start_session(view: QWidget, ctx: Any, agent_uuid: str, mode: ObservationMode, announced: bool,
                  observer_uuid: str | None, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, observation_api.start_session, agent_uuid, mode, announced, observer_uuid,
                     changed=session_changed, done=done, **kw)


def _resume(db: Any, session_uuid: str) -> Any:
    state = observation_api.load_session(db, session_uuid)
    observation_api.set_current(db, session_uuid)
    return state


def resume(view: QWidget, ctx: Any, session_uuid: str, done: Done, failed: Failed | None = None) -> ops.Operation:
    """Load an unfinished session and name it as the one on screen (no view shows that: nothing to announce)."""
    return ops.write(view, ctx, _resume, session_uuid, changed=None, done=done, failed=failed)


class SessionWrites:
    """The writes of one running session, made one after another in the order of the keys pressed: a rating, the
    note about it and the end of the session never overtake each other on the worker threads.

    Each write is announced (the session and its agent). ``step`` takes a function of nothing that is called when
    the write's turn comes, so it can use what the writes before it returned (the interaction just started)."""

    def __init__(self, view: QWidget, ctx: Any, session_uuid: str, agent_uuid: str,
                 draft: DraftNote | None = None) -> None:
        self.view, self.ctx = view, ctx
        #: the draft as the database holds it (a draft equal to it is not written again)
        self.draft_written = draft if draft is not None and draft.text else None
        self.changed = change([Kind.OBSERVATION], [session_uuid, agent_uuid])
        self.session_uuid = session_uuid
        self.waiting: deque[Callable[[], tuple]] = deque()
        self.running = False
        self.done_count = 0

    @property
    def busy(self) -> bool:
        return self.running or bool(self.waiting)

    def drain(self, timeout_s: float = 10.0) -> bool:
        """Make every write still waiting before the app quits (their turns come by the event loop, which is
        ending); True when none is left."""
        deadline = time.monotonic() + timeout_s
        while self.busy and time.monotonic() < deadline:
            tasks.wait_for_all(100)
            QCoreApplication.processEvents()
        return not self.busy

    def step(self, make: Callable[[], tuple | None], announce: bool = True) -> None:
        """``make()`` gives ``(fn, args, done, failed)``: ``fn(db, *args)`` runs on a worker in its turn (None:
        nothing to write after all)."""
        self.waiting.append(lambda: (made := make()) and (*made, announce))
        if not self.running:
            self._next()

    def _next(self) -> None:
        if not self.waiting:
            self.running = False
            return
        self.running = True
        made = self.waiting.popleft()()
        if not made:
            self._next()
            return
        fn, args, done, failed, announce = made

        def finished(result: Any) -> None:
            self.done_count += 1
            if done is not None:
                done(result)
            self._next()

        def refused(error: BaseException) -> None:
            (failed or (lambda e: ops.show_error(self.view, e)))(error)
            self._next()

        ops.write(self.view, self.ctx, fn, *args, changed=self.changed if announce else None, done=finished,
                  failed=refused)

    # -- the named writes ------------------------------------------------------------------------------------------
    def start_interaction(self, channel: Channel, done: Done, failed: Failed) -> None:
        """Start timing an interaction (the service ends one still open)."""
        self.step(lambda: (lambda db: observation_api.start_interaction(db, self.session_uuid, "", channel)[0], (),
                           done, failed))

    def end_interaction(self, uuid: Callable[[], str], done: Done, failed: Failed) -> None:
        self.step(lambda: (observation_api.end_interaction, (uuid(),), done, failed))

    def interaction_details(self, uuid: Callable[[], str], reference: str, channel: Channel, done: Done,
                            failed: Failed) -> None:
        self.step(lambda: (observation_api.set_interaction_details, (uuid(), reference, channel), done, failed))

    def rate(self, behaviour_id: int, key: str, interaction: Callable[[], str | None], done: Done,
             failed: Failed) -> None:
        self.step(lambda: (observation_api.rate, (self.session_uuid, behaviour_id, key, interaction()), done,
                           failed))

    def clear_rating(self, behaviour_id: int, interaction: Callable[[], str | None], done: Done,
                     failed: Failed) -> None:
        self.step(lambda: (observation_api.clear_rating, (self.session_uuid, behaviour_id, interaction()), done,
                           failed))

    def save_draft(self, draft: Callable[[], DraftNote], done: Done, failed: Failed) -> None:
        """The note being typed (the unfinished sessions list says so), as it is when its turn comes; not written
        when the database already holds it (an empty line after a stamp, a session ended)."""
        def make() -> tuple | None:
            wanted = draft()
            wanted = wanted if wanted.text else None
            if wanted == self.draft_written:
                return None

            def written(result: Any) -> None:
                self.draft_written = wanted
                done(result)
            return observation_api.save_draft, (self.session_uuid, wanted), written, failed
        self.step(make)

    def add_note(self, text: str, kind: NoteKind, interaction: Callable[[], str | None], behaviour_id: int | None,
                 objective_uuid: str | None, done: Done, failed: Failed) -> None:
        """Stamp a note (the draft goes with it)."""
        def stamped(note: Any) -> None:
            self.draft_written = None
            done(note)
        self.step(lambda: (observation_api.add_note, (self.session_uuid, text, kind, interaction(), behaviour_id,
                                                      objective_uuid), stamped, failed))

    def mark_note(self, note_uuid: Callable[[], str], kind: NoteKind, objective_uuid: str | None, done: Done,
                  failed: Failed) -> None:
        self.step(lambda: (observation_api.mark_note, (note_uuid(), kind, objective_uuid), done, failed))

    def end_session(self, done: Done, failed: Failed) -> None:
        self.step(lambda: (observation_api.end_session, (self.session_uuid,), done, failed))

    def discard_session(self, done: Done, failed: Failed) -> None:
        self.step(lambda: (observation_api.discard_session, (self.session_uuid,), done, failed))

    def flush(self) -> None:
        """Copy SQLite's write-ahead log into the file (nothing changes that a view shows; a failure is logged)."""
        self.step(lambda: (observation_api.flush_to_disk, (), None,
                           lambda error: log.warning("could not flush the database file: %s", error)),
                  announce=False)
