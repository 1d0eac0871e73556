"""One year's page: the report as written, then the tables and charts drawn from it."""

from __future__ import annotations

from nianjian.render.note import MISSING_PART, SAMPLE_DATA, TRUNCATED_PART, note_markdown
from nianjian.render.templating import page_markdown
from nianjian.key_figures import MetricIndex, key_figures
from nianjian.model import Archive, Area, YearRecord
from nianjian.render.cards import key_figure_cards
from nianjian.render.charts import figure_html, year_change_figure, year_window_figure
from nianjian.render.series import Series
from nianjian.render.sections import PlacedSection, YearOutline
from nianjian import urls
from nianjian.rendered import RenderedPage
from nianjian.render.table import Cell, Column, Link, Table, link_cell, links_cell, number_cell, text_cell
from nianjian.render.tables import table_html
from nianjian.tracking import OUTCOMES, PlanStatus
from nianjian.prose import ProseRenderer
from nianjian.render.templating import render_template
from nianjian.render.text import inline
from nianjian.urls import link_href

def _section_markdown(placed: PlacedSection, prose: ProseRenderer) -> list[str]:
    section = placed.section
    lines = [f"{'#' * (placed.depth + 2)} {inline(section.number)}{inline(section.title)} {{#{placed.anchor}}}", ""]
    if section.missing:
        lines.append(note_markdown(MISSING_PART))
    if section.body:
        lines += [prose.block(section.body)]
    elif not section.missing and not section.children:
        lines += ['<p class="nj-empty">原文此标题下没有正文。</p>', ""]
    if section.truncated:
        lines.append(note_markdown(TRUNCATED_PART))
    return lines


def _source_link(anchor: str, labels: dict[str, str], year: int) -> Link:
    label = labels[anchor]
    short = label if len(label) <= 18 else label[:17] + "…"
    return Link(short, urls.year_url(year, anchor), label if short != label else "")


def _achievement_tables(archive: Archive, record: YearRecord, labels: dict[str, str]) -> list[tuple[Area, Table]]:
    """One table per work area, as the report groups them."""
    # Date and figure columns appear only when some achievement of the year has one.
    show_date = any(item.date for item in record.achievements)
    show_figure = any(item.figure is not None for item in record.achievements)
    columns = [Column("事项"), Column("成果")]
    columns += [Column("时间")] if show_date else []
    columns += [Column("数值", "number"), Column("单位")] if show_figure else []
    columns += [Column("出处"), Column("领域")]
    tables = []
    for area in archive.site.areas:
        items = record.achievements_in(area.key)
        if not items:
            continue
        rows = []
        for item in items:
            row = [text_cell(item.item), text_cell(item.result)]
            row += [text_cell(item.date)] if show_date else []
            row += [number_cell(item.figure, sample=item.sample), text_cell(item.unit)] if show_figure else []
            row.append(Cell(labels[item.section], links=(_source_link(item.section, labels, record.year),)) if item.section else text_cell(""))
            row.append(link_cell(area.name, urls.area_url(area.key)))
            rows.append(tuple(row))
        tables.append((area, Table(f"achievements-{record.year}-{area.key}", tuple(columns), tuple(rows), caption=f"{area.name}：主要成绩")))
    return tables


def _achievements_markdown(record: YearRecord, tables: list[tuple[Area, Table]]) -> list[str]:
    lines = [f"## 附：主要成绩一览 {{#{urls.ACHIEVEMENTS_ANCHOR}}}", ""]
    if not tables:
        return lines + ['<p class="nj-empty">本年记录中没有列出成绩。</p>', ""]
    for area, table in tables:
        lines += [f"### {inline(area.name)} {{#成绩-{area.key}}}", "", table_html(table, urls.year_page(record.year)), ""]
    return lines


