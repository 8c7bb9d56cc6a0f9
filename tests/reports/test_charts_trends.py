"""The trend and heat-map charts render without Qt: tick formats, target lines, markers and cells checked in pixels."""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from coachdesk.reports.charts.agent_trends import (
    day_number,
    draw_agent_trends,
    marker_at,
    marker_position,
    tick_labels,
)
from coachdesk.reports.charts.team_heatmap import draw_effect_rollup, draw_heatmap
from coachdesk.reports.charts.trend_data import (
    AgentTrendData,
    BehaviourPanel,
    BehaviourSeries,
    ChartStyle,
    HeatCell,
    HeatmapData,
    KpiPanel,
    Marker,
)

START, END = date(2026, 1, 5), date(2026, 4, 5)


def weekly(values: list[float]) -> tuple[tuple[date, float], ...]:
    return tuple((START + timedelta(days=3 + 7 * i), v) for i, v in enumerate(values))


def sample(aht_target: float = 300.0, markers: tuple[Marker, ...] | None = None, empty_csat: bool = False,
           shift: float = 0.0) -> AgentTrendData:
    aht = KpiPanel("AHT", "Average handle time", "seconds", "m:ss", "lower",
                   weekly([330 + shift, 320, 310, 305, 300, 295, 290, 300, 310, 305, 300, 298, 296]),
                   weekly([330, 325, 320, 316, 313, 310, 305, 300, 299, 301, 303, 304, 302]),
                   weekly([310] * 13), aht_target, aht_target + 10, aht_target - 20, 60)
    csat = KpiPanel("CSAT", "Customer satisfaction", "percent", "0.0%", "higher",
                    () if empty_csat else weekly([0.82, 0.84, 0.85, 0.83, 0.86, 0.88, 0.87, 0.9, 0.89, 0.9, 0.91,
                                                  0.9, 0.92]), (), (), 0.9, 0.88, 0.95, 0 if empty_csat else 40)
    behaviours = BehaviourPanel("Behaviour scores by category", (
        BehaviourSeries("c1", "Connecting with the customer", tuple(
            (START + timedelta(days=10 + 14 * i), 60.0 + 3 * i, 3 if i == 0 else 8) for i in range(6))),
        BehaviourSeries("c2", "Getting it done", tuple(
            (START + timedelta(days=10 + 14 * i), 50.0 + 2 * i, 6) for i in range(6)))))
    if markers is None:
        markers = (Marker(date(2026, 2, 2), "observation", "Observation by Laura", "s-1"),
                   Marker(date(2026, 2, 3), "feedback", "Feedback on listening", "f-1"),
                   Marker(date(2026, 3, 2), "one_to_one", "One-to-one (review)", "o-1"),
                   Marker(date(2026, 3, 20), "recognition", "Recognition: great save", "r-1"))
    return AgentTrendData("a-1", "Amelia Brown", START, END, "week", (aht, csat), behaviours, markers)


def render(data: AgentTrendData, style: ChartStyle | None = None, fig: Figure | None = None) -> tuple[Figure, np.ndarray]:
    fig = fig or Figure(figsize=(9, 7), dpi=100)
    canvas = FigureCanvasAgg(fig)
    draw_agent_trends(fig, data, style=style)
    canvas.draw()
    return fig, np.asarray(canvas.buffer_rgba())[:, :, :3].astype(int)


def has_colour(pixels: np.ndarray, colour: str, tolerance: int = 30) -> bool:
    target = np.array([round(c * 255) for c in to_rgb(colour)])
    return bool((np.abs(pixels - target).sum(axis=-1) <= tolerance).any())




def test_ticks_are_in_each_kpis_display_format() -> None:
    fig, _pixels = render(sample())
    aht_ax = fig.axes[0]
    aht, csat = tick_labels(fig, 0), tick_labels(fig, 1)
    assert len(aht) >= 3 and all(re.fullmatch(r"\d+:\d\d", t) for t in aht)
    assert len(csat) >= 3 and all(re.fullmatch(r"\d+\.\d%", t) for t in csat)
    assert aht == sorted(aht)  # bottom to top
    low, high = aht_ax.get_ylim()
    labels = [t for t in aht_ax.texts[2:] if t.get_visible()]
    assert all(low <= t.get_position()[1] <= high for t in labels)
    assert "Average handle time" in aht_ax.texts[0].get_text() and "target 5:00" in aht_ax.texts[0].get_text()


