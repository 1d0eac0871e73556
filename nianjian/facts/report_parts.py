"""The parts every annual work report (年度工作总结) has, recognised by their headings. The
importer files the numbered items under a problems or plans heading as `problems` and `plans`; the formal edition sets those lists back under the report's own
heading, or adds the chapter where the report has none."""

from __future__ import annotations

import re

from nianjian.facts.sections import PlacedSection

# “四、存在问题”, “（三）存在的不足”, “五、明年服务中心的工作思路”, “2025年工作打算”, “下一步工作”.
PROBLEMS_HEADING = re.compile(r"存在(?:的)?(?:主要)?(?:问题|不足)|问题(?:和|与|及)不足|不足(?:之处)?$|^主要问题")
PLANS_HEADING = re.compile(r"(?:明年|下一?年|新的一年|\d{4}年).{0,12}(?:思路|打算|计划|安排|设想|重点)|工作(?:思路|打算|计划|设想)|下一步")
# The chapter the formal edition adds when the report has none of its own.
PROBLEMS_CHAPTER, PLANS_CHAPTER = "存在问题", "明年工作思路"

def list_homes(sections: tuple[PlacedSection, ...], kinds: tuple[str, ...]) -> dict[str, str]:
    """The anchor of the report's own chapter for each kind of list it has items of ("problems",
    "plans"): the first top-level heading that names it. A kind with no such chapter is absent."""
    homes: dict[str, str] = {}
    for placed in sections:
        if placed.depth:
            continue
        title = placed.section.title
        kind = "problems" if is_problems_heading(title) else "plans" if is_plans_heading(title) else ""
        if kind in kinds and kind not in homes:
            homes[kind] = placed.anchor
    return homes


def is_problems_heading(title: str) -> bool:
    return bool(PROBLEMS_HEADING.search(title.strip()))


def is_plans_heading(title: str) -> bool:
    return not is_problems_heading(title) and bool(PLANS_HEADING.search(title.strip()))
