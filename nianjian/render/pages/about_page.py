"""The 编辑说明 page: the 年鉴's editorial notes (凡例) and who made it (编者信息), from site.yaml's
`editorial`; the volume's 版权页 and 编辑说明 pages print the same (paper/volume.py)."""

from __future__ import annotations

from nianjian.facts.dates import chinese_date
from nianjian.model import Editorial, SiteSettings
from nianjian.navigation import section_title
from nianjian.prose import ProseRenderer
from nianjian.render.parts.templating import html_block, page_markdown, render_template
from nianjian.render.parts.text import empty_note


def editor_lines(site: SiteSettings) -> list[tuple[str, str]]:
    """(label, text) of the 编者信息, in the order a 版权页 gives them."""
    editorial: Editorial = site.editorial
    lines = [("编委会", line) for line in editorial.committee]
    lines += [("主编", editorial.chief_editor)] if editorial.chief_editor else []
    lines += [("编辑", "、".join(editorial.editors))] if editorial.editors else []
    lines += [("承编单位", editorial.office)] if editorial.office else []
    lines += [("编成日期", chinese_date(editorial.date))] if editorial.date else []
    return lines


def render_about_page(site: SiteSettings, prose: ProseRenderer) -> str:
    lines: list[str] = []
    if not site.editorial.given:
        lines += [empty_note("还没有填写编者信息和编辑说明（data/site.yaml 的 editorial，见编辑指南）。"), ""]
        return page_markdown(section_title("about"), lines)
    if site.editorial.notes:
        lines += [prose.block(site.editorial.notes), ""]
    lines += ["## 编者信息", "", html_block("editors.html", lines=editor_lines(site), notice=site.editorial.notice), ""]
    return page_markdown(section_title("about"), lines)


def editors_html(site: SiteSettings) -> str:
    """The 编者信息 as the volume's 版权页 prints them."""
    return render_template("editors.html", lines=editor_lines(site), notice=site.editorial.notice)
