"""MkDocs adapter. The core (package `nianjian`) loads, validates and renders; these hooks
hand the rendered pages to MkDocs and arrange the navigation.

Validation finishes in on_pre_build, before MkDocs empties the site folder, so a data
error leaves the last good site/ untouched.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path

import jinja2

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from nianjian.web.assets import site_assets
from nianjian.urls import CACHE_DIR, CACHE_LINK_REFUSED, UnsafePath, inside
from nianjian.errors import first_per_file, format_report, program_error
from nianjian.navigation import YearGroup, year_groups
from nianjian.check.edition import UnknownEdition, edition_from_environment
from nianjian.check.parsed_files import ParsedFiles
from nianjian.check.secrecy import accepted_report
from nianjian.render.pages.site import load_and_render
from nianjian.render.pages.rendered import HELD_BYTES, HELD_BYTES_VARIABLE, RenderedSite, held_size
from nianjian.web.material_search import NianjianSearchIndex
from nianjian.stored import digest
from nianjian.web.page_cache import CONVERSIONS, THEME_DIR, PageCache, WarningCounter, converted, output_key, restore, shared_inputs
from nianjian.web.preview import Preview, pause_from_environment, preview_note, with_banner
from nianjian.web.search_scope import search_scope
from nianjian.check.search_words import SEARCH_WORDS_FILE, check_search_words
from nianjian.web.search_words_cut import WordCutter

# The rendered site travels with this build's config, so `mkdocs serve` rebuilds start fresh.
_RENDERED_KEY = "nianjian_rendered"
_ASSETS_KEY = "nianjian_assets"
_PAGE_CACHE_KEY = "nianjian_page_cache"
_SPILL_KEY = "nianjian_spill"  # the folder of this build's generated pages and downloads
_HELD_HTML_KEY = "nianjian_held_html"  # bytes of converted HTML held in memory so far
_WAITING_KEY = "nianjian_waiting"  # the pages whose HTML waits in the folder
_MOST_HELD_KEY = "nianjian_most_held"
_CONVERTING_KEY = "nianjian_converting"  # the page being converted: its key, Markdown and warnings
_CONVERTED_KEY = "nianjian_converted"  # each page's conversion key, when the conversion did not warn
_OUTPUT_KEY = "nianjian_output"  # the page being built and its output's key, when it is to be stored
_NOTE_KEY = "nianjian_note"  # the preview's banner ("" in a complete build)
_SCOPE_KEY = "nianjian_search_scope"  # how far back the search panel searches at first, or None
_SCOPE_SHOWN_KEY = "nianjian_scope_shown"  # what pages are told of it, and that as JSON for the output key

# The MkDocs command of this process ("build", "serve", "gh-deploy"), set once by on_startup,
# and under `mkdocs serve` the preview's state between builds (set by on_serve): hooks are a
# module, so this is where MkDocs lets them remember (Material's plugins keep the same on their
# plugin object).
_command = "build"
_preview: Preview | None = None
_parsed: ParsedFiles | None = None  # serve: the YAML files as parsed at the last save


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: its preview keeps running on data errors."""
    global _command, _parsed
    _command = command
    _parsed = ParsedFiles() if command == "serve" else None
    # jieba (Chinese search segmentation) logs its dictionary loading at DEBUG to stderr.
    logging.getLogger("jieba").setLevel(logging.WARNING)


@event_priority(100)  # before the other plugins
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """data/search-words.txt is jieba's user dictionary for the search index; jieba would stop
    at a bad line with a traceback, so that one file is checked first, before the build starts."""
    if errors := check_search_words(_data_dir(config)):
        raise PluginError(format_report(first_per_file(errors)))
    _hash_asset_names(config)
    return config


def _hash_asset_names(config: MkDocsConfig) -> None:
    """mkdocs.yml names our CSS/JS as they are in docs/; pages link them by content-hashed
    names instead (nianjian.web.assets), which on_files puts in their place."""
    scripts = [str(script) for script in config.extra_javascript]  # a path, or an object with one
    assets = site_assets(Path(config.docs_dir), [*config.extra_css, *scripts])
    renamed = {asset.replaces: asset.uri for asset in assets if asset.replaces}
    config.extra_css = [renamed[path] for path in config.extra_css]
    for index, script in enumerate(config.extra_javascript):
        if isinstance(script, str):
            config.extra_javascript[index] = renamed[script]
        else:
            script.path = renamed[script.path]
    config[_ASSETS_KEY] = assets


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _data_dir(config: MkDocsConfig) -> Path:
    return _project_dir(config) / "data"


