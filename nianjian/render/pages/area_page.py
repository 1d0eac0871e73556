"""One page per work area: everything recorded under it across all years."""

from __future__ import annotations

from nianjian.render.parts.note import SAMPLE_DATA, note_markdown
from nianjian.render.parts.templating import page_markdown
from nianjian.navigation import section_title
from nianjian.model import Archive, Area
from nianjian.render.parts.cards import change_text
from nianjian.render.parts.charts import figure_html
from nianjian.render.parts.figure import Figure
from nianjian.facts.series import Series
from nianjian.facts.key_figures import KeyFigure
from nianjian.facts.sections import YearOutline
from nianjian import urls
from nianjian.facts.tracking import problems_by_id
from nianjian.render.pages.rendered import RenderedPage
from nianjian.render.parts.table import Cell, Column, Table, link_cell, number_cell, text_cell, year_cell
from nianjian.render.parts.tables import table_html
from nianjian.render.pages.tracking_pages import continued_cell
from nianjian.render.parts.text import NOT_SEARCHED, copies_list, empty_note, year_link


def _changes(series: list[Series]) -> list[KeyFigure]:
    figures = []
    for one in series:
        by_year = dict(zip(one.years, one.values))
        samples = dict(zip(one.years, one.samples))
        for year, value in by_year.items():
            previous = by_year.get(year - 1)
            figures.append(
                KeyFigure(one.area, one.indicator, one.unit, year, value, previous, samples[year], bool(samples.get(year - 1)))
            )
    return figures


def _section_cell(year: int, anchor: str | None, outline: dict[int, YearOutline]) -> Cell:
    if not anchor:
        return text_cell("")
    return link_cell(outline[year].labels.get(anchor, ""), urls.year_url(year, anchor))


def render_area_page(
    archive: Archive, area: Area, series: dict[tuple[str, str], Series], charts: list[Figure], outline: dict[int, YearOutline]
) -> RenderedPage:
    page = urls.area_page(area.key)
    achievements = [(record, item) for record in archive.years for item in record.achievements_in(area.key)]
    problems = [(record, problem) for record in archive.years for problem in record.problems if problem.area == area.key]
    sections = [(record, placed) for record in archive.years for placed in outline[record.year].sections if placed.section.area == area.key]
    area_series = [one for key, one in series.items() if key[0] == area.key]
    tables: list[Table] = []

    lines = [
        f'<p class="nj-meta" {NOT_SEARCHED}>历年记录：{len(achievements)} 项成绩 · {len(sections)} 个报告章节 · '
        f"{len(problems)} 个问题 · {len(area_series)} 个统计指标</p>",
        "",
        "## 成绩时间线",
        "",
    ]
    if achievements:
        show_date = any(item.date for _, item in achievements)  # no empty column on a phone
        rows = tuple(
            (year_cell(record.year, urls.year_url(record.year)), text_cell(item.item), text_cell(item.result))
            + ((text_cell(item.date),) if show_date else ())
            + (_section_cell(record.year, item.section, outline),)
            for record, item in achievements
        )
        columns = (Column("年份", "year"), Column("事项"), Column("成果")) + ((Column("时间"),) if show_date else ()) + (Column("出处"),)
        tables.append(Table(f"area-{area.key}-achievements", columns, rows, caption=f"{area.name}：历年成绩"))
        lines += [table_html(tables[-1], page), ""]
    else:
        lines += [empty_note("还没有记录这个领域的成绩。"), ""]

    lines += ["## 统计指标", ""]
    area_charts = [chart for chart in charts if chart.area == area.key]
    if area_series:
        changes = _changes(area_series)
        # One unit for all: it goes into the heading of the numbers instead of a column repeating it.
        units = {figure.unit for figure in changes}
        one_unit = units.pop() if len(units) == 1 else None
        rows = tuple(
            (text_cell(figure.indicator), year_cell(figure.year), number_cell(figure.value, sample=figure.sample))
            + (() if one_unit else (text_cell(figure.unit),))
            + (text_cell(change_text(figure)),)
            for figure in changes
        )
        columns = (
            (Column("指标"), Column("年份", "year"), Column("数值", "number", one_unit))
            + (() if one_unit else (Column("单位"),))
            + (Column("同比变化"),)
        )
        notes = tuple(note for one in area_series for note in one.notes)
        tables.append(Table(f"area-{area.key}-metrics", columns, rows, caption=f"{area.name}：统计指标", notes=notes))
        lines += [table_html(tables[-1], page), ""]
        lines += [figure_html(chart, page) for chart in area_charts]
        if any(chart.sample_label for chart in area_charts):
            lines.append(note_markdown(SAMPLE_DATA))
    else:
        lines += [empty_note("这个领域还没有统计指标。"), ""]

    lines += ["## 报告中的相关章节", ""]
    if sections:
        links = [
            f"{year_link(record.year, page)} · {year_link(record.year, page, placed.anchor, ' › '.join(placed.trail + (placed.label,)))}"
            for record, placed in sections
        ]
        lines += [copies_list(links), ""]
    else:
        lines += [empty_note("报告中还没有归入这个领域的章节。"), ""]

    lines += ["## 存在问题", ""]
    if problems:
        by_id = problems_by_id(archive)
        rows = tuple(
            (year_cell(record.year, urls.year_url(record.year, urls.PROBLEMS_ANCHOR)), text_cell(problem.text), continued_cell(problem, by_id))
            for record, problem in problems
        )
        columns = (Column("年份", "year"), Column("问题"), Column("延续自"))
        tables.append(Table(f"area-{area.key}-problems", columns, rows, caption=f"{area.name}：存在问题"))
        lines += [table_html(tables[-1], page), ""]
    else:
        lines += [empty_note("没有记录这个领域的问题。"), ""]
    return RenderedPage(page_markdown(area.name, lines), tuple(tables))


def render_areas_index(archive: Archive) -> RenderedPage:
    title = section_title("areas")
    lines = ["按工作领域查看历年的成绩、统计指标、报告章节和问题。", ""]
    rows = tuple(
        (
            link_cell(area.name, urls.area_url(area.key)),
            Cell(sum(len(record.achievements_in(area.key)) for record in archive.years)),
        )
        for area in archive.site.areas
    )
    table = Table("areas", (Column("领域"), Column("成绩", "number")), rows, caption="各工作领域的成绩数")
    lines += [table_html(table, urls.AREAS_PAGE), ""]
    return RenderedPage(page_markdown(title, lines), (table,))
