"""Our pages' HTML blocks reach the page as the templates made them, without Python-Markdown
parsing them again (nianjian/web/finished_html.py): the same page as before, in less time."""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from conftest import FIXTURES
from nianjian.render.pages.site import load_and_render
from nianjian.render.parts.templating import FINISHED_CLOSE, FINISHED_OPEN

# mkdocs.yml's extensions (the slugs aside): the pages' Markdown as MkDocs converts it.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]


def converted(text: str, finished: bool) -> str:
    extensions = ["nianjian.web.finished_html", *EXTENSIONS] if finished else EXTENSIONS
    return markdown.Markdown(extensions=extensions).convert(text)


def between_tags(html: str) -> str:
    """The HTML without the whitespace between tags, which browsers do not show."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_every_generated_page_converts_as_python_markdown_alone_would() -> None:
    pages = load_and_render(FIXTURES / "knowledge-base").rendered.pages
    assert len(pages) > 20
    marked = 0
    for path, text in pages.items():
        text = text if isinstance(text, str) else Path(text).read_text(encoding="utf-8")
        marked += text.count(FINISHED_OPEN)
        unmarked = text.replace(FINISHED_OPEN + "\n", "").replace(FINISHED_CLOSE + "\n", "").replace(FINISHED_OPEN, "").replace(FINISHED_CLOSE, "")
        fast = converted(text, finished=True)
        assert "nianjian:html" not in fast, path
        assert between_tags(fast) == between_tags(converted(unmarked, finished=False)), path
    assert marked > 50  # tables, figures, cards, lists: most of the pages


def test_a_block_inside_another_goes_with_it_and_markdown_around_them_is_converted() -> None:
    inner = f"{FINISHED_OPEN}\n<table><tr><td>1 *不是强调*</td></tr></table>\n{FINISHED_CLOSE}\n"
    page = f"# 标题\n\n{FINISHED_OPEN}\n<div class=\"outer\"><p>对比</p>{inner}</div>\n{FINISHED_CLOSE}\n\n正文 *强调*\n"
    html = converted(page, finished=True)
    assert '<div class="outer"><p>对比</p>\n<table><tr><td>1 *不是强调*</td></tr></table>\n\n</div>' in html
    assert "<em>强调</em>" in html and '<h1 id="_1">标题</h1>' in html
    assert "nianjian" not in html


def test_a_block_never_closed_is_left_to_markdown() -> None:
    html = converted(f"{FINISHED_OPEN}\n<div>甲</div>\n\n## 乙\n", finished=True)
    assert "<div>甲</div>" in html and '<h2 id="_1">乙</h2>' in html