def _serving() -> bool:
    return _command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, validate and render data/, in this process: with scripts/benchmark.py a separate
    worker process was no faster at 10, 50 or 200 years and held a second copy of the libraries.
    A data error stops `mkdocs build` before site/ is touched. Under `mkdocs serve` the preview keeps running: the terminal gets the same
    report as `nianjian validate` and every generated page shows the problems until the file
    is fixed and saved."""
    try:
        cache_dir = inside(_project_dir(config), CACHE_DIR)
    except UnsafePath:
        raise PluginError(CACHE_LINK_REFUSED) from None
    try:
        edition = edition_from_environment()  # `make build EDITION=公开`
    except UnknownEdition as unknown:
        raise PluginError(str(unknown)) from None
    # `mkdocs serve` starts complete; a save is a preview until the editor pauses (web/preview.py).
    deferring = _preview is not None and not _preview.build_starts()
    config[_NOTE_KEY] = preview_note(_preview.pause) if deferring else ""
    try:
        # The pages and downloads go to a folder of this build as they are made, not held (at
        # 2,000 years their Markdown alone was 700 MB); MkDocs reads them from there.
        spill = tempfile.TemporaryDirectory(prefix="nianjian-pages-")
        config[_SPILL_KEY] = spill
        config[_MOST_HELD_KEY] = most_held = _most_held()
        config[_HELD_HTML_KEY] = 0
        config[_WAITING_KEY] = set()
        config[_CONVERTED_KEY] = {}
        outcome = load_and_render(
            _data_dir(config), preview=_serving(), cache_dir=cache_dir, edition=edition, spill_dir=Path(spill.name), most_held=most_held,
            defer_downloads=deferring, parsed=_parsed,
        )
    except Exception as exc:  # no check foresaw it: one line, the last good site kept
        raise PluginError(program_error(exc, "检查和生成网站内容")) from None
    if outcome.errors and not _serving():
        raise PluginError(format_report(outcome.errors))
    if outcome.errors:
        print(format_report(outcome.errors, "预览页面显示这些问题，修正并保存后自动刷新"), file=sys.stderr, flush=True)
    if outcome.accepted and not _serving():  # listed at every build, so every publish says what it let through
        print(accepted_report(outcome.accepted), file=sys.stderr, flush=True)
    if outcome.unfinished:  # only the preview lets them through: make build stops at them
        print(format_report(outcome.unfinished, "这些内容还是“（待填写）”：预览照常显示，构建和发布会因此停止"), file=sys.stderr, flush=True)
    rendered = outcome.rendered
    config.site_name = rendered.site_name
    config.copyright = rendered.copyright
    config[_RENDERED_KEY] = rendered
    config[_SCOPE_KEY] = scope = search_scope(rendered.years)
    shown = scope.for_page() if scope else None
    config[_SCOPE_SHOWN_KEY] = (shown, json.dumps(shown, ensure_ascii=False))
    _use_our_search_index(config, rendered, cache_dir, deferred=deferring)


def _most_held() -> int:
    """How many bytes of pages and HTML a build holds before writing the rest to its folder."""
    given = os.environ.get(HELD_BYTES_VARIABLE, "")
    return int(given) if given.isdigit() else HELD_BYTES


@event_priority(-100)  # after Material's search has written its index
def on_post_build(config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search")
    if search is not None and isinstance(search.search_index, NianjianSearchIndex):
        search.search_index.write_index(Path(config.site_dir))
    config[_SPILL_KEY].cleanup()
    if config[_NOTE_KEY]:  # a preview: the complete build follows once the editor pauses
        _preview.preview_built()


def on_serve(server, config: MkDocsConfig, builder) -> object:  # noqa: ANN001 (MkDocs' LiveReloadServer and builder)
    """From now on a save is built as a preview first (nianjian.web.preview)."""
    global _preview
    _preview = Preview(inside(_project_dir(config), CACHE_DIR) / "preview" / "complete", pause_from_environment())
    _preview.watch(server)
    return server


def on_build_error(error: Exception) -> None:
    """What fails after the pre-build step, in MkDocs' own page rendering or Material's search
    (out of memory, say), would end in a traceback: one Chinese line instead. MkDocs reports its
    own BuildErrors (ours included) itself."""
    if not isinstance(error, BuildError):
        raise Abort(program_error(error, "生成网站页面")) from None


def _use_our_search_index(config: MkDocsConfig, rendered: RenderedSite, cache_dir: Path, deferred: bool) -> None:
    """Material's search plugin indexes with our words and labels (nianjian.web.material_search);
    it made its own index in on_config, before any page. `deferred`: a preview's index is empty."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return
    cutter = WordCutter(_data_dir(config) / SEARCH_WORDS_FILE, cache_dir / "search-words.json")
    spill_dir = Path(config[_SPILL_KEY].name)
    search.search_index = NianjianSearchIndex(
        cutter, rendered.search_labels, rendered.search_facets, cache_dir, deferred, spill_dir, config[_SCOPE_KEY], rendered.search_json,
        **search.config,
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The generated pages, the report sources and the tables' downloads join docs/'s files."""
    rendered: RenderedSite = config[_RENDERED_KEY]
    docs_dir = Path(config.docs_dir)
    for file in files:
        # MkDocs follows symbolic links in docs/: a committed one would publish whatever file
        # of the building machine it points to.
        try:
            inside(docs_dir, file.src_uri)
        except UnsafePath:
            raise PluginError(f"docs/{file.src_uri} 是指向 docs/ 以外的链接，构建不会发布它指向的文件；删除这个链接") from None
    for path, content in [*rendered.pages.items(), *rendered.files.items()]:
        if path.endswith(".md") and files.get_file_from_path(path):
            raise PluginError(f"docs/{path} 与自动生成的页面重名，请删除 docs/{path}")
        if isinstance(content, Path):  # written by the render step, or a photograph's variant in the build's cache
            files.append(File.generated(config, path, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, path, content=content))
    for asset in config[_ASSETS_KEY]:
        if asset.replaces and (original := files.get_file_from_path(asset.replaces)):
            files.remove(original)
        files.append(File.generated(config, asset.uri, content=asset.content))
    return files


def _page_cache(config: MkDocsConfig, files: Files) -> PageCache:
    adapter = Path(__file__).read_text(encoding="utf-8")  # these hooks shape pages too
    shared = digest(shared_inputs(config, files, config[_RENDERED_KEY].download_paths), adapter)
    return PageCache(inside(_project_dir(config), CACHE_DIR), shared)


@event_priority(-100)  # after any other plugin's change to the Markdown
def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:  # noqa: ANN001 (MkDocs' Page)
    """A page converted before from the same Markdown, place and shared inputs is not converted
    again (nianjian.web.page_cache): MkDocs is given nothing to convert, and on_page_content
    puts back what the conversion gave last time."""
    cache: PageCache = config[_PAGE_CACHE_KEY]
    key = cache.key(page.file.src_uri, markdown)
    stored = cache.get(CONVERSIONS, page.file.src_uri, key)
    counter = WarningCounter()
    if stored is None:
        logging.getLogger("mkdocs").addHandler(counter)
    config[_CONVERTING_KEY] = (key, markdown, stored, counter)
    return "" if stored is not None else markdown


@event_priority(100)  # before any other plugin reads the HTML
def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:  # noqa: ANN001
    """Between converting every page and building every page, MkDocs holds all their HTML (at
    2,000 years over a gigabyte with their Markdown): beyond HELD_BYTES a page's HTML waits in
    this build's folder instead. The converted Markdown is let go."""
    key, markdown, stored, counter = config[_CONVERTING_KEY]
    config[_CONVERTING_KEY] = None
    if stored is not None:
        html = restore(page, stored, files)
        config[_CONVERTED_KEY][page.file.src_uri] = key
    else:
        logging.getLogger("mkdocs").removeHandler(counter)
        if not counter.count:  # a page that warned is converted (and warns) again next time
            config[_PAGE_CACHE_KEY].put(CONVERSIONS, page.file.src_uri, key, converted(page))
            config[_CONVERTED_KEY][page.file.src_uri] = key
    # MkDocs needs the Markdown no more: the title comes from the front matter or the first heading.
    page.markdown = ""
    if config[_HELD_HTML_KEY] + held_size(html) <= config[_MOST_HELD_KEY]:
        config[_HELD_HTML_KEY] += held_size(html)
        return html
    waiting = _waiting_file(config, page)
    waiting.parent.mkdir(exist_ok=True)
    waiting.write_text(html, encoding="utf-8", errors="surrogatepass")
    config[_WAITING_KEY].add(page.file.src_uri)
    return ""


def _waiting_file(config: MkDocsConfig, page) -> Path:  # noqa: ANN001
    return Path(config[_SPILL_KEY].name) / "converted" / f"{digest(page.file.src_uri)}.html"


@event_priority(100)  # before Material's search reads the HTML
def on_page_context(context: dict, page, config: MkDocsConfig, nav: Navigation) -> dict:  # noqa: ANN001
    """A page whose finished HTML an earlier build made from the same inputs (page_cache.output_key)
    is given as it was: our main.html (web/theme) then skips Material's templates, which at 200
    years took a second a build. Otherwise its HTML comes back if it waited on disk, for its
    template and the search index."""
    context["nianjian_search_scope"] = config[_SCOPE_SHOWN_KEY][0]
    stored = _stored_output(page, config, nav, context)
    if stored is not None:
        context["nianjian_output"] = stored
    waiting = page.file.src_uri in config[_WAITING_KEY]
    if stored is not None and config[_NOTE_KEY]:
        page.content = ""  # a preview's search index is empty: nothing reads the HTML any more
        if waiting:
            _waiting_file(config, page).unlink()
    elif waiting:
        waiting_file = _waiting_file(config, page)
        page.content = waiting_file.read_text(encoding="utf-8", errors="surrogatepass")
        waiting_file.unlink()
    return context


def _stored_output(page, config: MkDocsConfig, nav: Navigation, context: dict) -> str | None:  # noqa: ANN001
    """The page's stored finished HTML, or None (and its key noted for on_post_page to store it)."""
    config[_OUTPUT_KEY] = None
    conversion = config[_CONVERTED_KEY].get(page.file.src_uri)
    if conversion is None:  # its conversion warned: built (and warns) again next time
        return None
    cache: PageCache = config[_PAGE_CACHE_KEY]
    key = output_key(cache, page, conversion, nav, config, context, config[_SCOPE_SHOWN_KEY][1])
    stored = cache.get_output(page.file.src_uri, key)
    if stored is None:
        config[_OUTPUT_KEY] = (page.file.src_uri, key)
    return stored


def on_post_page(output: str, page, config: MkDocsConfig) -> str:  # noqa: ANN001
    """The finished page is stored (unless it came from the store), then, in a preview, given
    the banner: a preview's pages and a complete build's share what is stored."""
    if config[_OUTPUT_KEY] is not None and config[_OUTPUT_KEY][0] == page.file.src_uri:
        config[_PAGE_CACHE_KEY].put_output(page.file.src_uri, config[_OUTPUT_KEY][1], output)
    page.content = ""  # written: let it go
    return with_banner(output, config[_NOTE_KEY]) if config[_NOTE_KEY] else output


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """MkDocs makes the theme's Jinja environment anew for every build, so Material's templates
    were compiled again on every save under `mkdocs serve`: Jinja's own bytecode cache keeps the
    compiled templates in .cache/ (keyed by each template's source). Our main.html comes first
    (web/theme)."""
    folder = inside(_project_dir(config), CACHE_DIR) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(THEME_DIR)), env.loader])
    return env


