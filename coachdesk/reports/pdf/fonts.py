"""The Unicode fonts embedded in every report, and per-character fallback: runs of text in the font with the glyph."""

from __future__ import annotations

import threading
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from coachdesk.paths import resource

SANS, SANS_BOLD, SANS_ITALIC, SERIF_BOLD = "CD-Sans", "CD-Sans-Bold", "CD-Sans-Italic", "CD-Serif-Bold"
CJK, HANGUL, EMOJI = "CD-CJK", "CD-Hangul", "CD-Emoji"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    CJK: "DroidSansFallback-CJK-subset.ttf",
    HANGUL: "CoachDeskHangul-subset.ttf",
    EMOJI: "Symbola-emoji-subset.ttf",
}
#: after its own font, a character is looked for in these, in order
FALLBACK = (SANS, CJK, HANGUL, EMOJI)
#: bold faces fall back to bold sans first (DejaVu Serif has no Hebrew or Arabic, DejaVu Sans Bold has)
_BOLD = frozenset({SANS_BOLD, SERIF_BOLD})
#: invisible joiners, variation selectors and skin-tone modifiers, which the monochrome emoji font cannot combine
#: (a ZWJ sequence prints as its parts, a toned emoji in its plain form)
INVISIBLE = frozenset({0x200D, 0xFE0E, 0xFE0F, 0x200B, 0x2060, 0xFEFF, *range(0x1F3FB, 0x1F400)})

_lock = threading.Lock()
_registered = False


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with each code as UTF-16BE, so characters beyond the BMP (emoji) copy and
    extract as themselves: reportlab writes <1F389>, an odd-length string readers reject."""
    pairs = [f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar", *pairs, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])


def register() -> None:
    """Register the embedded fonts with reportlab once per process (thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab import rl_config

        # images stored binary (Flate/DCT), not ASCII85: reportlab's pure-Python encoder dominated build time
        rl_config.useA85 = 0
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS_ITALIC)
        addMapping(SANS, 1, 1, SANS_BOLD)
        _registered = True


@lru_cache(maxsize=16)
def _charmap(font_name: str) -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def has_glyph(font_name: str, char: str) -> bool:
    return ord(char) in _charmap(font_name)


def font_for(char: str, base: str) -> str:
    """The first of ``base`` and the fallback fonts that draws ``char`` (``base`` when none does)."""
    code = ord(char)
    if code in _charmap(base) or char in "\n\t ":
        return base
    for name in (SANS_BOLD, *FALLBACK) if base in _BOLD else FALLBACK:
        if code in _charmap(name):
            return name
    return base


def runs(text: str, base: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, piece) runs; invisible joiners and variation selectors are dropped."""
    out: list[tuple[str, str]] = []
    current, piece = base, []
    for char in text:
        if ord(char) in INVISIBLE:
            continue
        name = font_for(char, base)
        if name != current and piece:
            out.append((current, "".join(piece)))
            piece = []
        current = name
        piece.append(char)
    if piece:
        out.append((current, "".join(piece)))
    return out


def text_width(text: str, base: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(piece, name, size) for name, piece in runs(text, base))


def draw_runs(canvas, x: float, y: float, text: str, base: str, size: float, align: str = "left") -> float:  # noqa: ANN001
    """Draw one line of (already visual-order) text at ``x`` (left, centre or right edge); return its width."""
    pieces = runs(text, base)
    width = sum(pdfmetrics.stringWidth(piece, name, size) for name, piece in pieces)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    for name, piece in pieces:
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, name, size)
    return width
