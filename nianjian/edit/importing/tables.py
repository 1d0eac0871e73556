"""A Word table's rows as achievements for the editor to check.

Columns are found by their heading (事项/成果/时间/单位/数值…), else the first two are item
and result. The work area is a suggestion from the row's words (importing/areas.py), said to
be one in the year file; where none is clear it is left “（待填写）”, which validate reports.
A column with no place in an achievement, and a cell longer than the year schema lets its
field be, stay in the year file's comments only; the import report names them, so nothing is
dropped without saying so."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from nianjian.edit.importing.areas import AreaWords, Suggestion, suggest_area
from nianjian.read.schema import load_schema
from nianjian.check.validate import PLACEHOLDER

# Heading words per achievement field, in the order a column is claimed.
_COLUMN_NAMES = {
    "item": ("事项", "项目", "工作", "名称", "内容"),
    "result": ("成果", "成效", "结果", "完成情况", "效果"),
    "date": ("时间", "日期", "年月"),
    "unit": ("单位",),
    "figure": ("数值", "数量", "金额", "数据"),
}
_MOST_CHARACTERS = {
    name: rules["maxLength"] for name, rules in load_schema("year")["$defs"]["achievement"]["properties"].items() if "maxLength" in rules
}
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CHINESE_DATE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$")
_PLAIN_NUMBER = re.compile(r"^-?\d{1,12}(\.\d{1,6})?$")


@dataclass
class TableReading:
    """What became of one table: its achievements and what stayed in comments only."""

    rows: list[list[str]]  # as written, heading row included
    achievements: list[dict] = field(default_factory=list)
    suggestions: list[Suggestion | None] = field(default_factory=list)  # one per achievement
    columns_left: list[str] = field(default_factory=list)  # headings of columns kept as comments only
    rows_left: int = 0  # data rows without both an item and a result (or with one too long)
    cells_left: int = 0  # non-empty cells of data rows that are not in any achievement field


def _date(cell: str) -> str | None:
    """A cell as the schema's date (2023, 2023-06, 2023-06-01), or None."""
    if _ISO_DATE.match(cell):
        return cell
    found = _CHINESE_DATE.match(cell)
    if not found:
        return None
    year, month, day = found.groups()
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


def _figure(cell: str) -> int | float | None:
    """A plain number written the way YAML will write it back (no digit is lost)."""
    if not _PLAIN_NUMBER.match(cell):
        return None
    value = float(cell) if "." in cell else int(cell)
    return value if str(value) == cell else None


def _unit(cell: str) -> str | None:
    return cell if len(cell) <= _MOST_CHARACTERS["unit"] else None


# The optional fields a column can fill, each with how a cell becomes its value (None: it cannot).
_OPTIONAL_FIELDS = {"date": _date, "figure": _figure, "unit": _unit}


def _find_columns(heading: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for name, words in _COLUMN_NAMES.items():
        for index, cell in enumerate(heading):
            if index not in found.values() and any(word in cell for word in words):
                found[name] = index
                break
    return found


def read_table(rows: list[list[str]], areas: Sequence[AreaWords] = ()) -> TableReading:
    reading = TableReading(rows)
    width = max((len(row) for row in rows), default=0)
    if width < 2:
        reading.rows_left = len(rows)
        reading.cells_left = sum(1 for row in rows for cell in row if cell.strip())
        return reading
    columns = _find_columns(rows[0])
    heading_row = "item" in columns or "result" in columns
    if not heading_row:
        columns = {}
    core = {name: index for name, index in columns.items() if name in ("item", "result")}
    for name in ("item", "result"):  # else the first column left (width >= 2: there is one)
        if name not in core:
            core[name] = next(index for index in range(width) if index not in core.values())
    columns = core | {name: index for name, index in columns.items() if index not in core.values()}
    names = rows[0] if heading_row else []
    reading.columns_left = [
        (names[index] if index < len(names) and names[index] else f"第{index + 1}列")
        for index in range(width)
        if index not in columns.values()
    ]
    for row in rows[1:] if heading_row else rows:
        cells = {name: row[index].strip() if index < len(row) else "" for name, index in columns.items()}
        if not all(0 < len(cells[name]) <= _MOST_CHARACTERS[name] for name in ("item", "result")):
            reading.rows_left += 1
            reading.cells_left += sum(1 for cell in row if cell.strip())
            continue
        suggestion = suggest_area(" ".join(row), list(areas))
        area = suggestion.area.key if suggestion else PLACEHOLDER
        achievement: dict = {"item": cells["item"], "result": cells["result"], "area": area}
        used = {columns["item"], columns["result"]}
        for name, convert in _OPTIONAL_FIELDS.items():
            value = convert(cells[name]) if cells.get(name) else None
            if value is not None:
                achievement[name] = value
                used.add(columns[name])
        reading.cells_left += sum(1 for index, cell in enumerate(row) if cell.strip() and index not in used)
        reading.achievements.append(achievement)
        reading.suggestions.append(suggestion)
    return reading
