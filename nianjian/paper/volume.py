"""The printed 年鉴 volume: which built pages it holds and in what order (every year, newest
first, then the cross-year chapters 工作领域, 目标落实, 反复出现的问题), its cover and
contents, and how the printed pages become PDFs.

The pages are printed one by one (nianjian.paper.pdf); this module puts them together with pikepdf
(qpdf):
the cover and contents first (unnumbered), then the parts with page numbers running through
them as the 公文 places them (odd pages right, even pages left, "— N —"). The numbers come from
one printed sheet of numbers laid over each page, so a part's own PDF and the volume number
their pages the same way, and the contents can give each part's first page exactly: it is
the sum of the page counts before it.

Chromium prints every link absolute, to the print run's own server on 127.0.0.1; each PDF's
links are rewritten for where it is published (nianjian.urls.printed_link) before it is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup
import pikepdf
from pikepdf import Array, Dictionary, Name, Outline, OutlineItem, Pdf

from nianjian import urls

from nianjian.paper import geometry
from nianjian.model import Archive, Section
from nianjian.prose import ProseRenderer
from nianjian.render.pages.about_page import editors_html
from nianjian.navigation import section_title
from nianjian.render.parts.templating import render_template


@dataclass(frozen=True)
class VolumePart:
    """One built page printed into the volume."""

    title: str  # as the contents and the running header show it
    url: str  # its site path, e.g. "years/2024/"
    chapter: str  # the contents' heading it is listed under


@dataclass(frozen=True)
class PrintedPart:
    part: VolumePart
    pdf: Pdf  # parsed once: counted, numbered on its own and put into the volume

    @property
    def pages(self) -> int:
        return len(self.pdf.pages)


def printed_part(part: VolumePart, pdf: bytes) -> PrintedPart:
    return PrintedPart(part, Pdf.open(io.BytesIO(pdf)))


def page_numbers(pdf: bytes) -> Pdf:
    """The printed sheet of page numbers (page_numbers_html), parsed once for every part."""
    return Pdf.open(io.BytesIO(pdf))


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    page: int | None  # None for a chapter heading whose parts carry the numbers
    level: int  # 1 chapter, 2 a part inside it


def _sections_in(sections: tuple[Section, ...], area: str) -> bool:
    return any(section.area == area or _sections_in(section.children, area) for section in sections)


def _area_has_records(archive: Archive, area: str) -> bool:
    """Something of some year belongs to the area: an achievement, a section, a problem, a plan
    or a number. An area with none would print a page saying only so."""
    return any(
        record.achievements_in(area) or _sections_in(record.sections, area)
        or any(item.area == area for item in (*record.problems, *record.plans))
        for record in archive.years
    ) or any(row.area == area for row in archive.metrics)


def volume_parts(archive: Archive) -> list[VolumePart]:
    """The volume's parts: every year, then each work area, the 大事记, the honours, the plans and
    the recurring problems, leaving out an area, or an overview, with nothing to print."""
    years = section_title("years")
    parts = [VolumePart(record.title, urls.year_url(record.year), years) for record in reversed(archive.years)]
    areas = section_title("areas")
    parts += [VolumePart(area.name, urls.area_url(area.key), areas) for area in archive.site.areas if _area_has_records(archive, area.key)]
    kept = {
        "events": any(record.events for record in archive.years),
        "honours": any(record.honours for record in archive.years),
        "plans": any(record.plans for record in archive.years),
        "problems": any(record.problems for record in archive.years),
    }
    for folder, page in (("events", urls.EVENTS_PAGE), ("honours", urls.HONOURS_PAGE), ("plans", urls.PLANS_PAGE), ("problems", urls.PROBLEMS_PAGE)):
        if kept[folder]:
            parts.append(VolumePart(section_title(folder), urls.page_url(page), section_title(folder)))
    return parts


def blank_before(printed: list[PrintedPart]) -> list[bool]:
    """Whether a blank verso goes before each part: a chapter (年度报告, 工作领域, …) opens on a
    right-hand, odd page, as a book printed on both sides does; parts within it follow on."""
    blanks, page, chapter = [], 1, None
    for item in printed:
        blank = item.part.chapter != chapter and page % 2 == 0
        blanks.append(blank)
        page += blank + item.pages
        chapter = item.part.chapter
    return blanks


def body_pages(printed: list[PrintedPart]) -> Pdf:
    """The parts' pages as the volume's body holds them (blank versos included), unnumbered."""
    body = Pdf.new()
    for item, blank in zip(printed, blank_before(printed)):
        if blank:
            add_blank(body)
        body.add_pages_from(item.pdf)
    return body


def contents(printed: list[PrintedPart]) -> list[ContentsEntry]:
    """The contents of the volume: a chapter heading, then its parts with their first page (a
    chapter of one part of its own name is a single numbered line)."""
    entries: list[ContentsEntry] = []
    page = 1
    chapter = None
    for item, blank in zip(printed, blank_before(printed)):
        page += blank
        if item.part.chapter == item.part.title:
            entries.append(ContentsEntry(item.part.title, page, 1))
        else:
            if item.part.chapter != chapter:
                entries.append(ContentsEntry(item.part.chapter, None, 1))
            entries.append(ContentsEntry(item.part.title, page, 2))
        chapter = item.part.chapter
        page += item.pages
    return entries


def paper_facts() -> dict[str, str]:
    """What the volume's own pages (cover, contents, page numbers) take from nianjian.paper.geometry."""
    return {
        "stylesheet": Markup(geometry.stylesheet()),  # our own CSS, into a <style> element as it is
        "page_width": f"{geometry.PAGE_MM[0]}mm",
        "page_height": f"{geometry.PAGE_MM[1]}mm",
        # The page number's line: PAGE_NUMBER_BELOW_TEXT_MM under the text block, one character in.
        "number_top": f"{geometry.PAGE_MM[1] - geometry.MARGINS_MM.bottom + geometry.PAGE_NUMBER_BELOW_TEXT_MM}mm",
        "number_right": f"calc({geometry.MARGINS_MM.right}mm + {geometry.PAGE_NUMBER_PT}pt)",
        "number_left": f"calc({geometry.MARGINS_MM.left}mm + {geometry.PAGE_NUMBER_PT}pt)",
        "number_size": f"{geometry.PAGE_NUMBER_PT}pt",
    }


