"""A figure as a PNG picture, for the Word document: the figure's static drawing
(render/parts/chart_svg.py), the picture the page shows, laid out at the picture's width as one SVG
file (templates/chart.svg) and rasterised by resvg. Same marks, same numbers, same labels.

resvg (resvg-py, a self-contained wheel) draws a picture at 150 dpi in 25 ms (a line chart) to
80 ms (five small multiples with hatching) and needs no import worth counting; matplotlib, which
drew a second version of each chart here before, took about 1 s to import and 0.17 s a picture,
and CairoSVG (about as fast) would need the system's cairo. Text is set in
the machine's CJK fonts: 黑体 where the machine has it, else a free CJK font (Debian's
fonts-wqy-zenhei or fonts-noto-cjk, installed where the site is published)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from nianjian.render.parts.chart_svg import LegendEntry, Mark, Plot, StaticChart, hatch_lines, static_chart
from nianjian.render.parts.figure import Figure
from nianjian.render.parts.palette import (
    FALL, HIGHLIGHT, MUTED, PICTURE_GRID, PICTURE_PAPER, PICTURE_TEXT, PICTURE_ZERO, SAMPLE_HATCH, SAMPLE_MARK,
)
from nianjian.render.parts.templating import render_template

log = logging.getLogger("mkdocs.plugins.nianjian")

_FONT_FAMILY = "SimHei, 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'DejaVu Sans', sans-serif"
_CSS_PIXELS_PER_MM = 96 / 25.4
# 150 dots an inch at the picture's printed size, as office documents print pictures: twice the
# pixels (zoom 2) took twice the time, resvg's drawing and its PNG encoding alike.
_ZOOM = 150 / 96
# Room in pixels, as the page's stylesheet gives it (.nj-static in nianjian.css).
_UNIT_LINE = 20
_TITLE_LINE = 18
_GAP = (16, 12)  # between small multiples: across, down
_MARGIN_RIGHT = 12  # for the last year's label, centred on the plot's right end
# A plot box narrower than this drops every other year label the drawing marks as droppable
# (nj-tick-wide), as the page does on a phone.
_NARROW_BOX = 300
_LEGEND_LINE = 18
_CHARACTER_PX = {True: 12, False: 7}  # a label's character at 12 px: CJK (full width) or not
# The drawing's classes, in the light scheme (the page's are in nianjian.css).
_STYLE = (
    f"text {{ fill: {PICTURE_TEXT}; }} .nj-title {{ font-size: 13px; }}"
    f" .nj-grid {{ stroke: {PICTURE_GRID}; stroke-width: 1; }} .nj-zero {{ stroke: {PICTURE_ZERO}; stroke-width: 1; }}"
    f" .nj-series {{ fill: none; stroke-width: 2; }} .nj-point {{ stroke-width: 1.5; }} .nj-point-sample {{ fill: {PICTURE_PAPER}; }}"
    f" .nj-bar-highlight, .nj-bar-up {{ fill: {HIGHLIGHT}; }} .nj-bar-muted {{ fill: {MUTED}; }} .nj-bar-down {{ fill: {FALL}; }}"
    f" .nj-hatch-line {{ stroke: {SAMPLE_HATCH}; stroke-width: 1.5; }}"
    " .nj-narrow .nj-tick-wide { display: none; }"
)


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    width: float
    height: float
    title_x: float
    title_y: float

    @property
    def narrow(self) -> bool:
        return self.width < _NARROW_BOX


@dataclass(frozen=True)
class _Layout:
    width: int
    height: int
    unit_x: float
    plots: tuple[tuple[Plot, _Box], ...]
    legend: tuple[tuple[LegendEntry, float, float], ...]  # entry, x of its swatch, baseline


def _percent_of(value: str, size: float) -> float:
    return float(value.rstrip("%")) / 100 * size


def hatch_path(mark: Mark, box: _Box) -> str:
    """The hatching over a sample bar (chart_svg.hatch_lines) in the plot box's pixels."""
    left, top = _percent_of(mark.attributes["x"], box.width), _percent_of(mark.attributes["y"], box.height)
    right, bottom = left + _percent_of(mark.attributes["width"], box.width), top + _percent_of(mark.attributes["height"], box.height)
    return hatch_lines(left, top, right, bottom)


