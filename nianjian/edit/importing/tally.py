"""The import report's figures: what the file held and where each part of it went.

Characters are counted the way a reader checks a transcription: letters, digits and Chinese
characters, not spaces or punctuation (splitting “2、转变观念，完成了……” drops the comma the
heading ended with; a heading's indent is not text). Every character of the file is either
written to the year file or named here as not repeated (the contents list, a teaser line);
anything left over is reported as not imported, never silently lost."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianjian.edit.importing.outline import ImportedReport, split_marker
from nianjian.edit.importing.reading import SourceDocument
from nianjian.edit.importing.tables import TableReading
from nianjian.check.validate import PLACEHOLDER


def text_characters(text: str) -> int:
    """Chinese characters, letters and digits in `text`."""
    return sum(1 for character in text if character.isalnum())


def _section_characters(sections: list[dict]) -> int:
    total = 0
    for section in sections:
        if section.get("missing"):
            continue  # its heading is a contents entry, counted there
        title = "" if section["title"] == PLACEHOLDER else section["title"]  # not from the file
        total += text_characters(section.get("number", "") + title + section.get("body", ""))
        total += _section_characters(section.get("sections", []))
    return total


@dataclass
class ImportTally:
    headings_by_rank: dict[int, int] = field(default_factory=dict)  # rank 0 = 第1级
    paragraphs: int = 0  # body paragraphs written, the opening's included
    opening_paragraphs: int = 0
    tables: int = 0
    table_rows: int = 0
    achievements: int = 0
    characters_in: int = 0  # the file's text, Word's automatic numbers included
    characters_written: int = 0  # title, opening and sections of the year file
    characters_in_tables: int = 0  # every cell: kept row by row in the file's comments
    characters_in_contents: int = 0  # the contents list: the outline, not repeated
    characters_in_teaser: int = 0  # a first line abridging the next, not repeated
    problems: int = 0
    plans: int = 0
    characters_in_lists: int = 0  # the problems and plans written, with their numbers
    characters_in_closing: int = 0  # the 落款 and date, as the formal fields
    signature: str = ""
    date: str = ""

    @property
    def characters_not_imported(self) -> int:
        return self.characters_in - (
            self.characters_written + self.characters_in_tables + self.characters_in_contents + self.characters_in_teaser
            + self.characters_in_lists + self.characters_in_closing
        )


def count_import(document: SourceDocument, report: ImportedReport, tables: list[TableReading], written: dict) -> ImportTally:
    """`written` is the year file as parsed back from the text that is saved: what is counted
    as out is what the editor gets."""
    tally = ImportTally()
    sections = report.all_sections()
    for section in sections:
        tally.headings_by_rank[section.rank] = tally.headings_by_rank.get(section.rank, 0) + 1
    tally.opening_paragraphs = len(report.summary)
    tally.paragraphs = len(report.summary) + sum(len(section.paragraphs) for section in sections)
    tally.tables = len(tables)
    tally.table_rows = sum(len(table.rows) for table in tables)
    tally.achievements = sum(len(table.achievements) for table in tables)

    if document.shown_text is None:
        tally.characters_in = sum(text_characters(paragraph.text) for paragraph in document.paragraphs)
    else:
        numbers = sum(text_characters(paragraph.text[: paragraph.marker_length]) for paragraph in document.paragraphs)
        tally.characters_in = text_characters(document.shown_text) + numbers
    if report.title is not None:
        tally.characters_written += text_characters(written["title"])
    if report.summary:
        tally.characters_written += text_characters(written["summary"])
    tally.characters_written += _section_characters(written["sections"])
    tally.characters_in_tables = sum(text_characters(cell) for table in tables for row in table.rows for cell in row)
    tally.characters_in_contents = sum(text_characters(entry) for entry in report.contents)
    tally.characters_in_teaser = text_characters(report.teaser or "")
    tally.problems, tally.plans = len(written["problems"]), len(written["plans"])
    # The items' own numbers (1．) are in the file's text but not in the items written.
    items = report.items("problems") + report.items("plans")
    numbers = 0
    for paragraph in document.paragraphs:
        marked = split_marker(paragraph.text)
        if marked and _is_item(marked[2], items):
            numbers += text_characters(marked[1])
    tally.characters_in_lists = sum(text_characters(item["text"]) for item in written["problems"] + written["plans"]) + numbers
    tally.characters_in_closing = sum(text_characters(line) for line in report.closing + [report.ending or ""])
    tally.signature, tally.date = report.signature or "", report.date or ""
    return tally


def _is_item(rest: str, items: list[str]) -> bool:
    return bool(rest) and any(item == rest or item.startswith(rest + "\n\n") for item in items)



def _table_lines(tables: list[TableReading], tally: ImportTally) -> list[str]:
    suggested = sum(suggestion is not None for table in tables for suggestion in table.suggestions)
    lines = [
        f"表格：{tally.tables} 个，共 {tally.table_rows} 行，整理为 {tally.achievements} 条成绩候选（achievements）；"
        f"其中 {suggested} 条按文字建议了工作领域（area 后的注释写明依据，请核对），{tally.achievements - suggested} 条的 area 待填写；"
        "每一行也原样写在文件开头的注释里"
    ]
    for number, table in enumerate(tables, start=1):
        left = []
        if table.columns_left:
            left.append("、".join(f"“{name}”" for name in table.columns_left) + " 列")
        if table.rows_left:
            left.append(f"{table.rows_left} 行缺事项或成果，或超出字数上限")
        if left:
            lines.append(f"  表格 {number}：{'，'.join(left)}，只在注释中，请核对")
        for achievement, suggestion in zip(table.achievements, table.suggestions):
            if suggestion is not None:
                lines.append(f"  表格 {number}“{achievement['item'][:20]}”：建议领域 {suggestion.area.key}（{suggestion.area.name}，依据“{suggestion.word}”）")
    return lines


def report_lines(tally: ImportTally, tables: list[TableReading]) -> list[str]:
    """The import report's counts, in Chinese, one line each (without the leading indent)."""
    levels = "、".join(f"第{rank + 1}级 {count} 个" for rank, count in sorted(tally.headings_by_rank.items()))
    lines = [f"各级标题：{levels or '无'}；段落 {tally.paragraphs} 个（开篇 {tally.opening_paragraphs} 个）"]
    if tally.problems or tally.plans:
        lines.append(f"存在问题 {tally.problems} 条（problems），明年工作思路 {tally.plans} 条（plans），取自报告中这两部分的编号列表")
    if tally.signature or tally.date:
        closing = "，".join(part for part in (f"署名“{tally.signature}”" if tally.signature else "", f"成文日期 {tally.date}" if tally.date else "") if part)
        lines.append(f"落款：{closing}，写入 document（正式文本的公文要素），不作为正文")
    if tables:
        lines += _table_lines(tables, tally)
    parts = [f"正文 {tally.characters_written}"]
    if tally.characters_in_tables:
        parts.append(f"表格 {tally.characters_in_tables}")
    if tally.characters_in_contents:
        parts.append(f"目录 {tally.characters_in_contents}（作为提纲，不重复收录）")
    if tally.characters_in_teaser:
        parts.append(f"节选首行 {tally.characters_in_teaser}（不重复收录）")
    if tally.characters_in_lists:
        parts.append(f"问题和思路 {tally.characters_in_lists}")
    if tally.characters_in_closing:
        parts.append(f"落款 {tally.characters_in_closing}")
    accounted = " + ".join(parts)
    missing = tally.characters_not_imported
    if missing == 0:
        verdict = f"原文 {tally.characters_in} = {accounted}，一致"
    elif missing > 0:
        verdict = f"原文 {tally.characters_in}，只有 {accounted}：{missing} 字没有导入（可能在文本框中），请对照原文核对"
    else:
        verdict = f"原文 {tally.characters_in}，却有 {accounted}：多出 {-missing} 字，请对照原文核对"
    lines.append(f"字数（不计空格和标点）：{verdict}")
    return lines
