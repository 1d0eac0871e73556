"""MkDocs adapter. The core (package `nianjian`) loads, validates and renders; these hooks
hand the rendered pages to MkDocs and arrange the navigation.

Validation runs in on_config, before MkDocs empties the site folder, so a data error
leaves the last good site/ untouched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from nianjian.assets import PLOTLY_JS_URI, plotly_js_path
from nianjian.errors import DataInvalid
from nianjian.load import load_archive
from nianjian.pages import RenderedSite, render_site

# The rendered site travels with this build's config, so `mkdocs serve` rebuilds start fresh.
_RENDERED_KEY = "nianjian_rendered"
_SECTION_TITLES = {"years": "年度报告", "guide": "编辑指南"}
_SECTION_ORDER = ["years", "guide"]


def on_startup(command: str, dirty: bool) -> None:
    # jieba (Chinese search segmentation) logs its dictionary loading at DEBUG to stderr.
    logging.getLogger("jieba").setLevel(logging.WARNING)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        archive = load_archive(data_dir)
    except DataInvalid as exc:
        raise PluginError(str(exc)) from None
    rendered = render_site(archive)
    config.site_name = rendered.site_name
    config.copyright = rendered.copyright
    config[_RENDERED_KEY] = rendered
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    rendered: RenderedSite = config[_RENDERED_KEY]
    for path, markdown in rendered.pages.items():
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} 与自动生成的页面重名，请删除 docs/{path}")
        files.append(File.generated(config, path, content=markdown))
    for path, content in rendered.files.items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, PLOTLY_JS_URI, abs_src_path=str(plotly_js_path())))
    return files


def _folder(section: Section) -> str | None:
    for child in section.children:
        if child.is_page:
            return child.file.src_uri.split("/", 1)[0]
    return None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Chinese section titles, years before the guide; years newest first, after the years index."""
    nav.items.sort(key=_nav_rank)
    for item in nav.items:
        if not isinstance(item, Section):
            continue
        folder = _folder(item)
        item.title = _SECTION_TITLES.get(folder, item.title)
        if folder == "years":
            item.children.sort(key=lambda child: (not child.file.src_uri.endswith("index.md"), -_year_of(child.file.src_uri)))
    return nav


def _nav_rank(item) -> int:
    """Pages at the top level first, then the sections in _SECTION_ORDER."""
    folder = _folder(item) if isinstance(item, Section) else None
    return _SECTION_ORDER.index(folder) + 1 if folder in _SECTION_ORDER else 0


def _year_of(src_uri: str) -> int:
    stem = Path(src_uri).stem
    return int(stem) if stem.isdigit() else 0
