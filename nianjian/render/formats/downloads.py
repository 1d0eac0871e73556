"""A working table's downloads: CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and
.xlsx, rendered from the same typed Table as the page, never from its HTML."""

from __future__ import annotations

import csv
import io

from nianjian.escaping import spreadsheet_text
from nianjian.render.parts.table import Cell, Table
from nianjian.render.formats.xlsx import DECIMAL, PLAIN, workbook_bytes

SAMPLE_COLUMN = "示例数据"
def _headers(table: Table) -> list[str]:
    return [column.heading for column in table.columns] + ([SAMPLE_COLUMN] if table.has_sample else [])


def _values(table: Table, row: tuple[Cell, ...]) -> list[str | float | int | None]:
    """A row as stored in a download: each cell's typed value, and 是 in the 示例数据 column
    when any value of the row is sample data."""
    values = [cell.value for cell in row]
    if table.has_sample:
        values.append("是" if any(cell.sample for cell in row) else "")
    return values


def _csv_field(value: str | float | int | None) -> str | float | int:
    """A number stays a number (written bare); anything else is text for spreadsheet_text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return spreadsheet_text("" if value is None else str(value))


def csv_bytes(table: Table) -> bytes:
    """Every text field quoted (OWASP): a spreadsheet told to split at ; tab or space as well, or
    to trim spaces (LibreOffice offers both when it opens a CSV), still reads each text whole, so
    no formula can start inside one."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([spreadsheet_text(title) for title in _headers(table)])
    writer.writerows([_csv_field(value) for value in _values(table, row)] for row in table.rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table) -> bytes:
    styles = [DECIMAL if column.kind == "number" else PLAIN for column in table.columns]
    styles += [PLAIN] if table.has_sample else []
    return workbook_bytes(_headers(table), [_values(table, row) for row in table.rows], styles)


def download_contents(table: Table) -> dict[str, bytes]:
    """The table's CSV and .xlsx files, by their path under the site root."""
    csv_path, xlsx_path = table.download_paths
    return {csv_path: csv_bytes(table), xlsx_path: xlsx_bytes(table)}
