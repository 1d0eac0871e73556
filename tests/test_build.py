"""The real `mkdocs build --strict` on fixture data and on the repository's own data,
reading the HTML it writes."""

from __future__ import annotations

import pytest

import json
import os
import subprocess
import sys
import re
from html import unescape
from pathlib import Path

from conftest import FIXTURES, Project, make_project

# Whole-site builds with the real MkDocs.
pytestmark = [pytest.mark.slow]

# Anything the browser would fetch from another host; rel=canonical is a label, not a request.
EXTERNAL = re.compile(r'<(?:script|link|img|iframe|source)\b(?![^>]*rel="canonical")[^>]*\b(?:src|href)="((?:https?:)?//[^"]+)"', re.I)


def headings(html: str) -> list[str]:
    """Heading texts of the article, without the permalink mark."""
    found = re.findall(r"<h([1-6]) id=\"[^\"]*\">(.*?)</h\1>", html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>|&para;", "", text)).strip() for _, text in found]


def nav_links(html: str) -> list[str]:
    """Page links of the site navigation (left sidebar), in order, without in-page anchors."""
    primary = html.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]
    return re.findall(r'<a href="([^"#]*)" class="md-nav__link', primary)


def test_multi_year_site_builds_with_a_page_per_year(built_multi_year: Project) -> None:
    multi_year = built_multi_year
    for year in (2022, 2023, 2024):
        assert "<h1 id=" in multi_year.page(f"years/{year}/")
    home = multi_year.page("")
    links = nav_links(home)
    assert links[:4] == [".", "years/", "events/", "compare/"]  # a section's pages appear on its own pages (navigation.prune)
    assert links.index("compare/") < links.index("areas/") < links.index("honours/") < links.index("plans/") < links.index("problems/") < links.index("tags/") < links.index("guide/")
    assert nav_links(multi_year.page("years/2023/"))[1:5] == ["../", "../2024/", "./", "../2022/"]
    primary = home.split('class="md-nav md-nav--primary"', 1)[1]
    titles = [title.strip() for title in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)]
    order = ["年度报告", "大事记", "年度对比", "工作领域", "荣誉", "目标落实", "反复出现的问题", "标签", "编辑指南"]
    for earlier, later in zip(order, order[1:]):
        assert titles.index(earlier) < titles.index(later), titles


MINIMAL_YEAR = "year: {year}\ntitle: {year}年工作总结\nsummary: {year}年的工作。\nsections:\n  - title: 工作\n    body: 完成。\nachievements: []\nproblems: []\nplans: []\n"


def test_an_archive_of_many_years_lists_them_by_decade_and_a_page_carries_only_its_own(multi_year: Project) -> None:
    """At 200 years the sidebar was half of every page; by decade a page lists ten years at most."""
    for year in range(2005, 2022):
        multi_year.write(f"years/{year}.yaml", MINIMAL_YEAR.format(year=year))
    result = multi_year.build()
    assert result.returncode == 0, result.stderr
    page = multi_year.page("years/2013/")
    primary = page.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]
    titles = [title.strip() for title in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)]
    assert [title for title in titles if "—" in title] == ["2020—2024年", "2010—2019年", "2005—2009年"]
    links = nav_links(page)
    years = sorted(int(link[3:7]) for link in links if re.fullmatch(r"\.\./\d{4}/", link)) + [2013] * links.count("./")
    # Its own decade's years; another decade is one link (to its first page), not its years.
    assert set(range(2010, 2020)) <= set(years) and len(set(years) - set(range(2010, 2020))) <= 2, years
    assert all(f'href="{year}/"' in multi_year.page("years/") for year in range(2005, 2025))  # the index lists every year


def test_a_year_page_weighs_about_the_same_at_10_and_at_200_years(tmp_path: Path) -> None:
    """Every page carries the navigation: listing all years made a page grow with the archive.
    2023's page at 200 years (1900–2099) is at most 1.3 times its size at 10."""
    sizes = {}
    for count, added in ((10, range(2015, 2022)), (200, [*range(1900, 2022), *range(2025, 2100)])):
        project = make_project(tmp_path / str(count), FIXTURES / "multi-year")
        for year in added:
            project.write(f"years/{year}.yaml", MINIMAL_YEAR.format(year=year))
        result = project.build()
        assert result.returncode == 0, result.stderr
        assert len(list((project.site / "years").glob("[0-9]*/index.html"))) == count
        sizes[count] = len(project.page("years/2023/").encode("utf-8"))
    assert sizes[200] <= 1.3 * sizes[10], sizes


