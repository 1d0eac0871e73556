"""A figure drawn at build time as SVG: *the* picture of a chart. A reader sees it at once, on a
first visit and without JavaScript; print and `make pdf` print it; the Word document holds it
rasterised (render/formats/chart_image.py). charts.js puts plotly's interactive chart in its place only
once the reader uses the page, and plotly's JSON takes the drawing's axis numbers and unit
(render/parts/chart_plotly.py), so every rendering places the same labels.

Every position along a plot is a percentage of its box and every size is in pixels, so one SVG
fills any width without shrinking its text: the same markup reads at 360 px and at 1366 px.
Axis numbers and category names sit outside the box, in padding the stylesheet gives it
(.nj-static in nianjian.css); small multiples are a CSS grid of small plots, three to a row on
a wide screen and two on a phone. Colours come from classes, so the dark scheme has its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nianjian.render.parts.figure import SAMPLE_LEGEND_BARS, SAMPLE_LEGEND_LINES, Figure, cell_number, column_cells, largest_number, scaled
from nianjian.render.parts.palette import series_colour
from nianjian.facts.key_figures import PERCENT_DECIMALS, format_percent
from nianjian.facts.units import format_number
from nianjian.facts.units import readable_unit
# At most this many year labels under a plot (every other one of them on a phone).
_MOST_YEAR_LABELS = 12
_MOST_PANEL_YEAR_LABELS = 5  # under one of the small multiples
# A phone, for the charts: a screen at most this wide (CSS px), where small multiples go
# NARROW_COLUMNS to a row and every other year label is left out (.nj-tick-wide). The page's
# rules for it (phone_stylesheet) and plotly's phone layout (chart_plotly) both take it from here.
PHONE_MAX_WIDTH = 600
NARROW_COLUMNS = 2
# Widths on a 360–414 px phone, for telling whether labels fit: a whole-width plot, a small
# multiple (two to a row), and a label's character at the charts' 12 px (years are digits).
_PHONE_PLOT_WIDTH = 280
_PHONE_PANEL_WIDTH = 120
_LABEL_CHARACTER_PX = 7
# Longer indicator names are shortened on the change chart's axis.
_AXIS_LABEL_CHARACTERS = 16
# Up to this many years a line has a dot on each (beyond, dots only on sample values).
_MOST_DOTS = 40


@dataclass(frozen=True)
class Mark:
    """One SVG element: its tag, attributes (autoescaped by the template) and text."""

    tag: str  # rect, line, circle or text
    attributes: dict[str, str]
    text: str = ""


@dataclass(frozen=True)
class Polyline:
    """A series' line through points given in percent of the plot box (x, y from the top left)."""

    points: tuple[tuple[float, float], ...]
    colour: str

    @property
    def percent_points(self) -> str:
        """The points for a 100 × 100 viewBox stretched over the plot (the page's drawing)."""
        return " ".join(f"{x:.2f},{y:.2f}" for x, y in self.points)

    def points_in(self, width: float, height: float) -> str:
        """The points in a plot box of `width` × `height` pixels (a drawing of fixed size)."""
        return " ".join(f"{x * width / 100:.1f},{y * height / 100:.1f}" for x, y in self.points)


@dataclass(frozen=True)
class Plot:
    marks: tuple[Mark, ...]  # grid, numbers, bars
    lines: tuple[Polyline, ...] = ()  # drawn over the marks
    dots: tuple[Mark, ...] = ()  # drawn over the lines
    title: str = ""  # a small multiple's name and unit
    padding: tuple[int, int, int, int] = (12, 12, 28, 56)  # px around the plot box: top, right, bottom, left
    ticks: tuple[float, ...] = ()  # the numbers along the value axis, low to high
    value_range: tuple[float, float] = (0.0, 1.0)  # the value axis from end to end (beyond the ticks: room for labels)
    divisor: float = 1.0  # the plotted numbers are the table's divided by this (万, 亿)
    unit: str = ""  # the unit of the plotted numbers (万吨 for 41,200 吨)


@dataclass(frozen=True)
class LegendEntry:
    label: str
    swatch: str  # "line", "bar", "sample-line" or "sample-bar"
    colour: str = ""  # a series colour; empty: the class's own


@dataclass(frozen=True)
class StaticChart:
    plots: tuple[Plot, ...]
    legend: tuple[LegendEntry, ...]
    hatch_id: str  # the page-unique id of the sample-data hatching pattern
    unit: str = ""  # written above the value axis
    columns: int = 1  # small multiples: plots to a row on a wide screen
    height: int = 320  # pixels: the room the chart takes on a page
    narrow_height: int | None = None  # on a phone, where small multiples go two to a row


