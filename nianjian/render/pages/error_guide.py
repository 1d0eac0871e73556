"""The 常见错误 page (docs/guide/errors.md): each common mistake made for real on a tiny data
folder and checked with the same code as the build, so the messages shown are exactly what the
tool prints. The page is checked in, not rebuilt on every build (that cost nine validation
runs each time); tests/test_schema.py fails when it no longer matches what the checks print.

    python -m nianjian.render.pages.error_guide      # rewrite docs/guide/errors.md
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import sys

from nianjian.render.parts.templating import page_markdown
from nianjian.check.load import check_data

_SITE = """organization: 示例单位
title: 示例年鉴
areas:
  - key: catering
    name: 餐饮服务
    order: 10
  - key: property
    name: 物业管理
    order: 20
"""
_YEAR = """year: 2025
title: 2025年工作总结
summary: 今年工作顺利。
sections:
  - title: 主要工作成绩
    id: 成绩
    body: 食堂改造完成。
achievements:
  - area: catering
    item: 食堂改造
    result: 完工并投入使用
    figure: 1200
    unit: 平方米
    section: 成绩
problems: []
plans: []
"""
_CSV = "year,area,indicator,unit,value,note,sample\n2025,catering,就餐人次,万人次,21.3,,false\n"


@dataclass(frozen=True)
class Mistake:
    title: str
    file: str  # path under the data folder
    typed: str  # the line as the editor typed it, shown on the page
    original: str  # the correct text it replaced
    encoding: str = "utf-8"


MISTAKES = [
    Mistake("字段名后面漏了冒号", "years/2025.yaml", "title 2025年工作总结", "title: 2025年工作总结"),
    Mistake("值里有英文冒号却没加引号", "years/2025.yaml", "    result: 完工时间: 10月", "    result: 完工并投入使用"),
    Mistake("用 Tab 键缩进", "years/2025.yaml", "\tid: 成绩", "    id: 成绩"),
    Mistake("数字写成了文字", "years/2025.yaml", "    figure: 一千二百", "    figure: 1200"),
    Mistake("漏写必填字段", "years/2025.yaml", "", "    result: 完工并投入使用\n"),
    Mistake("工作领域代码写错", "years/2025.yaml", "  - area: canteen", "  - area: catering"),
    Mistake("文件名与年份不一致", "years/2025.yaml", "year: 2024", "year: 2025"),
    Mistake("CSV 的数值里带了单位", "metrics/m.csv", "2025,catering,就餐人次,万人次,21.3万,,false", "2025,catering,就餐人次,万人次,21.3,,false"),
    Mistake("文件保存成了 GBK 编码", "years/2025.yaml", "（用 Windows 记事本另存为 ANSI）", "", encoding="gbk"),
]


def _write_base(data: Path) -> None:
    (data / "years").mkdir(parents=True)
    (data / "metrics").mkdir()
    (data / "site.yaml").write_text(_SITE, encoding="utf-8")
    (data / "years" / "2025.yaml").write_text(_YEAR, encoding="utf-8")
    (data / "metrics" / "m.csv").write_text(_CSV, encoding="utf-8")


def messages_for(mistake: Mistake) -> list[str]:
    """What `nianjian validate` prints for this mistake."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        _write_base(data)
        path = data / mistake.file
        text = path.read_text(encoding="utf-8")
        if mistake.original:
            assert mistake.original in text, mistake.title
            text = text.replace(mistake.original, mistake.typed, 1)
        path.write_bytes(text.encode(mistake.encoding))
        return [error.format() for error in check_data(data).errors]


def render_error_guide() -> str:
    lines = [
        "构建、预览和 `nianjian validate` 用同一套检查。每条提示依次是：**文件:行:列: 字段 — 问题 — 改法**。"
        "下面的提示是本页生成时对示例数据真实运行检查得到的，与你在终端看到的一致。",
        "",
    ]
    for mistake in MISTAKES:
        lines += [f"## {mistake.title}", ""]
        if mistake.typed:
            lines += [f"写成了（`data/{mistake.file}`）：", "", "```yaml" if mistake.file.endswith(".yaml") else "```text", mistake.typed.replace("\t", "→"), "```", ""]
        else:
            lines += [f"删掉了 `data/{mistake.file}` 中的一行：", "", "```yaml", mistake.original.rstrip("\n"), "```", ""]
        lines += ["提示：", "", "```text", *messages_for(mistake), "```", ""]
    return page_markdown("常见错误", lines)


ERROR_GUIDE_PAGE = Path("docs/guide/errors.md")


def main() -> int:
    ERROR_GUIDE_PAGE.write_text(render_error_guide(), encoding="utf-8")
    print(f"已写入 {ERROR_GUIDE_PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
