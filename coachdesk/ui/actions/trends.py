"""Trends and the team dashboard: a team's view over a period and its coaching-effect roll-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import trends as trends_api
from coachdesk.ui.kit import ops

Done = Callable[[Any], None]


def team_view(view: QWidget, ctx: Any, team_uuid: str, start: date, end: date, done: Done,
              **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, trends_api.load_team_view, team_uuid, start, end, done=done, key="team", **kw)


def team_effects(view: QWidget, ctx: Any, team_uuid: str, start: date, end: date, done: Done,
                 **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, trends_api.team_effects, team_uuid, start, end, done=done, key="effects", **kw)
