"""Page templates shared by every document: paper size, letterhead, certificate border, footer with the period,
print date and "page x of y" (numbered within each document of a batch), and the PDF's metadata.

A page on which no content was drawn (only its letterhead and footer) is dropped before the numbers are written, so
no document ends on a blank page; the canvas starts in an embedded font, so no PDF lists an unembedded Helvetica."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate, Spacer

from coachdesk.domain import date_words
from coachdesk.reports.model import Branding
from coachdesk.reports.pdf import fonts, styles
from coachdesk.reports.pdf.text import line

MARGIN = 18 * mm
PORTRAIT, CERTIFICATE = "portrait", "certificate"


def page_size(paper: str) -> tuple[float, float]:
    return LETTER if paper.lower() == "letter" else A4


def body_width(paper: str, orientation: str = PORTRAIT) -> float:
    size = page_size(paper)
    if orientation == CERTIFICATE:
        size = landscape(size)
    return size[0] - 2 * (MARGIN + (14 * mm if orientation == CERTIFICATE else 0))


class Section(Flowable):
    """Invisible marker that starts a document inside a (batch) PDF: its footer text and its page numbering."""

    def __init__(self, footer: str) -> None:
        super().__init__()
        self.footer = footer
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._cd_footer = self.footer
        self.canv._cd_section = getattr(self.canv, "_cd_section", 0) + 1


class _NumberedCanvas(Canvas):
    """Keeps each page until the end, drops the pages that hold no content, then writes "page x of y" counted
    within the page's section (not on certificates, which carry no report footer)."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        fonts.register()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.SANS  # not Helvetica, never embedded
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._cd_content = False

    def showPage(self) -> None:  # noqa: N802
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self._cd_content = False

    def save(self) -> None:
        pages = [page for page in self._pages if page.get("_cd_content")] or self._pages[:1]
        totals = Counter(page.get("_cd_page_section", 0) for page in pages)
        seen: Counter = Counter()
        for page in pages:
            self.__dict__.update(page)
            section = page.get("_cd_page_section", 0)
            seen[section] += 1
            if page.get("_cd_template") == CERTIFICATE:
                super().showPage()
                continue
            width = self._pagesize[0]
            self.setFillColor(styles.MUTED)
            fonts.draw_runs(self, width - MARGIN, 10 * mm, f"Page {seen[section]} of {totals[section]}", fonts.SANS,
                            7.5, "right")
            super().showPage()
        super().save()


