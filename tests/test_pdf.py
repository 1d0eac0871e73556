"""On paper as PDF: `make pdf` prints each year page and the whole 年鉴 volume with headless
Chromium from the real built site; the PDFs are read back with poppler's tools and pypdf."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdf
import pytest

from conftest import FIXTURES, REPO, Project, inked_box_mm, make_project, published_project
from nianjian.paper import geometry

# Prints PDFs with Chromium and reads them with poppler.
pytestmark = [pytest.mark.pdf, pytest.mark.slow]

SOURCE = REPO / "data" / "sources" / "2024-service-center-summary.txt"
A4 = (595, 842)  # points


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def make_pdf(project: Project, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`make pdf` after `make build`, as the publishing workflow runs it."""
    env = {key: value for key, value in os.environ.items() if key not in ("NIANJIAN_SITE_URL", "NIANJIAN_CHROMIUM")}
    if site_url:
        env["NIANJIAN_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "nianjian.paper.pdf", "--site-dir", "site", "--data-dir", "data"],
        cwd=project.root, capture_output=True, text=True, timeout=600, env=env,
    )


def link_targets(pdf: Path) -> list[str]:
    """The URI of every link in a PDF, as a PDF viewer reads it."""
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    annotations = [reference.get_object() for page in reader.pages for reference in page.get("/Annots", [])]
    return [str(annotation["/A"]["/URI"]) for annotation in annotations if "/A" in annotation and "/URI" in annotation["/A"]]


def published_pdfs(project: Project) -> list[Path]:
    """The PDFs Chromium prints from the pages (the formal editions, laid out by LibreOffice from
    their Word files, have tests of their own: test_formal.py)."""
    downloads = project.site / "downloads"
    return [downloads / "volume.pdf", *sorted(path for path in downloads.glob("report-*.pdf") if not path.stem.endswith("-formal"))]


def page_texts(pdf: Path) -> list[str]:
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))
    return [run("pdftotext", "-layout", "-f", str(number), "-l", str(number), pdf, "-") for number in range(1, pages + 1)]


def run(*command: object) -> str:
    return subprocess.run([str(part) for part in command], check=True, capture_output=True, text=True).stdout


def font_types(pdf: Path) -> list[str]:
    return [line for line in run("pdffonts", pdf).splitlines()[2:] if line.strip()]


def assert_fonts_embedded_as_text(pdf: Path) -> None:
    fonts = font_types(pdf)
    assert fonts and all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line) for line in fonts), fonts
    # Type 3 is a font drawn as pictures: what Chromium makes of OpenType CJK fonts and faked bold.
    assert [line for line in fonts if "Type 3" in line] == []


def page_number(text: str) -> int | None:
    """The “— N —” a page carries at its foot."""
    found = re.findall(r"—\s*(\d+)\s*—", text)
    return int(found[-1]) if found else None


