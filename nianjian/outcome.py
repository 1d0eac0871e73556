"""What the render step hands to MkDocs. Kept free of heavy imports: the MkDocs process
unpickles these from the render worker without importing pandas or plotly."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian.errors import DataError


@dataclass
class RenderedSite:
    site_name: str  # HTML-escaped: MkDocs themes insert it unescaped
    copyright: str
    pages: dict[str, str] = field(default_factory=dict)  # "years/2024.md" -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # "sources/x.txt" -> content copied as is
    downloads: list[str] = field(default_factory=list)  # "downloads/plans.csv": written separately, see worker


@dataclass
class BuildOutcome:
    """One pass over data/: the rendered site, or every problem found."""

    rendered: RenderedSite | None
    errors: list[DataError]
