"""Every page type, on a phone and a desktop, light and dark, in a real Chromium: accessible
(axe-core), inside the screen, every chart's text inside its chart with and without JavaScript,
nothing jumping while scripts fill a page in. Apart from test_browser.py so that the two run on
the two test workers side by side."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from conftest import REPO, visit, wait_for_charts


TEXT_BOXES = """chart => [...chart.querySelectorAll('text')].filter(t => t.getBoundingClientRect().width > 0)
    .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, t.textContent]; })"""


def overlapping(boxes: list[list]) -> list[tuple]:
    return [
        (a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
        if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
    ]


@pytest.mark.parametrize("width", [390, 1366])
def test_without_javascript_every_chart_is_drawn_with_its_text_inside(browser: Browser, kb_url: str, width: int) -> None:
    """Without JavaScript (or before plotly) each chart is the SVG drawn at build time: bars or
    lines, axis numbers and years that stay inside the chart's box and do not overlap."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    checked = 0
    for path in ("", "years/2023/", "areas/catering/", "plans/"):
        page.goto(kb_url + path)
        for index in range(page.locator(".nj-chart").count()):
            chart = page.locator(".nj-chart").nth(index)
            box = chart.bounding_box()
            assert chart.locator("svg.nj-static-svg").count() >= 1, path
            assert chart.locator("rect, polyline").count() > 0, path
            boxes = chart.evaluate(TEXT_BOXES)
            assert len(boxes) >= 4, path
            assert all(b[0] >= box["x"] - 1 and b[2] <= box["x"] + box["width"] + 1 for b in boxes), (path, boxes)
            assert all(b[1] >= box["y"] - 1 and b[3] <= box["y"] + box["height"] + 1 for b in boxes), (path, boxes)
            assert overlapping(boxes) == [], (path, index)
            checked += 1
    assert checked >= 5
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page itself never scrolls sideways
    context.close()


