"""The look of every report: colours, paragraph styles and table styles, all on the embedded fonts."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from coachdesk.reports.pdf import fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#1d4e89")
GOLD = colors.HexColor("#b08d3c")
RULE = colors.HexColor("#c9d2dc")
BAND = colors.HexColor("#eef2f7")
GOOD = colors.HexColor("#2e7d32")
WARN = colors.HexColor("#b26a00")
BAD = colors.HexColor("#b3261e")


class Styles:
    """Paragraph styles by name: ``S.body``, ``S.h1``..."""

    def __init__(self) -> None:
        fonts.register()
        base = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9.5, leading=13, textColor=INK,
                              alignment=TA_LEFT, splitLongWords=1, spaceAfter=3)
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=fonts.SANS_BOLD)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=fonts.SANS_BOLD, textColor=colors.white)
        self.quote = ParagraphStyle("quote", parent=base, fontName=fonts.SANS_ITALIC, leftIndent=14,
                                    textColor=INK, spaceBefore=1, spaceAfter=5)
        self.bullet = ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=2)
        self.title = ParagraphStyle("title", parent=base, fontName=fonts.SERIF_BOLD, fontSize=20, leading=25,
                                    textColor=ACCENT, spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14, textColor=MUTED,
                                       spaceAfter=8)
        self.h1 = ParagraphStyle("h1", parent=base, fontName=fonts.SANS_BOLD, fontSize=12.5, leading=16,
                                 textColor=ACCENT, spaceBefore=10, spaceAfter=4, keepWithNext=1)
        self.h2 = ParagraphStyle("h2", parent=base, fontName=fonts.SANS_BOLD, fontSize=10.5, leading=14,
                                 spaceBefore=6, spaceAfter=2, keepWithNext=1)
        self.centre = ParagraphStyle("centre", parent=base, alignment=TA_CENTER)
        # certificate
        self.cert_org = ParagraphStyle("cert_org", parent=base, fontName=fonts.SANS_BOLD, fontSize=11, leading=14,
                                       alignment=TA_CENTER, textColor=MUTED)
        self.cert_title = ParagraphStyle("cert_title", parent=base, fontName=fonts.SERIF_BOLD, fontSize=34,
                                         leading=40, alignment=TA_CENTER, textColor=ACCENT)
        self.cert_small = ParagraphStyle("cert_small", parent=base, fontSize=11, leading=15, alignment=TA_CENTER,
                                         textColor=MUTED)
        self.cert_name = ParagraphStyle("cert_name", parent=base, fontName=fonts.SERIF_BOLD, fontSize=30,
                                        leading=36, alignment=TA_CENTER, textColor=INK, spaceBefore=4,
                                        spaceAfter=4)
        self.cert_for = ParagraphStyle("cert_for", parent=base, fontName=fonts.SANS_BOLD, fontSize=15, leading=20,
                                       alignment=TA_CENTER, textColor=GOLD, spaceAfter=6)
        self.cert_body = ParagraphStyle("cert_body", parent=base, fontSize=11.5, leading=16, alignment=TA_CENTER)
        self.cert_quote = ParagraphStyle("cert_quote", parent=self.cert_body, fontName=fonts.SANS_ITALIC,
                                         spaceBefore=6)
        self.letter = ParagraphStyle("letter", parent=base, fontSize=11, leading=16, spaceAfter=9)


@lru_cache(maxsize=1)
def styles() -> Styles:
    return Styles()


def table_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    commands = [
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 8.5),  # empty cells too: reportlab's default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT)]
    if zebra:
        commands += [("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, BAND])]
    return TableStyle(commands)
