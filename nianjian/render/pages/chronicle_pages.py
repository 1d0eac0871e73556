"""Pages across years: the 大事记 of every year and the honours, each one working table
(filter by year and area or level, CSV and .xlsx downloads)."""

from __future__ import annotations

from nianjian import urls
from nianjian.model import Archive
from nianjian.navigation import section_title
from nianjian.render.pages.rendered import RenderedPage
from nianjian.render.parts.chronicle import all_events_table, all_honours_table
from nianjian.render.parts.tables import table_html
from nianjian.render.parts.templating import page_markdown
from nianjian.render.parts.text import empty_note


def _page(title: str, intro: str, table, page: str, empty: str) -> RenderedPage:
    lines = [intro, ""]
    if not table.rows:
        return RenderedPage(page_markdown(title, lines + [empty_note(empty), ""]), ())
    return RenderedPage(page_markdown(title, lines + [table_html(table, page), ""]), (table,))


def render_events_page(archive: Archive) -> RenderedPage:
    return _page(
        section_title("events"), "各年的大事，新的年份在前；可按年份和工作领域筛选，每年的大事也在年度页的“附：大事记”中。",
        all_events_table(archive), urls.EVENTS_PAGE, "还没有年度记录大事（年度文件的 events）。",
    )


def render_honours_page(archive: Archive) -> RenderedPage:
    return _page(
        section_title("honours"), "各年获得的荣誉和表彰，新的年份在前；可按年份、获得者和级别筛选。",
        all_honours_table(archive), urls.HONOURS_PAGE, "还没有年度记录荣誉（年度文件的 honours）。",
    )
