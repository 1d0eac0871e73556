"""Put editors' plain text into Markdown and HTML safely: what they type is shown, never run.
(Editors' Markdown fields go through nianjian.prose instead.)"""

from __future__ import annotations

from nianjian import urls
from nianjian.escaping import html

# Material's search plugin leaves out every element with this attribute. A text is indexed once,
# where it is written (a year's report on its year page): a page's facts line, key-figure cards,
# charts, download links, empty-state sentences and the overviews' copies of report text are not.
NOT_SEARCHED = "data-search-exclude"


def empty_note(text: str) -> str:
    """The one sentence a page says where it has nothing to show; not a search hit."""
    return f'<p class="nj-empty" {NOT_SEARCHED}>{html(text)}</p>'


def year_link(year: int, page: str, anchor: str | None = None, text: str | None = None) -> str:
    """A link to a year page (or a section of it) from the Markdown page `page`."""
    return f'<a href="{html(urls.href(urls.year_url(year, anchor), page))}">{html(text or f"{year}年")}</a>'


def copies_list(items: list[str]) -> str:
    """A list of links to report text found elsewhere (HTML items, escaped by the caller): shown
    to readers, left out of search, where the text is found on its own page."""
    return f'<ul class="nj-copies" {NOT_SEARCHED}>' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
