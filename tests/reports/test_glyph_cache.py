"""The glyph-caching Agg renderer draws what matplotlib's own renderer draws, and reuses its work on a redraw."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from coachdesk.reports.charts import glyph_cache
from coachdesk.reports.charts.glyph_cache import CachingCanvasAgg, GlyphCachingRenderer

pytestmark = pytest.mark.skipif(not glyph_cache.supported(), reason="this matplotlib renders text differently")


def _figure(canvas_class) -> np.ndarray:  # noqa: ANN001
    fig = Figure(figsize=(4, 2), dpi=100)
    canvas = canvas_class(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.set_title("Customer satisfaction · target 87.8% Ωμέγα Кириллица", fontweight="bold")
    ax.text(0.5, 0.5, "6:40", transform=ax.transAxes, rotation=90)  # rotated: the normal path
    canvas.draw()
    return canvas, np.asarray(canvas.buffer_rgba()).astype(int)


def test_text_looks_the_same_as_matplotlibs_own_rendering() -> None:
    _, plain = _figure(FigureCanvasAgg)
    canvas, cached = _figure(CachingCanvasAgg)
    assert isinstance(canvas.get_renderer(), GlyphCachingRenderer)
    difference = np.abs(plain - cached).max(axis=2)
    ink = (plain[:, :, :3].min(axis=2) < 128).sum()
    assert ink > 500  # the figure really has text and lines on it
    # glyphs land on quarter pixels instead of 1/64: edges differ a little, never a glyph's whole shape
    assert (difference > 64).sum() < 0.05 * ink
    assert difference.mean() < 2


def test_a_redraw_reuses_layouts_and_glyphs_and_draws_the_same() -> None:
    canvas, first = _figure(CachingCanvasAgg)
    sizes = glyph_cache.cache_sizes()
    assert sizes[0] > 0 and sizes[1] > 0
    canvas.draw()
    assert glyph_cache.cache_sizes() == sizes
    assert np.array_equal(np.asarray(canvas.buffer_rgba()).astype(int), first)


def test_changed_text_is_drawn_not_a_stale_bitmap() -> None:
    canvas, first = _figure(CachingCanvasAgg)
    canvas.figure.axes[0].set_title("Average handle time · target 6:47", fontweight="bold")
    canvas.draw()
    assert not np.array_equal(np.asarray(canvas.buffer_rgba()).astype(int), first)


def _texts_drawn(cached: bool) -> tuple[np.ndarray, list]:  # noqa: FBT001
    """A figure of texts in every alignment, moved and re-texted between draws, with or without kept layouts."""
    fig = Figure(figsize=(4, 2), dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    texts = [ax.text(0.1 + 0.25 * i, 0.2 + 0.2 * j, "", ha=ha, va=va, transform=ax.transAxes, fontsize=8 + i)
             for i, ha in enumerate(("left", "center", "right")) for j, va in enumerate(("bottom", "center", "top"))]
    texts.append(fig.text(0.02, 0.9, "", fontweight="bold", va="baseline"))
    if cached:
        texts = [glyph_cache.cached_layout(t) for t in texts]
    images, extents = [], []
    for words, shift in (("6:40", 0.0), ("87.8% Ωμέγα", 0.05), ("6:40", 0.1)):  # a string seen before, moved
        for number, text in enumerate(texts):
            text.set_text(f"{words} {number}")
            text.set_y(0.1 + 0.08 * number % 0.9 + shift)
        canvas.draw()
        images.append(np.asarray(canvas.buffer_rgba()).copy())
        extents.append([tuple(t.get_window_extent(canvas.get_renderer()).bounds) for t in texts])
    return np.stack(images), extents


def test_kept_text_layouts_place_every_text_where_matplotlib_does() -> None:
    plain, plain_extents = _texts_drawn(cached=False)
    held = glyph_cache.text_layouts_held()
    cached, cached_extents = _texts_drawn(cached=True)
    assert (plain[0, :, :, :3].min(axis=2) < 128).sum() > 300  # the texts are really drawn
    assert np.array_equal(plain, cached)
    assert plain_extents == cached_extents
    assert glyph_cache.text_layouts_held() > held  # the layouts were kept, not measured anew each draw


def test_a_kept_layout_follows_a_new_text_font_or_alignment() -> None:
    fig = Figure(figsize=(3, 1), dpi=100)
    canvas = FigureCanvasAgg(fig)
    text = glyph_cache.cached_layout(fig.text(0.5, 0.5, "6:40", ha="left"))
    renderer = canvas.get_renderer()
    first = text.get_window_extent(renderer).bounds
    text.set_text("6:40:00")
    longer = text.get_window_extent(renderer).bounds
    assert longer[2] > first[2]
    text.set_text("6:40")
    text.set_ha("right")
    assert text.get_window_extent(renderer).bounds[0] < first[0]
    text.set_ha("left")
    text.set_fontsize(20)
    assert text.get_window_extent(renderer).bounds[3] > first[3]
