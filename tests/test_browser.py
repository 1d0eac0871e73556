"""A staff member reads the built site in a real Chromium, served on 127.0.0.1 with no internet."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request

from conftest import search, search_recall, visit, wait_for_charts

class PageWatch:
    """Console errors and every host the page asked for."""

    def __init__(self, page: Page):
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.hosts.add(urlsplit(request.url).netloc))



def test_year_page_draws_its_charts_offline_without_errors(page: Page, site_url: str) -> None:
    watch = PageWatch(page)
    page.goto(site_url + "years/2024/")
    charts = page.locator(".nj-chart").count()
    assert charts == 2
    wait_for_charts(page, charts)
    assert watch.errors == []
    assert watch.hosts == {urlsplit(site_url).netloc}
    assert page.locator(".nj-chart-block .nj-sample").count() == charts


def test_charts_draw_again_after_instant_navigation(page: Page, site_url: str) -> None:
    watch = PageWatch(page)
    page.goto(site_url + "years/2024/")
    wait_for_charts(page, 2)
    page.evaluate("window.__stillSamePage = true")

    page.locator(".md-sidebar--primary a.md-nav__link").filter(has_text="机关服务中心年鉴").first.click()  # home
    page.wait_for_url(site_url)
    wait_for_charts(page, 6)
    page.get_by_role("link", name="阅读2024年报告").click()
    page.wait_for_url("**/years/2024/")
    page.locator("article h1", has_text="2024年").wait_for()  # Material changes the address before the content
    wait_for_charts(page, 2)

    assert page.evaluate("window.__stillSamePage === true"), "navigation reloaded the page instead of instant navigation"
    assert watch.errors == []
    assert watch.hosts == {urlsplit(site_url).netloc}


def test_charts_follow_the_dark_palette(page: Page, site_url: str) -> None:
    page.goto(site_url + "years/2024/")
    wait_for_charts(page, 2)
    font_colour = "() => document.querySelector('.nj-chart')._fullLayout.font.color"
    light = page.evaluate(font_colour)
    page.locator("label.md-header__button[for='__palette_1']").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(f"light => ({font_colour})() !== light", arg=light, timeout=5_000)
    assert page.evaluate(font_colour) != light


def test_charts_resize_with_the_window(page: Page, site_url: str) -> None:
    page.goto(site_url)
    wait_for_charts(page, 1)
    width = "() => document.querySelector('.nj-chart svg.main-svg').getBoundingClientRect().width"
    wide = page.evaluate(width)
    page.set_viewport_size({"width": 600, "height": 900})
    page.wait_for_function(f"wide => ({width})() < wide - 100", arg=wide, timeout=5_000)


def test_search_for_canteen_lists_the_2024_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "?q=食堂")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=20_000)
    hrefs = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert any("years/2024/" in href for href in hrefs), hrefs


def test_a_word_inside_a_compound_is_found_highlighted_and_labelled(page: Page, site_url: str) -> None:
    """创新 is inside 开拓创新 and 党委 inside 机关党委, which jieba keeps whole: both are found,
    highlighted in the hit, and the hit says its year (and work area)."""
    for query, anchor in (("创新", "#开拓创新"), ("党委", "#思想建设")):
        hits = search(page, site_url, query)
        hit = next((hit for hit in hits if hit["href"].endswith(anchor)), None)
        assert hit is not None, (query, [hit["href"] for hit in hits])
        marks = re.findall(r"<mark>(.*?)</mark>", hit["html"].replace("\u200b", ""))
        assert marks and all(mark.startswith(query) for mark in marks), marks  # 党委 and 党委的, never 党员
        assert "2024年" in hit["tags"]
    assert "综合管理与队伍建设" in next(hit for hit in search(page, site_url, "党委") if hit["href"].endswith("#思想建设"))["tags"]


def test_a_whole_word_ranks_the_section_that_has_it_first(page: Page, site_url: str) -> None:
    hits = search(page, site_url, "开拓创新")
    assert hits[0]["href"].endswith("#开拓创新") or hits[1]["href"].endswith("#开拓创新"), [hit["href"] for hit in hits[:3]]
    # (the first hit of a page is the page itself when Material groups its sections under it)


def test_typing_in_the_search_box_after_instant_navigation_finds_a_word_inside_a_compound(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-content a[href$='years/2024/']").first.click()
    page.wait_for_url("**/years/2024/")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no full page load: instant
    page.locator("article h1", has_text="2024年").wait_for()  # the new page is in place
    box = page.locator("input[data-md-component='search-query']")
    # A click opens the search panel (Material's toggle), where the results live. On a loaded
    # machine Material may still be finishing the navigation, which closes the panel after the
    # click while the box keeps the focus; a reader clicks again, and site.js opens it then.
    for _ in range(5):
        box.click()
        page.wait_for_timeout(300)
        if page.evaluate("document.getElementById('__search').checked"):
            break
    assert page.evaluate("document.getElementById('__search').checked"), "the search panel does not open"
    box.fill("创新")  # what an input method hands over at the end of a composition
    box.press("End")  # Material searches on the key events that follow
    hit = page.locator(".md-search-result__link", has=page.locator("mark", has_text="创新")).first
    hit.wait_for(timeout=20_000)
    assert "2024年" in hit.inner_text()


def test_search_finds_the_words_staff_type(page: Page, site_url: str) -> None:
    """36 words from the 2024 report (tests/fixtures/search-recall-words.txt), 16 of them inside
    compounds jieba keeps whole: each finds the 2024 page; all but a few are highlighted there
    (a word kept only among the hidden words is found without a mark)."""
    results = search_recall.measure(page, site_url, "years/2024/", search_recall.recall_words())
    assert len(results) >= 30
    assert [result.word for result in results if not result.found] == [], search_recall.report(results)
    assert sum(result.highlighted for result in results) >= 0.9 * len(results), search_recall.report(results)


def test_search_hits_never_quote_cards_or_chart_numbers(page: Page, site_url: str) -> None:
    for query in ("用电量", "万千瓦时", "走势"):
        search(page, site_url, query)
        shown = page.locator(".md-search-result").inner_text()
        assert "走势" not in shown and "示例数据）" not in shown, (query, shown[:300])


def test_chart_numbers_are_a_table_that_prints(page: Page, site_url: str) -> None:
    page.goto(site_url + "years/2024/")
    wait_for_charts(page, 2)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    visible_rows = page.locator("details.nj-chart-data table tbody tr").evaluate_all(
        "rows => rows.filter(row => row.getBoundingClientRect().height > 0).length"
    )
    assert visible_rows >= 5


def body_column(page: Page, table: str, column: int) -> list[str]:
    return page.locator(f"{table} tbody tr:not([hidden])").evaluate_all(
        f"rows => rows.map(row => row.cells[{column}].textContent.trim())"
    )


def test_a_table_sorts_by_any_column_and_filters_by_chinese_text(page: Page, kb_url: str) -> None:
    watch = PageWatch(page)
    page.goto(kb_url + "plans/")
    table = "table[data-table-id='plans']"
    page.locator(f"{table} th button", has_text="目标").click()
    assert page.locator(f"{table} th[aria-sort='ascending']").inner_text() == "目标"
    first_ascending = body_column(page, table, 1)
    page.locator(f"{table} th button", has_text="目标").click()
    assert body_column(page, table, 1) == list(reversed(first_ascending))
    page.locator(f"{table} th button", has_text="提出年份").click()
    assert body_column(page, table, 0) == sorted(body_column(page, table, 0))

    page.get_by_placeholder("筛选：输入文字").fill("食堂")
    assert set(body_column(page, table, 1)) == {"缩短食堂高峰排队时间", "完成食堂改造", "食堂上线线上订餐"}  # no internal ids
    page.get_by_placeholder("筛选：输入文字").fill("")
    page.get_by_label("按落实情况筛选").select_option("未报告")
    assert body_column(page, table, 3) == ["未报告", "未报告"]
    page.get_by_label("按领域筛选").select_option("餐饮服务")
    assert body_column(page, table, 1) == ["食堂上线线上订餐"]
    # A number column sorts by the number the build wrote (data-value), not by its text.
    page.goto(kb_url + "compare/")
    table = "table[data-table-id='compare-all']"
    page.locator(f"{table} th button", has_text="2021年").click()
    assert body_column(page, table, 2) == ["9", "110", "820"]
    assert watch.errors == []


def test_a_table_downloads_as_csv_excel_opens(page: Page, kb_url: str) -> None:
    page.goto(kb_url + "plans/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").first.click()
    download = download_info.value
    assert download.suggested_filename == "plans.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert '2021,"更新三辆公务车","公务用车","未报告","",2022' in content.decode("utf-8-sig").splitlines()  # years as numbers


def test_tables_are_complete_without_javascript(browser: Browser, kb_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(kb_url + "plans/")
    assert page.locator("table[data-table-id='plans'] tbody tr").count() == 7
    assert page.locator("table[data-table-id='plans'] tbody tr").nth(2).is_visible()
    context.close()


def test_any_two_years_side_by_side(page: Page, kb_url: str) -> None:
    watch = PageWatch(page)
    page.goto(kb_url + "compare/")
    built = page.locator(".nj-compare-output").inner_html()
    page.locator("select[name='year-a']").select_option("2021")
    page.locator("select[name='year-b']").select_option("2024")
    figures = page.locator("[data-pair='figures'] table")
    row = figures.locator("tr", has_text="就餐人次")
    assert row.locator("td").all_inner_texts() == ["餐饮服务 · 就餐人次", "万人次", "9", "15", "▲ +6", "+66.7%"]
    assert figures.locator("th").all_inner_texts()[2:4] == ["2021年", "2024年"]
    row = figures.locator("tr", has_text="出车次数")
    assert row.locator("td").all_inner_texts()[4:] == ["▼ -120", "-14.6%"]
    assert "nj-change-down" in row.locator("td").nth(4).get_attribute("class")
    assert "（二）安全保卫" in page.locator("ul[data-slot='only-a']").inner_text()
    assert page.locator(".nj-compare-pair").inner_text() == "对比 2021年 与 2024年。"
    # Back to the pair the build wrote: the very markup the build made.
    page.locator("select[name='year-a']").select_option("2023")
    assert page.locator(".nj-compare-output").inner_html() == built
    assert watch.errors == []


def test_the_browser_writes_every_pair_s_change_as_the_build_does(page: Page, kb_url: str) -> None:
    """compare.js writes a change by the rule facts/key_figures.Change hands it: for every pair
    of years, each change it shows is the one Change computes from the same two values."""
    from nianjian.facts.key_figures import Change

    page.goto(kb_url + "compare/")
    years = ["2021", "2022", "2023", "2024"]
    every = page.locator("table[data-table-id='compare-all'] tbody tr")
    values = {
        row.get_attribute("data-key"): [cell.get_attribute("data-value") for cell in row.locator("td").all()[2:]]
        for row in every.all()
    }
    compared = 0
    for first in years:
        for second in years:
            page.locator("select[name='year-a']").select_option(first)
            page.locator("select[name='year-b']").select_option(second)
            for row in page.locator("[data-pair='figures'] tbody tr").all():
                before, after = (values[row.get_attribute("data-key")][years.index(year)] for year in (first, second))
                shown = row.locator("td").all_inner_texts()[4:]
                if before is None or after is None:
                    assert shown == ["—", "—"]
                    continue
                change = Change(float(before), float(after))
                assert shown == [change.arrow_text(), change.percent_text() or "—"], (first, second, before, after)
                compared += 1
    assert compared > 30


def test_comparing_a_year_that_has_only_statistics_says_there_is_no_report_on_a_phone_too(browser: Browser, site_url: str) -> None:
    """2023 has key figures (sample data) but no report: its achievements are “无报告”, not 0,
    and the comparison's tables scroll inside their box on a 390 px phone, never the page."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(site_url + "compare/")
    page.locator("select[name='year-a']").select_option("2022")  # another pair, then the one to look at
    page.locator("select[name='year-a']").select_option("2023")
    output = page.locator(".nj-compare-output")
    areas = page.locator("[data-pair='areas'] table")
    assert areas.locator("tr", has_text="餐饮服务").locator("td").all_inner_texts() == ["餐饮服务", "无报告", "1", "—"]
    assert page.locator("[data-slot='no-report-a']").is_visible() and page.locator("[data-slot='none-a']").is_hidden()
    figures = page.locator("[data-pair='figures'] table")
    assert figures.locator("td[data-sample]").count() > 0  # sample values carry the badge
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    assert output.locator(".nj-table-scroll[role=region][tabindex='0']").count() == 2
    assert watch.errors == []
    context.close()


