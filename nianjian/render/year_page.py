"""One year's page: the report as written, then the tables and charts drawn from it."""

from __future__ import annotations

from nianjian.indicators import MetricIndex, key_figures
from nianjian.model import Archive, YearRecord
from nianjian.render.charts import Series, change_chart, chart_html, year_window_chart
from nianjian.render.figures import key_figure_cards
from nianjian.render.sections import PlacedSection, YearOutline
from nianjian.render.tables import data_table
from nianjian.tracking import OUTCOMES, PlanStatus
from nianjian.prose import ProseRenderer
from nianjian.render.text import cell, format_number, front_matter, inline, note, sample_badge
from nianjian.urls import link_href

# Generated parts get fixed anchors that cannot collide with the report's own headings.
ACHIEVEMENTS_ANCHOR = "附-主要成绩一览"
OUTCOMES_ANCHOR = "附-上年目标落实情况"
PROBLEMS_ANCHOR = "附-存在问题"
PLANS_ANCHOR = "附-明年工作思路"
CHARTS_ANCHOR = "附-统计图表"


def year_page_path(year: int) -> str:
    return f"years/{year}.md"


def _section_markdown(placed: PlacedSection, prose: ProseRenderer) -> list[str]:
    section = placed.section
    lines = [f"{'#' * (placed.depth + 2)} {inline(section.number)}{inline(section.title)} {{#{placed.anchor}}}", ""]
    if section.missing:
        lines.append(note("info", "原文缺失", "原文只在开头的提纲中列出了这一部分的标题，正文中没有这部分内容。此处不作补写。"))
    if section.body:
        lines += [prose.block(section.body)]
    elif not section.missing and not section.children:
        lines += ['<p class="nj-empty">原文此标题下没有正文。</p>', ""]
    if section.truncated:
        lines.append(note("warning", "原文不完整", "原文在这里中断，后面的文字缺失。"))
    return lines


def _achievements_markdown(archive: Archive, record: YearRecord, labels: dict[str, str]) -> list[str]:
    lines = [f"## 附：主要成绩一览 {{#{ACHIEVEMENTS_ANCHOR}}}", ""]
    if not record.achievements:
        return lines + ['<p class="nj-empty">本年记录中没有列出成绩。</p>', ""]
    # Date and figure columns appear only when some achievement of the year has one.
    show_date = any(item.date for item in record.achievements)
    show_figure = any(item.figure is not None for item in record.achievements)
    headers = ["事项", "成果"] + (["时间"] if show_date else []) + (["数值"] if show_figure else []) + ["出处", "领域"]
    for area in archive.site.areas:
        items = [item for item in record.achievements if item.area == area.key]
        if not items:
            continue
        rows = []
        for item in items:
            row = [cell(item.item), cell(item.result)]
            if show_date:
                row.append(cell(item.date or ""))
            if show_figure:
                figure = ""
                if item.figure is not None:
                    figure = cell(f"{format_number(item.figure)} {item.unit or ''}".strip())
                    figure += f" {sample_badge()}" if item.sample else ""
                row.append(figure)
            source = ""
            if item.section:
                label = labels[item.section]
                short = label if len(label) <= 18 else label[:17] + "…"
                source = f'<a href="#{cell(item.section)}" title="{cell(label)}">{cell(short)}</a>'
            rows.append(row + [source, f'<a href="../../areas/{area.key}/">{cell(area.name)}</a>'])
        table = data_table(f"achievements-{record.year}-{area.key}", headers, rows, year_page_path(record.year))
        lines += [f"### {inline(area.name)} {{#成绩-{area.key}}}", "", table, ""]
    return lines


def _plan_outcomes_markdown(archive: Archive, record: YearRecord, statuses: list[PlanStatus], labels: dict[str, str]) -> list[str]:
    """Every plan of the year before with this year's outcome; unreported ones say so."""
    reported_here = [status for status in statuses if status.reported_in == record.year]
    if not reported_here:
        return []
    rows = [
        [
            cell(status.plan.text) + f' <small class="nj-id">{cell(status.plan.id)}</small>',
            cell(archive.area(status.plan.area).name if status.plan.area else ""),
            f'<span class="nj-outcome">{cell(status.outcome)}</span>',
            cell(status.note),
            " ".join(f'<a href="#{cell(anchor)}">{cell(labels.get(anchor, anchor))}</a>' for anchor in status.evidence),
        ]
        for status in reported_here
    ]
    reported = sum(1 for status in reported_here if status.outcome in OUTCOMES)
    return [
        f"## 附：上年目标落实情况 {{#{OUTCOMES_ANCHOR}}}",
        "",
        f"{record.year - 1}年报告提出的 {len(reported_here)} 项明年工作目标，本年报告了 {reported} 项的落实情况。",
        "",
        data_table(f"outcomes-{record.year}", ["目标", "领域", "落实情况", "说明", "佐证"], rows, year_page_path(record.year)),
        "",
    ]


def _list_markdown(title: str, anchor: str, entries: list[str], empty: str) -> list[str]:
    """`entries` hold HTML already escaped with `cell`."""
    lines = [f"## 附：{title} {{#{anchor}}}", ""]
    if not entries:
        return lines + [f'<p class="nj-empty">{empty}</p>', ""]
    return lines + ['<ol class="nj-list">' + "".join(f"<li>{entry}</li>" for entry in entries) + "</ol>", ""]


def _area_suffix(archive: Archive, area: str | None) -> str:
    return f"（{cell(archive.area(area).name)}）" if area else ""


def render_year_page(
    archive: Archive,
    record: YearRecord,
    series: dict[tuple[str, str], Series],
    statuses: list[PlanStatus],
    outline: YearOutline,
    metrics: MetricIndex,
    prose: ProseRenderer,
) -> str:
    lines = [front_matter(record.title), f"# {inline(record.title)}", ""]
    facts = [f"{record.year}年度", f"{len(record.achievements)} 项成绩"]
    if record.source:
        facts.append(f"[原始文件](../{link_href(record.source)})")
    lines += ['<p class="nj-meta" markdown>' + " · ".join(facts) + "</p>", ""]
    lines += [prose.block(record.summary)]
    for placed in outline.sections:
        lines += _section_markdown(placed, prose)

    lines += _achievements_markdown(archive, record, outline.labels)
    lines += _plan_outcomes_markdown(archive, record, statuses, outline.labels)
    lines += _list_markdown(
        "存在问题", PROBLEMS_ANCHOR,
        [cell(problem.text) + _area_suffix(archive, problem.area) for problem in record.problems],
        "本年记录中没有单列存在问题。",
    )
    lines += _list_markdown(
        "明年工作思路", PLANS_ANCHOR,
        [f"{cell(plan.text)}{_area_suffix(archive, plan.area)} <small class=\"nj-id\">{cell(plan.id)}</small>" for plan in record.plans],
        "本年记录中没有单列明年工作思路。",
    )

    lines += [f"## 附：统计图表 {{#{CHARTS_ANCHOR}}}", ""]
    figures = key_figures(metrics, record.year)
    lines += [key_figure_cards(archive, figures, series), ""]
    charts = [chart for chart in (year_window_chart(series, metrics.keys, record.year), change_chart(figures, record.year)) if chart]
    lines += [chart_html(chart) for chart in charts]
    if any(chart.sample for chart in charts) or any(figure.sample for figure in figures):
        lines.append(note("warning", "示例数据", "本页标有“示例数据”的数字不是真实记录，仅用于演示图表；请以正式统计为准。"))
    return "\n".join(lines) + "\n"