PAGE_TYPES = ("", "years/", "years/2023/", "areas/", "areas/catering/", "plans/", "problems/", "compare/", "tags/", "guide/")


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_type_fits_the_screen_with_plotly_text_inside_its_charts(browser: Browser, kb_url: str, width: int) -> None:
    """On a touch phone and on a desktop: the page never scrolls sideways, plotly's charts show
    no toolbar and every label (titles, ticks, legends, bar values) lies inside its chart."""
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="zh-CN", has_touch=phone, is_mobile=phone)
    page = context.new_page()
    visit(page, kb_url)
    # Chinese from the reader's own fonts, named in the stylesheet; no slanted fake italics.
    fonts = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert all(name in fonts for name in ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC")), fonts
    emphasis = page.evaluate("""() => { const em = document.createElement('em'); em.textContent = '重点';
        document.querySelector('.md-typeset p').appendChild(em); return getComputedStyle(em).fontStyle; }""")
    assert emphasis == "normal"
    for path in PAGE_TYPES:
        visit(page, kb_url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert page.locator(".modebar-btn:visible").count() == 0, path
        for index in range(page.locator(".nj-chart").count()):
            chart = page.locator(".nj-chart").nth(index)
            svg = chart.locator("svg.main-svg").first.bounding_box()
            boxes = chart.evaluate(TEXT_BOXES)
            assert boxes, path
            outside = [b for b in boxes if b[0] < svg["x"] - 1 or b[2] > svg["x"] + svg["width"] + 1 or b[1] < svg["y"] - 1 or b[3] > svg["y"] + svg["height"] + 1]
            assert outside == [], (path, index, outside)
    context.close()


def test_on_a_phone_small_charts_do_not_collide_and_tables_scroll(browser: Browser, site_url: str) -> None:
    """At 390 px the five small charts go two to a row: their titles and tick labels do not
    overlap; a wide table scrolls sideways instead of squeezing its text to a column of characters."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(site_url + "years/2024/")
    wait_for_charts(page, 2)
    boxes = page.evaluate(
        """() => [...document.querySelector('.nj-chart').querySelectorAll('g.annotation, g[class$="tick"] > text')]
            .map(node => { const r = node.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""
    )
    chart = page.locator(".nj-chart").first.bounding_box()
    overlapping = [
        (a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
        if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
    ]
    assert len(boxes) > 20 and overlapping == []
    assert all(box[0] >= chart["x"] - 1 and box[2] <= chart["x"] + chart["width"] + 1 for box in boxes)
    wide = page.locator(".nj-table-scroll").filter(has=page.locator("th:nth-child(4)")).first  # four columns
    assert wide.evaluate("region => region.scrollWidth > region.clientWidth")
    assert min(wide.locator("tbody td").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")) >= 50
    # Scrolled sideways, the first column stays where it was and the others pass under it.
    first_cell, second_cell = wide.locator("tbody tr").first.locator("td").nth(0), wide.locator("tbody tr").first.locator("td").nth(1)
    before = (first_cell.bounding_box()["x"], second_cell.bounding_box()["x"])
    scrolled = wide.evaluate("region => { region.scrollLeft = region.scrollWidth; return region.scrollLeft; }")
    after = (first_cell.bounding_box()["x"], second_cell.bounding_box()["x"])
    assert scrolled > 20 and abs(after[0] - before[0]) < 1 and abs(after[1] - (before[1] - scrolled)) < 1
    numbers = page.locator("td.nj-num").evaluate_all("cells => cells.map(c => getComputedStyle(c).textAlign)")
    assert numbers and set(numbers) == {"right"}
    context.close()


AXE = REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# Material's own markup that axe would still report, and why it stays (also in the README).
# (Its unnamed search dialog is named by site.js.)
THEME_VIOLATIONS: dict[str, str] = {}


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_passes_axe(browser: Browser, kb_url: str, site_url: str, scheme: str, width: int) -> None:
    """axe-core (.ci/packages installs it from npm) on each kind of generated page, as it first
    shows (charts drawn at build time) and with every chart drawn by plotly."""
    assert AXE.is_file(), "axe-core is missing: run bash .ci/packages"
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", color_scheme=scheme)
    page = context.new_page()
    pages = [(site_url, path) for path in ("", "years/2024/", "guide/", "guide/data/")]
    pages += [(kb_url, path) for path in ("years/", "years/2023/", "areas/", "areas/catering/", "plans/", "problems/", "compare/", "tags/")]
    found = []
    for base, path in pages:
        page.goto(base + path)
        page.add_script_tag(path=str(AXE))
        # A page without charts is the same page after plotly: checked once.
        for state in ("first view", "plotly") if page.locator(".nj-chart").count() else ("first view",):
            if state == "plotly":
                page.evaluate("window.nianjianDrawCharts && window.nianjianDrawCharts()")
                page.wait_for_function("[...document.querySelectorAll('.nj-chart')].every(chart => chart.getAttribute('data-drawn'))", timeout=20_000)
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            for violation in result["violations"]:
                targets = [node["target"][0] for node in violation["nodes"]]
                if THEME_VIOLATIONS.get(violation["id"]) == ",".join(targets):
                    continue
                found.append((path, state, violation["id"], targets[:3]))
    context.close()
    assert found == []


@pytest.mark.parametrize("width", [390, 1366])
def test_pages_do_not_jump_while_their_scripts_fill_them_in(browser: Browser, kb_url: str, width: int) -> None:
    """Cumulative layout shift under 0.05 (half of what counts as good) where scripts add
    content: the year comparison, a year page with charts, the home page."""
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const entry of list.getEntries()) "
        "if (!entry.hadRecentInput) window.__shift += entry.value; }).observe({type: 'layout-shift', buffered: true});"
    )
    for path in ("compare/", "years/2023/", ""):
        page.goto(kb_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(800)
        assert page.evaluate("window.__shift") < 0.05, path
    context.close()
