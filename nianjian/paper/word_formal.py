"""A year's formal edition (正式文本) as a Word document: the 公文 the agency files, laid out by
GB/T 9704-2012 on the same page, type and styles as the reading edition (paper/word.py).

Page 1 from the top: 密级和保密期限 and 紧急程度 (3号黑体, flush left) when given; the red head
(发文机关标志 in red 小标宋 35 mm below the text block's top, two lines down the 发文字号 with the
签发人 on its right, and the red separator line 4 mm under it) when site.yaml switches it on,
else the 发文字号 alone; the title (2号小标宋, centred) with one blank line under it; the 主送机关
flush left with a colon; the report's text (headings by outline level: 一、黑体, （一）楷体, 1．
and （1）仿宋); one blank line and the 附件说明; one blank line and the 发文机关署名 centred
over the 成文日期, which stands four characters in from the right (where the clerk's seal will
press down on both). Each 附件 starts a page: “附件1” flush left in 黑体, its title centred on
the third line. The 版记 (抄送, 印发机关 and 印发日期 between rules) sits at the foot of the
last page, an even page (a section that starts on the next even page), with no page number.
"""

from __future__ import annotations

import math

from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from nianjian.escaping import xml_text
from nianjian.facts.dates import chinese_date
from nianjian.paper import geometry
from nianjian.paper.word import (
    BODY_FONT, HEADING_FONTS, TITLE_FONT, add_figure, add_paragraph, add_prose, add_table, add_table_element,
    new_document, saved, set_fonts, text_width,
)
from nianjian.prose import ProseRenderer
from nianjian.render.pages.formal_content import FormalEdition
from nianjian.render.parts import palette

# One character of the 28 in a line (3号 drawn a little closer), for 左空二字 and the like.
CHARACTER = Pt(geometry.TEXT_WIDTH_MM * geometry.POINTS_PER_MM / geometry.CHARACTERS_PER_LINE)
_VERSION_NOTE_SIZE = Pt(geometry.VERSION_NOTE_PT)
_RED = RGBColor.from_string(palette.LETTERHEAD_RED.lstrip("#").upper())
_HEI = HEADING_FONTS[0]


def _indent(characters: float) -> Emu:
    """So many characters of the line, as a Word length."""
    return Emu(round(CHARACTER * characters))


