"""Printing a built PDF through Qt, the same code on Linux, Windows and macOS: Qt's print dialog chooses the printer,
copies, page range, duplex and paper; each page is rendered (PDFium) at the printer's resolution and painted onto the
``QPrinter``. "Print to File" is a ``QPrinter`` writing a PDF, so it works like any printer. No ``lp``, no shell verb.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from coachdesk.domain.errors import CoachDeskError
from coachdesk.ui.pdf_pages import MAX_PRINT_DPI, PageSize, PdfPages

#: "Print to File" renders at this resolution: a file to read on screen or send on (for a vector copy with text
#: that can be searched, "Save as PDF" writes the document itself)
PDF_FILE_DPI = 200


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def new_printer() -> QPrinter:
    """The system's default printer, at its full resolution."""
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def fit_printer_to(printer: QPrinter, pages: PdfPages) -> None:
    """Start the dialog on the document's paper and orientation (the user may still change them)."""
    if not pages.count:
        return
    size = pages.size(0)
    landscape = size.width > size.height
    short, long_ = sorted((size.width, size.height))
    for paper in (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter):
        points = QPageSize(paper).sizePoints()
        if abs(points.width() - short) < 2 and abs(points.height() - long_) < 2:
            printer.setPageSize(QPageSize(paper))
            break
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)


def pages_to_print(printer: QPrinter, count: int, current: int = 0) -> list[int]:
    """The 0-based pages the printer's settings ask for, in order, once each (copies are added by ``print_pdf``)."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [min(max(current, 0), count - 1)] if count else []
    if mode == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            wanted = [n for n in range(1, count + 1) if ranges.contains(n)]
        else:
            first, last = printer.fromPage() or 1, printer.toPage() or count
            wanted = list(range(first, min(last, count) + 1))
        if not wanted:
            raise CoachDeskError(tr("Pages: the document has {count} page(s); the range asked for holds none of "
                                    "them. Choose pages from 1 to {count}.").format(count=count))
        return [n - 1 for n in wanted]
    return list(range(count))


def sheet_order(pages: list[int], copies: int, collate: bool) -> list[int]:
    """Every copy of the pages: 1 2 3 1 2 3 collated, 1 1 2 2 3 3 not."""
    copies = max(1, copies)
    return [p for _ in range(copies) for p in pages] if collate else [p for p in pages for _ in range(copies)]


def print_pdf(pdf: bytes, printer: QPrinter, current: int = 0,
              cancelled: Callable[[], bool] | None = None, dpi: float | None = None) -> int:
    """Paint the pages of ``pdf`` the printer's settings ask for onto ``printer``; return the pages sent.

    Safe on a worker thread (Qt paints onto a ``QPrinter`` from any one thread at a time). Copies are left to the
    printer when it makes them itself, else painted here, collated or not as asked. ``dpi`` overrides the
    resolution pages are rendered at (benchmarks)."""
    with PdfPages(pdf) as pages:
        wanted = pages_to_print(printer, pages.count, current)
        copies = 1 if printer.supportsMultipleCopies() else printer.copyCount()
        order = sheet_order(wanted, copies, printer.collateCopies())
        printer.setFullPage(True)  # the document carries its own margins
        to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        dpi = dpi or min(printer.resolution(), PDF_FILE_DPI if to_file else MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            if printer.outputFileName():
                raise CoachDeskError(tr("Print to file: {path} could not be written; choose a file name in a "
                                        "folder you can write to.").format(path=printer.outputFileName()))
            where = printer.printerName() or tr("the default printer")
            raise CoachDeskError(tr("Printing: {where} could not be started; check that it is on and connected, "
                                    "or choose another printer.").format(where=where))
        # the next page renders on a second thread while this one is painted (PDFium and Qt's PDF writer both
        # work outside the GIL)
        with ThreadPoolExecutor(1, thread_name_prefix="print-render") as renderer:
            try:
                ahead = {order[0]: renderer.submit(pages.image, order[0], dpi)} if order else {}
                for n, index in enumerate(order):
                    if cancelled is not None and cancelled():
                        printer.abort()
                        break
                    image = ahead[index].result()
                    following = order[n + 1] if n + 1 < len(order) else None
                    ahead = {index: ahead[index]}  # the same page may come again (copies, not collated)
                    if following is not None and following not in ahead:
                        ahead[following] = renderer.submit(pages.image, following, dpi)
                    if n:
                        printer.newPage()
                    _paint(painter, printer, pages.size(index), image)
            finally:
                painter.end()
    return len(order)


def _paint(painter: QPainter, printer: QPrinter, size: PageSize, image: QImage) -> None:
    """One page on the sheet; a landscape page on a portrait sheet (or the reverse) is turned a quarter so that
    it fills the sheet instead of shrinking into half of it."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    if (size.width > size.height) == (paper.width() > paper.height()) or size.width == size.height:
        painter.drawImage(_target(printer, size.width, size.height), image)
        return
    painter.save()
    painter.translate(paper.x() + paper.width(), paper.y())
    painter.rotate(90)  # the sheet's top edge now runs down its right side: width and height swap
    rect = _target(printer, size.width, size.height, swapped=True)
    painter.drawImage(rect, image)
    painter.restore()


def _target(printer: QPrinter, width: float, height: float, swapped: bool = False) -> QRectF:
    """Where a page of ``width`` x ``height`` points goes on the sheet, in device pixels: actual size when it fits,
    else scaled down to fit, centred."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    across, down = (paper.height(), paper.width()) if swapped else (paper.width(), paper.height())
    left, top = (0.0, 0.0) if swapped else (paper.x(), paper.y())
    dots = printer.resolution() / 72
    scale = min(1.0, across / (width * dots), down / (height * dots))
    w, h = width * dots * scale, height * dots * scale
    return QRectF(left + (across - w) / 2, top + (down - h) / 2, w, h)


def ask_printer(parent: QWidget | None, pdf: bytes, current: int | None = None, name: str = "") -> QPrinter | None:
    """Qt's print dialog on a printer set to the document's paper: the printer, or None when cancelled. ``name``
    (the document's file name) is the job's name and what "Print to File" suggests."""
    printer = new_printer()
    if name:
        printer.setDocName(Path(name).stem)
    with PdfPages(pdf) as pages:
        fit_printer_to(printer, pages)
        count = pages.count
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("reportPrintDialog")
    dialog.setAccessibleName(tr("Print"))
    dialog.setWindowTitle(tr("Print report"))
    dialog.setMinMax(1, max(1, count))
    options = (QPrintDialog.PrintDialogOption.PrintToFile | QPrintDialog.PrintDialogOption.PrintPageRange
               | QPrintDialog.PrintDialogOption.PrintCollateCopies | QPrintDialog.PrintDialogOption.PrintShowPageSize)
    if current is not None:
        options |= QPrintDialog.PrintDialogOption.PrintCurrentPage
    dialog.setOptions(options)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer
