"""The one-to-one prep sheet: what the leader takes into the room, section by section (content from the
one-to-ones service), with room to write. It is meant to be one sheet: when the usual type spills a little onto a
second page, it is set again in a tighter type that fits."""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from coachdesk.reports.model import Branding, PrepDoc
from coachdesk.reports.pdf import fonts, layout, styles
from coachdesk.reports.pdf.blocks import day, none_line, title_block
from coachdesk.reports.pdf.text import para


@lru_cache(maxsize=1)
def _compact() -> tuple[ParagraphStyle, ParagraphStyle]:
    s = styles.styles()
    return (ParagraphStyle("prep_h1", parent=s.h1, fontSize=11, leading=14, spaceBefore=5, spaceAfter=2),
            ParagraphStyle("prep_bullet", parent=s.bullet, fontSize=8.5, leading=11, spaceAfter=1))


def story(doc: PrepDoc, branding: Branding, compact: bool = False) -> list:
    s = styles.styles()
    h1, bullet = _compact() if compact else (s.h1, s.bullet)
    width = layout.body_width(branding.paper)
    subtitle = " · ".join(x for x in (doc.agent_name, doc.team_name, f"prepared {day(doc.prepared_on)}") if x)
    out: list = [layout.Section(f"One-to-one prep · {doc.agent_name} · {day(doc.prepared_on)}"),
                 *title_block("One-to-one preparation", subtitle, width)]
    empty = [section.title for section in doc.sections if not section.lines]
    if empty:  # one line for every section with nothing in it, not a heading each
        out.append(none_line("Nothing to bring up under: " + ", ".join(empty) + "."))
    for section in doc.sections:
        if section.lines:
            out.append(Paragraph(escape(section.title), h1))
        for text in section.lines:
            out.append(para(f"• {text}", bullet, width - 12))
    return [*out, NoteLines()]


class NoteLines(Flowable):
    """"Notes" and ruled lines to write on, filling what is left of the page (up to ``most`` lines); when fewer
    than ``least`` lines fit it draws nothing rather than start a page of its own."""

    SPACING = 8 * mm

    def __init__(self, least: int = 3, most: int = 8) -> None:
        super().__init__()
        self.least, self.most, self.lines = least, most, 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        room = int((avail_height - 8 * mm) // self.SPACING)
        self.lines = min(self.most, room) if room >= self.least else 0
        self.width, self.height = avail_width, (8 * mm + self.lines * self.SPACING) if self.lines else 0
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list:
        return []

    def draw(self) -> None:
        if not self.lines:
            return
        canvas = self.canv
        canvas.setFillColor(styles.ACCENT)
        fonts.draw_runs(canvas, 0, self.height - 5 * mm, "Notes", fonts.SANS_BOLD, 12.5)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.4)
        for i in range(1, self.lines + 1):
            y = self.height - 8 * mm - i * self.SPACING + 2
            canvas.line(0, y, self.width, y)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def build(doc: PrepDoc, branding: Branding) -> bytes:
    def make(compact: bool) -> bytes:
        return layout.build(story(doc, branding, compact), branding, title=f"One-to-one prep: {doc.agent_name}",
                            subject="One-to-one preparation sheet")

    pdf = make(False)
    if _pages(pdf) > 1:
        tight = make(True)
        if _pages(tight) < _pages(pdf):
            return tight
    return pdf
