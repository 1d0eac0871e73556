"""Files that should not be trusted: zip bombs, pipes, huge files, unprovable encodings, a
name that clashes with a kept original, impossible years. Each case runs the real command
and expects a Chinese refusal naming the file, exit 1, no traceback, and nothing written."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SEED, make_project, nianjian
from nianjian.edit import cli
from nianjian.edit.importing.reading import MAX_TEXT_BYTES
from measured import run_measured
from word_reports import WordReport

# Imports of large and hostile reports in their own processes.
pytestmark = [pytest.mark.slow]

ONE_GIB = 1024**3
BIG5_REPORT = (
    "二零一九年機關服務中心工作總結\n"
    "今年，服務中心在機關黨組的領導下，認真履行職責，各項工作取得了新的進展。\n"
    "一、主要工作成績\n"
    "（一）餐飲服務\n"
    "食堂全年供應就餐人次十二萬，職工滿意度明顯提高。\n"
)


def refused(result, named: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert named in result.stderr and "没有" in result.stderr


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def nianjian_measured(*args: str, cwd: Path, timeout: float = 120) -> tuple[subprocess.CompletedProcess, int, float]:
    """`nianjian(...)`, plus this one run's own peak resident memory in bytes and its CPU seconds
    (not wall seconds, which a loaded machine stretches: a bound on them would fail for the load)."""
    measured = run_measured([sys.executable, "-m", "nianjian", *args], cwd, timeout=timeout)
    return measured.completed(), measured.peak_bytes, measured.cpu


# --- .docx that would unpack to far more than it weighs -------------------------------------


def test_a_zip_bomb_docx_is_refused_in_seconds_without_eating_memory(workdir: Path) -> None:
    bomb = workdir / "report.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            zeros = bytes(1024 * 1024)
            for _ in range(1024):  # 1 GiB of zeros, written a MiB at a time
                entry.write(zeros)
    assert bomb.stat().st_size < 5 * 1024 * 1024

    result, memory, cpu = nianjian_measured("import", "report.docx", "--year", "2019", cwd=workdir)
    refused(result, "report.docx")
    assert "解压后" in result.stderr
    assert memory < ONE_GIB and cpu < 20, (memory, cpu)
    assert not (workdir / "data" / "years" / "2019.yaml").exists()


def understated_bomb(path: Path, declared: int = 1000) -> Path:
    """A Word file whose document.xml inflates to 1 GiB of zeros while the zip's local header and
    central directory both say `declared` bytes: sizes in the directory prove nothing."""
    report = WordReport()
    report.paragraph("今年工作顺利。")
    report.save(path)
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist() if name != "word/document.xml"}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        with archive.open("word/document.xml", "w") as entry:  # 1 GiB fits the 32-bit size fields
            zeros = bytes(1024 * 1024)
            for _ in range(1024):
                entry.write(zeros)
    raw = bytearray(path.read_bytes())
    local = raw.rindex(b"PK\x03\x04")  # written last
    assert raw[local + 30 : local + 30 + len(b"word/document.xml")] == b"word/document.xml"
    raw[local + 22 : local + 26] = declared.to_bytes(4, "little")  # uncompressed size
    central = raw.rindex(b"PK\x01\x02")
    assert raw[central + 46 : central + 46 + len(b"word/document.xml")] == b"word/document.xml"
    raw[central + 24 : central + 28] = declared.to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    return path


def test_a_docx_whose_directory_understates_a_size_is_refused_without_inflating_it(workdir: Path) -> None:
    bomb = understated_bomb(workdir / "report.docx")
    assert bomb.stat().st_size < 5 * 1024 * 1024
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000

    result, memory, cpu = nianjian_measured("import", "report.docx", "--year", "2019", cwd=workdir)
    refused(result, "report.docx")
    assert memory < 300 * 1024 * 1024 and cpu < 60, (memory, cpu)
    assert not (workdir / "data" / "years" / "2019.yaml").exists()


def test_a_docx_with_a_hundred_thousand_parts_is_refused(workdir: Path) -> None:
    with zipfile.ZipFile(workdir / "report.docx", "w") as archive:
        for number in range(100_000):
            archive.writestr(f"w/{number}", b"")
    refused(nianjian("import", "report.docx", "--year", "2019", cwd=workdir), "report.docx")


# --- Word list numbering: numbers and patterns the file sets -------------------------------

LIST = 91  # the list these tests define, apart from WordReport's own


def list_level(ilvl: str = "0", start: str = "1", number_format: str = "chineseCounting", pattern: str = "%1、") -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/><w:lvlText w:val="{pattern}"/></w:lvl>'


def imported_year(root: Path, year: int = 2019) -> dict:
    return yaml.safe_load((root / "data" / "years" / f"{year}.yaml").read_text(encoding="utf-8"))


def test_a_list_level_beyond_words_nine_levels_is_not_counted_up_to(workdir: Path) -> None:
    """Word has list levels 0–8; a level of two billion made the importer count down from it for
    each paragraph (minutes for one paragraph)."""
    report = WordReport()
    report.paragraph("今年工作顺利。")
    report.define_list(LIST, list_level(ilvl="2000000000"))
    report.listed("食堂改造完成，就餐环境明显改善。", "2000000000", list_id=LIST)
    report.save(workdir / "report.docx")

    result, _, cpu = nianjian_measured("import", "report.docx", "--year", "2019", cwd=workdir, timeout=60)
    assert result.returncode == 0, result.stderr
    assert cpu < 20
    assert imported_year(workdir)["summary"] == "今年工作顺利。\n\n食堂改造完成，就餐环境明显改善。"


def test_a_megabyte_list_number_pattern_is_not_written_before_every_paragraph(workdir: Path) -> None:
    """Word's pattern box holds a short text around %1; a pattern of a megabyte was written
    before each of a thousand paragraphs (gigabytes from a file of a few kilobytes)."""
    report = WordReport()
    report.paragraph("今年工作顺利。")
    report.define_list(LIST, list_level(pattern="%1、" + "备" * 1_000_000))
    texts = [f"第{number}项工作已经按计划全部完成，群众满意度明显提高，各项指标均达到年初确定的目标要求。" for number in range(1000)]
    for text in texts:
        report.listed(text, 0, list_id=LIST)
    report.save(workdir / "report.docx")
    assert (workdir / "report.docx").stat().st_size < 100_000

    result, memory, cpu = nianjian_measured("import", "report.docx", "--year", "2019", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert memory < 300 * 1024 * 1024 and cpu < 60, (memory, cpu)
    written = (workdir / "data" / "years" / "2019.yaml").read_text(encoding="utf-8")
    assert "备备" not in written and all(text in written for text in texts)


def style_numbered_at(level: str):
    def setup(report: WordReport) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        style = report.document.styles["Heading 1"]
        style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{LIST}"/></w:numPr>'))
        report.heading("车辆管理", level=1)
    return setup


@pytest.mark.parametrize(
    "level, setup",
    [
        (list_level(), lambda report: report.listed("车辆管理", "abc", list_id=LIST)),  # python-docx raised ValueError
        (list_level(), lambda report: report.listed("车辆管理", "1.5", list_id=LIST)),
        (list_level(), lambda report: report.listed("车辆管理", 0, list_id="x1")),  # a list id that is not a number
        (list_level(), style_numbered_at("abc")),
        (list_level(start="-20"), lambda report: report.listed("车辆管理", 0, list_id=LIST)),  # IndexError
        (list_level(start="-3"), lambda report: report.listed("车辆管理", 0, list_id=LIST)),  # shown as 八、
        (list_level(start="9" * 4000), lambda report: report.listed("车辆管理", 0, list_id=LIST)),  # RecursionError
        (list_level(start="9" * 4000, number_format="decimal"), lambda report: report.listed("车辆管理", 0, list_id=LIST)),
        (list_level(start="9" * 5000), lambda report: report.listed("车辆管理", 0, list_id=LIST)),  # beyond int()'s digits
        (list_level(start="32768"), lambda report: report.listed("车辆管理", 0, list_id=LIST)),
    ],
    ids=["ilvl-abc", "ilvl-1.5", "numId-x1", "style-ilvl-abc", "start-minus-20", "start-minus-3", "start-4000-digits",
         "start-4000-digits-decimal", "start-5000-digits", "start-32768"],
)
def test_list_numbers_word_cannot_show_leave_the_paragraph_its_text(workdir: Path, level: str, setup) -> None:
    report = WordReport()
    report.paragraph("今年工作顺利。")
    report.define_list(LIST, level)
    setup(report)
    report.paragraph("车辆更新两台。")
    report.save(workdir / "report.docx")

    result, _, cpu = nianjian_measured("import", "report.docx", "--year", "2019", cwd=workdir)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert cpu < 20
    # The paragraph keeps its text, with no number (a list level, or a paragraph of the opening).
    written = imported_year(workdir)
    shown = [written["summary"]] + [section.get("number", "") + section["title"] + section.get("body", "") for section in written["sections"]]
    assert "".join(shown).replace("\n", "") == "今年工作顺利。车辆管理车辆更新两台。"


def test_list_counters_beyond_words_largest_start_are_not_markers(workdir: Path) -> None:
    """Word's “start at” goes up to 32767; counting on past it is not a number Word shows."""
    report = WordReport()
    report.paragraph("今年工作顺利。")
    report.define_list(LIST, list_level(start="32766"))
    for text in ("物业管理", "餐饮服务", "车辆管理"):
        report.listed(text, 0, list_id=LIST)
        report.paragraph(f"{text}完成。")
    report.save(workdir / "report.docx")

    result = nianjian("import", "report.docx", "--year", "2019", cwd=workdir)
    assert result.returncode == 0, result.stderr
    written = (workdir / "data" / "years" / "2019.yaml").read_text(encoding="utf-8")
    # Numbers this large are no outline marker: they stay in the text, as Word shows them.
    assert "三万二千七百六十六、物业管理" in written and "三万二千七百六十七、餐饮服务" in written
    assert "车辆管理" in written and "三万二千七百六十八" not in written