def _text_px(text: str) -> float:
    return sum(_CHARACTER_PX[ord(character) >= 0x2E80] for character in text)


def _legend_rows(entries: tuple[LegendEntry, ...], width: int) -> list[list[tuple[LegendEntry, float]]]:
    """Legend entries with their widths, in rows that fit `width`, as the page's legend wraps."""
    rows: list[list[tuple[LegendEntry, float]]] = [[]] if entries else []
    for entry in entries:
        size = 18 + _text_px(entry.label) + 16  # swatch, label, space to the next
        if rows[-1] and sum(size for _, size in rows[-1]) + size > width:
            rows.append([])
        rows[-1].append((entry, size))
    return rows


def _legend(rows: list[list[tuple[LegendEntry, float]]], width: int, height: int) -> tuple[tuple[LegendEntry, float, float], ...]:
    """The legend's rows centred at the foot of the picture."""
    placed = []
    first_baseline = height - _LEGEND_LINE * (len(rows) - 1) - 4
    for number, row in enumerate(rows):
        x = (width - sum(size for _, size in row) + 16) / 2
        for entry, size in row:
            placed.append((entry, round(x, 1), first_baseline + _LEGEND_LINE * number))
            x += size
    return tuple(placed)


def _layout(chart: StaticChart, width: int) -> _Layout:
    """Where the unit, each plot and the legend go in a picture `width` pixels wide and as tall as
    the chart's room on the page."""
    height = chart.height
    legend_rows = _legend_rows(chart.legend, width)
    top = _UNIT_LINE if chart.unit else 4
    bottom = height - len(legend_rows) * _LEGEND_LINE - (6 if legend_rows else 0)
    columns = chart.columns
    rows = -(-len(chart.plots) // columns)
    cell_width = (width - _MARGIN_RIGHT - _GAP[0] * (columns - 1)) / columns
    cell_height = (bottom - top - _GAP[1] * (rows - 1)) / rows
    boxes = []
    for position, plot in enumerate(chart.plots):
        row, place = divmod(position, columns)
        cell_x, cell_y = place * (cell_width + _GAP[0]), top + row * (cell_height + _GAP[1])
        title = _TITLE_LINE if plot.title else 0
        padding_top, padding_right, padding_bottom, padding_left = plot.padding
        boxes.append((plot, _Box(
            x=round(cell_x + padding_left, 1), y=round(cell_y + title + padding_top, 1),
            width=round(cell_width - padding_left - padding_right, 1), height=round(cell_height - title - padding_top - padding_bottom, 1),
            title_x=round(cell_x + cell_width / 2, 1), title_y=round(cell_y + 13, 1),
        )))
    unit_x = boxes[0][1].x - 6 + _text_px(chart.unit) if boxes else 0
    return _Layout(width, height, unit_x, tuple(boxes), _legend(legend_rows, width, height))


def figure_svg(figure: Figure, width_px: int) -> str:
    """The figure's drawing as one SVG file `width_px` wide (CSS pixels)."""
    chart = static_chart(figure)
    return render_template(
        "chart.svg", chart=chart, layout=_layout(chart, width_px), style=_STYLE, font_family=_FONT_FAMILY, sample_mark=SAMPLE_MARK, paper=PICTURE_PAPER,
        hatch_path=hatch_path,
    )


def figure_png(figure: Figure, width_mm: float) -> bytes:
    """The figure as a PNG picture `width_mm` wide when printed (its height follows from what it shows)."""
    import resvg_py  # a compiled module: loaded only when a Word document is made

    _check_chinese_font()
    svg = figure_svg(figure, round(width_mm * _CSS_PIXELS_PER_MM))
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=_ZOOM))


@cache
def _check_chinese_font() -> None:
    """Say once a build whether none of the fonts the pictures name draws Chinese here: resvg
    leaves out a character no font has, so the picture of “中” equals an empty one."""
    import resvg_py

    def picture(text: str) -> bytes:
        return bytes(resvg_py.svg_to_bytes(svg_string=render_template("chart_font_probe.svg", font_family=_FONT_FAMILY, text=text)))

    if picture("中") == picture(""):
        log.warning("没有找到中文字体，Word 文件里图表图片的中文会是空白：请安装黑体，或 Debian 的 fonts-wqy-zenhei、fonts-noto-cjk")
