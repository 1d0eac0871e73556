"""What the render step hands to MkDocs. Kept free of heavy imports: the MkDocs process
unpickles these from the render worker without importing pandas or plotly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from nianjian.errors import DataError
from nianjian.navigation import SECTIONS
from nianjian.render.downloads import download_files
from nianjian.render.table import Table


@dataclass
class RenderedSite:
    site_name: str  # HTML-escaped: MkDocs themes insert it unescaped
    copyright: str
    pages: dict[str, str] = field(default_factory=dict)  # "years/2024.md" -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # "sources/x.txt" -> content copied as is
    # Working tables, whose CSV/.xlsx files are written separately (see worker), and the paths of
    # those files. MkDocs needs only the paths: the worker sends it the site without the tables,
    # whose thousands of cells would cost both processes pickling time and memory.
    tables: list[Table] = field(default_factory=list)
    sections: tuple[tuple[str, str], ...] = SECTIONS  # (folder, navigation title), in order
    downloads: list[str] = field(default_factory=list)  # e.g. "downloads/plans.csv"

    def add_tables(self, tables: Iterable[Table]) -> None:
        for table in tables:
            self.tables.append(table)
            self.downloads.extend(download_files(table))


@dataclass(frozen=True)
class RenderedPage:
    """One generated page: its Markdown and the working tables on it."""

    markdown: str
    tables: tuple[Table, ...] = ()


@dataclass
class BuildOutcome:
    """One pass over data/: the rendered site, or every problem found."""

    rendered: RenderedSite | None
    errors: list[DataError]