def test_a_year_page_prints_on_a4_with_charts_inside_the_page(page: Page, site_url: str, tmp_path: Path) -> None:
    """Printed from the browser at desktop width by a reader who has used the page (plotly has
    drawn its charts): A4, no navigation or search, and every chart printed as drawn at build
    time, inside the printed line, never plotly's."""
    import re
    import subprocess

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + "years/2024/")
    wait_for_charts(page, 2)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.evaluate(
        """() => [...document.querySelectorAll('.nj-chart')].map(chart => ({
            static: getComputedStyle(chart.querySelector('.nj-static')).display !== 'none',
            plotly: [...chart.querySelectorAll('.plot-container')].some(node => getComputedStyle(node).display !== 'none'),
        }))"""
    )
    assert printed == [{"static": True, "plotly": False}] * 2  # inside the printed line: the PDF's text boxes below
    assert page.locator(".md-sidebar, .md-header, .md-footer").evaluate_all("all => all.every(e => getComputedStyle(e).display === 'none')")
    pdf = tmp_path / "2024.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=False)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    right_edges = [float(value) for value in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) <= 595.96 - 26 * 72 / 25.4 + 1  # nothing beyond the 公文's right margin
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "主要指标同比变化" in text and "搜索" not in text  # the search box is not printed
    # Links as text where they help on paper: the original file's name, not the repository's
    # path to it; no download links.
    flat = re.sub(r"\s+", "", text)
    assert "原始文件（2024-service-center-summary.txt）" in flat and "data/sources" not in flat and "下载" not in flat
    # Headings are kept with what follows: none is the last line of a page.
    pages = text.split("\f")
    last_lines = [page.strip().splitlines()[-1] for page in pages if page.strip()]
    headings = page.locator("article h2, article h3, article h4").all_inner_texts()
    assert not [line for line in last_lines if line.strip() in [heading.strip() for heading in headings]]