def phone_stylesheet() -> str:
    """The drawing's rules on a phone, for the stylesheet the build writes (web/assets.facts_css):
    the chart's phone height, NARROW_COLUMNS small multiples to a row, every other year label.
    That stylesheet comes before nianjian.css, so each rule names `html` to outweigh the wide
    screen's rule there. Paper (156 mm, as narrow as a phone) keeps the wide layout: a chart
    of small multiples two to a row took a whole page, away from its number table."""
    return (
        f"@media screen and (max-width: {PHONE_MAX_WIDTH}px) {{\n"
        "  html .nj-chart { min-height: var(--nj-narrow-height, var(--nj-height)); }\n"
        "  html .nj-static { height: var(--nj-narrow-height, var(--nj-height)); }\n"
        f"  html .nj-static-plots {{ grid-template-columns: repeat(min({NARROW_COLUMNS}, var(--nj-columns, 1)), minmax(0, 1fr)); }}\n"
        "  html .nj-static .nj-tick-wide { display: none; }\n"
        "}\n"
    )


def _percent(value: float) -> str:
    return f"{value:.2f}%"


def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= raw)


def value_ticks(low: float, high: float, count: int = 4, whole: bool = False) -> list[float]:
    """Round axis numbers covering low..high (both included); `whole`: counts, no halves."""
    if high <= low:
        high = low + 1
    step = max(_nice_step(high - low, count), 1.0 if whole else 0.0)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(index * step, 10) for index in range(first, last + 1)]


class _Scale:
    """Value → percent of the plot box along one axis (0 at the low end)."""

    def __init__(self, ticks: list[float]):
        self.low, self.high = ticks[0], ticks[-1]

    @property
    def range(self) -> tuple[float, float]:
        return self.low, self.high

    def __call__(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low) * 100


def _value_grid(ticks: list[float], scale: _Scale, *, vertical: bool, suffix: str = "") -> list[Mark]:
    """Grid lines and their numbers along the value axis (up the side, or along the bottom)."""
    marks = []
    for tick in ticks:
        place = _percent(100 - scale(tick) if vertical else scale(tick))
        label = format_number(tick) + suffix
        if vertical:
            marks.append(Mark("line", {"class": "nj-grid", "x1": "0", "x2": "100%", "y1": place, "y2": place}))
            marks.append(Mark("text", {"class": "nj-tick", "x": "-6", "y": place, "dy": "0.35em", "text-anchor": "end"}, label))
        else:
            marks.append(Mark("line", {"class": "nj-grid", "x1": place, "x2": place, "y1": "0", "y2": "100%"}))
            marks.append(Mark("text", {"class": "nj-tick", "x": place, "y": "100%", "dy": "1.3em", "text-anchor": "middle"}, label))
    return marks


def _band(index: int, count: int) -> float:
    """The centre of category `index` of `count`, in percent."""
    return (index + 0.5) / count * 100


def _year_labels(years: list[str], most: int = _MOST_YEAR_LABELS, phone_width: int = _PHONE_PLOT_WIDTH) -> list[Mark]:
    """At most `most` labels; on a phone (a plot about `phone_width` px wide) every other one
    of them when they would not fit side by side."""
    every = max(1, math.ceil(len(years) / most))
    shown = list(range(0, len(years), every))
    label_width = max((len(year) for year in years), default=0) * _LABEL_CHARACTER_PX + 6
    crowded_on_phone = len(shown) * label_width > phone_width
    marks = []
    for count, index in enumerate(shown):
        css = "nj-tick nj-tick-wide" if crowded_on_phone and count % 2 else "nj-tick"
        marks.append(Mark("text", {"class": css, "x": _percent(_band(index, len(years))), "y": "100%", "dy": "1.3em", "text-anchor": "middle"}, years[index]))
    return marks


# Hatching over a sample bar: lines rising at 45°, 6 px apart (HATCH_SPACING along an axis).
HATCH_SPACING = 6 / 2**0.5 * 2
# No chart on a page is wider than this (Material's content column is narrower), so a sample
# bar's hatching drawn this wide covers it at any screen width and on paper.
_WIDEST_CHART_PX = 1400


def hatch_lines(left: float, top: float, right: float, bottom: float) -> str:
    """Path data of the hatching inside a rectangle (pixels), as line segments. Drawn as lines,
    not an SVG <pattern>: Chromium prints a pattern-filled bar tile by tile (three quarters of
    a year page's printing time and a megabyte of its PDF) and resvg fills it tile by tile too."""
    segments = []
    level = math.ceil((left + top) / HATCH_SPACING) * HATCH_SPACING
    while level < right + bottom:  # the line x + y = level, rising to the right
        start, end = max(left, level - bottom), min(right, level - top)
        if start < end:
            segments.append(f"M{start:.1f},{level - start:.1f}L{end:.1f},{level - end:.1f}")
        level += HATCH_SPACING
    return "".join(segments)


