"""A figure is a plain description of one chart: its kind, the Table of numbers it draws (shown
under the chart, downloadable like any table) and the few options a kind needs. It holds no
renderer's output. Its renderings read it:

- render/parts/chart_svg.py draws it once, at build time: the picture on screen before interaction,
  without JavaScript, in print and in `make pdf`;
- render/formats/chart_image.py rasterises that same drawing for the Word document;
- render/parts/chart_plotly.py derives plotly's JSON from it, the interactive layer.

So the picture, the number table and the sample marks can never disagree. Sample values are
marked per point (hollow dots, hatched bars, a legend entry saying so) and on the table cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.render.parts.table import Cell, Table

SAMPLE_LEGEND_LINES = "空心点为示例数据"
SAMPLE_LEGEND_BARS = "斜线为示例数据"


@dataclass(frozen=True)
class Figure:
    """What a chart shows. `kind` is one of:

    - "line": column 0 holds years; every other column (numbers in one unit) is a line;
    - "small-multiples": column 0 holds years; every other column is a small bar chart, the
      year `highlight_year` in colour;
    - "change": column 0 names an indicator, the last column is its change in percent:
      horizontal bars;
    - "stacked": column 0 holds years; the columns named in `stacked` are stacked bars (others,
      such as a total, stay in the table only)."""

    kind: str
    title: str
    table: Table
    area: str | None = None  # the work area a trend chart belongs to
    highlight_year: int | None = None  # small multiples
    stacked: tuple[tuple[str, str], ...] = ()  # stacked bars: (column title, colour) of each
    axis_titles: tuple[str, str] = ("", "")  # stacked bars: the category and the value axis

    @property
    def sample_label(self) -> str:
        """“示例数据” when every number is sample data, “含示例数据” when some are, else ""."""
        numbers = [cell for row in self.table.rows for cell in row[1:] if cell_number(cell) is not None]
        samples = sum(cell.sample for cell in numbers)
        if not samples:
            return ""
        return "示例数据" if samples == len(numbers) else "含示例数据"


def line_figure(title: str, table: Table, area: str | None = None) -> Figure:
    return Figure("line", title, table, area)


def small_multiples_figure(title: str, table: Table, highlight_year: int) -> Figure:
    return Figure("small-multiples", title, table, highlight_year=highlight_year)


def change_figure(title: str, table: Table) -> Figure:
    return Figure("change", title, table)


def stacked_bars_figure(title: str, table: Table, colours: dict[str, str], axis_title: str, value_title: str) -> Figure:
    return Figure("stacked", title, table, stacked=tuple(colours.items()), axis_titles=(axis_title, value_title))


def cell_number(cell: Cell) -> float | None:
    return None if cell.number is None else float(cell.number)


def column_cells(table: Table, column: int) -> list[Cell]:
    return [row[column] for row in table.rows]


def scaled(cells: list[Cell], divisor: float) -> list[float | None]:
    return [None if cell_number(cell) is None else round(cell_number(cell) / divisor, 4) for cell in cells]


def largest_number(cells: list[Cell]) -> float:
    return max((abs(cell_number(cell)) for cell in cells if cell_number(cell) is not None), default=0.0)
