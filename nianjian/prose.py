"""Editors' Markdown (summaries, section bodies, the site description) as safe HTML: the one
sanitising step for text from data.

The text is converted here, not by MkDocs, with a Markdown that has no attribute lists and
no raw HTML (`<` and `&` are shown as typed), and the result passes nh3's allow-list of
elements, attributes and URLs before it reaches a page. Pages embed the result as an HTML
block, which MkDocs passes through untouched, so MkDocs' own extensions (attr_list,
md_in_html) never see data text. Links and images may only point inside the site or to
`mailto:`; validation reports any other with file and line (`link_targets`), and the
sanitiser drops what validation would have refused, in case a renderer forgets to ask.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import cached_property

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from nianjian.urls import link_problem

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
    "a", "img", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub", "h4", "h5", "h6",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
_LINK_ATTRIBUTES = {"href", "src"}
# Most report text is plain Chinese paragraphs with no Markdown in it at all. For such text
# the full conversion (about 0.4 ms a body, the largest cost of rendering) gives exactly
# `<p>…</p>` per paragraph; tests/test_prose.py checks the shortcut against it.
_MARKDOWN_MARKS = re.compile(r"[\\`*_\[\]<>&|#!]")
_BLOCK_START = re.compile(r"^(?:[ >+=\-]|[0-9]+[.)])|[ ]$", re.M)
_OTHER_SPACE = re.compile(r"[^\S \n]")  # tabs, U+3000, no-break spaces …: left to Markdown


@dataclass(frozen=True)
class LinkTarget:
    url: str
    offset: int  # where the URL appears in the Markdown text, for the error's line


class _CollectLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.md.link_targets = [
            element.get(attribute)
            for element in root.iter()
            for attribute in _LINK_ATTRIBUTES
            if element.get(attribute) is not None
        ]


class _ProseExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_CollectLinks(md), "nianjian_links", 0)


class ProseRenderer:
    """One per build: creating the Markdown instance costs more than converting a paragraph,
    so it is made on the first text that needs it (plain report text never does)."""

    @cached_property
    def _markdown(self) -> markdown.Markdown:
        # Deliberately no attr_list, md_in_html or raw HTML: data must not choose attributes.
        return markdown.Markdown(extensions=["tables", "sane_lists", _ProseExtension()])

    @cached_property
    def _cleaner(self) -> nh3.Cleaner:
        return nh3.Cleaner(
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes={"mailto"},
            attribute_filter=_keep_attribute,
            link_rel=None,
        )

    def _convert(self, text: str) -> tuple[str, list[str]]:
        self._markdown.reset()
        self._markdown.link_targets = []
        # What editors type is shown: `<script>` and `&amp;` appear as written.
        body = self._markdown.convert(text.replace("&", "&amp;").replace("<", "&lt;"))
        return body, list(self._markdown.link_targets)

    def html(self, text: str) -> str:
        """Sanitised HTML of one Markdown text."""
        plain = plain_paragraphs(text)
        if plain is not None:
            return plain
        body, _ = self._convert(text)
        return self._cleaner.clean(body)

    def block(self, text: str, css_class: str = "nj-prose") -> str:
        """The text as an HTML block for a page's Markdown: MkDocs leaves it as it is."""
        return f'<div class="{css_class}">\n{self.html(text)}\n</div>\n'

    def link_targets(self, text: str) -> list[LinkTarget]:
        """Every link and image URL in the text, as the browser would get it."""
        if "[" not in text:  # no Markdown link or image without a bracket: skip the conversion
            return []
        _, targets = self._convert(text)
        found = []
        for url in targets:
            offset = text.find(url)
            found.append(LinkTarget(url, max(offset, 0)))
        return found


def plain_paragraphs(text: str) -> str | None:
    """The HTML of text that holds no Markdown at all (no marks, no block starts, no
    whitespace but spaces inside lines and newlines), or None when it may hold some."""
    if _MARKDOWN_MARKS.search(text) or _BLOCK_START.search(text) or _OTHER_SPACE.search(text):
        return None
    paragraphs = [part for part in re.split(r"\n{2,}", text.strip("\n")) if part]
    return "\n".join(f"<p>{part}</p>" for part in paragraphs)


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """The sanitiser's last word on URLs: the rule validation applies with a message (the
    page is not known here, so a relative link's climb is left to validation)."""
    if attribute in _LINK_ATTRIBUTES and link_problem(value, None) is not None:
        return None
    return value
