"""A department's round trip through Word: the office exports 节能办's parts of 2024, the department
edits them in Word (python-docx here) or WPS (LibreOffice stands in: it opens and saves the file
again), and `nianjian import 2024 节能办.docx` puts the text back into exactly those parts; the rest
of the year file keeps every byte. A file whose parts were deleted, duplicated or damaged is
refused, naming the part, and nothing is written."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from conftest import FIXTURES

pytestmark = pytest.mark.slow  # each test runs nianjian as a process; one saves with LibreOffice

PLAN = """contributions:
  - part: 节能
    unit: 节能办
    writer: 张某
    due: 2025-01-15
  - part: summary
    unit: 节能办
    due: 2025-01-15
  - part: achievements:energy
    unit: 节能办
    due: 2025-01-15
  - part: 主要工作成绩
    unit: 办公室
    due: 2025-01-15
"""
OLD_BODY = "用电量下降 4.1%。"
NEW_BODY = "用电量下降 4.1%。全年节约电费 12 万元。"


def nianjian(*arguments: object, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nianjian", *map(str, arguments)], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def planned(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    year = data / "years" / "2024.yaml"
    text = year.read_text(encoding="utf-8").replace("  - title: 主要工作成绩\n", "  - title: 主要工作成绩\n    id: 主要工作成绩\n    body: 办公室写的概述。\n", 1)
    year.write_text(text.replace("plan_outcomes:", PLAN + "plan_outcomes:", 1), encoding="utf-8")
    result = nianjian("export", 2024, "--unit", "节能办", "--data", data, "-o", tmp_path / "节能办.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def edited(folder: Path, change) -> Path:  # noqa: ANN001 (a function of the python-docx document)
    document = docx.Document(folder / "节能办.docx")
    change(document)
    path = folder / "节能办-改.docx"
    document.save(path)
    return path


def resaved(path: Path, saved_by: str) -> Path:
    """The file as the department hands it back: as written, or opened and saved by LibreOffice
    (standing in for WPS)."""
    if saved_by != "LibreOffice":
        return path
    out = path.parent / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    return out / path.name


def rewrite(old: str, new: str):  # noqa: ANN201
    def change(document) -> None:  # noqa: ANN001
        paragraph = next(paragraph for paragraph in document.paragraphs if paragraph.text == old)
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.runs[0].text = new
    return change


def test_the_export_holds_the_unit_s_parts_only_in_the_formal_styles(planned: Path) -> None:
    document = docx.Document(planned / "节能办.docx")
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "（一）节能降耗" in texts and OLD_BODY in texts and "开篇" in texts and "节能：主要成绩" in texts
    assert "办公室写的概述。" not in texts  # the office's part is not 节能办's
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 2"]
    assert headings == ["（一）节能降耗", "开篇", "节能：主要成绩"]
    names = [element.get(qn("w:name")) for element in document.element.body.iter(qn("w:bookmarkStart"))]
    assert len(names) == 3 and all(name.startswith("nj_") for name in names)  # two texts and the achievements' table
    [table] = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["事项", "成果"], ["用电量下降", "同比下降 4.1%"]]
    assert document.core_properties.subject == "节能办"


def test_placeholders_are_highlighted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    year = data / "years" / "2024.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace(f"body: {OLD_BODY}", "body: 用电量（待填写）。").replace("plan_outcomes:", PLAN.split("  - part: summary")[0] + "plan_outcomes:", 1), encoding="utf-8")
    assert nianjian("export", 2024, "--unit", "节能办", "--data", data, "-o", tmp_path / "x.docx", cwd=tmp_path).returncode == 0
    runs = [run for paragraph in docx.Document(tmp_path / "x.docx").paragraphs for run in paragraph.runs]
    assert [run.text for run in runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW] == ["（待填写）"]


@pytest.mark.parametrize("saved_by", ["python-docx", "LibreOffice"])
def test_edited_text_goes_back_into_its_parts_and_every_other_byte_stays(planned: Path, saved_by: str) -> None:
    year = planned / "data" / "years" / "2024.yaml"
    before = year.read_text(encoding="utf-8")
    path = edited(planned, lambda document: (rewrite(OLD_BODY, NEW_BODY)(document), rewrite("2024年，中心各项工作平稳推进。", "2024年，中心各项工作稳步推进。")(document)))
    path = resaved(path, saved_by)
    result = nianjian("import", 2024, path, "--data", planned / "data", cwd=planned)
    assert result.returncode == 0, result.stderr
    assert "（一）节能降耗：增加 1 句" in result.stdout and "开篇：修改 1 句" in result.stdout
    expected = before.replace(f"body: {OLD_BODY}", f"body: {NEW_BODY}").replace("平稳推进。", "稳步推进。")
    assert year.read_text(encoding="utf-8") == expected


def test_paragraphs_come_back_as_a_block_of_paragraphs(planned: Path) -> None:
    def two_paragraphs(document) -> None:  # noqa: ANN001
        paragraph = next(paragraph for paragraph in document.paragraphs if paragraph.text == OLD_BODY)
        second = copy.deepcopy(paragraph._p)
        for bookmark in second.iter(qn("w:bookmarkStart")):
            bookmark.getparent().remove(bookmark)
        paragraph._p.addnext(second)
        for element in paragraph._p.iter(qn("w:bookmarkEnd")):
            element.getparent().remove(element)
        document.paragraphs[[p._p for p in document.paragraphs].index(second)].runs[0].text = "第二段：全年节约电费 12 万元。"

    year = planned / "data" / "years" / "2024.yaml"
    result = nianjian("import", 2024, edited(planned, two_paragraphs), "--data", planned / "data", cwd=planned)
    assert result.returncode == 0, result.stderr
    assert f"body: |-\n          {OLD_BODY}\n\n          第二段：全年节约电费 12 万元。\n" in year.read_text(encoding="utf-8")


def delete_part(document) -> None:  # noqa: ANN001
    paragraph = next(paragraph for paragraph in document.paragraphs if paragraph.text == OLD_BODY)
    paragraph._p.getparent().remove(paragraph._p)


def duplicate_part(document) -> None:  # noqa: ANN001
    paragraph = next(paragraph for paragraph in document.paragraphs if paragraph.text == OLD_BODY)
    paragraph._p.addnext(copy.deepcopy(paragraph._p))


def damage_part(document) -> None:  # noqa: ANN001
    start = next(document.element.body.iter(qn("w:bookmarkStart")))
    start.set(qn("w:name"), "nj_0000000000000000")


@pytest.mark.parametrize(
    "change, says",
    [(delete_part, "部分“（一）节能降耗”找不到了"), (duplicate_part, "部分“（一）节能降耗”出现了不止一次"), (damage_part, "不属于节能办的任何部分")],
)
def test_a_deleted_duplicated_or_damaged_part_is_refused_by_name_and_nothing_is_written(planned: Path, change, says: str) -> None:  # noqa: ANN001
    year = planned / "data" / "years" / "2024.yaml"
    before = year.read_bytes()
    result = nianjian("import", 2024, edited(planned, change), "--data", planned / "data", cwd=planned)
    assert result.returncode == 1 and says in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert year.read_bytes() == before


def test_a_file_that_is_not_a_word_file_or_unpacks_to_too_much_is_refused(planned: Path) -> None:
    import zipfile

    year = planned / "data" / "years" / "2024.yaml"
    before = year.read_bytes()
    fake = planned / "假的.docx"
    fake.write_bytes(b"PK not really a zip")
    bomb = planned / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (100 * 1024 * 1024) + b"</w:document>")
    for path in (fake, bomb):
        result = nianjian("import", 2024, path, "--data", planned / "data", cwd=planned)
        assert result.returncode == 1 and "没有改回" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert year.read_bytes() == before


def edit_table(document) -> None:  # noqa: ANN001
    [table] = document.tables
    table.rows[1].cells[1].text = "同比下降 4.1%，节约电费 12 万元"
    row = table.add_row()
    row.cells[0].text, row.cells[1].text = "光伏发电", "屋顶光伏并网"


@pytest.mark.parametrize("saved_by", ["python-docx", "LibreOffice"])
def test_a_table_s_rows_go_back_changed_added_and_removed_as_achievements(planned: Path, saved_by: str) -> None:
    year = planned / "data" / "years" / "2024.yaml"
    before = year.read_text(encoding="utf-8")
    path = edited(planned, edit_table)
    path = resaved(path, saved_by)
    result = nianjian("import", 2024, path, "--data", planned / "data", cwd=planned)
    assert result.returncode == 0, result.stderr
    assert "节能：主要成绩：增加 1 行，修改 1 行" in result.stdout
    after = year.read_text(encoding="utf-8")
    # The changed result in place, the new row as a new item right after the area's last one (the
    # achievement's own `tags` line, four spaces in), every other byte as it was.
    expected = before.replace("    result: 同比下降 4.1%\n", "    result: 同比下降 4.1%，节约电费 12 万元\n")
    expected = re.sub(r"(?m)^    tags: \[节能\]\n", "    tags: [节能]\n  - area: energy\n    item: 光伏发电\n    result: 屋顶光伏并网\n", expected, count=1)
    assert after == expected
    # and a row deleted in Word is an achievement deleted
    def delete_row(document) -> None:  # noqa: ANN001
        [table] = document.tables
        table._tbl.remove(table.rows[2]._tr)

    result = nianjian("import", 2024, edited(planned, lambda document: (edit_table(document), delete_row(document))), "--data", planned / "data", cwd=planned)
    assert result.returncode == 0, result.stderr
    assert "光伏发电" not in year.read_text(encoding="utf-8") and "节能：主要成绩：删除 1 行" in result.stdout


EVENTS = """events:
  - date: 2024-05-01
    text: 节能宣传周开幕。
  - date: 2024-03-12
    text: 新食堂投入使用。
