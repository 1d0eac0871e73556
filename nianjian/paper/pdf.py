"""`python -m nianjian.paper.pdf --site-dir site` (`make pdf`): a built site's year pages printed to
A4 PDFs by headless Chromium, next to their Word documents (downloads/report-YEAR.pdf), and
the whole 年鉴 as one volume (downloads/volume.pdf; what it holds: nianjian.paper.volume).

Chromium prints with the site's print styles (nianjian.css) and embeds the fonts it used; the
charts are the SVG drawn at build time (render/parts/chart_svg.py), so no page waits for plotly. The
running header carries the page's title. The site is served on 127.0.0.1 only for this:
nothing leaves it. Chromium prints the pages' links absolute,
to that server; the PDFs keep them relative to their place in the site, or under the site's
address when NIANJIAN_SITE_URL is set as for the build (nianjian.urls.printed_link).
"""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from functools import partial
from pathlib import Path

from nianjian import urls

from nianjian.paper import geometry
from nianjian.arguments import ChineseArgumentParser
from nianjian.errors import DataInvalid, format_report, program_error
from nianjian.escaping import html
from nianjian.check.load import load_archive
from nianjian.model import Archive
from nianjian.serving import served
from nianjian.paper.volume import assemble, contents, front_matter_html, numbered, page_numbers, page_numbers_html, printed_part, volume_parts

# Debian's chromium; elsewhere (a GitHub runner's Chrome) name the browser in NIANJIAN_CHROMIUM.
CHROMIUM = os.environ.get("NIANJIAN_CHROMIUM", "/usr/bin/chromium")
_HEADER = '<div style="width:100%;font-size:9pt;text-align:center;color:#555;font-family:{font};">{title}</div>'


class Printer:
    """Headless Chromium with the built site served on 127.0.0.1; only the site can be reached."""

    def __init__(self, site_dir: Path) -> None:
        self._site_dir = site_dir
        self._stack = ExitStack()

    def __enter__(self) -> Printer:
        from playwright.sync_api import sync_playwright

        self._base = self._stack.enter_context(served(self._site_dir))
        playwright = self._stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        self._stack.callback(browser.close)
        # Without scripts: paper shows what the build wrote (the charts' static drawings, the
        # tables as plain tables), and no page starts Material's search worker, which read the
        # whole search index for every page printed (a third of the print run at 50 years).
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
        self._page = context.new_page()
        self._page.emulate_media(media="print")  # the page only prints: set once, not per page
        base = self._base
        self._page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def served(self) -> str:
        """The address the site is served at while printing, e.g. "http://127.0.0.1:41234/"."""
        return self._base

    def site_page(self, url: str, header: str) -> bytes:
        """A built page on A4 (the site's print styles), `header` running at the top of each page;
        the page numbers are laid on afterwards (nianjian.paper.volume)."""
        page = self._page
        page.goto(self._base + url)  # charts print as drawn at build time: nothing to wait for
        # The header is drawn apart from the page: give it the print CSS's 黑体 list.
        pdf = page.pdf(
            format="A4", margin=geometry.pdf_margins(), print_background=False, display_header_footer=True,
            header_template=_HEADER.format(title=html(header), font=html(geometry.css_fonts("hei"))),
            footer_template="<span></span>",
        )
        return pdf

    def document(self, document: str) -> bytes:
        """An HTML document of our own (cover, contents, page numbers), with its own @page rules."""
        self._page.set_content(document)
        return self._page.pdf(prefer_css_page_size=True, print_background=False)


def print_volume(site_dir: Path, archive: Archive) -> list[Path]:
    """Print every year page to downloads/report-YEAR.pdf and the whole volume to
    downloads/volume.pdf; returns the files written."""
    parts = volume_parts(archive)
    with Printer(site_dir) as printer:
        printed = [printed_part(part, printer.site_page(part.url, part.title)) for part in parts]
        numbers = page_numbers(printer.document(page_numbers_html(sum(item.pages for item in printed))))
        entries = contents(printed)
        front = printer.document(front_matter_html(archive, entries))
    # The same variable as mkdocs.yml's site_url, read by the build.
    links = partial(urls.printed_link, served=printer.served, site_url=os.environ.get("NIANJIAN_SITE_URL") or None)
    written = []
    for record, item in zip(reversed(archive.years), printed):
        path = urls.report_path(record.year, "pdf")
        written.append(_write(site_dir, path, numbered(item, numbers, record.title, partial(links, pdf_path=path))))
    volume = assemble(front, printed, numbers, entries, archive.site.title, partial(links, pdf_path=urls.VOLUME_PATH))
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
    try:
        written = print_volume(args.site_dir, archive)
    except Exception as exc:  # no check foresaw it (the browser, the disk): one line, no traceback
        print(program_error(exc, "打印 PDF "), file=sys.stderr)
        return 3
    for path in written:
        print(f"已写入 {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
