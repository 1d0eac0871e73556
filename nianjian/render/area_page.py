"""One page per work area: everything recorded under it across all years."""

from __future__ import annotations

from nianjian.model import Archive, Area
from nianjian.render.charts import Chart, Series, chart_html
from nianjian.render.figures import change_text
from nianjian.indicators import KeyFigure
from nianjian.render.sections import YearOutline
from nianjian.render.tables import data_table
from nianjian.render.text import cell, format_number, front_matter, inline, note, sample_badge, year_link
from nianjian.urls import page_slug


def area_page_path(key: str) -> str:
    return f"areas/{page_slug(key)}.md"


_ROOT = "../../"  # area pages are at /areas/<key>/


def _changes(series: list[Series]) -> list[KeyFigure]:
    figures = []
    for one in series:
        by_year = dict(zip(one.years, one.values))
        samples = dict(zip(one.years, one.samples))
        for year, value in by_year.items():
            previous = by_year.get(year - 1)
            figures.append(
                KeyFigure(one.area, one.indicator, one.unit, year, value, previous, samples[year] or bool(samples.get(year - 1)))
            )
    return figures


def render_area_page(
    archive: Archive, area: Area, series: dict[tuple[str, str], Series], charts: list[Chart], outline: dict[int, YearOutline]
) -> str:
    achievements = [(record, item) for record in archive.years for item in record.achievements if item.area == area.key]
    problems = [(record, problem) for record in archive.years for problem in record.problems if problem.area == area.key]
    sections = [(record, placed) for record in archive.years for placed in outline[record.year].sections if placed.section.area == area.key]
    area_series = [one for key, one in series.items() if key[0] == area.key]

    lines = [front_matter(area.name), f"# {inline(area.name)}", ""]
    lines += [
        f'<p class="nj-meta">历年记录：{len(achievements)} 项成绩 · {len(sections)} 个报告章节 · '
        f"{len(problems)} 个问题 · {len(area_series)} 个统计指标</p>",
        "",
        "## 成绩时间线",
        "",
    ]
    if achievements:
        rows = [
            [
                year_link(record.year, _ROOT),
                cell(item.item),
                cell(item.result),
                cell(item.date or ""),
                year_link(record.year, _ROOT, item.section, outline[record.year].labels.get(item.section, "")) if item.section else "",
            ]
            for record, item in achievements
        ]
        lines += [data_table(f"area-{area.key}-achievements", ["年份", "事项", "成果", "时间", "出处"], rows, area_page_path(area.key)), ""]
    else:
        lines += ['<p class="nj-empty">还没有记录这个领域的成绩。</p>', ""]

    lines += ["## 统计指标", ""]
    area_charts = [chart for chart in charts if chart.area == area.key]
    if area_series:
        rows = []
        for figure in _changes(area_series):
            rows.append(
                [
                    cell(figure.indicator) + (f" {sample_badge()}" if figure.sample else ""),
                    cell(figure.year),
                    cell(format_number(figure.value)),
                    cell(figure.unit),
                    cell(change_text(figure)),
                ]
            )
        lines += [data_table(f"area-{area.key}-metrics", ["指标", "年份", "数值", "单位", "同比变化"], rows, area_page_path(area.key)), ""]
        lines += [chart_html(chart) for chart in area_charts]
        if any(chart.sample for chart in area_charts):
            lines.append(note("warning", "示例数据", "标有“示例数据”的数字不是真实记录，仅用于演示图表。"))
    else:
        lines += ['<p class="nj-empty">这个领域还没有统计指标。</p>', ""]

    lines += ["## 报告中的相关章节", ""]
    if sections:
        for record, placed in sections:
            trail = " › ".join(placed.trail + (placed.label,))
            lines.append(f"- {year_link(record.year, _ROOT)} · {year_link(record.year, _ROOT, placed.anchor, trail)}")
        lines.append("")
    else:
        lines += ['<p class="nj-empty">还没有标注属于这个领域的章节（在章节上写 area）。</p>', ""]

    lines += ["## 存在问题", ""]
    if problems:
        rows = [
            [year_link(record.year, _ROOT, "附-存在问题"), cell(problem.text), cell(problem.continues or "")]
            for record, problem in problems
        ]
        lines += [data_table(f"area-{area.key}-problems", ["年份", "问题", "延续自"], rows, area_page_path(area.key)), ""]
    else:
        lines += ['<p class="nj-empty">没有记录这个领域的问题。</p>', ""]
    return "\n".join(lines) + "\n"


def render_areas_index(archive: Archive) -> str:
    lines = [front_matter("工作领域"), "# 工作领域", "", "按工作领域查看历年的成绩、统计指标、报告章节和问题。", ""]
    rows = []
    for area in archive.site.areas:
        count = sum(1 for record in archive.years for item in record.achievements if item.area == area.key)
        rows.append([f'<a href="{area.key}/">{cell(area.name)}</a>', cell(count)])
    lines += [data_table("areas", ["领域", "成绩"], rows, "areas/index.md"), ""]
    return "\n".join(lines) + "\n"
