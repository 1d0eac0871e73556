"""`python -m nianjian.pdf --site-dir site` (`make pdf`): each year page of a built site printed
to an A4 PDF by headless Chromium, next to its Word document (downloads/report-YEAR.pdf).

Chromium draws the plotly charts exactly as on screen, prints with the site's print styles
(nianjian.css) and embeds the fonts it used; the page has its charts redrawn for the printed
width (charts.js) before printing. The running header carries the year's title, the footer
the page number as “— N —”. The site is served on 127.0.0.1 only for this: nothing leaves it.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nianjian import urls

# Debian's chromium; elsewhere (a GitHub runner's Chrome) name the browser in NIANJIAN_CHROMIUM.
CHROMIUM = os.environ.get("NIANJIAN_CHROMIUM", "/usr/bin/chromium")
_HEADER = '<div style="width:100%;font-size:8pt;text-align:center;color:#555;">{title}</div>'
_FOOTER = '<div style="width:100%;font-size:10pt;text-align:center;">— <span class="pageNumber"></span> —</div>'
# The same margins as @page in nianjian.css, with room for the header and footer lines.
_MARGINS = {"top": "20mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}
_YEAR = re.compile(r"[0-9]{4}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


@contextmanager
def _served(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def year_pages(site_dir: Path) -> list[int]:
    return sorted(int(path.parent.name) for path in site_dir.glob("years/*/index.html") if _YEAR.fullmatch(path.parent.name))


def print_years(site_dir: Path) -> list[Path]:
    """Print every year page; returns the PDFs written."""
    from playwright.sync_api import sync_playwright

    written = []
    with _served(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        # Only the site itself may be reached while printing.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        for year in year_pages(site_dir):
            page.goto(base + urls.year_url(year))
            page.wait_for_function(
                "[...document.querySelectorAll('.nj-chart')].every(chart => chart.getAttribute('data-drawn'))", timeout=30_000
            )
            title = page.title().split(" - ")[0]
            page.emulate_media(media="print")
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            target = urls.inside(site_dir, urls.report_path(year, "pdf"))
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(target), format="A4", margin=_MARGINS, print_background=False, display_header_footer=True,
                header_template=_HEADER.format(title=html.escape(title)), footer_template=_FOOTER,
            )
            page.emulate_media(media="screen")
            written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nianjian.pdf", description="把已生成网站的每个年度页打印成 A4 PDF")
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}/ 里没有生成好的网站，请先运行 make build", file=sys.stderr)
        return 1
    for path in print_years(args.site_dir):
        print(f"已写入 {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
