"""Print, preview and save a report from anywhere in the GUI: the PDF is built off the GUI thread
(``services.reports.build`` through ``ui.tasks``), then shown in the system's PDF viewer, sent to a printer chosen
in Qt's print dialog, or saved where the user says.

Printing hands the PDF itself to the system (CUPS ``lp`` on Linux and macOS, the shell's "printto" verb on
Windows): Qt's print support in PySide6-Essentials cannot draw a PDF, and QtPdf comes only with PySide6-Addons."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import reports
from coachdesk.services.reports import ReportRequest
from coachdesk.ui import tasks

PREVIEW, PRINT, SAVE = "preview", "print", "save"


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


def print_command(path: Path, printer: str, copies: int) -> list[str] | None:
    """The command that prints ``path`` on ``printer`` (None on Windows, which prints through the shell)."""
    if sys.platform == "win32":
        return None
    lp = shutil.which("lp")
    if lp is None:
        raise CoachDeskError(tr("Printing: this system has no 'lp' command; open the preview and print from the "
                                "viewer instead."))
    command = [lp, "-n", str(max(1, copies))]
    if printer:
        command += ["-d", printer]
    return [*command, str(path)]


def send_to_printer(path: Path, printer: str, copies: int) -> None:
    command = print_command(path, printer, copies)
    if command is None:  # Windows: the PDF viewer's "printto" verb, once per copy
        for _ in range(max(1, copies)):
            os.startfile(str(path), "printto", f'"{printer}"')  # type: ignore[attr-defined]  # noqa: S606
        return
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise CoachDeskError(tr("Printing failed: {reason}").format(reason=(done.stderr or done.stdout).strip()))


def choose_printer(parent: QWidget | None) -> tuple[str, int] | None:
    """Qt's print dialog: the printer and the number of copies, or None when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("reportPrintDialog")
    dialog.setWindowTitle(tr("Print report"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer.printerName(), printer.copyCount()


def ask_save_path(parent: QWidget | None, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(parent, tr("Save report as PDF"), suggested, tr("PDF (*.pdf)"))
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def show_error(parent: QWidget | None, error: BaseException) -> None:
    text = str(error) if isinstance(error, CoachDeskError) else tr("The report could not be built: {error}").format(
        error=error)
    QMessageBox.warning(parent, tr("Report"), text)


def finish(parent: QWidget | None, request: ReportRequest, action: str, pdf: bytes) -> Path | None:
    """After the build, on the GUI thread: preview, print or save the PDF; return where it was written."""
    name = file_name(request)
    if action == SAVE:
        target = ask_save_path(parent, name)
        return reports.save(pdf, target) if target else None
    path = write_preview(pdf, name)
    if action == PRINT:
        chosen = choose_printer(parent)
        if chosen is None:
            return None
        send_to_printer(path, *chosen)
        return path
    if not open_in_viewer(path):
        raise CoachDeskError(tr("No PDF viewer opened {path}; it is saved there.").format(path=path))
    return path


def run(parent: QWidget | None, db: Any, request: ReportRequest, action: str = PREVIEW,
        done: Callable[[Path | None], None] | None = None,
        failed: Callable[[BaseException], None] | None = None) -> tasks.TaskHandle:
    """Build the report off the GUI thread, then ``finish`` it; errors go to ``failed`` (default: a message box)."""
    def succeeded(pdf: bytes) -> None:
        try:
            path = finish(parent, request, action, pdf)
        except (CoachDeskError, OSError) as exc:
            (failed or (lambda e: show_error(parent, e)))(exc)
            return
        if done:
            done(path)

    return tasks.submit(reports.build, db, request, on_success=succeeded,
                        on_error=failed or (lambda e: show_error(parent, e)))


# -- one-call actions for pages that show a record (the one-to-one page, the agent page) ---------------------------
def print_one_to_one(parent: QWidget | None, db: Any, uuid: str, action: str = PREVIEW) -> tasks.TaskHandle:
    """Preview (or print, save) a one-to-one record: signature lines until it is acknowledged."""
    return run(parent, db, ReportRequest("one-to-one", record_uuid=uuid), action)


def print_prep_sheet(parent: QWidget | None, db: Any, agent_uuid: str, action: str = PREVIEW) -> tasks.TaskHandle:
    """Preview (or print, save) an agent's one-to-one prep sheet."""
    return run(parent, db, ReportRequest("prep", agent=agent_uuid), action)


def print_recognition(parent: QWidget | None, db: Any, uuid: str, style: str = "certificate",
                      action: str = PREVIEW) -> tasks.TaskHandle:
    """Preview (or print, save) a recognition as a certificate or a letter."""
    return run(parent, db, ReportRequest(style, record_uuid=uuid), action)