def test_chart_code_comes_only_to_a_reader_who_uses_a_page_with_charts(page: Page, site_url: str) -> None:
    """An area page opens with its trend chart on screen, drawn at build time: a first view
    fetches charts.js but not plotly; the reader's first move brings plotly (the basic bundle),
    which redraws the chart in the same room (the static drawing stays, hidden, for printing). A
    page without charts loads no chart code."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "areas/energy/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert [url for url in fetched if "/assets/nianjian/charts." in url]
    assert not [url for url in fetched if "plotly" in url]
    chart = page.locator(".nj-chart").first
    assert chart.locator(".nj-static svg.nj-static-svg").is_visible()
    room = chart.bounding_box()["height"]
    page.mouse.move(300, 400)
    page.wait_for_function("() => document.querySelector('.nj-chart[data-drawn] svg.main-svg') !== null", timeout=20_000)
    assert [url for url in fetched if "/assets/vendor/plotly-basic.min." in url]
    assert not chart.locator(".nj-static").is_visible() and abs(chart.bounding_box()["height"] - room) < 2  # kept for paper
    page.goto(site_url + "guide/")
    page.wait_for_load_state("networkidle")
    fetched.clear()
    page.reload()
    page.wait_for_load_state("networkidle")
    page.mouse.move(300, 400)
    page.wait_for_timeout(300)
    assert not [url for url in fetched if "plotly" in url or "/charts." in url]


class TransferLog:
    """Bytes on the wire (headers and compressed bodies) of every request a context finishes,
    the search worker's included."""

    def __init__(self, context: BrowserContext):
        self.entries: list[tuple[str, int]] = []
        context.on("requestfinished", self._finished)

    def _finished(self, request: Request) -> None:
        sizes = request.sizes()
        self.entries.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def total(self) -> int:
        return sum(size for _, size in self.entries)


