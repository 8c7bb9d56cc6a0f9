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


def agent_trend(view: QWidget, ctx: Any, agent_uuid: str, start: date, end: date, granularity: Any,
                kpi_codes: list[str] | None, behaviour_by: Any, done: Done, **kw: Any) -> ops.Operation:
    """An agent's trend chart data (KPI panels and the behaviour panel) over a period."""
    return ops.read(view, ctx, trends_api.agent_trend_data, agent_uuid, start, end, granularity, kpi_codes,
                    behaviour_by, done=done, key="trend", **kw)


def agent_kpi_choices(view: QWidget, ctx: Any, agent_uuid: str, start: date, end: date, done: Done,
                      **kw: Any) -> ops.Operation:
    """Every KPI the agent has figures of in the period, and the default ones (their objectives')."""
    return ops.read(view, ctx, trends_api.agent_kpi_choices, agent_uuid, start, end, done=done, key="kpi_choices",
                    **kw)


def agent_effects(view: QWidget, ctx: Any, agent_uuid: str, start: date, end: date, done: Done,
                  **kw: Any) -> ops.Operation:
    """The agent's coaching-effect table (each feedback's KPI before and after)."""
    return ops.read(view, ctx, trends_api.agent_effects, agent_uuid, start, end, done=done, key="agent_effects",
                    **kw)
