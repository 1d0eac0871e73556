"""Someone with commit rights to data/ makes a mistake or means harm; `nianjian validate` (the
same check the build runs first) refuses each case with a Chinese message naming the file and
line, exit code 1, no traceback, within seconds and well under 1 GB.

One small case per finding of the security review. Cases that are *valid* data carrying
hostile text (attribute lists, formulas, odd tags) are built into a real site in
test_attack_site.py and checked there and in Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from measured import run_measured
from nianjian.check.load import check_data

# Each case a build or an import in its own process.
pytestmark = [pytest.mark.slow]

YEAR = "years/2023.yaml"


def write(data: Path, relative: str, text: str) -> None:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def replace(data: Path, relative: str, old: str, new: str) -> None:
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def body(text: str) -> Callable[[Path], None]:
    """The 2023 section 节能降耗 gets this Markdown body (a `|` block whose text starts on line 23)."""
    indented = "\n".join("          " + line for line in text.split("\n"))
    return lambda data: replace(data, YEAR, "        body: 更换节能灯具。", "        body: |\n" + indented)


def summary(text: str) -> Callable[[Path], None]:
    return lambda data: replace(data, YEAR, "summary: 2023年，食堂改造完工，节能工作成效明显。", f"summary: {json.dumps(text, ensure_ascii=False)}")


def section_tags(*tags: str) -> Callable[[Path], None]:
    """Tags on the 2023 section 节能降耗 (its id on line 21, the tags on line 22)."""
    listed = json.dumps(list(tags), ensure_ascii=False)
    return lambda data: replace(data, YEAR, "        id: 节能-2023\n", f"        id: 节能-2023\n        tags: {listed}\n")


def year_file(text: str, name: str = "2021.yaml") -> Callable[[Path], None]:
    return lambda data: write(data, f"years/{name}", text)


def metrics(rows: str) -> Callable[[Path], None]:
    return lambda data: write(data, "metrics/extra.csv", "year,area,indicator,unit,value,note,sample\n" + rows)


def many(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def run(data: Path) -> None:
        for step in steps:
            step(data)

    return run


def fifo(data: Path) -> None:
    os.mkfifo(data / "years" / "2021.yaml")


def folder(data: Path) -> None:
    (data / "years" / "2021.yaml").mkdir()


def link_out_of_data(data: Path) -> None:
    outside = data.parent / "secret.yaml"
    outside.write_text((data / YEAR).read_text(encoding="utf-8").replace("2023", "2021"), encoding="utf-8")
    (data / "years" / "2021.yaml").symlink_to(outside)


def huge_year_file(data: Path) -> None:
    write(data, "years/2021.yaml", "year: 2021\n" + "# " + "很长的注释" * 250_000 + "\n")


def huge_csv(data: Path) -> None:
    write(data, "metrics/huge.csv", "year,area,indicator,unit,value,note,sample\n" + "2023,energy,用电量,万千瓦时,1,,false\n" * 300_000)


BILLION_LAUGHS = "year: 2021\na: &a [\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\"]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi")
)


CONTROL_CHARACTER = "year: 2021\ntitle: 2021年工作总结\nsummary: 开篇\x07文字\nsections: []\nachievements: []\nproblems: []\nplans: []\n"


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], None]
    expected: tuple[tuple[str, str], ...]  # (location prefix "data/years/2023.yaml:28", words in the same line)


CASES = [
    # 1. No script and no outside request from data.
    Case("external image in a body", body("段落\n\n![x](http://198.51.100.7/t.png)"), (("data/years/2023.yaml:25:", "链接指向站外（http: 开头）"),)),
    Case("javascript link in a body", body("[点我](javascript:alert(1))"), (("data/years/2023.yaml:23:", "javascript: 开头"),)),
    Case("javascript link, reference form", body("见[这里][r]。\n\n[r]: javascript:alert(1)"), (("data/years/2023.yaml:25:", "javascript: 开头"),)),
    Case("javascript link in the summary", summary("[x](javascript:alert(1))"), (("data/years/2023.yaml:3:", "summary — 链接指向站外"),)),
    Case("javascript link in site.yaml description", lambda data: replace(data, "site.yaml", "description: 用于测试的多年数据。", "description: '[x](javascript:alert(1))'"), (("data/site.yaml:3:", "description — 链接指向站外"),)),
    Case("data: image with an onerror attribute list", body('![i](data:,x){: onerror="alert(1)" }'), (("data/years/2023.yaml:23:", "data: 开头"),)),
    Case("tab hidden inside javascript:", body("[x](java&#9;script:alert(1)) [y](JaVaScRiPt:alert(2))"), (("data/years/2023.yaml:23:", "javascript: 开头"),)),
    Case("protocol-relative image", body("![x](//198.51.100.7/t.png)"), (("data/years/2023.yaml:23:", "以 // 开头"),)),
    Case("absolute path link", body("[x](/etc/passwd)"), (("data/years/2023.yaml:23:", "以 / 开头"),)),
    Case("relative link climbing above the site", body("[x](../../../outside/)"), (("data/years/2023.yaml:23:", "超出了网站的根目录"),)),
    # Tags, ids and keys become URLs through one slug function.
    Case("tag named index", section_tags("index"), (("data/years/2023.yaml:22:", "保留名称"),)),
    Case("tag of symbols only", section_tags("# % : ? *"), (("data/years/2023.yaml:22:", "没有能用作网址的文字"),)),
    Case("tag of 100 Chinese characters", section_tags("节" * 100), (("data/years/2023.yaml:22:", "最多 40 个"),)),
    Case("two tags that would be one page", section_tags("节能", "节能 "), (("data/years/2023.yaml:22:", "会成为同一个页面"),)),
    Case("section id with a newline", lambda data: replace(data, YEAR, "id: 节能-2023", 'id: "节能\\n"'), (("data/years/2023.yaml:21:9", "格式不对"),)),
    Case("area key with a trailing newline", lambda data: replace(data, "site.yaml", "key: catering", 'key: "catering\\n"'), (("data/site.yaml:5:5", "“catering\\n” 格式不对"),)),
    Case("area key climbing out of areas/", lambda data: replace(data, "site.yaml", "key: vehicles", "key: ../../vehicles"), (("data/site.yaml:11:5", "“../../vehicles” 格式不对"),)),
    Case("plan id with a slash", lambda data: replace(data, YEAR, "id: 2024-energy-save", "id: ../2024-energy-save"), (("data/years/2023.yaml:39:", "格式不对"),)),
    Case("source path climbing out of data", lambda data: replace(data, YEAR, "title: 2023年工作总结", "title: 2023年工作总结\nsource: ../../etc/passwd"), (("data/years/2023.yaml:3:", "source"),)),
    Case("source that MkDocs would render as a page", lambda data: (write(data, "sources/x.md", "<script>alert(1)</script>\n"), replace(data, YEAR, "title: 2023年工作总结", "title: 2023年工作总结\nsource: sources/x.md")), (("data/years/2023.yaml:3:", "不是报告文件的类型"),)),
    Case("source a browser would run", lambda data: (write(data, "sources/x.svg", "<svg onload='alert(1)'/>\n"), replace(data, YEAR, "title: 2023年工作总结", "title: 2023年工作总结\nsource: sources/x.svg")), (("data/years/2023.yaml:3:", "不是报告文件的类型"),)),
    Case("source pointing at a hidden file", lambda data: replace(data, YEAR, "title: 2023年工作总结", "title: 2023年工作总结\nsource: sources/.env"), (("data/years/2023.yaml:3:", "格式不对"),)),
    # 4. Bounded work on any input.
    Case("recursive alias", year_file("year: 2021\nsections: &a\n  - *a\n"), (("data/years/2021.yaml:3:5", "不支持 YAML 引用（*a）"),)),
    Case("billion laughs", year_file(BILLION_LAUGHS), (("data/years/2021.yaml:3:", "不支持 YAML 引用"),)),
    Case("deep nesting", year_file("year: 2021\nsections: " + "[" * 5000 + "]" * 5000 + "\n"), (("data/years/2021.yaml:2:", "YAML 格式错误"),)),
    Case("FIFO named like a year file", fifo, (("data/years/2021.yaml:", "管道或设备文件"),)),
    Case("folder named like a year file", folder, (("data/years/2021.yaml:", "文件夹"),)),
    Case("symbolic link out of data/", link_out_of_data, (("data/years/2021.yaml:", "数据目录以外的链接"),)),
    Case("over-long file name", year_file("year: 2021\n", name="2021" + "年" * 60 + ".yaml"), (("data/years/2021年", "不是“四位年份.yaml”"),)),
    Case("full-width digits in the file name", year_file("year: 2021\n", name="２０２１.yaml"), (("data/years/２０２１.yaml:", "不是“四位年份.yaml”"),)),
    Case("3 MB year file", huge_year_file, (("data/years/2021.yaml:", "文件太大"),)),
    Case("9 MB CSV file", huge_csv, (("data/metrics/huge.csv:", "文件太大"),)),
    # 5. Spreadsheet cells: every field that reaches a table stays far below a cell's 32,767 characters.
    Case("achievement result of 40,000 characters", lambda data: replace(data, YEAR, "result: 完工并投入使用", "result: " + "完" * 40_000), (("data/years/2023.yaml:28:5", "`result`（成果）太长（40000 个字符，最多 2000 个）"),)),
    Case("plan text of 40,000 characters", lambda data: replace(data, YEAR, "text: 用电量再降 5%", "text: " + "降" * 40_000), (("data/years/2023.yaml:40:5", "`text`（内容）太长（40000 个字符，最多 2000 个）"),)),
    Case("section title of 300 characters", lambda data: replace(data, YEAR, "title: 节能降耗", "title: " + "节" * 300), (("data/years/2023.yaml:20:9", "`title`（标题）太长（300 个字符，最多 200 个）"),)),
    Case("area name of 200 characters", lambda data: replace(data, "site.yaml", "name: 节能", "name: " + "节" * 200), (("data/site.yaml:9:5", "`name`（领域名称）太长（200 个字符，最多 100 个）"),)),
    Case("CSV note of 40,000 characters", metrics("2023,energy,用水量,吨,1," + "注" * 40_000 + ",false\n"), (("data/metrics/extra.csv:2:6", "`note`（备注）太长（40000 个字符，最多 2000 个）"),)),
    Case("CSV unit of 30 characters", metrics("2023,energy,用水量," + "吨" * 30 + ",1,,false\n"), (("data/metrics/extra.csv:2:4", "`unit`（单位）太长（30 个字符，最多 20 个）"),)),
    # 6. Every message points to the real spot.
    Case("unclosed quote on line 2", year_file('year: 2021\ntitle: "2021年工作总结\nsummary: 开篇\nsections: []\nachievements: []\n'), (("data/years/2021.yaml:2:8", "引号没有结束"),)),
    Case("unclosed bracket", year_file("year: 2021\ntags: [节能, 安全\nsummary: 开篇\n"), (("data/years/2021.yaml:2:7", "方括号或花括号没有结束"),)),
    Case("control character", year_file(CONTROL_CHARACTER), (("data/years/2021.yaml:3:12", "控制字符 U+0007"),)),
    Case("CSV unclosed quote on line 2", metrics('2023,energy,"用电量,万千瓦时,1,,false\n2024,energy,用水量,吨,2,,false\n'), (("data/metrics/extra.csv:2:", "双引号没有配对"),)),
    Case("CSV quote closed lines later", metrics('2023,energy,"用\n电量",万千瓦时,1,,false\n'), (("data/metrics/extra.csv:2:", "延续到第 3 行"),)),
    Case("CSV control character", metrics("2023,energy,用电\x01量,万千瓦时,1,,false\n"), (("data/metrics/extra.csv:2:", "控制字符"),)),
    Case("figure of 1e308", lambda data: replace(data, YEAR, "figure: 1200", "figure: 1.0e+308"), (("data/years/2023.yaml:34:5", "数值过大"),)),
    Case("figure of infinity", lambda data: replace(data, YEAR, "figure: 1200", "figure: .inf"), (("data/years/2023.yaml:34:5", "不是有限的数字"),)),
    Case("CSV value of 1e308", metrics("2023,energy,用水量,吨,1e308,,false\n"), (("data/metrics/extra.csv:2:5", "数值过大"),)),
    Case("CSV value nan", metrics("2023,energy,用水量,吨,nan,,false\n"), (("data/metrics/extra.csv:2:5", "不是有限的数字"),)),
    Case("GBK year file", lambda data: (data / "years" / "2021.yaml").write_bytes("year: 2021\ntitle: 总结\n".encode("gbk")), (("data/years/2021.yaml:", "GBK/GB18030"),)),
    Case("duplicate year", year_file((FIXTURES / "multi-year" / YEAR).read_text(encoding="utf-8").replace("2024-energy-save", "2021-x"), name="2021.yaml"), (("data/years/2023.yaml:1:1", "2023 年重复：data/years/2021.yaml 也是这一年"),)),
    Case("python object tag never runs", year_file("year: 2021\ntitle: !!python/object/apply:os.system ['touch /tmp/nianjian-pwned']\n"), (("data/years/2021.yaml:2:", "无法识别的值"),)),
    Case("GBK search words file", lambda data: (data / "search-words.txt").write_bytes("食堂 100 n\n".encode("gbk")), (("data/search-words.txt:1:", "GBK/GB18030"),)),
    Case("malformed search word line", lambda data: write(data, "search-words.txt", "食堂 100 n\n食 堂 abc 100\n"), (("data/search-words.txt:2:", "检索词这一行的格式不对"),)),
    Case("non-numeric CSV value", metrics("2023,energy,用水量,吨,很多,,false\n"), (("data/metrics/extra.csv:2:5", "应为数字"),)),
    # Round two (issue 19): values checked after YAML decodes them, bounded counts.
    Case("control character written as a YAML escape", lambda data: replace(data, YEAR, "title: 2023年工作总结", 'title: "2023\\x01年"'), (("data/years/2023.yaml:2:1", "控制字符 U+0001"),)),
    Case("terminal escape written as a YAML escape", lambda data: replace(data, YEAR, "title: 2023年工作总结", 'title: "\\e]0;x\\a"'), (("data/years/2023.yaml:2:1", "控制字符 U+001B"),)),
    Case("NUL written as a YAML escape", summary("开篇\u0000文字"), (("data/years/2023.yaml:3:1", "控制字符 U+0000"),)),
    Case("U+FFFE written as a YAML escape", lambda data: replace(data, YEAR, "body: 更换节能灯具。", 'body: "更换\\uFFFE灯具"'), (("data/years/2023.yaml:22:9", "控制字符 U+FFFE"),)),
    Case("C1 control character in the text", lambda data: replace(data, YEAR, "body: 更换节能灯具。", "body: 更换\u009b灯具"), (("data/years/2023.yaml:22:", "控制字符 U+009B"),)),
    Case("title of 300 characters", lambda data: replace(data, YEAR, "title: 2023年工作总结", "title: " + "长" * 300), (("data/years/2023.yaml:2:1", "太长（300 个字符，最多 100 个）"),)),
    Case("title of spaces only", lambda data: replace(data, YEAR, "title: 2023年工作总结", 'title: "\u3000  "'), (("data/years/2023.yaml:2:1", "不能只有空格"),)),
    Case("site title of spaces only", lambda data: replace(data, "site.yaml", "title: 测试年鉴", 'title: "   "'), (("data/site.yaml:2:1", "不能只有空格"),)),
    Case("YAML merge key", lambda data: replace(data, YEAR, "title: 2023年工作总结", "title: 2023年工作总结\n<<: {summary: x}"), (("data/years/2023.yaml:3:1", "不支持 YAML 合并键"),)),
    Case("integer of 5,000 digits", lambda data: replace(data, YEAR, "figure: 1200", "figure: " + "9" * 5000), (("data/years/2023.yaml:34:5", "数字位数太多（5000 位）"),)),
    Case("CSV year in circled digits", metrics("①②③④,energy,用水量,吨,1,,false\n"), (("data/metrics/extra.csv:2:1", "四位年份"),)),
    Case("CSV value in full-width digits", metrics("2023,energy,用水量,吨,１２,,false\n"), (("data/metrics/extra.csv:2:5", "应为数字"),)),
    Case("3,000 tags on one section", section_tags(*(f"标签{number}" for number in range(3000))), (("data/years/2023.yaml:22:", "最多 10 项"),)),
    Case("the same tag twice on one section", section_tags("节能", "节能"), (("data/years/2023.yaml:22:", "重复的项"),)),
    Case("600 sections in a year", year_file("year: 2021\nsections:\n" + "".join(f"  - title: 节{n}\n" for n in range(600))), (("data/years/2021.yaml:503:", "章节太多：一年最多 500 个"),)),
    Case("2,000 unclosed brackets in a body", body("[链接" * 2000), (("data/years/2023.yaml:23:", "方括号 [ 嵌套超过 3 层"),)),
    Case("an unclosed bracket", body("第一段。\n\n见附件[1，另见下文"), (("data/years/2023.yaml:25:", "方括号 [ 没有配对的 ]"),)),
    Case("a paragraph of 1,000 emphasis marks", summary("*重点" * 1000), (("data/years/2023.yaml:3:", "Markdown 符号（* _ ` \\ & [ 等）太多：1000 个"),)),
    Case("quotations nested 2,000 deep", body(">" * 2000 + " 引文"), (("data/years/2023.yaml:23:", "嵌套超过 8 层"),)),
    Case("a list nested 20 deep", body("\n".join("    " * level + "- 项" for level in range(20))), (("data/years/2023.yaml:31:", "嵌套超过 8 层"),)),
    Case("brackets in the site description", lambda data: replace(data, "site.yaml", "description: 用于测试的多年数据。", "description: '" + "[a" * 500 + "'"), (("data/site.yaml:3:", "方括号"),)),
    Case("70 indicators in three areas", metrics("".join(f"2023,{area},指标{n},吨,1,,false\n" for area in ("catering", "energy", "vehicles") for n in range(24))), (("data/metrics/extra.csv:", "统计指标合计超过 60 个"),)),
    Case("40 indicators in one area", metrics("".join(f"2023,energy,指标{n},吨,1,,false\n" for n in range(40))), (("data/metrics/extra.csv:", "统计指标超过 30 个"),)),
    Case("510 different tags", year_file("year: 2021\nsections:\n" + "".join(f"  - title: 节{n}\n    tags: [{', '.join(f'标签{n}-{m}' for m in range(10))}]\n" for n in range(51))), (("data/years/2021.yaml:104:", "标签太多：各年份合计超过 500 个"),)),
]


def test_the_corpus_has_a_case_for_every_finding() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_validate_refuses_with_file_line_and_chinese_message(case: Case, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    case.setup(data)
    # CPU time and the command's own peak memory: a loaded machine stretches the wall clock (the
    # wall limit only stops a command that blocks).
    measured = run_measured([sys.executable, "-m", "nianjian", "validate", str(data)], tmp_path, timeout=60)
    output = measured.stdout + measured.stderr
    assert measured.exit_code == 1, output
    assert "Traceback" not in output
    assert measured.cpu < 15, f"took {measured.cpu:.1f} CPU seconds"
    assert measured.peak_bytes < 1024**3
    lines = output.splitlines()
    for location, words in case.expected:
        assert any(line.startswith(location) and words in line for line in lines), f"no line {location} … {words} in:\n{output}"
    assert not Path("/tmp/nianjian-pwned").exists()


def test_a_csv_of_thousands_of_wrong_rows_lists_the_first_hundred_and_says_there_are_more(tmp_path: Path) -> None:
    """300,000 problems are no help to an editor (and were 530 MB of them): the first 100 of the
    file are listed, then one line saying there are more."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    metrics("2023,nowhere,用水量,吨,很多,,false\n" * 20_000)(data)
    result = subprocess.run([sys.executable, "-m", "nianjian", "validate", str(data)], capture_output=True, text=True, timeout=60)
    lines = [line for line in result.stdout.splitlines() if line.startswith("data/metrics/extra.csv")]
    assert result.returncode == 1 and len(lines) == 101, result.stdout[-500:]
    assert "还有问题没有列出（每个文件只列出前 100 个）" in lines[0]  # a line without a line number sorts first


