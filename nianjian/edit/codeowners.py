"""CODEOWNERS from the plan of contributions (组稿): a change to a year's file asks the office and
every department planned to write part of that year; a metrics CSV, the office and the
departments planned to write the numbers of its work areas; anything else under data/, the
office. Gitea and GitHub read it the same way (the last matching line decides)."""

from __future__ import annotations

from nianjian.model import Archive

HEADER = (
    "# 由 nianjian codeowners 根据 data/site.yaml 的 units 和各年度的组稿计划生成；改计划后重新生成，不要手改。\n"
    "# 一个年度的内容都在同一个文件里：改动它会请这一年所有供稿部门的审核人。\n"
)


def codeowners(archive: Archive) -> str:
    reviewers = {unit.name: unit.reviewers for unit in archive.site.units}
    office = [name for unit in archive.site.units if unit.office for name in unit.reviewers]

    def owners(units: list[str]) -> str:
        return " ".join(dict.fromkeys([*office, *(name for unit in units for name in reviewers.get(unit, ()))]))

    lines = [HEADER.rstrip("\n")]
    if office:
        lines.append(f"/data/ {owners([])}")
    for record in archive.years:
        units = [part.unit for part in record.contributions]
        if units and owners(units):
            lines.append(f"/data/years/{record.year}.yaml {owners(units)}")
    # (year, "metrics:<area>") -> the units planned to write those numbers
    number_units: dict[tuple[int, str], list[str]] = {}
    for record in archive.years:
        for part in record.contributions:
            number_units.setdefault((record.year, part.part), []).append(part.unit)
    by_file: dict[str, list[str]] = {}
    for row in archive.metrics:
        by_file.setdefault(row.file, []).extend(number_units.get((row.year, f"metrics:{row.area}"), []))
    for file, units in sorted(by_file.items()):
        if units and owners(units):
            lines.append(f"/{file} {owners(list(dict.fromkeys(units)))}")
    return "\n".join(lines) + "\n"
