"""Word reports made for the import tests with python-docx: heading styles, typed outline
markers, Word's automatic list numbering (numbering.xml), tables and a text box, the way
offices' .docx files hold them."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# One multilevel list as Chinese reports number them: 一、 （一） 1、 （1） ①
CHINESE_OUTLINE_LIST = [
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3、"),
    ("decimal", "（%4）"),
    ("decimalEnclosedCircle", "%5"),
]
LIST_ID = 90


class WordReport:
    def __init__(self) -> None:
        self.document = docx.Document()
        levels = "".join(
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for index, (kind, text) in enumerate(CHINESE_OUTLINE_LIST)
        )
        numbering = self.document.part.numbering_part.element
        numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_ID}">{levels}</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{LIST_ID}"><w:abstractNumId w:val="{LIST_ID}"/></w:num>'))

    def paragraph(self, text: str, style: str | None = None) -> None:
        self.document.add_paragraph(text, style=style)

    def outline_style(self, name: str, level: int) -> None:
        """A template's own heading style (“一级标题”), known to Word only by its outline level."""
        from docx.enum.style import WD_STYLE_TYPE

        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>'))

    def heading(self, text: str, level: int) -> None:
        """A paragraph in Word's built-in 标题 N (Heading N) style."""
        self.document.add_heading(text, level=level)

    def listed(self, text: str, level: int | str, list_id: int = LIST_ID) -> None:
        """A paragraph numbered by Word at `level` (0 = 一、): the marker is not in its text.
        `level` is written as given, so a test can write what no Word would."""
        paragraph = self.document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{list_id}"/></w:numPr>')
        )

    def define_list(self, list_id: int, levels: str) -> None:
        """Another list, its levels given as numbering.xml's w:lvl elements (written as given)."""
        numbering = self.document.part.numbering_part.element
        numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}">{levels}</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{list_id}"><w:abstractNumId w:val="{list_id}"/></w:num>'))

    def number_heading_style(self, level: int) -> None:
        """Link Word's 标题 N style to the outline list, as report templates do: every heading
        in that style is numbered by Word, with no numbering on the paragraph itself."""
        style = self.document.styles[f"Heading {level}"]
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="{LIST_ID}"/></w:numPr>')
        )

    def table(self, rows: list[list[str]]) -> None:
        width = max(len(row) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        for row_index, row in enumerate(rows):
            for column, text in enumerate(row):
                table.cell(row_index, column).text = text

    def text_box(self, text: str) -> None:
        """A paragraph holding only a text box (VML, as Word writes it for old readers)."""
        self.document.element.body.append(parse_xml(
            f'<w:p {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
        ))

    def tracked_insertion(self, before: str, inserted: str) -> None:
        """A paragraph whose end was typed with 修订 (track changes) on and not yet accepted."""
        self.document.element.body.append(parse_xml(
            f'<w:p {nsdecls("w")}><w:r><w:t>{before}</w:t></w:r>'
            f'<w:ins w:id="1" w:author="编辑" w:date="2024-01-01T00:00:00Z"><w:r><w:t>{inserted}</w:t></w:r></w:ins></w:p>'
        ))

    def tracked_move(self, moved: str, stays: str) -> None:
        """Text moved with 修订 on: Word keeps it at its old place (w:moveFrom) and its new one."""
        self.document.element.body.append(parse_xml(
            f'<w:p {nsdecls("w")}><w:moveFrom w:id="2" w:author="编辑" w:date="2024-01-01T00:00:00Z"><w:r><w:t>{moved}</w:t></w:r></w:moveFrom>'
            f'<w:r><w:t>{stays}</w:t></w:r>'
            f'<w:moveTo w:id="3" w:author="编辑" w:date="2024-01-01T00:00:00Z"><w:r><w:t>{moved}</w:t></w:r></w:moveTo></w:p>'
        ))

    def content_control(self, text: str) -> None:
        """A paragraph inside a block content control (内容控件), as templates hold fields."""
        self.document.element.body.append(parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        ))

    def save(self, path: Path) -> Path:
        # python-docx appends paragraphs after the body's section properties when the
        # element is added by hand; Word wants sectPr last.
        body = self.document.element.body
        section = body.find(docx.oxml.ns.qn("w:sectPr"))
        if section is not None:
            body.remove(section)
            body.append(section)
        self.document.save(str(path))
        return path
