"""Search filters: what each search hit is (its year, work area and kind: report text, achievement,
problem, plan, 大事记, honour, photograph caption) as words of a hidden field of Material's
search index, and the choices the search panel offers (search/filters.json, read by site.js).

Material's search stays the engine: a filter is a required word in the query ("食堂 +year_2022"),
so a filtered search is an ordinary ?q= link that can be shared. The words are ASCII (Material
cuts Chinese in a query into the index's words, which would break a Chinese filter word apart)
and start with a prefix no report text has.
"""

from __future__ import annotations

import json
import re

from nianjian import urls
from nianjian.facts.report_parts import list_homes
from nianjian.facts.sections import YearOutline
from nianjian.model import Archive

FIELD = "facets"  # the search index's hidden field (mkdocs.yml gives it its weight)
FILTERS_FILE = "search/filters.json"

# (kind, what the panel calls it), in the order the panel lists them.
KINDS = (
    ("report", "报告正文"),
    ("achievement", "成绩"),
    ("problem", "存在问题"),
    ("plan", "工作思路"),
    ("event", "大事记"),
    ("honour", "荣誉"),
    ("photo", "图片说明"),
)


def year_word(year: int) -> str:
    return f"year_{year}"


def area_word(key: str) -> str:
    return "area_" + re.sub(r"[^a-z0-9]", "", key)  # an area key may hold “-”, which search splits at


def kind_word(kind: str) -> str:
    return f"kind_{kind}"


def search_facets(archive: Archive, outline: dict[int, YearOutline]) -> dict[str, tuple[str, ...]]:
    """Site location ("years/2024/#搬迁工作", "events/") → the filter words of the hits there."""
    facets: dict[str, tuple[str, ...]] = {}
    for record in archive.years:
        year = year_word(record.year)
        sections = outline[record.year].sections
        kinds = tuple(kind for kind, items in (("problems", record.problems), ("plans", record.plans)) if items)
        homes = {anchor: kind for kind, anchor in list_homes(sections, kinds).items()}
        beside = {photo.section for photo in record.photos if photo.section}
        facets[urls.year_url(record.year)] = (year, kind_word("report"))
        for placed in sections:
            words = [year, kind_word("report")]
            if placed.section.area:
                words.append(area_word(placed.section.area))
            if placed.anchor in homes:
                words.append(kind_word(homes[placed.anchor][:-1]))  # "problems" → problem
            if placed.anchor in beside:
                words.append(kind_word("photo"))
            facets[urls.year_url(record.year, placed.anchor)] = tuple(words)
        facets[urls.year_url(record.year, urls.ACHIEVEMENTS_ANCHOR)] = (year, kind_word("achievement"))
        for area in archive.site.areas:
            facets[urls.year_url(record.year, urls.achievements_anchor(area.key))] = (year, area_word(area.key), kind_word("achievement"))
        for anchor, kind in (
            (urls.PROBLEMS_ANCHOR, "problem"), (urls.PLANS_ANCHOR, "plan"), (urls.OUTCOMES_ANCHOR, "plan"),
            (urls.EVENTS_ANCHOR, "event"), (urls.HONOURS_ANCHOR, "honour"), (urls.PHOTOS_ANCHOR, "photo"),
        ):
            facets[urls.year_url(record.year, anchor)] = (year, kind_word(kind))
        for anchor in (urls.CHARTS_ANCHOR, urls.ATTACHMENTS_ANCHOR):  # the year's, of no kind listed
            facets[urls.year_url(record.year, anchor)] = (year,)
    for page, kind in ((urls.EVENTS_PAGE, "event"), (urls.HONOURS_PAGE, "honour"), (urls.PLANS_PAGE, "plan"), (urls.PROBLEMS_PAGE, "problem")):
        facets[urls.page_url(page)] = (kind_word(kind),)
    for area in archive.site.areas:
        facets[urls.area_url(area.key)] = (area_word(area.key),)
    return facets


def filters_json(archive: Archive) -> bytes:
    """The panel's choices: each with its label and the word a query requires for it."""
    choices = {
        "year": [{"label": f"{record.year}年", "word": year_word(record.year)} for record in reversed(archive.years)],
        "area": [{"label": area.name, "word": area_word(area.key)} for area in archive.site.areas],
        "kind": [{"label": label, "word": kind_word(kind)} for kind, label in KINDS],
    }
    return json.dumps(choices, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
