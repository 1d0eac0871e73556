"""Charts from the metric rows, built at build time with pandas + plotly.

A chart leaves here as plotly figure JSON (drawn in the browser by the site's own copy of
plotly.js) plus the same numbers as an HTML table for print, screen readers and people
who prefer numbers. Figures are written as plain plotly figure dicts and serialised by
plotly.io without per-figure validation (it costs ~10 ms a figure); the tests validate
every generated figure against plotly's schema instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.io as pio

from nianjian.indicators import KeyFigure
from nianjian.model import Archive
from nianjian.render.text import cell, format_number, html_table, sample_badge

# A small template of our own: plotly's default template would add ~6 KB to every chart.
TEMPLATE = {
    "layout": {
        "colorway": ["#3f6ec6", "#e07b39", "#2a9d8f", "#b5476b", "#7a6fbf", "#8a8d3f"],
        "font": {"family": "-apple-system, 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif", "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"namelength": -1},
    }
}
_HIGHLIGHT = "#3f6ec6"
_MUTED = "#a9b8d6"
_WINDOW_YEARS = 5


@dataclass(frozen=True)
class Chart:
    title: str
    figure_json: str
    table_html: str
    sample: bool
    area: str | None = None  # the work area a trend chart belongs to


@dataclass(frozen=True)
class Series:
    """One indicator's values by year, ascending."""

    area: str
    indicator: str
    unit: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    samples: tuple[bool, ...]


def metrics_frame(archive: Archive) -> pd.DataFrame:
    """All metric rows as one long table, built once per build."""
    columns = ["year", "area", "indicator", "unit", "value", "sample"]
    return pd.DataFrame(
        [(row.year, row.area, row.indicator, row.unit, row.value, row.sample) for row in archive.metrics],
        columns=columns,
    )


def metric_series(frame: pd.DataFrame) -> dict[tuple[str, str], Series]:
    """Every (area, indicator) as a Series, grouped once so year pages only slice tuples."""
    series = {}
    for (area, indicator), rows in frame.sort_values("year").groupby(["area", "indicator"], sort=False):
        series[(area, indicator)] = Series(
            area=area,
            indicator=indicator,
            unit=str(rows["unit"].iloc[0]),
            years=tuple(int(y) for y in rows["year"]),
            values=tuple(float(v) for v in rows["value"]),
            samples=tuple(bool(s) for s in rows["sample"]),
        )
    return series


def figure_json(traces: list[dict], layout: dict) -> str:
    return pio.to_json({"data": traces, "layout": {"template": TEMPLATE, **layout}}, validate=False, engine="json")


def _label(text: str) -> str:
    # plotly reads a few HTML tags in labels; escaped text is shown as typed.
    return cell(text)


def area_trend_charts(frame: pd.DataFrame, archive: Archive) -> list[Chart]:
    """One line chart per work area and unit, across every recorded year."""
    charts = []
    for area in archive.site.areas:
        area_rows = frame[frame["area"] == area.key]
        for unit, rows in area_rows.groupby("unit", sort=False):
            wide = rows.pivot(index="year", columns="indicator", values="value").sort_index()
            years = [str(year) for year in wide.index]
            traces = [
                {
                    "type": "scatter",
                    "x": years,
                    "y": [None if math.isnan(v) else v for v in wide[indicator]],
                    "name": _label(indicator),
                    "mode": "lines+markers",
                    "hovertemplate": f"%{{x}}年 %{{y:,}} {_label(unit)}<extra>{_label(indicator)}</extra>",
                }
                for indicator in wide.columns
            ]
            title = f"{area.name}（{unit}）"
            layout = {
                "xaxis": {"type": "category", "title": {"text": "年份"}},
                "yaxis": {"title": {"text": _label(unit)}, "rangemode": "tozero", "separatethousands": True},
                "margin": {"l": 64, "r": 16, "t": 16, "b": 48},
                "height": 320,
                "legend": {"orientation": "h", "y": -0.25},
                "hovermode": "x unified",
            }
            table = html_table(
                ["年份"] + [f"{indicator}（{unit}）" for indicator in wide.columns],
                (
                    [cell(year)] + [("" if math.isnan(v) else cell(format_number(v))) for v in wide.loc[year]]
                    for year in wide.index
                ),
                caption=title,
            )
            charts.append(Chart(title, figure_json(traces, layout), table, bool(rows["sample"].any()), area.key))
    return charts


def _window(series: Series, year: int) -> list[tuple[int, float, bool]]:
    return [
        (y, value, sample)
        for y, value, sample in zip(series.years, series.values, series.samples)
        if year - _WINDOW_YEARS < y <= year
    ]


