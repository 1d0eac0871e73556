"""Files the site serves from its own folder (the intranet has no CDN), each named by its
content (`charts.<hash>.js`), so a web server may let browsers keep them for a year: a changed
file gets a new name. The README says which headers to set.

plotly.js is the "basic" bundle of the version plotly.py 7.1 ships (bar, scatter and pie: all
our charts use), vendored from the npm package plotly.js-basic-dist-min with its MIT licence:
395 KB compressed instead of the full bundle's 1.47 MB."""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from nianjian.paper import geometry
from nianjian.render.parts import chart_svg, palette

_VENDOR = Path(__file__).resolve().parents[1] / "vendor"  # nianjian/vendor/
PLOTLY_JS = _VENDOR / "plotly-basic-4.1.1.min.js"
PLOTLY_LICENCE = _VENDOR / "LICENSE.plotly.js.txt"
PLOTLY_JS_URI = "assets/vendor/plotly-basic.min.js"  # before its content hash is added
# charts.js names plotly.js by this placeholder; the build writes in the hashed name.
PLOTLY_PLACEHOLDER = "__NIANJIAN_PLOTLY_JS__"
# Scripts only some pages need, with what a page must have to need them: site.js (on every
# page) loads them, so a page without charts loads no chart code. The build writes the list
# into site.js in place of the placeholder, as [selector, hashed path] pairs.
PAGE_SCRIPTS = (("assets/nianjian/charts.js", ".nj-chart"), ("assets/nianjian/compare.js", ".nj-compare"))
PAGE_SCRIPTS_PLACEHOLDER = "__NIANJIAN_PAGE_SCRIPTS__"
# The stylesheet the build writes: the colours and the paper as custom properties and @page
# (nianjian/render/parts/palette.py, nianjian/paper/geometry.py), so nianjian.css types none of them.
# mkdocs.yml names it before nianjian.css; it has no file in docs/.
FACTS_CSS_URI = "assets/nianjian/facts.css"


@dataclass(frozen=True)
class Asset:
    uri: str  # where the site serves it, with its hash: assets/nianjian/charts.1a2b3c4d5e.js
    content: bytes
    replaces: str | None  # the docs/ file it stands for (mkdocs.yml names that one), if any


def hashed_uri(uri: str, content: bytes) -> str:
    stem, dot, suffix = uri.rpartition(".")
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}{dot}{suffix}"


def _named(path: str, content: bytes, placeholders: dict[str, str | list]) -> bytes:
    """`content` of docs/`path` with each placeholder replaced: a hashed file's path relative
    to `path`'s folder, or a list of [selector, path] pairs as JSON."""
    folder = posixpath.dirname(path)
    for placeholder, target in placeholders.items():
        if isinstance(target, str):
            written = posixpath.relpath(target, folder)
        else:
            written = json.dumps([[selector, posixpath.relpath(uri, folder)] for selector, uri in target])
        content = content.replace(placeholder.encode(), written.encode())
    return content


def facts_css() -> bytes:
    return (
        "/* Written by the build from nianjian/render/parts/palette.py, chart_svg.py and nianjian/paper/geometry.py. */\n"
        + palette.stylesheet() + chart_svg.phone_stylesheet() + geometry.stylesheet()
    ).encode()


def site_assets(docs_dir: Path, own: list[str]) -> list[Asset]:
    """plotly.js, the page scripts and our own CSS/JS (`own`: the paths mkdocs.yml names, under
    docs/ or the generated stylesheet) with hashed names."""
    plotly = PLOTLY_JS.read_bytes()
    plotly_uri = hashed_uri(PLOTLY_JS_URI, plotly)
    assets = [Asset(plotly_uri, plotly, None), Asset("assets/vendor/LICENSE.plotly.js.txt", PLOTLY_LICENCE.read_bytes(), None)]
    page_scripts = []
    for path, selector in PAGE_SCRIPTS:
        content = _named(path, (docs_dir / path).read_bytes(), {PLOTLY_PLACEHOLDER: plotly_uri})
        assets.append(Asset(hashed_uri(path, content), content, path))
        page_scripts.append((selector, assets[-1].uri))
    for path in own:
        source = facts_css() if path == FACTS_CSS_URI else (docs_dir / path).read_bytes()
        content = _named(path, source, {PAGE_SCRIPTS_PLACEHOLDER: page_scripts})
        assets.append(Asset(hashed_uri(path, content), content, path))
    return assets