def test_year_page_keeps_the_outline_in_order_with_readable_anchors(built_multi_year: Project) -> None:
    multi_year = built_multi_year
    page = multi_year.page("years/2023/")
    assert headings(page)[:8] == [
        "2023年工作总结",
        "一、主要工作成绩",
        "（一）餐饮服务",
        "1、就餐环境",
        "（1）座位",
        "①包间",
        "（二）节能降耗",
        "二、明年工作思路",
    ]
    assert 'id="食堂改造"' in page  # the editor's id
    assert 'id="一主要工作成绩"' in page  # Chinese slug, not _1
    assert not re.search(r'<h[2-6] id="_\d+"', page)
    toc = page.split('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#食堂改造"' in toc


def test_achievements_table_is_grouped_by_area_and_links_to_its_section(built_multi_year: Project) -> None:
    multi_year = built_multi_year
    page = multi_year.page("years/2023/")
    table_part = page.split('id="附-主要成绩一览"', 1)[1]
    assert table_part.index("餐饮服务") < table_part.index("节能")
    assert '<a href="#食堂改造"' in table_part
    assert '<td class="nj-num" data-value="1200">1,200</td> <td class="nj-term">盏</td>' in table_part
    assert "2023-06" in table_part


def test_year_page_charts_carry_their_data_and_a_table(built_multi_year: Project) -> None:
    multi_year = built_multi_year
    page = multi_year.page("years/2024/")
    raw_figures = re.findall(r'class="nj-chart"[^>]*data-figure="([^"]*)"', page)
    assert len(raw_figures) == 2
    window = json.loads(unescape(raw_figures[0]))
    drawn = {trace["name"]: trace for trace in window["data"]}
    values = {name: trace["y"] for name, trace in drawn.items()}
    # 用电量 rows are sample data: its bars are hatched and a legend entry says what hatching means.
    assert values == {"就餐人次": [10.0, 12.0, 15.0], "用电量": [100.0, 90.0, 85.5], "出车次数": [800.0, 760.0, 700.0], "斜线为示例数据": [None]}
    assert drawn["用电量"]["marker"]["pattern"]["shape"] == ["/", "/", "/"]
    assert drawn["就餐人次"]["marker"]["pattern"]["shape"] == ["", "", ""]
    assert page.count('<details class="nj-chart-data">') == 2
    # The numbers under the chart mark exactly the sample cells, and the caption says the chart mixes both.
    window_table = page.split('<details class="nj-chart-data">')[1].split("</details>")[0]
    assert window_table.count("data-sample=") == 3
    assert "含示例数据</span></figcaption>" in page


def test_site_with_only_real_numbers_shows_no_sample_badge(multi_year: Project) -> None:
    (multi_year.data / "metrics" / "sample.csv").unlink()
    assert multi_year.build().returncode == 0
    for url in ("", "years/", "years/2024/"):
        assert "示例数据" not in multi_year.page(url)


def test_editor_adds_2025_and_the_site_shows_it_then_removes_it(multi_year: Project) -> None:
    multi_year.write(
        "years/2025.yaml",
        "year: 2025\ntitle: 2025年工作总结\nsummary: 新的一年。\nsections: []\nachievements: []\nproblems: []\nplans: []\n",
    )
    assert multi_year.build().returncode == 0
    assert "2025/" in nav_links(multi_year.page("years/"))  # the sidebar of the years' own pages
    assert "2025年工作总结" in multi_year.page("years/")
    assert (multi_year.site / "years" / "2025" / "index.html").is_file()

    (multi_year.data / "years" / "2025.yaml").unlink()
    assert multi_year.build().returncode == 0
    assert "2025/" not in nav_links(multi_year.page("years/"))
    assert "2024/" in nav_links(multi_year.page("years/"))
    assert not (multi_year.site / "years" / "2025").exists()


def test_bad_data_stops_the_build_with_chinese_messages_and_keeps_the_last_site(multi_year: Project) -> None:
    assert multi_year.build().returncode == 0
    before = {path: path.stat().st_mtime_ns for path in multi_year.site.rglob("*") if path.is_file()}

    year_file = multi_year.data / "years" / "2023.yaml"
    year_file.write_text(year_file.read_text(encoding="utf-8").replace("  - area: energy", "  - area: power"), encoding="utf-8")
    result = multi_year.build()

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/years/2023.yaml:" in result.stderr
    assert "achievements[1].area — 未知的工作领域 `power`" in result.stderr
    after = {path: path.stat().st_mtime_ns for path in multi_year.site.rglob("*") if path.is_file()}
    assert after == before, "the last good site must be left exactly as it was"


def test_script_typed_into_a_title_shows_as_text(multi_year: Project) -> None:
    year_file = multi_year.data / "years" / "2024.yaml"
    text = year_file.read_text(encoding="utf-8")
    text = text.replace("title: 2024年工作总结", "title: 2024年<script>alert('x')</script>总结")
    text = text.replace("item: 车辆调度信息化", "item: <img src=x onerror=alert(1)>")
    text = text.replace("title: 公务用车", "title: 公务<script>alert(2)</script>用车")
    year_file.write_text(text, encoding="utf-8")
    assert multi_year.build().returncode == 0
    for html_file in multi_year.site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, html_file
    page = multi_year.page("years/2024/")
    assert "2024年&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;总结" in page or "2024年&lt;script&gt;alert('x')&lt;/script&gt;总结" in page


def test_real_site_has_the_2024_report_sources_and_no_external_requests(built_real_site: Project) -> None:
    page = built_real_site.page("years/2024/")
    assert "一、新的办公条件与格局下，如何抓管理促工作" in headings(page)
    assert "原文缺失" in page and "原文不完整" in page
    assert 'href="../../sources/2024-service-center-summary.txt"' in page
    source = built_real_site.site / "sources" / "2024-service-center-summary.txt"
    assert source.read_text(encoding="utf-8").startswith(" 2024年")
    for html_file in built_real_site.site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert not EXTERNAL.findall(html), (html_file, EXTERNAL.findall(html))
        assert "fonts.googleapis" not in html
    for css_file in built_real_site.site.rglob("*.css"):
        css = css_file.read_text(encoding="utf-8")
        assert not re.search(r"url\((['\"]?)(https?:)?//|@import[^;]*https?://", css), css_file
    [plotly] = (built_real_site.site / "assets" / "vendor").glob("plotly-basic.min.*.js")
    assert plotly.stat().st_size > 1_000_000 and (built_real_site.site / "assets" / "vendor" / "LICENSE.plotly.js.txt").is_file()
    assert '<html lang="zh"' in page


def test_plotly_is_loaded_only_by_the_chart_script(built_real_site: Project) -> None:
    for html_file in built_real_site.site.rglob("*.html"):
        assert "plotly" not in html_file.read_text(encoding="utf-8").replace("data-figure", "")
    [charts] = (built_real_site.site / "assets" / "nianjian").glob("charts.*.js")
    [plotly] = re.findall(r'"(\.\./vendor/plotly-basic\.min\.[0-9a-f]{10}\.js)"', charts.read_text(encoding="utf-8"))
    assert (charts.parent / plotly).resolve().is_file()


def test_our_css_and_js_are_named_by_their_content_so_servers_may_cache_them(built_real_site: Project) -> None:
    """A changed file gets a new name; the page links the hashed names only, and site.js names
    charts.js and compare.js (which it loads on the pages that need them) by their hashed names too."""
    import hashlib

    page = built_real_site.page("years/2024/")
    linked = re.findall(r'(?:href|src)="(?:\.\./)*(assets/(?:nianjian|vendor)/[^"]+)"', page)
    assert sorted(name.rsplit("/", 1)[1].split(".")[0] for name in linked) == ["facts", "nianjian", "site", "tables"]
    site_js = (built_real_site.site / next(uri for uri in linked if "/site." in uri)).read_text(encoding="utf-8")
    [charts] = re.findall(r'"(charts\.[0-9a-f]{10}\.js)"', site_js)
    [compare] = re.findall(r'"(compare\.[0-9a-f]{10}\.js)"', site_js)  # loaded on the comparison page only
    linked += [f"assets/nianjian/{charts}", f"assets/nianjian/{compare}"]
    for uri in linked + [str(path.relative_to(built_real_site.site)) for path in (built_real_site.site / "assets" / "vendor").glob("*.js")]:
        content = (built_real_site.site / uri).read_bytes()
        digest = re.search(r"\.([0-9a-f]{10})\.(?:js|css)$", uri).group(1)
        assert hashlib.sha256(content).hexdigest()[:10] == digest, uri
    assert not (built_real_site.site / "assets" / "nianjian" / "charts.js").exists()



def test_colours_and_the_paper_are_written_once_by_the_build(built_real_site: Project) -> None:
    """The generated stylesheet carries the palette and the paper as custom properties and the
    @page rule, linked before nianjian.css, which names none of those values itself."""
    from nianjian.paper.geometry import MARGINS_MM
    from nianjian.render.parts.chart_svg import PHONE_MAX_WIDTH
    from nianjian.render.parts.palette import CHANGE_UP, DARK, HIGHLIGHT

    page = built_real_site.page("years/2024/")
    linked = re.findall(r'href="(?:\.\./)*(assets/nianjian/(?:facts|nianjian)\.[0-9a-f]{10}\.css)"', page)
    assert [uri.split("/")[-1].split(".")[0] for uri in linked] == ["facts", "nianjian"]
    facts, ours = ((built_real_site.site / uri).read_text(encoding="utf-8") for uri in linked)
    assert f"--nj-highlight: {HIGHLIGHT};" in facts and f"--nj-highlight: {DARK[HIGHLIGHT]};" in facts
    assert f"--nj-change-up: {CHANGE_UP};" in facts
    assert f"margin: {MARGINS_MM.top}mm {MARGINS_MM.right}mm {MARGINS_MM.bottom}mm {MARGINS_MM.left}mm" in facts
    assert not re.findall(r"#[0-9a-fA-F]{6}\b", ours) and not re.search(r"@page\s*{", ours) and "37mm" not in ours and "600px" not in ours
    assert f"@media screen and (max-width: {PHONE_MAX_WIDTH}px)" in facts  # the phone of the charts, as plotly's JSON has it
    figures = [json.loads(unescape(found)) for found in re.findall(r'data-figure="([^"]*)"', page)]
    assert [figure["narrow"]["width"] for figure in figures if "narrow" in figure] == [PHONE_MAX_WIDTH]  # the small multiples


def test_shipped_metrics_are_all_marked_sample_and_so_is_the_page(built_real_site: Project) -> None:
    from nianjian.check.load import load_archive
    from conftest import REPO

    archive = load_archive(REPO / "data")
    assert archive.metrics and all(row.sample for row in archive.metrics)
    for url in ("", "years/", "years/2024/"):
        assert 'class="nj-sample"' in built_real_site.page(url)


def search_documents(project: Project) -> list[dict]:
    return json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_chinese_words_inside_paragraphs_are_in_the_search_index(built_real_site: Project) -> None:
    documents = search_documents(built_real_site)
    separators = re.compile(r"[\s\u200b\u3000\-、。，．？！；：（）“”<>/p]+")
    for word in ("食堂", "搬迁", "绿化", "招标", "废旧物资", "三星级"):
        locations = {
            doc["location"] for doc in documents
            if any(token.startswith(word) for token in separators.split(doc["title"] + " " + doc["text"]))
        }
        assert any(location.startswith("years/2024/") for location in locations), word


def test_data_guide_is_generated_from_the_schema(built_real_site: Project) -> None:
    guide = built_real_site.page("guide/data/")
    for text in ("年度记录", "achievements", "原文缺失", "year,area,indicator,unit,value,note,sample", "示例数据"):
        assert text in guide


def test_years_index_lists_every_year(built_multi_year: Project) -> None:
    multi_year = built_multi_year
    index = multi_year.page("years/")
    assert [int(y) for y in re.findall(r'<a href="(\d{4})/">\d{4}年</a>', index)] == [2024, 2023, 2022]
    assert "历年趋势" in index


def test_editor_guide_pages_show_the_commands_and_real_messages(built_real_site: Project) -> None:
    guide = built_real_site.page("guide/")
    for command in ("nianjian new 2025", "nianjian import", "make serve", "nianjian validate"):
        assert command in guide
    errors = unescape(built_real_site.page("guide/errors/"))
    assert "data/years/2025.yaml:12:5: achievements[0].figure — `figure`（数值）应为数字，实际是文本 “一千二百”" in errors
    assert "文件不是 UTF-8 编码，检测为 GBK/GB18030" in errors


def test_a_failed_build_leaves_nothing_in_the_temporary_folder(multi_year: Project, tmp_path: Path) -> None:
    """A build that fails after the data was rendered (here a hand-written page that clashes
    with a generated one) leaves no files behind: downloads are handed to MkDocs in memory."""
    (multi_year.root / "docs" / "years").mkdir()
    (multi_year.root / "docs" / "years" / "2022.md").write_text("# 手写\n", encoding="utf-8")
    env_tmp = tmp_path / "tmp"
    env_tmp.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(multi_year.site)],
        cwd=multi_year.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(env_tmp)},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    assert "与自动生成的页面重名" in result.stderr
    # jieba (Material's Chinese search) keeps its dictionary cache there; nothing else may remain.
    assert [path.name for path in env_tmp.iterdir() if path.name != "jieba.cache"] == []


