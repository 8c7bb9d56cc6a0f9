"""The calendar: planned observations due today and overdue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import calendar as calendar_api
from coachdesk.ui.kit import ops

Done = Callable[[Any], None]


def planned_today(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    """Planned observations due today and overdue (the list on Today)."""
    return ops.read(view, ctx, calendar_api.today_observations, done=done, key="planned", **kw)
