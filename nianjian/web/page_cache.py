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
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from nianjian.code_version import code_digest
from nianjian.stored import StoredResults, digest

CONVERSIONS = "pages"
SEARCH_ENTRIES = "search"
OUTPUTS = "output"
# Material's main.html as nianjian extends it: a stored page given as is, the preview's banner.
THEME_DIR = Path(__file__).resolve().parent / "theme"


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

    def get_output(self, page: str, key: str) -> str | None:
        """A page's finished HTML, as Material's templates made it from the same inputs."""
        stored = self.results.get(OUTPUTS, page, key)
        return stored.decode("utf-8", "surrogatepass") if stored is not None else None

    def put_output(self, page: str, key: str, output: str) -> None:
        self.results.put(OUTPUTS, page, key, output.encode("utf-8", "surrogatepass"))


def shared_inputs(config: MkDocsConfig, files: Files, unresolved: set[str]) -> str:
    """What every page's conversion depends on besides its own Markdown and place: the tools'
    versions, our code, mkdocs.yml (the Markdown extensions and their settings) and the site's
    files (a link is resolved against them). `unresolved`: files no Markdown link reaches (the
    tables' downloads, linked from our own HTML), left out so a preview that defers them
    (nianjian.web.preview) converts as a complete build does."""
    tools = [f"{name}={version(name)}" for name in ("mkdocs", "markdown", "mkdocs-material", "pymdown-extensions")]
    configuration = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
    site_files = "\n".join(sorted(f"{file.src_uri}\t{file.dest_uri}" for file in files if file.src_uri not in unresolved))
    return digest(*tools, code_digest(), configuration, str(config.use_directory_urls), site_files)


def _first_link(section: Section) -> str:
    """Where a collapsed section's link goes in Material's pruned sidebar: its first page, found
    through its first children."""
    item = section
    while item.children:
        first = item.children[0]
        if not first.children:
            return str(first.url)
        item = first
    return ""


def _nav_entry(item: object) -> str:
    if item.is_section:
        return f"S\t{item.title}\t{_first_link(item)}\t{len(item.children)}"
    if item.is_page:
        return f"P\t{item.title}\t{item.url}\t{item.is_index}\t{json.dumps(item.meta, ensure_ascii=False, sort_keys=True, default=str)}"
    return f"L\t{item.title}\t{item.url}"


def navigation_seen(nav: Navigation, page: Page, features: list[str]) -> str:
    """The part of the navigation Material's templates show on `page`: with navigation.prune,
    every top-level item and, along the page's own sections, their items; a section off that
    path is one link to its first page. Any other sidebar feature (sections, tabs, expand): all
    of it. A title saved in one year is then part of its own decade's pages only."""
    pruned = "navigation.prune" in features and not {"navigation.sections", "navigation.tabs", "navigation.expand"} & set(features)
    path = set(map(id, page.ancestors))
    parts = [str(nav.homepage.url) if nav.homepage else ""]

    def walk(items: list, depth: int) -> None:
        for item in items:
            parts.append(f"{depth}\t{_nav_entry(item)}")
            if item.is_section and (not pruned or id(item) in path):
                walk(item.children, depth + 1)

    walk(nav.items, 0)
    return digest(*parts)


def _neighbour(page: Page | None) -> str:
    return f"{page.title}\t{page.url}" if page is not None else ""


def output_key(cache: PageCache, page: Page, conversion: str, nav: Navigation, config: MkDocsConfig, context: dict, shown: str) -> str:
    """What Material's templates make a page's finished HTML from: its conversion (HTML, contents,
    title: `conversion` is that step's key), place, title, metadata and neighbours, the part of the
    navigation it shows, the settings our hooks give (site name, copyright, address), the program
    building it (Material names it in the page: MkDocs or ProperDocs) and what our main.html
    shows (`shown`: the search's scope). The templates, mkdocs.yml and our code are in every key
    already (shared_inputs)."""
    metadata = json.dumps(page.meta, ensure_ascii=False, sort_keys=True, default=str)
    return cache.key(
        OUTPUTS, conversion, page.url, str(page.title), metadata, _neighbour(page.previous_page), _neighbour(page.next_page),
        navigation_seen(nav, page, list(config.theme["features"])), str(config.site_name), str(config.copyright), str(config.site_url),
        str(context.get("mkdocs_version")), shown,
    )


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
