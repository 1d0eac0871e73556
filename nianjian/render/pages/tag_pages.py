"""Tag pages: achievements, report sections and 大事记 entries carrying a tag (节能, 安全, 党建 …) across years."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian.render.parts.templating import page_markdown
from nianjian.navigation import section_title
from nianjian.facts.dates import chinese_date
from nianjian.model import Achievement, Archive, Event, YearRecord
from nianjian.facts.sections import PlacedSection, YearOutline
from nianjian import urls
from nianjian.render.pages.rendered import RenderedPage
from nianjian.render.parts.table import Column, Table, link_cell, text_cell, year_cell
from nianjian.render.parts.tables import table_html
from nianjian.escaping import html, markdown_heading
from nianjian.render.parts.text import copies_list, empty_note, year_link
from nianjian.urls import page_slug


@dataclass
class Tagged:
    """What carries one tag, across the years: achievements and report sections."""

    achievements: list[tuple[YearRecord, Achievement]] = field(default_factory=list)
    sections: list[tuple[YearRecord, PlacedSection]] = field(default_factory=list)
    events: list[tuple[YearRecord, Event]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.achievements) + len(self.sections) + len(self.events)


def tag_index(archive: Archive, outline: dict[int, YearOutline]) -> dict[str, Tagged]:
    """Tag → what carries it, in first-seen order: one pass over the archive, so the work of
    all tag pages together grows with the tags written, not with tags × items."""
    index: dict[str, Tagged] = {}
    for record in archive.years:
        for item in record.achievements:
            for tag in item.tags:
                index.setdefault(tag, Tagged()).achievements.append((record, item))
        for placed in outline[record.year].sections:
            for tag in placed.section.tags:
                index.setdefault(tag, Tagged()).sections.append((record, placed))
        for event in record.events:
            for tag in event.tags:
                index.setdefault(tag, Tagged()).events.append((record, event))
    return index


def render_tag_page(archive: Archive, tag: str, tagged: Tagged, outline: dict[int, YearOutline]) -> RenderedPage:
    page = urls.tag_page(tag)
    lines = []
    rows = []
    for record, item in tagged.achievements:
        labels = outline[record.year].labels
        source = link_cell(labels.get(item.section, ""), urls.year_url(record.year, item.section)) if item.section else text_cell("")
        rows.append((year_cell(record.year, urls.year_url(record.year)), text_cell(archive.area(item.area).name), text_cell(item.item), text_cell(item.result), source))
    lines += ["## 成绩", ""]
    columns = (Column("年份", "year"), Column("领域"), Column("事项"), Column("成果"), Column("出处"))
    table = Table(f"tag-{page_slug(tag)}", columns, tuple(rows), caption=f"标签“{tag}”的成绩") if rows else None
    lines += [table_html(table, page), ""] if table else [empty_note("没有带这个标签的成绩。"), ""]
    lines += ["## 报告章节", ""]
    sections = [
        f"{year_link(record.year, page)} · {year_link(record.year, page, placed.anchor, ' › '.join(placed.trail + (placed.label,)))}"
        for record, placed in tagged.sections
    ]
    lines += [copies_list(sections) if sections else empty_note("没有带这个标签的章节。"), ""]
    if tagged.events:
        events = [f"{year_link(record.year, page, urls.EVENTS_ANCHOR, chinese_date(event.date))}：{html(event.text)}" for record, event in tagged.events]
        lines += ["## 大事记", "", copies_list(events), ""]
    return RenderedPage(page_markdown(f"标签：{tag}", lines), (table,) if table else ())


def render_tags_index(tags: dict[str, Tagged]) -> str:
    """`tags`: as `tag_index` gives them."""
    title = section_title("tags")
    lines = ["成绩和报告章节可以加标签（`tags`），每个标签汇集历年的相关内容。", ""]
    if not tags:
        return page_markdown(title, lines + [empty_note("还没有使用标签。"), ""])
    lines += [f"- [{markdown_heading(tag)}]({page_slug(tag)}.md)（{tagged.count}）" for tag, tagged in tags.items()] + [""]
    return page_markdown(title, lines)
