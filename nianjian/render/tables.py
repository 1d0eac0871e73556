"""Tables people can work with: sortable and filterable in the browser (docs/assets/nianjian/
tables.js), complete and readable without JavaScript and in print, and downloadable as CSV
(UTF-8 with BOM, so Excel opens Chinese correctly) and .xlsx (render/xlsx.py), both written
at build time."""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from nianjian.render.text import cell
from nianjian.render.xlsx import workbook_bytes
from nianjian.urls import inside

DOWNLOADS_DIR = "downloads"
_TABLE = re.compile(r'<table class="nj-table nj-data-table" data-table-id="([^"]+)"[^>]*>(.*?)</table>', re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]+>")


# OWASP's advice against CSV injection: a cell that starts with one of these is read as a
# formula by Excel/WPS (=HYPERLINK(…), +cmd|…); a leading apostrophe makes it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(\.[0-9]+)?%?\Z")


def inert_csv_cell(text: str) -> str:
    """The cell as a spreadsheet will show it, never run: formula starts get a leading `'`;
    plain signed numbers (-120, +6.5%) stay numbers."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def download_paths(table_id: str) -> tuple[str, str]:
    return f"{DOWNLOADS_DIR}/{table_id}.csv", f"{DOWNLOADS_DIR}/{table_id}.xlsx"


def data_table(
    table_id: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    page_path: str,
    *,
    select_columns: Sequence[str] = (),
) -> str:
    """A working table. `rows` hold cell HTML already escaped with `cell`; `page_path` is the
    page's Markdown path, for download links MkDocs can check; `select_columns` get a
    drop-down filter besides the text filter."""
    csv_path, xlsx_path = (posixpath.relpath(path, posixpath.dirname(page_path) or ".") for path in download_paths(table_id))
    select = ' data-filter="select"'
    head = "".join(f"<th{select if header in select_columns else ''}>{cell(header)}</th>" for header in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>" for row in rows)
    return (
        f'<p class="nj-table-tools" markdown>下载：[CSV]({csv_path}){{ download="{table_id}.csv" }} · '
        f'[Excel]({xlsx_path}){{ download="{table_id}.xlsx" }}</p>\n\n'
        f'<table class="nj-table nj-data-table" data-table-id="{cell(table_id)}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>\n"
    )


def _text(cell_html: str) -> str:
    return html.unescape(_TAG.sub("", cell_html)).strip()


def tables_in(markdown: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every data table of a rendered page as plain text: id → (headers, rows)."""
    found = {}
    for table_id, inner in _TABLE.findall(markdown):
        rows = [[_text(value) for value in _CELL.findall(row)] for row in _ROW.findall(inner)]
        if rows:
            found[html.unescape(table_id)] = (rows[0], rows[1:])
    return found


_TABLE_ID = re.compile(r'<table class="nj-table nj-data-table" data-table-id="([^"]+)"')


def listed_downloads(pages: dict[str, str]) -> list[str]:
    """The download files the rendered pages link to (cheap: reads table ids only)."""
    return [path for markdown in pages.values() for table_id in _TABLE_ID.findall(markdown) for path in download_paths(html.unescape(table_id))]


def write_downloads(pages: dict[str, str], directory: Path) -> None:
    """Write the CSV and .xlsx file of every data table on the rendered pages."""
    for markdown in pages.values():
        for table_id, (headers, rows) in tables_in(markdown).items():
            csv_path, xlsx_path = download_paths(table_id)
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow([inert_csv_cell(value) for value in headers])
            writer.writerows([inert_csv_cell(value) for value in row] for row in rows)
            csv_file, xlsx_file = inside(directory, csv_path), inside(directory, xlsx_path)
            csv_file.parent.mkdir(parents=True, exist_ok=True)
            csv_file.write_bytes(("\ufeff" + text.getvalue()).encode("utf-8"))
            xlsx_file.write_bytes(workbook_bytes(headers, rows))
