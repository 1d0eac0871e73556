"""render: every generated page of the site, as Markdown keyed by its path under docs/.

This is the only thing the MkDocs hooks and the benchmark's pre-rendered floor call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian.model import Archive
from nianjian.render.charts import area_trend_charts, metrics_frame
from nianjian.render.data_guide import render_data_guide
from nianjian.render.text import cell
from nianjian.render.overview import render_home_page, render_years_index
from nianjian.render.year_page import render_year_page, year_page_path


@dataclass
class RenderedSite:
    site_name: str  # HTML-escaped: MkDocs themes insert it unescaped
    copyright: str
    pages: dict[str, str] = field(default_factory=dict)  # "years/2024.md" -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # "sources/x.txt" -> content copied as is


def render_site(archive: Archive) -> RenderedSite:
    frame = metrics_frame(archive)
    trends = area_trend_charts(frame, archive)
    site = RenderedSite(
        site_name=cell(archive.site.title),
        copyright=f"{cell(archive.site.organization)} · 内部资料",
    )
    site.pages["index.md"] = render_home_page(archive, trends)
    site.pages["years/index.md"] = render_years_index(archive, trends)
    for record in archive.years:
        site.pages[year_page_path(record.year)] = render_year_page(archive, record, frame)
    site.pages["guide/data.md"] = render_data_guide()
    site.files.update(archive.sources)
    return site
