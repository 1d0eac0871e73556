"""The editors' commands, run as real processes the way an editor types them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO
from nianjian.load import load_archive

SEED = REPO / "data" / "sources" / "2024-service-center-summary.txt"


def nianjian(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nianjian", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "multi-year", tmp_path / "data")
    return tmp_path


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


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "nianjian"
    assert script.is_file(), "make install puts `nianjian` into .venv/bin"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "validate" in result.stdout and "import" in result.stdout
