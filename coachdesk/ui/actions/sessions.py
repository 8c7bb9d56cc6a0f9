"""One observation session read back: its detail, amending a note, and the session left unfinished at start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import observation as observation_api
from coachdesk.services import trends as trends_api
from coachdesk.ui.kit import ops
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]


def session_detail(view: QWidget, ctx: Any, session_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, observation_api.session_detail, session_uuid, done=done, key="session", **kw)


def amend_note(view: QWidget, ctx: Any, note_uuid: str, text: str, reason: str, session_uuid: str, done: Done,
               **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, observation_api.amend_note, note_uuid, text, reason, done=done,
                     changed=change(Kind.OBSERVATION, [session_uuid, note_uuid]), **kw)


def session_to_resume_now(view: QWidget | None, ctx: Any) -> Any:
    """The session left in progress when the app last stopped, or None (one short read at start-up)."""
    return ops.read_now(view, ctx, observation_api.session_to_resume)


def record_detail_now(view: QWidget | None, ctx: Any, kind: str, uuid: str, failed: Any = None) -> Any:
    """The coaching record behind a trend marker (one short read)."""
    return ops.read_now(view, ctx, trends_api.record_detail, kind, uuid, failed=failed)
