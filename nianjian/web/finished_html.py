"""A Markdown extension (mkdocs.yml markdown_extensions) for the HTML our pages are made of:
each block between nianjian's marker lines (nianjian.render.parts.templating.html_block) goes
into Python-Markdown's own store of raw HTML as it is, the way its HTML block parser stores the
raw blocks it finds. That parser reads every tag of the page to find where a block ends: on our
pages, nearly all HTML, it was most of each page's conversion time. A block inside another (a
table inside the comparison) goes with the outer one, its markers dropped.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from nianjian.render.parts.templating import FINISHED_CLOSE, FINISHED_OPEN


class FinishedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if FINISHED_OPEN not in lines:
            return lines
        kept: list[str] = []
        index = 0
        while index < len(lines):
            end = _block_end(lines, index) if lines[index] == FINISHED_OPEN else None
            if end is None:
                kept.append(lines[index])
                index += 1
                continue
            html = "\n".join(lines[index + 1 : end]).replace(FINISHED_OPEN, "").replace(FINISHED_CLOSE, "")
            kept += ["", self.md.htmlStash.store(html), ""]
            index = end + 1
        return kept


def _block_end(lines: list[str], start: int) -> int | None:
    """The line closing the block opened at `start` (the blocks inside it counted, on lines of
    their own or not), or None: no such line, left to Markdown."""
    depth = 0
    for index in range(start, len(lines)):
        depth += lines[index].count(FINISHED_OPEN) - lines[index].count(FINISHED_CLOSE)
        if depth <= 0:
            return index if lines[index] == FINISHED_CLOSE else None
    return None


class FinishedHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(FinishedHtml(md), "nianjian_finished_html", 25)  # before html_block (20)


def makeExtension(**kwargs: object) -> FinishedHtmlExtension:  # noqa: N802 (Python-Markdown's name)
    return FinishedHtmlExtension(**kwargs)
