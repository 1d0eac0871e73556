"""The year's cycle, from the office's plan to publication, as the office and three departments
live it: the office plans 2025 for 餐饮科, 节能办 and 车队; two units send their parts back in
Word (one saved through LibreOffice, standing in for WPS) and they are imported; the board shows
the third unit late; the year goes through 初审, 复审 and 终审, and every rendering says
征求意见稿 until it is signed; the public edition leaves out what is internal, stops at a planted
身份证号, and passes once the finding is accepted with its reason printed."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

from conftest import FIXTURES, Project, make_project

pytestmark = [pytest.mark.slow, pytest.mark.pdf]  # builds, LibreOffice and `make pdf` twice

PLAN = """contributions:
  - part: 餐饮服务
    unit: 餐饮科
    writer: 王某
    due: 2026-01-15
  - part: metrics:catering
    unit: 餐饮科
    due: 2026-01-15
  - part: 节能
    unit: 节能办
    writer: 张某
    due: 2026-01-15
  - part: achievements:energy
    unit: 节能办
    due: 2026-01-15
  - part: 公务用车
    unit: 车队
    due: 2026-01-15
"""
REVIEWS = ["  - step: 初审\n    by: 办公室 李四\n    date: 2026-01-20\n", "  - step: 复审\n    by: 副主任 王五\n    date: 2026-01-25\n", "  - step: 终审\n    by: 主任 赵六\n    date: 2026-01-28\n"]
ID_NUMBER = "11010519491231002X"  # a valid 身份证号 (its check character is right)
DRAFT = "征求意见稿"


def nianjian(project: Project, *arguments: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nianjian", *map(str, arguments)], cwd=project.root, capture_output=True, text=True, timeout=300)


def publish(project: Project, *, edition: str = "内部", site: str = "site") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nianjian.web.publish", "--site-dir", site, "--edition", edition], cwd=project.root, capture_output=True, text=True, timeout=300,
    )


def print_pdfs(project: Project) -> None:
    result = subprocess.run([sys.executable, "-m", "nianjian.paper.pdf", "--site-dir", "site"], cwd=project.root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


def pdf_pages(path: Path) -> list[str]:
    """The text of each page that has any (a volume's blank versos stay blank), read by pypdf: the
    mark is drawn rotated across the page, and poppler's reading order scatters its letters among
    the page's lines. Some CJK fonts map 见's glyph to the radical ⻅ (U+2EC5) for extraction."""
    texts = [page.extract_text().replace("\u2ec5", "见") for page in pypdf.PdfReader(path).pages]
    return [text for text in texts if text.strip()]


def replace_cell_paragraph(document, old: str, new: str) -> None:  # noqa: ANN001
    paragraph = next(paragraph for paragraph in document.paragraphs if paragraph.text == old)
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = new


def department_edits(project: Project, unit: str, change) -> Path:  # noqa: ANN001
    """The office exports a unit's parts; the department edits the file and sends it back."""
    path = project.root / f"2025-{unit}.docx"
    result = nianjian(project, "export", 2025, "--unit", unit, "-o", path)
    assert result.returncode == 0, result.stderr
    document = docx.Document(path)
    change(document)
    document.save(path)
    return path


def catering(document) -> None:  # noqa: ANN001
    replace_cell_paragraph(document, "（待填写）", "新食堂投入使用，全年就餐 21 万人次。")
    [numbers] = document.tables
    assert [cell.text for cell in numbers.rows[1].cells] == ["就餐人次", "万人次", "", "", "否"]  # the row `new` left empty
    numbers.rows[1].cells[2].text = "21"


def energy(document) -> None:  # noqa: ANN001
    replace_cell_paragraph(document, "（待填写）", "用电量同比下降 3%。")
    [achievements] = document.tables
    row = achievements.add_row()
    row.cells[0].text, row.cells[1].text = "光伏发电", "屋顶光伏并网发电"


def saved_by_libreoffice(path: Path) -> Path:
    out = path.parent / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return out / path.name


def draft_everywhere(project: Project) -> list[str]:
    """Where the 2025 renderings say 征求意见稿: the page, both Word headers, every PDF page."""
    found = []
    if DRAFT in project.page("years/2025/"):
        found.append("page")
    for name in ("report-2025.docx", "report-2025-formal.docx"):
        header = docx.Document(io.BytesIO((project.site / "downloads" / name).read_bytes())).sections[0].header
        if DRAFT in "".join(paragraph.text for paragraph in header.paragraphs):
            found.append(name)
    for name in ("report-2025.pdf", "volume-2025.pdf"):
        pages = pdf_pages(project.site / "downloads" / name)
        marked = sum(DRAFT in page for page in pages)
        assert marked in (0, len(pages)), f"{name}: {marked} of {len(pages)} pages say {DRAFT}"
        if marked:
            found.append(name)
    # The whole 年鉴 marks the draft year's pages, and only those.
    pages = pdf_pages(project.site / "downloads" / "volume.pdf")
    marked = [page for page in pages if DRAFT in page]
    assert all("2025" in page for page in marked) and len(marked) < len(pages)
    if marked:
        found.append("volume.pdf")
    return found


def test_the_office_plans_three_units_imports_two_chases_the_third_signs_and_publishes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "knowledge-base")
    # The office plans 2025: `new` writes the year with its empty plan and review.
    assert (result := nianjian(project, "new", 2025)).returncode == 0, result.stderr
    year = project.data / "years" / "2025.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("contributions: []\n", PLAN, 1), encoding="utf-8")

    # 餐饮科 answers in Word; 节能办 in WPS (LibreOffice saves it). Both go back into their parts.
    result = nianjian(project, "import", 2025, department_edits(project, "餐饮科", catering))
    assert result.returncode == 0, result.stderr
    assert "（一）餐饮服务方面的工作：修改 1 句" in result.stdout and "餐饮服务：统计数字：修改 1 行" in result.stdout
    result = nianjian(project, "import", 2025, saved_by_libreoffice(department_edits(project, "节能办", energy)))
    assert result.returncode == 0, result.stderr
    assert "节能：主要成绩：增加 1 行" in result.stdout
    text = year.read_text(encoding="utf-8")
    assert "新食堂投入使用，全年就餐 21 万人次。" in text and "屋顶光伏并网发电" in text
    assert "2025,catering,就餐人次,万人次,21,,false" in (project.data / "metrics" / "all.csv").read_text(encoding="utf-8")
    for unit in ("餐饮科", "节能办"):  # the office notes the hand-in
        text = text.replace(f"    unit: {unit}\n", f"    unit: {unit}\n    submitted: 2026-01-12\n")
    year.write_text(text, encoding="utf-8")

    # The status shows 车队 late, the others handed in on time.
    result = nianjian(project, "status", 2025, "--today", "2026-01-20")
    assert result.returncode == 0, result.stderr
    fleet = next(line for line in result.stdout.splitlines() if line.startswith("（三）公务用车")).split()
    assert fleet[1] == "车队" and "待供稿" in fleet and fleet[-2:] == ["5", "天"]
    assert "1 部分逾期未交" in result.stdout.splitlines()[-1]

    # 车队's part is written by the office in the end (with a planted ID number), the rest filled,
    # an internal event added; the year goes to 初审.
    text = year.read_text(encoding="utf-8").replace("\"（待填写）\"", "\"本年度工作平稳有序。\"").replace("（待填写）", "")
    text = text.replace("events: []\n", "events:\n  - date: 2025-06-01\n    text: 内部接待安排调整。\n    internal: true\n", 1)
    text = text.replace("      - title: \"公务用车方面的工作\"\n        id: \"公务用车\"\n        area: vehicles\n        body: \"本年度工作平稳有序。\"",
                        f"      - title: \"公务用车方面的工作\"\n        id: \"公务用车\"\n        area: vehicles\n        body: \"驾驶员证件 {ID_NUMBER} 已登记。\"")
    assert ID_NUMBER in text
    year.write_text(text.replace("review: []\n", "review:\n" + REVIEWS[0], 1), encoding="utf-8")
    assert (result := publish(project)).returncode == 0, result.stderr
    print_pdfs(project)
    assert draft_everywhere(project) == ["page", "report-2025.docx", "report-2025-formal.docx", "report-2025.pdf", "volume-2025.pdf", "volume.pdf"]
    board = project.page("board/")
    assert "车队" in board and "待供稿" in board and "逾期" in board

    # 复审, then 终审 (签发): no rendering says 征求意见稿 any more.
    text = year.read_text(encoding="utf-8").replace(REVIEWS[0], "".join(REVIEWS), 1)
    year.write_text(text, encoding="utf-8")
    assert (result := publish(project)).returncode == 0, result.stderr
    print_pdfs(project)
    assert draft_everywhere(project) == []

    # The public edition: the planted ID number stops it, naming file and line …
    result = publish(project, edition="公开", site="site-public")
    line = next(number for number, content in enumerate(text.splitlines(), start=1) if ID_NUMBER in content)
    assert result.returncode != 0 and f"data/years/2025.yaml:{line}" in result.stderr and "身份证号" in result.stderr, result.stderr
    assert not (project.root / "site-public").exists()
    # … until the office accepts it with a reason, which every build prints.
    site_yaml = project.data / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + f"secrecy:\n  accepted:\n    - text: \"{ID_NUMBER}\"\n      reason: 测试用的虚构号码\n", encoding="utf-8")
    result = publish(project, edition="公开", site="site-public")
    assert result.returncode == 0, result.stderr
    assert "测试用的虚构号码" in result.stdout + result.stderr
    public_files = [path for path in (project.root / "site-public").rglob("*") if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml")]
    assert public_files and not any("内部接待安排" in path.read_text(encoding="utf-8", errors="replace") for path in public_files)
    assert "内部接待安排" in project.page("years/2025/")  # the internal edition has it
    assert "新食堂投入使用" in (project.root / "site-public" / "years" / "2025" / "index.html").read_text(encoding="utf-8")
