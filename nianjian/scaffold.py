"""`nianjian new YYYY`: start a year with the genre's standard parts, last year's targets to
report on (目标责任制), and empty metric rows to fill in."""

from __future__ import annotations

import json
from pathlib import Path

from nianjian.importing.writing import YEAR_SCHEMA_HEADER
from nianjian.load import check_data
from nianjian.model import Archive

TO_FILL = "（待填写）"


class ScaffoldFailed(Exception):
    """Nothing was written; the message says why, in Chinese."""


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def year_template(archive: Archive, year: int) -> str:
    previous = max((record for record in archive.years if record.year < year), key=lambda r: r.year, default=None)
    lines = [
        YEAR_SCHEMA_HEADER,
        f"# 由 nianjian new 生成：把“{TO_FILL}”换成正文，没有内容的章节可以删除；字段说明见网站“编辑指南 → 数据说明”。",
        f"year: {year}",
        f"title: {_text(f'{year}年{archive.site.organization}工作总结')}",
        f"summary: {_text(TO_FILL + '开篇概述段落')}",
        "sections:",
        "  - title: 工作概述",
        f"    body: {_text(TO_FILL)}",
        "  - title: 主要工作成绩",
        "    sections:",
    ]
    for area in archive.site.areas:
        lines += [f"      - title: {_text(area.name + '方面的工作')}", f"        body: {_text(TO_FILL)}"]
    lines += [
        "  - title: 创新与改革",
        f"    body: {_text(TO_FILL)}",
        "  - title: 存在问题",
        f"    body: {_text(TO_FILL)}",
        "  - title: 明年工作思路",
        f"    body: {_text(TO_FILL)}",
        "# 主要成绩：area 填 data/site.yaml 中的领域代码，section 填出处章节的 id。",
        "achievements: []",
        "problems: []",
        f"# 明年工作思路：每条一个固定的 id（如 {year + 1}-canteen），{year + 1} 年据此报告落实情况。",
        "plans: []",
    ]
    if previous is not None and previous.plans:
        lines.append(f"# {previous.year}年提出的目标：逐条填写 outcome（已完成 / 部分完成 / 未完成 / 调整取消）和 note。")
        lines.append("plan_outcomes:")
        for plan in previous.plans:
            lines += [f"  - plan: {plan.id}  # {' '.join(plan.text.split())}", f"    note: {_text('')}"]
    return "\n".join(lines) + "\n"


def _append_metric_rows(data_dir: Path, archive: Archive, year: int) -> list[Path]:
    """One empty row per indicator and CSV file, unless the file already has that year."""
    written = []
    files: dict[str, dict[tuple[str, str], str]] = {}
    has_year: set[tuple[str, str, str]] = set()
    for row in archive.metrics:
        file = row.file.rsplit(":", 1)[0]
        files.setdefault(file, {})[(row.area, row.indicator)] = row.unit
        if row.year == year:
            has_year.add((file, row.area, row.indicator))
    for file, indicators in files.items():
        new_rows = [
            f"{year},{area},{indicator},{unit},,,false"
            for (area, indicator), unit in indicators.items()
            if (file, area, indicator) not in has_year
        ]
        if not new_rows:
            continue
        path = data_dir / Path(file).relative_to(data_dir.name)
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + "\n".join(new_rows) + "\n", encoding="utf-8")
        written.append(path)
    return written


def scaffold_year(data_dir: Path, year: int) -> list[Path]:
    target = data_dir / "years" / f"{year}.yaml"
    if target.exists():
        raise ScaffoldFailed(f"{target} 已存在；要修改请直接编辑这个文件")
    check = check_data(data_dir)
    if check.archive is None:
        raise ScaffoldFailed(f"现有数据有 {len(check.errors)} 个问题，请先运行 nianjian validate 并修正")
    target.write_text(year_template(check.archive, year), encoding="utf-8")
    return [target] + _append_metric_rows(data_dir, check.archive, year)
