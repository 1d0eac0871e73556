"""`nianjian` — the editors' commands. They call the same load/validate/model code as the build.

    nianjian validate [DATA_DIR] [--format json]
    nianjian import FILE --year YYYY [-o data/years/YYYY.yaml] [--force] [--encoding gb18030|big5|utf-8]
    nianjian new YYYY [--data DATA_DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from nianjian.arguments import ChineseArgumentParser
from nianjian.edit.importing.encoding import ENCODINGS
from nianjian.edit.importing.outline import recognise
from nianjian.edit.importing.reading import ImportFailed, read_report
from nianjian.edit.importing.areas import read_areas
from nianjian.edit.importing.tables import read_table
from nianjian.edit.importing.tally import count_import, report_lines
from nianjian.edit.importing.writing import check_own_output, keep_source, save_import, year_file_text, year_out_of_range
from nianjian.errors import DataError, program_error
from nianjian.escaping import terminal_line
from nianjian.check.load import check_data
from nianjian.edit.codeowners import codeowners
from nianjian.edit.unit_word import (
    ImportRefused, edited_metric_files, edited_year_file, export_unit, open_unit_file, read_unit_file, round_trip_parts, unit_of, unit_parts,
)
from nianjian.edit.yaml_edit import EditFailed
from nianjian.model import Archive, YearRecord
from nianjian.urls import file_name
from nianjian.facts.contributions import part_statuses
from nianjian.files import write_atomically
from nianjian.model import review_state
from nianjian.check.secrecy import accepted_report
from nianjian.edit.scaffold import ScaffoldFailed, scaffold_year


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        message = f"找不到数据目录 {data_dir}"
        if args.format == "json":  # a program reading our JSON always gets JSON
            problem = DataError(str(data_dir), None, None, "", message, "在仓库根目录运行，或写出数据目录的路径")
            print(json.dumps({"ok": False, "files": [], "years": [], "problems": [asdict(problem)]}, ensure_ascii=False, indent=2))
        else:
            print(message, file=sys.stderr)
        return 2
    check = check_data(data_dir)
    years = [record.year for record in check.archive.years] if check.archive else []
    if args.format == "json":
        report = {
            "ok": not check.errors,
            "files": check.files,
            "years": years,
            "problems": [asdict(error) for error in check.errors],
            # The secrecy check (保密检查): warnings here, refusals for the public edition.
            "secrecy": [{**asdict(finding.error), "text": finding.text, "accepted_because": finding.accepted_because} for finding in check.findings],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for error in check.errors:
            print(error.format())
        if check.refused:
            print(f"保密检查：{len(check.refused)} 处需要确认（不处理时公开版不会生成）：")
            for finding in check.refused:
                print(finding.error.format())
        if accepted := [finding for finding in check.findings if finding.accepted_because]:
            print(accepted_report(accepted))
        year_count = f"{len(years)} 个年度" if check.archive else "年度数未计（数据有误）"
        verdict = f"发现 {len(check.errors)} 个问题" if check.errors else "没有发现问题"
        print(f"检查了 {len(check.files)} 个文件、{year_count}：{verdict}。")
    return 1 if check.errors else 0


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:20]} 不是日期，写成 2025-01-20") from None


def _status(args: argparse.Namespace) -> int:
    """`nianjian status 2025`: the year's plan of contributions, a line a part, in the terminal."""
    found = _planned_year(args.data, args.year)
    if found is None:
        return 1
    archive, record = found
    today = args.today or dt.date.today()
    review = "未进入审核（早已定稿的记录）" if record.review is None else (review_state(record.review) or "尚未审核") + ("，已签发" if record.signed else "，征求意见稿")
    _say(f"{record.year}年 组稿和审核进度（截至 {today.isoformat()}）：整个年度 {review}")
    statuses = part_statuses(archive, record, today)
    if not statuses:
        _say("这一年没有组稿计划（年度文件里的 contributions）。")
        return 0
    rows = [("部分", "供稿单位", "撰稿人", "截止", "状态", "已写", "待填写", "逾期")]
    rows += [
        (status.label, status.unit, status.writer or "—", status.due, status.state, status.written, str(status.placeholders), f"{status.days_late} 天" if status.days_late else "—")
        for status in statuses
    ]
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        _say("  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)).rstrip())
    late = sum(1 for status in statuses if status.days_late and status.state in ("待供稿", "驳回"))
    _say(f"共 {len(statuses)} 部分：" + "，".join(f"{state} {count}" for state, count in Counter(status.state for status in statuses).items()) + (f"；{late} 部分逾期未交" if late else ""))
    return 0


def _codeowners(args: argparse.Namespace) -> int:
    check = check_data(Path(args.data), unfinished_is_error=False)
    if check.archive is None:
        for error in check.errors:
            print(error.format(), file=sys.stderr)
        return 1
    if not any(unit.reviewers for unit in check.archive.site.units):
        print("data/site.yaml 里没有写部门的审核人（units 的 reviewers），没有生成 CODEOWNERS", file=sys.stderr)
        return 1
    text = codeowners(check.archive)
    if args.output == "-":
        print(text, end="")
        return 0
    write_atomically(Path(args.output), text.encode("utf-8"))
    print(f"已写入 {args.output}")
    return 0


def _width(text: str) -> int:
    """Columns a text takes in a terminal: a Chinese character two."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def _say(text: str, stream: TextIO = sys.stdout) -> None:
    """One line of an import's report: it quotes the imported file (titles, table headings), so
    it is shown as text, never obeyed by the terminal."""
    print(terminal_line(text), file=stream)


def _planned_year(data: str, year: int) -> tuple[Archive, YearRecord] | None:
    """The archive and one year of it, the data's problems printed when there are any."""
    check = check_data(Path(data), unfinished_is_error=False)  # parts still being written are the point
    if check.archive is None:
        for error in check.errors:
            print(error.format(), file=sys.stderr)
        print(f"数据有 {len(check.errors)} 个问题，先修正（nianjian validate）", file=sys.stderr)
        return None
    record = next((record for record in check.archive.years if record.year == year), None)
    if record is None:
        print(f"没有 {year} 年的年度文件（data/years/{year}.yaml）", file=sys.stderr)
        return None
    return check.archive, record


def _export(args: argparse.Namespace) -> int:
    found = _planned_year(args.data, args.year)
    if found is None:
        return 1
    archive, record = found
    if not unit_parts(record, args.unit):
        units = sorted({part.unit for part in record.contributions})
        print(f"{args.year}年的组稿计划里没有 {args.unit} 负责的部分" + (f"（有：{'、'.join(units)}）" if units else "（这一年没有组稿计划）"), file=sys.stderr)
        return 1
    output = Path(args.output or f"{args.year}-{file_name(args.unit)}.docx")
    write_atomically(output, export_unit(archive, record, args.unit))
    _say(f"已写入 {output}：{args.unit}负责的 {len(unit_parts(record, args.unit))} 个部分")
    return 0


def _import_unit(args: argparse.Namespace) -> int:
    """`nianjian import 2025 物业科.docx`: a department's edited parts back into the year file."""
    year = int(args.file)
    found = _planned_year(args.data, year)
    if found is None:
        return 1
    archive, record = found
    year_file = Path(args.data) / "years" / f"{year}.yaml"
    try:
        document = open_unit_file(Path(args.unit_file))
        unit = unit_of(document) or Path(args.unit_file).stem.removeprefix(f"{year}-")
        parts = round_trip_parts(record, unit)
        if not parts:
            raise ImportRefused(f"{year}年的组稿计划里没有 {unit} 负责、能经 Word 改回的部分")
        texts, tables = read_unit_file(document, archive, record, unit)
        old_text = year_file.read_bytes().decode("utf-8")
        new_text, reports = edited_year_file(old_text, f"data/years/{year}.yaml", archive, record, texts, tables)
        metric_files, metric_reports = edited_metric_files(Path(args.data), archive, record, tables)
    except (ImportRefused, EditFailed, OSError, UnicodeDecodeError) as refused:
        _say(f"没有改回：{refused}", sys.stderr)
        return 1
    writes = {year_file: (old_text.encode("utf-8"), new_text.encode("utf-8"))} if new_text != old_text else {}
    writes |= {path: (old, new) for path, (old, new) in metric_files.items() if new != old}
    if writes:
        for path, (_, new) in writes.items():
            path.parent.mkdir(exist_ok=True)
            write_atomically(path, new)
        check = check_data(Path(args.data), unfinished_is_error=False)
        if check.errors:  # the new text breaks a rule (a link, a length, a number): every file goes back as it was
            for path, (old, _) in writes.items():
                if old is None:
                    path.unlink()  # a metrics file the import started
                else:
                    write_atomically(path, old)
            for error in check.errors:
                print(error.format(), file=sys.stderr)
            _say("没有改回：改动后的数据有上面的问题，数据文件保持原样", sys.stderr)
            return 1
    written = "、".join(str(path.relative_to(Path(args.data).parent)) for path in writes) or "（没有改动）"
    _say(f"{unit}的 {len(parts)} 个部分已改回 {written}：")
    for report in reports + metric_reports:
        _say(f"  {report}")
    return 0


def _import(args: argparse.Namespace) -> int:
    if args.unit_file is not None:
        if not (args.file.isascii() and args.file.isdigit() and len(args.file) == 4):
            args.parser.error(f"改回部门的 Word 文件时第一个参数是年份，写的是 {args.file[:20]!r}")
        return _import_unit(args)
    if args.year is None:
        args.parser.error("缺少参数：--year")
    source = Path(args.file)
    output = Path(args.output) if args.output else Path(args.data) / "years" / f"{args.year}.yaml"
    if output.exists() and not args.force:
        _say(f"{output} 已存在，没有覆盖。确认要替换时加 --force。", sys.stderr)
        return 1
    try:
        if problem := year_out_of_range(args.year):
            raise ImportFailed(f"{problem}（--year）")
        document = read_report(source, args.encoding)
        report = recognise(document.paragraphs)
        areas = read_areas(output.parent.parent)
        tables = [read_table(rows, areas) for rows in document.tables]
        # Keep the original next to the data as provenance, linked from the year page.
        kept = keep_source(output.parent.parent, source.name, document.raw, args.force)
        text = year_file_text(report, args.year, kept.link if kept else None, tables)
        written = check_own_output(text, str(output))
        save_import(output, text, kept)  # only now, after everything was converted and checked
    except ImportFailed as exc:
        _say(f"没有导入 {source}：{exc}", sys.stderr)
        return 1

    evidence = f"（{document.encoding_evidence}）" if document.encoding_evidence else ""
    _say(f"读取 {source}：编码 {document.encoding}{evidence}")
    _say(f"  标题：{report.title or '（未识别，使用“' + str(args.year) + '年工作总结”）'}")
    if document.controls_removed:
        _say(f"  删除了 {document.controls_removed} 个不可见的控制字符（年度文件不能有它们）")
    if report.teaser:
        _say("  第一行是下一段的节选（以省略号结尾），没有重复收录")
    if report.contents:
        _say(f"  目录：{len(report.contents)} 项（作为提纲，不重复收录）")
    for line in report_lines(count_import(document, report, tables, written), tables):
        _say(f"  {line}")
    for section in report.all_sections():
        if section.missing:
            _say(f"  原文缺失：{section.number}{section.title}（只在目录中出现）")
        if section.truncated:
            _say(f"  原文不完整：{section.number}{section.title} 的最后一段在句中中断")
        if not section.paragraphs and not section.children and not section.missing and not section.items:
            _say(f"  无正文的标题：{section.number}{section.title}")
    if kept:
        done = "已有相同的文件，沿用" if kept.already_there else "原始文件已保存为"
        _say(f"  {done} {kept.path}")
    _say(f"已写入 {output}")
    return 0


def _new(args: argparse.Namespace) -> int:
    try:
        written = scaffold_year(Path(args.data), args.year)
    except ScaffoldFailed as exc:
        print(f"没有新建：{exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"已写入 {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="nianjian", description="年鉴：检查数据、导入旧报告、新建年度。")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    validate = commands.add_parser("validate", help="检查 data/ 下的全部文件（与构建时的检查相同）")
    validate.add_argument("data_dir", nargs="?", default="data", metavar="数据目录", help="数据目录，默认 data")
    validate.add_argument("--format", choices=["text", "json"], default="text", help="输出格式：text（默认）或 json")
    validate.set_defaults(run=_validate)

    importer = commands.add_parser("import", help="把旧的年度总结（.txt / .docx）转换为年度文件")
    importer.add_argument("file", metavar="文件", help="原始报告文件；改回部门的 Word 文件时写 年份 文件（nianjian import 2025 物业科.docx）")
    importer.add_argument("unit_file", nargs="?", metavar="部门文件", help=argparse.SUPPRESS)
    importer.add_argument("--year", type=int, metavar="年份", help="报告的年份")
    importer.add_argument("-o", "--output", metavar="文件", help="输出文件，默认 data/years/<年份>.yaml")
    importer.add_argument("--data", default="data", metavar="目录", help="数据目录，默认 data")
    importer.add_argument("--encoding", choices=list(ENCODINGS), metavar="编码", help=f"纯文本文件的编码：{'、'.join(ENCODINGS)}；不写时自动识别，无法确定时会提示")
    importer.add_argument("--force", action="store_true", help="覆盖已有的年度文件和 data/sources/ 下同名的原始文件")
    importer.set_defaults(run=_import, parser=importer)

    exporter = commands.add_parser("export", help="把一个部门负责的部分导出为 Word 文件，供部门修改后用 nianjian import 改回")
    exporter.add_argument("year", type=int, metavar="年份", help="如 2025")
    exporter.add_argument("--unit", required=True, metavar="部门", help="组稿计划里的供稿单位，如 物业科")
    exporter.add_argument("--data", default="data", metavar="目录", help="数据目录，默认 data")
    exporter.add_argument("-o", "--output", metavar="文件", help="输出文件，默认 <年份>-<部门>.docx")
    exporter.set_defaults(run=_export)

    status = commands.add_parser("status", help="一个年度的组稿和审核进度：每部分的供稿单位、状态、字数、待填写和逾期天数")
    status.add_argument("year", type=int, metavar="年份", help="如 2025")
    status.add_argument("--data", default="data", metavar="目录", help="数据目录，默认 data")
    status.add_argument("--today", type=_iso_date, metavar="日期", help="按这一天计算逾期（默认今天），如 2025-01-20")
    status.set_defaults(run=_status)

    owners = commands.add_parser("codeowners", help="根据部门（site.yaml 的 units）和组稿计划生成 CODEOWNERS：部门的合并请求自动请它的审核人")
    owners.add_argument("--data", default="data", metavar="目录", help="数据目录，默认 data")
    owners.add_argument("--output", default=".github/CODEOWNERS", metavar="文件", help="写到哪里：GitHub 用 .github/CODEOWNERS（默认），Gitea 用 .gitea/CODEOWNERS；- 表示打印出来")
    owners.set_defaults(run=_codeowners)

    new = commands.add_parser("new", help="新建一个年度文件（含上一年目标的落实情况清单）")
    new.add_argument("year", type=int, metavar="年份", help="新年度，如 2025")
    new.add_argument("--data", default="data", metavar="目录", help="数据目录，默认 data")
    new.set_defaults(run=_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours, not the editor's: say so in one line, no traceback
        print(program_error(exc, f"运行 nianjian {args.command} "), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
