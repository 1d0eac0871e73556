"""Files the site serves from its own folder (the intranet has no CDN)."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

PLOTLY_JS_URI = "assets/vendor/plotly.min.js"


def plotly_js_path() -> Path:
    """plotly.js as shipped inside the installed plotly package: the version plotly.py was
    built for. Located without importing plotly, which MkDocs' own process does not need."""
    return Path(find_spec("plotly").origin).parent / "package_data" / "plotly.min.js"
