"""Write an imported report as a year file an editor can read and finish by hand."""

from __future__ import annotations

import yaml

from nianjian.importing.outline import ImportedReport, ImportedSection

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
    data["title"] = section.title
    if section.missing:
        data["missing"] = True
    if section.truncated:
        data["truncated"] = True
    if section.paragraphs:
        data["body"] = "\n\n".join(section.paragraphs)
    if section.children:
        data["sections"] = [_section_data(child) for child in section.children]
    return data


def year_file_text(report: ImportedReport, year: int, source: str | None, table_rows: list[list[str]]) -> str:
    summary = "\n\n".join(report.summary) or f"（{year}年报告的开篇段落）"
    data = {
        "year": year,
        "title": report.title or f"{year}年工作总结",
        "summary": summary,
    }
    if source:
        data["source"] = source
    data["sections"] = [_section_data(section) for section in report.sections]
    data.update({"achievements": [], "problems": [], "plans": []})
    body = yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2)
    notes = [YEAR_SCHEMA_HEADER, "# 由 nianjian import 生成，请核对后补充 achievements、problems 和 plans。"]
    if report.summary_truncated:
        notes.append("# 注意：原文在开篇段落中途中断。")
    if table_rows:
        notes.append("# 原文表格中的行（可整理为 achievements 的条目）：")
        notes += [f"#   {' | '.join(cells)}" for cells in table_rows]
    return "\n".join(notes) + "\n" + body
