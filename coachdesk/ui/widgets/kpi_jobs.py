"""The KPI import's two background jobs (preview, commit): plain arguments in, an outcome out, never a widget."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import kpis as kpis_api
from coachdesk.services.kpis import ImportOptions, ImportPlan, ImportResult

WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class PreviewOutcome:
    run: int
    plan: ImportPlan | None
    sheets: tuple[str, ...]
    error: CoachDeskError | None


@dataclass(frozen=True)
class CommitOutcome:
    result: ImportResult | None
    error: CoachDeskError | None


def _percent(progress: Any):  # noqa: ANN202
    """The engine reports a 0-1 fraction; the task helper carries whole percents."""
    return (lambda fraction, message="": progress(fraction * 100, message)) if progress else None


def _stopper(stop: threading.Event, cancelled: Any):  # noqa: ANN202
    return lambda: stop.is_set() or bool(cancelled and cancelled())


def preview_job(db: Any, path: Path, options: ImportOptions, run: int, stop: threading.Event,
                progress: Any = None, cancelled: Any = None) -> PreviewOutcome:
    """Runs on a pool thread: the workbook's sheets and the preview; a refusal is an outcome, not a failure."""
    sheets: tuple[str, ...] = ()
    try:
        if path.suffix.casefold() in WORKBOOKS:
            sheets = tuple(kpis_api.sheet_names(path))
        plan = kpis_api.preview_file(db, path, options, _percent(progress), _stopper(stop, cancelled))
    except CoachDeskError as exc:
        return PreviewOutcome(run, None, sheets, exc)
    return PreviewOutcome(run, plan, sheets, None)


def commit_job(db: Any, plan: ImportPlan, choices: dict, stop: threading.Event, progress: Any = None,
               cancelled: Any = None) -> CommitOutcome:
    """Runs on a pool thread: the import, all or nothing."""
    try:
        result = kpis_api.commit(db, plan, progress=_percent(progress), cancelled=_stopper(stop, cancelled),
                                   **choices)
    except CoachDeskError as exc:
        return CommitOutcome(None, exc)
    return CommitOutcome(result, None)
