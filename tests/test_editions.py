"""Two editions from one data/: the office marks what is internal (内部) — a whole year, a section,
an achievement, a problem, a plan, an event, an honour, a photograph, an attachment, a number —
and `make build pdf EDITION=公开` makes a public edition with none of it anywhere: pages, search
index, sitemap, downloads, Word, PDF, volumes, charts, key figures. The leak test plants a marker
in every internal field and reads every file of the public build, inside .docx, .xlsx and .pdf."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from conftest import FIXTURES, Project, make_project
from nianjian.check.edition import PUBLIC, public_archive
from nianjian.check.load import load_archive

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

MARK = "QZXLEAK"  # each internal text carries it with a number; no public text has it

INTERNAL_SECTION = """  - title: 内部事项 QZXLEAK01
    id: 内部节
    internal: true
    body: 内部正文 QZXLEAK02，见[备忘](../../sources/QZXLEAK-memo.txt)。
"""
ADDED_2024 = """  - area: energy
    item: 内部成绩 QZXLEAK03
    result: 内部结果
    internal: true
  - area: energy
    item: 公开成绩
    result: 出自内部一节的公开成绩
    section: 内部节
problems:
  - text: 内部问题 QZXLEAK04
    internal: true
  - text: 公开问题：节能设备老化
plans:
  - id: 2025-secret
    text: 内部思路 QZXLEAK05
    internal: true
  - id: 2025-open
    text: 公开思路：继续节能
events:
  - date: 2024-04-01
    text: 内部大事 QZXLEAK06
    internal: true
  - date: 2024-05-01
    text: 公开大事：节能宣传周
honours:
  - title: 内部荣誉 QZXLEAK07
    holder: 机关服务中心
    level: 省级
    internal: true
photos:
  - file: sources/内部照片.jpg
    caption: 内部照片 QZXLEAK08
    internal: true
attachments:
  - file: sources/QZXLEAK-att.pdf
    title: 内部附件 QZXLEAK09
    internal: true
"""
INTERNAL_METRIC = "2024,energy,内部指标QZXLEAK10,万元,987654.3,内部 QZXLEAK11,false,true\n"


def marked_project(root: Path) -> Project:
    project = make_project(root, FIXTURES / "knowledge-base")
    data = project.data
    (data / "sources").mkdir(exist_ok=True)
    (data / "sources" / "QZXLEAK-memo.txt").write_text("内部备忘 QZXLEAK12", encoding="utf-8")
    (data / "sources" / "QZXLEAK-att.pdf").write_bytes(b"%PDF-1.4\n% QZXLEAK13\n%%EOF\n")
    Image.new("RGB", (800, 600), (90, 90, 90)).save(data / "sources" / "内部照片.jpg")
    year = data / "years" / "2024.yaml"
    text = year.read_text(encoding="utf-8")
    text = text.replace("achievements:\n", INTERNAL_SECTION + "achievements:\n", 1)
    # The two achievements go on the list of achievements; the rest are lists of their own.
    text = text.replace("problems: []\nplans: []\n", "").replace("plan_outcomes:", ADDED_2024 + "plan_outcomes:", 1)
    year.write_text(text, encoding="utf-8")
    whole = data / "years" / "2022.yaml"
    whole.write_text("internal: true\n" + whole.read_text(encoding="utf-8").replace("summary: 2022年，", "summary: 2022年（QZXLEAK14），", 1), encoding="utf-8")
    metrics = data / "metrics" / "all.csv"
    rows = metrics.read_text(encoding="utf-8").splitlines()
    metrics.write_text("\n".join([rows[0] + ",internal", *(row + "," for row in rows[1:])]) + "\n" + INTERNAL_METRIC, encoding="utf-8")
    return project


def texts_of(path: Path) -> str:
    """What a reader or a program can find in a file: its bytes as text, every member of a .docx
    or .xlsx, the text poppler reads from a PDF; and its own name."""
    content = path.read_bytes()
    found = [unquote(path.name), content.decode("utf-8", "replace")]
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            found += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    if path.suffix == ".pdf":
        found.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    return "\n".join(found)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = marked_project(tmp_path_factory.mktemp("editions") / "project")
    result = project.publish()  # the internal edition, as today
    assert result.returncode == 0, result.stderr
    public = project.root / "site-public"
    result = subprocess.run(
        [sys.executable, "-m", "nianjian.web.publish", "--site-dir", str(public), "--edition", PUBLIC], cwd=project.root, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "nianjian.paper.pdf", "--site-dir", str(public), "--data-dir", "data", "--edition", PUBLIC],
        cwd=project.root, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return project


def test_the_internal_edition_shows_everything_marked_internal(editions: Project) -> None:
    text = "\n".join(texts_of(path) for path in editions.site.rglob("*") if path.is_file() and path.suffix in (".html", ".json", ".docx", ".txt", ".csv"))
    found = set(re.findall(rf"{MARK}\d\d", text))
    assert {f"{MARK}{number:02d}" for number in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14)} <= found, sorted(found)


def test_no_file_of_the_public_edition_holds_anything_internal(editions: Project) -> None:
    public = editions.root / "site-public"
    files = [path for path in public.rglob("*") if path.is_file()]
    assert any(path.name == "volume.pdf" for path in files) and any(path.suffix == ".docx" for path in files)
    assert any(path.suffix == ".xlsx" for path in files) and (public / "search" / "search_index.json").is_file()
    leaks = {str(path.relative_to(public)): sorted(set(re.findall(rf"{MARK}\d*", texts_of(path)))) for path in files}
    assert {path: found for path, found in leaks.items() if found} == {}
    everything = "\n".join(texts_of(path) for path in files)
    assert "987654" not in everything and "987,654" not in everything  # the internal number, in any format
    assert not (public / "years" / "2022").exists() and "2022年工作总结" not in everything  # the internal year
    assert not (public / "photos").exists() or not list((public / "photos").iterdir())  # the internal photograph's sizes
    home = (public / "index.html").read_text(encoding="utf-8")
    assert "公开版" in home and "· 内部资料" not in home  # the footer; the volume has no 内部资料 notice either
    assert "内部资料" not in texts_of(public / "downloads" / "volume.pdf")


def test_the_public_edition_keeps_what_is_public_and_cuts_references_to_what_is_not(editions: Project) -> None:
    page = (editions.root / "site-public" / "years" / "2024" / "index.html").read_text(encoding="utf-8")
    for text in ("公开成绩", "公开问题：节能设备老化", "公开思路：继续节能", "公开大事：节能宣传周", "节能降耗"):
        assert text in page, text
    archive = public_archive(load_archive(editions.data))
    record = next(record for record in archive.years if record.year == 2024)
    assert next(item for item in record.achievements if item.item == "公开成绩").section is None  # its section is internal
    problem_2023 = next(record for record in archive.years if record.year == 2023).problems
    assert all(problem.continues != "2022-vehicles-aging" for problem in problem_2023)  # 2022 is internal
    assert [row.year for row in archive.metrics if row.year == 2022] == []


def test_an_unknown_edition_is_refused_in_chinese(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "multi-year")
    result = subprocess.run(
        [sys.executable, "-m", "nianjian.web.publish", "--site-dir", str(project.site)], cwd=project.root, capture_output=True, text=True,
        env={**os.environ, "NIANJIAN_EDITION": "全部"}, timeout=300,
    )
    assert result.returncode == 2 and "只能是 内部 或 公开" in result.stderr and "Traceback" not in result.stderr
    assert not project.site.exists()
    shutil.rmtree(project.root)
