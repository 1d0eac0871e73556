"""Any two years side by side. The figures of every year are embedded once at build time;
docs/assets/nianjian/compare.js computes the pair the reader selects. Without JavaScript
(and in print) the page shows every year's key figures in one table."""

from __future__ import annotations


from nianjian.render.parts.templating import page_markdown
from nianjian.navigation import section_title
from nianjian import urls
from nianjian.facts.key_figures import MetricIndex
from nianjian.model import Archive
from nianjian.facts.series import Series
from nianjian.render.parts.table import Cell, Column, Table, number_cell, text_cell
from nianjian.render.parts.tables import table_html
from nianjian.facts.sections import YearOutline
from nianjian.render.pages.rendered import RenderedPage
from nianjian.escaping import html, script_json

COMPARE_PAGE = urls.COMPARE_PAGE


def compare_data(
    archive: Archive, series: dict[tuple[str, str], Series], outline: dict[int, YearOutline], metrics: MetricIndex
) -> dict:
    """Per year: title, key figures, achievements per area and section titles."""
    keys = [key for key in metrics.keys if key in series]
    years = sorted({record.year for record in archive.years} | {y for key in keys for y in series[key].years})
    records = {record.year: record for record in archive.years}
    data = {}
    for year in years:
        figures = []
        for key in keys:
            one = series[key]
            if year in one.years:
                index = one.years.index(year)
                figures.append(
                    {
                        "key": f"{key[0]}|{key[1]}",
                        "name": f"{archive.area(key[0]).name} · {key[1]}",
                        "unit": one.unit,
                        "value": one.values[index],
                        "sample": one.samples[index],
                    }
                )
        record = records.get(year)
        data[str(year)] = {
            "title": record.title if record else f"{year}年（无报告，仅统计数据）",
            "report": record is not None,
            "figures": figures,
            # A year with no report has no count of achievements (not zero of them).
            "areas": {area.name: len(record.achievements_in(area.key)) if record else None for area in archive.site.areas},
            "sections": [placed.label for placed in outline[year].sections] if record else [],
        }
    return {"years": years, "data": data}


def render_compare_page(
    archive: Archive, series: dict[tuple[str, str], Series], outline: dict[int, YearOutline], metrics: MetricIndex
) -> RenderedPage:
    data = compare_data(archive, series, outline, metrics)
    years = data["years"]
    keys = [key for key in metrics.keys if key in series]
    fallback_rows = []
    for key in keys:
        one = series[key]
        row = [text_cell(f"{archive.area(key[0]).name} · {key[1]}"), text_cell(one.unit)]
        for year in years:
            found = one.value_in(year)
            row.append(number_cell(found[0], sample=found[1]) if found else Cell(None))
        fallback_rows.append(tuple(row))
    columns = (Column("指标"), Column("单位")) + tuple(Column(f"{year}年", "number") for year in years)
    fallback = Table("compare-all", columns, tuple(fallback_rows), caption="历年主要指标", css_class="nj-table nj-compare-all")
    sample = fallback.has_sample
    # The comparison is built by compare.js after the page loads: it comes after the table
    # that is there from the start, so nothing the reader is looking at moves down.
    lines = [
        "先看历年主要指标；在[下方](#选择两个年份对比)选择两个年份，对比主要指标（绝对变化和百分比变化）、"
        "各领域成绩数量，以及只在其中一年报告里出现的章节。",
        "",
        # The badge stays out of the contents list and the heading's anchor.
        "## 历年主要指标" + (' <span class="nj-sample">示例数据</span> { #历年主要指标 data-toc-label="历年主要指标" }' if sample else ""),
        "",
        table_html(fallback, COMPARE_PAGE),
        "",
        "## 选择两个年份对比",
        "",
        f'<div class="nj-compare" data-compare="{html(script_json(data))}"></div>',
        "",
    ]
    return RenderedPage(page_markdown(section_title("compare"), lines), (fallback,))
