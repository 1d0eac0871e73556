"""The site's charts: each one is a Table of numbers first, then a Figure describing how to draw
it (render/parts/figure.py), rendered by templates/figure.html: the static drawing, plotly's JSON
and the table."""

from __future__ import annotations

from nianjian.facts.key_figures import PERCENT_DECIMALS, KeyFigure
from nianjian.render.parts.chart_plotly import plotly_json
from nianjian.render.parts.chart_svg import page_hatch, static_chart
from nianjian.model import Archive
from nianjian.render.parts.figure import Figure, change_figure, line_figure, small_multiples_figure
from nianjian.facts.series import Series
from nianjian.render.parts.table import Cell, Column, Table, number_cell, text_cell, year_cell
from nianjian.render.parts.templating import html_block

_WINDOW_YEARS = 5


def _by_year_table(table_id: str, caption: str, members: list[Series], years: list[int]) -> Table:
    """Years down, one column per series: the shape every line and small-multiple chart reads."""
    columns = (Column("年份", "year"),) + tuple(Column(one.indicator, "number", one.unit) for one in members)
    rows = []
    for year in years:
        row = [year_cell(year)]
        for one in members:
            found = one.value_in(year)
            row.append(number_cell(found[0], sample=found[1]) if found else Cell(None))
        rows.append(tuple(row))
    notes = tuple(note for one in members for note in one.notes)
    return Table(table_id, columns, tuple(rows), caption=caption, downloadable=False, notes=notes)


def area_trend_figures(archive: Archive, series: dict[tuple[str, str], Series]) -> list[Figure]:
    """One line chart per work area and unit, across every recorded year."""
    figures = []
    for area in archive.site.areas:
        by_unit: dict[str, list[Series]] = {}
        for one in series.values():
            if one.area == area.key:
                by_unit.setdefault(one.unit, []).append(one)
        for number, members in enumerate(by_unit.values(), start=1):
            # No unit in the title: the chart shows the unit it draws in (4.12 万吨 for 41,200 吨),
            # on its axis; the number table under it, the unit of the record.
            title = f"{area.name}：{'、'.join(one.indicator for one in members)}"
            years = sorted({year for one in members for year in one.years})
            table = _by_year_table(f"trend-{area.key}-{number}", title, members, years)
            figures.append(line_figure(title, table, area.key))
    return figures


def year_window_figure(series: dict[tuple[str, str], Series], keys: tuple[tuple[str, str], ...], year: int) -> Figure | None:
    """Small multiples: each key indicator over the five years ending `year`, that year highlighted."""
    members = [series[key] for key in keys if key in series and series[key].has(year)]
    if not members:
        return None
    years = sorted({y for one in members for y, _ in one.up_to(year, _WINDOW_YEARS) if y > year - _WINDOW_YEARS})
    title = f"{year}年主要指标及前几年对比"
    return small_multiples_figure(title, _by_year_table(f"window-{year}", title, members, years), year)


def change_table(figures: list[KeyFigure], year: int) -> Table | None:
    compared = [figure for figure in figures if figure.change_percent is not None]
    if not compared:
        return None
    columns = (
        Column("指标"), Column("单位"), Column(f"{year - 1}年", "number"), Column(f"{year}年", "number"),
        Column("变化", "number"), Column("变化率", "number", "%"),
    )
    rows = []
    for figure in compared:
        # A change computed from a sample value is itself sample data.
        derived_sample = figure.sample or figure.previous_sample
        rows.append(
            (
                text_cell(figure.indicator),
                text_cell(figure.unit),
                number_cell(figure.previous, sample=figure.previous_sample),
                number_cell(figure.value, sample=figure.sample),
                number_cell(figure.change, shown=figure.against_previous.signed_text(), sample=derived_sample),
                number_cell(round(figure.change_percent, PERCENT_DECIMALS), shown=figure.against_previous.percent_text(), sample=derived_sample),
            )
        )
    return Table(f"change-{year}", columns, tuple(rows), caption=f"{year}年主要指标同比变化（%）", downloadable=False)


def year_change_figure(figures: list[KeyFigure], year: int) -> Figure | None:
    """Horizontal bars: each key figure's change against the year before, in percent."""
    table = change_table(figures, year)
    return None if table is None else change_figure(table.caption, table)


def figure_html(figure: Figure, page: str) -> str:
    """The chart block: caption with its sample label, the drawing area with the chart drawn at
    build time, and its numbers."""
    chart = static_chart(figure)
    return html_block("figure.html", figure=figure, page=page, chart=chart, plotly=plotly_json(figure, chart), page_hatch=page_hatch)
