"""Read an old report into paragraphs: plain text in any of the encodings Chinese offices
use, or a Word .docx file (paragraphs, heading styles, list numbering, tables).

The file comes from outside (an e-mail attachment, a commit): it is bounded in size before
it is read and, for .docx, before anything is unpacked."""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from nianjian.edit.importing.word_numbering import LIST_LEVELS, ListNumbering
from nianjian.edit.importing.encoding import EncodingUnknown, decode_report
from nianjian.edit.importing.outline import SourceParagraph
from nianjian.read.documents import CONTROL_CHARACTERS, read_bytes

MIB = 1024 * 1024
MAX_TEXT_BYTES = 5 * MIB  # the 2024 report is 6 KB; a long one is a few hundred KB
MAX_DOCX_BYTES = 20 * MIB  # room for a few photos
MAX_DOCX_ENTRIES = 2000  # a Word file has a few dozen parts
MAX_DOCX_UNPACKED = 64 * MIB  # all parts together, as declared and as really inflated
MAX_DOCX_MARKUP = 8 * MIB  # of which XML, parsed into memory (a long report has 1–2 MB)
ZIP_READ_CHUNK = 64 * 1024  # a part is inflated this much at a time, and counted
# Paragraphs (and table cells) of one report: a long one has a few hundred. Each becomes
# Python objects and YAML, so this bounds the work; the byte limits alone do not.
MAX_PARAGRAPHS = 20_000


class ImportFailed(Exception):
    """The file cannot be imported; the message says why, in Chinese."""


