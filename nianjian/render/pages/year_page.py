"""One year's page: the report as written, then the tables and charts drawn from it, rendered
from the year's YearContent (render/pages/year_content.py), as the Word document is."""

from __future__ import annotations

from nianjian import urls
from nianjian.prose import ProseRenderer
from nianjian.render.parts.cards import cards_html
from nianjian.render.parts.chronicle import chronicle_html
from nianjian.render.parts.charts import figure_html
from nianjian.render.parts.note import note_markdown
from nianjian.facts.sections import PlacedSection
from nianjian.render.parts.tables import table_html
from nianjian.render.parts.templating import html_block, page_markdown
from nianjian.escaping import html, index_text, markdown_heading
from nianjian.render.parts.text import NOT_SEARCHED, empty_note
from nianjian.render.pages.year_content import YearContent, section_notes
from nianjian.render.pages.rendered import RenderedPage
from nianjian.facts.tracking import OUTCOMES
from nianjian.model import YearRecord
from nianjian.read.history import HISTORY_PER_YEAR, History
from nianjian.render.parts.search_text import (
    PageSearchText, chronicle_text, items_text, note_text, paragraph, photos_text, prose_text, table_text,
)

# A year not yet signed: the notice at the top of its page and the mark print repeats on every page.
DRAFT_NOTICE = "本年度尚未签发，内容以签发稿为准。"
DRAFT_MARK = "征求意见稿"


def _prose(prose: ProseRenderer, text: str, searched: PageSearchText) -> str:
    """An editor's Markdown text as the page's HTML block; what search finds of it goes to `searched`."""
    block, blocks = prose.block_and_blocks(text)
    searched.add(prose_text(blocks))
    return block


def _section_markdown(placed: PlacedSection, prose: ProseRenderer, listed: list[str], searched: PageSearchText, listed_texts: list[str]) -> list[str]:
    """A section of the report; `listed`, what stands under its text: the problems or plans list
    it holds, the photographs beside it (HTML lines), and `listed_texts` what search finds of them."""
    section = placed.section
    lines = [f"{'#' * (placed.depth + 2)} {markdown_heading(section.number)}{markdown_heading(section.title)} {{#{placed.anchor}}}", ""]
    searched.heading(section.number + section.title, placed.anchor)
    before, after = section_notes(section)
    lines += [note_markdown(note) for note in before]
    searched.add(*(note_text(note) for note in before))
    if section.body:
        lines += [_prose(prose, section.body, searched)]
    elif not section.missing and not section.children and not listed:
        lines += [empty_note("原文此标题下没有正文。"), ""]
    lines += listed
    lines += [note_markdown(note) for note in after]
    searched.add(*listed_texts, *(note_text(note) for note in after))
    return lines


# The lists a year may hold: (kind, the page's 附 heading, its anchor, what it says when empty).
_LISTS = (
    ("problems", "存在问题", urls.PROBLEMS_ANCHOR, "本年记录中没有单列存在问题。"),
    ("plans", "明年工作思路", urls.PLANS_ANCHOR, "本年记录中没有单列明年工作思路。"),
)


def credit_html(content: YearContent, part: str) -> str:
    """The 撰稿 line of a planned part, when the plan names it and site.yaml shows them; else ""."""
    return html_block("credit.html", line=content.credits[part]) if part in content.credits else ""


def _credit(content: YearContent, part: str) -> list[str]:
    """credit_html as lines of the page's Markdown."""
    return [credit_html(content, part), ""] if part in content.credits else []


def _achievements_markdown(content: YearContent, page: str, searched: PageSearchText) -> list[str]:
    lines = _appendix("主要成绩一览", urls.ACHIEVEMENTS_ANCHOR, searched)
    if not content.achievements:
        return lines + [empty_note("本年记录中没有列出成绩。"), ""]
    for area, table in content.achievements:
        # The heading leads to the area's page (the table has no column repeating the area).
        area_link = f'<a href="{html(urls.href(urls.area_url(area.key), page))}">{html(area.name)}</a>'
        lines += [f"### {area_link} {{#{urls.achievements_anchor(area.key)}}}", "", table_html(table, page), ""]
        searched.heading(area.name, urls.achievements_anchor(area.key))
        searched.add(table_text(table))
        lines += _credit(content, f"achievements:{area.key}")
    return lines


def _appendix(title: str, anchor: str, searched: PageSearchText) -> list[str]:
    """The heading of one of the page's 附 parts, in its Markdown and its search text."""
    searched.heading(f"附：{title}", anchor)
    return [f"## 附：{title} {{#{anchor}}}", ""]


def _plan_outcomes_markdown(content: YearContent, page: str, searched: PageSearchText) -> list[str]:
    table = content.outcomes
    if table is None:
        return []
    year = content.record.year
    reported = sum(1 for row in table.rows if row[2].value in OUTCOMES)
    said = f"{year - 1}年报告提出的 {len(table.rows)} 项明年工作目标，本年报告了 {reported} 项的落实情况。"
    lines = _appendix("上年目标落实情况", urls.OUTCOMES_ANCHOR, searched)
    searched.add(paragraph(said), table_text(table))
    return lines + [said, "", table_html(table, page), ""]


def _list_markdown(title: str, anchor: str, items: tuple[tuple[str, str], ...], empty: str, searched: PageSearchText) -> list[str]:
    """`items`: (text, area name or "")."""
    lines = _appendix(title, anchor, searched)
    searched.add(items_text(items))
    return lines + [html_block("items.html", items=items, empty=empty), ""]


def _list_in_section(anchor: str, items: tuple[tuple[str, str], ...]) -> list[str]:
    """The list under the report's own chapter, keeping the anchor other pages link to."""
    return [f'<div id="{anchor}" markdown>', "", html_block("items.html", items=items, empty=""), "", "</div>", ""]


