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
