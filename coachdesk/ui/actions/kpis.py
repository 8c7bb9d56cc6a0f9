"""KPIs: the import (preview, commit, undo) with its history and saved mappings, the stored figures, and the KPI
catalogue (definitions, role KPI sets); every write says what it changed so trends, Today, Team and KPIs reload."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from coachdesk.domain.enums import Aggregation, Role
from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import common as common_api
from coachdesk.services import kpis as kpis_api
from coachdesk.services import people as people_api
from coachdesk.ui.kit import changes, ops
from coachdesk.ui.kit.changes import Kind

if TYPE_CHECKING:  # annotations only: the import's types load with the import, not with the KPIs page
    from coachdesk.services.kpis import ImportOptions, ImportPlan, ImportResult, KpiChoice

Done = Callable[[Any], None]
Progress = Callable[[int, str], None]

WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")


# -- the import ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportChoices:
    """What the import's drop-downs offer: the catalogue's KPIs and everyone (uuid, "Name (Team)")."""

    kpis: list[KpiChoice]
    people: list[tuple[str, str]]


@dataclass(frozen=True)
class PreviewOutcome:
    """A preview: the plan, or the refusal (an outcome, not a failure); the workbook's sheets; the choices when
    they were asked for (the first read)."""

    plan: ImportPlan | None
    sheets: tuple[str, ...]
    error: CoachDeskError | None
    choices: ImportChoices | None = None


@dataclass(frozen=True)
class CommitOutcome:
    result: ImportResult | None
    error: CoachDeskError | None


def _percent(progress: Any) -> Any:
    """The engine reports a 0-1 fraction; the task helper carries whole percents."""
    return (lambda fraction, message="": progress(fraction * 100, message)) if progress else None


def _stopper(stop: threading.Event | None, cancelled: Any) -> Any:
    """Stop when the view's own flag is set (it may be set before the operation's handle exists) or on cancel."""
    return lambda: bool((stop is not None and stop.is_set()) or (cancelled and cancelled()))


def _choices(db: Any) -> ImportChoices:
    people = [(p.uuid, f"{p.display_name} ({p.team})" if p.team else p.display_name)
              for p in people_api.list_people(db)]
    return ImportChoices(kpis_api.catalogue_kpis(db), people)


def preview_job(db: Any, path: Path, options: ImportOptions, with_choices: bool = False,
                stop: threading.Event | None = None, progress: Any = None, cancelled: Any = None) -> PreviewOutcome:
    """On a worker: the workbook's sheets and the preview, nothing written."""
    sheets: tuple[str, ...] = ()
    choices = _choices(db) if with_choices else None
    try:
        if path.suffix.casefold() in WORKBOOKS:
            sheets = tuple(kpis_api.sheet_names(path))
        plan = kpis_api.preview_file(db, path, options, _percent(progress), _stopper(stop, cancelled))
    except CoachDeskError as exc:
        if common_api.connection_lost(exc):
            raise  # the machine's bad luck, not the file's: the kit shows it (the outage banner)
        return PreviewOutcome(None, sheets, exc, choices)
    return PreviewOutcome(plan, sheets, None, choices)


def commit_job(db: Any, plan: ImportPlan, choices: dict, stop: threading.Event | None = None, progress: Any = None,
               cancelled: Any = None) -> CommitOutcome:
    """On a worker: the import, all or nothing."""
    try:
        return CommitOutcome(kpis_api.commit(db, plan, progress=_percent(progress),
                                             cancelled=_stopper(stop, cancelled), **choices), None)
    except CoachDeskError as exc:
        if common_api.connection_lost(exc):
            raise
        return CommitOutcome(None, exc)


def preview(view: QWidget, ctx: Any, path: Path, options: ImportOptions, done: Done, progress: Progress,
            stop: threading.Event, with_choices: bool = False, **kw: Any) -> ops.Operation:
    """Read the file with the answers given so far; a newer preview drops an older one's result. Stops when
    ``stop`` is set or the operation is cancelled."""
    return ops.read(view, ctx, preview_job, path, options, with_choices, stop, done=done, key="preview",
                    progress=progress, cancellable=True, **kw)


def imported_change(result: ImportResult | None) -> changes.Change | None:
    """Figures (and new people, and KPIs the file created) of one import batch."""
    if result is None or result.batch_uuid is None:
        return None
    kinds = [Kind.KPI_FIGURE, Kind.KPI]  # a remembered mapping or a new KPI changes the catalogue's lists
    if result.people_created or result.people_mapped:
        kinds.append(Kind.PERSON)  # new agents, and the file's spellings kept as aliases
    return changes.change(kinds, [result.batch_uuid])


