"""The 大事记 (chronicle), the honours and the attachments of a year as typed objects: entries rendered as the
genre writes them (templates/chronicle.html: “3月12日　机关新食堂投入使用。”) and the honours as a
Table; the year page, the Word file and the pages across years render these, never each other."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian import urls
from nianjian.facts.dates import chinese_date, month_day
from nianjian.model import Archive, YearRecord
from nianjian.render.parts.table import Cell, Column, Link, Table, text_cell, year_cell
from nianjian.render.parts.templating import html_block


@dataclass(frozen=True)
class ChronicleEntry:
    date: str  # as the year's 大事记 writes it: 3月12日, 3月; a 补记 with its year: 2024年12月30日
    text: str
    place: str
    area: str  # the area's name, or ""
    source: str


def chronicle(archive: Archive, record: YearRecord) -> tuple[ChronicleEntry, ...]:
    """The year's events in date order."""
    return tuple(
        ChronicleEntry(
            chinese_date(event.date) if event.follow_up else month_day(event.date),
            event.text, event.place, archive.area(event.area).name if event.area else "", event.source,
        )
        for event in record.events
    )


def chronicle_html(entries: tuple[ChronicleEntry, ...]) -> str:
    return html_block("chronicle.html", entries=entries)


HONOUR_COLUMNS = (Column("荣誉称号"), Column("获得者", select_filter=True), Column("授予单位"), Column("级别", select_filter=True), Column("日期"))


def _honour_row(honour) -> tuple[Cell, ...]:
    return (text_cell(honour.title), text_cell(honour.holder), text_cell(honour.awarded_by), text_cell(honour.level), text_cell(chinese_date(honour.date) if honour.date else ""))


def honours_table(record: YearRecord) -> Table | None:
    """The year's honours, as listed."""
    if not record.honours:
        return None
    rows = tuple(_honour_row(honour) for honour in record.honours)
    return Table(f"honours-{record.year}", HONOUR_COLUMNS, rows, caption=f"{record.year}年获得的荣誉", searched=True)


def all_honours_table(archive: Archive) -> Table:
    """Every year's honours, newest year first, filterable by year and level."""
    rows = tuple(
        (year_cell(record.year, urls.year_url(record.year, urls.HONOURS_ANCHOR)), *_honour_row(honour))
        for record in reversed(archive.years) for honour in record.honours
    )
    return Table("honours", (Column("年份", "year", select_filter=True), *HONOUR_COLUMNS), rows, caption="历年荣誉")


def all_events_table(archive: Archive) -> Table:
    """Every year's 大事记 as one table, filterable by year and area."""
    columns = (Column("年份", "year", select_filter=True), Column("日期"), Column("大事"), Column("地点"), Column("领域", select_filter=True), Column("出处"))
    rows = tuple(
        (year_cell(record.year, urls.year_url(record.year, urls.EVENTS_ANCHOR)), text_cell(entry.date), text_cell(entry.text), text_cell(entry.place), text_cell(entry.area), text_cell(entry.source))
        for record in reversed(archive.years) for entry in chronicle(archive, record)
    )
    return Table("events", columns, rows, caption="历年大事记")


def _size(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, round(size / 1024))} KB"


def attachments_table(archive: Archive, record: YearRecord) -> Table | None:
    """The year's attachments: each a link to its copy in the site, with its kind, 文号, date,
    format and size (a reader sees what the download is before starting it)."""
    if not record.attachments:
        return None
    rows = tuple(
        (
            Cell(item.title, links=(Link(item.title, item.file),)),
            text_cell(item.kind), text_cell(item.number), text_cell(chinese_date(item.date) if item.date else ""),
            text_cell(item.file.rsplit(".", 1)[-1].upper()), text_cell(_size(archive.copied_files[item.file].stat().st_size)),
        )
        for item in record.attachments
    )
    columns = (Column("名称"), Column("类别"), Column("文号"), Column("日期"), Column("格式"), Column("大小"))
    return Table(f"attachments-{record.year}", columns, rows, caption=f"{record.year}年的附件", downloadable=False, searched=True)
