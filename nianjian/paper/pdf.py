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
from nianjian.check.load import load_archive
from nianjian.model import Archive
from nianjian.serving import served
from nianjian.paper.formal_pdf import LibreOfficeMissing, print_formal_editions
from nianjian.paper.volume import (
    ContentsEntry, PrintedPart, VolumePart, assemble, blank_before, contents, front_matter_html, numbered, page_numbers, page_numbers_html,
    printed_part, volume_parts,
)

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
    """What Chromium printed: every part, the sheet of page numbers, the cover and contents."""

    printed: list[PrintedPart]
    numbers: pikepdf.Pdf
    entries: list[ContentsEntry]
    front: bytes
    served: str  # the address the site was served at while printing, e.g. "http://127.0.0.1:41234/"


async def _print_run(site_dir: Path, archive: Archive, parts: list[VolumePart]) -> PrintRun:
    """Headless Chromium with the built site served on 127.0.0.1; only the site can be reached."""
    from playwright.async_api import Route, async_playwright

    with served(site_dir) as base:

        async def only_the_site(route: Route) -> None:
            await (route.continue_() if route.request.url.startswith(base) else route.abort())

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
                            header_template=_HEADER.format(
                                title=html(part.title), top=geometry.RUNNING_HEAD_TOP_MM - _CHROMIUM_HEAD_MM, colour=palette.RUNNING_HEAD, font=html(geometry.css_fonts("hei")),
                            ),
                            footer_template="<span></span>",
                        ))

                await asyncio.gather(*(print_parts(page) for page in pages))
                done = [item for item in printed if item is not None]
                numbers = page_numbers(await _document(pages[0], page_numbers_html(sum(item.pages for item in done) + sum(blank_before(done)))))
                entries = contents(done)
                front = await _document(pages[0], front_matter_html(archive, entries))
            finally:
                await browser.close()
    return PrintRun(done, numbers, entries, front, base)


async def _document(page: Page, document: str) -> bytes:
    """An HTML document of our own (cover, contents, page numbers), with its own @page rules."""
    await page.set_content(document)
    return await page.pdf(prefer_css_page_size=True, print_background=False)


def print_volume(site_dir: Path, archive: Archive) -> list[Path]:
    """Print every year page to downloads/report-YEAR.pdf and the whole volume to
    downloads/volume.pdf; returns the files written."""
    run = asyncio.run(_print_run(site_dir, archive, volume_parts(archive)))
    # The same variable as mkdocs.yml's site_url, read by the build.
    links = partial(urls.printed_link, served=run.served, site_url=os.environ.get("NIANJIAN_SITE_URL") or None)
    written = []
    for record, item in zip(reversed(archive.years), run.printed):
        path = urls.report_path(record.year, "pdf")
        written.append(_write(site_dir, path, numbered(item, run.numbers, record.title, partial(links, pdf_path=path))))
    volume = assemble(run.front, run.printed, run.numbers, run.entries, archive.site.title, partial(links, pdf_path=urls.VOLUME_PATH))
    written.append(_write(site_dir, urls.VOLUME_PATH, volume))
    return written


def _write(site_dir: Path, relative: str, content: bytes) -> Path:
    target = urls.inside(site_dir, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="python -m nianjian.paper.pdf", description="把已生成网站的每个年度页和整本年鉴打印成 A4 PDF")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), metavar="文件夹", help="已生成的网站（默认 site），PDF 写到它的 downloads/")
    parser.add_argument("--data-dir", type=Path, default=Path("data"), metavar="文件夹", help="生成这个网站的数据目录（默认 data）")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}/ 里没有生成好的网站，请先运行 make build", file=sys.stderr)
        return 1
    try:
        archive = load_archive(args.data_dir)
    except DataInvalid as exc:
        print(format_report(exc.errors, "PDF 没有生成（请先修正数据并运行 make build）"), file=sys.stderr)
        return 1
    editions = {record.year: record.document.over(archive.site.document) for record in archive.years}
    try:
        written = print_volume(args.site_dir, archive)
        written += print_formal_editions(args.site_dir, editions)
    except LibreOfficeMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # no check foresaw it (the browser, the disk): one line, no traceback
        print(program_error(exc, "打印 PDF "), file=sys.stderr)
        return 3
    for path in written:
        print(f"已写入 {path}")
    if not any(path.stem.endswith("-formal") for path in written):
        print("没有生成正式文本 PDF：网站里没有正式文本的 Word 文件（用 make build 生成网站时才有）", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
