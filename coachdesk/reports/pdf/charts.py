"""Charts for paper: the trend and heat-map drawing functions (``coachdesk.reports.charts``) rendered on one reused
Agg figure per thread into an image at print resolution (JPEG: reportlab embeds it as it is, without decoding and
recompressing, which a PNG would cost)."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future

import matplotlib
from matplotlib.figure import Figure

from coachdesk.reports.charts.glyph_cache import CachingCanvasAgg

#: 150 dpi: sharp on a laser printer, and a 17 cm wide chart stays a fast ~150 kB image
DPI = 150
QUALITY = 92
_local = threading.local()


def _figure(width_in: float, height_in: float) -> Figure:
    fig = getattr(_local, "figure", None)
    if fig is None:
        fig = Figure(figsize=(width_in, height_in), dpi=DPI)
        CachingCanvasAgg(fig)
        _local.figure = fig
    elif tuple(fig.get_size_inches()) != (width_in, height_in):
        fig.set_size_inches(width_in, height_in)
    return fig


def render_png(draw: Callable[[Figure], None], width_pt: float, height_pt: float, dpi: int = DPI) -> bytes:
    """Call ``draw(fig)`` on this thread's figure sized ``width_pt`` x ``height_pt``; return it as image bytes
    (JPEG, which ``blocks.png`` and reportlab take as they take a PNG)."""
    fig = _figure(round(width_pt / 72, 3), round(height_pt / 72, 3))
    out = io.BytesIO()
    with matplotlib.rc_context({"text.hinting": "none"}):  # hinting buys nothing at 150 dpi and costs 15%
        draw(fig)
        fig.savefig(out, format="jpg", dpi=dpi, facecolor="white",
                    pil_kwargs={"quality": QUALITY, "optimize": False})
    return out.getvalue()


def trend_png(data, width_pt: float) -> bytes:  # noqa: ANN001 - an AgentTrendData
    """The agent trend chart (issue #7's ``draw_agent_trends``), compact, as tall as its panels need."""
    from coachdesk.reports.charts.agent_trends import draw_agent_trends

    height = trend_height(data)

    def draw(fig: Figure) -> None:
        draw_agent_trends(fig, data, compact=True)
        # the chart leaves 3% of the figure above its first panel, too little for that panel's title at a page's
        # chart height: keep 14 pt (the panels share one GridSpec, whose update moves them all)
        grid = fig.axes[0].get_subplotspec().get_gridspec() if fig.axes else None
        top = 1.0 - 14.0 / height
        if grid is not None and abs(grid.top - top) > 1e-6:
            grid.update(top=top)
            for ax in fig.axes:
                if ax.get_subplotspec() is not None and ax.get_subplotspec().get_gridspec() is grid:
                    ax.set_position(ax.get_subplotspec().get_position(fig))

    return render_png(draw, width_pt, height)


def trend_height(data) -> float:  # noqa: ANN001 - an AgentTrendData
    """The trend chart's height in points: as tall as its panels need."""
    panels = len(data.kpis) + (1 if data.behaviours is not None else 0)
    return 50.0 + 66.0 * max(1, panels)


class ChartPool:
    """Trend charts of a batch rendered by worker processes while the caller gathers the next agent's data.

    ``submit`` returns a Future. Workers are forked, so they start at once with matplotlib already loaded; that is
    only safe from a single-threaded process (the command line, the benchmark). Elsewhere (the GUI builds reports on
    a pool thread), below ``threshold`` charts, or where processes cannot start, charts render in this process."""

    def __init__(self, expected: int, threshold: int = 8) -> None:
        self._pool: Executor | None = None
        workers = min(2, os.cpu_count() or 1)
        forkable = os.name == "posix" and threading.active_count() == 1
        if expected >= threshold and workers > 1 and forkable:
            try:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            except (OSError, ValueError, ImportError):
                self._pool = None

    def submit(self, data, width_pt: float) -> Future:  # noqa: ANN001
        if self._pool is not None:
            try:
                return self._pool.submit(trend_png, data, width_pt)
            except (RuntimeError, OSError):
                self._pool = None
        done: Future = Future()
        done.set_result(trend_png(data, width_pt))
        return done

    def __enter__(self) -> ChartPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
