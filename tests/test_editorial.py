"""编者信息 and 编辑说明: the office writes them once in site.yaml; the site's 编辑说明 page and the
volume's 版权页 and 编辑说明 pages show them, and the volume's folios still start at its first
report."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from conftest import FIXTURES, Project, make_project
from test_pdf import make_pdf, page_texts, squeeze

pytestmark = [pytest.mark.slow, pytest.mark.pdf]

EDITORIAL = """editorial:
  committee: [主任：张三, 委员：李四、王五]
  chief_editor: 张三
  editors: [李四, 王五]
  office: 机关服务中心办公室
  date: 2025-03
  notes: |-
    本年鉴收录机关服务中心各年度工作总结、主要成绩、统计数据和大事。

    资料来源于各年度正式报告，**数字以统计报表为准**。
"""


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("editorial") / "project", FIXTURES / "multi-year")
    site = project.data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + EDITORIAL, encoding="utf-8")
    assert project.publish().returncode == 0
    result = make_pdf(project)
    assert result.returncode == 0, result.stderr
    return project


def test_the_site_has_an_editorial_page_with_the_notes_and_the_editors(edited: Project) -> None:
    page = edited.page("about/")
    assert "<strong>数字以统计报表为准</strong>" in page and "本年鉴收录机关服务中心" in page
    pairs = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page)
    assert pairs == [("编委会", "主任：张三"), ("编委会", "委员：李四、王五"), ("主编", "张三"), ("编辑", "李四、王五"), ("承编单位", "机关服务中心办公室"), ("编成日期", "2025年3月")]
    assert "内部资料　注意保存" in page


def test_the_volume_opens_with_cover_imprint_notes_and_contents_and_numbers_its_body_from_one(edited: Project) -> None:
    pdf = edited.site / "downloads" / "volume.pdf"
    pages = page_texts(pdf)
    assert "测试年鉴" in pages[0]
    assert all(word in squeeze(pages[1]) for word in ("主编张三", "编辑李四、王五", "承编单位机关服务中心办公室", "内部资料"))
    assert squeeze(pages[2]).startswith("编辑说明") and "数字以统计报表为准" in squeeze(pages[2])
    assert squeeze(pages[3]).startswith("目录")
    labels = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).page_labels
    assert labels[:5] == ["i", "ii", "iii", "iv", "1"]
    assert "2024年工作总结" in pages[4] and re.search(r"—\s*1\s*—", pages[4])
