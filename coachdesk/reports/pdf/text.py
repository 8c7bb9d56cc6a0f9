"""User text made safe for reportlab: escaped markup, font runs for every script, right-to-left lines in visual order."""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from coachdesk.reports.pdf import fonts

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_RTL_BIDI = {"R", "AL"}
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
#: the column width assumed when a caller gave none (an A4 page's body)
DEFAULT_WIDTH = 480.0
#: a margin so that lines wrapped here are never wrapped again by reportlab
_FIT = 0.985


def clean(text: str | None) -> str:
    """Newlines normalised, tabs as spaces, control characters and lone surrogates removed; nothing else changes."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in _RTL_BIDI for c in text)


def base_is_rtl(text: str) -> bool:
    """The paragraph direction: that of its first strong character (Unicode's rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_BIDI:
            return True
        if kind == "L":
            return False
    return False


def markup(text: str | None, base: str = fonts.SANS) -> str:
    """Paragraph markup that prints ``text`` exactly: escaped, with runs of other scripts in the font that has them."""
    lines = []
    for line in clean(text).split("\n"):
        parts = []
        for name, piece in fonts.runs(line, base):
            piece = escape(piece)
            parts.append(piece if name == base else f'<font face="{name}">{piece}</font>')
        lines.append("".join(parts))
    return "<br/>".join(lines)


def _break_word(word: str, base: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and fonts.text_width(current + char, base, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def _wrap(line: str, base: str, size: float, width: float) -> list[str]:
    out, current = [], ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if fonts.text_width(candidate, base, size) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        if fonts.text_width(word, base, size) <= width:
            current = word
        else:
            *full, current = _break_word(word, base, size, width) or [""]
            out.extend(full)
    out.append(current)
    return out


def visual_lines(text: str, base: str, size: float, width: float) -> tuple[list[str], bool]:
    """Bidirectional text wrapped to ``width`` in logical order, each line then put in visual order (Arabic shaped
    into its presentation forms first); also whether the paragraph runs right to left."""
    from bidi import get_display

    text = clean(text)
    if _ARABIC.search(text):
        import arabic_reshaper

        text = arabic_reshaper.reshape(text)
    rtl = base_is_rtl(text)
    lines = []
    for logical in text.split("\n"):
        for line in _wrap(logical, base, size, width * _FIT):
            lines.append(get_display(line, base_dir="R" if rtl else "L"))
    return lines, rtl


def para(text: str | None, style: ParagraphStyle, width: float | None = None) -> Paragraph:
    """A Paragraph of user text printed as typed. Text with right-to-left script is wrapped here, to ``width``
    (the column it goes in), and laid out in visual order, aligned right when the paragraph itself runs RTL."""
    base = style.fontName
    text = clean(text)
    if has_rtl(text):
        width = width or DEFAULT_WIDTH
        lines, rtl = visual_lines(text, base, style.fontSize, width)
        body = "<br/>".join(markup(line, base) for line in lines)
        if rtl and style.alignment == TA_LEFT:
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        return Paragraph(body, style)
    return Paragraph(markup(text, base), style)


def rich(template: str, style: ParagraphStyle, **values: str | None) -> Paragraph:
    """A Paragraph from trusted markup with short user values put in safely (right-to-left ones in visual order):
    ``rich("<b>Due</b> {due}", s, due=...)``."""
    return Paragraph(template.format(**{k: markup(line(v) if v and has_rtl(v) else v, style.fontName)
                                        for k, v in values.items()}), style)


def line(text: str | None) -> str:
    """One line for a canvas (titles, footers): cleaned, newlines as spaces, RTL put in visual order."""
    text = " ".join(clean(text).split("\n"))
    if has_rtl(text):
        from bidi import get_display

        if _ARABIC.search(text):
            import arabic_reshaper

            text = arabic_reshaper.reshape(text)
        text = get_display(text, base_dir="R" if base_is_rtl(text) else "L")
    return text
