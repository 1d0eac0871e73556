"""The subject index (索引): its terms (tags, the work areas' names, the agency's search words and
each year's own `index` words) and every place in the 年鉴 that has one — a report section, an
achievement (at its section), a 大事记 entry, an honour — found in the model's text that readers see
(not in tags: a place is indexed under a word only where the word is written), never in rendered
HTML."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian import urls
from nianjian.facts.sections import YearOutline
from nianjian.model import Archive


@dataclass(frozen=True)
class Occurrence:
    year: int
    target: str  # a site path with its anchor: years/2024/#食堂改造
    label: str  # where it is, as readers know it: 二、主要工作成绩 › （一）物业管理


def index_terms(archive: Archive) -> list[str]:
    """Every term once, in the order of the code points of their first
    characters (the CJK block runs by radical and stroke count: 部首笔画)."""
    terms = [area.name for area in archive.site.areas] + list(archive.search_words)
    for record in archive.years:
        terms += list(record.index_terms)
        terms += [tag for section in _all_sections(record.sections) for tag in section.tags]
        terms += [tag for item in record.achievements for tag in item.tags] + [tag for event in record.events for tag in event.tags]
    return sorted(dict.fromkeys(term for term in terms if len(term) >= 2), key=lambda term: (term, len(term)))


def _all_sections(sections):
    for section in sections:
        yield section
        yield from _all_sections(section.children)


def subject_index(archive: Archive, outline: dict[int, YearOutline]) -> dict[str, list[Occurrence]]:
    """Term → its occurrences, newest year first; terms found nowhere are left out."""
    places: list[tuple[str, Occurrence]] = []  # (text, where it is)
    for record in reversed(archive.years):
        year = record.year
        for placed in outline[year].sections:
            section = placed.section
            text = f"{placed.label}\n{section.body}"
            places.append((text, Occurrence(year, urls.year_url(year, placed.anchor), " › ".join(placed.trail + (placed.label,)))))
        for item in record.achievements:
            places.append((f"{item.item}\n{item.result}", Occurrence(year, urls.year_url(year, urls.achievements_anchor(item.area)), f"成绩：{item.item}")))
        for event in record.events:
            places.append((f"{event.text}\n{event.place}", Occurrence(year, urls.year_url(year, urls.EVENTS_ANCHOR), f"大事记：{event.text[:20]}")))
        for honour in record.honours:
            places.append((f"{honour.title}\n{honour.holder}", Occurrence(year, urls.year_url(year, urls.HONOURS_ANCHOR), f"荣誉：{honour.title}")))
    index: dict[str, list[Occurrence]] = {}
    for term in index_terms(archive):
        found = list(dict.fromkeys(place for text, place in places if term in text))
        if found:
            index[term] = found
    return index