def _plan_outcomes_table(archive: Archive, record: YearRecord, statuses: list[PlanStatus], labels: dict[str, str]) -> Table | None:
    """Every plan of the year before with this year's outcome; unreported ones say so."""
    reported_here = [status for status in statuses if status.reported_in == record.year]
    if not reported_here:
        return None
    rows = tuple(
        (
            text_cell(status.plan.text),
            text_cell(archive.area(status.plan.area).name if status.plan.area else ""),
            text_cell(status.outcome),
            text_cell(status.note),
            links_cell([_source_link(anchor, labels, record.year) for anchor in status.evidence if anchor in labels]),
        )
        for status in reported_here
    )
    columns = (Column("目标"), Column("领域"), Column("落实情况"), Column("说明"), Column("佐证"))
    return Table(f"outcomes-{record.year}", columns, rows, caption=f"{record.year - 1}年提出的目标在{record.year}年的落实情况")


def _plan_outcomes_markdown(record: YearRecord, table: Table | None) -> list[str]:
    if table is None:
        return []
    reported = sum(1 for row in table.rows if row[2].value in OUTCOMES)
    return [
        f"## 附：上年目标落实情况 {{#{urls.OUTCOMES_ANCHOR}}}",
        "",
        f"{record.year - 1}年报告提出的 {len(table.rows)} 项明年工作目标，本年报告了 {reported} 项的落实情况。",
        "",
        table_html(table, urls.year_page(record.year)),
        "",
    ]


def _list_markdown(title: str, anchor: str, items: list[tuple[str, str]], empty: str) -> list[str]:
    """`items`: (text, area name or "")."""
    return [f"## 附：{title} {{#{anchor}}}", "", render_template("items.html", items=items, empty=empty), ""]


def _area_name(archive: Archive, area: str | None) -> str:
    return archive.area(area).name if area else ""


def render_year_page(
    archive: Archive,
    record: YearRecord,
    series: dict[tuple[str, str], Series],
    statuses: list[PlanStatus],
    outline: YearOutline,
    metrics: MetricIndex,
    prose: ProseRenderer,
) -> RenderedPage:
    lines = []
    facts = [f"{record.year}年度", f"{len(record.achievements)} 项成绩"]
    if record.source:
        facts.append(f"[原始文件](../{link_href(record.source)})")
    lines += ['<p class="nj-meta" markdown>' + " · ".join(facts) + "</p>", ""]
    lines += [prose.block(record.summary)]
    for placed in outline.sections:
        lines += _section_markdown(placed, prose)

    achievements = _achievement_tables(archive, record, outline.labels)
    outcomes = _plan_outcomes_table(archive, record, statuses, outline.labels)
    lines += _achievements_markdown(record, achievements)
    lines += _plan_outcomes_markdown(record, outcomes)
    lines += _list_markdown(
        "存在问题", urls.PROBLEMS_ANCHOR,
        [(problem.text, _area_name(archive, problem.area)) for problem in record.problems],
        "本年记录中没有单列存在问题。",
    )
    lines += _list_markdown(
        "明年工作思路", urls.PLANS_ANCHOR,
        [(plan.text, _area_name(archive, plan.area)) for plan in record.plans],
        "本年记录中没有单列明年工作思路。",
    )

    lines += [f"## 附：统计图表 {{#{urls.CHARTS_ANCHOR}}}", ""]
    figures = key_figures(metrics, record.year)
    lines += [key_figure_cards(archive, figures, series), ""]
    charts = [chart for chart in (year_window_figure(series, metrics.keys, record.year), year_change_figure(figures, record.year)) if chart]
    lines += [figure_html(chart, urls.year_page(record.year)) for chart in charts]
    if any(chart.sample_label for chart in charts) or any(figure.sample for figure in figures):
        lines.append(note_markdown(SAMPLE_DATA))
    tables = tuple(table for _, table in achievements) + ((outcomes,) if outcomes else ())
    return RenderedPage(page_markdown(record.title, lines), tables)
