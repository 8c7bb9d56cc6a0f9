"""Feedback: the composer's draft for a session, saving it (with edit conflicts), and recognising a strength."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import feedback as feedback_api
from coachdesk.ui.kit import ops
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]


def compose(view: QWidget, ctx: Any, session_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """The composer's starting point for a session: its notes sorted, the choices, any feedback already given."""
    return ops.read(view, ctx, feedback_api.compose, session_uuid, done=done, key="draft", **kw)


def save_feedback(view: QWidget, ctx: Any, session_uuid: str, agent_uuid: str | None, values: dict,
                  version: int, done: Done, reload: Callable[[], object], **kw: Any) -> ops.Operation:
    """Save the feedback with the version the composer loaded; a save by someone else meanwhile is compared side by
    side (``ops.save``). Today, the agent page and the session show it."""
    return ops.save(view, ctx, lambda db, expected, overwriting: feedback_api.save_feedback(
        db, session_uuid, **values, expected_version=expected, overwriting=overwriting), version,
        changed=lambda row: change(Kind.FEEDBACK, [getattr(row, "uuid", None), agent_uuid, session_uuid]),
        done=done, reload=reload, **kw)


def recognise_strength(view: QWidget, ctx: Any, note_uuid: str, agent_uuid: str | None, done: Done,
                       **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, feedback_api.recognise_strength, note_uuid, done=done, **kw,
                     changed=lambda rec: change(Kind.RECOGNITION, [rec.uuid, agent_uuid]))
