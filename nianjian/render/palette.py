"""The charts' colours, defined once. The static drawing (chart_svg), its Word picture
(chart_image) and plotly's JSON (chart_plotly) read them here; the stylesheet and charts.js get
them from here too (issue 20, item 2), never typed again."""

from __future__ import annotations

# Lines and stacked bars, in order; the first is also a highlighted or rising bar.
SERIES = ("#3f6ec6", "#e07b39", "#2a9d8f", "#b5476b", "#7a6fbf", "#8a8d3f")
HIGHLIGHT = SERIES[0]  # the year a small multiple is about; a rise
MUTED = "#a9b8d6"  # the other years of a small multiple
FALL = SERIES[1]  # a fall, on the change chart
SAMPLE_MARK = "#777777"  # the legend's sample swatch
SAMPLE_HATCH = "#767676"  # the hatching over sample bars, light scheme
# The dark scheme (Material's "slate"): bars and hatching that keep their order and contrast.
DARK = {HIGHLIGHT: "#8fb0ff", MUTED: "#4d5a78", SAMPLE_HATCH: "#15171c"}


def series_colour(index: int) -> str:
    """The colour of the `index`-th line or series (from 0)."""
    return SERIES[index % len(SERIES)]

