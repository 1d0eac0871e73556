"""Attachments: the office adds the year's rules as a PDF and links it from the report's text; the
year page lists it with its kind, 文号, date, format and size, readers download the copy the build
made, and the Word file lists it. A file that is not there, or not a document, is refused."""

from __future__ import annotations

import io
import re
import shutil
from html import unescape
from pathlib import Path

import docx
import pytest

from conftest import FIXTURES, Project, add_to_year, make_project
from nianjian.check.load import load_archive
from nianjian.errors import DataInvalid

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 3000 + b"\n%%EOF\n"
ATTACHMENTS = """attachments:
  - file: sources/会议室管理办法.pdf
    title: 机关会议室管理办法
    kind: 制度
    number: 测服〔2024〕5号
    date: 2024-06-01
"""
LINKED = "summary: 2024年，中心各项工作平稳推进（见[会议室管理办法](../../sources/会议室管理办法.pdf)）。"


def attach(data: Path, attachments: str = ATTACHMENTS, summary: str = LINKED) -> Path:
    (data / "sources" / "会议室管理办法.pdf").write_bytes(PDF)
    path = add_to_year(data, 2024, attachments)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: 2024年，中心各项工作平稳推进。", summary), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def attached(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("attachments") / "project", FIXTURES / "multi-year")
    attach(project.data)
    result = project.publish()
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.slow
def test_the_year_page_lists_the_attachment_and_its_link_and_the_text_s_link_lead_to_the_copy(attached: Project) -> None:
    page = attached.page("years/2024/")
    table = page.split("<caption>2024年的附件</caption>", 1)[1].split("</table>", 1)[0]
    rows = [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)]
    assert rows == [["机关会议室管理办法", "制度", "测服〔2024〕5号", "2024年6月1日", "PDF", "3 KB"]]
    links = set(re.findall(r'href="([^"]*%E4%BC%9A%E8%AE%AE%E5%AE%A4[^"]*|[^"]*会议室管理办法.pdf)"', page))
    assert len(links) >= 1
    for link in links:
        from urllib.parse import unquote

        assert (attached.site / "years" / "2024" / unquote(link)).resolve().read_bytes() == PDF
    report = docx.Document(io.BytesIO((attached.site / "downloads" / "report-2024.docx").read_bytes()))
    assert "附：附件" in [paragraph.text for paragraph in report.paragraphs]
    assert any(cell.text == "机关会议室管理办法" for table in report.tables for row in table.rows for cell in row.cells)


@pytest.mark.parametrize(
    "attachments, summary, field, says",
    [
        (ATTACHMENTS.replace("会议室管理办法.pdf", "没有的文件.pdf"), LINKED, "attachments[0].file", "不存在"),
        (ATTACHMENTS.replace("会议室管理办法.pdf", "页面.html"), LINKED, "attachments[0].file", "不是可以放进网站的文件类型"),
        (ATTACHMENTS, LINKED.replace("会议室管理办法.pdf", "别的办法.pdf"), "summary", "链接的文件 data/sources/别的办法.pdf 不存在"),
    ],
)
def test_a_missing_or_unsafe_attachment_and_a_link_to_no_file_are_refused_with_file_and_line(tmp_path: Path, attachments: str, summary: str, field: str, says: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    (data / "sources" / "页面.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    attach(data, attachments, summary)
    with pytest.raises(DataInvalid) as caught:
        load_archive(data)
    [error] = caught.value.errors
    assert error.file == "data/years/2024.yaml" and error.field == field and says in error.message and error.line, error
