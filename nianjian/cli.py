"""`nianjian` — the editors' commands. They call the same load/validate/model code as the build.

    nianjian validate [DATA_DIR] [--format json]
    nianjian import FILE --year YYYY [-o data/years/YYYY.yaml] [--force]
    nianjian new YYYY [--data DATA_DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from nianjian.importing.outline import recognise
from nianjian.importing.reading import ImportFailed, read_report
from nianjian.importing.writing import year_file_text
from nianjian.load import check_data
from nianjian.scaffold import ScaffoldFailed, scaffold_year
from nianjian.schema import check_against_schema
from nianjian.sources import parse_yaml


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"找不到数据目录 {data_dir}", file=sys.stderr)
        return 2
    check = check_data(data_dir)
    years = [record.year for record in check.archive.years] if check.archive else []
    if args.format == "json":
        report = {
            "ok": not check.errors,
            "files": check.files,
            "years": years,
            "problems": [asdict(error) for error in check.errors],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for error in check.errors:
            print(error.format())
        year_count = f"{len(years)} 个年度" if check.archive else "年度数未计（数据有误）"
        verdict = f"发现 {len(check.errors)} 个问题" if check.errors else "没有发现问题"
        print(f"检查了 {len(check.files)} 个文件、{year_count}：{verdict}。")
    return 1 if check.errors else 0


def _import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    output = Path(args.output) if args.output else Path(args.data) / "years" / f"{args.year}.yaml"
    if output.exists() and not args.force:
        print(f"{output} 已存在，没有覆盖。确认要替换时加 --force。", file=sys.stderr)
        return 1
    try:
        document = read_report(source)
    except ImportFailed as exc:
        print(f"导入失败：{exc}", file=sys.stderr)
        return 1
    report = recognise(document.paragraphs)

    # Keep the original next to the data as provenance, linked from the year page.
    data_dir = output.parent.parent
    kept = data_dir / "sources" / source.name
    source_link = None
    if data_dir.name and (data_dir / "site.yaml").is_file():
        kept.parent.mkdir(parents=True, exist_ok=True)
        if kept.resolve() != source.resolve():
            kept.write_bytes(source.read_bytes())
        source_link = f"sources/{source.name}"

    text = year_file_text(report, args.year, source_link, document.table_rows)
    parsed, problems = parse_yaml(text, str(output))
    problems += check_against_schema(parsed, "year") if parsed else []
    if problems:  # our own output must always be a valid year file
        raise RuntimeError("import produced an invalid year file:\n" + "\n".join(p.format() for p in problems))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")

    sections = report.all_sections()
    by_rank: dict[int, int] = {}
    for section in sections:
        by_rank[section.rank] = by_rank.get(section.rank, 0) + 1
    levels = "、".join(f"第{rank + 1}级 {count} 个" for rank, count in sorted(by_rank.items()))
    paragraphs = len(report.summary) + sum(len(section.paragraphs) for section in sections)
    print(f"读取 {source}：编码 {document.encoding}")
    print(f"  标题：{report.title or '（未识别，使用“' + str(args.year) + '年工作总结”）'}")
    if report.teaser_dropped:
        print("  第一行是下一段的节选（以省略号结尾），没有重复收录")
    if report.contents:
        print(f"  目录：{len(report.contents)} 项（作为提纲，不重复收录）")
    print(f"  各级标题：{levels or '无'}；段落 {paragraphs} 个（开篇 {len(report.summary)} 个）")
    for section in sections:
        if section.missing:
            print(f"  原文缺失：{section.number}{section.title}（只在目录中出现）")
        if section.truncated:
            print(f"  原文不完整：{section.number}{section.title} 的最后一段在句中中断")
        if not section.paragraphs and not section.children and not section.missing:
            print(f"  无正文的标题：{section.number}{section.title}")
    if document.table_rows:
        print(f"  表格：{len(document.table_rows)} 行，已作为注释写在文件开头，可整理为成绩条目")
    if source_link:
        print(f"  原始文件已保存为 data/{source_link}")
    print(f"已写入 {output}")
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
    parser = argparse.ArgumentParser(prog="nianjian", description="年鉴：检查数据、导入旧报告、新建年度。")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    validate = commands.add_parser("validate", help="检查 data/ 下的全部文件（与构建时的检查相同）")
    validate.add_argument("data_dir", nargs="?", default="data", help="数据目录，默认 data")
    validate.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    validate.set_defaults(run=_validate)

    importer = commands.add_parser("import", help="把旧的年度总结（.txt / .docx）转换为年度文件")
    importer.add_argument("file", help="原始报告文件")
    importer.add_argument("--year", type=int, required=True, help="报告的年份")
    importer.add_argument("-o", "--output", help="输出文件，默认 data/years/<年份>.yaml")
    importer.add_argument("--data", default="data", help="数据目录，默认 data")
    importer.add_argument("--force", action="store_true", help="覆盖已有文件")
    importer.set_defaults(run=_import)

    new = commands.add_parser("new", help="新建一个年度文件（含上一年目标的落实情况清单）")
    new.add_argument("year", type=int, help="新年度，如 2025")
    new.add_argument("--data", default="data", help="数据目录，默认 data")
    new.set_defaults(run=_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
