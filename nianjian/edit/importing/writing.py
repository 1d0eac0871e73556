"""Write an imported report as a year file an editor can read and finish by hand, and keep
the original under data/sources/. Nothing is written until everything has been converted
and checked, and each file is replaced atomically: a failed import leaves no trace."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from nianjian.edit.importing.outline import ImportedReport, ImportedSection
from nianjian.edit.importing.reading import ImportFailed
from nianjian.edit.importing.tables import TableReading
from nianjian.read.schema import check_against_schema, load_schema
from nianjian.read.documents import MAX_YAML_BYTES, outside_data, parse_yaml, read_bytes
from nianjian.files import write_atomically
from nianjian.urls import file_name
from nianjian.check.validate import PLACEHOLDER

YEAR_SCHEMA_HEADER = "# yaml-language-server: $schema=../../nianjian/schemas/year.schema.json"


class _BlockDumper(yaml.SafeDumper):
    """Multi-line text as `|-` blocks, so paragraphs stay readable in the file."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_BlockDumper.add_representer(str, _represent_text)


def _section_data(section: ImportedSection) -> dict:
    data: dict = {}
    if section.number:
        data["number"] = section.number
    data["title"] = section.title or PLACEHOLDER  # a marker alone on its line: validate asks for the title
    if section.missing:
        data["missing"] = True
    if section.truncated:
        data["truncated"] = True
    if section.paragraphs:
        data["body"] = "\n\n".join(section.paragraphs)
    if section.children:
        data["sections"] = [_section_data(child) for child in section.children]
    return data


# Any of YAML's line breaks would end the comment a table row is written in.
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


def year_file_text(report: ImportedReport, year: int, source: str | None, tables: list[TableReading]) -> str:
    summary = "\n\n".join(report.summary) or f"（{year}年报告的开篇段落）"
    data = {
        "year": year,
        "title": report.title or f"{year}年工作总结",
        "summary": summary,
    }
    if source:
        data["source"] = source
    data["sections"] = [_section_data(section) for section in report.sections]
    achievements = [achievement for table in tables for achievement in table.achievements]
    problems = [{"text": text} for text in report.items("problems")]
    # A plan's id is what next year's report cites it by: the year it is for and its number.
    plans = [{"id": f"{year + 1}-{number:02d}", "text": text} for number, text in enumerate(report.items("plans"), start=1)]
    data.update({"achievements": achievements, "problems": problems, "plans": plans})
    closing = {"signature": report.signature, "date": report.date, "closing": report.ending}
    if any(closing.values()):
        data["document"] = {name: value for name, value in closing.items() if value}
    body = _with_suggestions_said(yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2), tables)
    notes = [YEAR_SCHEMA_HEADER, "# 由 nianjian import 生成，请核对后补充 achievements、problems 和 plans。"]
    if report.summary_truncated:
        notes.append("# 注意：原文在开篇段落中途中断。")
    for number, table in enumerate(tables, start=1):
        notes.append(f"# 原文表格 {number}（{len(table.rows)} 行，已整理为 {len(table.achievements)} 条 achievements 候选，请核对 area：标“建议”的是按文字推测的）：")
        notes += [f"#   {' | '.join(_LINE_BREAKS.sub(' ', cell) for cell in cells)}" for cells in table.rows]
    return "\n".join(notes) + "\n" + body


_AREA_LINE = re.compile(r"^(\s*(?:- )?area: .*)$", re.M)


def _with_suggestions_said(body: str, tables: list[TableReading]) -> str:
    """Each suggested area with a comment saying so and what it went by. Only achievements
    have an `area` in an imported year file, so its area lines are theirs, in order."""
    suggestions = iter([suggestion for table in tables for suggestion in table.suggestions])

    def said(found: re.Match) -> str:
        suggestion = next(suggestions, None)
        if suggestion is None:
            return found.group(1)
        word = _LINE_BREAKS.sub(" ", suggestion.word)
        return f"{found.group(1)}  # 建议：{suggestion.area.name}（依据“{word}”），请核对"

    return _AREA_LINE.sub(said, body)


def year_out_of_range(year: int) -> str | None:
    """Why no year file can be written for `year` (the year schema's bounds), or None."""
    bounds = load_schema("year")["properties"]["year"]
    if bounds["minimum"] <= year <= bounds["maximum"]:
        return None
    return f"年份 {year} 不在 {bounds['minimum']} 到 {bounds['maximum']} 之间"


