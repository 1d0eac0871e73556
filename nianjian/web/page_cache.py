"""What MkDocs and Material compute for a page, kept between builds (MkDocs adapter, imported by
the hooks only).

MkDocs converts every page's Markdown to HTML on every build, and `mkdocs serve` builds again on
every save; Material's search then parses every finished page again. For a page whose inputs
are unchanged, both results are taken from .cache/nianjian/ instead: MkDocs' own conversion
(the HTML, table of contents, title and anchors Page.render found) and the search entries
Material made of it. They are stored as those steps produced them, so the site is the same,
byte for byte, as one built without the cache (tests/test_preview.py).

Each page has one file per kind (nianjian.stored). A conversion that logged a warning is not
kept: under `--strict` the next build must stop at it again.
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from nianjian.code_version import code_digest
from nianjian.stored import StoredResults, digest

CONVERSIONS = "pages"
SEARCH_ENTRIES = "search"


class PageCache:
    """What MkDocs and Material made of each page, by kind, as JSON (nianjian.stored)."""

    def __init__(self, folder: Path, shared: str) -> None:
        self.results = StoredResults(folder, shared)

    def key(self, *parts: str) -> str:
        return self.results.key(*parts)

    def get(self, kind: str, page: str, key: str) -> dict | None:
        stored = self.results.get(kind, page, key)
        try:
            return json.loads(stored) if stored is not None else None
        except ValueError:  # cut short: made again
            return None

    def put(self, kind: str, page: str, key: str, value: dict) -> None:
        self.results.put(kind, page, key, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))


def shared_inputs(config: MkDocsConfig, files: Files) -> str:
    """What every page's conversion depends on besides its own Markdown and place: the tools'
    versions, our code, mkdocs.yml (the Markdown extensions and their settings) and the site's
    files (a link is resolved against them)."""
    tools = [f"{name}={version(name)}" for name in ("mkdocs", "markdown", "mkdocs-material", "pymdown-extensions")]
    configuration = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
    site_files = "\n".join(sorted(f"{file.src_uri}\t{file.dest_uri}" for file in files))
    return digest(*tools, code_digest(), configuration, str(config.use_directory_urls), site_files)


class WarningCounter(logging.Handler):
    """Counts the warnings MkDocs logs while it converts one page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _toc_items(items: list[AnchorLink]) -> list[dict]:
    return [{"title": item.title, "id": item.id, "level": item.level, "children": _toc_items(item.children)} for item in items]


def _anchor_links(items: list[dict]) -> list[AnchorLink]:
    links = []
    for item in items:
        link = AnchorLink(item["title"], item["id"], item["level"])
        link.children = _anchor_links(item["children"])
        links.append(link)
    return links


def converted(page: Page) -> dict:
    """What Page.render found, to store: the HTML, table of contents, title and anchors."""
    links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
    return {
        "content": page.content,
        "toc": _toc_items(list(page.toc)),
        "title": page._title_from_render,  # noqa: SLF001 (MkDocs keeps the first heading's title here)
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": links,
    }


def restore(page: Page, stored: dict, files: Files) -> str:
    """Give the page what Page.render found last time; returns its HTML."""
    toc = TableOfContents(_anchor_links(stored["toc"]))
    if len(toc):
        toc.items[0].active = True  # as mkdocs.structure.toc.get_toc marks it
    page.toc = toc
    page._title_from_render = stored["title"]  # noqa: SLF001
    page.present_anchor_ids = set(stored["anchors"])
    targets = {uri: files.get_file_from_path(uri) for uri in stored["links"]}
    page.links_to_anchors = {target: stored["links"][uri] for uri, target in targets.items() if target is not None}
    return stored["content"]
