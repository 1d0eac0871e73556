"""plotly's JSON for a figure: the interactive layer charts.js puts over the static drawing once a
reader uses the page. One function, plotly_json, derives it from the Figure; the value axis takes
the drawing's numbers and range (render/parts/chart_svg.py), so both show the same ticks, unit and
labels, and the unit sits above the top number on any width.

Plain JSON of plain Python values, written by escaping.script_json: what plotly.io.to_json
writes for them, without importing plotly in a build (about 1 s); the tests validate every
generated figure against plotly's own schema.

Big numbers are written with 万/亿 on the axis and in hover text, as a Chinese report would;
the table keeps full digits."""

from __future__ import annotations

from nianjian.escaping import plotly_text, script_json
from nianjian.render.parts.chart_svg import NARROW_COLUMNS, PHONE_MAX_WIDTH, StaticChart, change_labels, change_percents, static_chart
from nianjian.render.parts.figure import SAMPLE_LEGEND_BARS, SAMPLE_LEGEND_LINES, Figure, cell_number, column_cells, scaled
from nianjian.render.parts.palette import DARK, FALL, HIGHLIGHT, MUTED, SAMPLE_HATCH, SAMPLE_MARK, SERIES
from nianjian.render.parts.table import Cell
from nianjian.facts.key_figures import format_percent
from nianjian.facts.units import format_number

# A small template of our own: plotly's default template would add ~6 KB to every chart.
_TEMPLATE = {
    "layout": {
        "colorway": list(SERIES),
        "font": {"size": 13},  # the family is the page's (charts.js), as in the drawing
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"namelength": -1},
    }
}
# The unit above the value axis: lifted clear of the top number's label (half a 13 px line
# above the axis' end) on every width.
_UNIT_LIFT = 12


def plotly_json(figure: Figure, drawing: StaticChart | None = None) -> str:
    """The figure as plotly's JSON ({"data": traces, "layout": …}). `drawing`: the figure's
    static drawing when the caller has it already."""
    drawing = drawing or static_chart(figure)
    build = {"line": _line, "small-multiples": _small_multiples, "change": _change, "stacked": _stacked}[figure.kind]
    traces, layout, *narrow = build(figure, drawing)
    # "dark": the colours charts.js swaps on the dark scheme; "narrow": the layout on a phone
    # (small multiples). plotly ignores both keys.
    extra = {"narrow": {"width": PHONE_MAX_WIDTH, "layout": narrow[0]}} if narrow else {}
    return script_json({"data": traces, "layout": {"template": _TEMPLATE, **layout}, "dark": DARK} | extra)


def _value_axis(plot, **extra: object) -> dict:
    """A value axis with the drawing's numbers and range."""
    low, high = plot.value_range
    return {"range": [low, high], "tickmode": "array", "tickvals": list(plot.ticks),
            "ticktext": [format_number(tick) for tick in plot.ticks], **extra}


def _hover(value: float | None, divisor: float, unit: str, sample: bool) -> str:
    if value is None:
        return ""
    return f"{format_number(round(value / divisor, 2))} {plotly_text(unit)}" + ("（示例数据）" if sample else "")


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


def _line(figure: Figure, drawing: StaticChart) -> tuple[list[dict], dict]:
    table, [plot] = figure.table, drawing.plots
    years = [str(row[0].value) for row in table.rows]
    traces = []
    for index, column in enumerate(table.columns[1:], start=1):
        cells = column_cells(table, index)
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": scaled(cells, plot.divisor),
                "name": plotly_text(column.title),
                "mode": "lines+markers",
                "marker": {"size": 8, "symbol": ["circle-open" if cell.sample else "circle" for cell in cells]},
                "cliponaxis": False,  # a point on the top number is drawn whole
                "customdata": [_hover(cell_number(cell), plot.divisor, drawing.unit, cell.sample) for cell in cells],
                # Data text goes in `meta`, never into the template itself, where %{…} is read.
                "meta": plotly_text(column.title),
                "hovertemplate": "%{x}年 %{customdata}<extra>%{meta}</extra>",
            }
        )
    if table.has_sample:
        traces.append(_sample_legend("scatter"))
    layout = {
        "xaxis": {"type": "category", "title": {"text": "年份"}},
        "yaxis": _value_axis(plot),
        # The unit reads upright above the axis: plotly turns an axis title on its side, which
        # leaves a one-character unit such as 件 lying down.
        "annotations": [
            {"text": plotly_text(drawing.unit), "xref": "paper", "yref": "paper", "x": 0, "y": 1, "yshift": _UNIT_LIFT,
             "xanchor": "right", "yanchor": "bottom", "showarrow": False}
        ],
        "margin": {"l": 64, "r": 16, "t": 36, "b": 72},
        "height": drawing.height,
        "legend": {"orientation": "h", "y": -0.3, "yanchor": "top"},
        "hovermode": "x unified",
    }
    return traces, layout


