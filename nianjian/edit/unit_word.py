"""A department's round trip through Word (部门供稿): `nianjian export 2025 --unit 物业科` writes the
unit's planned parts of the year (组稿: the year's `contributions`) as a Word file in the 公文's
styles, each part's text between bookmarks named by its id, placeholders highlighted; the
department edits it in Word or WPS; `nianjian import 2025 物业科.docx` puts each part's text back
into the same field of the year file and nowhere else (every other byte stays: edit/yaml_edit.py),
says what changed, sentence by sentence, and refuses, naming the part, when a part's bookmark
was deleted, duplicated or damaged. Bookmarks, not content controls: Word, WPS and LibreOffice
keep them through a save.

It carries the text parts (the 开篇 and sections) and, as tables, a work area's achievements
(事项, 成果), the 大事记 (日期, 内容), the honours and a work area's numbers of the year (their
CSV rows, edit/csv_edit.py): rows changed, added after the part's last item (or starting a list
still empty), or removed. Photographs and attachments are listed in the file for reference only.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from nianjian.model import PLACEHOLDER, Archive, Contribution, MetricBlank, MetricRow, YearRecord
from nianjian.edit.importing.reading import MAX_DOCX_BYTES, ImportFailed, open_docx, read_bounded
from nianjian.facts.contributions import WHOLE_PARTS, draft_label, find_section, part_label
from nianjian.paper.word import CORE_PROPERTY_MAX_CHARACTERS, add_paragraph, add_table_element, new_document, saved
from nianjian.check.metrics import METRIC_COLUMNS
from nianjian.edit.csv_edit import edited_csv, new_metric_file
from nianjian.edit.yaml_edit import EditFailed, with_values
from nianjian.read.documents import FieldPath, parse_yaml

BOOKMARK_PREFIX = "nj_"


def bookmark_name(part: str) -> str:
    """A part's bookmark: its id's digest (a bookmark name is short, ASCII-safe, without spaces)."""
    return BOOKMARK_PREFIX + hashlib.sha256(part.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class TablePart:
    """A part that goes to Word as a table, a row per item of one of the year file's lists."""

    key: str  # the year file's list: "achievements", "events"
    header: tuple[str, ...]
    fields: tuple[str, ...]  # each column's field in an item
    fixed: tuple[tuple[str, str], ...] = ()  # what every item of the part has (its area), written first in a new one
    sorted_by: str = ""  # the field the pages order the items by (the 大事记 by date), "" for the file's order

    def in_shown_order(self, listed: list, places: list[int]) -> list[int]:
        """The part's items as the export showed them (stable: equal dates keep the file's order)."""
        return sorted(places, key=lambda index: str(listed[index].get(self.sorted_by, ""))) if self.sorted_by else places

    def holds(self, item: object) -> bool:
        return isinstance(item, dict) and all(item.get(key) == value for key, value in self.fixed)


def table_part(part: str) -> TablePart | None:
    """How a part goes to Word as a table: a work area's achievements (事项, 成果) or the 大事记
    (日期, 内容); None for a part of text or numbers."""
    kind, _, area = part.partition(":")
    if kind == "achievements" and area:
        return TablePart("achievements", ("事项", "成果"), ("item", "result"), (("area", area),))
    if part == "events":
        return TablePart("events", ("日期", "内容"), ("date", "text"), sorted_by="date")
    if part == "honours":
        return TablePart("honours", ("荣誉", "获得者", "级别", "授予单位", "日期"), ("title", "holder", "level", "awarded_by", "date"))
    return None


# A work area's numbers of the year (metrics:<area>) go to Word as a table of their CSV rows, as
# written there; 示例数据 says 是 or 否, and a department that sends a real number writes 否.
METRIC_HEADER = ("指标", "单位", "数值", "备注", "示例数据")
_METRIC_FIELDS = tuple(METRIC_COLUMNS[2:])  # the CSV's columns the table shows, in its order (after year and area)
_SAMPLE_WORDS = {"是": "true", "否": "false", "": "false"}


def metric_area(part: str) -> str | None:
    kind, _, area = part.partition(":")
    return area if kind == "metrics" and area else None


def table_header(part: str) -> tuple[str, ...] | None:
    """The columns of a part that goes to Word as a table, None for a part of text."""
    if (kind := table_part(part)) is not None:
        return kind.header
    return METRIC_HEADER if metric_area(part) else None