def page_hatch(mark: Mark, chart: StaticChart) -> str:
    """A sample bar's hatching on the page: the page draws it in an <svg> the size of the bar,
    which clips it, so it is drawn for the largest the bar can be (its share of the widest
    chart and of the chart's height)."""
    width = float(mark.attributes["width"].rstrip("%")) / 100 * _WIDEST_CHART_PX
    height = float(mark.attributes["height"].rstrip("%")) / 100 * max(chart.height, chart.narrow_height or 0)
    return hatch_lines(0.0, 0.0, width, height)


def _hatch(chart_hatch: str, x: str, width: str, y: str, height: str) -> Mark:
    return Mark("rect", {"x": x, "width": width, "y": y, "height": height, "fill": f"url(#{chart_hatch})", "class": "nj-sample-bar"})


def _line_chart(figure: Figure, hatch_id: str) -> StaticChart:
    table = figure.table
    years = [str(row[0].value) for row in table.rows]
    numbered = range(1, len(table.columns))
    divisor, unit = readable_unit(max(largest_number(column_cells(table, index)) for index in numbered), table.columns[1].unit or "")
    values_of = {index: scaled(column_cells(table, index), divisor) for index in numbered}
    highest = max((value for values in values_of.values() for value in values if value is not None), default=0.0)
    ticks = value_ticks(0.0, highest)
    scale = _Scale(ticks)
    marks = _value_grid(ticks, scale, vertical=True) + _year_labels(years)
    lines, dots, legend = [], [], []
    for index in numbered:
        colour = series_colour(index - 1)
        cells = column_cells(table, index)
        run: list[tuple[float, float]] = []  # consecutive years with a value: a missing year leaves a gap, as in plotly
        for place, (value, cell) in enumerate(zip(values_of[index], cells)):
            if value is None:
                lines += [Polyline(tuple(run), colour)] if len(run) > 1 else []
                run = []
                continue
            x, y = _band(place, len(years)), 100 - scale(value)
            run.append((x, y))
            # A dot on each year while they are few; a sample value is always a hollow dot.
            if cell.sample or len(years) <= _MOST_DOTS:
                style = {"class": "nj-point nj-point-sample"} if cell.sample else {"class": "nj-point", "fill": colour}  # hollow: the background's colour
                dots.append(Mark("circle", {"cx": _percent(x), "cy": _percent(y), "r": "4", "stroke": colour, **style}))
        lines += [Polyline(tuple(run), colour)] if len(run) > 1 else []
        legend.append(LegendEntry(table.columns[index].title, "line", colour))
    if table.has_sample:
        legend.append(LegendEntry(SAMPLE_LEGEND_LINES, "sample-line"))
    plot = Plot(tuple(marks), tuple(lines), tuple(dots), padding=(12, 12, 28, 64), ticks=tuple(ticks), value_range=scale.range, divisor=divisor, unit=unit)
    return StaticChart((plot,), tuple(legend), hatch_id, unit)


