"""One year's printed volume (年卷, “机关服务中心年鉴（2024）”): which chapters it holds, in the order
of the yearbooks the 地方志 office recommends, each rendered to HTML from the year's model
(render/pages/year_content.py), never from the built page.

Front matter (numbered apart, in roman numbers): 书名页 and on its back the 版权页 (编者信息),
编辑说明, 图片专辑, 目录. Then the body, each chapter on a right-hand page: 大事记, 概况 (the
summary and the key figures), the report's parts (类目, with their 分目), 主要成绩, 荣誉, 统计资料
(every number of the year, by work area, and the charts), 附录 (the attachments listed; those that
are PDFs follow it, page for page) and 索引, whose page numbers are read from the printed body
(nianjian.paper.book). How the chapters are printed and put together: nianjian.paper.pdf and
nianjian.paper.book.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from nianjian import urls
from nianjian.facts.sections import PlacedSection
from nianjian.model import Archive, MetricRow
from nianjian.navigation import volume_title
from nianjian.prose import ProseRenderer
from nianjian.render.pages.year_content import SOURCE_COLUMN, YearContent, section_notes
from nianjian.render.pages.year_page import credit_html
from nianjian.render.parts.charts import figure_html
from nianjian.render.parts.chronicle import chronicle_html
from nianjian.render.parts.note import note_markdown
from nianjian.render.parts.table import Column, Table, number_cell, text_cell
from nianjian.render.parts.tables import table_html
from nianjian.render.parts.templating import render_template


@dataclass(frozen=True)
class Chapter:
    """A chapter of the volume, printed on its own: its title heads it, names it in the contents
    and the bookmarks and runs at the top of its pages."""

    key: str  # names its print document: "events", "part-3", …
    title: str
    html: Markup  # the chapter's body, rendered from the model (escaped or sanitised)


@dataclass(frozen=True)
class IncludedFile:
    """An attachment that is a PDF: its pages follow the 附录 in the volume."""

    title: str
    site_path: str  # where the build copied it: sources/2024/制度.pdf


@dataclass(frozen=True)
class YearVolume:
    year: int
    title: str  # 机关服务中心年鉴（2024）
    page: str  # the year page's path: the chapters' links and pictures are written relative to it
    front: tuple[Chapter, ...]  # 编辑说明 and 图片专辑, when there are any (the 书名页, 版权页 and 目录 are laid out apart)
    body: tuple[Chapter, ...]  # 大事记 … 附录
    included: tuple[IncludedFile, ...]
    draft: str = ""  # “征求意见稿（…）” until the year is signed: on the 书名页, and a mark on every page


INDEX_TITLE = "索引"
CONTENTS_TITLE = "目录"


def year_volume(archive: Archive, content: YearContent, prose: ProseRenderer) -> YearVolume:
    record = content.record
    page = urls.year_page(record.year)
    front = []
    if archive.site.editorial.notes:
        front.append(Chapter("notes", "编辑说明", Markup(prose.html(archive.site.editorial.notes))))
    if content.photos:
        front.append(Chapter("photos", "图片专辑", Markup(render_template("photos.html", photos=content.photos, page=page) + credit_html(content, "photos"))))
    body = []
    if content.chronicle:
        body.append(Chapter("events", "大事记", Markup(chronicle_html(content.chronicle) + credit_html(content, "events"))))
    overview = [prose.html(record.summary), credit_html(content, "summary")]
    if content.cards:
        overview.append(table_html(content.cards_table, page))
    body.append(Chapter("overview", "概况", Markup("\n".join(overview))))
    body += _report_chapters(content, prose, page)
    if content.achievements:
        tables = [
            _section(area.name, 2, [table_html(table.on_paper(SOURCE_COLUMN), page), credit_html(content, f"achievements:{area.key}")])
            for area, table in content.achievements
        ]
        body.append(Chapter("achievements", "主要成绩", Markup("\n".join(tables))))
    if content.honours:
        body.append(Chapter("honours", "荣誉", Markup(table_html(content.honours.on_paper(), page) + credit_html(content, "honours"))))
    statistics = _statistics_html(archive, record.year, content, page)
    if statistics:
        body.append(Chapter("statistics", "统计资料", Markup(statistics)))
    included: tuple[IncludedFile, ...] = ()
    if content.attachments:
        body.append(Chapter("appendix", "附录", Markup(table_html(content.attachments.on_paper(), page))))
        included = tuple(
            IncludedFile(attachment.title, attachment.file)
            for attachment in record.attachments if attachment.file.lower().endswith(".pdf")
        )
    return YearVolume(record.year, volume_title(archive.site.title, record.year), page, tuple(front), tuple(body), included, content.draft)


def _section(title: str, level: int, parts: list[str], anchor: str = "") -> str:
    """A section's heading (none at level 0: the chapter's own title heads it) and `parts`, the
    escaped or sanitised HTML under it."""
    return render_template("volume_section.html", title=title, level=level, anchor=anchor, content=Markup("\n".join(parts)))


def _report_parts(sections: tuple[PlacedSection, ...]) -> list[list[PlacedSection]]:
    """The report's top-level parts, each with the sections under it."""
    parts: list[list[PlacedSection]] = []
    for placed in sections:
        if placed.depth == 0 or not parts:
            parts.append([])
        parts[-1].append(placed)
    return parts


