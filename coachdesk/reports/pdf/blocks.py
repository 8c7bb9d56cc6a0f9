"""Small building blocks the documents share: title block, headings, "nothing recorded" lines, tables, images."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table

from coachdesk.domain import date_words
from coachdesk.reports.pdf import styles
from coachdesk.reports.pdf.text import has_rtl, markup, para


def day(value: date | datetime | None) -> str:
    """A day as the screens write it (`domain.date_words`: the locale's format); an instant gives its local day."""
    return date_words.date_words(value, empty="–")


def when(value: datetime | None) -> str:
    """An instant as the screens write it: the locale's day and time, in local time (never UTC)."""
    return date_words.when_words(value, empty="–")


def period(start: date, end: date) -> str:
    return f"{day(start)} – {day(end)}"


def title_block(title: str, subtitle: str, width: float) -> list:
    s = styles.styles()
    return [para(title, s.title, width), para(subtitle, s.subtitle, width)]


def heading(text: str) -> Paragraph:
    return Paragraph(text, styles.styles().h1)  # trusted text only


def none_line(text: str) -> Paragraph:
    return Paragraph(f"<font color='#5f6b7a'>{text}</font>", styles.styles().body)


def table(header: list[str], rows: list[list], widths: list[float], zebra: bool = True) -> Table:
    """A table whose cells are Paragraphs (or text, made safe); rows split across pages when they must."""
    s = styles.styles()
    head = [Paragraph(h, s.head) for h in header]
    body = []
    for row in rows:
        cells = []
        for cell, width in zip(row, widths, strict=True):
            cells.append(cell if not isinstance(cell, str) else para(cell, s.cell, width - 8))
        body.append(cells)
    out = Table([head, *body], colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    out.setStyle(styles.table_style())
    return out


def png(data: bytes, width: float, height: float | None = None) -> Image:
    image = Image(io.BytesIO(data))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width, height or width * ratio
    image.hAlign = "CENTER"
    return image


class LazyImage(Flowable):
    """An image of known size whose bytes are fetched only when it is drawn: the layout goes on while a worker
    process is still rendering it."""

    def __init__(self, source: Callable[[], bytes], width: float, height: float) -> None:
        super().__init__()
        self.source, self.width, self.height = source, width, height
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(io.BytesIO(self.source())), 0, 0, self.width, self.height)


def chart(source: bytes | Callable[[], bytes], width: float, height: float = 0.0) -> Flowable:
    return LazyImage(source, width, height) if callable(source) else png(source, width, height or None)


def labelled(label: str, text: str, width: float) -> Paragraph | KeepTogether:
    """A bold label then user text on the same line; right-to-left text goes under its label instead."""
    s = styles.styles()
    if has_rtl(text):
        return KeepTogether([Paragraph(f"<b>{label}</b>", s.small), para(text, s.body, width)])
    return Paragraph(f"<font color='#5f6b7a'><b>{label}:</b></font> {markup(text)}", s.body)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
