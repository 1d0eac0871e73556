"""Across years: area pages, plan outcomes, recurring problems, comparison, tags, downloads —
built by the real MkDocs from four years of fixture data."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from html import unescape
from pathlib import Path

import openpyxl
import pytest

from conftest import FIXTURES, Project, built_project, rows_of
from nianjian.errors import DataError, DataInvalid
from nianjian.check.load import load_archive

# Whole-site builds with the real MkDocs.
pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Four years (2021–2024) with plans, outcomes, recurring problems, tags and metrics."""
    return built_project(tmp_path_factory, FIXTURES / "knowledge-base")


def test_area_page_gathers_the_area_across_years(kb: Project) -> None:
    page = kb.page("areas/catering/")
    assert rows_of(page, "area-catering-achievements") == [
        ["2021年", "食堂满意度调查", "满意度 92%", "", "（一）餐饮服务"],
        ["2022年", "增设售饭窗口", "高峰排队时间由 15 分钟缩短到 6 分钟", "", "（一）餐饮服务"],
        ["2023年", "食堂改造", "完工并投入使用", "2023-06", "（一）餐饮服务"],
    ]
    assert 'href="../../years/2023/#食堂改造"' in page  # the exact section
    metrics = rows_of(page, "area-catering-metrics")
    assert ["就餐人次", "2024", "15", "▲ +3（+25.0%）"] in metrics
    assert "数值（万人次）" in page.split('data-table-id="area-catering-metrics"', 1)[1].split("</thead>", 1)[0]  # one unit: in the heading
    assert 'class="nj-chart"' in page
    assert "2022年 · 一、主要工作成绩 › （一）餐饮服务" in unescape(re.sub(r"<[^>]+>", "", page))
    assert rows_of(page, "area-catering-problems") == [["2021年", "食堂高峰排队时间长", ""]]


def test_year_page_achievements_link_to_their_area(kb: Project) -> None:
    page = kb.page("years/2023/")
    assert '<a href="../../areas/catering/">餐饮服务</a>' in page
    assert (kb.site / "areas" / "catering" / "index.html").is_file()


def test_last_years_targets_with_an_unreported_one(kb: Project) -> None:
    page = kb.page("years/2022/")
    rows = rows_of(page, "outcomes-2022")
    assert [(row[0], row[2]) for row in rows] == [
        ("缩短食堂高峰排队时间", "已完成"),
        ("每季度一次消防演练", "已完成"),
        ("更新三辆公务车", "未报告"),
    ]
    assert "2021年报告提出的 3 项明年工作目标，本年报告了 2 项的落实情况" in page
    assert '<a href="#餐饮">（一）餐饮服务</a>' in page  # evidence link


