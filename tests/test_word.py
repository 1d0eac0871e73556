"""On paper: each year as a 公文-style Word document, read back with python-docx and its raw
XML from the real site build (the 2024 report from the seed, and the knowledge-base fixture)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from conftest import FIXTURES, REPO, Project, inked_box_mm, make_project, published_project, rows_of

# Word documents of built sites, some laid out by LibreOffice.
pytestmark = [pytest.mark.slow]

SOURCE = REPO / "data" / "sources" / "2024-service-center-summary.txt"


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return published_project(tmp_path_factory, REPO / "data")


@pytest.fixture(scope="module")
def report_2024(real_site: Project) -> docx.document.Document:
    return docx.Document(io.BytesIO((real_site.site / "downloads" / "report-2024.docx").read_bytes()))


def document_text(document: docx.document.Document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def east_asian_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_year_page_links_its_word_document(real_site: Project) -> None:
    page = real_site.page("years/2024/")
    assert 'href="../../downloads/report-2024.docx"' in page and 'download="2024年机关服务中心工作总结.docx"' in page


def test_page_is_a4_with_the_official_margins(report_2024: docx.document.Document) -> None:
    section = report_2024.sections[0]
    for value, millimetres in (
        (section.page_width, 210), (section.page_height, 297),
        (section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26),
    ):
        assert abs(value - Mm(millimetres)) <= Mm(0.5), (value, millimetres)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    # 22 lines in the 225 mm text block: a line pitch of 28.9 pt (in twentieths of a point).
    assert abs(int(grid.get(qn("w:linePitch"))) / 20 * 22 - 225 / 25.4 * 72) < 2


def test_fonts_follow_the_official_layout_for_east_asian_text_too(report_2024: docx.document.Document) -> None:
    styles = report_2024.styles
    assert east_asian_font(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size.pt == 22
    assert east_asian_font(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].font.size.pt == 16
    assert [east_asian_font(styles[f"Heading {level}"]) for level in (1, 2, 3, 4)] == ["黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
    assert all(styles[f"Heading {level}"].font.size.pt == 16 for level in (1, 2, 3, 4))
    title = report_2024.paragraphs[0]
    assert title.style.name == "Title" and title.text == "2024年机关服务中心工作总结"


def test_page_numbers_are_a_page_field_right_on_odd_and_left_on_even_pages(report_2024: docx.document.Document) -> None:
    assert report_2024.settings.odd_and_even_pages_header_footer
    section = report_2024.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        fields = paragraph._p.findall(qn("w:fldSimple"))
        assert [field.get(qn("w:instr")).strip() for field in fields] == ["PAGE"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment.name.lower() == alignment
        fonts = {run.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) for run in paragraph._p.iter(qn("w:r"))}
        assert fonts == {"宋体"}


def test_every_sentence_of_the_2024_source_is_in_the_document(report_2024: docx.document.Document) -> None:
    text = squeeze(document_text(report_2024))
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Line 1 is the source's own teaser of the opening paragraph (kept whole in line 2).
    sentences = [sentence for line in lines[1:] for sentence in re.split(r"(?<=[。；！？])", squeeze(line)) if sentence]
    missing = [sentence for sentence in sentences if sentence not in text]
    assert len(sentences) > 40 and missing == []


def test_outline_in_order_with_headings_by_level_and_missing_parts_noted(report_2024: docx.document.Document) -> None:
    headings = [(paragraph.style.name, paragraph.text) for paragraph in report_2024.paragraphs if paragraph.style.name.startswith("Heading")]
    top = [text for style, text in headings if style == "Heading 1" and not text.startswith("附：")]
    assert [squeeze(text)[:2] for text in top] == ["一、", "二、", "三、", "四、", "五、"]
    assert ("Heading 2", "（一）物业、物资管理方面的工作") in headings
    texts = [paragraph.text for paragraph in report_2024.paragraphs]
    for number in ("三、", "四、", "五、"):
        heading = next(index for index, text in enumerate(texts) if text.startswith(number))
        assert texts[heading + 1].startswith("【原文缺失】"), texts[heading + 1]


def test_achievement_tables_hold_the_same_rows_as_the_site(real_site: Project, report_2024: docx.document.Document) -> None:
    """Same rows as the page's tables, with the values the downloads hold (the page shortens long
    section names in its links; paper has room for them whole)."""
    page = real_site.page("years/2024/")
    table_ids = re.findall(r'data-table-id="(achievements-2024-[^"]+)"', page)
    expected = []
    for table_id in table_ids:
        sheet = openpyxl.load_workbook(real_site.site / "downloads" / f"{table_id}.xlsx").active
        header, *rows = [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()]
        sample_column = header.index("示例数据") if "示例数据" in header else None
        for row in rows:
            values = row[:sample_column] if sample_column is not None else row
            expected.append(values)
        assert len(rows) == len(rows_of(page, table_id))
    word_rows = []
    for table in report_2024.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == ["事项", "成果"]:
            word_rows += [[cell.text.removesuffix("＊") for cell in row.cells] for row in table.rows[1:]]
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on each page
    assert len(expected) >= 5 and word_rows == expected


def test_sample_numbers_are_marked_in_the_document(real_site: Project, report_2024: docx.document.Document) -> None:
    text = document_text(report_2024)
    assert "＊" in text and "注：带＊的数字为示例数据，不是真实记录。" in text and "【示例数据】" in text


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return published_project(tmp_path_factory, FIXTURES / "knowledge-base")


def test_each_chart_of_the_page_is_a_picture_under_its_title_above_its_numbers(real_site: Project, report_2024: docx.document.Document) -> None:
    titles = re.findall(r'<div class="nj-chart" role="img" aria-label="([^"]+)（数据见下表）"', real_site.page("years/2024/"))
    assert len(titles) == 2
    body = list(report_2024.element.body.iterchildren())
    pictures = [index for index, element in enumerate(body) if element.findall(".//" + qn("w:drawing"))]
    assert len(pictures) == len(titles) == len(report_2024.inline_shapes)
    for index, title in zip(pictures, titles):
        caption, after = body[index - 1], body[index + 1]
        assert "".join(text.text for text in caption.iter(qn("w:t"))) == title.replace("&amp;", "&")
        assert after.tag == qn("w:tbl")  # the chart's number table follows it
    for shape in report_2024.inline_shapes:
        assert abs(shape.width - Mm(146)) <= Mm(0.5) and shape.height > Mm(40)
    media = [part for part in report_2024.part.package.parts if part.partname.startswith("/word/media/")]
    assert len(media) == 2 and all(part.blob.startswith(b"\x89PNG") for part in media)


def test_every_year_has_a_word_document_with_its_outcomes_problems_and_plans(kb: Project) -> None:
    documents = sorted(path.name for path in (kb.site / "downloads").glob("report-*.docx"))
    assert documents == [f"report-{year}{edition}.docx" for year in range(2021, 2025) for edition in ("-formal", "")]
    report = docx.Document(io.BytesIO((kb.site / "downloads" / "report-2023.docx").read_bytes()))
    headings = [paragraph.text for paragraph in report.paragraphs if paragraph.style.name == "Heading 1"]
    assert {"附：上年目标落实情况", "附：存在问题", "附：明年工作思路"} <= set(headings)


def test_unchanged_years_reuse_their_word_document_and_an_edited_year_gets_a_new_one(multi_year: Project) -> None:
    assert multi_year.publish().returncode == 0
    cache = multi_year.root / ".cache" / "nianjian" / "word"
    first = {path.name: path.stat().st_mtime_ns for path in cache.glob("*.docx")}
    assert len(first) == 6  # each year's reading and formal edition
    year_2024 = multi_year.data / "years" / "2024.yaml"
    year_2024.write_text(year_2024.read_text(encoding="utf-8").replace("title: 2024年工作总结", "title: 2024年度工作总结"), encoding="utf-8")
    assert multi_year.publish().returncode == 0
    second = {path.name: path.stat().st_mtime_ns for path in cache.glob("*.docx")}
    assert len(second) == 6 and len(set(first) & set(second)) == 4  # two years kept untouched, 2024 replaced
    assert all(second[name] == first[name] for name in set(first) & set(second))
    report = docx.Document(io.BytesIO((multi_year.site / "downloads" / "report-2024.docx").read_bytes()))
    assert report.paragraphs[0].text == "2024年度工作总结"


def test_libreoffice_lays_the_2024_document_out_on_a4_with_every_line_inside_the_page(real_site: Project, tmp_path) -> None:
    """The document as another office suite draws it: A4 pages, numbered, and no text beyond
    the 156 mm × 225 mm text block (plus the footer's page number)."""
    import shutil
    import subprocess

    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed: .ci/run installs libreoffice-writer")
    source = real_site.site / "downloads" / "report-2024.docx"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "report-2024.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "595.3" in info and "841.8" in info and 3 <= pages <= 20  # A4 in points
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    points_per_mm = 72 / 25.4
    left, right = 28 * points_per_mm - 1, (210 - 26) * points_per_mm + 1
    top, footer_bottom = 37 * points_per_mm - 2, 297 * points_per_mm - 10 * points_per_mm
    words = [tuple(float(value) for value in match) for match in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)]
    assert len(words) > 200  # a line of Chinese is one "word" to pdftotext
    outside = [box for box in words if box[0] < left or box[2] > right or box[1] < top or box[3] > footer_bottom]
    assert outside == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert f"—{pages}—" in squeeze(text) and "—1—" in squeeze(text)
    # The two charts of 2024 are pictures inside the text block, on the page and in its PNG.
    layout = subprocess.run(["pdftohtml", "-xml", "-stdout", "-zoom", "1", str(pdf), str(tmp_path / "layout")], check=True, capture_output=True, text=True).stdout
    pictures = re.findall(r'<page number="(\d+)"|<image top="([\d.]+)" left="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', layout)
    placed, page = [], 0
    for number, *box in pictures:
        if number:
            page = int(number)
        else:
            placed.append((page, *map(float, box)))
    assert len(placed) == 2
    for page, y, x, width, height in placed:
        assert x >= left and x + width <= right and y >= top and y + height <= (297 - 35) * points_per_mm + 1
        left_mm, top_mm, right_mm, _ = inked_box_mm(pdf, page, tmp_path)
        assert left_mm >= 28 - 1 and right_mm <= 210 - 26 + 1 and top_mm >= 37 - 1


