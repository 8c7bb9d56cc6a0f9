"""Look and feel: Fusion style, the system's light or dark palette, title fonts and palette-coloured icons."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QStyle, QStyleOption, QWidget

from coachdesk.ui.kit.contrast import accessible_palette

#: ``dark`` or ``light`` forces a colour scheme (screenshots, platforms that do not report one).
COLOR_SCHEME_ENV = "COACHDESK_COLOR_SCHEME"

_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24" fill="none" '
        'stroke="{color}" stroke-opacity="{opacity:.2f}" stroke-width="1.8" stroke-linecap="round" '
        'stroke-linejoin="round">{body}</svg>')

#: 24 x 24 line icons drawn for CoachDesk; stroked in the palette's text colour so they follow light and dark.
ICON_SHAPES: dict[str, str] = {
    "today": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>'
             '<circle cx="12" cy="15.5" r="1.6"/>',
    "team": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6"/>'
            '<circle cx="17" cy="9" r="2.5"/><path d="M17 14c2.8.3 4.5 2.3 4.5 5"/>',
    "agent": '<circle cx="12" cy="8" r="4"/><path d="M4.5 21c0-4.2 3.4-7 7.5-7s7.5 2.8 7.5 7"/>',
    "goals": '<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="5"/><circle cx="12" cy="12" r="1.5"/>',
    "observe": '<path d="M4 15v-3a8 8 0 0 1 16 0v3"/><rect x="3" y="14" width="4" height="6" rx="1.5"/>'
               '<rect x="17" y="14" width="4" height="6" rx="1.5"/>',
    "one_to_ones": '<path d="M4 4h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/>'
                   '<path d="M19 8h1a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2h-1v3l-4-3h-4"/>',
    "calendar": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>'
                '<path d="M7 14h2M11 14h2M15 14h2M7 17.5h2M11 17.5h2"/>',
    "kpis": '<path d="M3 3v18h18"/><path d="M7 15l4-4 3 3 5-6"/>',
    "reports": '<path d="M6 2h9l5 5v15H6z"/><path d="M14 2v6h6M9 13h8M9 17h6"/>',
    "people": '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10.5" r="2.5"/>'
              '<path d="M5.5 17c.5-2 2-3 3.5-3s3 1 3.5 3M14.5 10h4M14.5 14h4"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/>',
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A Fusion dark palette, for platforms whose style does not supply one when the system is dark."""
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(32, 32, 34), QColor(232, 232, 232)
    highlight, link = QColor(61, 133, 198), QColor(110, 170, 240)
    for role, color in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor(40, 40, 43)),
        (QPalette.ColorRole.ToolTipBase, window), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150)), (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 90, 90)), (QPalette.ColorRole.Highlight, highlight),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)), (QPalette.ColorRole.Link, link),
        (QPalette.ColorRole.Light, QColor(70, 70, 74)), (QPalette.ColorRole.Midlight, QColor(58, 58, 62)),
        (QPalette.ColorRole.Mid, QColor(38, 38, 40)), (QPalette.ColorRole.Dark, QColor(25, 25, 27)),
        (QPalette.ColorRole.Shadow, QColor(10, 10, 10)),
    ):
        p.setColor(role, color)
    disabled = QColor(128, 128, 128)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def indicator_palette(palette: QPalette) -> QPalette:
    """The palette check boxes and radio buttons are drawn with: in a dark palette, Window moves halfway to Text.

    Fusion draws an indicator's frame in a shade of Window (about 80 % of it) on Base, and no other role (Mid, Dark,
    Button...) changes it; with a dark Window and Base the frame of an unchecked box all but disappears, notably in
    item views (the framework editor's KPI list). Light palettes are returned unchanged.
    """
    if not is_dark(palette):
        return palette
    adjusted = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        window, text = palette.color(group, QPalette.ColorRole.Window), palette.color(group, QPalette.ColorRole.Text)
        adjusted.setColor(group, QPalette.ColorRole.Window, QColor(
            (window.red() + text.red()) // 2, (window.green() + text.green()) // 2, (window.blue() + text.blue()) // 2))
    return adjusted


_INDICATORS = frozenset({QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton,
                         QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck})


class ThemeStyle(QProxyStyle):
    """Fusion, drawing check-box and radio indicators with ``indicator_palette`` so they show in dark mode."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: Any,  # noqa: N802
                      widget: QWidget | None = None) -> None:
        if element in _INDICATORS and is_dark(option.palette):
            option = type(option)(option)
            option.palette = indicator_palette(option.palette)
        super().drawPrimitive(element, option, painter, widget)


def apply_theme(app: QApplication, scheme: str | None = None) -> None:
    """Fusion style with the system's palette, its text colours made readable (``kit.contrast``); ``scheme`` (or
    ``COACHDESK_COLOR_SCHEME``) forces dark or light."""
    app.setStyle(ThemeStyle("Fusion"))
    scheme = (scheme or os.environ.get(COLOR_SCHEME_ENV, "")).lower()
    system_dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    if scheme == "light":
        app.setPalette(app.style().standardPalette())
    elif (scheme == "dark" or system_dark) and not is_dark(app.palette()):
        app.setPalette(dark_palette())
    app.setPalette(accessible_palette(app.palette()))  # every text role at least 4.5:1 on its background


def _svg_pixmap(name: str, color: QColor, pixels: int) -> QPixmap:
    data = _SVG.format(size=pixels, color=color.name(), opacity=color.alphaF(), body=ICON_SHAPES[name]).encode()
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(data), "SVG")
    return pixmap


def svg_icon(name: str, color: QColor, size: int = 24, selected: QColor | None = None) -> QIcon:
    """A named line icon in ``color`` (``selected`` when its item is selected), crisp at the screen's pixel ratio.

    Qt's SVG image plugin renders it, so the QtSvg Python module is never imported.
    """
    app = QGuiApplication.instance()
    ratio = max(app.devicePixelRatio() if app is not None else 1.0, 1.0)
    pixels = round(size * ratio)
    icon = QIcon()
    for mode, mode_color in ((QIcon.Mode.Normal, color), (QIcon.Mode.Selected, selected)):
        if mode_color is not None:
            pixmap = _svg_pixmap(name, mode_color, pixels)
            pixmap.setDevicePixelRatio(ratio)
            icon.addPixmap(pixmap, mode)
    return icon


def palette_icon(name: str, widget: QWidget, role: QPalette.ColorRole = QPalette.ColorRole.WindowText,
                 selectable: bool = False, size: int = 24) -> QIcon:
    """``name`` in the widget's palette colour; ``selectable`` adds the highlighted-text colour for selection."""
    palette = widget.palette()
    selected = palette.color(QPalette.ColorRole.HighlightedText) if selectable else None
    return svg_icon(name, palette.color(role), size=size, selected=selected)


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def title_label(text: str, parent: QWidget | None = None, factor: float = 1.9, name: str = "") -> QLabel:
    """A large, legible page or section title."""
    label = QLabel(text, parent)
    label.setFont(scaled_font(label.font(), factor, bold=True))
    label.setAccessibleName(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    return label


def muted_label(text: str, parent: QWidget | None = None, name: str = "") -> QLabel:
    """Secondary text in the palette's placeholder colour (readable in light and dark)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    if name:
        label.setObjectName(name)
    return label
