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
from markdown.inlinepatterns import ENTITY_RE, InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

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


# Python-Markdown's inline step costs, for each mark it tries, work in proportion to the rest of
# the paragraph: a link's `[` is scanned to its `]` (to the paragraph's end when there is none),
# and every match rebuilds the paragraph's text; its block parser recurses once per level of
# quotation or list. 1,000 unclosed `[` in one paragraph took 3 s, 2,000 levels of nesting
# ended in a RecursionError. A report paragraph holds a few marks, so text within these bounds,
# which `conversion_problems` checks in one pass and validation enforces, converts in time
# linear in its length.
MAX_MARKS_PER_PARAGRAPH = 300  # of * _ ` \ & [ and hard line breaks
MAX_LINK_TEXT = 300  # characters from a `[` to its `]`
MAX_BRACKET_DEPTH = 3  # [a [b [c]]]
MAX_NESTING = 8  # levels of quotation (>) and of lists
_MARKS = re.compile(r"[*_`\\&\[]| {2}$", re.M)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_QUOTES = re.compile(r"^[ >]*", re.M)
_LIST_ITEM = re.compile(r"^( *)(?:[-*+]|[0-9]+[.)])[ \t]", re.M)


def conversion_problems(text: str) -> list[tuple[int, str]]:
    """Where a Markdown text goes beyond the bounds of a linear conversion: (offset, what is
    wrong, in Chinese), at most one of each kind a paragraph."""
    problems: list[tuple[int, str]] = []
    if plain_paragraphs(text) is not None:  # most report text: no Markdown at all
        return problems
    starts = [0] + [match.end() for match in _PARAGRAPH_BREAK.finditer(text)]
    ends = [match.start() for match in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    for start, end in zip(starts, ends):
        paragraph = text[start:end]
        marks = len(_MARKS.findall(paragraph))
        if marks > MAX_MARKS_PER_PARAGRAPH:
            problems.append((start, f"这一段的 Markdown 符号（* _ ` \\ & [ 等）太多：{marks} 个，一段最多 {MAX_MARKS_PER_PARAGRAPH} 个"))
        if (bracket := _bracket_problem(paragraph)) is not None:
            problems.append((start + bracket[0], bracket[1]))
        if (nested := _nesting_problem(paragraph)) is not None:
            problems.append((start + nested, f"引用（>）或列表嵌套超过 {MAX_NESTING} 层"))
    return problems


_BRACKET_OR_ESCAPE = re.compile(r"\\.|[\[\]]", re.S)


def _bracket_problem(paragraph: str) -> tuple[int, str] | None:
    open_at: list[int] = []
    for match in _BRACKET_OR_ESCAPE.finditer(paragraph):  # an escaped \[ is no bracket
        if match.group() == "[":
            open_at.append(match.start())
            if len(open_at) > MAX_BRACKET_DEPTH:
                return match.start(), f"方括号 [ 嵌套超过 {MAX_BRACKET_DEPTH} 层"
        elif match.group() == "]" and open_at and match.start() - open_at.pop() > MAX_LINK_TEXT:
            return match.start(), f"方括号 [ ] 之间超过 {MAX_LINK_TEXT} 个字符"
    if open_at:
        return open_at[0], "方括号 [ 没有配对的 ]"
    return None


def _nesting_problem(paragraph: str) -> int | None:
    for match in _QUOTES.finditer(paragraph) if ">" in paragraph else ():
        if match.group().count(">") > MAX_NESTING:
            return match.start()
    for match in _LIST_ITEM.finditer(paragraph):
        if len(match.group(1)) // 4 >= MAX_NESTING:
            return match.start()
    return None


@dataclass(frozen=True)
class LinkTarget:
    url: str
    offset: int  # where the URL appears in the Markdown text, for the error's line
    image: bool = False  # an image's source (the page loads it), not a link


class _CollectLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.md.link_targets = [
            (element.get(attribute), element.tag == "img")
            for element in root.iter()
            for attribute in _LINK_ATTRIBUTES
            if element.get(attribute) is not None
        ]


class _KeepTree(Treeprocessor):
    """The finished element tree, for renderings other than HTML (ProseRenderer.blocks)."""

    def run(self, root: etree.Element) -> None:
        self.md.prose_tree = root


class _EntityAsText(InlineProcessor):
    """`&amp;` or `&copy;` typed by an editor is shown as typed. Without the entity pattern
    Python-Markdown still writes such text out unescaped (its serializer leaves what looks like
    an entity alone), so the browser would show & or ©: its `&` is escaped here."""

    def handleMatch(self, match: re.Match, data: str) -> tuple[str, int, int]:  # noqa: N802 (Markdown's API)
        return AtomicString("&amp;" + match.group(1)[1:]), match.start(0), match.end(0)


class _ProseExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_CollectLinks(md), "nianjian_links", 0)
        md.treeprocessors.register(_KeepTree(md), "nianjian_tree", -10)  # after every other step