@dataclass
class SourceDocument:
    paragraphs: list[SourceParagraph]
    encoding: str  # how the file was read, said to the editor
    tables: list[list[list[str]]] = field(default_factory=list)  # Word tables, rows of cells
    encoding_evidence: str = ""  # why that encoding, when it was detected from the bytes
    raw: bytes = b""  # the bytes that were read: the copy kept under data/sources/ is exactly these
    # All the text the file holds (for .docx every w:t, text boxes included): what the import
    # report counts as “in”; None for plain text, where the paragraphs are all of it.
    shown_text: str | None = None
    controls_removed: int = 0  # invisible control characters left out of the text


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
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Not read as the paragraph's text: its properties; a text box's own paragraphs (a drawing
# anchored here, not part of the sentence); a drawing's fallback copy for old readers (the same
# text a second time); the old place of text moved with track changes on. Deleted text is
# w:delText and never read.
_SKIPPED = {
    f"{_W}pPr", f"{_W}rPr", f"{_W}txbxContent", f"{_W}moveFrom",
    f"{{{_MC}}}Fallback",
}
# Text of the file as Word shows it with changes accepted: not a drawing's fallback copy and not
# the old place of moved text (w:moveFrom; the new place, w:moveTo, is read).
_SHOWN_TEXT = etree.XPath(
    ".//w:t[not(ancestor::mc:Fallback) and not(ancestor::w:moveFrom)]/text()",
    namespaces={"w": _W[1:-1], "mc": _MC},
)
_TEXT_OF = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _text_of(element) -> str:
    """What Word shows of a paragraph: its runs wherever they sit (hyperlinks, fields, content
    controls, tracked insertions: python-docx's `paragraph.text` leaves the last two out)."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            if child.tag in _SKIPPED:
                continue
            if child.tag in _TEXT_OF:
                shown_as = _TEXT_OF[child.tag]
                parts.append((child.text or "") if shown_as is None else shown_as)
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _list_of(properties) -> tuple[str, int] | None:
    """(list id, level) from a paragraph's or a style's properties (w:pPr), if they number it
    at a level Word has (0–8); any other level, or one that is not a number, is not a list Word
    draws. Read as written: python-docx's typed `val` raises on a value that is not a number."""
    listed = properties.numPr if properties is not None else None
    if listed is None or listed.numId is None:
        return None
    try:
        level = int(listed.ilvl.get(f"{_W}val", "")) if listed.ilvl is not None else 0
    except ValueError:
        return None
    return (listed.numId.get(f"{_W}val", ""), level) if 0 <= level < LIST_LEVELS else None


def _outline_level(properties) -> int | None:
    """w:outlineLvl 0–8 (9 and anything else: body text): how custom heading styles such as
    “一级标题” in office templates say what level they are."""
    found = properties.find(f"{_W}outlineLvl") if properties is not None else None
    try:
        level = int(found.get(f"{_W}val", "")) if found is not None else None
    except ValueError:
        return None
    return level if level is not None and 0 <= level <= 8 else None


@dataclass
class _Styles:
    """What the importer needs of each paragraph style, looked up once: python-docx's
    `paragraph.style` scans every style of the document on each call (seconds for a long report)."""

    names: dict[str, str]
    lists: dict[str, tuple[str, int]]  # a style linked to a list (“标题 1” numbered 一、)
    outline_levels: dict[str, int]
    default_id: str

    @classmethod
    def of(cls, document) -> _Styles:
        from docx.enum.style import WD_STYLE_TYPE

        names, lists, levels = {}, {}, {}
        for style in document.styles:
            names[style.style_id] = style.name or ""
            properties = style.element.pPr
            if (listed := _list_of(properties)) is not None:
                lists[style.style_id] = listed
            if (level := _outline_level(properties)) is not None:
                levels[style.style_id] = level
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        return cls(names, lists, levels, default.style_id if default is not None else "")

    def heading_rank(self, paragraph) -> int | None:
        """0 for a first-level heading: Word's 标题 N style, else an outline level the paragraph
        or its style sets; None for body text."""
        style = paragraph.style or self.default_id
        heading = _HEADING_STYLE.match(self.names.get(style, ""))
        if heading:
            return int(heading.group(1)) - 1
        own = _outline_level(paragraph.pPr)
        return own if own is not None else self.outline_levels.get(style)

    def list_of(self, paragraph) -> tuple[str, int] | None:
        """(list id, level) of a paragraph in a Word list: its own numbering, else its style's."""
        return _list_of(paragraph.pPr) or self.lists.get(paragraph.style or self.default_id)


def _docx_paragraph(paragraph, styles: _Styles, numbering: ListNumbering) -> SourceParagraph:
    rank = styles.heading_rank(paragraph)
    text = _text_of(paragraph)
    listed = styles.list_of(paragraph)
    if listed is None or listed[0] == "0":  # numId 0: numbering switched off for this paragraph
        return SourceParagraph(text, rank)
    # Word's automatic list numbering: the marker is not in the text; the marker Word shows is
    # written back (一、（一）1、…), and ranks the outline as a typed one does.
    marker = numbering.marker(*listed)  # counted even for an empty paragraph, as Word counts it
    if marker and text.strip():
        return SourceParagraph(marker + text, rank, len(marker))
    if rank is None and len(text.strip()) <= 60:
        rank = listed[1]  # a list the document does not define: its level is all there is
    return SourceParagraph(text, rank)


# Refusals of a .docx that unpacks to too much, whether its zip directory says so or its parts do.
_UNPACKED_TOO_MUCH = (f"这个 .docx 解压后超过上限 {_size(MAX_DOCX_UNPACKED)}；"
                      "文件可能已损坏，或包含过大的图片，请在 Word 中压缩图片后另存")
_MARKUP_TOO_MUCH = (f"这个 .docx 的正文和格式（XML）解压后超过上限 {_size(MAX_DOCX_MARKUP)}；"
                    "文件可能已损坏，请在 Word 中打开后重新另存")
_DAMAGED_DOCX = "这个 .docx 已损坏（有部件无法完整解压，或与压缩包的记录不符）；请在 Word 中打开后重新另存"


def _is_markup(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def verified_docx(raw: bytes) -> bytes:
    """The .docx repacked from what its parts really inflate to, so python-docx unpacks nothing
    unverified; refused once the parts pass MAX_DOCX_UNPACKED or their XML MAX_DOCX_MARKUP.
    The sizes in the zip's directory are only claims: they refuse an honest bomb before anything
    is inflated, but Python's ZipExtFile.read() with no size inflates up to 2 GiB of an entry in
    one call before cutting it to the declared size. So each part is read a chunk at a time,
    counting the bytes that really come out."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ImportFailed("这不是有效的 .docx 文件（.docx 实际上是 zip 压缩包，这个文件不是）；"
                           ".doc 或 .wps 请先在 Word 或 WPS 中另存为 .docx") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_DOCX_ENTRIES:
            raise ImportFailed(f"这个 .docx 里有 {len(entries)} 个部件，超过上限 {MAX_DOCX_ENTRIES}"
                               "（正常的 Word 文件只有几十个）；文件可能已损坏，请在 Word 中打开后重新另存")
        if sum(entry.file_size for entry in entries) > MAX_DOCX_UNPACKED:
            raise ImportFailed(_UNPACKED_TOO_MUCH)
        if sum(entry.file_size for entry in entries if _is_markup(entry.filename)) > MAX_DOCX_MARKUP:
            raise ImportFailed(_MARKUP_TOO_MUCH)
        parts: dict[str, bytes] = {}  # a name written twice: the last copy, as zipfile reads it
        unpacked = markup = 0
        for entry in entries:
            # Word writes its parts stored or deflated; zipfile's bzip2 and LZMA readers
            # inflate a chunk of input without bound.
            if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ImportFailed(_DAMAGED_DOCX)
            chunks = []
            try:
                with archive.open(entry) as member:
                    while chunk := member.read(ZIP_READ_CHUNK):
                        unpacked += len(chunk)
                        markup += len(chunk) if _is_markup(entry.filename) else 0
                        if unpacked > MAX_DOCX_UNPACKED:
                            raise ImportFailed(_UNPACKED_TOO_MUCH)
                        if markup > MAX_DOCX_MARKUP:
                            raise ImportFailed(_MARKUP_TOO_MUCH)
                        chunks.append(chunk)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError, ValueError):
                raise ImportFailed(_DAMAGED_DOCX) from None  # a bad checksum, cut-off data, a password
            parts[entry.filename] = b"".join(chunks)
    repacked = io.BytesIO()
    with zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return repacked.getvalue()


def _check_length(count: int, what: str) -> None:
    if count > MAX_PARAGRAPHS:
        raise ImportFailed(f"文件有 {count} {what}，超过上限 {MAX_PARAGRAPHS}（一份年度报告通常只有几百段）；请确认选对了文件")


def open_docx(raw: bytes):
    import docx  # python-docx; only the importer needs it
    from docx.oxml.ns import qn

    verified = verified_docx(raw)
    try:
        # From the verified parts, not the path: the file cannot change between check and use,
        # and no part is inflated beyond what was counted.
        document = docx.Document(io.BytesIO(verified))
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


def _blocks(container) -> Iterator:
    """Paragraphs and tables in reading order, also inside block content controls (w:sdt)."""
    for child in container:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _cell_text(cell) -> str:
    """A cell's paragraphs, a table inside it included, one per line."""
    paragraphs = [_text_of(p) for p in cell.iter(f"{_W}p") if not any(a.tag in _SKIPPED for a in p.iterancestors())]
    return "\n".join(paragraphs).strip()


def read_docx(path: Path) -> SourceDocument:
    raw = read_bounded(path, MAX_DOCX_BYTES)
    document = open_docx(raw)
    styles = _Styles.of(document)
    numbering = ListNumbering.from_part(_numbering_element(document))
    paragraphs: list[SourceParagraph] = []
    tables: list[list[list[str]]] = []
    for block in _blocks(document.element.body):
        if block.tag == f"{_W}p":
            paragraphs.append(_docx_paragraph(block, styles, numbering))
        else:
            # Cells as written, not python-docx's `row.cells`: that repeats a cell once per grid
            # column it spans, and the span is a number in the file (a billion is possible).
            rows = []
            for row in block.iterchildren(f"{_W}tr"):
                cells = [_cell_text(cell) for cell in row.iterchildren(f"{_W}tc")]
                if any(cells):
                    rows.append(cells)
            if rows:
                tables.append(rows)
    shown = "".join(_SHOWN_TEXT(document.element.body))
    return SourceDocument(paragraphs, "Word 文档（.docx）", tables, raw=raw, shown_text=shown)


def read_report(path: Path, encoding: str | None = None) -> SourceDocument:
    """`encoding` applies to plain text only (a .docx says its own)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _visible(read_docx(path))
    if suffix == ".doc":
        raise ImportFailed("不支持旧版 .doc 文件；请在 Word 或 WPS 中另存为 .docx 后再导入")
    return _visible(read_plain_text(read_bounded(path, MAX_TEXT_BYTES), encoding))


def _visible(document: SourceDocument) -> SourceDocument:
    """The report without the invisible control characters a text file (or a Word file's C1
    controls) may carry: the year file may not hold them (nianjian.read.documents), and nobody
    meant them. How many there were is said in the import's report."""
    removed = 0

    def clean(text: str) -> str:
        nonlocal removed
        cleaned, count = CONTROL_CHARACTERS.subn("", text)
        removed += count
        return cleaned

    document.paragraphs = [replace(paragraph, text=clean(paragraph.text)) for paragraph in document.paragraphs]
    document.tables = [[[clean(cell) for cell in row] for row in table] for table in document.tables]
    document.controls_removed = removed
    return document