def cumulative_cover(archive: Archive) -> dict[str, str]:
    """What the whole 年鉴's 书名页 says under its title: the years it holds."""
    years = [record.year for record in archive.years]
    span = f"{years[0]}—{years[-1]}" if years[0] != years[-1] else str(years[0])
    return {"span": f"（{span}年）", "count": f"共收录 {len(years)} 个年度的工作总结"}


def front_matter_html(
    archive: Archive, entries: list[ContentsEntry] | None, *, cover: dict[str, str] | None, editors: bool = True, notes: bool = True,
    draft: str = "",
) -> str:
    """The front matter's pages, each of its own, as one HTML document, on the paper and in the
    type of the pages (nianjian.paper.geometry): the 书名页 (`cover`: what it says under the
    title), the 版权页 (编者信息) and the 编辑说明 when site.yaml gives them, and the contents
    (`entries`); None or False leaves a part out. `draft`: the year is not yet signed, every page
    carries the 征求意见稿 mark."""
    editorial = archive.site.editorial
    return render_template(
        "volume_front.html", site=archive.site, cover=cover, entries=entries, paper=paper_facts(), draft=draft,
        editors=Markup(editors_html(archive.site)) if editors and editorial.given else None,
        notes=Markup(ProseRenderer().html(editorial.notes)) if notes and editorial.notes else None,  # sanitised
    )


def page_numbers_html(count: int) -> str:
    """`count` A4 pages each carrying only its page number, to be laid over the printed pages."""
    return number_sheets_html([str(number) for number in range(1, count + 1)])


def number_sheets_html(numbers: list[str]) -> str:
    """A4 pages each carrying only one of `numbers` (the first on a right-hand page), to be laid
    over printed pages."""
    return render_template("page_numbers.html", numbers=numbers, paper=paper_facts())


# A printed link's target → the one the PDF keeps, or None to drop the link (urls.printed_link
# bound to the print run's server and the PDF's place in the site).
Links = Callable[[str], str | None]


