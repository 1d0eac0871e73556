"""The site's colours, defined once: the charts', the rise and fall of a change, the sample-data
badge and the plan outcomes'. The static drawing (chart_svg), its Word picture (chart_image) and
plotly's JSON (chart_plotly) read them here; the stylesheet gets them as custom properties of the
generated stylesheet (stylesheet()), and charts.js the dark scheme's from plotly's JSON."""

from __future__ import annotations

from nianjian.facts import tracking

# Lines and stacked bars, in order; the first is also a highlighted or rising bar.
SERIES = ("#3f6ec6", "#e07b39", "#2a9d8f", "#b5476b", "#7a6fbf", "#8a8d3f")
HIGHLIGHT = SERIES[0]  # the year a small multiple is about; a rise
MUTED = "#a9b8d6"  # the other years of a small multiple
FALL = SERIES[1]  # a fall, on the change chart
SAMPLE_MARK = "#777777"  # the legend's sample swatch
SAMPLE_HATCH = "#767676"  # the hatching over sample bars, light scheme
# The dark scheme (Material's "slate"): bars and hatching that keep their order and contrast.
DARK = {HIGHLIGHT: "#8fb0ff", MUTED: "#4d5a78", SAMPLE_HATCH: "#15171c"}
# The Word picture's ink on white paper (the page's drawing takes Material's text and grid colours).
PICTURE_TEXT, PICTURE_GRID, PICTURE_ZERO, PICTURE_PAPER = "#222222", "#dddddd", "#666666", "#ffffff"
# The running head make pdf prints over each page of the PDFs (the page's title, 9 pt).
RUNNING_HEAD = "#555555"
# The formal edition's red head: 发文机关标志 and the separator line under it (套红).
LETTERHEAD_RED = "#e60012"
# A change's rise and fall as text (readable on the page's background), light and dark.
CHANGE_UP, CHANGE_DOWN = "#1f5fbf", "#b35a00"
CHANGE_UP_DARK, CHANGE_DOWN_DARK = "#8fb4ff", "#ffb36b"
# A part past its due date on the 组稿与审核 board (逾期), light and dark: a red readable on the background.
LATE, LATE_DARK = "#b3261e", "#ff8a80"
# The sample-data badge (示例数据): text, background and border, light and dark.
SAMPLE_BADGE = ("#7a4b00", "#ffe8b3", "#e0a800")
SAMPLE_BADGE_DARK = ("#ffe8b3", "#5a4300", "#e0a800")
# Plan outcomes on the stacked bars of the 目标落实 page.
OUTCOMES = dict(zip((*tracking.OUTCOMES, tracking.NOT_REPORTED), ("#2a9d8f", "#e9c46a", "#e07b39", "#8d99ae", "#b5476b")))


def series_colour(index: int) -> str:
    """The colour of the `index`-th line or series (from 0)."""
    return SERIES[index % len(SERIES)]


def stylesheet() -> str:
    """Custom properties for nianjian.css: the light scheme's, then the dark scheme's."""
    light = {
        "--nj-highlight": HIGHLIGHT, "--nj-muted": MUTED, "--nj-fall": FALL,
        "--nj-sample-mark": SAMPLE_MARK, "--nj-sample-hatch": SAMPLE_HATCH,
        "--nj-change-up": CHANGE_UP, "--nj-change-down": CHANGE_DOWN, "--nj-late": LATE,
        "--nj-badge-text": SAMPLE_BADGE[0], "--nj-badge-background": SAMPLE_BADGE[1], "--nj-badge-border": SAMPLE_BADGE[2],
    }
    dark = {
        "--nj-highlight": DARK[HIGHLIGHT], "--nj-muted": DARK[MUTED], "--nj-sample-hatch": DARK[SAMPLE_HATCH],
        "--nj-change-up": CHANGE_UP_DARK, "--nj-change-down": CHANGE_DOWN_DARK, "--nj-late": LATE_DARK,
        "--nj-badge-text": SAMPLE_BADGE_DARK[0], "--nj-badge-background": SAMPLE_BADGE_DARK[1], "--nj-badge-border": SAMPLE_BADGE_DARK[2],
    }

    def block(selector: str, properties: dict[str, str]) -> str:
        return selector + " {\n" + "".join(f"  {name}: {value};\n" for name, value in properties.items()) + "}\n"

    return block(":root", light) + block('[data-md-color-scheme="slate"]', dark)