def _line(document: WordDocument, text: str = "", *, font: str | None = None, alignment: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    """A line of body text flush with the left edge (顶格) or aligned, in `font` if given."""
    paragraph = add_paragraph(document, "")
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if alignment is not None:
        paragraph.alignment = alignment
    if text:
        run = paragraph.add_run(xml_text(text))
        if font:
            set_fonts(run._r, font)
    return paragraph


def _border(paragraph: Paragraph, side: str, *, size_eighths: int, space_pt: int = 0, colour: str = "000000") -> None:
    borders = paragraph._p.get_or_add_pPr().find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        paragraph._p.get_or_add_pPr().append(borders)
    line = OxmlElement(f"w:{side}")
    for name, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", str(space_pt)), ("w:color", colour)):
        line.set(qn(name), value)
    borders.append(line)


def _head(document: WordDocument, edition: FormalEdition) -> None:
    """版头: 密级, 紧急程度, the red head (or the 发文字号 alone)."""
    fields = edition.fields
    if fields.secrecy:
        _line(document, fields.secrecy + (f"★{fields.secrecy_period}" if fields.secrecy_period else ""), font=_HEI)
    if fields.urgency:
        _line(document, fields.urgency, font=_HEI)
    if edition.letterhead:
        mark = _line(document, alignment=WD_ALIGN_PARAGRAPH.CENTER)
        size = min(geometry.LETTERHEAD_PT, geometry.TEXT_WIDTH_MM * geometry.POINTS_PER_MM / max(len(edition.letterhead), 1))
        form = mark.paragraph_format
        form.space_before = Mm(geometry.LETTERHEAD_TOP_MM)
        form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(size * 1.25)
        _off_grid(mark)
        run = mark.add_run(xml_text(edition.letterhead))
        set_fonts(run._r, TITLE_FONT)
        run.font.size, run.font.color.rgb = Pt(size), _RED
        _line(document)
        _line(document)
    if edition.letterhead or fields.number:
        number = _number_line(document, fields.number, fields.signer)
        if edition.letterhead:
            # The red separator line 4 mm under the 发文字号, the text block's width.
            _border(number, "bottom", size_eighths=12, space_pt=round(4 * geometry.POINTS_PER_MM), colour=palette.LETTERHEAD_RED.lstrip("#"))
            _line(document)  # the title on the second line under it
        _line(document)


def _number_line(document: WordDocument, number: str, signer: str) -> Paragraph:
    """发文字号 centred; with a 签发人, 文号 one character in from the left and “签发人：姓名”
    (the name in 楷体) one in from the right."""
    if not signer:
        return _line(document, number, alignment=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph = _line(document)
    form = paragraph.paragraph_format
    form.left_indent = form.right_indent = CHARACTER
    form.tab_stops.add_tab_stop(Mm(geometry.TEXT_WIDTH_MM) - CHARACTER * 2, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(xml_text(number) + "\t签发人：")
    set_fonts(paragraph.add_run(xml_text(signer))._r, HEADING_FONTS[1])
    return paragraph


def _off_grid(paragraph: Paragraph) -> None:
    """Lines of their own height instead of the page's 22-line grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert(0, snap)


def _attachment_note(document: WordDocument, titles: list[str]) -> None:
    """附件说明: 左空二字 “附件：”, the names numbered when more than one, a wrapped name
    aligned with the first character of the name above."""
    _line(document)
    label = "附件："
    for index, title in enumerate(titles, start=1):
        number = f"{index}．" if len(titles) > 1 else ""
        paragraph = add_paragraph(document, (label if index == 1 else "") + number + title)
        hanging = text_width(label + number)
        form = paragraph.paragraph_format
        form.left_indent = _indent(2 + hanging)
        form.first_line_indent = -_indent(hanging if index == 1 else text_width(number))


def _signature(document: WordDocument, signature: str, date: str) -> None:
    """发文机关署名 centred over the 成文日期, the date four characters in from the right (the
    layout for a sealed document: the clerk's seal presses down on both); a 署名 longer than the
    date stands two characters in and the date is centred under it."""
    _line(document)
    written_date = chinese_date(date) if date else ""
    signature_width, date_width = text_width(signature), text_width(written_date)
    if not written_date:
        signature_in, date_in = 2.0, 0.0
    elif signature_width <= date_width:
        date_in = 4.0
        signature_in = date_in + (date_width - signature_width) / 2
    else:
        signature_in = 2.0
        date_in = signature_in + (signature_width - date_width) / 2
    for text, right in ((signature, signature_in), (written_date, date_in)):
        if text:
            paragraph = _line(document, text, alignment=WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = _indent(right)


def _attachments(document: WordDocument, edition: FormalEdition) -> None:
    """Each 附件 from a new page: “附件1” flush left in 黑体, the title centred on the third line."""
    several = len(edition.attachments) > 1
    for index, attachment in enumerate(edition.attachments, start=1):
        label = _line(document, f"附件{index if several else ''}", font=_HEI)
        label.paragraph_format.page_break_before = True
        _line(document)
        add_paragraph(document, attachment.title, "Title")
        _line(document)
        for table in attachment.tables:
            add_table(document, table)
        for figure in attachment.figures:
            add_figure(document, figure)


def _version_note(document: WordDocument, edition: FormalEdition) -> None:
    """版记 at the foot of the last page, an even one, without a page number: a section that
    starts on the next even page (Word and WPS add a blank page when the text ends on an even
    one; LibreOffice starts the next page whatever it is, so `make pdf` adds that page itself,
    paper/formal_pdf.py), its rules and lines at the foot of the text block."""
    fields = edition.fields
    if not fields.has_version_note:
        return
    lines: list[tuple[str, str]] = []
    if fields.copies_to:
        lines.append(("抄送：" + "，".join(fields.copies_to) + "。", ""))
    if fields.printer:
        lines.append((fields.printer, f"{chinese_date(fields.printed)}印发" if fields.printed else ""))
    section = document.add_section(WD_SECTION_START.EVEN_PAGE)
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False  # 版记页不编排页码
    # The page holds only the 版记, so a spacer of the text block's height less the 版记's puts
    # its last line on the block's last line, in every office suite (LibreOffice lays neither
    # a section's bottom alignment, w:vAlign, nor a floating full-width table out there).
    per_line = geometry.TEXT_WIDTH_MM * geometry.POINTS_PER_MM / geometry.VERSION_NOTE_PT - 5  # less the indents
    line_count = sum(max(1, math.ceil(text_width(left + right) / per_line)) for left, right in lines)
    spacer = _line(document)
    _off_grid(spacer)
    spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacer.paragraph_format.line_spacing = Pt(geometry.TEXT_HEIGHT_MM * geometry.POINTS_PER_MM - line_count * geometry.LINE_PITCH_PT - 4)
    table = add_table_element(document, len(lines), 1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _version_note_borders(table._tbl, len(lines))
    width = Mm(geometry.TEXT_WIDTH_MM)
    table.columns[0].width = width
    for row, (left, right) in zip(table.rows, lines):
        cell = row.cells[0]
        cell.width = width
        paragraph = cell.paragraphs[0]
        form = paragraph.paragraph_format
        form.first_line_indent, form.left_indent, form.right_indent = Pt(0), _VERSION_NOTE_SIZE, _VERSION_NOTE_SIZE
        # 抄送 wraps under the first name after the colon.
        if left.startswith("抄送："):
            form.left_indent = _VERSION_NOTE_SIZE * 4
            form.first_line_indent = -_VERSION_NOTE_SIZE * 3
        form.tab_stops.add_tab_stop(width - _VERSION_NOTE_SIZE, WD_TAB_ALIGNMENT.RIGHT)
        form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(geometry.LINE_PITCH_PT)
        _off_grid(paragraph)
        run = paragraph.add_run(xml_text(left + (f"\t{right}" if right else "")))
        set_fonts(run._r, BODY_FONT)
        run.font.size = _VERSION_NOTE_SIZE


def _version_note_borders(table_element, rows: int) -> None:
    """首条和末条分隔线粗线 (0.35 mm), between them fine lines (0.25 mm); no side lines, no cell
    margins, so the rules are the text block's width."""
    properties = table_element.tblPr
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", 8), ("bottom", 8), ("insideH", 6), ("left", 0), ("right", 0), ("insideV", 0)):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:color"), "000000")
        borders.append(line)
    look = properties.find(qn("w:tblLook"))  # the schema's order: … borders, cell margins, look
    look.addprevious(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    look.addprevious(margins)


def formal_docx(edition: FormalEdition) -> bytes:
    """The .docx file of a year's formal edition."""
    fields = edition.fields
    document = new_document(edition.title, fields.issuer, fields.date, edition.draft)
    prose = ProseRenderer()
    _head(document, edition)
    add_paragraph(document, edition.title, "Title")
    _line(document)  # one blank line under the title
    if fields.addressee:
        _line(document, f"{fields.addressee}：")
    add_prose(document, prose, edition.opening)
    for heading in edition.headings:
        add_paragraph(document, f"{heading.marker}{heading.title}", f"Heading {heading.level + 1}")
        if heading.body:
            add_prose(document, prose, heading.body)
        for number, item in enumerate(heading.items, start=1):
            add_paragraph(document, f"{number}．{item}")
    if fields.closing:
        add_paragraph(document, fields.closing)
    if edition.attachments:
        _attachment_note(document, [attachment.title for attachment in edition.attachments])
    _signature(document, fields.signature, fields.date)
    _attachments(document, edition)
    _version_note(document, edition)
    return saved(document)
