"""Pages across years: the home page and the list of all years."""

from __future__ import annotations

from nianjian.render.parts.note import SAMPLE_DATA, note_markdown
from nianjian.render.parts.templating import page_markdown
from nianjian.navigation import section_title, volume_title
from nianjian.facts.key_figures import index_metrics, key_figures, latest_figures_year
from nianjian.model import Archive, YearRecord
from nianjian.render.parts.cards import key_figure_cards
from nianjian.render.parts.charts import area_trend_figures, figure_html
from nianjian.facts.series import metric_series
from nianjian.prose import ProseRenderer
from nianjian import urls
from nianjian.render.parts.table import Column, Table, link_cell, number_cell, text_cell, year_cell
from nianjian.render.parts.tables import table_html
from nianjian.escaping import html, markdown_heading
from nianjian.render.parts.text import NOT_SEARCHED

_EXCERPT_CHARACTERS = 80


def _excerpt(text: str) -> str:
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= _EXCERPT_CHARACTERS else first[:_EXCERPT_CHARACTERS] + "……"


def _years_table(archive: Archive) -> Table:
    rows = tuple(
        (
            year_cell(record.year, urls.year_url(record.year)),
            link_cell(record.title, urls.year_url(record.year)),
            text_cell(_excerpt(record.summary)),
            number_cell(len(record.achievements)),
            link_cell("PDF", urls.year_volume_path(record.year), title=volume_title(archive.site.title, record.year)),
        )
        for record in reversed(archive.years)
    )
    columns = (Column("年份", "year"), Column("标题"), Column("开篇"), Column("成绩", "number"), Column("年卷"))
    return Table("years", columns, rows, downloadable=False, css_class="nj-table nj-years")


def figures_and_trends(archive: Archive, page: str) -> list[str]:
    """The overviews' key figures of the latest year with numbers and the trend charts, as lines
    of the page `page`: made from the archive's metrics and which years it has, nothing else."""
    series = metric_series(archive)
    charts, metrics = area_trend_figures(archive, series), index_metrics(archive)
    lines = []
    year = latest_figures_year(metrics)
    if year is not None:
        lines += [f"## {year}年主要指标", ""]
        newest = archive.years[-1].year if archive.years else year
        if newest > year:
            lines += [f'<p class="nj-meta" {NOT_SEARCHED}>{newest}年还没有统计数据，这里是有数据的最近一年。</p>', ""]
        lines += [key_figure_cards(archive, key_figures(metrics, year), series), ""]
    if charts:
        lines += ["## 历年趋势", ""] + [figure_html(chart, page) for chart in charts]
    if any(chart.sample_label for chart in charts) or any(row.sample for row in archive.metrics):
        lines.append(note_markdown(SAMPLE_DATA))
    return lines


def _latest_record(archive: Archive) -> YearRecord | None:
    return archive.years[-1] if archive.years else None


def render_home_page(archive: Archive, figures: list[str], prose: ProseRenderer) -> str:
    """`figures`: figures_and_trends of the home page."""
    site = archive.site
    lines = []
    if site.description:
        lines += [prose.block(site.description)]
    record = _latest_record(archive)
    if record:
        lines += [
            f"## 最新：{markdown_heading(record.title)}",
            "",
            # Plain text: the summary's relative links are written for the year page, not here.
            f'<p class="nj-excerpt" {NOT_SEARCHED}>{html(_excerpt(record.summary))}</p>',
            "",
            f"[阅读{record.year}年报告](years/{record.year}.md){{ .md-button .md-button--primary }}",
            "",
        ]
    volume = f'<a href="{html(urls.href(urls.VOLUME_PATH, urls.HOME_PAGE))}" download="{html(urls.file_name(site.title + ".pdf"))}">整本年鉴（PDF）</a>'
    lines += [
        "## 年度报告", "", table_html(_years_table(archive), urls.HOME_PAGE), "",
        f'<p class="nj-links" markdown>[对比任意两年](compare/index.md) · [工作领域](areas/index.md) · [目标落实](plans/index.md) · {volume}</p>', "",
    ]
    lines += figures
    return page_markdown(site.title, lines)


def render_years_index(archive: Archive, figures: list[str]) -> str:
    """`figures`: figures_and_trends of the years index."""
    lines = [
        f"共 {len(archive.years)} 个年度，{sum(len(r.achievements) for r in archive.years)} 项成绩。每年一页，内容与当年的工作总结一致。",
        "",
        table_html(_years_table(archive), urls.YEARS_PAGE),
        "",
    ]
    lines += figures
    return page_markdown(section_title("years"), lines)
