"""Heat maps for the team view and the team PDF: agents x behaviours (score and count) or agents x KPIs (against
target), drawn on a given matplotlib ``Figure`` from ``HeatmapData``; cells with too few observations are hatched.

Also ``draw_effect_rollup``: coaching-effect roll-up rows (mean gain and interval per coach, behaviour or team) as
a dot-and-whisker chart. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure

from coachdesk.reports.charts.trend_data import ChartStyle, HeatmapData


def _ink_on(rgb: tuple[float, float, float]) -> str:
    """Black or white text, whichever reads better on ``rgb`` (relative luminance)."""
    r, g, b = rgb
    return "#111111" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "#ffffff"


def draw_heatmap(fig: Figure, data: HeatmapData, *, compact: bool = False, style: ChartStyle | None = None,
                 low: float = 40.0, high: float = 100.0) -> None:
    """Rows x columns of cells coloured from ``low`` to ``high`` (0-100 values), each with its text; empty cells in
    the empty colour; ``too_few`` cells hatched and their text in italics."""
    style = style or ChartStyle()
    fig.clear()
    fig.set_facecolor(style.background)
    rows, cols = len(data.rows), len(data.columns)
    ax = fig.add_axes((0.2, 0.04 if compact else 0.05, 0.66, 0.74 if data.title else 0.8))
    ax.set_facecolor(style.background)
    size = 6.0 if compact else 7.5
    if rows == 0 or cols == 0:
        ax.set_axis_off()
        ax.text(0.5, 0.5, data.note or "Nothing to show", ha="center", va="center", color=style.muted,
                fontsize=size + 1, transform=ax.transAxes)
        return
    cmap = LinearSegmentedColormap.from_list("coachdesk", [style.heat_low, style.heat_high])
    empty = to_rgb(style.heat_empty)
    for r, row in enumerate(data.cells):
        for c, cell in enumerate(row):
            if cell.value is None:
                color = empty
            else:
                color = to_rgb(cmap(min(1.0, max(0.0, (cell.value - low) / (high - low)))))
            ax.add_patch(_cell(c, r, color, style.background, cell.too_few, style.muted))
            if cell.text:
                # a hatched cell's number sits on a plate of the cell's colour: the hatching never runs over it
                plate = dict(boxstyle="square,pad=0.25", facecolor=color, edgecolor="none") if cell.too_few else None
                ax.text(c + 0.5, r + 0.5, cell.text, ha="center", va="center", fontsize=size,
                        color=_ink_on(color) if cell.value is not None else style.muted,
                        fontstyle="italic" if cell.too_few else "normal", bbox=plate)
    ax.set_xlim(0, cols)
    ax.set_ylim(rows, 0)
    ax.set_xticks([c + 0.5 for c in range(cols)], data.columns, rotation=35, ha="left", rotation_mode="anchor")
    ax.set_yticks([r + 0.5 for r in range(rows)], data.rows)
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labelsize=size, colors=style.foreground)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if data.title:
        fig.text(0.01, 0.99, data.title, ha="left", va="top", fontsize=size + 2, fontweight="bold",
                 color=style.foreground)
    if data.note:
        fig.text(0.01, 0.005, data.note, ha="left", va="bottom", fontsize=size - 0.5, color=style.muted)


def _cell(x: int, y: int, color: tuple, edge: str, hatched: bool, hatch_color: str):  # noqa: ANN202
    from matplotlib.patches import Rectangle

    patch = Rectangle((x, y), 1, 1, facecolor=color, edgecolor=edge, linewidth=1.0,
                      hatch="////" if hatched else None)
    if hatched:  # the hatch takes the edge colour: a muted one, so the text stays readable
        patch.set_edgecolor(hatch_color)
    return patch


def draw_effect_rollup(fig: Figure, labels: Sequence[str], means: Sequence[float | None],
                       lows: Sequence[float | None], highs: Sequence[float | None], *, title: str = "",
                       unit_label: str = "", compact: bool = False, style: ChartStyle | None = None) -> None:
    """One row per group: its mean gain (positive = better) as a dot with its interval as a whisker; rows without
    enough events show "not enough data". A zero line marks "no change"."""
    style = style or ChartStyle()
    fig.clear()
    fig.set_facecolor(style.background)
    size = 6.5 if compact else 8
    height = fig.get_figheight() * 72  # points: margins in type sizes, whatever the figure's height
    bottom, top = (2.6 * size + 8) / height, ((2.2 * size + 6) if title else 6) / height
    if bottom + top > 0.8:  # a canvas squeezed to a few lines: keep the axes a fifth of it rather than fail
        bottom, top = 0.8 * bottom / (bottom + top), 0.8 * top / (bottom + top)
    ax = fig.add_axes((0.3, bottom, 0.66, 1 - bottom - top))
    ax.set_facecolor(style.background)
    n = len(labels)
    if n == 0:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No feedback targeting a KPI in this period", ha="center", va="center", color=style.muted,
                fontsize=size, transform=ax.transAxes)
        return
    for i, (mean, low, high) in enumerate(zip(means, lows, highs, strict=True)):
        if mean is None:
            ax.text(0.5, i, "not enough data", ha="center", va="center", fontsize=size - 0.5, color=style.muted,
                    transform=ax.get_yaxis_transform())
            continue
        color = style.band if low is not None and low > 0 else style.markers["feedback"] if high is not None \
            and high < 0 else style.line
        if low is not None and high is not None:
            ax.plot([low, high], [i, i], color=color, linewidth=1.6)
        ax.plot([mean], [i], marker="o", color=color, markersize=5)
    ax.axvline(0, color=style.muted, linewidth=0.8, linestyle=(0, (4, 3)))
    ax.set_yticks(range(n), list(labels))
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(labelsize=size, colors=style.muted, labelcolor=style.foreground)
    ax.grid(True, axis="x", color=style.grid, linewidth=0.6)
    for name, spine in ax.spines.items():
        spine.set_visible(name == "bottom")
        spine.set_color(style.grid)
    if unit_label:
        ax.set_xlabel(unit_label, fontsize=size, color=style.foreground)
    if title:
        fig.text(0.01, 0.99, title, ha="left", va="top", fontsize=size + 1.5, fontweight="bold",
                 color=style.foreground)
