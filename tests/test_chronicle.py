"""The 大事记 (chronicle) and the honours: an editor records the year's events and honours in the
year file; the year page, the pages across years, the Word file and the volume's parts show
them; validation refuses dates that are not on the calendar, outside the year or twice."""

from __future__ import annotations

import io
import re
import shutil
from html import unescape
from pathlib import Path

import docx
import pytest

from conftest import FIXTURES, Project, add_to_year, make_project, rows_of
from nianjian.check.load import load_archive
from nianjian.errors import DataInvalid

EVENTS = """events:
  - date: 2024-05
    text: 开展节能宣传月活动。
    area: energy
    tags: [节能]
  - date: 2024-03-12
    text: 机关新食堂投入使用。
    place: 机关大楼一层
    area: catering
    source: 局办〔2024〕3号
  - date: 2023-12-30
    text: 完成上年度公务车辆年检（补记）。
    follow_up: true
honours:
  - title: 省直机关文明单位
    holder: 机关服务中心
    awarded_by: 省直机关工委
    level: 省级
    date: 2024-12
"""


def with_events(data: Path, events: str = EVENTS) -> Path:
    return add_to_year(data, 2024, events)


@pytest.fixture(scope="module")
def chronicled(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("chronicle") / "project", FIXTURES / "multi-year")
    with_events(project.data)
    result = project.publish()
    assert result.returncode == 0, result.stderr
    return project


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.slow
def test_the_year_page_lists_the_events_by_date_as_a_yearbook_writes_them(chronicled: Project) -> None:
    page = chronicled.page("years/2024/")
    chronicle = page.split('id="附-大事记"', 1)[1].split("</dl>", 1)[0]
    dates = re.findall(r"<dt>([^<]+)</dt>", chronicle)
    assert dates == ["2023年12月30日", "3月12日", "5月"]  # the 补记 with its year, first by date
    assert "机关新食堂投入使用。" in chronicle and "（机关大楼一层）" in chronicle and "出处：局办〔2024〕3号" in chronicle
    honours = rows_of(page, "honours-2024")
    assert honours == [["省直机关文明单位", "机关服务中心", "省直机关工委", "省级", "2024年12月"]]


@pytest.mark.slow
def test_the_chronicle_and_honours_pages_gather_every_year_with_filters_and_downloads(chronicled: Project) -> None:
    events = chronicled.page("events/")
    rows = rows_of(events, "events")
    assert [row[1:3] for row in rows] == [["2023年12月30日", "完成上年度公务车辆年检（补记）。"], ["3月12日", "机关新食堂投入使用。"], ["5月", "开展节能宣传月活动。"]]
    assert [row[4] for row in rows] == ["", "餐饮服务", "节能"]
    assert events.count('data-filter="select"') == 2  # 年份 and 领域
    assert (chronicled.site / "downloads" / "events.csv").is_file() and (chronicled.site / "downloads" / "events.xlsx").is_file()
    honours = chronicled.page("honours/")
    assert rows_of(honours, "honours")[0][:2] == ["2024年", "省直机关文明单位"]
    assert honours.count('data-filter="select"') == 3  # 年份, 获得者 and 级别
    nav = text_of(chronicled.page("years/2024/"))
    assert "大事记" in nav and "荣誉" in nav
    tag = text_of(chronicled.page("tags/节能/"))
    assert "2024年5月：开展节能宣传月活动。" in tag.replace(" ", "")


@pytest.mark.slow
def test_the_word_file_carries_the_chronicle_and_the_honours(chronicled: Project) -> None:
    report = docx.Document(io.BytesIO((chronicled.site / "downloads" / "report-2024.docx").read_bytes()))
    texts = [paragraph.text for paragraph in report.paragraphs]
    start = texts.index("附：大事记")
    assert texts[start + 1 : start + 4] == ["2023年12月30日　完成上年度公务车辆年检（补记）。", "3月12日　机关新食堂投入使用。（机关大楼一层）", "5月　开展节能宣传月活动。"]
    assert "附：荣誉" in texts
    assert any(cell.text == "省直机关文明单位" for table in report.tables for row in table.rows for cell in row.cells)


def test_the_volume_has_a_chronicle_and_an_honours_part_only_when_some_year_has_them(tmp_path: Path) -> None:
    from nianjian.paper.volume import volume_parts

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    titles = [part.title for part in volume_parts(load_archive(data))]
    assert "大事记" not in titles and "荣誉" not in titles
    with_events(data)
    titles = [part.title for part in volume_parts(load_archive(data))]
    assert titles.index("大事记") < titles.index("荣誉")


@pytest.mark.parametrize(
    "event, says",
    [
        ("  - date: 2024-02-30\n    text: 不存在的一天。\n", "日期 2024-02-30 不存在：2月没有30日"),
        ("  - date: 2023-11-02\n    text: 去年的事。\n", "日期 2023-11-02 不在 2024 年内"),
        ("  - date: 2024-13\n    text: 第十三个月。\n", "date"),
        ("  - date: 2024-03-12\n    text: 机关新食堂投入使用。\n", "与第 2 项重复"),
    ],
)
def test_impossible_foreign_and_repeated_dates_are_refused_with_file_and_line(tmp_path: Path, event: str, says: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    path = with_events(data, EVENTS.replace("honours:", event.rstrip("\n") + "\nhonours:", 1))
    lines = path.read_text(encoding="utf-8").splitlines()
    line = len(lines) - lines[::-1].index(event.splitlines()[0])  # the added one, the last of its date
    with pytest.raises(DataInvalid) as caught:
        load_archive(data)
    [error] = caught.value.errors
    assert error.file == "data/years/2024.yaml" and error.line == line and says in f"{error.field} {error.message}", error
