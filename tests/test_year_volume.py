"""A year's own volume (年卷): the office prints “机关服务中心年鉴（2024）” from the real 2024 record
with its 大事记, honours, photographs, an attachment (a PDF) and the editorial notes added.
`make pdf` writes downloads/volume-2024.pdf; it is read back with poppler's tools and pypdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pikepdf
import pypdf
import pytest
from PIL import Image

from conftest import REPO, Project, add_to_year, make_project
from nianjian.paper import geometry
from test_editorial import EDITORIAL
from test_photos import phone_photo
from test_pdf import make_pdf, page_texts, run, squeeze

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

ADDED = """events:
  - date: 2024-05
    text: 开展节能宣传月活动。
    area: energy
  - date: 2024-09-20
    text: 机关大楼消防演练。
    place: 机关大楼
  - date: 2024-03-12
    text: 机关新食堂投入使用。
    place: 机关大楼一层
    area: catering
honours:
  - title: 省直机关文明单位
    holder: 机关服务中心
    level: 省级
    awarded_by: 省直机关工委
    date: 2024-12
photos:
  - file: sources/食堂.jpg
    caption: 3月12日，机关新食堂投入使用
    date: 2024-03-12
    place: 机关大楼一层
    by: 张三 摄
  - file: sources/会议室.png
    caption: 改造后的会议室
attachments:
  - file: sources/会议室管理办法.pdf
    title: 机关会议室管理办法
    kind: 制度
    number: 测服〔2024〕5号
    date: 2024-06-01
  - file: sources/报表.xlsx
    title: 2024年能耗统计表
    kind: 统计表
