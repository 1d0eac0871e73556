"""A figure is one plotly chart drawn from one Table: the table is its numbers (shown under the
chart, downloadable like any table), the chart only reads the table's typed cells. So the
picture, the number table and the sample marks can never disagree.

Sample values are marked per point: hollow markers on lines, hatched bars, a legend entry
saying so, and the same mark (data-sample) on the table cell. Big numbers are written with
万/亿 on the axis and in hover text, as a Chinese report would; the table keeps full digits.

Figures are plain plotly figure dicts serialised as JSON without per-figure validation
(~10 ms a figure); the tests validate every generated figure against plotly's schema instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.render.table import Cell, Table
from nianjian.escaping import plotly_text, script_json
from nianjian.render.text import format_number
from nianjian.units import readable_unit

# A small template of our own: plotly's default template would add ~6 KB to every chart.
TEMPLATE = {
    "layout": {
        "colorway": ["#3f6ec6", "#e07b39", "#2a9d8f", "#b5476b", "#7a6fbf", "#8a8d3f"],
        "font": {"size": 13},  # the family is the page's (charts.js), as in the charts drawn at build time
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"namelength": -1},
    }
}
HIGHLIGHT = "#3f6ec6"
MUTED = "#a9b8d6"
SAMPLE_MARK = "#777777"
# The hatching of sample bars: grey on the light scheme; charts.js swaps it for near-black on
# the dark one, where grey lines vanish into the light bars (nianjian.css does the same).
SAMPLE_HATCH = "#767676"
SAMPLE_LEGEND_LINES = "空心点为示例数据"
SAMPLE_LEGEND_BARS = "斜线为示例数据"


@dataclass(frozen=True)
class Figure:
    title: str
    table: Table  # the numbers drawn, shown under the chart
    plotly_json: str
    # How the table is drawn, for renderings without plotly (render/chart_image.py): "line",
    # "small-multiples", "change" or "stacked", with what each needs beyond the table.
    kind: str
    area: str | None = None  # the work area a trend chart belongs to
    highlight_year: int | None = None  # small multiples: the year in colour
    colours: tuple[tuple[str, str], ...] = ()  # stacked: (column title, colour) of each stacked column
    axis_titles: tuple[str, str] = ("", "")  # stacked: x and y axis titles
    height: int = 320  # pixels: the page keeps this room for the chart until it is drawn
    narrow_height: int | None = None  # small multiples on a phone (two to a row, charts.js)

    @property
    def sample_label(self) -> str:
        """“示例数据” when every number is sample data, “含示例数据” when some are, else ""."""
        numbers = [cell for row in self.table.rows for cell in row[1:] if cell_number(cell) is not None]
        samples = sum(cell.sample for cell in numbers)
        if not samples:
            return ""
        return "示例数据" if samples == len(numbers) else "含示例数据"


def _json(traces: list[dict], layout: dict) -> str:
    # Plain JSON of plain Python values: what plotly.io.to_json writes for them, without
    # importing plotly in every build (the tests validate each figure with plotly).
    return script_json({"data": traces, "layout": {"template": TEMPLATE, **layout}})


def cell_number(cell: Cell) -> float | None:
    value = cell.value
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def column_cells(table: Table, column: int) -> list[Cell]:
    return [row[column] for row in table.rows]


def _hover(value: float | None, divisor: float, unit: str, sample: bool) -> str:
    if value is None:
        return ""
    return f"{format_number(round(value / divisor, 2))} {plotly_text(unit)}" + ("（示例数据）" if sample else "")


def scaled(cells: list[Cell], divisor: float) -> list[float | None]:
    return [None if cell_number(cell) is None else round(cell_number(cell) / divisor, 4) for cell in cells]


def largest_number(cells: list[Cell]) -> float:
    return max((abs(cell_number(cell)) for cell in cells if cell_number(cell) is not None), default=0.0)


def _sample_legend(kind: str, axis: str = "") -> dict:
    """A legend-only trace explaining the sample mark."""
    trace = {"x": [None], "y": [None], "showlegend": True, "hoverinfo": "skip", "xaxis": f"x{axis}", "yaxis": f"y{axis}"}
    if kind == "bar":
        return trace | {
            "type": "bar", "name": SAMPLE_LEGEND_BARS,
            "marker": {"color": "rgba(0,0,0,0)", "line": {"color": SAMPLE_MARK, "width": 1}, "pattern": {"shape": "/", "fgcolor": SAMPLE_MARK}},
        }
    return trace | {"type": "scatter", "mode": "markers", "name": SAMPLE_LEGEND_LINES, "marker": {"symbol": "circle-open", "color": SAMPLE_MARK, "size": 9}}


def _has_sample(cells: list[Cell]) -> bool:
    return any(cell.sample for cell in cells)


def line_figure(title: str, table: Table, area: str | None = None) -> Figure:
    """Column 0 holds years; every other column (numbers in one unit) is a line."""
    years = [str(row[0].value) for row in table.rows]
    unit = table.columns[1].unit or ""
    divisor, shown_unit = readable_unit(max(largest_number(column_cells(table, index)) for index in range(1, len(table.columns))), unit)
    traces = []
    for index, column in enumerate(table.columns[1:], start=1):
        cells = column_cells(table, index)
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": scaled(cells, divisor),
                "name": plotly_text(column.title),
                "mode": "lines+markers",
                "marker": {"size": 8, "symbol": ["circle-open" if cell.sample else "circle" for cell in cells]},
                "customdata": [_hover(cell_number(cell), divisor, shown_unit, cell.sample) for cell in cells],
                # Data text goes in `meta`, never into the template itself, where %{…} is read.
                "meta": plotly_text(column.title),
                "hovertemplate": "%{x}年 %{customdata}<extra>%{meta}</extra>",
            }
        )
    if any(_has_sample(column_cells(table, index)) for index in range(1, len(table.columns))):
        traces.append(_sample_legend("scatter"))
    layout = {
        "xaxis": {"type": "category", "title": {"text": "年份"}},
        "yaxis": {"rangemode": "tozero", "separatethousands": True},
        # The unit reads upright above the axis: plotly turns an axis title on its side, which
        # leaves a one-character unit such as 件 lying down.
        "annotations": [
            {"text": plotly_text(shown_unit), "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "right", "yanchor": "bottom", "showarrow": False}
        ],
        "margin": {"l": 64, "r": 16, "t": 28, "b": 72},
        "height": 320,
        "legend": {"orientation": "h", "y": -0.3, "yanchor": "top"},
        "hovermode": "x unified",
    }
    return Figure(title, table, _json(traces, layout), "line", area, height=layout["height"])


def small_multiples_figure(title: str, table: Table, highlight_year: int, columns_per_row: int = 3) -> Figure:
    """Column 0 holds years; every other column is a small bar chart, `highlight_year` in colour."""
    panels = list(enumerate(table.columns[1:], start=1))
    columns = min(columns_per_row, len(panels))
    rows_count = -(-len(panels) // columns)
    gap_x, gap_y = 0.08, 0.22 / rows_count
    years = [row[0].value for row in table.rows]
    traces, layout, annotations = [], {}, []
    for position, (index, column) in enumerate(panels):
        row, place = divmod(position, columns)
        axis = "" if position == 0 else str(position + 1)
        x0 = place / columns + (gap_x / 2 if place else 0)
        x1 = (place + 1) / columns - (gap_x / 2 if place < columns - 1 else 0)
        y1 = 1 - row / rows_count - gap_y / 2
        y0 = 1 - (row + 1) / rows_count + gap_y / 2
        cells = column_cells(table, index)
        drawn = [(year, cell) for year, cell in zip(years, cells) if cell_number(cell) is not None]
        divisor, shown_unit = readable_unit(largest_number(cells), column.unit or "")
        traces.append(
            {
                "type": "bar",
                "x": [str(year) for year, _ in drawn],
                "y": scaled([cell for _, cell in drawn], divisor),
                "name": plotly_text(column.title),
                "marker": {
                    "color": [HIGHLIGHT if year == highlight_year else MUTED for year, _ in drawn],
                    "pattern": {"shape": ["/" if cell.sample else "" for _, cell in drawn], "fgcolor": SAMPLE_HATCH},
                },
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "customdata": [_hover(cell_number(cell), divisor, shown_unit, cell.sample) for _, cell in drawn],
                # Data text goes in `meta`, never into the template itself, where %{…} is read.
                "meta": plotly_text(column.title),
                "hovertemplate": "%{x}年 %{customdata}<extra>%{meta}</extra>",
                "showlegend": False,
            }
        )
        layout[f"xaxis{axis}"] = {"domain": [x0, x1], "anchor": f"y{axis}", "type": "category"}
        layout[f"yaxis{axis}"] = {"domain": [y0, y1], "anchor": f"x{axis}", "rangemode": "tozero", "separatethousands": True}
        annotations.append(
            {
                "text": f"{plotly_text(column.title)}（{plotly_text(shown_unit)}）",
                "x": (x0 + x1) / 2, "y": y1, "xref": "paper", "yref": "paper",
                "xanchor": "center", "yanchor": "bottom", "showarrow": False,
            }
        )
    if table.has_sample:
        traces.append(_sample_legend("bar"))
    layout.update(
        {
            "annotations": annotations,
            "height": 100 + 230 * rows_count,
            "margin": {"l": 56, "r": 16, "t": 32, "b": 48},
            "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"},
        }
    )
    # charts.js lays them out two to a row on a phone: 80 px plus 210 a row, as it computes.
    narrow = 80 + 210 * -(-len(panels) // 2)
    return Figure(
        title, table, _json(traces, layout), "small-multiples",
        highlight_year=highlight_year, height=layout["height"], narrow_height=narrow,
    )


def change_figure(title: str, table: Table) -> Figure:
    """Column 0 names the indicator, the last column is its change in percent: horizontal bars."""
    names = [str(row[0].value) for row in table.rows]
    changes = [row[-1] for row in table.rows]
    percents = [round(cell_number(cell) or 0.0, 1) for cell in changes]
    traces = [
        {
            "type": "bar",
            "x": percents,
            "y": [plotly_text(name) for name in names],
            "orientation": "h",
            "marker": {
                "color": [HIGHLIGHT if percent >= 0 else "#e07b39" for percent in percents],
                "pattern": {"shape": ["/" if cell.sample else "" for cell in changes], "fgcolor": SAMPLE_HATCH},
            },
            "text": [f"{percent:+.1f}%" for percent in percents],
            "textposition": "outside",
            "cliponaxis": False,
            "customdata": ["（含示例数据）" if cell.sample else "" for cell in changes],
            "hovertemplate": "%{y}：%{x:+.1f}%%{customdata}<extra></extra>",
            "showlegend": False,
        }
    ]
    if _has_sample(changes):
        traces.append(_sample_legend("bar"))
    # Room beyond the longest bars for their outside labels (+25.0%), on both sides.
    low, high = min(0.0, *percents), max(0.0, *percents)
    padding = max(high - low, 1.0) * 0.4
    layout = {
        "xaxis": {"ticksuffix": "%", "zeroline": True, "range": [low - (padding if low < 0 else 0), high + (padding if high > 0 else 0)]},
        "yaxis": {"autorange": "reversed"},
        "height": 110 + 36 * len(names),
        "margin": {"l": 96, "r": 64, "t": 16, "b": 32},
        "legend": {"orientation": "h", "y": -0.15, "yanchor": "top"},
    }
    return Figure(title, table, _json(traces, layout), "change", height=layout["height"])


def stacked_bars_figure(title: str, table: Table, colours: dict[str, str], axis_title: str, value_title: str) -> Figure:
    """Column 0 holds years; the columns named in `colours` are stacked bars (other columns,
    such as a total, stay in the table only)."""
    years = [f"{row[0].value}年" for row in table.rows]
    traces = [
        {
            "type": "bar",
            "name": plotly_text(column.title),
            "x": years,
            "y": [row[index].value for row in table.rows],
            "marker": {"color": colours[column.title]},
            "meta": [plotly_text(column.title), plotly_text(column.unit or "")],
            "hovertemplate": "%{x}：%{meta[0]} %{y} %{meta[1]}<extra></extra>",
        }
        for index, column in enumerate(table.columns)
        if column.title in colours
    ]
    layout = {
        "barmode": "stack",
        "xaxis": {"type": "category", "title": {"text": plotly_text(axis_title)}},
        "yaxis": {"title": {"text": plotly_text(value_title)}, "dtick": 1},
        "height": 320,
        "margin": {"l": 56, "r": 16, "t": 16, "b": 56},
        "legend": {"orientation": "h", "y": -0.3},
    }
    return Figure(
        title, table, _json(traces, layout), "stacked",
        colours=tuple(colours.items()), axis_titles=(axis_title, value_title), height=layout["height"],
    )
