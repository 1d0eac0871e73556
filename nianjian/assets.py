"""Files the site serves from its own folder (the intranet has no CDN)."""

from __future__ import annotations

from pathlib import Path

import plotly

PLOTLY_JS_URI = "assets/vendor/plotly.min.js"


def plotly_js_path() -> Path:
    """plotly.js as shipped inside the installed plotly package: the version plotly.py was built for."""
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