@dataclass(frozen=True)
class Run:
    """A stretch of prose text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(frozen=True)
class ProseBlock:
    """One block of an editor's Markdown as a document other than HTML shows it: a paragraph,
    a list item (with its marker and depth), a small heading, a quotation, code, or a table row."""

    kind: str  # "paragraph", "item", "heading", "quote", "code" or "row"
    runs: tuple[Run, ...]
    marker: str = ""  # a list item's “1.” or “•”
    depth: int = 0  # a list item's nesting, 0 for the outermost
    cells: tuple[str, ...] = ()  # a table row's cells


class ProseRenderer:
    """One per build: creating the Markdown instance costs more than converting a paragraph,
    so it is made on the first text that needs it (plain report text never does)."""

    @cached_property
    def _markdown(self) -> markdown.Markdown:
        # Deliberately no attr_list, md_in_html or raw HTML: data must not choose attributes.
        md = markdown.Markdown(extensions=["tables", "sane_lists", _ProseExtension()])
        # What editors type is text: no HTML blocks or tags, no <…> autolinks, no entities, so
        # `<script>` shows as typed and `&` inside code stays one `&`.
        md.preprocessors.deregister("html_block")
        for pattern in ("html", "entity", "autolink", "automail"):
            md.inlinePatterns.deregister(pattern)
        md.inlinePatterns.register(_EntityAsText(ENTITY_RE, md), "entity_as_text", 80)
        return md

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
        self._markdown.prose_tree = etree.Element("div")  # blank text runs no tree step at all
        body = self._markdown.convert(text)
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
        return _html_block(self.html(text), css_class)

    def block_and_blocks(self, text: str, css_class: str = "nj-prose") -> tuple[str, list[ProseBlock]]:
        """block() and blocks() of one text, its Markdown converted once (a year page and what
        search finds on it)."""
        if plain_paragraphs(text) is not None:
            return self.block(text, css_class), self.blocks(text)
        body, _ = self._convert(text)
        return _html_block(self._cleaner.clean(body), css_class), self._converted_blocks()

    def blocks(self, text: str) -> list[ProseBlock]:
        """The text's blocks for a rendering without HTML (the Word document): the same Markdown
        as html(), read from its element tree, never from the HTML."""
        if plain_paragraphs(text) is not None:
            paragraphs = [part for part in re.split(r"\n{2,}", text.strip("\n")) if part]
            return [ProseBlock("paragraph", (Run(part.replace("\n", " ")),)) for part in paragraphs]
        self._convert(text)
        return self._converted_blocks()

    def _converted_blocks(self) -> list[ProseBlock]:
        """The blocks of the text _convert converted last, read from its tree."""
        stash = self._markdown.htmlStash.rawHtmlBlocks

        def shown(value: str | None) -> str:
            # The tree holds text escaped for HTML where Markdown escaped it (code, and the `&`
            # of entity-looking text: _EntityAsText): the reader sees it unescaped. Only those
            # escapes are undone: html.unescape would also read typed "&#65" (no semicolon, left
            # as text on the page) as "A".
            value = _STASH_PLACEHOLDER.sub(lambda match: str(stash[int(match.group(1))]), value or "")
            return _MARKDOWN_ESCAPE.sub(lambda match: _MARKDOWN_UNESCAPED[match.group(0)], value).replace("\n", " ")

        return list(_blocks(self._markdown.prose_tree, shown))

    def link_targets(self, text: str) -> list[LinkTarget]:
        """Every link and image URL in the text, as the browser would get it."""
        if "[" not in text:  # no Markdown link or image without a bracket: skip the conversion
            return []
        _, targets = self._convert(text)
        found = []
        for url, image in targets:
            offset = text.find(url)
            found.append(LinkTarget(url, max(offset, 0), image))
        return found


def _html_block(html: str, css_class: str) -> str:
    return f'<div class="{css_class}">\n{html}\n</div>\n'


_BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
# What Python-Markdown escapes in the tree's text (markdown.util.code_escape, and our _EntityAsText).
_MARKDOWN_UNESCAPED = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_MARKDOWN_ESCAPE = re.compile("|".join(_MARKDOWN_UNESCAPED))
_STASH_PLACEHOLDER = re.compile(re.escape(HTML_PLACEHOLDER).replace("%s", "([0-9]+)"))
_INLINE_STYLE = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "code": "code"}
_BLOCK_KIND = {"p": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading"}


def _runs(element: etree.Element, shown, style: frozenset = frozenset()) -> list[Run]:
    """The text of an element and its inline children, in order, with their emphasis (a link
    keeps its text, an image its alt text)."""
    def run(text: str | None) -> list[Run]:
        text = shown(text)
        return [Run(text, "bold" in style, "italic" in style, "code" in style)] if text else []

    runs = run(element.text)
    for child in element:
        if child.tag in _BLOCK_TAGS:
            continue  # a nested list, paragraph, quotation … is a block of its own
        if child.tag == "img":
            runs += run(child.get("alt"))
        elif child.tag == "br":
            runs += run(" ")
        else:
            runs += _runs(child, shown, style | {_INLINE_STYLE[child.tag]} if child.tag in _INLINE_STYLE else style)
        runs += run(child.tail)
    return runs


def _blocks(parent: etree.Element, shown, depth: int = 0, quote: bool = False):
    for element in parent:
        if element.tag in ("ul", "ol"):
            start = int(element.get("start", "1"))
            for number, item in enumerate(element.findall("li"), start=start):
                marker = f"{number}." if element.tag == "ol" else "•"
                inner = [child for child in item if child.tag in _BLOCK_TAGS]
                # A loose list wraps its text in <p>; a tight one holds it directly.
                text_holder = item.find("p") if item.find("p") is not None else item
                yield ProseBlock("item", tuple(_runs(text_holder, shown)), marker, depth)
                nested = etree.Element("div")
                nested.extend(child for child in inner if child is not text_holder)
                yield from _blocks(nested, shown, depth + 1, quote)
        elif element.tag == "blockquote":
            yield from _blocks(element, shown, depth, quote=True)
        elif element.tag == "pre":
            yield ProseBlock("code", (Run(shown("".join(element.itertext())).strip(), code=True),))
        elif element.tag == "table":
            for row in element.iter("tr"):
                yield ProseBlock("row", (), cells=tuple(shown("".join(cell.itertext())).strip() for cell in row))
        elif element.tag == "hr":
            continue
        elif element.tag in _BLOCK_KIND:
            kind = "quote" if quote and element.tag == "p" else _BLOCK_KIND[element.tag]
            yield ProseBlock(kind, tuple(_runs(element, shown)))


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
