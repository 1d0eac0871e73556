"""`python -m nianjian.paper.pdf --site-dir site` (`make pdf`): a built site's year pages printed to
A4 PDFs by headless Chromium, next to their Word documents (downloads/report-YEAR.pdf), and
the whole 年鉴 as one volume (downloads/volume.pdf; what it holds: nianjian.paper.volume); then
each year's formal edition laid out from its Word file by LibreOffice (paper/formal_pdf.py).

Chromium prints with the site's print styles (nianjian.css) and embeds the fonts it used; the
charts are the SVG drawn at build time (render/parts/chart_svg.py), so no page waits for plotly. The
running header carries the page's title. The site is served on 127.0.0.1 only for this:
nothing leaves it. Chromium prints the pages' links absolute,
to that server; the PDFs keep them relative to their place in the site, or under the site's
address when NIANJIAN_SITE_URL is set as for the build (nianjian.urls.printed_link).
"""

from __future__ import annotations

import asyncio
import io
import os
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf

from nianjian import urls

from nianjian.paper import geometry
from nianjian.render.parts import palette
from nianjian.arguments import ChineseArgumentParser
from nianjian.errors import DataInvalid, format_report, program_error
from nianjian.escaping import html
from nianjian.check.edition import EDITIONS, ENVIRONMENT as EDITION_VARIABLE, INTERNAL, PUBLIC, UnknownEdition, edition_from_environment
from nianjian.check.load import load_archive
from nianjian.model import Archive
from nianjian.serving import served
from nianjian.paper.formal_pdf import LibreOfficeMissing, print_formal_editions
from nianjian.paper.book import PdfTextMissing, PrintedChapter, Run, bind, headings, inert, page_texts, pages_of, roman
from nianjian.paper.volume import (
    ContentsEntry, PrintedPart, VolumePart, assemble, blank_before, body_pages, contents, cumulative_cover, front_matter_html, number_sheets_html, numbered, page_numbers,
    page_numbers_html, printed_part, volume_parts, written,
)
from nianjian.paper.year_volume import CONTENTS_TITLE, INDEX_TITLE, Chapter, IndexEntry, YearVolume, index_entries, index_html, year_volume
from nianjian.facts.subject_index import index_terms
from nianjian.prose import ProseRenderer
from nianjian.render.pages.site import ArchiveFacts, year_contents
from nianjian.render.parts.templating import render_template

if TYPE_CHECKING:
    from playwright.async_api import Page

# Debian's chromium-headless-shell: Chromium's headless build without a browser window's parts.
# Printing 50 years with the flags below it took 26 s and 0.92 GiB (all processes' resident
# memory summed), the full /usr/bin/chromium 44 s and 1.6 GiB (it also starts the window's
# address-bar renderer and a print compositor). The full browser still prints where the
# shell is missing; elsewhere (a GitHub runner's Chrome) name the browser in NIANJIAN_CHROMIUM.
_BROWSERS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")


def chromium() -> str:
    """The browser make pdf drives: NIANJIAN_CHROMIUM, else the first of _BROWSERS installed."""
    return os.environ.get("NIANJIAN_CHROMIUM") or next((path for path in _BROWSERS if os.path.exists(path)), _BROWSERS[0])


# Chromium's memory, measured printing 50 years (peak of all its processes, summed): low-end
# device mode keeps each renderer's caches small, the GPU and network services run inside the
# browser process, and no zygote processes start: 1.26 GiB became 0.92 GiB, 23 s became 26 s,
# and the pages printed are the same pixel for pixel. (--single-process, tried too, laid some
# pages out narrower.)
_LEAN = ("--enable-low-end-device-mode", "--in-process-gpu", "--enable-features=NetworkServiceInProcess2", "--no-zygote")
# Chromium sets a header's first line about 5 mm below the paper's edge (measured 5.4 mm, where
# many office printers print nothing); the padding moves it to geometry.RUNNING_HEAD_TOP_MM.
_CHROMIUM_HEAD_MM = 5
_HEADER = '<div style="width:100%;box-sizing:border-box;padding-top:{top}mm;font-size:9pt;line-height:1;text-align:center;color:{colour};font-family:{font};">{title}</div>'


# Two pages print at once: Chromium lays out and prints one page on about one core and a half,
# so a second page keeps both of this machine's cores busy (a third of the time at 50 years).
_PRINTING_PAGES = 2


