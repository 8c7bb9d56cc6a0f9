"""An Agg renderer that keeps text layouts and rendered glyphs between draws, for charts redrawn many times.

matplotlib's Agg renderer lays out every string and rasterises every glyph again on each draw; on the agent trend
view (about 300 glyphs of titles and tick labels per agent) that is most of the drawing time. This renderer
caches a string's layout and each glyph's bitmap at a quarter-pixel position, then composites the cached bitmaps
the way Agg does. It is used only where it is known to work: horizontal plain text (not mathtext, not rotated)
with matplotlib's own glyph API; anything else, or a matplotlib whose private API differs, takes the normal path.
No Qt here: a GUI canvas or a PNG export may use it alike.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

try:  # matplotlib >= 3.10 renders glyph by glyph through these (private) calls
    from matplotlib.ft2font import RenderMode

    _SUPPORTED = all(hasattr(FT2Font, name) for name in ("_render_glyph", "_set_transform", "_layout")) and \
        hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
except ImportError:  # pragma: no cover - an older matplotlib: the normal path
    RenderMode = None
    _SUPPORTED = False

#: sub-pixel steps per pixel kept apart in the glyph cache (in FreeType's 1/64 pixel units: 16 = quarter pixels)
_STEP = 16
#: caches are cleared beyond this many entries (a chart uses a few hundred)
_MAX_ENTRIES = 20_000
_IDENTITY = (0x10000 * np.eye(2)).round().astype(int)

_layouts: dict[tuple, list[tuple[Any, float, int, float, float]]] = {}
_glyphs: dict[tuple, tuple[np.ndarray, int, int]] = {}
_text_layouts: dict[tuple, tuple] = {}


def supported() -> bool:
    return _SUPPORTED


def cache_sizes() -> tuple[int, int]:
    """(layouts, glyph bitmaps) held, for tests."""
    return len(_layouts), len(_glyphs)


def text_layouts_held() -> int:
    """Text layouts kept by ``LayoutCachedText``, for tests."""
    return len(_text_layouts)


class GlyphCachingRenderer(RendererAgg):
    """``RendererAgg`` with cached text layouts and glyph bitmaps (see the module docstring)."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):  # noqa: ANN001, ANN201, PLR0913
        if not _SUPPORTED or ismath or angle:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        # fonts are per thread in matplotlib (FreeType objects are not thread-safe): so are the cached layouts,
        # which hold them; the glyph bitmaps are plain arrays, shared
        key = (s, hash(prop), size, self.dpi, features and tuple(features), language, threading.get_ident())
        items = _layouts.get(key)
        if items is None:
            font = self._prepare_font(prop)
            items = [(item.ft_object, size, item.glyph_index, item.x, item.y)
                     for item in font._layout(s, flags=get_hinting_flag(), features=features,  # noqa: SLF001
                                              language=language)]
            if len(_layouts) > _MAX_ENTRIES:
                _layouts.clear()
            _layouts[key] = items
        self._draw_cached_glyphs(gc, x, y, items)
        return None

    def _draw_cached_glyphs(self, gc, x: float, y: float, items: list) -> None:  # noqa: ANN001
        flags = get_hinting_flag()
        antialiased = gc.get_antialiased()
        height = self.height
        draw = self._renderer.draw_text_image
        for font, size, glyph_index, dx, dy in items:
            px = round(0x40 * (x + dx))
            py = round(0x40 * (height - y + dy))
            fx, fy = (px & 0x3F) // _STEP * _STEP, (py & 0x3F) // _STEP * _STEP
            key = (font.fname, size, self.dpi, glyph_index, fx, fy, antialiased, flags)
            entry = _glyphs.get(key)
            if entry is None:
                font.set_size(size, self.dpi)
                font._set_transform(_IDENTITY, [fx, fy])  # noqa: SLF001
                bitmap = font._render_glyph(  # noqa: SLF001
                    glyph_index, flags, RenderMode.NORMAL if antialiased else RenderMode.MONO)
                buffer = np.array(bitmap.buffer, dtype=np.uint8, copy=True)
                if not antialiased:
                    buffer *= 0xFF
                if len(_glyphs) > _MAX_ENTRIES:
                    _glyphs.clear()
                entry = _glyphs[key] = (buffer, bitmap.left, bitmap.top)
            buffer, left, top = entry
            if buffer.size:
                draw(buffer, left + (px >> 6), int(height) - (top + (py >> 6)) + buffer.shape[0], 0, gc)


class LayoutCachedText(Text):
    """A ``Text`` whose layout (size, line positions and alignment offsets, all relative to its anchor) is kept per
    string, font, alignment and renderer kind: matplotlib measures it again on every draw, reading the font's
    tables each time, though the layout never depends on where the text stands. Wrapped text and TeX take the
    normal path (their layout depends on the figure or on TeX)."""

    def _get_layout(self, renderer):  # noqa: ANN001, ANN202 - matplotlib's private hook, same signature
        if self.get_wrap() or self.get_usetex():
            return super()._get_layout(renderer)
        key = (self.get_text(), hash(self._fontproperties), self._horizontalalignment, self._verticalalignment,
               self.get_rotation(), self.get_rotation_mode(), self._linespacing, self._get_multialignment(),
               self.get_figure(root=True).dpi, type(renderer), threading.get_ident())
        layout = _text_layouts.get(key)
        if layout is None:
            layout = super()._get_layout(renderer)
            if len(_text_layouts) > _MAX_ENTRIES:
                _text_layouts.clear()
            _text_layouts[key] = layout
        return layout


def cached_layout(text: Text) -> Text:
    """``text`` (made by ``Axes.text`` or ``Figure.text``), now keeping its layout between draws."""
    text.__class__ = LayoutCachedText
    return text


def caching_renderer(width: float, height: float, dpi: float) -> RendererAgg:
    """A glyph-caching Agg renderer of that size, or the plain one when this matplotlib is not supported."""
    return (GlyphCachingRenderer if _SUPPORTED else RendererAgg)(width, height, dpi)


class CachingRendererMixin:
    """For a subclass of an Agg canvas (``FigureCanvasAgg``, or a GUI's Agg canvas): draw with
    ``caching_renderer``, kept while the canvas keeps its size and dpi, as the Agg canvas does its own."""

    def get_renderer(self) -> RendererAgg:
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = caching_renderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


class CachingCanvasAgg(CachingRendererMixin, FigureCanvasAgg):
    """An Agg canvas drawing with ``caching_renderer`` (for images saved again and again, e.g. report charts)."""