def test_a_changed_formatting_function_makes_every_cached_word_document_again(tmp_path: Path) -> None:
    """The cache is keyed on the whole package's source (code_version.code_digest), not on a
    list of files: a developer changes how numbers are written in facts/units.py, which no one
    would think of as part of the Word renderer, and every year's document is made again with
    the new numbers; publishing again without a change makes none."""
    import shutil

    code = tmp_path / "code"
    shutil.copytree(REPO / "nianjian", code / "nianjian", ignore=shutil.ignore_patterns("__pycache__"))
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    env = {"PYTHONPATH": str(code)}
    cache = project.root / ".cache" / "nianjian" / "word"

    def kept() -> dict[str, int]:
        return {path.name: path.stat().st_mtime_ns for path in cache.glob("*.docx")}

    assert project.publish(env).returncode == 0
    first = kept()
    assert project.publish(env).returncode == 0
    assert kept() == first  # nothing changed, nothing made again
    text = code / "nianjian" / "facts" / "units.py"
    source = text.read_text(encoding="utf-8")
    assert 'return f"{int(value):{sign},}"' in source
    text.write_text(source.replace('return f"{int(value):{sign},}"', 'return f"{int(value):{sign},}".replace(",", "\u2009")'), encoding="utf-8")
    result = project.publish(env)
    assert result.returncode == 0, result.stderr
    assert len(kept()) == len(first) == 6 and not set(kept()) & set(first)
    report = docx.Document(io.BytesIO((project.site / "downloads" / "report-2023.docx").read_bytes()))
    assert "1\u2009200" in document_text(report) and "1,200" not in document_text(report)


