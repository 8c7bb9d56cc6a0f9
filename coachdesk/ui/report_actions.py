"""Print, preview and save a report from anywhere in the GUI: the PDF is built off the GUI thread
(``ui.actions.reports.build``, a kit operation), then shown in the preview window (``dialogs/preview_dialog``),
printed through Qt's print dialog onto a ``QPrinter`` (``ui/printing``: the same code on every desktop, "Print to
File" included), saved where the user says, or opened in the system's PDF viewer when asked."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import reports
from coachdesk.services.reports import ReportRequest
from coachdesk.ui import printing
from coachdesk.ui.actions import reports as report_ops
from coachdesk.ui.actions.reports import FIRST_PAGE_DPI, build_with_first_page  # noqa: F401 - where they were
from coachdesk.ui.kit import ops

PREVIEW, PRINT, SAVE, EXTERNAL = "preview", "print", "save", "external"
_FAILED = object()  # a step's result when its error was shown
#: the preview windows open now (kept so that they are not garbage-collected while shown)
_open_previews: list = []


def tr(text: str) -> str:
    return QCoreApplication.translate("ReportActions", text)


def file_name(request: ReportRequest) -> str:
    """A file name for the request: ``feedback-summary-2026-10.pdf``."""
    label = reports.KINDS.get(request.kind, "report").lower()
    when = request.month or (f"{request.start}-{request.end}" if request.start and request.end else "")
    text = "-".join(x for x in (label, when) if x)
    return re.sub(r"[^\w-]+", "-", text).strip("-") + ".pdf"


def preview_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "coachdesk-reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_preview(pdf: bytes, name: str) -> Path:
    """A new file each time: a viewer may still hold the previous one open (Windows refuses to replace it)."""
    stamp = datetime.now().strftime("%H%M%S-%f")
    return reports.save(pdf, preview_folder() / f"{Path(name).stem}-{stamp}.pdf")


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_save_path(parent: QWidget | None, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(parent, tr("Save report as PDF"), suggested, tr("PDF (*.pdf)"))
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def open_external(pdf: bytes, name: str) -> Path:
    path = write_preview(pdf, name)
    if not open_in_viewer(path):
        raise CoachDeskError(tr("No PDF viewer opened {path}; it is saved there.").format(path=path))
    return path


def save_as(parent: QWidget | None, pdf: bytes, name: str) -> Path | None:
    target = ask_save_path(parent, name)
    return reports.save(pdf, target) if target else None


def print_document(parent: QWidget | None, pdf: bytes, current: int | None = None,
                   done: Callable[[int], None] | None = None, name: str = "") -> ops.Operation | None:
    """Qt's print dialog, then the pages painted onto the chosen printer off the GUI thread; None when cancelled."""
    printer = printing.ask_printer(parent, pdf, current, name)
    if printer is None:
        return None
    operation = ops.read(parent, None, printing.print_pdf, pdf, printer, current or 0,
                         done=lambda sent: done(sent) if done else None)
    operation.printer = printer  # the printer lives as long as the job
    return operation


def open_preview(parent: QWidget | None, pdf: bytes, name: str, title: str = "", first: Any = None) -> Any:
    """The preview window on ``pdf``, its buttons wired to print, save and the external viewer; ``first``, the
    first page already drawn (a QImage), is shown until the exact rendering is there."""
    from coachdesk.ui.dialogs.preview_dialog import PreviewDialog

    window = PreviewDialog(pdf, title or Path(name).stem, parent, first=first)

    def guarded(action: Callable[[], object]) -> None:
        ops.step(window, action)  # a file dialog, the printer's, the desktop's viewer: errors shown the kit's way

    finished: list[int] = []

    def printed(sent: int) -> None:
        finished.append(sent)
        window.status.setText(tr("{count} page(s) sent to the printer.").format(count=sent))

    def print_() -> None:
        finished.clear()
        if print_document(window, pdf, window.current, printed, name) is not None and not finished:
            window.status.setText(tr("Printing…"))  # until the job is done (at once when tasks run synchronously)

    def save() -> None:
        saved = save_as(window, pdf, name)
        if saved is not None:
            window.status.setText(tr("Saved to {path}").format(path=saved))

    window.print_requested.connect(lambda _page: guarded(print_))
    window.save_requested.connect(lambda: guarded(save))
    window.external_requested.connect(lambda: guarded(lambda: open_external(pdf, name)))
    _open_previews.append(window)
    window.destroyed.connect(lambda *_: _open_previews.remove(window) if window in _open_previews else None)
    window.show()
    window.raise_()
    return window


