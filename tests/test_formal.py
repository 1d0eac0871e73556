"""The formal edition (正式文本): the year's report as the 公文 the office files, in Word and PDF.

The office adds its 公文 fields to the 2024 record (主送机关, 成文日期, 文号 with 签发人, 密级,
紧急程度, 版记) and switches the red head on in site.yaml; the report's problems and plans are
filled in. The Word file is read as XML; `make pdf` lays it out with LibreOffice, and the PDF is
measured with pdftotext -bbox and as pixels (GB/T 9704-2012)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn

from conftest import REPO, Project, make_project
from test_pdf import make_pdf

pytestmark = [pytest.mark.slow, pytest.mark.pdf]

MM = 72 / 25.4
TEXT_LEFT, TEXT_RIGHT, TEXT_TOP, TEXT_BOTTOM = 28, 210 - 26, 37, 297 - 35
CHARACTER_MM = (TEXT_RIGHT - TEXT_LEFT) / 28
FIELDS = """
document:
  addressee: 局党组
  date: 2024-12-28
  number: 省服〔2024〕12号
  signer: 王某某
  secrecy: 秘密
  secrecy_period: 1年
  urgency: 加急
  copies_to: [局办公室, 机关党委, 计划财务处]
  printer: 省局机关服务中心办公室
  printed: 2024-12-30
"""
PROBLEMS = """problems:
  - text: 部分设施设备老化，维修任务重。
  - text: 服务人员专业技能有待提高。
plans:
  - id: 2025-equipment
    text: 制定设施设备更新计划，分步实施。
