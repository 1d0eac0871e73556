"""The secrecy check before publishing (保密检查): an editor leaves a mobile number in a report;
`nianjian validate` points at it (file:line:field), the public edition refuses to be made until
it is removed, marked internal, or accepted with a reason, which every build then lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, Project, add_to_year, make_project
from nianjian.check.secrecy import findings_in, id_number_valid, luhn_valid
from nianjian.model import SecrecySettings

SETTINGS = SecrecySettings(staff=("王小明",))


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("联系电话 13812345678。", "手机号", "13812345678"),
        ("联系电话 138-1234-5678。", "手机号", "138-1234-5678"),
        ("身份证号 11010519491231002X。", "身份证号", "11010519491231002X"),
        ("报销卡号 4111 1111 1111 1111。", "银行卡号", "4111 1111 1111 1111"),
        ("来信请寄 office@example.gov.cn。", "邮箱地址", "office@example.gov.cn"),
        ("本文属机密材料。", "敏感词", "机密"),
        ("王小明负责接待。", "人名", "王小明"),
    ],
)
def test_each_kind_of_sensitive_text_is_found(text: str, kind: str, found: str) -> None:
    [finding] = findings_in(text, SETTINGS, public=True)
    assert (finding.kind, finding.text, text[finding.offset:finding.offset + len(found)]) == (kind, found, found)


def test_ordinary_numbers_dates_and_document_numbers_are_not_findings() -> None:
    text = "2024年12月31日，就餐 1,245,678 人次，用电 158.3 万千瓦时，文号 测服〔2024〕5号，编号 20240101123456，电话 0571-87654321。"
    assert findings_in(text, SETTINGS, public=True) == []
    assert not id_number_valid("110105194912310021")  # wrong check digit
    assert not id_number_valid("11010519491331002X")  # no 13th month
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert findings_in("王小明负责接待。", SETTINGS, public=False) == []  # names matter in the public edition only


PHONE_SECTION = """events:
  - date: 2024-03-01
    text: 值班电话 13812345678 开通。
"""


def project_with_phone(root: Path) -> tuple[Project, int]:
    project = make_project(root, FIXTURES / "multi-year")
    path = add_to_year(project.data, 2024, PHONE_SECTION)
    line = path.read_text(encoding="utf-8").splitlines().index("    text: 值班电话 13812345678 开通。") + 1
    return project, line


def run(project: Project, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *arguments], cwd=project.root, capture_output=True, text=True, timeout=300)


def test_validate_warns_with_file_line_and_field_and_still_passes(tmp_path: Path) -> None:
    project, line = project_with_phone(tmp_path / "project")
    result = run(project, "nianjian", "validate", "data")
    assert result.returncode == 0, result.stdout
    assert f"data/years/2024.yaml:{line}" in result.stdout and "events[0].text" in result.stdout and "像是手机号：13812345678" in result.stdout


@pytest.mark.slow
def test_the_public_edition_is_refused_until_the_finding_is_accepted_and_then_lists_it(tmp_path: Path) -> None:
    project, line = project_with_phone(tmp_path / "project")
    public = project.root / "site-public"
    refused = run(project, "nianjian.web.publish", "--site-dir", str(public), "--edition", "公开")
    assert refused.returncode != 0 and f"data/years/2024.yaml:{line}" in refused.stderr and "secrecy.accepted" in refused.stderr
    assert "Traceback" not in refused.stderr and not public.exists()
    internal = project.publish()  # the internal edition is not held back
    assert internal.returncode == 0, internal.stderr
    site = project.data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "secrecy:\n  accepted:\n    - text: \"13812345678\"\n      reason: 对外公开的值班电话\n", encoding="utf-8")
    allowed = run(project, "nianjian.web.publish", "--site-dir", str(public), "--edition", "公开")
    assert allowed.returncode == 0, allowed.stderr
    assert "保密检查：1 处已确认" in allowed.stderr and "对外公开的值班电话" in allowed.stderr
    assert "13812345678" in (public / "years" / "2024" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_what_is_marked_internal_does_not_hold_the_public_edition_back(tmp_path: Path) -> None:
    project, _ = project_with_phone(tmp_path / "project")
    path = project.data / "years" / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    text: 值班电话 13812345678 开通。\n", "    text: 值班电话 13812345678 开通。\n    internal: true\n"), encoding="utf-8")
    public = project.root / "site-public"
    result = run(project, "nianjian.web.publish", "--site-dir", str(public), "--edition", "公开")
    assert result.returncode == 0, result.stderr
    assert "13812345678" not in (public / "years" / "2024" / "index.html").read_text(encoding="utf-8")


def test_reviewers_are_not_findings_but_a_writer_named_in_a_published_credit_line_is(tmp_path: Path) -> None:
    from nianjian.check.load import check_data

    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    site = project.data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "secrecy:\n  staff: [王小明, 李大伟]\n", encoding="utf-8")
    add_to_year(project.data, 2024, "review:\n  - step: 初审\n    by: 王小明\n    date: 2025-01-20\n    note: 请李大伟核对\ncontributions:\n  - part: summary\n    unit: 办公室\n    writer: 李大伟\n    due: 2025-01-10\n")
    assert [(finding.error.field, finding.text) for finding in check_data(project.data).findings] == [("contributions[0].writer", "李大伟")]
    site.write_text(site.read_text(encoding="utf-8").replace("secrecy:\n", "editorial:\n  credits: false\nsecrecy:\n"), encoding="utf-8")
    assert check_data(project.data).findings == []  # no 撰稿 line is printed: the name is not published
