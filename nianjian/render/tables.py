"""Tables people can work with: sortable and filterable in the browser (docs/assets/nianjian/
tables.js), complete and readable without JavaScript and in print, and downloadable as CSV and
.xlsx (render/downloads.py), all from one typed Table (render/table.py)."""

from __future__ import annotations

from nianjian.render.table import Table
from nianjian.render.templating import render_template


def table_html(table: Table, page: str) -> str:
    """The table's HTML block for the Markdown page `page` (links are made relative to it)."""
    return render_template("table.html", table=table, page=page)
