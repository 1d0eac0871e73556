"""A figure as a PNG picture, for renderings that cannot run plotly (the Word document). Drawn
with matplotlib from the figure's Table and kind, as the plotly chart is: the same colours and
highlighted year, sample values hatched or hollow with the same legend words, and 万/亿 in
the units. matplotlib is imported only when a picture is drawn (about half a second).

The text is in 黑体 where the machine has it, else a free CJK font (Debian's fonts-wqy-zenhei,
installed where the site is published); without any, Chinese would show as boxes, so a build
on such a machine says so once."""

from __future__ import annotations

import io
import logging
from functools import cache

from nianjian.render.figure import (
    HIGHLIGHT,
    MUTED,
    SAMPLE_LEGEND_BARS,
    SAMPLE_LEGEND_LINES,
    SAMPLE_MARK,
    TEMPLATE,
    Figure,
    cell_number,
    column_cells,
    largest_number,
    scaled,
)
from nianjian.render.text import format_number
from nianjian.units import readable_unit

log = logging.getLogger("mkdocs.plugins.nianjian")

# Fonts with Chinese glyphs, the agency PC's first; the last is for symbols only.
_CJK_FONTS = ("SimHei", "Microsoft YaHei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "PingFang SC", "Heiti SC", "Arial Unicode MS")
_SYMBOL_FONT = "DejaVu Sans"
_DPI = 150
_NEGATIVE = "#e07b39"
_FONT_SIZE = 9
_COLOURS = TEMPLATE["layout"]["colorway"]


@cache
def _matplotlib() -> tuple:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure as Canvas
    from matplotlib.patches import Patch
    from matplotlib.lines import Line2D

    # matplotlib logs every missing family of a list at WARNING; we pick installed ones below.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    installed = {font.name for font in font_manager.fontManager.ttflist}
    families = [name for name in _CJK_FONTS if name in installed]
    if not families:
        log.warning(
            "没有找到中文字体，Word 文件里图表图片的中文会显示为方框：请安装黑体或 fonts-wqy-zenhei，"
            "再删除 matplotlib 的字体缓存（~/.cache/matplotlib）"
        )
    style = {
        "font.family": families + [_SYMBOL_FONT],
        "font.size": _FONT_SIZE,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.unicode_minus": False,
        "hatch.color": SAMPLE_MARK,
        "hatch.linewidth": 0.8,
        # Names and units are data: a pair of $ in one is text, not a formula (mathtext draws
        # $x^2$ as x² and stops the build on $\foo$).
        "text.parse_math": False,
    }
    return matplotlib, Canvas, Patch, Line2D, style


def figure_png(figure: Figure, width_mm: float) -> bytes:
    """The figure as a PNG `width_mm` wide (its height follows from what it shows)."""
    matplotlib, Canvas, Patch, Line2D, style = _matplotlib()
    draw = {"line": _line, "small-multiples": _small_multiples, "change": _change, "stacked": _stacked}[figure.kind]
    with matplotlib.rc_context(style):
        canvas = Canvas(figsize=(width_mm / 25.4, width_mm / 25.4 * 0.55), dpi=_DPI)
        draw(canvas, figure, Patch, Line2D)
        output = io.BytesIO()
        # A fast zlib level: the best one took a tenth of a picture's time for a few KB less.
        canvas.savefig(output, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return output.getvalue()


def _grid(axes) -> None:
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)


def _unit_label(axes, text: str) -> None:
    # A short Chinese label reads upright; only longer ones are turned to run along the axis.
    axes.set_ylabel(text, rotation=0 if len(text) <= 3 else 90, ha="right" if len(text) <= 3 else "center")


def _thousands(axes) -> None:
    axes.yaxis.set_major_formatter(lambda value, _: format_number(round(value, 2)))


def _sample_legend(canvas, Patch, Line2D, kind: str) -> None:
    if kind == "bar":
        handle = Patch(facecolor="white", edgecolor=SAMPLE_MARK, hatch="///", label=SAMPLE_LEGEND_BARS)
    else:
        handle = Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=SAMPLE_MARK, label=SAMPLE_LEGEND_LINES)
    canvas.legend(handles=[handle], loc="lower center", frameon=False)


# Margins are set by hand, in points: matplotlib's automatic layout doubled a picture's time.
_LEGEND = 20  # room under the plot for a one-line legend


_AXIS_LABEL_CHARACTERS = 16


def _frame(canvas, *, left: float, bottom: float, top: float = 8, right: float = 8, **spacing: float) -> None:
    width, height = canvas.get_figwidth() * 72, canvas.get_figheight() * 72
    canvas.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height, **spacing)


def _text_points(text: str) -> float:
    """Width of a label at the chart's type size (Chinese full width, the rest about half)."""
    return sum(_FONT_SIZE if ord(character) >= 0x2E80 else _FONT_SIZE * 0.6 for character in text)