def year_window_chart(series: dict[tuple[str, str], Series], keys: tuple[tuple[str, str], ...], year: int) -> Chart | None:
    """Small multiples: each key indicator over the five years ending `year`, that year highlighted."""
    panels = [
        (series[key], _window(series[key], year))
        for key in keys
        if key in series and year in series[key].years
    ]
    if not panels:
        return None
    columns = min(3, len(panels))
    rows_count = math.ceil(len(panels) / columns)
    gap_x, gap_y = 0.08, 0.22 / rows_count
    traces, layout, annotations = [], {}, []
    for index, (one, points) in enumerate(panels):
        row, column = divmod(index, columns)
        axis = "" if index == 0 else str(index + 1)
        x0 = column / columns + (gap_x / 2 if column else 0)
        x1 = (column + 1) / columns - (gap_x / 2 if column < columns - 1 else 0)
        y1 = 1 - row / rows_count - gap_y / 2
        y0 = 1 - (row + 1) / rows_count + gap_y / 2
        traces.append(
            {
                "type": "bar",
                "x": [str(y) for y, _, _ in points],
                "y": [value for _, value, _ in points],
                "name": _label(one.indicator),
                "marker": {"color": [_HIGHLIGHT if y == year else _MUTED for y, _, _ in points]},
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "hovertemplate": f"%{{x}}年 %{{y:,}} {_label(one.unit)}<extra>{_label(one.indicator)}</extra>",
                "showlegend": False,
            }
        )
        layout[f"xaxis{axis}"] = {"domain": [x0, x1], "anchor": f"y{axis}", "type": "category"}
        layout[f"yaxis{axis}"] = {"domain": [y0, y1], "anchor": f"x{axis}", "rangemode": "tozero", "separatethousands": True}
        annotations.append(
            {
                "text": f"{_label(one.indicator)}（{_label(one.unit)}）",
                "x": (x0 + x1) / 2, "y": y1, "xref": "paper", "yref": "paper",
                "xanchor": "center", "yanchor": "bottom", "showarrow": False,
            }
        )
    title = f"{year}年主要指标及前几年对比"
    layout.update({"annotations": annotations, "height": 80 + 230 * rows_count, "margin": {"l": 56, "r": 16, "t": 32, "b": 32}})
    window_years = sorted({y for _, points in panels for y, _, _ in points})
    table_rows = []
    for one, points in panels:
        values = {y: value for y, value, _ in points}
        table_rows.append(
            [cell(f"{one.indicator}（{one.unit}）")] + [cell(format_number(values[y])) if y in values else "" for y in window_years]
        )
    table = html_table(["指标"] + [str(y) for y in window_years], table_rows, caption=title)
    sample = any(sample for _, points in panels for _, _, sample in points)
    return Chart(title, figure_json(traces, layout), table, sample)


def change_chart(figures: list[KeyFigure], year: int) -> Chart | None:
    """Horizontal bars: each key figure's change against the year before, in percent."""
    compared = [figure for figure in figures if figure.change_percent is not None]
    if not compared:
        return None
    percents = [round(figure.change_percent, 1) for figure in compared]
    traces = [
        {
            "type": "bar",
            "x": percents,
            "y": [_label(figure.indicator) for figure in compared],
            "orientation": "h",
            "marker": {"color": ["#3f6ec6" if p >= 0 else "#e07b39" for p in percents]},
            "text": [f"{p:+.1f}%" for p in percents],
            "textposition": "outside",
            "hovertemplate": "%{y}：%{x:+.1f}%<extra></extra>",
        }
    ]
    title = f"{year}年主要指标同比变化（%）"
    layout = {
        "xaxis": {"ticksuffix": "%", "zeroline": True},
        "yaxis": {"autorange": "reversed"},
        "height": 80 + 36 * len(compared),
        "margin": {"l": 96, "r": 56, "t": 16, "b": 32},
    }
    table = html_table(
        ["指标", "单位", f"{year - 1}年", f"{year}年", "变化", "变化率"],
        (
            [
                cell(figure.indicator),
                cell(figure.unit),
                cell(format_number(figure.previous)),
                cell(format_number(figure.value)),
                cell(format_number(figure.change, signed=True)),
                cell(f"{figure.change_percent:+.1f}%"),
            ]
            for figure in compared
        ),
        caption=title,
    )
    return Chart(title, figure_json(traces, layout), table, any(figure.sample or figure.previous_sample for figure in compared))


def chart_html(chart: Chart) -> str:
    """The chart block: caption with sample badge, the drawing area, and its numbers."""
    badge = f" {sample_badge()}" if chart.sample else ""
    return (
        '<figure class="nj-chart-block">\n'
        f'<figcaption>{cell(chart.title)}{badge}</figcaption>\n'
        f'<div class="nj-chart" role="img" aria-label="{cell(chart.title)}（数据见下表）" data-figure="{cell(chart.figure_json)}"></div>\n'
        '<details class="nj-chart-data"><summary>查看图表数据</summary>\n'
        f"{chart.table_html}\n"
        "</details>\n"
        "</figure>\n"
    )