@dataclass(frozen=True)
class PrintRun:
    """What Chromium printed: every part, the sheet of page numbers, the cover and contents, and
    each year's own volume (年卷)."""

    printed: list[PrintedPart]
    numbers: pikepdf.Pdf
    entries: list[ContentsEntry]
    front: bytes
    served: str  # the address the site was served at while printing, e.g. "http://127.0.0.1:41234/"
    year_volumes: dict[int, bytes]


async def _print_run(site_dir: Path, archive: Archive, parts: list[VolumePart], year_volumes: list[YearVolume]) -> PrintRun:
    """Headless Chromium with the built site served on 127.0.0.1; only the site can be reached,
    and the year volumes' chapters, served at their year page's address (`documents`)."""
    from playwright.async_api import Route, async_playwright

    documents: dict[str, str] = {}
    with served(site_dir) as base:

        async def only_the_site(route: Route) -> None:
            url = route.request.url
            if url in documents:
                await route.fulfill(body=documents[url], content_type="text/html; charset=utf-8")
            else:
                await (route.continue_() if url.startswith(base) else route.abort())

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium(), args=list(_LEAN))
            try:
                # Without scripts: paper shows what the build wrote (the charts' static drawings,
                # the tables as plain tables), and no page starts Material's search worker, which
                # read the whole search index for every page printed (a third of the run at 50 years).
                context = await browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
                await context.route("**/*", only_the_site)
                pages = [await context.new_page() for _ in range(_PRINTING_PAGES)]
                for page in pages:
                    await page.emulate_media(media="print")  # they only print: set once
                printed: list[PrintedPart | None] = [None] * len(parts)
                waiting = iter(enumerate(parts))  # shared by the pages: each takes the next part

                async def print_parts(page: Page) -> None:
                    for index, part in waiting:
                        await page.goto(base + part.url)  # charts print as drawn at build time: nothing to wait for
                        printed[index] = printed_part(part, await page.pdf(
                            format="A4", margin=geometry.pdf_margins(), print_background=False, display_header_footer=True,
                            # Tagged (a screen reader follows the structure) and with the headings as
                            # bookmarks, which each year's PDF keeps (volume.numbered).
                            tagged=True, outline=True,
                            # The header is drawn apart from the page: give it the print CSS's 黑体 list.
                            header_template=_header(part.title),
                            footer_template="<span></span>",
                        ))

                await asyncio.gather(*(print_parts(page) for page in pages))
                done = [item for item in printed if item is not None]
                chapters = ChapterPrinter(site_dir, base, documents)
                terms = index_terms(archive)
                index = printed_index(terms, body_pages(done))
                if index:  # the volume ends with its index, on a right-hand page
                    printed_index_pdf = await chapters.printed(pages[0], Chapter("index", INDEX_TITLE, index_html(index)), archive.site.title, urls.HOME_PAGE)
                    done.append(PrintedPart(VolumePart(INDEX_TITLE, "", INDEX_TITLE), printed_index_pdf))
                numbers = page_numbers(await _document(pages[0], page_numbers_html(sum(item.pages for item in done) + sum(blank_before(done)))))
                entries = contents(done)
                front = await _document(pages[0], front_matter_html(archive, entries, cover=cumulative_cover(archive)))
                printer = YearVolumePrinter(site_dir, archive, chapters, _links(base), terms)
                bound: dict[int, bytes] = {}
                waiting_volumes = iter(year_volumes)

                async def print_volumes(page: Page) -> None:
                    for volume in waiting_volumes:
                        bound[volume.year] = await printer.bound(page, volume)

                await asyncio.gather(*(print_volumes(page) for page in pages))
            finally:
                await browser.close()
    return PrintRun(done, numbers, entries, front, base, bound)


def _links(served: str) -> partial:
    """urls.printed_link for this print run; the PDF's place (pdf_path) still to be given."""
    # The same variable as mkdocs.yml's site_url, read by the build.
    return partial(urls.printed_link, served=served, site_url=os.environ.get("NIANJIAN_SITE_URL") or None)


# An attachment with more pages than this is listed in the 附录 but not printed into the volume.
_INCLUDED_PAGES_MAX = 200


