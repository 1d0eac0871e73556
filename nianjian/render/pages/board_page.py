"""The office's board (组稿与审核), in the internal edition only: for each year under review or
with a plan of contributions, newest first, where the year's review stands and, part by part,
its unit, writer, due date, state, what is written, the placeholders left and the days late
(nianjian/facts/contributions.py; `nianjian status` prints the same in the terminal)."""

from __future__ import annotations

from datetime import date

from nianjian import urls
from nianjian.facts.contributions import part_statuses
from nianjian.facts.dates import chinese_date
from nianjian.model import Archive, review_state
from nianjian.navigation import section_title
from nianjian.render.pages.rendered import RenderedPage
from nianjian.render.parts.table import Column, Table, link_cell, number_cell, text_cell
from nianjian.render.parts.tables import table_html
from nianjian.render.parts.templating import page_markdown
from nianjian.escaping import markdown_heading
from nianjian.render.parts.text import NOT_SEARCHED

_COLUMNS = (
    Column("部分"), Column("供稿单位", select_filter=True), Column("撰稿人"), Column("截止"), Column("状态", select_filter=True),
    Column("已写"), Column("待填写", "number"), Column("逾期（天）", "number"),
)


_WHOLE_ANCHORS = {"summary": None, "events": urls.EVENTS_ANCHOR, "honours": urls.HONOURS_ANCHOR, "photos": urls.PHOTOS_ANCHOR, "attachments": urls.ATTACHMENTS_ANCHOR}


def _anchor(part: str) -> str | None:
    """Where a planned part is on its year page."""
    kind, _, area = part.partition(":")
    if kind == "achievements" and area:
        return urls.achievements_anchor(area)
    if kind == "metrics" and area:
        return urls.CHARTS_ANCHOR
    return _WHOLE_ANCHORS.get(part, part)  # else a section's id, its anchor


def has_board(archive: Archive) -> bool:
    return not archive.public and any(record.review is not None or record.contributions for record in archive.years)


def render_board_page(archive: Archive, today: date) -> RenderedPage:
    lines = [f'<p class="nj-meta" {NOT_SEARCHED}>截至 {chinese_date(today.isoformat())}。只在内部版；终端里用 nianjian status 年份 查看同样的内容。</p>', ""]
    tables = []
    for record in reversed(archive.years):
        if record.review is None and not record.contributions:
            continue
        state = review_state(record.review or ()) or "尚未审核"
        signed = "已签发" if record.signed else "征求意见稿"
        lines += [f"## {markdown_heading(record.title)}", "", f"整个年度：{state}，{signed}。", ""]
        steps = [f"{step.step}：{step.by}，{chinese_date(step.date)}" + (f"（{step.note}）" if step.note else "") for step in record.review or ()]
        lines += [f"- {markdown_heading(step)}" for step in steps] + ([""] if steps else [])
        statuses = part_statuses(archive, record, today)
        if not statuses:
            continue
        rows = tuple(
            (
                link_cell(status.label, urls.year_url(record.year, _anchor(status.part))),
                text_cell(status.unit), text_cell(status.writer), text_cell(chinese_date(status.due)), text_cell(status.state),
                text_cell(status.written), number_cell(status.placeholders), number_cell(status.days_late, tone="nj-late" if status.days_late else ""),
            )
            for status in statuses
        )
        table = Table(f"board-{record.year}", _COLUMNS, rows, caption=f"{record.year}年组稿进度")
        tables.append(table)
        lines += [table_html(table, urls.BOARD_PAGE), ""]
    return RenderedPage(page_markdown(section_title("board"), lines), tuple(tables))