def check_own_output(text: str, shown_as: str) -> dict:
    """Our own output must always be a valid year file; anything else is a bug here, except a
    report too long for one (refused like any input). Returns the year file as read back,
    which the import report counts."""
    if (size := len(text.encode("utf-8"))) > MAX_YAML_BYTES:
        raise ImportFailed(
            f"转换后的年度文件有 {size / 1048576:.1f} MB，超过年度文件的上限 {MAX_YAML_BYTES / 1048576:.0f} MB（构建会拒绝它）；"
            "一份年度报告通常只有几十 KB，请确认选对了文件，或把报告分成正文和附件"
        )
    parsed, problems = parse_yaml(text, shown_as)
    problems += check_against_schema(parsed, "year") if parsed else []
    if problems or parsed is None or not isinstance(parsed.data, dict):
        raise RuntimeError("import produced an invalid year file:\n" + "\n".join(p.format() for p in problems))
    return parsed.data


def refuse_links(data_dir: Path | None, path: Path) -> None:
    """An import writes real files, and under data/ only inside data/: `path` must not be a
    symbolic link (replacing it would not write where it points), and no folder on its way
    (data/sources, data/years) may lead out of `data_dir`, as for the data files a build reads
    (documents.outside_data). A committed link could otherwise send the copy anywhere."""
    if path.is_symlink():
        raise ImportFailed(f"{path} 是符号链接；没有写入。导入只写入真正的文件：请删去这个链接，或用 -o 指定别的文件")
    if data_dir is not None and outside_data(data_dir, path):
        raise ImportFailed(f"{path} 经过指向数据目录以外的符号链接；没有写入。请把真正的文件夹放进 {data_dir}/，不要用链接")


@dataclass(frozen=True)
class KeptSource:
    """The original report's copy under data/sources/, linked from the year page."""

    path: Path
    link: str  # the year file's `source`, relative to data/
    content: bytes
    already_there: bool  # a file with these very bytes exists: nothing to write


def _same_content(path: Path, content: bytes) -> bool | None:
    """None when nothing is at `path`; otherwise whether it is a regular file holding exactly
    `content` (never reading more than that many bytes of it)."""
    if not os.path.lexists(path):
        return None
    existing, _ = read_bytes(path, str(path), len(content))
    return existing == content


def _linked_from(data_dir: Path, link: str) -> list[str]:
    """Year files whose text mentions `link`: a cheap hint for the editor, not a parse."""
    found = []
    for path in sorted((data_dir / "years").glob("*.yaml")):
        raw, _ = read_bytes(path, str(path), MAX_YAML_BYTES)
        if raw is not None and link.encode("utf-8") in raw:
            found.append(str(path))
    return found


def keep_source(data_dir: Path, original_name: str, content: bytes, force: bool) -> KeptSource | None:
    """Where the original goes, or None when `data_dir` is not a data folder (no site.yaml).
    Another file of the same name is never replaced without --force: a year page links to it."""
    if not data_dir.name or not (data_dir / "site.yaml").is_file():
        return None
    name = file_name(original_name)
    path, link = data_dir / "sources" / name, f"sources/{name}"
    refuse_links(data_dir, path)
    same = _same_content(path, content)
    if same is False and not force:
        linked = _linked_from(data_dir, link)
        users = f"，{'、'.join(linked)} 以它为出处（替换后出处也跟着变）" if linked else ""
        raise ImportFailed(
            f"{path} 已存在，内容与要导入的文件不同{users}；没有覆盖。"
            "请把要导入的文件改名后再导入；确认要替换时加 --force"
        )
    return KeptSource(path, link, content, already_there=bool(same))


def save_import(output: Path, text: str, kept: KeptSource | None) -> None:
    """Write the kept original, then the year file; if the year file cannot be written,
    a newly created original is removed again. Nothing is written through a symbolic link."""
    refuse_links(kept.path.parent.parent if kept is not None else None, output)  # data/sources/<name> → data/
    created = kept is not None and not kept.already_there and not kept.path.exists()
    try:
        if kept is not None and not kept.already_there:
            write_atomically(kept.path, kept.content)
        write_atomically(output, text.encode("utf-8"))
    except OSError as exc:
        if created:
            kept.path.unlink(missing_ok=True)
        raise ImportFailed(f"无法写入 {exc.filename or output}（{exc.strerror}）") from None