def _small_multiples(figure: Figure, hatch_id: str) -> StaticChart:
    table = figure.table
    years = [row[0].value for row in table.rows]
    plots = []
    for index, column in list(enumerate(table.columns))[1:]:
        cells = column_cells(table, index)
        divisor, unit = readable_unit(largest_number(cells), column.unit or "")
        drawn = [(year, value, cell) for year, value, cell in zip(years, scaled(cells, divisor), cells) if value is not None]
        ticks = value_ticks(0.0, max((value for _, value, _ in drawn), default=0.0))
        scale = _Scale(ticks)
        marks = _value_grid(ticks, scale, vertical=True)
        width = 100 / max(len(drawn), 1)
        for place, (year, value, cell) in enumerate(drawn):
            top = 100 - scale(value)
            x, bar, y, height = _percent(place * width + width * 0.15), _percent(width * 0.7), _percent(min(top, 100 - scale(0))), _percent(abs(scale(value) - scale(0)))
            css = "nj-bar nj-bar-highlight" if year == figure.highlight_year else "nj-bar nj-bar-muted"
            marks.append(Mark("rect", {"x": x, "width": bar, "y": y, "height": height, "class": css}))
            if cell.sample:
                marks.append(_hatch(hatch_id, x, bar, y, height))
        marks += _year_labels([str(year) for year, _, _ in drawn], _MOST_PANEL_YEAR_LABELS, _PHONE_PANEL_WIDTH)
        plots.append(Plot(tuple(marks), title=f"{column.title}（{unit}）", padding=(8, 4, 24, 48), ticks=tuple(ticks), value_range=scale.range, divisor=divisor, unit=unit))
    legend = (LegendEntry(SAMPLE_LEGEND_BARS, "sample-bar"),) if table.has_sample else ()
    columns = min(3, len(plots))
    # 230 px a row of three on a wide screen, 210 a row of two on a phone, and room for the legend.
    height, narrow_height = 100 + 230 * -(-len(plots) // columns), 80 + 210 * -(-len(plots) // NARROW_COLUMNS)
    return StaticChart(tuple(plots), legend, hatch_id, columns=columns, height=height, narrow_height=narrow_height)


def change_labels(figure: Figure) -> list[str]:
    """A change chart's indicator names as its axis shows them: a long one shortened (the number
    table under the chart has it whole), so its width cannot take the whole chart."""
    names = [str(row[0].value) for row in figure.table.rows]
    return [name if len(name) <= _AXIS_LABEL_CHARACTERS else name[: _AXIS_LABEL_CHARACTERS - 1] + "…" for name in names]


def change_percents(figure: Figure) -> list[float]:
    """A change chart's bars: the last column, in percent to one decimal."""
    return [round(cell_number(row[-1]) or 0.0, PERCENT_DECIMALS) for row in figure.table.rows]


def _change_chart(figure: Figure, hatch_id: str) -> StaticChart:
    table = figure.table
    names = change_labels(figure)
    changes = [row[-1] for row in table.rows]
    percents = change_percents(figure)
    ticks = value_ticks(min(0.0, *percents), max(0.0, *percents))
    # Room beyond the longest bars for their labels (+25.0%), as the plotly chart keeps.
    padding = (ticks[-1] - ticks[0]) * 0.25
    scale = _Scale([ticks[0] - (padding if ticks[0] < 0 else 0), ticks[-1] + (padding if ticks[-1] > 0 else 0)])
    marks = _value_grid(ticks, scale, vertical=False, suffix="%")
    zero = scale(0.0)
    band = 100 / len(names)
    for place, (name, percent, cell) in enumerate(zip(names, percents, changes)):
        left, right = sorted((zero, scale(percent)))
        x, width, y, height = _percent(left), _percent(right - left), _percent(place * band + band * 0.2), _percent(band * 0.6)
        marks.append(Mark("rect", {"x": x, "width": width, "y": y, "height": height, "class": "nj-bar nj-bar-up" if percent >= 0 else "nj-bar nj-bar-down"}))
        if cell.sample:
            marks.append(_hatch(hatch_id, x, width, y, height))
        centre = _percent(_band(place, len(names)))
        marks.append(Mark("text", {"class": "nj-tick", "x": "-6", "y": centre, "dy": "0.35em", "text-anchor": "end"}, name))
        outside = {"x": _percent(scale(percent)), "dx": "4" if percent >= 0 else "-4", "text-anchor": "start" if percent >= 0 else "end"}
        marks.append(Mark("text", {"class": "nj-value", "y": centre, "dy": "0.35em", **outside}, format_percent(percent)))
    marks.append(Mark("line", {"class": "nj-zero", "x1": _percent(zero), "x2": _percent(zero), "y1": "0", "y2": "100%"}))
    legend = (LegendEntry(SAMPLE_LEGEND_BARS, "sample-bar"),) if any(cell.sample for cell in changes) else ()
    longest = max(len(name) for name in names)
    plot = Plot(tuple(marks), padding=(8, 16, 28, 20 + 14 * longest), ticks=tuple(ticks), value_range=scale.range)
    return StaticChart((plot,), legend, hatch_id, height=110 + 36 * len(names))


def _stacked_chart(figure: Figure, hatch_id: str) -> StaticChart:
    table = figure.table
    years = [f"{row[0].value}年" for row in table.rows]
    colours = dict(figure.stacked)
    stacked = [(index, column) for index, column in enumerate(table.columns) if column.title in colours]
    totals = [sum(float(row[index].value or 0) for index, _ in stacked) for row in table.rows]
    ticks = value_ticks(0.0, max(totals, default=0.0), whole=True)
    scale = _Scale(ticks)
    marks = _value_grid(ticks, scale, vertical=True) + _year_labels(years)
    width = 100 / max(len(years), 1)
    for place, row in enumerate(table.rows):
        bottom = 0.0
        for index, column in stacked:
            value = float(row[index].value or 0)
            if value:
                top = bottom + value
                marks.append(Mark("rect", {
                    "x": _percent(place * width + width * 0.2), "width": _percent(width * 0.6),
                    "y": _percent(100 - scale(top)), "height": _percent(scale(top) - scale(bottom)), "fill": colours[column.title],
                }))
                bottom = top
    legend = tuple(LegendEntry(column.title, "bar", colours[column.title]) for _, column in stacked)
    return StaticChart((Plot(tuple(marks), ticks=tuple(ticks), value_range=scale.range),), legend, hatch_id, figure.axis_titles[1])


def static_chart(figure: Figure) -> StaticChart:
    draw = {"line": _line_chart, "small-multiples": _small_multiples, "change": _change_chart, "stacked": _stacked_chart}[figure.kind]
    return draw(figure, f"nj-hatch-{figure.table.id}")
