"""`nianjian new YYYY`: start a year with the genre's standard parts, last year's targets to
report on (目标责任制), and empty metric rows to fill in."""

from __future__ import annotations

import csv
import io
import datetime as dt
import json
from pathlib import Path

from nianjian.files import write_atomically
from nianjian.edit.importing.writing import YEAR_SCHEMA_HEADER, year_out_of_range
from nianjian.check.load import check_data
from nianjian.model import Archive, YearRecord
from nianjian.check.metrics import METRIC_COLUMNS
from nianjian.urls import slug
from nianjian.check.validate import PLACEHOLDER as TO_FILL
from nianjian.facts.contributions import AREA_PARTS, WHOLE_PARTS



class ScaffoldFailed(Exception):
    """Nothing was written; the message says why, in Chinese."""


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def year_template(archive: Archive, year: int) -> str:
    """A year file to fill in: each section with its anchor (`id`) and, under 主要工作成绩, its
    work area; problems and plans only as lists (the page shows them as its 存在问题 and
    明年工作思路 parts, so they are written once); the outcomes of the plans of the year before,
    which validation ties to this year."""
    previous = next((record for record in archive.years if record.year == year - 1), None)
    lines = [
        YEAR_SCHEMA_HEADER,
        f"# 由 nianjian new 生成：把“{TO_FILL}”换成正文，没有内容的章节可以删除；还有“{TO_FILL}”时预览照常显示，",
        "# 但 nianjian validate 和构建会报告它们。字段说明见网站“编辑指南 → 数据说明”。",
        f"year: {year}",
        f"title: {_text(f'{year}年{archive.site.organization}工作总结')}",
        f"summary: {_text(TO_FILL + '开篇概述段落')}",
        "sections:",
        "  - title: 工作概述",
        "    id: 工作概述",
        f"    body: {_text(TO_FILL)}",
        "  - title: 主要工作成绩",
        "    id: 主要工作成绩",
        "    sections:",
    ]
    for area in archive.site.areas:
        lines += [
            f"      - title: {_text(area.name + '方面的工作')}",
            f"        id: {_text(slug(area.name) or area.key)}",
            f"        area: {area.key}",
            f"        body: {_text(TO_FILL)}",
        ]
    lines += [
        "  - title: 创新与改革",
        "    id: 创新与改革",
        f"    body: {_text(TO_FILL)}",
        "# 主要成绩：每条写 item（事项）、result（成果）、area（领域代码，见 data/site.yaml）、",
        "# section（出处：上面某一章节的 id）。",
        "achievements: []",
        "# 大事记：每件一项，日期写年-月-日（只知道月份写年-月），如",
        f"#   - date: {year}-03-12",
        "#     text: 机关新食堂投入使用。",
        "#     place: 机关大楼一层      # 可选；还可写 area（领域代码）、source（出处）、tags",
        "events: []",
        "# 荣誉：每项写 title（荣誉称号）、holder（获得者）、level（国家级/省部级/省级/市级/局级/单位内部/其他），",
        f"#   可选 awarded_by（授予单位）、date（如 {year}-12）、area。",
        "honours: []",
        "# 存在问题、明年工作思路：只写在这两个列表里，页面的“存在问题”“明年工作思路”由它们生成。",
        "# 问题：- text: …  area: 领域代码；往年问题的延续加 continues: 往年问题的 id。",
        "problems: []",
        f"# 明年工作思路：每条 - id: {year + 1}-canteen  text: …  area: 领域代码；{year + 1} 年据 id 报告落实情况。",
        "plans: []",
    ]
    lines += _document_lines(previous, year)
    ids = {"工作概述", "主要工作成绩", "创新与改革", *(slug(area.name) or area.key for area in archive.site.areas)}
    lines += _plan_lines(previous, year, ids, {area.key for area in archive.site.areas})
    if previous is not None and previous.plans:
        lines.append(f"# {previous.year}年提出的目标：逐条填写 outcome（已完成 / 部分完成 / 未完成 / 调整取消）和 note。")
        lines.append("plan_outcomes:")
        for plan in previous.plans:
            lines += [f"  - plan: {plan.id}  # {' '.join(plan.text.split())}", f"    note: {_text('')}"]
    return "\n".join(lines) + "\n"


def _next_year(date: str) -> str:
    """The same day a year later (29 February becomes the 28th)."""
    day = dt.date.fromisoformat(date)
    try:
        return day.replace(year=day.year + 1).isoformat()
    except ValueError:
        return day.replace(year=day.year + 1, day=28).isoformat()