def test_markdown_in_a_body_becomes_word_formatting_not_typed_marks(multi_year: Project) -> None:
    """An editor writes Markdown in a section: Word shows bold, list items and a table, not ** or |."""
    year = multi_year.data / "years" / "2024.yaml"
    body = "重点工作：**食堂改造**已完成，*节能*见效。\\n\\n1. 完成招标\\n2. 完成验收\\n\\n| 项目 | 结果 |\\n|---|---|\\n| 改造 | 完成 |"
    year.write_text(year.read_text(encoding="utf-8").replace("body: 取得了一定成绩。", f'body: "{body}"', 1), encoding="utf-8")
    result = multi_year.publish()
    assert result.returncode == 0, result.stderr
    report = docx.Document(io.BytesIO((multi_year.site / "downloads" / "report-2024.docx").read_bytes()))
    text = document_text(report)
    assert "**" not in text and "|" not in text and "重点工作：食堂改造已完成，节能见效。" in text
    [paragraph] = [paragraph for paragraph in report.paragraphs if paragraph.text.startswith("重点工作")]
    assert [run.text for run in paragraph.runs if run.bold] == ["食堂改造"]
    emphasis = [run for run in paragraph.runs if run.text == "节能"]
    assert emphasis and emphasis[0].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    assert [paragraph.text for paragraph in report.paragraphs if paragraph.text.startswith(("1.", "2."))] == ["1. 完成招标", "2. 完成验收"]
    assert any([cell.text for cell in table.rows[1].cells] == ["改造", "完成"] for table in report.tables)


def test_a_long_indicator_name_is_shortened_on_the_change_chart_of_the_word_file() -> None:
    """The change chart's left margin is as wide as its longest name: a name of 98 Chinese
    characters (the CSV allows 100) once stopped the build (matplotlib's “left cannot be >=
    right”); on the axis, in the page's drawing and the Word picture alike, it is shortened to
    16 characters, and the number table keeps it whole."""
    from nianjian.render.formats.chart_image import figure_png, figure_svg
    from nianjian.render.parts.figure import change_figure
    from nianjian.render.parts.table import Column, Table, number_cell, text_cell

    name = "很长的指标名称" * 14
    table = Table("change-long", (Column("指标"), Column("变化", "number", "%")), ((text_cell(name), number_cell(5.0)), (text_cell("用电量"), number_cell(-3.0))))
    assert name[:15] + "…" in figure_svg(change_figure("同比变化", table), 552) and name not in figure_svg(change_figure("同比变化", table), 552)
    assert figure_png(change_figure("同比变化", table), 146).startswith(b"\x89PNG")
