"""What the render step hands to MkDocs. Kept free of heavy imports: the MkDocs process
unpickles these from the render worker without importing pandas or plotly."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian.errors import DataError
from nianjian.render.downloads import download_files
from nianjian.render.table import Table


@dataclass
class RenderedSite:
    site_name: str  # HTML-escaped: MkDocs themes insert it unescaped
    copyright: str
    pages: dict[str, str] = field(default_factory=dict)  # "years/2024.md" -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # "sources/x.txt" -> content copied as is
    tables: list[Table] = field(default_factory=list)  # working tables: their CSV/.xlsx are written separately, see worker

    @property
    def downloads(self) -> list[str]:
        """The download files the pages link to, e.g. "downloads/plans.csv"."""
        return [path for table in self.tables for path in download_files(table)]


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
