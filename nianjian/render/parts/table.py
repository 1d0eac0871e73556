"""A table as the site shows it, typed: the one object rendered to HTML (templates/table.html),
CSV and .xlsx (render/formats/downloads.py). Numbers stay numbers, links and the sample-data mark are
attributes of a cell, never text scraped back out of HTML."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from nianjian.facts.units import format_number
from nianjian.urls import download_path

ColumnKind = Literal["text", "number", "year", "code"]  # code: names typed in files (shown in code face)


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"
    unit: str | None = None  # shown in the header, e.g. 数值（万元）
    select_filter: bool = False  # the browser offers a drop-down of this column's values

    @property
    def heading(self) -> str:
        return f"{self.title}（{self.unit}）" if self.unit else self.title


@dataclass(frozen=True)
class Link:
    text: str
    target: str  # a site path from the site root, e.g. "years/2024/#附-存在问题"
    title: str = ""
    full_text: str = ""  # the whole text when `text` is shortened for the screen: paper prints it


@dataclass(frozen=True)
class Cell:
    value: str | float | int | None  # what a download stores: text, or a number
    shown: str | None = None  # the page's text when it differs from the value (1,420)
    links: tuple[Link, ...] = ()  # the page shows these links in place of the text
    sample: bool = False  # the value is sample data (示例数据)
    tone: str = ""  # CSS classes for how the page colours it, e.g. "nj-change nj-change-up"

    @property
    def number(self) -> float | int | None:
        """The value when it is a number (not a text, not a yes/no)."""
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            return None
        return self.value

    @property
    def data_value(self) -> str | None:
        """The number as the page hands it to scripts (data-value), written as JavaScript's
        String(number) writes it: 3, not 3.0."""
        number = self.number
        if number is None:
            return None
        return str(int(number)) if float(number).is_integer() else repr(float(number))

    @property
    def text(self) -> str:
        if self.shown is not None:
            return self.shown
        if isinstance(self.value, float) or (isinstance(self.value, int) and not isinstance(self.value, bool)):
            return format_number(self.value)
        return "" if self.value is None else str(self.value)


def text_cell(value: str | None, *, sample: bool = False) -> Cell:
    return Cell(value or "", sample=sample)


def number_cell(value: float | None, *, shown: str | None = None, sample: bool = False, tone: str = "") -> Cell:
    return Cell(value, shown=shown, sample=sample, tone=tone)


def year_cell(year: int, target: str | None = None) -> Cell:
    """A year: the number 2024 in downloads, “2024年” on the page (a link when `target`)."""
    if target is None:
        return Cell(year, shown=str(year))
    return Cell(year, links=(Link(f"{year}年", target),))


def link_cell(text: str, target: str, title: str = "") -> Cell:
    return Cell(text, links=(Link(text, target, title),))


@dataclass(frozen=True)
class Table:
    id: str  # unique on the site; names the download files
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    downloadable: bool = True  # working table: sort, filter, CSV and .xlsx downloads
    css_class: str = "nj-table"
    notes: tuple[str, ...] = field(default_factory=tuple)  # said under the table, e.g. unit conversions
    # Indexed for search only where its text is written (a year's achievements, the data guide):
    # the overviews' tables copy report text or hold numbers, which would be duplicate hits.
    searched: bool = False
    # What each row stands for, as scripts find it (data-key), e.g. an indicator on the
    # comparison page; empty, or one per row.
    row_keys: tuple[str, ...] = ()

    @cached_property  # asked once per cell by the template
    def column_kinds(self) -> tuple[ColumnKind, ...]:
        return tuple(column.kind for column in self.columns)

    @property
    def download_paths(self) -> tuple[str, str]:
        """The CSV and .xlsx files of a working table, under the site root."""
        return download_path(self.id, "csv"), download_path(self.id, "xlsx")

    @cached_property  # asked once per row by the downloads
    def has_sample(self) -> bool:
        return any(cell.sample for row in self.rows for cell in row)

    def on_paper(self, dropped: Column | None = None) -> Table:
        """The table as a printed book shows it: no download or sorting tools, and without
        `dropped` (the column of links into the site)."""
        kept = [index for index, column in enumerate(self.columns) if column != dropped]
        return replace(
            self, columns=tuple(self.columns[index] for index in kept), rows=tuple(tuple(row[index] for index in kept) for row in self.rows),
            downloadable=False, row_keys=(),
        )