def test_target_line_and_band_are_drawn_where_the_target_is() -> None:
    style = ChartStyle()
    fig, pixels = render(sample(), style)
    ax = fig.axes[0]
    _x, y = ax.transData.transform((day_number(date(2026, 2, 15)), 300.0))
    row = pixels.shape[0] - int(round(y))  # Agg rows run top-down
    x0, x1 = (int(v) for v in ax.bbox.intervalx)
    band = ax.patches[0]
    assert band.get_visible() and band.get_y() == pytest.approx(280.0) and band.get_height() == pytest.approx(30.0)
    strip = pixels[row - 2:row + 3, x0:x1]
    assert has_colour(strip, style.target, tolerance=60)
    low, high = ax.get_ylim()
    assert low < 280.0 and high > 330.0  # the band and every point are in view


def test_markers_are_drawn_in_their_colours_and_found_under_the_mouse() -> None:
    style = ChartStyle()
    data = sample()
    fig, pixels = render(data, style)
    for marker in data.markers:
        x, y = marker_position(fig, marker)
        row, col = pixels.shape[0] - int(round(y)), int(round(x))
        assert has_colour(pixels[row - 2:row + 3, col - 2:col + 3], style.markers[marker.kind], tolerance=70), \
            marker.kind
        assert marker_at(fig, x + 2, y - 1) == marker
    assert marker_at(fig, 5, 5) is None
    feedback = data.markers[1]
    x, _y = marker_position(fig, feedback)
    panel = fig.axes[0].bbox
    assert marker_at(fig, x + 1, (panel.y0 + panel.y1) / 2) == feedback  # its line through a KPI panel


def test_the_next_agent_reuses_the_axes_and_replaces_the_data() -> None:
    fig, _pixels = render(sample())
    axes_before = list(fig.axes)
    line = fig.axes[0].lines[2]  # the agent's own values (after the target and team lines)
    render(sample(aht_target=280.0, shift=100.0, markers=()), fig=fig)
    assert list(fig.axes) == axes_before
    assert fig.axes[0].lines[2] is line
    assert line.get_ydata()[0] == pytest.approx(430.0)
    assert "target 4:40" in fig.axes[0].texts[0].get_text()
    strip = fig.axes[-1].bbox
    assert marker_at(fig, (strip.x0 + strip.x1) / 2, (strip.y0 + strip.y1) / 2) is None  # no markers any more


def test_an_empty_panel_says_so_and_the_behaviour_legend_counts() -> None:
    fig, _pixels = render(sample(empty_csat=True))
    assert fig.axes[1].texts[0].get_text().endswith("no figures for this agent")
    legend = " ".join(t.get_text().replace("\n", " ") for t in fig.texts)
    assert "Connecting with the customer n=43" in legend  # 3 + 5 x 8 observations, on the line below
    assert "fewer than 5 obs." in legend


def test_an_empty_panel_says_so_in_its_title_when_lines_are_drawn_and_in_the_middle_when_not() -> None:
    fig, _pixels = render(sample(empty_csat=True))  # CSAT: no agent figures, but its target and band are drawn
    title, note = fig.axes[1].texts[0], fig.axes[1].texts[1]
    assert not note.get_visible() and title.get_text().endswith("no figures for this agent")
    assert not fig.axes[0].texts[0].get_text().endswith("no figures for this agent")  # AHT has figures
    bare = KpiPanel("CSAT", "Customer satisfaction", "percent", "0.0%", "higher", ())
    fig, _pixels = render(AgentTrendData("a-1", "Amelia Brown", START, END, "week", (bare,), None, ()))
    title, note = fig.axes[0].texts[0], fig.axes[0].texts[1]
    box, frame = note.get_window_extent(fig.canvas.get_renderer()), fig.axes[0].get_window_extent()
    assert note.get_visible() and "No figures" in note.get_text() and title.get_text() == "Customer satisfaction"
    assert frame.y0 < box.y0 < box.y1 < frame.y1  # nothing else drawn: in the middle of the plot


