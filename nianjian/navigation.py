"""The site's sections in navigation order, each with the one Chinese title its index page and
the navigation both show. The render step hands them to MkDocs with the pages
(RenderedSite.sections); the hooks only apply them."""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS: tuple[tuple[str, str], ...] = (
    ("years", "年度报告"),
    ("events", "大事记"),
    ("compare", "年度对比"),
    ("areas", "工作领域"),
    ("honours", "荣誉"),
    ("plans", "目标落实"),
    ("problems", "反复出现的问题"),
    ("tags", "标签"),
    ("terms", "索引"),
    ("about", "编辑说明"),
    ("board", "组稿与审核"),  # internal edition only, when some year is under review or planned
    ("guide", "编辑指南"),
)


def section_title(folder: str) -> str:
    return dict(SECTIONS)[folder]


# A sidebar level lists at most this many groups of years: beyond it, decades are grouped by
# century, so a year page's sidebar stays about the same size at 20 years and at 2,000.
MOST_GROUPS = 20


@dataclass(frozen=True)
class YearGroup:
    """A decade (or, with many years, a century of decades) in the sidebar."""

    title: str  # by the years it holds: 2020—2024年 while 2024 is the newest
    first: int
    last: int
    groups: tuple[YearGroup, ...] = ()  # a century's decades; a decade lists its years


def _grouped(years: list[int], size: int) -> list[YearGroup]:
    """The years in groups of `size` (10, 100) by their start, newest first, each titled by the years it holds."""
    held: dict[int, list[int]] = {}
    for year in years:
        held.setdefault(year // size * size, []).append(year)
    return [
        YearGroup(f"{min(members)}—{max(members)}年" if len(members) > 1 else f"{members[0]}年", start, start + size - 1)
        for start, members in sorted(held.items(), reverse=True)
    ]


def year_groups(years: list[int]) -> list[YearGroup]:
    """Decades, newest first; when there are more than MOST_GROUPS of them, centuries holding
    their decades."""
    decades = _grouped(years, 10)
    if len(decades) <= MOST_GROUPS:
        return decades
    by_century: dict[int, list[YearGroup]] = {}
    for decade in decades:
        by_century.setdefault(decade.first // 100 * 100, []).append(decade)
    return [YearGroup(century.title, century.first, century.last, tuple(by_century[century.first])) for century in _grouped(years, 100)]


def volume_title(site_title: str, year: int) -> str:
    """A year's own printed volume (年卷), as the agency names it: 机关服务中心年鉴（2024）."""
    return f"{site_title}（{year}）"
