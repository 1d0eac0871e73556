"""Pages across years for 目标责任制 (plans → outcomes) and recurring problems."""

from __future__ import annotations

from collections import Counter

from nianjian.render.parts.templating import page_markdown
from nianjian.navigation import section_title
from nianjian.model import Archive, ReportProblem
from nianjian.render.parts.charts import figure_html
from nianjian.render.parts.figure import Figure, stacked_bars_figure
from nianjian import urls
from nianjian.render.pages.rendered import RenderedPage
from nianjian.render.parts.table import Cell, Column, Table, link_cell, number_cell, text_cell, year_cell
from nianjian.render.parts import palette
from nianjian.render.parts.tables import table_html
from nianjian.escaping import html, markdown_heading
from nianjian.render.parts.text import NOT_SEARCHED, copies_list, empty_note, year_link
from nianjian.facts.tracking import NOT_REPORTED, OUTCOMES, PENDING, PlanStatus, problem_chains, problems_by_id

PLANS_PAGE = urls.PLANS_PAGE
PROBLEMS_PAGE = urls.PROBLEMS_PAGE




def _outcome_figure(statuses: list[PlanStatus]) -> Figure | None:
    reported = [s for s in statuses if s.outcome != PENDING]
    if not reported:
        return None
    years = sorted({s.reported_in for s in reported})
    counts = Counter((s.reported_in, s.outcome) for s in reported)
    kinds = list(OUTCOMES) + [NOT_REPORTED]
    columns = (Column("报告年份", "year"),) + tuple(Column(kind, "number", "项") for kind in kinds) + (Column("合计", "number", "项"),)
    rows = tuple(
        (year_cell(year),) + tuple(number_cell(counts[(year, kind)]) for kind in kinds) + (number_cell(sum(counts[(year, k)] for k in kinds)),)
        for year in years
    )
    table = Table("plan-outcomes-by-year", columns, rows, caption="各年目标落实情况", downloadable=False)
    return stacked_bars_figure("各年目标落实情况（项）", table, palette.OUTCOMES, "报告年份（报告上一年提出的目标）", "目标数")


def render_plans_page(archive: Archive, statuses: list[PlanStatus]) -> RenderedPage:
    lines = [
        "每年报告的“明年工作思路”就是下一年的目标（目标责任制）。下一年的报告逐条说明落实情况；"
        f"没有说明的记为“{NOT_REPORTED}”，还没有下一年报告的记为“{PENDING}”。",
        "",
    ]
    chart = _outcome_figure(statuses)
    if chart:
        lines += [figure_html(chart, PLANS_PAGE)]
    rows = tuple(
        (
            year_cell(status.set_in, urls.year_url(status.set_in, urls.PLANS_ANCHOR)),
            text_cell(status.plan.text),
            text_cell(archive.area(status.plan.area).name if status.plan.area else ""),
            text_cell(status.outcome),
            text_cell(status.note),
            year_cell(status.reported_in, urls.year_url(status.reported_in, urls.OUTCOMES_ANCHOR)) if status.outcome != PENDING else Cell(None),
        )
        for status in statuses
    )
    if not rows:
        # No table with filters and downloads for nothing: say why the page is empty.
        lines += [empty_note("还没有年度报告列出“明年工作思路”，所以这里还没有目标。"), ""]
        return RenderedPage(page_markdown(section_title("plans"), lines), ())
    columns = (
        Column("提出年份", "year"), Column("目标"), Column("领域", select_filter=True),
        Column("落实情况", select_filter=True), Column("说明"), Column("报告", "year"),
    )
    table = Table("plans", columns, rows, caption="历年目标及落实情况")
    lines += ["## 全部目标", "", table_html(table, PLANS_PAGE), ""]
    return RenderedPage(page_markdown(section_title("plans"), lines), (table,))


def continued_cell(problem: ReportProblem, by_id: dict[str, tuple[int, ReportProblem]]) -> Cell:
    """The earlier problem this one carries forward, as readers know it: its year and text,
    linked to that year's list (the id is the editors' handle, not the readers')."""
    if not problem.continues or problem.continues not in by_id:
        return text_cell("")
    year, earlier = by_id[problem.continues]
    return link_cell(f"{year}年：{earlier.text}", urls.year_url(year, urls.PROBLEMS_ANCHOR))


def render_problems_page(archive: Archive) -> RenderedPage:
    chains = problem_chains(archive)
    by_id = problems_by_id(archive)
    lines = [
        "后来年份的报告又提到的往年问题，在这里按问题串起来；只列出在两个及以上年份出现的问题。",
        "",
    ]
    if not chains:
        lines += [empty_note("目前没有在两个及以上年份出现的问题。"), ""]
    for chain in chains:
        first_year, first = chain[0]
        area = archive.area(first.area).name if first.area else "未分领域"
        years = "、".join(f"{year}" for year, _ in chain)
        lines += [f"## {markdown_heading(first.text)}", "", f'<p class="nj-meta" {NOT_SEARCHED}>{html(area)} · 出现于 {years} 年，共 {len(chain)} 次</p>', ""]
        lines += [copies_list([f"{year_link(year, PROBLEMS_PAGE, urls.PROBLEMS_ANCHOR)}：{html(problem.text)}" for year, problem in chain]), ""]
    rows = tuple(
        (
            year_cell(record.year, urls.year_url(record.year, urls.PROBLEMS_ANCHOR)),
            text_cell(problem.text),
            text_cell(archive.area(problem.area).name if problem.area else ""),
            continued_cell(problem, by_id),
        )
        for record in archive.years
        for problem in record.problems
    )
    columns = (Column("年份", "year"), Column("问题"), Column("领域", select_filter=True), Column("延续自"))
    table = Table("problems", columns, rows, caption="历年全部问题")
    if not rows:  # one sentence, not a table of no rows with its filter saying 0 / 0
        lines += ["## 历年全部问题", "", empty_note("还没有年度报告列出问题。"), ""]
        return RenderedPage(page_markdown(section_title("problems"), lines), ())
    lines += ["## 历年全部问题", "", table_html(table, PROBLEMS_PAGE), ""]
    return RenderedPage(page_markdown(section_title("problems"), lines), (table,))