def test_dark_style_paints_a_dark_background(tmp_path) -> None:  # noqa: ANN001
    dark = ChartStyle.dark()
    fig, pixels = render(sample(), dark)
    assert has_colour(pixels[5:10, 5:10], dark.background, tolerance=6)
    assert not has_colour(pixels[5:10, 5:10], "#ffffff", tolerance=30)
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    fig.savefig(png)
    fig.savefig(svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:400]


def test_compact_layout_renders_with_smaller_type() -> None:
    fig = Figure(figsize=(7, 6), dpi=100)
    FigureCanvasAgg(fig)
    draw_agent_trends(fig, sample(), compact=True)
    fig.canvas.draw()
    assert fig.axes[0].texts[0].get_fontsize() < 9


def heat() -> HeatmapData:
    cells = ((HeatCell(95.0, "95\nn=12", 12), HeatCell(40.0, "40\nn=3", 3, True)),
             (HeatCell(None, "–"), HeatCell(70.0, "70\nn=8", 8)))
    return HeatmapData("Team", ("Amelia", "Daniel"), ("Listening", "Ownership"), cells, "note")


def test_heatmap_colours_scores_and_hatches_too_few() -> None:
    style = ChartStyle()
    fig = Figure(figsize=(5, 4), dpi=100)
    canvas = FigureCanvasAgg(fig)
    draw_heatmap(fig, heat(), style=style)
    canvas.draw()
    ax = fig.axes[0]
    patches = ax.patches
    assert len(patches) == 4
    hatched = [p for p in patches if p.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_xy() == (1, 0)
    high, low = patches[0].get_facecolor()[:3], patches[1].get_facecolor()[:3]
    assert high[1] > high[0] and low[0] > low[1]  # green for 95, orange-ish for 40
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Amelia", "Daniel"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Listening", "Ownership"]
    assert any(t.get_fontstyle() == "italic" for t in ax.texts)


def test_effect_rollup_draws_intervals_and_says_not_enough() -> None:
    fig = Figure(figsize=(6, 3), dpi=100)
    FigureCanvasAgg(fig)
    draw_effect_rollup(fig, ["Team · FCR", "Laura · CSAT"], [1.2, None], [0.5, None], [2.0, None], title="t")
    fig.canvas.draw()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Team · FCR", "Laura · CSAT"]
    assert any(t.get_text() == "not enough data" for t in ax.texts)
    whisker = ax.lines[0]
    assert list(whisker.get_xdata()) == [0.5, 2.0]


def test_a_hatched_cells_number_sits_on_a_plate_the_hatching_does_not_cross() -> None:
    fig = Figure(figsize=(5, 4), dpi=100)
    canvas = FigureCanvasAgg(fig)
    draw_heatmap(fig, heat(), style=ChartStyle())
    canvas.draw()
    ax = fig.axes[0]
    hatched = next(p for p in ax.patches if p.get_hatch())
    cell = hatched.get_window_extent()
    inside = [t for t in ax.texts if cell.contains(*t.get_window_extent().get_points().mean(axis=0))]
    assert len(inside) == 1
    plate = inside[0].get_bbox_patch()
    assert plate is not None and plate.get_edgecolor()[3] == 0  # a plate without an edge
    assert plate.get_facecolor()[:3] == hatched.get_facecolor()[:3]  # of the cell's own colour
    box, text = plate.get_window_extent(), inside[0].get_window_extent()
    assert box.x0 <= text.x0 and box.x1 >= text.x1 and box.y0 <= text.y0 and box.y1 >= text.y1
    assert all(t.get_bbox_patch() is None for t in ax.texts if t is not inside[0])  # plain cells have none
    pixels = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(int)
    height = pixels.shape[0]
    x0, x1 = int(text.x0), int(text.x1)
    y0, y1 = height - int(text.y1), height - int(text.y0)
    muted = np.array([round(c * 255) for c in to_rgb(ChartStyle().muted)])
    strip = pixels[y0:y1, x0:x1]
    # the hatching's muted lines do not show between the number's glyphs (only the glyphs and the plate do)
    face = np.array([round(c * 255) for c in hatched.get_facecolor()[:3]])
    plate_or_ink = (np.abs(strip - face).sum(axis=-1) < 40) | (np.abs(strip - muted).sum(axis=-1) >= 40)
    assert plate_or_ink.mean() > 0.97
