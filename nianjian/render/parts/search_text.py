"""What search finds on a page, rendered from the page's model (its sections, tables, lists,
prose blocks), not read back from its HTML: one more rendering of the same objects.

Material's search plugin divides a page's HTML at each heading with an id and indexes each
part's text. For a year page the render step hands it these parts itself (SearchSection), and
the hooks give them to Material's index (web/material_search.py), which makes the entries as it
would from the HTML: the text escaped, paragraphs and list items marked (<p>, <li>), whatever
the page marks data-search-exclude (render/parts/text.py) left out here too.
tests/test_search_text.py compares them with what Material's parser finds in the built pages.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass

from nianjian.escaping import index_text
from nianjian.facts.dates import chinese_date
from nianjian.prose import ProseBlock
from nianjian.render.formats.photos import PhotoSet
from nianjian.render.parts.chronicle import ChronicleEntry
from nianjian.render.parts.note import Note
from nianjian.render.parts.table import Table


@dataclass(frozen=True)
class SearchSection:
    """A part of a page as search knows it: its heading and the text under it."""

    anchor: str | None  # the heading's id; None for the page's first part (under its title)
    title: str  # as Material's index holds text (escaped)
    text: str


def sections_json(sections: tuple[SearchSection, ...]) -> str:
    """The sections as the build keeps them until the search index is written (RenderedSite)."""
    return json.dumps([astuple(section) for section in sections], ensure_ascii=False)


def sections_from_json(text: str) -> tuple[SearchSection, ...]:
    return tuple(SearchSection(*section) for section in json.loads(text))


class PageSearchText:
    """A page's search sections, written beside its Markdown: a heading starts a section, the
    blocks under it add to its text."""

    def __init__(self, page_title: str) -> None:
        self._sections: list[tuple[str | None, str, list[str]]] = [(None, _heading(page_title), [])]

    def heading(self, title: str, anchor: str) -> None:
        self._sections.append((anchor, _heading(title), []))

    def add(self, *texts: str) -> None:
        self._sections[-1][2].extend(text for text in texts if text)

    def sections(self) -> tuple[SearchSection, ...]:
        return tuple(SearchSection(anchor, title, " ".join(texts)) for anchor, title, texts in self._sections)


def _heading(text: str) -> str:
    return index_text(" ".join(text.split()))


def paragraph(text: str) -> str:
    return f"<p>{index_text(text)}</p>" if text else ""


def prose_text(blocks: list[ProseBlock]) -> str:
    """An editor's Markdown text, from its blocks (nianjian.prose: the tree Markdown made)."""
    parts = []
    for block in blocks:
        if block.kind == "row":
            parts.append(index_text(" ".join(block.cells)))
            continue
        text = "".join(f"<code>{index_text(run.text)}</code>" if run.code else index_text(run.text) for run in block.runs)
        if block.kind == "item":
            parts.append(f"<li>{text}</li>")
        elif block.kind in ("paragraph", "quote"):
            parts.append(f"<p>{text}</p>")
        elif block.kind == "code":
            parts.append(f"<pre>{text}</pre>")
        else:
            parts.append(text)
    return " ".join(parts)


def note_text(note: Note) -> str:
    return f"<p>{index_text(note.title)}</p><p>{index_text(note.text)}</p>" if note.searched else ""


def table_text(table: Table) -> str:
    """A table's caption, headings and cells where it is searched (Table.searched); the notes
    under it always (the page does not exclude them)."""
    parts = []
    if table.searched:
        parts += [table.caption] + [column.heading for column in table.columns]
        for row in table.rows:
            for cell in row:
                # A shortened link's full text is on paper only (data-search-exclude).
                parts.append(" ".join(link.text for link in cell.links) if cell.links else cell.text)
    text = " ".join(index_text(part) for part in parts if part)
    return " ".join([text] + [paragraph(note) for note in table.notes]).strip()


def items_text(items: tuple[tuple[str, str], ...]) -> str:
    """A numbered list of problems or plans: (text, area name or ""); none is not a hit."""
    return "<ol>" + "".join(f"<li>{index_text(text + (f'（{area}）' if area else ''))}</li>" for text, area in items) + "</ol>" if items else ""


def chronicle_text(entries: tuple[ChronicleEntry, ...]) -> str:
    """The 大事记: date, text and place (the area and source are not hits)."""
    return " ".join(index_text(f"{entry.date} {entry.text}" + (f"（{entry.place}）" if entry.place else "")) for entry in entries)


def photos_text(photos: tuple[PhotoSet, ...]) -> str:
    """The photographs' captions, with their date, place and photographer."""
    parts = []
    for shown in photos:
        photo = shown.photo
        details = " · ".join(part for part in (photo.date and chinese_date(photo.date), photo.place, photo.by) if part)
        parts.append(index_text(photo.caption + details))
    return " ".join(parts)