def numbered(item: PrintedPart, numbers: Pdf, title: str, links: Links) -> bytes:
    """One part on its own (a year's report): its pages numbered from 1, with a bookmark for
    each of its headings (Chromium's outline of the page)."""
    document = Pdf.new()
    document.add_pages_from(item.pdf)  # with the named destinations its links go to, and its outline
    _number(document, numbers, start=0, first=1)
    return finished(document, title, links)


def assemble(
    front: bytes, printed: list[PrintedPart], numbers: Pdf, entries: list[ContentsEntry], title: str, links: Links
) -> bytes:
    """The volume: cover and contents, then every part numbered on from the last, with a
    bookmark per line of the contents (`entries`, from contents())."""
    volume = Pdf.new()
    volume.add_pages_from(Pdf.open(io.BytesIO(front)))
    if len(volume.pages) % 2:
        add_blank(volume)  # the body opens on a right-hand page
    body_start = len(volume.pages)  # index of page “— 1 —”
    blanks = set()
    for item, blank in zip(printed, blank_before(printed)):
        if blank:
            blanks.add(len(volume.pages))
            add_blank(volume)
        volume.add_pages_from(item.pdf)  # a destination named alike in two parts is renamed
    _number(volume, numbers, start=body_start, first=1, unprinted=blanks)
    with volume.open_outline() as outline:
        outline.root.clear()  # the parts' own outlines came with their pages: the contents' instead
        outline.root.append(OutlineItem("目录", 1))  # the cover is one page
        # A chapter heading without a number opens where its first part does.
        pages = [entry.page if entry.page is not None else entries[index + 1].page for index, entry in enumerate(entries)]
        add_bookmarks(outline, [(entry, body_start + page - 1) for entry, page in zip(entries, pages)])
    return finished(volume, title, links)


def add_bookmarks(outline: Outline, entries: list[tuple[ContentsEntry, int]]) -> None:
    """A bookmark per line of the contents, at its page's index; a part's under its chapter's."""
    chapter = None
    for entry, page_index in entries:
        bookmark = OutlineItem(entry.title, page_index)
        if entry.level == 2 and chapter is not None:
            chapter.children.append(bookmark)
        else:
            outline.root.append(bookmark)
        if entry.level == 1:
            chapter = bookmark


def finished(document: Pdf, title: str, links: Links) -> bytes:
    """The PDF as published: its title, opened with the bookmarks shown, links by the one rule."""
    document.docinfo[Name.Title] = title
    document.Root.PageMode = Name.UseOutlines
    rewrite_links(document, links)
    return written(document)


def add_blank(document: Pdf) -> None:
    width, height = (float(value) for value in document.pages[0].mediabox[2:4])
    document.add_blank_page(page_size=(width, height))


def _number(document: Pdf, numbers: Pdf, start: int, first: int, unprinted: set[int] = frozenset()) -> None:
    """Lays page number `first` on page `start` of `document`, and on from there (a blank verso,
    index in `unprinted`, is counted but carries no number); the PDF's page labels say the same
    (a viewer's page box shows the printed “— N —”'s N, the unnumbered front matter i, ii, …)."""
    for offset, page in enumerate(document.pages[start:]):
        if start + offset not in unprinted:
            page.add_overlay(numbers.pages[first - 1 + offset])
    labels: list = [start, Dictionary(S=Name.D, St=first)]
    if start:
        labels = [0, Dictionary(S=Name.r), *labels]
    document.Root.PageLabels = Dictionary(Nums=Array(labels))


def rewrite_links(document: Pdf, links: Links) -> None:
    """Every link's URI replaced by what `links` makes of it, in an action of its own (nothing
    chained after it); a link it refuses, or with another action than a URI or a place in the
    document, is removed."""
    for page in document.pages:
        if Name.Annots not in page.obj:
            continue
        kept = Array()
        for annotation in page.obj.Annots:
            action = annotation.get(Name.A)
            if action is not None and action.get(Name.S) == Name.URI:
                uri = action.get(Name.URI)
                target = links(bytes(uri).decode("latin-1") if uri is not None else "")
                if target is None:
                    continue
                annotation.A = Dictionary(S=Name.URI, URI=pikepdf.String(target))
            elif action is not None and action.get(Name.S) != Name.GoTo:
                continue
            kept.append(annotation)
        page.obj.Annots = kept


def written(document: Pdf) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