def printed_project(tmp_path_factory: pytest.TempPathFactory, data_source: Path) -> Project:
    project = published_project(tmp_path_factory, data_source)  # make build: the site and its Word files
    result = make_pdf(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def printed_years(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Three years of fixture data (2022–2024), built and printed."""
    return printed_project(tmp_path_factory, FIXTURES / "multi-year")


@pytest.fixture(scope="module")
def printed_real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own site: the 2024 report from the seed."""
    return printed_project(tmp_path_factory, REPO / "data")


@pytest.fixture(scope="module")
def printed_wide_tables(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's site with eight key indicators instead of five, in the tens of thousands
    with a decimal (sample data): the year's table of key indicators and prior years is then
    wider than the paper unless the print styles make it fit."""
    data = tmp_path_factory.mktemp("wide-tables") / "data"
    shutil.copytree(REPO / "data", data)
    extra = [("meetings", "参会人次", "人次"), ("vehicles", "行驶里程", "万公里"), ("catering", "食材采购额", "万元")]
    rows = [f"{year},{area},{name},{unit},{12345.6 + 1111.1 * number + 77.7 * year:.1f},示例数据：非真实记录,true"
            for number, (area, name, unit) in enumerate(extra) for year in range(2020, 2025)]
    (data / "metrics" / "wide.csv").write_text("year,area,indicator,unit,value,note,sample\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for csv in (data / "metrics").glob("*.csv"):
        header, *rows = csv.read_text(encoding="utf-8").splitlines()
        scaled = [",".join([*cells[:4], f"{float(cells[4]) * 123.4:.1f}", *cells[5:]]) for cells in (row.split(",") for row in rows)]
        csv.write_text("\n".join([header, *scaled]) + "\n", encoding="utf-8")
    site = data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "".join(f"  - area: {area}\n    indicator: {name}\n" for area, name, _ in extra), encoding="utf-8")
    return printed_project(tmp_path_factory, data)


def test_make_pdf_writes_each_year_beside_its_word_file_and_the_volume(printed_years: Project) -> None:
    downloads = printed_years.site / "downloads"
    for year in (2022, 2023, 2024):
        assert (downloads / f"report-{year}.pdf").is_file() and (downloads / f"report-{year}.docx").is_file()
        assert (downloads / f"volume-{year}.pdf").is_file()  # the year's own volume (test_year_volume.py)
    for pdf in [downloads / "volume.pdf", *downloads.glob("report-*.pdf"), *downloads.glob("volume-*.pdf")]:
        assert "(A4)" in run("pdfinfo", pdf)
        assert_fonts_embedded_as_text(pdf)
    home = printed_years.page("")
    assert 'href="downloads/volume.pdf" download="测试年鉴.pdf"' in home


def test_volume_opens_with_a_cover_and_contents_listing_years_newest_first_then_the_chapters(printed_years: Project) -> None:
    pages = page_texts(printed_years.site / "downloads" / "volume.pdf")
    cover, contents = squeeze(pages[0]), pages[1]
    assert "测试年鉴" in cover and "（2022—2024年）" in cover and "共收录3个年度" in cover
    assert page_number(pages[0]) is None and page_number(pages[1]) is None  # front matter is not numbered
    titles = [squeeze(re.sub(r"\s+\d+\s*$", "", line)) for line in contents.splitlines() if line.strip()]
    order = ["目录", "年度报告", "2024年工作总结", "2023年工作总结", "2022年工作总结", "工作领域", "目标落实", "反复出现的问题"]
    positions = [next(i for i, title in enumerate(titles) if title.startswith(name)) for name in order]
    assert positions == sorted(positions), titles


def test_contents_page_numbers_are_the_pages_where_each_part_starts(printed_years: Project) -> None:
    pdf = printed_years.site / "downloads" / "volume.pdf"
    pages = page_texts(pdf)
    entries = re.findall(r"^\s*(\S+)\s{2,}(\d+)\s*$", pages[1], re.M)  # the dotted leader is a border, not text
    assert len(entries) >= 3 + 3 + 2, entries  # three years, the areas, plans and problems
    by_number = {page_number(text): text for text in pages[2:]}
    blank = [number for number, text in enumerate(pages[2:], start=1) if not text.strip()]  # versos before a chapter
    assert sorted(number for number in by_number if number) == [number for number in range(1, len(pages) - 1) if number not in blank]  # numbered 1…n
    starts = []
    for title, number in entries:
        page = by_number[int(number)]
        header, body = page.split("\n", 1)
        # The part's running header and its own title open that page; the page before is another part's.
        assert squeeze(title) in squeeze(header), (title, header)
        assert squeeze(title) in squeeze(body)[: len(squeeze(title)) * 3], (title, body[:200])
        if int(number) > 1 and int(number) - 1 not in blank:
            assert squeeze(title) not in squeeze(by_number[int(number) - 1].split("\n", 1)[0])
        starts.append(int(number))
    assert starts == sorted(starts) and starts[0] == 1
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks[:5] == ["目录", "年度报告", "工作领域", "目标落实", "反复出现的问题"]


def test_page_numbers_sit_right_on_odd_pages_and_left_on_even_pages(printed_years: Project) -> None:
    pdf = printed_years.site / "downloads" / "report-2024.pdf"
    boxes = run("pdftotext", "-bbox", pdf, "-")
    pages = re.findall(r'<page width="([\d.]+)".*?</page>', boxes, re.S)
    assert len(pages) >= 2
    for index, page in enumerate(re.findall(r"<page .*?</page>", boxes, re.S), start=1):
        numbers = re.findall(rf'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">{index}</word>', page)
        x_min, y_min, x_max = map(float, numbers[-1])
        assert y_min > A4[1] - 35 / 25.4 * 72  # below the text block, in the bottom margin
        if index % 2:
            assert x_min > A4[0] * 0.7  # odd pages: right
        else:
            assert x_max < A4[0] * 0.3  # even pages: left


def test_the_2024_report_prints_every_sentence_of_the_source(printed_real_site: Project) -> None:
    pdf = printed_real_site.site / "downloads" / "report-2024.pdf"
    assert 'href="../../downloads/report-2024.pdf"' in printed_real_site.page("years/2024/")
    assert_fonts_embedded_as_text(pdf)
    text = squeeze(run("pdftotext", pdf, "-"))
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [sentence for line in lines[1:] for sentence in re.split(r"(?<=[。；！？])", squeeze(line)) if sentence]
    missing = [sentence for sentence in sentences if sentence not in text]
    # pdftotext may break a line inside a sentence where the page breaks; all but a few must match whole.
    assert len(missing) <= len(sentences) // 10, missing[:3]
    assert "—1—" in text and "2024年机关服务中心工作总结" in text  # page number and running header
    # A table that runs onto the next page repeats its header row there, with its labels.
    first_lines = [[line for line in text.splitlines()[1:] if line.strip()][0] for text in page_texts(pdf)[1:]]
    assert [line for line in first_lines if "事项" in line and "成果" in line]
    # The 公文's grid: a page of running text is 22 lines of 28 characters.
    second_page = [line.strip() for line in page_texts(pdf)[1].splitlines()[1:] if line.strip() and page_number(line) is None]
    assert len(second_page) == 22, second_page
    assert max(len(line) for line in second_page) == 28
    volume = squeeze(run("pdftotext", printed_real_site.site / "downloads" / "volume.pdf", "-"))
    assert all(sentence in volume for sentence in sentences if sentence not in missing)


def full_body_lines(pdf: Path) -> list[tuple[float, str]]:
    """(width in points, text) of every line of 3号 body text that runs to the text block's right
    edge: pdftotext's words (a line of Chinese is one word) ending at the margin."""
    right = (geometry.PAGE_MM[0] - geometry.MARGINS_MM.right) * geometry.POINTS_PER_MM
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', run("pdftotext", "-bbox", pdf, "-"))
    return [
        (float(x_max) - float(x_min), html.unescape(text))
        for x_min, y_min, x_max, y_max, text in words
        # A line of Chinese, not a path, an address or a list of years (a font's digits are not
        # all half as wide as its characters)
        if len(re.sub(r"[\x00-\xff]", "", text)) >= max(10, 0.8 * len(text))
        # 3号 text, or what became of it on a page shrunk to fit (a table's cells end short of the edge)
        if geometry.BODY_PT * 0.6 < float(y_max) - float(y_min) < geometry.BODY_PT + 0.5 and abs(float(x_max) - right) < 1.5
    ]


def ems(text: str) -> float:
    """Width in characters of the grid: a Chinese (wide) character 1, a digit or letter half."""
    return sum(1 if unicodedata.east_asian_width(character) in "WF" else 0.5 for character in text)


def test_every_page_printed_keeps_the_28_character_line_however_wide_its_tables(printed_wide_tables: Project) -> None:
    """GB/T 9704's 28 characters a line on every page of the report and of the whole volume: a
    full line of body text is at most 28 characters wide, character by character. A table wider
    than the paper made Chromium shrink its whole page to fit (31 characters a line at 50
    synthetic years, whose key-indicator table has five-digit numbers), and the suite saw nothing."""
    pitch = geometry.TEXT_WIDTH_MM * geometry.POINTS_PER_MM / geometry.CHARACTERS_PER_LINE
    for pdf in published_pdfs(printed_wide_tables):
        lines = full_body_lines(pdf)
        assert len(lines) >= 40, (pdf.name, len(lines))  # the report's paragraphs fill whole lines
        # A justified line may be stretched (27 characters over 28 places when the 28th may not
        # start a line) but never set closer than the grid, and most lines are on it exactly.
        closer = [(round(width / pitch, 1), ems(text), text) for width, text in lines if width / ems(text) < 0.97 * pitch]
        assert closer == [], (pdf.name, pitch, closer[:3])
        on_grid = [text for width, text in lines if abs(width / ems(text) - pitch) < 0.03 * pitch]
        assert len(on_grid) >= 0.8 * len(lines), (pdf.name, len(on_grid), len(lines))


def test_a_wide_table_prints_its_numbers_whole_with_the_word_file_s_sample_star_and_note(printed_wide_tables: Project) -> None:
    """Nine columns of five-digit sample numbers fit the paper without a number broken over two
    lines; each sample value carries the star, the table the note, as in the Word file."""
    text = run("pdftotext", "-layout", printed_wide_tables.site / "downloads" / "report-2024.pdf", "-")
    table = text[text.index("2024年主要指标及前几年对比"):]
    numbers = re.findall(r"\d{1,3}(?:,\d{3})+\.\d(?=＊)", table)
    assert len(numbers) >= 8 * 5, numbers  # eight indicators over five years, every one whole and starred
    assert squeeze(geometry.SAMPLE_MARK_NOTE) in squeeze(table)
    assert "示例数据示例数据" not in squeeze(table)  # no badge per cell on paper


def test_a_source_shortened_on_screen_prints_whole(printed_real_site: Project) -> None:
    """The achievement table's 出处 shows a long heading shortened on screen (its whole text on
    hover); paper has no hover: the report's PDF prints it whole, never cut with “…”."""
    page = printed_real_site.page("years/2024/")
    assert "2、转变观念、规范管理，完成了大楼…" in page
    text = squeeze(run("pdftotext", printed_real_site.site / "downloads" / "report-2024.pdf", "-"))
    table = text[text.index("附：主要成绩一览"):]
    assert "完成了大楼…" not in table and "…" not in table[:3000]
    # (a table's cells come out of pdftotext line by line, interleaved: the heading's last words)
    assert "招标托管工作" in table


def test_the_volume_leaves_out_parts_with_nothing_to_say(printed_real_site: Project) -> None:
    """The 节能 chapter has statistics but no achievements, report sections or problems: the web
    page says so under each heading; on paper only the statistics are printed, with the line
    that counts what the area holds."""
    empty = ("还没有记录这个领域的成绩", "报告中还没有归入这个领域的章节", "没有记录这个领域的问题")
    web = printed_real_site.page("areas/energy/")
    assert all(note in web for note in empty)
    volume = squeeze(run("pdftotext", printed_real_site.site / "downloads" / "volume.pdf", "-"))
    chapter = volume[volume.index("历年记录：0项成绩·0个报告章节·0个问题·2个统计指标"):]
    assert not any(note in volume for note in empty)
    assert "统计指标" in chapter[:100] and "成绩时间线" not in chapter[:400] and "存在问题" not in chapter[:400]


def test_a_viewer_s_page_box_shows_the_printed_page_number(printed_years: Project) -> None:
    """The PDF's page labels are the folios on paper: “— 7 —” is page 7 in a viewer, in the
    volume (its cover and contents unnumbered: i, ii) and in each year's report."""
    for pdf in published_pdfs(printed_years):
        labels = pypdf.PdfReader(pdf).page_labels
        folios = [page_number(text) for text in page_texts(pdf)]
        assert [label for label, folio in zip(labels, folios) if folio is not None] == [str(folio) for folio in folios if folio is not None], pdf.name
        texts = page_texts(pdf)
        # A page without a number is front matter, or a blank verso before a chapter.
        assert all(label in ("i", "ii", "iii") or not text.strip() for label, folio, text in zip(labels, folios, texts) if folio is None), (pdf.name, labels[:4])


def test_each_year_s_pdf_has_a_bookmark_for_each_heading_at_its_page(printed_years: Project) -> None:
    """A reader jumps to 存在问题 from the PDF viewer's bookmarks: one for each heading of the
    year page, nested as the headings are, each opening the page the heading is printed on."""
    pdf = printed_years.site / "downloads" / "report-2023.pdf"
    reader = pypdf.PdfReader(pdf)
    texts = [squeeze(text) for text in page_texts(pdf)]

    def flat(items: list, depth: int = 0) -> list[tuple[int, str, int]]:
        found = []
        for index, item in enumerate(items):
            if isinstance(item, list):
                found += flat(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))
        return found

    bookmarks = flat(reader.outline)
    assert len(bookmarks) >= 5 and any(depth >= 1 for depth, _, _ in bookmarks), bookmarks
    assert [title for depth, title, _ in bookmarks if depth == 0] == ["2023年工作总结"], bookmarks  # the page's title, once
    for _, title, page in bookmarks:
        assert squeeze(title) in texts[page], (title, page)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_the_running_head_prints_where_an_office_printer_can(printed_years: Project) -> None:
    """The page's title over each page, at least 10 mm from the paper's edge (it sat 5.4 mm in,
    where many office printers print nothing) and above the text block."""
    pdf = printed_years.site / "downloads" / "report-2024.pdf"
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', run("pdftotext", "-bbox", "-f", "2", "-l", "2", pdf, "-"))
    head = [(float(top), float(bottom)) for top, bottom, text in words if float(top) < geometry.MARGINS_MM.top * geometry.POINTS_PER_MM]
    assert head, words[:3]
    top_mm, bottom_mm = min(top for top, _ in head) / geometry.POINTS_PER_MM, max(bottom for _, bottom in head) / geometry.POINTS_PER_MM
    assert 10 <= top_mm and bottom_mm < geometry.MARGINS_MM.top - 5, (top_mm, bottom_mm)


def test_charts_print_inside_the_text_block(printed_real_site: Project, tmp_path: Path) -> None:
    """The pages with the 2024 charts, as pictures: nothing drawn beyond the 公文's side margins,
    nor below the page number's line."""
    pdf = printed_real_site.site / "downloads" / "report-2024.pdf"
    chart_pages = [number for number, text in enumerate(page_texts(pdf), start=1) if "斜线为示例数据" in text]
    assert len(chart_pages) == 2
    for number in chart_pages:
        left, _, right, bottom = inked_box_mm(pdf, number, tmp_path)
        assert left >= 28 - 1 and right <= 210 - 26 + 1 and bottom <= 297 - 20, (number, left, right, bottom)


def test_broken_data_makes_no_pdf(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    assert project.build().returncode == 0
    (project.data / "years" / "2023.yaml").write_text("year: 2023\ntitle: [unclosed\n", encoding="utf-8")
    result = make_pdf(project)
    assert result.returncode == 1
    assert "PDF 没有生成" in result.stderr and "data/years/2023.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not list((project.site / "downloads").glob("*.pdf"))


def test_pdf_links_lead_into_the_site_relative_to_the_pdf_not_to_the_print_server(printed_years: Project) -> None:
    """Chromium prints links absolute, to make pdf's own server on 127.0.0.1, gone once printing
    ends: a reader clicking them got nothing. They lead to the site's files, relative to the PDF."""
    site = printed_years.site.resolve()
    for pdf in published_pdfs(printed_years):
        for link in link_targets(pdf):
            assert "127.0.0.1" not in link and "localhost" not in link, (pdf.name, link)
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not parts.path.startswith("/"), (pdf.name, link)
            target = (site / "downloads" / unquote(parts.path)).resolve()
            assert target.exists() and (target == site or site in target.parents), (pdf.name, link)
    volume = link_targets(printed_years.site / "downloads" / "volume.pdf")
    assert "../years/2023/" in volume and "../areas/catering/" in volume, volume
    assert "../sources/2024-report.txt" in link_targets(printed_years.site / "downloads" / "report-2024.pdf")


def test_with_a_site_address_pdf_links_are_absolute_under_it_and_data_links_stay_in_the_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:

    """NIANJIAN_SITE_URL set, as the publish workflow sets it: a PDF saved on its own still links
    to the published site. The hostile fixture's editors wrote a relative link and a mailto:."""
    site_url = "http://intranet.example/nianjian/"
    project = make_project(tmp_path_factory.mktemp("addressed") / "project", FIXTURES / "hostile")
    built = project.build(site_url=site_url)
    assert built.returncode == 0, built.stderr
    result = make_pdf(project, site_url)
    assert result.returncode == 0, result.stderr

    for pdf in published_pdfs(project):
        for link in link_targets(pdf):
            if link.startswith("mailto:"):
                continue
            assert link.startswith(site_url), (pdf.name, link)
            assert (project.site / unquote(urlsplit(link[len(site_url):]).path)).exists(), (pdf.name, link)
    in_2023 = link_targets(project.site / "downloads" / "report-2023.pdf")
    assert f"{site_url}years/2022/" in in_2023 and "mailto:office@example.invalid" in in_2023, in_2023


def _pdf_with_links(actions: list[tuple[str, str, str]]) -> bytes:
    """An A4 page with one link for each (action type, key, value), e.g. ("/URI", "/URI", url)."""
    from pypdf.annotations import Link
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(*A4)
    for kind, key, value in actions:
        link = Link(rect=(10, 10, 100, 30), target_page_index=0)
        link[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject(kind), NameObject(key): TextStringObject(value)})
        del link["/Dest"]
        writer.add_annotation(0, link)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_keeps_only_links_the_rule_allows_and_no_other_action() -> None:
    """Whatever Chromium or the data put into a link, the PDF written keeps a URI only as
    nianjian.urls.printed_link makes it; any other action (start a program, run JavaScript) goes."""
    from functools import partial

    from nianjian.urls import printed_link
    from nianjian.paper.volume import VolumePart, numbered, page_numbers, printed_part

    served = "http://127.0.0.1:41234/"
    printed = _pdf_with_links([
        ("/URI", "/URI", served + "years/2023/"),
        ("/URI", "/URI", "mailto:office@example.invalid"),
        ("/URI", "/URI", "https://example.com/"),
        ("/Launch", "/F", "/bin/sh"),
        ("/JavaScript", "/JS", "app.alert(1)"),
    ])
    item = printed_part(VolumePart("2024年工作总结", "years/2024/", "年度报告"), printed)
    links = partial(printed_link, served=served, pdf_path="downloads/report-2024.pdf")
    for site_url, expected in [(None, "../years/2023/"), ("http://intranet.example/nianjian/", "http://intranet.example/nianjian/years/2023/")]:
        written = pypdf.PdfReader(io.BytesIO(numbered(item, page_numbers(_pdf_with_links([])), "2024年工作总结", partial(links, site_url=site_url))))
        actions = [reference.get_object()["/A"] for reference in written.pages[0]["/Annots"]]
        assert [(str(action["/S"]), str(action["/URI"])) for action in actions] == [("/URI", expected), ("/URI", "mailto:office@example.invalid")]


def test_every_chart_prints_on_the_page_of_its_numbers_and_no_page_holds_only_a_note_or_a_card(printed_years: Project, printed_real_site: Project) -> None:
    """A chart's block (its title, the drawing, its number table under the same title) is never
    split across pages, and no page of a year's PDF or the volume holds nothing but the
    sample-data note or one key-figure card."""
    from nianjian.render.parts.note import SAMPLE_DATA

    for project in (printed_years, printed_real_site):
        titles = set()
        for page in (project.site / "years").glob("*/index.html"):
            titles |= set(re.findall(r'<figure class="nj-chart-block"[^>]*>\s*<figcaption>([^<]+?)\s*[<]', page.read_text(encoding="utf-8")))
        assert titles
        for pdf in published_pdfs(project):
            for number, text in enumerate(page_texts(pdf), start=1):
                for title in titles:
                    if title in text:
                        assert text.count(title) == 2, (pdf.name, number, title)  # the chart's and its table's
                body = [line for line in text.splitlines()[1:] if line.strip() and page_number(line) is None]
                if body:  # (a blank verso before a chapter holds nothing at all)
                    assert squeeze("".join(body)) not in squeeze(SAMPLE_DATA.title + SAMPLE_DATA.text), (pdf.name, number)
                cards = [line for line in body if "无上年数据" in line or re.match(r"[▲▼—] ", line)]
                assert not (len(body) <= 4 and len(cards) == 1), (pdf.name, number, body)


def test_dates_in_a_narrow_column_print_whole(printed_years: Project) -> None:
    """The achievements' 时间 column: “2023-06” stays on one line, not “2023-” over “06”."""
    text = "\n".join(page_texts(printed_years.site / "downloads" / "volume.pdf"))
    dates = set(re.findall(r"\b(20\d\d-\d\d(?:-\d\d)?)\b", text))
    assert dates, "the fixture's achievements carry dates"
    assert not re.search(r"\b20\d\d-\s*\n\s*\d\d\b", text)


def test_each_chapter_of_the_volume_opens_on_a_right_hand_page_after_a_blank_verso(printed_real_site: Project) -> None:
    """Printed on both sides, a chapter (年度报告, 工作领域, …) starts on an odd page; where the one
    before ends on an odd page, a blank page without a number comes between."""
    pdf = printed_real_site.site / "downloads" / "volume.pdf"
    pages = page_texts(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    labels = reader.page_labels
    body = labels.index("1")
    assert body % 2 == 0  # the front matter fills whole leaves: “— 1 —” is a right-hand page
    chapters = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline if not isinstance(item, list)][1:]  # after 目录
    assert len(chapters) >= 2  # the repository: 年度报告 and 工作领域
    for title, index in chapters:
        assert int(labels[index]) % 2 == 1 and pages[index].strip(), (title, labels[index])
    blanks = [index for index, text in enumerate(pages) if index >= body and not text.strip()]
    assert blanks, "the repository's chapters do not all end on even pages"
    for index in blanks:
        assert int(labels[index]) % 2 == 0 and index + 1 in {start for _, start in chapters}  # a verso before a chapter
