"""A year as a Word document in the layout of Chinese official documents (GB/T 9704-2012),
rendered from the same YearContent as the year page.

Layout: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (text block 156 × 225 mm);
22 lines of 28 characters; title 2号 方正小标宋简体 centred; body 3号 仿宋_GB2312; level-1
headings 黑体, level-2 楷体_GB2312, level-3/4 仿宋_GB2312 bold; page numbers 4号 宋体 “— 1 —”,
odd pages right, even pages left, one character in from the edge.

Charts are pictures drawn from the same figures (render/formats/chart_image.py), each above its
number table. The fonts are named as Word and WPS on an agency PC know them, set for East-Asian text
(w:eastAsia) as well as Latin, so the file opens right without our fonts installed.

python-docx has no API for: East-Asian font names (w:rFonts/@w:eastAsia), the line grid
(w:docGrid), character spacing (w:spacing in run properties), the PAGE field, repeating table
header rows (w:tblHeader) and removing the template Title's rule (w:pBdr). Those few elements
are written with its oxml helpers below; everything else goes through python-docx.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle
from docx.oxml.table import CT_Tbl
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from nianjian.facts.numbering import marker_depth
from nianjian.paper import geometry
from nianjian.escaping import xml_text
from nianjian.render.parts.note import Note
from nianjian.prose import ProseRenderer
from nianjian.facts.dates import chinese_date
from nianjian.render.formats.chart_image import figure_png
from nianjian.render.formats.photos import PhotoSet
from nianjian.render.parts.figure import Figure
from nianjian.render.parts.table import Cell, Table
from nianjian.render.pages.year_content import YearContent, section_notes

# The 公文's page and type, from the one definition of the paper (nianjian/paper/geometry.py).
TITLE_FONT = geometry.FONTS["title"][0]
BODY_FONT = geometry.FONTS["fangsong"][0]
HEADING_FONTS = (geometry.FONTS["hei"][0], geometry.FONTS["kai"][0], BODY_FONT, BODY_FONT)
PAGE_NUMBER_FONT = geometry.FONTS["song"][0]
TITLE_SIZE = Pt(geometry.TITLE_PT)
BODY_SIZE = Pt(geometry.BODY_PT)
PAGE_NUMBER_SIZE = Pt(geometry.PAGE_NUMBER_PT)
TABLE_SIZE = Pt(geometry.TABLE_PT)
_LINE = Pt(geometry.LINE_PITCH_PT)
_FIGURE_WIDTH_MM = geometry.TEXT_WIDTH_MM - 10  # a little inside the line, which office suites may pad
# python-docx refuses a core property (the file's title) longer than this; validation keeps
# titles far shorter (year.schema.json).
CORE_PROPERTY_MAX_CHARACTERS = 255


def set_fonts(style_or_run_element, font: str) -> None:
    """The Latin and the East-Asian font of a style's or a run's properties."""
    properties = style_or_run_element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _style(document: WordDocument, name: str, font: str, size: Pt, *, bold: bool = False, heading: bool = False) -> BaseStyle:
    style = document.styles[name]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    set_fonts(style.element, font)
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = _LINE
    if heading:
        paragraph.keep_with_next = True  # never alone at the foot of a page
    return style


_DASH_ABOVE_LINE_BOTTOM_MM = 2.6


def _page_setup(document: WordDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(geometry.PAGE_MM[0]), Mm(geometry.PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(geometry.MARGINS_MM.top), Mm(geometry.MARGINS_MM.bottom)
    section.left_margin, section.right_margin = Mm(geometry.MARGINS_MM.left), Mm(geometry.MARGINS_MM.right)
    section.header_distance = Mm(15)
    # The page number's dashes 7 mm below the text block: Word's footer distance is to the
    # bottom of the number's line, whose dashes (4号, single spacing) sit 2.6 mm above it
    # (measured in LibreOffice's layout: tests/test_formal.py holds it to 1 mm).
    section.footer_distance = Mm(geometry.MARGINS_MM.bottom - geometry.PAGE_NUMBER_BELOW_TEXT_MM - _DASH_ABOVE_LINE_BOTTOM_MM)
    # The line grid: 22 lines a page (linePitch in twentieths of a point). The 28 characters a
    # line come from the body style's character spacing (see _styles), not from a character
    # grid: LibreOffice and WPS read w:charSpace differently from Word (LibreOffice set ~15 a line).
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(geometry.LINE_PITCH_PT * 20)))
    grid.attrib.pop(qn("w:charSpace"), None)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: Paragraph, alignment: WD_ALIGN_PARAGRAPH) -> None:
    """“— 1 —”: the number is Word's PAGE field, one character in from the outer edge."""
    paragraph.alignment = alignment
    paragraph.paragraph_format.first_line_indent = Pt(0)  # the footer style inherits the body's two characters
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
    else:
        paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)
    paragraph.add_run(" —")
    for run in paragraph._p.iter(qn("w:r")):
        set_fonts(run, PAGE_NUMBER_FONT)
        run.get_or_add_rPr().sz_val = PAGE_NUMBER_SIZE