def metric_lines(archive: Archive, year: int, area: str) -> list[MetricRow | MetricBlank]:
    """The area's rows of the year, those still empty (as `nianjian new` writes them) included,
    in the files' order."""
    lines = [row for row in (*archive.metrics, *archive.metric_blanks) if row.year == year and row.area == area]
    return sorted(lines, key=lambda row: (row.file, row.line))


def _number_text(value: float) -> str:
    """A number as a CSV holds it: 1420, 182.4 (no separators, no rounding a reader would see)."""
    return f"{value:.15g}"


def _metric_cells(row: MetricRow | MetricBlank) -> tuple[str, ...]:
    """指标, 单位, 数值, 备注, 示例数据 as the row has them written ("" for a value still empty)."""
    if isinstance(row, MetricBlank):
        return (row.indicator, row.unit, "", row.note, "是" if row.sample else "否")
    value = row.recorded_value if row.recorded_value is not None else row.value
    return (row.recorded_indicator or row.indicator, row.recorded_unit or row.unit, _number_text(value), row.note, "是" if row.sample else "否")


def _rows(archive: Archive, record: YearRecord, part: str) -> list[tuple[str, ...]]:
    """The part's items as the export's rows, in the year file's (or the CSV files') order."""
    if (area := metric_area(part)) is not None:
        return [_metric_cells(row) for row in metric_lines(archive, record.year, area)]
    if part == "events":
        return [(event.date, event.text) for event in record.events]
    if part == "honours":
        return [(honour.title, honour.holder, honour.level, honour.awarded_by, honour.date) for honour in record.honours]
    return [(item.item, item.result) for item in record.achievements_in(dict(table_part(part).fixed)["area"])]


def is_text_part(part: str) -> bool:
    """The 开篇 or a section: a part whose text goes to Word as paragraphs."""
    return part == "summary" or (":" not in part and part not in WHOLE_PARTS)


def part_text(record: YearRecord, part: str) -> tuple[str, str] | None:
    """(label, text) of a text part, None when the year has no such text."""
    if part == "summary":
        return "开篇", record.summary
    section = find_section(record.sections, part)
    return (f"{section.number}{section.title}", section.body) if section is not None else None


def unit_parts(record: YearRecord, unit: str) -> list[Contribution]:
    return [part for part in record.contributions if part.unit == unit]


def _bookmarked(paragraphs: list, name: str, number: int) -> None:
    """The part's paragraphs between a bookmark's start (in the first) and end (in the last)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    first = paragraphs[0]._p
    if first.pPr is None:
        first.insert(0, start)
    else:
        first.pPr.addnext(start)  # after the paragraph's properties, which come first
    paragraphs[-1]._p.append(end)


def _text_paragraph(document, text: str):
    """One paragraph of a part's text: its lines as line breaks, placeholders highlighted."""
    paragraph = add_paragraph(document, "")
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph.add_run().add_break()
        for piece in re.split(f"({re.escape(PLACEHOLDER)})", line):
            if piece:
                run = paragraph.add_run(piece)
                if piece == PLACEHOLDER:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def export_unit(archive: Archive, record: YearRecord, unit: str) -> bytes:
    document = new_document(f"{record.year}年年鉴供稿：{unit}", archive.site.organization, "", draft_label(record))
    add_paragraph(document, f"{record.year}年年鉴供稿：{unit}", "Title")
    add_paragraph(document, "只改每个标题下面的正文；不要删除、复制或移动标题和正文所在的段落（它们带着书签，改回时靠它找到位置）。黄色是还要填写的地方。")
    for number, contribution in enumerate(unit_parts(record, unit), start=1):
        found = part_text(record, contribution.part) if is_text_part(contribution.part) else None
        heading = found[0] if found else part_label(archive, record, contribution.part)
        add_paragraph(document, heading, "Heading 2")
        if (header := table_header(contribution.part)) is not None:
            said = f"每行一项：{'、'.join(header)}。可以改写、增加或删除行，不要删除表头。"
            if metric_area(contribution.part):
                said += "数值只写数字；真实记录的“示例数据”写“否”。"
            caption = add_paragraph(document, said)
            _bookmarked([caption], bookmark_name(contribution.part), number)
            rows = _rows(archive, record, contribution.part)
            table = add_table_element(document, len(rows) + 1, len(header))
            for cells, texts in zip((row.cells for row in table.rows), [header, *rows]):
                for cell, text in zip(cells, texts):
                    cell.text = text
            continue
        if found is None:
            add_paragraph(document, "（这一部分是图片或附件，请在数据文件中修改；这里不会改回。）")
            continue
        blocks = [block for block in re.split(r"\n{2,}", found[1].strip("\n"))] or [""]
        paragraphs = [_text_paragraph(document, block) for block in blocks]
        _bookmarked(paragraphs, bookmark_name(contribution.part), number)
    document.core_properties.subject = unit[:CORE_PROPERTY_MAX_CHARACTERS]  # which unit's file it is, for the way back
    return saved(document)


