"""The editors' commands, run as real processes the way an editor types them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SEED, nianjian
from word_reports import WordReport
from nianjian.check.load import load_archive

def test_validate_clean_data_says_so_and_exits_0(workdir: Path) -> None:
    result = nianjian("validate", cwd=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "检查了 7 个文件、3 个年度：没有发现问题。"


def test_validate_lists_every_problem_in_the_build_format_and_exits_1(workdir: Path) -> None:
    year_file = workdir / "data" / "years" / "2023.yaml"
    year_file.write_text(year_file.read_text(encoding="utf-8").replace("figure: 1200", "figure: 很多"), encoding="utf-8")
    csv_file = workdir / "data" / "metrics" / "real.csv"
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace(",700,", ",七百,"), encoding="utf-8")
    result = nianjian("validate", "data", cwd=workdir)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("data/metrics/real.csv:7:5: value — `value`（数值）应为数字")
    assert lines[1].startswith("data/years/2023.yaml:34:5: achievements[1].figure — `figure`（数值）应为数字")
    assert lines[-1] == "检查了 7 个文件、年度数未计（数据有误）：发现 2 个问题。"
    assert "Traceback" not in result.stderr


def test_validate_json_for_machines(workdir: Path) -> None:
    (workdir / "data" / "years" / "2024.yaml").rename(workdir / "data" / "years" / "2025.yaml")
    result = nianjian("validate", "--format", "json", cwd=workdir)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and "data/years/2025.yaml" in report["files"]
    [problem] = report["problems"]
    assert problem["file"] == "data/years/2025.yaml" and problem["field"] == "year" and problem["line"] == 1


def test_import_the_seed_prints_what_it_recognised_and_keeps_the_original(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(SEED, tmp_path / "old-report.txt")
    result = nianjian("import", "old-report.txt", "--year", "2023", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "编码 UTF-8" in out
    assert "目录：5 项" in out
    assert "第1级 5 个、第2级 1 个、第3级 6 个" in out
    assert "原文缺失：四、存在问题" in out and "无正文的标题：2、抓制度建设" in out and "原文不完整：3、" in out
    assert (tmp_path / "data" / "sources" / "old-report.txt").read_bytes() == SEED.read_bytes()
    written = yaml.safe_load((tmp_path / "data" / "years" / "2023.yaml").read_text(encoding="utf-8"))
    assert written["source"] == "sources/old-report.txt"
    assert nianjian("validate", cwd=tmp_path).returncode == 0


def test_import_detects_gbk_and_refuses_to_overwrite_without_force(workdir: Path) -> None:
    (workdir / "old.txt").write_bytes("2021年工作总结\n今年顺利。\n一、成绩\n食堂改造完成。\n".encode("gbk"))
    first = nianjian("import", "old.txt", "--year", "2021", cwd=workdir)
    assert first.returncode == 0 and "编码 GB18030" in first.stdout
    again = nianjian("import", "old.txt", "--year", "2021", cwd=workdir)
    assert again.returncode == 1 and "已存在" in again.stderr and "--force" in again.stderr
    forced = nianjian("import", "old.txt", "--year", "2021", "--force", cwd=workdir)
    assert forced.returncode == 0


def a_2023_word_report(path: Path) -> Path:
    """The 2023 report as an office writes it in Word: 标题 1/2 styles, typed 一、（一）1、（1）①,
    a long “2、” paragraph with (1)(2) after it, short “1、标题。正文” items, Word's own list
    numbering, a table of achievements with a column of its own, and a text box."""
    report = WordReport()
    report.paragraph("2023年机关服务中心工作总结")
    report.paragraph("2023年，中心围绕保障机关运转，各项工作稳步推进。")
    report.heading("一、主要工作成绩", level=1)
    report.heading("（一）物业管理", level=2)
    report.paragraph("1、大楼托管。完成了大楼动力设施和卫生保洁的托管。")
    report.paragraph("2、转变观念、规范管理，" + "完成了大楼动力设施、卫生保洁、绿化美化工作的招标托管工作，" * 2 + "服务质量明显提升。")
    report.paragraph("（1）动力设施")
    report.paragraph("全年无停电停水。")
    report.paragraph("（2）卫生保洁")
    report.paragraph("①楼道保洁。每日两次。")
    report.paragraph("②会议室保洁。会前会后各一次。")
    report.heading("（二）餐饮服务", level=2)
    for number, (title, body) in enumerate(
        [("食堂改造", "完成后厨改造。"), ("菜品", "新增菜品三十种。"), ("满意度", "测评满意率96%。"), ("食品安全", "全年无事故。"),
         ("节约", "开展光盘行动。"), ("培训", "厨师培训两期。"), ("采购", "集中采购降低成本。")], start=1):
        report.paragraph(f"{number}、{title}。{body}")
    report.paragraph("　　（一）物业管理；（二）餐饮服务；（三）安全保卫，均按计划完成。")
    report.listed("存在问题", 0)  # numbered by Word: 一、 (its own list, counted from one)
    report.listed("车辆老化", 2)
    report.paragraph("部分车辆已超过使用年限。")
    report.table([["事项", "成果", "完成时间", "负责科室"], ["食堂改造", "完工", "2023年6月", "后勤科"], ["节能改造", "用电下降4.5%", "2023-11", "物业科"]])
    report.text_box("图片说明：新食堂")
    return report.save(path)


def test_editor_imports_the_2023_word_report_and_sees_what_became_of_every_part(workdir: Path) -> None:
    a_2023_word_report(workdir / "2023年工作总结.docx")
    result = nianjian("import", "2023年工作总结.docx", "--year", "2023", "--force", cwd=workdir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "各级标题：第1级 2 个、第2级 2 个、第3级 9 个、第4级 2 个、第5级 2 个；段落 " in out
    assert "存在问题 1 条（problems）" in out  # the numbered line under 存在问题 is a problem, not a heading
    assert "表格：1 个，共 3 行，整理为 2 条成绩候选（achievements）；其中 1 条按文字建议了工作领域" in out and "1 条的 area 待填写" in out
    assert "表格 1“节能改造”：建议领域 energy（节能，依据“节能”）" in out
    assert "表格 1：“负责科室” 列，只在注释中" in out
    # Every character is accounted for; the text box is named as not imported.
    assert re.search(r"字数（不计空格和标点）：原文 \d+，只有 正文 \d+ \+ 表格 \d+ \+ 问题和思路 \d+：7 字没有导入", out), out

    written = yaml.safe_load((workdir / "data" / "years" / "2023.yaml").read_text(encoding="utf-8"))
    assert written["title"] == "2023年机关服务中心工作总结"
    [results, problems] = written["sections"]
    assert (results["number"], results["title"], problems["number"], problems["title"]) == ("一、", "主要工作成绩", "一、", "存在问题")
    property_, catering = results["sections"]
    assert [(s["number"], s["title"]) for s in property_["sections"]] == [("1、", "大楼托管。"), ("2、", "转变观念、规范管理")]
    assert [(s["number"], s["title"]) for s in property_["sections"][1]["sections"]] == [("（1）", "动力设施"), ("（2）", "卫生保洁")]
    assert [s["title"] for s in property_["sections"][1]["sections"][1]["sections"]] == ["楼道保洁。", "会议室保洁。"]
    assert [s["title"] for s in catering["sections"]][:2] == ["食堂改造。", "菜品。"] and len(catering["sections"]) == 7
    assert all(s.get("body") for s in catering["sections"])  # none “without text”
    assert catering["sections"][-1]["body"].endswith("（一）物业管理；（二）餐饮服务；（三）安全保卫，均按计划完成。")
    assert "sections" not in problems and written["problems"] == [{"text": "车辆老化\n\n部分车辆已超过使用年限。"}]
    assert written["achievements"] == [
        {"item": "食堂改造", "result": "完工", "area": "（待填写）", "date": "2023-06"},
        {"item": "节能改造", "result": "用电下降4.5%", "area": "energy", "date": "2023-11"},
    ]
    # The area is the editor's to fill: validate says so until it is, then the year is valid.
    unfinished = nianjian("validate", cwd=workdir)
    assert unfinished.returncode == 1 and unfinished.stdout.count("工作领域还没有填写") == 1 and "还有待填写的内容" not in unfinished.stdout
    year_file = workdir / "data" / "years" / "2023.yaml"
    year_file.write_text(year_file.read_text(encoding="utf-8").replace("area: （待填写）", "area: catering"), encoding="utf-8")
    checked = nianjian("validate", cwd=workdir)
    assert checked.returncode == 0, checked.stdout


def test_the_2023_report_saved_again_by_libreoffice_imports_the_same(workdir: Path, tmp_path: Path) -> None:
    """Offices pass reports between Word, WPS and LibreOffice; each writes the same list its
    own way (LibreOffice numbers 一、 as taiwaneseCountingThousand). The year file is the same."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed: .ci/run installs libreoffice-writer")
    original = a_2023_word_report(tmp_path / "report.docx")
    resaved = tmp_path / "resaved"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(resaved), str(original)],
        check=True, capture_output=True, timeout=180,
    )
    for source, output in ((original, "word.yaml"), (resaved / "report.docx", "libreoffice.yaml")):
        result = nianjian("import", str(source), "--year", "2023", "-o", output, "--data", "elsewhere", cwd=workdir)
        assert result.returncode == 0, result.stderr
    assert (workdir / "word.yaml").read_text(encoding="utf-8") == (workdir / "libreoffice.yaml").read_text(encoding="utf-8")