@dataclass
class _Decor:
    branding: Branding

    def _footer(self, canvas: Canvas, width: float) -> None:
        canvas._cd_page_section = getattr(canvas, "_cd_section", 0)
        canvas.saveState()
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
        canvas.setFillColor(styles.MUTED)
        footer = line(getattr(canvas, "_cd_footer", ""))
        if fonts.text_width(footer, fonts.SANS, 7.5) > width * 0.62:
            while footer and fonts.text_width(footer + "…", fonts.SANS, 7.5) > width * 0.62:
                footer = footer[:-1]
            footer += "…"
        fonts.draw_runs(canvas, MARGIN, 10 * mm, footer, fonts.SANS, 7.5)
        printed = f"Printed {date_words.date_words(self.branding.printed_on)}"
        fonts.draw_runs(canvas, width - MARGIN - 24 * mm, 10 * mm, printed, fonts.SANS, 7.5, "right")
        canvas.restoreState()

    def _image(self) -> ImageReader | None:
        if not self.branding.logo:
            return None
        try:
            image = ImageReader(io.BytesIO(self.branding.logo))
            image.getSize()
        except Exception:  # noqa: BLE001 - a logo that cannot be read is left out, never fails a report
            return None
        return image

    def _logo(self, canvas: Canvas, x: float, y: float, height: float, centre: bool = False) -> float:
        image = self._image()
        if image is None:
            return 0
        w, h = image.getSize()
        width = height * w / h
        canvas.drawImage(image, x - (width / 2 if centre else 0), y, width, height, mask="auto")
        return width

    def portrait_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas._cd_template = PORTRAIT
        width, height = canvas._pagesize
        canvas.saveState()
        top = height - 13 * mm
        used = self._logo(canvas, MARGIN, top - 5 * mm, 9 * mm)
        canvas.setFillColor(styles.ACCENT)
        org = line(self.branding.organisation)
        if org:
            fonts.draw_runs(canvas, MARGIN + used + (3 * mm if used else 0), top - 2 * mm, org, fonts.SANS_BOLD, 9)
        canvas.setFillColor(styles.MUTED)
        fonts.draw_runs(canvas, width - MARGIN, top - 2 * mm, "CoachDesk", fonts.SANS, 7.5, "right")
        canvas.setStrokeColor(styles.ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, top - 7 * mm, width - MARGIN, top - 7 * mm)
        canvas.restoreState()

    def portrait_end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._footer(canvas, canvas._pagesize[0])

    def certificate_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas._cd_template = CERTIFICATE
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setStrokeColor(styles.ACCENT)
        canvas.setLineWidth(3)
        canvas.rect(10 * mm, 18 * mm, width - 20 * mm, height - 28 * mm)
        canvas.setStrokeColor(styles.GOLD)
        canvas.setLineWidth(0.8)
        canvas.rect(13 * mm, 21 * mm, width - 26 * mm, height - 34 * mm)
        for x, y in ((13 * mm, 21 * mm), (width - 13 * mm, 21 * mm), (13 * mm, height - 13 * mm),
                     (width - 13 * mm, height - 13 * mm)):
            canvas.setFillColor(styles.GOLD)
            canvas.circle(x, y, 2.2 * mm, stroke=0, fill=1)
        self._logo(canvas, width / 2, height - 31 * mm, 14 * mm, centre=True)
        canvas.restoreState()

    def certificate_end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas._cd_page_section = getattr(canvas, "_cd_section", 0)  # a certificate carries no report footer


class _Doc(BaseDocTemplate):
    """Marks the page content was drawn on (anything with a size but the section markers)."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if not isinstance(flowable, Section) and getattr(flowable, "height", 1) and not isinstance(flowable, Spacer):
            self.canv._cd_content = True


def build(story: list, branding: Branding, *, title: str, subject: str = "", first: str = PORTRAIT) -> bytes:
    """Lay ``story`` out on pages (``first`` = the first page's template) and return the PDF's bytes."""
    fonts.register()
    out = io.BytesIO()
    portrait_size = page_size(branding.paper)
    cert_size = landscape(portrait_size)
    decor = _Decor(branding)
    doc = _Doc(out, pagesize=portrait_size, title=line(title), subject=line(subject),
                          author=line(branding.organisation) or "CoachDesk", creator="CoachDesk",
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=26 * mm, bottomMargin=20 * mm)
    portrait = PageTemplate(PORTRAIT, [Frame(MARGIN, 20 * mm, portrait_size[0] - 2 * MARGIN,
                                             portrait_size[1] - 46 * mm, id="body", leftPadding=0, rightPadding=0)],
                            onPage=decor.portrait_page, onPageEnd=decor.portrait_end, pagesize=portrait_size)
    side = MARGIN + 14 * mm
    top_room = 34 * mm if branding.logo else 22 * mm
    certificate = PageTemplate(CERTIFICATE, [Frame(side, 26 * mm, cert_size[0] - 2 * side,
                                                   cert_size[1] - 26 * mm - top_room, id="cert", leftPadding=0,
                                                   rightPadding=0)],
                               onPage=decor.certificate_page, onPageEnd=decor.certificate_end, pagesize=cert_size)
    templates = [certificate, portrait] if first == CERTIFICATE else [portrait, certificate]
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=_NumberedCanvas)
    return out.getvalue()


def next_template(name: str) -> NextPageTemplate:
    return NextPageTemplate(name)