# --- things that are not a report file -------------------------------------------------------


def test_a_named_pipe_is_refused_at_once_instead_of_waiting_forever(workdir: Path) -> None:
    os.mkfifo(workdir / "report.txt")
    refused(nianjian("import", "report.txt", "--year", "2019", cwd=workdir), "report.txt")


def test_a_folder_is_refused(workdir: Path) -> None:
    (workdir / "report.docx").mkdir()
    result = nianjian("import", "report.docx", "--year", "2019", cwd=workdir)
    refused(result, "report.docx")
    assert "文件夹" in result.stderr


def test_an_oversized_text_file_is_refused(workdir: Path) -> None:
    with open(workdir / "report.txt", "wb") as file:
        file.truncate(MAX_TEXT_BYTES + 1)
    result = nianjian("import", "report.txt", "--year", "2019", cwd=workdir)
    refused(result, "report.txt")
    assert "太大" in result.stderr


# --- encodings: decided on evidence, always said ---------------------------------------------


def test_a_big5_report_is_recognised_and_says_so(workdir: Path) -> None:
    (workdir / "report.txt").write_bytes(BIG5_REPORT.encode("big5"))
    result = nianjian("import", "report.txt", "--year", "2019", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "编码 Big5" in result.stdout
    written = yaml.safe_load((workdir / "data" / "years" / "2019.yaml").read_text(encoding="utf-8"))
    assert written["title"] == "二零一九年機關服務中心工作總結"


def test_the_editor_can_name_big5_and_gets_the_right_characters(workdir: Path) -> None:
    (workdir / "report.txt").write_bytes(BIG5_REPORT.encode("big5"))
    result = nianjian("import", "report.txt", "--year", "2019", "--encoding", "big5", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "编码 Big5（按 --encoding 指定）" in result.stdout
    written = yaml.safe_load((workdir / "data" / "years" / "2019.yaml").read_text(encoding="utf-8"))
    assert written["sections"][0]["sections"][0]["body"] == "食堂全年供應就餐人次十二萬，職工滿意度明顯提高。"


def test_bytes_that_read_as_chinese_both_ways_are_refused_with_the_choice_to_make(workdir: Path) -> None:
    # GB18030 reads 场常或计, Big5 reads 部都麼數: both plausible, so no guess.
    (workdir / "report.txt").write_bytes(b"\xb3\xa1\xb3\xa3\xbb\xf2\xbc\xc6\n")
    result = nianjian("import", "report.txt", "--year", "2019", cwd=workdir)
    refused(result, "report.txt")
    assert "GB18030" in result.stderr and "Big5" in result.stderr
    assert "--encoding gb18030" in result.stderr and "--encoding big5" in result.stderr
    assert not (workdir / "data" / "years" / "2019.yaml").exists()


def test_a_gb18030_report_still_imports_and_says_gb18030(workdir: Path) -> None:
    (workdir / "report.txt").write_bytes(SEED.read_bytes().decode("utf-8").encode("gb18030"))
    result = nianjian("import", "report.txt", "--year", "2019", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "编码 GB18030" in result.stdout


# --- the kept original under data/sources/ ---------------------------------------------------


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    """The repository's data: data/years/2024.yaml links to data/sources/2024-service-center-summary.txt."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def test_an_import_named_like_an_existing_original_does_not_replace_it(real_data: Path) -> None:
    kept = real_data / "data" / "sources" / "2024-service-center-summary.txt"
    before = kept.read_bytes()
    (real_data / "other").mkdir()
    (real_data / "other" / kept.name).write_text("2019年工作总结\n一、成绩\n完成了任务。\n", encoding="utf-8")

    result = nianjian("import", f"other/{kept.name}", "--year", "2019", cwd=real_data)
    refused(result, f"data/sources/{kept.name}")
    assert "data/years/2024.yaml" in result.stderr and "--force" in result.stderr
    assert kept.read_bytes() == before
    assert not (real_data / "data" / "years" / "2019.yaml").exists()

    forced = nianjian("import", f"other/{kept.name}", "--year", "2019", "--force", cwd=real_data)
    assert forced.returncode == 0, forced.stderr
    assert kept.read_bytes() == (real_data / "other" / kept.name).read_bytes()


def test_the_same_original_imported_again_is_reused(real_data: Path) -> None:
    shutil.copy(SEED, real_data / SEED.name)
    result = nianjian("import", SEED.name, "--year", "2019", cwd=real_data)
    assert result.returncode == 0, result.stderr
    assert "沿用" in result.stdout
    assert sorted(os.listdir(real_data / "data" / "sources")) == [SEED.name]


def test_the_kept_copy_gets_a_safe_name(workdir: Path) -> None:
    (workdir / "旧 报告 (2019)&.TXT").write_text("2019年工作总结\n一、成绩\n完成。\n", encoding="utf-8")
    result = nianjian("import", "旧 报告 (2019)&.TXT", "--year", "2019", cwd=workdir)
    assert result.returncode == 0, result.stderr
    written = yaml.safe_load((workdir / "data" / "years" / "2019.yaml").read_text(encoding="utf-8"))
    assert written["source"] == "sources/旧-报告-(2019).txt"
    assert (workdir / "data" / written["source"]).is_file()


def source_links(project, year: int) -> list[str]:
    """The hrefs of the year page's link to its original (原始文件), as written in the HTML."""
    return [html.unescape(href) for href in re.findall(r'<a href="([^"]*)" data-print="[^"]*">原始文件</a>', project.page(f"years/{year}/"))]


def test_the_year_page_links_the_original_whatever_its_name(tmp_path: Path) -> None:
    """The imported copy's name and a name written by hand (# ? % and a space are allowed in
    `source`) both give a link that reaches the file in the built site."""
    project = make_project(tmp_path / "project", REPO / "tests" / "fixtures" / "multi-year")
    (project.root / "报告#1 (2019)?%.txt").write_text("2019年工作总结\n一、成绩\n完成了任务。\n", encoding="utf-8")
    result = nianjian("import", "报告#1 (2019)?%.txt", "--year", "2019", cwd=project.root)
    assert result.returncode == 0, result.stderr
    by_hand = "a#b ?%.txt"
    (project.data / "sources" / by_hand).write_text("2023年工作总结原文\n", encoding="utf-8")
    year_file = project.data / "years" / "2023.yaml"
    year_file.write_text(year_file.read_text(encoding="utf-8").replace("summary:", f'source: "sources/{by_hand}"\nsummary:', 1), encoding="utf-8")

    built = project.build()
    assert built.returncode == 0, built.stderr
    for year, kept in [(2019, "报告-1-(2019).txt"), (2023, by_hand)]:
        [href] = source_links(project, year)
        assert "#" not in href and "?" not in href
        reached = (project.site / "years" / str(year) / urllib.parse.unquote(href)).resolve()
        assert reached == (project.site / "sources" / kept).resolve() and reached.read_bytes() == (project.data / "sources" / kept).read_bytes()


def link_sources_out(root: Path, outside: Path) -> list[str]:
    shutil.rmtree(root / "data" / "sources", ignore_errors=True)
    (root / "data" / "sources").symlink_to(outside, target_is_directory=True)
    return []


def link_years_out(root: Path, outside: Path) -> list[str]:
    shutil.move(root / "data" / "years", outside / "years")
    (root / "data" / "years").symlink_to(outside / "years", target_is_directory=True)
    return []


def link_year_file_out(root: Path, outside: Path) -> list[str]:
    (outside / "2019.yaml").write_text("# 别处的文件\n", encoding="utf-8")
    (root / "data" / "years" / "2019.yaml").symlink_to(outside / "2019.yaml")
    return ["--force"]


def link_new_year_file_out(root: Path, outside: Path) -> list[str]:
    (root / "data" / "years" / "2019.yaml").symlink_to(outside / "2019.yaml")  # nothing there yet
    return []


def link_kept_copy_out(root: Path, outside: Path) -> list[str]:
    (outside / "report.txt").write_bytes((root / "report.txt").read_bytes())  # the same bytes: “reused”
    (root / "data" / "sources").mkdir(exist_ok=True)
    (root / "data" / "sources" / "report.txt").symlink_to(outside / "report.txt")
    return []


def output_option_linked_elsewhere(root: Path, outside: Path) -> list[str]:
    (root / "out.yaml").symlink_to(outside / "out.yaml")
    return ["-o", "out.yaml"]


@pytest.mark.parametrize(
    "setup",
    [link_sources_out, link_years_out, link_year_file_out, link_new_year_file_out, link_kept_copy_out, output_option_linked_elsewhere],
    ids=["data-sources", "data-years", "year-file", "new-year-file", "kept-copy", "output-option"],
)
def test_an_import_does_not_write_through_a_symbolic_link(tmp_path: Path, setup) -> None:
    """A committed symbolic link (data/sources → a folder outside the project) must not let an
    import write there, nor replace the link itself."""
    root, outside = tmp_path / "project", tmp_path / "outside"
    shutil.copytree(REPO / "tests" / "fixtures" / "multi-year", root / "data")
    outside.mkdir()
    (root / "report.txt").write_text("2019年工作总结\n一、成绩\n完成了任务。\n", encoding="utf-8")
    extra = setup(root, outside)
    before_outside, before_data = files_under(outside), files_under(root / "data")
    links = {path: os.readlink(path) for path in [*root.rglob("*"), *outside.rglob("*")] if path.is_symlink()}

    result = nianjian("import", "report.txt", "--year", "2019", *extra, cwd=root)
    refused(result, "report.txt")
    assert "链接" in result.stderr
    assert files_under(outside) == before_outside and files_under(root / "data") == before_data
    assert {path: os.readlink(path) for path in links if path.is_symlink()} == links


@pytest.mark.parametrize(
    "setup, args",
    [
        (lambda root: (root / "data" / "years" / "2024.yaml").touch(), ["--year", "2024"]),  # year file exists
        (lambda root: (root / "report.docx").write_bytes(b"PK\x03\x04 not really"), ["--year", "2019"]),
    ],
    ids=["year-file-exists", "broken-docx"],
)

def test_a_failed_import_leaves_nothing_behind(workdir: Path, setup, args: list[str]) -> None:
    (workdir / "report.txt").write_text("一、成绩\n完成。\n", encoding="utf-8")
    setup(workdir)
    before = files_under(workdir / "data")
    name = "report.docx" if (workdir / "report.docx").exists() else "report.txt"
    result = nianjian("import", name, *args, cwd=workdir)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert files_under(workdir / "data") == before


def test_an_invalid_own_output_is_an_internal_error_that_writes_nothing(workdir: Path, monkeypatch) -> None:
    (workdir / "report.txt").write_text("一、成绩\n完成。\n", encoding="utf-8")
    before = files_under(workdir / "data")
    monkeypatch.setattr(cli, "year_file_text", lambda *args: "year: 不是年份\n")
    try:
        exit_code = cli.main(["import", str(workdir / "report.txt"), "--year", "2019", "--data", str(workdir / "data")])
    except RuntimeError:  # whether main() lets a bug through or reports it, nothing is written
        exit_code = None
    assert exit_code != 0
    assert files_under(workdir / "data") == before


# --- nianjian new ----------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["99999", "0", "1899", "2101"])
def test_new_refuses_a_year_outside_the_schema_and_changes_nothing(workdir: Path, year: str) -> None:
    before = files_under(workdir / "data")
    result = nianjian("new", year, cwd=workdir)
    refused(result, f"{year}.yaml")
    assert "1900" in result.stderr and "2100" in result.stderr
    assert files_under(workdir / "data") == before


def test_new_appends_rows_to_an_excel_csv_keeping_bom_crlf_and_odd_indicators(workdir: Path) -> None:
    csv_file = workdir / "data" / "metrics" / "real.csv"
    odd = '就餐人次,含"外卖"'
    text = csv_file.read_text(encoding="utf-8") + '2024,catering,"就餐人次,含""外卖""",万人次,3,,false\n'
    csv_file.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))

    result = nianjian("new", "2025", cwd=workdir)
    assert result.returncode == 0, result.stderr
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert ["2025", "catering", odd, "万人次", "", "", "false"] in rows
    assert ["2025", "catering", "就餐人次", "万人次", "", "", "false"] in rows
    year = workdir / "data" / "years" / "2025.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("（待填写）", "完成。"), encoding="utf-8")  # the editor writes
    assert nianjian("validate", cwd=workdir).returncode == 0


def test_a_missing_file_is_named(workdir: Path) -> None:
    refused(nianjian("import", "missing.txt", "--year", "2019", cwd=workdir), "missing.txt")


def test_a_text_report_with_control_characters_imports_without_them(workdir: Path) -> None:
    """A report saved by an old program can carry invisible control characters (here a terminal
    escape and a C1 CSI): the year file may not hold them, so the import leaves them out, says
    how many, and its own file validates; before, it stopped with a program error."""
    (workdir / "report.txt").write_text("2019年工作总结\n今年\x01工作\x1b[2J很好\x9b。\n一、主要成绩\n食堂改造完成。\n", encoding="utf-8")
    result = nianjian("import", "report.txt", "--year", "2019", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "删除了 3 个不可见的控制字符" in result.stdout and "\x1b" not in result.stdout
    written = (workdir / "data" / "years" / "2019.yaml").read_text(encoding="utf-8")
    assert "今年工作[2J很好。" in written
    assert "控制字符" not in nianjian("validate", cwd=workdir).stdout


def test_a_report_too_long_for_a_year_file_is_refused_before_anything_is_written(workdir: Path) -> None:
    """A 4 MB text is within what import reads (5 MB) but would make a year file the build
    refuses (2 MB): the import says so instead of writing it."""
    lines = ["2019年工作总结", "一、主要成绩"] + ["食堂改造完成，就餐环境明显改善，职工满意度提高。" * 4] * 15_000
    (workdir / "report.txt").write_text("\n".join(lines), encoding="utf-8")
    result = nianjian("import", "report.txt", "--year", "2019", cwd=workdir)
    refused(result, "report.txt")
    assert "超过年度文件的上限 2 MB" in result.stderr
    assert not (workdir / "data" / "years" / "2019.yaml").exists() and not (workdir / "data" / "sources" / "report.txt").exists()
