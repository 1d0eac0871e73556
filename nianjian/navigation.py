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


@dataclass(frozen=True)
class Decade:
    title: str
    first: int
    last: int


def decade_titles(years: list[int]) -> list[Decade]:
    """The decades the years fall in, newest first, titled by the years they hold:
    2020—2024年 while 2024 is the newest."""
    decades = []
    for start in sorted({year // 10 * 10 for year in years}, reverse=True):
        held = [year for year in years if start <= year < start + 10]
        decades.append(Decade(f"{min(held)}—{max(held)}年" if len(held) > 1 else f"{held[0]}年", start, start + 9))
    return decades


def volume_title(site_title: str, year: int) -> str:
    """A year's own printed volume (年卷), as the agency names it: 机关服务中心年鉴（2024）."""
    return f"{site_title}（{year}）"