def _line(canvas, figure: Figure, Patch, Line2D) -> None:
    table = figure.table
    years = [str(row[0].value) for row in table.rows]
    numbered = range(1, len(table.columns))
    divisor, unit = readable_unit(max(largest_number(column_cells(table, index)) for index in numbered), table.columns[1].unit or "")
    axes = canvas.subplots()
    for index in numbered:
        cells = column_cells(table, index)
        values = scaled(cells, divisor)
        colour = _COLOURS[(index - 1) % len(_COLOURS)]
        points = [(year, value, cell.sample) for year, value, cell in zip(years, values, cells) if value is not None]
        axes.plot([year for year, _, _ in points], [value for _, value, _ in points], color=colour, label=table.columns[index].title)
        for year, value, sample in points:
            axes.plot([year], [value], marker="o", color=colour, markerfacecolor="white" if sample else colour)
    axes.margins(y=0.1)
    axes.set_ylim(bottom=0)
    axes.set_xlabel("年份")
    _unit_label(axes, unit)
    _grid(axes)
    _thousands(axes)
    if len(numbered) > 1:
        axes.legend(frameon=False)
    if table.has_sample:
        _sample_legend(canvas, Patch, Line2D, "line")
    _frame(canvas, left=60 + _text_points(unit), bottom=34 + (_LEGEND if table.has_sample else 0))


def _small_multiples(canvas, figure: Figure, Patch, Line2D) -> None:
    table = figure.table
    panels = list(enumerate(table.columns[1:], start=1))
    columns = min(3, len(panels))
    rows = -(-len(panels) // columns)
    canvas.set_figheight(canvas.get_figwidth() / columns * 0.8 * rows + (_LEGEND + 24) / 72)
    grid = canvas.subplots(rows, columns, squeeze=False)
    _frame(canvas, left=40, bottom=18 + (_LEGEND if table.has_sample else 0), top=16, wspace=0.35, hspace=0.45)
    years = [row[0].value for row in table.rows]
    for axes, (index, column) in zip(grid.flat, panels):
        cells = column_cells(table, index)
        divisor, unit = readable_unit(largest_number(cells), column.unit or "")
        drawn = [(year, value, cell) for year, value, cell in zip(years, scaled(cells, divisor), cells) if value is not None]
        axes.bar(
            [str(year) for year, _, _ in drawn], [value for _, value, _ in drawn],
            color=[HIGHLIGHT if year == figure.highlight_year else MUTED for year, _, _ in drawn],
            hatch=["///" if cell.sample else "" for _, _, cell in drawn],
        )
        axes.set_title(f"{column.title}（{unit}）", fontsize=_FONT_SIZE)
        axes.tick_params(axis="x", labelsize=_FONT_SIZE - 2)
        _grid(axes)
        _thousands(axes)
    for axes in list(grid.flat)[len(panels):]:
        axes.set_visible(False)
    if table.has_sample:
        _sample_legend(canvas, Patch, Line2D, "bar")


def _change(canvas, figure: Figure, Patch, Line2D) -> None:
    table = figure.table
    # A long name is shortened on the axis (the number table under the chart has it whole): its
    # width sets the left margin, which cannot take the whole picture.
    names = [name if len(name) <= _AXIS_LABEL_CHARACTERS else name[: _AXIS_LABEL_CHARACTERS - 1] + "…" for name in (str(row[0].value) for row in table.rows)]
    changes = [row[-1] for row in table.rows]
    percents = [round(cell_number(cell) or 0.0, 1) for cell in changes]
    canvas.set_figheight(0.6 + 0.3 * len(names) + _LEGEND / 72)
    axes = canvas.subplots()
    sample = any(cell.sample for cell in changes)
    _frame(canvas, left=12 + max(map(_text_points, names)), bottom=22 + (_LEGEND if sample else 0), right=12)
    positions = range(len(names))
    axes.barh(
        positions, percents, color=[HIGHLIGHT if percent >= 0 else _NEGATIVE for percent in percents],
        hatch=["///" if cell.sample else "" for cell in changes],
    )
    axes.set_yticks(positions, names)
    axes.invert_yaxis()
    axes.axvline(0, color="#666666", linewidth=0.8)
    low, high = min(0.0, *percents), max(0.0, *percents)
    padding = max(high - low, 1.0) * 0.25
    axes.set_xlim(low - (padding if low < 0 else 0), high + (padding if high > 0 else 0))
    for position, percent in zip(positions, percents):
        axes.annotate(
            f"{percent:+.1f}%", (percent, position), xytext=(3 if percent >= 0 else -3, 0), textcoords="offset points",
            ha="left" if percent >= 0 else "right", va="center",
        )
    axes.xaxis.set_major_formatter(lambda value, _: f"{value:g}%")
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    if sample:
        _sample_legend(canvas, Patch, Line2D, "bar")


def _stacked(canvas, figure: Figure, Patch, Line2D) -> None:
    table = figure.table
    years = [f"{row[0].value}年" for row in table.rows]
    colours = dict(figure.colours)
    axes = canvas.subplots()
    bottoms = [0.0] * len(years)
    for index, column in enumerate(table.columns):
        if column.title not in colours:
            continue
        values = [float(row[index].value or 0) for row in table.rows]
        axes.bar(years, values, bottom=bottoms, color=colours[column.title], label=column.title)
        bottoms = [bottom + value for bottom, value in zip(bottoms, values)]
    axes.set_xlabel(figure.axis_titles[0])
    _unit_label(axes, figure.axis_titles[1])
    axes.yaxis.get_major_locator().set_params(integer=True)
    _grid(axes)
    canvas.legend(loc="lower center", ncols=len(colours), frameon=False)
    _frame(canvas, left=44 + _FONT_SIZE * 1.5, bottom=34 + _LEGEND)
