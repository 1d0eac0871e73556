"""Tables people can work with: sortable and filterable in the browser (docs/assets/nianjian/
tables.js), complete and readable without JavaScript and in print, and downloadable as CSV and
.xlsx (render/formats/downloads.py), all from one typed Table (render/parts/table.py)."""

from __future__ import annotations

from nianjian.render.parts.table import Table
from nianjian.render.parts.templating import html_block


def table_html(table: Table, page: str) -> str:
    """The table's HTML block for the Markdown page `page` (links are made relative to it)."""
    return html_block("table.html", table=table, page=page)