def _report_chapters(content: YearContent, prose: ProseRenderer, page: str) -> list[Chapter]:
    """Each top-level part of the report a chapter (类目), its sections under it (分目, 条目); the
    problems and plans in the report's own chapter for them, else chapters of their own."""
    homes = {anchor: kind for kind, anchor in content.list_homes.items()}
    items = {"problems": content.problems, "plans": content.plans}
    chapters = []
    parts = _report_parts(content.sections)
    for number, part in enumerate(parts, start=1):
        sections = []
        for placed in part:
            before, after = section_notes(placed.section)
            shown = [note_markdown(note) for note in before]
            shown += [prose.html(placed.section.body)] if placed.section.body else []
            if kind := homes.get(placed.anchor):
                shown.append(render_template("items.html", items=items[kind], empty=""))
            if beside := content.photos_beside(placed.anchor):
                shown.append(render_template("photos.html", photos=beside, page=page))
            shown += [note_markdown(note) for note in after]
            shown.append(credit_html(content, placed.anchor))
            sections.append(_section(placed.label, min(placed.depth + 1, 4) if placed.depth else 0, shown, placed.anchor))
        if number == len(parts) and content.record.document.closing:
            sections.append(prose.html(content.record.document.closing))  # “特此报告。”: the report's last words
        # Keys name print addresses: ASCII (the anchors are Chinese), in the report's order.
        chapters.append(Chapter(f"part-{number}", part[0].label, Markup("\n".join(sections))))
    for kind, title in (("problems", "存在问题"), ("plans", "明年工作思路")):
        if items[kind] and kind not in content.list_homes:
            chapters.append(Chapter(kind, title, Markup(render_template("items.html", items=items[kind], empty=""))))
    return chapters


_STATISTICS_COLUMNS = (Column("指标"), Column("数值", "number"), Column("单位"), Column("说明"))


def _statistics_html(archive: Archive, year: int, content: YearContent, page: str) -> str:
    """Every number of the year, a table per work area (as the metrics CSVs give them), then the
    year's charts."""
    rows_by_area: dict[str, list[MetricRow]] = {}
    for row in archive.metrics:
        if row.year == year:
            rows_by_area.setdefault(row.area, []).append(row)
    parts = []
    for area in archive.site.areas:
        rows = rows_by_area.get(area.key)
        if not rows:
            continue
        table = Table(
            f"statistics-{year}-{area.key}", _STATISTICS_COLUMNS,
            tuple((text_cell(row.indicator), number_cell(row.value, sample=row.sample), text_cell(row.unit), text_cell(row.note)) for row in rows),
            caption=f"{year}年{area.name}统计", downloadable=False,
        )
        parts.append(table_html(table, page))
    parts += [figure_html(figure, page) for figure in content.figures]
    if parts and content.sample:
        parts.append(note_markdown(content.sample_note))
    return "\n".join(parts)


@dataclass(frozen=True)
class IndexEntry:
    term: str
    pages: tuple[int, ...]  # the printed page numbers (folios) where the term is written


def index_entries(terms: list[str], folio_texts: dict[int, str]) -> list[IndexEntry]:
    """Each term with the printed pages whose text has it (`folio_texts`: folio → the text
    printed in the page's text block, whitespace removed); terms on no page are left out."""
    entries = []
    for term in terms:
        pages = tuple(folio for folio, text in folio_texts.items() if term in text)
        if pages:
            entries.append(IndexEntry(term, pages))
    return entries


def index_html(entries: list[IndexEntry]) -> Markup:
    return Markup(render_template("volume_index.html", entries=entries))