@pytest.mark.parametrize(
    ("first", "second"),
    [("", "years/2024/"), ("years/2024/", "areas/energy/"), ("areas/energy/", "plans/"), ("plans/", "compare/"), ("compare/", "guide/"), ("guide/", "plans/")],
)
def test_a_first_visit_is_light_and_a_second_page_lighter(browser: Browser, site_url: str, first: str, second: str) -> None:
    """Served compressed with the README's cache headers: a first visit of any page type, charts
    drawn by plotly, transfers at most 600 KB in all; the next page, which needs no code the
    first did not, at most 30 KB."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True)
    page = context.new_page()
    transfers = TransferLog(context)
    visit(page, site_url + first)
    assert transfers.total() <= 600 * 1024, sorted(transfers.entries, key=lambda entry: -entry[1])[:5]
    if page.locator(".nj-chart").count():
        assert any("plotly-basic" in url for url, _ in transfers.entries)  # what a chart page costs is counted
    transfers.entries.clear()
    visit(page, site_url + second)
    assert transfers.total() <= 30 * 1024, sorted(transfers.entries, key=lambda entry: -entry[1])[:5]
    context.close()


def test_a_chart_opens_full_screen_and_downloads_as_a_picture(page: Page, site_url: str, tmp_path: Path) -> None:
    """The buttons under a chart, not over it: 下载图片 saves a PNG named after the chart (plotly
    is fetched for it), 全屏 shows the chart block on the whole screen."""
    page.goto(site_url + "areas/energy/")
    block = page.locator("figure.nj-chart-block").first
    block.get_by_role("button", name="下载图片").wait_for()
    with page.expect_download() as download_info:
        block.get_by_role("button", name="下载图片").click()
    download = download_info.value
    saved = tmp_path / "chart.png"
    download.save_as(saved)
    assert download.suggested_filename.endswith(".png") and "用电量" in download.suggested_filename
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved.stat().st_size > 10_000
    block.get_by_role("button", name="全屏").click()
    page.wait_for_function("() => document.fullscreenElement && document.fullscreenElement.matches('figure.nj-chart-block')")
    page.keyboard.press("Escape")


def test_links_are_underlined_on_screen_and_not_on_paper(page: Page, site_url: str) -> None:
    """The screen underlines links in text (not by colour alone); paper has no use for it."""
    visit(page, f"{site_url}years/2024/")
    link = page.locator(".nj-meta a[data-print]").first
    assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
    page.emulate_media(media="print")
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"
    page.emulate_media(media="screen")