"""


@pytest.fixture(scope="module")
def formal(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("formal") / "project", REPO / "data")
    year = project.data / "years" / "2024.yaml"
    text = year.read_text(encoding="utf-8").replace("problems: []\nplans: []\n", PROBLEMS)
    assert PROBLEMS in text
    year.write_text(text + FIELDS, encoding="utf-8")
    site = project.data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "document:\n  letterhead: true\n", encoding="utf-8")
    result = project.publish()
    assert result.returncode == 0, result.stderr
    result = make_pdf(project)
    assert result.returncode == 0, result.stderr
    return project


def word_file(project: Project) -> docx.document.Document:
    return docx.Document(io.BytesIO((project.site / "downloads" / "report-2024-formal.docx").read_bytes()))


def pdf_file(project: Project) -> Path:
    return project.site / "downloads" / "report-2024-formal.pdf"


def paragraphs(document: docx.document.Document) -> list[tuple[str, str]]:
    """(style id, text) of every body paragraph, in order."""
    return [(paragraph.style.style_id if paragraph.style is not None else "", paragraph.text) for paragraph in document.paragraphs]


def index_of(found: list[tuple[str, str]], text: str) -> int:
    return next(index for index, (_, paragraph) in enumerate(found) if paragraph == text)


def test_the_year_page_offers_the_formal_edition_beside_the_reading_one(formal: Project) -> None:
    page = formal.page("years/2024/")
    assert 'href="../../downloads/report-2024-formal.docx"' in page and 'href="../../downloads/report-2024-formal.pdf"' in page
    assert 'download="2024年机关服务中心工作总结(正式文本).docx"' in page


def test_the_word_file_runs_from_head_and_title_through_addressee_and_text_to_signature_and_date(formal: Project) -> None:
    found = paragraphs(word_file(formal))
    texts = [text for _, text in found]
    head = [text for text in texts[:8] if text]
    assert head[:4] == ["秘密★1年", "加急", "省局机关服务中心文件", "省服〔2024〕12号\t签发人：王某某"]
    title = index_of(found, "2024年机关服务中心工作总结")
    assert found[title][0] == "Title" and texts[title + 1] == ""  # one blank line under the title
    addressee = index_of(found, "局党组：")
    opening = next(index for index, text in enumerate(texts) if text.startswith("2024年，伴随着"))
    assert title < addressee < opening
    note = index_of(found, "附件：2024年主要工作成绩一览")
    signature, date = index_of(found, "省局机关服务中心"), index_of(found, "2024年12月28日")
    last_heading = index_of(found, "五、明年服务中心的工作思路")
    assert last_heading < note < signature < date and texts[note - 1] == "" and texts[signature - 1] == ""
    attachment = index_of(found, "附件")
    assert date < attachment and found[attachment + 2] == ("Title", "2024年主要工作成绩一览")


def test_the_red_head_is_red_and_the_title_is_centred_with_no_indent(formal: Project) -> None:
    document = word_file(formal)
    mark = next(paragraph for paragraph in document.paragraphs if paragraph.text == "省局机关服务中心文件")
    assert str(mark.runs[0].font.color.rgb).lower() == "e60012"
    number = next(paragraph for paragraph in document.paragraphs if paragraph.text.startswith("省服〔2024〕12号"))
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")).lower() == "e60012"
    title_style = document.styles["Title"]
    assert title_style.paragraph_format.first_line_indent == 0 and title_style.paragraph_format.alignment == 1  # centre


def test_problems_and_plans_are_numbered_under_the_report_s_own_chapters(formal: Project) -> None:
    texts = [text for _, text in paragraphs(word_file(formal))]
    problems = texts.index("四、存在问题")
    assert texts[problems + 1 : problems + 3] == ["1．部分设施设备老化，维修任务重。", "2．服务人员专业技能有待提高。"]
    plans = texts.index("五、明年服务中心的工作思路")
    assert texts[plans + 1] == "1．制定设施设备更新计划，分步实施。"
    assert not any(text.startswith("附：") for text in texts)  # no web-page appendices


def test_nothing_editorial_sample_or_web_goes_into_the_filed_document(formal: Project) -> None:
    document = word_file(formal)
    text = "\n".join([paragraph.text for paragraph in document.paragraphs] + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    for word in ("原文缺失", "原文不完整", "示例数据", "＊", "出处", "http", "data/sources"):
        assert word not in text, word
    # The achievements are there, without their 出处 column.
    assert "新办公大楼启用搬迁" in text
    pdf_text = subprocess.run(["pdftotext", str(pdf_file(formal)), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("原文缺失", "原文不完整", "示例数据", "＊", "出处"):
        assert word not in pdf_text, word


def test_headings_take_their_face_from_their_marker_not_their_nesting(formal: Project) -> None:
    document = word_file(formal)
    styles = {paragraph.text: paragraph.style.style_id for paragraph in document.paragraphs if paragraph.style.style_id.startswith("Heading")}
    assert styles["一、新的办公条件与格局下，如何抓管理促工作"] == "Heading1"
    assert styles["（一）物业、物资管理方面的工作"] == "Heading2"
    # “1、抓思想建设。” sits directly under 一、, yet it is the third level: 仿宋, written 1．
    assert styles["1．抓思想建设。"] == "Heading3"
    faces = {level: document.styles[f"Heading {level}"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for level in (1, 2, 3, 4)}
    assert faces == {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}


def test_properties_name_the_organisation_and_the_date_and_fonts_name_their_xinchuang_fallback(formal: Project) -> None:
    properties = word_file(formal).core_properties
    assert properties.author == "省局机关服务中心" and properties.created.date().isoformat() == "2024-12-28"
    with zipfile.ZipFile(formal.site / "downloads" / "report-2024-formal.docx") as package:
        fonts = package.read("word/fontTable.xml").decode()
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="方正仿宋_GBK"/>', fonts)
    assert re.search(r'w:name="方正小标宋简体"><w:altName w:val="方正小标宋_GBK"/>', fonts)
    with pikepdf.open(pdf_file(formal)) as pdf:
        assert str(pdf.docinfo["/Author"]) == "省局机关服务中心" and str(pdf.docinfo["/CreationDate"]).startswith("D:20241228")


# --- The PDF as LibreOffice lays the Word file out --------------------------------------------


def page_lines(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, each line's (top, left, right) in mm and its text."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in layout.split("<page ")[1:]:
        lines = []
        for x0, y0, x1, _, inner in re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', page, re.S):
            lines.append((float(y0) / MM, float(x0) / MM, float(x1) / MM, "".join(re.findall(r">([^<]*)</word>", inner))))
        pages.append(lines)
    return pages


def is_folio(text: str) -> bool:
    return re.fullmatch(r"—\d+—", text) is not None


def test_full_pages_hold_22_lines_of_28_characters(formal: Project) -> None:
    pages = page_lines(pdf_file(formal))
    full, widths = 0, []
    for lines in pages[1:4]:  # pages of running text between the head and the signature
        body = [line for line in lines if not is_folio(line[3])]
        tops = sorted({round(top, 1) for top, *_ in body})
        if len(tops) == 22:
            full += 1
            pitches = [b - a for a, b in zip(tops, tops[1:])]
            assert all(abs(pitch - 225 / 22) < 0.3 for pitch in pitches), pitches
        assert len(tops) <= 22
        for top, left, right, text in body:
            if abs(left - TEXT_LEFT) < 1 and abs(right - TEXT_RIGHT) < 1.5 and re.fullmatch(r"[\u3000-\u9fff\uff00-\uffef“”‘’]+", text):
                widths.append(len(text))
    assert full >= 2
    # A line is one character short only where the next would otherwise open with a comma.
    assert max(widths) == 28 and widths.count(28) >= 0.8 * len(widths) and min(widths) >= 27, widths


def test_title_is_centred_on_the_text_block(formal: Project) -> None:
    lines = page_lines(pdf_file(formal))[0]
    _, left, right, _ = next(line for line in lines if line[3] == "2024年机关服务中心工作总结")
    assert abs((left + right) / 2 - (TEXT_LEFT + TEXT_RIGHT) / 2) <= 1


def inked_folio(pdf: Path, page: int, folder: Path) -> tuple[float, float, float]:
    """The page number's ink below the text block: its left and right edge in mm from the
    paper's left, and its dash's height in mm below the text block."""
    from PIL import Image, ImageOps

    prefix = folder / f"folio-{page}"
    subprocess.run(["pdftoppm", "-r", "254", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(prefix)], check=True)
    image = ImageOps.invert(Image.open(f"{prefix}.png").convert("L")).point(lambda value: 255 if value > 64 else 0)
    scale = image.width / 210
    below = image.crop((0, round(TEXT_BOTTOM * scale), image.width, image.height))
    left, _, right, _ = below.getbbox()
    dash = below.crop((left, 0, left + round(2 * scale), below.height)).getbbox()  # the first 一字线
    return left / scale, right / scale, (dash[1] + dash[3]) / 2 / scale


def test_folios_sit_one_character_in_on_both_sides_7_mm_below_the_text_block(formal: Project, tmp_path: Path) -> None:
    four = 14 / MM  # one 4号 character
    for page in (1, 2, 3, 4):
        left, right, below = inked_folio(pdf_file(formal), page, tmp_path)
        assert abs(below - 7) <= 1, (page, below)
        if page % 2:
            assert abs(TEXT_RIGHT - right - four) <= 1, (page, right)
        else:
            assert abs(left - TEXT_LEFT - four) <= 1, (page, left)


def test_pdf_headings_are_set_in_the_faces_of_their_level(formal: Project) -> None:
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf_file(formal))], capture_output=True, text=True, check=True).stdout
    families = dict(re.findall(r'<fontspec id="(\d+)" size="[\d.]+" family="([^"]+)"', xml))
    face = {text: families[font] for font, text in re.findall(r'<text [^>]*font="(\d+)">(.*?)</text>', xml)}

    def of(start: str) -> str:
        return next(family for text, family in face.items() if text.startswith(start))

    hei, kai, fangsong = of("一、新的办公条件"), of("（一）物业"), of("1．抓思想建设")
    assert len({hei, kai, fangsong}) == 3
    assert of("机关的硬件设施变了") == fangsong  # body text: 仿宋 like the third level


def test_addressee_before_the_text_signature_and_date_after_it_at_the_right(formal: Project) -> None:
    pages = page_lines(pdf_file(formal))
    flat = [(number, *line) for number, lines in enumerate(pages, start=1) for line in lines]
    position = {text: (page, top, left, right) for page, top, left, right, text in flat}
    addressee, opening = position["局党组："], next(item for text, item in position.items() if text.startswith("2024年，伴随着"))
    assert addressee[:2] < opening[:2] and abs(addressee[2] - TEXT_LEFT) < 1  # 顶格, above the text
    note = position["附件：2024年主要工作成绩一览"]
    assert abs(note[2] - TEXT_LEFT - 2 * CHARACTER_MM) < 1  # 左空二字
    signature, date = position["省局机关服务中心"], position["2024年12月28日"]
    assert note[:2] < signature[:2] < date[:2] and signature[0] == date[0]
    assert abs((signature[2] + signature[3]) / 2 - (date[2] + date[3]) / 2) < 1.5  # centred over each other
    assert TEXT_RIGHT - signature[3] < 4 * CHARACTER_MM  # at the right, not in the middle


def test_the_version_note_closes_the_document_on_an_even_page_without_a_number(formal: Project) -> None:
    pages = page_lines(pdf_file(formal))
    assert len(pages) % 2 == 0
    last = pages[-1]
    assert not any(is_folio(text) for *_, text in last)
    texts = [text for *_, text in last]
    assert texts[0] == "抄送：局办公室，机关党委，计划财务处。" and "2024年12月30日印发" in texts
    bottom = max(top for top, *_ in last)
    assert TEXT_BOTTOM - 12 < bottom < TEXT_BOTTOM  # on the text block's last line
    # A blank page before the 版记 carries no number either.
    if not pages[-2]:
        assert len(pages) >= 4
