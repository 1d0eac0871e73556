"""validate: the statistics CSVs under data/metrics/ become metric rows, one series per indicator.

Each row is checked on its own, then all rows together: a former name (site.yaml `indicators`)
joins its indicator's series, every value is converted to one display unit (the registry's,
else the unit of the newest year), and a unit that does not convert is an error naming both
places. The rows keep what the CSV said, so tables can note renames and conversions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nianjian.errors import REPORTED_PER_FILE, DataError
from nianjian.model import Indicator, MetricBlank, MetricRow
from nianjian.read.schema import describe_value, load_schema
from nianjian.read.documents import CsvDocument
from nianjian.facts.units import convert
from nianjian.check.validate import number_problem

METRIC_COLUMNS = ["year", "area", "indicator", "unit", "value", "note", "sample"]
# An optional last column: true where a number is 内部, left out of the public edition.
INTERNAL_COLUMN = "internal"
_TRUE_WORDS = {"true", "是", "1", "yes"}
_FALSE_WORDS = {"false", "否", "0", "no", ""}
_UNIT_COLUMN = METRIC_COLUMNS.index("unit") + 1
_UNIT_HINT = "同一指标各年份的单位要能相互换算（如 元/万元、千瓦时/万千瓦时、人次/万人次）；确实是另一个指标就换一个名称"
# The text columns' most characters, as in the schemas (names 100, units 20, free text 2000):
# names and units reach tables and their downloads, which must stay far below a cell's limit.
_MOST_CHARACTERS = {"indicator": ("指标名称", 100), "unit": ("单位", 20), "note": ("备注", 2000)}


def _parse_number(text: str) -> float | None:
    if not text.isascii():  # Python's float() also reads full-width and other scripts' digits
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return None if number_problem(value) else value


_YEAR = re.compile(r"[0-9]{4}\Z")  # ASCII digits: str.isdigit() also takes ①②③④ and ２０２４


def _year(text: str) -> int | None:
    """The year of a row, in the range the year files allow."""
    year = int(text) if _YEAR.match(text) else None
    return year if year is not None and _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1] else None


_YEAR_RANGE = (load_schema("year")["properties"]["year"]["minimum"], load_schema("year")["properties"]["year"]["maximum"])


def metric_rows_from_csv(document: CsvDocument, area_keys: set[str]) -> tuple[list[MetricRow], list[MetricBlank], list[DataError]]:
    """The rows of one CSV as written (name and unit untouched), the rows whose value is still
    empty, and the problems of each row."""
    if document.header not in (METRIC_COLUMNS, [*METRIC_COLUMNS, INTERNAL_COLUMN]):
        return [], [], [
            DataError(
                document.file, 1, None, "表头",
                f"表头是 {','.join(document.header)}",
                f"第一行必须正好是 {','.join(METRIC_COLUMNS)}（有内部数字时最后加一列 {INTERNAL_COLUMN}）",
            )
        ]
    columns = document.header
    rows: list[MetricRow] = []
    blanks: list[MetricBlank] = []
    errors: list[DataError] = []
    for row in document.rows:
        if len(errors) > REPORTED_PER_FILE:  # no more will be listed: the rest are not checked
            break
        values = row.values

        def bad(column: str, message: str, hint: str) -> None:
            column_number = columns.index(column) + 1
            errors.append(DataError(document.file, row.line, column_number, column, message, hint))

        year = _year(values["year"])
        if year is None:
            bad("year", f"`year` 应为 {_YEAR_RANGE[0]} 到 {_YEAR_RANGE[1]} 之间的四位年份，实际是{describe_value(values['year'])}", "例如 2024，用半角数字")
        if values["area"] not in area_keys:
            bad("area", f"未知的工作领域 `{values['area']}`", f"可用的领域代码：{'、'.join(sorted(area_keys))}")
        if not values["indicator"]:
            bad("indicator", "`indicator`（指标名称）不能为空", "例如 用电量")
        if not values["unit"]:
            bad("unit", "`unit`（单位）不能为空", "例如 万千瓦时；没有单位的计数写“次”“项”等")
        # An empty value is a row scaffolded by `nianjian new`, still to be filled in: not drawn.
        value = _parse_number(values["value"]) if values["value"] else None
        if values["value"] and value is None:
            try:
                problem = number_problem(float(values["value"].replace(",", "")))
            except ValueError:
                problem = None
            if problem:
                bad("value", f"`value`（数值）{problem}：{values['value'][:30]}", "只写普通的数字，如 1234.5")
            else:
                bad("value", f"`value`（数值）应为数字，实际是{describe_value(values['value'])}", "只写数字，不带单位和文字，如 1234.5")
        for column, (title, most) in _MOST_CHARACTERS.items():
            if len(values[column]) > most:
                bad(column, f"`{column}`（{title}）太长（{len(values[column])} 个字符，最多 {most} 个）", "缩短一些")
        sample_text = values["sample"].lower()
        if sample_text not in _TRUE_WORDS | _FALSE_WORDS:
            bad("sample", f"`sample`（示例数据）应为 true 或 false，实际是{describe_value(values['sample'])}", "真实数据写 false，示例数据写 true")
        internal_text = values.get(INTERNAL_COLUMN, "").lower()
        if internal_text not in _TRUE_WORDS | _FALSE_WORDS:
            bad(INTERNAL_COLUMN, f"`{INTERNAL_COLUMN}`（内部）应为 true 或 false，实际是{describe_value(values[INTERNAL_COLUMN])}", "内部数字写 true，可以公开的写 false 或留空")
        recorded = year is not None and values["area"] in area_keys and values["indicator"] and values["unit"]
        if recorded and not values["value"]:
            blanks.append(
                MetricBlank(
                    year, values["area"], values["indicator"], values["unit"], values["note"], sample_text in _TRUE_WORDS,
                    document.file, row.line, internal_text in _TRUE_WORDS,
                )
            )
        if recorded and value is not None:
            rows.append(
                MetricRow(
                    year=year,
                    area=values["area"],
                    indicator=values["indicator"],
                    unit=values["unit"],
                    value=value,
                    note=values["note"],
                    sample=sample_text in _TRUE_WORDS,
                    internal=internal_text in _TRUE_WORDS,
                    file=document.file,
                    line=row.line,
                )
            )
    return rows, blanks, errors


# Each indicator is a chart on its area's page and a card on the home page, and every year of it
# is in the year comparison: a page of 30 charts is already more than a reader looks at (the 2024
# record has 8 indicators in all). With at most 201 years the pages stay a few MB at worst.
MAX_INDICATORS_PER_AREA = 30
MAX_INDICATORS = 60


def _unit_error(row: MetricRow, message: str) -> DataError:
    return DataError(row.file, row.line, _UNIT_COLUMN, "unit", message, _UNIT_HINT)


def harmonise_metrics(rows: list[MetricRow], registry: tuple[Indicator, ...]) -> tuple[list[MetricRow], list[DataError]]:
    """Rows under their indicator's display name and in its display unit, and the problems across
    rows: two values for one year, or units that do not convert."""
    by_name = {(entry.area, name): entry for entry in registry for name in (entry.name, *entry.former_names)}
    series: dict[tuple[str, str], list[MetricRow]] = {}
    for row in rows:
        entry = by_name.get((row.area, row.indicator))
        series.setdefault((row.area, entry.name if entry else row.indicator), []).append(row)

    harmonised: list[MetricRow] = []
    errors: list[DataError] = []
    per_area: dict[str, int] = {}
    for number, ((area, name), members) in enumerate(series.items(), start=1):
        per_area[area] = per_area.get(area, 0) + 1
        too_many = (
            f"领域 {area} 的统计指标超过 {MAX_INDICATORS_PER_AREA} 个（“{name}”是第 {per_area[area]} 个）" if per_area[area] > MAX_INDICATORS_PER_AREA
            else f"统计指标合计超过 {MAX_INDICATORS} 个（“{name}”是第 {number} 个）" if number > MAX_INDICATORS
            else None
        )
        if too_many:
            first = min(members, key=lambda row: (row.file, row.line))
            hint = "每个指标都画在领域页、首页和年度对比上；合并或删去次要的指标，改名的指标在 site.yaml 的 indicators 里登记曾用名"
            errors.append(DataError(first.file, first.line, None, "indicator", too_many, hint))
            continue
        entry = by_name.get((area, name))
        # The display unit: the registry's, else the way the newest year writes it.
        newest = max(members, key=lambda row: row.year)
        unit = entry.unit if entry else newest.unit
        seen: dict[int, MetricRow] = {}
        for row in members:
            if row.year in seen:
                errors.append(
                    DataError(
                        row.file, row.line, None, "year,area,indicator",
                        f"{row.year} 年 {row.area} 的“{name}”重复（{seen[row.year].place}已有一行）",
                        "同一年、同一领域、同一指标（含登记的曾用名）只能有一行；删除或合并其中一行",
                    )
                )
                continue
            seen[row.year] = row
            value = convert(row.value, row.unit, unit)
            if value is None:
                against = f"指标登记表（site.yaml 第 {entry.line} 行）的“{unit}”" if entry else f"{newest.place}的“{unit}”"
                errors.append(_unit_error(row, f"“{name}”的单位“{row.unit}”无法换算成{against}"))
                continue
            if number_problem(value):
                errors.append(_unit_error(row, f"换算成“{unit}”后{number_problem(value)}"))
                continue
            harmonised.append(
                replace(
                    row, indicator=name, unit=unit, value=value,
                    recorded_indicator=row.indicator, recorded_unit=row.unit, recorded_value=row.value,
                )
            )
    harmonised.sort(key=lambda row: (row.file, row.line))
    return harmonised, errors
