"""Read an old report into paragraphs: plain text in any of the encodings Chinese offices
use, or a Word .docx file (paragraphs, heading styles, list numbering, tables).

The file comes from outside (an e-mail attachment, a commit): it is bounded in size before
it is read and, for .docx, before anything is unpacked."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nianjian.importing.word_numbering import ListNumbering
from nianjian.importing.encoding import EncodingUnknown, decode_report
from nianjian.importing.outline import SourceParagraph
from nianjian.documents import read_bytes

MIB = 1024 * 1024
MAX_TEXT_BYTES = 5 * MIB  # the 2024 report is 6 KB; a long one is a few hundred KB
MAX_DOCX_BYTES = 20 * MIB  # room for a few photos
MAX_DOCX_ENTRIES = 2000  # a Word file has a few dozen parts
MAX_DOCX_UNPACKED = 64 * MIB  # declared size of all parts together
MAX_DOCX_MARKUP = 8 * MIB  # of which XML, parsed into memory (a long report has 1–2 MB)
# Paragraphs (and table cells) of one report: a long one has a few hundred. Each becomes
# Python objects and YAML, so this bounds the work; the byte limits alone do not.
MAX_PARAGRAPHS = 20_000


class ImportFailed(Exception):
    """The file cannot be imported; the message says why, in Chinese."""


@dataclass
class SourceDocument:
    paragraphs: list[SourceParagraph]
    encoding: str  # how the file was read, said to the editor
    table_rows: list[list[str]] = field(default_factory=list)  # Word table rows: achievement candidates
    encoding_evidence: str = ""  # why that encoding, when it was detected from the bytes
    raw: bytes = b""  # the bytes that were read: the copy kept under data/sources/ is exactly these


def _size(count: int) -> str:
    return f"{count / MIB:.1f} MB"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes: a FIFO (which would block), a
    device or a folder is refused before it is opened, by the same check as data files."""
    if not os.path.lexists(path):
        raise ImportFailed("文件不存在")
    raw, problems = read_bytes(path, str(path), limit)
    if raw is None:
        raise ImportFailed(problems[0].message)
    return raw


def read_plain_text(raw: bytes, encoding: str | None = None) -> SourceDocument:
    """`encoding` is a codec the editor named (utf-8, gb18030, big5); None detects it."""
    try:
        decoded = decode_report(raw, encoding)
    except EncodingUnknown as exc:
        raise ImportFailed(str(exc)) from None
    # Blank lines separate nothing the outline needs (recognise drops them too).
    lines = [line for line in decoded.text.split("\n") if line.strip()]
    _check_length(len(lines), "段")
    paragraphs = [SourceParagraph(line) for line in lines]
    return SourceDocument(paragraphs, decoded.encoding, encoding_evidence=decoded.evidence, raw=raw)


_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)


def _docx_paragraph(paragraph, style: str, numbering: ListNumbering) -> SourceParagraph:
    heading = _HEADING_STYLE.match(style)
    rank = int(heading.group(1)) - 1 if heading else None
    properties = paragraph._p.pPr
    listed = properties.numPr if properties is not None else None
    if listed is None or listed.numId is None:
        return SourceParagraph(paragraph.text, rank)
    level = int(listed.ilvl.val) if listed.ilvl is not None else 0
    # Word's automatic list numbering: the marker is not in the text; the marker Word shows is
    # written back (一、（一）1、…), and ranks the outline as a typed one does.
    marker = numbering.marker(str(listed.numId.val), level)
    if marker:
        return SourceParagraph(marker + paragraph.text, rank)
    if rank is None and len(paragraph.text.strip()) <= 60:
        rank = level  # a list the document does not define: its level is all there is
    return SourceParagraph(paragraph.text, rank)


def _style_names(document) -> Callable[[str | None], str]:
    """Paragraph style id -> name, looked up once: python-docx's `paragraph.style` scans every
    style of the document on each call (seconds for a long report)."""
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.style_id: style.name or "" for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_name = default.name or "" if default is not None else ""
    return lambda style_id: names.get(style_id, default_name) if style_id else default_name