def _panel_layout(drawing: StaticChart, columns: int, gap_x: float, gap_y: float, tick_size: int | None) -> dict:
    """Each small multiple's axes and title placed in a grid of `columns`; `gap_y` is shared out
    between the rows."""
    rows_count = -(-len(drawing.plots) // columns)
    layout: dict = {}
    annotations = []
    for position, plot in enumerate(drawing.plots):
        row, place = divmod(position, columns)
        axis = "" if position == 0 else str(position + 1)
        x0 = place / columns + (gap_x / 2 if place else 0)
        x1 = (place + 1) / columns - (gap_x / 2 if place < columns - 1 else 0)
        y1 = 1 - row / rows_count - gap_y / rows_count / 2
        y0 = 1 - (row + 1) / rows_count + gap_y / rows_count / 2
        layout[f"xaxis{axis}"] = {"domain": [x0, x1], "anchor": f"y{axis}", "type": "category"} | ({"tickfont": {"size": tick_size}} if tick_size else {})
        layout[f"yaxis{axis}"] = _value_axis(plot, domain=[y0, y1], anchor=f"x{axis}")
        annotations.append(
            {
                "text": plotly_text(plot.title),
                "x": (x0 + x1) / 2, "y": y1, "xref": "paper", "yref": "paper",
                "xanchor": "center", "yanchor": "bottom", "showarrow": False,
            } | ({"font": {"size": tick_size + 2}} if tick_size else {})
        )
    return layout | {"annotations": annotations}


def _small_multiples(figure: Figure, drawing: StaticChart) -> tuple[list[dict], dict, dict]:
    table = figure.table
    panels = list(enumerate(table.columns[1:], start=1))
    years = [row[0].value for row in table.rows]
    traces = []
    for position, ((index, column), plot) in enumerate(zip(panels, drawing.plots)):
        axis = "" if position == 0 else str(position + 1)
        cells = column_cells(table, index)
        drawn = [(year, cell) for year, cell in zip(years, cells) if cell_number(cell) is not None]
        traces.append(
            {
                "type": "bar",
                "x": [str(year) for year, _ in drawn],
                "y": scaled([cell for _, cell in drawn], plot.divisor),
                "name": plotly_text(column.title),
                "marker": {
                    "color": [HIGHLIGHT if year == figure.highlight_year else MUTED for year, _ in drawn],
                    "pattern": {"shape": ["/" if cell.sample else "" for _, cell in drawn], "fgcolor": SAMPLE_HATCH},
                },
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "customdata": [_hover(cell_number(cell), plot.divisor, plot.unit, cell.sample) for _, cell in drawn],
                "meta": plotly_text(column.title),
                "hovertemplate": "%{x}年 %{customdata}<extra>%{meta}</extra>",
                "showlegend": False,
            }
        )
    if table.has_sample:
        traces.append(_sample_legend("bar"))
    layout = _panel_layout(drawing, drawing.columns, 0.08, 0.22, None) | {
        "height": drawing.height,
        "margin": {"l": 56, "r": 16, "t": 32, "b": 48},
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"},
    }
    # On a phone the panels go NARROW_COLUMNS to a row, as the drawing's (chart_svg.phone_stylesheet):
    # charts.js puts these in place of the wide layout's.
    narrow = _panel_layout(drawing, NARROW_COLUMNS, 0.14, 0.3, 10) | {
        "height": drawing.narrow_height,
        "margin": {"l": 44, "r": 8, "t": 32, "b": 48},
    }
    return traces, layout, narrow


def _change(figure: Figure, drawing: StaticChart) -> tuple[list[dict], dict]:
    [plot] = drawing.plots
    names = change_labels(figure)
    changes = [row[-1] for row in figure.table.rows]
    percents = change_percents(figure)
    traces = [
        {
            "type": "bar",
            "x": percents,
            "y": [plotly_text(name) for name in names],
            "orientation": "h",
            "marker": {
                "color": [HIGHLIGHT if percent >= 0 else FALL for percent in percents],
                "pattern": {"shape": ["/" if cell.sample else "" for cell in changes], "fgcolor": SAMPLE_HATCH},
            },
            "text": [format_percent(percent) for percent in percents],
            "textposition": "outside",
            "cliponaxis": False,
            "customdata": [format_percent(percent) + ("（含示例数据）" if cell.sample else "") for percent, cell in zip(percents, changes)],
            "hovertemplate": "%{y}：%{customdata}<extra></extra>",
            "showlegend": False,
        }
    ]
    if _has_sample(changes):
        traces.append(_sample_legend("bar"))
    value_axis = _value_axis(plot, zeroline=True)
    value_axis["ticktext"] = [text + "%" for text in value_axis["ticktext"]]
    layout = {
        "xaxis": value_axis,
        "yaxis": {"autorange": "reversed"},
        "height": drawing.height,
        "margin": {"l": 96, "r": 64, "t": 16, "b": 32},
        "legend": {"orientation": "h", "y": -0.15, "yanchor": "top"},
    }
    return traces, layout


def _stacked(figure: Figure, drawing: StaticChart) -> tuple[list[dict], dict]:
    table, [plot] = figure.table, drawing.plots
    colours = dict(figure.stacked)
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
        "xaxis": {"type": "category", "title": {"text": plotly_text(figure.axis_titles[0])}},
        "yaxis": _value_axis(plot, title={"text": plotly_text(figure.axis_titles[1])}),
        "height": drawing.height,
        "margin": {"l": 56, "r": 16, "t": 16, "b": 56},
        "legend": {"orientation": "h", "y": -0.3},
    }
    return traces, layout
