"""Many hands, one book: the office plans who writes each part of 2024 (组稿), departments hand
their parts in, leaders review them (初审 → 复审 → 终审) and sign the year off. Until then every
rendering says 征求意见稿 and the public edition leaves the year out; the office follows it all on
its board and with `nianjian status 2024`."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from conftest import FIXTURES, Project, make_project
from nianjian.check.load import check_data

PLAN = """review:
  - step: 初审
    by: 办公室 李四
    date: 2025-01-20
contributions:
  - part: 节能
    unit: 节能办
    writer: 张某
    due: 2025-01-15
    submitted: 2025-01-14
    review:
      - step: 初审
        by: 李四
        date: 2025-01-16
  - part: achievements:energy
    unit: 节能办
    due: 2025-01-15
  - part: summary
    unit: 办公室
    due: 2025-01-10
    submitted: 2025-01-12
"""
SIGNED = """review:
  - step: 初审
    by: 办公室 李四
    date: 2024-01-10
  - step: 复审
    by: 副主任 王五
    date: 2024-01-15
  - step: 终审
    by: 主任 赵六
    date: 2024-01-20
"""


def planned(data: Path, year: int = 2024, text: str = PLAN) -> Path:
    path = data / "years" / f"{year}.yaml"
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace("plan_outcomes:", text + "plan_outcomes:", 1) if "plan_outcomes:" in content else content + text, encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The line of the last occurrence of `text` (the changed one, when a line is repeated)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return len(lines) - lines[::-1].index(text)


@pytest.mark.parametrize(
    "change, expected_line, field, says",
    [
        (("      - step: 初审\n        by: 李四\n", "      - step: 终审\n        by: 李四\n"), "      - step: 终审", "contributions[0].review[0].step", "终审之前要有复审"),
        (("  - step: 初审\n    by: 办公室 李四\n    date: 2025-01-20\n", "  - step: 复审\n    by: 办公室 李四\n    date: 2025-01-20\n"), "  - step: 复审", "review[0].step", "复审之前要有初审"),
        (("        date: 2025-01-16\n", "        date: 2025-01-13\n"), "        date: 2025-01-13", "contributions[0].review[0].date", "早于上一步（2025-01-14）"),
        (("  - part: summary\n", "  - part: 没有这一节\n"), "  - part: 没有这一节", "contributions[2].part", "没有 id 为 没有这一节 的章节"),
        (("  - part: summary\n", "  - part: 节能\n"), "  - part: 节能", "contributions[2].part", "已在第 1 项列过"),
        (("    due: 2025-01-10\n", "    due: 2025-02-30\n"), "    due: 2025-02-30", "contributions[2].due", "2月没有30日"),
    ],
)
def test_a_review_out_of_order_or_a_plan_naming_nothing_is_refused_with_file_and_line(
    tmp_path: Path, change: tuple[str, str], expected_line: str, field: str, says: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    path = planned(data)
    path.write_text(path.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    errors = check_data(data).errors
    assert [(error.file, error.line, error.field) for error in errors] == [("data/years/2024.yaml", line_of(path, expected_line), field)], errors
    assert says in errors[0].message


def test_a_return_must_say_why_and_the_review_starts_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    returned = """review:
  - step: 初审
    by: 办公室 李四
    date: 2025-01-10
  - step: 复审
    by: 副主任 王五
    date: 2025-01-15
  - step: 驳回
    by: 主任 赵六
    date: 2025-01-16
    note: 数字请与统计报表核对
  - step: 初审
    by: 办公室 李四
    date: 2025-01-18
  - step: 复审
    by: 副主任 王五
    date: 2025-01-19
  - step: 终审
    by: 主任 赵六
    date: 2025-01-20
