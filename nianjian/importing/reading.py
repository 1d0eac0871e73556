"""Read an old report into paragraphs: plain text in any of the encodings Chinese offices
use, or a Word .docx file (paragraphs, heading styles, list numbering, tables)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from nianjian.importing.outline import SourceParagraph
from nianjian.sources import decode_bytes


class ImportFailed(Exception):
    """The file cannot be imported; the message says why, in Chinese."""


@dataclass
class SourceDocument:
    paragraphs: list[SourceParagraph]
    encoding: str  # how the file was read, said to the editor
    table_rows: list[list[str]] = field(default_factory=list)  # Word table rows: achievement candidates


def read_plain_text(raw: bytes) -> SourceDocument:
    text, encoding, _ = decode_bytes(raw)
    if text is None:
        if encoding != "GBK/GB18030":
            raise ImportFailed("无法识别文件的编码（不是 UTF-8，也不是 GBK/GB18030）；请用记事本另存为 UTF-8 后再导入")
        text = raw.decode("gb18030").replace("\r\n", "\n").replace("\r", "\n")
        encoding = "GB18030（兼容 GBK）"
    return SourceDocument([SourceParagraph(line) for line in text.split("\n")], encoding)


_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)


def _docx_paragraph(paragraph) -> SourceParagraph:
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.match(style or "")
    rank = int(heading.group(1)) - 1 if heading else None
    if rank is None:
        # Word's automatic list numbering: the marker is not in the text, its level is.
        properties = paragraph._p.pPr
        numbering = properties.numPr if properties is not None else None
        if numbering is not None and numbering.ilvl is not None and len(paragraph.text.strip()) <= 60:
            rank = int(numbering.ilvl.val)
    return SourceParagraph(paragraph.text, rank)


def read_docx(path: Path) -> SourceDocument:
    import docx  # python-docx; only the importer needs it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged or non-Word file
        raise ImportFailed(f"无法读取 Word 文件（{exc}）；请确认是 .docx 格式（.doc 请先在 Word 中另存为 .docx）") from None
    paragraphs: list[SourceParagraph] = []
    rows: list[list[str]] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs.append(_docx_paragraph(Paragraph(block, document)))
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = [cell.text.strip() for cell in row.cells]
                if any(cells):
                    rows.append(cells)
    return SourceDocument(paragraphs, "Word 文档（.docx）", rows)


def read_report(path: Path) -> SourceDocument:
    if not path.is_file():
        raise ImportFailed(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".doc":
        raise ImportFailed("不支持旧版 .doc 文件；请在 Word 或 WPS 中另存为 .docx 后再导入")
    return read_plain_text(path.read_bytes())