def _styles(document: WordDocument) -> None:
    _style(document, "Normal", BODY_FONT, BODY_SIZE)
    title = _style(document, "Title", TITLE_FONT, TITLE_SIZE, heading=True).paragraph_format
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.first_line_indent = Pt(0)  # centred on the text block, not two characters right of it
    document.styles["Title"].paragraph_format.line_spacing = Pt(geometry.LINE_PITCH_PT * 1.5)
    for level, font in enumerate(HEADING_FONTS, start=1):
        style = _style(document, f"Heading {level}", font, BODY_SIZE, heading=True)
        style.paragraph_format.first_line_indent = BODY_SIZE * 2
    _style(document, "Caption", HEADING_FONTS[0], BODY_SIZE, heading=True).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    normal = document.styles["Normal"]
    normal.paragraph_format.first_line_indent = BODY_SIZE * 2  # 首行缩进两字
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # 28 characters in the 156 mm line: 16 pt characters drawn closer (w:spacing, in twentieths
    # of a point, one more than geometry.CHARACTER_SPACING_PT rounds to, against Word's rounding;
    # python-docx has no API for character spacing).
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(geometry.CHARACTER_SPACING_PT * 20) - 1))
    normal.element.get_or_add_rPr().append(spacing)
    # The template's Title has a rule under it and theme colours; a 公文 title has neither.
    title_properties = document.styles["Title"].element.pPr
    for border in title_properties.findall(qn("w:pBdr")):
        title_properties.remove(border)
    # Table text and pictures keep their own line height instead of the page's 22-line grid (an
    # exact 29 pt line would cut a picture to one line).
    for name, alignment in ((_TABLE_TEXT, WD_ALIGN_PARAGRAPH.LEFT), (_TABLE_NUMBER, WD_ALIGN_PARAGRAPH.RIGHT), (_FIGURE, WD_ALIGN_PARAGRAPH.CENTER)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        _style(document, name, BODY_FONT, TABLE_SIZE)
        style.paragraph_format.first_line_indent = Pt(0)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        style.paragraph_format.alignment = alignment
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        style.element.get_or_add_pPr().insert(0, snap)


# Paragraphs get their style by id (as python-docx itself writes it): looking a style up by
# name or object makes python-docx scan every style, which made a year's document 150 ms.
_STYLE_IDS = {"Title": "Title", "Caption": "Caption", **{f"Heading {level}": f"Heading{level}" for level in range(1, 5)}}
_TABLE_TEXT, _TABLE_NUMBER, _FIGURE = "Table Text", "Table Number", "Figure"
_STYLE_IDS |= {_TABLE_TEXT: "TableText", _TABLE_NUMBER: "TableNumber", _FIGURE: "Figure"}


def append_element(document: WordDocument, element) -> None:
    """A paragraph or table at the end of the body, before its closing section properties.
    python-docx's add_paragraph and add_table look for those among all the body's children
    every time, which made a long report quadratic (40,000 paragraphs: 14 s); they are the
    body's last child, reached at once."""
    body = document.element.body
    last = body[-1]  # lxml counts from the end (len() would walk every child)
    if last.tag == qn("w:sectPr"):
        last.addprevious(element)
    else:
        body.append(element)


def add_paragraph(document: WordDocument, text: str, style: str | None = None) -> Paragraph:
    paragraph = Paragraph(OxmlElement("w:p"), document._body)
    append_element(document, paragraph._p)
    if text:
        paragraph.add_run(xml_text(text))
    if style is not None:
        paragraph._p.style = _STYLE_IDS[style]
    return paragraph


def add_table_element(document: WordDocument, rows: int, columns: int) -> WordTable:
    table = WordTable(CT_Tbl.new_tbl(rows, columns, document._block_width), document._body)
    append_element(document, table._tbl)
    return table


def add_prose(document: WordDocument, prose: ProseRenderer, text: str) -> None:
    """An editor's Markdown as Word paragraphs (ProseRenderer.blocks): one per paragraph, list
    item or quotation; bold as bold, emphasis in 楷体 (Chinese has no italics); a Markdown
    table as a Word table."""
    rows: list[tuple[str, ...]] = []
    for block in prose.blocks(text):
        if block.kind == "row":
            rows.append(block.cells)
            continue
        if rows:
            _prose_table(document, rows)
            rows = []
        paragraph = add_paragraph(document, "", "Heading 4" if block.kind == "heading" else None)
        if block.kind == "item":
            paragraph.paragraph_format.first_line_indent = BODY_SIZE * (2 + 2 * block.depth)
            paragraph.add_run(f"{block.marker} ")
        elif block.kind == "quote":
            paragraph.paragraph_format.left_indent = BODY_SIZE * 2
        for part in block.runs:
            run = paragraph.add_run(xml_text(part.text))
            run.bold = part.bold or None
            if part.italic or block.kind == "quote":
                set_fonts(run._r, HEADING_FONTS[1])  # 楷体
    if rows:
        _prose_table(document, rows)


def _prose_table(document: WordDocument, rows: list[tuple[str, ...]]) -> None:
    width = max(len(row) for row in rows)
    word_table = add_table_element(document, len(rows), width)
    word_table._tbl.tblStyle_val = "TableGrid"
    for index, (word_row, row) in enumerate(zip(word_table.rows, rows)):
        for cell, text in zip(word_row.cells, row):
            _cell_text(cell, text, bold=index == 0)  # Markdown's first row is the header


def _note(document: WordDocument, note: Note) -> None:
    paragraph = add_paragraph(document, "")
    paragraph.add_run(f"【{xml_text(note.title)}】").bold = True
    paragraph.add_run(xml_text(note.text))


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def add_table(document: WordDocument, table: Table, *, caption: bool = True) -> None:
    if caption and table.caption:
        add_paragraph(document, table.caption, "Caption")
    # All rows at once: python-docx builds them from one XML string, add_row copies a row each time.
    word_table = add_table_element(document, len(table.rows) + 1, len(table.columns))
    word_table._tbl.tblStyle_val = "TableGrid"
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, *body = word_table.rows
    _repeat_header(header)
    # A fixed layout is laid out by its grid (w:tblGrid) and first row, so only those get the
    # widths: setting every cell's width cost a third of the table's time.
    word_table.autofit = False
    for column, cell, width in zip(word_table.columns, header.cells, _column_widths(table)):
        column.width = width
        cell.width = width
    for cell, column in zip(header.cells, table.columns):
        _cell_text(cell, column.heading, bold=True)
    for word_row, row in zip(body, table.rows):
        for cell, value, kind in zip(word_row.cells, row, table.column_kinds):
            _cell_text(cell, _cell_shown(value), number=kind == "number")
    for note in table.notes + ((geometry.SAMPLE_MARK_NOTE,) if table.has_sample else ()):
        add_paragraph(document, note)


def add_figure(document: WordDocument, figure: Figure) -> None:
    """The chart as a picture the width of the text block, under its title; its numbers follow."""
    add_paragraph(document, figure.title, "Caption")
    add_paragraph(document, "", _FIGURE).add_run().add_picture(io.BytesIO(figure_png(figure, _FIGURE_WIDTH_MM)), width=Mm(_FIGURE_WIDTH_MM))
    add_table(document, figure.table, caption=False)


def _cell_shown(cell: Cell) -> str:
    return cell.text + (geometry.SAMPLE_MARK if cell.sample else "")


def text_width(text: str) -> float:
    """Width in Chinese characters: Latin letters, digits and symbols a little over half as wide
    (the office suite may draw them in a wider fallback font)."""
    return sum(0.6 if ord(character) < 0x2E80 else 1.0 for character in text)


_CHARACTER_MM = TABLE_SIZE.pt / 72 * 25.4  # a Chinese character of table text
_CELL_MARGINS_MM = 6  # Word's default cell margins (1.9 mm a side) and air against wrapping


def _column_widths(table: Table) -> list[Mm]:
    """Each column as wide as its longest text on one line (at most 20 characters are asked
    for). When that is more than the 156 mm line, columns of numbers, codes and changes such as
    ▲ +1.2（+6.0%）keep their width, since they read badly broken, and the Chinese texts,
    which wrap anywhere, share the rest in proportion."""
    needed, unbreakable = [], []
    for index, column in enumerate(table.columns):
        texts = [_cell_shown(row[index]) for row in table.rows]
        longest = max(texts, key=text_width, default="")
        needed.append(max(min(max(text_width(longest), min(text_width(column.heading), 4)), 20), 3.5) * _CHARACTER_MM + _CELL_MARGINS_MM)
        half_width = sum(ord(character) < 0x2E80 for character in longest)
        unbreakable.append(table.column_kinds[index] != "text" or half_width >= 0.7 * len(longest))
    return [Mm(width) for width in _shared(needed, unbreakable, geometry.TEXT_WIDTH_MM)]


def _shared(needed: list[float], unbreakable: list[bool], line: float) -> list[float]:
    kept = sum(width for width, keep in zip(needed, unbreakable) if keep)
    if sum(needed) <= line or kept >= line * 0.8 or all(unbreakable):
        return [width * line / sum(needed) for width in needed]
    wrapping = sum(width for width, keep in zip(needed, unbreakable) if not keep)
    return [width if keep else width * (line - kept) / wrapping for width, keep in zip(needed, unbreakable)]


def _cell_text(cell, text: str, *, bold: bool = False, number: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = _STYLE_IDS[_TABLE_NUMBER if number else _TABLE_TEXT]
    run = paragraph.add_run(xml_text(text))
    if bold:
        run.bold = True


def new_document(title: str, author: str, date: str, draft: str = "") -> WordDocument:
    """An empty 公文 page with its styles, fonts and properties: the file's title, the
    organisation as author and company, `date` (ISO, 成文日期) as created and modified, or none;
    `draft` (“征求意见稿（…）”) at the head of every page of a year not yet signed."""
    document = Document()
    _styles(document)
    _page_setup(document)
    if draft:
        section = document.sections[0]
        for header in (section.header, section.even_page_header):
            paragraph = header.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.first_line_indent = Pt(0)  # the header style inherits the body's two characters
            paragraph.add_run(xml_text(draft)).bold = True
    _font_table(document)
    properties = document.core_properties
    properties.title = xml_text(title)[:CORE_PROPERTY_MAX_CHARACTERS]
    properties.language = "zh-CN"
    properties.author = properties.last_modified_by = xml_text(author)[:CORE_PROPERTY_MAX_CHARACTERS]
    properties.comments = properties.keywords = ""
    properties.revision = 1
    core = properties._element
    for name in ("dcterms:created", "dcterms:modified"):
        element = core.find(qn(name))
        if element is not None:
            core.remove(element)
    if date:
        properties.created = properties.modified = dt.datetime.fromisoformat(date)
    # python-docx's template carries a thumbnail of some other document.
    package = document.part.package
    for relationship in list(package.rels.values()):
        if relationship.reltype.endswith("/thumbnail"):
            package.rels.pop(relationship.rId)
    return document


def _font_table(document: WordDocument) -> None:
    """The fonts the document names, each with its 信创 (方正 …_GBK) name as w:altName, the one
    Word and WPS take where the first is not installed, and the GB2312 character set."""
    fonts_part = document.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(fonts_part.blob)
    named = {fonts[0] for fonts in geometry.FONTS.values()}
    for font in table.findall(qn("w:font")):
        if font.get(qn("w:name")) in named:
            table.remove(font)
    for fonts in geometry.FONTS.values():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), fonts[0])
        for tag, value in (("w:altName", fonts[1]), ("w:charset", "86"), ("w:family", "auto"), ("w:pitch", "variable")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            font.append(element)
        table.append(font)
    fonts_part._blob = serialize_part_xml(table)


def saved(document: WordDocument) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def add_photo(document: WordDocument, photo: PhotoSet) -> None:
    """A photograph inside the text block (its page variant, metadata-free), its caption under it."""
    variant = photo.for_page
    width = min(_FIGURE_WIDTH_MM, geometry.TEXT_HEIGHT_MM * 0.6 * variant.width / variant.height)  # a tall one stays within the page
    add_paragraph(document, "", _FIGURE).add_run().add_picture(str(variant.file), width=Mm(width))
    meta = [chinese_date(photo.photo.date) if photo.photo.date else "", photo.photo.place, photo.photo.by]
    add_paragraph(document, photo.photo.caption + ("（" + "，".join(part for part in meta if part) + "）" if any(meta) else ""), _FIGURE)


def _items(document: WordDocument, items: tuple[tuple[str, str], ...]) -> None:
    """Problems or plans, numbered 1． 2．, each with its work area."""
    for number, (text, area) in enumerate(items, start=1):
        add_paragraph(document, f"{number}．{text}" + (f"（{area}）" if area else ""))


def heading_level(number: str, depth: int) -> int:
    """The heading style (1–4) of a section: by its marker (一、 1, （一） 2, 1、/1． 3, （1） 4),
    as GB/T 9704 sets the face by the outline level; by nesting where the marker says nothing."""
    level = marker_depth(number)
    return min((depth if level is None else level) + 1, len(HEADING_FONTS))


def year_docx(content: YearContent) -> bytes:
    """The .docx file of one year: the reading edition (阅读版), with every table, chart and note."""
    record = content.record
    document = new_document(record.title, content.formal.fields.issuer, content.formal.fields.date, content.draft)
    prose = ProseRenderer()
    add_paragraph(document, record.title, "Title")
    add_paragraph(document, "")  # GB/T 9704: one blank line under the title
    add_prose(document, prose, record.summary)
    lists = {"problems": content.problems, "plans": content.plans}
    homes = {anchor: kind for kind, anchor in content.list_homes.items()}
    for placed in content.sections:
        section = placed.section
        add_paragraph(document, f"{section.number}{section.title}", f"Heading {heading_level(section.number, placed.depth)}")
        before, after = section_notes(section)
        for note in before:
            _note(document, note)
        if section.body:
            add_prose(document, prose, section.body)
        if placed.anchor in homes:
            _items(document, lists[homes[placed.anchor]])
        for note in after:
            _note(document, note)

    if content.photos:
        add_paragraph(document, "附：图片专辑", "Heading 1")
        for photo in content.photos:
            add_photo(document, photo)
    if content.chronicle:
        add_paragraph(document, "附：大事记", "Heading 1")
        for entry in content.chronicle:
            paragraph = add_paragraph(document, "")
            set_fonts(paragraph.add_run(xml_text(entry.date + "　"))._r, HEADING_FONTS[0])  # the date in 黑体, as yearbooks set it
            paragraph.add_run(xml_text(entry.text + (f"（{entry.place}）" if entry.place else "")))
    appendix = [("主要成绩一览", [table for _, table in content.achievements])]
    appendix.append(("上年目标落实情况", [content.outcomes] if content.outcomes else []))
    appendix.append(("荣誉", [content.honours] if content.honours else []))
    appendix.append(("附件", [content.attachments] if content.attachments else []))
    for title, tables in appendix:
        if tables:
            add_paragraph(document, f"附：{title}", "Heading 1")
            for table in tables:
                add_table(document, table)
    if record.document.closing:
        add_paragraph(document, record.document.closing)
    for kind, title in (("problems", "存在问题"), ("plans", "明年工作思路")):
        if lists[kind] and kind not in content.list_homes:
            add_paragraph(document, f"附：{title}", "Heading 1")
            _items(document, lists[kind])
    if content.cards or content.figures:
        add_paragraph(document, "附：统计图表", "Heading 1")
        if content.cards:
            add_table(document, content.cards_table)
        for figure in content.figures:
            add_figure(document, figure)
        if content.sample:
            _note(document, content.sample_note)
    return saved(document)