def _paragraph_text(paragraph) -> str:
    """A paragraph's text as a reader sees it: line breaks as newlines; deleted text (tracked
    changes) left out, inserted text kept."""
    pieces = []
    for element in paragraph.iter():
        if element.tag == qn("w:t"):
            pieces.append(element.text or "")
        elif element.tag in (qn("w:br"), qn("w:cr")):
            pieces.append("\n")
        elif element.tag == qn("w:tab"):
            pieces.append("\t")
    return "".join(pieces)


class ImportRefused(ValueError):
    """The file cannot be put back safely; the message says why, in Chinese, naming the part."""


def open_unit_file(path: Path):
    """The department's file, read as the importer reads any .docx: within its size limits, parts
    counted and inflated within theirs (a zip bomb is refused), paragraphs counted."""
    try:
        return open_docx(read_bounded(path, MAX_DOCX_BYTES))
    except ImportFailed as failed:
        raise ImportRefused(str(failed)) from None


def unit_of(document) -> str:
    """The unit a file was exported for (its subject), "" when a program lost it."""
    return (document.core_properties.subject or "").strip()


def _cell_text(cell) -> str:
    return "\n".join(_paragraph_text(paragraph) for paragraph in cell.iterchildren(qn("w:p"))).strip()


def _table_after(paragraph) -> list[tuple[str, ...]] | None:
    """The rows (without the header) of the table right after a paragraph, or None."""
    following = paragraph.getnext()
    while following is not None and following.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        following = following.getnext()
    if following is None or following.tag != qn("w:tbl"):
        return None
    rows = [tuple(_cell_text(cell) for cell in row.iterchildren(qn("w:tc"))) for row in following.iterchildren(qn("w:tr"))]
    return [row for row in rows[1:] if any(row)]


