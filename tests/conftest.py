"""Shared test helpers: a throwaway copy of the project with chosen data, built by real MkDocs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.site), *extra],
            cwd=self.root,
            env=env,
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
def built_real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own site (the 2024 report from the seed)."""
    return built_project(tmp_path_factory, REPO / "data")


def rows_of(html: str, table_id: str) -> list[list[str]]:
    """The text of each body row of the working table `table_id` on a built page."""
    table = re.search(rf'data-table-id="{re.escape(table_id)}"[^>]*>(.*?)</table>', html, re.S).group(1)
    return [
        [unescape(re.sub(r"<[^>]+>", "", value)).strip() for value in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
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
