"""How a progress band looks: a tint that mixes the band's hue into the palette's base colour so text stays readable
in light and dark mode, and a stronger accent; its words and shape mark are in ``kit.words``."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from coachdesk.domain.objectives import Band

_HUES = {
    Band.FAR_BELOW: QColor(214, 39, 40),
    Band.BELOW: QColor(235, 150, 0),
    Band.ON_TARGET: QColor(44, 160, 44),
    Band.EXCEEDED: QColor(31, 119, 200),
}
def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share), round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def band_background(band: Band | None, palette: QPalette) -> QColor | None:
    """The base colour tinted with the band's hue (a stronger tint on dark bases, where hues look duller)."""
    if band is None:
        return None
    base = palette.color(QPalette.ColorRole.Base)
    share = 0.42 if base.lightness() < 128 else 0.26
    return _mix(base, _HUES[band], share)


def band_accent(band: Band | None, palette: QPalette) -> QColor:
    """A stronger colour for a thin bar or the band's mark: the hue, softened toward the text on dark bases."""
    if band is None:
        return palette.color(QPalette.ColorRole.PlaceholderText)
    hue = _HUES[band]
    if palette.color(QPalette.ColorRole.Base).lightness() < 128:
        return _mix(hue, QColor(255, 255, 255), 0.25)
    return hue
