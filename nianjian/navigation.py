"""The site's sections in navigation order, each with the one Chinese title its index page and
the navigation both show. The render step hands them to MkDocs with the pages
(RenderedSite.sections); the hooks only apply them."""

from __future__ import annotations

SECTIONS: tuple[tuple[str, str], ...] = (
    ("years", "年度报告"),
    ("compare", "年度对比"),
    ("areas", "工作领域"),
    ("plans", "目标落实"),
    ("problems", "反复出现的问题"),
    ("tags", "标签"),
    ("guide", "编辑指南"),
)


def section_title(folder: str) -> str:
    return dict(SECTIONS)[folder]
