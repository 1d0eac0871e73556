"""Shared test helpers: a throwaway copy of the project with chosen data, built by real MkDocs."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase
from playwright.sync_api import Browser, Page, sync_playwright

from nianjian.serving import served

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import search_recall  # noqa: E402 (the measurement scripts/search_recall.py makes; tests wait as it does)

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Property tests in the gate (`make test`, the default profile) are derandomized: each test draws
# the same examples on every run (its seed is its own source), so a red run means the change
# broke something. Hypothesis keeps no example database in that mode; an example that once
# failed is kept as an @example on its test. `make test-explore` (profile "explore") draws new
# examples from a random seed and keeps what fails in tests/hypothesis-examples/ (committed),
# which it replays first on the next exploration. Neither profile times an example against the
# wall clock (Hypothesis's deadline): on a shared machine that fails for the load, not a change.
settings.register_profile("gate", derandomize=True, deadline=None, print_blob=True)
settings.register_profile(
    "explore",
    derandomize=False,
    deadline=None,
    print_blob=True,
    database=DirectoryBasedExampleDatabase(Path(__file__).resolve().parent / "hypothesis-examples"),
)
settings.load_profile(os.environ.get("NIANJIAN_HYPOTHESIS", "gate"))


@dataclass
class Project:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        return path

    def build(self, *extra: str, site_url: str | None = None) -> subprocess.CompletedProcess:
        """`mkdocs build --strict` exactly as `make build` runs it, into <root>/site."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if site_url:
            env["NIANJIAN_SITE_URL"] = site_url
        return subprocess.run(self.build_command(*extra), cwd=self.root, env=env, capture_output=True, text=True, timeout=300)

    def build_command(self, *extra: str) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.site), *extra]

    def publish(self, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """`make build`: the build, then the years' Word documents (nianjian.paper.word_documents),
        swapped into <root>/site."""
        return subprocess.run(
            [sys.executable, "-m", "nianjian.web.publish", "--site-dir", str(self.site)],
            cwd=self.root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )

    def page(self, url_path: str) -> str:
        """The built HTML of a page, e.g. page("years/2024/")."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def make_project(root: Path, data_source: Path) -> Project:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data_source, root / "data")
    return Project(root)


def add_to_year(data: Path, year: int, text: str) -> Path:
    """A fixture's year file with `text` (YAML lists such as events: or photos:) written before its
    `problems: []`, as an editor adds a part; the year file."""
    path = data / "years" / f"{year}.yaml"
    original = path.read_text(encoding="utf-8")
    assert "problems: []\n" in original
    path.write_text(original.replace("problems: []\n", text + "problems: []\n", 1), encoding="utf-8")
    return path


def published_project(tmp_path_factory: pytest.TempPathFactory, data_source: Path) -> Project:
    """A project built as `make build` builds it (Word documents included), for tests that only
    read its site."""
    project = make_project(tmp_path_factory.mktemp("published") / "project", data_source)
    result = project.publish()
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def multi_year(tmp_path: Path) -> Project:
    """A project with three years of fixture data (2022–2024), real and sample metrics."""
    return make_project(tmp_path / "project", FIXTURES / "multi-year")


def built_project(tmp_path_factory: pytest.TempPathFactory, data_source: Path) -> Project:
    """A project built once, for tests that only read its site."""
    project = make_project(tmp_path_factory.mktemp("built") / "project", data_source)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def built_multi_year(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The three-year fixture (multi_year) built once, for tests that only read its site."""
    return built_project(tmp_path_factory, FIXTURES / "multi-year")


@pytest.fixture(scope="session")
def built_real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own site (the 2024 report from the seed)."""
    return built_project(tmp_path_factory, REPO / "data")


def rows_of(html: str, table_id: str) -> list[list[str]]:
    """The text of each body row of the working table `table_id` on a built page."""
    table = re.search(rf'data-table-id="{re.escape(table_id)}"[^>]*>(.*?)</table>', html, re.S).group(1)
    return [
        [unescape(re.sub(r"<[^>]+>", "", value)).strip() for value in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    ]


def inked_box_mm(pdf: Path, page: int, folder: Path) -> tuple[float, float, float, float]:
    """Where anything is drawn on one page of an A4 PDF (left, top, right, bottom in mm from
    the paper's top left), read off the page rendered to PNG at 50 dots an inch."""
    from PIL import Image, ImageOps

    prefix = folder / f"page-{page}"
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(prefix)], check=True)
    image = Image.open(f"{prefix}.png")
    box = ImageOps.invert(image.convert("L")).point(lambda value: 255 if value > 24 else 0).getbbox()
    scale = image.width / 210  # pixels a millimetre
    return tuple(edge / scale for edge in box)


