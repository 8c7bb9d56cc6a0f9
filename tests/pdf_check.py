"""A document check for printed PDFs, read back with pypdf (fonts) and PDFium (where each character and image
sits): pages with content beyond header and footer, every font embedded, no text drawn over other text or over an
image. Each check returns the flaws it found as sentences (empty = none)."""

from __future__ import annotations

import io
from collections import defaultdict

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader

MM = 72 / 25.4
#: the letterhead sits above this distance from the top of a page, the footer below this one from its bottom
HEADER, FOOTER = 22 * MM, 16 * MM


def unembedded_fonts(pdf: bytes) -> list[str]:
    flaws = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for key, ref in fonts.items():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                flaws.append(f"page {number}: font {font.get('/BaseFont')} ({key}) is not embedded")
    return flaws


def _boxes(page: pdfium.PdfPage) -> list[tuple[str, tuple[float, float, float, float]]]:
    text = page.get_textpage()
    try:
        out = []
        for i in range(text.count_chars()):
            char = chr(pdfium_c.FPDFText_GetUnicode(text, i))
            if char.isspace() or not char.isprintable():
                continue
            left, bottom, right, top = text.get_charbox(i, loose=False)
            if right > left and top > bottom:
                out.append((char, (left, bottom, right, top)))
        return out
    finally:
        text.close()


def _images(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    return [obj.get_bounds() for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))]


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The share of the smaller box covered by the other."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller if smaller else 0.0


def layout_flaws(pdf: bytes) -> list[str]:
    """Pages with nothing but letterhead and footer, characters drawn over each other, text over an image."""
    flaws = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number in range(len(doc)):
            page = doc[number]
            try:
                height = page.get_height()
                boxes = _boxes(page)
                images = _images(page)
                body = [c for c, box in boxes if FOOTER < box[1] and box[3] < height - HEADER]
                if not body and not images:
                    flaws.append(f"page {number + 1}: nothing but the letterhead and footer")
                elif len(body) < 60 and not images:
                    flaws.append(f"page {number + 1}: almost empty ({''.join(body)[:80]!r})")
                flaws += [f"page {number + 1}: {flaw}" for flaw in _collisions(boxes, images)]
            finally:
                page.close()
    finally:
        doc.close()
    return flaws


def _collisions(boxes: list, images: list) -> list[str]:
    flaws: list[str] = []
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    cell = 20.0
    for i, (_char, box) in enumerate(boxes):
        for gx in range(int(box[0] // cell), int(box[2] // cell) + 1):
            for gy in range(int(box[1] // cell), int(box[3] // cell) + 1):
                grid[gx, gy].append(i)
    seen: set[tuple[int, int]] = set()
    for members in grid.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if abs(i - j) == 1 or (i, j) in seen:  # neighbours in one string touch by design (f, j, italics)
                    continue
                seen.add((i, j))
                if _overlap(boxes[i][1], boxes[j][1]) > 0.3:
                    flaws.append(f"{boxes[i][0]!r} and {boxes[j][0]!r} are drawn over each other at "
                                 f"({boxes[i][1][0]:.0f}, {boxes[i][1][1]:.0f})")
                    if len(flaws) > 5:
                        return flaws
    for char, box in boxes:
        for image in images:
            if _overlap(box, image) > 0.3:
                flaws.append(f"{char!r} is drawn over an image at ({box[0]:.0f}, {box[1]:.0f})")
                return flaws
    return flaws


def document_flaws(pdf: bytes) -> list[str]:
    return unembedded_fonts(pdf) + layout_flaws(pdf)