@dataclass
class ChapterPrinter:
    """Prints a chapter of our own (nianjian.paper.year_volume.Chapter) with the site's own
    stylesheets, served at the address of the page its links and pictures are written for."""

    site_dir: Path
    base: str
    documents: dict[str, str]  # what the print run serves at an address of its own

    def __post_init__(self) -> None:
        # The site's own stylesheets as its pages link them, each named with its content's
        # digest: Material's (main, palette), then ours (the build's facts, then nianjian.css).
        self.stylesheets = [
            path.relative_to(self.site_dir).as_posix()
            for pattern in ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css", "assets/nianjian/facts.*.css", "assets/nianjian/nianjian.*.css")
            for path in sorted(self.site_dir.glob(pattern))
        ]

    async def printed(self, page: Page, chapter: Chapter, book_title: str, page_path: str, draft: str = "") -> pikepdf.Pdf:
        """`page_path`: the site page (“years/2024.md”) whose address the chapter is served at;
        `draft`: the year is not yet signed, every page carries the 征求意见稿 mark."""
        url = f"{self.base}{urls.page_url(page_path)}?nj-volume={chapter.key}"
        self.documents[url] = render_template(
            "volume_chapter.html", title=f"{book_title} {chapter.title}", chapter=chapter, draft=draft,
            stylesheets=[urls.href(sheet, page_path) for sheet in self.stylesheets],
        )
        try:
            await page.goto(url)
            printed = await page.pdf(
                format="A4", margin=geometry.pdf_margins(), print_background=False, display_header_footer=True, tagged=True, outline=True,
                header_template=_header(chapter.title), footer_template="<span></span>",
            )
        finally:
            del self.documents[url]
        return pikepdf.Pdf.open(io.BytesIO(printed))


def printed_index(terms: list[str], body: pikepdf.Pdf) -> list[IndexEntry]:
    """The index of a printed body (its pages numbered from 1, blank versos included)."""
    texts = page_texts(written(body))
    return index_entries(terms, {folio: text for folio, text in enumerate(texts, start=1) if text})


@dataclass
class YearVolumePrinter:
    """Prints a year's volume (nianjian.paper.year_volume) chapter by chapter and binds it
    (nianjian.paper.book): the body first, so that the index can read its printed pages and the
    contents give the pages each chapter opens on; then the index, the front matter and the
    page numbers."""

    site_dir: Path
    archive: Archive
    chapters: ChapterPrinter
    links: partial
    terms: list[str]

    async def _chapter(self, page: Page, volume: YearVolume, chapter: Chapter) -> pikepdf.Pdf:
        return await self.chapters.printed(page, chapter, volume.title, volume.page, volume.draft)

    def _appendix(self, printed: pikepdf.Pdf, volume: YearVolume) -> PrintedChapter:
        """The 附录's list, then each attachment that is a PDF, page for page (a 分目 each)."""
        found = list(headings(printed))
        for included in volume.included:
            try:
                attachment = pikepdf.Pdf.open(urls.inside(self.site_dir, included.site_path))
            except (pikepdf.PdfError, OSError, ValueError):
                print(f"{volume.year}年卷：附件 {included.site_path} 不是可以读入的 PDF，附录只列出它", file=sys.stderr)
                continue
            if len(attachment.pages) > _INCLUDED_PAGES_MAX:
                print(f"{volume.year}年卷：附件 {included.site_path} 超过 {_INCLUDED_PAGES_MAX} 页，附录只列出它", file=sys.stderr)
                continue
            found.append((included.title, len(printed.pages)))
            printed.pages.extend(inert(attachment).pages)
        return PrintedChapter("附录", printed, headings=tuple(found))

    async def bound(self, page: Page, volume: YearVolume) -> bytes:
        body = []
        for chapter in volume.body:
            printed = await self._chapter(page, volume, chapter)
            body.append(self._appendix(printed, volume) if chapter.key == "appendix" else PrintedChapter(chapter.title, printed, headings=headings(printed)))
        entries = printed_index(self.terms, pages_of(Run.of(body)))
        if entries:
            body.append(PrintedChapter(INDEX_TITLE, await self._chapter(page, volume, Chapter("index", INDEX_TITLE, index_html(entries)))))
        body_run = Run.of(body)
        cover = front_matter_html(self.archive, None, cover={"span": f"（{volume.year}）", "count": volume.draft}, notes=False, draft=volume.draft)
        front = [PrintedChapter("书名页", pikepdf.Pdf.open(io.BytesIO(await _document(page, cover))), listed=False, folios=False)]
        front += [PrintedChapter(chapter.title, await self._chapter(page, volume, chapter)) for chapter in volume.front]
        contents_page = front_matter_html(self.archive, body_run.contents(), cover=None, notes=False, editors=False, draft=volume.draft)
        front.append(PrintedChapter(CONTENTS_TITLE, pikepdf.Pdf.open(io.BytesIO(await _document(page, contents_page)))))
        front_run = Run.of(front)
        body_numbers = pikepdf.Pdf.open(io.BytesIO(await _document(page, number_sheets_html([str(n) for n in range(1, body_run.pages + 1)]))))
        front_numbers = pikepdf.Pdf.open(io.BytesIO(await _document(page, number_sheets_html([roman(n) for n in range(1, front_run.pages + 1)]))))
        return bind(front_run, body_run, front_numbers, body_numbers, volume.title, partial(self.links, pdf_path=urls.year_volume_path(volume.year)))