# The editors' commands, run as real processes.

SEED = REPO / "data" / "sources" / "2024-service-center-summary.txt"


def nianjian(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nianjian", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "multi-year", tmp_path / "data")
    return tmp_path


# A real Chromium reading a served site.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve_built_site(tmp_path_factory: pytest.TempPathFactory, data_source: Path) -> Iterator[str]:
    """A site built for and served at the same address (Material's instant navigation only
    takes over links whose host and port match the site_url it was built with), compressed
    and with the cache headers the README asks of the intranet server (nianjian.serving)."""
    project = make_project(tmp_path_factory.mktemp("browser") / "project", data_source)
    with socket.socket() as probe:  # a free port, to build the site for it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = project.publish({"NIANJIAN_SITE_URL": f"http://127.0.0.1:{port}/"})  # make build: Word files too
    assert result.returncode == 0, result.stderr
    with served(project.site, port) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's own site (the 2024 report), built and served once a test worker."""
    yield from serve_built_site(tmp_path_factory, REPO / "data")


@pytest.fixture(scope="session")
def kb_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Four years of fixture data with plans, outcomes and recurring problems, built and served
    once a test worker."""
    yield from serve_built_site(tmp_path_factory, FIXTURES / "knowledge-base")


def visit(page: Page, url: str) -> None:
    """Open a page as a reader does, moving the pointer (which brings plotly to a page with
    charts), and wait until it has everything, every chart drawn by plotly."""
    page.goto(url)
    page.mouse.move(200, 400)
    page.mouse.move(220, 420)
    page.wait_for_load_state("networkidle")
    if page.locator(".nj-chart").count():
        wait_for_charts(page, 1)
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run (each test opens its own context)."""
    if not CHROMIUM.exists():
        pytest.fail("浏览器测试需要 Debian 的 chromium（/usr/bin/chromium）：apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized Chinese browser tab of its own for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def wait_for_charts(page: Page, count: int) -> None:
    """Every chart of the page drawn (charts.js draws them as they near the screen; this asks
    for all of them, as printing does). After an instant navigation the address changes before
    the new content is in place: the page must hold `count` charts first."""
    page.wait_for_function("n => document.querySelectorAll('.nj-chart').length >= n", arg=count, timeout=20_000)
    page.wait_for_function("() => window.nianjianDrawCharts !== undefined", timeout=20_000)
    page.evaluate("window.nianjianDrawCharts()")
    page.wait_for_function(
        "n => document.querySelectorAll('.nj-chart[data-drawn] svg.main-svg').length >= n && "
        "document.querySelectorAll('.nj-chart[data-drawn]').length === document.querySelectorAll('.nj-chart').length",
        arg=count,
        timeout=20_000,
    )


def search(page: Page, url: str, query: str) -> list[dict]:
    """Material's search box opened with `query` (?q=): each hit's link, shown text (HTML, with
    its <mark>s) and tags, best first."""
    page.goto(url + "?q=" + query)
    return search_hits(page)


def search_hits(page: Page) -> list[dict]:
    """The hits the open search panel shows, once Material has answered the query in its box."""
    search_recall.wait_for_answer(page)
    return page.locator(".md-search-result__link").evaluate_all(
        """links => links.map(link => ({href: decodeURIComponent(link.getAttribute('href')), html: link.innerHTML,
            tags: [...link.querySelectorAll('.md-tag')].map(tag => tag.textContent.trim())}))"""
    )


def hit_years(hits: list[dict]) -> set[str]:
    """The years of the year-page hits of search()."""
    return {hit["href"].split("years/", 1)[1][:4] for hit in hits if "years/" in hit["href"]}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that opens Chromium is a browser test (`make test-fast` leaves them out), told
    by the fixture it uses rather than by a mark someone must remember."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
