"""Indicators stay comparable across years: an editor renames an indicator and changes a unit,
and the site still shows one series with the right change — built by the real MkDocs."""

from __future__ import annotations

import json
import re
from html import unescape

import openpyxl
import pytest

from conftest import FIXTURES, Project, make_project, rows_of
from nianjian.facts.units import convert, readable_unit

# Whole-site builds with the real MkDocs.
pytestmark = [pytest.mark.slow]

REGISTRY = """
indicators:
  - key: meals
    area: catering
    name: 就餐人次
    unit: 万人次
    former_names: [就餐人数]
"""


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """2022 wrote 就餐人数 in 万人次, 2024 switched to plain 人次; vehicles' 2024 row is in 万次."""
    project = make_project(tmp_path_factory.mktemp("indicators") / "project", FIXTURES / "multi-year")
    with (project.data / "site.yaml").open("a", encoding="utf-8") as site:
        site.write(REGISTRY)
    real = project.data / "metrics" / "real.csv"
    text = real.read_text(encoding="utf-8")
    text = text.replace("2022,catering,就餐人次,万人次,10,", "2022,catering,就餐人数,万人次,10,")
    text = text.replace("2024,catering,就餐人次,万人次,15,", "2024,catering,就餐人次,人次,150000,")
    text = text.replace("2023,vehicles,出车次数,次,760,", "2023,vehicles,出车次数,万次,0.076,")
    real.write_text(text, encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def heading_of(page: str, table_id: str) -> list[str]:
    head = page.split(f'data-table-id="{table_id}"', 1)[1].split("</thead>", 1)[0]
    return [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


def test_a_former_name_and_a_new_unit_join_one_series_with_the_right_change(renamed: Project) -> None:
    page = renamed.page("areas/catering/")
    rows = rows_of(page, "area-catering-metrics")
    assert heading_of(page, "area-catering-metrics")[2] == "数值（万人次）"  # the one unit, in the heading
    assert [row[:3] for row in rows] == [["就餐人次", "2022", "10"], ["就餐人次", "2023", "12"], ["就餐人次", "2024", "15"]]
    assert rows[2][3] == "▲ +3（+25.0%）"
    # The original records are kept in the table's note.
    assert "2022年的“就餐人次”原记为“就餐人数”（同一指标改名）。" in page
    assert "2024年原始记录为 150,000 人次，已换算为 15 万人次。" in page
    # One line in the trend chart, in the display unit.
    figure = json.loads(unescape(re.search(r'data-figure="([^"]*)"', page).group(1)))
    lines = [trace for trace in figure["data"] if trace.get("mode") == "lines+markers"]
    assert [(trace["name"], trace["y"]) for trace in lines] == [("就餐人次", [10.0, 12.0, 15.0])]


def test_without_a_registry_the_newest_years_unit_is_shown(renamed: Project) -> None:
    page = renamed.page("areas/vehicles/")
    rows = rows_of(page, "area-vehicles-metrics")
    assert [row[2] for row in rows] == ["800", "760", "700"] and heading_of(page, "area-vehicles-metrics")[2] == "数值（次）"


def test_downloads_hold_the_converted_numbers_as_numbers(renamed: Project) -> None:
    sheet = openpyxl.load_workbook(renamed.site / "downloads" / "area-catering-metrics.xlsx").active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header[:3] == ["指标", "年份", "数值（万人次）"]
    assert [row[:3] for row in rows] == [["就餐人次", 2022, 10], ["就餐人次", 2023, 12], ["就餐人次", 2024, 15]]


def test_key_figure_card_compares_across_the_rename(renamed: Project) -> None:
    page = renamed.page("years/2024/")
    card = page.split("餐饮服务 · 就餐人次", 1)[1].split('<li class="nj-card">', 1)[0]
    assert ">15<" in card and "▲ +3（+25.0%）" in card


def test_units_convert_within_a_family_only() -> None:
    assert convert(1.2, "万元", "元") == 12000
    assert convert(3, "吨", "千克") == 3000
    assert convert(1658000, "千瓦时", "万千瓦时") == 165.8
    assert convert(5, "万件", "件") == 50000
    assert convert(1, "元", "件") is None and convert(1, "千克", "千瓦时") is None


def test_big_numbers_are_written_with_wan_and_yi() -> None:
    assert readable_unit(123_456_789, "元") == (1e8, "亿元")
    assert readable_unit(18_200, "人次") == (1e4, "万人次")
    assert readable_unit(123_456, "万元") == (1e4, "亿元")
    assert readable_unit(1_420, "件") == (1, "件")
    assert readable_unit(250_000, "%") == (1, "%")
