"""One-to-ones: who is due, the prep sheet, the sessions, and recording, acknowledging and amending them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import common as common_api
from coachdesk.services import one_to_ones as oto_api
from coachdesk.ui.kit import ops
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]


@dataclass(frozen=True)
class AgentChoices:
    """Who is signed in, the teams they lead, and the agents to choose from, most overdue first."""

    signed_in: Any
    teams: list[str] | None
    rows: list


def _choices(db: Any) -> AgentChoices:
    signed_in = common_api.signed_in_person(db)
    teams = oto_api.led_team_uuids(db, signed_in.uuid) if signed_in else None
    return AgentChoices(signed_in, teams, oto_api.due_list(db, team_uuids=teams or None))


def agent_choices(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _choices, done=done, key="choices", **kw)


def due_for_team(view: QWidget, ctx: Any, team_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, oto_api.due_list, done=done, key="due", team_uuids=[team_uuid], **kw)


def today(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, oto_api.today, done=done, key="today", **kw)


def prep_sheet(view: QWidget, ctx: Any, agent_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, oto_api.prep_sheet, agent_uuid, done=done, key="prep", **kw)


def sessions(view: QWidget, ctx: Any, agent_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, oto_api.list_sessions, done=done, key="sessions", agent_uuid=agent_uuid, **kw)


def session(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, oto_api.get_session, uuid, done=done, key="session", **kw)


def editor_choices_now(view: QWidget | None, ctx: Any, agent_uuid: str) -> Any:
    """The agent's objectives and the people who can own an item, for the editor (one short read)."""
    return ops.read_now(view, ctx, oto_api.editor_choices, agent_uuid, default=((), ()))


def editor_draft_now(view: QWidget | None, ctx: Any, uuid: str) -> dict | None:
    return ops.read_now(view, ctx, oto_api.editor_draft, uuid)


def _changed(record: Any) -> Any:
    return change([Kind.ONE_TO_ONE], [record.uuid, record.agent_uuid])


def open_next(view: QWidget, ctx: Any, agent_uuid: str, coach_uuid: str | None, done: Done,
              **kw: Any) -> ops.Operation:
    """The agent's next one-to-one (the draft prepared, or a new one with what is still open carried into it)."""
    return ops.write(view, ctx, oto_api.open_next, agent_uuid, coach_uuid=coach_uuid, changed=_changed, done=done,
                     **kw)


def save_session(view: QWidget, ctx: Any, uuid: str, done: Done, **fields: Any) -> ops.Operation:
    """Write the whole record as the editor holds it (``fields`` are ``save_session``'s keywords)."""
    failed = fields.pop("failed", None)
    return ops.write(view, ctx, oto_api.save_session, uuid, changed=_changed, done=done, failed=failed, **fields)


def save_draft(view: QWidget, ctx: Any, uuid: str, payload: dict | None, **kw: Any) -> ops.Operation:
    """Keep what is typed (a draft, no view shows it: nothing to announce)."""
    return ops.write(view, ctx, oto_api.save_editor_draft, uuid, payload, changed=None, **kw)


def acknowledge(view: QWidget, ctx: Any, uuid: str, typed_name: str, comment: str, version: int | None,
                done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, oto_api.acknowledge, uuid, typed_name, comment, expected_version=version,
                     changed=_changed, done=done, **kw)


def amend(view: QWidget, ctx: Any, uuid: str, field: str, value: Any, reason: str, author_uuid: str | None,
          item_uuid: str | None, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, oto_api.amend, uuid, field, value, reason, author_uuid=author_uuid,
                     item_uuid=item_uuid, changed=_changed, done=done, **kw)


def signed_in_now(view: QWidget | None, ctx: Any) -> Any:
    return ops.read_now(view, ctx, common_api.signed_in_person)