"""
ATTACHMENT_PAGES = ("Rules page one", "Rules page two")


def attachment_pdf(path: Path) -> None:
    """Two pages of text, with what a hostile file might carry: a script to run when the page
    opens (/AA), one when the file opens (/OpenAction) and a link to another server."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    for text in ATTACHMENT_PAGES:
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(f"BT /F1 24 Tf 100 700 Td ({text}) Tj ET".encode())
        page.obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('nianjian-attack')")))
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[100, 690, 300, 720],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://attacker.example/x")),
        )]))
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('nianjian-open')"))
    pdf.save(path)


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("year-volume") / "project", REPO / "data")
    sources = project.data / "sources"
    phone_photo(sources / "食堂.jpg")  # held sideways, with a GPS position and the camera's make
    Image.new("RGB", (900, 900), (60, 120, 180)).save(sources / "会议室.png")
    attachment_pdf(sources / "会议室管理办法.pdf")
    (sources / "报表.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 2000)
    add_to_year(project.data, 2024, ADDED)
    site = project.data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + EDITORIAL, encoding="utf-8")
    result = project.publish()
    assert result.returncode == 0, result.stderr
    result = make_pdf(project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return project


EVENTS = ("开展节能宣传月活动。", "机关新食堂投入使用。", "机关大楼消防演练。")
CAPTIONS = ("3月12日，机关新食堂投入使用", "改造后的会议室")


def test_an_editor_s_events_photos_honour_and_attachment_show_on_the_site_in_word_and_in_the_year_volume(volume: Project) -> None:
    page = volume.page("years/2024/")
    for text in (*EVENTS, *CAPTIONS, "省直机关文明单位", "机关会议室管理办法"):
        assert text in page, text
    assert all(text in volume.page("events/") for text in EVENTS)
    assert "省直机关文明单位" in volume.page("honours/")
    word = docx.Document(volume.site / "downloads" / "report-2024.docx")
    written = "\n".join([paragraph.text for paragraph in word.paragraphs] + [cell.text for table in word.tables for row in table.rows for cell in row.cells])
    for text in (*EVENTS, *CAPTIONS, "省直机关文明单位", "机关会议室管理办法"):
        assert text in written, text
    printed = squeeze("".join(page_texts(pdf_of(volume))))
    for text in (*EVENTS, *CAPTIONS, "省直机关文明单位", "机关会议室管理办法"):
        assert squeeze(text) in printed, text


def test_the_built_photographs_carry_no_gps_or_other_metadata(volume: Project) -> None:
    built = sorted((volume.site / "photos").glob("*.jpg"))
    assert len(built) >= 4  # two photographs, in their sizes
    for path in built:
        with Image.open(path) as image:
            assert set(image.getexif()) <= {0x0112}, (path.name, dict(image.getexif()))  # orientation at most
            assert "exif" not in image.info and "xmp" not in image.info and "icc_profile" not in image.info
    assert b"PhoneMaker" not in b"".join(path.read_bytes() for path in built)


def pdf_of(project: Project) -> Path:
    return project.site / "downloads" / "volume-2024.pdf"


def bookmarks(pdf: Path) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(title, page index, its children as (title, page index)) for each top-level bookmark."""
    reader = pypdf.PdfReader(pdf)
    found = []
    items = reader.outline
    for index, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = items[index + 1] if index + 1 < len(items) and isinstance(items[index + 1], list) else []
        found.append((item.title, reader.get_destination_page_number(item), [(child.title, reader.get_destination_page_number(child)) for child in children]))
    return found


def text_block(pdf: Path, first: int = 1, last: int | None = None, column: int | None = None, layout: bool = False) -> list[str]:
    """Each page's text inside the text block only (not the running head or the folio), or in
    its left (column 0) or right (1) half."""
    left, top = geometry.MARGINS_MM.left * geometry.POINTS_PER_MM, geometry.MARGINS_MM.top * geometry.POINTS_PER_MM
    width, height = geometry.TEXT_WIDTH_MM * geometry.POINTS_PER_MM, geometry.TEXT_HEIGHT_MM * geometry.POINTS_PER_MM
    if column is not None:
        width /= 2
        left += column * width
    crop = ["-r", "72", "-x", int(left) - 2, "-y", int(top) - 2, "-W", int(width) + 4, "-H", int(height) + 4]
    pages = ["-f", first] + (["-l", last] if last else [])
    text = run("pdftotext", *pages, *crop, *(["-layout"] if layout else []), pdf, "-")
    return [page if layout else squeeze(page) for page in text.split("\f")[:-1]]


def folio(text: str) -> str | None:
    """The “— N —” (or “— iv —”) a page prints at its foot."""
    found = re.findall(r"—\s*([0-9]+|[ivxlc]+)\s*—", text)
    return found[-1] if found else None


def test_the_year_volume_opens_with_its_title_page_imprint_notes_album_and_contents(volume: Project) -> None:
    pdf = pdf_of(volume)
    assert pypdf.PdfReader(pdf).metadata.title == "机关服务中心年鉴（2024）"
    pages = [squeeze(text) for text in page_texts(pdf)]
    assert "机关服务中心年鉴" in pages[0] and "（2024）" in pages[0] and "内部资料" in pages[0]
    assert "主编" in pages[1] and "张三" in pages[1]  # the 版权页, on the title page's back
    top = [title for title, _, _ in bookmarks(pdf)]
    assert top[:3] == ["编辑说明", "图片专辑", "目录"]
    notes, album = (next(index for title, index, _ in bookmarks(pdf) if title == name) for name in ("编辑说明", "图片专辑"))
    assert "数字以统计报表为准" in pages[notes]
    assert "3月12日，机关新食堂投入使用" in "".join(pages[album:album + 3]) and "改造后的会议室" in "".join(pages[album:album + 3])
    images = [line for line in run("pdfimages", "-list", "-f", album + 1, "-l", album + 3, pdf).splitlines()[2:] if line.strip()]
    assert len(images) >= 2  # the photographs themselves, not only their captions


def test_the_body_runs_in_the_yearbook_s_order_and_each_chapter_opens_on_a_right_hand_page(volume: Project) -> None:
    pdf = pdf_of(volume)
    top = bookmarks(pdf)
    body = [title for title, _, _ in top[3:]]
    assert body[:2] == ["大事记", "概况"]
    assert body[2:7] == ["一、新的办公条件与格局下，如何抓管理促工作", "二、主要工作成绩", "三、解放思想、开拓创新，构建机关后勤服务新框架", "四、存在问题", "五、明年服务中心的工作思路"]
    assert body[7:] == ["主要成绩", "荣誉", "统计资料", "附录", "索引"]
    labels = pypdf.PdfReader(pdf).page_labels
    texts = page_texts(pdf)
    for title, index, _ in top:
        assert index % 2 == 0, (title, index)  # a right-hand page: page 1, 3, 5… of the file
        if title not in ("编辑说明", "图片专辑", "目录"):
            assert int(labels[index]) % 2 == 1, (title, labels[index])
            assert squeeze(title) in squeeze(texts[index])
        if index and not squeeze(texts[index - 1]).strip():
            assert folio(texts[index - 1]) is None  # a blank verso prints no number
    body_start = top[3][1]
    assert labels[body_start] == "1" and labels[0] == "i"


def test_front_matter_is_numbered_apart_and_every_label_is_the_printed_folio(volume: Project) -> None:
    pdf = pdf_of(volume)
    labels = pypdf.PdfReader(pdf).page_labels
    folios = [folio(text) for text in page_texts(pdf)]
    printed = [(label, number) for label, number in zip(labels, folios) if number is not None]
    assert printed and all(label == number for label, number in printed), printed
    assert {"iii", "1"} <= {number for _, number in printed}  # roman in the front, arabic in the body
    assert folios[0] is None and folios[1] is None  # the title page and the 版权页 carry none


def test_the_contents_gives_the_page_each_chapter_and_section_opens_on(volume: Project) -> None:
    pdf = pdf_of(volume)
    top = bookmarks(pdf)
    contents_index = next(index for title, index, _ in top if title == "目录")
    assert top[3][1] - contents_index <= 2  # one page, and a blank verso at most
    lines = re.findall(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", page_texts(pdf)[contents_index], re.M)
    labels = pypdf.PdfReader(pdf).page_labels
    expected = []
    for title, index, children in top[3:]:
        expected.append((squeeze(title), labels[index]))
        expected += [(squeeze(child), labels[page]) for child, page in children]
    assert [(squeeze(title), number) for title, number in lines] == expected
    appendix = next(children for title, _, children in top if title == "附录")
    assert [title for title, _ in appendix] == ["机关会议室管理办法"]


def index_entries_of(pdf: Path) -> list[tuple[str, list[str]]]:
    """The index at the end of a volume, as printed: (term, the page numbers after it); each
    page number checked to show the term in its text block, and no page before the index that
    shows the term left out."""
    top = bookmarks(pdf)
    index_page = next(index for title, index, _ in top if title == "索引")
    labels = pypdf.PdfReader(pdf).page_labels
    by_folio = {labels[index]: text for index, text in enumerate(text_block(pdf))}
    # The index's two columns, each read line by line: a term, then its pages.
    columns = [text_block(pdf, first=index_page + 1, column=column, layout=True) for column in (0, 1)]
    index_text = "\n".join(page for column in columns for page in column)
    entries = [(term, pages.split("，")) for term, pages in re.findall(r"^\s*(\S+)\s+((?:\d+，)*\d+)\s*$", index_text, re.M)]
    for term, pages in entries:
        for number in pages:
            assert term in by_folio[number], (term, number)
    body_folios = [labels[index] for index in range(index_page) if labels[index].isdigit()]
    for term, pages in entries:
        assert [number for number in body_folios if term in by_folio[number]] == pages, term
    return entries


def test_every_page_number_in_the_index_shows_its_term(volume: Project) -> None:
    entries = index_entries_of(pdf_of(volume))
    assert len(entries) >= 8
    terms = dict(entries)
    assert "餐饮服务" in terms and "会议保障" in terms  # an area's name and one of data/search-words.txt


def test_the_whole_yearbook_ends_with_an_index_read_from_its_printed_pages_too(volume: Project) -> None:
    pdf = volume.site / "downloads" / "volume.pdf"
    assert bookmarks(pdf)[-1][0] == "索引"
    entries = index_entries_of(pdf)
    assert len(entries) >= 8 and "餐饮服务" in dict(entries)


def test_the_attachment_pdf_follows_the_appendix_page_for_page_with_nothing_that_runs(volume: Project) -> None:
    pdf = pdf_of(volume)
    appendix = next(index for title, index, _ in bookmarks(pdf) if title == "附录")
    texts = page_texts(pdf)
    assert "2024年能耗统计表" in squeeze(texts[appendix]) and "机关会议室管理办法" in squeeze(texts[appendix])
    rules = [index for index, text in enumerate(texts) if any(page in text for page in ATTACHMENT_PAGES)]
    assert len(rules) == 2 and rules[0] > appendix and rules[1] == rules[0] + 1
    assert all(folio(texts[index]) is not None for index in rules)  # numbered on with the book
    with pikepdf.open(pdf) as opened:
        assert "/OpenAction" not in opened.Root
        for page in opened.pages:
            assert "/AA" not in page.obj
            for annotation in page.obj.get("/Annots", []):
                action = annotation.get("/A")
                assert action is None or action.get("/S") in ("/URI", "/GoTo")
                if action is not None and action.get("/S") == "/URI":
                    assert "attacker" not in str(action.URI)
    assert b"nianjian-attack" not in pdf.read_bytes() and b"nianjian-open" not in pdf.read_bytes()


def test_the_statistics_hold_every_number_of_the_year_marked_where_it_is_sample_data(volume: Project) -> None:
    pdf = pdf_of(volume)
    statistics = next(index for title, index, _ in bookmarks(pdf) if title == "统计资料")
    appendix = next(index for title, index, _ in bookmarks(pdf) if title == "附录")
    text = squeeze("".join(page_texts(pdf)[statistics:appendix]))
    rows = [line.split(",") for csv in sorted((volume.data / "metrics").glob("*.csv")) for line in csv.read_text(encoding="utf-8").splitlines()[1:]]
    for year, _, indicator, _, value, *_ in rows:
        if year == "2024":
            assert indicator in text
    assert "示例数据" in text


def test_the_home_page_and_the_year_page_link_the_volume(volume: Project) -> None:
    for page, href in (("", "downloads/volume-2024.pdf"), ("years/2024/", "../../downloads/volume-2024.pdf")):
        html = volume.page(page)
        assert f'href="{href}"' in html, page
    assert 'download="机关服务中心年鉴(2024).pdf"' in volume.page("years/2024/")
    assert pdf_of(volume).is_file()


def test_the_volume_s_text_is_searchable_and_its_fonts_are_embedded(volume: Project) -> None:
    fonts = [line for line in run("pdffonts", pdf_of(volume)).splitlines()[2:] if line.strip()]
    # Helvetica is the attachment's own, not embedded in it; every font of ours is.
    assert all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line) for line in fonts if "Helvetica" not in line), fonts
    assert subprocess.run(["pdftotext", pdf_of(volume), "-"], capture_output=True, text=True, check=True).stdout.count("大事记") >= 2
