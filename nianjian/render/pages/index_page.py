"""The 索引 page: each term of the subject index (facts/subject_index.py) with a link to every
place that has it, grouped by year."""

from __future__ import annotations

from itertools import groupby

from nianjian import urls
from nianjian.facts.sections import YearOutline
from nianjian.facts.subject_index import subject_index
from nianjian.model import Archive
from nianjian.navigation import section_title
from nianjian.render.parts.templating import html_block, page_markdown
from nianjian.render.parts.text import empty_note


def render_index_page(archive: Archive, outline: dict[int, YearOutline]) -> str:
    index = subject_index(archive, outline)
    lines = ["网站和年鉴的主题索引：标签、工作领域、检索词表（data/search-words.txt）和各年 `index` 里的词，每处出现都有链接。", ""]
    if not index:
        return page_markdown(section_title("terms"), lines + [empty_note("还没有可以编入索引的词。"), ""])
    entries = [(term, [(year, list(places)) for year, places in groupby(found, key=lambda place: place.year)]) for term, found in index.items()]
    lines += [html_block("subject_index.html", entries=entries, page=urls.INDEX_PAGE), ""]
    return page_markdown(section_title("terms"), lines)