"""


def test_the_chronicle_goes_to_word_by_date_and_comes_back_into_the_same_items(tmp_path: Path) -> None:
    from nianjian.check.load import check_data

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    year = data / "years" / "2024.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("plan_outcomes:", EVENTS + "contributions:\n  - part: events\n    unit: 办公室\n    due: 2025-01-15\nplan_outcomes:", 1), encoding="utf-8")
    assert nianjian("export", 2024, "--unit", "办公室", "--data", data, "-o", tmp_path / "办公室.docx", cwd=tmp_path).returncode == 0
    document = docx.Document(tmp_path / "办公室.docx")
    [table] = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["日期", "内容"], ["2024-03-12", "新食堂投入使用。"], ["2024-05-01", "节能宣传周开幕。"]]
    table.rows[1].cells[1].text = "机关新食堂投入使用。"
    row = table.add_row()
    row.cells[0].text, row.cells[1].text = "2024-09-20", "机关大楼消防演练。"
    document.save(tmp_path / "办公室.docx")
    result = nianjian("import", 2024, tmp_path / "办公室.docx", "--data", data, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "大事记：增加 1 行，修改 1 行" in result.stdout
    events = next(record for record in check_data(data).archive.years if record.year == 2024).events
    assert [(event.date, event.text) for event in events] == [("2024-03-12", "机关新食堂投入使用。"), ("2024-05-01", "节能宣传周开幕。"), ("2024-09-20", "机关大楼消防演练。")]
    # A date that is not on the calendar is refused by the data's own check, and the file stays.
    before = year.read_bytes()
    document = docx.Document(tmp_path / "办公室.docx")
    document.tables[0].rows[3].cells[0].text = "2024-02-30"
    document.save(tmp_path / "办公室.docx")
    result = nianjian("import", 2024, tmp_path / "办公室.docx", "--data", data, cwd=tmp_path)
    assert result.returncode == 1 and "2月没有30日" in result.stderr and year.read_bytes() == before


FLEET_PLAN = """contributions:
  - part: achievements:vehicles
    unit: 车队
    due: 2025-01-15
  - part: honours
    unit: 车队
    due: 2025-01-15
  - part: metrics:vehicles
    unit: 车队
    due: 2025-01-15
