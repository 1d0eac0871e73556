"""Tag pages: achievements and report sections carrying a tag (节能, 安全, 党建 …) across years."""

from __future__ import annotations

from nianjian.model import Archive
from nianjian.render.sections import YearOutline
from nianjian.render.tables import data_table
from nianjian.render.text import cell, front_matter, inline, year_link
from nianjian.urls import page_slug


_ROOT = "../../"  # tag pages are at /tags/<tag>/


def tag_page_path(tag: str) -> str:
    return f"tags/{page_slug(tag)}.md"


def all_tags(archive: Archive, outline: dict[int, YearOutline]) -> dict[str, int]:
    """Tag → how many achievements and sections carry it, in first-seen order."""
    counts: dict[str, int] = {}
    for record in archive.years:
        for item in record.achievements:
            for tag in item.tags:
                counts[tag] = counts.get(tag, 0) + 1
        for placed in outline[record.year].sections:
            for tag in placed.section.tags:
                counts[tag] = counts.get(tag, 0) + 1
    return counts


def render_tag_page(archive: Archive, tag: str, outline: dict[int, YearOutline]) -> str:
    page = tag_page_path(tag)
    lines = [front_matter(f"标签：{tag}"), f"# 标签：{inline(tag)}", ""]
    rows = []
    for record in archive.years:
        labels = outline[record.year].labels
        for item in record.achievements:
            if tag in item.tags:
                source = year_link(record.year, _ROOT, item.section, labels.get(item.section, "")) if item.section else ""
                rows.append([year_link(record.year, _ROOT), cell(archive.area(item.area).name), cell(item.item), cell(item.result), source])
    lines += ["## 成绩", ""]
    lines += [data_table(f"tag-{page_slug(tag)}", ["年份", "领域", "事项", "成果", "出处"], rows, page), ""] if rows else ['<p class="nj-empty">没有带这个标签的成绩。</p>', ""]
    lines += ["## 报告章节", ""]
    sections = [
        f"- {year_link(record.year, _ROOT)} · {year_link(record.year, _ROOT, placed.anchor, ' › '.join(placed.trail + (placed.label,)))}"
        for record in archive.years
        for placed in outline[record.year].sections
        if tag in placed.section.tags
    ]
    lines += (sections + [""]) if sections else ['<p class="nj-empty">没有带这个标签的章节。</p>', ""]
    return "\n".join(lines) + "\n"


def render_tags_index(tags: dict[str, int]) -> str:
    """`tags`: tag → count, as `all_tags` gives it."""
    lines = [front_matter("标签"), "# 标签", "", "成绩和报告章节可以加标签（`tags`），每个标签汇集历年的相关内容。", ""]
    if not tags:
        return "\n".join(lines + ['<p class="nj-empty">还没有使用标签。</p>', ""]) + "\n"
    lines += [f"- [{inline(tag)}]({page_slug(tag)}.md)（{count}）" for tag, count in tags.items()] + [""]
    return "\n".join(lines) + "\n"