def test_properdocs_builds_the_same_site_as_mkdocs(built_real_site: Project, tmp_path: Path) -> None:
    """The path off MkDocs 1.6.1 (its last 1.x release): ProperDocs 1.6.7, installed from
    requirements-properdocs.txt, builds the real project with the same hooks and theme, and every
    file of its site is the same as MkDocs's, apart from the generator named in each page."""
    output = tmp_path / "properdocs-site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--quiet", "--site-dir", str(output)],
        cwd=built_real_site.root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    ours = {path.relative_to(built_real_site.site): path for path in built_real_site.site.rglob("*") if path.is_file()}
    theirs = {path.relative_to(output): path for path in output.rglob("*") if path.is_file()}
    assert sorted(ours) == sorted(theirs)
    differing = [str(name) for name, path in ours.items() if generator.sub(b"", path.read_bytes()) != generator.sub(b"", theirs[name].read_bytes())]
    assert differing == []
    assert b"ProperDocs 1.6.7" in (output / "index.html").read_bytes()  # it was ProperDocs that built it



def test_a_year_still_to_be_filled_in_previews_but_never_builds(multi_year: Project) -> None:
    """`nianjian new` leaves “（待填写）” where the editor must write: the preview shows the site
    and lists them apart; `make build` (and so publishing) stops at them, naming each line."""
    from nianjian.render.pages.site import load_and_render

    multi_year.write("years/2025.yaml", MINIMAL_YEAR.format(year=2025).replace("body: 完成。", "body: （待填写）"))
    preview = load_and_render(multi_year.data, preview=True)
    assert preview.errors == [] and "years/2025.md" in preview.rendered.pages
    assert [error.format() for error in preview.unfinished] == [
        "data/years/2025.yaml:6:5: sections[0].body — 还有待填写的内容 — 把“（待填写）”换成正文；这一项没有内容就删去它"
    ]
    result = multi_year.build()
    assert result.returncode != 0 and "years/2025.yaml:6:5: sections[0].body — 还有待填写的内容" in result.stderr