"""


def fill_fleet_tables(document) -> None:  # noqa: ANN001
    """车队 fills its empty achievements and honours and corrects its number, adding a second."""
    achievements, honours, numbers = document.tables
    row = achievements.add_row()
    row.cells[0].text, row.cells[1].text = "公务用车平台上线", "派车全部线上办理"
    row = honours.add_row()
    for cell, text in zip(row.cells, ("安全行车先进集体", "车队", "市级", "", "2024-12")):
        cell.text = text
    numbers.rows[1].cells[2].text = "712"
    row = numbers.add_row()
    for cell, text in zip(row.cells, ("安全行驶里程", "万公里", "38.5", "", "否")):
        cell.text = text


@pytest.mark.parametrize("saved_by", ["python-docx", "LibreOffice"])
def test_a_unit_fills_its_empty_parts_and_its_numbers_and_they_go_back(tmp_path: Path, saved_by: str) -> None:
    from nianjian.check.load import check_data

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    year = data / "years" / "2024.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("plan_outcomes:", FLEET_PLAN + "plan_outcomes:", 1), encoding="utf-8")
    numbers = data / "metrics" / "all.csv"
    numbers.write_bytes(numbers.read_bytes().replace(b"\n", b"\r\n"))  # saved on Windows: its line ends stay
    csv_before, year_before = numbers.read_bytes(), year.read_text(encoding="utf-8")
    assert nianjian("export", 2024, "--unit", "车队", "--data", data, "-o", tmp_path / "车队.docx", cwd=tmp_path).returncode == 0
    document = docx.Document(tmp_path / "车队.docx")
    assert [[cell.text for cell in row.cells] for row in document.tables[2].rows] == [["指标", "单位", "数值", "备注", "示例数据"], ["出车次数", "次", "700", "", "否"]]
    assert [len(table.rows) for table in document.tables] == [1, 1, 2]  # nothing yet but the headers
    fill_fleet_tables(document)
    document.save(tmp_path / "车队.docx")
    result = nianjian("import", 2024, resaved(tmp_path / "车队.docx", saved_by), "--data", data, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "公务用车：主要成绩：增加 1 行" in result.stdout and "荣誉：增加 1 行" in result.stdout and "公务用车：统计数字：增加 1 行，修改 1 行" in result.stdout
    # The first vehicles achievement follows the list's last item; honours, which the file did not
    # have, start at its end; the rest of the year file keeps every byte.
    after = year.read_text(encoding="utf-8")
    assert after == year_before.replace("    tags: [节能]\nproblems: []", "    tags: [节能]\n  - area: vehicles\n    item: 公务用车平台上线\n    result: 派车全部线上办理\nproblems: []") + (
        "honours:\n  - title: 安全行车先进集体\n    holder: 车队\n    level: 市级\n    date: 2024-12\n"
    )
    # The number changed in its line, the new one after the area's last row, CRLF kept, all else the same.
    assert numbers.read_bytes() == csv_before.replace(b"2024,vehicles,\xe5\x87\xba\xe8\xbd\xa6\xe6\xac\xa1\xe6\x95\xb0,\xe6\xac\xa1,700,,false\r\n", "2024,vehicles,出车次数,次,712,,false\r\n2024,vehicles,安全行驶里程,万公里,38.5,,false\r\n".encode())
    record = next(record for record in check_data(data).archive.years if record.year == 2024)
    assert [(honour.title, honour.level) for honour in record.honours] == [("安全行车先进集体", "市级")]


def test_a_number_that_is_not_a_number_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    year = data / "years" / "2024.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("plan_outcomes:", FLEET_PLAN + "plan_outcomes:", 1), encoding="utf-8")
    before = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()}
    assert nianjian("export", 2024, "--unit", "车队", "--data", data, "-o", tmp_path / "车队.docx", cwd=tmp_path).returncode == 0
    document = docx.Document(tmp_path / "车队.docx")
    fill_fleet_tables(document)
    document.tables[2].rows[1].cells[2].text = "七百一十二"
    document.save(tmp_path / "车队.docx")
    result = nianjian("import", 2024, tmp_path / "车队.docx", "--data", data, cwd=tmp_path)
    assert result.returncode == 1 and "metrics/all.csv" in result.stderr and "没有改回" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert {path: path.read_bytes() for path in data.rglob("*") if path.is_file()} == before
