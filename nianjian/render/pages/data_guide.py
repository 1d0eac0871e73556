"""The 数据说明 page, generated from the JSON Schema files so it never drifts from them."""

from __future__ import annotations

import json

from nianjian.render.parts.templating import page_markdown
from nianjian.render.parts.table import Column, Table, text_cell
from nianjian.render.parts.tables import table_html
from nianjian.escaping import html
from nianjian.read.schema import load_schema

_TYPE_NAMES = {"integer": "整数", "number": "数字", "string": "文本", "boolean": "true/false", "array": "列表", "object": "字段表"}

METRIC_COLUMN_DOCS = [
    ("year", "年份", "四位数年份", "2024"),
    ("area", "工作领域", "data/site.yaml 中的领域代码", "energy"),
    ("indicator", "指标名称", "同一指标各年用同一个名称；改过名的在 site.yaml 的 indicators 里登记曾用名", "用电量"),
    ("unit", "单位", "不能为空；各年的单位不同但能换算（元/万元等）时自动换算", "万千瓦时"),
    ("value", "数值", "只写数字，可带小数，不带单位", "158.3"),
    ("note", "备注", "可留空", "含新大楼"),
    ("sample", "示例数据", "真实数据写 false；不是真实记录的写 true，页面会标注“示例数据”", "false"),
]


def _type_name(schema: dict) -> str:
    if "$ref" in schema:
        return "字段表"
    kind = schema.get("type", "")
    if kind == "array":
        return f"{_type_name(schema.get('items', {}))}的列表"
    return _TYPE_NAMES.get(kind, kind)


_GUIDE_PAGE = "guide/data.md"


def _fields_table(schema: dict, caption: str) -> str:
    required = set(schema.get("required", []))
    rows = []
    for name, field in schema.get("properties", {}).items():
        examples = field.get("examples") or []
        rows.append(
            (
                text_cell(name),
                text_cell(field.get("title", "")),
                text_cell(_type_name(field)),
                text_cell("必填" if name in required else "可选"),
                text_cell(field.get("description", "")),
                text_cell(json.dumps(examples[0], ensure_ascii=False) if examples else ""),
            )
        )
    columns = (Column("字段", "code"), Column("名称"), Column("类型"), Column("必填"), Column("说明"), Column("示例", "code"))
    return table_html(Table("fields", columns, tuple(rows), caption=f"{caption}的字段", downloadable=False, searched=True), _GUIDE_PAGE)


def render_data_guide() -> str:
    lines = [
        "网站的全部内容来自仓库 `data/` 目录下的文件。编辑只改这些文件，不需要改网页。"
        "本页由 `nianjian/schemas/` 下的 JSON Schema 自动生成，与构建时的检查规则一致。",
        "",
        "| 文件 | 内容 |",
        "| --- | --- |",
        "| `data/site.yaml` | 单位名称、网站标题、工作领域 |",
        "| `data/years/<年份>.yaml` | 一年一个文件：报告全文提纲、主要成绩、存在问题、明年工作思路 |",
        "| `data/metrics/*.csv` | 统计指标，一行一个数 |",
        "| `data/sources/` | 原始报告文件，年度页链接到它作为出处 |",
        "",
    ]
    for kind, heading in (("site", "站点设置"), ("year", "年度记录")):
        schema = load_schema(kind)
        lines += [f"## {heading}", "", html(schema.get("description", "")), "", _fields_table(schema, heading), ""]
        for name, definition in schema.get("$defs", {}).items():
            lines += [f"### {definition.get('title', name)}（{name}）", "", _fields_table(definition, definition.get('title', name)), ""]
        for name, field in schema.get("properties", {}).items():
            items = field.get("items", {})
            if items.get("type") == "object":
                lines += [f"### {field.get('title', name)}中的每一项（{name}）", "", _fields_table(items, f"{field.get('title', name)}中的每一项"), ""]
    lines += [
        "## 统计指标（data/metrics/*.csv）",
        "",
        "长表格式：第一行是表头 `year,area,indicator,unit,value,note,sample`，以后每行一个数。"
        "文件必须是 UTF-8 编码（Excel 请选“CSV UTF-8”另存）。同一年、同一领域、同一指标只能有一行。",
        "",
        table_html(
            Table(
                "metric-columns",
                (Column("列", "code"), Column("名称"), Column("说明"), Column("示例", "code")),
                tuple(tuple(text_cell(text) for text in row) for row in METRIC_COLUMN_DOCS),
                downloadable=False,
                searched=True,
            ),
            _GUIDE_PAGE,
        ),
        "",
        "### 指标改名、换单位",
        "",
        "同一个指标的各年数字画在一条线上、算同比变化，所以要能相互比较：",
        "",
        "- 单位能换算的（元/千元/万元/亿元、千瓦时/度/万千瓦时、人次/万人次、千克/公斤/吨、件/万件 等）自动换算成显示单位，"
        "表格下方注明原始记录的数和单位。显示单位是 `site.yaml` 里登记的单位；没有登记的，以最新一年的单位为准。",
        "- 单位不能换算的（如 元 和 件）是错误，错误信息列出两处的行号。",
        "- 指标改过名（如 就餐人数 → 就餐人次），在 `data/site.yaml` 的 `indicators` 里登记，旧名写进 `former_names`，两种名称的行就并成一条线：",
        "",
        "```yaml",
        "indicators:",
        "  - key: meals",
        "    area: catering",
        "    name: 就餐人次",
        "    unit: 万人次",
        "    former_names: [就餐人数]",
        "```",
        "",
        "卡片和图表里的大数按中文习惯写成“万”“亿”（如 1.23 亿元），表格和下载文件保留完整数字。",
        "",
        "## 示例数据",
        "",
        "原始报告里没有可以作图的统计数字。为了演示图表，`data/metrics/` 里随附了几年的**示例数据**，"
        "每一行都写了 `sample: true`，页面上凡是用到这些数字的地方都标有“示例数据”。"
        "录入真实数据时，把对应行的数值改为真实数字、`sample` 改为 `false`。",
        "",
    ]
    return page_markdown("数据说明", lines)