def read_unit_file(document, archive: Archive, record: YearRecord, unit: str) -> tuple[dict[str, str], dict[str, list[tuple[str, ...]]]]:
    """Each text part's new text and each table part's rows, by part id, found by its bookmark."""
    wanted = [part for part in unit_parts(record, unit) if is_text_part(part.part) or table_header(part.part)]
    expected = {bookmark_name(part.part): part for part in wanted}
    texts: dict[str, list[str]] = {}
    captions: dict[str, object] = {}
    counts: dict[str, int] = {}
    open_names: dict[str, str] = {}  # bookmark id -> name
    for element in document.element.body.iter(qn("w:p"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        if element.tag == qn("w:bookmarkStart"):
            name = element.get(qn("w:name"), "")
            if name.startswith(BOOKMARK_PREFIX):
                open_names[element.get(qn("w:id"), "")] = name
                counts[name] = counts.get(name, 0) + 1
        elif element.tag == qn("w:bookmarkEnd"):
            open_names.pop(element.get(qn("w:id"), ""), None)
        else:
            # A paragraph belongs to a part when its bookmark is open at it, or starts inside it.
            inside = set(open_names.values())
            for start in element.iter(qn("w:bookmarkStart")):
                if start.get(qn("w:name"), "").startswith(BOOKMARK_PREFIX):
                    inside.add(start.get(qn("w:name")))
            for name in inside:
                texts.setdefault(name, []).append(_paragraph_text(element))
                captions.setdefault(name, element)
    labels = {name: part_label(archive, record, part.part) for name, part in expected.items()}
    for name in counts:
        base = name[: len(BOOKMARK_PREFIX) + 16]
        if name not in expected:
            if base in expected:
                raise ImportRefused(f"部分“{labels[base]}”出现了不止一次（书签 {name[:40]}）：删去复制出来的那一份再改回")
            raise ImportRefused(f"书签 {name[:40]} 不属于{unit}的任何部分（编号损坏，或是别的部门的文件）：请用 nianjian export 重新导出")
        if counts[name] > 1:
            raise ImportRefused(f"部分“{labels[name]}”出现了不止一次：删去复制出来的那一份再改回")
    for name in expected:
        if name not in texts:
            raise ImportRefused(f"部分“{labels[name]}”找不到了（它的段落或书签被删除）：请把它加回来，或从导出的文件重新开始")
    tables = {}
    for name, part in expected.items():
        if (header := table_header(part.part)) is not None:
            rows = _table_after(captions[name])
            if rows is None:
                raise ImportRefused(f"部分“{labels[name]}”的表格找不到了（它应紧跟在说明文字后面）：请从导出的文件重新开始")
            if any(len(row) != len(header) for row in rows):
                raise ImportRefused(f"部分“{labels[name]}”的表格每行应正好 {len(header)} 列（{'、'.join(header)}）")
            if metric_area(part.part) and (odd := next((row[-1] for row in rows if row[-1] not in _SAMPLE_WORDS), None)) is not None:
                raise ImportRefused(f"部分“{labels[name]}”的“示例数据”一栏只能写“是”或“否”，写的是“{odd[:20]}”")
            tables[part.part] = rows
    texts_by_part = {part.part: "\n\n".join(text for text in texts[name] if text.strip()) for name, part in expected.items() if is_text_part(part.part)}
    return texts_by_part, tables


def text_paths(data: dict, parts: list[str]) -> dict[str, FieldPath]:
    """Where each text part's text is in the year file's data."""
    paths: dict[str, FieldPath] = {}

    def walk(sections: object, path: FieldPath) -> None:
        for index, item in enumerate(sections if isinstance(sections, list) else []):
            if isinstance(item, dict):
                if item.get("id") in parts:
                    paths[item["id"]] = (*path, index, "body")
                walk(item.get("sections"), (*path, index, "sections"))

    walk(data.get("sections"), ("sections",))
    if "summary" in parts:
        paths["summary"] = ("summary",)
    return paths


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n+")


def sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE_END.split(text) if sentence.strip()]


@dataclass(frozen=True)
class PartChange:
    """What an import changed in one part: sentences of a text, or rows of a table."""

    label: str
    added: int
    removed: int
    changed: int
    counted: str = "句"  # 句 for a text, 行 for a table

    def said(self) -> str:
        if not (self.added or self.removed or self.changed):
            return f"{self.label}：没有改动"
        said = [f"{word} {count} {self.counted}" for word, count in (("增加", self.added), ("删除", self.removed), ("修改", self.changed)) if count]
        return f"{self.label}：" + "，".join(said)


def change_of(label: str, old: str, new: str) -> PartChange:
    added = removed = changed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=sentences(old), b=sentences(new), autojunk=False).get_opcodes():
        if tag == "insert":
            added += j2 - j1
        elif tag == "delete":
            removed += i2 - i1
        elif tag == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            added += (j2 - j1) - common
            removed += (i2 - i1) - common
    return PartChange(label, added, removed, changed)


def round_trip_parts(record: YearRecord, unit: str) -> list[str]:
    """The unit's planned parts that go to Word and come back: texts and tables."""
    return [part.part for part in unit_parts(record, unit) if is_text_part(part.part) or table_header(part.part)]


def edited_year_file(
    old_text: str, shown_as: str, archive: Archive, record: YearRecord, texts: dict[str, str], tables: dict[str, list[tuple[str, ...]]],
) -> tuple[str, list[str]]:
    """The year file with the unit's texts and table rows put back (every other byte kept), and
    what changed, a line a part. A table's rows map by order onto the part's items as the
    export showed them: a changed row rewrites that item's fields, an extra row becomes a new
    item after the part's last one, a missing row deletes its item."""
    parsed, errors = parse_yaml(old_text, shown_as)
    data = parsed.data if parsed is not None and not errors and isinstance(parsed.data, dict) else {}
    paths = text_paths(data, list(texts))
    if missing := [part for part in texts if part not in paths]:
        raise ImportRefused(f"年度文件里找不到部分 {missing[0]} 的正文（body）")
    values = {paths[part]: text for part, text in texts.items() if text != parsed.value_at(paths[part])}
    reports = [change_of(part_label(archive, record, part), parsed.value_at(paths[part]) or "", text).said() for part, text in texts.items()]
    removed, added, expected_rows = [], [], {}
    for part, rows in tables.items():
        if (kind := table_part(part)) is None:
            continue  # numbers: edited_metric_files
        listed = data.get(kind.key) if isinstance(data.get(kind.key), list) else []
        places = kind.in_shown_order(listed, [index for index, item in enumerate(listed) if kind.holds(item)])
        changed = 0
        for index, row in zip(places, rows):
            old_row = tuple(str(listed[index].get(field, "")) for field in kind.fields)
            if old_row != row:
                changed += 1
                values.update({(kind.key, index, field): value for field, value, old in zip(kind.fields, row, old_row) if value != old})
        removed += [(kind.key, index) for index in places[len(rows):]]
        # New items go after the part's last one in the file, else after the list's last item
        # (another area's), else they start the list.
        after = max(places) if places else len(listed) - 1 if listed else None
        added += [((kind.key,), after, (*kind.fixed, *((field, value) for field, value in zip(kind.fields, row) if value))) for row in rows[len(places):]]
        expected_rows[part] = (kind, rows)
        reports.append(PartChange(part_label(archive, record, part), max(0, len(rows) - len(places)), max(0, len(places) - len(rows)), changed, "行").said())
    new_text = with_values(old_text, parsed, values, tuple(removed), tuple(added)) if values or removed or added else old_text
    reread, _ = parse_yaml(new_text, shown_as)
    for part, (kind, rows) in expected_rows.items():
        now = [tuple(str(item.get(field, "")) for field in kind.fields) for item in reread.data.get(kind.key, []) if kind.holds(item)]
        if (sorted(now) if kind.sorted_by else now) != (sorted(map(tuple, rows)) if kind.sorted_by else [tuple(row) for row in rows]):
            raise EditFailed(f"{shown_as} 修改后的{part_label(archive, record, part)}与表格不一致")
    return new_text, reports


