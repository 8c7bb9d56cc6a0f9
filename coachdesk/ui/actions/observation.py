"""Observation: an agent's observation history with their behaviour scores over a period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import observation as observation_api
from coachdesk.ui.kit import ops

Done = Callable[[Any], None]


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
