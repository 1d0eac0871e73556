"""Views of the archive narrowed to what a page reads, for the pages across years.

A page across years (the home page, the areas, the tags…) reads a few fields of every year:
the years index reads titles and summaries, the problems page the problems. It is rendered from
a view holding only those (every other field of every year left empty), so the view is an
honest key for it (render/pages/summary_pages.py): a title saved in one year renders the
pages that show titles again, and no other. A page that read a field its view leaves out would
differ from the same page rendered from the whole archive; tests/test_summary_pages.py renders
each both ways.

A view's key need not be made from the view itself: ViewKeys digests the same parts, each year's
field once for all the views that read it, and a view is made only when its pages are rendered.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields, replace

from nianjian.model import Archive, Section, YearRecord
from nianjian.stored import digest

# The fields of YearRecord with no default, as a view leaves them out.
_EMPTY_REQUIRED = {"title": "", "summary": "", "source": None, "sections": (), "achievements": (), "problems": (), "plans": ()}


@dataclass(frozen=True)
class Reads:
    """What of the archive a page reads, besides the site's settings (always in a view)."""

    year_fields: frozenset[str]  # fields of YearRecord ("year" is always kept)
    section_bodies: bool = False  # with "sections": their texts too, not only titles, ids, areas and tags
    metrics: bool = False  # the metrics' rows and the rows still to be filled in
    search_words: bool = False  # the agency's terms (data/search-words.txt)


def _empty_fields(kept: frozenset[str]) -> dict[str, object]:
    empty = {}
    for field in fields(YearRecord):
        if field.name == "year" or field.name in kept:
            continue
        if field.default is not MISSING:
            empty[field.name] = field.default
        elif field.default_factory is not MISSING:
            empty[field.name] = field.default_factory()
        else:
            empty[field.name] = _EMPTY_REQUIRED[field.name]
    return empty


def _without_bodies(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    return tuple(replace(section, body="", children=_without_bodies(section.children)) for section in sections)


def _narrowed_record(record: YearRecord, empty: dict[str, object], reads: Reads) -> YearRecord:
    narrowed = replace(record, **empty)
    if "sections" in reads.year_fields and not reads.section_bodies:
        narrowed = replace(narrowed, sections=_without_bodies(record.sections))
    return narrowed


def narrowed(archive: Archive, reads: Reads) -> Archive:
    """The archive as `reads` sees it: the site's settings and edition, each year with only the
    fields read, the metrics and search words only when read, no files."""
    unknown = reads.year_fields - {field.name for field in fields(YearRecord)}
    if unknown:
        raise ValueError(f"YearRecord has no field {sorted(unknown)}")
    empty = _empty_fields(reads.year_fields)
    return Archive(
        site=archive.site,
        years=tuple(_narrowed_record(record, empty, reads) for record in archive.years),
        metrics=archive.metrics if reads.metrics else (),
        metric_blanks=archive.metric_blanks if reads.metrics else (),
        search_words=archive.search_words if reads.search_words else (),
        public=archive.public,
    )


class ViewKeys:
    """Digests of the archive's views, one per Reads: equal exactly when the views narrowed() makes
    are equal. Each year's field is digested once, however many views read it; nothing is
    narrowed (under `mkdocs serve` most views are unchanged, their pages taken from the cache)."""

    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._fields: dict[tuple[int, str, bool], str] = {}  # (index of the year, field, with bodies) -> digest
        self._site = digest(repr(archive.site), repr(archive.public))
        self._metrics = ""  # their digest, once a view reads them

    def _field(self, index: int, record: YearRecord, name: str, bodies: bool) -> str:
        held = (index, name, bodies or name != "sections")
        if held not in self._fields:
            value = _without_bodies(record.sections) if name == "sections" and not bodies else getattr(record, name)
            self._fields[held] = digest(repr(value))
        return self._fields[held]

    def digest(self, reads: Reads) -> str:
        archive = self._archive
        read = sorted(reads.year_fields)
        parts = [self._site, repr(read), repr((reads.section_bodies, reads.metrics, reads.search_words))]
        if reads.metrics:
            self._metrics = self._metrics or digest(repr(archive.metrics), repr(archive.metric_blanks))
            parts.append(self._metrics)
        if reads.search_words:
            parts.append(repr(archive.search_words))
        for index, record in enumerate(archive.years):
            parts.append(str(record.year))
            parts += [self._field(index, record, name, reads.section_bodies) for name in read]
        return digest(*parts)
