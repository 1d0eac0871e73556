"""render: every generated page of the site, as Markdown keyed by its path under docs/.

The MkDocs hooks and the benchmark's pre-rendered floor call this.
"""

from __future__ import annotations

from pathlib import Path

from nianjian.key_figures import index_metrics
from nianjian.load import check_data
from nianjian.model import Archive
from nianjian.rendered import BuildOutcome, RenderedSite
from nianjian.prose import ProseRenderer

from nianjian import urls
from nianjian.render.area_page import render_area_page, render_areas_index
from nianjian.render.charts import area_trend_figures
from nianjian.render.series import metric_series
from nianjian.render.compare_page import render_compare_page
from nianjian.render.data_guide import render_data_guide
from nianjian.render.error_page import render_error_site
from nianjian.render.overview import render_home_page, render_years_index
from nianjian.render.search_labels import search_labels
from nianjian.render.sections import outlines
from nianjian.render.tag_pages import render_tag_page, render_tags_index, tag_index
from nianjian.escaping import theme_text
from nianjian.render.tracking_pages import render_plans_page, render_problems_page
from nianjian.render.word_cache import WordCache
from nianjian.render.year_content import year_content
from nianjian.render.year_page import render_year_page
from nianjian.tracking import plan_statuses


def render_site(archive: Archive, word_cache: WordCache | None = None) -> RenderedSite:
    """`word_cache`: where Word documents of unchanged years are kept between builds."""
    word_cache = word_cache or WordCache(None)
    prose = ProseRenderer()
    series = metric_series(archive)
    trends = area_trend_figures(archive, series)
    site = RenderedSite(
        site_name=theme_text(archive.site.title),
        copyright=theme_text(f"{archive.site.organization} · 内部资料"),
    )
    metrics = index_metrics(archive)
    site.pages[urls.HOME_PAGE] = render_home_page(archive, trends, series, metrics, prose)
    site.pages[urls.YEARS_PAGE] = render_years_index(archive, trends, series, metrics)
    statuses = plan_statuses(archive)
    outline = outlines(archive.years)
    # Each page's tables become their download files at once, so no more than one page's
    # tables are alive at a time (the build's peak memory).
    site.add_page(urls.AREAS_PAGE, render_areas_index(archive))
    for record in archive.years:
        content = year_content(archive, record, series, statuses, outline[record.year], metrics)
        site.add_page(urls.year_page(record.year), render_year_page(content, prose))
        site.files[urls.report_path(record.year, "docx")] = word_cache.year_docx(content)
    for area in archive.site.areas:
        site.add_page(urls.area_page(area.key), render_area_page(archive, area, series, trends, outline))
    site.add_page(urls.PLANS_PAGE, render_plans_page(archive, statuses))
    site.add_page(urls.PROBLEMS_PAGE, render_problems_page(archive))
    site.add_page(urls.COMPARE_PAGE, render_compare_page(archive, series, outline, metrics))
    tags = tag_index(archive, outline)
    site.pages[urls.TAGS_PAGE] = render_tags_index(tags)
    for tag, tagged in tags.items():
        site.add_page(urls.tag_page(tag), render_tag_page(archive, tag, tagged, outline))
    site.pages["guide/data.md"] = render_data_guide()
    site.search_labels = search_labels(archive, outline)
    site.files.update(archive.sources)
    for path in [*site.pages, *site.files]:
        urls.check_relative(path)  # validation should make this impossible; never write outside site/
    return site


def load_and_render(data_dir: Path, *, preview: bool = False, cache_dir: Path | None = None) -> BuildOutcome:
    """With `preview`, data errors still give a site: every generated page lists the problems;
    texts still “（待填写）” are listed apart (`unfinished`) instead of stopping it.
    `cache_dir`: the project's cache folder (Word documents of unchanged years)."""
    check = check_data(data_dir, unfinished_is_error=not preview)
    if check.archive is None:
        return BuildOutcome(render_error_site(data_dir, check.errors) if preview else None, check.errors)
    word_cache = WordCache(cache_dir / "word" if cache_dir else None)
    site = render_site(check.archive, word_cache)
    word_cache.prune()
    return BuildOutcome(site, [], check.unfinished)
