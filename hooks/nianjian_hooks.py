"""MkDocs adapter. The core (package `nianjian`) loads, validates and renders; these hooks
hand the rendered pages to MkDocs and arrange the navigation.

Validation finishes in on_pre_build, before MkDocs empties the site folder, so a data
error leaves the last good site/ untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from nianjian.assets import PLOTLY_JS_URI, plotly_js_path
from nianjian.errors import format_report
from nianjian.search_words import check_search_words
from nianjian import worker
from nianjian.outcome import BuildOutcome, RenderedSite

# Per-build values travel with this build's config, so `mkdocs serve` rebuilds start fresh.
_PENDING_KEY = "nianjian_pending"  # the worker process, or the outcome rendered in-process
_RENDERED_KEY = "nianjian_rendered"
_DOWNLOADS_KEY = "nianjian_downloads"  # temporary folder the tables' CSV/.xlsx files are written to
_DOWNLOADS_PREFIX = "nianjian-downloads-"


# The MkDocs command of this process ("build", "serve", "gh-deploy"), set once by on_startup:
# hooks are a module, so this is where MkDocs lets them remember it (Material's plugins keep
# the same on their plugin object).
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: its preview keeps running on data errors."""
    global _command
    _command = command
    # jieba (Chinese search segmentation) logs its dictionary loading at DEBUG to stderr.
    logging.getLogger("jieba").setLevel(logging.WARNING)


@event_priority(100)  # before the search plugin, which spends ~1.5 s loading jieba's dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start loading and rendering data/. A one-off `mkdocs build` does it in a worker process,
    so importing pandas/plotly and rendering run on the second core while MkDocs sets up its
    own plugins; `mkdocs serve` renders in-process, where the modules stay imported between
    rebuilds."""
    data_dir = Path(config.config_file_path).parent / "data"
    # Material's search plugin loads data/search-words.txt right after this hook; a bad file
    # would stop it with a traceback, so that one file is checked here, before it can.
    if errors := check_search_words(data_dir):
        raise PluginError(format_report(errors))
    # Named with our process id so on_shutdown finds what a failed build left behind.
    downloads = Path(tempfile.mkdtemp(prefix=f"{_DOWNLOADS_PREFIX}{os.getpid()}-"))
    config[_DOWNLOADS_KEY] = downloads
    if _serving():
        config[_PENDING_KEY] = worker.render_in_process(data_dir, downloads, preview=True)
    else:
        config[_PENDING_KEY] = worker.start(data_dir, downloads)
    return config


def _serving() -> bool:
    return _command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    """A data error stops `mkdocs build` before site/ is touched. Under `mkdocs serve` the
    preview keeps running: the terminal gets the same report as `nianjian validate` and every
    generated page shows the problems until the file is fixed and saved."""
    pending = config[_PENDING_KEY]
    try:
        outcome: BuildOutcome = pending if isinstance(pending, BuildOutcome) else worker.finish(pending)
    except worker.WorkerFailed as exc:
        _clean_up(config)
        raise PluginError(str(exc)) from None
    if outcome.errors and not _serving():
        _clean_up(config)
        raise PluginError(format_report(outcome.errors))
    if outcome.errors:
        print(format_report(outcome.errors, "预览页面显示这些问题，修正并保存后自动刷新"), file=sys.stderr, flush=True)
    rendered = outcome.rendered
    config.site_name = rendered.site_name
    config.copyright = rendered.copyright
    config[_RENDERED_KEY] = rendered


def on_files(files: Files, config: MkDocsConfig) -> Files:
    rendered: RenderedSite = config[_RENDERED_KEY]
    for path, markdown in rendered.pages.items():
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} 与自动生成的页面重名，请删除 docs/{path}")
        files.append(File.generated(config, path, content=markdown))
    for path, content in rendered.files.items():
        files.append(File.generated(config, path, content=content))
    for path in rendered.downloads:  # written by the worker while MkDocs renders the pages
        files.append(File.generated(config, path, abs_src_path=str(config[_DOWNLOADS_KEY] / path)))
    files.append(File.generated(config, PLOTLY_JS_URI, abs_src_path=str(plotly_js_path())))
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    """MkDocs copies static files right after this event: the downloads must be complete."""
    pending = config[_PENDING_KEY]
    if not isinstance(pending, BuildOutcome):
        try:
            worker.wait_for_downloads(pending)
        except worker.WorkerFailed as exc:
            raise PluginError(str(exc)) from None
    return env


def on_post_build(config: MkDocsConfig) -> None:
    _clean_up(config)


def on_build_error(error: Exception) -> None:
    """A failed build (a strict warning, a bad link) ends without on_post_build, and this event
    gets no config: remove this process's downloads folders by their name."""
    _remove_downloads_folders()


def on_shutdown() -> None:
    _remove_downloads_folders()


def _remove_downloads_folders() -> None:
    for folder in Path(tempfile.gettempdir()).glob(f"{_DOWNLOADS_PREFIX}{os.getpid()}-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _clean_up(config: MkDocsConfig) -> None:
    pending = config.get(_PENDING_KEY)
    if pending is not None and not isinstance(pending, BuildOutcome) and pending.poll() is None:
        pending.wait()
    shutil.rmtree(config[_DOWNLOADS_KEY], ignore_errors=True)


def _folder(section: Section) -> str | None:
    for child in section.children:
        if child.is_page:
            return child.file.src_uri.split("/", 1)[0]
    return None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Chinese section titles, years before the guide; years newest first, after the years index."""
    sections = dict(config[_RENDERED_KEY].sections)  # folder -> title, in order
    order = list(sections)
    nav.items.sort(key=lambda item: _nav_rank(item, order))
    for item in nav.items:
        if not isinstance(item, Section):
            continue
        folder = _folder(item)
        item.title = sections.get(folder, item.title)
        if folder == "years":
            item.children.sort(key=lambda child: (not child.file.src_uri.endswith("index.md"), -_year_of(child.file.src_uri)))
    return nav


def _nav_rank(item, order: list[str]) -> int:
    """Pages at the top level first, then the sections in the order the site gives."""
    folder = _folder(item) if isinstance(item, Section) else None
    return order.index(folder) + 1 if folder in order else 0


def _year_of(src_uri: str) -> int:
    stem = Path(src_uri).stem
    return int(stem) if stem.isdigit() else 0
