"""Reports: what the Reports page offers (agents, teams, an agent's records, the print settings), saving the print
settings, and building a document off the GUI thread (``report_actions`` shows, prints or saves it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.domain.enums import Role
from coachdesk.services import common as common_api
from coachdesk.services import people as people_api
from coachdesk.services import reports as reports_api
from coachdesk.services.reports import ReportRequest
from coachdesk.ui.kit import ops
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]

#: the resolution the first page is drawn at on the worker that built the document: shown at once, scaled to the
#: window, while the exact rendering follows
FIRST_PAGE_DPI = 110


@dataclass(frozen=True)
class FormChoices:
    """The agents (inactive ones too: their past can be printed), the teams, and the print settings."""

    agents: list[tuple[str, str]]
    teams: list[tuple[str, str]]
    settings: Any


def _form_choices(db: Any) -> FormChoices:
    agents = [(p.display_name, p.uuid) for p in people_api.list_people(db, role=Role.AGENT, include_inactive=True)]
    teams = [(t.name, t.uuid) for t in people_api.list_teams(db)]
    return FormChoices(agents, teams, common_api.report_settings(db))


def form_choices(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _form_choices, done=done, key="choices", **kw)


def record_choices(view: QWidget, ctx: Any, agent_uuid: str, kind: str, done: Done, **kw: Any) -> ops.Operation:
    """The agent's records of one kind that can be printed (newest first)."""
    return ops.read(view, ctx, reports_api.record_choices, agent_uuid, kind, done=done, key="records", **kw)


def save_settings(view: QWidget, ctx: Any, organisation: str, logo_path: str, paper: str | None, done: Done,
                  **kw: Any) -> ops.Operation:
    """The organisation name, logo and paper size every printed page uses."""
    return ops.write(view, ctx, common_api.save_report_settings, organisation, logo_path, paper,
                     changed=change(Kind.SETTING), done=done, **kw)


def build_with_first_page(db: Any, request: ReportRequest) -> tuple[bytes, Any]:
    """On a worker: the PDF and its first page as an image, so the preview shows a page without a second trip."""
    from coachdesk.ui.pdf_pages import PdfPages

    pdf = reports_api.build(db, request)
    with PdfPages(pdf) as pages:
        return pdf, (pages.image(0, FIRST_PAGE_DPI) if pages.count else None)


def build(view: QWidget | None, source: Any, request: ReportRequest, done: Done, first_page: bool = False,
          **kw: Any) -> ops.Operation:
    """Build the document off the GUI thread: ``done(pdf)``, or ``done((pdf, first page image))`` with
    ``first_page``. ``source`` is the ``AppContext`` (or, from callers not converted yet, its database)."""
    work = build_with_first_page if first_page else reports_api.build
    if hasattr(source, "db"):
        return ops.read(view, source, work, request, done=done, **kw)
    return ops.read(view, None, work, source, request, done=done, **kw)