def test_editor_adds_2025_and_every_page_reflects_it(tmp_path: Path) -> None:
    """The guide's 新建一个年度, end to end: `nianjian new 2025`, fill in the placeholders, a
    recurring problem and a target for 2026, validate, build; the 2025 page, the plans, the
    problems, the comparison and the home page all carry the new year."""
    project = make_project(tmp_path / "project", FIXTURES / "knowledge-base")
    run = lambda *args: subprocess.run([sys.executable, "-m", "nianjian", *args], cwd=project.root, capture_output=True, text=True, timeout=120)  # noqa: E731
    assert run("new", "2025").returncode == 0
    year = project.data / "years" / "2025.yaml"
    text = year.read_text(encoding="utf-8").replace("（待填写）", "本年按计划完成了各项工作。")
    text = text.replace("problems: []", "problems:\n  - text: 公务车辆老化仍未解决\n    area: vehicles\n    continues: 2023-vehicles-aging")
    text = text.replace("plans: []", "plans:\n  - id: 2026-canteen-menu\n    text: 食堂推出每周新菜单\n    area: catering")
    year.write_text(text, encoding="utf-8")
    assert run("validate").returncode == 0, run("validate").stdout
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert "2025年测试局机关服务中心工作总结" in project.page("years/2025/") and "本年按计划完成了各项工作。" in project.page("years/2025/")
    assert "食堂推出每周新菜单" in project.page("plans/") and "待下一年报告" in project.page("plans/")
    assert "2025年" in project.page("problems/").split("公务车辆老化", 1)[1]
    assert '<span data-slot="year-b">2025</span>' in project.page("compare/")  # the newest pair now ends in 2025
    home = project.page("")
    assert "最新：2025年" in home and "2025年还没有统计数据，这里是有数据的最近一年。" in home