def commit_import(view: QWidget, ctx: Any, plan: ImportPlan, choices: dict, done: Done, progress: Progress,
                  stop: threading.Event, **kw: Any) -> ops.Operation:
    """Import the previewed file with the user's answers (``kpis_api.commit``'s keywords), all or nothing; stops
    (writing nothing) when ``stop`` is set or the operation is cancelled."""
    return ops.write(view, ctx, commit_job, plan, choices, stop, changed=lambda outcome: imported_change(outcome.result),
                     done=done, progress=progress, cancellable=True, **kw)


def undo_import(view: QWidget, ctx: Any, batch_uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """Undo an import: its figures go, the values it replaced come back; trends, Today and teams reload."""
    return ops.write(view, ctx, kpis_api.undo_batch, batch_uuid, changed=changes.change(Kind.KPI_FIGURE, [batch_uuid]),
                     done=done, **kw)


def figures_imported(batch_uuid: str | None) -> None:
    """Say that an import committed outside an operation (the command line, a test)."""
    changes.announce(Kind.KPI_FIGURE, [batch_uuid])


# -- the KPIs page ---------------------------------------------------------------------------------------------------
def batches(view: QWidget, ctx: Any, limit: int, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, kpis_api.list_batches, done=done, key="batches", limit=limit, **kw)


def saved_mappings(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, kpis_api.list_saved_mappings, done=done, key="mappings", **kw)


def figures_overview(view: QWidget, ctx: Any, start: Any, done: Done, **kw: Any) -> ops.Operation:
    """How many figures are stored per KPI since ``start`` (a database may hold millions: off the GUI thread)."""
    return ops.read(view, ctx, kpis_api.figures_overview, start, done=done, key="overview", **kw)


def figures_summary(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    """How many figures are stored in all, about how many people and KPIs (index seeks, not a count per KPI)."""
    return ops.read(view, ctx, kpis_api.figures_summary, done=done, key="summary", **kw)


def forget_mapping(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, kpis_api.forget_mapping, uuid, changed=changes.change(Kind.KPI, [uuid]), done=done,
                     **kw)


# -- the KPI catalogue -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Catalogue:
    """Every KPI definition and each role's KPI set."""

    kpis: list
    role_sets: dict[Role, tuple[str, ...]]


def _catalogue(db: Any) -> Catalogue:
    return Catalogue(kpis_api.list_kpis(db), kpis_api.role_kpi_sets(db))


def catalogue(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _catalogue, done=done, key="catalogue", **kw)


def set_role_kpis(view: QWidget, ctx: Any, role: Role, codes: list[str], done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, kpis_api.set_role_kpis, role, codes, changed=changes.change(Kind.KPI), done=done,
                     **kw)


@dataclass(frozen=True)
class KpiForm:
    """What the KPI editor opens with: the definition (None for a new KPI) and the volume KPIs a mean can be
    weighted by, as (code, "CODE – Name")."""

    detail: Any
    weights: list[tuple[str, str]]


def _kpi_form(db: Any, code: str | None) -> KpiForm:
    detail = kpis_api.kpi_detail(db, code) if code else None
    weights = [(row.code, f"{row.code} – {row.name}") for row in kpis_api.list_kpis(db)
               if row.aggregation is Aggregation.SUM and row.code != code]
    return KpiForm(detail, weights)


def kpi_form(view: QWidget, ctx: Any, code: str | None, done: Done, **kw: Any) -> ops.Operation:
    """The definition to edit and the weighting choices (the catalogue counts figures: off the GUI thread)."""
    return ops.read(view, ctx, _kpi_form, code, done=done, key="form", **kw)


def _kpi_changed(row: Any) -> changes.Change:
    """A definition: its name, direction, format or tolerance change how every view shows its figures."""
    return changes.change([Kind.KPI, Kind.KPI_FIGURE], [getattr(row, "code", None)])


def create_kpi(view: QWidget, ctx: Any, data: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, kpis_api.create_kpi, data, changed=_kpi_changed, done=done, **kw)


def update_kpi(view: QWidget, ctx: Any, code: str, data: Any, version: int | None, done: Done,
               **kw: Any) -> ops.Operation:
    """Save an edited KPI: its name, direction or tolerance change every band shown with it."""
    return ops.write(view, ctx, kpis_api.update_kpi, code, data, version, changed=_kpi_changed, done=done, **kw)