def test_plans_overview_counts_each_outcome_per_year(kb: Project) -> None:
    page = kb.page("plans/")
    caption_table = re.search(r"<caption>各年目标落实情况</caption>(.*?)</table>", page, re.S).group(1)
    counts = [
        [re.sub(r"<[^>]+>", "", v) for v in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", caption_table.split("<tbody>", 1)[1], re.S)
    ]
    # 报告年份, 已完成, 部分完成, 未完成, 调整取消, 未报告, 合计
    assert counts == [["2022", "2", "0", "0", "0", "1", "3"], ["2023", "1", "1", "0", "0", "0", "2"], ["2024", "0", "0", "1", "0", "1", "2"]]
    plans = rows_of(page, "plans")
    assert len(plans) == 7
    assert 'data-filter="select">领域' in page and 'data-filter="select">落实情况' in page


def test_recurring_problems_are_chained_across_years(kb: Project) -> None:
    page = unescape(re.sub(r"<[^>]+>", "", kb.page("problems/")))
    assert "公务车辆老化，维修费用高" in page and "出现于 2021、2022、2023 年，共 3 次" in page
    chains_part = page.split("历年全部问题", 1)[0]
    assert "食堂高峰排队时间长" not in chains_part  # raised once only


def _pair_rows(html: str, part: str) -> list[list[str]]:
    """The text of each row of the comparison's table `part` ("figures" or "areas")."""
    table = html.split(f'data-pair="{part}"', 1)[1].split("</table>", 1)[0]
    return [
        [unescape(re.sub(r"<[^>]+>", "", value)).strip() for value in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    ]


def test_the_comparison_of_the_newest_two_years_is_written_by_the_build(kb: Project) -> None:
    """A reader without JavaScript (or on paper) sees 2023 against 2024 with the change worked
    out by the build, and every year's figures and counts in the tables compare.js copies from."""
    page = kb.page("compare/")
    assert rows_of(page, "compare-all") == [
        ["餐饮服务 · 就餐人次", "万人次", "9", "10", "12", "15"],
        ["节能 · 用电量", "万千瓦时", "110", "100", "96.8", "92.8"],
        ["公务用车 · 出车次数", "次", "820", "800", "760", "700"],
    ]
    assert rows_of(page, "compare-areas-all")[0] == ["餐饮服务", "1", "1", "1", "0"]
    assert _pair_rows(page, "figures") == [
        ["餐饮服务 · 就餐人次", "万人次", "12", "15", "▲ +3", "+25.0%"],
        ["节能 · 用电量", "万千瓦时", "96.8", "92.8", "▼ -4", "-4.1%"],
        ["公务用车 · 出车次数", "次", "760", "700", "▼ -60", "-7.9%"],
    ]
    assert 'data-key="energy|用电量"' in page and 'data-value="96.8"' in page  # what compare.js reads
    assert _pair_rows(page, "areas")[:2] == [["餐饮服务", "1", "0", "-1"], ["节能", "1", "1", "0"]]
    assert '<li data-title="安全保卫">' in page.split('<ul data-year="2021" data-report="true">', 1)[1].split("</ul>", 1)[0]


def test_key_figure_cards_with_trend_lines(kb: Project) -> None:
    home = kb.page("")
    cards = re.findall(r'<li class="nj-card">.*?</svg>\s*</li>', home, re.S)
    assert len(cards) == 3
    catering = next(card for card in cards if "就餐人次" in card)
    assert ">15<" in catering and "▲ +3（+25.0%）" in catering and "2023年 12" in catering
    assert 'aria-label="2021–2024年走势：9、10、12、15 万人次"' in catering


def test_tag_pages_collect_across_years(kb: Project) -> None:
    page = kb.page("tags/节能/")
    assert [row[:3] for row in rows_of(page, "tag-节能")] == [["2023年", "节能", "节能灯具更换"], ["2024年", "节能", "用电量下降"]]
    assert "食堂" in kb.page("tags/")


def test_tables_download_as_csv_with_bom_and_as_xlsx(kb: Project) -> None:
    csv_bytes = (kb.site / "downloads" / "plans.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    lines = csv_bytes.decode("utf-8-sig").splitlines()
    assert lines[0] == '"提出年份","目标","领域","落实情况","说明","报告"'  # text quoted, numbers bare
    assert len(lines) == 8
    workbook = openpyxl.load_workbook(io.BytesIO((kb.site / "downloads" / "plans.xlsx").read_bytes()))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == ["提出年份", "目标", "领域", "落实情况", "说明", "报告"]
    assert sheet.max_row == 8 and sheet["D4"].value == "未报告"
    assert 'href="../downloads/plans.csv"' in kb.page("plans/")


def search_entries(project: Project) -> list[tuple[str, str, str]]:
    """(location, title, text) of each entry of the built search index, without jieba's
    zero-width separators and the HTML tags the index keeps."""
    docs = json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    plain = lambda text: re.sub(r"<[^>]+>", " ", text.replace("\u200b", ""))
    return [(doc["location"], plain(doc["title"]), plain(doc["text"])) for doc in docs]


def test_new_pages_are_in_chinese_search(kb: Project) -> None:
    raw = (kb.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u" not in raw.split('"docs"', 1)[1]  # written as UTF-8, not as \uXXXX escapes (half the bytes)
    entries = search_entries(kb)
    found = {location.split("#")[0] for location, title, text in entries if "车辆" in title + text}
    assert {"problems/", "years/2021/", "years/2022/", "years/2023/"} <= found
    assert any(location == "areas/vehicles/" and title == "公务用车" for location, title, _ in entries)


def test_search_finds_each_text_once_where_it_is_written(kb: Project) -> None:
    """No key-figure cards, trend lines, chart tables, download links or empty-state sentences
    in the index, and no text found on two pages: the overviews' copies of a year's report
    (home, years, area, tag and problem pages) lead to it by their links, not as search hits."""
    entries = search_entries(kb)
    everything = " ".join(text for location, _, text in entries if not location.startswith("guide/"))  # the guide explains them
    for noise in ("走势", "下载：", "查看图表数据", "▲", "示例数据", "还没有记录这个领域", "没有单列"):
        assert noise not in everything, noise
    pages_of: dict[str, set[str]] = {}
    for location, _, text in entries:
        for sentence in re.split(r"[。；！？]|\s{2,}", text):
            if len(re.findall(r"[\u4e00-\u9fff]", sentence)) >= 8:
                pages_of.setdefault(sentence.strip(), set()).add(location.split("#")[0])
    assert {sentence: pages for sentence, pages in pages_of.items() if len(pages) > 1} == {}
    # Table cells stay apart: a search excerpt never runs one cell into the next.
    achievements = next(text for location, _, text in entries if location == "years/2024/#成绩-energy")
    assert re.search(r"事项 +成果 .*用电量下降 +同比下降", achievements), achievements


def errors_with(tmp_path: Path, file: str, old: str, new: str) -> list[DataError]:
    data = Path(tempfile.mkdtemp(dir=tmp_path)) / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataInvalid) as caught:
        load_archive(data)
    return caught.value.errors


def test_outcome_for_an_unknown_plan_id(tmp_path: Path) -> None:
    [error] = errors_with(tmp_path, "years/2022.yaml", "  - plan: 2022-fire-drill", "  - plan: 2022-fire-drills")
    assert error.field == "plan_outcomes[1].plan" and "2022-fire-drills" in error.message and "2021 年" in error.message
    assert "2022-canteen-queue" in error.hint


def test_unknown_outcome_word(tmp_path: Path) -> None:
    [error] = errors_with(tmp_path, "years/2022.yaml", "    outcome: 已完成\n    note: 排队", "    outcome: 完成了\n    note: 排队")
    assert error.field == "plan_outcomes[0].outcome" and "完成了" in error.message


def test_problem_continuing_an_unknown_one(tmp_path: Path) -> None:
    [error] = errors_with(tmp_path, "years/2023.yaml", "continues: 2022-vehicles-aging", "continues: 2020-vehicles-aging")
    assert error.field == "problems[0].continues" and "2020-vehicles-aging" in error.message


def test_section_in_an_unknown_area_and_missing_evidence(tmp_path: Path) -> None:
    errors = errors_with(tmp_path, "years/2023.yaml", "        area: energy\n        tags: [节能]", "        area: power\n        tags: [节能]")
    assert [error.field for error in errors] == ["sections[0].sections[1].area"]
    errors = errors_with(tmp_path, "years/2024.yaml", "    evidence: [节能]", "    evidence: [没有这节]")
    assert [error.field for error in errors] == ["plan_outcomes[0].evidence[0]"]


def test_every_xlsx_opens_in_openpyxl_with_the_csv_contents(kb: Project) -> None:
    """Our own minimal .xlsx writer, checked against a real spreadsheet reader."""
    workbooks = sorted((kb.site / "downloads").glob("*.xlsx"))
    assert len(workbooks) >= 20
    for path in workbooks:
        sheet = openpyxl.load_workbook(path).active
        from_excel = [[cell.value for cell in row] for row in sheet.iter_rows()]
        from_csv = list(csv.reader(io.StringIO(path.with_suffix(".csv").read_bytes().decode("utf-8-sig"))))
        assert len(from_excel) == len(from_csv), path.name
        for excel_row, csv_row in zip(from_excel, from_csv):
            assert len(excel_row) == len(csv_row), path.name
            for excel, text in zip(excel_row, csv_row):
                if isinstance(excel, (int, float)):  # numbers are numbers, equal to the CSV's
                    assert float(text) == excel, (path.name, excel, text)
                else:
                    assert ("" if excel is None else excel) == text, (path.name, excel, text)
                assert excel != "示例数据" or excel_row is from_excel[0]  # the mark is a column, not cell text


def _page_tables(html: str) -> dict[str, tuple[list[tuple[str, bool]], list[list[tuple[str, bool]]]]]:
    """Each working table of a built page: header (text, kind) and rows (text, is-sample)."""
    tables = {}
    for table_id, body in re.findall(r'data-table-id="([^"]+)"[^>]*>(.*?)</table>', html, re.S):
        head, rows = body.split("<tbody>", 1)
        header = [
            (unescape(re.sub(r"<[^>]+>", "", text)), "number" if "nj-num" in attributes else "year" if 'data-kind="year"' in attributes else "text")
            for attributes, text in re.findall(r"<th(\s[^>]*)?>(.*?)</th>", head, re.S)
        ]
        cells = [
            [(unescape(re.sub(r"<[^>]+>", "", text)).strip(), "data-sample" in attributes) for attributes, text in re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", rows, re.S)
        ]
        tables[table_id] = (header, cells)
    return tables


def test_every_table_on_the_site_matches_its_downloads_value_by_value(kb: Project) -> None:
    """Page, CSV and .xlsx are renderings of one typed table: same rows, numbers as numbers
    equal to what the page shows, years as numbers, the sample mark as its own column."""
    checked = 0
    for html_path in sorted(kb.site.rglob("index.html")):
        for table_id, (header, rows) in _page_tables(html_path.read_text(encoding="utf-8")).items():
            checked += 1
            sheet = openpyxl.load_workbook(kb.site / "downloads" / f"{table_id}.xlsx").active
            excel_header, *excel_rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
            has_sample = any(sample for row in rows for _, sample in row)
            assert excel_header == [text for text, _ in header] + (["示例数据"] if has_sample else []), table_id
            assert len(excel_rows) == len(rows), table_id
            for page_row, excel_row in zip(rows, excel_rows):
                for (text, _), (heading, kind), value in zip(page_row, header, excel_row):
                    if kind == "number" and text:
                        assert isinstance(value, (int, float)), (table_id, heading, value)
                        assert value == pytest.approx(float(re.sub(r"[,%+]", "", text)), abs=0.006), (table_id, heading, text, value)
                    elif kind == "year" and text:
                        assert value == int(text[:4]), (table_id, text, value)
                    else:
                        assert ("" if value is None else value) == text, (table_id, heading, text, value)
                        assert "示例数据" not in str(value)
                if has_sample:
                    assert excel_row[-1] == ("是" if any(sample for _, sample in page_row) else ""), table_id
    assert checked >= 20


def test_metric_values_download_as_numbers(kb: Project) -> None:
    sheet = openpyxl.load_workbook(kb.site / "downloads" / "area-energy-metrics.xlsx").active
    header, *rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert [cell.value for cell in header] == ["指标", "年份", "数值（万千瓦时）", "同比变化"]  # all real: no 示例数据 column; one unit, in the heading
    values = {(row[0].value, row[1].value): row[2] for row in rows}
    assert values[("用电量", 2024)].value == 92.8 and values[("用电量", 2024)].data_type == "n"
    assert values[("用电量", 2024)].number_format == "#,##0.00"
    assert values[("用电量", 2021)].value == 110 and values[("用电量", 2021)].number_format == "#,##0"


def test_sample_values_are_marked_in_their_own_column(built_multi_year: Project) -> None:
    sheet = openpyxl.load_workbook(built_multi_year.site / "downloads" / "area-energy-metrics.xlsx").active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header[-1] == "示例数据"
    assert all(row[-1] == "是" for row in rows) and all("示例数据" not in str(row[0]) for row in rows)


def test_a_real_year_after_a_sample_year_is_not_called_unreal(tmp_path: Path) -> None:
    """2024's electricity figure is real, 2023's was sample data: the 2024 card shows no
    示例数据 badge and says its change is against a sample value."""
    from nianjian.render.pages.site import load_and_render

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    sample_csv = data / "metrics" / "sample.csv"
    sample_csv.write_text(sample_csv.read_text(encoding="utf-8").replace("2024,energy,用电量,万千瓦时,85.5,示例,true", "2024,energy,用电量,万千瓦时,85.5,,false"), encoding="utf-8")
    page = load_and_render(data).rendered.pages["years/2024.md"]
    card = page.split("节能 · 用电量", 1)[1].split('<li class="nj-card">', 1)[0]
    assert "nj-sample" not in card.split("</div>", 1)[0]  # the name line: no badge on a real value
    assert "▼ -4.5（-5.0%），对比值为示例数据" in card


def test_a_new_years_report_before_its_statistics_keeps_the_last_key_figures(tmp_path: Path) -> None:
    """Early in 2025 the editor adds its report; its statistics come later. The home page keeps
    showing 2024's key figures and says why, instead of an empty box."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    (data / "years" / "2025.yaml").write_text(
        "year: 2025\ntitle: 2025年工作总结\nsummary: 2025年的工作。\nsections:\n  - title: 工作\n    body: 完成。\n"
        "achievements: []\nproblems: []\nplans: []\n",
        encoding="utf-8",
    )
    from nianjian.render.pages.site import load_and_render

    home = load_and_render(data).rendered.pages["index.md"]
    assert "## 2024年主要指标" in home and "2025年还没有统计数据，这里是有数据的最近一年。" in home
    assert "这一年没有统计数据" not in home and '<li class="nj-card">' in home


def test_readers_see_the_earlier_problem_not_its_id(kb: Project) -> None:
    """延续自 names the earlier year's problem by its year and text, linked to that year's list;
    the ids editors write (2021-vehicles-aging) appear on no public page."""
    for url in ("problems/", "areas/vehicles/"):
        page = kb.page(url)
        assert "vehicles-aging" not in page, url
        assert '<a href="../../years/2021/#附-存在问题">2021年：公务车辆老化，维修费用高</a>' in page or \
            '<a href="../years/2021/#附-存在问题">2021年：公务车辆老化，维修费用高</a>' in page, url
    assert "continues" not in kb.page("problems/")  # no editor's field names on a reader's page


def test_a_wrong_outcome_is_reported_in_chinese_with_the_allowed_values(tmp_path: Path) -> None:
    [error] = errors_with(tmp_path, "years/2022.yaml", "outcome: 已完成", "outcome: 完成")
    assert error.field.endswith(".outcome") and "“完成”" in error.message and "不在可选范围内" in error.message
    assert error.hint == "只能是：“已完成”、“部分完成”、“未完成”、“调整取消”"
    assert "is not one of" not in error.message + error.hint


def test_the_preview_of_broken_data_keeps_every_page_reachable(tmp_path: Path) -> None:
    """An editor previewing an area or the plans page saves a mistake: that page shows the
    problem list too, instead of a 404. With site.yaml itself broken, the rest still does."""
    from nianjian.render.pages.site import load_and_render

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    year = data / "years" / "2023.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("year: 2023", "year: 2023\n  bad: [unclosed"), encoding="utf-8")
    outcome = load_and_render(data, preview=True)
    pages = outcome.rendered.pages
    for path in ("index.md", "years/2023.md", "areas/index.md", "areas/catering.md", "areas/vehicles.md", "plans/index.md", "problems/index.md", "compare/index.md", "tags/index.md"):
        assert "数据有误，网站暂未更新" in pages[path], path
    (data / "site.yaml").write_text("areas: [unclosed\n", encoding="utf-8")
    pages = load_and_render(data, preview=True).rendered.pages
    assert "数据有误，网站暂未更新" in pages["plans/index.md"] and not [path for path in pages if path.startswith("areas/") and path != "areas/index.md"]


def test_a_continuation_without_an_id_of_its_own_still_joins_its_chain(tmp_path: Path) -> None:
    """The editor of 2023 wrote `continues` but gave the problem no id: the recurring-problems
    page still shows the problem in 2021, 2022 and 2023 (it once said there were none)."""
    from nianjian.facts.tracking import problem_chains

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    path = data / "years" / "2023.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: 2023-vehicles-aging\n    text: 公务车辆老化问题尚未解决", "  - text: 公务车辆老化问题尚未解决"), encoding="utf-8")
    [chain] = [chain for chain in problem_chains(load_archive(data)) if "公务车辆老化" in chain[0][1].text]
    assert [(year, problem.text) for year, problem in chain][-1] == (2023, "公务车辆老化问题尚未解决")
    assert [year for year, _ in chain] == [2021, 2022, 2023]


# A 1×1 PNG: what an editor's photo is to the build.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def test_a_picture_kept_under_sources_shows_on_the_year_page(tmp_path: Path) -> None:
    """An editor puts the new canteen's photo in data/sources/ and shows it in 2023's text: the
    build copies it into the site beside the sources, where the page's image finds it."""
    from conftest import make_project

    project = make_project(tmp_path / "project", FIXTURES / "knowledge-base")
    (project.data / "sources").mkdir(exist_ok=True)
    (project.data / "sources" / "新食堂.png").write_bytes(PNG)
    path = project.data / "years" / "2023.yaml"
    text = path.read_text(encoding="utf-8")
    summary = "summary: 2023年，食堂改造完工，节能工作成效明显。"
    assert summary in text
    path.write_text(text.replace(summary, f'summary: "![新食堂](../../sources/新食堂.png)\\n\\n{summary[9:]}"'), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.page("years/2023/")
    [source] = re.findall(r'<img alt="新食堂" src="([^"]+)"', page)
    assert (project.site / "years" / "2023" / unquote_path(source)).resolve() == (project.site / "sources" / "新食堂.png").resolve()
    assert (project.site / "sources" / "新食堂.png").read_bytes() == PNG


def unquote_path(url: str) -> str:
    from urllib.parse import unquote

    return unquote(url)


@pytest.mark.parametrize(
    "written, says",
    [
        ("sources/新食堂.png", "不在 data/sources/ 里"),  # relative to data/, not to the page
        ("../../sources/没有这张.png", "data/sources/没有这张.png 不存在"),
        ("../../sources/图.svg", "不是网页能显示的图片"),
        ("../../years/2022/", "不在 data/sources/ 里"),
    ],
)
def test_a_picture_that_would_not_show_is_refused_with_file_line_and_what_to_do(tmp_path: Path, written: str, says: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    (data / "sources").mkdir(exist_ok=True)
    (data / "sources" / "新食堂.png").write_bytes(PNG)
    (data / "sources" / "图.svg").write_text("<svg/>", encoding="utf-8")
    path = data / "years" / "2023.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("summary: ")].count("\n") + 1
    summary = "summary: 2023年，食堂改造完工，节能工作成效明显。"
    path.write_text(text.replace(summary, f'summary: "![图]({written})\\n\\n{summary[9:]}"'), encoding="utf-8")
    with pytest.raises(DataInvalid) as caught:
        load_archive(data)
    [error] = caught.value.errors
    assert (error.file, error.line, error.field) == ("data/years/2023.yaml", line, "summary"), error
    assert says in error.message and "../../sources/图片.jpg" in error.hint and "data/sources/" in error.hint


def test_the_subject_index_links_every_place_that_has_each_term(kb: Project) -> None:
    """The 索引 page lists the tags, the areas' names and the agency's words, each with links to
    the places that have it; every link leads to a heading of a year page under which the term
    is written (or to the page's 大事记, achievements or honours)."""
    from urllib.parse import unquote

    page = kb.page("terms/")
    entries = re.findall(r"<dt>([^<]+)</dt><dd data-search-exclude>(.*?)</dd>", page, re.S)
    terms = [term for term, _ in entries]
    assert "节能" in terms and "餐饮服务" in terms
    assert terms == sorted(terms)
    checked = 0
    for term, places in entries:
        for href in re.findall(r'href="([^"]+)"', places):
            path, _, anchor = unquote(href).partition("#")
            target = (kb.site / "terms" / path / "index.html").resolve()
            html = target.read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html, (term, href)
            part = html.split(f'id="{anchor}"', 1)[1]
            part = re.split(r"<h[1-3] ", part, maxsplit=2)
            assert term in unescape(re.sub(r"<[^>]+>", "", "".join(part[:2]))), (term, href)
            checked += 1
    assert checked >= 10
    # Search finds a term here and each place on its own page: the places listed are copies of
    # headings, not hits of this page.
    index = json.loads((kb.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    [entry] = [entry for entry in index["docs"] if entry["location"] == "terms/"]
    shown = re.sub(r"[\u200b\s]", "", entry["text"])
    assert "节能" in shown and "餐饮服务" in shown and "年：" not in shown
