"""A built PDF's pages as images (PDFium through pypdfium2), for the preview window and for printing through Qt.

PDFium is not thread-safe: every call into it holds one process-wide lock, so a page may be rendered on a worker
thread (the preview) while another is printed. The images are plain ``QImage``s, safe to hand between threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtGui import QImage

from coachdesk.domain.errors import CoachDeskError

_pdfium_lock = threading.RLock()
#: the highest resolution a page is rendered at for a printer (dots per inch): beyond it paper shows no difference
#: and a page's image grows fourfold for every doubling
MAX_PRINT_DPI = 300


@dataclass(frozen=True)
class PageSize:
    width: float  # points (1/72 inch)
    height: float


class PdfPages:
    """One PDF held open for rendering: ``count``, ``size(i)``, ``image(i, dpi)``. Close it when done."""

    def __init__(self, pdf: bytes) -> None:
        import pypdfium2 as pdfium

        self._data = bytes(pdf)  # PDFium reads from this buffer for as long as the document is open
        with _pdfium_lock:
            try:
                self._doc = pdfium.PdfDocument(self._data)
            except pdfium.PdfiumError as exc:
                raise CoachDeskError(f"The document could not be read as a PDF ({exc}).") from None
            self.count = len(self._doc)
            self._sizes = [PageSize(*self._doc[i].get_size()) for i in range(self.count)]

    def size(self, index: int) -> PageSize:
        return self._sizes[index]

    def image(self, index: int, dpi: float) -> QImage:
        """Page ``index`` (0-based) at ``dpi`` dots per inch, white background, as an RGB32 image."""
        with _pdfium_lock:
            page = self._doc[index]
            try:
                bitmap = page.render(scale=dpi / 72, prefer_bgrx=True, may_draw_forms=False)
                try:
                    # BGRx bytes in memory are QImage's RGB32 on little-endian machines (every desktop CoachDesk runs)
                    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                                   QImage.Format.Format_RGB32).copy()
                finally:
                    bitmap.close()
            finally:
                page.close()
        return image

    def close(self) -> None:
        """Let go of the document (again is harmless)."""
        with _pdfium_lock:
            if self._doc is not None:
                self._doc.close()
                self._doc = None

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_page(pages: PdfPages, index: int, dpi: float) -> tuple[int, float, QImage]:
    """For a worker: the page's index, the resolution and its image (the preview keeps the newest per page)."""
    return index, dpi, pages.image(index, dpi)