def _folder(section: Section) -> str | None:
    for child in section.children:
        if child.is_page:
            return child.file.src_uri.split("/", 1)[0]
    return None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Chinese section titles, years before the guide; years newest first, after the years index.
    The site's files are final here: the page cache is keyed on them."""
    config[_PAGE_CACHE_KEY] = _page_cache(config, files)
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
            item.children = _by_decade(item)
        if folder == "tags":
            # The tags index lists every tag page; in the sidebar each tag page would list all
            # the others, a site growing with the square of the tags.
            item.children = [child for child in item.children if child.is_page and child.file.src_uri == "tags/index.md"]
    return nav


def _by_decade(years: Section) -> list:
    """More than ten years are listed by decade (2020—2029年 …), and more than twenty decades by
    century (nianjian.navigation.year_groups): with navigation.prune a page then carries its own
    decade's years and the titles of the groups around it, not every year (at 200 years the
    sidebar was half of each page's HTML)."""
    pages = [child for child in years.children if _year_of(child.file.src_uri)]
    if len(pages) <= 10:
        return years.children
    listed = [child for child in years.children if child not in pages]
    by_decade: dict[int, list] = {}  # pages by their decade's first year, in the order given (newest first)
    for page in pages:
        by_decade.setdefault(_year_of(page.file.src_uri) // 10 * 10, []).append(page)
    return listed + [_group_section(group, by_decade, years) for group in year_groups([_year_of(page.file.src_uri) for page in pages])]


def _group_section(group: YearGroup, by_decade: dict[int, list], parent: Section) -> Section:
    if group.groups:
        section = Section(group.title, [])
        section.children = [_group_section(inner, by_decade, section) for inner in group.groups]
    else:
        members = by_decade[group.first]
        section = Section(group.title, members)
        for page in members:
            page.parent = section
    section.parent = parent
    return section


def _nav_rank(item, order: list[str]) -> int:
    """Pages at the top level first, then the sections in the order the site gives."""
    folder = _folder(item) if isinstance(item, Section) else None
    return order.index(folder) + 1 if folder in order else 0


def _year_of(src_uri: str) -> int:
    stem = Path(src_uri).stem
    return int(stem) if stem.isdigit() else 0
