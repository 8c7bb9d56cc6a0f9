"""KPIs: the import history, undoing an import, and saying that imported figures changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.services import kpis as kpis_api
from coachdesk.ui.kit import changes, ops
from coachdesk.ui.kit.changes import Kind

Done = Callable[[Any], None]


def undo_import(view: QWidget, ctx: Any, batch_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """Undo an import: its figures go, the values it replaced come back; trends, Today and teams reload."""
    return ops.write(view, ctx, kpis_api.undo_batch, batch_uuid, changed=changes.change(Kind.KPI_FIGURE, [batch_uuid]),
                     done=done, **kw)


def figures_imported(batch_uuid: str | None) -> None:
    """An import committed (the import dialog runs it as a job with its own progress and cancel)."""
    changes.announce(Kind.KPI_FIGURE, [batch_uuid])