def finish(parent: QWidget | None, request: ReportRequest, action: str, pdf: bytes) -> Any:
    """After the build, on the GUI thread: preview, print, save or open the PDF externally."""
    name = file_name(request)
    if action == SAVE:
        return save_as(parent, pdf, name)
    if action == PRINT:
        return print_document(parent, pdf, name=name)
    if action == EXTERNAL:
        return open_external(pdf, name)
    return open_preview(parent, pdf, name, reports.KINDS.get(request.kind, ""))


def run(parent: QWidget | None, source: Any, request: ReportRequest, action: str = PREVIEW,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None) -> ops.Operation:
    """Build the report off the GUI thread (``source``: the ``AppContext``, or its database from callers not
    converted yet), then ``finish`` it; errors go to ``failed`` (default: the kit's one error display)."""
    report = failed or (lambda e: ops.show_error(parent, e))

    def succeeded(result: bytes | tuple) -> None:
        pdf, first = result if isinstance(result, tuple) else (result, None)
        if first is not None:
            path = ops.step(parent, open_preview, parent, pdf, file_name(request), reports.KINDS.get(request.kind, ""),
                            first, failed=report, default=_FAILED)
        else:  # saving asks where (a native dialog) and writes there: a step on the GUI thread
            path = ops.step(parent, finish, parent, request, action, pdf, failed=report, default=_FAILED)
        if path is _FAILED:
            return
        if done:
            done(path)

    return report_ops.build(parent, source, request, succeeded, first_page=action == PREVIEW, failed=report)


# -- one-call actions for pages that show a record (the one-to-one page, the agent page) ---------------------------
def print_one_to_one(parent: QWidget | None, source: Any, uuid: str, action: str = PREVIEW) -> ops.Operation:
    """Preview (or print, save) a one-to-one record: signature lines until it is acknowledged."""
    return run(parent, source, ReportRequest("one-to-one", record_uuid=uuid), action)


def print_prep_sheet(parent: QWidget | None, source: Any, agent_uuid: str, action: str = PREVIEW) -> ops.Operation:
    """Preview (or print, save) an agent's one-to-one prep sheet."""
    return run(parent, source, ReportRequest("prep", agent=agent_uuid), action)


def print_recognition(parent: QWidget | None, source: Any, uuid: str, style: str = "certificate",
                      action: str = PREVIEW) -> ops.Operation:
    """Preview (or print, save) a recognition as a certificate or a letter."""
    return run(parent, source, ReportRequest(style, record_uuid=uuid), action)


def print_observation(parent: QWidget | None, source: Any, uuid: str, action: str = PREVIEW) -> ops.Operation:
    """Preview (or print, save) an observation session's record."""
    return run(parent, source, ReportRequest("observation", record_uuid=uuid), action)


def print_feedback_record(parent: QWidget | None, source: Any, uuid: str, action: str = PREVIEW) -> ops.Operation:
    """Preview (or print, save) one feedback conversation."""
    return run(parent, source, ReportRequest("feedback-record", record_uuid=uuid), action)


#: what a record shown in a window prints as, by the kind of record (``trend_record``'s kinds)
RECORD_KINDS = {"observation": "observation", "feedback": "feedback-record", "one_to_one": "one-to-one",
                "one-to-one": "one-to-one", "recognition": "certificate"}


def print_record(parent: QWidget | None, source: Any, kind: str, uuid: str, action: str = PREVIEW) -> ops.Operation:
    """Preview (or print, save) any single record by its kind."""
    return run(parent, source, ReportRequest(RECORD_KINDS[kind], record_uuid=uuid), action)
