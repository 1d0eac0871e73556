"""What the render step hands to MkDocs: the generated pages and files of the site."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian.errors import DataError
from nianjian.navigation import SECTIONS
from nianjian.render.table import Table


@dataclass
class RenderedSite:
    site_name: str  # HTML-escaped: MkDocs themes insert it unescaped
    copyright: str
    pages: dict[str, str] = field(default_factory=dict)  # "years/2024.md" -> Markdown
    # "sources/x.txt" -> content copied as is; also every working table's CSV and .xlsx download
    files: dict[str, bytes] = field(default_factory=dict)
    sections: tuple[tuple[str, str], ...] = SECTIONS  # (folder, navigation title), in order


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
