"""Printing through Qt and the preview window: real PDFs printed onto a QPrinter in PDF mode (no dialog), read back
with pypdf and compared page by page with the document's own pages rendered by PDFium; the preview window driven
like a user would (pages, zoom, Print, Save as PDF, the external viewer)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage, QPageRanges
from PySide6.QtPrintSupport import QPrinter

from coachdesk.domain.errors import CoachDeskError
from coachdesk.reports.model import Branding, RecognitionDoc
from coachdesk.reports.pdf import recognition
from coachdesk.ui import printing, report_actions
from coachdesk.ui.pdf_pages import PdfPages

GRAB = Path("/tmp/coachdesk-preview.png")


def _letters(count: int, paper: str = "A4") -> bytes:
    """``count`` one-page letters, each to a different agent and of a different length (so that their pages tell
    apart even at a glance)."""
    names = ["Ana Silva", "Bo Li", "Chen Wei", "Dara Okoye", "Eli Cohen", "Femi Ade", "Gus Lund", "Hana Ito",
             "Ivo Kral", "Jo Park", "Kai Berg", "Lea Roth"]
    docs = [RecognitionDoc(f"u{i}", names[i], "Retention", f"Letter number {i + 1}",
                           "Cleared the queue. " * 12 * (i + 1), "",
                           "Laura Bennett", "", "", date(2026, 11, 3)) for i in range(count)]
    return recognition.build_letters(docs, Branding("Northwind", paper=paper, printed_on=date(2026, 11, 22)))


def _pdf_printer(path: Path) -> QPrinter:
    printer = printing.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _grey(image: QImage, size: int = 48) -> list[int]:
    small = image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(size, size)
    return [small.pixelColor(x, y).value() for y in range(size) for x in range(size)]


def _distance(a: QImage, b: QImage) -> float:
    return sum(abs(x - y) for x, y in zip(_grey(a), _grey(b), strict=True)) / (48 * 48)


def _printed_sources(printed: Path, source: bytes) -> list[int]:
    """For each printed page, the index of the source page it shows (the nearest by pixels)."""
    with PdfPages(printed.read_bytes()) as out, PdfPages(source) as src:
        originals = [src.image(i, 40) for i in range(src.count)]
        found = []
        for i in range(out.count):
            page = out.image(i, 40)
            distances = [_distance(page, original) for original in originals]
            best = min(range(len(distances)), key=distances.__getitem__)
            assert distances[best] < 4, f"printed page {i + 1} looks like no page of the document"
            found.append(best)
        return found


def test_all_pages_print_in_order_at_the_documents_size(qapp, tmp_path) -> None:  # noqa: ANN001
    pdf = _letters(3)
    target = tmp_path / "out.pdf"
    printer = _pdf_printer(target)
    with PdfPages(pdf) as pages:
        printing.fit_printer_to(printer, pages)
    assert printing.print_pdf(pdf, printer) == 3
    reader = PdfReader(target)
    assert len(reader.pages) == 3
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)
    assert _printed_sources(target, pdf) == [0, 1, 2]


def test_a_page_range_and_collated_copies_are_honoured(qapp, tmp_path) -> None:  # noqa: ANN001
    pdf = _letters(5)
    target = tmp_path / "range.pdf"
    printer = _pdf_printer(target)
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPageRanges(ranges)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert printing.print_pdf(pdf, printer) == 4
    assert _printed_sources(target, pdf) == [1, 2, 1, 2]
    printer = _pdf_printer(tmp_path / "uncollated.pdf")
    printer.setPageRanges(ranges)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    printing.print_pdf(pdf, printer)
    assert _printed_sources(tmp_path / "uncollated.pdf", pdf) == [1, 1, 2, 2]


def test_the_current_page_and_ranges_beyond_the_document(qapp, tmp_path) -> None:  # noqa: ANN001
    pdf = _letters(3)
    printer = _pdf_printer(tmp_path / "current.pdf")
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert printing.print_pdf(pdf, printer, current=2) == 1
    assert _printed_sources(tmp_path / "current.pdf", pdf) == [2]
    ranges = QPageRanges()
    ranges.addRange(3, 9)  # pages past the end are left out, the ones inside are printed
    assert printing.pages_to_print(_with_ranges(ranges), 3) == [2]
    beyond = QPageRanges()
    beyond.addRange(4, 9)
    with pytest.raises(CoachDeskError, match="has 3 page"):
        printing.pages_to_print(_with_ranges(beyond), 3)


def _with_ranges(ranges: QPageRanges) -> QPrinter:
    printer = QPrinter()
    printer.setPageRanges(ranges)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    return printer


def test_sheet_order_for_copies() -> None:
    assert printing.sheet_order([0, 1, 2], 2, collate=True) == [0, 1, 2, 0, 1, 2]
    assert printing.sheet_order([0, 1, 2], 2, collate=False) == [0, 0, 1, 1, 2, 2]
    assert printing.sheet_order([4], 0, collate=True) == [4]


def test_a_printer_that_cannot_start_is_named(qapp, tmp_path) -> None:  # noqa: ANN001
    printer = _pdf_printer(tmp_path / "missing-folder" / "out.pdf")
    with pytest.raises(CoachDeskError, match="^Print to file: .*out.pdf could not be written; choose a file name"):
        printing.print_pdf(_letters(1), printer)
    assert not (tmp_path / "missing-folder").exists()


def test_letter_paper_and_landscape_pages_start_the_dialog_right(qapp) -> None:  # noqa: ANN001
    printer = QPrinter()
    with PdfPages(_letters(1, paper="Letter")) as pages:
        printing.fit_printer_to(printer, pages)
    assert printer.pageLayout().pageSize().id() == printer.pageLayout().pageSize().PageSizeId.Letter
    docs = [RecognitionDoc("u", "Ana Silva", "", "Star", "Did it.", "", "Laura", "", "", date(2026, 11, 3))]
    with PdfPages(recognition.build_certificates(docs, Branding())) as pages:
        printing.fit_printer_to(printer, pages)
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape


def test_preview_window_pages_zoom_print_save_and_viewer(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from tests.ui.naming import unnamed_widgets

    pdf = _letters(3)
    window = report_actions.open_preview(None, pdf, "letters.pdf", "Recognition letters")  # deletes itself on close
    window.resize(900, 700)
    assert unnamed_widgets(window) == []
    assert window.page_box.maximum() == 3 and window.of_label.text() == "of 3"
    assert not window.previous.isEnabled() and window.next.isEnabled()
    window.next.click()
    assert window.current == 1 and window.page_box.value() == 2
    with PdfPages(pdf) as pages:  # the page on screen is the second page of the document
        shown = window.image.pixmap().toImage()
        assert _distance(shown, pages.image(1, 40)) < _distance(shown, pages.image(0, 40))
    window.set_zoom(1.0)
    width_at_100 = window.image.pixmap().width()
    window.step_zoom(1)
    assert window.zoom == 1.25 and window.image.pixmap().width() > width_at_100
    window.page_box.setValue(3)
    assert window.current == 2 and not window.next.isEnabled()
    window.grab().save(str(GRAB))
    # Print: Qt's dialog is replaced by a PDF printer; the preview asks for the page on screen as "current"
    target = tmp_path / "printed.pdf"
    asked: list[int | None] = []

    def no_dialog(parent, document, current=None, name=""):  # noqa: ANN001, ANN202
        asked.append(current)
        return _pdf_printer(target)

    monkeypatch.setattr(printing, "ask_printer", no_dialog)
    window.print_button.click()
    assert asked == [2] and len(PdfReader(target).pages) == 3
    assert window.status.text() == "3 page(s) sent to the printer."
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr(report_actions, "ask_save_path", lambda parent, suggested: str(saved))
    window.save_button.click()
    assert saved.read_bytes() == pdf  # Save as PDF writes the document itself, text and all
    assert window.status.text() == f"Saved to {saved}"
    opened: list[Path] = []
    monkeypatch.setattr(report_actions, "preview_folder", lambda: tmp_path)
    monkeypatch.setattr(report_actions, "open_in_viewer", lambda path: opened.append(path) or True)
    window.external_button.click()
    assert len(opened) == 1 and opened[0].read_bytes() == pdf
    window.close()
    qtbot.waitUntil(lambda: window not in report_actions._open_previews)


def test_no_viewer_is_said_in_one_sentence(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(report_actions, "preview_folder", lambda: tmp_path)
    monkeypatch.setattr(report_actions, "open_in_viewer", lambda path: False)
    with pytest.raises(CoachDeskError, match="No PDF viewer opened"):
        report_actions.open_external(_letters(1), "a.pdf")


def test_a_document_that_is_not_a_pdf_is_refused_in_one_sentence() -> None:
    with pytest.raises(CoachDeskError, match="could not be read as a PDF"):
        PdfPages(b"not a pdf at all")


def test_print_button_on_the_reports_page_prints_to_the_chosen_printer(qtbot, ctx, sample, tmp_path,  # noqa: ANN001
                                                                      monkeypatch) -> None:
    from coachdesk.ui.pages.reports_page import ReportsPage

    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()  # the page loads its lists when shown
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(printing, "ask_printer", lambda parent, document, current=None, name="": _pdf_printer(target))
    page.select_kind("feedback")
    page.agent.setCurrentIndex(page.agent.findData(sample.agent_uuids["Chloé Martin"]))
    page.print_button.click()
    assert page.message.text() == "Sent to the printer."
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) >= 1
    assert reader.pages[0].extract_text().strip() == ""  # printed pages are images of the document's pages


def test_a_landscape_page_on_a_portrait_sheet_is_turned_to_fill_it(qapp, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtGui import QPageLayout, QTransform

    docs = [RecognitionDoc("u", "Ana Silva", "", "Star of the month", "Did it.", "", "Laura", "", "",
                           date(2026, 11, 3))]
    pdf = recognition.build_certificates(docs, Branding())
    target = tmp_path / "turned.pdf"
    printer = _pdf_printer(target)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printing.print_pdf(pdf, printer)
    with PdfPages(target.read_bytes()) as out, PdfPages(pdf) as src:
        sheet = out.size(0)
        assert sheet.height > sheet.width  # the paper stayed portrait
        printed = out.image(0, 40)
        original = src.image(0, 40)
        upright = printed.transformed(QTransform().rotate(-90))
        assert _distance(upright, original) < 4 < _distance(printed.transformed(QTransform().rotate(90)), original)
