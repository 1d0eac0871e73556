"""What the render step hands to MkDocs: the generated pages and files of the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nianjian import urls
from nianjian.check.secrecy import Finding
from nianjian.errors import DataError
from nianjian.navigation import SECTIONS
from nianjian.render.formats.downloads import download_contents
from nianjian.render.parts.search_text import SearchSection, sections_json
from nianjian.render.parts.table import Table


# How much of the generated pages, downloads (and, in the hooks, converted HTML) a build holds
# in memory before it writes the rest to its folder: fast for an agency's decades of years,
# bounded for thousands.
HELD_BYTES = 128 * 1024 * 1024
HELD_BYTES_VARIABLE = "NIANJIAN_HELD_BYTES"  # another amount (0: write everything), for tests and small machines


def held_size(content: str | bytes) -> int:
    """What holding a page or file costs, about: a character of Chinese text takes two bytes."""
    return len(content) * 2 if isinstance(content, str) else len(content)


@dataclass
class RenderedSite:
    site_name: str  # escaped for the theme (nianjian.escaping.theme_text)
    copyright: str
    # "years/2024.md" -> Markdown, or the file it was written to (with `spill_dir`)
    pages: dict[str, str | Path] = field(default_factory=dict)
    # "sources/x.txt" -> content copied as is; also every working table's CSV and .xlsx download;
    # a photograph's variant is a file of the build's cache (a Path), copied by MkDocs
    files: dict[str, bytes | Path] = field(default_factory=dict)
    sections: tuple[tuple[str, str], ...] = SECTIONS  # (folder, navigation title), in order
    # Search hits' labels by site location: "years/2024/#搬迁工作" -> ("2024年", "物业、物资管理")
    search_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Search filters' words by site location (render/pages/search_filters.py): "years/2024/#搬迁工作"
    # -> ("year_2024", "kind_report", "area_property")
    search_facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    years: tuple[int, ...] = ()  # the years with a page, oldest first
    # Where pages and downloads go once more than HELD_BYTES of them are held (the MkDocs build
    # reads them from there): at 2,000 years the pages' Markdown alone filled 700 MB, while a
    # small site is faster held (`mkdocs serve` builds again on every save).
    spill_dir: Path | None = None
    most_held: int = HELD_BYTES
    held_bytes: int = 0
    # The preview (`mkdocs serve`) leaves the tables' downloads for its complete build, made once
    # the editor pauses (nianjian.web.preview); their paths are known either way.
    downloads_deferred: bool = False
    download_paths: set[str] = field(default_factory=set)
    # "years/2024.md" -> what search finds on the page (RenderedPage.search) as JSON
    # (search_text.sections_json), or the file it was written to; for the pages whose model gives it
    search_texts: dict[str, str | Path] = field(default_factory=dict)

    def put_page(self, path: str, markdown: str) -> None:
        self.pages[path] = self._kept(path, markdown)

    def put_file(self, path: str, content: bytes) -> None:
        self.files[path] = self._kept(path, content)

    def _kept(self, path: str, content: str | bytes) -> str | bytes | Path:
        if self.spill_dir is None or self.held_bytes + held_size(content) <= self.most_held:
            self.held_bytes += held_size(content)
            return content
        target = urls.inside(self.spill_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return target

    def search_json(self, path: str) -> str | None:
        """What search finds on the page at `path` (search_text.sections_json), when its model
        gives it (add_page)."""
        kept = self.search_texts.get(path)
        return kept.read_text(encoding="utf-8") if isinstance(kept, Path) else kept

    def add_page(self, path: str, page: RenderedPage) -> None:
        """A page and the download files of its working tables (two tables may not share a name)."""
        self.put_page(path, page.markdown)
        if page.search is not None:
            self.search_texts[path] = self._kept(f"search-text/{path}.json", sections_json(page.search))
        for table in page.tables:
            if clash := self.download_paths.intersection(table.download_paths):
                raise ValueError(f"two tables would write {' '.join(sorted(clash))}")
            self.download_paths.update(table.download_paths)
            if not self.downloads_deferred:
                for file_path, content in download_contents(table).items():
                    self.put_file(file_path, content)


@dataclass(frozen=True)
class RenderedPage:
    """One generated page: its Markdown and the working tables on it."""

    markdown: str
    tables: tuple[Table, ...] = ()
    # What search finds on it, rendered from its model (render/parts/search_text.py); None: the
    # search plugin reads it from the page's HTML, as it reads docs/'s own pages.
    search: tuple[SearchSection, ...] | None = None


@dataclass
class BuildOutcome:
    """One pass over data/: the rendered site, or every problem found."""

    rendered: RenderedSite | None
    errors: list[DataError]
    unfinished: list[DataError] = field(default_factory=list)  # preview: texts still “（待填写）”
    accepted: list[Finding] = field(default_factory=list)  # secrecy findings editors accepted, listed at each build