def _download_links(record: YearRecord, page: str, *, formal: bool) -> str:
    """The year's Word file (every build) and PDF (`make pdf`, nianjian.paper.pdf), reading or
    formal edition (正式文本: the 公文 as filed)."""
    name = record.title + ("（正式文本）" if formal else "")
    links = []
    for extension, label in (("docx", "Word"), ("pdf", "PDF")):
        target = urls.href(urls.report_path(record.year, extension, formal=formal), page)
        links.append(f'<a href="{html(target)}" download="{html(urls.file_name(f"{name}.{extension}"))}">{label}</a>')
    return " · ".join(links)


def _history_lines(history: History | None, year: int, searched: PageSearchText) -> list[str]:
    """附：修订记录, from git (not in the public edition, whose commits' words are not checked)."""
    if history is None:
        return []
    revisions = history.by_year.get(year, ())
    note = history.missing or ("这次构建只取了最近的提交（浅克隆），更早的修改没有列出。" if history.shallow else "")
    if not revisions and not note:
        note = "git 历史里没有这个文件的修改记录（还没有提交）。"
    if len(revisions) == HISTORY_PER_YEAR:
        note = f"只列最近 {HISTORY_PER_YEAR} 次修改。" + note
    return _appendix("修订记录", urls.HISTORY_ANCHOR, searched) + [html_block("history.html", revisions=revisions, note=note), ""]


def render_year_page(content: YearContent, prose: ProseRenderer, history: History | None = None) -> RenderedPage:
    record = content.record
    page = urls.year_page(record.year)
    facts = [f"{record.year}年度", f"{len(record.achievements)} 项成绩"]
    if record.source:
        # On paper the link prints with the file's name (a PDF keeps the link itself), never the
        # repository's path to it.
        file_name = record.source.rsplit("/", 1)[-1]
        facts.append(f'<a href="{html(urls.file_href(record.source, page))}" data-print="{html(file_name)}">原始文件</a>')
    # On paper the download links mean nothing: the print styles leave this part out.
    volume = f'<a href="{html(urls.href(urls.year_volume_path(record.year), page))}" download="{html(urls.file_name(content.volume_title + ".pdf"))}">年卷 PDF</a>'
    downloads = f'<span class="nj-downloads"> · 下载 {_download_links(record, page, formal=False)} · 正式文本 {_download_links(record, page, formal=True)} · {volume}</span>'

    searched = PageSearchText(record.title)
    lines = [html_block("draft.html", label=content.draft, notice=DRAFT_NOTICE, mark=DRAFT_MARK), ""] if content.draft else []
    if content.draft:
        searched.add(paragraph(content.draft), paragraph(DRAFT_NOTICE), index_text(DRAFT_MARK))
    lines += [f'<p class="nj-meta" {NOT_SEARCHED}>' + " · ".join(facts) + downloads + "</p>", ""]
    lines += [_prose(prose, record.summary, searched)]
    lines += _credit(content, "summary")
    items = {"problems": content.problems, "plans": content.plans}
    homes = {anchor: kind for kind, anchor in content.list_homes.items()}
    by_kind = {kind: anchor for kind, _, anchor, _ in _LISTS}
    for placed in content.sections:
        kind = homes.get(placed.anchor)
        listed = _list_in_section(by_kind[kind], items[kind]) if kind else []
        listed_texts = [items_text(items[kind])] if kind else []
        if beside := content.photos_beside(placed.anchor):
            listed += [html_block("photos.html", photos=beside, page=page), ""]
            listed_texts.append(photos_text(beside))
        listed += _credit(content, placed.anchor)
        lines += _section_markdown(placed, prose, listed, searched, listed_texts)
    if record.document.closing:  # “特此报告。”: the report's last sentence, after its lists
        lines += [_prose(prose, record.document.closing, searched)]
    if content.photos:
        lines += _appendix("图片专辑", urls.PHOTOS_ANCHOR, searched) + [html_block("photos.html", photos=content.photos, page=page), ""]
        searched.add(photos_text(content.photos))
        lines += _credit(content, "photos")
    if content.chronicle:
        lines += _appendix("大事记", urls.EVENTS_ANCHOR, searched) + [chronicle_html(content.chronicle), ""]
        searched.add(chronicle_text(content.chronicle))
        lines += _credit(content, "events")
    lines += _achievements_markdown(content, page, searched)
    if content.honours:
        lines += _appendix("荣誉", urls.HONOURS_ANCHOR, searched) + [table_html(content.honours, page), ""]
        searched.add(table_text(content.honours))
        lines += _credit(content, "honours")
    if content.attachments:
        lines += _appendix("附件", urls.ATTACHMENTS_ANCHOR, searched) + [table_html(content.attachments, page), ""]
        searched.add(table_text(content.attachments))
    lines += _plan_outcomes_markdown(content, page, searched)
    for kind, title, anchor, empty in _LISTS:
        if kind not in content.list_homes:
            lines += _list_markdown(title, anchor, items[kind], empty, searched)
    lines += _appendix("统计图表", urls.CHARTS_ANCHOR, searched) + [cards_html(content.cards, record.year), ""]
    lines += [figure_html(figure, page) for figure in content.figures]
    if content.sample:
        lines.append(note_markdown(content.sample_note))
        searched.add(note_text(content.sample_note))
    lines += _history_lines(history, record.year, searched)
    tables = tuple(table for _, table in content.achievements) + tuple(table for table in (content.outcomes, content.honours) if table)
    return RenderedPage(page_markdown(record.title, lines), tables, searched.sections())