"""
    path = planned(data, text=returned)
    check = check_data(data)
    assert check.errors == [] and next(record for record in check.archive.years if record.year == 2024).signed
    path.write_text(path.read_text(encoding="utf-8").replace("    note: 数字请与统计报表核对\n", ""), encoding="utf-8")
    assert [error.field for error in check_data(data).errors] == ["review[2].note"]


def test_status_prints_each_part_s_unit_state_writing_and_lateness(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    planned(data)
    result = subprocess.run([sys.executable, "-m", "nianjian", "status", "2024", "--data", str(data), "--today", "2025-01-22"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "整个年度 初审，征求意见稿" in lines[0]
    energy = next(line for line in lines if line.startswith("（一）节能降耗")).split()
    assert energy[1:6] == ["节能办", "张某", "2025-01-15", "初审", "14"]
    late = next(line for line in lines if line.startswith("节能：主要成绩")).split()
    assert late[4] == "待供稿" and late[-2:] == ["7", "天"]
    assert "1 部分逾期未交" in lines[-1]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("review") / "project", FIXTURES / "knowledge-base")
    planned(project.data)  # 2024: under review, not signed
    planned(project.data, 2023, SIGNED.replace("2024-01", "2024-02"))  # 2023: signed
    assert (result := project.publish()).returncode == 0, result.stderr
    public = project.root / "site-public"
    result = subprocess.run([sys.executable, "-m", "nianjian.web.publish", "--site-dir", str(public), "--edition", "公开"], cwd=project.root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.slow
def test_until_it_is_signed_every_rendering_of_the_year_says_draft_and_its_date(reviewed: Project) -> None:
    page = reviewed.page("years/2024/")
    assert "征求意见稿（2025年1月20日）" in page and 'class="nj-draft-mark"' in page
    assert "征求意见稿" not in reviewed.page("years/2023/")
    for name in ("report-2024.docx", "report-2024-formal.docx"):
        document = docx.Document(io.BytesIO((reviewed.site / "downloads" / name).read_bytes()))
        section = document.sections[0]
        assert "征求意见稿（2025年1月20日）" in section.header.paragraphs[0].text and "征求意见稿" in section.even_page_header.paragraphs[0].text, name
    header = docx.Document(io.BytesIO((reviewed.site / "downloads" / "report-2023.docx").read_bytes())).sections[0].header
    assert "征求意见稿" not in "".join(paragraph.text for paragraph in header.paragraphs)


@pytest.mark.slow
def test_the_public_edition_takes_only_signed_years_and_has_no_board(reviewed: Project) -> None:
    public = reviewed.root / "site-public"
    assert (public / "years" / "2023" / "index.html").is_file() and not (public / "years" / "2024").exists()
    assert not (public / "board").exists() and "组稿与审核" not in (public / "index.html").read_text(encoding="utf-8")
    board = reviewed.page("board/")  # the internal edition's
    assert "2024年组稿进度" in board and "节能办" in board and "待供稿" in board and "征求意见稿" in board


@pytest.mark.slow
def test_each_planned_part_ends_with_its_writer_s_line_unless_site_yaml_switches_it_off(reviewed: Project, tmp_path: Path) -> None:
    page = reviewed.page("years/2024/")
    assert "（撰稿：节能办 张某）" in page and "（撰稿：节能办）" in page and "（撰稿：办公室）" in page
    project = make_project(tmp_path / "project", reviewed.data)
    site = project.data / "site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("editorial:\n", "editorial:\n  credits: false\n") if "editorial:" in text else text + "editorial:\n  credits: false\n", encoding="utf-8")
    assert (result := project.build()).returncode == 0, result.stderr
    assert "撰稿：" not in project.page("years/2024/")


def test_new_writes_next_year_s_plan_from_this_year_s_units_and_writers_due_a_year_later(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    planned(data)
    result = subprocess.run([sys.executable, "-m", "nianjian", "new", "2025", "--data", str(data)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    check = check_data(data, unfinished_is_error=False)
    assert check.errors == []
    record = next(record for record in check.archive.years if record.year == 2025)
    assert record.review == () and not record.signed  # a 征求意见稿 until its 终审
    assert [(part.part, part.unit, part.writer, part.due, part.state) for part in record.contributions] == [
        ("节能", "节能办", "张某", "2026-01-15", "待供稿"),
        ("achievements:energy", "节能办", "", "2026-01-15", "待供稿"),
        ("summary", "办公室", "", "2026-01-10", "待供稿"),
    ]


UNITS = """units:
  - name: 办公室
    reviewers: ["@office-lead"]
    office: true
  - name: 节能办
    reviewers: ["@energy-lead"]
"""


def test_codeowners_sends_a_year_s_and_its_numbers_changes_to_the_units_planned_to_write_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "knowledge-base", data)
    planned(data, text=PLAN.replace("  - part: summary\n", "  - part: metrics:energy\n    unit: 节能办\n    due: 2025-01-15\n  - part: summary\n"))
    (data / "site.yaml").write_text((data / "site.yaml").read_text(encoding="utf-8") + UNITS, encoding="utf-8")
    output = tmp_path / ".github" / "CODEOWNERS"
    result = subprocess.run([sys.executable, "-m", "nianjian", "codeowners", "--data", str(data), "--output", str(output)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = [line for line in output.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == ["/data/ @office-lead", "/data/years/2024.yaml @office-lead @energy-lead", "/data/metrics/all.csv @office-lead @energy-lead"]
    # A unit the site does not know is refused where the plan names it.
    path = data / "years" / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    unit: 办公室\n", "    unit: 后勤科\n", 1), encoding="utf-8")
    errors = check_data(data).errors
    assert [(error.line, error.field) for error in errors] == [(line_of(path, "    unit: 后勤科"), "contributions[3].unit")] and "units" in errors[0].message


def git(project: Project, *arguments: str, author: str = "物业科 张某") -> None:
    subprocess.run(
        ["git", "-c", f"user.name={author}", "-c", "user.email=editor@example.invalid", "-c", "commit.gpgsign=false", *arguments],
        cwd=project.root, check=True, capture_output=True,
    )


@pytest.mark.slow
def test_the_year_page_shows_its_revisions_from_git_and_says_when_there_is_no_history(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    assert (result := project.build()).returncode == 0, result.stderr
    assert "构建时没有 git 历史" in project.page("years/2024/")  # not a git work tree: still builds, and says so
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "录入2024年度总结", author="办公室 李四")
    year = project.data / "years" / "2024.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("平稳推进", "稳步推进"), encoding="utf-8")
    git(project, "commit", "-q", "-am", "物业科修改开篇 <script>alert(1)</script>")
    assert (result := project.build()).returncode == 0, result.stderr
    page = project.page("years/2024/")
    history = page.split('id="附-修订记录"', 1)[1]
    rows = re.findall(r"<tr>\s*<td[^>]*>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*</tr>", history.split("</table>", 1)[0])
    assert [(author, message) for _, author, message in rows] == [
        ("物业科 张某", "物业科修改开篇 &lt;script&gt;alert(1)&lt;/script&gt;"), ("办公室 李四", "录入2024年度总结"),
    ]
    assert "<script>alert(1)" not in page
    assert len(re.findall(r"<tr>\s*<td", project.page("years/2023/").split('id="附-修订记录"', 1)[1].split("</table>", 1)[0])) == 1  # only the first commit touched 2023