def test_missing_title_is_reported_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    replace(data, YEAR, "title: 2023年工作总结\n", "")
    result = subprocess.run([sys.executable, "-m", "nianjian", "validate", str(data)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert sum("缺少必填字段 `title`" in line for line in result.stdout.splitlines()) == 1, result.stdout


def test_validate_json_is_json_even_for_hostile_input(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    year_file("year: 2021\nsections: &a\n  - *a\n")(data)
    for target in (data, tmp_path / "no-such-folder"):
        result = subprocess.run(
            [sys.executable, "-m", "nianjian", "validate", str(target), "--format", "json"], capture_output=True, text=True, timeout=60
        )
        report = json.loads(result.stdout)
        assert result.returncode != 0 and report["ok"] is False and report["problems"], result.stdout
        assert "Traceback" not in result.stderr


def test_preview_error_page_shows_a_hostile_key_as_text(tmp_path: Path) -> None:
    """`mkdocs serve` shows the problems on every page; a key holding a code fence and an
    <img onerror> must not break out of the listing."""
    import markdown

    from nianjian.render.pages.error_page import render_error_page

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    replace(data, YEAR, "title: 2023年工作总结", "title: 2023年工作总结\n\"```\\n<img src=x onerror=alert(1)>\": 1")
    check = check_data(data)
    assert check.archive is None and any("<img" in error.field for error in check.errors)
    page = render_error_page(check.errors).split("---\n", 2)[2]
    html = markdown.Markdown(extensions=["admonition", "attr_list", "md_in_html", "tables"]).convert(page)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_xlsx_survives_characters_xml_forbids_and_keeps_codes_as_text(tmp_path: Path) -> None:
    import openpyxl

    from nianjian.render.formats.xlsx import DECIMAL, PLAIN, workbook_bytes

    path = tmp_path / "table.xlsx"
    rows = [["a\ufffeb\uffffc\x01d", "007"], ["=1+1", "123456789012345678"], ["x", -12.5]]
    path.write_bytes(workbook_bytes(["名称", "值"], rows, [PLAIN, DECIMAL]))
    sheet = openpyxl.load_workbook(path).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["名称", "值"], ["abcd", "007"], ["=1+1", "123456789012345678"], ["x", -12.5]
    ]
    assert sheet["A3"].data_type == "s"  # text, not a formula



# Cells a spreadsheet could run (OWASP's list, and the same signs after leading whitespace,
# zero-width or control characters and in full-width form), and cells that must stay as written.
FORMULA_CELLS = [
    "=1+1", "+1+1", "-1+1", "@SUM(1,1)", "\t=1+1", "\r=1+1", "\tabc", " =1+1", "  +1+1", "\u3000=1+1", "\u00a0=1+1",
    "\u200b=1+1", "\ufeff=1+1", "\n=1+1", "\r\n-1+1", "\x00=1+1", "＝1+1", "＋1+1", "－1+1", "＠SUM(1,1)", "﹦1+1",
    "\u3000＝HYPERLINK(\"http://198.51.100.7/\",\"x\")", "=HYPERLINK(\"http://198.51.100.7/?leak\",\"点我\")",
    "=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-2+3", " -120",
]
PLAIN_CELLS = ["-120", "+6.5%", "-1,200.5", "007", "123456789012345678", "\u3000\u3000段落", "1+1=2", "'=1+1", "a;=1+1", "(1+1)", ""]


@pytest.mark.parametrize("cell", FORMULA_CELLS)
def test_spreadsheet_text_quotes_every_formula_start(cell: str) -> None:
    from nianjian.escaping import spreadsheet_text

    assert spreadsheet_text(cell) == "'" + cell


@pytest.mark.parametrize("cell", PLAIN_CELLS)
def test_spreadsheet_text_keeps_numbers_and_text(cell: str) -> None:
    from nianjian.escaping import spreadsheet_text

    assert spreadsheet_text(cell) == cell


def test_no_download_cell_is_longer_than_a_spreadsheet_keeps(tmp_path: Path) -> None:
    """Excel keeps 32,767 characters (UTF-16 units) in a cell: a longer text is cut, with a note
    saying so, in the CSV and the .xlsx alike; the `'` counts within the limit."""
    import openpyxl

    from nianjian.render.formats.downloads import csv_bytes, xlsx_bytes
    from nianjian.render.parts.table import Cell, Column, Table

    table = Table("long", (Column("内容"),), ((Cell("=" + "长" * 40_000),), (Cell("长" + "𠀀" * 20_000),), (Cell("短"),)))
    from_csv = [row[0] for row in csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig")))][1:]
    (tmp_path / "long.xlsx").write_bytes(xlsx_bytes(table))
    from_xlsx = [row[0].value for row in openpyxl.load_workbook(tmp_path / "long.xlsx").active.iter_rows(min_row=2)]
    for cells in (from_csv, from_xlsx):
        assert [len(cell.encode("utf-16-le")) // 2 for cell in cells[:2]] == [32_767, 32_766]  # no half of a 𠀀 left
        assert cells[0].endswith("长（超出电子表格单元格上限，全文见网站）")
        assert cells[1].endswith("𠀀（超出电子表格单元格上限，全文见网站）")
        assert cells[2] == "短"
    assert from_csv[0].startswith("'=长") and from_xlsx[0].startswith("=长")

BUILD_CASES = [
    Case("recursive alias (used to hang the build)", year_file("year: 2021\nsections: &a\n  - *a\n"), (("data/years/2021.yaml:3:5", "不支持 YAML 引用"),)),
    Case("GBK search words (jieba's traceback)", lambda data: (data / "search-words.txt").write_bytes("食堂 100 n\n".encode("gbk")), (("data/search-words.txt:1:", "GBK/GB18030"),)),
    Case("FIFO named like a year file", fifo, (("data/years/2021.yaml:", "管道或设备文件"),)),
]


@pytest.mark.parametrize("case", BUILD_CASES, ids=[case.name for case in BUILD_CASES])
def test_build_stops_cleanly_and_keeps_the_last_site(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    assert project.build().returncode == 0
    before = {path: path.stat().st_mtime_ns for path in project.site.rglob("*")}
    case.setup(project.data)
    result = run_measured(project.build_command(), project.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert result.exit_code == 1 and result.cpu < 60, (result.exit_code, result.cpu, result.stderr[-2000:])
    assert "Traceback" not in result.stdout + result.stderr
    for location, words in case.expected:
        assert any(line.strip().startswith(location) and words in line for line in result.stderr.splitlines()), result.stderr
    assert {path: path.stat().st_mtime_ns for path in project.site.rglob("*")} == before


def test_terminal_escapes_in_a_key_or_a_file_name_are_shown_not_obeyed(tmp_path: Path) -> None:
    """A YAML key written with escapes that would retitle and clear the editor's terminal
    (ESC ] 0; … BEL, ESC [2J), and a file named with them, are named in the report as \\x1b…,
    each on its one line."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multi-year", data)
    replace(data, YEAR, "title: 2023年工作总结", 'title: 2023年工作总结\n"\\e]0;pwned\\a\\e[2J\\nnext line": 1')
    (data / "years" / "\x1b]0;pwned\x07\x1b[2J\n.yaml").write_text("year: 2021\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "nianjian", "validate", str(data)], capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert not any(character in output for character in "\x1b\x07\x9b"), repr(output)
    lines = output.splitlines()
    assert any(line.startswith("data/years/2023.yaml:3:1") and "控制字符 U+001B" in line for line in lines), output
    assert any(line.startswith("data/years/\\x1b]0;pwned\\x07\\x1b[2J\\n.yaml: ") and "不是“四位年份.yaml”" in line for line in lines), output


def test_a_cache_folder_linked_out_of_the_project_is_not_written(tmp_path: Path) -> None:
    """.cache is ignored by git only as a folder: a committed symbolic link of that name would
    have the build write its Word documents and search cuts wherever it points."""
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    outside = tmp_path / "outside"
    outside.mkdir()
    (project.root / ".cache").symlink_to(outside)
    result = project.build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ".cache/nianjian 是指向项目以外的链接" in result.stderr, result.stderr
    assert list(outside.rglob("*")) == []


def test_a_link_in_docs_to_a_file_of_the_building_machine_is_not_published(tmp_path: Path) -> None:
    """MkDocs copies what a symbolic link in docs/ points to: a committed link to a file of the
    machine that builds (a key, a password file) would be published."""
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    (project.root / "docs" / "notes.txt").symlink_to(secret)
    result = project.build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/notes.txt 是指向 docs/ 以外的链接" in result.stderr, result.stderr
    assert not (project.site / "notes.txt").exists()


def test_a_failure_while_mkdocs_renders_the_pages_is_one_chinese_line(tmp_path: Path) -> None:
    """Past the pre-build step MkDocs renders and Material indexes the pages; what fails there
    (here the machine running out of memory on the home page) is said in one line, not a
    traceback."""
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    (project.root / "hooks" / "out_of_memory.py").write_text(
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri == 'index.md':\n"
        "        raise MemoryError()\n"
        "    return html\n",
        encoding="utf-8",
    )
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hooks/nianjian_hooks.py\n", "  - hooks/nianjian_hooks.py\n  - hooks/out_of_memory.py\n"), encoding="utf-8")
    result = project.build()
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout, result.stderr
    assert "生成网站页面时出现程序错误（内存不足）" in result.stderr + result.stdout