def check_docx_archive(raw: bytes) -> None:
    """Refuse a .docx whose parts would unpack to too much, before python-docx unpacks any.
    The sizes declared in the zip's directory are a real bound: Python's zipfile never
    inflates an entry beyond its declared size (reading stops there), so a zip bomb that
    understates its sizes only yields truncated, broken parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ImportFailed("这不是有效的 .docx 文件（.docx 实际上是 zip 压缩包，这个文件不是）；"
                           ".doc 或 .wps 请先在 Word 或 WPS 中另存为 .docx") from None
    if len(entries) > MAX_DOCX_ENTRIES:
        raise ImportFailed(f"这个 .docx 里有 {len(entries)} 个部件，超过上限 {MAX_DOCX_ENTRIES}"
                           "（正常的 Word 文件只有几十个）；文件可能已损坏，请在 Word 中打开后重新另存")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_DOCX_UNPACKED:
        raise ImportFailed(f"这个 .docx 解压后有 {_size(unpacked)}，超过上限 {_size(MAX_DOCX_UNPACKED)}；"
                           "文件可能已损坏，或包含过大的图片，请在 Word 中压缩图片后另存")
    markup = sum(entry.file_size for entry in entries if entry.filename.endswith((".xml", ".rels")))
    if markup > MAX_DOCX_MARKUP:
        raise ImportFailed(f"这个 .docx 的正文和格式（XML）解压后有 {_size(markup)}，超过上限 {_size(MAX_DOCX_MARKUP)}；"
                           "文件可能已损坏，请在 Word 中打开后重新另存")


def _check_length(count: int, what: str) -> None:
    if count > MAX_PARAGRAPHS:
        raise ImportFailed(f"文件有 {count} {what}，超过上限 {MAX_PARAGRAPHS}（一份年度报告通常只有几百段）；请确认选对了文件")


def _open_docx(raw: bytes):
    import docx  # python-docx; only the importer needs it
    from docx.oxml.ns import qn

    check_docx_archive(raw)
    try:
        # From the checked bytes, not the path: the file cannot change between check and use.
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several kinds for a damaged or non-Word file
        raise ImportFailed(f"无法读取 Word 文件（{exc}）；请确认是 .docx 格式（.doc 请先在 Word 中另存为 .docx）") from None
    # Counted in the parsed XML, before any paragraph becomes a Python object.
    _check_length(sum(1 for _ in document.element.body.iter(qn("w:p"), qn("w:tc"))), "个段落和表格单元格")
    return document


def _numbering_element(document) -> object | None:
    """numbering.xml of the document, if it has one."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for relationship in document.part.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.NUMBERING and not relationship.is_external:
            return relationship.target_part.element
    return None


def read_docx(path: Path) -> SourceDocument:
    from docx.text.paragraph import Paragraph

    raw = read_bounded(path, MAX_DOCX_BYTES)
    document = _open_docx(raw)
    style_name = _style_names(document)
    numbering = ListNumbering.from_part(_numbering_element(document))
    paragraphs: list[SourceParagraph] = []
    rows: list[list[str]] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs.append(_docx_paragraph(Paragraph(block, document), style_name(block.style), numbering))
        elif tag == "tbl":
            # Cells as written, not python-docx's `row.cells`: that repeats a cell once per grid
            # column it spans, and the span is a number in the file (a billion is possible).
            for row in block.tr_lst:
                cells = ["\n".join(Paragraph(p, document).text for p in cell.p_lst).strip() for cell in row.tc_lst]
                if any(cells):
                    rows.append(cells)
    return SourceDocument(paragraphs, "Word 文档（.docx）", rows, raw=raw)


def read_report(path: Path, encoding: str | None = None) -> SourceDocument:
    """`encoding` applies to plain text only (a .docx says its own)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".doc":
        raise ImportFailed("不支持旧版 .doc 文件；请在 Word 或 WPS 中另存为 .docx 后再导入")
    return read_plain_text(read_bounded(path, MAX_TEXT_BYTES), encoding)