def test_import_explains_an_old_doc_file(workdir: Path) -> None:
    (workdir / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = nianjian("import", "old.doc", "--year", "2021", cwd=workdir)
    assert result.returncode == 1 and ".docx" in result.stderr and "Traceback" not in result.stderr


def test_new_year_lists_last_years_plans_and_empty_metric_rows(workdir: Path) -> None:
    result = nianjian("new", "2025", cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = (workdir / "data" / "years" / "2025.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    scaffold = yaml.safe_load(text)
    # Problems and plans only as lists: the page makes its 存在问题 and 明年工作思路 from them.
    assert [s["title"] for s in scaffold["sections"]] == ["工作概述", "主要工作成绩", "创新与改革"]
    assert scaffold["problems"] == [] and scaffold["plans"] == []
    areas = scaffold["sections"][1]["sections"]
    assert [s["title"] for s in areas] == ["餐饮服务方面的工作", "节能方面的工作", "公务用车方面的工作"]
    assert [s["area"] for s in areas] == ["catering", "energy", "vehicles"] and all(s["id"] for s in scaffold["sections"] + areas)
    assert "plan_outcomes" not in scaffold  # 2024 set no plans
    assert "2025,catering,就餐人次,万人次,,,false" in (workdir / "data" / "metrics" / "real.csv").read_text(encoding="utf-8")
    # The placeholders are not published: validate names each one, with its line.
    unfinished = nianjian("validate", cwd=workdir)
    assert unfinished.returncode == 1 and unfinished.stdout.count("还有待填写的内容") == 6, unfinished.stdout
    assert "data/years/2025.yaml:6:1: summary — 还有待填写的内容" in unfinished.stdout
    (workdir / "data" / "years" / "2025.yaml").write_text(text.replace("（待填写）", "本年完成了各项工作。"), encoding="utf-8")
    assert nianjian("validate", cwd=workdir).returncode == 0


def test_new_year_after_a_year_with_plans_carries_them_by_id(workdir: Path) -> None:
    (workdir / "data" / "years" / "2024.yaml").unlink()
    result = nianjian("new", "2024", cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = (workdir / "data" / "years" / "2024.yaml").read_text(encoding="utf-8")
    scaffold = yaml.safe_load(text)
    assert scaffold["plan_outcomes"] == [{"plan": "2024-energy-save", "note": ""}]
    (workdir / "data" / "years" / "2024.yaml").write_text(text.replace("（待填写）", "已完成。"), encoding="utf-8")
    archive = load_archive(workdir / "data")
    assert archive.year(2024).plan_outcomes[0].plan == "2024-energy-save"


def test_new_refuses_an_existing_year(workdir: Path) -> None:
    before = (workdir / "data" / "years" / "2024.yaml").read_bytes()
    result = nianjian("new", "2024", cwd=workdir)
    assert result.returncode == 1 and "已存在" in result.stderr
    assert (workdir / "data" / "years" / "2024.yaml").read_bytes() == before


def test_a_mistyped_command_is_explained_in_chinese(workdir: Path) -> None:
    cases = [
        (("import", "old.docx"), "缺少参数：--year"),
        (("new", "二〇二五"), "年份 应为整数（如 2025），写的是 '二〇二五'"),
        (("import", "old.txt", "--year", "2021", "--encoding", "latin1"), "--encoding 不能是 'latin1'，可选：'utf-8', 'gb18030', 'big5'"),
        (("publish",), "命令 不能是 'publish'，可选：'validate', 'import', 'export', 'status', 'codeowners', 'new'"),
    ]
    for arguments, message in cases:
        result = nianjian(*arguments, cwd=workdir)
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert result.stderr.startswith("用法：nianjian") and "error" not in result.stderr and "usage" not in result.stderr
    shown = nianjian("import", "--help", cwd=workdir).stdout
    assert shown.startswith("用法：nianjian import") and "显示这段说明" in shown and "--year 年份" in shown
    assert not re.search(r"show this|options|positional|usage", shown)


@pytest.mark.parametrize(
    ("command", "prog", "takes_value"),
    [
        (["nianjian", "validate"], "nianjian", "--format"),
        (["nianjian.web.publish"], "python -m nianjian.web.publish", "--site-dir"),
        (["nianjian.paper.pdf"], "python -m nianjian.paper.pdf", "--data-dir"),
    ],
    ids=["nianjian", "publish", "pdf"],
)
def test_every_command_answers_bad_arguments_and_help_in_chinese(command: list[str], prog: str, takes_value: str, tmp_path: Path) -> None:
    """make build and make pdf are typed by hand too: their usage, help and complaints are in
    Chinese like the editors' commands, with no English placeholder for an option's value."""

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", *command, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60)

    for args, message in [(["--bogus"], "不认识的参数：--bogus"), ([takes_value], f"{takes_value} 后面要写一个值")]:
        result = run(*args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"用法：{prog}") and message in result.stderr, result.stderr
        assert not re.search(r"usage|error|unrecognized|expected", result.stderr), result.stderr
    shown = run("-h")
    assert shown.returncode == 0 and shown.stdout.startswith(f"用法：{prog}") and "显示这段说明" in shown.stdout, shown.stdout
    assert not re.search(r"show this|options|positional|usage|--[a-z-]+ [A-Z_]{2,}", shown.stdout), shown.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "nianjian"
    assert script.is_file(), "make install puts `nianjian` into .venv/bin"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "validate" in result.stdout and "import" in result.stdout
