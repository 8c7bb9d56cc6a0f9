"""Behaviour frameworks: the working copy the editor opens with, and saving it (a new revision once it has ratings,
its rating scales included); the save says which framework changed so observation views reload."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import observation as observation_api
from coachdesk.ui.kit import ops
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]


@dataclass(frozen=True)
class FrameworkToEdit:
    """The KPIs a behaviour can point at, and the framework's working copy."""

    kpis: list
    edit: Any


def _to_edit(db: Any, uuid: str | None) -> FrameworkToEdit:
    return FrameworkToEdit(observation_api.kpi_choices(db), observation_api.framework_edit(db, uuid))


def to_edit(view: QWidget, ctx: Any, uuid: str | None, done: Done, **kw: Any) -> ops.Operation:
    """What the editor opens with (the active framework when ``uuid`` is None)."""
    return ops.read(view, ctx, _to_edit, uuid, done=done, key="framework", **kw)


def _saved(summary: Any) -> Any:
    return change(Kind.FRAMEWORK, [getattr(summary, "uuid", None)])


def save(view: QWidget, ctx: Any, edit: Any, done: Done, **kw: Any) -> ops.Operation:
    """Save the framework (behaviours, categories, rating scales) as edited."""
    return ops.write(view, ctx, observation_api.save_framework, edit, changed=_saved, done=done, **kw)