def edited_metric_files(
    data_dir: Path, archive: Archive, record: YearRecord, tables: dict[str, list[tuple[str, ...]]],
) -> tuple[dict[Path, tuple[bytes | None, bytes]], list[str]]:
    """The metrics CSVs with the unit's numbers put back (every other line kept, edit/csv_edit.py),
    by file as (its bytes before, None for a file it starts; its bytes after), and what changed,
    a line a part. A table's rows map by order onto the area's rows of
    the year: a changed row rewrites the cells that differ, a missing row deletes its line, an
    extra row follows the area's last row of the year (or of an earlier year) in its file, or
    starts metrics/<area>.csv."""
    changed_rows: dict[str, dict[int, dict[str, str]]] = {}
    removed_rows: dict[str, set[int]] = {}
    added_rows: dict[str, dict[int, list[dict[str, str]]]] = {}
    reports = []
    for part, rows in tables.items():
        if (area := metric_area(part)) is None:
            continue
        old_rows = metric_lines(archive, record.year, area)
        changed = 0
        for old, row in zip(old_rows, rows):
            shown = _metric_cells(old)
            cells = {
                name: (_SAMPLE_WORDS[new] if name == "sample" else new)
                for name, new, before in zip(_METRIC_FIELDS, row, shown)
                if new != before and not (name == "value" and _same_number(new, before))
            }
            if cells:
                changed += 1
                changed_rows.setdefault(old.file, {})[old.line] = cells
        for old in old_rows[len(rows):]:
            removed_rows.setdefault(old.file, set()).add(old.line)
        if new_rows := rows[len(old_rows):]:
            earlier = [row for row in (*archive.metrics, *archive.metric_blanks) if row.area == area and row.year <= record.year]
            anchor = max(earlier, key=lambda row: (row.year, row.file, row.line)) if earlier else None
            file, line = (anchor.file, anchor.line) if anchor else (f"{data_dir.name}/metrics/{area}.csv", 0)
            added_rows.setdefault(file, {}).setdefault(line, []).extend(
                dict(zip(METRIC_COLUMNS, (str(record.year), area, *row[:-1], _SAMPLE_WORDS[row[-1]])))
                for row in new_rows
            )
        reports.append(PartChange(part_label(archive, record, part), max(0, len(rows) - len(old_rows)), max(0, len(old_rows) - len(rows)), changed, "行").said())
    edited = {}
    for file in sorted({*changed_rows, *removed_rows, *added_rows}):
        path = data_dir.parent / file  # a row's file is shown from the data folder's parent: data/metrics/…
        if path.exists():
            before = path.read_bytes()
            after = edited_csv(before.decode("utf-8"), changed_rows.get(file, {}), removed_rows.get(file, set()), added_rows.get(file, {}))
            edited[path] = (before, after.encode("utf-8"))
        else:
            edited[path] = (None, new_metric_file(added_rows[file][0]).encode("utf-8"))
    return edited, reports


def _same_number(new: str, old: str) -> bool:
    try:
        return float(new) == float(old)
    except ValueError:
        return False