def _header(title: str) -> str:
    """The running head: the part's title; drawn apart from the page, so given the print CSS's 黑体 list."""
    return _HEADER.format(title=html(title), top=geometry.RUNNING_HEAD_TOP_MM - _CHROMIUM_HEAD_MM, colour=palette.RUNNING_HEAD, font=html(geometry.css_fonts("hei")))


async def _document(page: Page, document: str) -> bytes:
    """An HTML document of our own (cover, contents, page numbers), with its own @page rules."""
    await page.set_content(document)
    return await page.pdf(prefer_css_page_size=True, print_background=False)


def print_volume(site_dir: Path, archive: Archive, cache_dir: Path | None = None) -> list[Path]:
    """Print every year page to downloads/report-YEAR.pdf, the whole volume to
    downloads/volume.pdf and each year's own volume to downloads/volume-YEAR.pdf; returns the
    files written. `cache_dir`: the build's cache, where the photographs' variants are."""
    prose = ProseRenderer()
    year_volumes = [year_volume(archive, content, prose) for content in year_contents(archive, ArchiveFacts.of(archive, cache_dir))]
    run = asyncio.run(_print_run(site_dir, archive, volume_parts(archive), year_volumes))
    links = _links(run.served)
    files = []
    for record, item in zip(reversed(archive.years), run.printed):
        path = urls.report_path(record.year, "pdf")
        files.append(_write(site_dir, path, numbered(item, run.numbers, record.title, partial(links, pdf_path=path))))
    volume = assemble(run.front, run.printed, run.numbers, run.entries, archive.site.title, partial(links, pdf_path=urls.VOLUME_PATH))
    files.append(_write(site_dir, urls.VOLUME_PATH, volume))
    for year, bound in sorted(run.year_volumes.items()):
        files.append(_write(site_dir, urls.year_volume_path(year), bound))
    return files


def _write(site_dir: Path, relative: str, content: bytes) -> Path:
    target = urls.inside(site_dir, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="python -m nianjian.paper.pdf", description="把已生成网站的每个年度页和整本年鉴打印成 A4 PDF")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), metavar="文件夹", help="已生成的网站（默认 site），PDF 写到它的 downloads/")
    parser.add_argument("--data-dir", type=Path, default=Path("data"), metavar="文件夹", help="生成这个网站的数据目录（默认 data）")
    parser.add_argument("--edition", choices=EDITIONS, default=None, metavar="版本", help=f"{INTERNAL}（默认）或 {PUBLIC}：与生成网站时相同；不写时取环境变量 {EDITION_VARIABLE}")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}/ 里没有生成好的网站，请先运行 make build", file=sys.stderr)
        return 1
    try:
        archive = load_archive(args.data_dir, args.edition or edition_from_environment())
    except UnknownEdition as unknown:
        print(unknown, file=sys.stderr)
        return 2
    except DataInvalid as exc:
        print(format_report(exc.errors, "PDF 没有生成（请先修正数据并运行 make build）"), file=sys.stderr)
        return 1
    editions = {record.year: record.document.over(archive.site.document) for record in archive.years}
    try:
        files = print_volume(args.site_dir, archive, urls.inside(args.data_dir.resolve().parent, urls.CACHE_DIR))
        files += print_formal_editions(args.site_dir, editions)
    except (LibreOfficeMissing, PdfTextMissing) as exc:
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # no check foresaw it (the browser, the disk): one line, no traceback
        print(program_error(exc, "打印 PDF "), file=sys.stderr)
        return 3
    for path in files:
        print(f"已写入 {path}")
    if not any(path.stem.endswith("-formal") for path in files):
        print("没有生成正式文本 PDF：网站里没有正式文本的 Word 文件（用 make build 生成网站时才有）", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