def _plan_lines(previous: YearRecord | None, year: int, ids: set[str], area_keys: set[str]) -> list[str]:
    """The year's review, empty (it is a 征求意见稿 until 终审), and its plan of contributions:
    last year's parts that the new file has, with their units and writers, due a year later."""
    lines = ["# 审核记录：初审 → 复审 → 终审（签发）；终审之前这一年是征求意见稿。", "review: []"]
    parts = previous.contributions if previous is not None else ()

    def exists(part: str) -> bool:
        kind, _, area = part.partition(":")
        return (kind in AREA_PARTS and area in area_keys) or part in WHOLE_PARTS or part in ids

    kept = [part for part in parts if exists(part.part)]
    lines.append("# 组稿计划：每部分的供稿单位（unit）、撰稿人（writer）、截止日期（due）；交稿后写 submitted。")
    if not kept:
        lines += ["contributions: []", "#   - part: 工作概述", "#     unit: 办公室", f"#     due: {year + 1}-01-15"]
    else:
        lines.append("contributions:")
        for part in kept:
            lines += [f"  - part: {_text(part.part)}", f"    unit: {_text(part.unit)}"]
            lines += [f"    writer: {_text(part.writer)}"] if part.writer else []
            lines.append(f"    due: {_next_year(part.due)}")
    for part in parts:
        if part not in kept:
            lines.append(f"# {previous.year}年的部分 {' '.join(part.part.split())}（{' '.join(part.unit.split())}）在新文件里没有同名的章节：需要时加上。")
    return lines


def _document_lines(previous: YearRecord | None, year: int) -> list[str]:
    """The formal edition's 公文 fields: what last year's record wrote that recurs (主送机关,
    文号's pattern is the office's), the date left for the office to write."""
    lines = ["# 公文要素（正式文本）：date 写成文日期；其余见编辑指南“Word 文件：阅读版和正式文本”。"]
    recurring = {"addressee": previous.document.addressee, "signer": previous.document.signer} if previous is not None else {}
    written = [f"  {name}: {_text(value)}" for name, value in recurring.items() if value]
    lines += ["document:", *written] if written else ["# document:"]
    lines.append(f"#   date: {year}-12-31")
    return lines


def _line_end(raw: bytes) -> str:
    """The file's own line end, from its first line: a CRLF file (Excel on Windows) stays CRLF."""
    first = raw.find(b"\n")
    return "\r\n" if first > 0 and raw[first - 1 : first] == b"\r" else "\n"


def _with_rows(raw: bytes, rows: list[dict[str, str]]) -> bytes:
    """`raw` (a metrics CSV) with `rows` appended through the csv module, so an indicator with
    a comma or a quote stays one cell; the BOM and everything already there are kept byte for byte."""
    line_end = _line_end(raw)
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=METRIC_COLUMNS, lineterminator=line_end).writerows(rows)
    separator = b"" if not raw or raw.endswith(b"\n") else line_end.encode()
    return raw + separator + buffer.getvalue().encode("utf-8")


def _metric_rows(data_dir: Path, archive: Archive, year: int) -> dict[Path, bytes]:
    """Each metrics CSV's new content: one empty row for `year` per indicator it has,
    unless it already has that year."""
    files: dict[str, dict[tuple[str, str], str]] = {}
    has_year: set[tuple[str, str, str]] = set()
    for row in archive.metrics:
        file = row.file
        files.setdefault(file, {})[(row.area, row.indicator)] = row.unit
        if row.year == year:
            has_year.add((file, row.area, row.indicator))
    changed: dict[Path, bytes] = {}
    for file, indicators in files.items():
        new_rows = [
            {"year": str(year), "area": area, "indicator": indicator, "unit": unit, "value": "", "note": "", "sample": "false"}
            for (area, indicator), unit in indicators.items()
            if (file, area, indicator) not in has_year
        ]
        if new_rows:
            path = data_dir / Path(file).relative_to(data_dir.name)
            changed[path] = _with_rows(path.read_bytes(), new_rows)
    return changed


def scaffold_year(data_dir: Path, year: int) -> list[Path]:
    target = data_dir / "years" / f"{year}.yaml"
    if problem := year_out_of_range(year):
        raise ScaffoldFailed(f"{problem}（{target}）")
    if target.exists():
        raise ScaffoldFailed(f"{target} 已存在；要修改请直接编辑这个文件")
    check = check_data(data_dir)
    if check.archive is None:
        raise ScaffoldFailed(f"现有数据有 {len(check.errors)} 个问题，请先运行 nianjian validate 并修正")
    # Everything is prepared before the first file is written.
    files = {target: year_template(check.archive, year).encode("utf-8"), **_metric_rows(data_dir, check.archive, year)}
    try:
        for path, content in files.items():
            write_atomically(path, content)
    except OSError as exc:
        raise ScaffoldFailed(f"无法写入 {exc.filename}（{exc.strerror}）") from None
    return list(files)
